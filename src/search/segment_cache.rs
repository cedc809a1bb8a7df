//! What a search reads from a segment's files once and keeps while the engine lives: a
//! server searches the same segments request after request, and a segment never changes.

use std::sync::{Arc, Mutex};

use rustc_hash::FxHashMap;

use tantivy::index::SegmentId;
use tantivy::Searcher;

/// One `T` per segment, opened when first asked for.
pub(crate) struct SegmentCache<T>(Mutex<FxHashMap<SegmentId, Arc<T>>>);

impl<T> Default for SegmentCache<T> {
    fn default() -> SegmentCache<T> {
        SegmentCache(Mutex::default())
    }
}

impl<T> SegmentCache<T> {
    /// The `T` of `segment`, one of `searcher`'s, opened by `open` when not kept yet. A
    /// `None` is not kept: it is looked for again next time.
    pub(crate) fn get<E>(
        &self,
        searcher: &Searcher,
        segment: SegmentId,
        open: impl FnOnce() -> std::result::Result<Option<T>, E>,
    ) -> std::result::Result<Option<Arc<T>>, E> {
        let mut kept = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(value) = kept.get(&segment) {
            return Ok(Some(value.clone()));
        }
        // A server outlives segments merged away: forget them now and then.
        if kept.len() > 2 * searcher.segment_readers().len() + 8 {
            kept.clear();
        }
        let Some(value) = open()?.map(Arc::new) else {
            return Ok(None);
        };
        kept.insert(segment, value.clone());
        Ok(Some(value))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::test_index::one_field;

    #[test]
    fn opens_each_segment_once_and_tries_a_missing_one_again() {
        let (index, _) = one_field([["war"], ["peace"]]);
        let searcher = index.reader().unwrap().searcher();
        let cache: SegmentCache<u32> = SegmentCache::default();
        let mut opened = 0;
        for segment in searcher.segment_readers() {
            for _ in 0..3 {
                let value = cache.get::<()>(&searcher, segment.segment_id(), || {
                    opened += 1;
                    Ok(Some(segment.max_doc()))
                });
                assert_eq!(*value.unwrap().unwrap(), segment.max_doc());
            }
        }
        assert_eq!(opened, searcher.segment_readers().len());
        let segment = searcher.segment_readers()[0].segment_id();
        let cache: SegmentCache<u32> = SegmentCache::default();
        for _ in 0..2 {
            assert!(cache
                .get::<()>(&searcher, segment, || Ok(None))
                .unwrap()
                .is_none());
        }
        let again = cache.get::<()>(&searcher, segment, || Ok(Some(7))).unwrap();
        assert_eq!(again.as_deref(), Some(&7));
    }
}

//! Champion lists: for each word common in a segment, the segment's best documents for a
//! search of that word alone (Manning, Raghavan and Schütze, *Introduction to Information
//! Retrieval*, §7.1.3), so that a one-word search ranks a few dozen documents per segment
//! instead of pruning its way through tens of thousands.
//!
//! Each segment gets a file of its own, named after it: segments never change, so neither
//! does the file, and an update computes files only for the segments it wrote. The
//! champions are chosen under the segment's own statistics; a search rescores them under
//! the index's, and uses them only where that provably gives the hits a full search
//! would: every other document of the segment scored at most `next` under the segment's
//! statistics, and changing the statistics can raise a score at most by a factor found
//! from the old and new ones (see [`top`]). Where that bound does not settle a segment, or
//! it has no file, the segment is searched in full, from the threshold the champions set.
//!
//! The files are an optimisation only: a missing or damaged one means a slower search,
//! never a different one.

mod compute;
mod file;
mod top;

pub(crate) use file::Champions;
pub(crate) use top::top_docs;

use std::path::Path;

use rayon::prelude::*;
use tantivy::directory::Directory;
use tantivy::index::SegmentId;
use tantivy::schema::{Field, Schema};
use tantivy::{Index, ReloadPolicy, Score, Searcher};

use super::query::FIELD_BOOSTS;

/// Champions kept per word and segment: enough for the first pages of hits.
pub(crate) const CHAMPIONS: usize = 32;

/// Words held by at least this many of a segment's documents (counted per field) get
/// champions; rarer words are searched quickly enough without.
pub(crate) const COMMON_IN: u32 = 1024;

/// Champion files are named this and the segment's id. The leading dot keeps them out of
/// tantivy's garbage collection, which deletes the files it wrote that no commit uses.
const FILE_PREFIX: &str = ".annals-champions-";

fn file_name(segment: SegmentId) -> String {
    format!("{FILE_PREFIX}{}", segment.uuid_string())
}

/// The fields a one-word query searches, with their weights, as the query compiler uses them.
fn word_fields(schema: &Schema) -> Option<Vec<(Field, Score)>> {
    FIELD_BOOSTS
        .iter()
        .map(|(name, boost)| schema.get_field(name).ok().map(|f| (f, *boost)))
        .collect()
}

/// Write the champion file of each segment `searcher` reads that has none, in `folder`
/// (the folder of `index`).
///
/// Best effort, after the commit: a file that cannot be written only leaves that
/// segment's one-word searches slower, so failures are not reported. Each file is
/// written under a temporary name and renamed, so a reader finds it whole or not at all.
pub(crate) fn write_missing(index: &Index, folder: &Path, searcher: &Searcher) {
    let Some(fields) = word_fields(&index.schema()) else {
        return;
    };
    searcher
        .segment_readers()
        .par_iter()
        .map(|segment| (segment, file_name(segment.segment_id())))
        .filter(|(_, name)| !folder.join(name).exists())
        .for_each(|(segment, name)| {
            if let Ok(bytes) = compute::compute(segment, &fields) {
                let _ = write(index, folder, &name, &bytes);
            }
        });
}

/// [`write_missing`] for the last commit of `index`, then remove the files of segments
/// no longer in it (and any left half-written). For writers, which hold the lock.
pub(crate) fn update(index: &Index, folder: &Path) {
    let Ok(reader) = index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()
    else {
        return;
    };
    let searcher = reader.searcher();
    write_missing(index, folder, &searcher);
    let current: Vec<String> = searcher
        .segment_readers()
        .iter()
        .map(|r| file_name(r.segment_id()))
        .collect();
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(FILE_PREFIX) && !current.iter().any(|c| *c == name) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

fn write(index: &Index, folder: &Path, name: &str, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    use tantivy::directory::TerminatingWrite;
    let temporary = format!("{name}.{}.tmp", std::process::id());
    let directory = index.directory();
    let _ = directory.delete(Path::new(&temporary));
    let mut file = directory
        .open_write(Path::new(&temporary))
        .map_err(std::io::Error::other)?;
    file.write_all(bytes)?;
    file.terminate()?;
    std::fs::rename(folder.join(&temporary), folder.join(name))
}

/// The champion file of each segment `searcher` reads (`None` where there is none, or it
/// does not read), taking those of `opened` (for the same searcher) that are open already.
///
/// A file is written after the commit that made its segment, so a reader that follows
/// commits may find it missing at first and find it on a later try.
pub(crate) fn open(
    index: &Index,
    searcher: &Searcher,
    opened: Option<&[Option<Champions>]>,
) -> Vec<Option<Champions>> {
    searcher
        .segment_readers()
        .iter()
        .enumerate()
        .map(|(ord, segment)| {
            if let Some(Some(file)) = opened.and_then(|o| o.get(ord)) {
                return Some(file.clone());
            }
            let slice = index
                .directory()
                .open_read(Path::new(&file_name(segment.segment_id())))
                .ok()?;
            Champions::parse(slice.read_bytes().ok()?)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::{update, UpdateOptions};
    use crate::search::{Engine, SearchOptions};

    fn files_in(index: &Path) -> Vec<std::path::PathBuf> {
        std::fs::read_dir(index)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.to_string_lossy().contains(FILE_PREFIX))
            .collect()
    }

    #[test]
    fn an_engine_finds_files_written_after_it_opened_the_commit() {
        let dir = tempfile::tempdir().unwrap();
        let corpus = dir.path().join("corpus");
        std::fs::create_dir(&corpus).unwrap();
        for i in 0..3 {
            let text = format!("Siege {i}\nThe siege of the fort lasted {i} years.\n");
            std::fs::write(corpus.join(format!("{i}.txt")), text).unwrap();
        }
        let index_path = dir.path().join("index");
        update(&index_path, &UpdateOptions::new(&corpus), &mut |_| {}).unwrap();
        let written = files_in(&index_path);
        assert!(!written.is_empty());
        for file in written {
            std::fs::remove_file(file).unwrap();
        }

        let engine = Engine::open(&index_path).unwrap();
        let searcher = engine.reader().searcher();
        let hits = engine.search("siege", &SearchOptions::default()).unwrap();
        assert_eq!(hits.hits.len(), 3);
        assert!(engine.champions(&searcher).iter().all(Option::is_none));
        super::update(&engine.index().index, &index_path);
        assert!(engine.champions(&searcher).iter().all(Option::is_some));
    }
}

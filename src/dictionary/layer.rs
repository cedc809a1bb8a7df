//! One file of the dictionary: an FST from words to counts.

use std::io::Write;
use std::path::Path;
use std::sync::Arc;

use tantivy::directory::{Directory, OwnedBytes, TerminatingWrite};
use tantivy_fst::raw::Fst;
use tantivy_fst::{Automaton, IntoStreamer, Map, MapBuilder, Streamer};

use crate::error::{Error, Result};

/// Words and counts, sorted by bytes; empty when there is no file.
#[derive(Clone)]
pub(super) struct Layer {
    map: Option<Arc<Map<OwnedBytes>>>,
    /// The file's bytes (shared with `map`), for writing them out.
    bytes: OwnedBytes,
}

impl Default for Layer {
    fn default() -> Layer {
        Layer {
            map: None,
            bytes: OwnedBytes::empty(),
        }
    }
}

impl Layer {
    /// The layer in the file `name` of `directory`.
    pub(super) fn open(directory: &dyn Directory, name: &str) -> Result<Layer> {
        let bytes = directory
            .open_read(Path::new(name))
            .map_err(|e| Error::io(name, std::io::Error::other(e)))?
            .read_bytes()
            .map_err(|e| Error::io(name, e))?;
        Layer::from_bytes(bytes).map_err(|e| Error::io(name, e))
    }

    fn from_bytes(bytes: OwnedBytes) -> std::io::Result<Layer> {
        let map = Map::from(Fst::new(bytes.clone()).map_err(std::io::Error::other)?);
        Ok(Layer {
            map: Some(Arc::new(map)),
            bytes,
        })
    }

    /// A layer of `entries`, which must be sorted by bytes and distinct.
    pub(super) fn build<'w>(
        entries: impl IntoIterator<Item = (&'w str, u64)>,
    ) -> std::io::Result<Layer> {
        let mut builder = MapBuilder::memory();
        for (word, count) in entries {
            builder.insert(word, count).map_err(std::io::Error::other)?;
        }
        let bytes = builder.into_inner().map_err(std::io::Error::other)?;
        Layer::from_bytes(OwnedBytes::new(bytes))
    }

    /// Write the layer as the file `name` in `directory` (with tantivy's footer and
    /// checksum, which its directory checks on reading), synced to disk. Not atomically:
    /// no commit names the file until it is complete, and a file of the same name (left
    /// by an interrupted update) is replaced.
    pub(super) fn write(&self, directory: &dyn Directory, name: &str) -> std::io::Result<()> {
        let path = Path::new(name);
        let _ = directory.delete(path);
        let mut file = directory.open_write(path).map_err(std::io::Error::other)?;
        file.write_all(self.bytes.as_slice())?;
        file.terminate()
    }

    pub(super) fn len(&self) -> usize {
        self.map.as_ref().map_or(0, |m| m.len())
    }

    pub(super) fn get(&self, word: &str) -> Option<u64> {
        self.map.as_ref()?.get(word)
    }

    /// Calls `visit` with each word `automaton` accepts within `[from, to)`, in order.
    pub(super) fn search<A: Automaton>(
        &self,
        automaton: A,
        from: &[u8],
        to: Option<&[u8]>,
        mut visit: impl FnMut(&str, u64),
    ) {
        let Some(map) = &self.map else {
            return;
        };
        let mut builder = map.search(automaton).ge(from);
        if let Some(to) = to {
            builder = builder.lt(to);
        }
        let mut stream = builder.into_stream();
        while let Some((key, count)) = stream.next() {
            if let Ok(word) = std::str::from_utf8(key) {
                visit(word, count);
            }
        }
    }

    /// The words within `[from, to)`, in order, with their counts.
    pub(super) fn range<'a>(&'a self, from: &[u8], to: Option<&[u8]>) -> Option<LayerStream<'a>> {
        let map = self.map.as_ref()?;
        let mut builder = map.range().ge(from);
        if let Some(to) = to {
            builder = builder.lt(to);
        }
        Some(LayerStream(builder.into_stream()))
    }
}

/// A stream of a layer's words in order.
pub(super) struct LayerStream<'a>(tantivy_fst::map::Stream<'a>);

impl LayerStream<'_> {
    /// The next word and count, copied into `word`; false at the end.
    pub(super) fn next_into(&mut self, word: &mut Vec<u8>) -> Option<u64> {
        let (key, count) = self.0.next()?;
        word.clear();
        word.extend_from_slice(key);
        Some(count)
    }
}

//! The zip archives that EPUB, DOCX and ODT files are: their member files read as text,
//! each held to the size limit of a file, so that a zip bomb stops early and the
//! pictures that make an archive big cost nothing.

use std::io::{Cursor, Read};

use super::text::{decode_document, without_suffix, Document as Text};

/// An archive of the format `kind` (`EPUB`, `DOCX`, …), which its errors name.
pub(crate) struct Archive<'a> {
    zip: zip::ZipArchive<Cursor<&'a [u8]>>,
    kind: &'static str,
    /// The most bytes a member read may hold (`--max-file-size`).
    limit: u64,
}

impl<'a> Archive<'a> {
    /// Open `bytes` as a zip archive whose members are read up to `limit` bytes; `Err` is
    /// the reason to skip the file.
    pub(crate) fn open(
        bytes: &'a [u8],
        kind: &'static str,
        limit: u64,
    ) -> Result<Archive<'a>, String> {
        // Office encrypts a document saved with a password into a compound file, the
        // format of Word 97–2003, which a renamed `.doc` is too (a `.docx` that is one is
        // read as a `.doc` before it comes here).
        if bytes.starts_with(&super::doc::COMPOUND_FILE) {
            return Err(format!(
                "cannot be read as {kind}: a password-protected document, or a Word 97–2003 \
                 one under another name (named .doc, it is read as one)"
            ));
        }
        let zip = zip::ZipArchive::new(Cursor::new(bytes))
            .map_err(|e| format!("cannot be read as {kind} (not a zip archive: {e})"))?;
        Ok(Archive { zip, kind, limit })
    }

    /// The bytes of the archive's file `name`; `Err` (the reason to skip the archive) when
    /// it cannot be read or holds more than the limit.
    pub(crate) fn bytes(&mut self, name: &str) -> Result<Vec<u8>, String> {
        let kind = self.kind;
        let file = self
            .zip
            .by_name(name)
            .map_err(|e| format!("cannot be read as {kind} ({name}: {e})"))?;
        let mut bytes = Vec::new();
        file.take(self.limit.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(|e| format!("cannot be read as {kind} ({name}: {e})"))?;
        if bytes.len() as u64 > self.limit {
            return Err(format!(
                "{name} is larger than the size limit ({} bytes; see --max-file-size)",
                self.limit
            ));
        }
        Ok(bytes)
    }

    /// The text of the archive's file `name`: UTF-8 or UTF-16, or the encoding its XML
    /// declaration names.
    pub(crate) fn text(&mut self, name: &str) -> Result<String, String> {
        let bytes = self.bytes(name)?;
        Ok(match decode_document(&bytes, true) {
            Text::Unicode(text) | Text::Lossy(text) | Text::Legacy { text, .. } => text,
            Text::Binary => String::from_utf8_lossy(&bytes).into_owned(),
        })
    }

    /// The name of the archive's first file whose name ends with `suffix` (any letter case).
    pub(crate) fn member_ending(&self, suffix: &str) -> Option<String> {
        self.zip
            .file_names()
            .filter_map(Result::ok)
            .find(|name| without_suffix(name, suffix).is_some())
            .map(|name| name.into_owned())
    }

    /// `text`, the archive's file `name`, parsed as XML; `Err` (the reason to skip the
    /// file) when it is not well formed or nests deeper than [`MAX_XML_DEPTH`].
    pub(crate) fn xml<'t>(
        &self,
        text: &'t str,
        name: &str,
    ) -> Result<roxmltree::Document<'t>, String> {
        let kind = self.kind;
        let document = roxmltree::Document::parse(text)
            .map_err(|e| format!("cannot be read as {kind} ({name}: {e})"))?;
        super::xml::check_depth(&document, name)?;
        Ok(document)
    }

    /// [`Archive::text`] of a file that may be absent: `None` when the archive has none.
    pub(crate) fn optional_text(&mut self, name: &str) -> Option<String> {
        self.zip.index_for_name(name)?;
        self.text(name).ok()
    }
}

/// The text of the metadata element `name` (`title`, `language`) whose parent is
/// `parent` (`metadata`, `coreProperties`, `meta`), its white space squashed; `None`
/// when absent or empty.
pub(crate) fn metadata(document: &roxmltree::Document, parent: &str, name: &str) -> Option<String> {
    document
        .descendants()
        .find(|n| {
            n.tag_name().name() == name && n.parent().is_some_and(|p| p.tag_name().name() == parent)
        })
        .and_then(|n| n.text())
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|t| !t.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_compound_file_is_said_to_be_protected_or_old() {
        let mut bytes = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        bytes.resize(4096, 0);
        let err = Archive::open(&bytes, "DOCX", 1 << 20).err().unwrap();
        assert!(err.contains("password-protected"), "{err}");
        let err = Archive::open(b"plain text", "DOCX", 1 << 20).err().unwrap();
        assert!(
            err.starts_with("cannot be read as DOCX (not a zip archive"),
            "{err}"
        );
    }
}

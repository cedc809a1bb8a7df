//! Evernote exports (`.enex`, which Evernote and Apple Notes' and Joplin's exporters
//! write): each note an article, titled and tagged as the note is, its content (ENML, a
//! kind of XHTML) read as a web page is. Attachments (`<resource>`) are not text.

use super::html;
use super::model::Outline;
use super::xml::parse_file;

/// A note of an export: its number (from 1) and its outline.
pub(crate) type Note = (usize, Outline);

/// Read an export, each note's content held to `limit` bytes. `Err` is the reason to skip
/// the file; the second value holds warnings (a note that could not be read).
pub(crate) fn parse(text: &str, limit: u64) -> Result<(Vec<Note>, Vec<String>), String> {
    let document = parse_file(text, "an Evernote export", "the export")?;
    let root = document.root_element();
    if !root.has_tag_name("en-export") {
        return Err(format!(
            "cannot be read as an Evernote export (its root is <{}>, not <en-export>)",
            root.tag_name().name()
        ));
    }
    let mut notes = Vec::new();
    let mut warnings = Vec::new();
    let notes_in = root.children().filter(|n| n.has_tag_name("note"));
    for (i, note) in notes_in.enumerate() {
        let number = i + 1;
        let child = |name: &str| note.children().find(|c| c.has_tag_name(name));
        let title = child("title").and_then(|t| t.text()).unwrap_or("").trim();
        let content = child("content").and_then(|c| c.text()).unwrap_or("");
        if content.len() as u64 > limit {
            warnings.push(format!(
                "note {number}: larger than the size limit ({limit} bytes; see \
                 --max-file-size); skipped"
            ));
            continue;
        }
        // The note's title as the page's, so that a first heading repeating it is absorbed
        // as a page's `<h1>` repeating its `<title>` is.
        let part = format!("note {number}");
        let Some(mut outline) = html::parse_part(title, content, &part, &mut warnings) else {
            continue;
        };
        outline.tags = (note.children())
            .filter(|c| c.has_tag_name("tag"))
            .filter_map(|t| t.text())
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
            .collect();
        outline.authors = (child("note-attributes").into_iter())
            .flat_map(|a| a.children().filter(|c| c.has_tag_name("author")))
            .filter_map(|a| a.text())
            .map(|a| a.trim().to_string())
            .filter(|a| !a.is_empty())
            .collect();
        outline.title_is_text = true;
        notes.push((number, outline));
    }
    Ok((notes, warnings))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_are_articles_with_their_titles_tags_and_authors() {
        let export = r#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE en-export SYSTEM "http://xml.evernote.com/pub/evernote-export4.dtd">
<en-export export-date="20240101T000000Z" application="Evernote" version="10">
  <note>
    <title>Rapallo &amp; Genoa</title>
    <created>20240101T000000Z</created>
    <tag>treaties</tag><tag>1922</tag>
    <note-attributes><author>A. Historian</author></note-attributes>
    <content><![CDATA[<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!DOCTYPE en-note SYSTEM "http://xml.evernote.com/pub/enml2.dtd">
<en-note><div>Signed in 1922.</div><h2>Reading</h2><ul><li><i>The Genoa Conference</i> by Carole Fink</li></ul><en-media hash="ab" type="image/png"/></en-note>]]></content>
    <resource><data encoding="base64">iVBORw0KGgo=</data><mime>image/png</mime></resource>
  </note>
  <note><title>Empty</title><content><![CDATA[<en-note></en-note>]]></content></note>
</en-export>"#;
        let (notes, warnings) = parse(export, 1 << 20).unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(notes.len(), 2);
        let (number, first) = &notes[0];
        assert_eq!(*number, 1);
        assert_eq!(first.title.as_deref(), Some("Rapallo & Genoa"));
        assert_eq!(first.tags, ["treaties", "1922"]);
        assert_eq!(first.authors, ["A. Historian"]);
        assert_eq!(first.sections[0].1[0].text(), "Signed in 1922.");
        assert_eq!(first.sections[1].0, ["Reading"]);
        assert!(!format!("{:?}", first.sections).contains("iVBOR"));
    }

    #[test]
    fn what_is_no_export_says_why() {
        assert!(parse("<notes/>", 1 << 20)
            .unwrap_err()
            .contains("its root is <notes>"));
        assert!(parse("<en-export><note>", 1 << 20)
            .unwrap_err()
            .starts_with("cannot be read as an Evernote export ("));
        let big = "<en-export><note><content>0123456789</content></note></en-export>";
        let (notes, warnings) = parse(big, 5).unwrap();
        assert!(notes.is_empty());
        assert!(warnings[0].starts_with("note 1: larger than the size limit"));
    }
}

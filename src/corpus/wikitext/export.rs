//! A wiki's XML export (`.xml` whose root is `<mediawiki>`, as MediaWiki's Special:Export
//! and `dumpBackup.php` write it, from Wikipedia or any other wiki): each article page an
//! article, its last revision's wikitext read as a page. Redirects, and pages outside the
//! main namespace (talk, user, template, category pages), are not articles.

use crate::corpus::model::Outline;
use crate::corpus::xml::{child, parse_file};

/// A page of an export: its key (its page id, else its place from 1) and its outline.
pub(crate) type Page = (String, Outline);

/// Read an export, each page's wikitext held to `limit` bytes. `Err` is the reason to skip
/// the file; the second value holds warnings (a page too large to read).
pub(crate) fn parse(text: &str, limit: u64) -> Result<(Vec<Page>, Vec<String>), String> {
    let document = parse_file(text, "a wiki's export", "the export")?;
    let root = document.root_element();
    let lang = root
        .attribute(("http://www.w3.org/XML/1998/namespace", "lang"))
        .and_then(crate::language::normalize);
    let mut pages = Vec::new();
    let mut warnings = Vec::new();
    for (i, page) in root
        .children()
        .filter(|n| n.has_tag_name("page"))
        .enumerate()
    {
        let text_of = |node, name| child(node, name).and_then(|n| n.text()).unwrap_or("");
        let title = text_of(page, "title").trim();
        let namespace = text_of(page, "ns").trim();
        if !(namespace.is_empty() || namespace == "0") || child(page, "redirect").is_some() {
            continue;
        }
        let key = match text_of(page, "id").trim() {
            "" => (i + 1).to_string(),
            id => id.to_string(),
        };
        let Some(revision) = page.children().rfind(|n| n.has_tag_name("revision")) else {
            continue;
        };
        let wikitext = text_of(revision, "text");
        if wikitext.len() as u64 > limit {
            warnings.push(format!(
                "page {key} ({title}): larger than the size limit ({limit} bytes; see \
                 --max-file-size); skipped"
            ));
            continue;
        }
        let mut outline = super::parse(wikitext);
        outline.title = Some(title.to_string()).filter(|t| !t.is_empty());
        outline.lang = lang;
        pages.push((key, outline));
    }
    Ok((pages, warnings))
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXPORT: &str = r#"<?xml version="1.0"?>
<!-- exported -->
<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/" version="0.11" xml:lang="de">
  <siteinfo><sitename>Wikipedia</sitename></siteinfo>
  <page><title>Vertrag von Rapallo</title><ns>0</ns><id>42</id>
    <revision><id>1</id><text>Alt.</text></revision>
    <revision><id>2</id><text xml:space="preserve">Der '''Vertrag von Rapallo''' wurde 1922 geschlossen.</text></revision>
  </page>
  <page><title>Rapallo-Vertrag</title><ns>0</ns><id>43</id><redirect title="Vertrag von Rapallo"/>
    <revision><text>#WEITERLEITUNG [[Vertrag von Rapallo]]</text></revision></page>
  <page><title>Diskussion:Vertrag von Rapallo</title><ns>1</ns><id>44</id>
    <revision><text>Talk.</text></revision></page>
  <page><title>Genua</title><ns>0</ns>
    <revision><text>Genua ist eine Stadt.</text></revision></page>
</mediawiki>"#;

    #[test]
    fn an_exports_article_pages_are_read_at_their_last_revision() {
        use crate::corpus::xml::root_name;
        assert_eq!(root_name(EXPORT), Some("mediawiki"));
        assert_eq!(root_name("<TEI/>"), Some("TEI"));
        assert_eq!(root_name("<mediawikix/>"), Some("mediawikix"));
        assert_eq!(
            root_name("<!-- x --><?xml?>\n<rdf:RDF a='b'>"),
            Some("rdf:RDF")
        );
        assert_eq!(root_name("<!-- unclosed"), None);
        let (pages, warnings) = parse(EXPORT, 1 << 20).unwrap();
        assert!(warnings.is_empty());
        let read: Vec<(&str, &str, &str)> = pages
            .iter()
            .map(|(key, o)| {
                (
                    key.as_str(),
                    o.title.as_deref().unwrap(),
                    o.sections[0].1[0].text(),
                )
            })
            .collect();
        assert_eq!(
            read,
            [
                (
                    "42",
                    "Vertrag von Rapallo",
                    "Der Vertrag von Rapallo wurde 1922 geschlossen."
                ),
                ("4", "Genua", "Genua ist eine Stadt.")
            ]
        );
        assert_eq!(pages[0].1.lang, Some("de"));
        let (pages, warnings) = parse(EXPORT, 30).unwrap();
        assert_eq!(pages.len(), 1);
        assert!(
            warnings[0].starts_with("page 42 (Vertrag von Rapallo): larger"),
            "{warnings:?}"
        );
    }
}

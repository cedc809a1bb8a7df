//! The authors a web page names in its `<head>`: Google Scholar's `citation_author` (as
//! journals' and repositories' article pages write them, one a tag), else Dublin Core's
//! `DC.creator`, else `author` (news sites, blogs, Word).

use super::html_tags::attribute;
use super::text::{decode_entities, squash_whitespace};

/// How much of a page is searched for its `<meta>` tags (its head, which scripts and
/// styles make long on some sites), and how long a tag may be: bounds, so that a page of
/// many unclosed tags costs no more than any other.
const MAX_HEAD_BYTES: usize = 1 << 20;
const MAX_TAG_BYTES: usize = 4096;

/// The meta names giving authors, in order of trust: the first that a page has is read.
const AUTHOR_NAMES: &[&[&str]] = &[
    &["citation_author"],
    &["dc.creator", "dcterms.creator"],
    &["author"],
];

/// The authors `html` names in its head, given name first.
pub(crate) fn authors(html: &str) -> Vec<String> {
    // Only the head's first bytes are read, and lowered.
    let bound = (0..=html.len().min(MAX_HEAD_BYTES))
        .rev()
        .find(|&i| html.is_char_boundary(i))
        .unwrap_or(0);
    let lower = html[..bound].to_ascii_lowercase();
    let head_end = lower.find("</head").unwrap_or(lower.len());
    let bytes = lower.as_bytes();
    let metas: Vec<(String, String)> = lower[..head_end]
        .match_indices("<meta")
        .filter_map(|(at, _)| {
            let window = &bytes[at..head_end.min(at + MAX_TAG_BYTES)];
            let end = at + window.iter().position(|&b| b == b'>')?;
            let tag = &html[at..end];
            let name = attribute(tag, "name")?.to_lowercase();
            Some((name, attribute(tag, "content")?.to_string()))
        })
        .collect();
    for names in AUTHOR_NAMES {
        let found: Vec<String> = (metas.iter())
            .filter(|(name, _)| names.contains(&name.as_str()))
            .flat_map(|(_, content)| people(content))
            .collect();
        if !found.is_empty() {
            return found;
        }
    }
    Vec::new()
}

/// The people one tag's content names: `Smith, John` (one person, surname first) as `John
/// Smith`; `John Smith, Jane Doe` or `John Smith and Jane Doe` as two. A link, an address
/// or a sentence names no one.
fn people(content: &str) -> Vec<String> {
    let content = squash_whitespace(&decode_entities(content));
    if content.contains(['@', '/']) || content.len() > 200 {
        return Vec::new();
    }
    let parts: Vec<&str> = (content.split([';', ',']))
        .flat_map(|part| part.split(" and "))
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    match parts[..] {
        // `Smith, John`, `Smith, J. R.`: a surname of one word and given names.
        [surname, given] if content.contains(',') && !surname.contains(' ') => {
            vec![format!("{given} {surname}")]
        }
        _ => parts.into_iter().map(String::from).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_journals_page_names_its_authors_one_a_tag() {
        let page = r#"<html><head><meta name="author" content="Cambridge Core">
            <meta name="citation_author" content="Fink, Carole">
            <META NAME="citation_author" CONTENT="Peter Krüger">
            <meta content="Steiner, Z. S." name="citation_author"></head>
            <body><meta name="citation_author" content="Not In Head"></body></html>"#;
        assert_eq!(
            authors(page),
            ["Carole Fink", "Peter Krüger", "Z. S. Steiner"]
        );
    }

    #[test]
    fn an_author_tag_may_name_several_or_none() {
        let page = |content: &str| format!("<head><meta name=author content=\"{content}\">");
        assert_eq!(
            authors(&page("John Smith, Jane Doe")),
            ["John Smith", "Jane Doe"]
        );
        assert_eq!(
            authors(&page("John Smith and Jane Doe")),
            ["John Smith", "Jane Doe"]
        );
        assert!(authors(&page("https://example.org/john")).is_empty());
        assert_eq!(
            authors("<head><meta name=dc.creator content=Runciman>"),
            ["Runciman"]
        );
        assert!(authors("<head><meta name=description content=\"x\">").is_empty());
        assert!(authors("<head><meta name=author content=\"x\"").is_empty());
        let hostile = "<meta name=author ".repeat(100_000);
        assert!(authors(&hostile).is_empty());
    }
}

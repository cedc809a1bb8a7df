//! EPUB articles: the XHTML documents of the spine, in reading order, each through the
//! HTML reader; the title, language, authors and subjects from the package metadata. A
//! chapter's own title (its `<title>` or first `<h1>`), else its label in the book's table
//! of contents, heads its sections; the book's style sheets say which of its spans are
//! italic (a converted book's titles in its bibliography). Chapters a shop encrypted (DRM,
//! listed in `META-INF/encryption.xml`) cannot be read, and are said to be so.

use std::collections::{HashMap, HashSet};

use super::model::Outline;
use super::zipped::{metadata, Archive};
use super::{html, html_italics, text};

/// Read an EPUB, each file in it held to `limit` bytes. `Err` is the reason to skip it. The
/// second value holds warnings (a chapter that could not be read).
pub(crate) fn parse(bytes: &[u8], limit: u64) -> Result<(Outline, Vec<String>), String> {
    let mut archive = Archive::open(bytes, "EPUB", limit)?;
    let container = archive.text("META-INF/container.xml")?;
    let container = archive.xml(&container, "META-INF/container.xml")?;
    let package_path = container
        .descendants()
        .find(|n| n.has_tag_name("rootfile"))
        .and_then(|n| n.attribute("full-path"))
        .ok_or("cannot be read as EPUB (no rootfile in META-INF/container.xml)")?
        .to_string();
    let package_text = archive.text(&package_path)?;
    let package = archive.xml(&package_text, &package_path)?;
    let base = package_path
        .rsplit_once('/')
        .map_or(String::new(), |(dir, _)| format!("{dir}/"));

    let mut outline = Outline {
        title: metadata(&package, "metadata", "title"),
        lang: metadata(&package, "metadata", "language")
            .and_then(|l| crate::language::normalize(&l)),
        authors: authors(&package),
        tags: metadata_all(&package, "subject"),
        ..Outline::default()
    };
    let manifest: Vec<(&str, &str, &str)> = package
        .descendants()
        .filter(|n| n.has_tag_name("item"))
        .filter_map(|n| {
            Some((
                n.attribute("id")?,
                n.attribute("href")?,
                n.attribute("media-type")?,
            ))
        })
        .collect();
    let encrypted = encrypted_files(&mut archive)?;
    let labels = contents_labels(&mut archive, &package, &base);
    // The book's style sheets, which its chapters link to, say which classes are italic.
    let mut italic_classes = HashSet::new();
    for (_, href, _) in manifest.iter().filter(|(_, _, media)| *media == "text/css") {
        let path = joined("", &format!("{base}{}", decode_href(href)));
        if let (false, Ok(css)) = (encrypted.contains(&path), archive.text(&path)) {
            html_italics::italic_classes(&css, &mut italic_classes);
        }
    }
    let mut locked = 0;
    let mut warnings = Vec::new();
    // Each chapter is held to the limit, and so is the book's text: a small archive of
    // many chapters, each inflating to the limit, would otherwise be gigabytes of text.
    let mut text_bytes = 0u64;
    let spine = package
        .descendants()
        .filter(|n| n.has_tag_name("itemref"))
        .filter_map(|n| n.attribute("idref"));
    for idref in spine {
        let Some((_, href, media)) = manifest.iter().find(|(id, _, _)| *id == idref) else {
            continue;
        };
        if !media.contains("html") {
            continue;
        }
        let path = joined("", &format!("{base}{}", decode_href(href)));
        if encrypted.contains(&path) {
            locked += 1;
            continue;
        }
        // The archive's errors name the file in it already; the page's do not.
        let read = archive.text(&path).and_then(|text| {
            html::parse_styled(&text, &italic_classes).map_err(|e| format!("{path}: {e}"))
        });
        let chapter = match read {
            Ok((chapter, chapter_warnings)) => {
                warnings.extend(chapter_warnings.into_iter().map(|w| format!("{path}: {w}")));
                chapter
            }
            Err(e) => {
                warnings.push(e);
                continue;
            }
        };
        text_bytes += (chapter.sections.iter())
            .flat_map(|(_, blocks)| blocks)
            .map(|block| block.text().len() as u64)
            .sum::<u64>();
        if text_bytes > limit {
            return Err(format!(
                "its text is larger than the size limit ({limit} bytes; see --max-file-size)"
            ));
        }
        // A chapter without a title of its own (a converted book's headings are often
        // styled paragraphs) is named as the book's table of contents names it.
        let heading = chapter
            .title
            .or_else(|| labels.get(&path).cloned())
            .filter(|t| Some(t) != outline.title.as_ref() && !t.trim().is_empty());
        for (mut headings, mut blocks) in chapter.sections {
            if let Some(h) = &heading {
                // The heading printed as the chapter's first paragraph.
                if headings.is_empty() && blocks.first().is_some_and(|b| b.text() == h) {
                    blocks.remove(0);
                }
                headings.insert(0, h.clone());
            }
            outline.sections.push((headings, blocks));
        }
    }
    if outline.sections.is_empty() && locked > 0 {
        return Err(format!(
            "its chapters are encrypted (DRM): annals cannot read a protected book ({locked} \
             chapter{} encrypted)",
            if locked == 1 { "" } else { "s" }
        ));
    }
    if outline.sections.is_empty() {
        return Err("no text in its chapters".into());
    }
    if locked > 0 {
        warnings.push(format!(
            "{locked} chapter{} encrypted (DRM) and not read",
            if locked == 1 { " is" } else { "s are" }
        ));
    }
    Ok((outline, warnings))
}

/// The text of each of the package metadata's elements `name` (`subject`), in order.
fn metadata_all(package: &roxmltree::Document, name: &str) -> Vec<String> {
    (package.descendants())
        .filter(|n| n.tag_name().name() == name)
        .filter(|n| {
            n.parent()
                .is_some_and(|p| p.tag_name().name() == "metadata")
        })
        .filter_map(|n| n.text())
        .map(text::squash_whitespace)
        .filter(|t| !t.is_empty())
        .collect()
}

/// The book's authors: its `dc:creator`s but those of another role (an illustrator, a
/// translator, an editor: EPUB 2's `opf:role`, EPUB 3's `<meta refines="#id"
/// property="role">`), and calibre's `Unknown`.
fn authors(package: &roxmltree::Document) -> Vec<String> {
    let refined_role = |id: &str| {
        let target = format!("#{id}");
        (package.descendants())
            .find(|n| {
                n.has_tag_name("meta")
                    && n.attribute("property") == Some("role")
                    && n.attribute("refines") == Some(target.as_str())
            })
            .and_then(|n| n.text())
            .map(str::trim)
    };
    (package.descendants())
        .filter(|n| n.tag_name().name() == "creator")
        .filter(|n| {
            n.parent()
                .is_some_and(|p| p.tag_name().name() == "metadata")
        })
        .filter(|n| {
            let role = (n.attributes())
                .find(|a| a.name() == "role")
                .map(|a| a.value())
                .or_else(|| n.attribute("id").and_then(refined_role));
            role.is_none_or(|r| r == "aut")
        })
        .filter_map(|n| n.text())
        .map(text::squash_whitespace)
        .filter(|name| !name.is_empty() && !text::is_unknown_author(name))
        .collect()
}

/// The files of the archive that `META-INF/encryption.xml` lists as encrypted, but for
/// fonts obfuscated as EPUB allows (which are still fonts, and no text).
fn encrypted_files(archive: &mut Archive) -> Result<HashSet<String>, String> {
    /// The font obfuscation algorithms of IDPF and Adobe.
    const FONT_OBFUSCATION: [&str; 2] = [
        "http://www.idpf.org/2008/embedding",
        "http://ns.adobe.com/pdf/enc#RC",
    ];
    const NAME: &str = "META-INF/encryption.xml";
    let Some(text) = archive.optional_text(NAME) else {
        return Ok(HashSet::new());
    };
    let document = archive.xml(&text, NAME)?;
    let files = (document.descendants())
        .filter(|n| n.has_tag_name("EncryptedData"))
        .filter(|data| {
            let algorithm = (data.descendants())
                .find(|n| n.has_tag_name("EncryptionMethod"))
                .and_then(|n| n.attribute("Algorithm"));
            !algorithm.is_some_and(|a| FONT_OBFUSCATION.contains(&a))
        })
        .filter_map(|data| {
            (data.descendants())
                .find(|n| n.has_tag_name("CipherReference"))
                .and_then(|n| n.attribute("URI"))
        })
        .map(|uri| decode_href(uri.trim_start_matches('/')))
        .collect();
    Ok(files)
}

/// Each chapter's label in the book's table of contents, by the chapter's path in the
/// archive: EPUB 3's navigation document (`<nav epub:type="toc">`), else EPUB 2's NCX
/// (`<navPoint>`); the first label of a chapter wins. Empty when neither can be read.
fn contents_labels(
    archive: &mut Archive,
    package: &roxmltree::Document,
    base: &str,
) -> HashMap<String, String> {
    let items = || package.descendants().filter(|n| n.has_tag_name("item"));
    let nav = items().find(|n| {
        n.attribute("properties")
            .is_some_and(|p| p.split_whitespace().any(|p| p == "nav"))
    });
    let ncx = items().find(|n| n.attribute("media-type") == Some("application/x-dtbncx+xml"));
    let Some(file) = nav.or(ncx).and_then(|n| n.attribute("href")) else {
        return HashMap::new();
    };
    let path = joined("", &format!("{base}{}", decode_href(file)));
    let Some(text) = archive.optional_text(&path) else {
        return HashMap::new();
    };
    let Ok(document) = archive.xml(&text, &path) else {
        return HashMap::new();
    };
    let dir = path.rsplit_once('/').map_or("", |(dir, _)| dir);
    let squash = |t: String| t.split_whitespace().collect::<Vec<_>>().join(" ");
    let text_of = |n: roxmltree::Node| {
        let text = n
            .descendants()
            .filter(|d| d.is_text())
            .filter_map(|d| d.text());
        squash(text.collect::<String>())
    };
    let mut labels = HashMap::new();
    let entries: Vec<(String, String)> = if nav.is_some() {
        // The table of contents, not a list of landmarks or pages.
        let toc = document.descendants().find(|n| {
            n.has_tag_name("nav")
                && n.attributes()
                    .any(|a| a.name() == "type" && a.value().contains("toc"))
        });
        toc.into_iter()
            .flat_map(|toc| toc.descendants().filter(|n| n.has_tag_name("a")))
            .filter_map(|a| Some((a.attribute("href")?.to_string(), text_of(a))))
            .collect()
    } else {
        document
            .descendants()
            .filter(|n| n.has_tag_name("navPoint"))
            .filter_map(|point| {
                let label = point.children().find(|n| n.has_tag_name("navLabel"))?;
                let content = point.children().find(|n| n.has_tag_name("content"))?;
                Some((content.attribute("src")?.to_string(), text_of(label)))
            })
            .collect()
    };
    for (href, label) in entries {
        if !label.is_empty() {
            labels
                .entry(joined(dir, &decode_href(&href)))
                .or_insert(label);
        }
    }
    labels
}

/// `href`, relative to the folder `dir` of the archive, as a path in the archive.
fn joined(dir: &str, href: &str) -> String {
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for part in href.split('/') {
        match part {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            part => parts.push(part),
        }
    }
    parts.join("/")
}

/// A manifest `href` as a path in the archive: without a fragment, `%20` decoded.
fn decode_href(href: &str) -> String {
    let href = href.split('#').next().unwrap_or_default();
    let bytes = href.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).copied().and_then(hex),
            bytes.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_joined_to_their_folder_and_normalised() {
        assert_eq!(joined("OEBPS", "../toc.ncx"), "toc.ncx");
        assert_eq!(joined("OEBPS/Text", "./a.xhtml"), "OEBPS/Text/a.xhtml");
        assert_eq!(joined("", "OEBPS/../Text/../x.xhtml"), "x.xhtml");
        assert_eq!(joined("a", "../../b"), "b");
    }

    #[test]
    fn hrefs_lose_fragments_and_percent_escapes() {
        assert_eq!(
            decode_href("Text/chapter%201.xhtml#p3"),
            "Text/chapter 1.xhtml"
        );
        assert_eq!(decode_href("a%zz.xhtml"), "a%zz.xhtml");
    }

    #[test]
    fn what_is_not_an_epub_is_skipped_with_a_reason() {
        assert!(parse(b"PK not really", 1 << 20)
            .unwrap_err()
            .contains("EPUB"));
    }
}

//! EPUB articles: the XHTML documents of the spine, in reading order, each through the
//! HTML reader; the title and language from the package metadata. A chapter's own title
//! (its `<title>` or first `<h1>`) heads its sections. Chapters a shop encrypted (DRM,
//! listed in `META-INF/encryption.xml`) cannot be read, and are said to be so.

use std::collections::HashSet;

use super::html;
use super::model::Outline;
use super::zipped::{metadata, Archive};

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
    let mut locked = 0;
    let mut warnings = Vec::new();
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
        let path = format!("{base}{}", decode_href(href));
        if encrypted.contains(&path) {
            locked += 1;
            continue;
        }
        // The archive's errors name the file in it already; the page's do not.
        let read = archive
            .text(&path)
            .and_then(|text| html::parse(&text).map_err(|e| format!("{path}: {e}")));
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
        let heading = chapter
            .title
            .filter(|t| Some(t) != outline.title.as_ref() && !t.trim().is_empty());
        for (mut headings, blocks) in chapter.sections {
            if let Some(h) = &heading {
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

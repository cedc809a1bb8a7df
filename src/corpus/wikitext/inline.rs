//! Wikitext within a block: links as their shown text, bold as plain words, italics as
//! `*…*`, HTML tags without their markup, categories taken out as the page's tags.

use crate::corpus::brackets::pairs;
use crate::corpus::text::{decode_entities, squash_whitespace};

/// Namespaces of pictures and other files, whose links are no text (the caption with
/// them), in the languages of the larger wikis.
const FILE_NAMESPACES: &[&str] = &[
    "file",
    "image",
    "media",
    "datei",
    "bild",
    "fichier",
    "archivo",
    "imagen",
    "immagine",
    "ficheiro",
    "plik",
    "файл",
    "изображение",
];

/// Namespaces of categories, whose links name the page's tags (and are no text).
const CATEGORY_NAMESPACES: &[&str] = &[
    "category",
    "kategorie",
    "catégorie",
    "categoría",
    "categoria",
    "kategoria",
    "категория",
];

/// How far past a `[` an external link's `]` is looked for, and past `[[` a category's
/// `]]`: a URL and its text, or a category's name, are short, and a bound keeps a line of
/// many unclosed brackets from costing the square of its length.
const MAX_LINK_BYTES: usize = 2048;

/// Deepest nesting of links within links' shown text read (a picture's caption holds
/// links; hostile text may nest thousands): deeper ones are left out, and the stack and
/// the work stay bounded.
const MAX_LINK_DEPTH: usize = 8;

/// The text of a block of wikitext, its white space squashed.
pub(super) fn text(wikitext: &str) -> String {
    text_within(wikitext, 0)
}

/// [`text`] of wikitext inside `depth` links.
fn text_within(wikitext: &str, depth: usize) -> String {
    let links = pairs(wikitext, super::LINK);
    let mut out = String::with_capacity(wikitext.len());
    let mut at = 0;
    while let Some(found) = wikitext[at..].find(['[', '<', '\'', '_']) {
        out.push_str(&wikitext[at..at + found]);
        at += found;
        let tail = &wikitext[at..];
        let used = if let Some(&close) = links.get(&at) {
            if depth < MAX_LINK_DEPTH {
                out.push_str(&link_text(&wikitext[at + 2..close], depth));
            }
            close + 2 - at
        } else if let Some(link) = tail.strip_prefix('[') {
            match is_url(link) {
                true => external_link(tail, &mut out),
                false => {
                    out.push('[');
                    1
                }
            }
        } else if tail.starts_with('<') {
            match tag_end(tail) {
                Some(end) => {
                    // A line break, or a tag between words, still parts them.
                    out.push(' ');
                    end
                }
                None => {
                    out.push('<');
                    1
                }
            }
        } else if tail.starts_with('_') {
            magic_word(tail).unwrap_or_else(|| {
                out.push('_');
                1
            })
        } else {
            // Quotes: five are bold italics, three bold, two italics; one an apostrophe.
            let quotes = tail.len() - tail.trim_start_matches('\'').len();
            match quotes {
                2 | 5 => out.push('*'),
                3 => {}
                _ => out.push_str(&tail[..quotes]),
            }
            quotes
        };
        at += used;
    }
    out.push_str(&wikitext[at..]);
    squash_whitespace(&decode_entities(&out))
}

/// An external link that `tail` starts, `[https://… shown text]`: its text pushed to `out`;
/// the bytes it takes.
fn external_link(tail: &str, out: &mut String) -> usize {
    match within(tail, MAX_LINK_BYTES).find([']', '\n']) {
        Some(end) if tail.as_bytes()[end] == b']' => {
            let link = &tail[1..end];
            out.push_str(link.split_once(' ').map_or("", |(_, shown)| shown));
            end + 1
        }
        _ => {
            out.push('[');
            1
        }
    }
}

/// The length of a magic word that `tail` starts (`__NOTOC__`), if it starts one.
fn magic_word(tail: &str) -> Option<usize> {
    let after = tail.strip_prefix("__")?;
    let end = within(after, 40).find("__").filter(|&end| end > 0)?;
    (after[..end].chars().all(|c| c.is_ascii_uppercase())).then_some(end + 4)
}

/// `s` cut to at most `limit` bytes, at a character's boundary.
fn within(s: &str, limit: usize) -> &str {
    let mut end = s.len().min(limit);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// The shown text of a link's inside (`Treaty of Rapallo (1922)|Rapallo`): its text after
/// the `|`, else its target (without a leading `:`); nothing for a picture, a category or a
/// link to the same page in another language (`de:Vertrag von Rapallo`).
fn link_text(inside: &str, depth: usize) -> String {
    let (target, shown) = match inside.split_once('|') {
        Some((target, shown)) => (target, Some(shown)),
        None => (inside, None),
    };
    let target = target.trim();
    if let Some((namespace, _)) = target.split_once(':') {
        let namespace = namespace.trim().to_lowercase();
        let language = ((2..=3).contains(&namespace.len())
            && namespace.chars().all(|c| c.is_ascii_lowercase()))
            || (namespace.len() > 3 && namespace.len() <= 12 && namespace.contains('-'));
        let not_text = [FILE_NAMESPACES, CATEGORY_NAMESPACES]
            .iter()
            .any(|names| names.contains(&namespace.as_str()));
        if not_text || (language && shown.is_none()) {
            return String::new();
        }
    }
    match shown {
        // `[[Treaty of Rapallo (1922)|]]`, the pipe trick: the target without its brackets.
        Some("") => target.split(" (").next().unwrap_or(target).to_string(),
        Some(shown) => text_within(shown, depth + 1),
        None => target.trim_start_matches(':').to_string(),
    }
}

/// Whether `s` starts with a URL, as an external link does.
fn is_url(s: &str) -> bool {
    ["http://", "https://", "ftp://", "//", "mailto:", "news:"]
        .iter()
        .any(|scheme| {
            s.get(..scheme.len())
                .is_some_and(|p| p.eq_ignore_ascii_case(scheme))
        })
}

/// The end of an HTML tag (`<br />`, `<span style="…">`, `</small>`) that `tail` starts
/// with: past its `>`.
fn tag_end(tail: &str) -> Option<usize> {
    let name = tail[1..].trim_start_matches('/');
    if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let end = 1 + tail[1..].find(['>', '\n', '<'])?;
    (tail.as_bytes()[end] == b'>').then_some(end + 1)
}

/// `wikitext` without its category links, and the categories they name (`[[Category:Treaties
/// of Germany|Rapallo]]` names `Treaties of Germany`).
pub(super) fn without_categories(wikitext: &str) -> (String, Vec<String>) {
    let mut out = String::with_capacity(wikitext.len());
    let mut tags = Vec::new();
    let mut rest = wikitext;
    while let Some(at) = rest.find("[[") {
        out.push_str(&rest[..at]);
        let inner = &rest[at + 2..];
        let link = within(inner, MAX_LINK_BYTES);
        let link = &link[..link.find('\n').unwrap_or(link.len())];
        let end = link.find("]]");
        let category = link.split_once(':').filter(|(namespace, _)| {
            CATEGORY_NAMESPACES.contains(&namespace.trim().to_lowercase().as_str())
        });
        match (category, end) {
            (Some((namespace, _)), Some(end)) if namespace.len() < end => {
                let name = inner[namespace.len() + 1..end]
                    .split('|')
                    .next()
                    .unwrap_or("");
                let name = squash_whitespace(name);
                if !name.is_empty() && !tags.contains(&name) {
                    tags.push(name);
                }
                rest = &inner[end + 2..];
            }
            _ => {
                out.push_str("[[");
                rest = inner;
            }
        }
    }
    out.push_str(rest);
    (out, tags)
}

/// Where the last `|` of a table cell stands outside its links and templates: the cell's
/// attributes end there (`style="…" | text`).
pub(super) fn last_bar_outside_links(cell: &str) -> Option<usize> {
    let bytes = cell.as_bytes();
    let mut depth = 0i32;
    let mut last = None;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'[' | b'{' if bytes.get(i + 1) == Some(&bytes[i]) => {
                depth += 1;
                i += 1;
            }
            b']' | b'}' if bytes.get(i + 1) == Some(&bytes[i]) => {
                depth = (depth - 1).max(0);
                i += 1;
            }
            b'|' if depth == 0 => last = Some(i),
            _ => {}
        }
        i += 1;
    }
    last
}

//! Templates (`{{name|param|key=value}}`) as the text they put in a page: none for most
//! (infoboxes, navigation boxes, footnote marks, maintenance tags), the words of the few
//! that wrap words of the sentence, and a citation written as a reading list writes a book.

/// Deepest nesting of templates read: deeper ones are left out whole, as a page nests a few.
const MAX_DEPTH: usize = 32;

/// `text` with each template replaced by its text.
pub(super) fn expanded(text: &str) -> String {
    expand(text, 0)
}

fn expand(text: &str, depth: usize) -> String {
    if !text.contains("{{") {
        return text.to_string();
    }
    let templates = crate::corpus::brackets::pairs(text, super::TEMPLATE);
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    while let Some(found) = text[at..].find("{{") {
        let open = at + found;
        out.push_str(&text[at..open]);
        match templates.get(&open) {
            Some(&close) => {
                if depth < MAX_DEPTH {
                    out.push_str(&template(&text[open + 2..close], depth));
                }
                at = close + 2;
            }
            // Never closed: text.
            None => {
                out.push('{');
                at = open + 1;
            }
        }
    }
    out.push_str(&text[at..]);
    out
}

/// The text a template's `body` (its name and parameters) puts in the page.
fn template(body: &str, depth: usize) -> String {
    let parts = split_params(body);
    let name = parts[0].trim().replace('_', " ").to_lowercase();
    let mut positional = Vec::new();
    let mut named = Vec::new();
    for part in &parts[1..] {
        match part.split_once('=') {
            Some((key, value)) if !key.contains(['[', '{']) => {
                named.push((key.trim().to_lowercase(), value.trim()));
            }
            _ => positional.push(part.trim()),
        }
    }
    let value = |key: &str| {
        named
            .iter()
            .find(|(k, v)| k == key && !v.is_empty())
            .map(|(_, v)| expand(v, depth + 1))
    };
    let nth = |i: usize| positional.get(i).map(|p| expand(p, depth + 1));
    let first = || nth(0).unwrap_or_default();
    match name.as_str() {
        n if n.starts_with("cite ") || n == "citation" => citation(&value),
        // A word of another language: the words, without the language's name.
        n if n.starts_with("lang-") || matches!(n, "lang" | "transl" | "transliteration") => {
            (positional.last())
                .map(|p| expand(p, depth + 1))
                .unwrap_or_default()
        }
        "nowrap" | "nobr" | "small" | "smaller" | "big" | "larger" | "em" | "strong" | "abbr"
        | "sup" | "sub" | "ill" | "interlanguage link" | "flag" | "flagcountry" | "sic"
        | "korean" | "zh" | "nihongo" | "native name" | "linktext" => first(),
        "quote" | "blockquote" | "quotation" => {
            value("text").or_else(|| nth(0)).unwrap_or_default()
        }
        "convert" | "cvt" => format!("{} {}", first(), nth(1).unwrap_or_default()),
        "circa" | "c." => format!("c. {}", first()),
        "nbsp" | "spaces" | "sp" => " ".into(),
        "ndash" | "snd" | "spaced ndash" => " – ".into(),
        "mdash" | "spaced mdash" => " — ".into(),
        "!" => "|".into(),
        _ => String::new(),
    }
}

/// A citation template as a reading list writes a book: `*Title* by First Last (year)`.
fn citation(value: &dyn Fn(&str) -> Option<String>) -> String {
    let Some(title) = value("title").or_else(|| value("chapter")) else {
        return String::new();
    };
    let author = value("author")
        .or_else(|| value("author1"))
        .or_else(|| {
            let last = value("last").or_else(|| value("last1"))?;
            let first = value("first").or_else(|| value("first1"));
            Some(match first {
                Some(first) => format!("{first} {last}"),
                None => last,
            })
        })
        .or_else(|| value("editor"));
    let year = value("year").or_else(|| {
        value("date").and_then(|date| {
            (date.split(|c: char| !c.is_ascii_digit()))
                .find(|n| n.len() == 4)
                .map(String::from)
        })
    });
    crate::corpus::reading::as_listed(&title, author.as_deref(), year.as_deref())
}

/// A template's body split at its `|`s, but those of a link or template inside it.
fn split_params(body: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    let bytes = body.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'{' | b'[' if bytes.get(i + 1) == Some(&bytes[i]) => {
                depth += 1;
                i += 2;
                continue;
            }
            b'}' | b']' if bytes.get(i + 1) == Some(&bytes[i]) && depth > 0 => {
                depth -= 1;
                i += 2;
                continue;
            }
            b'|' if depth == 0 => {
                parts.push(&body[start..i]);
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    parts.push(&body[start..]);
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn most_templates_are_no_text_and_some_are_their_words() {
        assert_eq!(
            expanded("A{{Infobox war|name=X|{{flag|France}}}} treaty{{sfn|Fink|1984|p=3}}."),
            "A treaty."
        );
        assert_eq!(
            expanded("the {{lang|fr|Traité de Versailles}} of {{convert|5|km}}, {{circa|1850}}"),
            "the Traité de Versailles of 5 km, c. 1850"
        );
        assert_eq!(
            expanded("{{lang-de|Vertrag von [[Rapallo]]}}"),
            "Vertrag von [[Rapallo]]"
        );
        // Never closed: text.
        assert_eq!(expanded("a {{b"), "a {{b");
    }

    #[test]
    fn a_citation_is_a_book_by_its_author() {
        assert_eq!(
            expanded("* {{cite book |last=Zamoyski |first=Adam |title=Rites of Peace |publisher=HarperCollins |year=2007}}"),
            "* *Rites of Peace* by Adam Zamoyski (2007)"
        );
        assert_eq!(
            expanded(
                "{{Citation|author=[[Carole Fink]]|title=The Genoa Conference|date=March 1984}}"
            ),
            "*The Genoa Conference* by [[Carole Fink]] (1984)"
        );
        assert_eq!(expanded("{{cite web|url=http://x}}"), "");
    }

    #[test]
    fn templates_nested_too_deep_are_left_out() {
        let deep = format!("x{}y{}z", "{{nowrap|".repeat(100), "}}".repeat(100));
        assert_eq!(expanded(&deep), "xz");
        let fine = format!("x{}y{}z", "{{nowrap|".repeat(10), "}}".repeat(10));
        assert_eq!(expanded(&fine), "xyz");
    }
}

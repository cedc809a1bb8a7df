//! BibTeX and BibLaTeX bibliographies (`.bib`, as Zotero, JabRef and every LaTeX user keep
//! them): an entry a record, handed on as JSON records are (see [`super::dump`]): its cite
//! key the id, its title, its authors (else its editors), its year (`date` or `year`), its
//! abstract, annotation and note as its text, with where it was published (journal, book,
//! series, publisher, place) as the text's last paragraph, its keywords as tags and its
//! `langid` or `language` as its language. Fields are read by the `biblatex` crate, which
//! resolves `@string` abbreviations and LaTeX's accents (`{\"u}` as `ü`).
//!
//! A file the crate refuses whole (an entry's syntax broken, a key given twice) is read
//! entry by entry, each with the `@string`s it uses, so that one bad entry costs only
//! itself, with a warning naming its line.

use std::collections::{HashMap, HashSet};

use biblatex::{Bibliography, ChunksExt, Entry, EntryType, Person};

use super::json::Items;
use super::reference::Reference;

/// The fields whose text is an entry's text, in this order, a paragraph each.
const TEXT_FIELDS: [&str; 4] = ["abstract", "annotation", "annote", "note"];

/// The fields that say where an entry was published, its text's last paragraph (as a
/// reference manager searches every field): journal, book, series, publisher, place.
const PUBLISHED_FIELDS: [&str; 9] = [
    "journaltitle",
    "journal",
    "booktitle",
    "series",
    "publisher",
    "institution",
    "school",
    "location",
    "address",
];

/// The records of the bibliography `text`, one JSON record a line; what could not be read
/// is pushed to `warnings`. `Err` is the reason not to read it at all (`@string`s that
/// would expand without end).
pub(super) fn items(text: &str, warnings: &mut Vec<String>) -> Result<Items, String> {
    let chunks = chunks(text);
    let strings = (chunks.iter()).filter(|(_, chunk)| is_command(chunk, "@string"));
    super::bib_strings::check(strings.map(|(_, chunk)| *chunk))?;
    let entries: Vec<Entry> = match Bibliography::parse(text) {
        Ok(bibliography) => bibliography.into_iter().collect(),
        Err(_) => entry_by_entry(&chunks, warnings),
    };
    let mut lines = String::new();
    for entry in &entries {
        // BibLaTeX's `@xdata` entries hold fields other entries take in: no works, but
        // lines still, so that warnings number the entries as the file has them.
        match entry.entry_type {
            EntryType::XData => lines.push('\n'),
            _ => reference(entry).push_to(&mut lines),
        }
    }
    Ok(Items {
        lines,
        lossy: false,
        by_line: false,
    })
}

/// The entries of a file cut into `chunks` parsed one at a time, each after the file's
/// `@string` definitions; an entry that does not parse is left out, with a warning.
fn entry_by_entry(chunks: &[(usize, &str)], warnings: &mut Vec<String>) -> Vec<Entry> {
    // Each `@string` by its name in lower case (BibTeX's names know no letter case; the
    // crate's do), with its place and its name as defined.
    let strings: Strings = (chunks.iter().enumerate())
        .filter(|(_, (_, chunk))| is_command(chunk, "@string"))
        .filter_map(|(at, (_, chunk))| {
            let name = string_name(chunk)?;
            Some((name.to_lowercase(), (at, *chunk, name)))
        })
        .collect();
    let mut entries: Vec<Entry> = Vec::new();
    let mut keys: HashSet<String> = HashSet::new();
    for (line, chunk) in chunks {
        if ["@string", "@preamble", "@comment"]
            .iter()
            .any(|command| is_command(chunk, command))
        {
            continue;
        }
        match Bibliography::parse(&format!("{}{chunk}", strings_used(chunk, &strings))) {
            Ok(bibliography) => {
                for entry in bibliography {
                    if !keys.insert(entry.key.clone()) {
                        warnings.push(format!(
                            "line {line}: the key {:?} again; this entry is left out",
                            entry.key
                        ));
                    } else {
                        entries.push(entry);
                    }
                }
            }
            Err(error) => warnings.push(format!(
                "line {line}: not a BibTeX entry ({}); left out",
                error.kind
            )),
        }
    }
    entries
}

/// The name an `@string` chunk defines.
fn string_name(chunk: &str) -> Option<String> {
    let body = chunk.trim_start()["@string".len()..].trim_start();
    let name = body
        .get(1..)?
        .trim_start()
        .split(['=', ' ', '\t', '\n', '\r'])
        .next()?;
    (!name.is_empty()).then(|| name.to_string())
}

/// A file's `@string`s: by name in lower case, each with its place in the file, its
/// definition and its name as defined.
type Strings<'t> = HashMap<String, (usize, &'t str, String)>;

/// The `@string`s of `strings` that `chunk` uses, and those they use, in the file's order:
/// each entry is parsed with these alone, so that a file of thousands of strings and
/// entries is not read once an entry. A name used in another letter case than defined
/// (`pub` for `Pub`) is defined as the other.
fn strings_used(chunk: &str, strings: &Strings) -> String {
    let mut used: Vec<(usize, &str)> = Vec::new();
    let mut aliases = String::new();
    // The words looked up, and the names whose definitions are taken.
    let (mut words, mut names): (HashSet<&str>, HashSet<&str>) = Default::default();
    let mut pending = vec![chunk];
    while let Some(text) = pending.pop() {
        for word in text.split(|c: char| !(c.is_alphanumeric() || "_-:./+'".contains(c))) {
            if !words.insert(word) {
                continue;
            }
            let Some((at, definition, name)) = strings.get(&word.to_lowercase()) else {
                continue;
            };
            if word != name {
                aliases.push_str(&format!("@string{{{word} = {name}}}\n"));
            }
            if names.insert(name) {
                used.push((*at, *definition));
                pending.push(*definition);
            }
        }
    }
    used.sort_unstable();
    let mut prefix: String = used.into_iter().map(|(_, definition)| definition).collect();
    prefix.push_str(&aliases);
    prefix
}

/// `text` cut before each line that starts (after spaces) with `@`, with the number of the
/// line each piece starts on; text before the first `@` is a comment.
fn chunks(text: &str) -> Vec<(usize, &str)> {
    let mut chunks = Vec::new();
    let mut start: Option<(usize, usize)> = None;
    let mut at = 0;
    for (number, line) in text.split_inclusive('\n').enumerate() {
        if line.trim_start().starts_with('@') {
            if let Some((first, from)) = start {
                chunks.push((first, &text[from..at]));
            }
            start = Some((number + 1, at));
        }
        at += line.len();
    }
    if let Some((first, from)) = start {
        chunks.push((first, &text[from..]));
    }
    chunks
}

/// Whether `chunk` is the BibTeX command `command` (`@string`, in any letter case).
fn is_command(chunk: &str, command: &str) -> bool {
    let chunk = chunk.trim_start();
    chunk
        .get(..command.len())
        .is_some_and(|start| start.eq_ignore_ascii_case(command))
        && chunk[command.len()..].trim_start().starts_with(['{', '('])
}

/// What annals reads of one entry.
fn reference(entry: &Entry) -> Reference {
    let field = |name: &str| {
        entry
            .get(name)
            .map(|chunks| chunks.format_verbatim().trim().to_string())
            .filter(|text| !text.is_empty())
    };
    let people = |name: &str| entry.get_as::<Vec<Person>>(name).unwrap_or_default();
    let mut authors = people("author");
    if authors.is_empty() {
        authors = people("editor");
    }
    let tags = field("keywords").map_or_else(Vec::new, |keywords| {
        (keywords.split([',', ';']))
            .map(str::trim)
            .filter(|tag| !tag.is_empty())
            .map(String::from)
            .collect()
    });
    Reference {
        id: Some(entry.key.clone()),
        title: field("title"),
        authors: authors.iter().filter_map(full_name).collect(),
        year: field("date").or_else(|| field("year")),
        notes: TEXT_FIELDS.iter().filter_map(|name| field(name)).collect(),
        published: PUBLISHED_FIELDS
            .iter()
            .filter_map(|name| field(name))
            .collect(),
        tags,
        lang: (field("langid").or_else(|| field("language")))
            .map(|lang| babel_language(&lang).to_string()),
    }
}

/// A language as LaTeX's babel names it (`ngerman`, `british`), as annals names it: babel's
/// names are mostly the languages' English names, which annals knows, but for its
/// spelling reforms' and countries' variants.
fn babel_language(name: &str) -> &str {
    match name.to_ascii_lowercase().as_str() {
        "ngerman" | "austrian" | "naustrian" | "swissgerman" | "nswissgerman" => "de",
        "american" | "british" | "usenglish" | "ukenglish" | "australian" | "canadian"
        | "newzealand" => "en",
        "acadian" | "canadien" | "francais" | "frenchb" => "fr",
        "brazil" | "brazilian" | "portuges" => "pt",
        "nynorsk" | "norsk" => "nb",
        _ => name,
    }
}

/// A person's name as written in prose: given name, particle, surname, suffix.
fn full_name(person: &Person) -> Option<String> {
    let parts = [
        &person.given_name,
        &person.prefix,
        &person.name,
        &person.suffix,
    ];
    let name = (parts.iter())
        .map(|part| part.trim())
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    (!name.is_empty()).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    fn records(text: &str) -> (Vec<Value>, Vec<String>) {
        let mut warnings = Vec::new();
        let items = items(text, &mut warnings).unwrap();
        let records = (items.lines.lines())
            .filter(|line| !line.is_empty())
            .map(|line| serde_json::from_str(line).unwrap())
            .collect();
        (records, warnings)
    }

    const LIBRARY: &str = r#"% Exported by Zotero
@string{cup = "Cambridge University Press"}
@xdata{london, location = {London}}

@book{runciman1965,
  title = {The Fall of {Constantinople} 1453},
  author = {Runciman, Steven},
  publisher = cup,
  xdata = {london},
  year = {1965},
  abstract = {The siege and fall of the city in 1453.},
  keywords = {Byzantium, Ottoman Empire},
}

@article{kruger1985,
  title = {Die Au{\ss}enpolitik der Republik von Weimar},
  author = {Kr{\"u}ger, Peter and von Strandmann, Hartmut Pogge},
  date = {1985-03-01},
  langid = {german},
  annote = {Chapter 4 on Rapallo.},
}

@incollection{untitled,
  editor = {Zamoyski, Adam},
  note = {A note alone.}
}
"#;

    #[test]
    fn entries_are_records_with_their_fields_as_a_dumps() {
        let (records, warnings) = records(LIBRARY);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(records.len(), 3);
        assert_eq!(
            records[0],
            json!({
                "id": "runciman1965",
                "title": "The Fall of Constantinople 1453",
                "authors": ["Steven Runciman"],
                "year": "1965",
                "text": "The siege and fall of the city in 1453.\nCambridge University Press, London",
                "tags": ["Byzantium", "Ottoman Empire"],
            })
        );
        assert_eq!(
            records[1]["title"],
            "Die Außenpolitik der Republik von Weimar"
        );
        assert_eq!(
            records[1]["authors"],
            json!(["Peter Krüger", "Hartmut Pogge von Strandmann"])
        );
        assert_eq!(records[1]["year"], "1985-03-01");
        assert_eq!(records[1]["lang"], "german");
        assert_eq!(babel_language("ngerman"), "de");
        assert_eq!(babel_language("British"), "en");
        assert_eq!(records[1]["text"], "Chapter 4 on Rapallo.");
        // No author: the editors; no title: none (the dump names the record).
        assert_eq!(records[2]["authors"], json!(["Adam Zamoyski"]));
        assert!(records[2].get("title").is_none());
    }

    #[test]
    fn a_broken_entry_costs_only_itself() {
        let text = format!(
            "{LIBRARY}\n@book{{broken,\n  title = {{Unclosed\n\n@book{{runciman1965,\n  title = {{Again}}\n}}\n\n@book{{last,\n  title = {{The Last One}},\n  publisher = cup\n}}\n"
        );
        let (records, warnings) = records(&text);
        let ids: Vec<&str> = records.iter().map(|r| r["id"].as_str().unwrap()).collect();
        assert_eq!(ids, ["runciman1965", "kruger1985", "untitled", "last"]);
        assert_eq!(records[0]["title"], "The Fall of Constantinople 1453");
        assert_eq!(warnings.len(), 2, "{warnings:?}");
        assert!(
            warnings[0].starts_with("line 28: not a BibTeX entry"),
            "{warnings:?}"
        );
        assert!(
            warnings[1].contains("\"runciman1965\" again"),
            "{warnings:?}"
        );
    }

    #[test]
    fn a_broken_files_entries_have_the_strings_they_use() {
        // BibTeX's names know no letter case: `PUB` is `pub`.
        let text = "@string{pub = \"Cambridge\"}\n@string{press = pub # \" University Press\"}\n@book{a,\n  title = {First},\n  note = press\n}\n@book{b, title = {Unclosed\n@book{c,\n  title = {Third},\n  note = PUB\n}\n";
        let (records, warnings) = records(text);
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert_eq!(records.len(), 2, "{records:?}");
        assert_eq!(records[0]["text"], "Cambridge University Press");
        assert_eq!(records[1]["text"], "Cambridge");
        assert_eq!(string_name("@string{ Pub = \"x\"}").as_deref(), Some("Pub"));
        assert_eq!(string_name("@STRING(cup=\"x\")").as_deref(), Some("cup"));
    }

    #[test]
    fn text_without_entries_has_no_records() {
        for text in [
            "",
            "% nothing here\n",
            "@comment{just a comment}",
            "@@@{",
            "@string{",
        ] {
            let (records, _) = records(text);
            assert!(records.is_empty(), "{text:?}");
        }
    }
}

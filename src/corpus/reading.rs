//! Reading-list extraction: inside a section about reading, each quoted title and each list
//! item names one book, with its author when the text says `by NAME`.

use super::model::{Block, ReadingEntry};
use super::text::squash_whitespace;

/// Nouns that name a reading list when a heading is made of them and [`READING_MODIFIERS`]
/// (`Further reading`, `Notes and references`, `Recommended Books`): the plural of a
/// countable noun, since the singular is usually part of something else (`Function
/// reference`, `Open source`, `The Book of Kells`).
const READING_NOUNS: &[&str] = &[
    "read",
    "reading",
    "readings",
    "books",
    "bibliography",
    "bibliographies",
    "references",
    "sources",
    "resources",
    "literature",
    // `Works cited`.
    "cited",
    // The same nouns in other languages, where they also name other things (`Fuentes de
    // energía`, `Lähteet ja ...`): a reading list only when the heading is made of them.
    "fuentes",
    "fontes",
    "fonti",
    "bronnen",
    "kilder",
    "källor",
    "läsning",
    "læsning",
    "lesning",
    "lähteet",
    "források",
    "olvasmányok",
    "źródła",
    "prameny",
    "kaynaklar",
    "πηγές",
    "джерела",
    "مصادر",
    "المصادر",
    "مراجع",
    "المراجع",
    "מקורות",
    "संदर्भ",
    "문헌",
    "읽을거리",
];

/// The usual headings of other languages' reading lists: a heading that starts with one is
/// a reading list whatever follows (`Bibliografía complementaria`, `Quellen und Literatur`:
/// these languages put what qualifies the noun after it), as is one made of one and
/// [`READING_MODIFIERS`] (`Weiterführende Literatur`).
const OTHER_READING_NOUNS: &[&str] = &[
    "bibliographie",
    "bibliografie",
    "bibliografía",
    "bibliografia",
    "literatur",
    "litteratur",
    "literatura",
    "quellen",
    "références",
    "lectures",
    "lecturas",
    "letture",
    "leituras",
    "литература",
    "библиография",
    "источники",
    "literatuur",
    "leitura",
    "lectura",
    "lecturi",
    "irodalom",
    "kirjallisuutta",
    "kirjallisuus",
    "kaynakça",
    "βιβλιογραφία",
    "література",
    "бібліографія",
    "قراءات",
    "للاستزادة",
    "ביבליוגרפיה",
    "לקריאה",
    "ग्रंथसूची",
    "ग्रन्थसूची",
    "참고문헌",
];

/// How the reading-list headings of Chinese and Japanese end (`参考文献`, `関連文献`, `延伸阅读`):
/// written without spaces, such a heading is one word, so its end is what is compared.
const UNSPACED_READING_ENDINGS: &[&str] = &[
    "文献",
    "文獻",
    "书目",
    "書目",
    "阅读",
    "閱讀",
    "読書案内",
    "参考図書",
];

/// Words that may stand beside a [`READING_NOUNS`] noun in a reading list's heading.
const READING_MODIFIERS: &[&str] = &[
    "a",
    "additional",
    "and",
    "annotated",
    "articles",
    "background",
    "basic",
    "bibliographic",
    "bibliographical",
    "books",
    "brief",
    "classic",
    "essential",
    "external",
    "films",
    "further",
    "general",
    "good",
    "guide",
    "important",
    "key",
    "links",
    "listening",
    "list",
    "major",
    "media",
    "modern",
    "more",
    "new",
    "next",
    "notes",
    "online",
    "other",
    "primary",
    "print",
    "printed",
    "recent",
    "recommended",
    "reference",
    "secondary",
    "select",
    "selected",
    "short",
    "some",
    "standard",
    "suggested",
    "suggestions",
    "the",
    "to",
    "useful",
    "viewing",
    "websites",
    "what",
    "works",
    "weiterführende",
    "weitere",
    "ausgewählte",
    // What stands beside the nouns in other languages: `Lectura adicional`, `Ulteriori
    // letture`, `Дополнительная литература`, `Fuentes y bibliografía`.
    "adicional",
    "adicionales",
    "complementaria",
    "complementarias",
    "complementar",
    "complémentaire",
    "complémentaires",
    "recomendada",
    "recomendadas",
    "ulteriori",
    "consigliate",
    "verdere",
    "aanbevolen",
    "vidare",
    "videre",
    "yderligere",
    "további",
    "suplimentare",
    "дополнительная",
    "рекомендуемая",
    "основная",
    "избранная",
    "додаткова",
    "рекомендована",
    "dodatkowa",
    "إضافية",
    "נוספת",
    "참고",
    "더",
    "y",
    "e",
    "et",
    "und",
    "og",
    "och",
    "en",
    "és",
    "ja",
    "și",
    "ve",
    "и",
    "і",
    "i",
];

/// Words after which a reading list's heading says what its books are about (`Recommended
/// Reading on Japan`, `Books about the war`): what follows them is not read.
const READING_TOPIC_WORDS: &[&str] = &[
    "on",
    "about",
    "for",
    "by",
    "from",
    "in",
    "concerning",
    "regarding",
    "zu",
    "zum",
    "zur",
    "über",
    "sur",
];

/// Pairs of quote marks that enclose a title. `*` covers Markdown emphasis and the
/// `<em>`/`<cite>` of HTML articles, which the HTML reader renders as `*…*`.
/// German's `„…“` and the corner brackets that enclose Japanese and Chinese titles too.
const QUOTES: &[(char, char)] = &[
    ('"', '"'),
    ('“', '”'),
    ('„', '“'),
    ('*', '*'),
    ('«', '»'),
    ('『', '』'),
    ('「', '」'),
];

/// Titles shorter than this are scare quotes, not books.
const MIN_TITLE_CHARS: usize = 2;

/// Most words an author's name runs to after `by`.
const MAX_AUTHOR_WORDS: usize = 6;

/// Whether any heading in the path introduces a reading list: past its numbering (`4.2`,
/// `IV`) and before the words saying what the books are about, it is made of
/// [`READING_NOUNS`] and [`READING_MODIFIERS`], at least one a noun, or it starts with one
/// of [`OTHER_READING_NOUNS`].
pub(crate) fn is_reading_heading(headings: &[impl AsRef<str>]) -> bool {
    headings.iter().any(|h| introduces_reading(h.as_ref()))
}

fn introduces_reading(heading: &str) -> bool {
    // A hyphen joins a word (`E-books` is no `e` and `books`).
    let mut words = heading
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .map(|w| w.trim_matches('-'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .skip_while(|w| is_numbering(w))
        .peekable();
    // `For further reading`, `In literature`: a topic word before the list's words is not
    // what its books are about.
    if words
        .peek()
        .is_some_and(|w| READING_TOPIC_WORDS.contains(&w.as_str()))
    {
        words.next();
    }
    let mut words = words
        .take_while(|w| !READING_TOPIC_WORDS.contains(&w.as_str()))
        .peekable();
    if words.peek().is_some_and(|w| {
        OTHER_READING_NOUNS.contains(&w.as_str())
            || UNSPACED_READING_ENDINGS.iter().any(|end| w.ends_with(end))
    }) {
        return true;
    }
    let mut noun = false;
    for word in words {
        if READING_NOUNS.contains(&word.as_str()) || OTHER_READING_NOUNS.contains(&word.as_str()) {
            noun = true;
        } else if !READING_MODIFIERS.contains(&word.as_str()) {
            return false;
        }
    }
    noun
}

/// Whether `word` (lower-cased) numbers a heading: digits, or a Roman numeral.
fn is_numbering(word: &str) -> bool {
    word.chars().all(|c| c.is_ascii_digit())
        || (word.len() <= 6 && word.chars().all(|c| matches!(c, 'i' | 'v' | 'x' | 'l')))
}

/// The books named in one block of a reading section.
pub(crate) fn extract(
    block: &Block,
    heading: &str,
    strip: fn(&str) -> String,
) -> Vec<ReadingEntry> {
    let text = block.text();
    let context = strip(text);
    let quoted = quoted_titles(text);
    let entry = |title: &str, author: Option<String>| ReadingEntry {
        title: squash_whitespace(&strip(title)),
        author,
        heading: heading.to_string(),
        context: context.clone(),
        section: None,
    };
    if !quoted.is_empty() {
        return quoted
            .into_iter()
            .map(|(title, after)| entry(title, author_after(after)))
            .collect();
    }
    match block {
        Block::ListItem(item) => {
            let item = item.trim();
            let (title, author) = match find_by(item) {
                Some((title, after)) => (title, author_name(after)),
                None => (item, None),
            };
            let title = title
                .trim()
                .trim_end_matches([',', '.', ';', ':', '-', '–', '—']);
            if title.chars().count() < MIN_TITLE_CHARS {
                return Vec::new();
            }
            vec![entry(title, author)]
        }
        Block::Paragraph(_) => Vec::new(),
    }
}

/// Every quoted span in `text`, with the text that follows it.
fn quoted_titles(text: &str) -> Vec<(&str, &str)> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some((start, open)) = rest
        .char_indices()
        .find(|(_, c)| QUOTES.iter().any(|q| q.0 == *c))
    {
        let close = QUOTES
            .iter()
            .find(|q| q.0 == open)
            .map(|q| q.1)
            .unwrap_or(open);
        let mut inner_start = start + open.len_utf8();
        // `**bold**` is emphasis too: treat a doubled marker as one.
        if open == '*' {
            inner_start +=
                rest[inner_start..].len() - rest[inner_start..].trim_start_matches('*').len();
        }
        let Some(len) = rest[inner_start..].find(close) else {
            break;
        };
        let inner = &rest[inner_start..inner_start + len];
        let mut after = &rest[inner_start + len + close.len_utf8()..];
        if open == '*' {
            after = after.trim_start_matches('*');
        }
        let title = inner.trim().trim_end_matches([',', '.']);
        if title.chars().count() >= MIN_TITLE_CHARS && title.chars().any(char::is_alphanumeric) {
            found.push((title, after));
        }
        rest = after;
    }
    found
}

/// Split `Title by Author` at its last ` by `.
fn find_by(item: &str) -> Option<(&str, &str)> {
    let lower = item.to_lowercase();
    // Lowercasing can change byte lengths outside ASCII; only trust the index when it
    // maps onto the original string.
    let i = lower.rfind(" by ")?;
    if lower.len() != item.len() {
        return None;
    }
    Some((&item[..i], &item[i + 4..]))
}

/// The author named by a leading `by NAME` in `after`, if any.
fn author_after(after: &str) -> Option<String> {
    let after = after.trim_start_matches([',', ' ', '\t', ')', '*']);
    let rest = after
        .strip_prefix("by ")
        .or_else(|| after.strip_prefix("By "))?;
    author_name(rest)
}

/// A person's name at the start of `s`: capitalised words, initials and name particles,
/// up to the first punctuation that ends it.
fn author_name(s: &str) -> Option<String> {
    const PARTICLES: &[&str] = &[
        "de", "von", "van", "der", "den", "la", "le", "du", "da", "di", "del",
    ];
    const JOINERS: &[&str] = &["and", "&"];
    let mut words: Vec<&str> = Vec::new();
    for word in s.split_whitespace().take(MAX_AUTHOR_WORDS) {
        let clean = word.trim_end_matches([',', ';', ':', '.', ')', '"', '”', '*']);
        let capitalised = clean.chars().next().is_some_and(char::is_uppercase);
        let joiner = JOINERS.contains(&clean) && clean.len() == word.len() && !words.is_empty();
        if !(capitalised || joiner || PARTICLES.contains(&clean)) {
            break;
        }
        let is_initial = clean.chars().count() <= 2 && word.ends_with('.');
        words.push(if is_initial { word } else { clean });
        if clean.len() != word.len() && !is_initial {
            break;
        }
    }
    while words
        .last()
        .is_some_and(|w| PARTICLES.contains(w) || JOINERS.contains(w))
    {
        words.pop();
    }
    (!words.is_empty()).then(|| words.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keep(s: &str) -> String {
        s.to_string()
    }

    fn titles(block: Block) -> Vec<(String, Option<String>)> {
        extract(&block, "Further Reading", keep)
            .into_iter()
            .map(|e| (e.title, e.author))
            .collect()
    }

    #[test]
    fn reading_headings_are_recognised_by_word() {
        let h = |s: &str| vec![s.to_string()];
        assert!(is_reading_heading(&h("Recommended Reading on Japan")));
        assert!(is_reading_heading(&h("Further reading")));
        assert!(is_reading_heading(&h("Books")));
        assert!(is_reading_heading(&h("Sources and references")));
        assert!(!is_reading_heading(&h("Readiness for war")));
        assert!(!is_reading_heading(&h("Legacy")));
    }

    #[test]
    fn a_reading_list_is_told_from_a_heading_that_only_names_a_reading_word() {
        let reading = |s: &str| is_reading_heading(&[s]);
        for heading in [
            "Further Reading",
            "4.2 Further reading",
            "IV. Bibliography",
            "Notes and references",
            "References and external links",
            "Primary sources",
            "Works cited",
            "Books about Operation Jaque",
            "Select Readings from the Collection",
            "Recommended Books",
            "Additional Resources",
            "Literatur",
            "Weiterführende Literatur",
            "Bibliografía",
            "Bibliografía complementaria",
            "Quellen und Literatur",
            "For Further Reading",
            "Books and articles",
            "What to read next",
            "Further reading and viewing",
            "Литература",
            "参考文献",
            "関連文献",
            "延伸阅读",
            "Дополнительная литература",
            "Lectura adicional",
            "Leitura complementar",
            "Ulteriori letture",
            "Fuentes y bibliografía",
            "Verdere literatuur",
            "Vidare läsning",
            "Kirjallisuutta",
            "Irodalom",
            "Kaynakça",
            "Βιβλιογραφία",
            "قراءات إضافية",
            "לקריאה נוספת",
            "참고 문헌",
        ] {
            assert!(reading(heading), "{heading}");
        }
        for heading in [
            "4 Function reference",
            "Open source",
            "The Book of Kells",
            "Natural resources",
            "Reading skills",
            "Mount Read Volcanics",
            "Synchrotron radiation sources",
            "Book sales",
            "Sources of the Nile",
            "Cultural references",
            "Fuentes de energía",
            "E-books",
            "文献学",
            "",
            "1914",
        ] {
            assert!(!reading(heading), "{heading}");
        }
        // A heading under a reading list's is part of it.
        assert!(is_reading_heading(&["Further reading", "On the war"]));
    }

    #[test]
    fn quoted_titles_keep_inner_apostrophes() {
        let got = titles(Block::Paragraph(
            "consider reading \"The Soviet-Japanese War 1939: The Red Army’s First Victory\" and \"Japan and the Soviet Union: 1941-1945\".".into(),
        ));
        assert_eq!(
            got,
            vec![
                (
                    "The Soviet-Japanese War 1939: The Red Army’s First Victory".into(),
                    None
                ),
                ("Japan and the Soviet Union: 1941-1945".into(), None),
            ]
        );
    }

    #[test]
    fn titles_in_other_languages_quotes() {
        let got = titles(Block::Paragraph(
            "Lesen Sie „Die Außenpolitik der Weimarer Republik“ und 『独ソ関係史』、「日ソ国交」."
                .into(),
        ));
        let got: Vec<String> = got.into_iter().map(|(title, _)| title).collect();
        assert_eq!(
            got,
            [
                "Die Außenpolitik der Weimarer Republik",
                "独ソ関係史",
                "日ソ国交"
            ]
        );
    }

    #[test]
    fn authors_follow_by() {
        let got = titles(Block::Paragraph(
            "Try “The Guns of August” by Barbara W. Tuchman, and *Dreadnought* by Robert K. Massie.".into(),
        ));
        assert_eq!(
            got,
            vec![
                (
                    "The Guns of August".into(),
                    Some("Barbara W. Tuchman".into())
                ),
                ("Dreadnought".into(), Some("Robert K. Massie".into())),
            ]
        );
    }

    #[test]
    fn list_items_are_entries_with_or_without_quotes() {
        assert_eq!(
            titles(Block::ListItem(
                "The Origins of the Second World War by A. J. P. Taylor".into()
            )),
            vec![(
                "The Origins of the Second World War".into(),
                Some("A. J. P. Taylor".into())
            )]
        );
        assert_eq!(
            titles(Block::ListItem(
                "**Paris 1919**, by Margaret MacMillan".into()
            )),
            vec![("Paris 1919".into(), Some("Margaret MacMillan".into()))]
        );
        assert_eq!(
            titles(Block::ListItem("A History of the Crimean War".into())),
            vec![("A History of the Crimean War".into(), None)]
        );
        assert_eq!(
            titles(Block::ListItem(
                "The Tide at Sunrise by Denis Warner and Peggy Warner".into()
            )),
            vec![(
                "The Tide at Sunrise".into(),
                Some("Denis Warner and Peggy Warner".into())
            )]
        );
        assert_eq!(
            titles(Block::ListItem(
                "Blood and Sand by Alex von Tunzelmann".into()
            )),
            vec![("Blood and Sand".into(), Some("Alex von Tunzelmann".into()))]
        );
    }

    #[test]
    fn plain_paragraphs_without_quotes_name_no_books() {
        assert!(titles(Block::Paragraph("These books explain the war well.".into())).is_empty());
    }
}

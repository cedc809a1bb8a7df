//! Telling a reading list by its heading: the words such headings are made of, in
//! English and in some thirty other languages, and the rule that reads them.

use unicode_normalization::char::is_combining_mark;

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
    // Icelandic, Swahili, Indonesian and Malay (`Daftar pustaka`, `Bacaan lanjutan`),
    // Turkish (`Daha fazla okuma`), Persian and Urdu (`کتاب‌شناسی`, read as two words),
    // Bengali.
    "heimildir",
    "marejeo",
    "pustaka",
    "bacaan",
    "okuma",
    "منابع",
    "کتاب",
    "کتابشناسی",
    "তথ্যসূত্র",
    // Vietnamese, whose words are syllables: `Tài liệu tham khảo`, `Đọc thêm`, `Thư mục`.
    "khảo",
    "đọc",
    "mục",
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
    "literatūra",
    "kirjandus",
    "ლიტერატურა",
    "գրականություն",
    "গ্রন্থপঞ্জি",
    "کتابیات",
    "บรรณานุกรม",
    "อ่านเพิ่มเติม",
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
    "参考资料",
    "參考資料",
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
    "daftar",
    "lanjutan",
    "lanjut",
    "daha",
    "fazla",
    "ileri",
    "شناسی",
    "tài",
    "liệu",
    "tham",
    "thêm",
    "thư",
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

/// Whether any heading in the path introduces a reading list: past its numbering (`4.2`,
/// `IV`) and before the words saying what the books are about, it is made of
/// [`READING_NOUNS`] and [`READING_MODIFIERS`], at least one a noun, or it starts with one
/// of [`OTHER_READING_NOUNS`].
pub(crate) fn is_reading_heading(headings: &[impl AsRef<str>]) -> bool {
    headings.iter().any(|h| introduces_reading(h.as_ref()))
}

fn introduces_reading(heading: &str) -> bool {
    // A hyphen joins a word (`E-books` is no `e` and `books`), and so does a combining
    // mark (a Devanagari or Bengali virama: `ग्रंथसूची`).
    let mut words = heading
        .split(|c: char| !c.is_alphanumeric() && c != '-' && !is_combining_mark(c))
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

#[cfg(test)]
mod tests {
    use super::*;

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
            "Literatūra",
            "Kirjandus",
            "Heimildir",
            "Daftar pustaka",
            "Bacaan lanjutan",
            "Daha fazla okuma",
            "کتاب‌شناسی",
            "منابع",
            "کتابیات",
            "ლიტერატურა",
            "Գրականություն",
            "গ্রন্থপঞ্জি",
            "Marejeo",
            "ग्रंथसूची",
            "তথ্যসূত্র",
            "Tài liệu tham khảo",
            "Đọc thêm",
            "Thư mục",
            "บรรณานุกรม",
            "อ่านเพิ่มเติม",
            "参考资料",
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
            "Daftar isi",
            "Daha fazla bilgi",
            "منابع طبیعی",
            "کتاب شاهنامه",
            "Eesti kirjandus",
            "Tài liệu",
            "Khảo cổ học",
            "Mục lục",
            "历史资料",
            "",
            "1914",
        ] {
            assert!(!reading(heading), "{heading}");
        }
        // A heading under a reading list's is part of it.
        assert!(is_reading_heading(&["Further reading", "On the war"]));
    }
}

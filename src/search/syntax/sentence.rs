//! Whether a query is a sentence (a claim, a question) rather than a name or a topic: not
//! syntax, but it decides how the query is ranked.

/// The marks that end a sentence: not syntax, but a query ending in one is a sentence.
pub(crate) const SENTENCE_ENDS: [char; 8] = ['.', '?', '!', '…', '。', '？', '！', '؟'];

/// Words that open a question, in the languages of Europe most written in (a collection
/// holds articles in many, and a query's language is not known). A title that opens with
/// one (`Where Eagles Dare`) is then ranked by BM25 rather than in tiers, which ranks a
/// name about as well.
#[rustfmt::skip]
const QUESTION_WORDS: &[&str] = &[
    // English
    "who", "whom", "whose", "what", "which", "when", "where", "why", "how",
    // German
    "wer", "wen", "wem", "wessen", "wann", "wo", "warum", "wieso", "weshalb", "wie",
    "welche", "welcher", "welches",
    // French
    "qui", "quoi", "quand", "où", "pourquoi", "comment", "quel", "quelle", "quels",
    "quelles", "combien",
    // Spanish, Portuguese and Italian, with the accents and without
    "quién", "quiénes", "qué", "cuándo", "dónde", "cómo", "cuál", "cuáles", "cuánto",
    "quien", "cuando", "donde", "cual", "quem", "onde", "quando", "perché", "quale",
    // Russian
    "кто", "что", "когда", "где", "почему", "зачем", "как", "какой", "какая", "какие",
];

/// Whether `text` is a sentence rather than a name or a topic: it ends as a sentence does
/// (`.`, `?`, `!`, `…`, or as Chinese, Japanese and Arabic end one), or it opens with a
/// question word (`who`, `what's`, `wann`) and goes on, as people type questions without
/// the mark. A claim or a question seldom uses the words of the text that bears it out or
/// answers it (`signed`, `who`), so they are not all required.
pub(crate) fn is_sentence(text: &str) -> bool {
    let text = text.trim();
    let mut words = text.split_whitespace();
    let opens = words.next().is_some_and(|first| {
        let word = first.split(['\'', '\u{2019}']).next().unwrap_or_default();
        QUESTION_WORDS.contains(&word.to_lowercase().as_str())
    });
    text.ends_with(SENTENCE_ENDS) || (opens && words.next().is_some())
}

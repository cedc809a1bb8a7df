//! Query text read as plain words, for natural-language test collections (`bench
//! --plain`): no syntax at all.

use super::SENTENCE_ENDS;

/// `text` with everything but its words removed, so that it parses as plain words: no
/// operators, fields, phrases or prefixes. An apostrophe inside a word stays, so that the
/// analyzer reads `Metternich's` as it reads it in the text, and so does the mark that ends
/// a sentence, which is not syntax: a claim is ranked as a sentence (see
/// [`SENTENCE_ENDS`]).
pub fn plain_words(text: &str) -> String {
    use crate::analyzer::is_word_char;
    let chars: Vec<char> = text.chars().collect();
    let kept = |i: usize| {
        let c = chars[i];
        is_word_char(c)
            || (matches!(c, '\'' | '\u{2019}')
                && i > 0
                && is_word_char(chars[i - 1])
                && chars.get(i + 1).is_some_and(|&next| is_word_char(next)))
    };
    let spaced: String = (0..chars.len())
        .map(|i| if kept(i) { chars[i] } else { ' ' })
        .collect();
    let words = spaced
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(|w| match w {
            "AND" | "OR" | "NOT" | "TO" | "IN" => w.to_lowercase(),
            _ => w.to_string(),
        })
        .collect::<Vec<_>>()
        .join(" ");
    match text.trim_end().chars().last() {
        Some(mark) if SENTENCE_ENDS.contains(&mark) && !words.is_empty() => {
            words + &mark.to_string()
        }
        _ => words,
    }
}

#[cfg(test)]
mod tests {
    use super::plain_words;

    #[test]
    fn plain_words_keep_only_words_and_apostrophes_inside_them() {
        assert_eq!(
            plain_words("Metternich’s \"plan\" (1815): AND -war* 's x'"),
            "Metternich’s plan 1815 and war s x"
        );
        assert_eq!(
            plain_words("Statins raise (LDL) cholesterol. "),
            "Statins raise LDL cholesterol."
        );
        assert_eq!(plain_words("who won?"), "who won?");
        assert_eq!(plain_words("?"), "");
    }
}

//! Macedonian's light stemmer, which Snowball lacks: Savoy's light Bulgarian stemmer (the
//! one Lucene's Bulgarian analyzer uses, [`super::bulgarian`]) with Macedonian's own
//! endings, for the two languages inflect alike and write their endings apart. It takes off
//! the definite article Macedonian writes at a word's end (`градот`, the town; `војната`,
//! the war; `селото`; `книгите`), then a plural's ending (`градови`, `кралеви`, `полиња`,
//! `книги`), mending the consonant `-ци` makes of a `-к` (`војници`), then a final vowel:
//! `војна`, `војната`, `војни` and `војните` share `војн`.

use super::suffix::{ends, replace, strip};

/// The stem of `word`, lower case.
pub(super) fn stem(word: &str) -> String {
    let mut w: Vec<char> = word.chars().collect();
    if w.len() < 4 {
        return word.to_string();
    }
    remove_article(&mut w);
    remove_plural(&mut w);
    if w.len() > 3 {
        let _ = strip(&mut w, "а") || strip(&mut w, "е") || strip(&mut w, "о");
    }
    w.into_iter().collect()
}

/// The definite article, where what comes before it tells it from a word's own ending:
/// `-те` after a plural's `и`, `-та` after `а` (a feminine noun's, or a neuter plural's),
/// `-то` after a neuter noun's `о` or `е`, `-от` after a consonant (a masculine noun's), so
/// that `работа` and `место` keep their `та` and `то`.
fn remove_article(w: &mut Vec<char>) {
    if w.len() <= 5 {
        return;
    }
    let before = w[w.len() - 3];
    let article = match (w[w.len() - 2], w[w.len() - 1]) {
        ('т', 'е') => before == 'и',
        ('т', 'а') => before == 'а',
        ('т', 'о') => matches!(before, 'о' | 'е'),
        ('о', 'т') => !is_vowel(before),
        _ => false,
    };
    if article {
        w.truncate(w.len() - 2);
    }
}

/// A plural's ending, with the `к` that `-ци` changed put back.
fn remove_plural(w: &mut Vec<char>) {
    if w.len() > 5 && (strip(w, "ови") || strip(w, "еви") || strip(w, "иња")) {
        return;
    }
    if w.len() > 5 && replace(w, "ци", "к") {
        return;
    }
    if w.len() > 4 && ends(w, "и") {
        w.pop();
    }
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'а' | 'е' | 'и' | 'о' | 'у')
}

#[cfg(test)]
mod tests {
    use super::super::suffix::assert_forms_share_a_stem;
    use super::stem;

    #[test]
    fn a_words_forms_share_its_stem() {
        assert_forms_share_a_stem(
            stem,
            &[
                // Singular, with the article, plural, plural with the article.
                &["војна", "војната", "војни", "војните"][..],
                &["договор", "договорот", "договори", "договорите"],
                &["град", "градот", "градови", "градовите"],
                &["книга", "книгата", "книги", "книгите"],
                &["војник", "војникот", "војници", "војниците"],
                &["село", "селото"],
                &["поле", "полето", "полиња"],
                &["работа", "работата"],
                &["живот", "животот"],
            ],
        );
    }

    #[test]
    fn short_words_and_a_words_own_ending_are_kept() {
        for word in ["од", "на", "при", "крал"] {
            assert_eq!(stem(word), word);
        }
        // `-от` after a vowel is the word's own: `патриот` is no `патри` with an article.
        assert_eq!(stem("патриот"), "патриот");
        assert_ne!(stem("војна"), stem("војник"));
    }
}

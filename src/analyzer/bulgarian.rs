//! Bulgarian's light stemmer, which Snowball lacks: Jacques Savoy's ("Searching Strategies
//! for the Bulgarian Language", Information Retrieval 10, 2007), the one Lucene's Bulgarian
//! analyzer uses. It takes off the definite article Bulgarian writes at a word's end
//! (`войната`, the war; `договорът`, the treaty), then a plural's ending (`битки`,
//! `градове`), mending the consonants a plural changes (`ци` → `к`, `зи` → `г`, `си` → `х`),
//! then a final vowel: `войната`, `войни` and `война` share `войн`.

use super::suffix::{ends, replace, strip};

/// The stem of `word`, lower case.
pub(super) fn stem(word: &str) -> String {
    let mut w: Vec<char> = word.chars().collect();
    if w.len() < 4 {
        return word.to_string();
    }
    if w.len() > 5 && strip(&mut w, "ища") {
        return w.into_iter().collect();
    }
    remove_article(&mut w);
    remove_plural(&mut w);
    if w.len() > 3 {
        strip(&mut w, "я");
        // A final vowel left may be an article or a plural's as well as the word's own.
        let _ = strip(&mut w, "а") || strip(&mut w, "е") || strip(&mut w, "о");
    }
    // A vowel that comes and goes before a final consonant: `-ен`, `-ъ?`.
    if w.len() > 4 && ends(&w, "ен") {
        w.remove(w.len() - 2);
    }
    if w.len() > 5 && w[w.len() - 2] == 'ъ' {
        w.remove(w.len() - 2);
    }
    w.into_iter().collect()
}

/// The definite article: `-ият`, `-ия`, `-ът`, `-та`, `-то`, `-те`, `-ят`.
fn remove_article(w: &mut Vec<char>) {
    if w.len() > 6 && strip(w, "ият") {
        return;
    }
    if w.len() > 5
        && ["ия", "ът", "та", "то", "те"]
            .iter()
            .any(|end| strip(w, end))
    {
        return;
    }
    if w.len() > 4 {
        strip(w, "ят");
    }
}

/// A plural's ending, with the consonant it changed put back.
fn remove_plural(w: &mut Vec<char>) {
    let n = w.len();
    if n > 6 {
        if strip(w, "ове") {
            return;
        }
        if replace(w, "еве", "й") || replace(w, "овци", "о") {
            return;
        }
    }
    if n > 5 {
        if replace(w, "зи", "г") {
            return;
        }
        // The `я` of a stem that its plural writes `е`: `-е?и` → `-я?`.
        if w[n - 3] == 'е' && w[n - 1] == 'и' {
            w[n - 3] = 'я';
            w.pop();
            return;
        }
        if replace(w, "ци", "к") || strip(w, "та") || strip(w, "ища") {
            return;
        }
    }
    if n > 4 {
        let _ = replace(w, "си", "х") || strip(w, "и");
    }
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
                &["война", "войната", "войни", "войните"][..],
                &["договор", "договора", "договорът", "договори", "договорите"],
                &["битка", "битката", "битки", "битките"],
                &["град", "градът", "градове", "градовете"],
                &["ученик", "ученикът", "ученици"],
                &["княжество", "княжеството"],
            ],
        );
    }

    #[test]
    fn short_words_are_kept() {
        for word in ["от", "на", "при", "цар"] {
            assert_eq!(stem(word), word);
        }
        assert_ne!(stem("война"), stem("воин"));
    }
}

//! The stems of a word of a stemmed language other than English: its Snowball stemmer's
//! (Bulgarian's, Latvian's, Bengali's, Slovene's, Macedonian's, Belarusian's and Galician's,
//! light stemmers'; Latin's, Schinke's noun stem), with what each language needs beside it (a
//! plural read as its singular, a Greek stem settled, a Turkish or Arabic word's second
//! spelling, the folded word's stem).

use snowball_stemmers_rs::Algorithm;

use super::fold::fold_into;
use super::{
    arabic, belarusian, bengali, bulgarian, galician, greek, latin, latvian, macedonian, plural,
    slovene, turkish, WordTokenizer, FOLDED_STEM,
};
use crate::language::Stemmer;

impl WordTokenizer {
    /// `word` stemmed by `language`'s Snowball stemmer (not English's, which has its own
    /// cache): a Spanish or Portuguese plural as its singular ([`plural::singular`]), a
    /// Greek stem without the `ι` its stemmer leaves on some forms ([`greek::settled_stem`]).
    pub(super) fn stem_other(&self, language: Stemmer, word: &str) -> String {
        let language = match language {
            Stemmer::Snowball(algorithm) => algorithm,
            Stemmer::Bulgarian => return bulgarian::stem(word),
            Stemmer::Latvian => return latvian::stem(word),
            Stemmer::Latin => return latin::stem(word),
            Stemmer::Bengali => return bengali::stem(word),
            Stemmer::Slovene => return slovene::stem(word),
            Stemmer::Macedonian => return macedonian::stem(word),
            Stemmer::Belarusian => return belarusian::stem(word),
            Stemmer::Galician => return galician::stem(word),
        };
        let singular = plural::singular(language, word);
        let word = singular.as_deref().unwrap_or(word);
        // Creating a stemmer picks its function: nothing to keep.
        let stem = snowball_stemmers_rs::Stemmer::create(language)
            .stem(word)
            .into_owned();
        match language {
            Algorithm::Greek => greek::settled_stem(stem),
            _ => stem,
        }
    }

    /// The stems of `word` (composed; `folded` once folded) in `language`: the stem of the
    /// word as written, folded, and the terms to come after it at the same position, in the
    /// order they come.
    ///
    /// A Snowball stemmer reads the language's own letters: Turkish `antlaşmaları` loses
    /// its `ları` and French `fédérée` its `ée`, where their folded forms keep them. The
    /// stem as written is the word's; the stem of the folded word, where it differs, behind
    /// [`FOLDED_STEM`], is what a query typed without accents finds. A word whose stemmer
    /// reads one of its spellings and not another also has the other's stem, marked as the
    /// stem is: a Turkish word with the possessive ending the stemmer keeps, the word
    /// without it ([`turkish::possessive_base`]); an Arabic word ending in heh, the word
    /// ending in teh marbuta ([`arabic::teh_marbuta_spelling`]).
    pub(super) fn stems_other(
        &mut self,
        language: Stemmer,
        word: &str,
        folded: &str,
    ) -> (String, Vec<String>) {
        let written = match language {
            Stemmer::Snowball(Algorithm::Turkish) => turkish::lowercase(word),
            _ => word.to_lowercase(),
        };
        let written_stem = self.stem_other(language, &written);
        // What the word may also be, where the language's stemmer reads one spelling of two.
        let second = match language {
            Stemmer::Snowball(Algorithm::Turkish) => {
                turkish::possessive_base(&written, &written_stem).map(str::to_string)
            }
            Stemmer::Snowball(Algorithm::Arabic) => arabic::teh_marbuta_spelling(&written),
            _ => None,
        };
        let stem = match written_stem.is_ascii() {
            // Folding leaves lower-case ASCII as it is.
            true => written_stem,
            false => {
                let mut stem = String::new();
                fold_into(&mut self.fold, &written_stem, &mut stem);
                stem
            }
        };
        let mut others = Vec::new();
        if let Some(second) = second {
            let (stemmed, mut second_stem) = (self.stem_other(language, &second), String::new());
            fold_into(&mut self.fold, &stemmed, &mut second_stem);
            if !second_stem.is_empty() && second_stem != stem {
                others.push(format!("{}{second_stem}", self.stem_mark));
            }
        }
        if written == folded {
            return (stem, others);
        }
        let folded_stem = self.stem_other(language, folded);
        match (stem.is_empty(), folded_stem.is_empty()) {
            (false, false) if stem != folded_stem => {
                others.push(format!("{FOLDED_STEM}{folded_stem}"));
                (stem, others)
            }
            (true, _) => (folded_stem, others),
            _ => (stem, others),
        }
    }
}

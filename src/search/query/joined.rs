//! Words joined by punctuation without a space: `type-I`, `25(OH)D`, `<b>rapallo</b>`, a
//! pasted address (`…/wiki/Treaty_of_Rapallo`).
//!
//! Written so, the words are most likely meant together, and a query holds them to a
//! phrase. When that leaves the page short, the tier of "some of the words" takes them
//! apart ([`super::Mode::AnyPiece`]), as Lucene's query parser always does: the phrase was
//! a guess at what the user meant, and a guess that finds nothing must not hide the
//! documents holding the words themselves. (Taking them apart in a long query's BM25
//! ranking too, as Lucene does, cost CACM and MED: see the README.)

use tantivy::query::{Occur, Query};
use tantivy::tokenizer::{TextAnalyzer, TokenStream};

use super::Compiler;
use crate::error::Result;
use crate::search::checked;

/// The byte ranges of the pieces of `text` that punctuation or spaces separate, each
/// holding one or more of the analyzer's words; one range when nothing separates them.
///
/// Words the analyzer splits out of one unbroken run of letters (bigrams of Chinese or
/// Japanese text) stay in one piece: they are one word as the user wrote them. A
/// possessive's `'s` is not a word of its own, so `Metternich's` is one piece.
pub(crate) fn pieces(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(usize, usize)> {
    let mut stream = analyzer.token_stream(text);
    let mut pieces: Vec<(usize, usize)> = Vec::new();
    while let Some(token) = stream.next() {
        let (from, to) = (token.offset_from, token.offset_to);
        match pieces.last_mut() {
            Some((_, end))
                if from <= *end || text[*end..from].chars().all(char::is_alphanumeric) =>
            {
                *end = (*end).max(to)
            }
            _ => pieces.push((from, to)),
        }
    }
    pieces
}

impl Compiler<'_> {
    /// Unquoted `text` as a clause where any of its pieces (see [`pieces`]) will do; text
    /// of one piece is compiled as it is.
    pub(super) fn any_piece(
        &mut self,
        field: Option<&str>,
        text: &str,
    ) -> Result<Option<Box<dyn Query>>> {
        let pieces = pieces(&mut self.analyzer, text);
        if pieces.len() < 2 {
            return self.words(field, text, false, 0, false);
        }
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let mut seen = Vec::new();
        for (from, to) in pieces {
            // Markup repeats its words (`<b>…</b>`): each piece counts once.
            let piece = text[from..to].to_lowercase();
            if seen.contains(&piece) {
                continue;
            }
            seen.push(piece);
            if let Some(query) = self.words(field, &text[from..to], false, 0, false)? {
                clauses.push((Occur::Should, query));
            }
        }
        Ok(match clauses.len() {
            0 => None,
            1 => clauses.pop().map(|(_, q)| q),
            _ => Some(Box::new(checked::boolean(clauses))),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::text_analyzer;

    fn texts(text: &str) -> Vec<&str> {
        let mut analyzer = text_analyzer();
        (pieces(&mut analyzer, text).into_iter())
            .map(|(from, to)| &text[from..to])
            .collect()
    }

    #[test]
    fn punctuation_separates_pieces() {
        assert_eq!(texts("25(OH)D"), ["25", "OH", "D"]);
        assert_eq!(
            texts("<script>rapallo</script>"),
            ["script", "rapallo", "script"]
        );
        assert_eq!(
            texts("https://en.wikipedia.org/wiki/Treaty_of_Rapallo"),
            [
                "https",
                "en",
                "wikipedia",
                "org",
                "wiki",
                "Treaty",
                "Rapallo"
            ]
        );
        assert_eq!(texts("type-I"), ["type", "I"]);
    }

    #[test]
    fn one_word_is_one_piece() {
        assert_eq!(texts("Metternich's"), ["Metternich"]);
        assert_eq!(texts("rapallo"), ["rapallo"]);
        assert_eq!(texts("北京大学"), ["北京大学"]);
        assert!(texts("the").is_empty());
    }
}

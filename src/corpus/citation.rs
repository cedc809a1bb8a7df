//! Citations as reading lists write them without quotes or italics: `Title by Author`,
//! and the forms of bibliographies, `Kissinger, Henry. A World Restored. Boston, 1957.`
//! (Chicago, MLA) and `Schroeder, Paul W. (1994). The Transformation …` (APA): their
//! title and their author. (`Henry Kissinger, A World Restored (1957)` is not read: on the
//! wiki dump, newspapers' names before a date took that form far more often than people;
//! a name with an initial is a person's, and read: `C. V. Wedgwood, The Thirty Years War
//! (1938)`. Nor is `Nicolson, Harold, The Congress of Vienna (1946)`: all seven lines of
//! the wiki dump that reading it would have given an author were dates, blogs and lists of
//! authors, `April 26` by `LindaEve Blog Linda Evrett`.)

pub(super) use super::citation_names::author_name;
use super::citation_names::{
    capitals_surname, initialled_name, inverted_name, named_before_colon, people, surname_initials,
};

/// Titles shorter than this are scare quotes, not books.
pub(super) const MIN_TITLE_CHARS: usize = 2;

/// Longest paragraph read as a citation alone: a book a line, not prose.
const MAX_CITATION_CHARS: usize = 200;

/// Words that end what comes before `by` in a citation of an edition (`…, edited by`).
const CREDITS: &[&str] = &[
    "edited",
    "translated",
    "compiled",
    "introduced",
    "illustrated",
];

/// Words that end what comes before `by` in a sentence about a book (`It was written by`).
const SENTENCE_ENDS: &[&str] = &["was", "is", "were", "are", "been", "be", "written", "wrote"];

/// A paragraph that is a citation and nothing more, `Title by Author` (a year or a
/// publisher in parentheses aside): a reading list written a book a line, without bullets.
pub(super) fn by_author(text: &str) -> Option<(&str, String)> {
    let text = text.trim();
    if text.chars().count() > MAX_CITATION_CHARS || text.ends_with(':') {
        return None;
    }
    let (title, after) = find_by(text)?;
    let author = author_name(after)?;
    let last = author.split_whitespace().last()?;
    let rest = &after[after.find(last)? + last.len()..];
    // Anything but parentheses, a year and punctuation after the name: prose about a book.
    let mut depth = 0usize;
    for c in rest.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            c if c.is_alphabetic() && depth == 0 => return None,
            _ => {}
        }
    }
    let mut title = title
        .trim()
        .trim_end_matches([',', ';', '-', '–', '—'])
        .trim_end();
    if let Some(before) = CREDITS.iter().find_map(|w| title.strip_suffix(w)) {
        title = before.trim_end().trim_end_matches(',').trim_end();
    }
    let last_word = title.split_whitespace().last()?.to_lowercase();
    let capitalised = title.starts_with(|c: char| c.is_uppercase() || c.is_numeric());
    // A clause before it (`Published; 8 October 2008, by …`) is no title.
    if !capitalised
        || title.contains(';')
        || SENTENCE_ENDS.contains(&last_word.as_str())
        || title.chars().count() < MIN_TITLE_CHARS
    {
        return None;
    }
    Some((title, author))
}

/// Abbreviations a full stop ends without ending a citation's part (`ed.`, `Vol. 2`).
const ABBREVIATIONS: &[&str] = &[
    "ed", "eds", "trans", "tr", "vol", "vols", "no", "pp", "st", "dr", "mr", "mrs", "jr", "sr",
];

/// A citation as bibliographies write one, without `by`: the author first, surname first
/// (`Kissinger, Henry. A World Restored. …`, the year in parentheses after the name in
/// APA's form) or first name first before a colon, as German ones write it (`Peter Krüger:
/// Die Außenpolitik …`), then the title, and a year somewhere. Its title, and its author
/// named first name first.
pub(super) fn written(text: &str) -> Option<(String, String)> {
    let text = text.trim();
    if text.chars().count() > MAX_CITATION_CHARS || !names_a_year(text) {
        return None;
    }
    // German bibliographies name the authors first name first, then a colon (`Peter
    // Krüger: Die Außenpolitik der Republik von Weimar. Darmstadt 1985.`).
    // A place, a publisher or a year follows the title, with the year (`Key Terms:
    // Diplomacy, 1922.` is no citation).
    let colon = text.split_once(": ").and_then(|(names, rest)| {
        let rest = parts(rest);
        let [title, ref after @ ..] = rest[..] else {
            return None;
        };
        after.iter().any(|part| names_a_year(part)).then_some(())?;
        // `Schmidt, Georg: Die Reiter der Apokalypse. … München 2018.`
        // (The names are one part: `Parker, Geoffrey. Global Crisis: War, …` names Parker
        // before a full stop.)
        let inverted = || match parts(names)[..] {
            [one] => inverted_name(without_year(one)),
            _ => None,
        };
        let names = named_before_colon(names).or_else(inverted);
        Some((names?, title))
    });
    let (author, title) = match colon {
        Some(found) => found,
        None => named_first(text)?,
    };
    let title = title_alone(title);
    let capitalised = title.starts_with(|c: char| c.is_uppercase() || c.is_numeric());
    (capitalised
        && title.chars().any(char::is_alphabetic)
        && title.chars().count() >= MIN_TITLE_CHARS)
        .then(|| (title.to_string(), author))
}

/// A citation's author and title where its first part names the author: surname first
/// (`Kissinger, Henry. A World Restored`; `Smith, John; Jones, Mary (2001). …`), or first
/// name first with an initial, before a full stop or a comma (`Ronald G. Asch. The Thirty
/// Years War`, `C. V. Wedgwood, The Thirty Years War (1938)`); or a citation written with
/// commas alone after a year (`Münkler, Herfried (2017), Der Dreißigjährige Krieg,
/// Berlin`) or after a surname in capitals (`DUBY, Georges, Le Dimanche de Bouvines,
/// Paris`), whose title ends at its first comma.
fn named_first(text: &str) -> Option<(String, &str)> {
    let parts = parts(text);
    if let [author, title, ..] = parts[..] {
        if let Some(name) = people(without_year(author)) {
            return Some((name, title));
        }
    }
    let first = parts.first()?;
    // A semicolon after an inverted name, before a title and not another name (`Bonney,
    // Richard; The Thirty Years' War 1618–1648 (Osprey, 2002)`).
    if let Some((name, title)) = first.split_once("; ") {
        let next = title.split([';', '(']).next().unwrap_or(title).trim();
        if inverted_name(next).is_none() && title.starts_with(char::is_uppercase) {
            if let Some(name) = inverted_name(name) {
                return Some((name, title));
            }
        }
    }
    if let Some((name, title)) = before_year(first) {
        if let Some(name) = people(name) {
            return Some((name, up_to_comma(title)));
        }
    }
    let (author, title) = first.split_once(", ")?;
    if let Some(name) = initialled_name(author) {
        return Some((name, up_to_comma(title)));
    }
    let (given, title) = title.split_once(", ")?;
    Some((capitals_surname(author, given)?, up_to_comma(title)))
}

/// A title written with commas alone, up to its first (`Le Dimanche de Bouvines, Paris`).
fn up_to_comma(title: &str) -> &str {
    title.split(", ").next().unwrap_or(title)
}

/// What comes before and after a year in parentheses (`Münkler, Herfried (2017), Der …`).
fn before_year(text: &str) -> Option<(&str, &str)> {
    let open = text.find(" (")?;
    Some((&text[..open], after_year(&text[open + 1..])?))
}

/// What follows the year in parentheses `text` opens with, past its punctuation
/// (`(2009) Europe's Tragedy` is `Europe's Tragedy`).
fn after_year(text: &str) -> Option<&str> {
    let (year, after) = text.strip_prefix('(')?.split_once(')')?;
    (year.len() == 4 && names_a_year(year))
        .then(|| after.trim_start_matches(|c: char| c.is_whitespace() || ",.:".contains(c)))
}

/// The parts of a citation, as full stops followed by a space end them, except after an
/// initial (`Paul W.`) or an abbreviation (`ed.`).
fn parts(text: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    for (at, _) in text.match_indices(". ") {
        let word = text[start..at].rsplit(' ').next().unwrap_or_default();
        let word = word.trim_start_matches(['(', '[']);
        let is_initial = |w: &str| w.chars().count() == 1 && w.chars().all(char::is_uppercase);
        let next = text[at + 2..].split(' ').next().unwrap_or_default();
        // An inverted name's last initial ends it where a word follows (`Hobsbawm, E. J.
        // The Age of Revolution`).
        // So does a surname's last initial (`Тарле Е. В. Наполеон`), unless a surname
        // and a comma follow: the name was written first name first (`Iosif G. Dyadkin,`).
        // Nor where one initial stands between two names ending the part (`Ronald G.
        // Asch. The Thirty Years War`): the name was written first name first.
        let given_initial_surname = next.ends_with('.')
            && text[start..at].split(' ').count() == 2
            && initialled_name(&format!(
                "{}. {}",
                &text[start..at],
                &next[..next.len() - 1]
            ))
            .is_some();
        let inverted = text[start..at].contains(", ")
            || (surname_initials(&text[start..at]).is_some()
                && !next.ends_with(',')
                && !given_initial_surname);
        let name_ends = parts.is_empty()
            && inverted
            && next.starts_with(char::is_uppercase)
            && !is_initial(next.trim_end_matches('.'));
        // An editor's credit after an inverted name ends the name, as the name's own full
        // stop would (`Helfferich, Tryntje, ed. The Thirty Years War`).
        let credit = parts.is_empty()
            && ["ed", "eds"].contains(&word.to_lowercase().as_str())
            && text[start..at].matches(", ").count() >= 2
            && (text[start..at].strip_suffix(word))
                .is_some_and(|name| name.trim_end().ends_with(','))
            && next.starts_with(char::is_uppercase);
        let abbreviation = ABBREVIATIONS.contains(&word.to_lowercase().as_str());
        if (is_initial(word) && !name_ends) || (abbreviation && !credit) {
            continue;
        }
        parts.push(text[start..at].trim());
        start = at + 2;
    }
    parts.push(text[start..].trim().trim_end_matches('.'));
    parts.retain(|p| !p.is_empty());
    parts
}

/// Whether `text` names a year: four digits from 1000 to 2099 standing alone.
fn names_a_year(text: &str) -> bool {
    text.split(|c: char| !c.is_ascii_digit())
        .any(|n| n.len() == 4 && ("1000".."2100").contains(&n))
}

/// `Schroeder, Paul W. (1994)` without its year in parentheses.
fn without_year(author: &str) -> &str {
    match author
        .trim_end()
        .strip_suffix(')')
        .and_then(|a| a.rfind('(').map(|i| &a[..i]))
    {
        Some(name) => name.trim_end(),
        None => author,
    }
}

/// A citation's title part without what follows it there: a year or publisher in
/// parentheses, a year after a comma, closing punctuation.
fn title_alone(title: &str) -> &str {
    let mut title = title
        .trim()
        .trim_end_matches(['.', ',', ';', ':'])
        .trim_end();
    // Harvard's year after the name, with no full stop after it: `Wilson, P.H. (2009)
    // Europe's Tragedy.`
    if let Some(after) = after_year(title) {
        title = after;
    }
    if let Some(open) = title.find(" (") {
        title = &title[..open];
    }
    if let Some((before, year)) = title.rsplit_once(", ") {
        if names_a_year(year) && year.len() <= 6 {
            title = before;
        }
    }
    title.trim_end_matches([',', ':', ';']).trim_end()
}

/// The author a citation names before its quoted or emphasised title, surname first as
/// bibliographies write it (`Zamoyski, Adam. *Rites of Peace*`, with APA's year:
/// `Schroeder, P. W. (1994). *The Transformation …*`), where `before` ends as a citation's
/// part ends (a full stop, a comma, a year in parentheses). A name first name first is not
/// read: on the wiki dump, websites' and newspapers' names stood there (`BBC News, "Pat on
/// the back …"`) three times as often as people's.
pub(super) fn author_before(before: &str) -> Option<String> {
    let before = before.trim();
    if let Some(names) = before.strip_suffix(':') {
        return named_before_colon(names);
    }
    let name = before.trim_end_matches(['.', ',']).trim_end();
    if name.len() == before.len() && !before.ends_with(')') {
        return None;
    }
    people(without_year(name).trim_end_matches([',', '.']).trim_end())
}

/// Split `Title by Author` at its last ` by `.
pub(super) fn find_by(item: &str) -> Option<(&str, &str)> {
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
pub(super) fn author_after(after: &str) -> Option<String> {
    let after = after.trim_start_matches([',', ' ', '\t', ')', '*']);
    let rest = after
        .strip_prefix("by ")
        .or_else(|| after.strip_prefix("By "))?;
    author_name(rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bibliographies_forms_give_title_and_author() {
        for (line, title, author) in [
            (
                "Kissinger, Henry. A World Restored. Boston: Houghton Mifflin, 1957.",
                "A World Restored",
                "Henry Kissinger",
            ),
            (
                "Schroeder, Paul W. (1994). The Transformation of European Politics, 1763–1848. Oxford: Clarendon Press.",
                "The Transformation of European Politics, 1763–1848",
                "Paul W. Schroeder",
            ),
            (
                "Hobsbawm, E. J. The Age of Revolution. London, 1962.",
                "The Age of Revolution",
                "E. J. Hobsbawm",
            ),
            ("King, David. Vienna 1814, 2008.", "Vienna 1814", "David King"),
            (
                "Helfferich, Tryntje, ed. The Thirty Years War: A Documentary History. Indianapolis: Hackett, 2009.",
                "The Thirty Years War: A Documentary History",
                "Tryntje Helfferich",
            ),
            (
                "Bonney, Richard; The Thirty Years' War 1618–1648 (Osprey, 2002)",
                "The Thirty Years' War 1618–1648",
                "Richard Bonney",
            ),
            (
                "Smith, John; Jones, Mary (2001). The Long Peace. London.",
                "The Long Peace",
                "John Smith and Mary Jones",
            ),
            (
                "Peter Krüger: Die Außenpolitik der Republik von Weimar. Wissenschaftliche Buchgesellschaft, Darmstadt 1985.",
                "Die Außenpolitik der Republik von Weimar",
                "Peter Krüger",
            ),
            (
                "Тарле Е. В. Наполеон. — М.: Изд-во АН СССР, 1957.",
                "Наполеон",
                "Е. В. Тарле",
            ),
            (
                "Berger A. (2010). To What Extent Will the Banking Industry be Globalized?",
                "To What Extent Will the Banking Industry be Globalized?",
                "A. Berger",
            ),
            (
                "Манфред А.З. Наполеон Бонапарт. М., 1971.",
                "Наполеон Бонапарт",
                "А. З. Манфред",
            ),
            (
                "Horst Möller, Manfred Kittel: Demokratie in Deutschland und Frankreich 1918–1933/40. Oldenbourg, München 2002.",
                "Demokratie in Deutschland und Frankreich 1918–1933/40",
                "Horst Möller, Manfred Kittel",
            ),
            (
                "Ronald G. Asch. The Thirty Years War: The Holy Roman Empire and Europe, 1618–48. New York: St. Martin's Press, 1997.",
                "The Thirty Years War: The Holy Roman Empire and Europe, 1618–48",
                "Ronald G. Asch",
            ),
            (
                "C. V. Wedgwood, The Thirty Years War (1938)",
                "The Thirty Years War",
                "C. V. Wedgwood",
            ),
            (
                "Peter H. Wilson, The Thirty Years War: A Sourcebook. Palgrave Macmillan, 2010.",
                "The Thirty Years War: A Sourcebook",
                "Peter H. Wilson",
            ),
            (
                "Helfferich, Tryntje, ed. (2009). The Thirty Years War: A Documentary History. Indianapolis: Hackett.",
                "The Thirty Years War: A Documentary History",
                "Tryntje Helfferich",
            ),
            (
                "Wilson, P.H. (2009) Europe's Tragedy. London: Allen Lane.",
                "Europe's Tragedy",
                "P.H. Wilson",
            ),
            (
                "Smith, John; Jones, Mary (2001). The Habsburg Wars. Oxford University Press.",
                "The Habsburg Wars",
                "John Smith and Mary Jones",
            ),
            (
                "Smith, John, and Mary Jones. The Bohemian Revolt. Cambridge, 1999.",
                "The Bohemian Revolt",
                "John Smith and Mary Jones",
            ),
            (
                "DUBY, Georges, Le Dimanche de Bouvines, Paris, Gallimard, 1973.",
                "Le Dimanche de Bouvines",
                "Georges Duby",
            ),
            (
                "Münkler, Herfried (2017), Der Dreißigjährige Krieg, Berlin: Rowohlt.",
                "Der Dreißigjährige Krieg",
                "Herfried Münkler",
            ),
            (
                "Schmidt, Georg: Die Reiter der Apokalypse. Geschichte des Dreißigjährigen Krieges. München 2018.",
                "Die Reiter der Apokalypse",
                "Georg Schmidt",
            ),
            (
                "Parker, Geoffrey. Global Crisis: War, Climate Change and Catastrophe in the Seventeenth Century. New Haven: Yale University Press, 2013.",
                "Global Crisis: War, Climate Change and Catastrophe in the Seventeenth Century",
                "Geoffrey Parker",
            ),
            (
                "Wilson, Peter H.: Der Dreißigjährige Krieg. Eine europäische Tragödie. Darmstadt 2017.",
                "Der Dreißigjährige Krieg",
                "Peter H. Wilson",
            ),
        ] {
            assert_eq!(written(line), Some((title.into(), author.into())), "{line}");
        } // Surname and initials do not end a name written first name first (`Dyadkin,`).
        let (title, author) =
            written("Iosif G. Dyadkin, Unnatural Deaths in the USSR, 1928-1954 Transaction 1983")
                .unwrap();
        assert_eq!(author, "Iosif G. Dyadkin");
        assert_eq!(title, "Unnatural Deaths in the USSR");
    }

    #[test]
    fn an_author_before_a_quoted_title_is_read() {
        for (before, author) in [
            ("Zamoyski, Adam. ", Some("Adam Zamoyski")),
            ("Webster, C. K., ", Some("C. K. Webster")),
            ("Ward, Stephen J.A. ", Some("Stephen J.A. Ward")),
            ("Schroeder, P. W. (1994). ", Some("P. W. Schroeder")),
            ("Тарле Е. В. ", Some("Е. В. Тарле")),
            ("Tarle E. ", Some("E. Tarle")),
            ("Napoleon I. ", None),
            ("USA A. B. ", None),
            ("Henry Kissinger, ", None),
            ("Peter H. Wilson, ", Some("Peter H. Wilson")),
            ("U.S. Army, ", None),
            (
                "Helfferich, Tryntje, ed. (2009). ",
                Some("Tryntje Helfferich"),
            ),
            ("BBC News, ", None),
            ("Further Reading: ", None),
            ("In his book ", None),
            ("See ", None),
            ("Henry Kissinger ", None),
            ("Horst Günther Linke: ", Some("Horst Günther Linke")),
            ("Further Reading: ", None),
            ("See: ", None),
            ("Paris: ", None),
        ] {
            assert_eq!(author_before(before).as_deref(), author, "{before:?}");
        }
    }

    #[test]
    fn prose_and_lists_of_places_are_no_citation() {
        for line in [
            "Kissinger, Henry. A World Restored.",
            "The powers met in Vienna in 1814. Then they dined.",
            "Vienna, Paris and London (1815)",
            "Oxford University Press, 1994",
            "The Big Issue, 13–19 October 2008 No.817, Page 42",
            "Henry Kissinger, A World Restored (1957)",
            "Smith, John and others. 1914.",
            "Note: the treaty was signed in 1922.",
            "Key Terms: Diplomacy, 1922.",
            "Napoleon I. Letters to Josephine. Paris, 1833.",
            "World War I. The Western Front, 1914.",
            "U.S. Army, Annual Report of the Chief of Staff, 1920.",
            "Nicolson, Harold, The Congress of Vienna (1946)",
            "NATO, 1999, Summit Declaration",
        ] {
            assert_eq!(written(line), None, "{line}");
        }
    }

    proptest::proptest! {
        #[test]
        fn any_line_is_a_citation_or_none_never_a_panic(
            text in "([A-Z][a-zé]{0,6}|Е\\.|, |\\. |; |: |ed\\. |\\(|\\)|19[0-9]{2}| by | |\\*|–){0,40}",
            other in "\\PC{0,120}",
        ) {
            for text in [&text, &other] {
                let _ = written(text);
                let _ = by_author(text);
                let _ = author_before(text);
                let _ = author_after(text);
            }
        }
    }
}

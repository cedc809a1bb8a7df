//! People's names as citations write them: surname first (`Kissinger, Henry`), as a
//! surname and its initials (`Тарле Е. В`), first name first with an initial (`C. V.
//! Wedgwood`), after `by`, or before a German citation's colon; each given back first
//! name first.

/// The articles that begin a title and never a name (`The Thirty Years War` is no author).
const ARTICLES: &[&str] = &["The", "Der", "Die", "Das"];

/// Most words an author's name runs to after `by`.
const MAX_AUTHOR_WORDS: usize = 6;

/// Initials that stand for a country or an organisation, not a person (`U.S. Army`).
const NOT_INITIALS: &[&str] = &["U.S.", "U.K.", "U.N.", "E.U.", "U.S.A.", "U.S.S.R.", "D.C."];

/// The particles of people's names (`Alex von Tunzelmann`).
pub(super) const PARTICLES: &[&str] = &[
    "de", "von", "van", "der", "den", "la", "le", "du", "da", "di", "del",
];

/// `Kissinger, Henry` (one author, surname first) as `Henry Kissinger`; `Тарле Е. В` as
/// `Е. В. Тарле` (see [`surname_initials`]).
pub(super) fn inverted_name(name: &str) -> Option<String> {
    let Some((surname, given)) = name.split_once(", ") else {
        return surname_initials(name);
    };
    let given = given.trim().trim_end_matches(',');
    if given.contains(',') || !is_name(surname) || !is_name(given) {
        return None;
    }
    // The full stop that ended the part was an initial's (`E. J`, `Stephen J.A`).
    let initial = given.rsplit(' ').next().is_some_and(|w| {
        w.chars().count() == 1 || (w.contains('.') && w.ends_with(char::is_uppercase))
    });
    let stop = if initial { "." } else { "" };
    // A given name in capitals too (not its initials): the whole name was so written.
    let written_in_capitals = |w: &str| in_capitals(w) && !w.contains('.');
    let surname = match given.split_whitespace().any(written_in_capitals) {
        true => surname.to_string(),
        false => as_name(surname),
    };
    Some(format!("{given}{stop} {surname}"))
}

/// A surname followed by its initials without a comma, as Russian (GOST) and other
/// Eastern European bibliographies write an author (`Тарле Е. В`, `Manfred A.Z`; the last
/// full stop ended the citation's part), as `Е. В. Тарле`. One initial that is also a
/// Roman numeral (`Napoleon I`) is a ruler's number, not a name.
pub(super) fn surname_initials(name: &str) -> Option<String> {
    let (surname, initials) = name.trim().split_once(' ')?;
    let initials: Vec<&str> = (initials.split(['.', ' ']))
        .filter(|i| !i.is_empty())
        .collect();
    let is_initial = |i: &&str| i.chars().count() == 1 && i.chars().all(char::is_uppercase);
    let surname_written = surname.chars().skip(1).any(char::is_lowercase) && is_name(surname);
    let numeral = matches!(initials[..], ["I" | "V" | "X"]);
    (surname_written
        && (1..=3).contains(&initials.len())
        && initials.iter().all(is_initial)
        && !numeral)
        .then(|| format!("{}. {surname}", initials.join(". ")))
}

/// Whether `words` are a person's name, or part of one: capitalised words, initials and
/// the particles names have (`de`, `von`), up to four, no digits.
fn is_name(words: &str) -> bool {
    let words: Vec<&str> = words.split_whitespace().collect();
    (1..=4).contains(&words.len())
        && words.iter().all(|w| {
            let capitalised = w.starts_with(char::is_uppercase) && !ARTICLES.contains(w);
            capitalised && w.chars().all(|c| c.is_alphabetic() || ".-'’".contains(c))
                || PARTICLES.contains(w)
        })
}

/// The authors a German citation names before its colon, first name first: each a name of
/// two to four words (`Horst Günther Linke`), several joined by `,`, `;`, `/`, `und` or
/// `and`. A reading list's heading (`Further Reading:`) or a label (`See:`) is none.
pub(super) fn named_before_colon(names: &str) -> Option<String> {
    let names = names.trim();
    let people: Vec<&str> = names
        .split([',', ';', '/'])
        .flat_map(|n| n.split(" und ").flat_map(|n| n.split(" and ")))
        .map(str::trim)
        .collect();
    let named = people
        .iter()
        .all(|p| is_name(p) && p.split_whitespace().count() >= 2);
    (named && !super::reading_heading::is_reading_heading(&[names])).then(|| names.to_string())
}

/// A person's name at the start of `s`: capitalised words, initials and name particles,
/// up to the first punctuation that ends it.
pub(super) fn author_name(s: &str) -> Option<String> {
    const JOINERS: &[&str] = &["and", "&"];
    let mut words: Vec<&str> = Vec::new();
    // A `;` ends the name, spaced or not (`Erskine;Published 1854`).
    let s = s.split(';').next().unwrap_or_default();
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

/// A name written first name first with an initial in it (`C. V. Wedgwood`, `Peter H.
/// Wilson`, `A.J.P. Taylor`), two to five words ending in a surname: a person's, as a
/// newspaper's or a website's name before a title (`BBC News`) has no initials. A name
/// first name first without one (`Henry Kissinger`) is not read: see [`super::citation`].
pub(super) fn initialled_name(name: &str) -> Option<String> {
    let words: Vec<&str> = name.split_whitespace().collect();
    let (surname, given) = words.split_last()?;
    let is_surname = surname.chars().count() >= 2
        && surname.starts_with(char::is_uppercase)
        && surname.chars().any(char::is_lowercase)
        && surname
            .chars()
            .all(|c| c.is_alphabetic() || "-'’".contains(c));
    let is_given = |w: &&str| {
        is_initials(w)
            || PARTICLES.contains(w)
            || (w.starts_with(char::is_uppercase)
                && w.chars().all(|c| c.is_alphabetic() || c == '-')
                && !ARTICLES.contains(w))
    };
    ((2..=5).contains(&words.len())
        && is_surname
        && given.iter().any(|w| is_initials(w))
        && given.iter().all(is_given))
    .then(|| words.join(" "))
}

/// The people a citation's author part names, first name first: one, surname first
/// (`Kissinger, Henry`) or first name first with an initial (`Peter H. Wilson`), or
/// several, the first surname first (`Smith, John; Jones, Mary`, `Smith, J., & Jones, M.`,
/// `Smith, John, and Mary Jones`), joined as `John Smith and Mary Jones`.
pub(super) fn people(part: &str) -> Option<String> {
    let part = without_credit(part);
    let part = [", et al.", " et al.", ", et al", " et al"]
        .iter()
        .find_map(|mark| part.strip_suffix(mark))
        .unwrap_or(part);
    let joined = [", & ", " & ", ", and ", " and ", " und "]
        .iter()
        .fold(part.to_string(), |all, joint| all.replace(joint, "; "));
    let names: Vec<&str> = joined.split(';').map(str::trim).collect();
    let (first, rest) = names.split_first()?;
    if rest.is_empty() {
        return inverted_name(first).or_else(|| initialled_name(first));
    }
    if rest.len() > MAX_PEOPLE {
        return None;
    }
    // Several people first name first (`Derek Croxton and Anuschka Tischer`): names of two
    // words or more each, as one company's (`Simon and Schuster`) are not.
    let written_first = |name: &str| is_name(name) && name.split_whitespace().count() >= 2;
    if inverted_name(first).is_none() && names.iter().all(|name| written_first(name)) {
        let last = names.last()?;
        let others = names[..names.len() - 1].join(", ");
        return Some(format!("{others} and {last}"));
    }
    let mut people = vec![inverted_name(first)?];
    for name in rest {
        let name = inverted_name(name).or_else(|| written_first(name).then(|| name.to_string()));
        people.push(name?);
    }
    let last = people.pop()?;
    Some(format!("{} and {last}", people.join(", ")))
}

/// Most people after the first that a citation's author part names.
const MAX_PEOPLE: usize = 5;

/// A surname written in capitals before the given name, as French bibliographies write
/// it (`DUBY`, `Georges`; `LE GOFF`, `Jacques`), as `Georges Duby`.
pub(super) fn capitals_surname(surname: &str, given: &str) -> Option<String> {
    let capitals = in_capitals(surname) && surname.split_whitespace().count() <= 3;
    (capitals && is_name(given) && !in_capitals(given))
        .then(|| format!("{given} {}", as_name(surname)))
}

/// Whether `name` is written in capitals: two letters or more, none lower-case.
fn in_capitals(name: &str) -> bool {
    name.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && name
            .chars()
            .all(|c| c.is_uppercase() || " -'’.".contains(c))
}

/// A surname as a name is written, where a bibliography wrote it in capitals (`LE GOFF`,
/// in French and Brazilian ones) as `Le Goff`.
fn as_name(surname: &str) -> String {
    if !in_capitals(surname) {
        return surname.to_string();
    }
    let mut written = String::with_capacity(surname.len());
    let mut start = true;
    for c in surname.chars() {
        match start {
            true => written.push(c),
            false => written.extend(c.to_lowercase()),
        }
        start = " -'’".contains(c);
    }
    written
}

/// Whether `word` is a person's initials: capital letters each followed by a full stop
/// (`H.`, `J.R.R.`), not a country's (`U.S.`).
fn is_initials(word: &str) -> bool {
    let letters: Vec<&str> = word.split('.').filter(|l| !l.is_empty()).collect();
    word.ends_with('.')
        && !letters.is_empty()
        && letters
            .iter()
            .all(|l| l.chars().count() == 1 && l.chars().all(char::is_uppercase))
        && !NOT_INITIALS.contains(&word)
}

/// A name without the mark of its editor after it (`Helfferich, Tryntje, ed.`).
pub(super) fn without_credit(name: &str) -> &str {
    let name = name.trim_end();
    [", eds.", ", ed.", ", eds", ", ed", ", editors", ", editor"]
        .iter()
        .find_map(|mark| name.strip_suffix(mark))
        .unwrap_or(name)
        .trim_end()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_with_an_initial_first_name_first_are_people() {
        for name in [
            "C. V. Wedgwood",
            "Peter H. Wilson",
            "A.J.P. Taylor",
            "J.R.R. Tolkien",
            "Ronald G. Asch",
            "A. J. P. Taylor",
            "Jean-Baptiste M. de Vries",
        ] {
            assert_eq!(initialled_name(name).as_deref(), Some(name), "{name}");
        }
        for name in [
            "Henry Kissinger",
            "BBC News",
            "U.S. Army",
            "World War I.",
            "Henry V.",
            "The H. Review",
            "H. G. USA",
            "A. B. Smith Jones Brown Green",
            "1914 H. Smith",
        ] {
            assert_eq!(initialled_name(name), None, "{name}");
        }
    }

    #[test]
    fn several_people_are_read_the_first_surname_first() {
        for (part, people_named) in [
            (
                "Smith, John; Jones, Mary",
                Some("John Smith and Mary Jones"),
            ),
            ("Smith, J., & Jones, M.", Some("J. Smith and M. Jones")),
            (
                "Smith, John, and Mary Jones",
                Some("John Smith and Mary Jones"),
            ),
            (
                "Smith, John, Mary Jones and Ann Lee",
                None, // a comma between people written first name first: not read
            ),
            (
                "Smith, John; Jones, Mary; Lee, Ann",
                Some("John Smith, Mary Jones and Ann Lee"),
            ),
            ("Smith, John, et al.", Some("John Smith")),
            ("Smith, John and others", None),
            ("War and Peace", None),
            (
                "Derek Croxton and Anuschka Tischer",
                Some("Derek Croxton and Anuschka Tischer"),
            ),
            ("Simon and Schuster", None),
            ("Harper & Row", None),
            ("Kissinger, Henry", Some("Henry Kissinger")),
            (
                "ANACLETO, Maria Elza; TEIXEIRA, Rafael",
                Some("Maria Elza Anacleto and Rafael Teixeira"),
            ),
            ("HOBSBAWM, E. J.", Some("E. J. Hobsbawm")),
            ("WARD, Stephen J.A", Some("Stephen J.A. Ward")),
            ("HOBSBAWM, ERIC", Some("ERIC HOBSBAWM")),
        ] {
            assert_eq!(people(part).as_deref(), people_named, "{part}");
        }
    }

    #[test]
    fn a_surname_in_capitals_is_a_surname() {
        assert_eq!(
            capitals_surname("DUBY", "Georges").as_deref(),
            Some("Georges Duby")
        );
        assert_eq!(
            capitals_surname("LE GOFF", "Jacques").as_deref(),
            Some("Jacques Le Goff")
        );
        assert_eq!(
            capitals_surname("D'ARGENSON", "René").as_deref(),
            Some("René D'Argenson")
        );
        for (surname, given) in [("Duby", "Georges"), ("DUBY", "1973"), ("USA", "NATO")] {
            assert_eq!(capitals_surname(surname, given), None, "{surname}, {given}");
        }
    }

    #[test]
    fn an_editors_mark_is_no_part_of_the_name() {
        assert_eq!(
            without_credit("Helfferich, Tryntje, ed."),
            "Helfferich, Tryntje"
        );
        assert_eq!(
            without_credit("Parker, Geoffrey, eds. "),
            "Parker, Geoffrey"
        );
        assert_eq!(without_credit("Reed, Edward"), "Reed, Edward");
    }
}

//! A PDF reading list's entries. A PDF gives its text as lines, and a bibliography sets
//! its entries in a column, wrapped over several lines: each entry is found whole, not a
//! line a book.

/// Shortest line of a reading list that may be wrapped, in characters: a list of short
/// titles, a line each, is no entry wrapped over lines.
const MIN_WRAPPED_CHARS: usize = 50;

/// The entries of a reading list's `lines` (trimmed, not blank): a line each, but for an
/// entry wrapped over several lines, as a bibliography sets its entries in a column
/// (`Kennedy, Paul. The Rise and Fall of the Great Powers. New York:` / `Random House,
/// 1987.`). A line goes on with the next where the next starts in lower case, or where it
/// fills the column (near the longest line's length, and long) and does not end as an
/// entry ends (`.`, `)`, a closing quote), or ends so but the next does not start as the
/// list's entries start (`Kennedy, Paul.`, where most of them do).
pub(super) fn entries(lines: &[&str]) -> Vec<String> {
    let width = lines.iter().map(|l| l.chars().count()).max().unwrap_or(0);
    let starts = lines.iter().filter(|l| starts_as_entry(l)).count();
    let styled = starts >= 2 && starts * 3 >= lines.len();
    let mut entries: Vec<String> = Vec::new();
    let mut full = false;
    let mut ended = false;
    for line in lines {
        let goes_on = line.starts_with(char::is_lowercase)
            || (full && (!ended || (styled && !starts_as_entry(line))));
        match entries.last_mut() {
            Some(entry) if goes_on => super::wrapped::join(entry, line),
            _ => entries.push(line.to_string()),
        }
        let length = line.chars().count();
        full = length >= MIN_WRAPPED_CHARS && length * 4 >= width * 3;
        ended = line.ends_with(['.', ')', '"', '”', '?', '!']);
    }
    entries
}

/// Whether `line` starts as a bibliography's entry does: a surname and a comma
/// (`Kennedy, Paul.`), a rule standing for the author above (`———.`), or a number (`12.`,
/// `[12]`).
fn starts_as_entry(line: &str) -> bool {
    let first = line.split_whitespace().next().unwrap_or_default();
    let surname = first.strip_suffix(',').is_some_and(|name| {
        name.starts_with(char::is_uppercase)
            && name.chars().all(|c| c.is_alphabetic() || "-'’".contains(c))
    });
    let rule = line.starts_with(['—', '–', '_']) || line.starts_with("--");
    let number = first.trim_start_matches('[').trim_end_matches(['.', ']']);
    // An entry's number, not a year ending a wrapped entry (`1994.`).
    let numbered = first.len() > number.len()
        && (1..=3).contains(&number.len())
        && number.bytes().all(|b| b.is_ascii_digit());
    surname || rule || numbered
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reading_lists_entries_wrapped_over_lines_are_one_each() {
        let lines = [
            "Kennedy, Paul. The Rise and Fall of the Great Powers: Economic Change and",
            "Military Conflict from 1500 to 2000. New York: Random House, 1987.",
            "Kissinger, Henry. A World Restored: Metternich, Castlereagh and the Problems of",
            "Peace, 1812-22. Boston: Houghton Mifflin, 1957.",
            "Schroeder, Paul W. The Transformation of European Politics, 1763-1848. Oxford,",
            "1994.",
            "Webster, C. K. The Congress of Vienna. London: Oxford University Press, 1919.",
            "Zamoyski, Adam. Rites of Peace: The Fall of Napoleon and the Congress of Vienna.",
            "London: HarperCollins, 2007.",
        ];
        assert_eq!(
            entries(&lines),
            [
                "Kennedy, Paul. The Rise and Fall of the Great Powers: Economic Change and \
                 Military Conflict from 1500 to 2000. New York: Random House, 1987.",
                "Kissinger, Henry. A World Restored: Metternich, Castlereagh and the Problems \
                 of Peace, 1812-22. Boston: Houghton Mifflin, 1957.",
                "Schroeder, Paul W. The Transformation of European Politics, 1763-1848. \
                 Oxford, 1994.",
                "Webster, C. K. The Congress of Vienna. London: Oxford University Press, 1919.",
                // Ended as an entry ends, but the next line starts as no entry does.
                "Zamoyski, Adam. Rites of Peace: The Fall of Napoleon and the Congress of \
                 Vienna. London: HarperCollins, 2007.",
            ]
        );
        // Short titles, a line each, are an entry each.
        let titles = [
            "Asada, From Mahan to Pearl Harbor",
            "Kennedy, The Rise and Fall",
        ];
        assert_eq!(entries(&titles), titles);
        for (line, start) in [
            ("Kennedy, Paul. The Rise", true),
            ("———. The Struggle", true),
            ("12. Taylor", true),
            ("[3] Taylor", true),
            ("London: Random House", false),
            ("1994.", false),
            ("The Rise and Fall", false),
        ] {
            assert_eq!(starts_as_entry(line), start, "{line}");
        }
        // A line going on in lower case goes on.
        assert_eq!(
            entries(&["Taylor, A. J. P. The Struggle for", "mastery in Europe"]),
            ["Taylor, A. J. P. The Struggle for mastery in Europe"]
        );
    }
}

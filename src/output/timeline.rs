//! A search's timeline as a bar chart: one line per bucket, its label, a bar of Unicode
//! blocks in eighths and the count.

use std::io::{self, Write};

use super::{Painter, BAR, DIM};
use crate::search::Timeline;

/// Columns of the longest bar.
const BAR_COLUMNS: usize = 40;

/// Print `timeline` as a bar chart, then a blank line.
pub fn write_timeline(
    out: &mut impl Write,
    timeline: &Timeline,
    painter: Painter,
) -> io::Result<()> {
    let labels: Vec<String> = timeline
        .counts
        .iter()
        .map(|&(start, _)| label(timeline.bucket, start))
        .collect();
    let label_width = labels.iter().map(|l| l.chars().count()).max().unwrap_or(0);
    let most = timeline.counts.iter().map(|&(_, n)| n).max().unwrap_or(0);
    let columns = painter.width().map_or(BAR_COLUMNS, |w| {
        w.saturating_sub(label_width + 10).clamp(10, BAR_COLUMNS)
    });
    for (label, &(_, n)) in labels.iter().zip(&timeline.counts) {
        let bar = bar(n, most, columns);
        let gap = " ".repeat(columns - bar.chars().count() + 1);
        writeln!(
            out,
            "{label:>label_width$} {}{gap}{n}",
            painter.paint(BAR, &bar)
        )?;
    }
    if timeline.undated > 0 {
        let line = format!("{} without a year", timeline.undated);
        writeln!(out, "{}", painter.paint(DIM, &line))?;
    }
    if timeline.counts.is_empty() && timeline.undated == 0 {
        return Ok(());
    }
    writeln!(out)
}

/// A bucket's label: `1914`, `1910s`, `19th century`; before year 1, `44 BC`,
/// `50–41 BC`, `5th century BC` (the century of 500–401 BC, as [`crate::dates`] reads it).
fn label(bucket: &str, start: i64) -> String {
    match bucket {
        "decade" if start < 0 => format!("{}–{} BC", -start, -(start + 9)),
        "decade" => format!("{start}s"),
        "century" if start < 0 => format!("{} BC", ordinal_century(-start / 100)),
        "century" => ordinal_century(start / 100 + 1),
        _ => crate::dates::display(start),
    }
}

/// `19th century`.
fn ordinal_century(n: i64) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix} century")
}

/// `n` of `most` as a bar at most `columns` wide, in eighths of a column; a count above
/// zero always shows.
fn bar(n: u64, most: u64, columns: usize) -> String {
    const EIGHTHS: [char; 8] = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
    if n == 0 || most == 0 {
        return String::new();
    }
    let eighths = ((n as f64 / most as f64) * (columns * 8) as f64)
        .round()
        .max(1.0) as usize;
    let mut bar = "█".repeat(eighths / 8);
    if !eighths.is_multiple_of(8) {
        bar.push(EIGHTHS[eighths % 8]);
    }
    bar
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_are_drawn_in_eighths_with_labels_and_counts() {
        let timeline = Timeline {
            bucket: "decade",
            counts: vec![(1910, 8), (1920, 0), (1930, 3)],
            undated: 2,
        };
        let mut out = Vec::new();
        write_timeline(&mut out, &timeline, Painter::new(false)).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], format!("1910s {} 8", "█".repeat(40)));
        assert_eq!(lines[1], format!("1920s {}0", " ".repeat(41)));
        assert_eq!(
            lines[2],
            format!("1930s {}{} 3", "█".repeat(15), " ".repeat(25))
        );
        assert_eq!(lines[3], "2 without a year");
    }

    #[test]
    fn centuries_read_as_ordinals() {
        assert_eq!(label("century", 1800), "19th century");
        assert_eq!(label("century", 0), "1st century");
        assert_eq!(label("century", 1000), "11th century");
        assert_eq!(label("century", 2000), "21st century");
        assert_eq!(label("year", 1914), "1914");
        assert_eq!(label("year", -44), "44 BC");
        assert_eq!(label("decade", -50), "50–41 BC");
        assert_eq!(label("century", -500), "5th century BC");
    }
}

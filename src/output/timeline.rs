//! A search's timeline as a bar chart: one line per bucket, its label, a bar of Unicode
//! blocks in eighths and the count.

use std::io::{self, Write};

use super::{Painter, BAR, DIM};
use crate::search::Timeline;

/// Columns of the longest bar.
const BAR_COLUMNS: usize = 40;

/// Empty buckets in a row past which they are drawn as one line: a stray section dated
/// 5000 BC would otherwise draw seventy empty centuries before the bulk of the matches.
const MAX_EMPTY_ROWS: usize = 2;

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
    let mut i = 0;
    while i < labels.len() {
        let empty = (timeline.counts[i..].iter())
            .take_while(|&&(_, n)| n == 0)
            .count();
        if empty > MAX_EMPTY_ROWS {
            let line = format!("{} {} without a match", empty, unit(timeline.bucket));
            writeln!(out, "{:>label_width$} {}", "⋮", painter.paint(DIM, &line))?;
            i += empty;
            continue;
        }
        let n = timeline.counts[i].1;
        let bar = bar(n, most, columns);
        let gap = " ".repeat(columns - bar.chars().count() + 1);
        writeln!(
            out,
            "{:>label_width$} {}{gap}{n}",
            labels[i],
            painter.paint(BAR, &bar)
        )?;
        i += 1;
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

/// What a bucket is called, in the plural.
fn unit(bucket: &str) -> &'static str {
    match bucket {
        "decade" => "decades",
        "century" => "centuries",
        _ => "years",
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
    fn a_long_run_of_empty_buckets_is_one_line() {
        let mut counts = vec![(-5000, 1)];
        counts.extend((-49..19).map(|c| (c * 100, 0)));
        counts.extend([(1900, 4), (2000, 0), (2100, 0), (2200, 2)]);
        let timeline = Timeline {
            bucket: "century",
            counts,
            undated: 0,
        };
        let mut out = Vec::new();
        write_timeline(&mut out, &timeline, Painter::new(false)).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines[0].starts_with("50th century BC █"), "{text}");
        assert_eq!(lines[1].trim(), "⋮ 68 centuries without a match");
        assert!(lines[2].starts_with("   20th century ████"), "{text}");
        // Two empty buckets in a row stay drawn.
        assert!(lines[3].starts_with("   21st century  "), "{text}");
        assert!(lines[4].starts_with("   22nd century  "), "{text}");
        assert_eq!(lines.len(), 7, "{text}");
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

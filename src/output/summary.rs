//! Index update summaries and index stats for a human.

use std::io::{self, Write};

use super::escape;
use crate::index::{IndexStats, UpdateSummary};

/// Formats annals does not read, and the one to save or export them as.
const ADVICE: [(&str, &str); 5] = [
    (".pages", ".docx"),
    (".wpd", ".docx"),
    (".wps", ".docx"),
    (".xls", ".csv"),
    (".numbers", ".csv"),
];

/// Kinds of files ignored named in an update's summary, the commonest: the rest are
/// counted (`annals index --json` names them all).
const SHOWN_KINDS: usize = 8;

/// Print the summary of an index update.
pub fn write_summary(out: &mut impl Write, s: &UpdateSummary) -> io::Result<()> {
    if let Some(why) = &s.rebuilt_because {
        writeln!(out, "Rebuilt the whole index because {why}.")?;
    }
    writeln!(
        out,
        "{} added, {} updated, {} renamed, {} removed, {} unchanged, {} skipped, {} warning{}",
        s.added,
        s.updated,
        s.renamed,
        s.removed,
        s.unchanged,
        s.skipped,
        s.warnings,
        if s.warnings == 1 { "" } else { "s" }
    )?;
    let notable = !s.ignored.is_empty() || s.links_not_followed > 0;
    if notable || s.still_skipped > 0 || s.still_warned > 0 {
        let mut parts = Vec::new();
        if !s.ignored.is_empty() {
            let total: usize = s.ignored.values().sum();
            // The commonest first: a home folder has files of a hundred kinds.
            let mut counted: Vec<(&String, &usize)> = s.ignored.iter().collect();
            counted.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
            let mut kinds: Vec<String> = (counted.iter().take(SHOWN_KINDS))
                .map(|(k, n)| format!("{k} {n}"))
                .collect();
            if counted.len() > SHOWN_KINDS {
                kinds.push(format!("{} other kinds", counted.len() - SHOWN_KINDS));
            }
            parts.push(format!(
                "ignored {total} file{} of unknown type ({})",
                if total == 1 { "" } else { "s" },
                escape(&kinds.join(", "))
            ));
            // Formats annals does not read, with one it does that their programs save or
            // export: word processors' (Pages, WordPerfect, Works) and spreadsheets'.
            for (unread, read) in ADVICE {
                if s.ignored.contains_key(unread) {
                    parts.push(format!("save the {unread} files as {read} to index them"));
                }
            }
        }
        if s.links_not_followed > 0 {
            parts.push(format!(
                "did not follow {} (--follow reads what they point to)",
                counted(
                    s.links_not_followed as u64,
                    "symbolic link",
                    "symbolic links"
                )
            ));
        }
        let mut still = Vec::new();
        if s.still_skipped > 0 {
            still.push(format!("{} still skipped", s.still_skipped));
        }
        if s.still_warned > 0 {
            still.push(format!("{} with warnings", s.still_warned));
        }
        if !still.is_empty() {
            parts.push(format!(
                "{} from earlier runs (see `annals stats --problems`)",
                still.join(", ")
            ));
        }
        writeln!(out, "{}", parts.join("; "))?;
    }
    if s.records_indexed + s.records_removed > 0 {
        writeln!(
            out,
            "Dumps updated record by record: {} indexed, {} removed",
            counted(s.records_indexed as u64, "record", "records"),
            s.records_removed
        )?;
    }
    writeln!(
        out,
        "Index holds {}: {} and {} ({}), in {:.2} s",
        counted(s.articles, "article", "articles"),
        counted(s.sections, "section", "sections"),
        counted(s.reading, "reading entry", "reading entries"),
        counted(s.documents, "document", "documents"),
        s.took_ms / 1000.0
    )
}

/// `n` followed by the singular or plural noun.
fn counted(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Print index stats.
pub fn write_stats(out: &mut impl Write, s: &IndexStats) -> io::Result<()> {
    let updated = std::time::UNIX_EPOCH + std::time::Duration::from_secs(s.updated_at);
    writeln!(
        out,
        "index:           {}",
        escape(&s.index.display().to_string())
    )?;
    writeln!(
        out,
        "corpus:          {}",
        escape(&s.corpus.display().to_string())
    )?;
    writeln!(out, "articles:        {}", s.articles)?;
    writeln!(out, "sections:        {}", s.sections)?;
    writeln!(out, "reading entries: {}", s.reading)?;
    writeln!(out, "files:           {}", s.files)?;
    let languages: Vec<String> = s
        .languages
        .iter()
        .map(|(l, n)| format!("{l} {n}"))
        .collect();
    writeln!(
        out,
        "languages:       {} ({})",
        s.languages.len(),
        languages.join(", ")
    )?;
    writeln!(out, "segments:        {}", s.segments)?;
    writeln!(out, "size on disk:    {}", human_bytes(s.size_bytes))?;
    writeln!(
        out,
        "last update:     {}",
        humantime::format_rfc3339_seconds(updated)
    )
}

/// `1536` → `1.5 KiB`.
pub fn human_bytes(n: u64) -> String {
    const UNITS: [&str; 5] = ["bytes", "KiB", "MiB", "GiB", "TiB"];
    let mut value = n as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{n} bytes")
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_summary_names_the_commonest_kinds_ignored_and_counts_the_rest() {
        let mut summary = UpdateSummary::default();
        for (i, kind) in [
            "(none)", ".c", ".pl", ".gz", ".png", ".gif", ".sh", ".css", ".js", ".el",
        ]
        .into_iter()
        .enumerate()
        {
            summary
                .ignored
                .insert(kind.to_string(), 100 - i.min(8) * 10);
        }
        summary.ignored.insert(".pages".to_string(), 1);
        let mut out = Vec::new();
        write_summary(&mut out, &summary).unwrap();
        let out = String::from_utf8(out).unwrap();
        assert!(
            out.contains(
                "ignored 561 files of unknown type ((none) 100, .c 90, .pl 80, .gz 70, .png 60, \
                 .gif 50, .sh 40, .css 30, 3 other kinds)"
            ),
            "{out}"
        );
        // What to do with a kind is said whether it is named or counted.
        assert!(out.contains("save the .pages files as .docx"), "{out}");
    }

    #[test]
    fn sizes_read_naturally() {
        assert_eq!(human_bytes(12), "12 bytes");
        assert_eq!(human_bytes(1536), "1.5 KiB");
        assert_eq!(human_bytes(3 * 1024 * 1024), "3.0 MiB");
    }
}

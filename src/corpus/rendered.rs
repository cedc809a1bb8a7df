//! HTML articles rendered to text by `html2text` (see `html.rs`): Markdown-like lines, where
//! the first `#` heading is the title, `#`–`######` headings open sections nested by level,
//! and list items are blocks of their own. The rendering is not CommonMark (text is not
//! escaped), so it is read line by line rather than by a Markdown parser.

use super::model::{Block, OpenHeadings, Outline};
use super::txt::list_item;

/// Parse rendered text into an outline. `title` overrides the first `#` heading (HTML's
/// `<title>`).
pub(crate) fn parse(text: &str, title: Option<String>) -> Outline {
    let mut outline = Outline {
        title,
        ..Outline::default()
    };
    let mut open = OpenHeadings::of_page();
    let mut paragraph: Vec<&str> = Vec::new();
    let mut item: Option<String> = None;
    let mut in_fence = false;

    for raw in text.lines() {
        let line = raw.trim();
        if line.starts_with("```") || line.starts_with("~~~") {
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            paragraph.push(line);
            continue;
        }
        // An ATX heading (`## Text`), or a setext one: a lone paragraph line underlined
        // with `===` (level 1) or `---` (level 2).
        let atx = heading(line).map(|(l, h)| (l, h.to_string()));
        let setext = || {
            let level = setext_level(line)?;
            (paragraph.len() == 1 && item.is_none()).then(|| (level, paragraph[0].to_string()))
        };
        let found = match atx {
            Some(found) => Some(found),
            None => setext().inspect(|_| paragraph.clear()),
        };
        if let Some((level, heading)) = found {
            flush(&mut outline, &open, &mut paragraph, &mut item);
            open.open(&mut outline, level, heading);
            continue;
        }
        let line = line.trim_start_matches('>').trim();
        if line.is_empty() || is_rule(line) {
            flush(&mut outline, &open, &mut paragraph, &mut item);
            continue;
        }
        if let Some(text) = list_item(line) {
            flush(&mut outline, &open, &mut paragraph, &mut item);
            item = Some(text.to_string());
        } else if let Some(current) = item.as_mut().filter(|_| raw.starts_with([' ', '\t'])) {
            current.push(' ');
            current.push_str(line);
        } else {
            if let Some(done) = item.take() {
                outline.push(&open.path(), Block::ListItem(done));
            }
            paragraph.push(line);
        }
    }
    flush(&mut outline, &open, &mut paragraph, &mut item);
    outline
}

fn flush(
    outline: &mut Outline,
    open: &OpenHeadings,
    paragraph: &mut Vec<&str>,
    item: &mut Option<String>,
) {
    let headings = open.path();
    if let Some(done) = item.take() {
        outline.push(&headings, Block::ListItem(done));
    }
    if !paragraph.is_empty() {
        outline.push(&headings, Block::Paragraph(paragraph.join(" ")));
        paragraph.clear();
    }
}

/// An ATX heading: its level and text.
fn heading(line: &str) -> Option<(usize, &str)> {
    let level = line.len() - line.trim_start_matches('#').len();
    if !(1..=6).contains(&level) {
        return None;
    }
    let rest = &line[level..];
    if !rest.is_empty() && !rest.starts_with([' ', '\t']) {
        return None;
    }
    let text = without_permalink_marks(rest.trim());
    (!text.is_empty()).then_some((level, text))
}

/// `heading` without what ends it without being its words: the marks of the links to a
/// heading that sites put after it (`Outcome¶`, rustdoc's `Methods§`, `Treaty 🔗`), and an
/// ATX heading's closing `#`s or a `#` mark (`Legacy #`, `readFile(path)#`) — but not the
/// `#` of a word (`C#`, `F#`), after a letter or digit.
fn without_permalink_marks(heading: &str) -> &str {
    let mut text = heading;
    loop {
        let before = text.len();
        text = text.trim_end_matches(PERMALINK_MARKS).trim_end();
        let hashes = text.trim_end_matches('#');
        if !hashes.ends_with(char::is_alphanumeric) {
            text = hashes.trim_end();
        }
        if text.len() == before {
            return text;
        }
    }
}

/// The marks of links to a heading that are never the end of its words.
const PERMALINK_MARKS: &[char] = &['¶', '§', '🔗'];

/// The level a setext underline gives the line above it: `===` → 1, `---` → 2.
fn setext_level(line: &str) -> Option<usize> {
    if line.len() >= 3 && line.chars().all(|c| c == '=') {
        return Some(1);
    }
    (line.len() >= 3 && line.chars().all(|c| c == '-')).then_some(2)
}

fn is_rule(line: &str) -> bool {
    super::text::is_rule(line, "-*_")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_headings_permalink_marks_go_and_the_sharp_of_a_word_stays() {
        for (line, text) in [
            ("## Outcome¶", Some("Outcome")),
            ("## Methods§", Some("Methods")),
            ("## Treaty 🔗", Some("Treaty")),
            ("## Legacy #", Some("Legacy")),
            ("### readFile(path)#", Some("readFile(path)")),
            ("## Introduction to C#", Some("Introduction to C#")),
            ("## Why F# ##", Some("Why F#")),
            ("## C#¶", Some("C#")),
            ("## #", None),
        ] {
            assert_eq!(heading(line).map(|(_, t)| t), text, "{line}");
        }
    }

    #[test]
    fn setext_headings_are_headings() {
        let o = parse(
            "Intro paragraph.\n\nThe Treaty\n==========\nText one.\n\nDetails\n-------\nText two.\n",
            None,
        );
        assert_eq!(o.title.as_deref(), Some("The Treaty"));
        assert_eq!(o.heading_paths(), ["", "Details"]);
    }

    #[test]
    fn headings_nest_by_level() {
        let o = parse(
            "# The Title\nLead.\n## A\nText a.\n## B\n### B1\nText b1.\n## C\nText c.",
            None,
        );
        assert_eq!(o.title.as_deref(), Some("The Title"));
        assert_eq!(o.heading_paths(), vec!["", "A", "B › B1", "C"]);
    }

    #[test]
    fn a_headings_permalink_mark_is_not_its_text() {
        let o = parse(
            "# Vienna¶\nLead.\n## Methods§\nText.\n## Legacy #\nMore.\n## Aftermath 🔗\nEnd.",
            None,
        );
        assert_eq!(o.title.as_deref(), Some("Vienna"));
        assert_eq!(o.heading_paths(), ["", "Methods", "Legacy", "Aftermath"]);
    }

    #[test]
    fn list_items_and_continuations() {
        let o = parse(
            "# T\n## Further Reading\n- *One* by A\n  continued\n- Two\n\nAfter.",
            None,
        );
        assert_eq!(
            o.sections[0].1,
            vec![
                Block::ListItem("*One* by A continued".into()),
                Block::ListItem("Two".into()),
                Block::Paragraph("After.".into()),
            ]
        );
    }

    #[test]
    fn paragraphs_join_their_lines_and_fences_are_text() {
        let o = parse("# T\nline one\nline two\n\n```\ncode here\n```\n", None);
        assert_eq!(
            o.sections[0].1,
            vec![
                Block::Paragraph("line one line two".into()),
                Block::Paragraph("code here".into())
            ]
        );
    }

    #[test]
    fn an_explicit_title_absorbs_a_matching_h1() {
        let o = parse("# Page\nLead.\n# Other\nText.", Some("Page".into()));
        assert_eq!(o.heading_paths(), vec!["", "Other"]);
    }

    #[test]
    fn hashes_without_space_are_not_headings() {
        assert_eq!(heading("#hashtag"), None);
        assert_eq!(heading("### Deep ###"), Some((3, "Deep")));
    }
}

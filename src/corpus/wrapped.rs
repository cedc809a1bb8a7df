//! Plain text wrapped at a fixed width (Project Gutenberg books, RFCs, mail, text saved from
//! a PDF): a paragraph runs over several lines and paragraphs are set apart by blank lines,
//! so a line that ends mid-sentence is not a heading. Such text is read paragraph by
//! paragraph: a heading is a short line standing at the start of a paragraph.

use super::model::{Block, Outline};
use super::txt::{is_heading, list_item, open_heading, unnest_short_lines};

/// Fewest lines that break mid-sentence (the next line going on in lower case) for a text
/// to be read as wrapped.
const MIN_BREAKS: usize = 2;

/// Shortest line that counts as broken mid-sentence: a heading followed by a line in
/// lower case is shorter.
const MIN_BROKEN_CHARS: usize = 30;

/// Whether `lines` (trimmed) are wrapped text: at least [`MIN_BREAKS`] lines, and one in
/// twenty of them, break a sentence that the next line goes on with in lower case. Text
/// of the sample's kind, a paragraph a line, has none.
pub(crate) fn is_wrapped(lines: &[&str]) -> bool {
    let breaks = lines
        .windows(2)
        .filter(|pair| {
            pair[0].chars().count() >= MIN_BROKEN_CHARS
                && pair[1].chars().next().is_some_and(char::is_lowercase)
        })
        .count();
    let text_lines = lines.iter().filter(|l| !l.is_empty()).count();
    breaks >= MIN_BREAKS && breaks * 20 >= text_lines
}

/// Parse wrapped text (`lines` trimmed): each run of lines between blank lines is one
/// paragraph, its lines joined (a word hyphenated at a line's end joined whole), or a list
/// item per marked line; a line at the start of a run is a heading when it could be one and
/// is short beside the text's width, or stands alone. The first heading is the title
/// (unless `outline` has one already), and headings that follow each other nest.
pub(crate) fn parse(lines: &[&str], mut outline: Outline) -> Outline {
    let width = typical_width(lines);
    let last_text = lines.iter().rposition(|l| !l.is_empty());
    let mut path: Vec<String> = Vec::new();
    let mut previous_was_heading = false;
    let mut block: Option<Block> = None;
    let mut run_start = true;
    for (i, line) in lines.iter().enumerate() {
        if line.is_empty() {
            flush(&mut outline, &path, &mut block);
            run_start = true;
            continue;
        }
        let next = lines.get(i + 1).copied().unwrap_or("");
        let alone = next.is_empty();
        let heading = run_start
            && last_text.is_some_and(|last| i < last)
            && is_heading(line)
            && !next.starts_with(char::is_lowercase)
            && (alone || line.chars().count() * 10 < width * 7);
        if heading {
            flush(&mut outline, &path, &mut block);
            previous_was_heading =
                !open_heading(&mut outline, &mut path, previous_was_heading, line);
            // A heading's run goes on with a paragraph, or with a heading under it.
            run_start = true;
            continue;
        }
        if previous_was_heading {
            unnest_short_lines(&mut outline, &mut path);
        }
        previous_was_heading = false;
        run_start = false;
        match (list_item(line), &mut block) {
            (Some(item), _) => {
                flush(&mut outline, &path, &mut block);
                block = Some(Block::ListItem(item.to_string()));
            }
            (None, Some(Block::Paragraph(text) | Block::ListItem(text))) => join(text, line),
            (None, _) => block = Some(Block::Paragraph(line.to_string())),
        }
    }
    flush(&mut outline, &path, &mut block);
    outline
}

/// The width the text is wrapped at: the length of its ninth-longest line in ten.
fn typical_width(lines: &[&str]) -> usize {
    let mut lengths: Vec<usize> = (lines.iter())
        .filter(|l| !l.is_empty())
        .map(|l| l.chars().count())
        .collect();
    lengths.sort_unstable();
    lengths.get(lengths.len() * 9 / 10).copied().unwrap_or(0)
}

/// Add the next line of a wrapped paragraph to its text: after a space, or straight after a
/// hyphen that split a word at the line's end (`recon-` `struction`).
pub(crate) fn join(text: &mut String, line: &str) {
    match text.strip_suffix('-') {
        Some(head) if line.starts_with(char::is_lowercase) && !head.ends_with(' ') => {
            text.truncate(head.len());
        }
        _ if !text.is_empty() => text.push(' '),
        _ => {}
    }
    text.push_str(line);
}

fn flush(outline: &mut Outline, path: &[String], block: &mut Option<Block>) {
    if let Some(block) = block.take() {
        outline.push(path, block);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Outline {
        let lines: Vec<&str> = text.lines().map(str::trim).collect();
        assert!(is_wrapped(&lines), "{text}");
        parse(&lines, Outline::default())
    }

    fn texts(outline: &Outline, section: usize) -> Vec<String> {
        (outline.sections[section].1.iter())
            .map(|b| b.text().to_string())
            .collect()
    }

    #[test]
    fn a_paragraph_wrapped_over_lines_is_one_paragraph_and_never_a_heading() {
        let o = read(
            "The Congress of Vienna\n\n\
             CHAPTER I\n\
             THE MEETING OF THE POWERS\n\n\
             The Congress of Vienna was a series of international diplomatic\n\
             meetings to discuss and agree upon a possible new layout of the\n\
             European political order after the downfall of Napoleon. Its recon-\n\
             struction lasted from September 1814 to June 1815.\n\n\
             The Final Act was signed nine days before the defeat of Napoleon at\n\
             Waterloo on 18 June 1815.\n\n\
             Further Reading\n\n\
             - Vienna 1814 by David King, a history of the\n\
               congress and its parties\n\
             - The Congress of Vienna by Harold Nicolson\n",
        );
        assert_eq!(o.title.as_deref(), Some("The Congress of Vienna"));
        assert_eq!(
            o.heading_paths(),
            ["CHAPTER I › THE MEETING OF THE POWERS", "Further Reading"]
        );
        assert_eq!(
            texts(&o, 0),
            [
                "The Congress of Vienna was a series of international diplomatic meetings to \
                 discuss and agree upon a possible new layout of the European political order \
                 after the downfall of Napoleon. Its reconstruction lasted from September 1814 \
                 to June 1815.",
                "The Final Act was signed nine days before the defeat of Napoleon at Waterloo \
                 on 18 June 1815.",
            ]
        );
        assert_eq!(
            o.sections[1].1,
            [
                Block::ListItem(
                    "Vienna 1814 by David King, a history of the congress and its parties".into()
                ),
                Block::ListItem("The Congress of Vienna by Harold Nicolson".into()),
            ]
        );
    }

    #[test]
    fn a_heading_may_stand_right_above_its_wrapped_paragraph() {
        let o = read(
            "Treaty of Rapallo\n\
             Background\n\
             The Genoa Conference had brought the powers together to discuss\n\
             the economic reconstruction of Europe, and the two outcasts\n\
             met apart from the others at Rapallo.\n",
        );
        assert_eq!(o.title.as_deref(), Some("Treaty of Rapallo"));
        assert_eq!(o.heading_paths(), ["Background"]);
        assert_eq!(texts(&o, 0).len(), 1);
    }

    #[test]
    fn text_a_paragraph_a_line_is_not_wrapped() {
        let sample = "Setting the Stage\nIn 1925, Japan and the Soviet Union established \
                      relations.\nHistorical Context\nBefore 1925, there was mistrust.\n";
        let lines: Vec<&str> = sample.lines().collect();
        assert!(!is_wrapped(&lines));
        // One line going on in lower case is not enough.
        let lines = [
            "A long line of prose that breaks in the middle of",
            "its sentence.",
        ];
        assert!(!is_wrapped(&lines));
    }
}

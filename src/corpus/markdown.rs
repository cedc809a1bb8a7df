//! Markdown articles, read by `pulldown-cmark` (CommonMark, with tables, footnotes and
//! strikethrough): the first level-1 heading is the title (unless front matter gives one),
//! ATX and setext headings open sections nested by level, and paragraphs, code blocks,
//! table rows and list items are blocks of their own. Emphasis is kept as `*…*` for the
//! reading-list reader; links and images give their text, raw HTML its text without the
//! tags. YAML or TOML front matter gives fields, never body text.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::model::{Block, OpenHeadings, Outline};

/// Parse a Markdown file's text into an outline.
pub(crate) fn parse(text: &str) -> Outline {
    let mut outline = Outline::default();
    let (fields, body) = front_matter(text);
    for (key, value) in fields {
        match key.to_ascii_lowercase().as_str() {
            "title" if outline.title.is_none() && !value.is_empty() => {
                outline.title = Some(value.to_string());
            }
            "year" | "date" => {
                // `1815`, `44 BC`, `19th century`; else a date's leading year (`1815-06-18`).
                let digits: String = value.chars().take(4).collect();
                let leading = digits.parse().ok().filter(|_| digits.len() == 4);
                let written = crate::dates::parse_span(value).map(|(from, _)| from);
                outline.year = outline.year.or(written).or(leading);
            }
            "lang" | "language" => outline.lang = crate::language::normalize(value),
            _ => {}
        }
    }
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS;
    let mut reader = Reader {
        outline,
        open: OpenHeadings::default(),
        text: String::new(),
        items: 0,
        in_tag: false,
    };
    for event in Parser::new_ext(body, options) {
        reader.event(event);
    }
    reader.flush();
    reader.outline
}

/// The outline being read, and where in the document the reader stands.
struct Reader {
    outline: Outline,
    open: OpenHeadings,
    /// The text of the block being read.
    text: String,
    /// How many list items the reader is in.
    items: usize,
    /// Inside an HTML tag (which may span several events).
    in_tag: bool,
}

impl Reader {
    fn event(&mut self, event: Event) {
        match event {
            Event::Start(Tag::Heading { .. }) => self.flush(),
            Event::End(TagEnd::Heading(level)) => {
                let heading = std::mem::take(&mut self.text).trim().to_string();
                self.open.open(&mut self.outline, level as usize, heading);
            }
            // A list item's own text is one block; an item inside it starts another.
            Event::Start(Tag::Item) => {
                self.flush();
                self.items += 1;
            }
            Event::End(TagEnd::Item) => {
                self.flush();
                self.items -= 1;
            }
            Event::End(
                TagEnd::Paragraph
                | TagEnd::CodeBlock
                | TagEnd::TableHead
                | TagEnd::TableRow
                | TagEnd::HtmlBlock
                | TagEnd::FootnoteDefinition
                | TagEnd::BlockQuote(_),
            )
            | Event::Rule => match self.items {
                // The paragraphs of a list item are its one block.
                0 => self.flush(),
                _ => self.text.push(' '),
            },
            Event::Start(Tag::Emphasis) | Event::End(TagEnd::Emphasis) => self.text.push('*'),
            Event::Text(text)
            | Event::Code(text)
            | Event::InlineMath(text)
            | Event::DisplayMath(text) => self.text.push_str(&text),
            Event::Html(html) | Event::InlineHtml(html) => self.push_without_tags(&html),
            Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::TableCell) => {
                self.text.push(' ');
            }
            _ => {}
        }
    }

    /// End the block being read: a list item inside a list, else a paragraph.
    fn flush(&mut self) {
        let text = std::mem::take(&mut self.text);
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let path = self.open.path();
        let block = match self.items {
            0 => Block::Paragraph(text),
            _ => Block::ListItem(text),
        };
        self.outline.push(&path, block);
    }

    /// Add the text of raw HTML, its tags left out.
    fn push_without_tags(&mut self, html: &str) {
        for c in html.chars() {
            match (self.in_tag, c) {
                (true, '>') => self.in_tag = false,
                (false, '<') => self.in_tag = true,
                (false, c) => self.text.push(c),
                (true, _) => {}
            }
        }
    }
}

/// A leading front-matter block, YAML (`---` … `---`) or TOML (`+++` … `+++`): its
/// top-level `key: value` / `key = value` pairs, unquoted, and the text after it. Only the
/// few scalar fields annals reads are needed (`title`, `date` or `year`, `lang`), so this
/// reads that flat subset rather than pulling in a YAML parser; nested values are ignored.
fn front_matter(text: &str) -> (Vec<(&str, &str)>, &str) {
    let text_start = text.strip_prefix('\u{feff}').unwrap_or(text);
    for (fence, separator) in [("---", ':'), ("+++", '=')] {
        let Some(rest) = text_start
            .strip_prefix(fence)
            .and_then(|r| r.strip_prefix('\n').or_else(|| r.strip_prefix("\r\n")))
        else {
            continue;
        };
        let Some(end) = rest
            .match_indices(fence)
            .map(|(i, _)| i)
            .find(|&i| i == 0 || rest[..i].ends_with('\n'))
        else {
            continue;
        };
        let fields = rest[..end]
            .lines()
            .filter(|l| !l.starts_with([' ', '\t', '-', '#']))
            .filter_map(|l| l.split_once(separator))
            .map(|(k, v)| (k.trim(), v.trim().trim_matches(['"', '\''])))
            .collect();
        let after = &rest[end + fence.len()..];
        return (fields, after.strip_prefix('\n').unwrap_or(after));
    }
    (Vec::new(), text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(outline: &Outline, section: usize) -> Vec<Block> {
        outline.sections[section].1.clone()
    }

    #[test]
    fn front_matter_gives_fields_and_setext_headings_are_headings() {
        let o = parse(
            "---\ntitle: \"The Congress\"\ndate: 1815-06-09\nlang: de\ntags:\n  - x\n---\n\
             Intro paragraph.\n\nThe Treaty\n==========\nText one.\n\nDetails\n-------\nText two.\n",
        );
        assert_eq!(o.title.as_deref(), Some("The Congress"));
        assert_eq!(o.year, Some(1815));
        assert_eq!(o.lang, Some("de"));
        assert_eq!(
            o.heading_paths(),
            ["", "The Treaty", "The Treaty › Details"]
        );
        let toml = parse("+++\ntitle = \"T\"\nyear = 1900\n+++\nBody.\n");
        assert_eq!((toml.title.as_deref(), toml.year), (Some("T"), Some(1900)));
        assert!(!toml
            .sections
            .iter()
            .any(|(_, b)| b.iter().any(|b| b.text().contains("title"))));
    }

    #[test]
    fn headings_nest_by_level_and_the_title_heading_is_absorbed() {
        let o = parse("---\nauthor: x\n---\n# The Title\nLead.\n## A\nText a.\n## B\n### B1\nText b1.\n## C\nText c.");
        assert_eq!(o.title.as_deref(), Some("The Title"));
        assert_eq!(o.heading_paths(), vec!["", "A", "B › B1", "C"]);
        let repeated = parse("---\ntitle: Page\n---\n# Page\nLead.\n# Other\nText.");
        assert_eq!(repeated.heading_paths(), vec!["", "Other"]);
    }

    #[test]
    fn list_items_keep_emphasis_and_nested_items_are_their_own() {
        let o = parse("# T\n## Further Reading\n- *One* by A\n  continued\n- _Two_ by [B](http://b)\n  - nested\n\nAfter.");
        assert_eq!(
            blocks(&o, 0),
            vec![
                Block::ListItem("*One* by A continued".into()),
                Block::ListItem("*Two* by B".into()),
                Block::ListItem("nested".into()),
                Block::Paragraph("After.".into()),
            ]
        );
        let loose = parse("# T\n- First para.\n\n  Second para.\n\n- Next\n");
        assert_eq!(
            blocks(&loose, 0),
            vec![
                Block::ListItem("First para. Second para.".into()),
                Block::ListItem("Next".into()),
            ]
        );
    }

    #[test]
    fn code_is_text_never_a_heading_and_html_loses_its_tags() {
        let o = parse("# T\nline one\nline two\n\n```\n# not a heading\ncode here\n```\n\n<div class=\"x\">Raw <b>html</b></div>\n\n    # indented code\n");
        assert_eq!(
            blocks(&o, 0),
            vec![
                Block::Paragraph("line one line two".into()),
                Block::Paragraph("# not a heading code here".into()),
                Block::Paragraph("Raw html".into()),
                Block::Paragraph("# indented code".into()),
            ]
        );
        assert_eq!(o.heading_paths(), [""]);
    }

    #[test]
    fn tables_give_a_block_per_row() {
        let o = parse("# T\n| Year | Event |\n| --- | --- |\n| 1815 | Vienna |\n");
        assert_eq!(
            blocks(&o, 0),
            vec![
                Block::Paragraph("Year Event".into()),
                Block::Paragraph("1815 Vienna".into()),
            ]
        );
    }

    #[test]
    fn hashes_without_space_are_not_headings() {
        let o = parse("# T\n#hashtag\n### Deep ###\nText.");
        assert_eq!(o.heading_paths(), ["", "Deep"]);
        assert_eq!(blocks(&o, 0), vec![Block::Paragraph("#hashtag".into())]);
    }
}

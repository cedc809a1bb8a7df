//! Markdown articles, read by `pulldown-cmark` (CommonMark, with tables, footnotes and
//! strikethrough): the first level-1 heading is the title (unless front matter gives one),
//! ATX and setext headings open sections nested by level, and paragraphs, code blocks,
//! table rows and list items are blocks of their own. Emphasis is kept as `*…*` for the
//! reading-list reader; links and images give their text, raw HTML its text without the
//! tags. YAML or TOML front matter gives fields, never body text.
//!
//! Notes kept in Obsidian and other wikis, and posts of static-site generators, are
//! Markdown too: a wikilink gives its text (`[[Treaty of San Stefano]]`, the shown part of
//! `[[target|shown]]`), an embed (`![[map.png]]`) and a callout's mark (`> [!note]`) give
//! none, and template tags (`{{< figure … >}}`, `{% include … %}`) are not text.

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

use super::fields;
use super::markup::push_block;
use super::model::{OpenHeadings, Outline};

/// Parse a Markdown file's text into an outline.
pub(crate) fn parse(text: &str) -> Outline {
    let mut outline = Outline::default();
    let (fields, body) = front_matter(text);
    for (key, value) in fields {
        fields::apply(&mut outline, key, &value);
    }
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_WIKILINKS;
    let mut reader = Reader {
        outline,
        open: OpenHeadings::default(),
        text: String::new(),
        items: 0,
        in_tag: false,
        in_embed: false,
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
    /// Inside a wikilink embed (`![[map.png]]`), whose text is a file's name.
    in_embed: bool,
}

impl Reader {
    fn event(&mut self, event: Event) {
        match event {
            Event::Start(Tag::Heading { .. }) => self.flush(),
            Event::End(TagEnd::Heading(level)) => {
                let heading = std::mem::take(&mut self.text);
                let heading = heading.split_whitespace().collect::<Vec<_>>().join(" ");
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
            Event::Start(Tag::Image {
                link_type: LinkType::WikiLink { .. },
                ..
            }) => self.in_embed = true,
            Event::End(TagEnd::Image) => self.in_embed = false,
            Event::Text(_) if self.in_embed => {}
            Event::Text(text)
            | Event::Code(text)
            | Event::InlineMath(text)
            | Event::DisplayMath(text) => self.text.push_str(&text),
            Event::Html(html) | Event::InlineHtml(html) => self.push_without_tags(&html),
            // Kept, for a reading list written a book a line (see `flush`).
            Event::SoftBreak | Event::HardBreak => self.text.push('\n'),
            Event::End(TagEnd::TableCell) => self.text.push(' '),
            _ => {}
        }
    }

    /// End the block being read: a list item inside a list, else a paragraph.
    fn flush(&mut self) {
        let text = std::mem::take(&mut self.text);
        let text = without_templates(&text);
        let item = self.items > 0;
        push_block(
            &mut self.outline,
            &self.open.path(),
            &text,
            item,
            without_callout_mark,
        );
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

/// `text` without the template tags of static-site generators: Hugo's shortcodes
/// (`{{< … >}}`, `{{% … %}}`) and Liquid's or Go's tags and outputs (`{% … %}`, `{{ … }}`).
fn without_templates(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains("{{") && !text.contains("{%") {
        return text.into();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    // Once a closing mark is not found, none is further on: it is not looked for again, so
    // a text of many `{{` and no `}}` is read once.
    let (mut braces, mut percents) = (true, true);
    while let Some(open) = rest.find(['{']) {
        let tail = &rest[open..];
        let close = match () {
            _ if braces && tail.starts_with("{{") => {
                let end = tail.find("}}");
                braces = end.is_some();
                end.map(|end| end + 2)
            }
            _ if percents && tail.starts_with("{%") => {
                let end = tail.find("%}");
                percents = end.is_some();
                end.map(|end| end + 2)
            }
            _ => None,
        };
        match close {
            Some(close) => {
                out.push_str(&rest[..open]);
                out.push(' ');
                rest = &tail[close..];
            }
            None => {
                out.push_str(&rest[..=open]);
                rest = &rest[open + 1..];
            }
        }
    }
    out.push_str(rest);
    out.into()
}

/// `text` without the mark a callout (an admonition) opens with: `[!note]`, `[!WARNING]-`.
fn without_callout_mark(text: &str) -> &str {
    let Some(inner) = text.strip_prefix("[!") else {
        return text;
    };
    let Some(end) = inner.find(']') else {
        return text;
    };
    match inner[..end]
        .chars()
        .all(|c| c.is_ascii_alphabetic() || c == '-')
        && end > 0
    {
        true => inner[end + 1..].trim_start_matches(['+', '-']).trim_start(),
        false => text,
    }
}

/// A leading front-matter block, YAML (`---` … `---`) or TOML (`+++` … `+++`): its
/// top-level `key: value` / `key = value` pairs, unquoted, and the text after it; a key
/// with no value followed by `- item` lines (a YAML block list) has the items as its
/// value, one per line. Only the few fields annals reads are needed (`title`, `date` or
/// `year`, `lang`, `tags`, `authors`), so this reads that flat subset rather than pulling
/// in a YAML parser; other nested values are ignored.
fn front_matter(text: &str) -> (Vec<(&str, String)>, &str) {
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
        let mut fields: Vec<(&str, String)> = Vec::new();
        for line in rest[..end].lines() {
            if line.starts_with([' ', '\t', '-']) {
                // An item of a block list, under the last key if that had no value; an
                // item that is a person (`- name: Jane Doe`, as Quarto and Pandoc write
                // authors) by their name.
                let item = line.trim_start().strip_prefix('-').map(str::trim);
                let item = item.map(|i| i.strip_prefix("name:").map_or(i, str::trim));
                if let (Some(item), Some((_, value))) = (item, fields.last_mut()) {
                    if value.is_empty() || value.ends_with('\n') {
                        value.push_str(item);
                        value.push('\n');
                    }
                }
                continue;
            }
            if line.starts_with('#') {
                continue;
            }
            if let Some((key, value)) = line.split_once(separator) {
                fields.push((
                    key.trim(),
                    value.trim().trim_matches(['"', '\'']).to_string(),
                ));
            }
        }
        let after = &rest[end + fence.len()..];
        return (fields, after.strip_prefix('\n').unwrap_or(after));
    }
    (Vec::new(), text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::model::Block;

    fn blocks(outline: &Outline, section: usize) -> Vec<Block> {
        outline.sections[section].1.clone()
    }

    #[test]
    fn a_reading_list_a_book_a_line_is_a_paragraph_a_book() {
        let o = parse(
            "# Vienna\nThe powers met\nin 1814.\n\n## Further reading\n\n\
             A World Restored by Henry Kissinger\n*Vienna 1814*, 2008\n\n\
             These accounts are the best\nby far, written by Henry Kissinger.\n\n\
             Multi-line\nsetext heading\n---\n\nAfter.",
        );
        assert_eq!(
            o.heading_paths(),
            ["", "Further reading", "Multi-line setext heading"]
        );
        let text: Vec<&str> = o.sections[1].1.iter().map(|b| b.text()).collect();
        assert_eq!(
            text,
            [
                "A World Restored by Henry Kissinger",
                "*Vienna 1814*, 2008",
                "These accounts are the best by far, written by Henry Kissinger."
            ]
        );
        assert_eq!(o.sections[0].1[0].text(), "The powers met in 1814.");
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
        assert_eq!(o.tags, ["x"]);
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
    fn front_matter_tags_and_authors_are_lists_in_any_form() {
        let block = parse(
            "---\ntags:\n  - diplomacy\n  - \"treaties\"\nauthors:\n  - Smith, John\n  - Ito, Hiro\n---\nBody.\n",
        );
        assert_eq!(block.tags, ["diplomacy", "treaties"]);
        assert_eq!(block.authors, ["Smith, John", "Ito, Hiro"]);
        let people = parse(
            "---\nauthor:\n  - name: Jane Doe\n    affiliation: Somewhere\n  - name: \"Li Wei\"\n---\nBody.\n",
        );
        assert_eq!(people.authors, ["Jane Doe", "Li Wei"]);
        let inline =
            parse("---\ntags: [a, \"b c\"]\nauthor: Smith, John\nkeywords: d, e\n---\nBody.\n");
        assert_eq!(inline.tags, ["a", "b c", "d", "e"]);
        assert_eq!(inline.authors, ["Smith, John"]);
        let toml = parse("+++\ntags = [\"x\", \"y\"]\nauthors = [\"A\", \"B\"]\n+++\nBody.\n");
        assert_eq!((toml.tags.len(), toml.authors.len()), (2, 2));
        // A list under a key that had a value is not its value.
        let nested = parse("---\ntitle: T\n  - stray\n---\nBody.\n");
        assert_eq!(nested.title.as_deref(), Some("T"));
    }

    #[test]
    fn headings_nest_by_level_and_the_title_heading_is_absorbed() {
        let o = parse("---\nauthor: x\n---\n# The Title\nLead.\n## A\nText a.\n## B\n### B1\nText b1.\n## C\nText c.");
        assert_eq!(o.title.as_deref(), Some("The Title"));
        assert_eq!(o.heading_paths(), vec!["", "A", "B › B1", "C"]);
        let repeated = parse("---\ntitle: Page\n---\n# Page\nLead.\n# Other\nText.");
        assert_eq!(repeated.heading_paths(), vec!["", "Other"]);
        // A heading restating the one above it (a print page's chapter) is not a level.
        let restated =
            parse("# Book\n# Chapter\n##  Chapter \nText.\n### Part\nMore.\n## Next\nLast.");
        assert_eq!(
            restated.heading_paths(),
            vec!["Chapter", "Chapter › Part", "Chapter › Next"]
        );
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
    fn notes_and_posts_give_their_text_without_wiki_and_template_marks() {
        let o = parse(
            "# Congress of Berlin\n\n> [!note] Summary\n> It revised [[Treaty of San Stefano]] \
             after the [[Russo-Turkish War (1877–1878)|Russo-Turkish War]].\n\n![[map.png]]\n\n\
             {{< figure src=\"x.png\" >}} Delegates met {% include note.html %} in June.\n\n\
             A set {1, 2} and {{ page.title }} and {% unclosed\n",
        );
        assert_eq!(
            blocks(&o, 0),
            vec![
                Block::Paragraph(
                    "Summary It revised Treaty of San Stefano after the Russo-Turkish War.".into()
                ),
                Block::Paragraph("Delegates met in June.".into()),
                Block::Paragraph("A set {1, 2} and and {% unclosed".into()),
            ]
        );
        assert_eq!(without_callout_mark("[!WARNING]- Careful"), "Careful");
        // Many opening marks and no closing one are read once.
        let many = "{{".repeat(500_000);
        let started = std::time::Instant::now();
        assert_eq!(without_templates(&many), many);
        assert!(started.elapsed().as_secs() < 5, "{:?}", started.elapsed());
        assert_eq!(without_callout_mark("[!1] x"), "[!1] x");
        assert_eq!(without_callout_mark("[!] x"), "[!] x");
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

//! LaTeX sources (`.tex`), as scholars write articles and theses: the preamble's `\title`,
//! `\author`s and language (babel's or polyglossia's), then the document's text, each
//! `\part` … `\subparagraph` opening a section nested by its level, paragraphs and list
//! items (`\item`) as blocks, `\emph` as `*…*`; a `thebibliography`'s `\bibitem`s are a
//! reading list. Comments, mathematics, figures' and tables' bodies (their captions aside),
//! code listings, footnotes, labels and citation marks are not text.

mod inline;

use inline::Braces;

use super::model::{nest, Block, Outline};

/// Sectioning commands, by level.
const SECTIONS: &[&str] = &[
    "part",
    "chapter",
    "section",
    "subsection",
    "subsubsection",
    "paragraph",
    "subparagraph",
];

/// Environments whose body is not text: mathematics, pictures, code, comments.
const NOT_TEXT: &[&str] = &[
    "equation",
    "equation*",
    "align",
    "align*",
    "gather",
    "gather*",
    "multline",
    "multline*",
    "eqnarray",
    "eqnarray*",
    "displaymath",
    "math",
    "tikzpicture",
    "picture",
    "verbatim",
    "verbatim*",
    "lstlisting",
    "minted",
    "comment",
    "titlepage",
    "tabular",
    "tabular*",
    "tabularx",
    "longtable",
];

/// Heading of a `thebibliography` environment, as LaTeX's article class prints it.
const REFERENCES: &str = "References";

/// Read a LaTeX source.
pub(crate) fn parse(source: &str) -> Outline {
    let source = without_comments(source);
    let (preamble, body) = match source.split_once("\\begin{document}") {
        Some((preamble, rest)) => (
            preamble,
            rest.split("\\end{document}").next().unwrap_or(rest),
        ),
        None => ("", source.as_str()),
    };
    let mut outline = Outline {
        title: command_argument(preamble, "title").map(|t| inline::text(&t)),
        authors: command_argument(preamble, "author")
            .map(|a| {
                (a.split("\\and"))
                    .map(|name| inline::text(&without_command(name, "thanks")))
                    .filter(|name| !name.is_empty())
                    .collect()
            })
            .unwrap_or_default(),
        lang: language(preamble),
        ..Outline::default()
    };
    let mut reader = Reader::default();
    reader.read(body, &mut outline);
    reader.flush(&mut outline);
    if outline.title.is_none() {
        title_from_heading(&mut outline);
    }
    outline
}

/// A source without a `\title` (a chapter of a thesis, kept in a file of its own) that is
/// one division from its start (`\chapter{The Congress}`, then its sections) is titled by
/// it, its sections no longer under it.
fn title_from_heading(outline: &mut Outline) {
    let Some(first) = (outline.sections.first()).and_then(|(path, _)| path.first().cloned()) else {
        return;
    };
    if (outline.sections.iter()).all(|(path, _)| path.first() == Some(&first)) {
        for (path, _) in &mut outline.sections {
            path.remove(0);
        }
        outline.title = Some(first);
    }
}

/// The document's language: babel's last option (the main language), or polyglossia's.
fn language(preamble: &str) -> Option<&'static str> {
    let babel = preamble.match_indices("\\usepackage[").find_map(|(at, _)| {
        let after = &preamble[at + "\\usepackage".len()..];
        let rest = inline::skip_optional(after);
        let options = after[..after.len() - rest.len()]
            .strip_prefix('[')?
            .strip_suffix(']')?;
        rest.trim_start().starts_with("{babel}").then(|| {
            let main = options
                .split(',')
                .map(str::trim)
                .rfind(|o| !o.contains('='));
            main.unwrap_or_default().to_string()
        })
    });
    let name = babel.or_else(|| {
        ["setdefaultlanguage", "setmainlanguage"]
            .iter()
            .find_map(|command| command_argument(preamble, command))
    })?;
    let name = match name.as_str() {
        "ngerman" | "naustrian" | "austrian" | "swissgerman" | "nswissgerman" => "german",
        "british" | "american" | "UKenglish" | "USenglish" | "canadian" | "australian" => "english",
        "francais" | "acadian" | "canadien" => "french",
        other => other,
    };
    crate::language::normalize(name)
}

/// The first braced argument of the first `\name` command in `text`.
fn command_argument(text: &str, name: &str) -> Option<String> {
    let command = format!("\\{name}");
    let braces = Braces::new(text);
    text.match_indices(&command).find_map(|(at, _)| {
        let rest = &text[at + command.len()..];
        if rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
            return None;
        }
        let rest = inline::skip_optional(rest.trim_start());
        braces.group(rest).map(|(argument, _)| argument.to_string())
    })
}

/// `text` without each `\name{…}` command and its argument.
fn without_command(text: &str, name: &str) -> String {
    let command = format!("\\{name}");
    let braces = Braces::new(text);
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find(&command) {
        out.push_str(&rest[..at]);
        let after = &rest[at + command.len()..];
        rest = braces.group(after).map_or(after, |(_, tail)| tail);
    }
    out.push_str(rest);
    out
}

/// `source` without its comments: a `%` (not `\%`) to the end of its line.
fn without_comments(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    for line in source.lines() {
        let mut cut = line.len();
        let mut escaped = false;
        for (i, c) in line.char_indices() {
            match c {
                '\\' => escaped = !escaped,
                '%' if !escaped => {
                    cut = i;
                    break;
                }
                _ => escaped = false,
            }
        }
        out.push_str(&line[..cut]);
        out.push('\n');
    }
    out
}

/// The blocks of a document's body, as they are read.
#[derive(Default)]
struct Reader {
    /// The headings open, with their levels.
    open: Vec<(usize, String)>,
    /// The raw text of the paragraph or list item being read.
    block: String,
    /// Whether `block` is a list item.
    item: bool,
    /// How deep in lists the reader is.
    lists: usize,
}

impl Reader {
    fn path(&self) -> Vec<String> {
        self.open.iter().map(|(_, h)| h.clone()).collect()
    }

    /// End the block being read.
    fn flush(&mut self, outline: &mut Outline) {
        let text = inline::text(&self.block);
        self.block.clear();
        let block = match self.item {
            true => Block::ListItem(text),
            false => Block::Paragraph(text),
        };
        outline.push(&self.path(), block);
        self.item = self.lists > 0 && self.item;
    }

    fn heading(&mut self, level: usize, heading: String, outline: &mut Outline) {
        self.flush(outline);
        nest(&mut self.open, level, heading);
    }

    fn read(&mut self, body: &str, outline: &mut Outline) {
        let braces = Braces::new(body);
        let mut rest = body;
        while let Some(at) = rest.find(['\\', '\n']) {
            self.block.push_str(&rest[..at]);
            let tail = &rest[at..];
            if let Some(after) = tail.strip_prefix('\n') {
                // A blank line ends a paragraph; within a list item it goes on.
                let next = after.trim_start_matches([' ', '\t']);
                if next.starts_with('\n') && !self.item {
                    self.flush(outline);
                } else {
                    self.block.push(' ');
                }
                rest = after;
                continue;
            }
            let name_len = tail[1..]
                .find(|c: char| !c.is_ascii_alphabetic())
                .unwrap_or(tail.len() - 1);
            let name = &tail[1..1 + name_len];
            let after = &tail[1 + name_len..];
            rest = match name {
                _ if SECTIONS.contains(&name) => {
                    let level = SECTIONS.iter().position(|s| *s == name).unwrap_or(0);
                    let after = inline::skip_optional(after.trim_start_matches('*').trim_start());
                    match braces.group(after) {
                        Some((heading, tail)) => {
                            self.heading(level, inline::text(heading), outline);
                            tail
                        }
                        None => after,
                    }
                }
                "begin" => self.begin(after, &braces, outline),
                "end" => {
                    let (environment, tail) = braces.group(after).unwrap_or(("", after));
                    if matches!(
                        environment,
                        "itemize" | "enumerate" | "description" | "thebibliography"
                    ) {
                        self.flush(outline);
                        self.lists = self.lists.saturating_sub(1);
                        self.item = false;
                    }
                    if environment == "abstract" {
                        self.flush(outline);
                    }
                    tail
                }
                "item" | "bibitem" => {
                    self.flush(outline);
                    self.item = true;
                    let tail = inline::skip_optional(after);
                    // A description's term is text (`\item[Rapallo] a treaty`), a mark
                    // (`\item[b)]`) or a citation's label (`\bibitem[Fink84]`) is not.
                    let label = &after[..after.len() - tail.len()];
                    let term = label.trim_start_matches('[').trim_end_matches(']');
                    if name == "item" && term.chars().count() > 3 {
                        self.block.push_str(term);
                        self.block.push(' ');
                    }
                    match name {
                        // The cite key is no text.
                        "bibitem" => braces.group(tail).map_or(tail, |(_, tail)| tail),
                        _ => tail,
                    }
                }
                "par" => {
                    self.flush(outline);
                    after
                }
                _ => {
                    // Inline commands are read with the block's text.
                    self.block.push('\\');
                    self.block.push_str(name);
                    if name.is_empty() {
                        // `\\`, `\%`: the character is the command.
                        let next = after.chars().next().map_or(0, char::len_utf8);
                        self.block.push_str(&after[..next]);
                        &after[next..]
                    } else {
                        after
                    }
                }
            };
        }
        self.block.push_str(rest);
    }

    /// Open the environment whose name `after` starts with; what follows it to read.
    fn begin<'t>(&mut self, after: &'t str, braces: &Braces<'t>, outline: &mut Outline) -> &'t str {
        let Some((environment, tail)) = braces.group(after) else {
            return after;
        };
        match environment {
            "itemize" | "enumerate" | "description" => {
                self.flush(outline);
                self.lists += 1;
                tail
            }
            "thebibliography" => {
                self.flush(outline);
                // A heading of the document's highest level, as the classes print it.
                let level = self.open.iter().map(|(l, _)| *l).min().unwrap_or(2);
                self.heading(level, REFERENCES.to_string(), outline);
                self.lists += 1;
                // Its widest label.
                braces.group(tail).map_or(tail, |(_, tail)| tail)
            }
            "abstract" => {
                self.flush(outline);
                tail
            }
            "figure" | "figure*" | "table" | "table*" => {
                // A float's caption is text; its body (a picture, a table) is not.
                let (inside, tail) = environment_body(tail, environment);
                if let Some(caption) = command_argument(inside, "caption") {
                    self.flush(outline);
                    self.block.push_str(&caption);
                    self.flush(outline);
                }
                tail
            }
            _ if NOT_TEXT.contains(&environment) => environment_body(tail, environment).1,
            _ => tail,
        }
    }
}

/// The body of the environment `name` that `text` opens (after its `\begin{name}`), and
/// what follows its `\end{name}` (the rest of the text when it has none).
fn environment_body<'t>(text: &'t str, name: &str) -> (&'t str, &'t str) {
    let end = format!("\\end{{{name}}}");
    match text.find(&end) {
        Some(at) => (&text[..at], &text[at + end.len()..]),
        None => (text, ""),
    }
}

#[cfg(test)]
mod tests;

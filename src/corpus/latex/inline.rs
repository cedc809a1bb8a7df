//! LaTeX within a block: commands that print words (`\emph`, `\textbf`, accents, `\ss`,
//! `--`) as the words, those that do not (citations, labels, footnotes, mathematics) as
//! nothing.

use std::collections::HashMap;

use unicode_normalization::UnicodeNormalization;

use crate::corpus::brackets::{pairs, Bracket};
use crate::corpus::text::squash_whitespace;

/// Commands that print nothing of the sentence, with their arguments: citation marks,
/// cross references, footnotes (notes, not the sentence), pictures, spacing, layout.
const DROPPED: &[&str] = &[
    "footnote",
    "footnotetext",
    "footnotemark",
    "cite",
    "citep",
    "citet",
    "citealp",
    "parencite",
    "textcite",
    "autocite",
    "footcite",
    "smartcite",
    "nocite",
    "ref",
    "eqref",
    "pageref",
    "autoref",
    "cref",
    "Cref",
    "nameref",
    "label",
    "index",
    "glossary",
    "includegraphics",
    "vspace",
    "hspace",
    "thanks",
    "marginpar",
    "todo",
    "bibliography",
    "bibliographystyle",
    "addbibresource",
    "printbibliography",
    "input",
    "include",
    "newcommand",
    "renewcommand",
    "providecommand",
    "setlength",
    "addtolength",
    "setcounter",
    "pagestyle",
    "thispagestyle",
    "maketitle",
    "tableofcontents",
    "listoffigures",
    "listoftables",
    "newpage",
    "clearpage",
    "cleardoublepage",
    "noindent",
    "centering",
    "raggedright",
    "linebreak",
    "pagebreak",
    "nopagebreak",
    "medskip",
    "bigskip",
    "smallskip",
    "hfill",
    "vfill",
    "item",
    "caption",
    "usepackage",
    "documentclass",
    "selectlanguage",
    "date",
];

/// Commands that print a character or a word.
const SYMBOLS: &[(&str, &str)] = &[
    ("ss", "ß"),
    ("o", "ø"),
    ("O", "Ø"),
    ("ae", "æ"),
    ("AE", "Æ"),
    ("oe", "œ"),
    ("OE", "Œ"),
    ("aa", "å"),
    ("AA", "Å"),
    ("l", "ł"),
    ("L", "Ł"),
    ("i", "i"),
    ("j", "j"),
    ("ldots", "…"),
    ("dots", "…"),
    ("textellipsis", "…"),
    ("textendash", "–"),
    ("textemdash", "—"),
    ("S", "§"),
    ("P", "¶"),
    ("pounds", "£"),
    ("euro", "€"),
    ("textdegree", "°"),
    ("LaTeX", "LaTeX"),
    ("TeX", "TeX"),
    ("today", ""),
    ("quad", " "),
    ("qquad", " "),
];

/// Accents written as a sign (`\"u`) or a letter (`\c{c}`), and the combining mark each
/// puts on its letter.
const ACCENTS: &[(&str, char)] = &[
    ("\"", '\u{308}'),
    ("'", '\u{301}'),
    ("`", '\u{300}'),
    ("^", '\u{302}'),
    ("~", '\u{303}'),
    ("=", '\u{304}'),
    (".", '\u{307}'),
    ("u", '\u{306}'),
    ("v", '\u{30C}'),
    ("H", '\u{30B}'),
    ("c", '\u{327}'),
    ("k", '\u{328}'),
    ("r", '\u{30A}'),
    ("d", '\u{323}'),
    ("b", '\u{331}'),
];

/// The longest optional argument (`[…]`) looked for: a bound, so that a line of many
/// unclosed brackets costs no more than any other.
const MAX_OPTIONAL_BYTES: usize = 256;

/// The braces of a text, each `{` with the `}` that closes it (`\{` is none).
pub(crate) struct Braces<'t> {
    text: &'t str,
    closing: HashMap<usize, usize>,
}

impl<'t> Braces<'t> {
    pub(crate) fn new(text: &'t str) -> Braces<'t> {
        let brace = Bracket {
            open: "{",
            close: "}",
            per_line: false,
            escape: Some(b'\\'),
        };
        Braces {
            text,
            closing: pairs(text, brace),
        }
    }

    /// The group that `tail` (a tail of the text) opens, after spaces: its inside and what
    /// follows it.
    pub(crate) fn group(&self, tail: &'t str) -> Option<(&'t str, &'t str)> {
        let tail = tail.trim_start_matches([' ', '\t']);
        let at = (tail.as_ptr() as usize).checked_sub(self.text.as_ptr() as usize)?;
        if !tail.starts_with('{') || at >= self.text.len() {
            return None;
        }
        let close = *self.closing.get(&at)?;
        Some((&self.text[at + 1..close], &self.text[close + 1..]))
    }
}

/// `s` past an optional argument (`[…]`) it starts with, if any.
pub(crate) fn skip_optional(s: &str) -> &str {
    let Some(inside) = s.strip_prefix('[') else {
        return s;
    };
    let window = &inside.as_bytes()[..inside.len().min(MAX_OPTIONAL_BYTES)];
    match window.iter().position(|&b| b == b']' || b == b'\n') {
        Some(end) if window[end] == b']' => &inside[end + 1..],
        _ => s,
    }
}

/// The text of a block of LaTeX, its white space squashed.
pub(crate) fn text(raw: &str) -> String {
    let braces = Braces::new(raw);
    let mut out = String::with_capacity(raw.len());
    render(raw, &braces, &mut out, 0);
    let out = squash_whitespace(&out);
    match out.chars().any(|c| ('\u{300}'..='\u{36F}').contains(&c)) {
        true => out.nfc().collect(),
        false => out,
    }
}

/// Deepest nesting of commands within commands' arguments read (`\emph{\textbf{…}}`):
/// deeper ones are left out, so that hostile text cannot overflow the stack.
const MAX_DEPTH: usize = 64;

/// Append the text of `s`, a tail of the text `braces` were found in, inside `depth`
/// commands' arguments, to `out`.
fn render<'t>(mut s: &'t str, braces: &Braces<'t>, out: &mut String, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    while let Some(at) = s.find(['\\', '{', '}', '$', '~', '`', '\'', '-']) {
        out.push_str(&s[..at]);
        let tail = &s[at..];
        let run = |c: char| tail.len() - tail.trim_start_matches(c).len();
        s = match tail.as_bytes()[0] {
            // Groups are no text, but the arguments of a command they part are words apart
            // (`\sectionauthor{Joe Gregorio}{joe@example.org}`).
            b'}' if tail[1..].starts_with('{') => {
                out.push(' ');
                &tail[1..]
            }
            b'{' | b'}' => &tail[1..],
            b'~' => {
                out.push(' ');
                &tail[1..]
            }
            // Mathematics is no text.
            b'$' => {
                let display = tail.starts_with("$$");
                let open = if display { 2 } else { 1 };
                let end = tail[open..].find(if display { "$$" } else { "$" });
                end.map_or(&tail[open..], |end| &tail[open + end + open..])
            }
            b'`' => {
                out.push(if run('`') >= 2 { '“' } else { '‘' });
                &tail[run('`').min(2)..]
            }
            b'\'' => {
                out.push(if run('\'') >= 2 { '”' } else { '’' });
                &tail[run('\'').min(2)..]
            }
            b'-' => {
                let dashes = run('-').min(3);
                out.push_str(["-", "–", "—"][dashes - 1]);
                &tail[dashes..]
            }
            _ => command(tail, braces, out, depth),
        };
    }
    out.push_str(s);
}

/// Read the command `tail` starts with (`\emph{…}`) into `out`; what follows it.
fn command<'t>(tail: &'t str, braces: &Braces<'t>, out: &mut String, depth: usize) -> &'t str {
    let after = &tail[1..];
    let name_len = after
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(after.len());
    let (name, rest) = match name_len {
        // `\"u`, `\%`, `\\`: a sign.
        0 => after.split_at(after.chars().next().map_or(0, char::len_utf8)),
        _ => after.split_at(name_len),
    };
    if let Some((_, mark)) = ACCENTS.iter().find(|(sign, _)| *sign == name) {
        let (letter, rest) = match braces.group(rest) {
            Some((letter, rest)) => (letter.trim_start_matches("\\"), rest),
            None => {
                let rest = rest.trim_start_matches(' ');
                let len = rest.chars().next().map_or(0, char::len_utf8);
                (&rest[..len], &rest[len..])
            }
        };
        out.push_str(letter);
        out.push(*mark);
        return rest;
    }
    if let Some((_, symbol)) = SYMBOLS.iter().find(|(n, _)| *n == name) {
        // A command's name ends at the space after it (`\ss e`), which prints nothing.
        out.push_str(symbol);
        return rest.strip_prefix(' ').unwrap_or(rest);
    }
    match name {
        "\\" | "newline" | "," | ";" | ":" | " " | "!" | "par" => {
            out.push(' ');
            rest
        }
        "%" | "&" | "$" | "#" | "_" | "{" | "}" => {
            out.push_str(name);
            rest
        }
        "-" | "/" | "@" => rest,
        // Mathematics: `\( … \)`, `\[ … \]`.
        "(" | "[" => {
            let end = if name == "(" { "\\)" } else { "\\]" };
            rest.find(end).map_or("", |at| &rest[at + 2..])
        }
        // Emphasis (a title, to the reading-list extractor) and a quotation, marked.
        "emph" | "textit" | "textsl" | "mkbibemph" | "enquote" => {
            let (open, close) = match name {
                "enquote" => ('“', '”'),
                _ => ('*', '*'),
            };
            match braces.group(rest) {
                Some((inside, rest)) => {
                    out.push(open);
                    render(inside, braces, out, depth + 1);
                    out.push(close);
                    rest
                }
                None => rest,
            }
        }
        // The text of a link, of a word in another language: the last argument.
        "href" | "foreignlanguage" => {
            let rest = skip_optional(rest);
            match braces
                .group(rest)
                .and_then(|(_, second)| braces.group(second))
            {
                Some((text, rest)) => {
                    render(text, braces, out, depth + 1);
                    rest
                }
                None => rest,
            }
        }
        _ if DROPPED.contains(&name) => {
            let mut rest = rest;
            loop {
                let trimmed = rest.trim_start_matches(['*', ' ']);
                let past = skip_optional(trimmed);
                match braces.group(past) {
                    Some((_, next)) => rest = next,
                    // An optional argument alone (`\item[b)]`).
                    None if past.len() < trimmed.len() => rest = past,
                    // The space after the arguments stays.
                    None => return rest,
                }
            }
        }
        // Any other command (`\textbf`, `\textsc`, `\url`, a font switch): its arguments'
        // text.
        _ => rest,
    }
}

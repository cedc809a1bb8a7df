//! A guard for BibTeX's `@string` abbreviations, which the `biblatex` crate expands by
//! recursion and in full: a string defined by itself (`@string{a = a # a}`) overflows the
//! stack and aborts the process, and forty strings each doubling the one before
//! (`@string{a2 = a1 # a1}`) expand to a terabyte. Real files define journal and publisher
//! names, a string at most referring to another; before a file is parsed, its strings are
//! measured here without expanding them.

use std::collections::{HashMap, HashSet};

/// Bytes a string may expand to: a journal's name is a hundred.
const MAX_EXPANDED: u64 = 1 << 20;

/// Strings a string may refer to through others, one within the next.
const MAX_DEPTH: usize = 32;

/// `Err` with the reason not to parse a bibliography whose `@string` definitions are
/// `definitions` (each chunk as written, `@string{name = value}`): one refers to itself,
/// through others or not, expands to more than [`MAX_EXPANDED`] bytes, or refers to others
/// more than [`MAX_DEPTH`] deep.
pub(super) fn check<'t>(definitions: impl Iterator<Item = &'t str>) -> Result<(), String> {
    // Each string by its name in lower case: the bytes it writes itself, and the names it
    // refers to.
    let strings: HashMap<String, (u64, Vec<String>)> = definitions.filter_map(definition).collect();
    // Each string's expanded length and depth, measured after the strings it refers to;
    // a string on the way is being measured.
    let mut measured: HashMap<&str, (u64, usize)> = HashMap::new();
    let mut on_the_way: HashSet<&str> = HashSet::new();
    for name in strings.keys() {
        let mut stack: Vec<(&str, bool)> = vec![(name, false)];
        while let Some((name, children_done)) = stack.pop() {
            let Some((own, refs)) = strings.get(name) else {
                continue;
            };
            if children_done {
                on_the_way.remove(name);
                let (mut len, mut depth) = (*own, 0);
                for r in refs {
                    if let Some(&(l, d)) = measured.get(r.as_str()) {
                        len = len.saturating_add(l);
                        depth = depth.max(d + 1);
                    }
                }
                if len > MAX_EXPANDED {
                    return Err(format!(
                        "cannot be read as BibTeX: @string {name} expands to over {} MB",
                        MAX_EXPANDED >> 20
                    ));
                }
                if depth > MAX_DEPTH {
                    return Err(format!(
                        "cannot be read as BibTeX: @string {name} refers to strings over \
                         {MAX_DEPTH} deep"
                    ));
                }
                measured.insert(name, (len, depth));
                continue;
            }
            if measured.contains_key(name) {
                continue;
            }
            if on_the_way.contains(name) {
                return Err(format!(
                    "cannot be read as BibTeX: @string {name} is defined by itself"
                ));
            }
            on_the_way.insert(name);
            stack.push((name, true));
            for r in refs {
                if on_the_way.contains(r.as_str()) {
                    return Err(format!(
                        "cannot be read as BibTeX: @string {r} is defined by itself"
                    ));
                }
                if !measured.contains_key(r.as_str()) {
                    stack.push((r, false));
                }
            }
        }
    }
    Ok(())
}

/// The name (in lower case) an `@string{name = value}` chunk defines, the bytes its value
/// writes itself and the names it refers to (`a # "text" # b`).
fn definition(chunk: &str) -> Option<(String, (u64, Vec<String>))> {
    let body = chunk.trim_start().get("@string".len()..)?.trim_start();
    let close = match body.chars().next()? {
        '{' => '}',
        '(' => ')',
        _ => return None,
    };
    let (name, value) = body[1..].split_once('=')?;
    let value = value.trim_end();
    let value = value.strip_suffix(close).unwrap_or(value);
    let (mut own, mut refs) = (0u64, Vec::new());
    for part in top_level_parts(value) {
        let part = part.trim();
        match part.chars().next() {
            Some('{' | '"') => own += part.len() as u64,
            Some(c) if c.is_ascii_digit() => own += part.len() as u64,
            Some(_) => refs.push(part.to_lowercase()),
            None => {}
        }
    }
    Some((name.trim().to_lowercase(), (own, refs)))
}

/// `value` cut at each `#` outside braces and quotes.
fn top_level_parts(value: &str) -> Vec<&str> {
    let (mut parts, mut from) = (Vec::new(), 0);
    let (mut depth, mut quoted) = (0usize, false);
    for (i, c) in value.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            '"' if depth == 0 => quoted = !quoted,
            '#' if depth == 0 && !quoted => {
                parts.push(&value[from..i]);
                from = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&value[from..]);
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn checked(text: &str) -> Result<(), String> {
        check(text.lines())
    }

    #[test]
    fn real_strings_pass() {
        let text = "@string{jams = \"Journal of the American Musicological Society\"}\n\
                    @STRING(pub = {Harvard University Press})\n\
                    @string{jams2 = jams # \", second series\" # 1950}";
        assert_eq!(checked(text), Ok(()));
        let (name, (own, refs)) = definition("@string{jams2 = jams # \", #2\" # 1950}").unwrap();
        assert_eq!(
            (name.as_str(), own, refs),
            ("jams2", 10, vec!["jams".to_string()])
        );
    }

    #[test]
    fn strings_defined_by_themselves_are_refused() {
        let refused = checked("@string{self = self # self}").unwrap_err();
        assert!(
            refused.contains("@string self is defined by itself"),
            "{refused}"
        );
        let refused = checked("@string{a = b}\n@string{b = c}\n@string{c = A}").unwrap_err();
        assert!(refused.contains("is defined by itself"), "{refused}");
    }

    #[test]
    fn strings_expanding_without_end_are_refused() {
        let mut text = String::from("@string{a0 = \"lol\"}\n");
        for i in 1..40 {
            text.push_str(&format!("@string{{a{i} = a{} # a{}}}\n", i - 1, i - 1));
        }
        let refused = checked(&text).unwrap_err();
        assert!(refused.contains("expands to over 1 MB"), "{refused}");
        // A long chain, each string the one before it.
        let mut text = String::from("@string{a0 = \"lol\"}\n");
        for i in 1..100_000 {
            text.push_str(&format!("@string{{a{i} = a{}}}\n", i - 1));
        }
        let refused = checked(&text).unwrap_err();
        assert!(refused.contains("over 32 deep"), "{refused}");
    }
}

//! reStructuredText's inline markup read for its text: interpreted text, roles, literals
//! and hyperlink references give their text; footnote and citation references, the bars of
//! substitutions and the marks of strong emphasis go; emphasis (`*…*`) stays for the
//! reading-list reader.

use super::markup::spans;

/// A block's or title's text without reStructuredText's inline marks: interpreted text,
/// roles, literals and hyperlink references as their text, footnote and citation
/// references dropped, substitutions' bars and strong emphasis's marks dropped, escapes
/// taken off. Emphasis (`*…*`) stays.
pub(super) fn inline(text: &str) -> String {
    let text = quoted(text);
    let text = without_references(&text);
    let text = spans(&text, "**", "", "");
    let text = spans(&text, "|", "", "");
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, chars.peek()) {
            ('\\', Some(next)) if next.is_ascii_punctuation() => {}
            _ => out.push(c),
        }
    }
    out
}

/// `text` with each backquoted span as its text: ``` ``literal`` ```, `` `text` ``,
/// `` :role:`text <target>` ``, `` `text <address>`_ `` (its text), `` `<address>`_ ``.
fn quoted(text: &str) -> String {
    if !text.contains('`') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('`') {
        out.push_str(&rest[..open]);
        let tail = &rest[open..];
        let inner_after = match tail.strip_prefix("``") {
            Some(literal) => literal
                .find("``")
                .map(|end| (&literal[..end], &literal[end + 2..])),
            None => (tail[1..].find('`')).map(|end| (&tail[1..end + 1], &tail[end + 2..])),
        };
        // Without its closing quote, the rest is text.
        let Some((inner, after)) = inner_after else {
            rest = tail;
            break;
        };
        // A role before it (`:ref:`), or after it (`` `x`:sup: ``), and a reference's `_`.
        if let Some(role) = trailing_role(&out) {
            out.truncate(out.len() - role);
        }
        let after = after.trim_start_matches('_');
        let after = match after.strip_prefix(':').and_then(|a| a.split_once(':')) {
            Some((role, rest)) if !role.is_empty() && role.chars().all(char::is_alphanumeric) => {
                rest
            }
            _ => after,
        };
        out.push_str(link_text(inner));
        rest = after;
    }
    out.push_str(rest);
    out
}

/// The length of a role (`:py:func:`) ending `text`, if it ends with one.
fn trailing_role(text: &str) -> Option<usize> {
    /// Longest role read, so that a text of many roles' characters is not read again at
    /// every backquote.
    const MAX_ROLE_CHARS: usize = 40;
    let inner = text.strip_suffix(':')?;
    let characters: Vec<(usize, char)> = (inner.char_indices().rev())
        .take_while(|(_, c)| c.is_alphanumeric() || "-_:.+".contains(*c))
        .take(MAX_ROLE_CHARS + 1)
        .collect();
    let &(start, _) = characters
        .last()
        .filter(|_| characters.len() <= MAX_ROLE_CHARS)?;
    let role = &text[start..];
    (role.len() > 2 && role.starts_with(':')).then_some(role.len())
}

/// An interpreted text's shown part: `Treaty <https://…>` as `Treaty`, `<https://…>` as the
/// address.
fn link_text(inner: &str) -> &str {
    match inner.strip_suffix('>').and_then(|i| i.rsplit_once('<')) {
        Some((text, target)) if text.trim().is_empty() => target,
        Some((text, _)) => text.trim_end(),
        None => inner,
    }
}

/// `text` without footnote and citation references (`[1]_`, `[#note]_`, `[CIT2002]_`) and
/// the `_` of a one-word hyperlink reference (`Rapallo_`).
fn without_references(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(['[', '_']) {
        let tail = &rest[at..];
        if let Some(label) = tail.strip_prefix('[') {
            // A label holds no space or bracket: the search stops at the first, so a text of
            // many `[` is read once.
            let reference = label
                .find(|c: char| c == ']' || c == '[' || c.is_whitespace())
                .filter(|&end| end > 0 && label[end..].starts_with("]_"));
            if let Some(end) = reference {
                out.push_str(rest[..at].trim_end());
                rest = label[end + 2..].trim_start_matches('_');
                continue;
            }
            out.push_str(&rest[..=at]);
            rest = &tail[1..];
            continue;
        }
        // `word_` or `word__` before the end, a space or punctuation other than `_`.
        let underscores = tail.len() - tail.trim_start_matches('_').len();
        let after = tail[underscores..].chars().next();
        let word_before = rest[..at]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric);
        out.push_str(&rest[..at]);
        if !(word_before && underscores <= 2 && after.is_none_or(|c| !c.is_alphanumeric())) {
            out.push_str(&tail[..underscores]);
        }
        rest = &tail[underscores..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_and_underscores_in_words() {
        assert_eq!(
            inline("snake_case and Rapallo_ and a__b"),
            "snake_case and Rapallo and a__b"
        );
        assert_eq!(inline("see [1]_ and [note]"), "see and [note]");
        assert_eq!(
            inline("`<https://x.org>`_ and `a`:sup: \\*"),
            "https://x.org and a *"
        );
        assert_eq!(inline("unclosed `quote"), "unclosed `quote");
        // Many marks without their pairs are read once.
        let brackets = "[a".repeat(50_000) + "]";
        assert!(without_references(&brackets) == brackets);
        let roles = "`a`:".repeat(50_000);
        assert!(quoted(&roles) == "a:".repeat(50_000));
    }
}

//! Web pages saved by Word ("Web Page", "Web Page, Filtered"), as a document's `.htm`
//! often is: what Word writes there for browsers other than its own is not the
//! document's text.

use std::borrow::Cow;

/// Where a fallback for other browsers starts, and where it ends.
const FALLBACK: &str = "<![if !";
const FALLBACK_END: &str = "<![endif]>";

/// `html` without Word's fallbacks for other browsers, written between `<![if !…]>` and
/// `<![endif]>` (an HTML parser reads what stands between as text): a list item's bullet
/// or number (`·`, in the Symbol font), a footnote's mark (`[1]`), an empty paragraph's
/// space, a drawing's picture.
pub(super) fn without_word_fallbacks(html: &str) -> Cow<'_, str> {
    if !html.contains(FALLBACK) {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(open) = rest.find(FALLBACK) {
        let Some(length) = rest[open..].find(FALLBACK_END) else {
            break;
        };
        out.push_str(&rest[..open]);
        rest = &rest[open + length + FALLBACK_END.len()..];
    }
    out.push_str(rest);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_fallbacks_are_left_out_and_the_rest_kept() {
        let html = "<p><![if !supportLists]><span style='font-family:Symbol'>·<span>&nbsp; \
                    </span></span><![endif]><i>A World Restored</i></p><p>Signed.<a href=\
                    \"#_ftn1\"><![if !supportFootnotes]>[1]<![endif]></a></p><p>a <![if !x]> b";
        assert_eq!(
            without_word_fallbacks(html),
            "<p><i>A World Restored</i></p><p>Signed.<a href=\"#_ftn1\"></a></p><p>a <![if !x]> b"
        );
        assert!(matches!(
            without_word_fallbacks("<p>plain</p>"),
            Cow::Borrowed(_)
        ));
    }
}

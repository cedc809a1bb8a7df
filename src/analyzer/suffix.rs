//! A word's ending, as the light stemmers of our own (Bulgarian's, Latvian's) read and
//! change it: the word as its characters.

/// Whether `w` ends with `end`.
pub(super) fn ends(w: &[char], end: &str) -> bool {
    let n = end.chars().count();
    w.len() >= n && w[w.len() - n..].iter().copied().eq(end.chars())
}

/// Take `end` off `w` if it ends so.
pub(super) fn strip(w: &mut Vec<char>, end: &str) -> bool {
    replace(w, end, "")
}

/// Put `with` in place of `end` if `w` ends so.
pub(super) fn replace(w: &mut Vec<char>, end: &str, with: &str) -> bool {
    if !ends(w, end) {
        return false;
    }
    w.truncate(w.len() - end.chars().count());
    w.extend(with.chars());
    true
}

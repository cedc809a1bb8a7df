//! A word's ending, as the light stemmers of our own (Bulgarian's, Latvian's, Slovene's,
//! Macedonian's, Belarusian's) read and change it: the word as its characters.

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

/// `w` without the first of `endings` it ends with that leaves `least` letters or more;
/// `None` where none does.
pub(super) fn without_first(w: &[char], endings: &[&str], least: usize) -> Option<String> {
    let end =
        (endings.iter()).find(|end| ends(w, end) && w.len() >= end.chars().count() + least)?;
    Some(w[..w.len() - end.chars().count()].iter().collect())
}

/// Panics unless each of `endings` comes before any other it ends with, as
/// [`without_first`] needs them to take the longest.
#[cfg(test)]
pub(super) fn assert_longer_first(endings: &[&str]) {
    for (i, longer) in endings.iter().enumerate() {
        for shorter in &endings[..i] {
            assert!(!longer.ends_with(shorter), "{longer} after {shorter}");
        }
    }
}

/// Panics unless `stem` gives each word of a group of `groups` the group's one stem: a
/// light stemmer's test that a word's forms meet.
#[cfg(test)]
pub(super) fn assert_forms_share_a_stem(stem: fn(&str) -> String, groups: &[&[&str]]) {
    for forms in groups {
        let stems: Vec<String> = forms.iter().map(|f| stem(f)).collect();
        assert!(stems.iter().all(|s| *s == stems[0]), "{forms:?}: {stems:?}");
    }
}

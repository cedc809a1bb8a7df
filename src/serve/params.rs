//! Query-string parameters of the HTTP API, decoded strictly and validated into the same
//! [`SearchOptions`] the command line builds. Every failure is a message for a 400 answer.

use crate::error::Error;
use crate::search::{BookOptions, SearchOptions, MAX_OFFSET};

/// Longest query accepted, in bytes.
pub const MAX_QUERY_BYTES: usize = 1024;

/// Most hits one request returns: `limit` runs from 1 to this; anything else is a 400,
/// like a `limit` of 0, rather than quietly becoming another number.
pub const MAX_API_LIMIT: usize = 100;

/// Decode `a=1&b=x+y` into pairs. Bad percent-encoding, or bytes that are not UTF-8, are
/// errors rather than being passed on mangled.
pub fn decode_query_string(raw: &str) -> Result<Vec<(String, String)>, String> {
    raw.split('&')
        .filter(|part| !part.is_empty())
        .map(|part| {
            let (key, value) = part.split_once('=').unwrap_or((part, ""));
            Ok((percent_decode(key)?, percent_decode(value)?))
        })
        .collect()
}

fn percent_decode(text: &str) -> Result<String, String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = bytes
                    .get(i + 1..i + 3)
                    .and_then(|h| std::str::from_utf8(h).ok())
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
                    .ok_or_else(|| {
                        format!("malformed percent-encoding in the query string near {text:?}")
                    })?;
                out.push(hex);
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).map_err(|_| "the query string is not valid UTF-8".to_string())
}

/// Every parameter is one of `known` and given once: a typo (`limt=5`) or a second `q`
/// is an error naming it, not silently ignored.
pub fn check_names(pairs: &[(String, String)], known: &[&str]) -> Result<(), String> {
    for (i, (name, _)) in pairs.iter().enumerate() {
        if !known.contains(&name.as_str()) {
            return Err(format!(
                "unknown parameter {name:?}; this endpoint takes {}",
                known.join(", ")
            ));
        }
        if pairs[..i].iter().any(|(earlier, _)| earlier == name) {
            return Err(format!("parameter {name:?} is given more than once"));
        }
    }
    Ok(())
}

/// The parameters `/search` takes.
pub const SEARCH_PARAMS: &[&str] = &[
    "q", "limit", "offset", "kind", "year", "group", "exact", "expand", "lang", "timeline",
    "explain",
];

/// The value of parameter `name`, if given.
pub fn param<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// The query text: present, not blank, at most [`MAX_QUERY_BYTES`].
pub fn query_text(pairs: &[(String, String)]) -> Result<String, String> {
    let q = param(pairs, "q").unwrap_or_default();
    if q.trim().is_empty() {
        return Err("missing query: pass q=…".into());
    }
    if q.len() > MAX_QUERY_BYTES {
        return Err(format!(
            "the query is {} bytes long; at most {MAX_QUERY_BYTES} are accepted",
            q.len()
        ));
    }
    Ok(q.to_string())
}

/// The optional `q` of `/suggest` and `/article`, the only parameter they take, at most
/// [`MAX_QUERY_BYTES`].
pub fn optional_query(raw: &str) -> Result<Option<String>, String> {
    let pairs = decode_query_string(raw)?;
    check_names(&pairs, &["q"])?;
    let q = param(&pairs, "q").map(str::to_string);
    if q.as_ref().is_some_and(|q| q.len() > MAX_QUERY_BYTES) {
        return Err(format!("the query is longer than {MAX_QUERY_BYTES} bytes"));
    }
    Ok(q)
}

/// Search options from `limit`, `offset`, `kind`, `year`, `lang`, `group`, `exact`,
/// `expand` and `timeline`.
pub fn search_options(pairs: &[(String, String)]) -> Result<SearchOptions, String> {
    let mut options = SearchOptions::default();
    options.limit = limit(pairs, options.limit)?;
    if let Some(offset) = param(pairs, "offset") {
        options.offset = offset
            .parse()
            .ok()
            .filter(|&o| o <= MAX_OFFSET)
            .ok_or_else(|| {
                format!("offset must be a whole number from 0 to {MAX_OFFSET}, not {offset:?}")
            })?;
    }
    if let Some(kind) = param(pairs, "kind").filter(|k| !k.is_empty()) {
        options.kind = kind.parse().map_err(api_message)?;
    }
    if let Some(year) = param(pairs, "year").filter(|y| !y.is_empty()) {
        options.years = year.parse().map_err(api_message)?;
    }
    if let Some(lang) = param(pairs, "lang").filter(|l| !l.is_empty()) {
        options.lang = Some(crate::search::parse_lang("lang", lang).map_err(api_message)?);
    }
    options.group = flag(pairs, "group")?;
    options.exact = flag(pairs, "exact")?;
    options.expand = flag(pairs, "expand")?;
    options.explain = flag(pairs, "explain")?;
    // `timeline=true` (or no value) chooses the bucket; `timeline=decade` names it.
    options.timeline = match param(pairs, "timeline") {
        None | Some("false" | "0") => None,
        Some(bucket) => Some(bucket.parse().map_err(api_message)?),
    };
    options.validate().map_err(api_message)?;
    Ok(options)
}

/// The parameters `/books` takes.
pub const BOOKS_PARAMS: &[&str] = &["q", "author", "with", "limit"];

/// Book listing options from `author`, `with` and `limit` (1 to [`MAX_API_LIMIT`],
/// default 20); unknown or repeated parameters are errors.
pub fn book_options(pairs: &[(String, String)]) -> Result<BookOptions, String> {
    check_names(pairs, BOOKS_PARAMS)?;
    if param(pairs, "q").is_some_and(|q| q.len() > MAX_QUERY_BYTES) {
        return Err(format!("the query is longer than {MAX_QUERY_BYTES} bytes"));
    }
    let text = |name| {
        param(pairs, name)
            .filter(|v| !v.trim().is_empty())
            .map(str::to_string)
    };
    Ok(BookOptions {
        author: text("author"),
        with: text("with"),
        limit: limit(pairs, 20)?,
    })
}

/// The parameters `/related` takes.
pub const RELATED_PARAMS: &[&str] = &["id", "limit"];

/// What `/related` is asked: the article (`id`, optionally with `#SECTION`) and how
/// many to list (`limit`, default 10).
pub fn related_request(pairs: &[(String, String)]) -> Result<(String, usize), String> {
    check_names(pairs, RELATED_PARAMS)?;
    let id = param(pairs, "id").unwrap_or_default();
    if id.trim().is_empty() {
        return Err("missing article: pass id=ID or id=ID#SECTION".into());
    }
    if id.len() > MAX_QUERY_BYTES {
        return Err(format!("the id is longer than {MAX_QUERY_BYTES} bytes"));
    }
    Ok((id.to_string(), limit(pairs, 10)?))
}

/// `limit`, from 1 to [`MAX_API_LIMIT`], or `default` when not given.
fn limit(pairs: &[(String, String)], default: usize) -> Result<usize, String> {
    let Some(limit) = param(pairs, "limit") else {
        return Ok(default);
    };
    limit
        .parse()
        .ok()
        .filter(|l| (1..=MAX_API_LIMIT).contains(l))
        .ok_or_else(|| {
            format!("limit must be a whole number from 1 to {MAX_API_LIMIT}, not {limit:?}")
        })
}

fn flag(pairs: &[(String, String)], name: &str) -> Result<bool, String> {
    match param(pairs, name) {
        None | Some("false" | "0") => Ok(false),
        Some("" | "true" | "1") => Ok(true),
        Some(other) => Err(format!(
            "{name} must be true or false (or 1 or 0), not {other:?}"
        )),
    }
}

/// A library error as the API says it: options by their parameter name, not their flag.
pub fn api_message(error: Error) -> String {
    match error {
        Error::InvalidOption { option, message } => {
            let name = option.trim_start_matches("--").to_lowercase();
            format!("invalid {name}: {message}")
        }
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_decoding_is_strict() {
        let pairs = decode_query_string("q=red+army%20%C3%A9&kind=reading").unwrap();
        assert_eq!(param(&pairs, "q"), Some("red army é"));
        assert_eq!(param(&pairs, "kind"), Some("reading"));
        for bad in ["q=%", "q=%4", "q=%zz", "q=%FF"] {
            assert!(decode_query_string(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn options_are_validated_with_parameter_names() {
        let opts = |qs: &str| search_options(&decode_query_string(qs).unwrap());
        assert_eq!(opts("limit=100").unwrap().limit, MAX_API_LIMIT);
        assert!(opts("limit=101").is_err());
        let pairs = decode_query_string("q=a&q=b").unwrap();
        assert!(check_names(&pairs, SEARCH_PARAMS)
            .unwrap_err()
            .contains("more than once"));
        let pairs = decode_query_string("q=a&limt=3").unwrap();
        assert!(check_names(&pairs, SEARCH_PARAMS)
            .unwrap_err()
            .contains("limt"));
        assert_eq!(opts("").unwrap(), SearchOptions::default());
        let o = opts("kind=reading&year=1900..1950&group=true&exact=1&offset=5").unwrap();
        assert!(o.group && o.exact);
        assert_eq!(o.offset, 5);
        assert_eq!(o.years.from, Some(1900));
        for (qs, needle) in [
            ("limit=0", "limit"),
            ("limit=ten", "limit"),
            ("offset=-1", "offset"),
            ("kind=poems", "invalid kind"),
            ("year=19x0", "invalid year"),
            ("group=maybe", "group"),
        ] {
            let err = opts(qs).unwrap_err();
            assert!(err.contains(needle), "{qs}: {err}");
            assert!(!err.contains("--"), "{qs}: {err}");
        }
    }

    #[test]
    fn query_text_is_required_and_bounded() {
        let q = |qs: &str| query_text(&decode_query_string(qs).unwrap());
        assert_eq!(q("q=rapallo").unwrap(), "rapallo");
        assert!(q("").is_err());
        assert!(q("q=+++").is_err());
        assert!(q(&format!("q={}", "a".repeat(MAX_QUERY_BYTES + 1))).is_err());
        assert!(q(&format!("q={}", "a".repeat(MAX_QUERY_BYTES))).is_ok());
    }
}

//! The cover sheet JSTOR puts before every article it gives out: the article's title, its
//! `Author(s):`, `Source:` and `Stable URL:`, then JSTOR's terms of use. It names the
//! article well, but its terms are no text of the article: left in, every article from
//! JSTOR was found by `scholars`, `archive` or `terms`.

/// What a cover sheet says of its article.
#[derive(Debug, PartialEq)]
pub(super) struct Cover {
    pub title: Option<String>,
    pub authors: Vec<String>,
}

/// The cover sheet that `page` (a PDF's first page) is, if it is one: it gives a JSTOR
/// `Stable URL:` and JSTOR's terms.
pub(super) fn jstor(page: &str) -> Option<Cover> {
    let terms = page.contains("JSTOR is a not-for-profit service")
        || page.contains("Your use of the JSTOR archive");
    if !terms || !page.contains("Stable URL:") {
        return None;
    }
    let lines: Vec<&str> = page.lines().map(str::trim).collect();
    let field_at = |name: &str| lines.iter().position(|l| l.starts_with(name));
    let by = field_at("Author(s):").or_else(|| field_at("Review by:"));
    let source = field_at("Source:");
    // The title: the lines before the first field.
    let first_field = [by, source, field_at("Stable URL:")]
        .into_iter()
        .flatten()
        .min()?;
    let title = lines[..first_field]
        .iter()
        .filter(|l| !l.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" ");
    let authors = by
        .and_then(|at| lines[at].split_once(':'))
        .map(|(_, names)| super::text::names_listed(names))
        .unwrap_or_default();
    Some(Cover {
        title: (!title.is_empty()).then_some(title),
        authors,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_jstor_cover_names_its_article() {
        let page = "Russia and the Weimar Republic:\nThe Treaty of Rapallo\n\
            Author(s): Carole Fink, Harold Nicolson and E. H. Carr\n\
            Source: The Journal of Modern History, Vol. 58, No. 1 (Mar., 1986), pp. 1-20\n\
            Published by: The University of Chicago Press\n\
            Stable URL: http://www.jstor.org/stable/1881234\n\
            Accessed: 09/05/2014 19:50\n\n\
            Your use of the JSTOR archive indicates your acceptance of the Terms & Conditions \
            of Use, available at http://www.jstor.org/page/info/about/policies/terms.jsp\n\n\
            JSTOR is a not-for-profit service that helps scholars, researchers, and students.\n";
        assert_eq!(
            jstor(page),
            Some(Cover {
                title: Some("Russia and the Weimar Republic: The Treaty of Rapallo".into()),
                authors: vec![
                    "Carole Fink".into(),
                    "Harold Nicolson".into(),
                    "E. H. Carr".into()
                ],
            })
        );
    }

    #[test]
    fn a_page_that_only_mentions_jstor_is_no_cover() {
        assert_eq!(jstor("The article is on JSTOR. Stable URL: x\n"), None);
        assert_eq!(
            jstor("JSTOR is a not-for-profit service that helps scholars.\n"),
            None
        );
    }
}

//! Notes written in Org mode, reStructuredText and AsciiDoc: titles, sections, dates and
//! reading lists read from their markup, and the markup itself never searched or shown.

use crate::util::{pairs, TestEnv};

#[test]
fn org_rst_and_asciidoc_notes_are_articles_with_sections_and_books() {
    let env = TestEnv::new();
    env.write(
        "byzantium/constantinople.org",
        "#+TITLE: The Fall of Constantinople\n#+DATE: <1453-05-29 Tue>\n#+FILETAGS: :ottoman:\n\n\
         * TODO The walls :siege:\n:PROPERTIES:\n:CUSTOM_ID: walls\n:END:\n\
         Mehmed II brought /Orban's/ cannon against the Theodosian walls.\n\n\
         * Further reading\n- Runciman, Steven. /The Fall of Constantinople 1453/. 1965.\n",
    );
    env.write(
        "lepanto.rst",
        "=====================\nThe Battle of Lepanto\n=====================\n\n\
         :Date: 7 October 1571\n\n\
         Background\n----------\n\nThe `Holy League <https://example.org>`_ met the \
         Ottoman fleet [#]_.\n\n.. image:: galleys.png\n   :alt: oarsmen\n\n\
         .. [#] Off Greece.\n\n\
         Further reading\n---------------\n\n* Crowley, Roger. *Empires of the Sea*. 2008.\n",
    );
    env.write(
        "berlin.adoc",
        "= The Congress of Berlin\nJane Doe <jane@example.org>\n:keywords: balkans\n\n\
         == Background\n\nThe https://example.org/stefano[Treaty of San Stefano] alarmed \
         the powers.\n\n////\nprivate draft notes\n////\n\n\
         == Further reading\n\n* Jelavich, Barbara. _History of the Balkans_. 1983.\n",
    );
    let run = env.ok(&["index"]);
    assert!(run.stdout().contains("3 added"), "{}", run.stdout());
    assert!(!run.stdout().contains("unknown type"), "{}", run.stdout());

    let walls = env.search_json(&["theodosian"]);
    let hit = &walls["hits"][0];
    assert_eq!(hit["title"], "The Fall of Constantinople", "{walls}");
    assert_eq!(hit["heading"], "The walls", "{walls}");
    assert_eq!(hit["year"], 1453, "{walls}");
    assert_eq!(
        hit["text"],
        "Mehmed II brought Orban's cannon against the Theodosian walls."
    );
    let league = env.search_json(&["holy", "league"]);
    assert_eq!(
        league["hits"][0]["title"], "The Battle of Lepanto",
        "{league}"
    );
    assert_eq!(league["hits"][0]["heading"], "Background", "{league}");
    assert_eq!(
        league["hits"][0]["text"],
        "The Holy League met the Ottoman fleet.\nOff Greece."
    );
    let stefano = env.search_json(&["stefano"]);
    assert_eq!(
        stefano["hits"][0]["path"], "corpus/berlin.adoc",
        "{stefano}"
    );
    assert_eq!(
        stefano["hits"][0]["text"],
        "The Treaty of San Stefano alarmed the powers."
    );

    // The books of the three reading lists, with their authors.
    let books = env.ok(&["books", "--json"]).json();
    let mut listed = pairs(&books["books"], "title", "author");
    listed.sort();
    assert_eq!(
        listed,
        [
            (
                "Empires of the Sea".to_string(),
                "Roger Crowley".to_string()
            ),
            (
                "History of the Balkans".to_string(),
                "Barbara Jelavich".to_string()
            ),
            (
                "The Fall of Constantinople 1453".to_string(),
                "Steven Runciman".to_string()
            ),
        ],
        "{books}"
    );
    // Markup, drawers, comments, addresses and pictures are not text.
    for word in [
        "todo",
        "custom_id",
        "siege",
        "galleys",
        "oarsmen",
        "private",
        "example",
    ] {
        assert_eq!(env.search_json(&[word])["total"], 0, "{word}");
    }
}

#[test]
fn a_latex_article_is_read_as_its_sections_and_bibliography() {
    let env = TestEnv::new();
    env.write(
        "rapallo.tex",
        r#"\documentclass{article}
\usepackage[english]{babel}
\title{The Treaty of Rapallo}
\author{Anna Schmidt \and Hans M\"uller}
\begin{document}
\maketitle
\section{Background}\label{sec:background}
In April 1922 Rathenau and Chicherin met at Rapallo\footnote{A resort near Genoa.}
during the \emph{Genoa Conference}~\cite{fink1984}. % a remark to ourselves
\begin{equation} x^2 \end{equation}
\begin{thebibliography}{9}
\bibitem{fink1984} Fink, Carole. \emph{The Genoa Conference}. Chapel Hill, 1984.
\end{thebibliography}
\end{document}
"#,
    );
    env.ok(&["index", "--quiet"]);
    let found = env.search_json(&["chicherin"]);
    let hit = &found["hits"][0];
    assert_eq!(hit["title"], "The Treaty of Rapallo");
    assert_eq!(hit["heading"], "Background");
    assert_eq!(
        hit["authors"],
        serde_json::json!(["Anna Schmidt", "Hans Müller"])
    );
    assert_eq!(
        hit["text"],
        "In April 1922 Rathenau and Chicherin met at Rapallo during the Genoa Conference ."
    );
    // Footnotes, comments, labels and citation marks are no text.
    for absent in ["resort", "remark", "fink1984", "sec"] {
        let hits = env.search_json(&[absent, "--kind", "section", "--exact"]);
        assert_eq!(hits["total"], 0, "{absent}: {hits}");
    }
    let books = env.ok(&["books", "--json"]).json();
    assert_eq!(books["books"][0]["title"], "The Genoa Conference");
    assert_eq!(books["books"][0]["author"], "Carole Fink");
}

use super::*;

const ARTICLE: &str = r#"\documentclass[12pt]{article}
\usepackage[english,ngerman]{babel}
\usepackage{hyperref}
% \title{A commented title}
\title{Der Vertrag von Rapallo\thanks{Revised 2020.}}
\author{Anna Schmidt \and Hans M\"uller}
\begin{document}
\maketitle
\begin{abstract}
Eine Studie \"uber den Vertrag.
\end{abstract}

\section{Einleitung}\label{sec:intro}
Am 16.~April 1922 unterzeichneten Rathenau und Tschitscherin den Vertrag\footnote{Siehe
Fink 1984.} in \emph{Rapallo}~\cite{fink1984}. Die Kosten betrugen 50\% --- so hie\ss{} es.

Ein zweiter Absatz mit $x^2 + y$ Mathematik.
\begin{equation}
E = mc^2
\end{equation}

\subsection*{Die Delegationen}
\begin{itemize}
  \item Deutschland: Walther Rathenau
  \item[b)] Sowjetrussland: Georgi Tschitscherin
\end{itemize}
\begin{description}
  \item[Rapallo] ein Kurort
\end{description}
\begin{figure}[h]
  \includegraphics{map.png}
  \caption{Karte von Genua}
\end{figure}

\begin{thebibliography}{9}
\bibitem{fink1984} Fink, Carole. \emph{The Genoa Conference}. Chapel Hill, 1984.
\end{thebibliography}
\end{document}
"#;

#[test]
fn an_article_is_read_as_its_sections_lists_and_bibliography() {
    let outline = parse(ARTICLE);
    assert_eq!(outline.title.as_deref(), Some("Der Vertrag von Rapallo"));
    assert_eq!(outline.authors, ["Anna Schmidt", "Hans Müller"]);
    assert_eq!(outline.lang, Some("de"));
    assert_eq!(
        outline.heading_paths(),
        [
            "",
            "Einleitung",
            "Einleitung › Die Delegationen",
            "References"
        ]
    );
    let texts = outline.block_texts();
    assert_eq!(texts[0], ["Eine Studie über den Vertrag."]);
    assert_eq!(
        texts[1],
        [
            "Am 16. April 1922 unterzeichneten Rathenau und Tschitscherin den Vertrag in \
             *Rapallo* . Die Kosten betrugen 50% — so hieß es.",
            "Ein zweiter Absatz mit Mathematik."
        ]
    );
    assert_eq!(
        texts[2],
        [
            "Deutschland: Walther Rathenau",
            "Sowjetrussland: Georgi Tschitscherin",
            "Rapallo ein Kurort",
            "Karte von Genua"
        ]
    );
    assert!(matches!(outline.sections[2].1[0], Block::ListItem(_)));
    assert!(matches!(outline.sections[2].1[3], Block::Paragraph(_)));
    assert_eq!(
        texts[3],
        ["Fink, Carole. *The Genoa Conference*. Chapel Hill, 1984."]
    );
}

#[test]
fn accents_quotes_and_dashes_are_their_characters() {
    assert_eq!(
        inline::text(r#"\'{e}t\'e, \c{c}a, \v Sk\"{o}ln, {\o}re, \'{\i}, ``quoted'' 1914--1918"#),
        "été, ça, Šköln, øre, í, “quoted” 1914–1918"
    );
    assert_eq!(
        inline::text(
            r"\textbf{bold} \href{http://x.org}{the site} \url{x.org} \S 3, \S~3 \unknown{Joe}{joe@x.org}"
        ),
        "bold the site x.org §3, § 3 Joe joe@x.org"
    );
}

#[test]
fn a_source_without_a_document_environment_is_read_whole() {
    let outline = parse("\\chapter{One}\nText.\n\\section[Short]{Two}\nMore.");
    // One division from its start: its title.
    assert_eq!(outline.title.as_deref(), Some("One"));
    assert_eq!(outline.heading_paths(), ["", "Two"]);
    let outline = parse("Lead.\n\n\\section{One}\nText.\n\\section{Two}\nMore.");
    assert_eq!(outline.title, None);
    assert_eq!(outline.heading_paths(), ["", "One", "Two"]);
}

#[test]
fn unclosed_braces_and_brackets_cost_no_more_than_text() {
    let many = "\\section{\\item[\\emph{$".repeat(50_000);
    let outline = parse(&many);
    assert!(outline.sections.len() <= 2);
    let preamble = format!("{}\\begin{{document}}x", "\\usepackage[".repeat(100_000));
    assert_eq!(parse(&preamble).lang, None);
    // Commands nested in commands' arguments without end: the stack stays bounded.
    let nested = format!("{}x{}", "\\emph{".repeat(50_000), "}".repeat(50_000));
    assert_eq!(inline::text(&nested).replace('*', ""), "");
    let shallow = format!("{}x{}", "\\textbf{\\emph{".repeat(2), "}}".repeat(2));
    assert_eq!(inline::text(&shallow), "**x**");
    let braces = "{".repeat(200_000);
    assert_eq!(inline::text(&braces), "");
}

//! What historians ask of a search besides the timeline (`timeline.rs`): books across the
//! corpus, why a hit ranks, related articles, dates as they are written.

use crate::util::{article, book_titles, pairs, TestEnv};

/// A copy of the shipped corpus.
fn shipped() -> TestEnv {
    let env = TestEnv::new();
    for name in [
        "001_congress_of_vienna.txt",
        "004_berlin_conference.txt",
        "005_treaty_of_versailles.txt",
        "007_locarno_treaties.txt",
        "008_suez_crisis.txt",
        "010_fall_of_the_berlin_wall.txt",
    ] {
        let text = std::fs::read(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("corpus")
                .join(name),
        )
        .unwrap();
        env.write(name, text);
    }
    env
}

#[test]
fn books_are_counted_across_the_shipped_corpus() {
    let env = shipped();
    let list = env.ok(&["books", "--json"]).json();
    let first = &list["books"][0];
    assert_eq!(first["title"], "Diplomacy");
    assert_eq!(first["author"], "Henry Kissinger");
    assert_eq!(first["cited"], 4);
    let ids: Vec<&str> = first["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "001_congress_of_vienna",
            "004_berlin_conference",
            "008_suez_crisis",
            "010_fall_of_the_berlin_wall"
        ]
    );
    assert_eq!(list["books"][1]["author"], "Zara Steiner");
    assert_eq!(list["books"][1]["cited"], 2);

    let human = env.ok(&["books", "-n", "1"]).stdout();
    assert!(
        human.starts_with(
            " 1. Diplomacy — Henry Kissinger  (4 articles)\n    Redrawing Europe at the \
             Congress of Vienna  001_congress_of_vienna\n"
        ),
        "{human}"
    );
    assert!(human.contains("1–1 of "), "{human}");

    let steiner = env.ok(&["books", "--author", "steiner", "--json"]).json();
    assert_eq!(steiner["total"], 1);
    let suez = env.ok(&["books", "suez", "--json"]).json();
    let titles = book_titles(&suez);
    assert!(
        titles.contains(&"Suez 1956: The Inside Story of the First Oil War"),
        "{titles:?}"
    );
    assert!(!titles.contains(&"The Scramble for Africa"), "{titles:?}");
    assert_eq!(env.run(&["books", "-n", "0"]).code(), 2);
}

#[test]
fn a_reading_list_written_a_book_a_line_gives_its_books() {
    let env = TestEnv::new();
    env.write(
        "vienna.txt",
        "The Congress of Vienna\n\nThe powers met in 1814 to settle Europe.\n\n\
         Further reading\n\nA World Restored by Henry Kissinger\n\
         The Transformation of European Politics, by Paul Schroeder (Oxford, 1994)\n\
         This classic account was written by Henry Kissinger.\n",
    );
    env.write(
        "genoa.md",
        "# Genoa\n\nThe conference met in 1922.\n\n## Bibliography\n\n\
         Genoa, Rapallo, and European Reconstruction in 1922, edited by Carole Fink\n\n\
         - Hobsbawm, E. J. The Age of Revolution. London: Weidenfeld, 1962.\n",
    );
    env.ok(&["index", "--quiet"]);
    let books = env.ok(&["books", "--json"]).json();
    let mut found = pairs(&books["books"], "title", "author");
    found.sort();
    assert_eq!(
        found,
        [
            (
                "A World Restored".to_string(),
                "Henry Kissinger".to_string()
            ),
            (
                "Genoa, Rapallo, and European Reconstruction in 1922".into(),
                "Carole Fink".into()
            ),
            ("The Age of Revolution".into(), "E. J. Hobsbawm".into()),
            (
                "The Transformation of European Politics".into(),
                "Paul Schroeder".into()
            ),
        ],
        "{books}"
    );
}

#[test]
fn bibliographies_of_every_style_give_each_book_its_author() {
    let env = TestEnv::new();
    env.write(
        "thirty.md",
        "# The Thirty Years War\n\nThe war began in 1618.\n\n## Further reading\n\n\
         - C. V. Wedgwood, The Thirty Years War (1938)\n\
         - Ronald G. Asch. The Thirty Years War: The Holy Roman Empire and Europe, 1618–48. New York: St. Martin's Press, 1997.\n\
         - Helfferich, Tryntje, ed. (2009). The Thirty Years War: A Documentary History. Indianapolis: Hackett.\n\
         - Sutherland, N. M. \"The Origins of the Thirty Years War.\" *The English Historical Review* 107 (1992): 587–625.\n\
         - Smith, John; Jones, Mary (2001). The Habsburg Wars. Oxford University Press.\n\
         - DUBY, Georges, Le Dimanche de Bouvines, Paris, Gallimard, 1973.\n\
         - Schmidt, Georg: Die Reiter der Apokalypse. München 2018.\n",
    );
    env.write(
        "westphalia.txt",
        "Westphalia\nThe peace was made in 1648 at Münster and Osnabrück.\nBibliography\n\
         [1] Croxton, Derek. Westphalia: The Last Christian Peace. Palgrave, 2013.\n\
         [2] Derek Croxton and Anuschka Tischer, \"The Peace of Westphalia: A Historical Dictionary\" (2002)\n",
    );
    env.ok(&["index", "--quiet"]);
    let books = env.ok(&["books", "--json"]).json();
    let mut found = pairs(&books["books"], "title", "author");
    found.sort();
    let expected = [
        ("Die Reiter der Apokalypse", "Georg Schmidt"),
        (
            "The Peace of Westphalia: A Historical Dictionary",
            "Derek Croxton and Anuschka Tischer",
        ),
        ("Le Dimanche de Bouvines", "Georges Duby"),
        ("The Habsburg Wars", "John Smith and Mary Jones"),
        ("The Origins of the Thirty Years War", "N. M. Sutherland"),
        ("The Thirty Years War", "C. V. Wedgwood"),
        (
            "The Thirty Years War: A Documentary History",
            "Tryntje Helfferich",
        ),
        (
            "The Thirty Years War: The Holy Roman Empire and Europe, 1618–48",
            "Ronald G. Asch",
        ),
        ("Westphalia: The Last Christian Peace", "Derek Croxton"),
    ];
    let mut expected: Vec<(String, String)> = expected
        .iter()
        .map(|(t, a)| (t.to_string(), a.to_string()))
        .collect();
    expected.sort();
    assert_eq!(found, expected, "{books}");
}

#[test]
fn co_citation_lists_the_books_cited_beside_one() {
    let env = TestEnv::new();
    let list = |books: &[&str]| -> String {
        let mut text = String::from("Further Reading\n");
        for book in books {
            text.push_str(&format!("- {book}\n"));
        }
        text
    };
    let write = |name: &str, books: &[&str]| {
        env.write(
            &format!("{name}.txt"),
            format!(
                "{name}\nAbout {name}, which happened in 1900.\n{}",
                list(books)
            ),
        );
    };
    write(
        "alpha",
        &[
            "Diplomacy by Henry Kissinger",
            "World Order by Henry Kissinger",
            "The Guns of August by Barbara Tuchman",
        ],
    );
    write(
        "beta",
        &[
            "diplomacy by Henry Kissinger",
            "World Order by Henry Kissinger",
        ],
    );
    write("gamma", &["The Guns of August by Barbara Tuchman"]);
    write("delta", &["Diplomacy by Henry Kissinger"]);
    let beside = env.ok(&["books", "--with", "Diplomacy", "--json"]).json();
    assert_eq!(beside["with"]["title"], "Diplomacy");
    assert_eq!(beside["with"]["cited"], 3);
    let pairs: Vec<(&str, u64)> = beside["books"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            (
                b["title"].as_str().unwrap(),
                b["together"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(pairs, [("World Order", 2), ("The Guns of August", 1)]);
    let human = env.ok(&["books", "--with", "the diplomacy"]).stdout();
    assert!(
        human.starts_with(
            "Cited beside Diplomacy — Henry Kissinger (3 articles):\n\n 1. World Order"
        ),
        "{human}"
    );
    let none = env.ok(&["books", "--with", "Nothing Like It"]).stdout();
    assert_eq!(none, "No book titled \"Nothing Like It\".\n");
}

#[cfg(feature = "server")]
#[test]
fn the_api_lists_books() {
    let env = shipped();
    env.ok(&["index", "--quiet"]);
    let server = crate::server::Server::start(&env, &["--quiet"]);
    let (status, list) = server.get("/books?limit=1");
    assert_eq!(status, 200);
    assert_eq!(list["books"][0]["title"], "Diplomacy");
    assert_eq!(list["books"].as_array().unwrap().len(), 1);
    let (status, with) = server.get("/books?with=diplomacy&author=tunzelmann");
    assert_eq!(status, 200);
    assert_eq!(with["with"]["title"], "Diplomacy");
    assert_eq!(with["books"][0]["together"], 1);
    let (status, error) = server.get("/books?limit=0");
    assert_eq!(status, 400, "{error}");
    let (status, error) = server.get("/books?bogus=1");
    assert_eq!(status, 400);
    assert!(
        error["error"].as_str().unwrap().contains("bogus"),
        "{error}"
    );
}

/// Checks that every "sum of" node of `node` adds up its details and every "max of" node
/// is their maximum; returns how many nodes it checked.
fn check_explanation(node: &serde_json::Value) -> usize {
    let value = node["value"].as_f64().unwrap();
    let details: Vec<f64> = node["details"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|d| d["value"].as_f64().unwrap())
        .collect();
    let description = node["description"].as_str().unwrap();
    let mut checked = 0;
    if description.contains("sum of") {
        let sum: f64 = details.iter().sum();
        assert!(
            (sum - value).abs() < 1e-4,
            "{value} ≠ Σ {details:?}: {node}"
        );
        checked += 1;
    }
    if description.starts_with("max of") || description.starts_with("matched") {
        let max = details.iter().cloned().fold(f64::MIN, f64::max);
        assert!(
            (max - value).abs() < 1e-4,
            "{value} ≠ max {details:?}: {node}"
        );
        checked += 1;
    }
    checked
        + node["details"]
            .as_array()
            .into_iter()
            .flatten()
            .map(check_explanation)
            .sum::<usize>()
}

#[test]
fn explain_adds_up_to_every_hits_score() {
    let env = TestEnv::new();
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    for name in [
        "002_crimean_war.txt",
        "005_treaty_of_versailles.txt",
        "web/marshall_plan.html",
    ] {
        env.write(name, std::fs::read(corpus.join(name)).unwrap());
    }
    for query in [
        "treaty",
        "marshall",
        "siege sevastopol",
        "treaty peace xyzzy",
        "sevastapol",
    ] {
        let results = env.search_json(&[query, "--explain", "-n", "20"]);
        let hits = results["hits"].as_array().unwrap();
        assert!(!hits.is_empty(), "{query}");
        for hit in hits {
            let explain = &hit["explain"];
            let score = hit["score"].as_f64().unwrap();
            assert!(
                (explain["value"].as_f64().unwrap() - score).abs() < 1e-4,
                "{query}: {hit}"
            );
            assert!(check_explanation(explain) >= 2, "{query}: {explain}");
        }
    }
    let human = env
        .ok(&["search", "marshall", "--explain", "-n", "1"])
        .stdout();
    assert!(human.contains("matched every word, as written"), "{human}");
    assert!(human.contains("[body:marshal ×1]"), "{human}");
    assert!(human.contains("idf, computed as"), "{human}");
    let plain = env.search_json(&["marshall"]);
    assert!(plain["hits"][0].get("explain").is_none());
}

/// Six articles around one about the Washington Naval Conference: one shares its words and
/// a book, one only its words, one only a book, the rest neither.
fn related_corpus() -> TestEnv {
    let env = TestEnv::new();
    let write = |name: &str, title: &str, text: &str, books: &[&str]| {
        let mut content = format!("{title}\n{text}\n");
        if !books.is_empty() {
            content.push_str("Further Reading\n");
            for book in books {
                content.push_str(&format!("- {book}\n"));
            }
        }
        env.write(&format!("{name}.txt"), content);
    };
    write(
        "source",
        "The Washington Naval Conference",
        "In 1921 the naval powers met in Washington to limit battleships and cruisers. The \
         tonnage ratios of the naval treaty bound Britain, Japan and the United States.",
        &["Naval Rivalry in the Pacific by Sadao Asada"],
    );
    write(
        "both",
        "The London Naval Treaty",
        "In 1930 the naval powers met again in London: cruisers, submarines and the tonnage \
         ratios of battleships were limited once more.",
        &[
            "From Mahan to Pearl Harbor by Sadao Asada",
            "naval rivalry in the pacific by Sadao Asada",
        ],
    );
    write(
        "words",
        "Battleships after Jutland",
        "Navies built battleships and cruisers until tonnage ratios limited the naval race.",
        &[],
    );
    write(
        "books",
        "Tokyo between the wars",
        "Party politics in Tokyo and the crisis in Manchuria.",
        &["Naval Rivalry in the Pacific by Sadao Asada"],
    );
    for i in 0..4 {
        write(
            &format!("other{i}"),
            &format!("Harvests {i}"),
            "Wheat, barley and rye in the villages of the plain; a dry summer.",
            &[],
        );
    }
    env.ok(&["index", "--quiet"]);
    env
}

#[test]
fn related_puts_the_article_sharing_words_and_books_first() {
    let env = related_corpus();
    let related = env.ok(&["related", "source", "--json"]).json();
    assert_eq!(related["id"], "source");
    let found: Vec<(&str, usize, usize)> = related["related"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["id"].as_str().unwrap(),
                r["words"].as_array().unwrap().len(),
                r["books"].as_array().unwrap().len(),
            )
        })
        .collect();
    let ids: Vec<&str> = found.iter().map(|f| f.0).collect();
    assert_eq!(ids[0], "both", "{related:#}");
    assert!(found[0].1 > 0 && found[0].2 == 1, "{found:?}");
    assert!(ids.contains(&"words") && ids.contains(&"books"), "{ids:?}");
    assert!(!ids.iter().any(|id| id.starts_with("other")), "{ids:?}");
    let words = found.iter().find(|f| f.0 == "words").unwrap();
    assert!(words.1 > 0 && words.2 == 0, "{found:?}");
    let books = found.iter().find(|f| f.0 == "books").unwrap();
    assert!(books.1 == 0 && books.2 == 1, "{found:?}");
    let shown: Vec<&str> = related["related"][0]["words"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w.as_str().unwrap())
        .collect();
    assert!(
        shown.contains(&"naval") && shown.contains(&"cruisers"),
        "{shown:?}"
    );

    let human = env.ok(&["related", "source", "-n", "1"]).stdout();
    assert!(
        human.starts_with(
            "Related to The Washington Naval Conference  source\n\n 1. The London Naval Treaty \
             (1930)  both\n    similar text: "
        ),
        "{human}"
    );
    assert!(
        human.contains("    shared book: Naval Rivalry in the Pacific — Sadao Asada\n"),
        "{human}"
    );
    assert!(human.ends_with("\n1 related article\n"), "{human}");

    let sections = env
        .ok(&["related", "source#further-reading", "--json"])
        .json();
    assert_eq!(sections["section"], "Further Reading");
    let missing = env.run(&["related", "nothing-here"]);
    assert_eq!(missing.code(), 2, "{}", missing.stderr());
    assert!(
        missing.stderr().contains("nothing-here"),
        "{}",
        missing.stderr()
    );
    assert_eq!(env.run(&["related", "source", "-n", "0"]).code(), 2);
}

#[cfg(feature = "server")]
#[test]
fn the_api_and_the_article_page_list_related_articles() {
    let env = related_corpus();
    let server = crate::server::Server::start(&env, &["--quiet"]);
    let (status, related) = server.get("/related?id=source&limit=2");
    assert_eq!(status, 200, "{related}");
    assert_eq!(related["related"][0]["id"], "both");
    assert_eq!(related["related"].as_array().unwrap().len(), 2);
    let (status, error) = server.get("/related?id=nothing-here");
    assert_eq!(status, 400, "{error}");
    assert!(
        error["error"].as_str().unwrap().starts_with("invalid id:"),
        "{error}"
    );
    let (status, _) = server.get("/related");
    assert_eq!(status, 400);
    let (status, page) = server.get_text("/article/source");
    assert_eq!(status, 200);
    assert!(page.contains("<h2>Related</h2>"), "{page}");
    assert!(
        page.contains("<a href=\"/article/both\">The London Naval Treaty</a>"),
        "{page}"
    );
}

/// Articles dated as historians write dates: BC years, AD years, decades, a section with a
/// year of its own.
fn dated_corpus() -> TestEnv {
    let env = TestEnv::new();
    env.write(
        "ides.txt",
        article(
            "The Ides of March",
            "Julius Caesar was killed in the Theatre of Pompey on the Ides of March, 44 BC.",
            &[(
                "Actium",
                "In 31 BC Octavian defeated Antony and Cleopatra; Caesar was avenged.",
            )],
        ),
    );
    env.write(
        "charlemagne.txt",
        article(
            "Charlemagne",
            "Charlemagne, like Caesar before him, was crowned emperor in Rome in AD 800.",
            &[],
        ),
    );
    env.write(
        "opium.txt",
        article(
            "The First Opium War",
            "The First Opium War between Britain and the Qing began in 1839.",
            &[(
                "The Treaty of Nanking",
                "Signed in 1842, the treaty ceded Hong Kong to Britain.",
            )],
        ),
    );
    env.write(
        "jazz.txt",
        article(
            "Jazz Age diplomacy",
            "Diplomats of the 1920s signed a treaty or two between dances.",
            &[],
        ),
    );
    env.ok(&["index", "--quiet"]);
    env
}

#[test]
fn dates_as_written_are_read_from_text_and_filter_searches() {
    let env = dated_corpus();
    let years = |args: &[&str]| -> Vec<(String, i64)> {
        let results = env.search_json(args);
        results["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| {
                (
                    h["title"].as_str().unwrap().to_string(),
                    h["year"].as_i64().unwrap(),
                )
            })
            .collect()
    };
    // BC years are negative; each section has its own first year.
    let caesar = years(&["caesar"]);
    assert!(
        caesar.contains(&("The Ides of March".into(), -44)),
        "{caesar:?}"
    );
    assert!(
        caesar.contains(&("The Ides of March".into(), -31)),
        "{caesar:?}"
    );
    assert!(caesar.contains(&("Charlemagne".into(), 800)), "{caesar:?}");
    assert_eq!(
        years(&["caesar", "--year", "44 BC"]),
        [("The Ides of March".to_string(), -44)]
    );
    assert_eq!(years(&["caesar", "--year", "44 BCE"]).len(), 1);
    assert_eq!(years(&["caesar", "--year", "1st century BC"]).len(), 2);
    assert_eq!(years(&["caesar", "--year", "500 BC..AD 100"]).len(), 2);
    assert_eq!(years(&["caesar", "year:[50 BC TO AD 1000]"]).len(), 3);
    assert_eq!(
        years(&["caesar", "--year", "AD 800"]),
        [("Charlemagne".to_string(), 800)]
    );
    assert_eq!(years(&["caesar", "year:..-40"]).len(), 1);
    // A section's own year, and the article's kept.
    let nanking = env.search_json(&["nanking", "-n", "1"]);
    assert_eq!(nanking["hits"][0]["year"], 1842);
    let article = env.ok(&["show", "opium", "--json"]).json();
    assert_eq!(article["year"], 1839);
    assert_eq!(
        years(&["treaty", "--year", "19th century"]),
        [("The First Opium War".to_string(), 1842)]
    );
    assert_eq!(years(&["treaty", "year:\"mid-19th century\""]).len(), 1);
    assert_eq!(years(&["treaty", "--year", "1920s"]).len(), 1);
    assert_eq!(years(&["treaty", "year:1920s"]).len(), 1);
    assert_eq!(years(&["treaty", "--year", "early 20th century"]).len(), 1);
    assert_eq!(years(&["treaty", "--year", "1914–1918"]).len(), 0);
    // People read 44 BC.
    let human = env.ok(&["search", "caesar", "--year", "44 BC"]).stdout();
    assert!(human.contains("(44 BC)"), "{human}");
    let timeline = env.search_json(&["caesar", "--timeline", "century"]);
    assert_eq!(timeline["timeline"]["counts"][0][0], -100, "{timeline}");
    let bad = env.run(&["search", "caesar", "--year", "the reign of Augustus"]);
    assert_eq!(bad.code(), 2);
    assert!(bad.stderr().contains("--year"), "{}", bad.stderr());
}

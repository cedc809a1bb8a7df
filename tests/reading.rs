//! Reading what a search found (`annals show`), paging, completions and the man page.

use crate::util::TestEnv;

#[test]
fn show_prints_an_article_as_text() {
    let env = TestEnv::with_sample();
    let run = env.ok(&["show", "000_d5788bac9f20a018"]);
    let text = run.stdout();
    assert!(
        text.starts_with(
            "Setting the Stage for Diplomacy (1925)\ncorpus/000_d5788bac9f20a018.txt\n\n"
        ),
        "{text}"
    );
    assert!(
        text.contains("\nKey Events Leading to Diplomatic Relations\nThe path to diplomatic"),
        "{text}"
    );
}

#[test]
fn show_prints_one_section_with_the_query_marked() {
    let env = TestEnv::with_sample();
    let target = "000_d5788bac9f20a018#key-events-leading-to-diplomatic-relations";
    let run = env.ok(&["show", target, "--query", "rapallo", "--color", "always"]);
    let text = run.stdout();
    assert!(
        text.contains("Treaty of \x1b[1;31mRapallo\x1b[0m in 1922"),
        "{text}"
    );
    assert!(!text.contains("Further"), "only the section: {text}");
    assert!(
        text.contains("(8 sections in all: annals show 000_d5788bac9f20a018)"),
        "{text}"
    );

    let json = env
        .ok(&["show", target, "--query", "rapallo", "--json"])
        .json();
    let sections = json["sections"].as_array().unwrap();
    assert_eq!(sections.len(), 1);
    let section = &sections[0];
    let text = section["text"].as_str().unwrap();
    let mark = &section["marks"][0];
    let (from, to) = (
        mark["start"].as_u64().unwrap() as usize,
        mark["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&text[from..to], "Rapallo");
}

#[test]
fn the_path_a_search_prints_shows_the_hit() {
    let env = TestEnv::with_sample();
    let hit = env.search_json(&["rapallo"])["hits"][0].clone();
    assert_eq!(hit["section"], "key-events-leading-to-diplomatic-relations");
    let human = env.ok(&["search", "rapallo"]).stdout();
    let place = "corpus/000_d5788bac9f20a018.txt#key-events-leading-to-diplomatic-relations";
    assert!(human.contains(&format!("    {place}\n")), "{human}");
    let text = env.ok(&["show", place]).stdout();
    assert!(text.contains("Treaty of Rapallo"), "{text}");
}

#[test]
fn the_place_a_search_prints_for_a_dump_record_shows_that_record() {
    let env = TestEnv::new();
    env.write(
        "dump.jsonl",
        concat!(
            r#"{"id": "41", "title": "First Siege", "text": "The siege began in spring."}"#,
            "\n",
            r#"{"id": "42", "title": "Second Siege", "text": "Another siege, in autumn."}"#,
            "\n",
        ),
    );
    env.ok(&["index", "--quiet"]);
    let human = env.ok(&["search", "autumn"]).stdout();
    let place = human.lines().nth(1).unwrap().trim();
    assert_eq!(place, "42  (in corpus/dump.jsonl)", "{human}");
    let id = place.split_whitespace().next().unwrap();
    let text = env.ok(&["show", id]).stdout();
    assert!(text.starts_with("Second Siege\n"), "{text}");
    // The file alone names two articles: `show` asks for one of them.
    let run = env.run(&["show", "corpus/dump.jsonl"]);
    assert_eq!(run.code(), 2);
    assert!(
        run.stderr().contains("name one by id: 41, 42"),
        "{}",
        run.stderr()
    );
}

#[test]
fn show_names_what_it_cannot_find() {
    let env = TestEnv::with_sample();
    env.ok(&["index", "--quiet"]);
    let run = env.run(&["show", "no_such_article"]);
    assert_eq!(run.code(), 2);
    assert!(
        run.stderr().contains("no article \"no_such_article\""),
        "{}",
        run.stderr()
    );
    let run = env.run(&["show", "000_d5788bac9f20a018#nowhere"]);
    assert_eq!(run.code(), 2);
    assert!(
        run.stderr()
            .contains("key-events-leading-to-diplomatic-relations"),
        "lists the sections: {}",
        run.stderr()
    );
}

#[test]
fn paging_past_the_last_hit_says_how_many_there_are() {
    let env = TestEnv::with_sample();
    let run = env.ok(&["search", "diplomatic", "--offset", "100"]);
    let text = run.stdout();
    assert!(
        text.contains("hits for \"diplomatic\"; none past"),
        "{text}"
    );
    assert!(text.contains("(--offset 100)"), "{text}");
    let run = env.ok(&["search", "diplomatic", "-n", "1"]);
    assert!(
        run.stdout().contains("Next page: --offset 1"),
        "{}",
        run.stdout()
    );
}

#[test]
fn took_ms_has_three_decimals() {
    let env = TestEnv::with_sample();
    let run = env.ok(&["search", "rapallo", "--json"]);
    let line = run
        .stdout()
        .lines()
        .find(|l| l.contains("\"took_ms\""))
        .unwrap()
        .to_string();
    let digits = line
        .trim()
        .trim_end_matches(',')
        .rsplit('.')
        .next()
        .unwrap()
        .len();
    assert!(digits <= 3, "{line}");
}

#[test]
fn completions_parse_in_every_shell() {
    let env = TestEnv::new();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let script = env.ok(&["completions", shell]).stdout();
        assert!(script.contains("annals"), "{shell}: {script}");
        assert!(script.contains("search"), "{shell}");
    }
    let bash = env.ok(&["completions", "bash"]).stdout();
    let path = env.root().join("annals.bash");
    std::fs::write(&path, bash).unwrap();
    let checked = std::process::Command::new("bash")
        .arg("-n")
        .arg(&path)
        .output()
        .unwrap();
    assert!(checked.status.success(), "{checked:?}");
    assert_eq!(env.run(&["completions", "tcsh"]).code(), 2);
}

#[test]
fn the_man_page_renders() {
    let env = TestEnv::new();
    let page = env.ok(&["man"]).stdout();
    assert!(
        page.starts_with(".ie") || page.contains(".TH annals"),
        "{page}"
    );
    let Ok(mut man) = std::process::Command::new("man")
        .args(["-l", "-"])
        .env("MANPAGER", "cat")
        .env("MANWIDTH", "80")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
    else {
        assert!(
            std::env::var_os("ANNALS_REQUIRE_MAN").is_none(),
            "ANNALS_REQUIRE_MAN is set but `man` cannot run"
        );
        eprintln!("skipped: `man` is not installed");
        return;
    };
    use std::io::Write;
    man.stdin
        .take()
        .unwrap()
        .write_all(page.as_bytes())
        .unwrap();
    let out = man.wait_with_output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{out:?}");
    assert!(text.contains("NAME"), "{text}");
    assert!(text.contains("annals"), "{text}");
}

#[test]
fn help_screens_carry_examples_and_global_options_last() {
    let env = TestEnv::new();
    for command in ["search", "index", "show", "stats", "watch", "bench"] {
        let help = env.ok(&[command, "--help"]).stdout();
        let examples = help
            .find("Examples:")
            .unwrap_or_else(|| panic!("{command}: {help}"));
        let global = help.find("Global options:").expect("global options");
        let own = help.find("Options:").expect("own options");
        assert!(own < global && global < examples, "{command}: {help}");
    }
}

#[test]
fn snippets_show_context_and_title_matches_are_marked() {
    let env = TestEnv::new();
    env.write(
        "siege.txt",
        crate::util::article(
            "Zanzibar Affairs",
            "A lead about trade and the sultanate.",
            &[(
                "The Siege",
                "The allies landed in September 1854 and laid siege to the naval base of \
                 Sevastopol. The siege lasted almost a year, through a bitter winter in which \
                 disease killed far more soldiers than battle.",
            )],
        ),
    );
    let results = env.search_json(&["sevastopol"]);
    let text = results["hits"][0]["text"].as_str().unwrap();
    assert!(text.starts_with("The allies landed"), "{text}");
    assert!(text.chars().count() > 150, "{text}");
    let snippet = results["hits"][0]["snippet"].as_str().unwrap();
    assert!(snippet.contains("<mark>Sevastopol</mark>"), "{snippet}");

    let results = env.search_json(&["zanzibar"]);
    let lead = &results["hits"][0];
    assert_eq!(
        lead["title_marked"], "<mark>Zanzibar</mark> Affairs",
        "{lead}"
    );
    let coloured = env
        .ok(&["search", "zanzibar", "--color", "always", "-n", "1"])
        .stdout();
    assert!(
        coloured.contains("\x1b[1;31mZanzibar\x1b[0m"),
        "{coloured:?}"
    );
}

#[test]
fn a_partial_hit_found_through_a_corrected_word_says_so() {
    let env = TestEnv::with_sample();
    let results = env.search_json(&["rapalo", "xyzzyq"]);
    assert_eq!(results["suggestion"], "rapallo xyzzyq");
    let hit = &results["hits"][0];
    assert_eq!(
        (&hit["partial"], &hit["typo"]),
        (&true.into(), &true.into()),
        "{hit}"
    );
    let results = env.search_json(&["rapallo", "xyzzyq"]);
    assert_eq!(results["hits"][0]["typo"], false);
}

#[test]
fn a_reading_list_and_its_books_are_one_hit() {
    let env = TestEnv::new();
    env.write(
        "marshall_plan.html",
        include_str!("../corpus/web/marshall_plan.html"),
    );
    let human = env.ok(&["search", "marshall", "-n", "3"]).stdout();
    let firsts: Vec<&str> = human
        .lines()
        .filter(|l| l.starts_with(' ') && l.as_bytes().get(2) == Some(&b'.'))
        .collect();
    assert_eq!(
        firsts,
        [
            " 1. The Marshall Plan › Further Reading (1947)",
            " 2. The Marshall Plan › Legacy (1953)",
            " 3. The Marshall Plan (1947)",
        ],
        "{human}"
    );
    assert!(
        human.contains(
            "    • The Marshall Plan: Dawn of the Cold War\n    • The Marshall Plan: America, \
             Britain and the Reconstruction of Western Europe — Michael J. Hogan\n"
        ),
        "{human}"
    );

    let json = env.search_json(&["marshall", "-n", "100"]);
    let hits = json["hits"].as_array().unwrap();
    assert_eq!(json["total"].as_u64().unwrap() as usize, hits.len());
    assert!(hits.iter().all(|h| h["kind"] == "section"), "{json}");
    assert_eq!(hits[0]["books"].as_array().unwrap().len(), 2);
    // Paging: the folded list is the same whatever the page size.
    let second = env.search_json(&["marshall", "-n", "1", "--offset", "1"]);
    assert_eq!(second["hits"][0]["section"], hits[1]["section"]);

    // Books one by one when asked for books; a book-only query keeps them apart too.
    let books = env.search_json(&["marshall", "--kind", "reading"]);
    assert_eq!(books["hits"].as_array().unwrap().len(), 2);
    let fielded = env.search_json(&["book:marshall"]);
    let kinds: Vec<&str> = fielded["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["reading", "reading"], "{fielded}");
}

/// Where a reading list's books fold under it, a page must still fill: a page of `n` hits
/// is the first `n` of a longer one, however many candidates folding took.
#[test]
fn pages_stay_full_and_in_order_when_many_books_fold() {
    let env = TestEnv::new();
    for article in 0..4 {
        let mut text = format!("The Kaiser and his Court, part {article}\n");
        for section in 0..3 {
            text += &format!(
                "Years {section}\nThe kaiser travelled in year {section} of part {article}.\n"
            );
        }
        text += "Further Reading\n";
        for book in 0..9 {
            text += &format!("- The Kaiser, volume {book} by Author {article}{book}\n");
        }
        env.write(&format!("kaiser_{article}.txt"), &text);
    }
    let hit_ids = |n: &str, offset: &str| -> (Vec<String>, u64) {
        let json = env.search_json(&["kaiser", "-n", n, "--offset", offset]);
        let ids = (json["hits"].as_array().unwrap().iter())
            .map(|h| format!("{}#{}", h["id"], h["section"]))
            .collect();
        (ids, json["total"].as_u64().unwrap())
    };
    let (all, total) = hit_ids("40", "0");
    assert_eq!(all.len(), 16, "4 titles' sections and 4 lists: {all:?}");
    assert_eq!(total, 16);
    for n in 1..=12 {
        // The total counts each folded book once, with its section, on every page.
        let (page, total) = hit_ids(&n.to_string(), "0");
        assert_eq!((&page[..], total), (&all[..n], 16), "a page of {n}");
        let (page, total) = hit_ids("2", &n.to_string());
        assert_eq!((&page[..], total), (&all[n..n + 2], 16), "page 2 from {n}");
    }
}

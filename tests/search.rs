//! Searching from the shell: ranking, filters, query syntax, JSON and human output.

use crate::util::{article, hits, TestEnv};

/// The sample plus a few articles that compete for the same words.
pub(crate) fn history_env() -> TestEnv {
    let env = TestEnv::with_sample();
    env.write(
        "vienna.txt",
        article(
            "The Congress of Vienna",
            "In 1814 the powers met in Vienna to restore order after Napoleon.",
            &[
                (
                    "The Concert of Europe",
                    "Regular diplomatic congresses kept the peace between the great powers.",
                ),
                (
                    "Further Reading",
                    "Read \"Vienna 1814\" by David King for the social side of the congress.",
                ),
            ],
        ),
    );
    env.write(
        "essays/crimea.md",
        "# The Crimean War\n\nIn 1853 Russia and the Ottoman Empire went to war.\n\n## Sevastopol\n\nThe siege of Sevastopol lasted a year.\n\n## Further Reading\n\n- *The Crimean War: A History* by Orlando Figes\n",
    );
    env.write(
        "web/suez.html",
        "<html><head><title>The Suez Crisis</title></head><body><nav>Menu</nav><p>In 1956 Nasser nationalised the canal.</p><h2>Invasion</h2><p>British and French paratroopers landed at Port Said.</p></body></html>",
    );
    env.write(
        "more.jsonl",
        "{\"id\":\"opium\",\"title\":\"The First Opium War\",\"year\":1839,\"text\":\"Lin Zexu destroyed the opium stocks at Canton.\"}\n",
    );
    env.ok(&["index", "--quiet"]);
    env
}

#[test]
fn a_distinctive_word_ranks_its_section_first_and_is_highlighted() {
    let env = history_env();
    let results = env.search_json(&["rapallo"]);
    let first = &results["hits"][0];
    assert_eq!(first["title"], "Setting the Stage for Diplomacy");
    assert_eq!(
        first["heading"],
        "Key Events Leading to Diplomatic Relations"
    );
    assert_eq!(first["path"], "corpus/000_d5788bac9f20a018.txt");
    assert_eq!(first["article"], "000_d5788bac9f20a018");
    assert_eq!(first["year"], 1922, "the section's own year");
    assert!(first["snippet"]
        .as_str()
        .unwrap()
        .contains("Treaty of <mark>Rapallo</mark> in 1922"));
}

#[test]
fn json_output_has_the_documented_fields() {
    let env = history_env();
    let results = env.search_json(&["--limit", "3", "diplomatic", "relations"]);
    for key in [
        "query",
        "total",
        "total_exact",
        "took_ms",
        "relaxed",
        "suggestion",
        "hits",
    ] {
        assert!(results.get(key).is_some(), "missing {key}");
    }
    assert_eq!(results["query"], "diplomatic relations");
    assert_eq!(results["relaxed"], false);
    let hit = &results["hits"][0];
    for key in [
        "rank", "score", "kind", "article", "path", "title", "heading", "year", "snippet", "book",
    ] {
        assert!(hit.get(key).is_some(), "hit lacks {key}");
    }
    assert_eq!(hit["rank"], 1);
    assert_eq!(hit["kind"], "section");
    assert!(hit["book"].is_null());
    let scores: Vec<f64> = results["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["score"].as_f64().unwrap())
        .collect();
    assert!(
        scores.windows(2).all(|w| w[0] >= w[1]),
        "scores descend: {scores:?}"
    );
}

#[test]
fn reading_entries_come_back_as_books_with_authors() {
    let env = history_env();
    let results = env.search_json(&["--kind", "reading", "red army"]);
    let first = &results["hits"][0];
    assert_eq!(first["kind"], "reading");
    assert_eq!(
        first["book"]["title"],
        "The Soviet-Japanese War 1939: The Red Army’s First Victory"
    );
    assert_eq!(
        first["heading"],
        "Recommended Reading on Japan and Soviet Diplomacy"
    );
    assert_eq!(
        results["total"], 1,
        "only the book naming the Red Army matches"
    );

    let crimea = env.search_json(&["--kind", "reading", "crimean"]);
    assert_eq!(
        crimea["hits"][0]["book"]["title"],
        "The Crimean War: A History"
    );
    assert_eq!(crimea["hits"][0]["book"]["author"], "Orlando Figes");
    assert!(hits(&crimea).iter().all(|(kind, _, _)| kind == "reading"));
}

#[test]
fn kind_section_excludes_books() {
    let env = history_env();
    let results = env.search_json(&["--kind", "section", "vienna"]);
    assert!(!hits(&results).is_empty());
    assert!(hits(&results).iter().all(|(kind, _, _)| kind == "section"));
}

#[test]
fn year_filters_accept_ranges_and_open_ends() {
    let env = history_env();
    let titles = |args: &[&str]| -> Vec<String> {
        let mut a = vec!["--limit", "50"];
        a.extend_from_slice(args);
        let mut t: Vec<String> = hits(&env.search_json(&a))
            .into_iter()
            .map(|h| h.1)
            .collect();
        t.dedup();
        t
    };
    assert_eq!(
        titles(&["--year", "1850..1900", "war"]),
        vec!["The Crimean War"]
    );
    assert_eq!(
        titles(&["--year", "..1840", "opium"]),
        vec!["The First Opium War"]
    );
    assert!(titles(&["--year", "1900..", "opium"]).is_empty());
    assert_eq!(
        titles(&["--year", "1956", "canal"]),
        vec!["The Suez Crisis"]
    );
    assert_eq!(
        titles(&["year:[1950 TO 1960] canal"]),
        vec!["The Suez Crisis"]
    );
}

#[test]
fn all_words_are_required_and_partial_matches_fill_in_below() {
    let env = history_env();
    let strict = env.search_json(&["siege", "sevastopol"]);
    assert_eq!(strict["relaxed"], false);
    assert_eq!(strict["total"], 1);

    // No section mentions both Sevastopol and Rapallo: each half is found, flagged relaxed.
    let loose = env.search_json(&["sevastopol", "rapallo"]);
    assert_eq!(loose["relaxed"], true);
    let headings: Vec<String> = hits(&loose).into_iter().map(|h| h.2).collect();
    assert!(headings.contains(&"Sevastopol".to_string()), "{headings:?}");
    assert!(headings.contains(&"Key Events Leading to Diplomatic Relations".to_string()));
    assert!(loose["hits"]
        .as_array()
        .unwrap()
        .iter()
        .all(|h| h["partial"] == true));

    // Complete matches rank above every partial one.
    let mixed = env.search_json(&["diplomatic", "rapallo"]);
    let flags: Vec<bool> = mixed["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["partial"].as_bool().unwrap())
        .collect();
    assert!(!flags[0]);
    assert!(
        flags.windows(2).all(|w| !w[0] || w[1]),
        "complete before partial: {flags:?}"
    );
    assert_eq!(mixed["relaxed"], true);
}

#[test]
fn a_few_words_together_rank_above_the_same_words_apart_among_the_first_page() {
    let env = TestEnv::new();
    // BM25 ranks the short text saying both words often above the long one naming the
    // plague, which holds them together once.
    env.write(
        "cats.txt",
        article(
            "Cats",
            "A black cat meant death: black fur, a death foretold, black luck.",
            &[],
        ),
    );
    env.write(
        "plague.txt",
        article(
            "Plague",
            "In 1348 the Black Death reached the ports of Italy, carried by fleas on the rats \
             aboard merchant ships from the east, and within two years a third of the people \
             of Europe had died of the pestilence in towns and villages alike.",
            &[],
        ),
    );
    for i in 0..12 {
        env.write(
            &format!("filler{i}.txt"),
            article(&format!("Filler {i}"), "Nothing of either word here.", &[]),
        );
    }
    env.ok(&["index", "--quiet"]);
    let titles = |args: &[&str]| -> Vec<String> {
        hits(&env.search_json(args))
            .into_iter()
            .map(|(_, title, _)| title)
            .collect()
    };
    // With a sign the query says how its words go together itself: BM25's order.
    assert_eq!(titles(&["+black +death"]), ["Cats", "Plague"]);
    assert_eq!(titles(&["black death"]), ["Plague", "Cats"]);
    assert_eq!(
        titles(&["Black Death", "-n", "1", "--offset", "1"]),
        ["Cats"]
    );
    let explained = env.ok(&["search", "black death", "--explain"]).stdout();
    assert!(
        explained.contains("every word, as written and together"),
        "{explained}"
    );
    // One word, or a sentence ranked by BM25 over any word, is left as it was.
    assert_eq!(titles(&["black death?"])[0], "Cats");
}

#[test]
fn a_folder_given_as_ripgrep_takes_one_is_named_as_searched_for_as_words() {
    let env = history_env();
    let folder = env.root().join("notes");
    std::fs::create_dir_all(&folder).unwrap();
    let folder = folder.display().to_string();
    let run = env.ok(&["search", "rapallo", &folder]);
    assert!(
        run.stderr().contains(&format!(
            "{folder} names a folder, searched for as words: annals searches its index; \
             `annals index {folder}`"
        )),
        "{}",
        run.stderr()
    );
    // Words with a slash that name nothing there are words.
    let run = env.ok(&["search", "HAM/TSP"]);
    assert!(!run.stderr().contains("names a"), "{}", run.stderr());
}

#[test]
fn a_possessive_finds_the_word_and_a_phrase_reads_across_one() {
    let env = history_env();
    let total = |q: &str| env.search_json(&[q])["total"].as_u64().unwrap();
    // The text says "after Napoleon"; the query says whose.
    assert!(total("napoleon") > 0);
    for query in ["Napoleon's", "Napoleon’s", "\"after Napoleon's\""] {
        assert_eq!(total(query), total("napoleon"), "{query}");
    }
    // A possessive in the text: the words either side of it stand next to each other.
    env.write(
        "aswan.txt",
        "The Aswan Dam\n\nNasser's dam held back the Nile.\n",
    );
    env.ok(&["index", "--quiet"]);
    assert_eq!(total("\"nasser dam\""), 1);
    assert_eq!(total("\"nasser's dam\""), 1);
}

#[test]
fn query_syntax_phrases_or_not_prefix_and_fields() {
    let env = history_env();
    let total = |q: &str| env.search_json(&[q])["total"].as_u64().unwrap();
    assert_eq!(total("\"treaty of rapallo\""), 1);
    assert_eq!(total("\"rapallo treaty\""), 0);
    assert_eq!(total("“treaty of rapallo”"), 1);
    assert_eq!(total("“rapallo treaty”"), 0);
    assert_eq!(total("\"treaty rapallo\"~2"), 1);
    assert_eq!(total("rapallo OR sevastopol"), 2);
    assert_eq!(total("siege -sevastopol"), 0);
    assert_eq!(total("sevasto*"), 1);
    assert!(total("diplom*") > total("diplomatic"));
    assert!(total("diplomatic") > 0);
    assert_eq!(total("title:suez"), 2);
    assert_eq!(total("heading:invasion"), 1);
    assert_eq!(total("book:figes OR author:figes"), 1);
    assert_eq!(total("(sevastopol OR canton) AND siege"), 1);
}

#[test]
fn stemming_and_accent_folding_match_word_forms() {
    let env = history_env();
    env.write(
        "zurich.txt",
        "Zürich Talks\nDelegates were negotiating in 1920.\n",
    );
    env.ok(&["index", "--quiet"]);
    assert_eq!(env.search_json(&["zurich"])["total"], 1);
    assert_eq!(env.search_json(&["negotiate"])["total"], 1);
    assert_eq!(
        env.search_json(&["negotiat*"])["total"],
        1,
        "a prefix finds stemmed words"
    );
}

#[test]
fn limit_and_offset_page_through_hits() {
    let env = history_env();
    let all = env.search_json(&["--limit", "100", "the"]);
    let page = env.search_json(&["--limit", "2", "--offset", "1", "*"]);
    let every = env.search_json(&["--limit", "100", "*"]);
    assert_eq!(
        all["hits"].as_array().unwrap().len(),
        0,
        "stop words alone find nothing"
    );
    assert_eq!(page["hits"].as_array().unwrap().len(), 2);
    assert_eq!(page["hits"][0]["rank"], 2);
    assert_eq!(page["hits"][0]["path"], every["hits"][1]["path"]);
    assert_eq!(page["hits"][0]["heading"], every["hits"][1]["heading"]);
}

#[test]
fn html_and_markdown_articles_dropped_in_are_found_after_index() {
    let env = history_env();
    assert_eq!(env.search_json(&["tsushima"])["total"], 0);
    env.write("mine/tsushima.html", "<html><head><title>Tsushima</title></head><body><h1>Tsushima</h1><p>Togo destroyed the Baltic Fleet in 1905.</p><footer>footer words</footer></body></html>");
    env.write(
        "mine/dreadnought.md",
        "# Dreadnought\n\nLaunched in 1906, HMS Dreadnought made every battleship obsolete.\n",
    );
    env.ok(&["index", "--quiet"]);
    let t = env.search_json(&["tsushima", "togo"]);
    assert_eq!(t["hits"][0]["path"], "corpus/mine/tsushima.html");
    assert_eq!(t["hits"][0]["year"], 1905);
    assert_eq!(
        env.search_json(&["dreadnought"])["hits"][0]["article"],
        "mine/dreadnought"
    );
    assert_eq!(
        env.search_json(&["footer"])["total"],
        0,
        "page chrome is not indexed"
    );
}

#[test]
fn search_builds_a_missing_index_first_with_a_note() {
    let env = TestEnv::with_sample();
    let run = env.ok(&["search", "--json", "rapallo"]);
    assert!(
        run.stderr()
            .contains("no index at index yet; building it from corpus first"),
        "{}",
        run.stderr()
    );
    assert_eq!(
        run.json()["hits"][0]["heading"],
        "Key Events Leading to Diplomatic Relations"
    );
    let again = env.ok(&["search", "rapallo"]);
    assert!(
        again.stderr().is_empty(),
        "no rebuild the second time: {}",
        again.stderr()
    );
}

#[test]
fn queries_matching_everything_never_return_bookkeeping_documents() {
    let env = history_env();
    let stats = env.ok(&["stats", "--json"]).json();
    let sections = stats["sections"].as_u64().unwrap();
    // Every book folds under its reading-list section, which matches too.
    let every = env.search_json(&["--limit", "1000", "*"]);
    assert_eq!(every["total"], sections);
    let books = env.search_json(&["--limit", "1000", "--kind", "reading", "*"]);
    assert_eq!(books["total"], stats["reading"]);
    let without = env.search_json(&["--limit", "1000", "--", "-rapallo"]);
    assert_eq!(without["total"], sections - 1);
    for results in [&every, &without, &books] {
        for hit in results["hits"].as_array().unwrap() {
            assert!(
                hit["kind"] == "section" || hit["kind"] == "reading",
                "{hit}"
            );
        }
    }
}

/// Matches are counted exactly up to 1,000 (or past the page asked for); beyond that the
/// total is a lower bound, marked as such, while the hits stay the best ones. Queries of
/// several words in more than an eighth of the documents are scored in full, so their
/// totals are exact.
#[test]
fn totals_are_exact_up_to_a_thousand_and_a_lower_bound_beyond() {
    let env = TestEnv::new();
    let line = |i: usize, word: &str| {
        format!(
            "{{\"id\":\"a{i}\",\"title\":\"Article {i}\",\"text\":\"{}{word} was here.\"}}\n",
            "padding ".repeat(i % 50)
        )
    };
    let mut many = String::new();
    for i in 0..1200 {
        many.push_str(&line(i, "zanzibar"));
    }
    for i in 1200..10_200 {
        many.push_str(&line(i, if i % 90 == 0 { "quetzal" } else { "nothing" }));
    }
    env.write("many.jsonl", many);
    env.ok(&["index", "--quiet"]);
    let total = |results: &serde_json::Value| {
        (
            results["total"].as_u64().unwrap(),
            results["total_exact"].as_bool().unwrap(),
        )
    };

    assert_eq!(total(&env.search_json(&["quetzal"])), (100, true));

    let lots = env.search_json(&["zanzibar", "--limit", "5"]);
    assert_eq!(total(&lots), (1000, false));
    // The best hits are the shortest articles, wherever they are.
    for hit in lots["hits"].as_array().unwrap() {
        let id: usize = hit["article"].as_str().unwrap()[1..].parse().unwrap();
        assert_eq!(id % 50, 0, "{hit}");
    }
    let human = env.ok(&["search", "zanzibar", "--limit", "5"]).stdout();
    assert!(human.contains("1–5 of 1000+ hits"), "{human}");

    // Paging past the thousandth hit counts as far as the page and one more.
    let deep = env.search_json(&["zanzibar", "--offset", "1190"]);
    assert_eq!(total(&deep), (1200, true));
    assert_eq!(deep["hits"].as_array().unwrap().len(), 10);

    // A word in most documents is pruned like any other word: a lower bound...
    let dense = env.search_json(&["nothing"]);
    assert_eq!(total(&dense), (1000, false));
    // ...over the best hits: the shortest articles holding it.
    for hit in dense["hits"].as_array().unwrap() {
        let id: usize = hit["article"].as_str().unwrap()[1..].parse().unwrap();
        assert_eq!(id % 50, 0, "{hit}");
    }
    // Several words in most documents are scored in full and counted exactly.
    assert_eq!(
        total(&env.search_json(&["nothing", "padding"])),
        (8740, true)
    );
    // Grouped totals count articles, always exactly.
    assert_eq!(
        total(&env.search_json(&["zanzibar", "--group"])),
        (1200, true)
    );
}

#[test]
fn dash_words_are_query_text_without_a_double_dash() {
    let env = history_env();
    let plain = env.search_json(&["siege"]);
    let without = env.ok(&["search", "siege", "-sevastopol", "--json"]).json();
    assert!(plain["total"].as_u64().unwrap() > without["total"].as_u64().unwrap());
    assert_eq!(without["query"], "siege -sevastopol");
    let first = env
        .ok(&["search", "-sevastopol", "siege", "-n", "1", "--json"])
        .json();
    assert_eq!(first["query"], "-sevastopol siege");
    assert_eq!(
        first["hits"].as_array().unwrap().len().min(1),
        first["total"].as_u64().unwrap().min(1) as usize
    );
    // A mistyped long option is still an error.
    assert_eq!(env.run(&["search", "siege", "--jsn"]).code(), 2);
}

#[test]
fn words_inside_a_cjk_run_are_found_and_marked() {
    let env = TestEnv::new();
    env.write(
        "nisso.md",
        "# 日ソ基本条約\n\n1925年1月20日、日本とソビエト連邦は北京で日ソ基本条約に調印し、国交を樹立した。\n\n## 背景\n\nロシア革命の後、両国の関係は途絶えていた。\n",
    );
    env.write("other.md", "# 明治維新\n\n明治政府は近代化を進めた。\n");
    env.ok(&["index", "--quiet"]);
    for (query, marked) in [
        ("条約", "条約"),
        ("北京", "北京"),
        ("国交", "国交"),
        ("日ソ基本条約", "日ソ基本条約"),
    ] {
        let results = env.search_json(&[query]);
        assert!(
            results["total"].as_u64().unwrap() >= 1,
            "{query}: {results}"
        );
        let hit = &results["hits"][0];
        assert_eq!(hit["title"], "日ソ基本条約", "{query}");
        let snippet = hit["snippet"].as_str().unwrap();
        assert!(
            snippet.contains(&format!("<mark>{marked}</mark>")),
            "{query}: {snippet}"
        );
    }
    // A run that is not in the text as a whole is not found through its pieces alone.
    assert_eq!(env.search_json(&["\"条約北京\""])["total"], 0);
    assert_eq!(env.search_json(&["明治"])["hits"][0]["title"], "明治維新");
}

#[test]
fn an_empty_index_says_what_to_put_where() {
    let env = TestEnv::new();
    let run = env.ok(&["search", "rapallo"]);
    assert!(run.stdout().contains("No hits"), "{}", run.stdout());
    assert!(
        run.stderr()
            .contains("holds nothing to search; put articles")
            && run.stderr().contains("run `annals index`"),
        "{}",
        run.stderr()
    );
    // Articles put there later are found by the next search, as a first search finds them.
    env.write("later.txt", "Rapallo\nSigned in 1922.\n");
    let later = env.ok(&["search", "rapallo", "--json"]);
    assert_eq!(later.json()["total"], 1, "{}", later.stderr());
    assert!(
        later.stderr().contains("holds nothing; updating it from"),
        "{}",
        later.stderr()
    );
    // With articles in it, a search that finds nothing says nothing more.
    let env = TestEnv::with_sample();
    let none = env.ok(&["search", "zzqqxx"]);
    assert!(
        !none.stderr().contains("nothing to search"),
        "{}",
        none.stderr()
    );
}

#[test]
fn a_word_hyphenated_with_soft_hyphens_is_found_whole() {
    let env = TestEnv::new();
    env.write(
        "page.html",
        "<html><head><title>Reparations</title></head><body><p>The negoti&shy;ations over re&shy;parations dragged on until the Dawes Plan of 1924.</p></body></html>",
    );
    env.ok(&["index", "--quiet"]);
    let results = env.search_json(&["reparations", "negotiations"]);
    assert_eq!(results["total"], 1, "{results}");
    assert_eq!(results["hits"][0]["typo"], false, "{results}");
    let snippet = results["hits"][0]["snippet"].as_str().unwrap();
    assert!(
        snippet.contains("<mark>re\u{ad}parations</mark>"),
        "{snippet}"
    );
}

#[test]
fn a_word_with_a_notes_superscript_mark_is_found_as_the_word() {
    let env = TestEnv::new();
    env.write(
        "rapallo.txt",
        "Rapallo\nGermany and Russia signed the treaty¹ in 1922.² The agreement³ renounced all claims to reparations.\n",
    );
    env.ok(&["index", "--quiet"]);
    let results = env.search_json(&["agreement"]);
    assert_eq!(results["hits"][0]["typo"], false, "{results}");
    let snippet = results["hits"][0]["snippet"].as_str().unwrap();
    assert!(snippet.contains("<mark>agreement</mark>³"), "{snippet}");
}

#[test]
fn a_transliterations_apostrophes_are_left_out_of_its_words() {
    let env = TestEnv::new();
    env.write(
        "hawaii.md",
        "# The Kingdom of Hawaiʻi\n\nThe overthrow of the Kingdom of Hawaiʻi in 1893 was led by sugar planters.\n",
    );
    env.ok(&["index", "--quiet"]);
    let results = env.search_json(&["hawaii", "overthrow"]);
    assert_eq!(results["total"], 1, "{results}");
    assert_eq!(results["hits"][0]["typo"], false, "{results}");
    assert_eq!(results["suggestion"], serde_json::Value::Null, "{results}");
}

#[test]
fn the_name_made_up_for_an_untitled_record_is_shown_but_not_searched() {
    let env = TestEnv::new();
    let mut dump = String::new();
    for i in 1..=12 {
        dump.push_str(&format!(
            "{{\"text\": \"Record {i} of the harbour accounts.\"}}\n"
        ));
    }
    dump.push_str("{\"text\": \"The telegraph line reached the harbour in 1858.\"}\n");
    env.write("ledger.jsonl", dump);
    env.ok(&["index", "--quiet"]);
    // Each record is shown by its opening words, and its file and line are where it is, but
    // `line` and `ledger` are no words of them: only the record saying `line` is found, and
    // `12` finds the twelfth record's text.
    let results = env.search_json(&["line"]);
    assert_eq!(results["total"], 1, "{results}");
    assert_eq!(
        results["hits"][0]["title"], "The telegraph line reached the harbour in 1858.",
        "{results}"
    );
    assert_eq!(env.search_json(&["ledger"])["total"], 0);
    // Nor are they words to suggest.
    let near = env.search_json(&["ledgers"]);
    assert_eq!(near["suggestion"], serde_json::Value::Null, "{near}");
    let twelve = env.search_json(&["12"]);
    assert_eq!(twelve["total"], 1, "{twelve}");
    assert_eq!(
        twelve["hits"][0]["title"], "Record 12 of the harbour accounts.",
        "{twelve}"
    );
    // A record without text to name it by keeps its file and line.
    env.write(
        "ledger.jsonl",
        "{\"text\": \"--\", \"reading\": [\"Harbour Accounts\"]}\n",
    );
    env.ok(&["index", "--quiet"]);
    let books = env.search_json(&["harbour", "--kind", "reading"]);
    assert_eq!(books["hits"][0]["title"], "ledger line 1", "{books}");
}

#[test]
fn a_search_finding_nothing_says_when_files_came_or_went_since_the_index_was_updated() {
    use std::time::{Duration, SystemTime};
    let noted = |run: &crate::util::Run| {
        run.stderr()
            .contains("files were added to or removed from corpus since the index was last updated")
    };
    let env = TestEnv::with_sample();
    env.ok(&["index", "--quiet"]);
    let run = env.ok(&["search", "mudros"]);
    assert!(!noted(&run), "{}", run.stderr());
    // An index kept inside the corpus, updated since, is no change of the corpus.
    std::fs::create_dir(env.corpus().join("idx")).unwrap();
    env.ok(&["--index", "corpus/idx", "index", "--quiet"]);
    let later = SystemTime::now() + Duration::from_secs(60);
    let touch = |folder: &std::path::Path| {
        std::fs::File::open(folder)
            .unwrap()
            .set_modified(later)
            .unwrap();
    };
    touch(&env.corpus().join("idx"));
    let run = env.ok(&["--index", "corpus/idx", "search", "mudros"]);
    assert!(!noted(&run), "{}", run.stderr());
    // A file put in a new folder of the corpus (a minute later than the index, as the
    // clock would have it after any second: the new folder's time, and that of the folder
    // it was made in) is not found until indexed: the search says so.
    env.write(
        "notes/mudros.txt",
        "Mudros\n\nThe armistice of Mudros was signed.\n",
    );
    touch(&env.corpus().join("notes"));
    touch(&env.corpus());
    let run = env.ok(&["search", "mudros"]);
    assert!(noted(&run), "{}", run.stderr());
    assert!(run.stdout().contains("No hits"), "{}", run.stdout());
    let run = env.ok(&["search", "--json", "mudros"]);
    assert!(noted(&run), "{}", run.stderr());
    assert_eq!(run.json()["total"], 0);
    // Once indexed it is found, and a search finding something says nothing of it.
    env.ok(&["index", "--quiet"]);
    let run = env.ok(&["search", "mudros"]);
    assert!(
        !noted(&run) && run.stdout().contains("1 hit"),
        "{}",
        run.stderr()
    );
}

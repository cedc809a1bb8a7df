//! Building the index: summaries, bad files, stats.

use std::io::Write;

use crate::util::{article, TestEnv};

#[test]
fn the_summary_counts_articles_sections_and_books() {
    let env = TestEnv::with_sample();
    env.write("a.jsonl", "{\"id\":\"x\",\"title\":\"X\",\"text\":\"One 1900.\"}\n{\"id\":\"y\",\"title\":\"Y\",\"text\":\"Two.\"}\n");
    let summary = env.ok(&["index", "--json"]).json();
    assert_eq!(summary["added"], 2);
    assert_eq!(summary["articles"], 3);
    assert_eq!(summary["sections"], 10);
    assert_eq!(summary["reading"], 2);
    assert_eq!(summary["documents"], 12);
    assert_eq!(summary["skipped"], 0);
    assert!(summary["took_ms"].as_f64().unwrap() > 0.0);
    // A first build is a full build (merged once at the end); the next update is not.
    assert_eq!(summary["full"], true);
    env.write("b.txt", article("B", "Three.", &[]));
    let next = env.ok(&["index", "--json"]).json();
    assert_eq!(
        (next["full"].as_bool(), next["added"].as_u64()),
        (Some(false), Some(1))
    );

    let human = env.ok(&["index", "--full"]).stdout();
    assert!(
        human.contains("Index holds 4 articles: 11 sections and 2 reading entries (13 documents)"),
        "{human}"
    );
}

#[test]
fn bad_files_are_skipped_or_warned_about_and_the_rest_is_indexed() {
    let env = TestEnv::with_sample();
    env.write("fake.txt", b"%PDF-1.7\x00\x00\x00binary stuff");
    env.write(
        "latin1.txt",
        b"Caf\xe9 Society\nParis caf\xe9s in 1890 hosted revolutionaries.\n",
    );
    env.write("empty.md", "");
    env.write(
        "big.txt",
        "Big\n".to_string() + &"word ".repeat(1200) + ".\n",
    );
    env.write(
        "lines.jsonl",
        "{\"id\":\"ok\",\"title\":\"Fine\",\"text\":\"Good line.\"}\n{oops\n",
    );
    let run = env.ok(&["index", "--json", "--max-file-size", "4K"]);
    let summary = run.json();
    assert_eq!(summary["skipped"], 3, "{summary}");
    assert_eq!(summary["warnings"], 2, "{summary}");
    let stderr = run.stderr();
    assert!(
        stderr.contains("skipped: corpus/fake.txt: binary file"),
        "{stderr}"
    );
    assert!(
        stderr.contains("skipped: corpus/big.txt: larger than the size limit"),
        "{stderr}"
    );
    assert!(
        stderr.contains("skipped: corpus/empty.md: no text to index"),
        "{stderr}"
    );
    assert!(
        stderr.contains("warning: corpus/latin1.txt: not UTF-8; read as windows-1252"),
        "{stderr}"
    );
    assert!(
        stderr.contains("warning: corpus/lines.jsonl: line 2:"),
        "{stderr}"
    );
    assert_eq!(summary["articles"], 3);
    assert_eq!(env.search_json(&["revolutionaries"])["total"], 1);
    assert_eq!(env.search_json(&["café"])["total"], 1);
    assert_eq!(env.search_json(&["good"])["total"], 1);
}

#[test]
fn quiet_prints_nothing() {
    let env = TestEnv::with_sample();
    env.write("fake.txt", b"\x00\x01");
    let run = env.ok(&["index", "--quiet"]);
    assert!(run.stdout().is_empty() && run.stderr().is_empty());
}

#[test]
fn stats_describe_the_index() {
    let env = TestEnv::with_sample();
    env.write("b.txt", article("B", "Lead in 1901.", &[("Part", "Text.")]));
    env.ok(&["index", "--quiet"]);
    let stats = env.ok(&["stats", "--json"]).json();
    assert_eq!(stats["articles"], 2);
    assert_eq!(stats["sections"], 10);
    assert_eq!(stats["reading"], 2);
    assert!(stats["segments"].as_u64().unwrap() >= 1);
    assert!(stats["size_bytes"].as_u64().unwrap() > 1000);
    let corpus = std::fs::canonicalize(env.corpus()).unwrap();
    assert_eq!(stats["corpus"], corpus.display().to_string());
    let human = env.ok(&["stats"]).stdout();
    assert!(human.contains("articles:        2\n"), "{human}");
    assert!(human.contains("last update:     20"), "{human}");
}

#[test]
fn the_corpus_is_never_modified() {
    let env = TestEnv::with_sample();
    env.write("x.html", "<title>X</title><p>Text 1900.</p>");
    let before = snapshot(&env);
    env.ok(&["index", "--full", "--quiet"]);
    env.ok(&["search", "text"]);
    assert_eq!(before, snapshot(&env));
}

fn snapshot(env: &TestEnv) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<_> = walkdir::WalkDir::new(env.corpus())
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().display().to_string(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

#[test]
fn the_summary_counts_ignored_and_still_skipped_files() {
    let env = TestEnv::with_sample();
    env.write("figures.numbers", "PK");
    env.write("report.pages", "PK");
    env.write("README", "no extension");
    env.write("big.txt", "Big\n".to_string() + &"word ".repeat(2000));
    // Old enough that its size and time prove it unchanged on the next run.
    env.age("big.txt", 0);
    let first = env.ok(&["index", "--max-file-size", "8K"]);
    let text = first.stdout();
    assert!(
        text.contains("ignored 3 files of unknown type ((none) 1, .numbers 1, .pages 1)"),
        "{text}"
    );
    assert!(
        text.contains("save the .pages files as .docx to index them"),
        "{text}"
    );
    assert!(
        text.contains("save the .numbers files as .csv to index them"),
        "{text}"
    );
    assert!(!text.contains(".doc files"), "{text}");
    let json = env.ok(&["index", "--max-file-size", "8K", "--json"]).json();
    assert_eq!(json["still_skipped"], 1, "{json}");
    assert_eq!(json["ignored"][".numbers"], 1, "{json}");
    let again = env.ok(&["index", "--max-file-size", "8K"]).stdout();
    assert!(
        again.contains("1 still skipped from earlier runs"),
        "{again}"
    );

    let problems = env.ok(&["stats", "--problems"]).stdout();
    assert!(problems.starts_with("corpus/big.txt: "), "{problems}");
    let listed = env.ok(&["stats", "--problems", "--json"]).json();
    assert_eq!(listed[0]["path"], "corpus/big.txt");
}

#[test]
fn warnings_are_remembered_until_the_file_changes() {
    let env = TestEnv::new();
    env.write(
        "dump.jsonl",
        "{\"id\":\"a\",\"title\":\"A\",\"text\":\"Siege.\"}\nnot json\n",
    );
    env.age("dump.jsonl", 0);
    let first = env.ok(&["index"]);
    assert!(
        first.stderr().contains("dump.jsonl: line 2: "),
        "{}",
        first.stderr()
    );
    let again = env.ok(&["index"]);
    assert!(
        again.stderr().is_empty(),
        "reported once: {}",
        again.stderr()
    );
    let summary = again.stdout();
    assert!(summary.contains("0 warnings"), "{summary}");
    assert!(
        summary.contains("1 with warnings from earlier runs (see `annals stats --problems`)"),
        "{summary}"
    );
    let listed = || env.ok(&["stats", "--problems"]).stdout();
    assert!(
        listed().starts_with("corpus/dump.jsonl: warning: line 2: "),
        "{}",
        listed()
    );
    let json = env.ok(&["stats", "--problems", "--json"]).json();
    assert_eq!(json[0]["kind"], "warning", "{json}");
    // Touched, not changed: the warning stays.
    env.age("dump.jsonl", 60);
    let touched = env.ok(&["index", "--json"]).json();
    assert_eq!(touched["still_warned"], 1, "{touched}");
    assert!(listed().contains("warning: line 2: "), "{}", listed());
    // Mended: gone.
    env.write(
        "dump.jsonl",
        "{\"id\":\"a\",\"title\":\"A\",\"text\":\"Siege.\"}\n",
    );
    env.ok(&["index"]);
    assert_eq!(listed(), "No file was skipped or warned about.\n");
}

#[test]
fn a_dump_updated_record_by_record_keeps_the_warnings_of_records_kept() {
    let env = TestEnv::new();
    let odd = r#"{"id":"odd","title":{"x":1},"text":"Odd title."}"#;
    let fine = |text: &str| format!(r#"{{"id":"fine","title":"Fine","text":"{text}"}}"#);
    env.write("dump.jsonl", format!("{odd}\n{}\n", fine("Siege.")));
    env.ok(&["index"]);
    let listed = || env.ok(&["stats", "--problems"]).stdout();
    assert_eq!(
        listed(),
        "corpus/dump.jsonl: warning: line 1: title is an object, not text; left out\n"
    );
    // Another record changes and a line goes in front: the odd one is kept, and its
    // warning stays, on its new line.
    let new = r#"{"id":"new","title":"New","text":"Treaty."}"#;
    env.write(
        "dump.jsonl",
        format!("{new}\n{odd}\n{}\n", fine("Blockade.")),
    );
    let update = env.ok(&["index", "--json"]).json();
    assert_eq!(update["records_indexed"], 2, "{update}");
    assert_eq!(
        listed(),
        "corpus/dump.jsonl: warning: line 2: title is an object, not text; left out\n"
    );
    // The odd record mended: its warning goes.
    let mended = r#"{"id":"odd","title":"Odd","text":"Odd title."}"#;
    env.write(
        "dump.jsonl",
        format!("{new}\n{mended}\n{}\n", fine("Blockade.")),
    );
    let update = env.ok(&["index", "--json"]).json();
    assert_eq!(update["records_indexed"], 1, "{update}");
    assert_eq!(listed(), "No file was skipped or warned about.\n");
}

#[test]
fn a_skipped_file_touched_but_not_changed_is_still_skipped() {
    let env = TestEnv::with_sample();
    env.write("blank.txt", "\n\n");
    env.age("blank.txt", 0);
    let first = env.ok(&["index"]).stdout();
    assert!(first.contains("1 skipped"), "{first}");
    // Read again, found the same bytes: not reported anew, but not forgotten either.
    env.age("blank.txt", 60);
    let touched = env.ok(&["index"]).stdout();
    assert!(touched.contains("0 skipped"), "{touched}");
    assert!(
        touched.contains("1 still skipped from earlier runs"),
        "{touched}"
    );
    let json = env.ok(&["index", "--json"]).json();
    assert_eq!(json["still_skipped"], 1, "{json}");
}

#[test]
fn a_json_lines_dump_over_the_size_limit_is_read_and_its_oversized_records_named() {
    let env = TestEnv::new();
    let mut dump = String::new();
    for i in 0..40 {
        dump.push_str(&format!(
            "{{\"id\":\"r{i}\",\"title\":\"Record {i}\",\"text\":\"The armistice of record {i}.\"}}\n"
        ));
    }
    dump.push_str(&format!(
        "{{\"id\":\"huge\",\"title\":\"Huge\",\"text\":\"{}\"}}\n",
        "armistice ".repeat(300)
    ));
    assert!(dump.len() > 4096);
    env.write("dump.jsonl", &dump);
    let run = env.ok(&["index", "--json", "--max-file-size", "2K"]);
    let summary = run.json();
    assert_eq!(summary["skipped"], 0, "{summary}");
    assert_eq!(summary["warnings"], 1, "{summary}");
    assert!(
        run.stderr()
            .contains("warning: corpus/dump.jsonl: line 41: a record of 3"),
        "{}",
        run.stderr()
    );
    assert_eq!(env.search_json(&["armistice", "-n", "100"])["total"], 40);
}

/// Article ids of every hit of `query`, sorted.
fn ids(env: &TestEnv, query: &str) -> Vec<String> {
    let results = env.search_json(&[query, "-n", "100"]);
    let mut ids: Vec<String> = results["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["article"].as_str().unwrap().to_string())
        .collect();
    ids.sort();
    ids
}

#[test]
fn duplicate_article_ids_are_kept_apart_and_warned_about() {
    let env = TestEnv::new();
    env.write("a.txt", "Plain\nThe armistice in plain text.\n");
    env.ok(&["index", "--quiet"]);
    assert_eq!(ids(&env, "armistice"), ["a"]);

    // A Markdown file of the same name: both keep their extension, the text file is
    // indexed again under its new id.
    env.write("a.md", "# Marked\n\nThe armistice in Markdown.\n");
    let run = env.ok(&["index"]);
    assert!(
        run.stderr().contains(
            "warning: corpus/a.md: a.txt has the same name: the article id is \"a.md\", not \"a\""
        ),
        "{}",
        run.stderr()
    );
    assert_eq!(ids(&env, "armistice"), ["a.md", "a.txt"]);
    assert!(env.ok(&["show", "a.md"]).stdout().starts_with("Marked"));
    assert!(env.ok(&["show", "a.txt"]).stdout().starts_with("Plain"));
    let full = TestEnv::new();
    full.write("a.txt", "Plain\nThe armistice in plain text.\n");
    full.write("a.md", "# Marked\n\nThe armistice in Markdown.\n");
    full.ok(&["index", "--quiet"]);
    assert_eq!(ids(&full, "armistice"), ids(&env, "armistice"));

    // The Markdown file gone, the text file has its plain id back.
    std::fs::remove_file(env.corpus().join("a.md")).unwrap();
    env.ok(&["index", "--quiet"]);
    assert_eq!(ids(&env, "armistice"), ["a"]);

    // A record id repeated in a dump is kept apart by its line.
    env.write(
        "dump.jsonl",
        "{\"id\":\"x\",\"title\":\"First\",\"text\":\"Siege one.\"}\n\
         {\"id\":\"y\",\"title\":\"Other\",\"text\":\"Nothing.\"}\n\
         {\"id\":\"x\",\"title\":\"Second\",\"text\":\"Siege two.\"}\n",
    );
    let run = env.ok(&["index"]);
    assert!(
        run.stderr()
            .contains("line 3: id \"x\" is also on line 1; indexed as \"x#3\""),
        "{}",
        run.stderr()
    );
    assert_eq!(ids(&env, "siege"), ["x", "x#3"]);
    // The id it was given is what `show` takes, `#` and all.
    let shown = env.ok(&["show", "x#3"]).stdout();
    assert!(shown.starts_with("Second\n"), "{shown}");
}

#[test]
fn odd_values_in_a_json_lines_record_are_coerced_or_left_out_keeping_the_record() {
    let env = TestEnv::new();
    env.write(
        "dump.jsonl",
        concat!(
            r#"{"id": 7.5, "title": ["Siege", "of Kars"], "year": "1855", "text": 42}"#,
            "\n",
            r#"{"id": "b", "title": {"x": 1}, "year": "soon", "sections": [null, {"heading": "Walls", "text": ["Siege", "lines"]}, 3], "reading": [null, "A Book"]}"#,
            "\n",
            r#"{"id": "c", "title": "Plain", "year": 99999999, "sections": {"heading": "Only", "text": "A siege alone."}, "lang": false}"#,
            "\n",
        ),
    );
    let run = env.ok(&["index"]);
    let stderr = run.stderr();
    for note in [
        "line 2: title is an object, not text; left out",
        "line 2: year \"soon\" is not a date; left out",
        "line 2: section 1 is null, not a section; left out",
        "line 2: section 3 is a number, not a section; left out",
        "line 2: reading entry 1 is neither a title nor a book; left out",
        "line 3: year 99999999 is out of range; left out",
        "line 3: lang is true or false, not text; left out",
    ] {
        assert!(stderr.contains(note), "{note}: {stderr}");
    }
    assert!(
        run.stdout().contains("Index holds 3 articles"),
        "{}",
        run.stdout()
    );
    let hits = env.search_json(&["siege", "-n", "10"]);
    let hits = hits["hits"].as_array().unwrap();
    let of = |id: &str| hits.iter().find(|h| h["article"] == id).unwrap();
    assert_eq!(of("7.5")["title"], "Siege of Kars");
    assert_eq!(of("7.5")["year"], 1855);
    assert_eq!(of("b")["section"], "walls");
    assert_eq!(of("c")["section"], "only");
    assert_eq!(env.search_json(&["42"])["hits"][0]["article"], "7.5");
    let books = env.ok(&["books", "--json"]).json();
    assert_eq!(books["books"][0]["title"], "A Book", "{books}");
}

#[test]
fn json_lines_records_are_read_under_the_keys_other_dumps_give_them() {
    let env = TestEnv::new();
    env.write(
        "dump.jsonl",
        concat!(
            r#"{"docno": "FT-1", "headline": "The Congress of Vienna", "content": "Met in 1814."}"#,
            "\n",
            r#"{"Id": "n2", "Title": "Treaty of Nerchinsk", "Sections": [{"title": "Background", "content": "Signed with Qing China."}, {"name": "Legacy", "paragraphs": ["Jesuits translated it."], "subsections": [{"header": "Border", "body": "Fixed on the Argun."}]}]}"#,
            "\n",
            // Two names for one field, and a key written twice, keep the record.
            r#"{"id": "n3", "title": "Lepanto", "title": "Battle of Lepanto", "text": "A galley fight.", "tags": ["naval"], "keywords": ["1571"], "author": "X", "authors": ["Y"]}"#,
            "\n",
        ),
    );
    let run = env.ok(&["index"]);
    assert!(
        run.stderr()
            .contains("line 3: \"title\" is written twice; the last is read"),
        "{}",
        run.stderr()
    );
    assert!(
        run.stdout().contains("Index holds 3 articles"),
        "{}",
        run.stdout()
    );
    let hit = |query: &str| env.search_json(&[query])["hits"][0].clone();
    assert_eq!(hit("vienna")["article"], "FT-1");
    assert_eq!(hit("vienna")["title"], "The Congress of Vienna");
    assert_eq!(hit("qing")["heading"], "Background");
    assert_eq!(hit("jesuits")["heading"], "Legacy");
    assert_eq!(hit("argun")["heading"], "Legacy › Border");
    assert_eq!(hit("galley")["title"], "Battle of Lepanto");
    assert_eq!(hit("tags:naval")["article"], "n3");
}

#[test]
fn an_index_is_updated_from_the_folder_it_was_built_from() {
    let env = TestEnv::new();
    let notes = env.root().join("notes");
    std::fs::create_dir_all(&notes).unwrap();
    std::fs::write(notes.join("a.txt"), "Rapallo\nSigned in 1922.\n").unwrap();
    // The folder given to `index` as an argument, as --corpus gives it.
    env.ok(&["index", "notes", "--quiet"]);
    assert_eq!(env.search_json(&["rapallo"])["total"], 1);
    // Later updates need no folder: the index says which it was built from.
    std::fs::write(notes.join("b.txt"), "Locarno\nInitialled in 1925.\n").unwrap();
    let run = env.ok(&["index"]);
    assert!(run.stdout().contains("1 added"), "{}", run.stdout());
    assert_eq!(env.search_json(&["locarno"])["total"], 1);
    // Two different folders at once is a usage error.
    let run = env.run(&["--corpus", "corpus", "index", "notes"]);
    assert_eq!(run.code(), 2, "{}", run.stderr());
    assert!(
        run.stderr().contains("name two corpus folders"),
        "{}",
        run.stderr()
    );
}

#[test]
fn one_file_is_a_corpus_of_its_own_shown_and_updated_as_given() {
    let env = TestEnv::new();
    let dumps = env.root().join("dumps");
    std::fs::create_dir_all(&dumps).unwrap();
    // A neighbour in the same folder stays out: the corpus is the one file.
    std::fs::write(dumps.join("other.txt"), "Locarno\nInitialled in 1925.\n").unwrap();
    let dump = dumps.join("wiki.jsonl");
    std::fs::write(
        &dump,
        "{\"id\":\"r1\",\"title\":\"Rapallo\",\"text\":\"Signed in 1922.\"}\n",
    )
    .unwrap();
    let run = env.ok(&["index", "dumps/wiki.jsonl", "--json"]);
    assert_eq!(run.json()["articles"], 1, "{}", run.stdout());
    assert_eq!(env.search_json(&["locarno"])["total"], 0);
    let hit = env.search_json(&["rapallo"])["hits"][0].clone();
    assert_eq!(hit["path"], "dumps/wiki.jsonl", "{hit}");
    // `show` takes the path as searches print it.
    let shown = env.ok(&["show", "dumps/wiki.jsonl"]).stdout();
    assert!(shown.contains("Signed in 1922."), "{shown}");
    // Later updates need no path, and read the file's changes.
    std::fs::write(
        &dump,
        "{\"id\":\"r1\",\"title\":\"Rapallo\",\"text\":\"Signed near Genoa.\"}\n",
    )
    .unwrap();
    let run = env.ok(&["index"]);
    assert!(run.stdout().contains("1 updated"), "{}", run.stdout());
    assert_eq!(env.search_json(&["genoa"])["total"], 1);
    let stats = env.ok(&["stats"]).stdout();
    assert!(stats.contains("wiki.jsonl"), "{stats}");
    // A file of a kind annals does not read is a usage error naming it.
    std::fs::write(dumps.join("notes.xyz"), "Text.\n").unwrap();
    let run = env.run(&["--index", "other", "index", "dumps/notes.xyz"]);
    assert_eq!(run.code(), 2, "{}", run.stderr());
    assert!(
        run.stderr().contains(
            "corpus dumps/notes.xyz is a file annals cannot index: it reads no .xyz files"
        ),
        "{}",
        run.stderr()
    );
}

#[test]
fn text_wrapped_at_a_fixed_width_is_read_paragraph_by_paragraph() {
    let env = TestEnv::new();
    env.write(
        "vienna.txt",
        "The Congress of Vienna\n\n\
         THE MEETING OF THE POWERS\n\n\
         The Congress of Vienna was a series of international diplomatic\n\
         meetings to discuss and agree upon a possible new layout of the\n\
         European political and constitutional order after the downfall of\n\
         the French Emperor Napoleon Bonaparte.\n\n\
         THE FINAL ACT\n\n\
         The Final Act was signed nine days before the defeat of Napoleon at\n\
         Waterloo on 18 June 1815.\n",
    );
    env.ok(&["index", "--quiet"]);
    // Two sections, each one paragraph: no wrapped line is a heading.
    let stats = env.ok(&["stats"]);
    assert!(
        stats.stdout().contains("sections:        2"),
        "{}",
        stats.stdout()
    );
    // A phrase across a line break is found, in its section.
    let found = env.search_json(&["\"diplomatic meetings\""]);
    assert_eq!(found["total"], 1, "{found}");
    assert_eq!(found["hits"][0]["heading"], "THE MEETING OF THE POWERS");
    let found = env.search_json(&["waterloo"]);
    assert_eq!(found["hits"][0]["heading"], "THE FINAL ACT", "{found}");
}

#[test]
fn a_json_lines_record_with_only_a_title_is_found_by_it() {
    let env = TestEnv::new();
    env.write(
        "catalogue.jsonl",
        concat!(
            r#"{"_id": "1", "title": "A Sparse Matrix Package", "text": ""}"#,
            "\n",
            r#"{"_id": "2", "title": "", "text": " "}"#,
            "\n",
            r#"{"_id": "3", "title": "Dense Matrices", "text": "Inverting dense matrices."}"#,
            "\n",
        ),
    );
    let run = env.ok(&["index"]);
    assert!(
        run.stdout().contains("Index holds 2 articles"),
        "{}",
        run.stdout()
    );
    assert!(
        run.stderr().contains("line 2: no text to index; left out"),
        "{}",
        run.stderr()
    );
    assert!(!run.stderr().contains("line 1:"), "{}", run.stderr());
    let found = env.search_json(&["package"]);
    assert_eq!(found["total"], 1, "{found}");
    assert_eq!(found["hits"][0]["article"], "1");
    assert_eq!(found["hits"][0]["title"], "A Sparse Matrix Package");
    assert_eq!(found["hits"][0]["text"], "");
    let both = env.search_json(&["matrix", "OR", "matrices"]);
    assert_eq!(both["total"], 2, "{both}");
}

#[test]
fn a_gzipped_json_lines_dump_is_read_and_updated_record_by_record() {
    use std::io::Write;
    let gzip = |lines: &str| {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        encoder.write_all(lines.as_bytes()).unwrap();
        encoder.finish().unwrap()
    };
    let first = r#"{"id": "a", "title": "Siege of Kars", "text": "The siege of Kars in 1855."}"#;
    let second = r#"{"id": "b", "title": "Armistice", "text": "An armistice was signed."}"#;
    let env = TestEnv::new();
    env.write("dump.jsonl.gz", gzip(&format!("{first}\n")));
    let run = env.ok(&["index"]);
    assert!(
        run.stdout().contains("Index holds 1 article"),
        "{}",
        run.stdout()
    );
    let hit = &env.search_json(&["kars"])["hits"][0];
    assert_eq!(hit["article"], "a");
    assert_eq!(hit["path"], "corpus/dump.jsonl.gz");
    // A record added is read record by record, as in a dump that is not compressed.
    env.write("dump.jsonl.gz", gzip(&format!("{first}\n{second}\n")));
    let run = env.ok(&["index"]);
    assert!(
        run.stdout().contains("1 record indexed, 0 removed"),
        "{}",
        run.stdout()
    );
    assert_eq!(env.search_json(&["armistice"])["hits"][0]["article"], "b");
    // A file that is not gzip is named, and the rest of the corpus is indexed.
    env.write("broken.jsonl.gz", "not gzip at all");
    let run = env.ok(&["index"]);
    assert!(
        run.stderr()
            .contains("corpus/broken.jsonl.gz: cannot be read: invalid gzip header"),
        "{}",
        run.stderr()
    );
    assert_eq!(env.search_json(&["kars"])["total"], 1);
    // Two dumps' members one after the other (`cat a.gz b.gz`), padded with zeros as a
    // download may leave a file: both read, the padding left alone, as `gzip -d` does.
    let third = r#"{"id": "c", "title": "Tilsit", "text": "The treaty of Tilsit."}"#;
    let fourth = r#"{"id": "d", "title": "Erfurt", "text": "The congress of Erfurt."}"#;
    let padded = [
        gzip(&format!("{third}\n")),
        gzip(&format!("{fourth}\n")),
        vec![0; 1024],
    ];
    env.write("padded.jsonl.gz", padded.concat());
    let run = env.ok(&["index"]);
    assert!(!run.stderr().contains("padded"), "{}", run.stderr());
    assert_eq!(env.search_json(&["tilsit"])["hits"][0]["article"], "c");
    assert_eq!(env.search_json(&["erfurt"])["hits"][0]["article"], "d");
}

#[test]
fn a_gzipped_page_or_text_is_read_as_its_inner_format_and_held_to_the_limit_decompressed() {
    use std::io::Write;
    let gzip = |text: &[u8]| {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        encoder.write_all(text).unwrap();
        encoder.finish().unwrap()
    };
    let env = TestEnv::new();
    env.write(
        "pages/kars.html.gz",
        gzip(b"<html><head><title>Siege of Kars</title></head><body><h2>The Siege</h2><p>Kars held out in 1855.</p></body></html>"),
    );
    env.write(
        "notes.txt.gz",
        gzip(b"Armistice notes\n\nAn armistice was signed at Mudros."),
    );
    // Two megabytes of one letter: a few kilobytes compressed, over the limit decompressed.
    env.write("bomb.txt.gz", gzip(&vec![b'a'; 2 << 20]));
    env.write("changelog.Debian.gz", gzip(b"not an article"));
    let run = env.ok(&["index", "--max-file-size", "1M"]);
    assert!(
        run.stdout().contains("Index holds 2 articles"),
        "{}",
        run.stdout()
    );
    assert!(
        run.stdout()
            .contains("ignored 1 file of unknown type (.gz 1)"),
        "{}",
        run.stdout()
    );
    assert!(
        run.stderr()
            .contains("corpus/bomb.txt.gz: larger than the size limit"),
        "{}",
        run.stderr()
    );
    let hit = &env.search_json(&["kars"])["hits"][0];
    assert_eq!(hit["article"], "pages/kars", "{hit}");
    assert_eq!(hit["title"], "Siege of Kars", "{hit}");
    assert_eq!(hit["heading"], "The Siege", "{hit}");
    let hit = &env.search_json(&["mudros"])["hits"][0];
    assert_eq!(hit["article"], "notes", "{hit}");
    assert_eq!(hit["path"], "corpus/notes.txt.gz", "{hit}");
}

/// The peak resident memory of a running process, in KiB, from `/proc`.
fn peak_rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

#[test]
fn a_json_lines_dump_of_100_mb_is_read_in_bounded_memory() {
    let env = TestEnv::new();
    // 100,000 records of about 1 KB: the file is read a chunk at a time, so memory holds a
    // chunk and the writer's budget, not the file.
    let mut dump = String::with_capacity(105 << 20);
    let mut i = 0;
    while dump.len() < 100 << 20 {
        let words: String = (0..120)
            .map(|j| format!("w{} ", (i * 7 + j * 13) % 5003))
            .collect();
        dump.push_str(&format!(
            "{{\"id\":\"r{i}\",\"title\":\"Record {i}\",\"text\":\"The armistice {words}\"}}\n"
        ));
        i += 1;
    }
    env.write("dump.jsonl", &dump);
    let records = i;
    drop(dump);
    let peak = peak_rss_of_index(&env);
    assert!(peak < 300 * 1024, "peak RSS {peak} KiB for a 100 MB dump");
    let stats = env.ok(&["stats", "--json"]).json();
    assert_eq!(stats["articles"], records as u64, "{stats}");

    // One line appended: that record alone is read, in memory bounded by the dump's
    // record keys, not by the dump (a whole re-read took over 1 GB on a 16 MB dump).
    let mut file = std::fs::OpenOptions::new()
        .append(true)
        .open(env.corpus().join("dump.jsonl"))
        .unwrap();
    writeln!(file, "{{\"id\":\"late\",\"text\":\"A zqxlate record.\"}}").unwrap();
    drop(file);
    let peak = peak_rss_of_index(&env);
    assert!(peak < 100 * 1024, "peak RSS {peak} KiB updating one record");
    let stats = env.ok(&["stats", "--json"]).json();
    assert_eq!(stats["articles"], records as u64 + 1, "{stats}");
    assert_eq!(env.search_json(&["zqxlate"])["total"], 1);
}

/// Run `annals index --quiet` to the end, and return its peak resident memory in KiB.
fn peak_rss_of_index(env: &TestEnv) -> u64 {
    let mut child = env
        .cmd(&["index", "--quiet"])
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let pid = child.id();
    let mut peak = 0;
    let status = loop {
        if let Some(kib) = peak_rss_kib(pid) {
            peak = peak.max(kib);
        }
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    assert!(status.success());
    assert!(peak > 0, "no memory figure read from /proc");
    peak
}

#[test]
fn many_files_skipped_for_one_reason_are_named_three_times_and_counted() {
    let env = TestEnv::with_sample();
    for i in 0..10 {
        env.write(&format!("empty{i}.md"), "");
    }
    env.write("fake.txt", b"binary\x00");
    let run = env.ok(&["index"]);
    let stderr = run.stderr();
    assert_eq!(stderr.matches("no text to index").count(), 3, "{stderr}");
    assert!(
        stderr.contains("skipped: corpus/fake.txt: binary file"),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "7 more files skipped or warned about for the reasons above (`annals stats \
             --problems` lists them all)"
        ),
        "{stderr}"
    );
    assert!(run.stdout().contains("11 skipped"), "{}", run.stdout());
    let problems = env.ok(&["stats", "--problems"]).stdout();
    assert_eq!(
        problems.matches("no text to index").count(),
        10,
        "{problems}"
    );
}

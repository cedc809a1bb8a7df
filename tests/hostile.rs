//! Hostile input: corpus files and queries that must not crash, hang or abort a run.

use std::time::{Duration, Instant};

use crate::util::TestEnv;

/// A corpus with one file of each awkward kind, indexed once.
fn hostile_env() -> (TestEnv, String, String, Duration) {
    let env = TestEnv::new();
    env.write(
        "oneline12m.txt",
        format!("Long Line\n{}", "word ".repeat(2_400_000)),
    );
    env.write("big50m.txt", "x".repeat(50_000_000));
    env.write(
        "noheadings10m.txt",
        format!(
            "Plain Title\n{}",
            "This sentence has no heading at all. ".repeat(280_000)
        ),
    );
    env.write(
        "deep.html",
        format!(
            "<html><body>{}nested words{}</body></html>",
            "<div>".repeat(100_000),
            "</div>".repeat(100_000)
        ),
    );
    // Links, commands and templates nested without end: no stack overflow aborts the run.
    env.write(
        "nestedlinks.wiki",
        format!("{}x{}", "[[a|".repeat(50_000), "]]".repeat(50_000)),
    );
    env.write(
        "nestedtemplates.wiki",
        format!("{}x{}", "{{nowrap|".repeat(50_000), "}}".repeat(50_000)),
    );
    env.write(
        "nestedemph.tex",
        format!("{}x{}", "\\emph{".repeat(50_000), "}".repeat(50_000)),
    );
    let mut binary = b"<html>".to_vec();
    binary.extend((0..100_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8));
    env.write("binary.html", binary);
    env.write(
        "badutf8.txt",
        b"Broken Bytes\nGood start \xff\xfe bad middle, good end.\n".as_slice(),
    );
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in "Sixteen Bits\nText in UTF-16 with a BOM.\n".encode_utf16() {
        utf16.extend(unit.to_le_bytes());
    }
    env.write("utf16.txt", utf16);
    env.write(
        "crlf.txt",
        "Windows Lines\r\nFirst body line.\r\nSecond Part\r\nCrlf body.\r\n",
    );
    env.write(
        "cr.txt",
        "Old Mac Lines\rFirst body line.\rAnother Part\rCarriage body.\r",
    );
    env.write(
        "broken.jsonl",
        "{\"id\":\"a\",\"title\":\"Good Alpha\",\"text\":\"alphaword\"}\n{broken\n{\"id\":\"c\",\"title\":\"Good Gamma\",\"text\":\"gammaword\"}\n",
    );
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        use std::os::unix::fs::symlink;
        let corpus = env.corpus();
        let odd = std::ffi::OsStr::from_bytes(b"odd\xffname.txt");
        std::fs::write(
            corpus.join(odd),
            "Odd Name\nA file whose name is not UTF-8.\n",
        )
        .unwrap();
        symlink("loop", corpus.join("loop")).unwrap();
        std::fs::create_dir(corpus.join("sub")).unwrap();
        symlink("..", corpus.join("sub/up")).unwrap();
        let outside = env.root().join("outside.txt");
        std::fs::write(&outside, "Outside\nOutsideword must not be indexed.\n").unwrap();
        symlink(&outside, corpus.join("outside.txt")).unwrap();
    }
    let started = Instant::now();
    let run = env.run(&["index", "--json"]);
    let took = started.elapsed();
    assert_eq!(run.code(), 0, "{}", run.stderr());
    (env, run.stdout(), run.stderr(), took)
}

#[test]
fn a_hostile_corpus_is_indexed_as_far_as_possible_and_every_problem_named() {
    let (env, summary, stderr, took) = hostile_env();
    assert!(took < Duration::from_secs(120), "bounded time: {took:?}");
    let summary: serde_json::Value = serde_json::from_str(&summary).unwrap();
    // Skipped: the file over the size limit and the binary one, each named with the reason,
    // and the three nested without end, whose text is too deep to read.
    assert_eq!(summary["skipped"], 5, "{stderr}");
    for nested in ["nestedlinks.wiki", "nestedtemplates.wiki", "nestedemph.tex"] {
        assert!(
            stderr.contains(&format!("{nested}: no text to index")),
            "{stderr}"
        );
    }
    assert!(
        stderr.contains("big50m.txt: larger than the size limit"),
        "{stderr}"
    );
    assert!(stderr.contains("binary.html: binary file"), "{stderr}");
    // Warnings name the file, and the line for JSON Lines.
    assert!(
        stderr.contains("badutf8.txt: not UTF-8; read as"),
        "{stderr}"
    );
    assert!(stderr.contains("broken.jsonl: line 2:"), "{stderr}");
    assert!(stderr.contains("deep.html: elements nested"), "{stderr}");

    let total = |q: &str| env.search_json(&[q])["total"].as_u64().unwrap();
    let first_title = |q: &str| env.search_json(&[q])["hits"][0]["title"].clone();
    assert_eq!(first_title("alphaword"), "Good Alpha");
    assert_eq!(first_title("gammaword"), "Good Gamma");
    assert_eq!(first_title("bits"), "Sixteen Bits");
    assert_eq!(first_title("crlf"), "Windows Lines");
    assert_eq!(first_title("carriage"), "Old Mac Lines");
    assert_eq!(first_title("middle"), "Broken Bytes");
    assert_eq!(first_title("nested"), "deep");
    assert!(total("word") >= 1, "the 12 MB line is indexed");
    assert!(
        total("sentence") >= 1,
        "the 10 MB file without headings is indexed"
    );
    #[cfg(unix)]
    {
        assert_eq!(first_title("odd"), "Odd Name");
        assert_eq!(
            total("outsideword"),
            0,
            "symlinks out of the corpus are not followed"
        );
    }
    // Nothing was modified in the corpus.
    assert_eq!(
        std::fs::metadata(env.corpus().join("big50m.txt"))
            .unwrap()
            .len(),
        50_000_000
    );
}

#[test]
fn hostile_queries_answer_or_fail_clearly_and_quickly() {
    let env = TestEnv::with_sample();
    env.ok(&["index", "--quiet"]);
    let nested = format!("{}a{}", "(".repeat(10_000), ")".repeat(10_000));
    let unmatched = "(".repeat(10_000);
    let after_quote = format!("\" {nested}");
    let many = "treaty ".repeat(10_000);
    let long_word = "a".repeat(5_000);
    for (query, code, needle) in [
        (nested.as_str(), 2, "nest more than 32 deep"),
        // Parentheses without their match are text; a quote that closes nothing is text,
        // and the parentheses after it still count.
        (unmatched.as_str(), 0, "No hits"),
        (after_quote.as_str(), 2, "nest more than 32 deep"),
        (
            many.as_str(),
            0,
            "searched the first 1024 of the query's 10000 words",
        ),
        ("(((", 0, "No hits"),
        ("\"", 0, "No hits"),
        ("title:", 0, "No hits"),
        ("-", 0, "No hits"),
        ("year:[1900 TO", 2, "position 1"),
        ("*", 0, ""),
        ("the of and", 0, "No hits"),
        ("!!! ???", 0, "No hits"),
        ("a\u{1}b\u{7}c", 0, "No hits for \"a\\x01b\\x07c\""),
        (long_word.as_str(), 0, "No hits"),
        ("rapalloo~~", 0, ""),
    ] {
        let started = Instant::now();
        let run = env.run(&["search", query]);
        assert!(started.elapsed() < Duration::from_secs(20), "{query:.20}");
        assert_eq!(run.code(), code, "{query:.40}: {}", run.stderr());
        let all = run.stdout() + &run.stderr();
        assert!(all.contains(needle), "{query:.40}: {all:.300}");
        assert!(!all.contains("panicked"), "{all}");
    }
    for (args, needle) in [
        (
            vec!["search", "--offset", "18446744073709551615", "x"],
            "--offset",
        ),
        (
            vec!["search", "--year", "99999999999999999999..", "x"],
            "--year",
        ),
        (vec!["search", "--limit", "0", "x"], "--limit"),
    ] {
        let run = env.run(&args);
        assert_eq!(run.code(), 2, "{args:?}");
        assert!(run.stderr().contains(needle), "{}", run.stderr());
    }
}

#[test]
fn a_hundred_thousand_empty_files_are_skipped_in_bounded_time() {
    let env = TestEnv::new();
    for i in 0..100_000 {
        std::fs::write(env.corpus().join(format!("e{i:06}.txt")), "").unwrap();
    }
    env.write("real.txt", "Real Article\nThe only text in the corpus.\n");
    let started = Instant::now();
    let run = env.run(&["index", "--json", "--quiet"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert!(started.elapsed() < Duration::from_secs(120));
    let summary = run.json();
    assert_eq!(summary["skipped"], 100_000);
    assert_eq!(summary["articles"], 1);
    assert_eq!(
        env.search_json(&["only", "text"])["hits"][0]["title"],
        "Real Article"
    );
    // Nothing to do the second time: every file is known, none is read again.
    let again = env.ok(&["index", "--json", "--quiet"]).json();
    assert_eq!(again["unchanged"], 100_001);
    assert_eq!(again["skipped"], 0);
}

#[cfg(unix)]
#[test]
fn follow_takes_symlinks_out_of_the_corpus_and_reports_loops() {
    use std::os::unix::fs::symlink;
    let env = TestEnv::new();
    env.write("inside.txt", "Inside\nInsideword is here.\n");
    let outside = env.root().join("elsewhere");
    std::fs::create_dir(&outside).unwrap();
    std::fs::write(
        outside.join("far.txt"),
        "Far Away\nOutsideword lives here.\n",
    )
    .unwrap();
    symlink(&outside, env.corpus().join("linked")).unwrap();
    std::fs::create_dir(env.corpus().join("sub")).unwrap();
    symlink("..", env.corpus().join("sub/up")).unwrap();

    // Not followed, and the summary says so, with how to follow them.
    let first = env.ok(&["index"]).stdout();
    assert!(
        first.contains("did not follow 2 symbolic links (--follow reads what they point to)"),
        "{first}"
    );
    assert_eq!(env.ok(&["index", "--json"]).json()["links_not_followed"], 2);
    assert_eq!(env.search_json(&["outsideword"])["total"], 0);

    let run = env.run(&["index", "--follow"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert!(
        run.stderr().contains("sub/up"),
        "the loop is reported: {}",
        run.stderr()
    );
    let hit = env.search_json(&["outsideword"]);
    assert_eq!(hit["hits"][0]["title"], "Far Away");
    assert_eq!(hit["hits"][0]["path"], "corpus/linked/far.txt");
}

/// Total size of the files under `dir`.
fn folder_bytes(dir: &std::path::Path) -> u64 {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.metadata().unwrap().len())
        .sum()
}

#[test]
fn title_bombs_do_not_amplify_the_index() {
    let env = TestEnv::new();
    let title: String = (0..25_000).map(|i| format!("w{i} ")).collect();
    let sections: String = (0..2_000)
        .map(|i| format!("<h2>Section {i}</h2><p>text {i}</p>"))
        .collect();
    env.write(
        "bomb.html",
        format!("<html><head><title>{title}</title></head><body>{sections}</body></html>"),
    );
    let md_sections: String = (0..2_000)
        .map(|i| format!("## {title:.3000} {i}\n\ntext {i}\n\n"))
        .collect();
    env.write("bomb.md", format!("# {title}\n\n{md_sections}"));
    let records: String = (0..200)
        .map(|i| {
            format!("{{\"id\":\"r{i}\",\"title\":\"{title:.20000}\",\"text\":\"text {i}\"}}\n")
        })
        .collect();
    env.write("bomb.jsonl", records);
    env.ok(&["index", "--quiet"]);
    let corpus = folder_bytes(&env.corpus());
    let index = folder_bytes(&env.index());
    assert!(
        index < 5 * corpus,
        "index {index} bytes for a corpus of {corpus} bytes"
    );
    // Titles and headings are capped, and so is what a search prints.
    let results = env.search_json(&["text", "-n", "100"]);
    for hit in results["hits"].as_array().unwrap() {
        assert!(
            hit["title"].as_str().unwrap().chars().count() <= 300,
            "{hit}"
        );
        assert!(hit["heading"].as_str().unwrap().chars().count() <= 200 * 8);
    }
}

/// A one-page PDF whose page shows `content` (compressed when `deflate`), and whose
/// document information holds `info`.
fn raw_pdf(info: &str, content: &[u8], deflate: bool) -> Vec<u8> {
    use std::io::Write;
    let (filter, data) = match deflate {
        true => {
            let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
            z.write_all(content).unwrap();
            (" /Filter /FlateDecode", z.finish().unwrap())
        }
        false => ("", content.to_vec()),
    };
    let mut stream = format!("<< /Length {}{filter} >>\nstream\n", data.len()).into_bytes();
    stream.extend_from_slice(&data);
    stream.extend_from_slice(b"\nendstream");
    let objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R \
          /Resources << /Font << /F1 5 0 R >> >> >>"
            .to_vec(),
        stream,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec(),
        info.as_bytes().to_vec(),
    ];
    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, object) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        pdf.extend_from_slice(object);
        pdf.extend_from_slice(b"\nendobj\n");
    }
    let xref = pdf.len();
    pdf.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for offset in offsets {
        pdf.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    pdf.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R /Info 6 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    pdf
}

/// PDFs that would overflow the parser's stack, or inflate to more than memory holds, are
/// skipped with the reason, and the run goes on.
#[test]
fn pdfs_nested_too_deep_or_inflating_without_end_are_skipped_not_fatal() {
    let env = TestEnv::new();
    let text = b"BT /F1 12 Tf 72 720 Td (Treaty of Westphalia 1648) Tj ET";
    let deep = |open: &str, close: &str| open.repeat(200_000) + &close.repeat(200_000);
    env.write("good.pdf", raw_pdf("<< /Title (Good) >>", text, true));
    let info = format!("<< /Title {} >>", deep("[", "]"));
    env.write("info.pdf", raw_pdf(&info, text, false));
    let dict = format!("<< /Title (D) /A {} >>", deep("<< /B ", " >>"));
    env.write("dict.pdf", raw_pdf(&dict, text, false));
    let content = format!("BT {} TJ ET", deep("[", "]"));
    let title = "<< /Title (C) >>";
    env.write("content.pdf", raw_pdf(title, content.as_bytes(), true));
    env.write("plain.pdf", raw_pdf(title, content.as_bytes(), false));
    // A page drawing 160 MB of lines, compressed to a few hundred kilobytes.
    let drawing = b"0 0 m 1 1 l S\n".repeat(12_000_000);
    env.write("bomb.pdf", raw_pdf(title, &drawing, true));
    env.ok(&["index", "--quiet"]);
    let problems = env.ok(&["stats", "--problems"]).stdout();
    for name in ["info", "dict", "content", "plain"] {
        assert!(
            problems.contains(&format!(
                "corpus/{name}.pdf: cannot be read as PDF: arrays or dictionaries nested"
            )),
            "{problems}"
        );
    }
    assert!(
        problems.contains("corpus/bomb.pdf: cannot be read as PDF: a compressed stream inflates"),
        "{problems}"
    );
    assert_eq!(env.search_json(&["westphalia"])["total"], 1);
}

/// BibTeX abbreviations defined by themselves, or doubling forty times, would overflow the
/// parser's stack or expand to a terabyte: the file is skipped saying why, and the run
/// goes on.
#[test]
fn bibtex_strings_without_end_are_skipped_not_fatal() {
    let env = TestEnv::new();
    env.write(
        "self.bib",
        "@string{self = self # self}\n@book{k1, title = self, year = 1901}\n",
    );
    let mut doubling = String::from("@string{a0 = \"lol\"}\n");
    for i in 1..40 {
        doubling.push_str(&format!("@string{{a{i} = a{} # a{}}}\n", i - 1, i - 1));
    }
    doubling.push_str("@book{k2, title = a39, year = 1902}\n");
    env.write("doubling.bib", doubling);
    env.write(
        "good.bib",
        "@string{pub = {Harvard University Press}}\n\
         @book{k3, title = {The Congress of Vienna}, publisher = pub, year = 1946}\n",
    );
    env.ok(&["index", "--quiet"]);
    let problems = env.ok(&["stats", "--problems"]).stdout();
    assert!(
        problems.contains(
            "corpus/self.bib: cannot be read as BibTeX: @string self is defined by itself"
        ),
        "{problems}"
    );
    assert!(
        problems.contains("corpus/doubling.bib: cannot be read as BibTeX: @string a"),
        "{problems}"
    );
    assert_eq!(env.search_json(&["harvard"])["total"], 1);
}

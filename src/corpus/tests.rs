//! Parser tests on the sample article and its equivalents in the other formats.

use super::*;

const SAMPLE: &str = include_str!("../../corpus/000_d5788bac9f20a018.txt");

const RED_ARMY: &str = "The Soviet-Japanese War 1939: The Red Army’s First Victory";
const JAPAN_USSR: &str = "Japan and the Soviet Union: 1941-1945";
const LIST_HEADING: &str = "Recommended Reading on Japan and Soviet Diplomacy";

fn only_article(rel: &str, format: Format, text: &str) -> Article {
    let content = parse_bytes(rel, format, text.as_bytes());
    assert_eq!(content.skipped, None, "{rel} was skipped");
    assert!(content.warnings.is_empty(), "{:?}", content.warnings);
    assert_eq!(content.articles.len(), 1);
    content.articles.into_iter().next().unwrap()
}

fn headings(article: &Article) -> Vec<String> {
    article
        .sections
        .iter()
        .map(|s| s.display_heading(&article.title))
        .collect()
}

/// What every format's version of the sample must yield.
fn assert_sample_shape(article: &Article, expected_sections: &[&str]) {
    assert_eq!(article.title, "Setting the Stage for Diplomacy");
    assert_eq!(article.year, Some(1925));
    assert_eq!(headings(article), expected_sections);
    let books: Vec<_> = article
        .reading
        .iter()
        .map(|r| (r.title.as_str(), r.heading.as_str()))
        .collect();
    assert_eq!(
        books,
        vec![(RED_ARMY, LIST_HEADING), (JAPAN_USSR, LIST_HEADING)]
    );
}

#[test]
fn the_sample_article_has_eight_sections_two_books_and_its_year() {
    let article = only_article("000_d5788bac9f20a018.txt", Format::Text, SAMPLE);
    assert_eq!(article.id, "000_d5788bac9f20a018");
    assert_sample_shape(
        &article,
        &[
            "Setting the Stage for Diplomacy",
            "Historical Context of Japan and the Soviet Union",
            "Key Events Leading to Diplomatic Relations",
            "Significance of the 1925 Diplomacy",
            "Impact on International Relations",
            "Legacy of the Diplomatic Ties",
            "Fun Fact › The Unusual Early Collaboration",
            "Additional Resources › Recommended Reading on Japan and Soviet Diplomacy",
        ],
    );
    assert!(article.sections[0].headings.is_empty());
    assert!(article.sections[2]
        .text
        .contains("Treaty of Rapallo in 1922"));
    assert_eq!(
        article
            .sections
            .iter()
            .map(|s| s.position)
            .collect::<Vec<_>>(),
        (0..8).collect::<Vec<_>>()
    );
    assert!(article.reading.iter().all(|r| r.author.is_none()));
}

const SHORT_SECTIONS: &[&str] = &[
    "Setting the Stage for Diplomacy",
    "Key Events Leading to Diplomatic Relations",
    "Fun Fact › The Unusual Early Collaboration",
    "Additional Resources › Recommended Reading on Japan and Soviet Diplomacy",
];

#[test]
fn the_markdown_version_matches() {
    let md = format!(
        "# Setting the Stage for Diplomacy\n\nIn 1925, Japan and the Soviet Union established relations.\n\n\
         ## Key Events Leading to Diplomatic Relations\n\nThe Treaty of Rapallo in 1922.\n\n\
         ## Fun Fact\n\n### The Unusual Early Collaboration\n\nThey collaborated.\n\n\
         ## Additional Resources\n\n### {LIST_HEADING}\n\n- *{RED_ARMY}*\n- \"{JAPAN_USSR}\"\n"
    );
    let article = only_article("notes/sample.md", Format::Markdown, &md);
    assert_eq!(article.id, "notes/sample");
    assert_sample_shape(&article, SHORT_SECTIONS);
    assert!(
        !article.sections[3].text.contains('*'),
        "markup is stripped"
    );
}

#[test]
fn the_html_version_matches() {
    let html = format!(
        "<!doctype html><html><head><title>Setting the Stage for Diplomacy</title></head><body>\
         <nav><a href=\"/\">Home</a></nav>\
         <h1>Setting the Stage for Diplomacy</h1><p>In 1925, Japan and the Soviet Union established relations.</p>\
         <h2>Key Events Leading to Diplomatic Relations</h2><p>The Treaty of <b>Rapallo</b> in 1922.</p>\
         <h2>Fun Fact</h2><h3>The Unusual Early Collaboration</h3><p>They collaborated.</p>\
         <h2>Additional Resources</h2><h3>{LIST_HEADING}</h3>\
         <p>Read <cite>{RED_ARMY}</cite> and <em>{JAPAN_USSR}</em>.</p>\
         <footer>© somebody</footer></body></html>"
    );
    let article = only_article("sample.html", Format::Html, &html);
    assert_sample_shape(&article, SHORT_SECTIONS);
    let all_text: String = article.sections.iter().map(|s| s.text.as_str()).collect();
    assert!(!all_text.contains("Home") && !all_text.contains("somebody"));
    assert!(all_text.contains("The Treaty of Rapallo in 1922."));
}

#[test]
fn html_entities_are_decoded_once_and_drawings_and_templates_are_not_text() {
    let page = "<html><head><title>The &lt;canvas&gt; Element &mdash; caf&eacute;</title></head>\
                <body><h1>Canvas</h1><p>Write &lt;script&gt; tags with care.</p></body></html>";
    let article = only_article("a.html", Format::Html, page);
    assert_eq!(article.title, "The <canvas> Element — café");
    assert_eq!(article.sections[0].text, "Write <script> tags with care.");

    let page = "<html><body><svg><title>Icon</title><path d=\"M0\"/></svg>\
                <h1>The Real Title</h1><p>Body text.</p>\
                <template><p>hidden template text</p></template></body></html>";
    let article = only_article("b.html", Format::Html, page);
    assert_eq!(article.title, "The Real Title");
    let all: String = article.sections.iter().map(|s| s.text.as_str()).collect();
    assert!(!all.contains("Icon") && !all.contains("template"), "{all}");
}

#[test]
fn an_html_page_says_its_language() {
    let page = "<!doctype html><html class=\"x\" lang=\"de-AT\"><head><title>Wien</title></head>\
                <body><p>Short.</p></body></html>";
    assert_eq!(only_article("w.html", Format::Html, page).lang, "de");
    let page = "<html lang='fr'><body><h1>Paris</h1><p>Court.</p></body></html>";
    assert_eq!(only_article("p.html", Format::Html, page).lang, "fr");
    let page = "<html lang=\"tlh\"><body><h1>Qo'noS</h1><p>Short text.</p></body></html>";
    assert_eq!(only_article("k.html", Format::Html, page).lang, "en");
}

#[test]
fn the_json_lines_version_matches() {
    let record = serde_json::json!({
        "id": "sample",
        "title": "Setting the Stage for Diplomacy",
        "sections": [
            {"heading": "", "text": "In 1925, Japan and the Soviet Union established relations."},
            {"heading": "Key Events Leading to Diplomatic Relations", "text": "The Treaty of Rapallo in 1922."},
            {"heading": "Fun Fact › The Unusual Early Collaboration", "text": "They collaborated."},
            {"heading": "Additional Resources › Recommended Reading on Japan and Soviet Diplomacy",
             "text": format!("Read \"{RED_ARMY}\" and \"{JAPAN_USSR}\".")}
        ]
    });
    let content = parse_bytes(
        "a.jsonl",
        Format::JsonLines,
        format!("{record}\n").as_bytes(),
    );
    let article = &content.articles[0];
    assert_eq!(article.id, "sample");
    assert_eq!(article.title, "Setting the Stage for Diplomacy");
    assert_eq!(article.year, Some(1925));
    assert_eq!(article.reading.len(), 2);
    assert_eq!(article.reading[0].title, RED_ARMY);
}

#[test]
fn json_lines_files_hold_many_articles_and_report_bad_lines() {
    let text = "{\"id\":\"a\",\"title\":\"A\",\"text\":\"One.\"}\n{broken\n{\"title\":\"B\",\"text\":\"Two.\"}\n";
    let content = parse_bytes("dir/many.jsonl", Format::JsonLines, text.as_bytes());
    let ids: Vec<_> = content.articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, vec!["a", "dir/many#3"]);
    assert_eq!(content.warnings.len(), 1);
    assert_eq!(
        content.warnings,
        ["line 2: not valid JSON at column 2: key must be a string; skipped"]
    );
}

#[test]
fn text_not_in_utf8_is_read_in_the_encoding_guessed_with_a_warning() {
    let content = parse_bytes("x.txt", Format::Text, b"Title\nCaf\xe9 society in 1890.");
    assert_eq!(
        content.warnings,
        ["not UTF-8; read as windows-1252, the encoding its bytes suggest"]
    );
    assert_eq!(
        content.articles[0].sections[0].text,
        "Café society in 1890."
    );
    // Declared by the page: no warning.
    let page = b"<meta charset=iso-8859-1><title>Caf\xe9</title><p>Society in 1890.</p>";
    let content = parse_bytes("x.html", Format::Html, page);
    assert!(content.warnings.is_empty(), "{:?}", content.warnings);
    assert_eq!(content.articles[0].title, "Café");
}

#[test]
fn binary_and_empty_files_are_skipped_with_a_reason() {
    let binary = parse_bytes("x.txt", Format::Text, b"%PDF-1.4\0\0\x01binary");
    assert!(binary.articles.is_empty());
    assert!(binary.skipped.unwrap().contains("binary"));
    for empty in ["", "   \n\n", "<html><body></body></html>"] {
        let content = parse_bytes("e.html", Format::Html, empty.as_bytes());
        assert_eq!(
            content.skipped.as_deref(),
            Some("no text to index"),
            "{empty:?}"
        );
    }
}

#[test]
fn oversized_files_are_skipped_without_reading() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("big.txt"), "Title\nSome text here.").unwrap();
    let listing = list_files(dir.path(), false).unwrap();
    let content = read_file(&listing.files[0], 5);
    assert!(content.skipped.unwrap().contains("size limit"));
    let content = read_file(&listing.files[0], DEFAULT_MAX_FILE_SIZE);
    assert_eq!(content.articles.len(), 1);
    assert_ne!(content.hash, 0);
}

#[test]
fn an_archive_is_bounded_apart_from_the_size_limit() {
    let dir = tempfile::tempdir().unwrap();
    // Sparse files: their sizes cost no disk.
    let sized = |name: &str, size: u64| {
        let file = std::fs::File::create(dir.path().join(name)).unwrap();
        file.set_len(size).unwrap();
    };
    sized("huge.epub", MAX_ARCHIVE_BYTES + 1);
    sized("large.epub", 2 * DEFAULT_MAX_FILE_SIZE);
    sized("large.pdf", 2 * DEFAULT_MAX_FILE_SIZE);
    let listing = list_files(dir.path(), false).unwrap();
    let reason = |i: usize| {
        read_file(&listing.files[i], DEFAULT_MAX_FILE_SIZE)
            .skipped
            .unwrap()
    };
    assert!(
        reason(0).contains("the most a PDF or an archive is read to"),
        "{}",
        reason(0)
    );
    // Over the limit of a file, but read: what it holds is judged (here, no zip).
    assert!(
        reason(1).contains("cannot be read as EPUB"),
        "{}",
        reason(1)
    );
    assert!(reason(2).contains("as PDF"), "{}", reason(2));
}

#[test]
fn a_file_deleted_between_listing_and_reading_is_skipped_not_fatal() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("gone.txt"), "Title\nSoon deleted.").unwrap();
    std::fs::write(dir.path().join("kept.txt"), "Kept\nStill here.").unwrap();
    let listing = list_files(dir.path(), false).unwrap();
    std::fs::remove_file(dir.path().join("gone.txt")).unwrap();
    let gone = read_file(&listing.files[0], DEFAULT_MAX_FILE_SIZE);
    assert!(gone.articles.is_empty());
    let reason = gone.skipped.unwrap();
    assert!(reason.starts_with("cannot be read:"), "{reason}");
    let kept = read_file(&listing.files[1], DEFAULT_MAX_FILE_SIZE);
    assert_eq!(kept.articles[0].title, "Kept");
}

#[test]
fn an_untitled_articles_title_is_its_file_name_without_extensions() {
    assert_eq!(file_name_stem("essays/treaty.txt"), "treaty");
    assert_eq!(file_name_stem("dumps/wiki.jsonl.gz"), "wiki");
    assert_eq!(file_name_stem("a.b.md"), "a.b");
    assert_eq!(file_name_stem("plain"), "plain");
}

#[test]
fn a_json_list_holds_many_articles_numbered_by_item() {
    let text = "[\n {\"id\": \"a\", \"title\": \"A\", \"text\": \"One.\"},\n \"stray\",\n {\"title\": \"\", \"text\": \"Two.\", \"year\": \"soon\"}\n]";
    let content = parse_bytes("dir/list.json", Format::Json, text.as_bytes());
    let named: Vec<_> = (content.articles.iter())
        .map(|a| (a.id.as_str(), a.title.as_str()))
        .collect();
    // An item without a title is named by its opening words.
    assert_eq!(named, [("a", "A"), ("dir/list#3", "Two.")]);
    assert_eq!(
        content.warnings,
        [
            "item 2: a string, not a record (a JSON object); skipped",
            "item 3: year \"soon\" is not a date; left out"
        ]
    );
    let none = parse_bytes("config.json", Format::Json, b"{\"editor\": {\"tabs\": 4}}");
    assert!(none.articles.is_empty());
    assert!(none
        .skipped
        .unwrap()
        .starts_with("a JSON object that is no record"));
}

//! FictionBook e-books (`.fb2`, `.fb2.zip`): written here, in the legacy encoding Russian
//! libraries keep them in, and as calibre writes them.

use crate::util::{pairs, zipped, TestEnv};

/// A book as FictionBook Editor writes one: a title-info, an annotation, an epigraph,
/// nested sections with two-line titles, a poem, a table, a note and its mark, a
/// bibliography, a body of notes and a cover picture.
fn book(picture: &str) -> String {
    format!(
        r##"<?xml version="1.0" encoding="windows-1251"?>
<FictionBook xmlns="http://www.gribuser.ru/xml/fictionbook/2.0" xmlns:l="http://www.w3.org/1999/xlink">
 <description>
  <title-info>
   <genre>sci_history</genre>
   <author><first-name>Евгений</first-name><middle-name>Викторович</middle-name><last-name>Тарле</last-name></author>
   <book-title>Талейран</book-title>
   <annotation><p>Книга о великом дипломате и Венском конгрессе.</p></annotation>
   <keywords>дипломатия, Франция</keywords>
   <coverpage><image l:href="#cover.jpg"/></coverpage>
   <lang>ru</lang>
  </title-info>
  <document-info><author><nickname>bookman</nickname></author></document-info>
 </description>
 <body>
  <title><p>Евгений Тарле</p><p>Талейран</p></title>
  <epigraph><p>Язык дан человеку, чтобы скрывать свои мысли.</p><text-author>Талейран</text-author></epigraph>
  <section>
   <title><p>Глава I</p><p>Молодость</p></title>
   <p>Шарль Морис Талейран родился в 1754 году в Париже.<a l:href="#n1" type="note">[1]</a></p>
   <empty-line/>
   <poem><title><p>Песня</p></title><stanza><v>Строка первая,</v><v>строка вторая.</v></stanza></poem>
   <section>
    <title><p>Венский конгресс</p></title>
    <p>На <emphasis>Венском конгрессе</emphasis> в 1815 году он защищал интересы Франции.</p>
    <table><tr><th>Год</th><th>Событие</th></tr><tr><td>1815</td><td>Конгресс</td></tr></table>
   </section>
  </section>
  <section>
   <title><p>Литература</p></title>
   <p>Манфред А. З. <emphasis>Наполеон Бонапарт</emphasis>. М., 1971.</p>
  </section>
 </body>
 <body name="notes">
  <title><p>Примечания</p></title>
  <section id="n1"><title><p>1</p></title><p>Улица Гараносьер, ныне не существующая.</p></section>
 </body>
 <binary id="cover.jpg" content-type="image/jpeg">{picture}</binary>
</FictionBook>
"##
    )
}

fn windows_1251(text: &str) -> Vec<u8> {
    encoding_rs::WINDOWS_1251.encode(text).0.into_owned()
}

#[test]
fn a_fictionbook_is_read_in_its_encoding_zipped_or_not() {
    let env = TestEnv::new();
    // A cover far bigger than the size limit below: pictures are not the book's text.
    let picture = "/9j/4AAQSkZJRgABAQEASABIAAD".repeat(20_000);
    let bytes = windows_1251(&book(&picture));
    env.write("talleyrand.fb2", &bytes);
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    zip.start_file("Tarle_Talleyrand.fb2", options).unwrap();
    std::io::Write::write_all(&mut zip, &bytes).unwrap();
    env.write("zipped/tarle.fb2.zip", zip.finish().unwrap().into_inner());
    let run = env.ok(&["index", "--max-file-size", "100K"]);
    assert!(
        run.stdout().contains("2 added") && run.stdout().contains(" 0 warnings"),
        "{}{}",
        run.stdout(),
        run.stderr()
    );

    let found = env.search_json(&["конгресс", "-n", "20"]);
    let hits = found["hits"].as_array().unwrap();
    let paths: Vec<&str> = hits.iter().map(|h| h["path"].as_str().unwrap()).collect();
    assert!(paths.contains(&"corpus/talleyrand.fb2"), "{paths:?}");
    assert!(paths.contains(&"corpus/zipped/tarle.fb2.zip"), "{paths:?}");
    let ids: Vec<&str> = hits
        .iter()
        .map(|h| h["article"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"zipped/tarle"), "{ids:?}");
    let hit = &hits[0];
    assert_eq!(hit["title"], "Талейран");
    assert_eq!(hit["lang"], "ru");
    assert_eq!(
        hit["authors"],
        serde_json::json!(["Евгений Викторович Тарле"])
    );
    let headings: Vec<&str> = hits
        .iter()
        .map(|h| h["heading"].as_str().unwrap())
        .collect();
    assert!(
        headings.contains(&"Глава I. Молодость › Венский конгресс"),
        "{headings:?}"
    );

    let article = env.ok(&["show", "talleyrand", "--json"]).json();
    let sections = article["sections"].as_array().unwrap();
    let text = |heading: &str| {
        (sections.iter())
            .find(|s| s["heading"] == heading)
            .map(|s| s["text"].as_str().unwrap().to_string())
            .unwrap_or_else(|| panic!("no section {heading}: {sections:?}"))
    };
    // The annotation and the epigraph open the book; the body's title is the book's.
    assert!(text("").starts_with("Книга о великом дипломате"));
    let youth = text("Глава I. Молодость");
    assert!(
        youth.contains("в Париже.\nПесня\nСтрока первая,"),
        "{youth}"
    );
    assert!(!youth.contains("[1]"), "a note's mark is no text: {youth}");
    let congress = text("Глава I. Молодость › Венский конгресс");
    assert!(congress.contains("1815 Конгресс"), "{congress}");
    assert_eq!(
        text("Примечания"),
        "Улица Гараносьер, ныне не существующая."
    );
    // The bibliography's book, and no picture as words.
    let books = env.ok(&["books", "--json"]).json();
    assert_eq!(books["books"][0]["title"], "Наполеон Бонапарт");
    // Written as Russian bibliographies write an author: surname, then initials.
    assert_eq!(books["books"][0]["author"], "А. З. Манфред");
    assert_eq!(env.search_json(&["4AAQSkZJRgABAQEASABIAAD"])["total"], 0);
}

#[test]
fn a_fictionbook_as_calibre_writes_it_has_its_headings() {
    let env = TestEnv::new();
    env.write(
        "congress.fb2",
        std::fs::read("tests/data/congress.fb2").unwrap(),
    );
    env.ok(&["index", "--quiet"]);
    let found = env.search_json(&["talleyrand", "-n", "20"]);
    let hits = found["hits"].as_array().unwrap();
    let headings: Vec<&str> = hits
        .iter()
        .map(|h| h["heading"].as_str().unwrap())
        .collect();
    // calibre writes a heading as a paragraph in bold, in one section.
    assert!(headings.contains(&"Talleyrand in part 2"), "{headings:?}");
    assert_eq!(hits[0]["title"], "The Congress Dances");
    assert_eq!(hits[0]["authors"], serde_json::json!(["Adam Zamoyski"]));
    let books = env.ok(&["books", "--json"]).json();
    let listed = pairs(&books["books"], "title", "author");
    assert!(
        listed.contains(&("Rites of Peace".into(), "Adam Zamoyski".into())),
        "{listed:?}"
    );
}

#[test]
fn what_is_no_fictionbook_is_skipped_saying_why() {
    let env = TestEnv::new();
    env.write("photos.fb2.zip", zipped(&[("cover.jpg", "not a book")]));
    env.write("feed.fb2", "<?xml version=\"1.0\"?><rss><channel/></rss>");
    env.write("broken.fb2", "<FictionBook><body><p>cut short");
    env.write("ok.txt", "Vienna\n\nThe congress met in Vienna.\n");
    let run = env.ok(&["index"]);
    let stderr = run.stderr();
    for expected in [
        "corpus/photos.fb2.zip: cannot be read as FB2 (a zip archive holding no .fb2 file)",
        "corpus/feed.fb2: cannot be read as FB2 (its root is <rss>, not <FictionBook>)",
        "corpus/broken.fb2: cannot be read as FB2",
    ] {
        assert!(stderr.contains(expected), "{expected}: {stderr}");
    }
    assert_eq!(env.search_json(&["vienna"])["total"], 1);
}

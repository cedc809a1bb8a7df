use super::*;

const JATS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE article PUBLIC "-//NLM//DTD JATS (Z39.96) Journal Archiving and Interchange DTD v1.2 20190208//EN" "JATS-archivearticle1.dtd">
<article xmlns:xlink="http://www.w3.org/1999/xlink" article-type="research-article" xml:lang="en">
  <front>
    <journal-meta><journal-title-group><journal-title>Journal of Modern History</journal-title></journal-title-group></journal-meta>
    <article-meta>
      <article-id pub-id-type="doi">10.1000/x</article-id>
      <title-group><article-title>The Genoa Conference <italic>Revisited</italic></article-title></title-group>
      <contrib-group>
        <contrib contrib-type="author"><name><surname>Fink</surname><given-names>Carole</given-names></name></contrib>
        <contrib contrib-type="editor"><name><surname>Nobody</surname><given-names>Ed</given-names></name></contrib>
      </contrib-group>
      <abstract><p>Europe's powers met at Genoa in 1922.</p></abstract>
      <kwd-group><kwd>diplomacy</kwd><kwd>reparations</kwd></kwd-group>
    </article-meta>
  </front>
  <body>
    <sec><title>Introduction</title>
      <p>The conference opened in April<xref ref-type="bibr" rid="B1">1</xref> and failed.<fn><p>A note.</p></fn></p>
      <sec><title>Rapallo</title><p>Germany and Russia met at Rapallo <inline-formula><tex-math>x^2</tex-math></inline-formula>nearby.</p>
        <list list-type="bullet"><list-item><p>Debts</p></list-item><list-item><p>Recognition</p></list-item></list>
      </sec>
    </sec>
    <sec><title>Sources</title>
      <table-wrap><caption><p>Delegations</p></caption><table><tr><td>Britain</td><td>Lloyd George</td></tr></table></table-wrap>
    </sec>
  </body>
  <back>
    <ack><p>Thanks to the archive.</p></ack>
    <ref-list><title>References</title>
      <ref id="B1"><element-citation publication-type="book"><person-group person-group-type="author"><name><surname>Pohl</surname><given-names>Karl Heinrich</given-names></name></person-group><source>Weimars Wirtschaft und die Außenpolitik der Republik</source><year>1979</year></element-citation></ref>
      <ref id="B2"><mixed-citation>An unmarked reference, 1984.</mixed-citation></ref>
    </ref-list>
  </back>
</article>"#;

#[test]
fn a_jats_article_is_read_by_its_front_sections_and_references() {
    let outline = parse(JATS).unwrap();
    assert_eq!(
        outline.title.as_deref(),
        Some("The Genoa Conference *Revisited*")
    );
    assert_eq!(outline.authors, ["Carole Fink"]);
    assert_eq!(outline.tags, ["diplomacy", "reparations"]);
    assert_eq!(outline.lang, Some("en"));
    assert_eq!(
        outline.heading_paths(),
        [
            "Abstract",
            "Introduction",
            "Introduction › Rapallo",
            "Sources",
            "Acknowledgements",
            "References"
        ]
    );
    let texts = |i: usize| -> Vec<&str> { outline.sections[i].1.iter().map(Block::text).collect() };
    assert_eq!(texts(0), ["Europe's powers met at Genoa in 1922."]);
    assert_eq!(texts(1), ["The conference opened in April and failed."]);
    assert_eq!(
        texts(2),
        [
            "Germany and Russia met at Rapallo nearby.",
            "Debts",
            "Recognition"
        ]
    );
    assert_eq!(texts(3), ["Delegations", "Britain Lloyd George"]);
    assert_eq!(
        texts(5),
        [
            "*Weimars Wirtschaft und die Außenpolitik der Republik* by Karl Heinrich Pohl (1979)",
            "An unmarked reference, 1984."
        ]
    );
    assert!(matches!(outline.sections[5].1[0], Block::ListItem(_)));
}

#[test]
fn a_docbook_book_is_read_by_its_chapters_and_bibliography() {
    let book = r#"<book xmlns="http://docbook.org/ns/docbook" version="5.0" xml:lang="fr">
  <info><title>La guerre de Crimée</title>
    <author><personname><firstname>Jean</firstname><surname>Dupont</surname></personname></author>
    <keywordset><keyword>Crimée</keyword></keywordset></info>
  <preface><title>Avant-propos</title><para>Écrit en 2001.</para></preface>
  <chapter><title>Le siège</title>
    <section><info><title>Sébastopol</title></info>
      <para>Le siège dura de 1854 à 1855<footnote><para>Note.</para></footnote>.</para>
      <itemizedlist><listitem><para>Malakoff</para></listitem></itemizedlist>
    </section>
  </chapter>
  <bibliography><biblioentry><title>The Crimean War</title><author><personname>Orlando Figes</personname></author><pubdate>2010</pubdate></biblioentry></bibliography>
</book>"#;
    let outline = parse(book).unwrap();
    assert_eq!(outline.title.as_deref(), Some("La guerre de Crimée"));
    assert_eq!(outline.authors, ["Jean Dupont"]);
    assert_eq!(outline.tags, ["Crimée"]);
    assert_eq!(outline.lang, Some("fr"));
    assert_eq!(
        outline.heading_paths(),
        ["Avant-propos", "Le siège › Sébastopol", "References"]
    );
    let siege: Vec<&str> = outline.sections[1].1.iter().map(Block::text).collect();
    assert_eq!(siege, ["Le siège dura de 1854 à 1855.", "Malakoff"]);
    assert_eq!(
        outline.sections[2].1[0].text(),
        "*The Crimean War* by Orlando Figes (2010)"
    );
}

#[test]
fn articles_and_books_are_told_by_their_root() {
    assert!(is_article("article") && is_article("book"));
    assert!(!is_article("TEI") && !is_article("rss"));
}

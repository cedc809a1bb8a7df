use super::*;

#[test]
fn an_rss_feeds_items_are_articles_with_their_categories_and_authors() {
    let feed = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>A history blog</title><link>https://example.org/</link>
  <item>
    <title>The Treaty of Rapallo</title>
    <link>https://example.org/rapallo</link>
    <guid>https://example.org/?p=7</guid>
    <dc:creator><![CDATA[Jane Roe]]></dc:creator>
    <category>Diplomacy</category><category>1920s</category>
    <description>A short summary.</description>
    <content:encoded><![CDATA[<p>Signed in 1922.</p><h2>Aftermath</h2><p>Europe was surprised.</p>]]></content:encoded>
  </item>
  <item>
    <title>Locarno</title>
    <description>&lt;p&gt;Initialled in 1925.&lt;/p&gt;</description>
    <author>editor@example.org (John Doe)</author>
  </item>
</channel></rss>"#;
    let (items, warnings) = parse(feed, 1 << 20).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(items.len(), 2);
    let (key, rapallo) = &items[0];
    assert_eq!(key, "https://example.org/?p=7");
    assert_eq!(rapallo.title.as_deref(), Some("The Treaty of Rapallo"));
    assert_eq!(rapallo.tags, ["Diplomacy", "1920s"]);
    assert_eq!(rapallo.authors, ["Jane Roe"]);
    let headings: Vec<&[String]> = rapallo.sections.iter().map(|(h, _)| &h[..]).collect();
    assert_eq!(headings, [&[][..], &["Aftermath".to_string()][..]]);
    assert_eq!(rapallo.sections[0].1[0].text(), "Signed in 1922.");
    let (key, locarno) = &items[1];
    assert_eq!(key, "2");
    assert_eq!(locarno.authors, ["John Doe"]);
    assert_eq!(locarno.sections[0].1[0].text(), "Initialled in 1925.");
}

#[test]
fn a_wordpress_export_gives_its_posts_and_pages_paragraph_by_paragraph() {
    let export = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
  <item><title>Sedan</title><wp:post_id>12</wp:post_id><wp:post_type>post</wp:post_type><wp:status>publish</wp:status>
    <excerpt:encoded><![CDATA[Not this.]]></excerpt:encoded>
    <content:encoded><![CDATA[The army surrendered in 1870.

<h2>Aftermath</h2>

Napoleon III was taken prisoner.
The Empire fell.

<em>Paris</em> rose.]]></content:encoded></item>
  <item><title>map.png</title><wp:post_id>13</wp:post_id><wp:post_type>attachment</wp:post_type><content:encoded></content:encoded></item>
  <item><title>Old draft</title><wp:post_id>14</wp:post_id><wp:post_type>post</wp:post_type><wp:status>trash</wp:status><content:encoded>Gone.</content:encoded></item>
  <item><title>About</title><wp:post_id>15</wp:post_id><wp:post_type>page</wp:post_type><wp:status>draft</wp:status><content:encoded>A page.</content:encoded></item>
  <item><title>Menu</title><wp:post_id>16</wp:post_id><wp:post_type>nav_menu_item</wp:post_type><content:encoded>Home</content:encoded></item>
  <item><title>An essay</title><wp:post_id>17</wp:post_id><wp:post_type>essay</wp:post_type><content:encoded>A site's own kind.</content:encoded></item>
</channel></rss>"#;
    let (items, _) = parse(export, 1 << 20).unwrap();
    let keys: Vec<&str> = items.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(keys, ["12", "15", "17"]);
    let sedan = &items[0].1;
    let texts: Vec<Vec<&str>> = (sedan.sections.iter())
        .map(|(_, blocks)| blocks.iter().map(|b| b.text()).collect())
        .collect();
    assert_eq!(
        texts,
        [
            vec!["The army surrendered in 1870."],
            // Emphasis stays marked in the outline, as a cited title's is.
            vec![
                "Napoleon III was taken prisoner. The Empire fell.",
                "*Paris* rose."
            ]
        ]
    );
}

#[test]
fn atom_entries_are_articles_and_a_blogger_export_gives_its_posts() {
    let feed = r#"<?xml version="1.0"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Blog</title>
  <entry>
    <id>tag:blogger.com,1999:blog-1.post-2</id>
    <category scheme="http://schemas.google.com/g/2005#kind" term="http://schemas.google.com/blogger/2008/kind#post"/>
    <category scheme="http://www.blogger.com/atom/ns#" term="Crimea"/>
    <title type="text">Balaclava</title>
    <content type="html">&lt;p&gt;The charge of 1854.&lt;/p&gt;</content>
    <author><name>A. Writer</name></author>
  </entry>
  <entry>
    <id>tag:blogger.com,1999:blog-1.post-3</id>
    <category scheme="http://schemas.google.com/g/2005#kind" term="http://schemas.google.com/blogger/2008/kind#comment"/>
    <title>Nice post</title><content type="html">Thanks</content>
  </entry>
  <entry>
    <id>urn:uuid:1</id><title>Inkerman</title>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Fought in <b>fog</b>.</p></div></content>
  </entry>
  <entry><id>urn:uuid:2</id><title>Alma</title><summary type="text">Rivers &lt;and&gt; heights.</summary></entry>
</feed>"#;
    let (items, _) = parse(feed, 1 << 20).unwrap();
    let read: Vec<(&str, &str, &str)> = (items.iter())
        .map(|(k, o)| {
            (
                k.as_str(),
                o.title.as_deref().unwrap(),
                o.sections[0].1[0].text(),
            )
        })
        .collect();
    assert_eq!(
        read,
        [
            (
                "tag:blogger.com,1999:blog-1.post-2",
                "Balaclava",
                "The charge of 1854."
            ),
            ("urn:uuid:1", "Inkerman", "Fought in fog."),
            ("urn:uuid:2", "Alma", "Rivers <and> heights."),
        ]
    );
    assert_eq!(items[0].1.tags, ["Crimea"]);
    assert_eq!(items[0].1.authors, ["A. Writer"]);
}

#[test]
fn feeds_are_told_by_their_root() {
    for (root, feed) in [
        ("rss", true),
        ("rdf:RDF", true),
        ("feed", true),
        ("TEI", false),
    ] {
        assert_eq!(is_feed(root), feed, "{root}");
    }
    let big = "<rss><channel><item><title>Big</title><description>xxxxxxxxxx</description></item></channel></rss>";
    let (items, warnings) = parse(big, 5).unwrap();
    assert!(items.is_empty());
    assert_eq!(
        warnings,
        ["item 1: larger than the size limit (5 bytes; see --max-file-size); skipped"]
    );
}

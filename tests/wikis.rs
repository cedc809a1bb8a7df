//! Wikis' pages: MediaWiki's XML export (Special:Export) and wikitext files.

use crate::util::TestEnv;

const EXPORT: &str = r#"<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/" version="0.11" xml:lang="en">
  <siteinfo><sitename>History Wiki</sitename></siteinfo>
  <page>
    <title>Treaty of Rapallo (1922)</title><ns>0</ns><id>42</id>
    <revision><id>7</id><text xml:space="preserve">{{Infobox treaty|name=Treaty of Rapallo|signed={{start date|1922|4|16}}}}
The '''Treaty of Rapallo''' was signed by [[Weimar Republic|Germany]] and Soviet Russia.&lt;ref&gt;{{cite book|last=Fink|title=The Genoa Conference|year=1984}}&lt;/ref&gt;

== Background ==
At the [[Genoa Conference]] the delegates met in {{lang|it|Santa Margherita Ligure}}.

== Further reading ==
* {{cite book |last=Zamoyski |first=Adam |title=Rites of Peace |year=2007}}

== References ==
{{Reflist}}
[[Category:Treaties of Germany]]</text></revision>
  </page>
  <page><title>Rapallo treaty</title><ns>0</ns><id>43</id><redirect title="Treaty of Rapallo (1922)"/>
    <revision><text>#REDIRECT [[Treaty of Rapallo (1922)]]</text></revision></page>
  <page><title>Talk:Treaty of Rapallo (1922)</title><ns>1</ns><id>44</id>
    <revision><text>Is the treaty's date right?</text></revision></page>
</mediawiki>
"#;

#[test]
fn a_wikis_export_is_read_page_by_page() {
    let env = TestEnv::new();
    env.write("wiki/export.xml", EXPORT);
    env.write("Congress_of_Vienna.wiki", "The '''Congress''' met in [[Vienna]] in 1814.\n\n== Talleyrand ==\n''Talleyrand'' spoke for France.\n");
    env.ok(&["index", "--quiet"]);

    let found = env.search_json(&["rapallo", "-n", "20"]);
    let hits = found["hits"].as_array().unwrap();
    let hit = &hits[0];
    assert_eq!(hit["article"], "wiki/export#42");
    assert_eq!(hit["title"], "Treaty of Rapallo (1922)");
    assert_eq!(hit["tags"], serde_json::json!(["Treaties of Germany"]));
    assert_eq!(
        hit["text"],
        "The Treaty of Rapallo was signed by Germany and Soviet Russia."
    );
    // The redirect and the talk page are no articles; the footnote is no text.
    assert!(
        hits.iter().all(|h| h["article"] == "wiki/export#42"),
        "{hits:?}"
    );
    assert_eq!(env.search_json(&["fink"])["total"], 0);
    let background = env.search_json(&["margherita"]);
    assert_eq!(background["hits"][0]["heading"], "Background");

    let books = env.ok(&["books", "--json"]).json();
    assert_eq!(books["books"][0]["title"], "Rites of Peace");
    assert_eq!(books["books"][0]["author"], "Adam Zamoyski");

    let article = env.ok(&["show", "wiki/export#42", "--json"]).json();
    assert_eq!(article["title"], "Treaty of Rapallo (1922)");

    let vienna = env.search_json(&["talleyrand"]);
    assert_eq!(vienna["hits"][0]["title"], "Congress of Vienna");
    assert_eq!(vienna["hits"][0]["heading"], "Talleyrand");
    assert_eq!(vienna["hits"][0]["text"], "Talleyrand spoke for France.");
}

use super::*;

const PAGE: &str = r#"{{Short description|1922 treaty}}
{{Infobox treaty
| name = Treaty of Rapallo
| signed = {{start date|1922|4|16}}
}}
The '''Treaty of Rapallo''' was signed on 16 April 1922 by [[Weimar Republic|Germany]] and
[[Russian Soviet Federative Socialist Republic|Soviet Russia]].<ref>{{cite book |last=Fink |title=The Genoa Conference}}</ref>
[[File:Bundesarchiv Bild.jpg|thumb|Rathenau at [[Genoa]], 1922]]
<!-- a comment -->

== Background ==
At the [[Genoa Conference]], the ''Reichswehr'' met in {{lang|it|Santa Margherita}}.<ref name="a"/>

=== Negotiations ===
* Each renounced claims.
# A second item.
: An indented remark.
Before the table.
{| class="wikitable"
|+ Delegates
! Country !! Delegate
|-
| style="color:red" | Germany || [[Walther Rathenau|Rathenau]]
|}

== Further reading ==
* {{cite book |last=Zamoyski |first=Adam |title=Rites of Peace |year=2007}}
* Kennan, George F. ''Russia and the West''. Boston, 1961.

== References ==
{{Reflist}}
__NOTOC__
[[Category:Treaties of Germany|Rapallo]]
[[Category:1922 in Germany]]
[[de:Vertrag von Rapallo]]
"#;

#[test]
fn a_page_is_read_as_its_headings_blocks_and_categories() {
    let outline = parse(PAGE);
    assert_eq!(
        outline.heading_paths(),
        [
            "",
            "Background",
            "Background › Negotiations",
            "Further reading"
        ]
    );
    let texts = outline.block_texts();
    assert_eq!(
        texts[0],
        ["The Treaty of Rapallo was signed on 16 April 1922 by Germany and Soviet Russia."]
    );
    assert_eq!(
        texts[1],
        ["At the Genoa Conference, the *Reichswehr* met in Santa Margherita."]
    );
    assert_eq!(
        texts[2],
        [
            "Each renounced claims.",
            "A second item.",
            "An indented remark.",
            "Before the table.",
            "Delegates",
            "Country Delegate",
            "Germany Rathenau"
        ]
    );
    assert_eq!(
        texts[3],
        [
            "*Rites of Peace* by Adam Zamoyski (2007)",
            "Kennan, George F. *Russia and the West*. Boston, 1961."
        ]
    );
    assert!(matches!(outline.sections[3].1[0], Block::ListItem(_)));
    assert_eq!(outline.tags, ["Treaties of Germany", "1922 in Germany"]);
}

#[test]
fn headings_links_and_quotes_read_as_mediawiki_reads_them() {
    assert_eq!(heading("== A =="), Some((2, "A")));
    assert_eq!(heading("===A==="), Some((3, "A")));
    assert_eq!(heading("== A"), None);
    assert_eq!(heading("="), None);
    assert_eq!(
        inline::text("[[Treaty of Rapallo (1922)|]] and [[:Category:Treaties]]"),
        "Treaty of Rapallo and Category:Treaties"
    );
    assert_eq!(
        inline::text("[https://example.org the site] [https://bare.org] l'''a''' b'''''c'''''"),
        "the site la b*c*"
    );
    assert_eq!(
        inline::text("a<br/>b <small>c</small> x < y"),
        "a b c x < y"
    );
    assert_eq!(inline::text("__a__ snake_case __TOC__"), "__a__ snake_case");
}

#[test]
fn elements_never_closed_and_brackets_never_matched_cost_no_more_than_text() {
    assert_eq!(without_notes("a<ref>note\nb"), "a\nb");
    assert_eq!(
        without_notes("a<ref>x</ref>b<REF name=c/>d<references />"),
        "abd"
    );
    // Many unclosed openings, as hostile text has them: read in linear time.
    let many = "<ref>[[{{[http://".repeat(20_000);
    let outline = parse(&many);
    assert!(outline.sections.len() <= 1);
    let brackets = "[[".repeat(100_000);
    assert_eq!(inline::text(&brackets).len(), 200_000);
    // Links nested in links' text without end: the stack and the work stay bounded.
    let nested = format!("{}x{}", "[[a|".repeat(50_000), "]]".repeat(50_000));
    assert_eq!(inline::text(&nested), "");
    let shallow = format!("{}x{}", "[[a|".repeat(3), "]]".repeat(3));
    assert_eq!(inline::text(&shallow), "x");
}

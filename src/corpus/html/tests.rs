use super::*;
use crate::corpus::model::Block;

/// Every block's text, in order.
fn texts(o: &Outline) -> Vec<String> {
    (o.sections.iter())
        .flat_map(|(_, b)| b.iter().map(|b| b.text().to_string()))
        .collect()
}

#[test]
fn sections_come_from_headings_and_chrome_is_dropped() {
    let html = r#"<html><head><title>The Congress of Vienna</title>
        <style>p { color: red }</style></head><body>
        <nav>Home | About</nav><header>Site banner</header>
        <h1>The Congress of Vienna</h1><p>In 1814 the powers met.</p>
        <h2>Outcome</h2><p>A new balance.</p>
        <aside>Advert text</aside><script>var x = 1;</script>
        <h2>Further Reading</h2><ul><li><cite>Vienna 1814</cite> by David King</li></ul>
        <footer>Copyright</footer></body></html>"#;
    let (o, warnings) = parse(html).unwrap();
    assert!(warnings.is_empty());
    assert_eq!(o.title.as_deref(), Some("The Congress of Vienna"));
    let all: String = o
        .sections
        .iter()
        .flat_map(|(_, b)| b.iter().map(|b| b.text().to_string()))
        .collect::<Vec<_>>()
        .join("|");
    assert_eq!(
        all,
        "In 1814 the powers met.|A new balance.|*Vienna 1814* by David King"
    );
    let heads: Vec<_> = o.sections.iter().map(|(h, _)| h.join("/")).collect();
    assert_eq!(heads, vec!["", "Outcome", "Further Reading"]);
}

#[test]
fn landmarks_and_a_wiki_pages_chrome_are_not_text() {
    let page = r##"<html><head><title>Treaty of Rapallo (1922) - Wikipedia</title></head>
        <body><a class="mw-jump-link" href="#c">Jump to content</a>
        <div id="mw-navigation"><h2>Navigation menu</h2><ul><li>Main page</li></ul></div>
        <div role="banner" class="top">Site banner</div>
        <h1 id="firstHeading"><span>Treaty of Rapallo (1922)</span></h1>
        <p>The treaty was signed in 1922.<sup id="r1" class="reference"><a href="#n1">[1]</a></sup></p>
        <div id="toc" class="toc" role="navigation"><h2>Contents</h2><ul><li>1 References</li></ul></div>
        <h2><span class="mw-headline">References</span><span class="mw-editsection">[<a href="#">edit</a>]</span></h2>
        <ol class="references"><li id="n1"><span class="mw-cite-backlink"><a href="#r1">^</a></span>
        Carr, E. H. (1953). <i>The Bolshevik Revolution</i>. London.</li>
        <li id="n2"><span class="mw-cite-backlink"><a href="#r2">^</a></span>
        <cite class="citation book cs1">Kochan, Lionel (1953). <i>Russia and the Weimar Republic</i>. Bowes &amp; Bowes.</cite></li></ol>
        <div ROLE='navigation' class="navbox">Treaties of Germany</div>
        <div role="navigationx">Kept, as no role</div>
        <p>Text that says role="search" stays.</p>
        <div id="catlinks">Categories: 1922 treaties</div></body></html>"##;
    let (o, _) = parse(page).unwrap();
    assert_eq!(o.title.as_deref(), Some("Treaty of Rapallo (1922)"));
    assert_eq!(o.heading_paths(), ["", "References"]);
    let text = texts(&o);
    assert_eq!(
        text,
        [
            "The treaty was signed in 1922.",
            "Carr, E. H. (1953). *The Bolshevik Revolution*. London.",
            // A whole citation's `<cite>` is no title: its italics are.
            "Kochan, Lionel (1953). *Russia and the Weimar Republic*. Bowes & Bowes.",
            "Kept, as no role",
            "Text that says role=\"search\" stays."
        ]
    );
    let article = o
        .into_article(
            "r".into(),
            "r.html".into(),
            "r",
            crate::corpus::text::strip_rendered,
        )
        .unwrap();
    let books: Vec<(&str, Option<&str>)> = (article.reading.iter())
        .map(|b| (b.title.as_str(), b.author.as_deref()))
        .collect();
    assert_eq!(
        books[..2],
        [
            ("The Bolshevik Revolution", Some("E. H. Carr")),
            ("Russia and the Weimar Republic", Some("Lionel Kochan"))
        ]
    );
}

#[test]
fn note_marks_are_not_text_and_superscripts_stand_apart() {
    // Pandoc's, Hugo's and an e-book's note marks; a bare superscript number.
    let page = r##"<h1>Rapallo</h1>
        <p>Signed in 1922.<a href="#fn1" class="footnote-ref" role="doc-noteref"><sup>1</sup></a>
        Chicherin<sup id="fnref:2"><a href="#fn:2" role="doc-noteref">2</a></sup> agreed
        with Rathenau<sup><a epub:type="noteref" href="#n3">3</a></sup>, in the
        XIX<sup>e</sup> style, at Genoa<sup>4</sup>.</p>
        <section class="footnotes" role="doc-endnotes"><ol><li id="fn1">
        <p>Carr, <em>The Bolshevik Revolution</em>.<a href="#fnref1" class="footnote-back" role="doc-backlink">↩︎</a></p></li></ol></section>"##;
    let (o, _) = parse(page).unwrap();
    let text = texts(&o);
    assert_eq!(
        text,
        [
            "Signed in 1922. Chicherin agreed with Rathenau, in the XIX e style, at Genoa⁴.",
            "Carr, *The Bolshevik Revolution*."
        ]
    );
}

#[test]
fn a_page_saved_by_word_is_read_without_its_marks_for_other_browsers() {
    let page = r##"<html xmlns:o="urn:schemas-microsoft-com:office:office"><head>
        <meta name=Generator content="Microsoft Word 15"><title>Rapallo</title></head>
        <body lang=EN-GB><div class=WordSection1>
        <p class=MsoNormal>Signed in 1922.<a style='mso-footnote-id:ftn1' href="#_ftn1"
        name="_ftnref1"><span class=MsoFootnoteReference><span style='mso-special-character:
        footnote'><![if !supportFootnotes]><span class=MsoFootnoteReference>[1]</span>
        <![endif]></span></span></a> Both were isolated.</p>
        <h1>Further reading</h1>
        <p class=MsoListParagraphCxSpFirst style='mso-list:l0 level1 lfo1'><![if !supportLists]>
        <span style='font-family:Symbol'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;
        </span></span><![endif]><i>A World Restored</i> by Henry Kissinger</p>
        <p class=MsoListParagraphCxSpLast>Vienna 1814<a href="#_ftn2"><span
        class=MsoFootnoteReference><span>[2]</span></span></a> by David King</p>
        </div></body></html>"##;
    let (o, _) = parse(page).unwrap();
    let text = texts(&o);
    assert_eq!(
        text,
        [
            "Signed in 1922. Both were isolated.",
            "*A World Restored* by Henry Kissinger",
            "Vienna 1814 by David King"
        ]
    );
}

#[test]
fn a_page_with_main_content_is_that_content() {
    let page = "<html><head><title>Locarno | History Today</title></head><body>\
                <div class=cookie>We use cookies to improve your experience.</div>\
                <main><h1>Locarno</h1><p>The treaties were initialled in 1925.</p></main>\
                <div class=comments><h3>Comments</h3><p>Great read!</p></div></body></html>";
    let (o, _) = parse(page).unwrap();
    assert_eq!(o.title.as_deref(), Some("Locarno"));
    assert_eq!(o.heading_paths(), [""]);
    let text: Vec<&str> = (o.sections.iter())
        .flat_map(|(_, blocks)| blocks.iter().map(|b| b.text()))
        .collect();
    assert_eq!(text, ["The treaties were initialled in 1925."]);
    // A headline above the main content heads it.
    let page = "<title>Locarno - History Today</title><header><h1>History Today</h1></header>\
                <div><h1 class=headline>Locarno</h1></div><main><p>Initialled.</p></main>";
    let (o, _) = parse(page).unwrap();
    assert_eq!(o.title.as_deref(), Some("Locarno"));
    assert_eq!(o.sections[0].1[0].text(), "Initialled.");
    // A main element without text (filled in by a script) leaves the page as it is.
    let page = "<body><main></main><p>Rendered on the server.</p></body>";
    let (o, _) = parse(page).unwrap();
    assert_eq!(o.sections[0].1[0].text(), "Rendered on the server.");
}

#[test]
fn a_page_laid_out_in_a_table_is_read_column_by_column_and_a_data_table_row_by_row() {
    let page = "<html><head><title>The Congress of Vienna - History Pages</title></head>\
        <body><table><tr><td><a href=a>Home</a><br><a href=b>Links</a></td><td>\
        <h1>The Congress of Vienna</h1><p>It met in 1814.</p><h2>The Powers</h2>\
        <p>Austria and Prussia.</p></td></tr></table></body></html>";
    let (o, _) = parse(page).unwrap();
    assert_eq!(o.title.as_deref(), Some("The Congress of Vienna"));
    assert_eq!(o.heading_paths(), ["", "The Powers"]);
    let lead: Vec<&str> = o.sections[0].1.iter().map(Block::text).collect();
    assert_eq!(lead, ["Home Links", "It met in 1814."]);
    let data = "<h1>Treaties</h1><table><tr><th>Treaty</th><th>Year</th></tr>\
        <tr><td>Rapallo</td><td>1922</td></tr></table>";
    let (o, _) = parse(data).unwrap();
    // Its rows, one line each, are one paragraph.
    let rows: Vec<&str> = o.sections[0].1.iter().map(Block::text).collect();
    assert_eq!(rows, ["Treaty  Year Rapallo 1922"], "{o:?}");
}

#[test]
fn title_falls_back_to_the_first_h1() {
    let (o, _) = parse("<body><h1>Only &amp; Heading</h1><p>Text.</p></body>").unwrap();
    assert_eq!(o.title.as_deref(), Some("Only & Heading"));
}

#[test]
fn a_page_names_its_authors_in_its_head() {
    let page = "<html><head><meta name=\"citation_author\" content=\"Fink, Carole\">\
                </head><body><p>The Genoa Conference.</p></body></html>";
    let (o, _) = parse(page).unwrap();
    assert_eq!(o.authors, ["Carole Fink"]);
}

#[test]
fn the_site_name_in_a_saved_pages_title_is_left_to_its_heading() {
    let page = "<html><head><title>Treaty of Rapallo - Wikipedia</title></head><body>\
                <div>We use cookies.</div><h1>Treaty of Rapallo</h1><p>Signed in 1920.</p>\
                <table><tr><td>Italy</td><td>Giolitti</td></tr></table></body></html>";
    let (o, _) = parse(page).unwrap();
    assert_eq!(o.title.as_deref(), Some("Treaty of Rapallo"));
    assert_eq!(o.heading_paths(), [""]);
    // A table's cells are text, without the borders html2text would draw.
    let article = o.into_article("p".into(), "p.html".into(), "p", |s| s.to_string());
    let text = &article.unwrap().sections[0].text;
    assert!(
        text.ends_with("Signed in 1920.\nItaly Giolitti"),
        "{text:?}"
    );
}

#[test]
fn a_sphinx_pages_permalinks_are_no_text_and_its_heading_is_its_title() {
    let page = "<html><head><title>The Congress of Vienna &#8212; Notes 1.0 documentation\
                </title></head><body><section id=\"c\"><h1>The Congress of Vienna\
                <a class=\"headerlink\" href=\"#c\" title=\"Link to this heading\">¶</a></h1>\
                <p>The congress met.</p><section id=\"o\"><h2>Outcome<a class=\"headerlink\" \
                href=\"#o\">¶</a></h2><dl><dt id=\"b\">balance()<a class=\"headerlink\" \
                href=\"#b\">¶</a></dt><dd><p>Of power.</p></dd></dl></section></section>\
                </body></html>";
    let (o, _) = parse(page).unwrap();
    assert_eq!(o.title.as_deref(), Some("The Congress of Vienna"));
    assert_eq!(o.heading_paths(), ["", "Outcome"]);
    assert!(
        !texts(&o).iter().any(|t| t.contains('¶')),
        "{:?}",
        texts(&o)
    );
}

#[test]
fn a_pages_buttons_menus_and_text_boxes_are_no_text() {
    let page = "<html><head><title>Notes</title></head><body><h1>Treaty of Rapallo\
                <button id=\"copy-path\" title=\"Copy item path\">Copy item path</button>\
                </h1><p>Signed in 1922.</p><button>Share</button><select><option>Sort by \
                date</option></select><textarea>Leave a comment</textarea><p>Ratified.</p>\
                </body></html>";
    let (o, _) = parse(page).unwrap();
    assert_eq!(o.heading_paths(), ["Treaty of Rapallo"]);
    let text = texts(&o).join("\n");
    assert!(
        text.contains("Signed in 1922.") && text.contains("Ratified."),
        "{text:?}"
    );
    for chrome in ["Copy", "Share", "Sort", "comment"] {
        assert!(!text.contains(chrome), "{chrome} in {text:?}");
    }
}

#[test]
fn the_permalinks_site_generators_put_in_headings_are_no_text() {
    let page = "<html><head><title>Notes</title></head><body>\
        <h2 id=\"a\">Outcome <a class=\"header-anchor\" href=\"#a\">#</a></h2><p>One.</p>\
        <h3>fs.readFile(path)<span><a class=\"mark\" href=\"#r\" id=\"r\">#</a></span></h3>\
        <p>Two.</p><h2><a id=\"user-content-b\" class=\"anchor\" aria-hidden=\"true\" \
        href=\"#b\"><svg><path d=\"M0\"></path></svg></a>Background</h2><p>Three.</p>\
        <h2 id=\"c\">Legacy<a href=\"#c\" class=\"hash-link\" title=\"Direct link\">\
        &#8203;</a></h2><p>Four, in C# and F#.</p><h4>Notes <a class=\"anchorjs-link\" \
        href=\"#d\">🔗</a></h4><p>Five: <a class=\"anchor\" href=\"#e\">an anchor</a> \
        <span class=\"mark\">marked</span>.</p></body></html>";
    let (o, _) = parse(page).unwrap();
    assert_eq!(
        o.heading_paths(),
        [
            "Outcome",
            "Outcome › fs.readFile(path)",
            "Background",
            "Legacy",
            "Legacy › Notes"
        ]
    );
    // Outside headings the same classes are text.
    let text = texts(&o).join("\n");
    assert!(
        text.contains("an anchor") && text.contains("marked"),
        "{text:?}"
    );
    assert!(text.contains("C# and F#"), "{text:?}");
}

#[test]
fn a_blog_posts_own_header_is_text_and_its_comments_and_sharing_are_not() {
    // As every WordPress theme writes a post: the site's header, the post's own with
    // its headline, sharing links, the comments and their form, all in `<main>`.
    let page = "<html><head><title>The Treaty of Rapallo &#8211; History Notes</title>\
        </head><body><a class=\"skip-link screen-reader-text\" href=\"#content\">Skip to \
        content</a><header id=\"masthead\" class=\"site-header\"><p class=\"site-title\">\
        History Notes</p></header><main id=\"main\"><article><header class=\"entry-header\">\
        <h1 class=\"entry-title\">The Treaty of Rapallo</h1><div class=\"entry-meta\">\
        Posted on <time>January 1, 2020</time> by Ann</div></header><div \
        class=\"entry-content\"><p>Signed in 1922.</p><h2>Consequences</h2><p>It shocked \
        the West.</p><div class=\"sharedaddy\"><h3>Share this:</h3><a href=\"#\">Twitter\
        </a></div></div><footer class=\"entry-footer\">Posted in Diplomacy</footer>\
        </article><h2 class=\"screen-reader-text\">Post navigation</h2><div id=\"comments\" \
        class=\"comments-area\"><h2>One thought</h2><p>Great post!</p><div id=\"respond\">\
        <h3>Leave a Reply</h3></div></div></main></body></html>";
    let (o, _) = parse(page).unwrap();
    assert_eq!(o.title.as_deref(), Some("The Treaty of Rapallo"));
    assert_eq!(o.heading_paths(), ["", "Consequences"]);
    let text = texts(&o).join("\n");
    for chrome in [
        "History Notes",
        "Skip",
        "2020",
        "Share",
        "Twitter",
        "Posted",
        "navigation",
    ] {
        assert!(!text.contains(chrome), "{chrome} in {text:?}");
    }
    assert!(
        !text.contains("Great post") && !text.contains("Reply"),
        "{text:?}"
    );
}

#[test]
fn a_page_of_too_many_elements_is_read_as_plain_text() {
    let page = format!(
        "<html><head><title>Many</title></head><body>{}<p>zebra</p></body></html>",
        "<br>".repeat(MAX_ELEMENTS)
    );
    let (outline, warnings) = parse(&page).unwrap();
    assert_eq!(
        warnings,
        ["100005 elements (more than 100000); read as plain text"]
    );
    assert_eq!(outline.title.as_deref(), Some("Many"));
    let text: Vec<&str> = (outline.sections.iter())
        .flat_map(|(_, blocks)| blocks.iter().map(|b| b.text()))
        .collect();
    assert!(text.concat().contains("zebra"), "{text:?}");
}

#[test]
fn a_page_nested_too_deep_is_read_as_plain_text_with_a_warning() {
    let deep = format!(
        "<html><head><title>Deep</title></head><body>{}deep text &amp; more{}</body></html>",
        "<div>".repeat(100_000),
        "</div>".repeat(100_000)
    );
    let started = std::time::Instant::now();
    let (outline, warnings) = parse(&deep).unwrap();
    assert!(started.elapsed().as_secs() < 5, "bounded time");
    assert_eq!(warnings.len(), 1);
    assert!(warnings[0].contains("100002 deep"), "{warnings:?}");
    let article = outline.into_article("d".into(), "d.html".into(), "d", |s| s.to_string());
    let text: String = article
        .iter()
        .flat_map(|a| a.sections.iter().map(|s| s.text.clone()))
        .collect();
    assert!(text.contains("deep text & more"), "{text}");
}

#[test]
fn a_blogger_posts_blog_header_date_footer_comments_and_sidebar_are_not_text() {
    // As Blogger's layouts write a post: the blog's name in an `<h1>`, the post's title
    // in an `<h3>` under the date, then its footer, comments and the sidebar's widgets.
    let page = "<html><head><title>History Notes: The Treaty of Rapallo</title></head><body>\
        <div id=\"header-wrapper\"><h1 class=\"title\"><a href=\"/\">History Notes</a></h1>\
        <p class=\"description\">Notes on diplomacy</p></div><div id=\"main-wrapper\">\
        <h2 class=\"date-header\"><span>Wednesday, January 1, 2020</span></h2>\
        <div class=\"post hentry\"><h3 class=\"post-title entry-title\">The Treaty of Rapallo\
        </h3><div class=\"post-body entry-content\">The treaty was signed in 1922.<br/><br/>\
        It shocked the West.</div><div class=\"post-footer\">Posted by Ann at 10:00 AM</div>\
        </div><div class=\"comments\" id=\"comments\"><h4>No comments:</h4><p>Post a Comment\
        </p></div><div class=\"blog-pager\"><a href=\"/\">Home</a></div></div>\
        <div id=\"sidebar-wrapper\"><h2>Blog Archive</h2><ul><li>2020 (1)</li></ul>\
        <h2>About Me</h2></div></body></html>";
    let (o, _) = parse(page).unwrap();
    assert_eq!(o.title.as_deref(), Some("The Treaty of Rapallo"));
    assert_eq!(o.heading_paths(), [""]);
    let text = texts(&o).join("\n");
    assert!(
        text.contains("signed in 1922") && text.contains("shocked"),
        "{text:?}"
    );
    for chrome in [
        "History",
        "diplomacy",
        "2020",
        "Posted",
        "Comment",
        "Home",
        "Archive",
        "About",
    ] {
        assert!(!text.contains(chrome), "{chrome} in {text:?}");
    }
}

#[test]
fn a_substack_posts_meta_line_likes_subscription_box_and_footer_are_not_text() {
    let page = "<html><head><title>The Treaty of Rapallo - by Ann Smith</title></head><body>\
        <article class=\"newsletter-post post\"><div class=\"post-header\"><h1 \
        class=\"post-title\">The Treaty of Rapallo</h1><div class=\"post-meta\"><a>Ann Smith\
        </a><div class=\"post-date\">Jan 01, 2020</div></div><div class=\"post-ufi\"><a \
        class=\"like-button\">12</a></div></div><div class=\"body markup\"><p>Signed in \
        1922.</p><div class=\"subscription-widget-wrap\"><p>Thanks for reading! Subscribe \
        for free.</p></div></div></article><div class=\"footer\">© 2025 Ann Smith · Terms\
        </div></body></html>";
    let (o, _) = parse(page).unwrap();
    let text = texts(&o).join("\n");
    assert!(text.contains("Signed in 1922."), "{text:?}");
    for chrome in ["Ann", "2020", "12", "Subscribe", "2025", "Terms"] {
        assert!(!text.contains(chrome), "{chrome} in {text:?}");
    }
}

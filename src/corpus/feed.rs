//! Feeds and blog exports (`.xml`, `.rss`, `.atom` whose root is `<rss>`, RSS 1.0's
//! `<rdf:RDF>` or Atom's `<feed>`): each item or entry an article, its content (HTML) read
//! as a web page is. A WordPress export (WXR, RSS with WordPress's own elements) gives its
//! posts and pages (and the site's own kinds of item), not its attachments, menus,
//! revisions or trashed posts, and its paragraphs as
//! WordPress shows them (a blank line between two); a Blogger export (Atom) gives its
//! posts, not its comments, settings or template.

use roxmltree::Node;

use super::html;
use super::model::Outline;
use super::xml::{child, parse_file};

/// RSS's module for an item's whole content (`<content:encoded>`).
const CONTENT: &str = "http://purl.org/rss/1.0/modules/content/";

/// An item of a feed: its key (its post id, else its guid or link, else its place from 1)
/// and its outline.
pub(crate) type Item = (String, Outline);

/// Whether `root`, the name of an XML file's root element, is a feed's.
pub(crate) fn is_feed(root: &str) -> bool {
    matches!(root, "rss" | "rdf:RDF" | "feed")
}

/// Read a feed, each item's content held to `limit` bytes. `Err` is the reason to skip the
/// file; the second value holds warnings (an item that could not be read).
pub(crate) fn parse(text: &str, limit: u64) -> Result<(Vec<Item>, Vec<String>), String> {
    let document = parse_file(text, "a feed", "the feed")?;
    let root = document.root_element();
    // RSS 1.0 puts its items beside the channel, RSS 2.0 inside it, Atom in the feed.
    let inside = child(root, "channel")
        .into_iter()
        .flat_map(|c| c.children());
    let items = (inside.chain(root.children()))
        .filter(|n| n.has_tag_name("item") || n.has_tag_name("entry"));
    let mut read = Vec::new();
    let mut warnings = Vec::new();
    let mut keys = std::collections::HashSet::new();
    for (i, item) in items.enumerate() {
        let number = i + 1;
        if !is_writing(item) {
            continue;
        }
        let content = content(text, item);
        if content.len() as u64 > limit {
            warnings.push(format!(
                "item {number}: larger than the size limit ({limit} bytes; see \
                 --max-file-size); skipped"
            ));
            continue;
        }
        let title = child(item, "title").map(all_text).unwrap_or_default();
        let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
        if title.is_empty() && content.trim().is_empty() {
            continue;
        }
        let part = format!("item {number}");
        let Some(mut outline) = html::parse_part(&title, &content, &part, &mut warnings) else {
            continue;
        };
        outline.title = Some(title);
        outline.title_is_text = true;
        outline.tags = categories(item);
        outline.authors = authors(item);
        // A key used twice (a feed that repeats a guid) falls back to the item's place.
        let key = key(item)
            .filter(|k| keys.insert(k.clone()))
            .unwrap_or_else(|| number.to_string());
        read.push((key, outline));
    }
    Ok((read, warnings))
}

/// Whether an item is writing: a WordPress export's post, page or item of a kind the site
/// made, not trashed or an automatic draft; a Blogger export's post or page; any other
/// feed's item.
fn is_writing(item: Node) -> bool {
    let wordpress = |name: &str| child(item, name).and_then(|n| n.text()).map(str::trim);
    if let Some(kind) = wordpress("post_type") {
        let status = wordpress("status").unwrap_or("publish");
        // WordPress's own kinds of item that are no writing; a site's own kinds (an
        // `essay`, an `event`) are.
        let machinery = matches!(
            kind,
            "attachment"
                | "revision"
                | "nav_menu_item"
                | "custom_css"
                | "customize_changeset"
                | "oembed_cache"
                | "user_request"
                | "wp_block"
                | "wp_template"
                | "wp_template_part"
                | "wp_global_styles"
                | "wp_navigation"
                | "wp_font_family"
                | "wp_font_face"
        );
        return !machinery && !matches!(status, "trash" | "auto-draft" | "inherit");
    }
    // Blogger marks each entry's kind with a category of its own scheme.
    let kind = (item.children())
        .filter(|n| n.has_tag_name("category"))
        .filter(|n| n.attribute("scheme").is_some_and(|s| s.ends_with("#kind")))
        .find_map(|n| n.attribute("term"));
    kind.is_none_or(|term| term.ends_with("#post") || term.ends_with("#page"))
}

/// The HTML of an item: RSS's `<content:encoded>`, else its `<description>`; Atom's
/// `<content>`, else its `<summary>` (XHTML content as written in the file).
fn content(text: &str, item: Node) -> String {
    let found = (item.children())
        .find(|n| n.has_tag_name((CONTENT, "encoded")))
        .or_else(|| child(item, "content"))
        .or_else(|| child(item, "description"))
        .or_else(|| child(item, "summary"));
    let Some(node) = found else {
        return String::new();
    };
    let html = match node.attribute("type") {
        // Atom's XHTML content is markup inside the element, not text.
        Some("xhtml") => match (node.first_element_child(), node.last_element_child()) {
            (Some(first), Some(last)) => text[first.range().start..last.range().end].to_string(),
            _ => all_text(node),
        },
        Some("text") => html::escape(&all_text(node)),
        _ => all_text(node),
    };
    match child(item, "post_type").is_some() {
        true => paragraphs(&html),
        false => html,
    }
}

/// A WordPress post's HTML as WordPress shows it: text between blank lines is a
/// paragraph (the editor stores paragraphs so and adds the `<p>` when it shows the post).
fn paragraphs(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + 64);
    for chunk in html.split("\n\n").map(str::trim).filter(|c| !c.is_empty()) {
        // A block element opens its own block; a Gutenberg block's comment opens none.
        let block = chunk.starts_with('<')
            && !chunk.starts_with("<!--")
            && ![
                "<a ", "<a>", "<em", "<strong", "<b>", "<i>", "<span", "<img",
            ]
            .iter()
            .any(|inline| chunk.starts_with(inline));
        match block {
            true => out.push_str(chunk),
            false => {
                out.push_str("<p>");
                out.push_str(chunk);
                out.push_str("</p>");
            }
        }
        out.push('\n');
    }
    out
}

/// All the text of `node` (its text and CDATA sections), as written.
fn all_text(node: Node) -> String {
    (node.descendants())
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .collect()
}

/// An item's categories and tags: RSS's `<category>` text, Atom's `term`; not Blogger's
/// kind.
fn categories(item: Node) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for category in item.children().filter(|n| n.has_tag_name("category")) {
        if category
            .attribute("scheme")
            .is_some_and(|s| s.ends_with("#kind"))
        {
            continue;
        }
        let name = category
            .attribute("term")
            .map(str::to_string)
            .unwrap_or_else(|| all_text(category));
        let name = name.trim();
        if !name.is_empty() && !tags.iter().any(|t| t == name) {
            tags.push(name.to_string());
        }
    }
    tags
}

/// An item's authors: Dublin Core's `<dc:creator>`, Atom's `<author><name>`, else RSS's
/// `<author>` (an address, perhaps with the name in parentheses).
fn authors(item: Node) -> Vec<String> {
    let mut authors = Vec::new();
    for node in item.children() {
        let name = if node.has_tag_name("creator") {
            all_text(node)
        } else if node.has_tag_name("author") {
            match child(node, "name") {
                Some(name) => all_text(name),
                None => {
                    let written = all_text(node);
                    match written.split_once('(') {
                        Some((_, named)) => named.trim_end_matches(')').to_string(),
                        None => written,
                    }
                }
            }
        } else {
            continue;
        };
        let name = name.trim();
        if !name.is_empty() && !authors.iter().any(|a| a == name) {
            authors.push(name.to_string());
        }
    }
    authors
}

/// What names an item for good, whatever items come before it later: a WordPress post's
/// id, else its guid (Atom: id), else its link; `None` for a key that cannot stand in an
/// article id (holding `#` or white space).
fn key(item: Node) -> Option<String> {
    let text = |name: &str| child(item, name).map(all_text);
    let link = (item.children())
        .filter(|n| n.has_tag_name("link"))
        .find_map(|n| {
            n.attribute("href")
                .map(str::to_string)
                .or_else(|| n.text().map(str::to_string))
        });
    let key = text("post_id")
        .or_else(|| text("guid"))
        .or_else(|| text("id"))
        .or(link)?;
    let key = key.trim();
    (!key.is_empty() && !key.contains(|c: char| c == '#' || c.is_whitespace()))
        .then(|| key.to_string())
}

#[cfg(test)]
mod tests;

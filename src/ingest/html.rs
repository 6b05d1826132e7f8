//! HTML pages: the article body as a reader sees it. Page furniture (menus, cookie
//! banners, scripts, share bars, related stories, footers) is removed first; then
//! dom_smoothie (a port of Mozilla's Readability) picks the article body. When it
//! finds nothing, or clearly too little, a simple readable-text walk of the cleaned
//! page is used instead. Paragraphs and block quotes become paragraphs.

use super::{FileOutcome, Format, Meta, compose, dates, sanitize::one_line};
use dom_query::{Document, NodeRef};

pub fn parse(rel: &str, text: &str) -> FileOutcome {
    let text = match super::limits::tame_html(text) {
        Ok(t) => t,
        Err(reason) => return FileOutcome::skip(rel, reason),
    };
    let ex = extract(&text);
    if ex.paragraphs.is_empty() && ex.meta.title.is_none() {
        return FileOutcome::skip(rel, "no article text found in the HTML page");
    }
    FileOutcome {
        articles: vec![compose(
            rel.to_string(),
            rel,
            Format::Html,
            ex.meta,
            &ex.paragraphs,
            Vec::new(),
        )],
        skipped: None,
    }
}

/// What a page gave: its metadata and its body paragraphs (each on one line).
pub struct Extracted {
    pub(crate) meta: Meta,
    pub paragraphs: Vec<String>,
}

/// Elements whose content is never prose (removed with everything inside).
const NEVER_TEXT: &[&str] = &[
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "object",
    "embed",
    "svg",
    "canvas",
    "button",
    "select",
    "input",
    "textarea",
    "dialog",
    "figcaption",
];

/// Element names that are page furniture.
const FURNITURE_TAGS: &[&str] = &["nav", "header", "footer", "aside", "menu"];

/// ARIA roles of page furniture.
const FURNITURE_ROLES: &[&str] = &[
    "navigation",
    "banner",
    "contentinfo",
    "dialog",
    "complementary",
    "search",
    "alert",
];

/// Words in a class or id that mark page furniture.
const FURNITURE_WORDS: &[&str] = &[
    "cookie",
    "consent",
    "newsletter",
    "share",
    "social",
    "related",
    "advert",
    "ad-slot",
    "ad-container",
    "promo",
    "subscribe",
    "paywall",
    "breadcrumb",
    "comments",
    "byline",
    "most-read",
    "recommended",
    "sidebar",
    "skip-link",
    "signup",
    "sign-up",
];

/// A marked body shorter than this (in bytes) is not trusted on its own.
const MARKED_MIN: usize = 200;

fn text_len(ps: &[String]) -> usize {
    ps.iter().map(String::len).sum()
}

/// What one pass over the page collects (one walk instead of a CSS query per field).
#[derive(Default)]
struct PageScan<'a> {
    /// `(property | name | itemprop, content)` of every `<meta>`, keys lower-cased.
    metas: Vec<(String, String)>,
    title: Option<String>,
    h1: Option<String>,
    time: Option<String>,
    canonical: Option<String>,
    json_ld: Vec<String>,
    /// Top-most furniture and never-text elements, removed after the walk.
    furniture: Vec<NodeRef<'a>>,
    /// Body candidates outside furniture: `itemprop=articleBody`, `<article>`, `<main>`.
    marked: [Vec<NodeRef<'a>>; 3],
    body: Option<NodeRef<'a>>,
    /// Nested deeper than [`MAX_DEPTH`]: hostile or broken, too costly for Readability.
    too_deep: bool,
}

/// Deeper nesting than this is not followed: hostile pages must not exhaust the stack.
const MAX_DEPTH: usize = 256;

fn scan_page<'a>(node: &NodeRef<'a>, in_furniture: bool, out: &mut PageScan<'a>, depth: usize) {
    if depth > MAX_DEPTH {
        out.too_deep = true;
        return;
    }
    for child in node.children() {
        if !child.is_element() {
            continue;
        }
        let name = child
            .node_name()
            .map(|n| n.to_ascii_lowercase())
            .unwrap_or_default();
        match name.as_str() {
            "meta" => {
                if let Some(c) = child.attr("content") {
                    for k in ["property", "name", "itemprop"] {
                        if let Some(key) = child.attr(k) {
                            out.metas.push((key.to_ascii_lowercase(), c.to_string()));
                        }
                    }
                }
                continue;
            }
            "title" => {
                if out.title.is_none() {
                    out.title = Some(child.text().to_string());
                }
                continue;
            }
            "link" => {
                let canonical = child
                    .attr("rel")
                    .is_some_and(|r| r.eq_ignore_ascii_case("canonical"));
                if canonical && out.canonical.is_none() {
                    out.canonical = child.attr("href").map(|h| h.to_string());
                }
                continue;
            }
            "script" => {
                let ld = child
                    .attr("type")
                    .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"));
                if ld {
                    out.json_ld.push(child.text().to_string());
                }
            }
            "h1" if out.h1.is_none() => {
                let t = one_line(&child.text());
                if !t.is_empty() {
                    out.h1 = Some(t);
                }
            }
            "time" if out.time.is_none() => {
                out.time = child.attr("datetime").map(|d| d.to_string());
            }
            "body" => out.body = Some(child),
            _ => {}
        }
        if NEVER_TEXT.contains(&name.as_str()) {
            if !in_furniture {
                out.furniture.push(child);
            }
            continue;
        }
        let furniture = !in_furniture && is_furniture(&name, &child);
        if furniture {
            out.furniture.push(child);
        }
        let inside = in_furniture || furniture;
        if !inside {
            if child
                .attr("itemprop")
                .is_some_and(|v| v.eq_ignore_ascii_case("articleBody"))
            {
                out.marked[0].push(child);
            } else if name == "article" {
                out.marked[1].push(child);
            } else if name == "main"
                || child
                    .attr("role")
                    .is_some_and(|r| r.eq_ignore_ascii_case("main"))
            {
                out.marked[2].push(child);
            }
        }
        scan_page(&child, inside, out, depth + 1);
    }
}

/// Furniture by name, ARIA role, `hidden`, or a telling class/id. The page's main
/// containers are never furniture (a `cookie-consent` class on `<body>` must not take
/// the article with it).
fn is_furniture(name: &str, n: &NodeRef<'_>) -> bool {
    if matches!(name, "html" | "body" | "main" | "article" | "head") {
        return false;
    }
    if FURNITURE_TAGS.contains(&name) || n.attr("hidden").is_some() {
        return true;
    }
    if n.attr("aria-hidden")
        .is_some_and(|v| v.eq_ignore_ascii_case("true"))
    {
        return true;
    }
    if n.attr("role").is_some_and(|r| {
        let r = r.to_ascii_lowercase();
        FURNITURE_ROLES.contains(&r.trim())
    }) {
        return true;
    }
    let mut names = String::new();
    for a in ["class", "id"] {
        if let Some(v) = n.attr(a) {
            names.push_str(&v.to_ascii_lowercase());
            names.push(' ');
        }
    }
    !names.is_empty() && FURNITURE_WORDS.iter().any(|w| names.contains(w))
}

/// Extracts metadata and body paragraphs from a whole page.
pub fn extract(html: &str) -> Extracted {
    let doc = Document::from(html);
    let mut page = PageScan::default();
    scan_page(&doc.root(), false, &mut page, 0);
    let meta = page_meta(&page);
    for n in &page.furniture {
        n.remove_from_parent();
    }

    // A page that marks its body (articleBody, <article>, <main>) is read directly: with
    // the furniture gone that is the body, and Readability's scoring would cost several
    // times the rest of ingestion. Pages without such markup go to Readability, with the
    // simple walk of the whole page as the fallback when it finds nothing or too little.
    let marked = page.marked.iter().find(|m| !m.is_empty()).and_then(|m| {
        // Teaser cards are <article>s too: the longest one is the story.
        m.iter().map(paragraphs_of).max_by_key(|ps| text_len(ps))
    });
    let paragraphs = match marked {
        Some(ps) if text_len(&ps) >= MARKED_MIN => ps,
        _ => {
            let simple = match &page.body {
                Some(b) => paragraphs_of(b),
                None => paragraphs_of(&doc.root()),
            };
            if page.too_deep {
                return Extracted {
                    meta,
                    paragraphs: simple.into_iter().filter(|p| !is_boilerplate(p)).collect(),
                };
            }
            drop(page);
            let readable =
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| readability(doc)))
                    .ok()
                    .flatten()
                    .map(|c| fragment_paragraphs(&c))
                    .unwrap_or_default();
            let readable_len = text_len(&readable);
            if readable_len > 0 && readable_len * 3 >= text_len(&simple) {
                readable
            } else {
                simple
            }
        }
    };
    Extracted {
        meta,
        paragraphs: paragraphs
            .into_iter()
            .filter(|p| !is_boilerplate(p))
            .collect(),
    }
}

/// Readability's idea of the article body, as HTML.
fn readability(doc: Document) -> Option<String> {
    let cfg = dom_smoothie::Config {
        disable_json_ld: true,
        ..Default::default()
    };
    let mut r = dom_smoothie::Readability::with_document(doc, None, Some(cfg)).ok()?;
    let article = r.parse().ok()?;
    Some(article.content.to_string())
}

/// Body paragraphs of an HTML fragment (feed item content, JSON bodies with markup,
/// HTML blocks in Markdown), boilerplate boxes removed.
pub fn fragment_paragraphs(html: &str) -> Vec<String> {
    // A fragment too deeply nested to parse safely gives no paragraphs.
    let Ok(html) = super::limits::tame_html(html) else {
        return Vec::new();
    };
    let doc = Document::fragment(html.as_ref());
    paragraphs_of(&doc.root())
        .into_iter()
        .filter(|p| !is_boilerplate(p))
        .collect()
}

/// Decodes HTML character references (`&eacute;`, `&nbsp;`, `&#8217;`) in plain text, as
/// feeds carry them undecoded when XML does not know them. Markup is left as text.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let escaped = s.replace('<', "&lt;");
    Document::fragment(escaped).text().to_string()
}

/// Walks the tree under `node`, one paragraph per block element.
fn paragraphs_of(node: &NodeRef<'_>) -> Vec<String> {
    let mut w = Walker::default();
    w.walk(node, false, 0);
    w.flush();
    w.out
}

#[derive(Default)]
struct Walker {
    out: Vec<String>,
    cur: String,
    /// Characters of the current block that sit inside links.
    link_chars: usize,
}

const BLOCKS: &[&str] = &[
    "p",
    "div",
    "blockquote",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "article",
    "main",
    "table",
    "tr",
    "td",
    "th",
    "pre",
    "figure",
    "dd",
    "dt",
    "dl",
    "address",
    "center",
    "hr",
    "br",
    "header",
    "footer",
    "aside",
    "nav",
    "body",
    "html",
    "details",
    "summary",
    "caption",
    "tbody",
    "thead",
];
/// Elements skipped by the plain text walk: everything that is never prose, plus the
/// document head (the walk starts at the root, not at `<body>`).
const HEAD_TAGS: &[&str] = &["head", "title", "meta", "link"];

impl Walker {
    fn walk(&mut self, node: &NodeRef<'_>, in_link: bool, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        for child in node.children() {
            if child.is_text() {
                let t = child.text();
                if in_link {
                    self.link_chars += t.trim().len();
                }
                self.cur.push_str(&t);
            } else if child.is_element() {
                let name = child
                    .node_name()
                    .map(|n| n.to_ascii_lowercase())
                    .unwrap_or_default();
                if NEVER_TEXT.contains(&name.as_str()) || HEAD_TAGS.contains(&name.as_str()) {
                    continue;
                }
                let block = BLOCKS.contains(&name.as_str());
                if block {
                    self.flush();
                }
                self.walk(&child, in_link || name == "a", depth + 1);
                if block {
                    self.flush();
                } else if matches!(name.as_str(), "td" | "th") {
                    self.cur.push(' ');
                }
            }
        }
    }

    fn flush(&mut self) {
        let p = one_line(&self.cur);
        // Blocks that are (almost) all link text are menus and link lists.
        let menu_like = self.link_chars * 10 > p.len() * 8 && p.len() < 300;
        if !p.is_empty() && !menu_like {
            self.out.push(p);
        }
        self.cur.clear();
        self.link_chars = 0;
    }
}

/// Short boxes that are page furniture rather than prose.
fn is_boilerplate(p: &str) -> bool {
    if p.chars().count() > 160 {
        return false;
    }
    let l = p.to_lowercase();
    const EXACT: &[&str] = &[
        "advertisement",
        "advert",
        "ad",
        "sponsored",
        "share",
        "share this article",
        "share this story",
        "read more",
        "related",
        "related stories",
        "related articles",
        "most read",
        "more from this section",
        "comments",
        "top stories",
        "skip to content",
        "skip to main content",
        "menu",
        "search",
        "close",
        "print",
        "email",
    ];
    const PARTS: &[&str] = &[
        "newsletter",
        "sign up",
        "subscribe",
        "cookie",
        "all rights reserved",
        "share on",
        "share this",
        "follow us",
        "click here",
        "accept all",
        "privacy policy",
        "terms of use",
        "terms of service",
        "download our app",
        "get the app",
        "in your inbox",
        "copy link",
        "enable javascript",
        "your browser",
    ];
    let trimmed = l.trim_matches(|c: char| !c.is_alphanumeric());
    EXACT.contains(&trimmed) || PARTS.iter().any(|k| l.contains(k))
}

/// Title, date, outlet and URL from meta tags, JSON-LD, `<time>`, `<h1>` and `<title>`.
fn page_meta(page: &PageScan<'_>) -> Meta {
    let meta = |keys: &[&str]| -> Option<String> {
        keys.iter().find_map(|k| {
            page.metas
                .iter()
                .filter(|(key, _)| key == k)
                .map(|(_, c)| one_line(c))
                .find(|c| !c.is_empty())
        })
    };
    let mut ld = LdMeta::default();
    for block in &page.json_ld {
        if let Ok(v) = serde_json::from_str::<serde_json::Value>(block.trim()) {
            visit_ld(&v, &mut ld, 0);
        }
    }
    let site = meta(&["og:site_name"])
        .or_else(|| ld.publisher.clone())
        .or_else(|| meta(&["application-name"]));
    let doc_title = page
        .title
        .as_deref()
        .map(one_line)
        .filter(|t| !t.is_empty())
        .map(|t| strip_site_suffix(&t, site.as_deref()));
    let title = meta(&["og:title"])
        .or_else(|| ld.headline.clone())
        .or_else(|| meta(&["twitter:title"]))
        .or_else(|| page.h1.clone())
        .or(doc_title);
    let published = meta(&[
        "article:published_time",
        "datepublished",
        "pubdate",
        "publishdate",
        "date",
        "dc.date",
        "dc.date.issued",
        "parsely-pub-date",
        "sailthru.date",
    ])
    .or_else(|| ld.published.clone())
    .or_else(|| page.time.clone())
    .and_then(|d| dates::parse_date(&d));
    let url = page.canonical.clone().or_else(|| meta(&["og:url"]));
    Meta {
        title,
        source: site,
        published,
        url,
    }
}

/// Cuts " | Outlet" / " - Outlet" from a `<title>`.
fn strip_site_suffix(t: &str, site: Option<&str>) -> String {
    for sep in [" | ", " - ", " — ", " – ", " :: "] {
        if let Some((head, tail)) = t.rsplit_once(sep) {
            let matches_site = site.is_some_and(|s| s.eq_ignore_ascii_case(tail.trim()));
            if matches_site || (tail.split_whitespace().count() <= 4 && head.len() > tail.len()) {
                return head.trim().to_string();
            }
        }
    }
    t.to_string()
}

#[derive(Default)]
struct LdMeta {
    headline: Option<String>,
    published: Option<String>,
    publisher: Option<String>,
}

fn visit_ld(v: &serde_json::Value, out: &mut LdMeta, depth: usize) {
    use serde_json::Value as V;
    if depth > 6 {
        return;
    }
    match v {
        V::Array(xs) => xs.iter().for_each(|x| visit_ld(x, out, depth + 1)),
        V::Object(m) => {
            if let Some(g) = m.get("@graph") {
                visit_ld(g, out, depth + 1);
            }
            let is_article = m.contains_key("headline") || m.contains_key("datePublished");
            if !is_article {
                return;
            }
            let s = |k: &str| m.get(k).and_then(|x| x.as_str()).map(one_line);
            out.headline = out.headline.take().or_else(|| s("headline"));
            out.published = out.published.take().or_else(|| s("datePublished"));
            if out.publisher.is_none() {
                out.publisher = match m.get("publisher") {
                    Some(V::String(p)) => Some(one_line(p)),
                    Some(V::Object(p)) => p.get("name").and_then(|x| x.as_str()).map(one_line),
                    Some(V::Array(ps)) => ps
                        .iter()
                        .find_map(|p| p.get("name").and_then(|x| x.as_str()))
                        .map(one_line),
                    _ => None,
                };
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!DOCTYPE html><html><head>
<title>Dam inspection ordered | Valley Post</title>
<meta property="og:site_name" content="Valley Post">
<script type="application/ld+json">{"@type":"NewsArticle","headline":"Dam inspection ordered","datePublished":"2025-02-03T09:00:00+01:00"}</script>
<style>p{color:red}</style></head><body>
<div class="cookie-banner"><p>We use cookies. Accept all?</p></div>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav>
<article><h1>Dam inspection ordered</h1>
<p>Engineers will inspect the Tarvik dam on Monday, the regional authority said on Sunday.</p>
<div class="ad-slot">Advertisement</div>
<blockquote><p>&ldquo;We will not take any risks,&rdquo; said director Amara Osei.</p></blockquote>
<p>The dam holds 40 million cubic metres of water &amp; supplies three towns.</p>
</article>
<section class="related"><h2>Related stories</h2><a href="/x">Other news</a></section>
<footer><p>&copy; 2025 Valley Post. All rights reserved.</p></footer>
<script>var x = "not prose";</script></body></html>"#;

    #[test]
    fn page_body_without_furniture() {
        let ex = extract(PAGE);
        assert_eq!(ex.meta.title.as_deref(), Some("Dam inspection ordered"));
        assert_eq!(ex.meta.source.as_deref(), Some("Valley Post"));
        assert!(ex.meta.published.is_some());
        let text = ex.paragraphs.join("\n");
        assert!(
            text.contains("Engineers will inspect the Tarvik dam"),
            "{text}"
        );
        assert!(
            text.contains("\u{201C}We will not take any risks,\u{201D} said director Amara Osei.")
        );
        assert!(text.contains("water & supplies"));
        for bad in [
            "cookies",
            "Home",
            "Advertisement",
            "Related",
            "rights reserved",
            "not prose",
            "color",
        ] {
            assert!(!text.contains(bad), "{bad} in {text}");
        }
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let n = 3_000;
        let page = format!(
            "<html><body><p>Top paragraph of the page, long enough to count as prose for the extractor.</p>{}deep{}</body></html>",
            "<div>".repeat(n),
            "</div>".repeat(n)
        );
        let h = std::thread::Builder::new()
            .stack_size(1 << 20)
            .spawn(move || extract(&page).paragraphs)
            .unwrap();
        let ps = h.join().expect("no stack overflow");
        assert!(ps.iter().any(|p| p.starts_with("Top paragraph")));
    }

    #[test]
    fn fragment_keeps_paragraphs() {
        let ps = fragment_paragraphs("<p>One.</p><p>Two <b>bold</b> words.</p>Three");
        assert_eq!(ps, vec!["One.", "Two bold words.", "Three"]);
    }

    #[test]
    fn entities_in_plain_text() {
        assert_eq!(
            decode_entities("Caf&eacute; &lt;x&gt; a<b &amp; c&nbsp;d"),
            "Café <x> a<b & c\u{A0}d"
        );
        assert_eq!(decode_entities("plain"), "plain");
    }

    #[test]
    fn title_suffix() {
        assert_eq!(
            strip_site_suffix("Big news today | The Daily", None),
            "Big news today"
        );
        assert_eq!(strip_site_suffix("No suffix here", None), "No suffix here");
    }
}

//! HTML pages: the article body as a reader sees it. Page furniture (menus, cookie
//! banners, scripts, share bars, related stories, footers) is removed first; then
//! dom_smoothie (a port of Mozilla's Readability) picks the article body. When it
//! finds nothing, or clearly too little, a simple readable-text walk of the cleaned
//! page is used instead. Paragraphs and block quotes become paragraphs.

use super::{FileOutcome, Format, Meta, compose, dates, sanitize::one_line};
use dom_query::{Document, NodeRef};

pub fn parse(rel: &str, text: &str) -> FileOutcome {
    let ex = extract(text);
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

/// Elements whose content is never prose.
const NEVER_TEXT: &str = "script, style, noscript, template, iframe, object, embed, svg, canvas, \
    button, select, input, textarea, form, dialog, figcaption";

/// Page furniture, removed before the body is looked for.
const FURNITURE: &str = "nav, header, footer, aside, menu, [hidden], [aria-hidden=true], \
    [role=navigation], [role=banner], [role=contentinfo], [role=dialog], [role=complementary], \
    [role=search], [class*=cookie], [id*=cookie], [class*=consent], [id*=consent], \
    [class*=newsletter], [id*=newsletter], [class*=share], [class*=social], [class*=related], \
    [id*=related], [class*=advert], [class*=ad-slot], [class*=ad-container], [id*=advert], \
    [class*=promo], [class*=subscribe], [class*=paywall], [class*=breadcrumb], \
    [class*=comments], [id*=comments], [class*=byline], [class*=most-read], \
    [class*=recommended], [class*=sidebar], [id*=sidebar], [class*=skip-link]";

/// Extracts metadata and body paragraphs from a whole page.
pub fn extract(html: &str) -> Extracted {
    let doc = Document::from(html);
    let meta = read_meta(&doc);
    doc.select(NEVER_TEXT).remove();
    remove_furniture(&doc);

    // The simple walk of the cleaned page: the fallback and a yardstick for Readability.
    let scope = ["article", "main", "[role=main]", "body"]
        .iter()
        .map(|s| doc.select(s))
        .find(|s| s.exists());
    let simple = match scope.and_then(|s| s.nodes().first().cloned()) {
        Some(n) => paragraphs_of(&n),
        None => paragraphs_of(&doc.root()),
    };
    let simple_len: usize = simple.iter().map(|p| p.len()).sum();

    let readable = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| readability(doc)))
        .ok()
        .flatten()
        .map(|c| fragment_paragraphs(&c))
        .unwrap_or_default();
    let readable_len: usize = readable.iter().map(|p| p.len()).sum();

    let paragraphs = if readable_len > 0 && readable_len * 2 >= simple_len {
        readable
    } else {
        simple
    };
    Extracted {
        meta,
        paragraphs: paragraphs
            .into_iter()
            .filter(|p| !is_boilerplate(p))
            .collect(),
    }
}

/// Removes furniture, but never the page's main containers (a `cookie-consent`
/// class on `<body>` must not take the article with it).
fn remove_furniture(doc: &Document) {
    for n in doc.select(FURNITURE).nodes() {
        let name = n
            .node_name()
            .map(|s| s.to_ascii_lowercase())
            .unwrap_or_default();
        if !matches!(name.as_str(), "html" | "body" | "main" | "article") {
            n.remove_from_parent();
        }
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
    let doc = Document::fragment(html);
    doc.select(NEVER_TEXT).remove();
    paragraphs_of(&doc.root())
        .into_iter()
        .filter(|p| !is_boilerplate(p))
        .collect()
}

/// Walks the tree under `node`, one paragraph per block element.
fn paragraphs_of(node: &NodeRef<'_>) -> Vec<String> {
    let mut w = Walker::default();
    w.walk(node, false);
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
const SKIP: &[&str] = &[
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
    "head",
    "title",
    "meta",
    "link",
    "figcaption",
];

impl Walker {
    fn walk(&mut self, node: &NodeRef<'_>, in_link: bool) {
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
                if SKIP.contains(&name.as_str()) {
                    continue;
                }
                let block = BLOCKS.contains(&name.as_str());
                if block {
                    self.flush();
                }
                self.walk(&child, in_link || name == "a");
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
fn read_meta(doc: &Document) -> Meta {
    let meta_content = |sel: &str| -> Option<String> {
        doc.select(sel)
            .nodes()
            .iter()
            .filter_map(|n| n.attr("content"))
            .map(|c| one_line(&c))
            .find(|c| !c.is_empty())
    };
    let ld = json_ld(doc);
    let h1 = doc
        .select("h1")
        .nodes()
        .iter()
        .map(|n| one_line(&n.text()))
        .find(|t| !t.is_empty());
    let site = meta_content("meta[property='og:site_name'], meta[name='og:site_name']")
        .or_else(|| ld.publisher.clone())
        .or_else(|| meta_content("meta[name='application-name']"));
    let doc_title = doc
        .select("head title, title")
        .nodes()
        .first()
        .map(|n| one_line(&n.text()))
        .filter(|t| !t.is_empty())
        .map(|t| strip_site_suffix(&t, site.as_deref()));
    let title = meta_content("meta[property='og:title'], meta[name='og:title']")
        .or_else(|| ld.headline.clone())
        .or_else(|| meta_content("meta[name='twitter:title']"))
        .or(h1)
        .or(doc_title);
    let date_text = meta_content(
        "meta[property='article:published_time'], meta[name='article:published_time'], \
         meta[itemprop='datePublished'], meta[name='pubdate'], meta[name='publishdate'], \
         meta[name='date'], meta[name='dc.date'], meta[name='DC.date.issued'], \
         meta[name='parsely-pub-date'], meta[name='sailthru.date']",
    )
    .or_else(|| ld.published.clone())
    .or_else(|| {
        doc.select("time[datetime]")
            .nodes()
            .iter()
            .filter_map(|n| n.attr("datetime"))
            .map(|d| d.to_string())
            .next()
    });
    let published = date_text.as_deref().and_then(dates::parse_date);
    let url = doc
        .select("link[rel='canonical']")
        .nodes()
        .iter()
        .filter_map(|n| n.attr("href"))
        .map(|h| h.to_string())
        .next()
        .or_else(|| meta_content("meta[property='og:url']"));
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

/// Article metadata from `<script type="application/ld+json">` blocks.
fn json_ld(doc: &Document) -> LdMeta {
    let mut out = LdMeta::default();
    for n in doc.select("script[type='application/ld+json']").nodes() {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(n.text().trim()) else {
            continue;
        };
        visit_ld(&v, &mut out, 0);
    }
    out
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
    fn fragment_keeps_paragraphs() {
        let ps = fragment_paragraphs("<p>One.</p><p>Two <b>bold</b> words.</p>Three");
        assert_eq!(ps, vec!["One.", "Two bold words.", "Three"]);
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

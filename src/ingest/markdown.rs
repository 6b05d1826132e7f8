//! Markdown: YAML front matter for metadata, the first `# heading` as title when the
//! front matter has none, the rest rendered to plain prose paragraphs (no emphasis
//! marks, link targets or image syntax).

use super::{FileOutcome, Format, Meta, compose, dates};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

pub fn parse(rel: &str, text: &str) -> FileOutcome {
    let mut warnings = Vec::new();
    let (front, body) = split_front_matter(text);
    let mut meta = Meta::default();
    if let Some(yaml) = front {
        if let Some(reason) = super::limits::front_matter_refusal(yaml) {
            warnings.push(reason);
        } else {
            match serde_yaml_ng::from_str::<serde_yaml_ng::Value>(yaml) {
                Ok(v) => meta = front_meta(&v),
                Err(e) => warnings.push(format!(
                    "front matter could not be read ({}); metadata ignored",
                    first_line(&e.to_string())
                )),
            }
        }
    }
    let blocks = render(body);
    let mut paragraphs = Vec::with_capacity(blocks.len());
    for b in blocks {
        // The first top-level heading is the headline when the front matter had none.
        if b.h1 && meta.title.is_none() && paragraphs.is_empty() {
            meta.title = Some(b.text);
            continue;
        }
        paragraphs.push(b.text);
    }
    FileOutcome {
        articles: vec![compose(
            rel.to_string(),
            rel,
            Format::Md,
            meta,
            &paragraphs,
            warnings,
        )],
        skipped: None,
    }
}

fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or(s)
}

/// Splits `---\n…\n---` (or `...`) front matter from the body.
fn split_front_matter(text: &str) -> (Option<&str>, &str) {
    let t = text.trim_start_matches('\u{FEFF}');
    let Some(rest) = t
        .strip_prefix("---\n")
        .or_else(|| t.strip_prefix("---\r\n"))
    else {
        return (None, text);
    };
    let mut pos = 0;
    for line in rest.split_inclusive('\n') {
        let l = line.trim_end();
        if l == "---" || l == "..." {
            return (Some(&rest[..pos]), &rest[pos + line.len()..]);
        }
        pos += line.len();
    }
    (None, text)
}

fn front_meta(v: &serde_yaml_ng::Value) -> Meta {
    let get = |keys: &[&str]| -> Option<String> {
        let map = v.as_mapping()?;
        for k in keys {
            for (mk, mv) in map {
                if mk.as_str().is_some_and(|s| s.eq_ignore_ascii_case(k))
                    && let Some(s) = yaml_string(mv)
                {
                    return Some(s);
                }
            }
        }
        None
    };
    Meta {
        title: get(&["title", "headline"]),
        source: get(&[
            "source",
            "outlet",
            "publisher",
            "site",
            "site_name",
            "publication",
        ]),
        published: get(&[
            "published",
            "date",
            "pubDate",
            "datePublished",
            "published_at",
        ])
        .and_then(|d| dates::parse_date(&d)),
        url: get(&["url", "link", "canonical"]),
    }
}

fn yaml_string(v: &serde_yaml_ng::Value) -> Option<String> {
    use serde_yaml_ng::Value as V;
    match v {
        V::String(s) => Some(s.clone()),
        V::Number(n) => Some(n.to_string()),
        V::Mapping(m) => m
            .iter()
            .find(|(k, _)| matches!(k.as_str(), Some("name") | Some("title")))
            .and_then(|(_, v)| yaml_string(v)),
        V::Sequence(s) => s.first().and_then(yaml_string),
        V::Tagged(t) => yaml_string(&t.value),
        _ => None,
    }
}

/// A rendered block of text.
struct Block {
    text: String,
    h1: bool,
}

/// Renders Markdown into plain-text blocks: paragraphs, headings, list items, quotes,
/// code blocks and table rows each become one block.
fn render(md: &str) -> Vec<Block> {
    let opts = Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut h1 = false;
    let mut in_image = 0usize;
    let mut in_footnote = 0usize;
    let mut html_block = String::new();
    let flush = |cur: &mut String, h1: &mut bool, out: &mut Vec<Block>| {
        let t = cur.split_whitespace().collect::<Vec<_>>().join(" ");
        if !t.is_empty() {
            out.push(Block { text: t, h1: *h1 });
        }
        cur.clear();
        *h1 = false;
    };
    for ev in Parser::new_ext(md, opts) {
        match ev {
            Event::Start(Tag::Image { .. }) => in_image += 1,
            Event::End(TagEnd::Image) => in_image = in_image.saturating_sub(1),
            Event::Start(Tag::FootnoteDefinition(_)) => {
                flush(&mut cur, &mut h1, &mut out);
                in_footnote += 1;
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                cur.clear();
                in_footnote = in_footnote.saturating_sub(1);
            }
            _ if in_image > 0 || in_footnote > 0 => {}
            Event::Start(Tag::Heading { level, .. }) => {
                flush(&mut cur, &mut h1, &mut out);
                h1 = level == pulldown_cmark::HeadingLevel::H1;
            }
            Event::Start(
                Tag::Paragraph | Tag::Item | Tag::BlockQuote(_) | Tag::CodeBlock(_) | Tag::TableRow,
            ) => flush(&mut cur, &mut h1, &mut out),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::BlockQuote(_)
                | TagEnd::CodeBlock
                | TagEnd::TableRow
                | TagEnd::TableHead,
            ) => flush(&mut cur, &mut h1, &mut out),
            Event::End(TagEnd::TableCell) => cur.push(' '),
            Event::Text(t) | Event::Code(t) => cur.push_str(&t),
            Event::SoftBreak | Event::HardBreak => cur.push(' '),
            Event::Start(Tag::HtmlBlock) => html_block.clear(),
            Event::Html(h) => html_block.push_str(&h),
            Event::End(TagEnd::HtmlBlock) => {
                flush(&mut cur, &mut h1, &mut out);
                for p in super::html::fragment_paragraphs(&html_block) {
                    out.push(Block { text: p, h1: false });
                }
                html_block.clear();
            }
            // Inline tags (<em>, <br>, comments) carry no prose of their own.
            Event::InlineHtml(_) | Event::FootnoteReference(_) => {}
            Event::InlineMath(t) | Event::DisplayMath(t) => cur.push_str(&t),
            _ => {}
        }
    }
    flush(&mut cur, &mut h1, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_heading_and_markup() {
        let md = "---\ntitle: \"Ferry service resumes\"\noutlet: Harbour Times\ndate: 2025-04-02\n---\n\n# Ferry service resumes\n\nThe **first** boat left at [dawn](https://x.example/a), the operator said.\n\n![crowd](img.jpg)\n\n> \"We are back,\" said Captain Ilse Brandt.\n";
        let out = parse("a.md", md);
        let a = &out.articles[0];
        assert_eq!(a.title.as_deref(), Some("Ferry service resumes"));
        assert_eq!(a.source.as_deref(), Some("Harbour Times"));
        assert_eq!(
            a.published.unwrap().to_rfc3339(),
            "2025-04-02T00:00:00+00:00"
        );
        assert_eq!(
            a.text,
            "Ferry service resumes\n\nThe first boat left at dawn, the operator said.\n\n\"We are back,\" said Captain Ilse Brandt."
        );
    }

    #[test]
    fn heading_is_title_without_front_matter() {
        let out = parse(
            "b.md",
            "# Storm warning\n\nWinds of 90 km/h.\n\n## Later\n\nCalmer.",
        );
        let a = &out.articles[0];
        assert_eq!(a.title.as_deref(), Some("Storm warning"));
        assert_eq!(
            a.text,
            "Storm warning\n\nWinds of 90 km/h.\n\nLater\n\nCalmer."
        );
    }

    #[test]
    fn bad_front_matter_is_a_warning() {
        let out = parse("c.md", "---\ntitle: [unclosed\n---\nBody text.");
        let a = &out.articles[0];
        assert_eq!(a.text, "Body text.");
        assert!(a.warnings[0].contains("front matter"));
    }
}

//! RSS and Atom feeds (feed-rs): each item is an article with id
//! `FILE#<guid or link or index>`; its HTML content becomes text as for pages; the
//! feed's title is the source. A feed broken part-way keeps the items before the error.

use super::{Article, FileOutcome, Format, Meta, Skipped, compose, dedupe_ids};
use feed_rs::model::{Feed, FeedType};

pub fn parse(rel: &str, text: &str) -> FileOutcome {
    let head = text
        .get(..text.len().min(4096))
        .unwrap_or(text)
        .to_ascii_lowercase();
    let is_atom = head.contains("<feed");
    if !(head.contains("<rss") || is_atom || head.contains("<rdf:rdf")) {
        return FileOutcome::skip(rel, "XML but not an RSS or Atom feed");
    }
    match parse_feed(text) {
        Ok(feed) => FileOutcome {
            articles: articles_of(rel, &feed),
            skipped: None,
        },
        Err(e) => recover(rel, text, is_atom, &e),
    }
}

fn parse_feed(text: &str) -> Result<Feed, String> {
    // An empty id marks "no guid/id in the file": we then use the link or the index.
    let parser = feed_rs::parser::Builder::new()
        .id_generator(|_, _, _| String::new())
        .build();
    parser.parse(text.as_bytes()).map_err(|e| {
        let s = e.to_string();
        s.lines().next().unwrap_or(&s).to_string()
    })
}

/// Keeps the items before the error: cuts the XML after the last complete item that
/// still parses, closes the document and parses again.
fn recover(rel: &str, text: &str, is_atom: bool, err: &str) -> FileOutcome {
    let (end_tag, closing) = if is_atom {
        ("</entry>", "</feed>")
    } else {
        ("</item>", "</channel></rss>")
    };
    let ends: Vec<usize> = text
        .match_indices(end_tag)
        .map(|(i, _)| i + end_tag.len())
        .collect();
    for &cut in ends.iter().rev().take(64) {
        let mut attempt = String::with_capacity(cut + closing.len());
        attempt.push_str(&text[..cut]);
        attempt.push_str(closing);
        if let Ok(feed) = parse_feed(&attempt) {
            let articles = articles_of(rel, &feed);
            let reason = format!(
                "malformed XML ({err}); kept {} item(s) before the error",
                articles.len()
            );
            return FileOutcome {
                articles,
                skipped: Some(Skipped {
                    path: rel.to_string(),
                    reason,
                }),
            };
        }
    }
    FileOutcome::skip(rel, format!("malformed XML ({err})"))
}

fn articles_of(rel: &str, feed: &Feed) -> Vec<Article> {
    let format = match feed.feed_type {
        FeedType::Atom => Format::Atom,
        FeedType::JSON => Format::Json,
        _ => Format::Rss,
    };
    let source = feed.title.as_ref().map(|t| t.content.clone());
    let mut out = Vec::new();
    for (i, e) in feed.entries.iter().enumerate() {
        let link = e
            .links
            .iter()
            .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
            .or(e.links.first())
            .map(|l| l.href.clone());
        let local = if !e.id.trim().is_empty() {
            e.id.trim().to_string()
        } else if let Some(l) = &link {
            l.clone()
        } else {
            (i + 1).to_string()
        };
        let body = e
            .content
            .as_ref()
            .and_then(|c| c.body.clone())
            .filter(|b| !b.trim().is_empty())
            .or_else(|| e.summary.as_ref().map(|s| s.content.clone()))
            .unwrap_or_default();
        let paragraphs = super::json::text_paragraphs(&body);
        let title = e.title.as_ref().map(|t| t.content.clone());
        if paragraphs.is_empty() && title.as_deref().is_none_or(|t| t.trim().is_empty()) {
            continue;
        }
        let meta = Meta {
            title,
            source: source.clone(),
            published: e.published.or(e.updated).map(|d| d.fixed_offset()),
            url: link,
        };
        out.push(compose(
            format!("{rel}#{local}"),
            rel,
            format,
            meta,
            &paragraphs,
            Vec::new(),
        ));
    }
    dedupe_ids(&mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const RSS: &str = r#"<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Harbour Times</title>
<item><title>Ferry strike ends</title><guid>ht-1</guid><link>https://h.example/1</link><pubDate>Tue, 04 Mar 2025 10:00:00 +0000</pubDate>
<description>Short.</description><content:encoded><![CDATA[<p>Crews returned on Tuesday.</p><p>&ldquo;It is over,&rdquo; said Tariq Demir.</p>]]></content:encoded></item>
<item><title>Second item</title><link>https://h.example/2</link><description>&lt;p&gt;Only a description.&lt;/p&gt;</description></item>
</channel></rss>"#;

    #[test]
    fn rss_items_become_articles() {
        let out = parse("f.xml", RSS);
        assert!(out.skipped.is_none());
        assert_eq!(out.articles.len(), 2);
        let a = &out.articles[0];
        assert_eq!(a.id, "f.xml#ht-1");
        assert_eq!(a.format, Format::Rss);
        assert_eq!(a.source.as_deref(), Some("Harbour Times"));
        assert_eq!(
            a.text,
            "Ferry strike ends\n\nCrews returned on Tuesday.\n\n\u{201C}It is over,\u{201D} said Tariq Demir."
        );
        assert!(a.published.is_some());
        assert_eq!(out.articles[1].id, "f.xml#https://h.example/2");
        assert_eq!(out.articles[1].text, "Second item\n\nOnly a description.");
    }

    #[test]
    fn atom_entries() {
        let atom = r#"<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title><id>urn:w</id><updated>2025-01-01T00:00:00Z</updated>
<entry><title>Vote delayed</title><id>urn:w:1</id><updated>2025-01-02T08:00:00Z</updated><content type="html">&lt;p&gt;The vote was delayed.&lt;/p&gt;</content></entry></feed>"#;
        let out = parse("w.atom", atom);
        assert_eq!(out.articles.len(), 1);
        assert_eq!(out.articles[0].format, Format::Atom);
        assert_eq!(out.articles[0].id, "w.atom#urn:w:1");
        assert_eq!(
            out.articles[0].text,
            "Vote delayed\n\nThe vote was delayed."
        );
    }

    #[test]
    fn broken_feed_keeps_items_before_error() {
        let broken = RSS.replace("</channel></rss>", "<item><title>Cut off");
        let out = parse("g.xml", &broken);
        assert_eq!(out.articles.len(), 2, "{:?}", out.skipped);
        assert!(out.skipped.unwrap().reason.contains("malformed XML"));
    }

    #[test]
    fn non_feed_xml_is_skipped() {
        let out = parse(
            "s.xml",
            "<?xml version=\"1.0\"?><urlset><url>x</url></urlset>",
        );
        assert!(out.articles.is_empty());
        assert!(out.skipped.is_some());
    }
}

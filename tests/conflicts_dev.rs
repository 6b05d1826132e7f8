//! Development harness (ignored by default): reads one desk-dev cluster the way the gold
//! decodes it, treats all its articles as ONE story, runs facts + conflicts and writes a
//! scan-like JSON that `../shared/eval/score_desk.py` can score. Run with
//! `QD_CLUSTER=<dir> QD_OUT=/tmp/x.json cargo test --release --test conflicts_dev -- --ignored`.
//! It exists because stories and most ingest formats live on other branches.

use quotedesk::analysis::{self, conflicts, speakers::SpeakerIndex};
use quotedesk::ingest::{Article, Format};
use serde_json::json;

fn decode(bytes: &[u8]) -> String {
    let s = match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => bytes.iter().map(|&b| b as char).collect(),
    };
    s.trim_start_matches('\u{feff}')
        .replace("\r\n", "\n")
        .replace('\r', "\n")
}

fn unescape(s: &str) -> String {
    s.replace("&nbsp;", " ")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&rsquo;", "\u{2019}")
        .replace("&lsquo;", "\u{2018}")
        .replace("&ldquo;", "\u{201c}")
        .replace("&rdquo;", "\u{201d}")
        .replace("&copy;", "\u{a9}")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

fn strip_tags(s: &str) -> String {
    let re = regex::Regex::new(r"(?s)<(script|style)[^>]*>.*?</(script|style)>").unwrap();
    let s = re.replace_all(s, "");
    let block = regex::Regex::new(
        r"(?i)</?(p|div|h[1-6]|li|ul|ol|blockquote|title|article|section|header|footer|nav|figure|figcaption|br|aside|main|body|html|head)[^>]*>",
    )
    .unwrap();
    let s = block.replace_all(&s, "\n\n");
    let tag = regex::Regex::new(r"<[^>]*>").unwrap();
    let s = tag.replace_all(&s, "");
    unescape(&s)
}

fn cap(re: &str, s: &str) -> Option<String> {
    regex::Regex::new(re)
        .unwrap()
        .captures(s)
        .map(|c| c[1].trim().to_string())
}

fn article(id: &str, format: Format, text: String, published: Option<String>) -> Article {
    let published = published.and_then(|p| {
        chrono::DateTime::parse_from_rfc3339(&p)
            .or_else(|_| chrono::DateTime::parse_from_rfc2822(&p))
            .ok()
    });
    Article {
        id: id.to_string(),
        path: id.split('#').next().unwrap_or(id).to_string(),
        format,
        title: None,
        source: None,
        published,
        url: None,
        text,
        warnings: vec![],
    }
}

#[allow(clippy::regex_creation_in_loops)]
fn load(dir: &std::path::Path) -> Vec<Article> {
    let gold: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("gold.json")).unwrap()).unwrap();
    let mut files: Vec<String> = gold["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().split('#').next().unwrap().to_string())
        .collect();
    files.dedup();
    let mut out = Vec::new();
    for f in files {
        let raw = decode(&std::fs::read(dir.join(&f)).unwrap());
        if f.ends_with(".txt") {
            out.push(article(&f, Format::Txt, raw, None));
        } else if f.ends_with(".md") {
            let p = cap(r"(?m)^published:\s*(\S+)", &raw);
            out.push(article(&f, Format::Md, raw, p));
        } else if f.ends_with(".html") {
            let p = cap(r#"article:published_time"\s+content="([^"]+)""#, &raw);
            out.push(article(&f, Format::Html, strip_tags(&raw), p));
        } else if f.ends_with(".json") {
            let v: serde_json::Value = serde_json::from_str(&raw).unwrap();
            let text = format!(
                "{}\n\n{}",
                v["title"].as_str().unwrap_or(""),
                v["body"].as_str().unwrap_or("")
            );
            let p = v["published"].as_str().map(str::to_string);
            out.push(article(&f, Format::Json, text, p));
        } else if f.ends_with(".xml") {
            let item = regex::Regex::new(r"(?s)<item>(.*?)</item>").unwrap();
            for c in item.captures_iter(&raw) {
                let body = &c[1];
                let guid = cap(r"(?s)<guid[^>]*>(.*?)</guid>", body).unwrap_or_default();
                let title = cap(r"(?s)<title>(.*?)</title>", body).unwrap_or_default();
                let field = |name: &str| {
                    cap(&format!(r"(?s)<{name}>(.*?)</{name}>"), body)
                        .map(|s| {
                            let s = s
                                .trim()
                                .trim_start_matches("<![CDATA[")
                                .trim_end_matches("]]>")
                                .to_string();
                            strip_tags(&unescape(&s))
                        })
                        .unwrap_or_default()
                };
                let text = format!(
                    "{}\n\n{}\n\n{}",
                    unescape(&title),
                    field("description"),
                    field("content:encoded")
                );
                let p = cap(r"(?s)<pubDate>(.*?)</pubDate>", body);
                out.push(article(&format!("{f}#{guid}"), Format::Rss, text, p));
            }
        }
    }
    out
}

fn chars(text: &str, byte: usize) -> usize {
    text[..byte].chars().count()
}

#[test]
#[ignore]
fn dev_cluster_to_json() {
    let Ok(dir) = std::env::var("QD_CLUSTER") else {
        return;
    };
    let out = std::env::var("QD_OUT").unwrap_or_else(|_| "/tmp/qd_dev.json".into());
    let arts = load(std::path::Path::new(&dir));
    let analyses: Vec<_> = arts.iter().map(analysis::analyze).collect();
    let story: Vec<_> = arts.iter().zip(analyses.iter()).collect();
    let found = conflicts::find(&story, &SpeakerIndex::new());
    let by_id: std::collections::HashMap<&str, &Article> =
        arts.iter().map(|a| (a.id.as_str(), a)).collect();
    let conflicts: Vec<_> = found
        .iter()
        .enumerate()
        .map(|(i, c)| {
            json!({"id": format!("c{}", i + 1), "kind": c.kind.as_str(),
                "severity": match c.severity { conflicts::Severity::Hard => "hard", _ => "soft" },
                "subject": c.subject, "summary": c.summary,
                "claims": c.claims.iter().map(|cl| {
                    let t = &by_id[cl.article.as_str()].text;
                    json!({"article": cl.article, "start": chars(t, cl.span.start), "end": chars(t, cl.span.end),
                        "text": cl.span.text(t), "value": cl.value})
                }).collect::<Vec<_>>()})
        })
        .collect();
    let articles: Vec<_> = arts
        .iter()
        .map(|a| json!({"id": a.id, "path": a.path, "text": a.text, "quotes": []}))
        .collect();
    let facts: Vec<_> = arts
        .iter()
        .zip(analyses.iter())
        .flat_map(|(a, an)| {
            an.facts.iter().map(move |f| {
                json!({"article": a.id, "kind": format!("{:?}", f.kind), "key": f.key,
                    "value": f.value, "text": f.evidence.text(&a.text), "anchor": f.anchor, "detail": format!("{:?}", f.detail)})
            })
        })
        .collect();
    let doc = json!({"schema": 1, "root": dir, "articles": articles, "speakers": [],
        "stories": [], "conflicts": conflicts, "facts": facts});
    std::fs::write(&out, serde_json::to_string_pretty(&doc).unwrap()).unwrap();
}

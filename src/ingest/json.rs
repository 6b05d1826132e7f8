//! JSON articles: one object, an array of objects (or an object wrapping one), or JSON
//! Lines, with the common key names. Malformed input keeps what could be read (the
//! complete lines of a JSONL file, the items of an array before the error) and the
//! rest is explained in the file's `skipped` reason.

use super::{Article, FileOutcome, Format, Meta, Skipped, compose, dates, dedupe_ids, url_slug};
use serde_json::{Map, Value};

const TITLE: &[&str] = &["title", "headline", "name"];
const BODY: &[&str] = &[
    "body",
    "text",
    "content",
    "article",
    "articleBody",
    "article_body",
    "body_text",
    "full_text",
    "fulltext",
    "story",
    "description",
    "summary",
];
const SOURCE: &[&str] = &[
    "source",
    "outlet",
    "site",
    "publisher",
    "site_name",
    "siteName",
    "source_name",
    "publication",
    "feed",
];
const DATE: &[&str] = &[
    "published",
    "date",
    "pubDate",
    "datePublished",
    "published_at",
    "publishedAt",
    "publish_date",
    "created_at",
    "time",
    "timestamp",
];
const URL: &[&str] = &["url", "link", "href", "permalink", "canonical_url"];
const ID: &[&str] = &["id", "guid", "_id", "uuid", "article_id"];
const WRAPPERS: &[&str] = &[
    "articles",
    "items",
    "data",
    "results",
    "entries",
    "posts",
    "stories",
    "documents",
];

/// True when the whole text is JSON (used to sniff `.txt` and extension-less files).
pub fn is_json(text: &str) -> bool {
    let r = read_values(text);
    r.error.is_none() && !r.values.is_empty()
}

pub fn parse(rel: &str, text: &str) -> FileOutcome {
    let read = read_values(text);
    let single_object = read.values.len() == 1 && read.values[0].is_object() && !read.array;
    let mut items: Vec<&Map<String, Value>> = Vec::new();
    let mut not_objects = 0usize;
    for v in &read.values {
        match v {
            Value::Object(m) => match wrapped_items(m) {
                Some(xs) => collect_objects(xs, &mut items, &mut not_objects),
                None => items.push(m),
            },
            Value::Array(xs) => collect_objects(xs, &mut items, &mut not_objects),
            _ => not_objects += 1,
        }
    }
    // JSON Lines files (and files that were cut short) hold several articles even when
    // only one could be read: their ids keep the `#n` form so they stay stable.
    let lines_file = [".jsonl", ".ndjson"]
        .iter()
        .any(|e| rel.to_ascii_lowercase().ends_with(e));
    let several = lines_file || read.error.is_some() || !single_object || items.len() > 1;
    let mut articles: Vec<Article> = Vec::new();
    let mut empty_items = 0usize;
    for (i, m) in items.iter().enumerate() {
        match item_article(rel, m, i, several) {
            Some(a) => articles.push(a),
            None => empty_items += 1,
        }
    }
    dedupe_ids(&mut articles);

    let mut problems = Vec::new();
    if let Some(e) = &read.error {
        problems.push(e.clone());
    }
    if empty_items > 0 {
        problems.push(format!(
            "{empty_items} item(s) without a title or body (expected keys like \"title\" and \"body\")"
        ));
    }
    if not_objects > 0 {
        problems.push(format!(
            "{not_objects} value(s) that are not article objects"
        ));
    }
    let skipped = if problems.is_empty() {
        None
    } else {
        let mut reason = problems.join("; ");
        if articles.is_empty() {
            if read.values.is_empty() && read.error.is_none() {
                reason = "no JSON value found".into();
            }
        } else {
            reason.push_str(&format!("; kept {} article(s)", articles.len()));
        }
        Some(Skipped {
            path: rel.to_string(),
            reason,
        })
    };
    FileOutcome { articles, skipped }
}

fn collect_objects<'a>(xs: &'a [Value], items: &mut Vec<&'a Map<String, Value>>, bad: &mut usize) {
    for x in xs {
        match x {
            Value::Object(m) => items.push(m),
            _ => *bad += 1,
        }
    }
}

/// `{"articles": [...]}` and similar wrappers (only when the object is not itself an article).
fn wrapped_items(m: &Map<String, Value>) -> Option<&[Value]> {
    if BODY
        .iter()
        .any(|k| get(m, k).is_some_and(|v| v.is_string()))
    {
        return None;
    }
    WRAPPERS
        .iter()
        .find_map(|k| get(m, k).and_then(|v| v.as_array()).map(Vec::as_slice))
}

/// Case-insensitive key lookup.
fn get<'a>(m: &'a Map<String, Value>, key: &str) -> Option<&'a Value> {
    m.get(key).or_else(|| {
        m.iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v)
    })
}

fn first_string(m: &Map<String, Value>, keys: &[&str]) -> Option<String> {
    keys.iter()
        .filter_map(|k| get(m, k))
        .find_map(string_of)
        .filter(|s| !s.trim().is_empty())
}

/// A string, a number, or an object's name/title/text/rendered field.
fn string_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Object(m) => ["name", "title", "rendered", "text", "value", "#text"]
            .iter()
            .find_map(|k| m.get(*k).and_then(string_of)),
        Value::Array(xs) => xs.iter().find_map(string_of),
        _ => None,
    }
}

fn item_article(rel: &str, m: &Map<String, Value>, i: usize, several: bool) -> Option<Article> {
    let title = first_string(m, TITLE);
    let paragraphs = BODY
        .iter()
        .filter_map(|k| get(m, k))
        .map(body_paragraphs)
        .find(|ps| !ps.is_empty())
        .unwrap_or_default();
    if paragraphs.is_empty() && title.is_none() {
        return None;
    }
    let url = first_string(m, URL);
    let published = DATE.iter().filter_map(|k| get(m, k)).find_map(|v| match v {
        Value::Number(n) => n.as_i64().and_then(dates::from_timestamp),
        other => string_of(other).and_then(|s| dates::parse_date(&s)),
    });
    let id = if several {
        let local = first_string(m, ID)
            .map(|s| s.trim().to_string())
            .or_else(|| url.as_deref().and_then(url_slug))
            .unwrap_or_else(|| (i + 1).to_string());
        format!("{rel}#{local}")
    } else {
        rel.to_string()
    };
    let mut warnings = Vec::new();
    if paragraphs.is_empty() {
        warnings.push("no body text, only a title".to_string());
    }
    let meta = Meta {
        title,
        source: first_string(m, SOURCE),
        published,
        url,
    };
    Some(compose(id, rel, Format::Json, meta, &paragraphs, warnings))
}

/// A body value as paragraphs: HTML is extracted, plain text split at blank lines (or
/// at single newlines when there are none), arrays give one paragraph per element.
fn body_paragraphs(v: &Value) -> Vec<String> {
    match v {
        Value::Array(xs) => xs.iter().flat_map(body_paragraphs).collect(),
        Value::Object(_) => string_of(v)
            .map(|s| text_paragraphs(&s))
            .unwrap_or_default(),
        Value::String(s) => text_paragraphs(s),
        _ => Vec::new(),
    }
}

pub(crate) fn text_paragraphs(s: &str) -> Vec<String> {
    if looks_like_html(s) {
        return super::html::fragment_paragraphs(s);
    }
    let s = s.replace("\r\n", "\n");
    let blank_separated = s.contains("\n\n");
    let parts: Vec<&str> = if blank_separated {
        s.split("\n\n").collect()
    } else {
        s.split('\n').collect()
    };
    parts
        .into_iter()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect()
}

fn looks_like_html(s: &str) -> bool {
    let l = s.get(..s.len().min(4096)).unwrap_or(s).to_ascii_lowercase();
    ["<p>", "<p ", "<br", "</p>", "<div", "</a>", "<blockquote"]
        .iter()
        .any(|t| l.contains(t))
}

/// The JSON values of a file, and an explanation of what could not be read.
struct ReadValues {
    values: Vec<Value>,
    /// The file is one top-level array.
    array: bool,
    error: Option<String>,
}

fn line_at(text: &str, pos: usize) -> usize {
    text.as_bytes()[..pos]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

fn read_values(text: &str) -> ReadValues {
    let start = text.len() - text.trim_start().len();
    if text[start..].starts_with('[') {
        if let Ok(Value::Array(xs)) = serde_json::from_str::<Value>(text) {
            return ReadValues {
                values: xs,
                array: true,
                error: None,
            };
        }
        return read_array_prefix(text, start + 1);
    }
    read_stream(text, start)
}

/// The elements of a broken array, up to the first error.
fn read_array_prefix(text: &str, mut pos: usize) -> ReadValues {
    let mut values = Vec::new();
    let error;
    loop {
        let rest = &text[pos..];
        let skip = rest.len()
            - rest
                .trim_start_matches(|c: char| c.is_whitespace() || c == ',')
                .len();
        pos += skip;
        if text[pos..].starts_with(']') {
            let after = text[pos + 1..].trim();
            error = (!after.is_empty()).then(|| {
                format!(
                    "malformed JSON: unexpected text after the array at line {}",
                    line_at(text, pos)
                )
            });
            break;
        }
        let mut stream = serde_json::Deserializer::from_str(&text[pos..]).into_iter::<Value>();
        match stream.next() {
            Some(Ok(v)) => {
                values.push(v);
                pos += stream.byte_offset();
            }
            Some(Err(e)) => {
                error = Some(format!(
                    "malformed JSON at line {}: {}; read {} item(s) before the error",
                    line_at(text, pos) + e.line().saturating_sub(1),
                    short(&e),
                    values.len()
                ));
                break;
            }
            None => {
                error = Some(format!(
                    "malformed JSON: the array is not closed; read {} item(s)",
                    values.len()
                ));
                break;
            }
        }
    }
    ReadValues {
        values,
        array: true,
        error,
    }
}

/// One value, or several (JSON Lines / concatenated); after an error, reading resumes on
/// the next line so that the complete lines are kept.
fn read_stream(text: &str, mut pos: usize) -> ReadValues {
    let mut values = Vec::new();
    let mut bad_lines = Vec::new();
    let mut first_error = None;
    while pos < text.len() && bad_lines.len() < 10_000 {
        let rest = &text[pos..];
        pos += rest.len() - rest.trim_start().len();
        if pos >= text.len() {
            break;
        }
        let mut stream = serde_json::Deserializer::from_str(&text[pos..]).into_iter::<Value>();
        match stream.next() {
            None => break,
            Some(Ok(v)) => {
                values.push(v);
                pos += stream.byte_offset();
            }
            Some(Err(e)) => {
                bad_lines.push(line_at(text, pos));
                if first_error.is_none() {
                    first_error = Some(short(&e));
                }
                // JSON Lines: resume on the next line when it starts a new value;
                // otherwise (one big broken value) stop here.
                match text[pos..].find('\n') {
                    Some(i) if text[pos + i + 1..].trim_start().starts_with(['{', '[']) => {
                        pos += i + 1;
                    }
                    _ => break,
                }
            }
        }
    }
    let error = first_error.map(|e| {
        let lines = match bad_lines.as_slice() {
            [one] => format!("line {one}"),
            [first, ..] => format!("{} lines, first at line {first}", bad_lines.len()),
            [] => String::new(),
        };
        format!("malformed JSON ({lines}: {e})")
    });
    ReadValues {
        values,
        array: false,
        error,
    }
}

/// serde_json's message without its own "at line … column …" suffix.
fn short(e: &serde_json::Error) -> String {
    let s = e.to_string();
    match s.find(" at line ") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn single_object_with_nested_source() {
        let out = parse(
            "a.json",
            r#"{"headline":"Mill closes","source":{"name":"Evening Ledger"},"datePublished":"2025-01-02","body":"First.\n\nSecond."}"#,
        );
        let a = &out.articles[0];
        assert_eq!(a.id, "a.json");
        assert_eq!(a.source.as_deref(), Some("Evening Ledger"));
        assert_eq!(a.text, "Mill closes\n\nFirst.\n\nSecond.");
        assert!(out.skipped.is_none());
    }

    #[test]
    fn array_ids_from_id_url_or_index() {
        let out = parse(
            "b.json",
            r#"[{"id":"x1","title":"A","text":"a"},{"title":"B","url":"https://n.example/news/b-story/","text":"b"},{"title":"C","content":"<p>c</p>"}]"#,
        );
        let ids: Vec<_> = out.articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["b.json#x1", "b.json#b-story", "b.json#3"]);
        assert_eq!(out.articles[2].text, "C\n\nc");
    }

    #[test]
    fn jsonl_keeps_complete_lines() {
        let text = "{\"title\":\"One\",\"body\":\"x\"}\n{\"title\":\"Two\",\"body\n{\"title\":\"Three\",\"body\":\"z\"}\n";
        let out = parse("c.jsonl", text);
        let titles: Vec<_> = out
            .articles
            .iter()
            .filter_map(|a| a.title.as_deref())
            .collect();
        assert_eq!(titles, ["One", "Three"]);
        let reason = out.skipped.unwrap().reason;
        assert!(reason.contains("line 2"), "{reason}");
    }

    #[test]
    fn truncated_array_keeps_items_before_error() {
        let out = parse(
            "d.json",
            "[{\"title\":\"One\",\"body\":\"x\"},\n{\"title\":\"Tw",
        );
        assert_eq!(out.articles.len(), 1);
        assert!(out.skipped.unwrap().reason.contains("malformed JSON"));
    }

    #[test]
    fn wrapper_and_timestamps() {
        let out = parse(
            "e.json",
            r#"{"articles":[{"title":"T","body":"b","published":1741286520}]}"#,
        );
        assert_eq!(out.articles.len(), 1);
        assert!(out.articles[0].published.is_some());
    }
}

//! Bytes on disk -> articles. One module per format; decoding and sanitising are shared.
//! Pure apart from [`read_file`] / [`list_files`], which touch the file system (read only).

pub mod dates;
pub mod decode;
pub mod feed;
pub mod html;
pub mod json;
pub mod limits;
pub mod markdown;
pub mod sanitize;
pub mod txt;
pub mod walk;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};
use std::path::Path;

pub use walk::{is_ignored, list_files};

/// The article formats quotedesk reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Txt,
    Md,
    Html,
    Json,
    Rss,
    Atom,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Txt => "txt",
            Format::Md => "md",
            Format::Html => "html",
            Format::Json => "json",
            Format::Rss => "rss",
            Format::Atom => "atom",
        }
    }
}

/// One article, as extracted from a file (a feed or JSON array gives several).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Stable id: the path relative to the folder, plus `#<guid>` for feed/array items.
    pub id: String,
    /// The file's path relative to the folder, `/`-separated.
    pub path: String,
    pub format: Format,
    pub title: Option<String>,
    pub source: Option<String>,
    pub published: Option<DateTime<FixedOffset>>,
    pub url: Option<String>,
    /// Sanitised text that every offset points into (no control or escape sequences).
    pub text: String,
    pub warnings: Vec<String>,
}

impl Article {
    /// A plain-text article with only an id (also its path) and a text: what tests,
    /// benches and tools build by hand.
    pub fn plain(id: &str, text: impl Into<String>) -> Article {
        Article {
            id: id.into(),
            path: id.into(),
            format: Format::Txt,
            title: None,
            source: None,
            published: None,
            url: None,
            text: text.into(),
            warnings: vec![],
        }
    }
}

/// A file that gave no (or not all of its) articles, with a reason a user understands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Skipped {
    pub path: String,
    pub reason: String,
}

/// What one file gave: its articles and, when something could not be read, why.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FileOutcome {
    pub articles: Vec<Article>,
    pub skipped: Option<Skipped>,
}

impl FileOutcome {
    pub fn skip(path: &str, reason: impl Into<String>) -> Self {
        FileOutcome {
            articles: Vec::new(),
            // Reasons may quote a parser's message, which may quote the file.
            skipped: Some(Skipped {
                path: path.to_string(),
                reason: sanitize::one_line(&reason.into()),
            }),
        }
    }
}

/// Ingestion settings (from config and flags).
#[derive(Clone, Debug)]
pub struct IngestOptions {
    /// Files larger than this are skipped.
    pub max_file_size: u64,
    /// Extra glob patterns (relative to the folder) to ignore, on top of the built-in ones.
    pub ignore: Vec<String>,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            max_file_size: 20 * 1024 * 1024,
            ignore: Vec::new(),
        }
    }
}

/// Reads and parses one file. `rel` is its path relative to `root`, `/`-separated.
/// Never panics on bad input: every failure becomes a `Skipped` reason.
pub fn read_file(root: &Path, rel: &str, opts: &IngestOptions) -> FileOutcome {
    match read_bytes(root, rel, opts) {
        Ok(bytes) => parse_bytes(rel, &bytes),
        Err(skipped) => skipped,
    }
}

/// The bytes of one file, or why it gives nothing (missing, a folder, too large, ...).
pub fn read_bytes(root: &Path, rel: &str, opts: &IngestOptions) -> Result<Vec<u8>, FileOutcome> {
    let full = walk::rel_path(root, rel);
    let meta = match std::fs::metadata(&full) {
        Ok(m) => m,
        Err(e) => {
            let reason = match std::fs::symlink_metadata(&full) {
                Ok(m) if m.file_type().is_symlink() => match std::fs::read_link(&full) {
                    Ok(t) => format!(
                        "broken link (to {})",
                        sanitize::one_line(&t.to_string_lossy())
                    ),
                    Err(_) => "broken link".to_string(),
                },
                _ => format!("unreadable: {}", io_reason(&e)),
            };
            return Err(FileOutcome::skip(rel, reason));
        }
    };
    if meta.is_dir() {
        // Links to folders are not followed (no loops, nothing outside the folder).
        if std::fs::symlink_metadata(&full).is_ok_and(|m| m.file_type().is_symlink()) {
            return Err(FileOutcome::skip(rel, "a link to a folder (not followed)"));
        }
        return Err(match std::fs::read_dir(&full) {
            Err(e) => FileOutcome::skip(rel, format!("unreadable folder: {}", io_reason(&e))),
            Ok(_) => FileOutcome::skip(rel, "a folder, not a file"),
        });
    }
    if !meta.is_file() {
        return Err(FileOutcome::skip(rel, "not a regular file"));
    }
    if meta.len() > opts.max_file_size {
        return Err(FileOutcome::skip(
            rel,
            format!(
                "too large: {} bytes (limit {})",
                meta.len(),
                opts.max_file_size
            ),
        ));
    }
    std::fs::read(&full)
        .map_err(|e| FileOutcome::skip(rel, format!("unreadable: {}", io_reason(&e))))
}

/// A short, user-facing reason for an I/O error.
fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        std::io::ErrorKind::NotFound => "file not found (removed?)".into(),
        _ => sanitize::one_line(&e.to_string()),
    }
}

/// The parser a file goes to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Txt,
    Md,
    Html,
    Json,
    Feed,
}

/// Extensions that are never articles, even when they are text.
const NOT_ARTICLES: &[&str] = &["css", "js", "mjs", "map", "svg", "ico", "woff", "woff2"];

/// Parses the bytes of a file whose relative path is `rel`: format detection by
/// extension and, where ambiguous, by content.
pub fn parse_bytes(rel: &str, bytes: &[u8]) -> FileOutcome {
    if bytes.is_empty() {
        return FileOutcome::skip(rel, "empty file");
    }
    let name = rel.rsplit('/').next().unwrap_or(rel);
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    if NOT_ARTICLES.contains(&ext.as_str()) {
        return FileOutcome::skip(rel, format!("not an article (.{ext} file)"));
    }
    let decoded = match decode::decode(bytes) {
        Ok(d) => d,
        Err(reason) => return FileOutcome::skip(rel, reason),
    };
    if decoded.text.trim().is_empty() {
        return FileOutcome::skip(rel, "empty file (only whitespace)");
    }
    let sniffed = sniff(&decoded.text);
    let kind = match ext.as_str() {
        "md" | "markdown" | "mdown" | "mkd" => Kind::Md,
        "html" | "htm" | "xhtml" | "shtml" => Kind::Html,
        "json" | "jsonl" | "ndjson" => Kind::Json,
        "xml" | "rss" | "atom" | "rdf" => match sniffed {
            Some(Kind::Html) => Kind::Html,
            Some(Kind::Json) => Kind::Json,
            _ => Kind::Feed,
        },
        // Plain text, no extension, or anything else: trust the content when it is clear.
        _ => match sniffed {
            Some(Kind::Json) if json::is_json(&decoded.text) => Kind::Json,
            Some(Kind::Json) | None => Kind::Txt,
            Some(k) => k,
        },
    };
    let mut out = match kind {
        Kind::Md => markdown::parse(rel, &decoded.text),
        Kind::Html => html::parse(rel, &decoded.text),
        Kind::Json => json::parse(rel, &decoded.text),
        Kind::Feed => feed::parse(rel, &decoded.text),
        Kind::Txt => txt::parse(rel, &decoded.text),
    };
    for a in &mut out.articles {
        a.warnings
            .extend(decoded.warnings.iter().map(|w| sanitize::one_line(w)));
    }
    // Parsers' reasons may quote the file (an XML error message does): one clean line.
    if let Some(s) = &mut out.skipped {
        s.reason = sanitize::one_line(&s.reason);
    }
    cut_giant_articles(rel, &mut out);
    if out.articles.is_empty() && out.skipped.is_none() {
        out.skipped = Some(Skipped {
            path: rel.to_string(),
            reason: "no article text found".into(),
        });
    }
    out
}

/// Cuts article texts over [`limits::MAX_ARTICLE_BYTES`] (a prefix, so offsets stay
/// valid), saying so in `skipped`.
fn cut_giant_articles(rel: &str, out: &mut FileOutcome) {
    for a in &mut out.articles {
        let Some(cut) = limits::article_cut(&a.text) else {
            continue;
        };
        let reason = format!(
            "article {} cut to its first {} of {} bytes (limit {})",
            a.id,
            cut,
            a.text.len(),
            limits::MAX_ARTICLE_BYTES
        );
        a.text.truncate(cut);
        a.warnings.push(reason.clone());
        match &mut out.skipped {
            Some(s) => {
                s.reason.push_str("; ");
                s.reason.push_str(&reason);
            }
            None => {
                out.skipped = Some(Skipped {
                    path: rel.to_string(),
                    reason,
                })
            }
        }
    }
}

/// Guesses the format from the start of the text; `None` for prose.
fn sniff(text: &str) -> Option<Kind> {
    let t = text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}');
    let head: String = t
        .chars()
        .take(1024)
        .collect::<String>()
        .to_ascii_lowercase();
    if head.starts_with('{') || head.starts_with('[') {
        return Some(Kind::Json);
    }
    if !head.starts_with('<') {
        return None;
    }
    if head.contains("<rss") || head.contains("<feed") || head.contains("<rdf:rdf") {
        return Some(Kind::Feed);
    }
    if head.starts_with("<!doctype html")
        || head.contains("<html")
        || head.contains("<body")
        || head.contains("<head")
        || head.contains("<p>")
        || head.contains("<article")
    {
        return Some(Kind::Html);
    }
    if head.starts_with("<?xml") {
        return Some(Kind::Feed);
    }
    None
}

/// Metadata of an extracted (non-plain-text) article.
#[derive(Clone, Debug, Default)]
pub(crate) struct Meta {
    pub title: Option<String>,
    pub source: Option<String>,
    pub published: Option<DateTime<FixedOffset>>,
    pub url: Option<String>,
}

/// Builds an extracted article: `text` is the title line, a blank line, then the body
/// paragraphs separated by blank lines. Every field is sanitised; paragraphs are folded
/// to one line each, empty ones and a leading repeat of the title dropped.
pub(crate) fn compose(
    id: String,
    rel: &str,
    format: Format,
    meta: Meta,
    paragraphs: &[String],
    warnings: Vec<String>,
) -> Article {
    let mut warnings = warnings;
    let title = meta
        .title
        .as_deref()
        .map(sanitize::one_line)
        .filter(|t| !t.is_empty())
        .map(|t| {
            let (t, cut) = limits::cap_title(t);
            warnings.extend(cut);
            t
        });
    let mut text = String::new();
    if let Some(t) = &title {
        text.push_str(t);
    }
    let mut first = true;
    for p in paragraphs {
        let p = sanitize::one_line(p);
        if p.is_empty() {
            continue;
        }
        if first && title.as_deref() == Some(p.as_str()) {
            first = false;
            continue;
        }
        first = false;
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        text.push_str(&p);
    }
    Article {
        // The path part is already a clean key (walk::encode_rel); folding its spaces
        // would make two files one id. Only an item's guid comes from the file's content.
        id: match id.strip_prefix(rel) {
            Some(item) => format!("{rel}{}", sanitize::one_line(item)),
            None => sanitize::one_line(&id),
        },
        path: rel.to_string(),
        format,
        title,
        source: meta
            .source
            .as_deref()
            .map(sanitize::one_line)
            .filter(|s| !s.is_empty()),
        published: meta.published,
        url: meta
            .url
            .as_deref()
            .map(sanitize::one_line)
            .filter(|s| !s.is_empty()),
        text,
        warnings: warnings.iter().map(|w| sanitize::one_line(w)).collect(),
    }
}

/// An id fragment from a URL: its last non-empty path segment (query and fragment cut).
pub(crate) fn url_slug(url: &str) -> Option<String> {
    let u = url.split(['?', '#']).next().unwrap_or(url);
    let seg = u.trim_end_matches('/').rsplit('/').next()?;
    let seg = seg.trim();
    (!seg.is_empty() && !seg.contains(':')).then(|| seg.to_string())
}

/// Makes item ids unique within one file by suffixing repeats with `-2`, `-3`, … (skipping
/// a suffix that another item already has as its own id).
pub(crate) fn dedupe_ids(articles: &mut [Article]) {
    let mut taken: std::collections::HashSet<String> =
        articles.iter().map(|a| a.id.clone()).collect();
    let mut seen = std::collections::HashSet::new();
    for a in articles.iter_mut() {
        if seen.insert(a.id.clone()) {
            continue;
        }
        let mut n = 2;
        while taken.contains(&format!("{}-{n}", a.id)) {
            n += 1;
        }
        a.id = format!("{}-{n}", a.id);
        taken.insert(a.id.clone());
        seen.insert(a.id.clone());
    }
}

//! Bytes on disk -> articles. One module per format; decoding and sanitising are shared.
//! Pure apart from [`read_file`] / [`list_files`], which touch the file system (read only).

pub mod decode;
pub mod feed;
pub mod html;
pub mod json;
pub mod markdown;
pub mod sanitize;
pub mod txt;
pub mod walk;

use chrono::{DateTime, FixedOffset};
use serde::Serialize;
use std::path::Path;

pub use walk::{is_ignored, list_files};

/// The article formats quotedesk reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
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
#[derive(Clone, Debug, PartialEq, Serialize)]
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

/// A file that gave no (or not all of its) articles, with a reason a user understands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
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
            skipped: Some(Skipped {
                path: path.to_string(),
                reason: reason.into(),
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
    let full = root.join(rel);
    let meta = match std::fs::metadata(&full) {
        Ok(m) => m,
        Err(e) => {
            let reason = if std::fs::symlink_metadata(&full).is_ok() {
                "broken link".to_string()
            } else {
                format!("unreadable: {e}")
            };
            return FileOutcome::skip(rel, reason);
        }
    };
    if !meta.is_file() {
        return FileOutcome::skip(rel, "not a regular file");
    }
    if meta.len() > opts.max_file_size {
        return FileOutcome::skip(
            rel,
            format!(
                "too large: {} bytes (limit {})",
                meta.len(),
                opts.max_file_size
            ),
        );
    }
    match std::fs::read(&full) {
        Ok(bytes) => parse_bytes(rel, &bytes),
        Err(e) => FileOutcome::skip(rel, format!("unreadable: {e}")),
    }
}

/// Parses the bytes of a file whose relative path is `rel`: format detection by
/// extension and, where ambiguous, by content.
pub fn parse_bytes(rel: &str, bytes: &[u8]) -> FileOutcome {
    if bytes.is_empty() {
        return FileOutcome::skip(rel, "empty file");
    }
    let decoded = match decode::decode(bytes) {
        Ok(d) => d,
        Err(reason) => return FileOutcome::skip(rel, reason),
    };
    let ext = rel
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    let mut out = match ext.as_str() {
        "md" | "markdown" => markdown::parse(rel, &decoded.text),
        "html" | "htm" => html::parse(rel, &decoded.text),
        "json" | "jsonl" | "ndjson" => json::parse(rel, &decoded.text),
        "xml" | "rss" | "atom" => feed::parse(rel, &decoded.text),
        _ => txt::parse(rel, &decoded.text),
    };
    for a in &mut out.articles {
        a.warnings.extend(decoded.warnings.iter().cloned());
    }
    out
}

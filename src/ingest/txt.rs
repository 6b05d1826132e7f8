//! Plain text: the first non-empty line is the headline; the text is the whole file.

use super::{Article, FileOutcome, Format};

pub fn parse(rel: &str, text: &str) -> FileOutcome {
    let text = super::sanitize::sanitize(text);
    let title = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .map(str::to_string);
    FileOutcome {
        articles: vec![Article {
            id: rel.to_string(),
            path: rel.to_string(),
            format: Format::Txt,
            title,
            source: None,
            published: None,
            url: None,
            text,
            warnings: vec![],
        }],
        skipped: None,
    }
}

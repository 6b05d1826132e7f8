//! Plain text: the first non-empty line is the headline; the text is the whole file
//! (decoded, CRLF turned into LF, sanitised), so offsets point into the file.

use super::{Article, FileOutcome, Format, sanitize};

pub fn parse(rel: &str, text: &str) -> FileOutcome {
    let text = sanitize::sanitize(text);
    let title = text.lines().map(sanitize::one_line).find(|l| !l.is_empty());
    let mut warnings = Vec::new();
    let title = title.map(|t| {
        let (t, cut) = super::limits::cap_title(t);
        warnings.extend(cut);
        t
    });
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
            warnings,
        }],
        skipped: None,
    }
}

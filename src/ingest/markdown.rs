//! (stub: falls back to plain text until this format lands)

use super::FileOutcome;

pub fn parse(rel: &str, text: &str) -> FileOutcome {
    super::txt::parse(rel, text)
}

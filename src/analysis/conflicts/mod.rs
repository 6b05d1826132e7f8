//! Conflicting facts between (or within) the reports of one story.

use super::ArticleAnalysis;
use super::speakers::SpeakerIndex;
use crate::ingest::Article;
use crate::text::Span;
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ConflictKind {
    Role,
    Number,
    DateTime,
    Location,
    Attendance,
    Negation,
    QuoteAttribution,
    QuoteWording,
    Other,
}

impl ConflictKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ConflictKind::Role => "role",
            ConflictKind::Number => "number",
            ConflictKind::DateTime => "date_time",
            ConflictKind::Location => "location",
            ConflictKind::Attendance => "attendance",
            ConflictKind::Negation => "negation",
            ConflictKind::QuoteAttribution => "quote_attribution",
            ConflictKind::QuoteWording => "quote_wording",
            ConflictKind::Other => "other",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Hard,
    Soft,
}

/// One side of a conflict: where an article states a value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Claim {
    pub article: String,
    /// Byte span of the exact evidence in that article's text.
    pub span: Span,
    pub value: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conflict {
    pub kind: ConflictKind,
    pub severity: Severity,
    pub subject: String,
    pub summary: String,
    pub claims: Vec<Claim>,
}

/// Conflicts among the articles of one story (within one article too).
pub fn find(_story: &[(&Article, &ArticleAnalysis)], _speakers: &SpeakerIndex) -> Vec<Conflict> {
    Vec::new()
}

//! Facts stated in one article (roles, quantities, dates, places, attendance), each
//! with its evidence span, so that reports of one story can be compared.

use super::entities::Entity;
use super::quotes::Quote;
use crate::ingest::Article;
use crate::text::{Span, TextModel};

/// One checkable statement of an article.
#[derive(Clone, Debug, PartialEq)]
pub struct Fact {
    /// The exact words that state it.
    pub evidence: Span,
}

/// Extracts the facts of one article.
pub fn extract(
    _article: &Article,
    _model: &TextModel,
    _quotes: &[Quote],
    _entities: &[Entity],
) -> Vec<Fact> {
    Vec::new()
}

//! Reported speech without quotation marks: "X said (that) ...", "..., X said",
//! "according to X, ...". The span is the reported clause.

use super::{Quote, QuoteKind};
use super::attribution::Ctx;
use crate::text::Span;

/// Indirect quotes of sentences that hold no quotation marks.
pub fn find(_ctx: &mut Ctx, _quoted: &[Span]) -> Vec<Quote> {
    let _ = QuoteKind::Indirect;
    Vec::new()
}

//! "according to a petition lodged by X": the source named after "according to" is
//! a document, and the person or body its participle names as author is who says it.

use super::*;

/// How many words the document's phrase may run before "by" ("a complaint the
/// union filed with the port authority by ..." is too far to be one phrase).
const DOC_PHRASE: usize = 7;

impl Ctx<'_> {
    /// The author after "PARTICIPLE by" in the phrase that opens at token `k` (after
    /// "according to"): "a petition lodged by inspector Bror Eskeland".
    pub(super) fn document_author(&mut self, k: usize, hi: usize, cue: Span) -> Option<Found> {
        let end = (k + DOC_PHRASE).min(hi);
        let by = (k + 1..end).find(|&t| self.w(t) == "by")?;
        // only plain words before "by", the last a participle ("filed", "written")
        let plain = (k..by).all(|t| self.toks[t].is_word() && !self.is_cue(t));
        let p = lower(self.w(by - 1));
        let participle = !self.toks[by - 1].cap
            && (p.ends_with("ed") || p.ends_with("en") || matches!(p.as_ref(), "sent" | "made"));
        if !plain || !participle {
            return None;
        }
        self.subject_right(by + 1, hi, cue)
            .filter(|f| f.entity.is_some())
    }
}

//! A quotation standing alone and credited on a dash line after it: "“...” — Ana
//! Berg" in its paragraph, or a next paragraph "— Ana Berg, a ferry pilot".

use super::{Ctx, Found};
use crate::text::Span;

/// A credit line is short: a name and a few words of who or where.
const CREDIT_LINE: usize = 160;

impl Ctx<'_> {
    /// The person or body a dash credit names right after quotation `outer`: in the
    /// rest of its paragraph, or opening the next paragraph when nothing follows the
    /// quotation in its own.
    pub fn dash_credit(&mut self, outer: Span) -> Option<Found> {
        let para = self.model.paragraph_at(outer.start)?;
        let rest = Span::new(outer.end, self.model.paragraphs[para].end);
        let line = if self.region_is_empty(rest) {
            *self.model.paragraphs.get(para + 1)?
        } else {
            rest
        };
        if line.end - line.start > CREDIT_LINE {
            return None;
        }
        let t = self.tok_at(line.start);
        let dash = self.toks.get(t)?.span;
        if !matches!(self.w(t), "-" | "–" | "—" | "―") {
            return None;
        }
        // "--" is written as two hyphens
        let n = if self
            .toks
            .get(t + 1)
            .is_some_and(|x| x.text(self.text) == "-")
        {
            t + 2
        } else {
            t + 1
        };
        let &mi = self.by_first.get(&n)?;
        // the name ends the line, or a comma opens who or where they are
        let m = &self.mentions[mi];
        let ends = self
            .toks
            .get(m.last_tok + 1)
            .is_none_or(|x| x.span.start >= line.end || matches!(x.text(self.text), "," | "."));
        ends.then(|| self.found_mention_only(mi, dash))
    }
}

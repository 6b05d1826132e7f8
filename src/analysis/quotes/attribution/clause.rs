//! Where a sentence's main clause starts: after a fronted adverbial clause ("When
//! told that X had left, Y paused and said ...") the names before its comma are
//! not the subject of the cue.

use super::{Ctx, lower};
use crate::analysis::lexicon::FRONTED_OPENERS;

impl Ctx<'_> {
    /// The offset after the comma that closes a fronted adverbial clause opening the
    /// sentence that starts at `start`, when that comma lies before `before`.
    pub(super) fn main_clause_start(&self, start: usize, before: usize) -> Option<usize> {
        // "Later, in talks with X, Y said": fronted phrases may follow one another
        let mut main = None;
        let mut from = start;
        for _ in 0..3 {
            match self.fronted_phrase_end(from, before) {
                Some(end) => {
                    main = Some(end);
                    from = end;
                }
                None => break,
            }
        }
        main
    }

    /// The offset after the comma that closes a fronted phrase opening at `start`.
    fn fronted_phrase_end(&self, start: usize, before: usize) -> Option<usize> {
        let t0 = self.tok_at(start);
        let first = self.toks.get(t0)?;
        if !first.is_word() || !FRONTED_OPENERS.contains(self.w(t0)) {
            return None;
        }
        (t0 + 1..self.toks.len())
            .take_while(|&t| self.toks[t].span.end <= before)
            .find(|&t| self.w(t) == "," && !self.in_quote(self.toks[t].span.start))
            .map(|t| self.toks[t].span.end)
    }

    /// Whether mention `mi` opens the main clause that starts at offset `main`, an
    /// article or title aside ("..., the mayor Ana Berg said"): a name deeper in it
    /// ("..., the line that mattered to Ana Berg was ...") is no subject.
    pub(super) fn opens_main(&self, mi: usize, main: usize) -> bool {
        let first = self.tok_at(main);
        let m = &self.mentions[mi];
        (first..m.title_tok).all(|t| {
            self.toks[t].is_word() && matches!(lower(self.w(t)).as_ref(), "the" | "a" | "an")
        })
    }
}

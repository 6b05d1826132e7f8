//! "Critics seized on Varga's claim that the levy would “pay for itself”": quoted
//! words inside the clause of a speech noun are the words of the noun's possessor,
//! not of whoever the sentence's cue names (the critics only report the claim).

use super::resolve::possessive_pronoun;
use super::{Ctx, Found, lower};
use crate::analysis::lexicon::SPEECH_NOUNS;
use crate::text::Span;

/// How far before the quotation the speech noun may stand ("X's claim that there
/// have been “...”" spans a short clause).
const REACH: usize = 12;

impl Ctx<'_> {
    /// The possessor of the nearest speech noun before the quotation in `pre`, when no
    /// cue stands between the noun and the quotation.
    pub fn speech_noun_owner(&mut self, pre: Span) -> Option<Found> {
        let lo = self.tok_at(pre.start);
        let hi = self.tok_at(pre.end);
        for n in (hi.saturating_sub(REACH).max(lo)..hi).rev() {
            let t = &self.toks[n];
            if !t.is_word() {
                // the noun's clause ends at a sentence or clause break ("; she said")
                if matches!(self.w(n), "." | "!" | "?" | ";") {
                    return None;
                }
                continue;
            }
            if !t.cap && SPEECH_NOUNS.contains(self.w(n)) {
                return self
                    .opens_content(n, hi)
                    .then(|| self.possessor_before(n, lo))
                    .flatten();
            }
            // "X's claim that Y said “...”": a cue nearer the quotation owns it
            if self.is_cue(n) || self.according_to(n) {
                return None;
            }
        }
        None
    }

    /// Whether speech noun `n` opens a clause of what was said that runs on to the
    /// quotation at `hi`: "claim that ...", "promise to ...", "assertion of ...",
    /// "warning: ...". Without one the quotation says something about the words
    /// ("called Varga's remarks about the port “reckless”"), and a finite copula or
    /// "as" in between makes it a verdict on them ("Varga's claim that ... is “false”").
    fn opens_content(&self, n: usize, hi: usize) -> bool {
        let opens =
            n + 1 < hi && matches!(lower(self.w(n + 1)).as_ref(), "that" | "to" | "of" | ":");
        opens
            && (n + 2..hi).all(|x| {
                !matches!(
                    lower(self.w(x)).as_ref(),
                    "is" | "are" | "was" | "were" | "as"
                )
            })
    }

    /// The possessive right before speech noun `n`, over at most two lowercase
    /// modifiers ("Varga's oft-repeated claim"): a name's or a pronoun's owner.
    fn possessor_before(&mut self, n: usize, lo: usize) -> Option<Found> {
        let cue = self.toks[n].span;
        let mut p = n;
        for _ in 0..3 {
            if p <= lo {
                return None;
            }
            p -= 1;
            let w = self.w(p);
            // "Varga ’s" written as two tokens
            let name_end = if matches!(w, "'s" | "’s" | "'" | "’") && p > lo {
                p - 1
            } else {
                p
            };
            if let Some(&mi) = self.by_last.get(&name_end)
                && self.is_possessive(&self.mentions[mi])
            {
                return Some(self.found_mention_only(mi, cue));
            }
            if let Some(g) = possessive_pronoun(&lower(w)) {
                let span = self.toks[p].span;
                let entity = self.resolve_pronoun(span.start, g);
                return Some(Found {
                    entity,
                    mention: Some(span),
                    cue,
                    own: true,
                });
            }
            if !self.toks[p].is_word() || self.toks[p].cap {
                return None;
            }
        }
        None
    }
}

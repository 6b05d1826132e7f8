//! Reported speech without quotation marks: "X said (that) ...", "..., X said",
//! "according to X, ...". The span is the reported clause.

use super::attribution::{Ctx, Found};
use super::{Quote, QuoteKind};
use crate::analysis::lexicon::{
    ADJUNCT_OPENERS, BARE_CLAUSE_VERBS, CLAUSE_NON_OPENERS, CLAUSE_OPENERS,
};
use crate::text::Span;

fn opens_clause(w: &str) -> bool {
    CLAUSE_OPENERS.contains(w)
}

/// After an inverted speaker ("..., said he"), a word that is neither sentence
/// end nor an adjunct means the sentence goes on as its own clause.
fn tail_opens_clause(ctx: &Ctx, k: usize, hi: usize) -> bool {
    let w = ctx.w(k).to_ascii_lowercase();
    k < hi && ctx.toks[k].is_word() && w != "to" && !ADJUNCT_OPENERS.contains(&w)
}

/// Minimum words of a reported clause.
const MIN_WORDS: usize = 4;

/// Indirect quotes of sentences that hold no quotation marks.
pub fn find(ctx: &mut Ctx, quoted: &[Span]) -> Vec<Quote> {
    let mut out = Vec::new();
    let sentences: Vec<Span> = ctx.model.sentences.iter().map(|s| s.span).collect();
    // The opening line without closing punctuation is a headline, not speech.
    let headline = ctx.model.paragraphs.first().copied().filter(|p| {
        !p.text(ctx.text)
            .trim_end()
            .ends_with(['.', '!', '?', '"', '”', '’', '\''])
    });
    for s in sentences {
        if headline.is_some_and(|h| s.start < h.end && s.end > h.start) {
            continue;
        }
        if let Some(q) = in_sentence(ctx, s) {
            // the reported clause never overlaps a quotation
            let i = quoted.partition_point(|x| x.end <= q.span.start);
            if quoted.get(i).is_some_and(|x| x.start < q.span.end) {
                continue;
            }
            out.push(q);
        }
    }
    out
}

fn quote(ctx: &Ctx, clause: Span, f: Found) -> Option<Quote> {
    let clause = trim_clause(ctx.text, clause);
    let words = clause.text(ctx.text).split_whitespace().count();
    if words < MIN_WORDS {
        return None;
    }
    Some(Quote {
        span: clause,
        kind: QuoteKind::Indirect,
        group: None,
        speaker: f.entity,
        mention: f.mention,
        cue: Some(f.cue),
    })
}

fn trim_clause(text: &str, s: Span) -> Span {
    let t = s.text(text);
    let lead = t.len() - t.trim_start().len();
    let t2 = t.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '.' | ',' | ';' | ':'));
    Span::new(s.start + lead, s.start + t2.len().max(lead))
}

/// First token of the reported clause of "According to X, CLAUSE", searched from the
/// end of the source's mention (`from` when none was found). The break is the comma
/// token right after the name; copy that drops that comma ("According to X they ...")
/// starts the clause at a clause-opening word after the name; an appositive ("According
/// to X of the Y agency, ...") runs to the next comma token. Commas inside a number
/// ("12,6") are part of its token and never taken as the break.
fn clause_after_source(ctx: &Ctx, f: &Found, from: usize, hi: usize) -> Option<usize> {
    let after = f.mention.map_or(from, |m| ctx.tok_at(m.end)).max(from);
    if after >= hi {
        return None;
    }
    if ctx.w(after) == "," {
        return Some(after + 1);
    }
    if ctx.toks[after].is_word() && opens_clause(&ctx.w(after).to_ascii_lowercase()) {
        return Some(after);
    }
    (after..hi).find(|&k| ctx.w(k) == ",").map(|k| k + 1)
}

fn in_sentence(ctx: &mut Ctx, s: Span) -> Option<Quote> {
    let lo = ctx.tok_at(s.start);
    let hi = ctx.tok_at(s.end);
    if hi <= lo + 3 {
        return None;
    }
    let end_of = |ctx: &Ctx, k: usize| ctx.toks[k.min(hi - 1)].span.end;
    // "According to X, CLAUSE" / "CLAUSE, according to X."
    for c in lo..hi {
        if !ctx.according_to(c) {
            continue;
        }
        let cue = Span::new(ctx.toks[c].span.start, ctx.toks[c + 1].span.end);
        let f = ctx.subject_right(c + 2, hi, cue)?;
        if c == lo {
            let start = clause_after_source(ctx, &f, c + 2, hi)?;
            return quote(ctx, Span::new(ctx.toks[start].span.start, s.end), f);
        }
        if c > lo && ctx.w(c - 1) == "," {
            return quote(ctx, Span::new(s.start, ctx.toks[c - 1].span.start), f);
        }
        return None;
    }
    for c in lo..hi {
        let w = ctx.w(c);
        if !ctx.is_reporting(c) {
            continue;
        }
        let cue = ctx.toks[c].span;
        // "CLAUSE, X said [adjuncts]." / "CLAUSE, said X[, appositive]."
        let tail_words = hi - c;
        // "In a post online, X said the ...": the clause follows the verb, and
        // what precedes the comma is a preface, not speech.
        let clause_follows = c + 1 < hi && opens_clause(ctx.w(c + 1));
        // ("CLAUSE, the minister, X said" is rare: no clause is taken then)
        if tail_words <= 8
            && c > lo + MIN_WORDS
            && !clause_follows
            && let Some(f) = ctx.subject_left(c, lo, cue)
            && let Some(m) = f.mention
        {
            let mt = ctx.tok_at(m.start);
            if mt > lo && ctx.w(mt - 1) == "," {
                return quote(ctx, Span::new(s.start, ctx.toks[mt - 1].span.start), f);
            }
        }
        if c > lo + MIN_WORDS
            && ctx.w(c - 1) == ","
            && let Some(f) = ctx.subject_right(c + 1, hi, cue)
        {
            // the speaker ends the sentence or opens an appositive: "..., said
            // X, head of Y." ("Y, 62, said he was ..." has a clause after the name)
            // "..., told a meeting in Y": "told" takes a listener, never an inverted speaker
            let listener = matches!(w.to_ascii_lowercase().as_str(), "told" | "tell" | "tells");
            let near = f.mention.is_some_and(|m| ctx.tok_at(m.start) <= c + 5);
            let after = f.mention.map_or(hi, |m| ctx.tok_at(m.end));
            if !listener && near && !tail_opens_clause(ctx, after, hi) {
                return quote(ctx, Span::new(s.start, ctx.toks[c - 1].span.start), f);
            }
        }
        // "X said (that) CLAUSE" / "X told reporters (that) CLAUSE"
        let Some(f) = ctx.subject_left(c, lo, cue) else {
            continue;
        };
        if f.entity.is_none() && f.mention.is_none() {
            continue;
        }
        let lw = w.to_ascii_lowercase();
        // "It is said among X that ...", "X was told that ...": passive, nobody speaks
        if c > lo && matches!(ctx.w(c - 1), "is" | "was" | "were" | "are" | "been" | "be") {
            continue;
        }
        let mut k = c + 1;
        if k >= hi {
            continue;
        }
        let that = (k..(k + 9).min(hi)).find(|&j| ctx.w(j) == "that");
        let next = ctx.w(k).to_ascii_lowercase();
        if next == "that" {
            k += 1;
        } else if matches!(
            lw.as_str(),
            "told" | "tells" | "tell" | "assured" | "warned"
        ) || ADJUNCT_OPENERS.contains(&next)
        {
            match that {
                Some(t) => k = t + 1,
                None if matches!(lw.as_str(), "told" | "tells" | "tell") => {
                    // "told reporters the talks would fail", "told its U.S. dealers
                    // the ...": skip the listener (determiner, names, one noun)
                    let mut j = k;
                    if matches!(
                        ctx.w(j),
                        "the" | "a" | "an" | "its" | "his" | "her" | "their"
                    ) {
                        j += 1;
                    }
                    while j < hi && j < k + 4 && ctx.toks[j].cap {
                        j += 1;
                    }
                    if j < hi
                        && ctx.toks[j].is_word()
                        && !ctx.toks[j].cap
                        && !CLAUSE_NON_OPENERS.contains(ctx.w(j))
                        && !matches!(ctx.w(j), "to" | "that" | "on" | "in" | "at" | "about")
                    {
                        j += 1;
                    }
                    // "told the wardens to lock the gate": a directive, not a report
                    if ctx.toks.get(j).is_some_and(|t| t.text(ctx.text) == "to") {
                        continue;
                    }
                    k = j;
                }
                None => continue,
            }
        } else if next == "," || next == ":" || !ctx.toks[k].is_word() {
            continue;
        } else if !BARE_CLAUSE_VERBS.contains(&lw) {
            // "announced the recall", "estimates the cost at": a clause only after "that"
            match that {
                Some(t) => k = t + 1,
                None => continue,
            }
        }
        if k < hi && CLAUSE_NON_OPENERS.contains(ctx.w(k)) {
            continue;
        }
        if k >= hi
            || matches!(
                ctx.w(k),
                "at" | "in"
                    | "on"
                    | "for"
                    | "with"
                    | "by"
                    | "from"
                    | "to"
                    | "after"
                    | "before"
                    | "during"
                    | "about"
                    | "outside"
                    | "inside"
                    | "near"
            )
        {
            continue;
        }
        let start = ctx.toks[k].span.start;
        let end = end_of(ctx, hi - 1);
        if let Some(q) = quote(ctx, Span::new(start, end.max(start)), f) {
            return Some(q);
        }
    }
    None
}

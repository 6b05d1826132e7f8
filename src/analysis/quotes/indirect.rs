//! Reported speech without quotation marks: "X said (that) ...", "..., X said",
//! "according to X, ...". The span is the reported clause.

use super::attribution::{Ctx, Found};
use super::{Quote, QuoteKind};
use crate::analysis::lexicon::{
    ADDED_PHRASE_OPENERS, ADJUNCT_OPENERS, ADJUNCT_PREPOSITIONS, ATTRIBUTION_BREAKS,
    BARE_CLAUSE_VERBS, CLAUSE_NON_OPENERS, CLAUSE_OPENERS, LISTENER_VERBS, NOUN_DETERMINERS,
    OBJECT_PREPOSITIONS, PLACE_PREPOSITIONS, QUANTITY_LEADS, QUESTION_OPENERS, SUBJECT_PRONOUNS,
};
use crate::analysis::lexicon::{BE_FORMS, RELATIVE_PRONOUNS, SUBJECT_DETERMINERS, WARNING_VERBS};
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

/// Indirect quotes of sentences; `whole` holds the quoted utterances (direct quotes)
/// that a reported clause may not overlap.
pub fn find(ctx: &mut Ctx, whole: &[Span]) -> Vec<Quote> {
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
            let i = whole.partition_point(|x| x.end <= q.span.start);
            if whole.get(i).is_some_and(|x| x.start < q.span.end) {
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
    // "it would appeal": a pronoun subject, an auxiliary and a verb make a statement
    let first = ctx.w(ctx.tok_at(clause.start)).to_ascii_lowercase();
    let min = if SUBJECT_PRONOUNS.contains(&first) {
        MIN_WORDS - 1
    } else {
        MIN_WORDS
    };
    if words < min || !own_words_carry(ctx, clause) || !states_something(ctx, clause) {
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

/// Whether a clause reads as a statement: it opens with a word, and not with a question
/// word ("declined to say how much it cost" asks, it states nothing).
fn states_something(ctx: &Ctx, clause: Span) -> bool {
    let k = ctx.tok_at(clause.start);
    k < ctx.toks.len()
        && ctx.toks[k].is_word()
        && ctx.toks[k].span.start == clause.start
        && !QUESTION_OPENERS.contains(&ctx.w(k).to_ascii_lowercase())
}

/// Whether a clause that holds a quotation says more than it: one that opens with the
/// quotation, or ends in it after a few words of its own ("it was "on ice""), adds
/// nothing to the partial quotation that is reported already.
fn own_words_carry(ctx: &Ctx, clause: Span) -> bool {
    if clause.end <= clause.start {
        return false;
    }
    let ends_quoted = ctx.in_quote(clause.end - 1);
    if ctx.in_quote(clause.start) {
        return false;
    }
    if !ends_quoted {
        return true;
    }
    let (lo, hi) = (ctx.tok_at(clause.start), ctx.tok_at(clause.end));
    let own = (lo..hi)
        .filter(|&k| ctx.toks[k].is_word() && !ctx.in_quote(ctx.toks[k].span.start))
        .count();
    own > MIN_WORDS
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
        // "According to X, who led the review, CLAUSE": past the relative clause
        if after + 1 < hi && RELATIVE_PRONOUNS.contains(ctx.w(after + 1)) {
            return (after + 2..hi).find(|&k| ctx.w(k) == ",").map(|k| k + 1);
        }
        return Some(after + 1);
    }
    if ctx.toks[after].is_word() && opens_clause(&ctx.w(after).to_ascii_lowercase()) {
        return Some(after);
    }
    (after..hi).find(|&k| ctx.w(k) == ",").map(|k| k + 1)
}

/// A word after "..., X said," that starts an added clause or phrase ("as crews
/// arrived", "although ...", "with ...", "up from ..."); any other word continues the
/// sentence around a parenthetical attribution ("The homes, X said, would ...").
fn opens_added_clause(w: &str) -> bool {
    let w = w.to_ascii_lowercase();
    ATTRIBUTION_BREAKS.contains(&w)
        || ADDED_PHRASE_OPENERS.contains(&w)
        || (w.len() > 5 && w.ends_with("ing"))
}

/// Whether a number led by a hedge ("about 300", "at least 60", "more than 500") starts
/// at token `k`.
fn quantity_at(ctx: &Ctx, k: usize, hi: usize) -> bool {
    QUANTITY_LEADS.iter().any(|lead| {
        let n = k + lead.len();
        n < hi
            && lead
                .iter()
                .enumerate()
                .all(|(i, w)| ctx.w(k + i).eq_ignore_ascii_case(w))
            && ctx.w(n).chars().next().is_some_and(|c| c.is_ascii_digit())
    })
}

/// Whether the words after a trailing cue up to `end` are adjuncts ("said on Monday",
/// "said Tuesday", "told reporters"), not a clause of its own ("said customers had ...",
/// whose reported clause follows the verb).
fn only_adjuncts_after(ctx: &Ctx, c: usize, end: usize) -> bool {
    let k = c + 1;
    if k >= end || !ctx.toks[k].is_word() || ctx.toks[k].cap {
        return true;
    }
    let lw = ctx.w(c).to_ascii_lowercase();
    let listener = LISTENER_VERBS.contains(&lw);
    listener || ADJUNCT_OPENERS.contains(&ctx.w(k).to_ascii_lowercase())
}

/// A preposition before a name puts the name inside a phrase ("qualified on the
/// carrier's jets reported"), unless it links a title to its body ("the head of the
/// agency", "a clerk for the county").
fn holds_the_name(w: &str) -> bool {
    let w = w.to_ascii_lowercase();
    !matches!(w.as_str(), "of" | "for")
        && (OBJECT_PREPOSITIONS.contains(&w) || PLACE_PREPOSITIONS.contains(&w))
}

/// The comma that closes the reported clause before a trailing subject starting at token
/// `mt`: right before it, or before the few words that lead into the name ("..., the
/// agency said", "..., regional governor X said"); none when a clause word or a cue
/// stands between.
fn comma_before_subject(ctx: &Ctx, mt: usize, lo: usize) -> Option<usize> {
    let mut k = mt;
    for _ in 0..5 {
        if k <= lo {
            return None;
        }
        k -= 1;
        let w = ctx.w(k);
        if w == "," {
            return Some(k);
        }
        if !ctx.toks[k].is_word()
            || ctx.is_reporting(k)
            || ATTRIBUTION_BREAKS.contains(&w.to_ascii_lowercase())
            || holds_the_name(w)
            || (!ctx.toks[k].cap && w.ends_with("ed"))
        {
            return None;
        }
    }
    None
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
        let f = match ctx.subject_right(c + 2, hi, cue) {
            Some(f) => f,
            None => ctx.described_source(c + 2, hi, cue)?,
        };
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
        // a verb inside a quoted fragment is the speaker's word, not the reporter's cue
        if !ctx.is_reporting(c) || ctx.in_quote(ctx.toks[c].span.start) {
            continue;
        }
        // "her report this week": a noun, not a cue
        if c > lo && NOUN_DETERMINERS.contains(&ctx.w(c - 1).to_ascii_lowercase()) {
            continue;
        }
        let cue = ctx.toks[c].span;
        // "CLAUSE, X said [adjuncts]." / "CLAUSE, said X[, appositive]."; what
        // follows a comma after the cue is an added clause ("..., X said, as crews
        // arrived"), not part of the attribution
        let tail_end = (c + 1..hi)
            .find(|&k| ctx.w(k) == "," && k + 1 < hi && opens_added_clause(ctx.w(k + 1)))
            .unwrap_or(hi);
        let tail_words = tail_end - c;
        // "In a post online, X said the ...": the clause follows the verb, and
        // what precedes the comma is a preface, not speech.
        let clause_follows = c + 1 < hi && opens_clause(ctx.w(c + 1));
        // ("CLAUSE, the minister, X said" is rare: no clause is taken then)
        if tail_words <= 8
            && c > lo + MIN_WORDS
            && !clause_follows
            && only_adjuncts_after(ctx, c, tail_end)
            && let Some(f) = ctx.subject_left(c, lo, cue)
            && let Some(m) = f.mention
        {
            let mt = ctx.tok_at(m.start);
            if let Some(comma) = comma_before_subject(ctx, mt, lo) {
                return quote(ctx, Span::new(s.start, ctx.toks[comma].span.start), f);
            }
        }
        if c > lo + MIN_WORDS
            && ctx.w(c - 1) == ","
            && let Some(f) = ctx.subject_right(c + 1, hi, cue)
        {
            // the speaker ends the sentence or opens an appositive: "..., said
            // X, head of Y." ("Y, 62, said he was ..." has a clause after the name)
            // "..., told a meeting in Y": "told" takes a listener, never an inverted speaker
            let listener = LISTENER_VERBS.contains(&w.to_ascii_lowercase());
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
        if c > lo && BE_FORMS.contains(ctx.w(c - 1)) {
            continue;
        }
        let mut k = c + 1;
        if k >= hi {
            continue;
        }
        // a listener may be long ("told the anglers who had waited since dawn by the gates that")
        let reach = if LISTENER_VERBS.contains(&lw) { 16 } else { 9 };
        let that = (k..(k + reach).min(hi)).find(|&j| ctx.w(j) == "that");
        let next = ctx.w(k).to_ascii_lowercase();
        let bare = BARE_CLAUSE_VERBS.contains(&lw);
        if next == "that" {
            k += 1;
        } else if bare && quantity_at(ctx, k, hi) {
            // "said about 300 homes were flooded": the number is the clause's subject
        } else if bare
            && next == ","
            && !(lo..c).any(|j| ATTRIBUTION_BREAKS.contains(&ctx.w(j).to_ascii_lowercase()))
            && k + 1 < hi
            && ctx.toks[k + 1].is_word()
            && opens_clause(&ctx.w(k + 1).to_ascii_lowercase())
        {
            // "X said, the road was not closed": copy that sets the clause off by a
            // comma ("Whoever asks, the answer is ..." has a clause of its own first)
            k += 1;
        } else if LISTENER_VERBS.contains(&lw)
            || WARNING_VERBS.contains(&lw)
            || ADJUNCT_OPENERS.contains(&next)
        {
            match that {
                Some(t) => k = t + 1,
                None if LISTENER_VERBS.contains(&lw) => {
                    // "told reporters the talks would fail", "told its U.S. dealers
                    // the ...": skip the listener (determiner, names, one noun)
                    let mut j = k;
                    if SUBJECT_DETERMINERS.contains(ctx.w(j)) {
                        j += 1;
                    }
                    while j < hi && j < k + 4 && ctx.toks[j].cap {
                        j += 1;
                    }
                    if j < hi
                        && ctx.toks[j].is_word()
                        && !ctx.toks[j].cap
                        && (j == k || !opens_clause(&ctx.w(j).to_ascii_lowercase()))
                        && !CLAUSE_NON_OPENERS.contains(ctx.w(j))
                        && !(ADJUNCT_PREPOSITIONS.contains(ctx.w(j)) || ctx.w(j) == "that")
                    {
                        j += 1;
                    }
                    // "told the wardens to lock the gate": a directive, not a report
                    if ctx.toks.get(j).is_some_and(|t| t.text(ctx.text) == "to") {
                        continue;
                    }
                    // "told a seminar in the museum hall": what follows the listener must
                    // open a clause (a determiner, a pronoun, a name or a number)
                    if j >= hi
                        || !(ctx.toks[j].cap
                            || opens_clause(&ctx.w(j).to_ascii_lowercase())
                            || quantity_at(ctx, j, hi)
                            || ctx.w(j).chars().next().is_some_and(|c| c.is_ascii_digit()))
                    {
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
        let quantity = quantity_at(ctx, k, hi);
        if k < hi && !quantity && CLAUSE_NON_OPENERS.contains(ctx.w(k)) {
            continue;
        }
        if k >= hi || !quantity && ADJUNCT_PREPOSITIONS.contains(ctx.w(k)) {
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

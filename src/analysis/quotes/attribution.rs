//! Speech cues and their subjects: `"...," X said`, `said X, the ...`, `X said: "..."`,
//! `X told reporters "..."`, `according to X`, pronouns and nominal mentions
//! ("the minister") resolved to a preceding entity.

use crate::analysis::entities::{Entity, EntityKind, Gender, Mention, adopt};
use crate::analysis::lexicon::{CUE_VERBS, NOMINAL_HEADS, ORG_HEADS, TITLES, strip_possessive};
use crate::text::{Span, TextModel, Token};
use std::collections::{BTreeMap, HashMap};

mod clause;
mod credit;
mod describe;
mod mention;
mod nested;
mod owner;
mod resolve;
mod subject;

use describe::{
    DOCUMENT_HEADS, Description, GROUP_HEADS, PLACE_HEADS, description, is_nominal_head,
    unmarked_body,
};
pub use resolve::PronounKind;
use resolve::pronoun;

/// How many earlier mentions a pronoun or nominal may look back over.
const LOOKBACK: usize = 400;

/// An attribution: the cue, the speaker mention and the entity it resolves to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    pub entity: Option<usize>,
    pub mention: Option<Span>,
    pub cue: Span,
    /// False when inherited from a neighbouring quote (no cue of its own).
    pub own: bool,
}

/// Words that may stand between a subject and its cue ("X also said", "X has told").
const BETWEEN: &[&str] = &[
    "also",
    "later",
    "then",
    "again",
    "previously",
    "earlier",
    "once",
    "has",
    "have",
    "had",
    "was",
    "is",
    "were",
    "are",
    "would",
    "will",
    "repeatedly",
    "recently",
    "often",
    "already",
    "now",
    "quickly",
    "further",
    "simply",
    "flatly",
    "publicly",
    "privately",
    "bluntly",
    "angrily",
    "firmly",
    "calmly",
    "separately",
    "last",
    "first",
    "herself",
    "himself",
    "themselves",
    "itself",
    "frequently",
    "openly",
    "reportedly",
    "did",
    "does",
    "not",
    "never",
    "just",
    "has",
    "had",
    // "X was heard asking", "X was seen telling" (modals and "be" only in that
    // chain: "had been called" is a passive, "what we know is" no cue)
    "heard",
    "seen",
];

/// Cues after which the speaker may follow the verb ("said X").
const INVERTIBLE: &[&str] = &[
    "said",
    "says",
    "added",
    "adds",
    "continued",
    "explained",
    "noted",
    "wrote",
    "declared",
    "insisted",
    "warned",
    "argued",
    "recalled",
    "stated",
    "asked",
    "replied",
    "responded",
    "countered",
    "concluded",
    "conceded",
    "acknowledged",
    "admitted",
    "cautioned",
    "complained",
    "tweeted",
    "remarked",
    "observed",
    "announced",
    "stressed",
];

const PREPOSITIONS: &[&str] = &[
    "to", "with", "by", "for", "from", "of", "against", "about", "told", "asked", "met", "and",
    "like", "than", "on", "at", "under", "over", "between",
];

struct Recent {
    pos: usize,
    entity: usize,
    object: bool,
    /// First name of its sentence, or a speaker.
    subject: bool,
}

pub struct Ctx<'a> {
    pub text: &'a str,
    pub model: &'a TextModel,
    pub toks: &'a [Token],
    pub mentions: Vec<Mention>,
    pub entities: Vec<Entity>,
    quoted: &'a [Span],
    by_last: rustc_hash::FxHashMap<usize, usize>,
    by_first: rustc_hash::FxHashMap<usize, usize>,
    /// Mentions and speakers by position (several may share one).
    recent: BTreeMap<usize, Vec<Recent>>,
    /// Weak mentions adopted as entities, by folded name (see [`adopt`]).
    adopted: HashMap<String, usize>,
    /// Per token: bit 0 a speech cue, bit 1 a reporting verb (looked up once).
    cue_flags: Vec<u8>,
    /// Words the text writes in lowercase (built on first use).
    lowercase: std::cell::OnceCell<rustc_hash::FxHashSet<&'a str>>,
}

fn lower(w: &str) -> std::borrow::Cow<'_, str> {
    if w.bytes().any(|b| b.is_ascii_uppercase()) || !w.is_ascii() {
        std::borrow::Cow::Owned(w.to_lowercase())
    } else {
        std::borrow::Cow::Borrowed(w)
    }
}

impl<'a> Ctx<'a> {
    pub fn new(
        text: &'a str,
        model: &'a TextModel,
        toks: &'a [Token],
        mentions: Vec<Mention>,
        entities: Vec<Entity>,
        quoted: &'a [Span],
    ) -> Self {
        // Fx, not SipHash: looked up at every cue's neighbours (token indices, our own)
        let mut by_last = rustc_hash::FxHashMap::default();
        let mut by_first = rustc_hash::FxHashMap::default();
        let mut recent: BTreeMap<usize, Vec<Recent>> = BTreeMap::new();
        let mut last_subject_sentence = None;
        for (i, m) in mentions.iter().enumerate() {
            by_last.insert(m.last_tok, i);
            by_first.insert(m.first_tok, i);
            by_first.insert(m.title_tok, i);
            if let Some(e) = m.entity {
                let object = m.title_tok > 0
                    && PREPOSITIONS.contains(&lower(toks[m.title_tok - 1].text(text)).as_ref());
                let sent = model.sentence_at(m.span.start);
                // "X's chief officer, Y, said": the possessive X is not the subject
                let w = toks[m.last_tok].text(text);
                let possessive = strip_possessive(w).len() != w.len()
                    || toks
                        .get(m.last_tok + 1)
                        .is_some_and(|t| matches!(t.text(text), "'s" | "’s"));
                let subject = !object && !possessive && sent != last_subject_sentence;
                if subject {
                    last_subject_sentence = sent;
                }
                recent.entry(m.span.start).or_default().push(Recent {
                    pos: m.span.start,
                    entity: e,
                    object,
                    subject,
                });
            }
        }
        let cue_flags = toks
            .iter()
            .enumerate()
            .map(|(i, t)| {
                if !t.is_word() || t.cap {
                    return 0;
                }
                let w = t.text(text);
                let mut f = crate::analysis::lexicon::verb_flags(w);
                if toks
                    .get(i + 1)
                    .is_some_and(|n| phrasal_cue(w, n.text(text)))
                {
                    f |= 1;
                }
                f
            })
            .collect();
        Ctx {
            text,
            model,
            toks,
            mentions,
            entities,
            quoted,
            by_last,
            by_first,
            recent,
            adopted: HashMap::new(),
            cue_flags,
            lowercase: std::cell::OnceCell::new(),
        }
    }

    pub fn into_entities(self) -> Vec<Entity> {
        self.entities
    }

    pub fn w(&self, i: usize) -> &'a str {
        self.toks[i].text(self.text)
    }

    /// Index of the first token starting at or after `pos`.
    pub fn tok_at(&self, pos: usize) -> usize {
        self.toks.partition_point(|t| t.span.start < pos)
    }

    pub fn in_quote(&self, pos: usize) -> bool {
        let i = self.quoted.partition_point(|q| q.end <= pos);
        self.quoted.get(i).is_some_and(|q| q.start <= pos)
    }

    pub fn sentence_of(&self, pos: usize) -> Span {
        self.model
            .sentence_at(pos)
            .map(|s| self.model.sentences[s].span)
            .unwrap_or(Span::new(0, self.text.len()))
    }

    /// The part of the sentence before quote `qi` (after any earlier quote).
    pub fn pre_region(&self, outer: Span, qi: usize) -> Span {
        let s = self.sentence_of(outer.start);
        let mut start = s.start.min(outer.start);
        if qi > 0 && self.quoted[qi - 1].end > start && self.quoted[qi - 1].end <= outer.start {
            start = self.quoted[qi - 1].end;
        }
        Span::new(start, outer.start)
    }

    /// The part of the sentence after quote `qi` (before any later quote).
    pub fn post_region(&self, outer: Span, qi: usize) -> Span {
        let s = self.sentence_of(outer.end.saturating_sub(1));
        let mut end = s.end.max(outer.end);
        if let Some(n) = self.quoted.get(qi + 1)
            && n.start < end
            && n.start >= outer.end
        {
            end = n.start;
        }
        Span::new(outer.end, end)
    }

    pub fn region_is_empty(&self, r: Span) -> bool {
        !r.text(self.text).chars().any(char::is_alphanumeric)
    }

    fn is_cue(&self, i: usize) -> bool {
        self.cue_flags.get(i).is_some_and(|f| f & 1 != 0)
    }

    /// A verb that takes a reported clause ("said", "told", "warned").
    pub fn is_reporting(&self, i: usize) -> bool {
        self.cue_flags.get(i).is_some_and(|f| f & 2 != 0)
    }

    pub fn according_to(&self, i: usize) -> bool {
        i + 1 < self.toks.len()
            && self.w(i).eq_ignore_ascii_case("according")
            && self.w(i + 1) == "to"
    }

    /// "according to X" starting at token `c`: the cue spans both words, X follows.
    fn according_to_subject(&mut self, c: usize, hi: usize) -> Option<Found> {
        let cue = Span::new(self.toks[c].span.start, self.toks[c + 1].span.end);
        if let Some(f) = self.document_author(c + 2, hi, cue) {
            return Some(f);
        }
        self.subject_right(c + 2, hi, cue)
    }

    /// The nearest cue in `region`, right to left, with its subject.
    pub fn cue_before(&mut self, region: Span) -> Option<Found> {
        let lo = self.tok_at(region.start);
        let hi = self.tok_at(region.end);
        let mut fallback = None;
        for c in (lo..hi).rev() {
            if self.according_to(c) {
                if let Some(f) = self.according_to_subject(c, hi) {
                    return Some(f);
                }
                continue;
            }
            if !self.is_cue(c) {
                continue;
            }
            let cue = self.toks[c].span;
            if let Some(f) = self.subject_left(c, lo, cue) {
                return Some(self.outermost_reporter(lo, c, f));
            }
            if INVERTIBLE.contains(&lower(self.w(c)).as_ref())
                && let Some(f) = self.subject_right(c + 1, hi, cue)
            {
                return Some(f);
            }
            fallback.get_or_insert(Found {
                entity: None,
                mention: None,
                cue,
                own: true,
            });
        }
        // A cue without a subject in the region ("..., declaring it"): the
        // sentence's first name before the cue.
        let fb = fallback?;
        Some(self.first_name_before(fb.cue).unwrap_or(fb))
    }

    /// "X said Y had told them '...'": a quotation inside reported speech belongs to
    /// the outermost reporter. Looks left of cue `c` for a reporting verb with a
    /// named subject; else keeps `inner`.
    fn outermost_reporter(&mut self, lo: usize, c: usize, inner: Found) -> Found {
        let inner_start = inner.mention.map_or(inner.cue.start, |m| m.start);
        for x in (lo..c).rev() {
            if self.toks[x].span.end > inner_start {
                continue;
            }
            // "While X says ..., Y said Z is “...”": a comma closes the outer clause
            if self.w(x) == "," {
                break;
            }
            if !self.is_reporting(x) {
                continue;
            }
            let cue = self.toks[x].span;
            if let Some(f) = self.subject_left(x, lo, cue)
                && f.entity.is_some()
            {
                return f;
            }
        }
        inner
    }

    /// The first cue in `region`, left to right, with its subject.
    pub fn cue_after(&mut self, region: Span) -> Option<Found> {
        let lo = self.tok_at(region.start);
        let hi = self.tok_at(region.end);
        for c in lo..hi.min(lo + 30) {
            if self.according_to(c) {
                if let Some(f) = self.according_to_subject(c, hi) {
                    return Some(f);
                }
                continue;
            }
            if !self.is_cue(c) {
                continue;
            }
            let cue = self.toks[c].span;
            if let Some(f) = self.subject_left(c, lo, cue) {
                return Some(f);
            }
            // "... asking X": the name after a participle is its listener
            // ("declares X", "mused X", and "told X" in translated copy, invert)
            if !self.w(c).ends_with("ing")
                && let Some(f) = self.subject_right(c + 1, hi, cue)
            {
                return Some(f);
            }
            let fb = Found {
                entity: None,
                mention: None,
                cue,
                own: true,
            };
            return Some(self.first_name_before(cue).unwrap_or(fb));
        }
        None
    }

    /// A cue with a resolved subject anywhere in paragraph `para`, outside quotes.
    pub fn paragraph_cue(&mut self, para: usize, last: bool) -> Option<Found> {
        let p = *self.model.paragraphs.get(para)?;
        let lo = self.tok_at(p.start);
        let hi = self.tok_at(p.end);
        let order: Vec<usize> = if last {
            (lo..hi).rev().collect()
        } else {
            (lo..hi).collect()
        };
        for c in order {
            if self.in_quote(self.toks[c].span.start) || !self.is_cue(c) {
                continue;
            }
            let cue = self.toks[c].span;
            if let Some(f) = self.subject_left(c, lo, cue)
                && f.entity.is_some()
            {
                return Some(f);
            }
        }
        None
    }

    /// "Pollsters agree - Jan Nowak: “...”": the name right before the colon that
    /// introduces the stretch.
    pub fn colon_label(&mut self, pre: Span) -> Option<Found> {
        let hi = self.tok_at(pre.end);
        let colon = (self.tok_at(pre.start)..hi)
            .rev()
            .find(|&t| self.toks[t].is_word() || self.w(t) == ":")?;
        if self.w(colon) != ":" || colon == 0 {
            return None;
        }
        // not in a headline line ("X Sends Stern Message: “...”")
        let para = self.model.paragraph_at(self.toks[colon].span.start);
        if para == Some(0)
            && !self.model.paragraphs[0]
                .text(self.text)
                .trim_end()
                .ends_with(['.', '!', '?', '"', '”'])
        {
            return None;
        }
        let &mi = self.by_last.get(&(colon - 1))?;
        let m = &self.mentions[mi];
        // a lone capitalised word opening the sentence ("Update:") is no label, nor
        // the listener of "X told the BBC:"
        if m.weak && m.entity.is_none() && self.starts_clause(m.title_tok, 0) || self.is_object(m) {
            return None;
        }
        let cue = self.toks[colon].span;
        Some(self.found_mention(mi, cue))
    }

    /// Remembers that entity of `f` spoke at `pos` (for pronoun resolution).
    pub fn note_speaker(&mut self, pos: usize, f: &Found) {
        if let Some(e) = f.entity {
            self.recent.entry(pos).or_default().push(Recent {
                pos,
                entity: e,
                object: false,
                subject: true,
            });
        }
    }
}

/// Two-word cues: "went on", "shot back", "fired back", "chimed in", "put it".
fn phrasal_cue(a: &str, b: &str) -> bool {
    matches!(
        (a, b),
        ("went", "on")
            | ("goes", "on")
            | ("shot", "back")
            | ("fired", "back")
            | ("chimed", "in")
            | ("hit", "back")
            | ("pushed", "back")
            | ("wrote", "back")
            // "as X put it, “...”"
            | ("put", "it")
            | ("puts", "it")
    )
}

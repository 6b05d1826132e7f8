//! Speech cues and their subjects: `"...," X said`, `said X, the ...`, `X said: "..."`,
//! `X told reporters "..."`, `according to X`, pronouns and nominal mentions
//! ("the minister") resolved to a preceding entity.

use crate::analysis::entities::{Entity, EntityKind, Gender, Mention, adopt};
use crate::analysis::lexicon::{CUE_VERBS, NOMINAL_HEADS, ORG_HEADS, TITLES, strip_possessive};
use crate::text::{Span, TextModel, Token};
use std::collections::{BTreeMap, HashMap};

mod clause;
mod credit;
mod owner;

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
    by_last: HashMap<usize, usize>,
    by_first: HashMap<usize, usize>,
    /// Mentions and speakers by position (several may share one).
    recent: BTreeMap<usize, Vec<Recent>>,
    /// Weak mentions adopted as entities, by folded name (see [`adopt`]).
    adopted: HashMap<String, usize>,
    /// Per token: bit 0 a speech cue, bit 1 a reporting verb (looked up once).
    cue_flags: Vec<u8>,
    /// Words the text writes in lowercase (built on first use).
    lowercase: std::cell::OnceCell<std::collections::HashSet<&'a str>>,
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
        let mut by_last = HashMap::new();
        let mut by_first = HashMap::new();
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

    /// The first name of the cue's sentence, before the cue, as its subject.
    fn first_name_before(&mut self, cue: Span) -> Option<Found> {
        let s = self.sentence_of(cue.start);
        let main = self.main_clause_start(s.start, cue.start);
        let mi = main
            .and_then(|m| self.first_name_from(m, cue))
            .or_else(|| self.first_name_from(s.start, cue));
        let Some(mi) = mi else {
            return self.sentence_np(cue);
        };
        let mut f = self.found_mention(mi, cue);
        f.own = true;
        Some(f)
    }

    /// The mention [`Self::first_name_before`] takes, among those from `from` on.
    fn first_name_from(&self, from: usize, cue: Span) -> Option<usize> {
        let ok = |m: &Mention| {
            m.span.start >= from
                && m.span.end <= cue.start
                && !self.in_quote(m.span.start)
                && !self.is_possessive(m)
        };
        self.mentions
            .iter()
            .position(|m| {
                ok(m)
                    && m.kind == EntityKind::Person
                    && !(m.weak && m.entity.is_none())
                    && !self.is_object(m)
            })
            .or_else(|| {
                self.mentions
                    .iter()
                    .position(|m| ok(m) && !(m.weak && m.entity.is_none()) && !self.is_object(m))
            })
            // a name after a preposition ("fishermen from a co-op in Brakvik mocked")
            // is a place or a listener, and a common word written capitalised
            // ("Football stays ...") is no name: the subject is unnamed
            .or_else(|| {
                self.mentions
                    .iter()
                    .position(|m| ok(m) && !self.names_nobody(m) && !self.is_place_like(m))
            })
    }

    /// A noun phrase opening the cue's sentence ("The veteran diplomat has ...,
    /// saying"), as an unnamed speaker.
    fn sentence_np(&mut self, cue: Span) -> Option<Found> {
        let s = self.sentence_of(cue.start);
        let t0 = self.tok_at(s.start);
        let first = lower(self.w(t0));
        if !matches!(
            first.as_ref(),
            "the" | "a" | "an" | "another" | "his" | "her" | "their" | "its"
        ) {
            return None;
        }
        // The phrase ends at its last nominal head ("The Nordland mayor tried to
        // reassure ..." is "The Nordland mayor"); without one, only a phrase that runs
        // straight into a verb-like word ("The veteran diplomat has ...") counts.
        let mut last = None;
        let mut head_tok = None;
        let mut clean_end = false;
        for t in t0 + 1..(t0 + 6).min(self.toks.len()) {
            if self.toks[t].span.start >= cue.start {
                break;
            }
            if !self.toks[t].is_word() {
                // "The letter, signed by ...": an appositive or participle follows
                clean_end = true;
                break;
            }
            let w = lower(self.w(t));
            if self.is_cue(t)
                || self.is_reporting(t)
                || BETWEEN.contains(&w.as_ref())
                || matches!(w.as_ref(), "who" | "which" | "that" | "however")
                || (!self.toks[t].cap && w.ends_with("ed"))
            {
                clean_end = true;
                break;
            }
            if PREPOSITIONS.contains(&w.as_ref()) {
                break;
            }
            if is_nominal_head(&w) && strip_possessive(&w).len() == w.len() {
                head_tok = Some(t);
            }
            last = Some(t);
        }
        let last = match head_tok {
            Some(h) => h,
            None if clean_end => last?,
            None => return None,
        };
        let np = Span::new(self.toks[t0].span.start, self.toks[last].span.end);
        let head = strip_possessive(&lower(self.w(last))).to_string();
        let e = self.resolve_nominal(np.start, &head, np);
        Some(Found {
            entity: e,
            mention: Some(np),
            cue,
            own: true,
        })
    }

    /// Whether token `t` opens its sentence (or the region from `lo`), determiners aside.
    fn starts_clause(&self, t: usize, lo: usize) -> bool {
        let s = self.sentence_of(self.toks[t].span.start);
        let first = self.tok_at(s.start).max(lo);
        (first..t).all(|x| {
            !self.toks[x].is_word()
                || matches!(
                    lower(self.w(x)).as_ref(),
                    "the" | "a" | "an" | "but" | "and"
                )
        })
    }

    /// "Harlan's campaign manager": a possessive name is never the subject.
    fn is_possessive(&self, m: &Mention) -> bool {
        let w = self.w(m.last_tok);
        strip_possessive(w).len() != w.len()
            || self
                .toks
                .get(m.last_tok + 1)
                .is_some_and(|t| matches!(t.text(self.text), "'s" | "’s" | "'" | "’"))
    }

    /// Whether token `t` opens a clause: the region or sentence start, or right
    /// after a comma, semicolon, colon or a coordinating conjunction.
    fn opens_clause(&self, t: usize, lo: usize) -> bool {
        if t <= lo || self.starts_clause(t, lo) {
            return true;
        }
        matches!(
            lower(self.w(t - 1)).as_ref(),
            "," | ";" | ":" | "and" | "but" | "while" | "whereas"
        )
    }

    /// A mention after a preposition that only places take ("in Brakvik", "near
    /// Velden"): never an appositive's head ("analysts at X, which ..." is).
    fn is_place(&self, m: &Mention) -> bool {
        self.word_before(m, 3, |_, _| false)
            .is_some_and(|w| crate::analysis::lexicon::PLACE_PREPOSITIONS.contains(&w))
    }

    /// The lowercase word before mention `m`, passing over articles and the words
    /// `pass` names, within `reach` words.
    fn word_before(
        &self,
        m: &Mention,
        reach: usize,
        pass: impl Fn(usize, &str) -> bool,
    ) -> Option<std::borrow::Cow<'a, str>> {
        (m.title_tok.saturating_sub(reach)..m.title_tok)
            .rev()
            .map(|k| (k, lower(self.w(k))))
            .find(|(k, w)| !matches!(w.as_ref(), "the" | "a" | "an") && !pass(*k, w))
            .map(|(_, w)| w)
    }

    /// A lone capitalised word the text also writes in lowercase, with nothing saying
    /// it names someone ("Football stays ..."): a common word opening a
    /// sentence, not a name.
    fn names_nobody(&self, m: &Mention) -> bool {
        if !(m.weak && m.entity.is_none()) {
            return false;
        }
        let lowercase = self.lowercase.get_or_init(|| {
            self.toks
                .iter()
                .filter(|t| t.is_word() && !t.cap)
                .map(|t| t.text(self.text))
                .collect()
        });
        let l = strip_possessive(&m.name).to_lowercase();
        lowercase.contains(l.as_str())
    }

    /// A mention after a preposition of place or of an object ("in Brakvik", "to the
    /// board"), not an agent ("by"), a source ("from"), a companion ("with") nor an
    /// employer ("analysts at X"): a place or a listener, never a cue-less speaker.
    fn is_place_like(&self, m: &Mention) -> bool {
        self.word_before(m, 3, |_, _| false).is_some_and(|w| {
            // "economists at Pellworth Bank", "a unit of Velden Holdings": an
            // organisation after these is the speaker's employer, who may speak
            let affiliation =
                m.kind == EntityKind::Organisation && matches!(w.as_ref(), "at" | "of" | "for");
            let locative = crate::analysis::lexicon::PLACE_PREPOSITIONS.contains(&w)
                || crate::analysis::lexicon::OBJECT_PREPOSITIONS.contains(&w);
            locative && !affiliation
        })
    }

    /// A mention after a preposition ("in the Democratic Party", "at Mar-a-Lago").
    fn is_object(&self, m: &Mention) -> bool {
        // "with the journalist Jan Nowak": a lowercase title is passed over too
        self.word_before(m, 4, |k, w| {
            !self.toks[k].cap && self.toks[k].is_word() && TITLES.contains(w)
        })
        .is_some_and(|w| PREPOSITIONS.contains(&w.as_ref()))
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

    /// The first named entity of the sentence before the stretch. A name after a
    /// preposition ("its ferry port in Kessvik, nicknamed the “...”") is a place
    /// or a listener, and a common word written capitalised ("Football stays
    /// “...”") names nobody: neither is taken.
    pub fn sentence_subject(&mut self, outer: Span) -> Option<Found> {
        let s = self.sentence_of(outer.start);
        let main = self.main_clause_start(s.start, outer.start);
        let mi = main
            .and_then(|m| self.subject_from(m, outer))
            .or_else(|| self.subject_from(s.start, outer))?;
        let span = self.mentions[mi].span;
        let e = self.entity_of(mi);
        Some(Found {
            entity: Some(e),
            mention: Some(span),
            cue: span,
            own: false,
        })
    }

    /// The mention [`Self::sentence_subject`] takes, among those from `from` on.
    fn subject_from(&self, from: usize, outer: Span) -> Option<usize> {
        let cand = |m: &Mention| {
            m.span.start >= from
                && m.span.end <= outer.start
                && !self.names_nobody(m)
                && description(&m.name).is_none()
        };
        self.mentions
            .iter()
            .position(|m| cand(m) && !self.is_possessive(m) && !self.is_place_like(m))
            // "X's “...” promise": a possessive is the owner of the words when no
            // other name stands before them
            .or_else(|| {
                self.mentions
                    .iter()
                    .position(|m| cand(m) && self.is_possessive(m))
            })
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

    fn entity_of(&mut self, mi: usize) -> usize {
        if let Some(e) = self.mentions[mi].entity {
            return e;
        }
        let e = adopt(
            &mut self.entities,
            &mut self.adopted,
            &mut self.mentions[mi],
        );
        let pos = self.mentions[mi].span.start;
        self.recent.entry(pos).or_default().push(Recent {
            pos,
            entity: e,
            object: false,
            subject: false,
        });
        e
    }

    fn found_mention(&mut self, mi: usize, cue: Span) -> Found {
        // "a White House official who ... said": the noun the name modifies speaks
        if self.mentions[mi].span.end <= cue.start {
            let mut k = self.mentions[mi].title_tok;
            if k > 0
                && matches!(
                    lower(self.w(k - 1)).as_ref(),
                    "a" | "an" | "the" | "another"
                )
            {
                k -= 1;
            }
            if let Some(f) = self.modified_noun(mi, k, cue) {
                return f;
            }
        }
        self.found_mention_only(mi, cue)
    }

    fn found_mention_only(&mut self, mi: usize, cue: Span) -> Found {
        // "Residents say", "Economists said", "Opposition lawmakers called": a group
        // named by a common noun is an unnamed source, not an entity.
        let m = &self.mentions[mi];
        // "the Nordland senator", "Velden Republicans": a description, not a name
        let name = m
            .entity
            .map_or(m.name.as_str(), |e| self.entities[e].name.as_str());
        if let Some(d) = description(name) {
            let (span, pos, tok) = (m.span, m.span.start, m.title_tok);
            let entity = match d {
                Description::Group => None,
                Description::Role { head, places } => self
                    .apposed_name(tok)
                    .or_else(|| self.titled_name_after(m.last_tok, cue))
                    .or_else(|| self.described_person(pos, &head, &places)),
            };
            return Found {
                entity,
                mention: Some(span),
                cue,
                own: true,
            };
        }
        if m.weak && m.entity.is_none() {
            let w = m.name.to_lowercase();
            let sing = w.strip_suffix('s').unwrap_or(&w);
            let next_group = self.toks.get(m.last_tok + 1).is_some_and(|t| {
                let n = lower(t.text(self.text));
                t.is_word() && GROUP_HEADS.contains(&n.strip_suffix('s').unwrap_or(&n))
            });
            if GROUP_HEADS.contains(&sing) || next_group {
                return Found {
                    entity: None,
                    mention: Some(m.span),
                    cue,
                    own: true,
                };
            }
        }
        let e = self.entity_of(mi);
        Found {
            entity: Some(e),
            mention: Some(self.mentions[mi].span),
            cue,
            own: true,
        }
    }

    /// Subject to the left of cue token `c` (not before token `lo`).
    pub fn subject_left(&mut self, c: usize, lo: usize, cue: Span) -> Option<Found> {
        // "..., calling it": a participle's subject is the clause's subject.
        if self.w(c).ends_with("ing") && c > lo && self.w(c - 1) == "," {
            return self.first_name_before(cue);
        }
        let mut k = c;
        loop {
            if k <= lo {
                return None;
            }
            k -= 1;
            let w = self.w(k);
            if self.toks[k].is_word() && BETWEEN.contains(&lower(w).as_ref()) {
                continue;
            }
            let perceived = |x: usize| {
                matches!(
                    self.toks.get(x).map(|t| t.text(self.text)),
                    Some("heard" | "seen")
                )
            };
            if matches!(w, "be" | "been" | "can" | "could" | "may" | "might")
                && (perceived(k + 1) || perceived(k + 2))
            {
                continue;
            }
            break;
        }
        let w = self.w(k);
        if let Some(&mi) = self.by_last.get(&k) {
            // "a residents' group in Brakvik derided ...": a place right before the cue
            // says where the speakers are, not who they are
            if self.is_place(&self.mentions[mi]) {
                return self.sentence_np(cue);
            }
            return Some(self.found_mention(mi, cue));
        }
        if w == "," || w == ")" {
            // "X, the union's president, said" / "X (R-OH), said" / "X, a columnist
            // for Y, Z, wrote": walk back over comma-bounded segments to a name
            // that ends right before one.
            // "His agent, Ivo Tavner, said": the name itself before the comma.
            let mut first: Option<usize> = None;
            let mut rel: Option<usize> = None;
            if k > lo
                && w == ","
                && let Some(&mi) = self.by_last.get(&(k - 1))
                && !self.is_object(&self.mentions[mi])
                && !(self.mentions[mi].weak && self.mentions[mi].entity.is_none())
            {
                let m = &self.mentions[mi];
                let appositive = m.title_tok > lo && self.w(m.title_tok - 1) == ",";
                if m.title_tok == lo || !appositive && self.starts_clause(m.title_tok, lo) {
                    return Some(self.found_mention(mi, cue));
                }
                if appositive {
                    first = Some(mi);
                }
            }
            let mut j = k;
            for _ in 0..5 {
                if j <= lo {
                    break;
                }
                let jw = self.w(j);
                let p = if jw == ")" {
                    (lo..j).rev().take(12).find(|&x| self.w(x) == "(")
                } else {
                    (lo..j)
                        .rev()
                        .take(25)
                        .find(|&x| matches!(self.w(x), "," | "(" | ")"))
                };
                let Some(p) = p else { break };
                if self.w(p) == ")" {
                    j = p;
                    continue;
                }
                // a cue of a relative clause ("X, a surgeon who advised Y, said") is
                // inside the appositive, not a clause of its own
                let in_relative = |x: usize| {
                    x > 0 && matches!(lower(self.w(x - 1)).as_ref(), "who" | "which" | "that")
                };
                if (p..j).any(|x| (self.is_cue(x) && !in_relative(x)) || self.according_to(x)) {
                    break;
                }
                if p > lo
                    && let Some(&mi) = self.by_last.get(&(p - 1))
                {
                    // "X, who heads ..., said": the relative clause's antecedent wins
                    let relative = self
                        .toks
                        .get(p + 1)
                        .is_some_and(|t| matches!(t.text(self.text), "who" | "whose"));
                    let tt = self.mentions[mi].title_tok;
                    // "as X, a professor at Y, puts it": a clause opens after "as"
                    let after_as = tt > lo && lower(self.w(tt - 1)) == "as";
                    if after_as || self.starts_clause(tt, lo) {
                        return Some(self.found_mention(mi, cue));
                    }
                    if relative {
                        rel.get_or_insert(mi);
                    }
                    // "fishermen from a co-op in Brakvik, Nfld., mocked": a place is no
                    // appositive's head
                    if !self.is_place(&self.mentions[mi]) {
                        first.get_or_insert(mi);
                    }
                }
                j = p;
            }
            if let Some(mi) = rel.or(first) {
                return Some(self.found_mention(mi, cue));
            }
            return self.sentence_np(cue);
        }
        if !self.toks[k].is_word() {
            return None;
        }
        let lw = lower(w);
        if lw == "and" {
            // "X called it ... and said": the clause's subject
            return self.first_name_before(cue);
        }
        if let Some(g) = pronoun(&lw) {
            let pos = self.toks[k].span.start;
            let e = self.resolve_pronoun(pos, g);
            return Some(Found {
                entity: e,
                mention: Some(self.toks[k].span),
                cue,
                own: true,
            });
        }
        let head = strip_possessive(&lw).to_string();
        // Any "the/a/his ... NOUN said" is a nominal subject ("the veteran diplomat").
        let mut adjunct = false;
        let determined = !self.toks[k].cap && !crate::analysis::lexicon::STOP_CAPS.contains(w) && {
            // a determiner, then only plain words up to the noun
            let mut x = k;
            let mut ok = false;
            while x > lo && x + 4 > k {
                x -= 1;
                let xw = lower(self.w(x));
                if matches!(
                    xw.as_ref(),
                    "the" | "a" | "an" | "his" | "her" | "their" | "its" | "another"
                ) {
                    // only as the clause's subject: "at the time said", "defend
                    // his remarks calling" name no speaker
                    ok = true;
                    adjunct = !self.opens_clause(x, lo);
                    break;
                }
                if !self.toks[x].is_word()
                    || self.is_cue(x)
                    || crate::analysis::lexicon::STOP_CAPS.contains(&xw)
                    || (!self.toks[x].cap && xw.ends_with("ed"))
                {
                    break;
                }
            }
            ok
        };
        if determined && adjunct && !is_nominal_head(&head) {
            // "X at the time said", "X defended his remarks calling": the noun is
            // no subject; the clause's first name is.
            return self.first_name_before(cue);
        }
        if is_nominal_head(&head) || determined {
            // walk back over the noun phrase ("the ministry's chief spokesman")
            let mut s = k;
            while s > lo && s + 5 > k {
                let pw = self.w(s - 1);
                let pl = lower(pw);
                if matches!(
                    pl.as_ref(),
                    "the" | "a" | "an" | "its" | "his" | "her" | "their"
                ) {
                    s -= 1;
                    break;
                }
                if !self.toks[s - 1].is_word()
                    || CUE_VERBS.contains(pw)
                    || (!self.toks[s - 1].cap && pw.ends_with("ed"))
                    || (crate::analysis::lexicon::STOP_CAPS.contains(pw) && !self.toks[s - 1].cap)
                {
                    break;
                }
                s -= 1;
            }
            // "X emailed volunteers saying", "X's note to staff explaining": a noun
            // inside the clause is the participle's object, its subject is the clause's.
            if self.w(c).ends_with("ing")
                && !self.opens_clause(s, lo)
                && !DOCUMENT_HEADS.contains(&head.as_str())
                && let Some(f) = self.first_name_before(cue)
            {
                return Some(f);
            }
            // "X issued a statement saying": the document's issuer is the clause's
            // subject, not whoever spoke last.
            if DOCUMENT_HEADS.contains(&head.as_str())
                && !self.opens_clause(s, lo)
                && let Some(f) = self.first_name_before(cue)
            {
                return Some(f);
            }
            let np = Span::new(self.toks[s].span.start, self.toks[k].span.end);
            let pos = np.start;
            let e = self.resolve_nominal(pos, &head, np);
            return Some(Found {
                entity: e,
                mention: Some(np),
                cue,
                own: true,
            });
        }
        None
    }

    /// Subject right after the cue ("said X", "according to X").
    pub fn subject_right(&mut self, k: usize, hi: usize, cue: Span) -> Option<Found> {
        if k >= hi.min(self.toks.len()) {
            return None;
        }
        let mut weak_first: Option<usize> = None;
        for j in k..(k + 5).min(hi) {
            if let Some(&mi) = self.by_first.get(&j) {
                if let Some(f) = self.modified_noun(mi, k, cue) {
                    return Some(f);
                }
                let m = &self.mentions[mi];
                // "said Norland's new rule is ...": a possessive that no speaker noun
                // follows opens the reported clause; it is not the inverted subject
                if self.is_possessive(m) {
                    return None;
                }
                if m.weak && m.entity.is_none() {
                    // "said Virginia delegate X": keep looking for the name
                    weak_first.get_or_insert(mi);
                    continue;
                }
                return Some(self.found_mention(mi, cue));
            }
            let wj = self.w(j);
            // "said former Sen. X", "said Finance committee chair X"
            if self.toks[j].kind == crate::text::TokenKind::Punct && wj == "." {
                continue;
            }
            if !self.toks[j].is_word()
                || CUE_VERBS.contains(wj)
                || (!self.toks[j].cap && crate::analysis::lexicon::STOP_CAPS.contains(wj))
            {
                break;
            }
        }
        if let Some(mi) = weak_first {
            return Some(self.found_mention(mi, cue));
        }
        let lw = lower(self.w(k));
        if matches!(lw.as_ref(), "he" | "she") {
            let g = pronoun(&lw);
            let pos = self.toks[k].span.start;
            let e = g.and_then(|g| self.resolve_pronoun(pos, g));
            return Some(Found {
                entity: e,
                mention: Some(self.toks[k].span),
                cue,
                own: true,
            });
        }
        if matches!(
            lw.as_ref(),
            "the" | "a" | "an" | "its" | "another" | "one" | "his" | "her" | "their"
        ) {
            let mut j = k + 1;
            while j < hi && j < k + 6 && self.toks[j].is_word() {
                if let Some(&mi) = self.by_first.get(&j) {
                    if let Some(f) = self.modified_noun(mi, k, cue) {
                        return Some(f);
                    }
                    return Some(self.found_mention(mi, cue));
                }
                let h = lower(self.w(j));
                let h = strip_possessive(&h).to_string();
                let next_is_word = self.toks.get(j + 1).is_some_and(|t| {
                    t.is_word()
                        && !matches!(
                            t.text(self.text),
                            "with" | "for" | "of" | "at" | "in" | "from" | "who" | "close"
                        )
                });
                if is_nominal_head(&h) && !next_is_word {
                    // "said the union's president, Jan Nowak"
                    if let Some(mi) = self.appositive_after(j) {
                        return Some(self.found_mention(mi, cue));
                    }
                    let np = Span::new(self.toks[k].span.start, self.toks[j].span.end);
                    let e = self.resolve_nominal(np.start, &h, np);
                    return Some(Found {
                        entity: e,
                        mention: Some(np),
                        cue,
                        own: true,
                    });
                }
                j += 1;
            }
        }
        None
    }

    /// The mention that opens right after a comma following token `j`: the appositive
    /// name of "the union's president, Jan Nowak".
    fn appositive_after(&self, j: usize) -> Option<usize> {
        self.toks.get(j + 1).filter(|t| t.text(self.text) == ",")?;
        self.by_first.get(&(j + 2)).copied()
    }

    /// "said another Twitter user, Jan Nowak": mention `mi` modifies the noun after
    /// it; the speaker is the appositive name, else the noun phrase from token `k`.
    fn modified_noun(&mut self, mi: usize, k: usize, cue: Span) -> Option<Found> {
        let h = self.mentions[mi].last_tok + 1;
        if !self.toks.get(h).is_some_and(|t| t.is_word() && !t.cap)
            || !is_nominal_head(&lower(self.w(h)))
        {
            return None;
        }
        // "said Virginia delegate Jan Nowak", "said Labour party boss Jan Nowak": the
        // name after the lowercase words of the noun
        let mut x = h;
        loop {
            if let Some(&nm) = self.by_first.get(&x)
                && nm != mi
            {
                return Some(self.found_mention(nm, cue));
            }
            let lowercase_word = self.toks.get(x).is_some_and(|t| t.is_word() && !t.cap);
            if x >= h + 4 || !lowercase_word {
                break;
            }
            x += 1;
        }
        if let Some(ap) = self.appositive_after(h) {
            return Some(self.found_mention(ap, cue));
        }
        // "a Labour campaign official": the noun runs to its last head word
        let mut h = h;
        while h + 1 < (self.mentions[mi].last_tok + 5).min(self.toks.len())
            && self.toks[h + 1].is_word()
            && !self.toks[h + 1].cap
            && is_nominal_head(&lower(self.w(h + 1)))
        {
            h += 1;
        }
        let np = Span::new(self.toks[k].span.start, self.toks[h].span.end);
        let head = lower(self.w(h)).into_owned();
        let e = self.resolve_nominal(np.start, &head, np);
        Some(Found {
            entity: e,
            mention: Some(np),
            cue,
            own: true,
        })
    }

    /// Mentions and speakers in `[lo, pos)`, latest first, at most [`LOOKBACK`] of
    /// them: antecedents are local, and a bounded look-back keeps one article linear.
    fn recent_before(&self, lo: usize, pos: usize) -> impl Iterator<Item = &Recent> {
        self.recent
            .range(lo..pos.max(lo))
            .rev()
            .flat_map(|(_, v)| v.iter().rev())
            .take(LOOKBACK)
    }

    fn resolve_pronoun(&self, pos: usize, g: PronounKind) -> Option<usize> {
        let para = self.model.paragraph_at(pos).unwrap_or(0);
        let min_pos = self
            .model
            .paragraphs
            .get(para.saturating_sub(4))
            .map_or(0, |p| p.start);
        let compatible = |e: &Entity| match g {
            PronounKind::He => e.kind == EntityKind::Person && e.gender != Some(Gender::Female),
            PronounKind::She => e.kind == EntityKind::Person && e.gender != Some(Gender::Male),
            PronounKind::It => e.kind == EntityKind::Organisation,
            PronounKind::They => true,
        };
        // The most recent subject (first name of a sentence, or a speaker) in the
        // last two paragraphs; else the most recent non-object; else any.
        let near = self
            .model
            .paragraphs
            .get(para.saturating_sub(1))
            .map_or(0, |p| p.start);
        let mut subj: Option<(usize, usize)> = None;
        let mut nonobj: Option<(usize, usize)> = None;
        let mut any: Option<(usize, usize)> = None;
        for r in self.recent_before(min_pos, pos) {
            if !compatible(&self.entities[r.entity]) {
                continue;
            }
            let cand = Some((r.pos, r.entity));
            if r.subject && r.pos >= near && subj.is_none_or(|b| r.pos > b.0) {
                subj = cand;
            }
            if !r.object && nonobj.is_none_or(|b| r.pos > b.0) {
                nonobj = cand;
            }
            if any.is_none_or(|b| r.pos > b.0) {
                any = cand;
            }
        }
        let best = subj.or(nonobj).or(any);
        best.map(|b| b.1)
    }

    /// "Ana Berg, Republican of Nordland, said": the person named right before the
    /// comma that opens an appositive description at token `tok`.
    fn apposed_name(&self, tok: usize) -> Option<usize> {
        let comma = tok.checked_sub(1).filter(|&c| self.w(c) == ",")?;
        let &mi = self.by_last.get(&(comma.checked_sub(1)?))?;
        let e = self.mentions[mi].entity?;
        (self.entities[e].kind == EntityKind::Person
            && description(&self.entities[e].name).is_none())
        .then_some(e)
    }

    /// "Nordland Gov. and party chairman Ivo Marek said": a title run that the
    /// name follows, within a few words and before the cue, is that person's.
    fn titled_name_after(&self, last: usize, cue: Span) -> Option<usize> {
        let end = (last + 10).min(self.toks.len());
        let cue_after = cue.start > self.toks[last].span.start;
        for t in last + 1..end {
            let at_cue = cue_after && self.toks[t].span.start >= cue.start;
            if at_cue || self.is_cue(t) || self.is_reporting(t) {
                return None;
            }
            if matches!(self.w(t), "," | ";" | ":" | "(" | ")" | "“" | "”" | "\"") {
                return None;
            }
            let Some(&mi) = self.by_last.get(&t) else {
                continue;
            };
            let e = self.mentions[mi].entity?;
            let e_ok = self.entities[e].kind == EntityKind::Person
                && description(&self.entities[e].name).is_none();
            return e_ok.then_some(e);
        }
        None
    }

    /// The person a role-only mention with title `head` describes: the last speaker
    /// in the window holding that title, else the person with that title named last
    /// before `pos`. Nobody else: a description never makes a speaker of its own.
    fn described_person(&self, pos: usize, head: &str, places: &[String]) -> Option<usize> {
        let para = self.model.paragraph_at(pos).unwrap_or(0);
        let window = self
            .model
            .paragraphs
            .get(para.saturating_sub(3))
            .map_or(0, |p| p.start);
        // "Sen." is "senator": an abbreviated title is a prefix of the full one
        let title_of = |r: &str| {
            r.split(|c: char| !c.is_alphanumeric() && c != '-')
                .any(|w| {
                    let w = w.to_lowercase();
                    w == head
                        || w.len() >= 3 && head.starts_with(&w)
                        || head.len() >= 3 && w.starts_with(head)
                })
        };
        // "a Nordland senator" is no senator of another place
        let holds = |e: &Entity| {
            e.kind == EntityKind::Person
                && e.roles.iter().any(|r| title_of(r))
                && places.iter().all(|p| e.has_role_word(p))
        };
        let recent = self
            .recent_before(window, pos)
            .filter(|r| holds(&self.entities[r.entity]))
            .max_by_key(|r| r.pos)
            .map(|r| r.entity);
        recent.or_else(|| {
            self.entities
                .iter()
                .enumerate()
                .filter(|(_, e)| holds(e) && description(&e.name).is_none())
                .filter_map(|(i, e)| {
                    let last = e
                        .mentions
                        .iter()
                        .map(|m| m.start)
                        .filter(|&p| p < pos)
                        .max();
                    last.map(|p| (p, i))
                })
                .max()
                .map(|(_, i)| i)
        })
    }

    fn resolve_nominal(&mut self, pos: usize, head: &str, np: Span) -> Option<usize> {
        let head_sing = head.strip_suffix('s').unwrap_or(head);
        let mut best: Option<(usize, usize)> = None;
        let org_head = ORG_HEADS.contains(head);
        let para = self.model.paragraph_at(pos).unwrap_or(0);
        let window = self
            .model
            .paragraphs
            .get(para.saturating_sub(3))
            .map_or(0, |p| p.start);
        for r in self.recent_before(window, pos) {
            let e = &self.entities[r.entity];
            let ok = if org_head {
                e.kind == EntityKind::Organisation
                    && e.name
                        .split(|c: char| !c.is_alphanumeric())
                        .any(|w| w.eq_ignore_ascii_case(head) || w.eq_ignore_ascii_case(head_sing))
            } else {
                e.has_role_word(head) || e.has_role_word(head_sing)
            };
            if ok && best.is_none_or(|b| r.pos > b.0) {
                best = Some((r.pos, r.entity));
            }
        }
        if let Some(b) = best {
            return Some(b.1);
        }
        let np_text = np.text(self.text).to_lowercase();
        let np_words: Vec<&str> = np_text.split_whitespace().collect();
        // "the Nordland senator and presidential candidate": a person described by two
        // titles is the one who holds the other title
        let before: Vec<String> = {
            // only the last words count: lowercase a tail cut at whitespace (same words,
            // same lowercasing), not the whole text before (quadratic in long articles)
            let pre = self.text[..np.start].trim_end();
            let mut words = 0;
            let mut in_word = false;
            let mut cut = 0;
            for (i, c) in pre.char_indices().rev() {
                if !c.is_whitespace() {
                    in_word = true;
                    continue;
                }
                if in_word {
                    words += 1;
                    if words == 8 {
                        cut = i;
                        break;
                    }
                }
                in_word = false;
            }
            let pre = pre[cut..].to_lowercase();
            match pre.strip_suffix(" and") {
                Some(p) => p
                    .split_whitespace()
                    .rev()
                    .take_while(|w| !matches!(*w, "the" | "a" | "an"))
                    .take(4)
                    .map(str::to_string)
                    .collect(),
                None => Vec::new(),
            }
        };
        let other_titles: Vec<&str> = np_words
            .iter()
            .copied()
            .filter(|_| np_words.contains(&"and"))
            .chain(before.iter().map(String::as_str))
            .filter(|w| *w != head && TITLES.contains(w))
            .collect();
        if !org_head {
            for w in other_titles {
                if let Some(r) = self.recent_before(window, pos).find(|r| {
                    let e = &self.entities[r.entity];
                    e.kind == EntityKind::Person && e.has_role_word(w)
                }) {
                    return Some(r.entity);
                }
            }
        }
        // "the statement said": whoever last spoke ("the bank said in a statement").
        if DOCUMENT_HEADS.contains(&head) {
            return self.recent_before(window, pos).next().map(|r| r.entity);
        }
        // "Residents", "one man", "officials": unnamed sources, no entity.
        if matches!(np_words.first(), Some(&("one" | "another")))
            && GROUP_HEADS.contains(&head_sing)
        {
            return None;
        }
        // "civil rights groups", "likely voters", "a group": an unnamed group is a
        // source but never a named speaker (one unnamed official still is one person)
        if GROUP_HEADS.contains(&head_sing) && (head != head_sing || head == "group") {
            return None;
        }
        // Any entity of the article with that head or title, even one not yet
        // seen as a speaker ("the bank" -> "Nordic Reserve Bank").
        let head_matches = |e: &Entity| {
            if org_head {
                e.kind == EntityKind::Organisation
                    && e.name
                        .split(|c: char| !c.is_alphanumeric())
                        .any(|w| w.eq_ignore_ascii_case(head) || w.eq_ignore_ascii_case(head_sing))
            } else {
                e.kind == EntityKind::Person
                    && (e.has_role_word(head) || e.has_role_word(head_sing))
            }
        };
        let bare = np_words.len() <= 2;
        if bare {
            let before = self
                .entities
                .iter()
                .enumerate()
                .filter(|(_, e)| head_matches(e))
                .filter_map(|(i, e)| {
                    e.mentions
                        .iter()
                        .filter(|m| m.start < pos)
                        .map(|m| m.start)
                        .max()
                        .map(|p| (p, i))
                })
                .max();
            if let Some((_, i)) = before {
                return Some(i);
            }
            // "the company", "the regulator": the named body of that sort last seen
            if let Some(i) = self.described_org(pos, head_sing) {
                return Some(i);
            }
            // A fuller noun phrase with that head earlier in the text ("the regional
            // interior department ... the department").
            if let Some(full) = self.fuller_np(window, pos, head) {
                let kind = if org_head {
                    EntityKind::Organisation
                } else {
                    EntityKind::Person
                };
                return Some(self.entity_named(full, kind, np));
            }
            if let Some(i) = self.described_unmarked(pos, head_sing) {
                return Some(i);
            }
            if org_head
                && np_words
                    .first()
                    .is_some_and(|w| matches!(*w, "his" | "her" | "their" | "its"))
                || PLACE_HEADS.contains(&head)
            {
                return None;
            }
        }
        {
            // a speaker known only by a common noun ("the police", "the newspaper")
            let name = np.text(self.text).to_string();
            let name = name
                .strip_prefix("the ")
                .or_else(|| name.strip_prefix("The "))
                .unwrap_or(&name)
                .to_string();
            if let Some(i) = self
                .entities
                .iter()
                .position(|e| e.name.eq_ignore_ascii_case(&name))
            {
                return Some(i);
            }
            let kind = if ORG_HEADS.contains(head) {
                EntityKind::Organisation
            } else {
                EntityKind::Person
            };
            Some(self.entity_named(name, kind, np))
        }
    }

    /// The organisation that a descriptor such as "the company" or "the regulator"
    /// stands for: among the bodies named before `pos` whose name fits the
    /// descriptor's words (any non-public body for "*", per `org_descriptors.txt`),
    /// the one named most often.
    fn described_org(&self, pos: usize, head: &str) -> Option<usize> {
        let words = crate::analysis::lexicon::ORG_DESCRIPTORS.get(head)?;
        let public = crate::analysis::lexicon::ORG_DESCRIPTORS.get("public");
        let has_any = |name: &str, set: &[&str]| {
            name.split(|c: char| !c.is_alphanumeric())
                .any(|w| set.iter().any(|s| w.eq_ignore_ascii_case(s)))
        };
        let fits = |e: usize| {
            let ent = &self.entities[e];
            (ent.kind == EntityKind::Organisation || unmarked_body(ent))
                && if words.first() == Some(&"*") {
                    !public.is_some_and(|p| has_any(&ent.name, p))
                } else {
                    has_any(&ent.name, words)
                }
        };
        // the article's main body of that sort: most mentions, then the latest
        let mut count: HashMap<usize, (usize, usize)> = HashMap::new();
        for (rank, r) in self.recent_before(0, pos).enumerate() {
            if fits(r.entity) {
                let c = count.entry(r.entity).or_insert((0, usize::MAX - rank));
                c.0 += 1;
            }
        }
        count.into_iter().max_by_key(|&(_, c)| c).map(|(e, _)| e)
    }

    /// "Skyrell cancelled 40 flights ... the airline said": a lone capitalised name
    /// nothing marked as person or body, before `pos` in the same window, that a
    /// descriptor of any company ("the airline", "the firm") stands for. The name
    /// named most often wins; it must not be a common word or a place.
    fn described_unmarked(&mut self, pos: usize, head: &str) -> Option<usize> {
        let words = crate::analysis::lexicon::ORG_DESCRIPTORS.get(head)?;
        if words.first() != Some(&"*") {
            return None;
        }
        let mut count: HashMap<String, (usize, usize)> = HashMap::new();
        for (mi, m) in self.mentions.iter().enumerate() {
            if m.span.start >= pos {
                break;
            }
            let first = m.name.split_whitespace().next().unwrap_or_default();
            if m.weak
                && m.entity.is_none()
                && !crate::analysis::lexicon::FEMALE_NAMES.contains(first)
                && !crate::analysis::lexicon::MALE_NAMES.contains(first)
                && !self.in_quote(m.span.start)
                && !self.names_nobody(m)
                && !self.is_place_like(m)
            {
                let c = count.entry(m.name.clone()).or_insert((0, mi));
                c.0 += 1;
                c.1 = mi;
            }
        }
        let (_, (_, mi)) = count.into_iter().max_by_key(|(_, c)| *c)?;
        Some(self.entity_of(mi))
    }

    /// The entity called `name` (case-insensitive), created if new.
    fn entity_named(&mut self, name: String, kind: EntityKind, np: Span) -> usize {
        if let Some(i) = self
            .entities
            .iter()
            .position(|e| e.name.eq_ignore_ascii_case(&name))
        {
            return i;
        }
        self.entities.push(Entity {
            name: name.clone(),
            aliases: vec![name],
            roles: Vec::new(),
            kind,
            gender: None,
            mentions: vec![np],
        });
        self.entities.len() - 1
    }

    /// The latest "the/a + lowercase modifiers + `head`" in `[lo, hi)`, with at least
    /// one modifier, as "modifiers head" ("regional interior department").
    fn fuller_np(&self, lo: usize, hi: usize, head: &str) -> Option<String> {
        let t_hi = self.tok_at(hi).min(self.toks.len());
        // a bounded look-back (one long paragraph must not make this quadratic)
        let t_lo = self.tok_at(lo).max(t_hi.saturating_sub(LOOKBACK * 8));
        for t in (t_lo..t_hi).rev() {
            if !self.toks[t].is_word()
                || !lower(self.w(t)).eq(head)
                || self.in_quote(self.toks[t].span.start)
            {
                continue;
            }
            let mut s = t;
            while s > t_lo && t - s < 4 {
                let p = s - 1;
                let pw = lower(self.w(p));
                if !self.toks[p].is_word() {
                    break;
                }
                if matches!(pw.as_ref(), "the" | "a" | "an") {
                    if s < t {
                        let start = self.toks[s].span.start;
                        return Some(self.text[start..self.toks[t].span.end].to_string());
                    }
                    break;
                }
                if self.toks[p].cap
                    || self.is_cue(p)
                    || crate::analysis::lexicon::STOP_CAPS.contains(&pw)
                    || BETWEEN.contains(&pw.as_ref())
                {
                    break;
                }
                s -= 1;
            }
        }
        None
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PronounKind {
    He,
    She,
    It,
    They,
}

/// Documents that "say" what their author said.
const DOCUMENT_HEADS: &[&str] = &["statement", "communique", "communiqué", "release"];

/// Plural or indefinite sources that name no one.
const GROUP_HEADS: &[&str] = &[
    "resident",
    "economist",
    "official",
    "analyst",
    "expert",
    "critic",
    "witness",
    "neighbour",
    "neighbor",
    "villager",
    "local",
    "protester",
    "lawmaker",
    "activist",
    "group",
    "people",
    "farmer",
    "worker",
    "opposition",
    "man",
    "woman",
    "observer",
    "investor",
    "trader",
    "voter",
    "parent",
    "student",
    "someone",
    "source",
    "person",
    "user",
    "commenter",
];

/// What a speaker mention made only of descriptor words stands for.
#[derive(Debug, PartialEq)]
enum Description {
    /// "Velden Republicans", "Senior Officials": an unnamed group.
    Group,
    /// "Nordland senator", "Republican of West Nordia": one person, by this title
    /// (the last role word) and these place words.
    Role { head: String, places: Vec<String> },
}

/// Whether a capitalised name is only a description: every word a title, party,
/// nationality, occupation or place word ("of" and articles aside) with at least one
/// role word, or a run ending in the plural of one ("House Republicans"). A body's
/// name ("Republican Party") and a person's ("Ana Senators") are not.
fn description(name: &str) -> Option<Description> {
    use crate::analysis::lexicon::{FEMALE_NAMES, MALE_NAMES, PLACE_WORDS, ROLE_DESCRIPTORS};
    let words: Vec<String> = name
        .split_whitespace()
        .map(|w| strip_possessive(w.trim_matches(|c: char| !c.is_alphanumeric())).to_lowercase())
        .filter(|w| !w.is_empty())
        .collect();
    let (first, last) = (words.first()?, words.last()?);
    // "SGT" alone is a body's acronym, not the abbreviated title
    let acronym = !name.contains(' ')
        && name.chars().filter(|c| c.is_alphabetic()).count() > 1
        && !name.chars().any(char::is_lowercase);
    if acronym
        || ORG_HEADS.contains(last)
        || FEMALE_NAMES.contains(first)
        || MALE_NAMES.contains(first)
    {
        return None;
    }
    let role = |w: &str| TITLES.contains(w) || ROLE_DESCRIPTORS.contains(w);
    let singular = last
        .strip_suffix('s')
        .filter(|s| !role(last) && !s.is_empty());
    // only parties, nationalities, occupations and unnamed sources: "Organisers" of
    // an event is that event's body, as the lowercase "the organisers" is
    if singular.is_some_and(|s| ROLE_DESCRIPTORS.contains(s) || GROUP_HEADS.contains(&s)) {
        return Some(Description::Group);
    }
    // a word of a body ("State Senate", "Nordland Senate President") names that body
    if words.iter().any(|w| ORG_HEADS.contains(w)) {
        return None;
    }
    let filler = |w: &str| matches!(w, "of" | "the" | "a" | "an");
    let head = words.iter().rev().find(|w| role(w))?;
    let place = |w: &str| PLACE_WORDS.contains(w) && !role(w);
    let places = words.iter().filter(|w| place(w)).cloned().collect();
    words
        .iter()
        .all(|w| role(w) || place(w) || filler(w))
        .then(|| Description::Role {
            head: head.clone(),
            places,
        })
}

/// Places, not speakers, when bare ("the city", "the area").
const PLACE_HEADS: &[&str] = &[
    "city", "area", "town", "village", "region", "country", "province", "district",
];

fn is_nominal_head(h: &str) -> bool {
    TITLES.contains(h) || ORG_HEADS.contains(h) || NOMINAL_HEADS.contains(h) || h.ends_with("-old")
}

/// A one-word name taken for a person only because nothing marked it as a body
/// ("Skyrell"): no given name, no gender, no title, no honorific. A descriptor such
/// as "the airline" may stand for it. (Two words may be an unlisted given name and
/// a surname.)
fn unmarked_body(e: &Entity) -> bool {
    use crate::analysis::lexicon::{FEMALE_NAMES, MALE_NAMES};
    let first = e.name.split_whitespace().next().unwrap_or_default();
    e.kind == EntityKind::Person
        && !e.name.contains(' ')
        && e.gender.is_none()
        && e.roles.is_empty()
        && !FEMALE_NAMES.contains(first)
        && !MALE_NAMES.contains(first)
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

fn pronoun(w: &str) -> Option<PronounKind> {
    // "he'd", "she’ll"
    let w = w.split(['\'', '’']).next().unwrap_or(w);
    match w {
        "he" => Some(PronounKind::He),
        "she" => Some(PronounKind::She),
        "it" => Some(PronounKind::It),
        "they" => Some(PronounKind::They),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::{Description, description};

    #[test]
    fn a_run_of_titles_parties_and_places_describes_someone() {
        let role = |h: &str, p: &[&str]| {
            Some(Description::Role {
                head: h.to_string(),
                places: p.iter().map(|p| p.to_string()).collect(),
            })
        };
        assert_eq!(
            description("Nebraska senator"),
            role("senator", &["nebraska"])
        );
        assert_eq!(
            description("Democrat of North Dakota"),
            role("democrat", &["north", "dakota"])
        );
        // the second half of a two-word place cut off by the name finder
        assert_eq!(description("Jersey banker"), role("banker", &["jersey"]));
        assert_eq!(description("Democratic nominee"), role("nominee", &[]));
        assert_eq!(description("Velden Partners"), None);
    }

    #[test]
    fn a_capitalised_plural_of_a_party_or_title_is_a_group() {
        assert_eq!(description("Democrats"), Some(Description::Group));
        assert_eq!(description("Senate Republicans"), Some(Description::Group));
        assert_eq!(description("Senior Officials"), Some(Description::Group));
        // a plural title is the body it makes up ("Organisers" of a race)
        assert_eq!(description("Organisers"), None);
    }

    #[test]
    fn names_and_bodies_are_no_descriptions() {
        // a body's name, a person's name, a lone place, a surname that ends in s
        assert_eq!(description("Republican Party"), None);
        assert_eq!(description("Ana Senators"), None);
        assert_eq!(description("Oregon"), None);
        assert_eq!(description("Ivo Sanders"), None);
        assert_eq!(description("Holmes"), None);
        // an acronym that spells a title
        assert_eq!(description("SGT"), None);
    }
}

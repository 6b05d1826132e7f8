//! Speech cues and their subjects: `"...," X said`, `said X, the ...`, `X said: "..."`,
//! `X told reporters "..."`, `according to X`, pronouns and nominal mentions
//! ("the minister") resolved to a preceding entity.

use crate::analysis::entities::{Entity, EntityKind, Gender, Mention, adopt};
use crate::analysis::lexicon::{CUE_VERBS, NOMINAL_HEADS, ORG_HEADS, TITLES, strip_possessive};
use crate::analysis::names::fold;
use crate::text::{Span, TextModel, Token};
use std::collections::HashMap;

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
    "also", "later", "then", "again", "previously", "earlier", "once", "has", "have", "had", "was",
    "is", "were", "are", "would", "will", "repeatedly", "recently", "often", "already", "quickly",
    "further", "simply", "flatly", "publicly", "privately", "bluntly", "angrily", "firmly",
    "calmly", "separately", "last", "first", "herself", "himself", "themselves", "itself",
    "frequently", "openly", "reportedly", "did", "does", "not", "never", "just", "has", "had",
];

/// Cues after which the speaker may follow the verb ("said X").
const INVERTIBLE: &[&str] = &[
    "said", "says", "added", "adds", "continued", "explained", "noted", "wrote", "declared",
    "insisted", "warned", "argued", "recalled", "stated", "asked", "replied", "responded",
    "countered", "concluded", "conceded", "acknowledged", "admitted", "cautioned", "complained",
    "tweeted", "remarked", "observed", "announced", "stressed",
];

const PREPOSITIONS: &[&str] = &[
    "to", "with", "by", "for", "from", "of", "against", "about", "told", "asked", "met", "and",
    "like", "than", "on", "at", "under", "over", "between",
];

struct Recent {
    pos: usize,
    entity: usize,
    object: bool,
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
    recent: Vec<Recent>,
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
        let mut recent = Vec::new();
        for (i, m) in mentions.iter().enumerate() {
            by_last.insert(m.last_tok, i);
            by_first.insert(m.first_tok, i);
            by_first.insert(m.title_tok, i);
            if let Some(e) = m.entity {
                let object = m.title_tok > 0
                    && PREPOSITIONS.contains(&lower(toks[m.title_tok - 1].text(text)).as_ref());
                recent.push(Recent {
                    pos: m.span.start,
                    entity: e,
                    object,
                });
            }
        }
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
        let t = self.toks[i];
        t.is_word()
            && (CUE_VERBS.contains(self.w(i))
                || (i + 1 < self.toks.len() && phrasal_cue(self.w(i), self.w(i + 1))))
    }

    pub fn according_to(&self, i: usize) -> bool {
        i + 1 < self.toks.len()
            && self.w(i).eq_ignore_ascii_case("according")
            && self.w(i + 1) == "to"
    }

    /// The nearest cue in `region`, right to left, with its subject.
    pub fn cue_before(&mut self, region: Span) -> Option<Found> {
        let lo = self.tok_at(region.start);
        let hi = self.tok_at(region.end);
        let mut fallback = None;
        for c in (lo..hi).rev() {
            if self.according_to(c) {
                let cue = Span::new(self.toks[c].span.start, self.toks[c + 1].span.end);
                if let Some(f) = self.subject_right(c + 2, hi, cue) {
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

    /// The first cue in `region`, left to right, with its subject.
    pub fn cue_after(&mut self, region: Span) -> Option<Found> {
        let lo = self.tok_at(region.start);
        let hi = self.tok_at(region.end);
        for c in lo..hi.min(lo + 30) {
            if self.according_to(c) {
                let cue = Span::new(self.toks[c].span.start, self.toks[c + 1].span.end);
                if let Some(f) = self.subject_right(c + 2, hi, cue) {
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
            if let Some(f) = self.subject_right(c + 1, hi, cue) {
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
        let ok = |m: &Mention| {
            m.span.start >= s.start && m.span.end <= cue.start && !self.in_quote(m.span.start)
        };
        let mi = self
            .mentions
            .iter()
            .position(|m| ok(m) && !m.weak)
            .or_else(|| self.mentions.iter().position(ok))?;
        let mut f = self.found_mention(mi, cue);
        f.own = true;
        Some(f)
    }

    /// The first named entity of the sentence before the stretch.
    pub fn sentence_subject(&mut self, outer: Span) -> Option<Found> {
        let s = self.sentence_of(outer.start);
        let mi = self
            .mentions
            .iter()
            .position(|m| m.span.start >= s.start && m.span.end <= outer.start)?;
        let span = self.mentions[mi].span;
        let e = self.entity_of(mi);
        Some(Found {
            entity: Some(e),
            mention: Some(span),
            cue: span,
            own: false,
        })
    }

    /// Remembers that entity of `f` spoke at `pos` (for pronoun resolution).
    pub fn note_speaker(&mut self, pos: usize, f: &Found) {
        if let Some(e) = f.entity {
            self.recent.push(Recent {
                pos,
                entity: e,
                object: false,
            });
        }
    }

    fn entity_of(&mut self, mi: usize) -> usize {
        if let Some(e) = self.mentions[mi].entity {
            return e;
        }
        let e = adopt(&mut self.entities, &mut self.mentions[mi]);
        self.recent.push(Recent {
            pos: self.mentions[mi].span.start,
            entity: e,
            object: false,
        });
        e
    }

    fn found_mention(&mut self, mi: usize, cue: Span) -> Found {
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
            break;
        }
        let w = self.w(k);
        if let Some(&mi) = self.by_last.get(&k) {
            return Some(self.found_mention(mi, cue));
        }
        if w == "," || w == ")" {
            // "X, the union's president, said"
            let best = self
                .mentions
                .iter()
                .enumerate()
                .filter(|(_, m)| {
                    m.last_tok < k
                        && m.title_tok >= lo
                        && k - m.last_tok <= 25
                        && self.toks.get(m.last_tok + 1).is_some_and(|t| {
                            matches!(t.text(self.text), "," | "(")
                        })
                })
                .map(|(i, _)| i)
                .next_back();
            if let Some(mi) = best {
                // no other cue between the name and this one
                let m = &self.mentions[mi];
                if !(m.last_tok + 1..k).any(|j| self.is_cue(j) || self.according_to(j)) {
                    return Some(self.found_mention(mi, cue));
                }
            }
            return None;
        }
        if !self.toks[k].is_word() {
            return None;
        }
        let lw = lower(w);
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
        if is_nominal_head(&head) {
            // walk back over the noun phrase ("the ministry's chief spokesman")
            let mut s = k;
            while s > lo && s + 5 > k {
                let pw = self.w(s - 1);
                let pl = lower(pw);
                if matches!(pl.as_ref(), "the" | "a" | "an" | "its" | "his" | "her" | "their") {
                    s -= 1;
                    break;
                }
                if !self.toks[s - 1].is_word() || CUE_VERBS.contains(pw) {
                    break;
                }
                s -= 1;
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
        for j in k..(k + 5).min(hi) {
            if let Some(&mi) = self.by_first.get(&j) {
                return Some(self.found_mention(mi, cue));
            }
            let wj = self.w(j);
            if !self.toks[j].is_word()
                || !(self.toks[j].cap || TITLES.contains(wj))
                || CUE_VERBS.contains(wj)
            {
                break;
            }
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
        if matches!(lw.as_ref(), "the" | "a" | "an" | "its") {
            let mut j = k + 1;
            while j < hi && j < k + 6 && self.toks[j].is_word() {
                if let Some(&mi) = self.by_first.get(&j) {
                    return Some(self.found_mention(mi, cue));
                }
                let h = lower(self.w(j));
                let h = strip_possessive(&h).to_string();
                let next_is_word = self.toks.get(j + 1).is_some_and(|t| t.is_word());
                if is_nominal_head(&h) && !next_is_word {
                    // "said the union's president, Jan Nowak"
                    if self.toks.get(j + 1).is_some_and(|t| t.text(self.text) == ",")
                        && let Some(&mi) = self.by_first.get(&(j + 2))
                    {
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
        let mut best: Option<(usize, usize, bool)> = None;
        for r in &self.recent {
            if r.pos >= pos || r.pos < min_pos || !compatible(&self.entities[r.entity]) {
                continue;
            }
            // prefer the most recent subject; an object only when no subject is nearer
            let better = match best {
                None => true,
                Some((bp, _, bobj)) => (bobj && !r.object) || (bobj == r.object && r.pos > bp),
            };
            if better {
                best = Some((r.pos, r.entity, r.object));
            }
        }
        best.map(|b| b.1)
    }

    fn resolve_nominal(&mut self, pos: usize, head: &str, np: Span) -> Option<usize> {
        let head_sing = head.strip_suffix('s').unwrap_or(head);
        let mut best: Option<(usize, usize)> = None;
        for r in &self.recent {
            if r.pos >= pos {
                continue;
            }
            let e = &self.entities[r.entity];
            let ok = if ORG_HEADS.contains(head) {
                e.kind == EntityKind::Organisation
                    && fold(&e.name).split(' ').any(|w| w == head || w == head_sing)
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
        {
            // a speaker known only by a common noun ("the police", "the newspaper")
            let name = np
                .text(self.text)
                .trim_start_matches(|c: char| c.is_alphabetic() && false)
                .to_string();
            let name = name
                .strip_prefix("the ")
                .or_else(|| name.strip_prefix("The "))
                .unwrap_or(&name)
                .to_string();
            let key = fold(&name);
            if let Some(i) = self
                .entities
                .iter()
                .position(|e| e.kind == EntityKind::Organisation && fold(&e.name) == key)
            {
                return Some(i);
            }
            let kind = if ORG_HEADS.contains(head) {
                EntityKind::Organisation
            } else {
                EntityKind::Person
            };
            self.entities.push(Entity {
                name: name.clone(),
                aliases: vec![name],
                roles: Vec::new(),
                kind,
                gender: None,
                mentions: vec![np],
            });
            Some(self.entities.len() - 1)
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PronounKind {
    He,
    She,
    It,
    They,
}

fn is_nominal_head(h: &str) -> bool {
    TITLES.contains(h)
        || ORG_HEADS.contains(h)
        || NOMINAL_HEADS.contains(h)
        || h.ends_with("-old")
}

/// Two-word cues: "went on", "shot back", "fired back", "chimed in".
fn phrasal_cue(a: &str, b: &str) -> bool {
    matches!(
        (a, b),
        ("went", "on") | ("goes", "on") | ("shot", "back") | ("fired", "back") | ("chimed", "in")
            | ("hit", "back") | ("pushed", "back") | ("wrote", "back")
    )
}

fn pronoun(w: &str) -> Option<PronounKind> {
    match w {
        "he" => Some(PronounKind::He),
        "she" => Some(PronounKind::She),
        "it" => Some(PronounKind::It),
        "they" => Some(PronounKind::They),
        _ => None,
    }
}

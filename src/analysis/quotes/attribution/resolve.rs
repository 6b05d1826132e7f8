//! What a pronoun, a title-only mention or a nominal ("the minister", "the
//! company") stands for: the entity it resolves to among recent mentions and speakers.

use super::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PronounKind {
    He,
    She,
    It,
    They,
}

impl<'a> Ctx<'a> {
    /// Mentions and speakers in `[lo, pos)`, latest first, at most [`LOOKBACK`] of
    /// them: antecedents are local, and a bounded look-back keeps one article linear.
    pub(super) fn recent_before(&self, lo: usize, pos: usize) -> impl Iterator<Item = &Recent> {
        self.recent
            .range(lo..pos.max(lo))
            .rev()
            .flat_map(|(_, v)| v.iter().rev())
            .take(LOOKBACK)
    }

    /// Where the paragraph `back` paragraphs before the one holding `pos` starts (the
    /// window a pronoun or a description looks back over).
    fn paragraphs_back(&self, pos: usize, back: usize) -> usize {
        let para = self.model.paragraph_at(pos).unwrap_or(0);
        self.model
            .paragraphs
            .get(para.saturating_sub(back))
            .map_or(0, |p| p.start)
    }

    pub(super) fn resolve_pronoun(&self, pos: usize, g: PronounKind) -> Option<usize> {
        let min_pos = self.paragraphs_back(pos, 4);
        let compatible = |e: &Entity| match g {
            PronounKind::He => e.kind == EntityKind::Person && e.gender != Some(Gender::Female),
            PronounKind::She => e.kind == EntityKind::Person && e.gender != Some(Gender::Male),
            PronounKind::It => e.kind == EntityKind::Organisation,
            PronounKind::They => true,
        };
        // The most recent subject (first name of a sentence, or a speaker) in the
        // last two paragraphs; else the most recent non-object; else any.
        let near = self.paragraphs_back(pos, 1);
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
    pub(super) fn apposed_name(&self, tok: usize) -> Option<usize> {
        let comma = tok.checked_sub(1).filter(|&c| self.w(c) == ",")?;
        let &mi = self.by_last.get(&(comma.checked_sub(1)?))?;
        let e = self.mentions[mi].entity?;
        (self.entities[e].kind == EntityKind::Person
            && description(&self.entities[e].name).is_none())
        .then_some(e)
    }

    /// "Nordland Gov. and party chairman Ivo Marek said": a title run that the
    /// name follows, within a few words and before the cue, is that person's.
    pub(super) fn titled_name_after(&self, last: usize, cue: Span) -> Option<usize> {
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
    pub(super) fn described_person(
        &self,
        pos: usize,
        head: &str,
        places: &[String],
    ) -> Option<usize> {
        let window = self.paragraphs_back(pos, 3);
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

    /// A nominal speaker phrase `np` with its head word, given to the entity it describes
    /// when the article names one.
    pub(super) fn nominal_found(&mut self, np: Span, head: &str, cue: Span) -> Found {
        let entity = self.resolve_nominal(np.start, head, np);
        Found {
            entity,
            mention: Some(np),
            cue,
            own: true,
        }
    }

    pub(super) fn resolve_nominal(&mut self, pos: usize, head: &str, np: Span) -> Option<usize> {
        let head_sing = head.strip_suffix('s').unwrap_or(head);
        let mut best: Option<(usize, usize)> = None;
        let org_head = ORG_HEADS.contains(head);
        let window = self.paragraphs_back(pos, 3);
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
                    .is_some_and(|w| possessive_pronoun(w).is_some())
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
    pub(super) fn described_org(&self, pos: usize, head: &str) -> Option<usize> {
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
    pub(super) fn described_unmarked(&mut self, pos: usize, head: &str) -> Option<usize> {
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
    pub(super) fn entity_named(&mut self, name: String, kind: EntityKind, np: Span) -> usize {
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
    pub(super) fn fuller_np(&self, lo: usize, hi: usize, head: &str) -> Option<String> {
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

/// The person a possessive pronoun points to ("his", "their"); lowercase input.
pub(super) fn possessive_pronoun(w: &str) -> Option<PronounKind> {
    match w {
        "his" => Some(PronounKind::He),
        "her" => Some(PronounKind::She),
        "their" => Some(PronounKind::They),
        "its" => Some(PronounKind::It),
        _ => None,
    }
}

pub(super) fn pronoun(w: &str) -> Option<PronounKind> {
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

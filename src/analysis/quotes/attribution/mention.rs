//! Which mention of the cue's sentence speaks: the first name of the (main) clause,
//! a noun phrase opening it, the name an appositive or a modified noun stands for,
//! and the tests that rule a mention out (possessive, place, object, common word).

use super::*;

impl<'a> Ctx<'a> {
    /// The first name of the cue's sentence, before the cue, as its subject.
    pub(super) fn first_name_before(&mut self, cue: Span) -> Option<Found> {
        let s = self.sentence_of(cue.start);
        let main = self.main_clause_start(s.start, cue.start);
        let mi = main
            .and_then(|m| {
                self.first_name_from(m, cue)
                    .filter(|&mi| self.opens_main(mi, m))
            })
            .or_else(|| self.first_name_from(s.start, cue));
        let Some(mi) = mi else {
            return self.sentence_np(cue);
        };
        let mut f = self.found_mention(mi, cue);
        f.own = true;
        Some(f)
    }

    /// The mention [`Self::first_name_before`] takes, among those from `from` on.
    pub(super) fn first_name_from(&self, from: usize, cue: Span) -> Option<usize> {
        let ok = |m: &Mention| {
            m.span.start >= from
                && m.span.end <= cue.start
                && !self.in_quote(m.span.start)
                && !self.is_possessive(m)
                && !self.modifies_next(m)
        };
        // Mentions are in text order: only those starting in [from, cue.start] can pass
        // `ok`, so each search walks that window, not every mention of the article
        // (this runs per cue).
        debug_assert!(self.mentions.is_sorted_by_key(|m| m.span.start));
        let lo = self.mentions.partition_point(|m| m.span.start < from);
        let hi = lo + self.mentions[lo..].partition_point(|m| m.span.start <= cue.start);
        let window = &self.mentions[lo..hi];
        let first = |pass: &dyn Fn(&Mention) -> bool| window.iter().position(pass).map(|i| lo + i);
        first(&|m| {
            ok(m)
                && m.kind == EntityKind::Person
                && !(m.weak && m.entity.is_none())
                && !self.is_object(m)
        })
        .or_else(|| first(&|m| ok(m) && !(m.weak && m.entity.is_none()) && !self.is_object(m)))
        // a name after a preposition ("fishermen from a co-op in Brakvik mocked")
        // is a place or a listener, and a common word written capitalised
        // ("Football stays ...") is no name: the subject is unnamed
        .or_else(|| {
            first(&|m| {
                ok(m) && !self.names_nobody(m) && !self.is_place_like(m) && self.heads_own_phrase(m)
            })
        })
    }

    /// Whether an unknown name stands as a noun phrase of its own, as a subject must:
    /// not a modifier after "a" ("a Orvesta dock official": the phrase opening the
    /// sentence speaks), not the tail of a longer capitalised title ("Ask the
    /// Orvesta", a show), not the object of a preposition ("after a meeting with
    /// Brunmoor"; an employer after "at"/"of"/"for", an agent after "by" and the
    /// subject of a participle after it aside).
    pub(super) fn heads_own_phrase(&self, m: &Mention) -> bool {
        let before = (0..m.title_tok)
            .rev()
            .take(2)
            .find(|&k| !matches!(lower(self.w(k)).as_ref(), "the"));
        if let Some(k) = before {
            let w = lower(self.w(k));
            if matches!(w.as_ref(), "a" | "an") {
                return false;
            }
            // a capitalised word before (past "the") in mid-sentence: the name ends a
            // title; a title word ("Senator") is the name's own
            let s = self.sentence_of(self.toks[m.title_tok].span.start);
            let t = &self.toks[k];
            if t.is_word() && t.cap && t.span.start > s.start && !TITLES.contains(self.w(k)) {
                return false;
            }
        }
        let prep = self.word_before(m, 3, |_, _| false);
        let affiliation = m.kind == EntityKind::Organisation
            && prep
                .as_ref()
                .is_some_and(|w| matches!(w.as_ref(), "at" | "of" | "for"));
        // "sent by X" names the agent; "with X tweeting" makes X a participle's subject
        let agent = prep.as_ref().is_some_and(|w| w == "by")
            || self
                .toks
                .get(m.last_tok + 1)
                .is_some_and(|t| t.is_word() && self.w(m.last_tok + 1).ends_with("ing"));
        affiliation || agent || !self.is_object(m)
    }

    /// A noun phrase opening the cue's sentence ("The veteran diplomat has ...,
    /// saying"), as an unnamed speaker.
    pub(super) fn sentence_np(&mut self, cue: Span) -> Option<Found> {
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
        Some(self.nominal_found(np, &head, cue))
    }

    /// Whether token `t` opens its sentence (or the region from `lo`), determiners aside.
    pub(super) fn starts_clause(&self, t: usize, lo: usize) -> bool {
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

    /// "the Orlen Institute economist Ana Berg", "a Velmar-based labour lawyer Ivo
    /// Tavner": a name followed by lowercase words with a title or role noun among them
    /// and then another name modifies that noun; the later name is the person.
    pub(super) fn modifies_next(&self, m: &Mention) -> bool {
        let mut head = false;
        for t in m.last_tok + 1..(m.last_tok + 5).min(self.toks.len()) {
            if head && self.by_first.contains_key(&t) {
                return true;
            }
            let tok = &self.toks[t];
            if !tok.is_word() || tok.cap {
                return false;
            }
            head |= is_nominal_head(&lower(self.w(t)));
        }
        false
    }

    /// "Harlan's campaign manager": a possessive name is never the subject.
    pub(super) fn is_possessive(&self, m: &Mention) -> bool {
        let w = self.w(m.last_tok);
        strip_possessive(w).len() != w.len()
            || self
                .toks
                .get(m.last_tok + 1)
                .is_some_and(|t| matches!(t.text(self.text), "'s" | "’s" | "'" | "’"))
    }

    /// Whether token `t` opens a clause: the region or sentence start, or right
    /// after a comma, semicolon, colon, a coordinating conjunction or the "which" of
    /// a comma-bounded relative clause ("the levy, which a council audit said was
    /// “...”": the audit speaks; "on which the sides agreed" names no speaker).
    pub(super) fn opens_clause(&self, t: usize, lo: usize) -> bool {
        if t <= lo || self.starts_clause(t, lo) {
            return true;
        }
        matches!(
            lower(self.w(t - 1)).as_ref(),
            "," | ";" | ":" | "and" | "but" | "while" | "whereas"
        ) || lower(self.w(t - 1)) == "which" && t >= 2 && self.w(t - 2) == ","
    }

    /// A mention after a preposition that only places take ("in Brakvik", "near
    /// Velden"): never an appositive's head ("analysts at X, which ..." is).
    pub(super) fn is_place(&self, m: &Mention) -> bool {
        self.word_before(m, 3, |_, _| false)
            .is_some_and(|w| crate::analysis::lexicon::PLACE_PREPOSITIONS.contains(&w))
    }

    /// The lowercase word before mention `m`, passing over articles and the words
    /// `pass` names, within `reach` words.
    pub(super) fn word_before(
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
    pub(super) fn names_nobody(&self, m: &Mention) -> bool {
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
    pub(super) fn is_place_like(&self, m: &Mention) -> bool {
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
    pub(super) fn is_object(&self, m: &Mention) -> bool {
        // "with the journalist Jan Nowak": a lowercase title is passed over too
        self.word_before(m, 4, |k, w| {
            !self.toks[k].cap && self.toks[k].is_word() && TITLES.contains(w)
        })
        .is_some_and(|w| PREPOSITIONS.contains(&w.as_ref()))
    }

    /// The first named entity of the sentence before the stretch. A name after a
    /// preposition ("its ferry port in Kessvik, nicknamed the “...”") is a place
    /// or a listener, and a common word written capitalised ("Football stays
    /// “...”") names nobody: neither is taken.
    pub fn sentence_subject(&mut self, outer: Span) -> Option<Found> {
        let s = self.sentence_of(outer.start);
        let main = self.main_clause_start(s.start, outer.start);
        let mi = main
            .and_then(|m| {
                self.subject_from(m, outer)
                    .filter(|&mi| self.opens_main(mi, m))
            })
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
    pub(super) fn subject_from(&self, from: usize, outer: Span) -> Option<usize> {
        let cand = |m: &Mention| {
            m.span.start >= from
                && m.span.end <= outer.start
                && !self.names_nobody(m)
                && description(&m.name).is_none()
                && !self.modifies_next(m)
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

    pub(super) fn entity_of(&mut self, mi: usize) -> usize {
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

    pub(super) fn found_mention(&mut self, mi: usize, cue: Span) -> Found {
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

    pub(super) fn found_mention_only(&mut self, mi: usize, cue: Span) -> Found {
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
}

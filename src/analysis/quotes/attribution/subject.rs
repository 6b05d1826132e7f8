//! The subject of a cue token: to its left ("X, the union's head, said", "the
//! minister said", "he said") or, after an invertible cue, to its right ("said X").

use super::resolve::PronounKind;
use super::*;
use crate::analysis::lexicon::{ACCORDING_NON_SOURCES, CLAUSE_OPENERS, STOP_CAPS, STOPWORDS};
use crate::analysis::lexicon::{
    ARTICLES, BE_FORMS, HEAD_COMPLEMENTS, MODAL_VERBS, PERCEPTION_PARTICIPLES, RELATIVE_PRONOUNS,
    SUBJECT_DETERMINERS,
};

impl<'a> Ctx<'a> {
    /// Subject to the left of cue token `c` (not before token `lo`).
    pub fn subject_left(&mut self, c: usize, lo: usize, cue: Span) -> Option<Found> {
        // "..., calling it": a participle's subject is the clause's subject.
        if self.w(c).ends_with("ing") && c > lo && self.w(c - 1) == "," {
            // "X said ..., adding": the subject of the clause's own cue before it
            if let Some(f) = self.earlier_cue_subject(c, cue) {
                return Some(f);
            }
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
                self.toks
                    .get(x)
                    .is_some_and(|t| PERCEPTION_PARTICIPLES.contains(t.text(self.text)))
            };
            if (BE_FORMS.contains(w) || MODAL_VERBS.contains(w))
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
            // "an aide speaking to Radio Kessvik said": the name is the participle's
            // object; the subject stands before the participle
            if self.after_participle(&self.mentions[mi]) {
                return self.first_name_before(cue);
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
                    x > 0 && {
                        let r = lower(self.w(x - 1));
                        RELATIVE_PRONOUNS.contains(&r) || r == "that"
                    }
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
                        .is_some_and(|t| RELATIVE_PRONOUNS.contains(t.text(self.text)));
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
                if SUBJECT_DETERMINERS.contains(&xw) {
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
            let named = self.first_name_before(cue);
            // "“...,” crew at the quarry told Radio Kestrel": with no name before, the
            // noun the place phrase follows is the subject (never the listener after
            // the cue)
            return named.or_else(|| self.subject_before_place(k, lo, cue));
        }
        if is_nominal_head(&head) || determined {
            // walk back over the noun phrase ("the ministry's chief spokesman")
            let mut s = k;
            while s > lo && s + 5 > k {
                let pw = self.w(s - 1);
                let pl = lower(pw);
                if SUBJECT_DETERMINERS.contains(&pl) {
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
        self.bare_plural_subject(k, lo, cue)
    }

    /// "crew at the quarry" before a cue, `k` its last word, right after a quotation:
    /// the subject left of the preposition that opens the place phrase, when that
    /// phrase is all that stands between it and the cue.
    fn subject_before_place(&mut self, k: usize, lo: usize, cue: Span) -> Option<Found> {
        let det = (k.saturating_sub(4).max(lo)..k)
            .rev()
            .find(|&x| SUBJECT_DETERMINERS.contains(&lower(self.w(x))))?;
        let p = det.checked_sub(1).filter(|&p| p > lo)?;
        let pw = lower(self.w(p));
        let prep = crate::analysis::lexicon::PLACE_PREPOSITIONS.contains(&pw)
            || crate::analysis::lexicon::OBJECT_PREPOSITIONS.contains(&pw);
        // the word before it is a noun ("crew", "divers"), not an adjective ("a
        // source close to the crew")
        let n = self.toks[p - 1];
        let nw = lower(self.w(p - 1));
        let noun = n.cap
            || is_nominal_head(&nw)
            || crate::analysis::lexicon::ROLE_DESCRIPTORS.contains(&nw)
            || (nw.len() > 3 && nw.ends_with('s'));
        if !prep || !n.is_word() || !noun {
            return None;
        }
        // only a phrase right after the quotation it attributes ("“...,” crew at the
        // quarry told"): elsewhere the cue word may be a noun ("Gains in the dozen
        // regions that voted ...")
        let s = (p.saturating_sub(4).max(lo)..p)
            .rev()
            .take_while(|&x| self.toks[x].is_word())
            .last()?;
        let after_quote = s > 0 && {
            let b = s - 1;
            let b = if self.w(b) == "," && b > 0 { b - 1 } else { b };
            self.in_quote(self.toks[b].span.start)
        };
        if !after_quote {
            return None;
        }
        self.subject_left(p, lo, cue)
    }

    /// The subject of the nearest finite cue before participle `c` in its sentence,
    /// outside quotations ("Amid the protests, a harbour official said it would fail,
    /// adding ..."), when it names the speaker or describes the main clause's subject.
    fn earlier_cue_subject(&mut self, c: usize, cue: Span) -> Option<Found> {
        let s = self.sentence_of(cue.start);
        let lo = self.tok_at(s.start);
        let x = (lo..c.saturating_sub(1)).rev().find(|&x| {
            self.is_cue(x) && !self.w(x).ends_with("ing") && !self.in_quote(self.toks[x].span.start)
        })?;
        let xc = self.toks[x].span;
        let f = self.subject_left(x, lo, xc)?;
        let n = f.mention?;
        // a name or a pronoun ("She went on ..., saying"); a description only when a
        // fronted phrase holds the names the fallback would take ("Beside X's
        // demands, a harbour official said ...")
        let named = self.by_first.contains_key(&self.tok_at(n.start))
            || pronoun(&lower(n.text(self.text))).is_some();
        let main = self.main_clause_start(s.start, xc.start);
        let in_main = main.is_some_and(|m| n.start >= m);
        (named || in_main).then_some(Found { cue, ..f })
    }

    /// Whether mention `m` follows a preposition that follows a lowercase participle
    /// ("speaking to X", "writing for X").
    fn after_participle(&self, m: &Mention) -> bool {
        let t = m.title_tok;
        let p = (t.saturating_sub(2)..t)
            .rev()
            .find(|&x| !ARTICLES.contains(self.w(x)));
        p.is_some_and(|p| {
            p > 0
                && PREPOSITIONS.contains(&lower(self.w(p)).as_ref())
                && self.toks[p - 1].is_word()
                && !self.toks[p - 1].cap
                && self.w(p - 1).ends_with("ing")
        })
    }

    /// "harbour wardens said", "Irish investigators said": a plural noun without a
    /// determiner right before the cue, with at most two modifiers before it, that opens
    /// the clause is its subject. The speakers are described, named only when the
    /// article's entities carry the noun as a role.
    fn bare_plural_subject(&mut self, k: usize, lo: usize, cue: Span) -> Option<Found> {
        let w = self.w(k);
        let plural = w.len() > 4
            && w.ends_with('s')
            && !w.ends_with("ss")
            && !w.ends_with("us")
            && !w.ends_with("is")
            && !w.ends_with("'s")
            && !w.ends_with("’s");
        if self.toks[k].cap || !plural || STOPWORDS.contains(w) || CUE_VERBS.contains(w) {
            return None;
        }
        let mut s = k;
        while s > lo && s + 2 > k {
            let p = s - 1;
            let pw = lower(self.w(p));
            if !self.toks[p].is_word()
                || STOP_CAPS.contains(&pw)
                || STOPWORDS.contains(&pw)
                || self.is_cue(p)
                || self.by_last.contains_key(&p)
                || (!self.toks[p].cap && pw.ends_with("ed"))
            {
                break;
            }
            s = p;
        }
        // "the road, which drivers say floods each spring": inside a relative clause;
        // "carriers added extra flights": the verb takes an object, not a clause. After the cue comes a
        // clause opener, a number or no word at all.
        let c = self.tok_at(cue.start);
        let after_ok = self.toks.get(c + 1).is_none_or(|t| {
            let a = t.text(self.text);
            !t.is_word()
                || CLAUSE_OPENERS.contains(&lower(a))
                || a.starts_with(|ch: char| ch.is_ascii_digit())
        });
        let relative = s > 0 && {
            let r = lower(self.w(s - 1));
            RELATIVE_PRONOUNS.contains(&r) || r == "that"
        };
        if !after_ok || relative || !self.opens_clause(s, lo) {
            return None;
        }
        let np = Span::new(self.toks[s].span.start, self.toks[k].span.end);
        let head = lower(w).into_owned();
        Some(self.nominal_found(np, &head, cue))
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
        if SUBJECT_DETERMINERS.contains(&lw) || lw == "one" {
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
                let next_is_word = self
                    .toks
                    .get(j + 1)
                    .is_some_and(|t| t.is_word() && !HEAD_COMPLEMENTS.contains(t.text(self.text)));
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
    pub(super) fn appositive_after(&self, j: usize) -> Option<usize> {
        self.toks.get(j + 1).filter(|t| t.text(self.text) == ",")?;
        self.by_first.get(&(j + 2)).copied()
    }

    /// "said another Twitter user, Jan Nowak": mention `mi` modifies the noun after
    /// it; the speaker is the appositive name, else the noun phrase from token `k`.
    pub(super) fn modified_noun(&mut self, mi: usize, k: usize, cue: Span) -> Option<Found> {
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
        Some(self.nominal_found(np, &head, cue))
    }
}

impl<'a> Ctx<'a> {
    /// The source of "according to SOURCE" when no name or title phrase was found there:
    /// an object pronoun ("according to him") or a plain description ("according to
    /// police", "according to the county's water board"), the words up to a comma, the end of
    /// the sentence or a word that opens the clause, at most six.
    pub fn described_source(&mut self, k: usize, hi: usize, cue: Span) -> Option<Found> {
        let hi = hi.min(self.toks.len());
        if k >= hi || !self.toks[k].is_word() {
            return None;
        }
        let lw = lower(self.w(k)).into_owned();
        let next_is_word = self.toks.get(k + 1).is_some_and(|t| t.is_word()) && k + 1 < hi;
        let object = match lw.as_str() {
            "him" => Some(PronounKind::He),
            "her" if !next_is_word => Some(PronounKind::She),
            "them" => Some(PronounKind::They),
            _ => None,
        };
        if let Some(g) = object {
            let pos = self.toks[k].span.start;
            return Some(Found {
                entity: self.resolve_pronoun(pos, g),
                mention: Some(self.toks[k].span),
                cue,
                own: true,
            });
        }
        let mut end = k;
        while end + 1 < hi.min(k + 6)
            && self.toks[end + 1].is_word()
            && !CLAUSE_OPENERS.contains(&lower(self.w(end + 1)))
        {
            end += 1;
        }
        let head = lower(self.w(end)).into_owned();
        let first = lower(self.w(k));
        if !self.toks[end].cap
            && !ACCORDING_NON_SOURCES.contains(&head)
            && !ACCORDING_NON_SOURCES.contains(&first)
        {
            let np = Span::new(self.toks[k].span.start, self.toks[end].span.end);
            return Some(self.nominal_found(np, &head, cue));
        }
        None
    }
}

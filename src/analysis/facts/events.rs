//! Events of a story and what reports say about them: when ("the collapse on Tuesday",
//! "Tuesday's talks"), where ("the talks in Kessvik"; not the dateline), and who
//! attended ("X, who stayed away from the summit").

use super::clock;
use super::kind::ClaimKind;
use super::people::person_key;
use super::slot::{Anchor, EventRef, Occasion};
use super::tokens::{Token, month, stem, weekday};
use super::{Detail, Fact, FactKind, Sent, Slot};
use crate::analysis::conflicts::{ConflictKind, Verdict};
use crate::analysis::lexicon;
use crate::analysis::names::fold;
use crate::text::Span;
use chrono::{Datelike, Duration, NaiveDate};
use once_cell::sync::Lazy;

/// A word list of assets/lexicon/facts/ as a set.
fn word_set(data: &'static str) -> std::collections::HashSet<&'static str> {
    lexicon::entries(data).collect()
}

static SPEECH_WORDS: Lazy<std::collections::HashSet<&'static str>> = Lazy::new(|| {
    word_set(include_str!(
        "../../../assets/lexicon/facts/speech_words.txt"
    ))
});
static PARTS_OF_DAY: Lazy<std::collections::HashSet<&'static str>> = Lazy::new(|| {
    word_set(include_str!(
        "../../../assets/lexicon/facts/parts_of_day.txt"
    ))
});
static TRIP_VERBS: Lazy<std::collections::HashSet<&'static str>> =
    Lazy::new(|| word_set(include_str!("../../../assets/lexicon/facts/trip_verbs.txt")));
static PLACE_CONNECTORS: Lazy<std::collections::HashSet<&'static str>> = Lazy::new(|| {
    word_set(include_str!(
        "../../../assets/lexicon/facts/place_connectors.txt"
    ))
});

/// (stems of the surface words, class, is an accident-like class)
static EVENTS: Lazy<Vec<(Vec<String>, String, bool)>> = Lazy::new(|| {
    let mut v: Vec<(Vec<String>, String, bool)> =
        lexicon::entries(include_str!("../../../assets/lexicon/facts/events.txt"))
            .filter_map(|l| {
                let (a, b) = l.split_once('|')?;
                let b = b.trim();
                Some((
                    a.split_whitespace().map(stem).collect(),
                    b.trim_end_matches('*').to_string(),
                    b.ends_with('*'),
                ))
            })
            .collect();
    v.sort_by_key(|(s, _, _)| std::cmp::Reverse(s.len()));
    v
});

static ATTEND: Lazy<Vec<(Vec<String>, String, bool)>> = Lazy::new(|| {
    let mut v: Vec<(Vec<String>, String, bool)> =
        lexicon::entries(include_str!("../../../assets/lexicon/facts/attendance.txt"))
            .filter_map(|l| {
                let mut p = l.split('|').map(str::trim);
                let s = p.next()?;
                let c = p.next()?;
                let pol = p.next()? == "+";
                Some((
                    s.split_whitespace().map(str::to_string).collect(),
                    c.to_string(),
                    pol,
                ))
            })
            .collect();
    v.sort_by_key(|(s, _, _)| std::cmp::Reverse(s.len()));
    v
});

/// The grouping key of an event class: accidents of every kind share the generic
/// "incident" (a report may call the collapse "the accident").
fn event_key(class: &str) -> &str {
    if class == "incident" || EVENTS.iter().any(|(_, c, acc)| c == class && *acc) {
        "incident"
    } else {
        class
    }
}

/// Indices into [`EVENTS`] by the entry's first stem (longest entries first, as in
/// `EVENTS`): a token is checked against the few entries that can start with it.
static EVENTS_BY_FIRST: Lazy<rustc_hash::FxHashMap<&'static str, Vec<usize>>> = Lazy::new(|| {
    let mut m: rustc_hash::FxHashMap<&'static str, Vec<usize>> = Default::default();
    for (k, (seq, _, _)) in EVENTS.iter().enumerate() {
        if let Some(first) = seq.first() {
            m.entry(first.as_str()).or_default().push(k);
        }
    }
    m
});

/// Classes of words that name where something ends up rather than a dated event
/// ("flown to a clinic in X"): only their place is compared (`place_only.txt`).
fn place_only(class: &str) -> bool {
    static SET: Lazy<Vec<&'static str>> = Lazy::new(|| {
        lexicon::entries(include_str!("../../../assets/lexicon/facts/place_only.txt")).collect()
    });
    SET.contains(&class)
}

/// Event word at token `i`: (class, tokens used).
fn event_at(toks: &[Token], i: usize) -> Option<(String, usize)> {
    if !toks[i].is_word() {
        return None;
    }
    let cands = EVENTS_BY_FIRST.get(toks[i].stem)?;
    for (seq, class, _) in cands.iter().map(|&k| &EVENTS[k]) {
        let ok = seq.iter().enumerate().all(|(k, w)| {
            toks.get(i + k)
                .is_some_and(|t| t.is_word() && t.stem == w.as_str())
        });
        if ok {
            // "March 2010" is a month, not a protest march
            if toks[i].is_capitalized() && month(toks[i].lower).is_some() {
                return None;
            }
            // an event word modifying a thing ("a strike fund") names the thing
            let next = toks.get(i + seq.len()).map(|t| t.lower).unwrap_or("");
            if lexicon::COMPOUND_HEADS.contains(next) {
                return None;
            }
            // "released a statement", "the release of the report": something made
            // public, not the letting out of water or people
            if class == "release" && matches!(next, "a" | "of") {
                return None;
            }
            if class == "signing" && toks[i].lower == "signing" {
                return None;
            }
            return Some((class.clone(), seq.len()));
        }
    }
    None
}

struct DateExpr {
    first: usize,
    last: usize,
    weekday: Option<u32>,
    unanchored: bool,
    possessive: bool,
}

fn part_of_day(w: &str) -> bool {
    PARTS_OF_DAY.contains(w)
}

/// Days from the publication day that a relative day word names ("yesterday" = -1).
fn relative_day(word: &str) -> Option<i64> {
    match word {
        "yesterday" => Some(-1),
        "today" => Some(0),
        "tomorrow" => Some(1),
        _ => None,
    }
}

/// Dates in a sentence: weekdays (with parts of day), "yesterday", "today", "March 6".
fn dates(toks: &[Token], published: Option<NaiveDate>) -> Vec<DateExpr> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        let mut found = None;
        if let Some(d) = weekday(t.lower) {
            if t.is_capitalized() {
                found = Some((Some(d), false));
            }
        } else if let Some(offset) = relative_day(t.lower) {
            found = Some(match published {
                Some(p) => (
                    Some(
                        (p + Duration::days(offset))
                            .weekday()
                            .num_days_from_monday(),
                    ),
                    false,
                ),
                None => (None, true),
            });
        } else if let (Some(m), Some(p)) = (month(t.lower), published)
            && t.is_capitalized()
        {
            // "March 6" or "6 March"
            let day = toks
                .get(i + 1)
                .and_then(|n| n.text.parse::<u32>().ok())
                .or_else(|| {
                    i.checked_sub(1)
                        .and_then(|k| toks[k].text.parse::<u32>().ok())
                });
            if let Some(d) = day
                && let Some(date) = NaiveDate::from_ymd_opt(p.year(), m, d)
            {
                found = Some((Some(date.weekday().num_days_from_monday()), false));
            }
        }
        if let Some((wd, unanchored)) = found {
            let mut last = i;
            let possessive = t.lower.ends_with("'s");
            if toks.get(i + 1).is_some_and(|n| part_of_day(n.lower)) {
                last = i + 1;
            } else if toks.get(i + 1).is_some_and(|n| n.lower == "in")
                && toks.get(i + 2).is_some_and(|n| n.lower == "the")
                && toks.get(i + 3).is_some_and(|n| part_of_day(n.lower))
            {
                last = i + 3;
            }
            out.push(DateExpr {
                first: i,
                last,
                weekday: wd,
                unanchored,
                possessive,
            });
            i = last + 1;
            continue;
        }
        i += 1;
    }
    out
}

/// Where the words between an event word at `b` and a later date start to count: past
/// a relative clause opening right after the event ("the blaze, which", "a fire that").
fn relative_opening(toks: &[Token], b: usize) -> usize {
    let mut k = b + 1;
    if toks.get(k).is_some_and(|t| t.text == ",") {
        k += 1;
    }
    if toks
        .get(k)
        .is_some_and(|t| matches!(t.lower, "which" | "that"))
    {
        k + 1
    } else {
        b
    }
}

/// The event a date sits in when "during" or "at the" follows it ("on Sunday during the
/// city marathon"); modifiers of the event may come between.
fn event_during<'e>(
    toks: &[Token],
    evs: &'e [(usize, usize, String)],
    last: usize,
) -> Option<&'e (usize, usize, String)> {
    if !toks
        .get(last + 1)
        .is_some_and(|t| matches!(t.lower, "during" | "throughout"))
    {
        return None;
    }
    evs.iter().find(|(a, _, _)| {
        *a > last + 1
            && *a <= last + 8
            && !toks[last + 2..*a]
                .iter()
                .any(|t| clause_break(t) || t.text == "," || speech_word(t))
    })
}

/// "her office said on Thursday", "told reporters on Sunday": a date after a speech
/// verb is when something was said, not when the event happened.
fn speech_word(t: &Token) -> bool {
    SPEECH_WORDS.contains(t.lower)
}

fn clause_break(t: &Token) -> bool {
    matches!(t.text, ";" | ":" | "." | "?" | "!" | "—" | "(")
}

/// Place named after position `k` within `limit` tokens: "in Kessvik", "near X",
/// "at X's Y depot" (Y). Returns (first, last) of the place words. A new clause ("as",
/// "while") or another event word before the place gives it to that other event.
fn place_after(toks: &[Token], k: usize, limit: usize, events: &[usize]) -> Option<(usize, usize)> {
    let end = (k + limit).min(toks.len());
    let mut i = k;
    while i < end {
        if clause_break(&toks[i]) || lexicon::CLAUSE_LINKS.contains(toks[i].lower) {
            return None;
        }
        if i > k && events.contains(&i) {
            return None;
        }
        // "arrived on Monday and is staying at a hotel in X": a second verb phrase
        if matches!(toks[i].lower, "and" | "or")
            && toks
                .get(i + 1)
                .is_some_and(|n| !n.is_capitalized() && !matches!(n.lower, "in" | "at" | "near"))
        {
            return None;
        }
        if matches!(toks[i].lower, "in" | "at" | "near" | "outside") {
            let mut j = i + 1;
            // "at Company's Varde depot": the owner is not the place
            let run = cap_run(toks, j);
            if let Some((a, b)) = run {
                if toks[b].lower.ends_with("'s") {
                    j = b + 1;
                    if let Some((a2, b2)) = cap_run(toks, j)
                        && !toks[b2].lower.ends_with("'s")
                    {
                        return Some((a2, b2));
                    }
                } else if weekday(toks[a].lower).is_none() && month(toks[a].lower).is_none() {
                    return Some((a, b));
                }
            }
        }
        i += 1;
    }
    None
}

/// Whether `span` overlaps one of `sorted` (sorted by start; mentions do not nest
/// deeply, so the few spans starting before `span` are checked backwards).
fn overlaps_any(sorted: &[crate::text::Span], span: crate::text::Span) -> bool {
    let k = sorted.partition_point(|p| p.start < span.end);
    sorted[..k].iter().rev().take(8).any(|p| p.overlaps(span))
}

/// A place value must name a place: not a person the entity layer found ("a rally
/// in ... Smith" misread) and not a lone letter or initial.
fn is_place(s: &Sent, a: usize, b: usize) -> bool {
    let letters = s.tokens[a..=b]
        .iter()
        .flat_map(|t| t.text.chars())
        .filter(|c| c.is_alphabetic())
        .count();
    // a run in capitals is a headline's shouting ("FIRE IN THE HILLS"), not a name
    let shouted = s.tokens[a..=b]
        .iter()
        .all(|t| !t.text.chars().any(char::is_lowercase));
    letters >= 2
        && !(shouted && (b > a || letters > 5))
        && !s.tokens[a..=b]
            .iter()
            .any(|t| t.text.len() <= 2 && t.text.ends_with('.'))
        && !overlaps_any(s.person_spans, s.span_of(a, b))
}

/// "will travel to Vienna next week for talks": the trip's destination is the place
/// of the event it is for. Returns (first, last) of the place words.
fn trip_place(toks: &[Token], ev: usize) -> Option<(usize, usize)> {
    let lo = ev.saturating_sub(10);
    for j in (lo..ev).rev() {
        if clause_break(&toks[j]) {
            return None;
        }
        let trip = TRIP_VERBS.contains(toks[j].lower);
        if !trip || toks.get(j + 1).is_none_or(|t| t.lower != "to") {
            continue;
        }
        let (a, b) = cap_run(toks, j + 2)?;
        // the event must be what the trip is for: "to X ... for talks"
        let purpose = b < ev && toks[b + 1..ev].iter().any(|t| t.lower == "for");
        return purpose.then_some((a, b));
    }
    None
}

fn cap_run(toks: &[Token], j: usize) -> Option<(usize, usize)> {
    let t = toks.get(j)?;
    if !(t.is_word() && t.is_capitalized() && !t.is_number()) {
        return None;
    }
    if weekday(t.lower).is_some() || month(t.lower).is_some() {
        return None;
    }
    let mut b = j;
    loop {
        if toks[b].lower.ends_with("'s") {
            break;
        }
        match toks.get(b + 1) {
            Some(n) if n.is_word() && n.is_capitalized() => b += 1,
            // "Boršov nad Vltavou", "Saint-Fons", "Stratford-upon-Avon"
            Some(n)
                if PLACE_CONNECTORS.contains(n.lower)
                    && toks.get(b + 2).is_some_and(|m| m.is_capitalized()) =>
            {
                b += 2
            }
            _ => break,
        }
    }
    Some((j, b))
}

fn place_value(toks: &[Token], a: usize, b: usize) -> String {
    toks[a..=b]
        .iter()
        .map(|t| t.text.trim_end_matches("'s").trim_end_matches("\u{2019}s"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Event words of a sentence: (first, last) token and class, place-only classes too.
pub(crate) fn event_words(toks: &[Token]) -> Vec<(usize, usize, String)> {
    let mut evs: Vec<(usize, usize, String)> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if let Some((c, n)) = event_at(toks, i) {
            evs.push((i, i + n - 1, c));
            i += n;
        } else {
            i += 1;
        }
    }
    evs
}

/// Days and times belong to dated events only: "the hearing at the town hall on
/// Friday" is the hearing's Friday.
fn dated_events(s: &Sent) -> Vec<(usize, usize, String)> {
    s.events
        .iter()
        .filter(|(_, _, c)| !place_only(c))
        .cloned()
        .collect()
}

/// The day of an event as a fact kind ("the collapse on Tuesday", "Tuesday's talks").
pub struct Days;

impl ClaimKind for Days {
    fn kind(&self) -> FactKind {
        FactKind::When
    }

    fn conflict(&self) -> ConflictKind {
        ConflictKind::DateTime
    }

    fn find(&self, s: &Sent) -> Vec<Fact> {
        days(s, &dated_events(s))
    }

    fn compare(&self, a: &Fact, b: &Fact, _across: bool) -> Verdict {
        match (&a.detail, &b.detail) {
            (
                Detail::When {
                    weekday: Some(x),
                    unanchored: ua,
                },
                Detail::When {
                    weekday: Some(y),
                    unanchored: ub,
                },
            ) if x != y => {
                if *ua || *ub {
                    Verdict::Soft
                } else {
                    Verdict::Hard
                }
            }
            _ => Verdict::Agree,
        }
    }

    fn cross_only(&self) -> bool {
        false
    }

    fn summary(&self, first: &Fact, _pair: (&Fact, &Fact), values: &[String]) -> String {
        format!(
            "day of the {} differs: {}",
            first.subject,
            values.join(" vs ")
        )
    }
}

/// The clock time of an event as a fact kind ("struck at 3:10 a.m.").
pub struct Clocks;

impl ClaimKind for Clocks {
    fn kind(&self) -> FactKind {
        FactKind::Clock
    }

    fn conflict(&self) -> ConflictKind {
        ConflictKind::DateTime
    }

    fn find(&self, s: &Sent) -> Vec<Fact> {
        clock_facts(s, &dated_events(s))
    }

    fn compare(&self, a: &Fact, b: &Fact, _across: bool) -> Verdict {
        match (&a.detail, &b.detail) {
            (Detail::Clock { time: x, .. }, Detail::Clock { time: y, .. })
                if !clock::compatible(x, y) =>
            {
                Verdict::Hard
            }
            _ => Verdict::Agree,
        }
    }

    fn summary(&self, first: &Fact, _pair: (&Fact, &Fact), values: &[String]) -> String {
        format!(
            "time of the {} differs: {}",
            first.subject,
            values.join(" vs ")
        )
    }
}

/// Countries and wider regions: they contain the cities and venues other reports name.
static REGIONS: Lazy<Vec<String>> = Lazy::new(|| {
    lexicon::entries(include_str!("../../../assets/lexicon/facts/regions.txt"))
        .map(fold)
        .collect()
});

/// The place of an event as a fact kind ("the talks in Kessvik"; not the dateline).
pub struct Places;

impl ClaimKind for Places {
    fn kind(&self) -> FactKind {
        FactKind::Place
    }

    fn conflict(&self) -> ConflictKind {
        ConflictKind::Location
    }

    fn find(&self, s: &Sent) -> Vec<Fact> {
        places(s)
    }

    fn compare(&self, a: &Fact, b: &Fact, _across: bool) -> Verdict {
        let (Detail::Place { place: x, near: nx }, Detail::Place { place: y, near: ny }) =
            (&a.detail, &b.detail)
        else {
            return Verdict::Agree;
        };
        let rough = *nx || *ny;
        let xs: Vec<&str> = x.split_whitespace().collect();
        let ys: Vec<&str> = y.split_whitespace().collect();
        let wide = |p: &String| REGIONS.iter().any(|r| r == p);
        if xs.iter().any(|w| ys.contains(w)) || wide(x) || wide(y) {
            Verdict::Agree
        } else if rough {
            // "near X" and "in Y" can both hold when Y is the wider area
            Verdict::Soft
        } else {
            Verdict::Hard
        }
    }

    fn summary(&self, first: &Fact, _pair: (&Fact, &Fact), values: &[String]) -> String {
        format!(
            "place of the {} differs: {}",
            first.subject,
            values.join(" vs ")
        )
    }
}

/// Whether a person was at an event as a fact kind ("X, who stayed away from the summit").
pub struct Attendance;

impl ClaimKind for Attendance {
    fn kind(&self) -> FactKind {
        FactKind::Attendance
    }

    fn conflict(&self) -> ConflictKind {
        ConflictKind::Attendance
    }

    fn find(&self, s: &Sent) -> Vec<Fact> {
        attendance(s, &dated_events(s))
    }

    fn compare(&self, a: &Fact, b: &Fact, _across: bool) -> Verdict {
        match (&a.detail, &b.detail) {
            (Detail::Attendance { object: x }, Detail::Attendance { object: y })
                if a.positive != b.positive && !x.differs(y) =>
            {
                Verdict::Hard
            }
            _ => Verdict::Agree,
        }
    }

    fn summary(&self, first: &Fact, (a, b): (&Fact, &Fact), _values: &[String]) -> String {
        let said = |f: &Fact| {
            if f.positive {
                "attended"
            } else {
                "stayed away"
            }
        };
        format!(
            "{} {} in one report, {} in another",
            first.subject,
            said(a),
            said(b)
        )
    }
}

/// Days of the sentence's dated events.
fn days(s: &Sent, evs: &[(usize, usize, String)]) -> Vec<Fact> {
    let toks = &s.tokens;
    let mut out = Vec::new();
    let ds = dates(toks, s.published);
    for d in &ds {
        if s.quoted[d.first] {
            continue;
        }
        // "Tuesday's talks": the event follows closely
        let ev = if d.possessive {
            evs.iter().find(|(a, _, _)| *a > d.last && *a <= d.last + 3)
        } else {
            evs.iter()
                .filter(|(_, b, _)| *b < d.first && d.first - *b <= 9)
                .filter(|(a, b, _)| {
                    // "the outage, which began at dawn on Friday": a relative clause right
                    // after the event word tells of that event
                    let rel = relative_opening(toks, *b);
                    !s.quoted[*a]
                        && !toks[rel..d.first].iter().any(|t| {
                            clause_break(t)
                                || speech_word(t)
                                || t.text == ","
                                || lexicon::CLAUSE_LINKS.contains(t.lower)
                        })
                })
                .filter(|(_, b, _)| !ds.iter().any(|o| o.first > *b && o.first < d.first))
                .max_by_key(|(a, _, _)| *a)
                // "on Saturday during the marathon": the date of the event that follows
                .or_else(|| event_during(toks, evs, d.last))
        };
        let Some((ea, eb, class)) = ev else {
            if let Some(f) = verb_day(s, &ds, d) {
                out.push(f);
            }
            continue;
        };
        let (a, b) = ((*ea).min(d.first), (*eb).max(d.last));
        out.push(day_fact(
            s,
            d,
            s.span_of(a, b),
            class.clone(),
            event_key(class).to_string(),
        ));
    }
    out
}

static PAST_FORMS: Lazy<std::collections::HashSet<&'static str>> =
    Lazy::new(|| word_set(include_str!("../../../assets/lexicon/facts/past_forms.txt")));
static CLAUSE_VERB_BLOCKERS: Lazy<std::collections::HashSet<&'static str>> = Lazy::new(|| {
    word_set(include_str!(
        "../../../assets/lexicon/facts/clause_verb_blockers.txt"
    ))
});

/// A lowercase past-tense form or participle: a regular "-ed" form or an irregular one
/// (`past_forms.txt`), not one that tells no event (`clause_verb_blockers.txt`).
fn past_form(t: &Token) -> bool {
    let l = t.lower;
    let regular = l.len() >= 5 && l.ends_with("ed") && !l.ends_with("eed");
    t.is_word()
        && t.text.starts_with(|c: char| c.is_lowercase())
        && (regular || PAST_FORMS.contains(l))
        && !CLAUSE_VERB_BLOCKERS.contains(l)
        && !t.is_stop()
}

/// Where the clause holding token `i` starts: after the nearest clause break, comma or
/// clause link before it, at most `reach` tokens back.
fn clause_open(toks: &[Token], i: usize, reach: usize) -> usize {
    let lo = i.saturating_sub(reach);
    (lo..i)
        .rev()
        .find(|&k| {
            clause_break(&toks[k])
                || toks[k].text == ","
                || lexicon::CLAUSE_LINKS.contains(toks[k].lower)
        })
        .map_or(lo, |k| k + 1)
}

/// The verb heading the clause of a day or time that no event word names: the nearest
/// past-tense form or participle before it in its clause ("the shop was boarded up
/// on Monday"). None when the clause tells of a saying, of what is to come ("will be
/// painted", "to be sold") or of an act of a person or pronoun; a form describing a noun
/// ("the planned closure") is passed over.
fn clause_verb(s: &Sent, at: usize) -> Option<usize> {
    let toks = &s.tokens;
    let open = clause_open(toks, at, 12);
    // "the restored hall": a form after a determiner describes a noun
    let described = |k: usize| {
        k.checked_sub(1)
            .is_some_and(|j| lexicon::NOUN_DETERMINERS.contains(toks[j].lower))
    };
    let k = (open..at)
        .rev()
        .find(|&k| past_form(&toks[k]) && !described(k))?;
    let future = |t: &Token| {
        lexicon::MODAL_VERBS.contains(t.lower)
            || matches!(t.lower, "will" | "would" | "shall" | "to" | "'ll")
    };
    let quoted_or_said = toks[open..at]
        .iter()
        .enumerate()
        .any(|(j, t)| s.quoted[open + j] || speech_word(t));
    let named = s.events.iter().any(|(a, b, _)| (*a..=*b).contains(&k));
    // what a person did ("the envoy flew to X on Monday") is one of the many acts of
    // the story's people, each on its own day; what happened to a thing is its event
    let by_person = s.people.iter().any(|m| m.first >= open && m.first < k)
        || toks[open..k].iter().any(|t| {
            lexicon::SUBJECT_PRONOUNS.contains(t.lower) || overlaps_any(s.person_spans, t.span)
        });
    (k + 9 >= at && !quoted_or_said && !named && !by_person && !toks[open..k].iter().any(future))
        .then_some(k)
}

/// The day of an event no event word names, keyed by its clause verb ("the audit was
/// published on Monday"): two reports' days are compared when their verbs share a stem
/// or a synonym class. Only a day said with "on" (or a relative day), the only day
/// between the verb and it, on a line of running text (not a page's stamp).
fn verb_day(s: &Sent, ds: &[DateExpr], d: &DateExpr) -> Option<Fact> {
    let toks = &s.tokens;
    let relative = relative_day(toks[d.first].lower).is_some();
    let on = d
        .first
        .checked_sub(1)
        .is_some_and(|k| toks[k].lower == "on");
    if s.quoted[d.first] || d.possessive || !(on || relative) {
        return None;
    }
    let k = clause_verb(s, d.first)?;
    if ds.iter().any(|o| o.first > k && o.first < d.first) {
        return None;
    }
    let line = line_of(s.text, toks[d.first].span);
    let running = line
        .split_whitespace()
        .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
        .count();
    if running < 4 {
        return None;
    }
    let key = super::content_stem(&toks[k])?;
    Some(day_fact(
        s,
        d,
        s.span_of(clause_open(toks, k, 6), d.last),
        toks[k].lower.to_string(),
        format!("verb {key}"),
    ))
}

/// The claim that the happening keyed `event` took place on the day `d` says.
fn day_fact(s: &Sent, d: &DateExpr, evidence: Span, subject: String, event: String) -> Fact {
    Fact {
        evidence,
        kind: FactKind::When,
        subject,
        slot: Slot::When { event },
        value: s
            .span_of(d.first, d.last)
            .text(s.text)
            .trim_end_matches("'s")
            .trim_end_matches("\u{2019}s")
            .to_string(),
        positive: true,
        hedged: false,
        anchor: d.weekday.map(Anchor::Weekday),
        detail: Detail::When {
            weekday: d.weekday,
            unanchored: d.unanchored,
        },
    }
}

/// The line of `text` holding `span`.
fn line_of(text: &str, span: crate::text::Span) -> &str {
    let a = text[..span.start].rfind('\n').map_or(0, |k| k + 1);
    let b = text[span.end..]
        .find('\n')
        .map_or(text.len(), |k| span.end + k);
    &text[a..b]
}

/// Places of the sentence's events; "In X, the river peaked" puts the whole sentence
/// in X.
fn places(s: &Sent) -> Vec<Fact> {
    let toks = &s.tokens;
    let places = &s.events;
    let mut out = Vec::new();
    let lead_place = (toks.first().is_some_and(|t| t.lower == "in"))
        .then(|| cap_run(toks, 1))
        .flatten()
        .filter(|(_, b)| toks.get(b + 1).is_some_and(|t| t.text == ","));
    let starts: Vec<usize> = places.iter().map(|(a, _, _)| *a).collect();
    for (ea, eb, class) in places {
        if s.quoted[*ea] {
            continue;
        }
        let place = place_after(toks, eb + 1, 16, &starts)
            .or_else(|| trip_place(toks, *ea))
            .or(lead_place.filter(|(_, b)| b < ea));
        let Some((pa, pb)) = place.filter(|&(a, b)| is_place(s, a, b)) else {
            continue;
        };
        // "a fire near X" places it only roughly: X may lie in another report's place
        let near = pa >= 1 && matches!(toks[pa - 1].lower, "near" | "outside");
        let value = place_value(toks, pa, pb);
        let Some(place) = super::places::scoped(toks, *eb, pa, pb, fold(&value)) else {
            continue;
        };
        let (a, b) = ((*ea).min(pa), (*eb).max(pb));
        out.push(Fact {
            evidence: s.span_of(a, b),
            kind: FactKind::Place,
            subject: class.clone(),
            slot: Slot::Place {
                event: event_key(class).to_string(),
            },
            value: value.clone(),
            positive: true,
            hedged: false,
            anchor: None,
            detail: Detail::Place { place, near },
        });
    }
    out
}

/// A time right after a date or an "updated" is when the page was written
/// ("15.03.2026, 09:12", "Last updated ... 18:05"), not when anything happened.
fn timestamp(toks: &[Token], i: usize) -> bool {
    toks[i.saturating_sub(3)..i].iter().any(|t| {
        let year = t.text.len() >= 4
            && t.text
                .bytes()
                .all(|b| b.is_ascii_digit() || b == b'.' || b == b'/')
            && t.text.contains(['.', '/'])
            || t.text.len() == 4 && t.text.starts_with("20") && t.is_number();
        year || matches!(t.lower, "updated" | "published" | "posted")
    })
}

/// A speech verb shortly before token `i` ("said at 4pm"): the time of the saying.
fn after_speech(toks: &[Token], i: usize) -> bool {
    toks[i.saturating_sub(4)..i].iter().any(speech_word)
}

/// Where the clause holding token `i` starts (after a comma or clause break), at most
/// eight tokens back, so the evidence shows what happened at that time.
fn clause_start(toks: &[Token], i: usize) -> usize {
    let lo = i.saturating_sub(8);
    (lo..i)
        .rev()
        .find(|&k| clause_break(&toks[k]) || toks[k].text == ",")
        .map_or(lo, |k| k + 1)
}

/// Clock times of events: "the quake struck at 3:10 a.m.", "the 8.30am start".
fn clock_facts(s: &Sent, evs: &[(usize, usize, String)]) -> Vec<Fact> {
    let toks = &s.tokens;
    let mut out = Vec::new();
    for c in clock::clocks(toks) {
        if s.quoted[c.first] {
            continue;
        }
        let before = evs
            .iter()
            .filter(|(a, b, _)| *b < c.first && c.first - *b <= 9 && !s.quoted[*a])
            .filter(|(_, b, _)| {
                !toks[relative_opening(toks, *b)..c.first].iter().any(|t| {
                    clause_break(t)
                        || speech_word(t)
                        || t.text == ","
                        || lexicon::CLAUSE_LINKS.contains(t.lower)
                })
            })
            .max_by_key(|(a, _, _)| *a);
        // "the 8.30am start": the time modifies the event word after it
        let modifying = evs.iter().find(|(a, _, _)| *a == c.last + 1);
        // a time standing alone is a live blog's entry heading
        let line_end = s.text[toks[c.last].span.end..]
            .chars()
            .find(|ch| *ch != ' ' && *ch != '\t')
            .is_none_or(|ch| ch == '\n' || ch == '\r');
        let alone = toks.len() < c.last - c.first + 5 || line_end;
        if alone || timestamp(toks, c.first) {
            continue;
        }
        let event = modifying
            .or(before)
            .or_else(|| event_during(toks, evs, c.last));
        // an opening sentence's time is of the article's main event, whatever word
        // names it there ("the train left the tracks at 6:10")
        let (a, b, subject, slot_event) = match event {
            _ if s.lede && !after_speech(toks, c.first) => {
                let (a, b) = event
                    .map(|(ea, eb, _)| ((*ea).min(c.first), (*eb).max(c.last)))
                    .unwrap_or((clause_start(toks, c.first), c.last));
                (a, b, "main event".to_string(), EventRef::Main)
            }
            Some((ea, eb, class)) => (
                (*ea).min(c.first),
                (*eb).max(c.last),
                class.clone(),
                EventRef::Class(event_key(class).to_string()),
            ),
            None => continue,
        };
        out.push(Fact {
            evidence: s.span_of(a, b),
            kind: FactKind::Clock,
            subject,
            slot: Slot::Clock { event: slot_event },
            value: s.span_of(c.first, c.last).text(s.text).to_string(),
            positive: true,
            hedged: c.tolerance > 2,
            anchor: None,
            detail: Detail::Clock {
                time: c.time(),
                event: event.map(|(_, _, class)| event_key(class).to_string()),
            },
        });
    }
    out
}

/// Verbs that say someone will not do what follows ("declined to attend").
const REFUSALS: [&str; 9] = [
    "declined", "declines", "decline", "refused", "refuses", "refuse", "failed", "fails", "fail",
];

/// A bare surname right before token `at` that the entity layer knows as a person
/// ("Dorrin did not attend"): the roster leaves a surname unresolved when the article
/// names its bearer in two forms ("Ana Sel Dorrin", "Sel Dorrin").
fn bare_subject(s: &Sent, at: usize) -> Option<String> {
    let k = at.checked_sub(1)?;
    let t = &s.tokens[k];
    (t.is_word() && t.is_capitalized() && !t.is_number() && !s.quoted[k])
        .then_some(())
        .filter(|_| overlaps_any(s.person_spans, t.span))
        .map(|_| {
            t.text
                .trim_end_matches("'s")
                .trim_end_matches("\u{2019}s")
                .to_string()
        })
}

/// Whom an attendance statement is about: the surname's key. Reports name one person
/// in several forms ("Ana Sel Dorrin", "Ana Dorrin", a bare "Dorrin"), and whether
/// that person was there is one question.
fn surname_key(name: &str) -> String {
    let key = person_key(name);
    key.rsplit(' ').next().unwrap_or(&key).to_string()
}

fn attendance(s: &Sent, evs: &[(usize, usize, String)]) -> Vec<Fact> {
    // first words of the attendance phrases: most tokens open none (one look-up each)
    static FIRST: Lazy<rustc_hash::FxHashSet<&'static str>> = Lazy::new(|| {
        ATTEND
            .iter()
            .filter_map(|(seq, _, _)| seq.first().map(String::as_str))
            .collect()
    });
    let toks = &s.tokens;
    let mut out = Vec::new();
    for i in 0..toks.len() {
        if s.quoted[i] || !FIRST.contains(toks[i].lower) {
            continue;
        }
        let Some((seq, _class, pol)) = ATTEND.iter().find(|(seq, _, _)| {
            seq.iter()
                .enumerate()
                .all(|(k, w)| toks.get(i + k).is_some_and(|t| t.lower == w))
        }) else {
            continue;
        };
        let mut positive = *pol;
        let mut first = i;
        // "declined to attend", "refused to travel": a refusal negates the verb
        if i >= 2 && toks[i - 1].lower == "to" && REFUSALS.contains(&toks[i - 2].lower) {
            positive = !positive;
            first = i - 2;
            if matches!(toks[first.saturating_sub(1)].lower, "has" | "had" | "have") {
                first -= 1;
            }
        }
        // "did not attend", "will not travel", "never attended"
        for back in 1..=2 {
            if first != i {
                break;
            }
            if let Some(t) = i.checked_sub(back).map(|k| &toks[k])
                && matches!(t.lower, "not" | "never" | "didn't" | "won't" | "n't")
            {
                positive = !positive;
                first = i - back;
                if back == 2 {
                    first = i - 2;
                }
                if let Some(k) = first.checked_sub(1)
                    && matches!(toks[k].lower, "did" | "will" | "would" | "does")
                {
                    first = k;
                }
                break;
            }
        }
        // the person: the nearest name before, in the same sentence, or a bare surname
        // right before the verb that the roster could not resolve
        let name = match s
            .people
            .iter()
            .filter(|m| m.last < first && first - m.last <= 16)
            .max_by_key(|m| m.last)
        {
            Some(m) => m.name.clone(),
            None => match bare_subject(s, first) {
                Some(n) => n,
                None => continue,
            },
        };
        let obj_end = (i + seq.len() + 6).min(toks.len());
        let mut last = i + seq.len() - 1;
        let mut k = last + 1;
        while k < obj_end && !clause_break(&toks[k]) && toks[k].text != "," {
            last = k;
            k += 1;
        }
        let mut object = Occasion {
            events: evs
                .iter()
                .filter(|(a, _, _)| *a > i && *a <= last)
                .map(|(_, _, c)| c.clone())
                .collect(),
            ..Default::default()
        };
        if let Some((pa, pb)) = place_after(toks, i + seq.len(), last + 1 - i, &[]) {
            object.places.push(fold(&place_value(toks, pa, pb)));
        }
        for t in &toks[i..=last] {
            if let Some(d) = weekday(t.lower) {
                object.days.push(d);
            }
        }
        let evidence = s.span_of(first, last);
        out.push(Fact {
            evidence,
            kind: FactKind::Attendance,
            subject: name.clone(),
            // being somewhere and travelling there are one question (was the person
            // there?); the objects tell apart different events and places
            slot: Slot::Attendance {
                person: surname_key(&name),
            },
            value: evidence.text(s.text).to_string(),
            positive,
            hedged: false,
            anchor: None,
            detail: Detail::Attendance { object },
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Span;

    fn event_classes(text: &str) -> Vec<String> {
        let toks = super::super::tokens::tokenize(text, Span::new(0, text.len()));
        (0..toks.len())
            .filter_map(|i| event_at(&toks, i).map(|(c, _)| c))
            .collect()
    }

    #[test]
    fn storms_eruptions_outages_and_capsizes_are_accidents() {
        for (text, class) in [
            ("A thunderstorm hit the valley on Sunday.", "storm"),
            ("The volcano erupted on Friday night.", "eruption"),
            ("The blackout lasted until Tuesday.", "outage"),
            ("The barge capsized off the pier.", "crash"),
            ("The roof caved in after the snowfall.", "collapse"),
        ] {
            assert_eq!(event_classes(text), vec![class.to_string()], "{text}");
            // every one of them is an accident: its day and place share the
            // generic slot with "the accident"
            assert_eq!(event_key(class), "incident");
        }
    }

    #[test]
    fn not_coming_to_a_place_is_staying_away_from_it() {
        use crate::analysis::facts::{extract, tests::article};
        use crate::text::TextModel;
        let attendance = |text: &str| {
            let a = article(text);
            let m = TextModel::new(&a.text);
            extract(&a, &m, &[], &[])
                .into_iter()
                .filter(|f| f.kind == FactKind::Attendance)
                .map(|f| (f.slot, f.positive))
                .collect::<Vec<_>>()
        };
        let away = attendance("Councillor Jorunn Velsk did not come to Tarnby for the ceremony.");
        let there = attendance("Jorunn Velsk visited Tarnby on Tuesday.");
        assert_eq!(away.len(), 1, "{away:?}");
        assert!(!away[0].1);
        assert_eq!(there.len(), 1, "{there:?}");
        assert!(there[0].1);
        // one question about one person: the two statements share a slot
        assert_eq!(away[0].0, there[0].0);
    }

    #[test]
    fn a_day_without_an_event_word_takes_its_clause_verb() {
        use crate::analysis::facts::{extract, tests::article};
        use crate::text::TextModel;
        let verb_days = |text: &str| {
            let a = article(text);
            let m = TextModel::new(&a.text);
            extract(&a, &m, &[], &[])
                .into_iter()
                .filter(|f| matches!(&f.slot, Slot::When { event } if event.starts_with("verb ")))
                .collect::<Vec<_>>()
        };
        let off = verb_days("The Quellmark bakery was boarded up on Monday after sixty years.");
        let later = verb_days("Its owners finally boarded the Quellmark shop up on Wednesday.");
        assert_eq!(off.len(), 1, "{off:?}");
        assert_eq!(later.len(), 1, "{later:?}");
        assert_eq!(off[0].value, "Monday");
        // one verb, two days: the reports disagree
        assert_eq!(off[0].slot, later[0].slot);
        assert_eq!(Days.compare(&off[0], &later[0], true), Verdict::Hard);
        // another verb is another event of the story, never compared with the first
        let sold = verb_days("A cooperative in Brannow bought the old bakery on Friday.");
        assert_eq!(sold.len(), 1, "{sold:?}");
        assert_ne!(sold[0].slot, off[0].slot);
        // a form describing a noun is not the clause's verb
        let toured = verb_days("Visitors toured the restored bread oven on Monday.");
        assert_eq!(toured.len(), 1, "{toured:?}");
        assert_eq!(toured[0].subject, "toured");
        // what a named person or a pronoun did is one act among many of the story
        assert!(verb_days("Councillor Edda Marrow toured the bakery on Tuesday.").is_empty());
        assert!(verb_days("She toured the empty shop on Tuesday.").is_empty());
        // what is to come, what was said, a day not said with "on": no day of an event
        assert!(verb_days("The Quellmark bakery will be boarded up on Monday.").is_empty());
        assert!(
            verb_days("Members of the cooperative confirmed that purchase to the press on Monday.")
                .is_empty()
        );
        assert!(verb_days("The bakers scrubbed the ovens every Monday for years.").is_empty());
    }

    #[test]
    fn a_bare_surname_and_a_longer_form_of_the_name_share_the_attendance_slot() {
        let attendance = |text: &str| {
            let a = crate::analysis::facts::tests::article(text);
            crate::analysis::analyze(&a)
                .facts
                .into_iter()
                .filter(|f| f.kind == FactKind::Attendance)
                .map(|f| (f.slot, f.positive))
                .collect::<Vec<_>>()
        };
        let away = attendance(
            "Judge Ottilie Brask Hennum opened the inquiry into the ferry fares last spring. \
             Hennum did not attend the second hearing on Monday.",
        );
        let there = attendance("Ottilie Hennum attended the second hearing on Monday.");
        assert_eq!(away.len(), 1, "{away:?}");
        assert!(!away[0].1);
        assert_eq!(there.len(), 1, "{there:?}");
        assert_eq!(away[0].0, there[0].0);
    }

    #[test]
    fn an_event_word_modifying_a_thing_is_not_the_event() {
        let plain = event_classes("The strike began on Monday.");
        assert!(!plain.is_empty());
        assert!(event_classes("The strike fund paid out on Monday.").is_empty());
    }
}

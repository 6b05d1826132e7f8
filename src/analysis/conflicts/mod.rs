//! Conflicting facts between (or within) the reports of one story. Facts are grouped by
//! key (person + attribute, counted thing, event), so only facts about the same thing
//! are compared; negations are matched against positive statements through a stem
//! index, quotations through shared words.

mod compare;
mod polar;
mod quotes;

use super::ArticleAnalysis;
use super::facts::quantities::{is_bare_measure, overlap};
use super::facts::slot::EventRef;
use super::facts::{Detail, Fact, FactKind, Slot, kind, tokens};
use super::names::fold;
use super::speakers::SpeakerIndex;
use crate::ingest::Article;
use crate::text::Span;
pub use compare::Verdict;
use compare::compare;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConflictKind {
    Role,
    Number,
    DateTime,
    Location,
    Attendance,
    Negation,
    QuoteAttribution,
    QuoteWording,
    Other,
}

impl ConflictKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ConflictKind::Role => "role",
            ConflictKind::Number => "number",
            ConflictKind::DateTime => "date_time",
            ConflictKind::Location => "location",
            ConflictKind::Attendance => "attendance",
            ConflictKind::Negation => "negation",
            ConflictKind::QuoteAttribution => "quote_attribution",
            ConflictKind::QuoteWording => "quote_wording",
            ConflictKind::Other => "other",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Hard,
    Soft,
}

/// One side of a conflict: where an article states a value.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claim {
    pub article: String,
    /// Byte span of the exact evidence in that article's text.
    pub span: Span,
    pub value: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conflict {
    pub kind: ConflictKind,
    pub severity: Severity,
    pub subject: String,
    pub summary: String,
    pub claims: Vec<Claim>,
}

/// A fact with the index of its article in the story.
pub(crate) type Located<'a> = (usize, &'a Fact);

pub(crate) fn claim(story: &[(&Article, &ArticleAnalysis)], (ai, f): Located) -> Claim {
    Claim {
        article: story[ai].0.id.clone(),
        span: f.evidence,
        value: f.value.clone(),
    }
}

/// One report giving one person a post with and without a rank marker.
fn rank_slip(a: &Fact, b: &Fact) -> bool {
    matches!(
        (&a.detail, &b.detail),
        (Detail::Role { title: x, .. }, Detail::Role { title: y, .. }) if x.rank_slip(y)
    )
}

/// The words of a title, for a role claim that shares its name with another claim.
fn title_words(f: &Fact) -> Option<Span> {
    match &f.detail {
        Detail::Role { said, .. } => Some(*said),
        _ => None,
    }
}

/// One mention given a title before the name and another after it, with and without a
/// rank ("Finance Minister X, deputy minister of finance"): the two titles are two
/// claims of one report about one slot, though their evidence shares the name.
fn one_mention_slip(a: &Fact, b: &Fact) -> bool {
    rank_slip(a, b)
        && match (title_words(a), title_words(b)) {
            (Some(x), Some(y)) => !x.overlaps(y),
            _ => false,
        }
}

/// Conflicts among the articles of one story (within one article too).
pub fn find(story: &[(&Article, &ArticleAnalysis)], _speakers: &SpeakerIndex) -> Vec<Conflict> {
    let main = main_event_classes(story);
    let main_slot = Slot::Clock {
        event: EventRef::Main,
    };
    let mut groups: BTreeMap<&Slot, Vec<Located>> = BTreeMap::new();
    for (ai, (_, an)) in story.iter().enumerate() {
        for f in &an.facts {
            if !kind::of(f.kind).by_slot() {
                continue;
            }
            let slot = match &f.detail {
                Detail::Clock { event: Some(e), .. } if main.contains(&e) => &main_slot,
                _ => &f.slot,
            };
            groups.entry(slot).or_default().push((ai, f));
        }
    }
    let mut out = Vec::new();
    for facts in groups.values() {
        out.extend(conflicts_in_group(story, facts));
    }
    out.extend(polar::find(story));
    out.extend(quotes::find(story));
    dedup(out)
}

/// Event classes of the story's main event, for its clock times: an opening sentence
/// names that event with the same word class somewhere in the story ("the quake hit
/// at 3:10" opening one report; "the earthquake struck at 2:10" deep in another).
fn main_event_classes<'a>(story: &[(&Article, &'a ArticleAnalysis)]) -> Vec<&'a String> {
    let mut out: Vec<&String> = Vec::new();
    for (_, an) in story {
        for f in &an.facts {
            if let (
                Slot::Clock {
                    event: EventRef::Main,
                },
                Detail::Clock { event: Some(e), .. },
            ) = (&f.slot, &f.detail)
                && !out.contains(&e)
            {
                out.push(e);
            }
        }
    }
    out
}

/// One conflict per set of evidence: two finders (or two quote pairs) may report the
/// same claims, and a reader should see the disagreement once.
fn dedup(conflicts: Vec<Conflict>) -> Vec<Conflict> {
    let mut seen: Vec<(ConflictKind, Vec<(String, String)>)> = Vec::new();
    let mut out = Vec::new();
    for c in conflicts {
        // a page may print a quotation twice (a pull-quote): its words are the claim
        let by_words = matches!(
            c.kind,
            ConflictKind::QuoteWording | ConflictKind::QuoteAttribution
        );
        let mut key: Vec<(String, String)> = c
            .claims
            .iter()
            .map(|cl| {
                let at = if by_words {
                    cl.value.to_lowercase()
                } else {
                    format!("{}..{}", cl.span.start, cl.span.end)
                };
                (cl.article.clone(), at)
            })
            .collect();
        key.sort();
        key.dedup();
        if seen.iter().any(|(k, s)| *k == c.kind && *s == key) {
            continue;
        }
        seen.push((c.kind, key));
        out.push(c);
    }
    out
}

/// Capitalised words of a claim's evidence that are not its value: the names that pin
/// the claim to one slot ("the peak in Lindau", "the committee's Varmo meeting").
fn slot_names(text: &str, f: &Fact) -> Vec<String> {
    let value: Vec<String> = f.value.split_whitespace().map(fold).collect();
    f.evidence
        .text(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 3 && w.chars().next().is_some_and(char::is_uppercase))
        .map(fold)
        .filter(|w| !value.contains(w) && !is_date_word(w))
        .collect()
}

fn is_date_word(w: &str) -> bool {
    tokens::weekday(w).is_some() || tokens::month(w).is_some()
}

/// Two disagreeing claims of one article are a self-contradiction only when both name
/// the same slot (a shared name besides the value); otherwise the article speaks of two
/// things that share a key (two meetings, a list of counts, a comparison).
fn same_slot_within(text: &str, a: &Fact, b: &Fact) -> bool {
    let na = slot_names(text, a);
    let nb = slot_names(text, b);
    na.iter().any(|w| nb.contains(w))
}

/// A day is stated by its clause ("the runner died on Sunday"), not by the words
/// after it: each claim's span grows to its clause, unless that would take in another
/// claim of the same report.
fn widen_to_clauses(story: &[(&Article, &ArticleAnalysis)], claims: &mut [Claim]) {
    for i in 0..claims.len() {
        let Some((a, _)) = story.iter().find(|(a, _)| a.id == claims[i].article) else {
            continue;
        };
        let wide = clause_around(&a.text, claims[i].span);
        let clash = claims
            .iter()
            .enumerate()
            .any(|(j, o)| j != i && o.article == claims[i].article && o.span.overlaps(wide));
        if !clash {
            claims[i].span = wide;
        }
    }
}

/// The clause of `text` around `span`: up to the nearest clause punctuation or sentence
/// end on either side (at most 300 bytes each way).
fn clause_around(text: &str, span: Span) -> Span {
    const EDGES: &[char] = &[
        ',', ';', ':', '!', '?', '\n', '\u{2014}', '(', ')', '"', '\u{201c}', '\u{201d}',
    ];
    let sentence_end = |b: &str, i: usize| {
        b[i..].starts_with(". ") && b[i + 2..].chars().next().is_some_and(char::is_uppercase)
    };
    let mut start = span.start;
    let floor = span.start.saturating_sub(300);
    while start > floor {
        let Some(c) = text[..start].chars().next_back() else {
            break;
        };
        let at = start - c.len_utf8();
        if EDGES.contains(&c) || (c == '.' && sentence_end(text, at)) {
            break;
        }
        start = at;
    }
    let ceil = (span.end + 300).min(text.len());
    let mut end = span.end;
    while end < ceil {
        let Some(c) = text[end..].chars().next() else {
            break;
        };
        if EDGES.contains(&c) || (c == '.' && (end + 1 == text.len() || sentence_end(text, end))) {
            break;
        }
        end += c.len_utf8();
    }
    // no clause edge within reach: keep the finder's span
    if (start == floor && floor > 0) || (end == ceil && ceil < text.len()) {
        return span;
    }
    let lead = text[start..end].len() - text[start..end].trim_start().len();
    let trail = text[start..end].len() - text[start..end].trim_end().len();
    Span::new(start + lead, end - trail)
}

/// Two figures of one key count the same thing when their counted words agree ("14
/// miners" and "2,300 people" share the class of people but are not one count).
fn same_thing(text: &str, a: &Fact, b: &Fact) -> bool {
    // two tolls of the dead or hurt in one report are a running account
    if !is_figure(a) || is_toll(a) {
        return true;
    }
    // the counted word ends the evidence; compared without allocating (hot: every
    // pair of one article's figures of one key)
    let noun = |f: &Fact| {
        let w = f.evidence.text(text).rsplit(' ').next().unwrap_or("");
        // "the county's" and "counties" name one thing
        let w = w
            .strip_suffix("'s")
            .or_else(|| w.strip_suffix("\u{2019}s"))
            .unwrap_or(w);
        w.strip_suffix('s').unwrap_or(w)
    };
    noun(a).eq_ignore_ascii_case(noun(b))
}

/// Two different figures of one counted thing in one sentence ("14 in the east and 9
/// in the west", "8 million watched the first debate, 18 million the second") are a
/// list or a comparison: the key names several things in that report.
fn listed_together(text: &str, a: &Fact, b: &Fact) -> bool {
    if !is_figure(a) || a.value == b.value {
        return false;
    }
    let (lo, hi) = if a.evidence.start < b.evidence.start {
        (a.evidence.end, b.evidence.start)
    } else {
        (b.evidence.end, a.evidence.start)
    };
    hi.saturating_sub(lo) < 400
        && text
            .get(lo.min(hi)..hi)
            .is_some_and(|between| !between.contains(['.', '\n', '?', '!']))
        && same_thing(text, a, b)
}

/// A figure: a quantity or a person's age.
fn is_figure(f: &Fact) -> bool {
    matches!(f.kind, FactKind::Quantity | FactKind::Age)
}

/// A count of the dead or hurt.
fn is_toll(f: &Fact) -> bool {
    matches!(&f.slot, Slot::Quantity { counted, .. } if counted.casualty.is_some())
}

/// A toll (dead, hurt, a running count) only grows: a later report with a higher figure
/// updates an earlier one rather than contradicting it.
fn tally_rose(story: &[(&Article, &ArticleAnalysis)], a: Located, b: Located) -> bool {
    let tally = |f: &Fact| is_toll(f) || f.anchor.as_ref().is_some_and(|x| x.is_tally());
    if a.1.kind != FactKind::Quantity || !tally(a.1) || !tally(b.1) {
        return false;
    }
    let (Detail::Quantity { lo: alo, .. }, Detail::Quantity { lo: blo, .. }) =
        (&a.1.detail, &b.1.detail)
    else {
        return false;
    };
    let order = when_stated(story, a, b)
        .or_else(|| toll_order(&story[a.0].1.facts, &story[b.0].1.facts, a.1, b.1));
    match order {
        Some(std::cmp::Ordering::Less) => blo >= alo,
        Some(std::cmp::Ordering::Greater) => alo >= blo,
        _ => false,
    }
}

/// A toll figure of a report that itself states a higher count of the same people
/// with the same words around it ("two taken to hospital" at one hour, "six taken to
/// hospital" at the next): an earlier count of its running account. Tolls only grow, so
/// the report's highest figure is its latest word; earlier counts are not compared with
/// other reports.
fn superseded(story: &[(&Article, &ArticleAnalysis)], (ai, fi): Located) -> bool {
    superseded_among(&story[ai].1.facts, fi)
}

/// [`superseded`] among the facts of the toll's own report.
fn superseded_among(own: &[Fact], fi: &Fact) -> bool {
    let (
        Detail::Quantity {
            hi, dim, context, ..
        },
        Slot::Quantity { counted, .. },
        true,
    ) = (&fi.detail, &fi.slot, is_toll(fi))
    else {
        return false;
    };
    own.iter().any(|fk| match (&fk.detail, &fk.slot) {
        (
            Detail::Quantity {
                lo,
                dim: dk,
                context: ck,
                ..
            },
            Slot::Quantity { counted: k, .. },
        ) => {
            lo > hi
                && dk == dim
                && k.class == counted.class
                && (is_toll(fk) || overlap(ck, context) >= 2)
        }
        _ => false,
    })
}

/// Which of two reports' tolls was counted earlier when no date says so: tolls rise
/// together, so the report whose every toll of the other casualty (the dead for a count
/// of the hurt) lies below the other report's is the earlier account.
fn toll_order(own_a: &[Fact], own_b: &[Fact], a: &Fact, b: &Fact) -> Option<std::cmp::Ordering> {
    let casualty = |f: &Fact| match &f.slot {
        Slot::Quantity { counted, .. } => counted.casualty,
        _ => None,
    };
    let (Some(ca), Some(cb)) = (casualty(a), casualty(b)) else {
        return None;
    };
    if ca != cb {
        return None;
    }
    // the lowest and highest stated lower bound of a report's tolls of the other kind
    let range = |own: &[Fact]| {
        own.iter()
            .filter(|f| casualty(f).is_some_and(|c| c != ca))
            .filter_map(|f| match &f.detail {
                Detail::Quantity { lo, .. } => Some(*lo),
                _ => None,
            })
            .fold(None, |r: Option<(f64, f64)>, x| {
                Some(r.map_or((x, x), |(l, h)| (l.min(x), h.max(x))))
            })
    };
    let ((la, ha), (lb, hb)) = (range(own_a)?, range(own_b)?);
    if ha < lb {
        Some(std::cmp::Ordering::Less)
    } else if hb < la {
        Some(std::cmp::Ordering::Greater)
    } else {
        None
    }
}

/// Which of two claims was stated earlier: by publication time when both articles have
/// one, else by a claim's weekday anchor against the other article's publication day.
fn when_stated(
    story: &[(&Article, &ArticleAnalysis)],
    a: Located,
    b: Located,
) -> Option<std::cmp::Ordering> {
    use chrono::Datelike;
    let (pa, pb) = (story[a.0].0.published, story[b.0].0.published);
    if let (Some(x), Some(y)) = (pa, pb) {
        return (x != y).then(|| x.cmp(&y));
    }
    let day = |f: &Fact| {
        f.anchor
            .as_ref()
            .and_then(|w| w.weekday())
            .map(|d| d as usize)
    };
    let pubday = |p: Option<chrono::DateTime<chrono::FixedOffset>>| {
        p.map(|d| d.weekday().num_days_from_monday() as usize)
    };
    match (pa, pb) {
        (None, Some(_)) => Some(day(a.1)?.cmp(&pubday(pb)?)).filter(|o| o.is_lt()),
        (Some(_), None) => Some(pubday(pa)?.cmp(&day(b.1)?)).filter(|o| o.is_gt()),
        _ => None,
    }
}

/// Three or more different weekdays for one event word across a story are several
/// events of one kind (polls released on different days, a series of meetings), not
/// one event the reports disagree on.
fn several_days(involved: &[usize], facts: &[Located]) -> bool {
    let mut days: Vec<u32> = involved
        .iter()
        .filter_map(|&k| match facts[k].1.detail {
            Detail::When {
                weekday: Some(d), ..
            } => Some(d),
            _ => None,
        })
        .collect();
    days.sort_unstable();
    days.dedup();
    days.len() >= 3
}

/// The words around a figure (what it is of, what happened), when it has them.
fn figure_context(f: &Fact) -> Option<&[String]> {
    match &f.detail {
        Detail::Quantity { context, .. } => Some(context),
        _ => None,
    }
}

/// Least number of shared words around two figures that pins them to one slot when a
/// report gives the key several values.
const ALIGN_MIN: usize = 3;

/// Two figures of two reports are about one slot even though a report states several
/// values of their key, when each is, among its report's figures of other values, the
/// one whose surrounding words share the most with the other figure's (and enough of
/// them): the report uses the key for several things, and the words say which of them
/// the other report's figure is about. A tie leaves it open, as a list does.
fn aligned(facts: &[Located], several: &[usize], i: usize, j: usize) -> bool {
    let (Some(ci), Some(cj)) = (figure_context(facts[i].1), figure_context(facts[j].1)) else {
        return false;
    };
    // a bare figure (a sum, a span of time) has no counted word to narrow its key: a
    // story's sums are too many things for a few shared words to pick one
    if matches!(&facts[i].1.slot, Slot::Quantity { counted, .. } if counted.is_bare()) {
        return false;
    }
    let shared = overlap(ci, cj);
    if shared < ALIGN_MIN {
        return false;
    }
    // `x` is the figure of its report the other one is about: the best-matching of its
    // values, and no figure of its report states the other one's value (then the report
    // agrees with it about something, whichever slot it meant)
    let best_of_its_report = |x: usize, y: usize, other: &[String]| {
        let (ai, fx) = facts[x];
        !several.contains(&ai)
            || facts.iter().enumerate().all(|(k, &(ak, fk))| {
                ak != ai
                    || k == x
                    || !values_meet(fk, facts[y].1)
                        && (values_meet(fk, fx)
                            || figure_context(fk).is_none_or(|ck| overlap(ck, other) < shared))
            })
    };
    best_of_its_report(i, j, cj) && best_of_its_report(j, i, ci)
}

/// Two figures can state one value: their ranges meet ("€4m" and "about 4 million").
fn values_meet(a: &Fact, b: &Fact) -> bool {
    match (&a.detail, &b.detail) {
        (Detail::Quantity { lo: al, hi: ah, .. }, Detail::Quantity { lo: bl, hi: bh, .. }) => {
            al <= bh && bl <= ah
        }
        _ => false,
    }
}

/// Pairs of one key that cannot both be true, merged into one conflict per key.
///
/// An article that itself states two disagreeing values of a key (without naming one
/// slot in both) uses the key for several things; none of its claims is compared, since
/// nothing says which of them another report's value is about.
fn conflicts_in_group(story: &[(&Article, &ArticleAnalysis)], facts: &[Located]) -> Vec<Conflict> {
    let mut several: Vec<usize> = Vec::new();
    let mut within: Vec<(usize, usize, Verdict)> = Vec::new();
    for i in 0..facts.len() {
        for j in i + 1..facts.len() {
            let (a, b) = (facts[i], facts[j]);
            if a.0 != b.0 || (a.1.evidence.overlaps(b.1.evidence) && !one_mention_slip(a.1, b.1)) {
                continue;
            }
            let text = story[a.0].0.text.as_str();
            // a report giving two values of one bare measure measures two things
            // (words around a bare figure rarely say which); none is compared
            if is_bare_measure(a.1) && !values_meet(a.1, b.1) || listed_together(text, a.1, b.1) {
                if !several.contains(&a.0) {
                    several.push(a.0);
                }
                continue;
            }
            let v = compare::compare_within(a.1, b.1);
            if v == Verdict::Agree {
                continue;
            }
            if (!kind::of(a.1.kind).cross_only() || rank_slip(a.1, b.1))
                && same_slot_within(text, a.1, b.1)
            {
                within.push((i, j, v));
            } else if !several.contains(&a.0) && same_thing(text, a.1, b.1) {
                several.push(a.0);
            }
        }
    }
    let mut involved: Vec<usize> = Vec::new();
    let mut severity = Severity::Soft;
    let mut pairs = Vec::new();
    let mut take = |i: usize, j: usize, v: Verdict| {
        if v == Verdict::Hard {
            severity = Severity::Hard;
        }
        pairs.push((i, j));
        for k in [i, j] {
            if !involved.contains(&k) {
                involved.push(k);
            }
        }
    };
    for &(i, j, v) in &within {
        if !several.contains(&facts[i].0) {
            take(i, j, v);
        }
    }
    for i in 0..facts.len() {
        for j in i + 1..facts.len() {
            let (a, b) = (facts[i], facts[j]);
            if a.0 == b.0 {
                continue;
            }
            if (several.contains(&a.0) || several.contains(&b.0)) && !aligned(facts, &several, i, j)
            {
                continue;
            }
            if tally_rose(story, a, b) || superseded(story, a) || superseded(story, b) {
                continue;
            }
            let v = compare(a.1, b.1);
            if v != Verdict::Agree {
                take(i, j, v);
            }
        }
    }
    if pairs.is_empty() {
        return vec![];
    }
    // every fact of the key that takes part, grouped by value for the summary
    involved.sort_by_key(|&k| (facts[k].0, facts[k].1.evidence.start));
    let mut claims: Vec<Claim> = Vec::new();
    let mut values: Vec<String> = Vec::new();
    // one summary value per reading: "11" and "eleven" are one value, said twice
    let mut shown: Vec<&Fact> = Vec::new();
    for &k in &involved {
        let mut c = claim(story, facts[k]);
        let taken = |c: &Claim| {
            claims
                .iter()
                .any(|o| o.article == c.article && o.span.overlaps(c.span))
        };
        // a second title of one mention: its own words are the claim
        if taken(&c)
            && let Some(w) = title_words(facts[k].1)
        {
            c.span = w;
        }
        if taken(&c) {
            continue;
        }
        let f = facts[k].1;
        if !values.iter().any(|v| v.eq_ignore_ascii_case(&c.value))
            && !shown.iter().any(|o| compare(o, f) == Verdict::Agree)
        {
            values.push(c.value.clone());
            shown.push(f);
        }
        claims.push(c);
    }
    if claims.len() < 2 || several_days(&involved, facts) {
        return vec![];
    }
    let first = facts[involved[0]].1;
    if first.kind == FactKind::When {
        widen_to_clauses(story, &mut claims);
    }
    let k = kind::of(first.kind);
    let (pa, pb) = (facts[pairs[0].0].1, facts[pairs[0].1].1);
    let summary = k.summary(first, (pa, pb), &values);
    vec![Conflict {
        kind: k.conflict(),
        severity,
        subject: first.subject.clone(),
        summary,
        claims,
    }]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(text: &str, start: usize, end: usize) -> Fact {
        Fact {
            evidence: Span::new(start, end),
            kind: FactKind::Quantity,
            subject: "x".into(),
            slot: Slot::Quantity {
                dim: "x".into(),
                counted: Default::default(),
            },
            value: "x".into(),
            positive: true,
            hedged: false,
            anchor: None,
            detail: Detail::Negation {
                head: text[start..end].into(),
                stems: vec![],
                object: vec![],
            },
        }
    }

    /// A count of tugboats with the stems around it.
    fn tugs(n: f64, start: usize, around: &[&str]) -> Fact {
        Fact {
            evidence: Span::new(start, start + 5),
            kind: FactKind::Quantity,
            subject: "tugboats".into(),
            slot: Slot::Quantity {
                dim: "count".into(),
                counted: super::super::facts::slot::Counted {
                    class: "tugboat".into(),
                    casualty: None,
                },
            },
            value: n.to_string(),
            positive: true,
            hedged: false,
            anchor: None,
            detail: Detail::Quantity {
                lo: n,
                hi: n,
                dim: "count".into(),
                context: around.iter().map(|w| w.to_string()).collect(),
                scope: Default::default(),
                people: vec![],
            },
        }
    }

    #[test]
    fn a_figure_aligns_with_the_value_of_a_report_whose_words_match_it() {
        // report 1 counts tugboats twice: those that towed the barge off the sandbar and
        // those the port owns; report 0's figure is about the towing
        let towed = tugs(4.0, 0, &["tow", "barge", "sandbar", "dawn"]);
        let towed_b = tugs(6.0, 0, &["barge", "tow", "sandbar", "off"]);
        let owned = tugs(11.0, 50, &["port", "own", "fleet"]);
        let facts: Vec<Located> = vec![(0, &towed), (1, &towed_b), (1, &owned)];
        assert!(aligned(&facts, &[1], 0, 1));
        assert!(!aligned(&facts, &[1], 0, 2));
        // two of the report's values fit equally well: nothing says which one is meant
        let towed_too = tugs(2.0, 80, &["sandbar", "tow", "barge"]);
        let facts: Vec<Located> = vec![(0, &towed), (1, &towed_b), (1, &towed_too)];
        assert!(!aligned(&facts, &[1], 0, 1));
        // the report also states the other figure's value: it agrees about something
        let four = tugs(4.0, 80, &["port", "own"]);
        let facts: Vec<Located> = vec![(0, &towed), (1, &towed_b), (1, &four)];
        assert!(!aligned(&facts, &[1], 0, 1));
        // too few shared words
        let vague = tugs(6.0, 0, &["barge", "river"]);
        let facts: Vec<Located> = vec![(0, &towed), (1, &vague), (1, &owned)];
        assert!(!aligned(&facts, &[1], 0, 1));
    }

    #[test]
    fn a_lower_toll_of_a_report_that_later_gives_a_higher_one_is_an_earlier_count() {
        use super::super::facts::slot::Casualty;
        // a toll of the hurt: tugboat crews taken ashore injured
        let hurt = |n: f64, around: &[&str]| {
            let mut f = tugs(n, 0, around);
            if let Slot::Quantity { counted, .. } = &mut f.slot {
                counted.casualty = Some(Casualty::Hurt);
            }
            f
        };
        let early = hurt(3.0, &["ashore", "injur"]);
        let later = hurt(8.0, &["ashore", "injur", "night"]);
        assert!(superseded_among(&[early.clone(), later.clone()], &early));
        assert!(!superseded_among(&[early.clone(), later.clone()], &later));
        // a higher count of the same crews that is no toll must share the words
        let fleet = tugs(40.0, 0, &["harbour", "own"]);
        assert!(!superseded_among(&[early.clone(), fleet], &early));
        let treated = tugs(10.0, 0, &["ashore", "injur", "medic"]);
        assert!(superseded_among(&[early.clone(), treated], &early));
        // a figure that is no toll is never an earlier count
        let plain = tugs(3.0, 0, &["ashore", "injur"]);
        assert!(!superseded_among(&[plain.clone(), later], &plain));
    }

    #[test]
    fn undated_reports_are_ordered_by_their_other_toll() {
        use super::super::facts::slot::Casualty;
        let toll = |n: f64, c: Casualty| {
            let mut f = tugs(n, 0, &["storm"]);
            if let Slot::Quantity { counted, .. } = &mut f.slot {
                counted.casualty = Some(c);
            }
            f
        };
        // one report counts 3 dead and 40 hurt, the other 5 dead and 52 hurt: the
        // first is the earlier account of one rising toll
        let early = [toll(3.0, Casualty::Dead), toll(40.0, Casualty::Hurt)];
        let late = [toll(5.0, Casualty::Dead), toll(52.0, Casualty::Hurt)];
        assert_eq!(
            toll_order(&early, &late, &early[1], &late[1]),
            Some(std::cmp::Ordering::Less)
        );
        assert_eq!(
            toll_order(&late, &early, &late[1], &early[1]),
            Some(std::cmp::Ordering::Greater)
        );
        // the same count of the dead: nothing orders them
        let same = [toll(3.0, Casualty::Dead), toll(52.0, Casualty::Hurt)];
        assert_eq!(toll_order(&early, &same, &early[1], &same[1]), None);
        // a figure that is no toll is not ordered
        let plain = tugs(52.0, 0, &["storm"]);
        assert_eq!(toll_order(&early, &late, &early[1], &plain), None);
    }

    #[test]
    fn a_claim_grows_to_the_clause_that_states_it() {
        let t = "LISBON \u{2014} A cyclist fell ill on Tuesday during the coastal race, police said. Next.";
        let day = t.find("Tuesday").unwrap();
        let w = clause_around(t, Span::new(day, day + "Tuesday during".len()));
        assert_eq!(
            w.text(t),
            "A cyclist fell ill on Tuesday during the coastal race"
        );
        let t = "He left at 9 a.m. on Friday and returned.";
        let day = t.find("Friday").unwrap();
        let w = clause_around(t, Span::new(day, day + 6));
        assert_eq!(w.text(t), "He left at 9 a.m. on Friday and returned");
    }

    #[test]
    fn a_possessive_counted_word_is_the_same_thing_as_its_plural() {
        let t = "40 of the province's wards; six provinces; nine ports";
        let a = count(t, 0, 20);
        let b = count(t, 28, 41);
        let c = count(t, 43, 53);
        assert!(same_thing(t, &a, &b));
        assert!(!same_thing(t, &a, &c));
    }
}

//! Quantities with what they count: "7 lorry drivers", "a 4 percent rent rise",
//! "80 litres a minute", "a fee of €40m", with their time anchor.

use super::kind::ClaimKind;
use super::numbers::{self, Figure};
use super::slot::{Anchor, Casualty, Counted, Era, Part, Scope, Tally};
use super::tokens::{Token, stem, weekday};
use super::{Detail, Fact, FactKind, Sent, Slot, content_stem};
use crate::analysis::conflicts::{ConflictKind, Verdict};
use crate::analysis::lexicon;
use once_cell::sync::Lazy;
use std::collections::HashMap;

static COUNTED: Lazy<HashMap<&'static str, &'static str>> = Lazy::new(|| {
    lexicon::entries(include_str!("../../../assets/lexicon/facts/counted.txt"))
        .filter_map(|l| {
            let (a, b) = l.split_once('|')?;
            Some((a.trim(), b.trim()))
        })
        .collect()
});

/// Adverbs that follow a count but never name what it counts (`not_counted.txt`).
static NOT_COUNTED: Lazy<lexicon::WordSet> = Lazy::new(|| {
    lexicon::WordSet::from(include_str!(
        "../../../assets/lexicon/facts/not_counted.txt"
    ))
});

/// Nouns that count people (`people_counts.txt`).
static PEOPLE: Lazy<lexicon::WordSet> = Lazy::new(|| {
    lexicon::WordSet::from(include_str!(
        "../../../assets/lexicon/facts/people_counts.txt"
    ))
});

/// What happens to a counted group of people (`people_events.txt`): the stem of a
/// surface and the happening it names.
static PEOPLE_EVENTS: Lazy<HashMap<String, &'static str>> = Lazy::new(|| {
    lexicon::entries(include_str!(
        "../../../assets/lexicon/facts/people_events.txt"
    ))
    .filter_map(|l| {
        let (a, b) = l.split_once('|')?;
        Some((stem(a.trim()), b.trim()))
    })
    .collect()
});

fn noun_class(w: &str) -> String {
    COUNTED
        .get(w)
        .map(|s| s.to_string())
        .unwrap_or_else(|| stem(w))
}

const PART_MODS: [&str; 8] = [
    "other",
    "additional",
    "further",
    "more",
    "extra",
    "remaining",
    "last",
    "first",
];
const TOTAL_MODS: [&str; 4] = ["scheduled", "total", "planned", "all"];

fn noun_word(t: &Token) -> bool {
    t.is_word() && !t.is_number() && !t.is_stop() && numbers::word_value(t.lower).is_none()
}

/// A regular plural noun ("branches", "operators"; not "bus", "glass", "crisis").
fn plural(w: &str) -> bool {
    w.len() > 3
        && w.ends_with('s')
        && !w.ends_with("ss")
        && !w.ends_with("us")
        && !w.ends_with("is")
}

/// The noun phrase after position `k`: (first, last) token indices of its words.
fn noun_after(tokens: &[Token], k: usize) -> Option<(usize, usize)> {
    let mut e = k;
    while e < tokens.len() && e < k + 3 && noun_word(&tokens[e]) && !tokens[e].is_capitalized() {
        if matches!(
            tokens[e].lower,
            "were" | "had" | "was" | "have" | "who" | "which"
        ) {
            break;
        }
        // an adverb after a count ("two crew aboard", "three badly hurt") is no noun,
        // nor is a casualty word: "two wounded" counts the hurt
        if NOT_COUNTED.contains(tokens[e].lower) || casualty_word(tokens[e].lower).is_some() {
            break;
        }
        e += 1;
        // a noun of people is the counted head, whatever its form ("people", "staff"):
        // the word after it is the clause's verb ("nine people remain")
        // ("six crew members": a plural after it is the head)
        if PEOPLE.contains(tokens[e - 1].lower)
            && !tokens
                .get(e)
                .is_some_and(|t| noun_word(t) && plural(t.lower) && !t.lower.ends_with("ed"))
        {
            break;
        }
        // a plural ends the phrase: it is the counted head ("seven small satellites
        // across", "650 jobs face")
        if plural(tokens[e - 1].lower) {
            break;
        }
        // a noun followed by a verb-ish word ends the phrase: "fans had", "solution escaped"
        if e < tokens.len() && (!noun_word(&tokens[e]) || tokens[e].lower.ends_with("ed")) {
            break;
        }
    }
    (e > k).then(|| (k, e - 1))
}

/// Figures with what they count as a fact kind.
pub struct Quantities;

impl ClaimKind for Quantities {
    fn kind(&self) -> FactKind {
        FactKind::Quantity
    }

    fn conflict(&self) -> ConflictKind {
        ConflictKind::Number
    }

    fn find(&self, s: &Sent) -> Vec<Fact> {
        extract(s)
    }

    fn compare(&self, a: &Fact, b: &Fact, across: bool) -> Verdict {
        let (
            Detail::Quantity {
                lo: alo,
                hi: ahi,
                context: ac,
                scope: asc,
                people: ap,
                dim,
            },
            Detail::Quantity {
                lo: blo,
                hi: bhi,
                context: bc,
                scope: bsc,
                people: bp,
                ..
            },
            Slot::Quantity { counted, .. },
        ) = (&a.detail, &b.detail, &a.slot)
        else {
            return Verdict::Agree;
        };
        let other_people = !ap.is_empty() && !bp.is_empty() && !ap.iter().any(|p| bp.contains(p));
        let scoped = scopes_comparable(asc, bsc, (*blo, *bhi), (*alo, *ahi)) == Some(true);
        if !scoped || other_people || !anchors_comparable(&a.anchor, &b.anchor) {
            return Verdict::Agree;
        }
        // the same counted word ("104 passengers", "about 140 passengers") with figures
        // near each other names one slot of the story without help from the words
        // around it; otherwise the words around the figures must agree: a sum of money
        // needs more of them; rates ("cubic metres per second") are specific enough with
        // one; a bare measure (a span of time, a depth, a share) needs the most, since a
        // story measures many things in one unit and only its words say which
        let near = near_misreport((*alo, *ahi), (*blo, *bhi));
        let needed =
            if across && !counted.is_bare() && same_counted_word(&a.subject, &b.subject) && near {
                0
            } else if !counted.is_bare() {
                1
            } else if is_money(dim) {
                if near { 1 } else { 2 }
            } else if dim.ends_with("/s") {
                1
            } else if is_bare_measure(a) {
                if near {
                    BARE_MEASURE_NEAR
                } else {
                    BARE_MEASURE_FAR
                }
            } else {
                return Verdict::Agree;
            };
        if overlap(ac, bc) < needed {
            return Verdict::Agree;
        }
        if ahi < blo || bhi < alo {
            Verdict::Hard
        } else {
            Verdict::Agree
        }
    }

    fn summary(&self, first: &Fact, _pair: (&Fact, &Fact), values: &[String]) -> String {
        format!("{} differs: {}", first.subject, values.join(" vs "))
    }
}

/// Scopes of two figures allow comparing them. A part of a whole ("three of the six")
/// agrees with a figure equal to that whole, and is otherwise an ordinary figure.
fn scopes_comparable(
    asc: &Scope,
    bsc: &Scope,
    (blo, bhi): (f64, f64),
    (alo, ahi): (f64, f64),
) -> Option<bool> {
    match (asc.whole(), bsc.whole()) {
        (Some(w), _) if blo <= w && w <= bhi => None,
        (_, Some(w)) if alo <= w && w <= ahi => None,
        (Some(_), Some(_)) => Some(true),
        (Some(_), None) => Some(bsc.is_plain()),
        (None, Some(_)) => Some(asc.is_plain()),
        (None, None) => Some(asc == bsc),
    }
}

/// How many words of `a` stand in `b` (the shared context of two figures).
pub(crate) fn overlap(a: &[String], b: &[String]) -> usize {
    a.iter().filter(|x| b.contains(x)).count()
}

/// Time anchors of two figures allow comparing them: running tallies only with the
/// same tally point, weekdays only with the same weekday (or none).
fn anchors_comparable(a: &Option<Anchor>, b: &Option<Anchor>) -> bool {
    match (a, b) {
        // "now" is each report's own moment: two reports' current counts may both be true
        (Some(Anchor::Tally(Tally::Now)), Some(Anchor::Tally(Tally::Now))) => false,
        (Some(x), Some(y)) => x == y,
        (Some(x), None) | (None, Some(x)) => !x.is_tally(),
        (None, None) => true,
    }
}

/// Shared words around two bare measures of one unit (no counted noun: "lasted about
/// two hours", "turnout was 41 percent") that pin them to one slot, when their values are
/// near each other and when they are far apart.
const BARE_MEASURE_NEAR: usize = 2;
const BARE_MEASURE_FAR: usize = 3;

/// A figure with a unit and nothing counted that is no sum, rate or span of time ("a
/// turnout of 41 percent", "water two metres deep"). Spans of time are left out: a report
/// may give a running count ("for 108 days") or one of several offers' lengths.
pub(crate) fn is_bare_measure(f: &Fact) -> bool {
    matches!(&f.slot, Slot::Quantity { dim, counted } if counted.is_bare()
        && dim != "count" && dim != "duration" && !is_money(dim) && !dim.ends_with("/s"))
}

/// A figure in a currency: currencies are the dimensions written with three letters.
fn is_money(dim: &str) -> bool {
    dim.len() == 3 && dim != "pct"
}

/// The counted words of two figures end in the same word, plural or possessive aside
/// ("passengers" and "passenger's"; "registered voters" and "voters").
fn same_counted_word(a: &str, b: &str) -> bool {
    let last = |s: &str| {
        let w = s.rsplit(' ').next().unwrap_or("");
        stem(w)
    };
    !a.is_empty() && last(a) == last(b)
}

/// Two figures close enough to be one slot misreported (71.3 and 73.1; 104 and "about
/// 140"), not figures of different scopes (a region's 7,600 and a country's 121,300)
/// that share a counted word.
fn near_misreport((alo, ahi): (f64, f64), (blo, bhi): (f64, f64)) -> bool {
    let mid = |lo: f64, hi: f64| if hi.is_finite() { (lo + hi) / 2.0 } else { lo };
    let (x, y) = (mid(alo, ahi), mid(blo, bhi));
    let (small, big) = if x < y { (x, y) } else { (y, x) };
    small > 0.0 && big / small <= 1.5
}

fn extract(s: &Sent) -> Vec<Fact> {
    let toks = &s.tokens;
    let mut out = Vec::new();
    let figs = numbers::figures(toks);
    // the hour and minutes of a clock time ("at 5:17 a.m.") are not amounts
    let clocks = super::clock::clocks(toks);
    for (fi, f) in figs.iter().enumerate() {
        if f.is_year
            || s.quoted[f.num_first]
            || clocks
                .iter()
                .any(|c| c.first <= f.num_first && f.num_first <= c.last)
        {
            continue;
        }
        // the words around a figure stop at its neighbours of the same dimension: in
        // "a levy of $2m and $90,000 in fees" the fees are the
        // second sum's, not the first's
        // (the words between two such figures go to the second from the break that
        // opens its clause: a comma or "and")
        // Sums only: a list of counts of one noun ("14 on the east line and 9 on the
        // west line") shares its opening words, which must not pick one of its figures.
        let same_dim = |g: &&Figure| is_money(&f.dim) && g.dim == f.dim && !g.is_year;
        let opens = |t: &Token| t.text == "," || t.lower == "and" || t.text == ";";
        let from = figs[..fi].iter().rev().find(same_dim).map_or(0, |g| {
            (g.last + 1..f.first)
                .find(|&k| opens(&toks[k]))
                .map_or(g.last + 1, |k| k + 1)
        });
        let to = figs[fi + 1..]
            .iter()
            .find(same_dim)
            .map_or(toks.len() - 1, |g| {
                (f.last + 1..g.first)
                    .find(|&k| opens(&toks[k]))
                    .unwrap_or(g.first)
                    .saturating_sub(1)
            });
        let Some(fact) = one(s, f, figs.get(fi + 1), (from, to)) else {
            continue;
        };
        out.push(fact);
    }
    out
}

fn one(s: &Sent, f: &Figure, next: Option<&Figure>, (from, to): (usize, usize)) -> Option<Fact> {
    let toks = &s.tokens;
    let after = f.last + 1;
    // relative figures and multiples are not stated amounts
    if toks.get(after).is_some_and(|t| {
        matches!(
            t.lower,
            "times"
                | "above"
                | "below"
                | "higher"
                | "lower"
                | "up"
                | "down"
                | "year-old"
                | "percent-owned"
        )
    }) || toks
        .get(f.num_first + 1)
        .is_some_and(|t| t.lower.starts_with("year-old"))
        || (f.num_first > 0
            && matches!(
                toks[f.num_first - 1].lower,
                "aged" | "(" | "no." | "number" | "route" | "flight" | "page"
            ))
    {
        return None;
    }
    let mut scope = Scope::default();
    let mut noun: Option<(usize, usize)> = None;
    let mut of_total = false;
    // partitive: "212 of its 380 beds", "four of the climbers"
    if toks.get(after).is_some_and(|t| t.lower == "of") {
        let mut k = after + 1;
        if toks.get(k).is_some_and(|t| {
            matches!(
                t.lower,
                "the" | "its" | "their" | "these" | "those" | "his" | "her" | "them"
            )
        }) {
            k += 1;
        }
        k = skip_owner(toks, k);
        // "212 of its 380 beds": 212 beds; the 380 is the total
        if let Some(n) = next
            && n.first == k
        {
            k = n.last + 1;
            of_total = true;
            // "three of the six villages": three is a part of the six, so a report
            // of six is not another count
            scope.part = Part::OfWhole(n.lo);
        }
        noun = noun_after(toks, k);
    } else if f.dim == "count" || f.adjectival || f.dim == "pct" {
        noun = noun_after(toks, after);
    }
    // "a span of 85 metres": the noun before names what is measured. Not for a
    // sum of money: "a cost of €40m" and "€45m" are one sum whatever word a report
    // puts before it, so that word stays context, not a counted class
    if noun.is_none()
        && f.first >= 2
        && toks[f.first - 1].lower == "of"
        && noun_word(&toks[f.first - 2])
        && !is_money(&f.dim)
    {
        noun = Some((f.first - 2, f.first - 2));
    }
    // "Seven stayed in the clinic": a bare count as the subject counts people
    let bare_subject = noun.is_none()
        && f.dim == "count"
        && f.first == 0
        && toks
            .get(after)
            .is_some_and(|t| matches!(t.lower, "were" | "had" | "have"));
    // "killed four people", "injured 11", "17 were hurt": the dead and the hurt are
    // counted apart from everyone else, so a tally of one never meets the other
    let casualty = if f.dim == "count" {
        casualty_of(toks, f, noun)
    } else {
        None
    };
    if f.dim == "count" && noun.is_none() && !bare_subject && casualty.is_none() {
        return None;
    }
    // "of its N": a total of which another figure is part; so is "M of the N", and
    // "M of the club's N" (the owner named between the determiner and the total)
    let owner = owner_before(toks, f.first);
    if owner >= 2 && toks[owner - 2].lower == "of" {
        let det = toks[owner - 1].lower;
        let after_figure = owner >= 3
            && (toks[owner - 3].is_number()
                || numbers::word_value(toks[owner - 3].lower).is_some());
        if det == "its" || after_figure && matches!(det, "the" | "their" | "these" | "those") {
            scope.part = Part::Total;
        }
    }
    // "a village of about 900 people": the figure describes the village, not what
    // the story counts
    if noun.is_some()
        && f.first >= 3
        && toks[f.first - 1].lower == "of"
        && noun_word(&toks[f.first - 2])
    {
        // the head noun may carry modifiers: "a hillside village of 900 people"
        let head = f.first - 2;
        let article = (head.saturating_sub(3)..head)
            .rev()
            .take_while(|&j| noun_word(&toks[j]) || matches!(toks[j].lower, "a" | "an"))
            .any(|j| matches!(toks[j].lower, "a" | "an"));
        if article && !lexicon::AMOUNT_HEADS.contains(toks[head].lower) {
            scope.part = Part::Describes(toks[head].stem.to_string());
        }
    }
    // "four died and 17 were hurt" lists two tolls; neither is a part of the other
    if f.first >= 1 && casualty.is_none() && matches!(toks[f.first - 1].lower, "plus" | "and") {
        scope.part = Part::Some;
    }
    // "€30m upfront", "€5m in bonuses": one component of a larger sum
    if (after..=after + 1).any(|k| {
        toks.get(k)
            .is_some_and(|t| lexicon::COMPONENTS.contains(t.lower))
    }) {
        scope.part = Part::Some;
    }
    // "Smith won 14 delegates": one party's share, not the number at stake
    if (1..=2).any(|k| f.first >= k && lexicon::SHARE_VERBS.contains(toks[f.first - k].lower)) {
        scope.part = Part::Share;
    }
    let mut noun_words = Vec::new();
    if let Some((a, b)) = noun {
        for t in &toks[a..=b] {
            if of_total {
                break;
            }
            if PART_MODS.contains(&t.lower) {
                scope.part = Part::Some;
            } else if TOTAL_MODS.contains(&t.lower) && scope.part == Part::Plain {
                scope.part = Part::Total;
            }
        }
        noun_words = toks[a..=b].iter().map(|t| t.lower).collect();
    }
    let near = f.first.saturating_sub(6)..(f.last + 7).min(toks.len());
    for t in &toks[near] {
        match t.lower {
            "old" | "previous" | "former" | "earlier" => scope.eras.push(Era::Old),
            "new" => scope.eras.push(Era::New),
            _ => {}
        }
    }
    let counted = Counted {
        class: match noun_words.last() {
            Some(w) => noun_class(w),
            None if bare_subject || casualty.is_some() => "person".into(),
            None => String::new(),
        },
        casualty: casualty.map(|c| {
            if c == "dead" {
                Casualty::Dead
            } else {
                Casualty::Hurt
            }
        }),
    };
    // context: content stems near the figure, the counted noun left out
    let lo_i = f.first.saturating_sub(10).max(from.min(f.first));
    let hi_i = (f.last + 10).min(toks.len() - 1).min(to.max(f.last));
    let mut context: Vec<String> = Vec::new();
    for (i, t) in toks.iter().enumerate().take(hi_i + 1).skip(lo_i) {
        if (f.first..=f.last).contains(&i) || noun.is_some_and(|(a, b)| (a..=b).contains(&i)) {
            continue;
        }
        if weekday(t.lower).is_some() {
            continue;
        }
        if let Some(st) = content_stem(t)
            && !context.contains(&st)
        {
            context.push(st);
        }
    }
    if let Some(c) = casualty {
        context.push(format!("casualty:{c}"));
    }
    let anchor = anchor_of(toks, f);
    let (mut lo, mut hi) = f.interval();
    // a round figure ("20,000 fans") is a rounding unless stated as exact
    if f.hedge.is_none() && f.lo == f.hi && f.lo >= 1000.0 && f.lo % 1000.0 == 0.0 {
        lo = f.lo * 0.95;
        hi = f.lo * 1.05;
    }
    let end = noun.map(|(_, b)| b).unwrap_or(f.last).max(f.last);
    let start = noun.map(|(a, _)| a).unwrap_or(f.first).min(f.first);
    let span = s.span_of(start, end);
    let value = s.span_of(f.first, f.last).text(s.text).to_string();
    let subject = if noun_words.is_empty() {
        match casualty {
            Some(c) => format!("people {c}"),
            None => f.dim.clone(),
        }
    } else {
        noun_words.join(" ")
    };
    Some(Fact {
        evidence: span,
        kind: FactKind::Quantity,
        subject,
        slot: Slot::Quantity {
            dim: f.dim.clone(),
            counted,
        },
        value,
        positive: true,
        hedged: f.hedge.is_some(),
        anchor,
        detail: Detail::Quantity {
            lo,
            hi,
            dim: f.dim.clone(),
            context,
            scope,
            people: s.people.iter().map(|m| m.name.clone()).collect(),
        },
    })
}

/// Longest possessive owner this side of a figure: "the club's" in "of the club's 40
/// players" is one to three words ending in a possessive.
const OWNER_MAX: usize = 3;

fn is_possessive(t: &Token) -> bool {
    lexicon::strip_possessive(t.lower).len() < t.lower.len() && t.lower.ends_with('s')
}

/// After a partitive's determiner at `k`: the index past a possessive owner ("of the
/// club's 40 players"), or `k` when none stands there.
fn skip_owner(toks: &[Token], k: usize) -> usize {
    (k..(k + OWNER_MAX).min(toks.len()))
        .take_while(|&j| noun_word(&toks[j]))
        .find(|&j| is_possessive(&toks[j]))
        .map_or(k, |j| j + 1)
}

/// Before a figure at `first`: the index where a possessive owner ending just before
/// it starts ("the club's 40": the owner's first word), or `first` when none does.
fn owner_before(toks: &[Token], first: usize) -> usize {
    if first == 0 || !is_possessive(&toks[first - 1]) {
        return first;
    }
    let mut j = first - 1;
    while j > 0 && first - j < OWNER_MAX && noun_word(&toks[j - 1]) && !is_possessive(&toks[j - 1])
    {
        j -= 1;
    }
    j
}

/// Casualty words and phrases with their class ("dead" or "hurt"), longest first.
static CASUALTIES: Lazy<Vec<(Vec<&'static str>, &'static str)>> = Lazy::new(|| {
    let mut v: Vec<(Vec<&'static str>, &'static str)> =
        lexicon::entries(include_str!("../../../assets/lexicon/facts/casualties.txt"))
            .filter_map(|l| {
                let (a, b) = l.split_once('|')?;
                let class = if b.trim() == "dead" { "dead" } else { "hurt" };
                Some((a.split_whitespace().collect(), class))
            })
            .collect();
    v.sort_by_key(|(s, _)| std::cmp::Reverse(s.len()));
    v
});

/// Casualty class of a single word: "dead" or "hurt".
fn casualty_word(w: &str) -> Option<&'static str> {
    CASUALTIES
        .iter()
        .find(|(seq, _)| seq.len() == 1 && seq[0] == w)
        .map(|(_, c)| *c)
}

/// Casualty class of a word or phrase starting at token `k` ("taken to the hospital").
fn casualty_at(toks: &[Token], k: usize) -> Option<&'static str> {
    CASUALTIES.iter().find_map(|(seq, class)| {
        let mut j = k;
        for (n, w) in seq.iter().enumerate() {
            // "taken to the hospital": an article before the phrase's last word
            if n + 1 == seq.len() && n > 0 && toks.get(j).is_some_and(|t| t.lower == "the") {
                j += 1;
            }
            if toks.get(j).is_none_or(|t| t.lower != *w) {
                return None;
            }
            j += 1;
        }
        Some(*class)
    })
}

/// Whether a counted figure is a toll of dead or hurt: the casualty verb right before
/// it ("injured 11") or right after it or its noun ("17 were hurt", "five people died").
fn casualty_of(toks: &[Token], f: &Figure, noun: Option<(usize, usize)>) -> Option<&'static str> {
    if f.first >= 1
        && let Some(c) = casualty_word(toks[f.first - 1].lower)
    {
        return Some(c);
    }
    let start = noun.map(|(_, b)| b + 1).unwrap_or(f.last + 1);
    for k in (start..toks.len()).take(4) {
        if let Some(c) = casualty_at(toks, k) {
            return Some(c);
        }
        let l = toks[k].lower;
        // auxiliaries and manner adverbs ("were slightly injured") stand between
        let between = matches!(
            l,
            "were" | "was" | "had" | "have" | "been" | "are" | "came" | "come" | "to" | "later"
        ) || (l.len() > 4 && l.ends_with("ly"));
        if !between {
            break;
        }
    }
    None
}

/// The figure is given as the new value of a changing count: right after "risen to"
/// ("climbed to over 300") or right before "up from" ("61 wards, up from 30"); the
/// other figure of such a sentence is the old value and stays as it is.
fn changed_value(toks: &[Token], f: &Figure) -> bool {
    (0..toks.len()).any(|i| {
        crate::analysis::lexicon::CHANGE_PHRASES.iter().any(|p| {
            let here = p
                .iter()
                .enumerate()
                .all(|(k, w)| toks.get(i + k).is_some_and(|t| t.lower == *w));
            let end = i + p.len();
            here && if p.last() == Some(&"from") {
                f.last < i && i - f.last <= 4
            } else {
                // the first figure after it ("rose to 11, 83 hurt": 83 is another count)
                f.first >= end
                    && f.first - end <= 2
                    && !toks[end..f.first].iter().any(|t| t.is_number())
            }
        })
    })
}

/// The happening a count of people is of: the toll it is of (the dead, the hurt: the
/// slot says which), else the first word around it of what befalls a group
/// (`people_events.txt`). `None` for a figure that counts no people or names no
/// happening.
fn people_event(f: &Fact) -> Option<&str> {
    let (Slot::Quantity { dim, counted }, Detail::Quantity { context, .. }) = (&f.slot, &f.detail)
    else {
        return None;
    };
    let head = f.subject.rsplit(' ').next().unwrap_or("");
    if dim != "count" || !(counted.class == "person" || PEOPLE.contains(head)) {
        return None;
    }
    if counted.casualty.is_some() {
        return Some("");
    }
    context
        .iter()
        .find_map(|w| PEOPLE_EVENTS.get(w.as_str()).copied())
}

/// Reports name one group of people by different nouns ("41 people" and "37
/// passengers" rescued from one cable car): a count of people for a happening is also
/// a count of persons for it, when its report gives no other value for the same
/// happening (`people_event`); a report that does (passengers and crew, each counted)
/// keeps its nouns apart. The figure keeps its own noun's slot as well, where it meets
/// the other reports' counts of that noun.
pub(super) fn pool_people_counts(facts: &mut Vec<Fact>) {
    let mut pooled = Vec::new();
    for (i, f) in facts.iter().enumerate() {
        let Some(e) = people_event(f) else {
            continue;
        };
        let alone = facts
            .iter()
            .enumerate()
            .all(|(j, g)| j == i || people_event(g) != Some(e) || interval_meets(f, g));
        let Slot::Quantity { dim, counted } = &f.slot else {
            continue;
        };
        // a toll's slot names its happening (the dead, the hurt); another count's
        // slot takes the happening's name
        let class = if e.is_empty() {
            "person".to_string()
        } else {
            format!("person {e}")
        };
        if alone && counted.class != class {
            let mut copy = f.clone();
            copy.slot = Slot::Quantity {
                dim: dim.clone(),
                counted: Counted {
                    class,
                    casualty: counted.casualty,
                },
            };
            pooled.push(copy);
        }
    }
    facts.extend(pooled);
}

/// Two quantities' ranges meet: they may state one value.
fn interval_meets(a: &Fact, b: &Fact) -> bool {
    match (&a.detail, &b.detail) {
        (Detail::Quantity { lo: al, hi: ah, .. }, Detail::Quantity { lo: bl, hi: bh, .. }) => {
            al <= bh && bl <= ah
        }
        _ => false,
    }
}

/// A figure stated once as a running tally ("now 40", "40, up from 25") is that tally
/// wherever the article repeats it (a headline's "40 cases"): the same value of the same
/// dimension in one article is one figure.
pub(super) fn spread_tallies(facts: &mut [Fact]) {
    let key = |f: &Fact| match (&f.kind, &f.detail) {
        // by the figure as written, so "about 40" and "40" are one figure
        (FactKind::Quantity, Detail::Quantity { lo, dim, .. }) => {
            let digits: String = f.value.chars().filter(char::is_ascii_digit).collect();
            Some((
                dim.clone(),
                if digits.is_empty() {
                    lo.to_string()
                } else {
                    digits
                },
            ))
        }
        _ => None,
    };
    let running: Vec<_> = facts
        .iter()
        .filter(|f| f.anchor == Some(Anchor::Tally(Tally::Now)))
        .filter_map(&key)
        .collect();
    if running.is_empty() {
        return;
    }
    // a weekday near a repeat is the day of the change ("extended on Friday to 40"),
    // not another count's day
    for f in facts
        .iter_mut()
        .filter(|f| f.anchor.as_ref().is_none_or(|a| !a.is_tally()))
    {
        if key(f).is_some_and(|k| running.contains(&k)) {
            f.anchor = Some(Anchor::Tally(Tally::Now));
        }
    }
}

/// The time a figure is stated for: a weekday in the sentence, or a running tally
/// ("by Wednesday evening", "so far", "over the two days") as a [`Tally`].
fn anchor_of(toks: &[Token], f: &Figure) -> Option<Anchor> {
    let mut cum = None;
    let accumulates = matches!(
        f.dim.as_str(),
        "count" | "mass" | "volume" | "eur" | "usd" | "gbp"
    );
    for (i, t) in toks.iter().enumerate() {
        let l = t.lower;
        let next = toks.get(i + 1).map(|t| t.lower).unwrap_or("");
        let next2 = toks.get(i + 2).map(|t| t.lower).unwrap_or("");
        let marker = match l {
            "by" | "until" | "till" => match (weekday(next), next) {
                (Some(d), _) => Some(Tally::ByDay(d)),
                (None, "the") if matches!(next2, "end" | "afternoon" | "evening" | "morning") => {
                    Some(Tally::ByThe(next2.to_string()))
                }
                _ => None,
            },
            "so" if next == "far" => Some(Tally::SoFar),
            // "In all, 47 were hurt": a running total
            // (not "in all competitions")
            "in" if matches!(next, "all" | "total") && next2 == "," => Some(Tally::Total),
            "now" => Some(Tally::Now),
            "over" | "across" | "in" if next == "the" && numbers::word_value(next2).is_some() => {
                Some(Tally::Over(next2.to_string()))
            }
            "total" | "overall" | "altogether" => Some(Tally::Total),
            _ => None,
        };
        if marker.is_some() && cum.is_none() {
            cum = marker;
        }
    }
    if cum.is_none() && changed_value(toks, f) {
        cum = Some(Tally::Now);
    }
    if let Some(t) = cum.filter(|_| accumulates) {
        return Some(Anchor::Tally(t));
    }
    let mut best: Option<(usize, u32)> = None;
    for (i, t) in toks.iter().enumerate() {
        if let Some(d) = weekday(t.lower) {
            let dist = i.abs_diff(f.first);
            if best.is_none_or(|(bd, _)| dist < bd) {
                best = Some((dist, d));
            }
        }
    }
    best.map(|(_, d)| Anchor::Weekday(d))
}

#[cfg(test)]
mod tests {
    use crate::analysis::facts::slot::{Casualty, Part, Scope};
    use crate::analysis::facts::tests::article;
    use crate::analysis::facts::{FactKind, Slot, extract};
    use crate::text::TextModel;

    /// The one bare measure of a single-sentence report.
    fn measure(text: &str) -> crate::analysis::facts::Fact {
        let a = article(text);
        let m = TextModel::new(&a.text);
        let mut q: Vec<_> = extract(&a, &m, &[], &[])
            .into_iter()
            .filter(|f| f.kind == FactKind::Quantity)
            .collect();
        assert_eq!(q.len(), 1, "{q:?}");
        q.remove(0)
    }

    #[test]
    fn bare_measures_of_one_unit_are_compared_when_enough_words_around_them_agree() {
        use super::{ClaimKind, Quantities};
        use crate::analysis::conflicts::Verdict;
        let deep = measure("Floodwater in the Pellmoor underpass stood about three metres deep.");
        let shallow = measure(
            "Drivers said the Pellmoor underpass had floodwater barely 50 centimetres deep.",
        );
        assert_eq!(Quantities.compare(&deep, &shallow, true), Verdict::Hard);
        // values that can both be true
        let same =
            measure("The floodwater in the Pellmoor underpass was nearly three metres deep.");
        assert_eq!(Quantities.compare(&deep, &same, true), Verdict::Agree);
        // another length of the story: too few words shared
        let mast = measure("Engineers replaced a mast 50 centimetres shorter.");
        assert_eq!(Quantities.compare(&deep, &mast, true), Verdict::Agree);
        // far-apart values need one shared word more than near ones
        let far = measure("The Pellmoor ramp rose 20 metres.");
        let far2 = measure("Cyclists crossed the Pellmoor ramp after 75 metres of gravel.");
        assert_eq!(Quantities.compare(&far, &far2, true), Verdict::Agree);
        let near2 = measure("Cyclists crossed the Pellmoor ramp after 25 metres of gravel.");
        assert_eq!(Quantities.compare(&far, &near2, true), Verdict::Hard);
        // a span of time is no bare measure
        let span = measure("The Pellmoor underpass stayed shut for about three hours.");
        assert!(!super::is_bare_measure(&span));
        assert!(super::is_bare_measure(&deep));
    }

    #[test]
    fn a_figure_after_a_noun_of_amount_is_the_count_not_a_description() {
        let plain = scopes("The plant will shed 450 workers.");
        let cut = scopes("The plan means a cut of 450 workers.");
        let town = scopes("The storm hit a town of 450 workers.");
        assert_eq!(
            cut.first().map(|s| &s.1),
            plain.first().map(|s| &s.1),
            "{cut:?}"
        );
        assert_ne!(
            town.first().map(|s| &s.1),
            plain.first().map(|s| &s.1),
            "{town:?}"
        );
    }

    /// The anchors of the quantity claims of `text` whose value is `value`.
    fn anchors_of(text: &str, value: &str) -> Vec<Option<crate::analysis::facts::slot::Anchor>> {
        let a = article(text);
        let m = TextModel::new(&a.text);
        extract(&a, &m, &[], &[])
            .into_iter()
            .filter(|f| f.kind == FactKind::Quantity && f.value == value)
            .map(|f| f.anchor)
            .collect()
    }

    #[test]
    fn a_count_given_as_the_new_value_of_a_change_is_a_running_tally_throughout_the_article() {
        use crate::analysis::facts::slot::{Anchor, Tally};
        let a = article(
            "Flu spreads to 52 wards.\n\nThe outbreak has reached 52 wards, up from 30 on Monday, officials said.",
        );
        let m = TextModel::new(&a.text);
        let anchors: Vec<_> = extract(&a, &m, &[], &[])
            .into_iter()
            .filter(|f| f.kind == FactKind::Quantity && f.value.contains("52"))
            .map(|f| f.anchor)
            .collect();
        assert_eq!(anchors.len(), 2, "{anchors:?}");
        assert!(
            anchors
                .iter()
                .all(|x| *x == Some(Anchor::Tally(Tally::Now)))
        );
        // the old value of the change keeps its own anchor
        let a = article(
            "The depot held 12 buses at dawn before the number climbed to 40 buses by dusk.",
        );
        let m = TextModel::new(&a.text);
        let tallied: Vec<_> = extract(&a, &m, &[], &[])
            .into_iter()
            .filter(|f| f.kind == FactKind::Quantity)
            .map(|f| (f.value, f.anchor.is_some()))
            .collect();
        assert!(tallied.contains(&("12".to_string(), false)), "{tallied:?}");
        assert!(tallied.contains(&("40".to_string(), true)), "{tallied:?}");
        // only the first figure after the change is its new value
        let homes = anchors_of("Toll rose to 9, 14 homes flooded.", "14");
        assert_eq!(homes, vec![None]);
        // a list that was widened states its new length: a running tally too
        let ports = anchors_of(
            "The ban was widened to 23 ports after a second survey.",
            "23",
        );
        assert_eq!(ports, vec![Some(Anchor::Tally(Tally::Now))]);
        // a repeat with the day of the change is that tally too
        let boats = anchors_of(
            "Ferry fleet widened to 31 boats.\n\nThe council added two hulls on Friday, taking the fleet to 31 boats.",
            "31",
        );
        assert_eq!(boats.len(), 2, "{boats:?}");
        assert!(boats.iter().all(|x| *x == Some(Anchor::Tally(Tally::Now))));
    }

    #[test]
    fn the_words_around_a_figure_stop_at_the_next_figure_of_its_dimension() {
        use crate::analysis::facts::Detail;
        let a = article(
            "The tribunal fined the ferry line $2 million and told it to pay $90,000 in legal costs.",
        );
        let m = TextModel::new(&a.text);
        let ctx: Vec<_> = extract(&a, &m, &[], &[])
            .into_iter()
            .filter_map(|f| match f.detail {
                Detail::Quantity { context, .. } => Some((f.value, context)),
                _ => None,
            })
            .collect();
        let of = |v: &str| {
            ctx.iter()
                .find(|(x, _)| x.contains(v))
                .map(|(_, c)| c.clone())
        };
        let first = of("2 million").unwrap();
        let second = of("90,000").unwrap();
        assert!(first.iter().any(|w| w.starts_with("fin")), "{first:?}");
        assert!(
            !first.iter().any(|w| w.starts_with("cost") || w == "pay"),
            "{first:?}"
        );
        assert!(second.iter().any(|w| w.starts_with("cost")), "{second:?}");
        assert!(!second.iter().any(|w| w.starts_with("fin")), "{second:?}");
    }

    fn amounts(text: &str) -> Vec<String> {
        let a = article(text);
        let m = TextModel::new(&a.text);
        extract(&a, &m, &[], &[])
            .into_iter()
            .filter(|f| f.kind == FactKind::Quantity)
            .map(|f| f.value)
            .collect()
    }

    fn scopes(text: &str) -> Vec<(String, Scope)> {
        let a = article(text);
        let m = TextModel::new(&a.text);
        extract(&a, &m, &[], &[])
            .into_iter()
            .filter_map(|f| match f.detail {
                crate::analysis::facts::Detail::Quantity { scope, .. } => Some((f.value, scope)),
                _ => None,
            })
            .collect()
    }

    fn casualty(text: &str, value: &str) -> Option<Casualty> {
        let a = article(text);
        let m = TextModel::new(&a.text);
        extract(&a, &m, &[], &[])
            .into_iter()
            .find(|f| f.kind == FactKind::Quantity && f.value == value)
            .and_then(|f| match f.slot {
                Slot::Quantity { counted, .. } => counted.casualty,
                _ => None,
            })
    }

    /// The slots of a text's quantity claims.
    fn quantity_slots(text: &str) -> Vec<Slot> {
        let a = article(text);
        let m = TextModel::new(&a.text);
        extract(&a, &m, &[], &[])
            .into_iter()
            .filter(|f| f.kind == FactKind::Quantity)
            .map(|f| f.slot)
            .collect()
    }

    #[test]
    fn nouns_that_count_one_thing_share_a_slot() {
        let slots = quantity_slots;
        // an ownership stake and a share of the stock are one figure
        let stake = slots("A Norwegian fund bought a 30 per cent stake in the brewery.");
        let shares = slots("The fund now holds 45 per cent of the brewery's shares.");
        assert_eq!(stake.len(), 1, "{stake:?}");
        assert_eq!(stake, shares);
        // households and homes are one count of dwellings
        let households = slots("Flooding forced 2,300 households in Kelvara to boil their water.");
        let homes = slots("About 1,900 homes in Kelvara lost water.");
        assert_eq!(households.len(), 1, "{households:?}");
        assert_eq!(households, homes);
        // but a count of homes is not a count of stakes
        assert_ne!(homes, stake);
    }

    #[test]
    fn a_sum_of_money_is_one_slot_whatever_noun_stands_before_it() {
        let slots = quantity_slots;
        let a = slots("The bridge was built at a cost of €12 million.");
        let b = slots("The bridge cost €15 million to build.");
        assert_eq!(a, b);
        assert_eq!(a.len(), 1);
        // a measure keeps its noun: a depth is not a height
        let d = slots("The shaft reached a depth of 300 metres.");
        let h = slots("The tower reached a height of 300 metres.");
        assert_ne!(d, h);
    }

    #[test]
    fn a_count_taken_to_hospital_or_lightly_hurt_is_a_toll_of_the_hurt() {
        let t = "Five hikers were taken to the hospital after the storm.";
        assert_eq!(casualty(t, "Five"), Some(Casualty::Hurt));
        let t = "Two guards were slightly injured in the scuffle.";
        assert_eq!(casualty(t, "Two"), Some(Casualty::Hurt));
        let t = "Eight sailors were treated for hypothermia.";
        assert_eq!(casualty(t, "Eight"), Some(Casualty::Hurt));
        // taken somewhere else, or a verb that is no casualty
        let t = "Nine volunteers were taken to the station by bus.";
        assert_eq!(casualty(t, "Nine"), None);
        let t = "Six guards were quickly replaced.";
        assert_eq!(casualty(t, "Six"), None);
    }

    fn part(p: Part) -> Scope {
        Scope {
            part: p,
            eras: vec![],
        }
    }

    #[test]
    fn a_total_behind_an_owner_is_the_whole() {
        // the 40 is the league's whole; the seven a part of it
        let got = scopes("Seven of the league's 40 clubs voted against the plan.");
        assert!(
            got.iter()
                .any(|(v, s)| v == "Seven" && *s == part(Part::OfWhole(40.0))),
            "{got:?}"
        );
        assert!(
            got.iter()
                .any(|(v, s)| v == "40" && *s == part(Part::Total)),
            "{got:?}"
        );
        // no owner: still the plain partitive
        let got = scopes("Seven of the 40 clubs voted against the plan.");
        assert!(
            got.iter()
                .any(|(v, s)| v == "40" && *s == part(Part::Total)),
            "{got:?}"
        );
    }

    #[test]
    fn a_component_of_a_sum_is_a_part() {
        let got = scopes("The studio paid €30m upfront for the film rights.");
        assert!(
            got.iter()
                .any(|(v, s)| v == "€30m" && *s == part(Part::Some)),
            "{got:?}"
        );
        let got = scopes("The studio paid €5m in bonuses to the cast.");
        assert!(
            got.iter()
                .any(|(v, s)| v == "€5m" && *s == part(Part::Some)),
            "{got:?}"
        );
        // an ordinary sum stays unscoped
        let got = scopes("The studio paid €30m for the film rights.");
        assert!(
            got.iter().any(|(v, s)| v == "€30m" && s.is_plain()),
            "{got:?}"
        );
    }

    /// The counted class of the figure `value` in `text`.
    fn counted_class(text: &str, value: &str) -> Option<String> {
        let a = article(text);
        let m = TextModel::new(&a.text);
        extract(&a, &m, &[], &[])
            .into_iter()
            .find(|f| f.kind == FactKind::Quantity && f.value == value)
            .and_then(|f| match f.slot {
                Slot::Quantity { counted, .. } => Some(counted.class),
                _ => None,
            })
    }

    #[test]
    fn an_adverb_after_a_count_is_never_its_counted_noun() {
        // the adverb after "crew" or "people" is no part of what is counted
        let crew = counted_class(
            "The coastguard winched nine crew aboard the cutter.",
            "nine",
        );
        assert_eq!(crew.as_deref(), Some("crew"));
        let kept = counted_class("A gunman kept six people inside the pharmacy.", "six");
        assert_eq!(kept.as_deref(), Some("person"));
        // an adverb right after the figure: the count is of the hurt, not of "seriously"
        let text = "The gas blast at the bakery left three seriously hurt.";
        assert_eq!(counted_class(text, "three").as_deref(), Some("person"));
        assert_eq!(casualty(text, "three"), Some(Casualty::Hurt));
        // an ordinary noun phrase keeps its head
        let vans = counted_class("The depot lost eleven delivery vans overnight.", "eleven");
        assert_eq!(vans.as_deref(), Some("van"));
    }

    #[test]
    fn a_noun_of_people_ends_the_counted_phrase_and_a_casualty_word_is_no_noun() {
        // the verb after "people" is not what is counted
        let t = "Nineteen people remain inside the flooded arcade.";
        assert_eq!(counted_class(t, "Nineteen").as_deref(), Some("person"));
        // a plural after the noun of people is the head
        let t = "Six crew members signed a petition against the new rota.";
        assert_eq!(counted_class(t, "Six").as_deref(), Some("member"));
        // "wounded" right after a count is a toll of the hurt, not a noun
        let t = "A ranger was shot dead near Oskavi and three wounded.";
        assert_eq!(counted_class(t, "three").as_deref(), Some("person"));
        assert_eq!(casualty(t, "three"), Some(Casualty::Hurt));
        // "others" counts people
        let t = "One kayaker drowned and four others were injured.";
        assert_eq!(counted_class(t, "four").as_deref(), Some("person"));
        assert_eq!(casualty(t, "four"), Some(Casualty::Hurt));
    }

    #[test]
    fn counts_of_people_by_different_nouns_for_one_happening_share_a_slot() {
        let slots = quantity_slots;
        let people = slots("Crews rescued 41 people from the stalled gondola above Velmark.");
        let riders = slots("Crews rescued 37 riders from the stalled gondola above Velmark.");
        // people: their own slot (persons) and the happening's; riders: their own
        // noun's slot too
        assert_eq!(people.len(), 2, "{people:?}");
        assert_eq!(riders.len(), 2, "{riders:?}");
        assert_eq!(people[1], riders[1]);
        assert_ne!(people[0], riders[0]);
        // a report that counts two groups for the happening keeps its nouns apart
        let two = slots("Crews rescued 37 riders and four staff from the stalled gondola.");
        assert_eq!(two.len(), 2, "{two:?}");
        assert!(!two.contains(&people[1]), "{two:?}");
        // nothing befalls the riders: their own noun only
        let plain = slots("The gondola above Velmark carries 37 riders.");
        assert_eq!(plain, vec![riders[0].clone()]);
    }

    #[test]
    fn clock_times_are_not_amounts() {
        assert!(amounts("The ferry docked at 5:17 a.m. local time on Sunday.").is_empty());
        assert!(!amounts("The ferry carried 317 passengers on Sunday.").is_empty());
    }
}

//! Whether two facts with the same key can both be true.

use crate::analysis::facts::{Detail, Fact, clock};
use crate::analysis::lexicon;
use crate::analysis::names::fold;
use once_cell::sync::Lazy;

/// Countries and wider regions: they contain the cities and venues other reports name.
static REGIONS: Lazy<Vec<String>> = Lazy::new(|| {
    lexicon::entries(include_str!("../../../assets/lexicon/facts/regions.txt"))
        .map(fold)
        .collect()
});

/// The part of a figure's scope that says it is a part of a stated whole ("three of
/// the six"): the whole's value.
fn whole_of(scope: &str) -> Option<f64> {
    scope.strip_prefix("whole=")?.parse().ok()
}

/// Scopes of two figures allow comparing them. A part of a whole ("three of the six")
/// agrees with a figure equal to that whole, and is otherwise an ordinary figure.
fn scopes_comparable(
    asc: &str,
    bsc: &str,
    (blo, bhi): (f64, f64),
    (alo, ahi): (f64, f64),
) -> Option<bool> {
    match (whole_of(asc), whole_of(bsc)) {
        (Some(w), _) if blo <= w && w <= bhi => None,
        (_, Some(w)) if alo <= w && w <= ahi => None,
        (Some(_), Some(_)) => Some(true),
        (Some(_), None) => Some(bsc.is_empty()),
        (None, Some(_)) => Some(asc.is_empty()),
        (None, None) => Some(asc == bsc),
    }
}

/// Outcome of comparing two facts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Agree,
    Hard,
    Soft,
}

fn overlap(a: &[String], b: &[String]) -> usize {
    a.iter().filter(|x| b.contains(x)).count()
}

/// Time anchors of two figures allow comparing them: running tallies only with the
/// same tally point, weekdays only with the same weekday (or none).
fn anchors_comparable(a: &Option<String>, b: &Option<String>) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => x == y,
        (Some(x), None) | (None, Some(x)) => !x.starts_with("cum:"),
        (None, None) => true,
    }
}

/// A figure in a currency ("qty|eur|"): currencies are the dimensions written with
/// three letters.
fn is_money(key: &str) -> bool {
    key.split('|')
        .nth(1)
        .is_some_and(|d| d.len() == 3 && d != "pct")
}

/// The counted words of two figures end in the same word, plural or possessive aside
/// ("passengers" and "passenger's"; "registered voters" and "voters").
fn same_counted_word(a: &str, b: &str) -> bool {
    let last = |s: &str| {
        let w = s.rsplit(' ').next().unwrap_or("");
        crate::analysis::facts::tokens::stem(w)
    };
    !a.is_empty() && last(a) == last(b)
}

/// Whether two facts of one key (from two reports) can both be true.
/// Two figures close enough to be one slot misreported (71.3 and 73.1; 104 and "about
/// 140"), not figures of different scopes (a region's 7,600 and a country's 121,300)
/// that share a counted word.
fn near_misreport((alo, ahi): (f64, f64), (blo, bhi): (f64, f64)) -> bool {
    let mid = |lo: f64, hi: f64| if hi.is_finite() { (lo + hi) / 2.0 } else { lo };
    let (x, y) = (mid(alo, ahi), mid(blo, bhi));
    let (small, big) = if x < y { (x, y) } else { (y, x) };
    small > 0.0 && big / small <= 1.5
}

pub fn compare(a: &Fact, b: &Fact) -> Verdict {
    compare_slots(a, b, true)
}

/// [`compare`] for two facts of one report: figures of one counted word there are
/// one slot only when the words around them agree too (a report may count the same
/// word for several things: "12 trapped miners", "all 40 miners of the shift").
pub fn compare_within(a: &Fact, b: &Fact) -> Verdict {
    compare_slots(a, b, false)
}

fn compare_slots(a: &Fact, b: &Fact, across: bool) -> Verdict {
    match (&a.detail, &b.detail) {
        (Detail::Role(x), Detail::Role(y)) => {
            if x.compatible(y) {
                Verdict::Agree
            } else {
                Verdict::Hard
            }
        }
        (
            Detail::Quantity {
                lo: alo,
                hi: ahi,
                context: ac,
                scope: asc,
                people: ap,
                ..
            },
            Detail::Quantity {
                lo: blo,
                hi: bhi,
                context: bc,
                scope: bsc,
                people: bp,
                ..
            },
        ) => {
            let other_people =
                !ap.is_empty() && !bp.is_empty() && !ap.iter().any(|p| bp.contains(p));
            // one person's age is one slot
            if a.key.starts_with("age|") {
                return if ahi < blo || bhi < alo {
                    Verdict::Hard
                } else {
                    Verdict::Agree
                };
            }
            let scoped = scopes_comparable(asc, bsc, (*blo, *bhi), (*alo, *ahi)) == Some(true);
            if !scoped || other_people || !anchors_comparable(&a.anchor, &b.anchor) {
                return Verdict::Agree;
            }
            // without a counted noun only rates ("cubic metres per second") are
            // specific enough to compare
            // a sum of money is specific enough when the words around it agree more
            // the same counted word ("104 passengers", "about 140 passengers") with figures
            // near each other names one slot of the story without help from the words
            // around it
            let needed = if across
                && !a.key.ends_with('|')
                && same_counted_word(&a.subject, &b.subject)
                && near_misreport((*alo, *ahi), (*blo, *bhi))
            {
                0
            } else if !a.key.ends_with('|') {
                1
            } else if is_money(&a.key) {
                if near_misreport((*alo, *ahi), (*blo, *bhi)) {
                    1
                } else {
                    2
                }
            } else if a.key.contains("/s|") {
                1
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
        (
            Detail::When {
                weekday: Some(x),
                unanchored: ua,
            },
            Detail::When {
                weekday: Some(y),
                unanchored: ub,
            },
        ) => {
            if x == y {
                Verdict::Agree
            } else if *ua || *ub {
                Verdict::Soft
            } else {
                Verdict::Hard
            }
        }
        (
            Detail::Clock {
                minutes: ma,
                half_known: ha,
                tolerance: ta,
                zone: za,
                ..
            },
            Detail::Clock {
                minutes: mb,
                half_known: hb,
                tolerance: tb,
                zone: zb,
                ..
            },
        ) => {
            let at = |minutes: u32, half_known: bool, tolerance: u32, zone: &Option<String>| {
                clock::Clock {
                    first: 0,
                    last: 0,
                    minutes,
                    half_known,
                    tolerance,
                    zone: zone.clone(),
                }
            };
            if clock::compatible(&at(*ma, *ha, *ta, za), &at(*mb, *hb, *tb, zb)) {
                Verdict::Agree
            } else {
                Verdict::Hard
            }
        }
        (Detail::Place { place: x, near: nx }, Detail::Place { place: y, near: ny }) => {
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
        (Detail::Attendance { object: x }, Detail::Attendance { object: y }) => {
            if a.positive == b.positive {
                return Verdict::Agree;
            }
            for prefix in ["event:", "day:", "place:"] {
                let xa: Vec<&String> = x.iter().filter(|s| s.starts_with(prefix)).collect();
                let ya: Vec<&String> = y.iter().filter(|s| s.starts_with(prefix)).collect();
                if !xa.is_empty() && !ya.is_empty() && !xa.iter().any(|s| ya.contains(s)) {
                    return Verdict::Agree;
                }
            }
            Verdict::Hard
        }
        _ => Verdict::Agree,
    }
}

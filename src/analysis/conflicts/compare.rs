//! Whether two facts with the same key can both be true.

use crate::analysis::facts::{Detail, Fact};

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

pub fn compare(a: &Fact, b: &Fact) -> Verdict {
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
            if asc != bsc || other_people || !anchors_comparable(&a.anchor, &b.anchor) {
                return Verdict::Agree;
            }
            // without a counted noun only rates ("cubic metres per second") are
            // specific enough to compare
            if a.key.ends_with('|') && !a.key.contains("/s|") {
                return Verdict::Agree;
            }
            if overlap(ac, bc) < 1 {
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
        (Detail::Place { place: x }, Detail::Place { place: y }) => {
            let xs: Vec<&str> = x.split_whitespace().collect();
            let ys: Vec<&str> = y.split_whitespace().collect();
            if xs.iter().any(|w| ys.contains(w)) {
                Verdict::Agree
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

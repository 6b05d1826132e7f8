//! Whether two facts of one slot can both be true: each fact kind judges its own claims
//! (see [`crate::analysis::facts::kind`]).

use crate::analysis::facts::{Fact, kind};

/// Outcome of comparing two facts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Agree,
    Hard,
    Soft,
}

/// Two facts of one slot from two reports.
pub fn compare(a: &Fact, b: &Fact) -> Verdict {
    kind::compare(a, b, true)
}

/// [`compare`] for two facts of one report: figures of one counted word there are
/// one slot only when the words around them agree too (a report may count the same
/// word for several things: "12 trapped miners", "all 40 miners of the shift").
pub fn compare_within(a: &Fact, b: &Fact) -> Verdict {
    kind::compare(a, b, false)
}

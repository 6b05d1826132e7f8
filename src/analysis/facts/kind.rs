//! Fact kinds behind one trait: each kind finds its claims in a sentence, judges two
//! claims of one slot and words the reason of a conflict. A new kind is one type
//! implementing [`ClaimKind`] and one line in [`KINDS`].

use super::{Fact, FactKind, Sent};
use crate::analysis::conflicts::{ConflictKind, Verdict};

/// One kind of checkable statement.
pub(crate) trait ClaimKind: Sync {
    /// The kind of the facts it finds.
    fn kind(&self) -> FactKind;

    /// The conflict kind its disagreements are shown as.
    fn conflict(&self) -> ConflictKind;

    /// Its claims stated in one sentence.
    fn find(&self, s: &Sent) -> Vec<Fact>;

    /// Whether two claims of one slot can both be true; `across` when they come from two
    /// reports (one report may use a word for several things, so it needs more). Kinds
    /// not compared slot by slot keep the default: they never disagree here.
    fn compare(&self, a: &Fact, b: &Fact, across: bool) -> Verdict {
        let _ = (a, b, across);
        Verdict::Agree
    }

    /// Compared only across reports: one report rarely contradicts itself on these (two
    /// titles in one report are usually two posts held at once).
    fn cross_only(&self) -> bool {
        true
    }

    /// Compared slot by slot; kinds matched otherwise (negations against positive
    /// statements, quotations by their words) say `false`.
    fn by_slot(&self) -> bool {
        true
    }

    /// The one-line reason of a conflict: the first claim (for its subject), the first
    /// disagreeing pair and the distinct values.
    fn summary(&self, first: &Fact, pair: (&Fact, &Fact), values: &[String]) -> String {
        let _ = (first, pair);
        format!("reports differ: {}", values.join(" vs "))
    }
}

/// Every kind, in the order a sentence's facts are listed.
pub(crate) static KINDS: &[&dyn ClaimKind] = &[
    &super::roles::Roles,
    &super::quantities::Quantities,
    &super::ages::Ages,
    &super::events::Days,
    &super::events::Clocks,
    &super::events::Places,
    &super::events::Attendance,
    &super::polar::Negations,
    &super::quotes::Quotes,
];

/// The kind of a fact.
pub(crate) fn of(k: FactKind) -> &'static dyn ClaimKind {
    KINDS
        .iter()
        .copied()
        .find(|c| c.kind() == k)
        .expect("every fact kind is registered")
}

/// Two claims of one slot, judged by their kind.
pub(crate) fn compare(a: &Fact, b: &Fact, across: bool) -> Verdict {
    if a.kind != b.kind {
        return Verdict::Agree;
    }
    of(a.kind).compare(a, b, across)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_is_registered_once() {
        for k in FactKind::ALL {
            assert_eq!(KINDS.iter().filter(|c| c.kind() == k).count(), 1, "{k:?}");
        }
        assert_eq!(KINDS.len(), FactKind::ALL.len());
    }
}

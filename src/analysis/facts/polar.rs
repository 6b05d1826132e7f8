//! Negated statements outside quotations ("no permit was granted", "none of its
//! flights were cancelled"): the negated word and the clause's content stems.

use super::tokens::Token;
use super::{Detail, Fact, FactKind, Sent, content_stem};
use crate::analysis::lexicon;
use once_cell::sync::Lazy;
use std::collections::HashSet;

/// Words after a negation that make it no flat denial of a fact.
static NOT_FLAT: Lazy<HashSet<&'static str>> = Lazy::new(|| {
    lexicon::entries(include_str!(
        "../../../assets/lexicon/facts/negation_not_flat.txt"
    ))
    .collect()
});

pub fn is_negation(t: &Token) -> bool {
    t.is_negation()
}

fn clause_edge(t: &Token) -> bool {
    matches!(t.text, "," | ";" | ":" | "." | "—" | "(" | ")" | "?" | "!")
}

/// Negated statements as a fact kind: matched against positive statements of other
/// reports through their stems (see `conflicts::polar`), not slot by slot.
pub struct Negations;

impl super::kind::ClaimKind for Negations {
    fn kind(&self) -> FactKind {
        FactKind::Negation
    }

    fn conflict(&self) -> crate::analysis::conflicts::ConflictKind {
        crate::analysis::conflicts::ConflictKind::Negation
    }

    fn find(&self, s: &Sent) -> Vec<Fact> {
        extract(s)
    }

    fn cross_only(&self) -> bool {
        false
    }

    fn by_slot(&self) -> bool {
        false
    }
}

fn extract(s: &Sent) -> Vec<Fact> {
    let toks = &s.tokens;
    // conditionals and questions are not statements
    if toks
        .iter()
        .any(|t| matches!(t.lower, "if" | "unless" | "whether"))
        || toks.last().is_some_and(|t| t.text == "?")
    {
        return vec![];
    }
    let mut out = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        if !is_negation(t) || s.quoted[i] {
            continue;
        }
        // "not only", "no longer", "not yet known" are not flat negations of a fact
        if toks.get(i + 1).is_some_and(|n| NOT_FLAT.contains(n.lower)) {
            continue;
        }
        let mut a = i;
        while a > 0 && !clause_edge(&toks[a - 1]) {
            a -= 1;
        }
        let mut b = i;
        while b + 1 < toks.len() && !clause_edge(&toks[b + 1]) {
            b += 1;
        }
        let head = toks[i + 1..=b.max(i)]
            .iter()
            .filter(|t| {
                !matches!(
                    t.lower,
                    "yet" | "been" | "be" | "any" | "the" | "its" | "of"
                )
            })
            .find(|t| content_stem(t).is_some());
        // the negated word is a thing or an act, not a name ("not about Smith")
        let Some((hi, head)) = head
            .filter(|t| !t.is_capitalized())
            .and_then(|t| Some((t.span.start, content_stem(t)?)))
        else {
            continue;
        };
        let mut object: Vec<String> = Vec::new();
        for t in toks[i + 1..=b.max(i)].iter().filter(|t| t.span.start > hi) {
            if let Some(st) = content_stem(t)
                && st != head
                && !object.contains(&st)
            {
                object.push(st);
            }
        }
        let mut stems: Vec<String> = Vec::new();
        for t in &toks[a..=b] {
            if let Some(st) = content_stem(t)
                && !stems.contains(&st)
            {
                stems.push(st);
            }
        }
        if stems.len() < 3 || stems.len() > 12 {
            continue;
        }
        out.push(Fact {
            evidence: s.span_of(a, b),
            kind: FactKind::Negation,
            subject: head.clone(),
            slot: super::Slot::Negation { head: head.clone() },
            value: s.span_of(a, b).text(s.text).to_string(),
            positive: false,
            hedged: false,
            anchor: None,
            detail: Detail::Negation {
                head,
                stems,
                object,
            },
        });
    }
    out
}

//! A person's age as a report states it: "Anna Brant, 34, ...", "Anna Brant (34)",
//! "Anna Brant, aged 34", "34-year-old Anna Brant". One age per person and story is
//! one slot: two reports giving the same person two ages disagree.

use super::people::{Mention, person_key};
use super::{Detail, Fact, FactKind, Sent};

/// An age in years from a token ("34"), only plausible ages of a grown or young person.
fn years(w: &str) -> Option<f64> {
    let n: u32 = w.parse().ok()?;
    (1..=110).contains(&n).then_some(f64::from(n))
}

/// The age stated right after a mention: ", 34," / "(34)" / ", aged 34".
fn after(s: &Sent, m: &Mention) -> Option<(usize, f64)> {
    let t = |k: usize| s.tokens.get(m.last + k).map(|t| t.lower);
    match (t(1)?, t(2)?) {
        ("(", n) if t(3) == Some(")") => Some((m.last + 3, years(n)?)),
        (",", "aged") => Some((m.last + 3, years(t(3)?)?)),
        // "Anna Brant, the 34-year-old skipper"
        (",", "the" | "a") => {
            let n = t(3)?.strip_suffix("-year-old")?;
            Some((m.last + 3, years(n)?))
        }
        // "Anna Brant, 34, said": the age closes with a comma or the sentence ends
        (",", n) if matches!(t(3), Some("," | "." | ";")) => Some((m.last + 2, years(n)?)),
        _ => None,
    }
}

/// "34-year-old Anna Brant", "the 34-year-old driver Anna Brant".
fn before(s: &Sent, m: &Mention) -> Option<(usize, f64)> {
    let from = m.first.saturating_sub(3);
    (from..m.first).find_map(|k| {
        let w = s.tokens[k].lower;
        let n = w
            .strip_suffix("-year-old")
            .or_else(|| w.strip_suffix("-years-old"))?;
        Some((k, years(n)?))
    })
}

/// A person's stated age as a fact kind: one person has one age.
pub struct Ages;

impl super::kind::ClaimKind for Ages {
    fn kind(&self) -> FactKind {
        FactKind::Age
    }

    fn conflict(&self) -> crate::analysis::conflicts::ConflictKind {
        crate::analysis::conflicts::ConflictKind::Number
    }

    fn find(&self, s: &Sent) -> Vec<Fact> {
        extract(s)
    }

    fn compare(&self, a: &Fact, b: &Fact, _across: bool) -> crate::analysis::conflicts::Verdict {
        use crate::analysis::conflicts::Verdict;
        match (&a.detail, &b.detail) {
            (
                Detail::Quantity {
                    lo: alo, hi: ahi, ..
                },
                Detail::Quantity {
                    lo: blo, hi: bhi, ..
                },
            ) if ahi < blo || bhi < alo => Verdict::Hard,
            _ => Verdict::Agree,
        }
    }

    fn summary(&self, first: &Fact, _pair: (&Fact, &Fact), values: &[String]) -> String {
        format!("{} differs: {}", first.subject, values.join(" vs "))
    }
}

fn extract(s: &Sent) -> Vec<Fact> {
    let mut out = Vec::new();
    for m in &s.people {
        if s.quoted[m.first] {
            continue;
        }
        let found = after(s, m)
            .map(|(k, v)| (m.first, k, v))
            .or_else(|| before(s, m).map(|(k, v)| (k, m.last, v)));
        let Some((a, b, v)) = found else {
            continue;
        };
        out.push(Fact {
            evidence: s.span_of(a, b),
            kind: FactKind::Age,
            subject: m.name.clone(),
            slot: super::Slot::Age {
                person: person_key(&m.name),
            },
            value: format!("{v}"),
            positive: true,
            hedged: false,
            anchor: None,
            detail: Detail::Quantity {
                lo: v,
                hi: v,
                dim: "age".into(),
                context: vec![],
                scope: Default::default(),
                people: vec![m.name.clone()],
            },
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::analysis::facts::tests::article;
    use crate::analysis::facts::{FactKind, extract};
    use crate::text::TextModel;

    fn ages(text: &str) -> Vec<(String, String)> {
        let a = article(text);
        let m = TextModel::new(&a.text);
        extract(&a, &m, &[], &[])
            .into_iter()
            .filter(|f| f.kind == FactKind::Age)
            .map(|f| (f.subject, f.value))
            .collect()
    }

    #[test]
    fn ages_beside_a_name() {
        let want = vec![("Anna Brant".to_string(), "34".to_string())];
        assert_eq!(ages("The driver, Anna Brant, 34, was unhurt."), want);
        assert_eq!(ages("The driver Anna Brant (34) was unhurt."), want);
        assert_eq!(ages("The driver was Anna Brant, aged 34."), want);
        assert_eq!(ages("The 34-year-old Anna Brant was unhurt."), want);
        assert_eq!(
            ages("The driver was Anna Brant, the 34-year-old skipper."),
            want
        );
        // a count after a name is not an age
        assert!(ages("Anna Brant, 34 other drivers and a dog were unhurt.").is_empty());
    }
}

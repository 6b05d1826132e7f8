//! A person's age as a report states it: "Anna Brant, 34, ...", "Anna Brant (34)",
//! "Anna Brant, aged 34", "34-year-old Anna Brant". One age per person and story is
//! one slot: two reports giving the same person two ages disagree.

use super::people::{Mention, person_key};
use super::slot::Who;
use super::tokens::Token;
use super::{Detail, Fact, FactKind, Sent};
use crate::analysis::lexicon;
use once_cell::sync::Lazy;

/// Nouns for people besides the titles, with whether the noun is generic ("man").
static PERSON_NOUNS: Lazy<Vec<(&'static str, bool)>> = Lazy::new(|| {
    lexicon::entries(include_str!(
        "../../../assets/lexicon/facts/person_nouns.txt"
    ))
    .map(|l| (l.trim_end_matches('*'), l.ends_with('*')))
    .collect()
});

/// A lowercase noun for a person: `Some(true)` when generic ("man"), `Some(false)` for a
/// role or title ("driver"), `None` otherwise.
fn person_noun(t: &Token) -> Option<bool> {
    if t.is_capitalized() && t.lower != t.text {
        return None;
    }
    if let Some((_, generic)) = PERSON_NOUNS.iter().find(|(w, _)| *w == t.lower) {
        return Some(*generic);
    }
    lexicon::TITLES.contains(t.lower).then_some(false)
}

/// The age in a compound before a noun: "34-year-old" (one token) or "34-year" "old";
/// the age and the index of its last token.
fn compound_age(toks: &[Token], k: usize) -> Option<(f64, usize)> {
    let w = toks[k].lower;
    if let Some(n) = w
        .strip_suffix("-year-old")
        .or_else(|| w.strip_suffix("-years-old"))
    {
        return Some((years(n)?, k));
    }
    let n = w
        .strip_suffix("-year")
        .or_else(|| w.strip_suffix("-years"))?;
    toks.get(k + 1)
        .is_some_and(|t| t.lower == "old")
        .then_some(())?;
    Some((years(n)?, k + 1))
}

/// Whether a determiner or a possessive stands within two words before `k` ("the bus
/// driver", "its driver", "the van's driver").
fn determined(toks: &[Token], k: usize) -> bool {
    (k.saturating_sub(2)..k).any(|j| {
        let t = &toks[j];
        t.lower.ends_with("'s") || lexicon::NOUN_DETERMINERS.contains(t.lower)
    })
}

/// A unit of years after an age ("34 years", "34 year old"): the index of its last token.
fn years_unit(toks: &[Token], k: usize) -> Option<usize> {
    let t = toks.get(k)?;
    if !matches!(t.lower, "years" | "year") {
        return None;
    }
    Some(if toks.get(k + 1).is_some_and(|t| t.lower == "old") {
        k + 1
    } else {
        k
    })
}

/// Ages of unnamed people a report describes by a noun: "the 34-year-old skipper",
/// "the skipper (34)", "the skipper, 34,", "a skipper of 34 years", "the skipper, a
/// 34-year-old man". (first token, last token, noun index, age).
fn described(s: &Sent) -> Vec<(usize, usize, usize, f64)> {
    let toks = &s.tokens;
    let mut out = Vec::new();
    let role = |k: usize| toks.get(k).and_then(person_noun) == Some(false);
    for k in 0..toks.len() {
        if s.quoted[k] {
            continue;
        }
        // "the 34-year-old skipper": the noun follows, perhaps after one adjective
        if let Some((age, last)) = compound_age(toks, k) {
            let noun =
                (last + 1..(last + 3).min(toks.len())).find(|&j| person_noun(&toks[j]).is_some());
            let apposed_role = k >= 3
                && matches!(toks[k - 1].lower, "a" | "an")
                && toks[k - 2].text == ","
                && role(k - 3)
                && determined(toks, k - 3);
            let Some(j) = noun else {
                // "the tug's pilot, a 58-year-old, steered ...": the age of the pilot
                if apposed_role && toks.get(last + 1).is_none_or(|t| !t.is_capitalized()) {
                    out.push((k - 3, last, k - 3, age));
                }
                continue;
            };
            // a name right after is the named person's age ("the 34-year-old skipper Anna Brant")
            if toks.get(j + 1).is_some_and(|t| t.is_capitalized()) {
                continue;
            }
            if person_noun(&toks[j]) == Some(false) {
                out.push((k.saturating_sub(1), j, j, age));
            } else if apposed_role {
                // "the skipper, a 34-year-old man": the age of the skipper
                out.push((k - 3, j, k - 3, age));
            } else {
                // "a 34-year-old woman": the woman the report describes
                out.push((k.saturating_sub(1), j, j, age));
            }
            continue;
        }
        let Some(age) = years(toks[k].lower) else {
            continue;
        };
        let prev = |d: usize| k.checked_sub(d).map(|j| toks[j].lower);
        let next = |d: usize| toks.get(k + d).map(|t| t.lower);
        // "the skipper (34)", "the skipper, 34,"
        let bracketed = prev(1) == Some("(") && next(1) == Some(")");
        let apposed = prev(1) == Some(",") && matches!(next(1), Some("," | "." | ";"));
        if (bracketed || apposed) && k >= 2 && role(k - 2) && determined(toks, k - 2) {
            out.push((k - 2, k + usize::from(bracketed), k - 2, age));
        }
        // "a skipper of 34 years", "a woman of 34 year" (machine-translated copy)
        if prev(1) == Some("of")
            && let Some(end) = years_unit(toks, k + 1)
            && k >= 2
            && toks.get(k - 2).and_then(person_noun).is_some()
            && determined(toks, k - 2)
        {
            out.push((k - 2, end, k - 2, age));
        }
    }
    out
}

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
        // "Anna Brant, 34 years, said" (translated copy)
        (",", n) => {
            let end = years_unit(&s.tokens, m.last + 3)?;
            matches!(t(end - m.last + 1), Some("," | "." | ";") | None).then_some(())?;
            Some((end, years(n)?))
        }
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
    let mut named: Vec<(usize, usize)> = Vec::new();
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
        named.push((a, b));
        let who = Who::Named(person_key(&m.name));
        out.push(age_fact(
            s,
            (a, b),
            m.name.clone(),
            who,
            v,
            vec![m.name.clone()],
        ));
    }
    for (a, b, noun, v) in described(s) {
        let toks = &s.tokens;
        // "Anna Brant, the 34-year-old skipper": the named person's age, said once
        if named.iter().any(|&(na, nb)| a <= nb && na <= b) {
            continue;
        }
        let who = Who::Described(toks[noun].stem.to_string());
        let subject = format!("the {}", toks[noun].lower);
        out.push(age_fact(s, (a, b), subject, who, v, vec![]));
    }
    out
}

/// The fact of one stated age: tokens `a..=b` of the sentence state it.
fn age_fact(
    s: &Sent,
    (a, b): (usize, usize),
    subject: String,
    who: Who,
    v: f64,
    people: Vec<String>,
) -> Fact {
    Fact {
        evidence: s.span_of(a, b),
        kind: FactKind::Age,
        subject,
        slot: super::Slot::Age { who },
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
            people,
        },
    }
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

    #[test]
    fn ages_of_people_described_by_a_noun() {
        let want = vec![("the skipper".to_string(), "61".to_string())];
        assert_eq!(ages("The 61-year-old skipper was rescued."), want);
        assert_eq!(ages("The 61-year old skipper was rescued."), want);
        assert_eq!(ages("The skipper (61) was rescued."), want);
        assert_eq!(ages("The skipper, 61, was rescued."), want);
        assert_eq!(ages("A skipper of 61 years was rescued."), want);
        assert_eq!(ages("The skipper, a 61-year-old man, was rescued."), want);
        // a thing or a count after a noun is no such age
        assert!(ages("The 61-year-old bridge was closed.").is_empty());
        assert!(ages("The pilots, 61, and the crew were rescued.").is_empty());
    }

    #[test]
    fn ages_without_a_noun_of_their_own() {
        let mechanic = vec![("the mechanic".to_string(), "72".to_string())];
        // the age apposed to a noun a possessive determines, with no noun after it
        assert_eq!(
            ages("Nobody knew where the garage's mechanic, a 72-year-old, had gone."),
            mechanic
        );
        assert_eq!(ages("Its mechanic, a 72-year-old woman, fled."), mechanic);
        // "of N year(s)" after any noun for a person, as translated copy words it
        assert_eq!(ages("A mechanic of 72 year from Marrowby fled."), mechanic);
        let woman = vec![("the woman".to_string(), "72".to_string())];
        assert_eq!(ages("A 72-year-old woman waded ashore."), woman);
        // a name, then the age with its unit
        assert_eq!(
            ages("Tibor Quellane, 72 years, fled across the dunes."),
            vec![("Tibor Quellane".to_string(), "72".to_string())]
        );
        // a count of years worked is no age
        assert!(ages("Tibor Quellane, 72 years a mechanic, fled.").is_empty());
    }
}

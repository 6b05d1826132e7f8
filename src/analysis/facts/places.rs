//! Which place an event's place phrase names, as far as comparison goes: a place
//! inside another ("a village in X province", "Y, Z") must not conflict with a report
//! naming the smaller or the wider one, and the origin of a movement ("moved from a
//! camp in X") is not where the event happened.

use super::tokens::Token;
use crate::analysis::lexicon;
use crate::analysis::names::fold;
use once_cell::sync::Lazy;
use std::collections::HashSet;

static AREAS: Lazy<HashSet<&'static str>> = Lazy::new(|| {
    lexicon::entries(include_str!(
        "../../../assets/lexicon/facts/place_areas.txt"
    ))
    .collect()
});
static SETTLEMENTS: Lazy<HashSet<&'static str>> = Lazy::new(|| {
    lexicon::entries(include_str!(
        "../../../assets/lexicon/facts/place_settlements.txt"
    ))
    .collect()
});

/// The comparable place of an event ending at `eb` whose place words are `pa..=pb`,
/// given their folded value: `None` when the words name only an area around the
/// event's place or a movement's origin; otherwise the value with the wider places
/// written after it ("Y, Z" gives "y z"), so a report naming either agrees.
pub fn scoped(toks: &[Token], eb: usize, pa: usize, pb: usize, place: String) -> Option<String> {
    if origin(toks, eb, pa) || area(toks, pa, pb) || holds_smaller(toks, pa) {
        return None;
    }
    Some(match wider(toks, pb) {
        Some(w) => format!("{place} {w}"),
        None => place,
    })
}

/// "moved from a camp in X to Y": X is where the movement started.
fn origin(toks: &[Token], eb: usize, pa: usize) -> bool {
    toks.get(eb + 1..pa)
        .is_some_and(|between| between.iter().any(|t| t.lower == "from"))
}

/// "in X province", "in Y County": an area holding many places.
fn area(toks: &[Token], pa: usize, pb: usize) -> bool {
    let last = AREAS.contains(toks[pb].lower) && pb > pa;
    let next = toks.get(pb + 1).is_some_and(|t| AREAS.contains(t.lower));
    last || next
}

/// "a hamlet in X", "the town of Y in X", "Y in X": X holds the event's place.
fn holds_smaller(toks: &[Token], pa: usize) -> bool {
    if pa < 2 || toks[pa - 1].lower != "in" {
        return false;
    }
    let before = &toks[pa - 2];
    SETTLEMENTS.contains(before.lower) || (before.is_word() && before.is_capitalized())
}

/// "in Y, Z" (a capitalised run after a comma, followed by a break or a function
/// word): Z, folded.
fn wider(toks: &[Token], pb: usize) -> Option<String> {
    if toks.get(pb + 1)?.text != "," {
        return None;
    }
    let start = pb + 2;
    let mut end = start;
    while toks
        .get(end)
        .is_some_and(|t| t.is_word() && t.is_capitalized() && !t.is_number())
    {
        end += 1;
    }
    // "in Y, Smith said": a name before a verb is a speaker, not a wider place
    let closed = toks.get(end).is_none_or(|t| !t.is_word() || t.is_stop());
    (end > start && closed).then(|| {
        let words: Vec<&str> = toks[start..end].iter().map(|t| t.text).collect();
        fold(&words.join(" "))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Span;

    /// The scoped place of the first "in"/"at" phrase after word `ev` of `text`.
    fn scope(text: &str, ev: &str) -> Option<String> {
        let toks = super::super::tokens::tokenize(text, Span::new(0, text.len()));
        let eb = toks.iter().position(|t| t.lower == ev).unwrap();
        let pa = (eb..toks.len() - 1)
            .find(|&i| matches!(toks[i].lower, "in" | "at") && toks[i + 1].is_capitalized())
            .unwrap()
            + 1;
        let mut pb = pa;
        while toks.get(pb + 1).is_some_and(|t| t.is_capitalized()) {
            pb += 1;
        }
        let value = fold(
            &toks[pa..=pb]
                .iter()
                .map(|t| t.text)
                .collect::<Vec<_>>()
                .join(" "),
        );
        scoped(&toks, eb, pa, pb, value)
    }

    #[test]
    fn a_place_with_its_wider_place_agrees_with_either() {
        assert_eq!(
            scope(
                "The parade stalled in Quillmoor, Tarvish on Friday.",
                "stalled"
            )
            .as_deref(),
            Some("quillmoor tarvish")
        );
        // a name before a verb after the comma is a speaker
        assert_eq!(
            scope(
                "The parade stalled in Quillmoor, Ondrej Pask noted.",
                "stalled"
            )
            .as_deref(),
            Some("quillmoor")
        );
    }

    #[test]
    fn an_area_or_the_holder_of_a_smaller_place_is_not_the_place() {
        assert_eq!(
            scope("A barn burned in Ostrevan province overnight.", "burned"),
            None
        );
        assert_eq!(
            scope("A barn burned in Ostrevan County overnight.", "burned"),
            None
        );
        assert_eq!(
            scope("A barn burned in a hamlet in Ostrevan overnight.", "burned"),
            None
        );
        assert_eq!(
            scope("A barn burned near Lusk in Ostrevan overnight.", "burned"),
            None
        );
        assert_eq!(
            scope("A barn burned in Ostrevan overnight.", "burned").as_deref(),
            Some("ostrevan")
        );
    }

    #[test]
    fn the_origin_of_a_movement_is_not_the_place() {
        assert_eq!(
            scope(
                "The herd was shifted from a pen in Vellacourt to the hills.",
                "shifted"
            ),
            None
        );
    }
}

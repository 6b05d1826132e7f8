//! Same-slot alignment: claims are compared only when they are about one slot of one
//! event. Each rule has an invented example and a control that shows the rule is what
//! removes (or keeps) the conflict.

use crate::common::conflicts::{article, find, kinds};
use quotedesk::analysis::conflicts::ConflictKind;

#[test]
fn a_list_of_counts_in_one_report_is_not_one_slot() {
    let other = "Inspectors found 22 cracked pylons along the line.";
    let control = kinds("Inspectors found 14 cracked pylons along the line.", other);
    assert!(control.contains(&ConflictKind::Number), "{control:?}");
    let k = kinds(
        "Inspectors found 14 cracked pylons along the east line and 9 cracked pylons along the west line.",
        other,
    );
    assert!(!k.contains(&ConflictKind::Number), "{k:?}");
}

#[test]
fn two_meetings_of_one_report_are_two_slots() {
    let other = "The shareholders' meeting on Wednesday approved the merger.";
    let control = kinds(
        "The shareholders' meeting on Tuesday approved the merger.",
        other,
    );
    assert!(control.contains(&ConflictKind::DateTime), "{control:?}");
    let k = kinds(
        "The shareholders' meeting on Tuesday approved the merger. The audit panel held its own meeting on Friday.",
        other,
    );
    assert!(!k.contains(&ConflictKind::DateTime), "{k:?}");
}

#[test]
fn a_report_contradicting_itself_on_one_named_slot_is_a_conflict() {
    let a = article(
        "a.txt",
        "The river peaked in Lindau on Monday afternoon. Residents said the peak in Lindau came on Tuesday morning instead.",
        None,
    );
    let b = article("b.txt", "Volunteers filled sandbags all week.", None);
    let found = find(&[a.clone(), b.clone()]);
    let within: Vec<_> = found
        .iter()
        .filter(|c| c.kind == ConflictKind::DateTime)
        .collect();
    assert_eq!(within.len(), 1, "{found:?}");
    assert!(within[0].claims.iter().all(|c| c.article == "a.txt"));
    // without a shared name the two days may be two events
    let a2 = article(
        "a.txt",
        "The river peaked on Monday afternoon. The stream's peak came on Tuesday morning.",
        None,
    );
    let found = find(&[a2, b]);
    assert!(
        !found.iter().any(|c| c.kind == ConflictKind::DateTime),
        "{found:?}"
    );
}

#[test]
fn a_place_attaches_to_the_nearest_event_before_it() {
    let other = "The fire broke out in Brno early on Sunday.";
    let control = kinds("The fire broke out in Ostrava early on Sunday.", other);
    assert!(control.contains(&ConflictKind::Location), "{control:?}");
    let k = kinds(
        "The fire broke out early on Sunday, hours before the meeting in Ostrava.",
        other,
    );
    assert!(!k.contains(&ConflictKind::Location), "{k:?}");
}

#[test]
fn a_second_verb_phrase_takes_its_own_place() {
    let other = "The talks ended in Brno late on Sunday.";
    let k = kinds(
        "The talks ended late on Sunday and delegates are holding a dinner in Ostrava.",
        other,
    );
    assert!(!k.contains(&ConflictKind::Location), "{k:?}");
}

#[test]
fn a_month_is_not_a_march() {
    let k = kinds(
        "In March 2019, the council approved a housing project in Kessel.",
        "Thousands joined the march in Hollen against the plan.",
    );
    assert!(!k.contains(&ConflictKind::Location), "{k:?}");
}

#[test]
fn a_person_is_not_a_place() {
    let other = "Supporters cheered at the rally in Kessel.";
    let control = kinds("Supporters cheered at the rally in Hollen.", other);
    assert!(control.contains(&ConflictKind::Location), "{control:?}");
    let k = kinds(
        "Mayor Anna Brandt spoke first. Supporters cheered at the rally in Brandt.",
        other,
    );
    assert!(!k.contains(&ConflictKind::Location), "{k:?}");
}

#[test]
fn a_share_someone_won_is_not_the_total_at_stake() {
    let other = "The state convention awarded 23 delegates on Saturday.";
    let control = kinds(
        "The state convention awarded 14 delegates on Saturday.",
        other,
    );
    assert!(control.contains(&ConflictKind::Number), "{control:?}");
    let k = kinds(
        "Ortiz won 14 delegates at the state convention on Saturday.",
        other,
    );
    assert!(!k.contains(&ConflictKind::Number), "{k:?}");
}

#[test]
fn a_later_report_with_a_higher_toll_is_an_update() {
    let early = "Nine people were injured in the blast at the depot.";
    let late = "Fourteen people were injured in the blast at the depot.";
    let found = find(&[
        article("a.txt", early, Some("2026-03-02T08:00:00+01:00")),
        article("b.txt", late, Some("2026-03-03T08:00:00+01:00")),
    ]);
    assert!(
        !found.iter().any(|c| c.kind == ConflictKind::Number),
        "{found:?}"
    );
    // a toll that falls in the later report is a disagreement
    let found = find(&[
        article("a.txt", late, Some("2026-03-02T08:00:00+01:00")),
        article("b.txt", early, Some("2026-03-03T08:00:00+01:00")),
    ]);
    assert!(
        found.iter().any(|c| c.kind == ConflictKind::Number),
        "{found:?}"
    );
}

#[test]
fn a_relayed_quotation_is_not_attributed_twice() {
    let words =
        "the plant will stay open for as long as our customers still need the parts we make";
    let b = format!(
        "“{}{},” Tomas Berger told staff.",
        &words[..1].to_uppercase(),
        &words[1..]
    );
    let control = kinds(
        &format!(
            "“{}{},” Petra Novak told staff.",
            &words[..1].to_uppercase(),
            &words[1..]
        ),
        &b,
    );
    assert!(
        control.contains(&ConflictKind::QuoteAttribution),
        "{control:?}"
    );
    let k = kinds(
        &format!(
            "“Tomas Berger’s promise that “{words}” means nothing to us,” union leader Petra Novak said."
        ),
        &b,
    );
    assert!(!k.contains(&ConflictKind::QuoteAttribution), "{k:?}");
}

#[test]
fn spelling_variants_of_one_name_are_not_two_speakers() {
    let q = "“We will rebuild every house on this street before the winter comes,”";
    let control = kinds(
        &format!("{q} said Reinhold Vasquez."),
        &format!("{q} said Tomas Lindgren."),
    );
    assert!(
        control.contains(&ConflictKind::QuoteAttribution),
        "{control:?}"
    );
    let k = kinds(
        &format!("{q} said Reinhold Vasquez."),
        &format!("{q} said Reinold Vasquez."),
    );
    assert!(!k.contains(&ConflictKind::QuoteAttribution), "{k:?}");
}

#[test]
fn a_report_giving_two_values_of_one_bare_measure_is_not_compared() {
    let other = "Officials said turnout in the Brellin district vote was 48 percent.";
    let control = kinds(
        "Turnout in the Brellin district vote reached 62 percent, officials said.",
        other,
    );
    assert!(control.contains(&ConflictKind::Number), "{control:?}");
    // the report measures two turnouts: nothing says which one the other report means
    let k = kinds(
        "Turnout in the Brellin district vote reached 62 percent, officials said. In the Brellin harbour ward the district vote drew 55 percent.",
        other,
    );
    assert!(!k.contains(&ConflictKind::Number), "{k:?}");
}

//! Reported speech (indirect quotes) on invented sentences: which clauses are speech and
//! where the span runs. One sentence per pattern, written for this file.

use crate::common::quotes::{Got, run};
use quotedesk::analysis::QuoteKind;

fn indirect<'a>(got: &'a [Got], start: &str) -> Option<&'a Got> {
    got.iter()
        .find(|g| g.kind == QuoteKind::Indirect && g.text.starts_with(start))
}

#[test]
fn reported_clause_may_hold_a_partial_quotation() {
    let g = run(
        "Mirela Dancu said the new quay at Oskarvik was “years overdue” and would cost \
         far more than the board had planned.",
    );
    let q = indirect(&g, "the new quay").expect("the reported clause");
    assert!(q.text.ends_with("the board had planned"), "{:?}", q.text);
    assert_eq!(q.speaker.as_deref(), Some("Mirela Dancu"));
    let p = g
        .iter()
        .find(|x| x.text == "years overdue")
        .expect("the fragment");
    assert_eq!(p.kind, QuoteKind::Partial);
}

#[test]
fn a_clause_that_is_mostly_its_quotation_is_left_to_the_partial() {
    let g = run("Ilvana Brenholt said the plan was “a fantasy drawn up by people who never fish”.");
    assert!(
        indirect(&g, "the plan").is_none(),
        "{:?}",
        g.iter().map(|x| &x.text).collect::<Vec<_>>()
    );
    assert!(
        g.iter()
            .any(|x| x.kind == QuoteKind::Partial && x.text.starts_with("a fantasy"))
    );
}

#[test]
fn a_whole_quoted_sentence_is_never_inside_reported_speech() {
    let g = run("“The ferry sails at noon and not a minute later,” Tomas Pekkarin said.");
    assert!(g.iter().all(|x| x.kind != QuoteKind::Indirect));
}

#[test]
fn trailing_attribution_with_a_title_before_the_name() {
    let g = run("Two of the kilns cracked during the night, site foreman Aurel Vasko said.");
    let q = indirect(&g, "Two of the kilns").expect("the reported clause");
    assert_eq!(q.text, "Two of the kilns cracked during the night");
    assert_eq!(q.speaker.as_deref(), Some("Aurel Vasko"));
}

#[test]
fn trailing_attribution_followed_by_an_added_clause() {
    let g = run(
        "The lighthouse at Skarnvik will stay dark until spring, the Coastal Lights \
         Authority said on Friday, although volunteers have offered to run it by hand.",
    );
    let q = indirect(&g, "The lighthouse").expect("the reported clause");
    assert!(q.text.ends_with("until spring"), "{:?}", q.text);
}

#[test]
fn a_parenthetical_attribution_inside_the_sentence_is_not_a_trailing_one() {
    let g = run("The six new cabins, the warden said, would open to hikers in June.");
    assert!(indirect(&g, "The six new cabins").is_none());
}

#[test]
fn a_name_inside_a_phrase_before_a_verb_is_no_trailing_speaker() {
    let g = run(
        "Nine coaches sat idle after just four mechanics trained on the Brandt Motors engines reported sick.",
    );
    assert!(g.iter().all(|x| x.kind != QuoteKind::Indirect));
}

#[test]
fn a_clause_after_the_verb_is_the_speech_not_the_fronted_place() {
    let g = run(
        "At the bakery beside the old tram depot, owner Lisbet Varn said regulars had \
         asked about little else all week.",
    );
    assert!(indirect(&g, "At the bakery").is_none());
    let q = indirect(&g, "regulars had asked").expect("the reported clause");
    assert_eq!(q.speaker.as_deref(), Some("Lisbet Varn"));
}

#[test]
fn a_hedged_number_opens_the_reported_clause() {
    let g =
        run("Oona Pelkis, the county vet, said at least 70 sheep had drowned in the lower fields.");
    let q = indirect(&g, "at least 70 sheep").expect("the reported clause");
    assert_eq!(q.speaker.as_deref(), Some("Oona Pelkis"));
    let g = run("The dairy said about 3,000 litres were poured away on Sunday.");
    assert!(indirect(&g, "about 3,000 litres").is_some());
    // "announced about 40 layoffs": the number is the verb's object, no clause
    let g = run("The mill announced about 40 layoffs at its Tervola site.");
    assert!(g.iter().all(|x| x.kind != QuoteKind::Indirect));
}

#[test]
fn a_comma_after_said_before_a_clause_of_its_own() {
    let g = run("Inspector Halvard Rusk said, the bridge was never meant for lorries.");
    let q = indirect(&g, "the bridge was never").expect("the reported clause");
    assert_eq!(q.speaker.as_deref(), Some("Halvard Rusk"));
    let g = run("Whatever the inquiry says, the quarry will not reopen this decade.");
    assert!(g.iter().all(|x| x.kind != QuoteKind::Indirect));
}

#[test]
fn an_adverb_between_subject_and_verb() {
    let g = run("The clinic now says 41 patients have been moved to the annexe.");
    assert!(indirect(&g, "41 patients").is_some());
}

#[test]
fn an_indirect_question_is_no_reported_statement() {
    let g = run("The ferry line would not say how many crossings were lost to the gale.");
    assert!(g.iter().all(|x| x.kind != QuoteKind::Indirect));
    let g = run("Councillor Edda Marsk asked whether the bypass would ever be finished.");
    assert!(g.iter().all(|x| x.kind != QuoteKind::Indirect));
}

#[test]
fn told_a_gathering_somewhere_is_a_listener_not_a_clause() {
    let g = run("The curator told a seminar at the Halden museum on Monday about the loans.");
    assert!(g.iter().all(|x| x.kind != QuoteKind::Indirect));
    let g = run(
        "Bruno Vell told the anglers who had waited since dawn by the Rensby lock gates \
         that the weir would be rebuilt by autumn.",
    );
    let q = indirect(&g, "the weir would be rebuilt").expect("the reported clause");
    assert_eq!(q.speaker.as_deref(), Some("Bruno Vell"));
}

#[test]
fn according_to_a_source_with_a_relative_clause() {
    let g = run(
        "According to Saskia Morrow, who ran the survey, the dunes have lost a fifth of \
         their height.",
    );
    let q = indirect(&g, "the dunes have lost").expect("the reported clause");
    assert_eq!(q.speaker.as_deref(), Some("Saskia Morrow"));
}

#[test]
fn according_to_a_plain_noun_source_after_the_clause() {
    let g = run(
        "Two barns near Quellmoor had burned down by dawn, according to volunteer firefighters.",
    );
    let q = indirect(&g, "Two barns").expect("the reported clause");
    assert!(q.text.ends_with("by dawn"), "{:?}", q.text);
}

#[test]
fn according_to_a_plain_noun_source_before_the_clause() {
    let g = run(
        "According to coastguards, every crossing from Penmorrow was cancelled on Thursday evening.",
    );
    let q = indirect(&g, "every crossing").expect("the reported clause");
    assert!(q.text.ends_with("Thursday evening"), "{:?}", q.text);
}

#[test]
fn according_to_a_standard_is_no_source() {
    let g = run("The new footbridge over the Lenn was finished in May, according to plan.");
    assert!(indirect(&g, "The new footbridge").is_none());
}

#[test]
fn a_bare_plural_noun_is_the_subject_of_the_cue() {
    let g = run(
        "The river rose through the night, and harbour wardens said they had closed the \
         slipway at Carrowmere.",
    );
    let q = indirect(&g, "they had closed").expect("the reported clause");
    assert!(q.text.ends_with("at Carrowmere"), "{:?}", q.text);
    // a verb with an object, not a clause: "stewards added two extra gates"
    let g =
        run("The crowd grew after dusk, and stewards added two extra gates by the Keswold road.");
    assert!(g.iter().all(|x| x.kind != QuoteKind::Indirect));
}

#[test]
fn a_short_clause_with_a_pronoun_subject_is_a_statement() {
    let g = run("Asked about the fence, the Pelham bowling club said it had permission.");
    assert!(indirect(&g, "it had permission").is_some());
    let g = run("Asked about the fence, the Pelham bowling club said so.");
    assert!(g.iter().all(|x| x.kind != QuoteKind::Indirect));
}

//! Speaker merging across articles on hand-built entities (no extraction involved).

use quotedesk::analysis::speakers::SpeakerIndex;
use quotedesk::analysis::{ArticleAnalysis, Entity, EntityKind, Gender, Quote, QuoteKind};
use quotedesk::text::Span;

/// (name, aliases, roles, gender); every entity gets one quote.
type E<'a> = (&'a str, &'a [&'a str], &'a [&'a str], Option<Gender>);

fn analysis(entities: &[E]) -> ArticleAnalysis {
    let mut a = ArticleAnalysis::default();
    for (i, (name, aliases, roles, gender)) in entities.iter().enumerate() {
        a.entities.push(Entity {
            name: name.to_string(),
            aliases: aliases.iter().map(|s| s.to_string()).collect(),
            roles: roles.iter().map(|s| s.to_string()).collect(),
            kind: EntityKind::Person,
            gender: *gender,
            mentions: vec![],
        });
        a.quotes.push(Quote {
            span: Span::new(i * 10, i * 10 + 5),
            kind: QuoteKind::Direct,
            group: None,
            speaker: Some(i),
            mention: None,
            cue: None,
        });
    }
    a
}

fn org(name: &str) -> ArticleAnalysis {
    let mut a = analysis(&[(name, &[], &[], None)]);
    a.entities[0].kind = EntityKind::Organisation;
    a
}

fn same(idx: &SpeakerIndex, a: (&str, usize), b: (&str, usize)) -> bool {
    let x = idx.speaker_of(a.0, a.1).expect("speaker").key;
    let y = idx.speaker_of(b.0, b.1).expect("speaker").key;
    x == y
}

const F: Option<Gender> = Some(Gender::Female);
const M: Option<Gender> = Some(Gender::Male);

#[test]
fn variants_of_one_name_merge() {
    let mut idx = SpeakerIndex::new();
    idx.upsert(
        "a",
        Some("1"),
        &analysis(&[(
            "Health Minister Ana Müller",
            &["Müller"],
            &["Health Minister"],
            F,
        )]),
    );
    idx.upsert("b", Some("1"), &analysis(&[("Ana Mueller", &[], &[], F)]));
    idx.upsert(
        "c",
        Some("1"),
        &analysis(&[("Minister Mueller's", &[], &["minister"], None)]),
    );
    idx.upsert("d", Some("1"), &analysis(&[("Müller", &[], &[], None)]));
    assert!(same(&idx, ("a", 0), ("b", 0)));
    assert!(same(&idx, ("a", 0), ("c", 0)));
    assert!(same(&idx, ("a", 0), ("d", 0)));
    let s = idx.speaker_of("a", 0).unwrap();
    assert_eq!(s.name, "Ana Müller");
    assert_eq!(s.quotes.len(), 4);
    assert!(s.aliases.contains(&"Ana Mueller".to_string()));
    assert!(s.roles.contains(&"Health Minister".to_string()));
    assert_eq!(idx.speakers().len(), 1);
}

#[test]
fn transliterations_and_nicknames_merge() {
    let mut idx = SpeakerIndex::new();
    idx.upsert(
        "a",
        Some("1"),
        &analysis(&[("Pyotr Tchaikovsky", &[], &[], M)]),
    );
    idx.upsert(
        "b",
        Some("1"),
        &analysis(&[("Pyotr Chaikovsky", &[], &[], M)]),
    );
    idx.upsert(
        "c",
        Some("2"),
        &analysis(&[("William \"Bill\" Okafor", &[], &[], M)]),
    );
    idx.upsert("d", Some("2"), &analysis(&[("Bill Okafor", &[], &[], M)]));
    idx.upsert("e", Some("2"), &analysis(&[("W. Okafor", &[], &[], M)]));
    assert!(same(&idx, ("a", 0), ("b", 0)));
    assert!(same(&idx, ("c", 0), ("d", 0)));
    assert!(same(&idx, ("c", 0), ("e", 0)));
    assert!(!same(&idx, ("a", 0), ("c", 0)));
}

#[test]
fn people_sharing_a_surname_or_first_name_stay_apart() {
    let mut idx = SpeakerIndex::new();
    idx.upsert(
        "a",
        Some("1"),
        &analysis(&[
            ("Anne Smith", &[], &["mayor"], F),
            ("Jane Smith", &[], &["nurse"], F),
        ]),
    );
    idx.upsert("b", Some("1"), &analysis(&[("Anne Jones", &[], &[], F)]));
    // Ambiguous surname-only mention in the same story: stays on its own.
    idx.upsert("c", Some("1"), &analysis(&[("Smith", &[], &[], None)]));
    // A title settles it.
    idx.upsert(
        "d",
        Some("1"),
        &analysis(&[("Mayor Smith", &[], &["Mayor"], None)]),
    );
    assert!(!same(&idx, ("a", 0), ("a", 1)));
    assert!(!same(&idx, ("a", 0), ("b", 0)));
    assert!(!same(&idx, ("c", 0), ("a", 0)));
    assert!(!same(&idx, ("c", 0), ("a", 1)));
    assert!(same(&idx, ("d", 0), ("a", 0)));
    assert_eq!(idx.speakers().len(), 4);
}

#[test]
fn surname_only_joins_only_within_its_story() {
    let mut idx = SpeakerIndex::new();
    idx.upsert(
        "a",
        Some("1"),
        &analysis(&[("Tomas Berglund", &[], &[], M)]),
    );
    idx.upsert("b", Some("2"), &analysis(&[("Berglund", &[], &[], None)]));
    assert!(!same(&idx, ("a", 0), ("b", 0)));
    idx.upsert("c", Some("1"), &analysis(&[("Berglund", &[], &[], None)]));
    assert!(same(&idx, ("a", 0), ("c", 0)));
    // Gender disagreement blocks a merge.
    idx.upsert(
        "d",
        Some("1"),
        &analysis(&[("Maria Berglund", &[], &[], F)]),
    );
    assert!(!same(&idx, ("a", 0), ("d", 0)));
}

#[test]
fn misspellings_merge_only_with_context() {
    let mut idx = SpeakerIndex::new();
    idx.upsert(
        "a",
        Some("1"),
        &analysis(&[("Ewa Kowalski", &[], &["spokeswoman for Vistra Rail"], F)]),
    );
    // Same story and the same role: a truncation and a misspelling join.
    idx.upsert(
        "b",
        Some("1"),
        &analysis(&[("Kowalsk", &[], &["spokesperson of Vistra Rail"], None)]),
    );
    idx.upsert("c", Some("1"), &analysis(&[("Ewa Kowalksi", &[], &[], F)]));
    // Another story, no shared context: stays apart.
    idx.upsert("d", Some("2"), &analysis(&[("Ewa Kowalsky", &[], &[], F)]));
    idx.upsert("e", Some("2"), &analysis(&[("Ewa Kowalskiy", &[], &[], F)]));
    assert!(same(&idx, ("a", 0), ("b", 0)));
    assert!(same(&idx, ("a", 0), ("c", 0)));
    // Kowalsky is a transliteration (y/i), the same name: merges anywhere.
    assert!(same(&idx, ("a", 0), ("d", 0)));
    assert!(!same(&idx, ("a", 0), ("e", 0)) || same(&idx, ("d", 0), ("e", 0)));
}

#[test]
fn organisations_merge_on_their_name() {
    let mut idx = SpeakerIndex::new();
    idx.upsert("a", Some("1"), &org("Vistra Rail"));
    idx.upsert("b", Some("1"), &org("Vistra Rail's"));
    idx.upsert("c", Some("1"), &org("Vistra Holdings"));
    assert!(same(&idx, ("a", 0), ("b", 0)));
    assert!(!same(&idx, ("a", 0), ("c", 0)));
    assert_eq!(
        idx.speaker_of("a", 0).unwrap().kind,
        EntityKind::Organisation
    );
}

#[test]
fn organisations_merge_without_legal_form_and_by_unambiguous_short_name() {
    let mut idx = SpeakerIndex::new();
    idx.upsert("a", Some("1"), &org("Brannock Foods plc"));
    idx.upsert("b", Some("1"), &org("Brannock Foods"));
    idx.upsert("c", Some("1"), &org("Brannock"));
    // another story: a different short-named body with a different full name
    idx.upsert("d", Some("2"), &org("Brannock Shipping Ltd"));
    idx.upsert("e", Some("2"), &org("Brannock Freight"));
    idx.upsert("f", Some("2"), &org("Brannock"));
    assert!(same(&idx, ("a", 0), ("b", 0)), "legal form dropped");
    assert!(same(&idx, ("a", 0), ("c", 0)), "short name of its story");
    assert!(!same(&idx, ("a", 0), ("d", 0)), "two bodies");
    assert!(!same(&idx, ("d", 0), ("e", 0)), "two bodies");
    assert!(
        !same(&idx, ("f", 0), ("d", 0)) && !same(&idx, ("f", 0), ("e", 0)),
        "a short name that fits two bodies of its story stays apart"
    );
    assert!(!same(&idx, ("c", 0), ("d", 0)));
}

#[test]
fn a_person_never_joins_an_organisation_of_the_same_name() {
    let mut idx = SpeakerIndex::new();
    idx.upsert("a", Some("1"), &org("Harlow Dairies AG"));
    idx.upsert("b", Some("1"), &analysis(&[("Harlow", &[], &[], None)]));
    idx.upsert("c", Some("1"), &analysis(&[("Mina Harlow", &[], &[], F)]));
    assert!(!same(&idx, ("a", 0), ("b", 0)));
    assert!(!same(&idx, ("a", 0), ("c", 0)));
}

#[test]
fn removal_and_update_keep_keys_stable() {
    let mut idx = SpeakerIndex::new();
    idx.upsert("a", Some("1"), &analysis(&[("Lena Farrow", &[], &[], F)]));
    idx.upsert("b", Some("1"), &analysis(&[("Farrow", &[], &[], None)]));
    idx.upsert("c", Some("1"), &analysis(&[("Lena Farrow", &[], &[], F)]));
    let key = idx.speaker_of("a", 0).unwrap().key;
    assert_eq!(idx.speaker_of("a", 0).unwrap().quotes.len(), 3);
    idx.remove("a");
    assert!(idx.speaker_of("a", 0).is_none());
    assert_eq!(idx.speaker_of("c", 0).unwrap().key, key);
    assert_eq!(idx.speaker_of("c", 0).unwrap().quotes.len(), 2);
    // Re-analysing an article keeps the speaker.
    idx.upsert(
        "c",
        Some("1"),
        &analysis(&[("Lena Farrow", &[], &["coach"], F)]),
    );
    let s = idx.speaker_of("c", 0).unwrap();
    assert_eq!(s.key, key);
    assert_eq!(s.roles, vec!["coach".to_string()]);
    idx.remove("b");
    idx.remove("c");
    assert!(idx.speakers().is_empty());
}

#[test]
fn speakers_lists_only_quoted_ones() {
    let mut idx = SpeakerIndex::new();
    let mut a = analysis(&[("Ivo Marin", &[], &[], M), ("Petra Marin", &[], &[], F)]);
    a.quotes.truncate(1);
    idx.upsert("a", None, &a);
    let list = idx.speakers();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].name, "Ivo Marin");
    assert!(idx.speaker_of("a", 1).is_some());
}

#[test]
fn a_surname_kept_apart_in_its_article_joins_the_other_person() {
    let mut idx = SpeakerIndex::new();
    idx.upsert(
        "a",
        Some("1"),
        &analysis(&[("Lars Eklund", &["Eklund"], &[], M)]),
    );
    // Article b names Mia Eklund and, separately, "Eklund": that one is not Mia.
    idx.upsert(
        "b",
        Some("1"),
        &analysis(&[
            ("Mia Eklund", &["Eklund"], &[], F),
            ("Eklund", &[], &[], None),
        ]),
    );
    assert!(same(&idx, ("a", 0), ("b", 1)));
    assert!(!same(&idx, ("a", 0), ("b", 0)));
    // "Eklund" alone names neither of two Eklunds: not kept as an alias.
    let s = idx.speaker_of("b", 0).unwrap();
    assert!(
        !s.aliases.contains(&"Eklund".to_string()),
        "{:?}",
        s.aliases
    );
}

#[test]
fn the_article_exclusion_covers_the_whole_person() {
    let mut idx = SpeakerIndex::new();
    idx.upsert(
        "a",
        Some("1"),
        &analysis(&[("Lars Eklund", &[], &[], M), ("Mia Eklund", &[], &[], F)]),
    );
    idx.upsert(
        "b",
        Some("1"),
        &analysis(&[("Mia Eklund", &[], &[], F), ("Eklund", &[], &[], None)]),
    );
    assert!(same(&idx, ("a", 1), ("b", 0)));
    assert!(same(&idx, ("a", 0), ("b", 1)));
}

#[test]
fn a_story_change_can_complete_a_merge() {
    let mut idx = SpeakerIndex::new();
    idx.upsert("a", Some("1"), &analysis(&[("Rosa Quint", &[], &[], F)]));
    idx.upsert("b", Some("2"), &analysis(&[("Quint", &[], &[], None)]));
    assert!(!same(&idx, ("a", 0), ("b", 0)));
    let key = idx.speaker_of("a", 0).unwrap().key;
    // Story 2 was folded into story 1.
    idx.set_story("b", Some("1"));
    assert!(same(&idx, ("a", 0), ("b", 0)));
    assert_eq!(idx.speaker_of("b", 0).unwrap().key, key);
    idx.set_story("missing", Some("1"));
}

#[test]
fn a_junior_is_not_his_father() {
    let mut idx = SpeakerIndex::new();
    idx.upsert(
        "a.txt",
        Some("t1"),
        &analysis(&[("Corran Vell", &[], &[], M)]),
    );
    idx.upsert(
        "b.txt",
        Some("t1"),
        &analysis(&[("Corran Vell Jr.", &[], &[], M)]),
    );
    idx.upsert(
        "c.txt",
        Some("t1"),
        &analysis(&[("Corran Vell", &[], &[], M)]),
    );
    assert!(!same(&idx, ("a.txt", 0), ("b.txt", 0)));
    assert!(same(&idx, ("a.txt", 0), ("c.txt", 0)));
}

#[test]
fn a_misspelt_surname_with_the_same_given_name_joins_within_its_story() {
    let mut idx = SpeakerIndex::new();
    idx.upsert(
        "a",
        Some("1"),
        &analysis(&[("Timur Kasymbaev", &[], &[], M)]),
    );
    idx.upsert(
        "b",
        Some("1"),
        &analysis(&[("Timur Kasymbayev", &[], &[], M)]),
    );
    // a vowel inserted early in the name ("ow"/"ouw") moves its sound key's start
    idx.upsert(
        "c",
        Some("1"),
        &analysis(&[("Liesbeth Drower", &[], &[], F)]),
    );
    idx.upsert(
        "d",
        Some("1"),
        &analysis(&[("Liesbeth Drouwer", &[], &[], F)]),
    );
    // another given name is another person
    idx.upsert(
        "e",
        Some("1"),
        &analysis(&[("Pieter Drouwer", &[], &[], M)]),
    );
    assert!(same(&idx, ("a", 0), ("b", 0)));
    assert!(same(&idx, ("c", 0), ("d", 0)));
    assert!(!same(&idx, ("d", 0), ("e", 0)));
}

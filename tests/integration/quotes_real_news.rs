//! Attribution and reported-speech patterns of real news copy, one invented sentence
//! each: the speaker must be a person or organisation mention (never an adverb, an
//! adjunct noun, a shouted headline or the listener), and reported speech needs a
//! reporting verb with a reported clause.

use crate::common::quotes::{find, run};
use quotedesk::analysis::{QuoteKind, quotes::extract};
use quotedesk::text::TextModel;

fn speaker_of(t: &str, start: &str) -> Option<String> {
    find(&run(t), start).speaker.clone()
}

#[test]
fn sentence_initial_adverb_is_not_a_speaker() {
    let t =
        "Immediately after the vote, Pereira issued a statement saying “we will appeal at once”.";
    assert_eq!(speaker_of(t, "we will appeal").as_deref(), Some("Pereira"));
}

#[test]
fn sentence_noun_phrase_ends_at_its_head() {
    let t = "The Ohio governor sought to reassure his donors, saying the deal would “hold up in any court”.";
    let s = speaker_of(t, "hold up").expect("a speaker");
    assert!(s.ends_with("governor"), "{s}");
}

#[test]
fn adjunct_noun_is_not_the_subject() {
    let t = "Okafor that winter said the bakery would “keep its ovens lit” for the village.";
    assert_eq!(speaker_of(t, "keep its ovens").as_deref(), Some("Okafor"));
    let t = "After Mrs. Pellow finished her talk labelling the budget “a mess of guesses”, the hall went quiet.";
    assert_eq!(speaker_of(t, "a mess of").as_deref(), Some("Pellow"));
}

#[test]
fn shouted_headline_words_are_not_a_name() {
    let t = "HARBOUR PLAN STALLS Brennick told reporters: “We will wait for the survey.”";
    assert_eq!(speaker_of(t, "We will wait").as_deref(), Some("Brennick"));
}

#[test]
fn name_before_the_colon_is_the_speaker() {
    let t = "Turnout fell again - Mira Castellanos: “The young stayed home this time.”";
    assert_eq!(
        speaker_of(t, "The young").as_deref(),
        Some("Mira Castellanos")
    );
}

#[test]
fn listener_before_the_colon_is_not_the_speaker() {
    let t = "Okonkwo told the Tribune: “We are ready for the count.”";
    assert_eq!(speaker_of(t, "We are ready").as_deref(), Some("Okonkwo"));
}

#[test]
fn name_modifying_a_noun_gives_way_to_the_appositive() {
    let t = "“We are tired of waiting,” said another Facebook user, Joana Prates.";
    assert_eq!(
        speaker_of(t, "We are tired").as_deref(),
        Some("Joana Prates")
    );
}

#[test]
fn name_after_a_modified_title() {
    let t = "“It will pass in the spring,” said Labour party boss Imre Szalai.";
    assert_eq!(
        speaker_of(t, "It will pass").as_deref(),
        Some("Imre Szalai")
    );
}

#[test]
fn dotted_initials_stay_in_the_name() {
    let t = "“The data is clear,” said K.T. Morrow, a fellow at the institute.";
    assert_eq!(
        speaker_of(t, "The data is clear").as_deref(),
        Some("K.T. Morrow")
    );
}

#[test]
fn possessive_name_is_not_the_subject() {
    let t = "Varga's campaign manager Lena Osterhout spoke on Friday, arguing that Varga had “never lost a debate”.";
    assert_eq!(
        speaker_of(t, "never lost").as_deref(),
        Some("Lena Osterhout")
    );
}

#[test]
fn an_earlier_clause_is_not_the_outer_reporter() {
    let t = "Although Kestrel often exaggerates, Moravec said Kestrel was “selling a dream to the valley”.";
    assert_eq!(speaker_of(t, "selling a dream").as_deref(), Some("Moravec"));
}

#[test]
fn noun_modified_by_an_organisation_speaks() {
    let t = "A Trafalgar Bank official who declined to be named said on Monday, “The talks are over for now.”";
    let s = speaker_of(t, "The talks are over").expect("a speaker");
    assert!(s.ends_with("official"), "{s}");
}

#[test]
fn interviewer_is_not_the_speaker() {
    let t = "Speaking to reporter Una Vail by phone, Tomas Brek conceded the race and added, “We start again on Monday.”";
    assert_eq!(
        speaker_of(t, "We start again").as_deref(),
        Some("Tomas Brek")
    );
}

#[test]
fn place_before_a_title_is_a_modifier_even_after_former() {
    let t = "Former Idaho governor Rand Ellery, a party donor, praised the plan, calling it “a fine start for the state”.";
    assert_eq!(
        speaker_of(t, "a fine start").as_deref(),
        Some("Rand Ellery")
    );
}

fn indirect(t: &str) -> Vec<(String, Option<String>)> {
    run(t)
        .into_iter()
        .filter(|g| g.kind == QuoteKind::Indirect)
        .map(|g| (g.text, g.speaker))
        .collect()
}

#[test]
fn told_listener_then_clause_is_reported_speech() {
    let got = indirect("Lead line.\n\nMorrow told reporters the plant would reopen next week.");
    assert_eq!(
        got,
        vec![(
            "the plant would reopen next week".to_string(),
            Some("Morrow".to_string())
        )]
    );
}

#[test]
fn verbs_other_than_say_need_that() {
    let got = indirect("Lead line.\n\nKask announced that the plant would close in May.");
    assert_eq!(
        got,
        vec![(
            "the plant would close in May".to_string(),
            Some("Kask".to_string())
        )]
    );
    assert!(
        indirect("Lead line.\n\nKask announced the recall of 4,000 heaters on Monday.").is_empty()
    );
    assert!(
        indirect(
            "Lead line.\n\nAn analyst, Dena Roux, estimates the cost of the repairs at two million."
        )
        .is_empty()
    );
}

#[test]
fn no_reported_clause_no_speech() {
    assert!(indirect("Lead line.\n\nHalden said so twice at the dinner for donors.").is_empty());
    assert!(
        indirect("Lead line.\n\nIt is said among traders that the harvest will be late this year.")
            .is_empty()
    );
    assert!(
        indirect("Lead line.\n\nMorrow told the wardens to lock the east gate before noon.")
            .is_empty()
    );
    assert!(
        indirect("Lead line.\n\nMorrow told the Courier as he left the building on Friday.")
            .is_empty()
    );
}

#[test]
fn headline_line_is_not_speech() {
    let got = indirect(
        "Brisko tells suppliers the prices must fall\n\nThe company wrote to them on Monday.",
    );
    assert!(got.is_empty(), "{got:?}");
}

#[test]
fn a_repeated_name_is_one_entity() {
    // adopted speakers reuse one entity, so a long article stays linear
    let t = "“Yes,” Smith said. ".repeat(300);
    let model = TextModel::new(&t);
    let (quotes, entities) = extract(&t, &model);
    let smiths = entities.iter().filter(|e| e.name == "Smith").count();
    assert_eq!(smiths, 1);
    assert_eq!(quotes.len(), 300);
    assert!(quotes.iter().all(|q| q.speaker.is_some()));
}

#[test]
fn honorifics_and_a_bare_who_are_not_roles() {
    let t = "“We will build it,” said Ms. Orla Penhale, who said little else.";
    let model = TextModel::new(t);
    let (_, entities) = extract(t, &model);
    let e = entities
        .iter()
        .find(|e| e.name == "Orla Penhale")
        .expect("entity");
    assert!(
        e.roles.iter().all(|r| r != "Ms" && r != "who"),
        "{:?}",
        e.roles
    );
}

#[test]
fn dateline_place_is_not_a_speaker() {
    let t = "Head line\n\nBERGEN, May 3 — Officials said on Friday that “the road is safe now”.";
    let g = run(t);
    assert!(g.iter().all(|q| q.speaker.as_deref() != Some("BERGEN")));
}

#[test]
fn the_company_is_the_named_firm_of_the_story() {
    let t = "Halvard Group recalled 9,000 vans on Monday.\n\n“We acted as soon as we knew,” the company said.";
    assert_eq!(speaker_of(t, "We acted").as_deref(), Some("Halvard Group"));
}

#[test]
fn participle_after_an_object_belongs_to_the_clause_subject() {
    let t = "The Montana governor emailed volunteers saying: “The count is not over.”";
    let s = speaker_of(t, "The count").expect("a speaker");
    assert!(s.ends_with("governor"), "{s}");
    let t =
        "As Ilse Marwick put it in her note to staff explaining the merger, “We grow or we fade.”";
    assert_eq!(speaker_of(t, "We grow").as_deref(), Some("Ilse Marwick"));
}

#[test]
fn a_cue_in_a_relative_clause_does_not_end_the_appositive() {
    let t = "Orla Brandt, a surgeon who advised Kessler on the reform, said Medicaid so far was “a clear success”.";
    assert_eq!(
        speaker_of(t, "a clear success").as_deref(),
        Some("Orla Brandt")
    );
}

#[test]
fn as_a_named_person_put_it() {
    let t = "The old bridge is “a museum piece held up by paint,” as Odile Marchetti, an engineer with Corvan Group, a design firm in Lyon, puts it.";
    assert_eq!(
        speaker_of(t, "a museum piece").as_deref(),
        Some("Odile Marchetti")
    );
}

#[test]
fn a_possessive_before_the_appositive_name_is_not_the_speaker() {
    let t = "On radio, Mr. Korsgaard's campaign manager, Lene Holt, dismissed the complaint as ''a stunt by rivals.''";
    assert_eq!(speaker_of(t, "a stunt").as_deref(), Some("Lene Holt"));
}

#[test]
fn a_relative_of_a_named_person_is_not_that_person() {
    let t = "Viktor Halloran met donors on Monday. “Work harder or go home,” Viktor Halloran’s son told The Morning Show.";
    let s = speaker_of(t, "Work harder").expect("a speaker");
    assert!(s.ends_with("son"), "{s}");
}

#[test]
fn the_speaker_not_the_reporting_outlet() {
    let t = "“The border stays open,” Tomas Wendt said on Friday, according to the Baltic Courier.";
    assert_eq!(speaker_of(t, "The border").as_deref(), Some("Tomas Wendt"));
}

#[test]
fn the_reporter_asking_is_the_speaker_not_the_one_asked() {
    let t = "“Will you run again?” one journalist is heard asking Halvard Lind on the tape.";
    let s = speaker_of(t, "Will you run").expect("a speaker");
    assert!(s.ends_with("journalist"), "{s}");
}

#[test]
fn a_surname_before_the_full_name_is_that_person() {
    // a live blog runs newest first: the bare surname comes before the full name
    let t = "14:05 Voting goes on. Marsh said: “The evidence is not enough.”\n\n13:40 Judge Tereza Marsh opens the session.";
    assert_eq!(
        speaker_of(t, "The evidence").as_deref(),
        Some("Tereza Marsh")
    );
}

#[test]
fn place_after_told_reporters_is_not_reported_speech() {
    let got = indirect(
        "Lead line.\n\n“We will rebuild,” Edda Rune told reporters outside the old town hall.",
    );
    assert!(got.is_empty(), "{got:?}");
}

#[test]
fn preface_before_speaker_is_not_the_reported_clause() {
    let got = indirect(
        "Lead line.\n\nIn a long message to staff, Tove Engel said the depot would reopen in June.",
    );
    assert_eq!(
        got,
        vec![(
            "the depot would reopen in June".to_string(),
            Some("Tove Engel".to_string())
        )]
    );
}

#[test]
fn described_speaker_before_said_is_not_the_reported_clause() {
    let got = indirect(
        "Lead line.\n\nOskar Lehto, 58, whose shop was flooded on Friday, said he was tired but hopeful.",
    );
    assert!(got.iter().all(|(t, _)| !t.contains("Oskar")), "{got:?}");
}

#[test]
fn inverted_speaker_with_long_appositive_keeps_the_clause_before() {
    let got = indirect(
        "Lead line.\n\nThe levee broke at about four in the morning near the old mill, said Nadia Korhonen, head of the regional water board.",
    );
    assert_eq!(
        got,
        vec![(
            "The levee broke at about four in the morning near the old mill".to_string(),
            Some("Nadia Korhonen".to_string())
        )]
    );
}

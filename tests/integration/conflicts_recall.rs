//! Conflicts of kinds and phrasings the first rules missed, each with a control that
//! shows the rule does not fire on its look-alike non-conflict. All reports invented.

use crate::common::conflicts::{article, find, kinds};
use quotedesk::analysis::conflicts::{self, ConflictKind};

#[test]
fn different_officer_posts_of_one_person_conflict() {
    let k = kinds(
        "The recall was explained by Ines Valdbrand, chief technology officer of Norvik Motors.",
        "Norvik Motors chief financial officer Ines Valdbrand explained the recall to dealers.",
    );
    assert!(k.contains(&ConflictKind::Role), "{k:?}");
    // the head of a post's office holds that post
    let k = kinds(
        "Port captain Oskar Lindqvist closed the channel for the night.",
        "Oskar Lindqvist, head of the Port Captain's Office, closed the channel for the night.",
    );
    assert!(!k.contains(&ConflictKind::Role), "{k:?}");
}

#[test]
fn one_report_giving_a_post_with_and_without_its_rank_contradicts_itself() {
    let k = kinds(
        "Transport Minister Vera Holmgren visited the depot. Later Vera Holmgren, deputy \
         minister of transport, promised new trains.",
        "The depot had been closed for a week after the flooding.",
    );
    assert!(k.contains(&ConflictKind::Role), "{k:?}");
    let k = kinds(
        "Transport Minister Vera Holmgren visited the depot. Later Vera Holmgren, the \
         minister of transport, promised new trains.",
        "The depot had been closed for a week after the flooding.",
    );
    assert!(!k.contains(&ConflictKind::Role), "{k:?}");
}

#[test]
fn a_continental_thousands_dot_is_a_whole_count() {
    let k = kinds(
        "The festival drew 7,250 visitors to the old harbour over the weekend.",
        "Some 7.250 visitors came to the old harbour festival over the weekend.",
    );
    assert!(!k.contains(&ConflictKind::Number), "{k:?}");
    let k = kinds(
        "The festival drew 7,250 visitors to the old harbour over the weekend.",
        "Some 5.720 visitors came to the old harbour festival over the weekend.",
    );
    assert!(k.contains(&ConflictKind::Number), "{k:?}");
}

#[test]
fn the_plural_after_a_figure_is_what_it_counts() {
    let k = kinds(
        "After the merger the cooperative will run 214 bakeries in the province.",
        "The merged cooperative will run more than 260 bakeries across the province.",
    );
    assert!(k.contains(&ConflictKind::Number), "{k:?}");
    let k = kinds(
        "The mill will cut up to 300 jobs at the plant over two years.",
        "Up to 300 positions will go at the mill over two years.",
    );
    assert!(!k.contains(&ConflictKind::Number), "{k:?}");
}

#[test]
fn sums_of_money_conflict_when_their_words_agree() {
    let k = kinds(
        "Repairs to the flood barrier will cost €46 million, the water board said.",
        "The water board said repairs to the flood barrier will cost €64 million.",
    );
    assert!(k.contains(&ConflictKind::Number), "{k:?}");
    // two sums for two different things
    let k = kinds(
        "Repairs to the flood barrier will cost €46 million, the water board said.",
        "The town spent €3 million on a new library, the mayor said.",
    );
    assert!(!k.contains(&ConflictKind::Number), "{k:?}");
}

#[test]
fn a_relative_clause_dates_the_event_it_follows() {
    let k = kinds(
        "The blaze, which started on Tuesday night, destroyed two barns at the farm.",
        "Two barns at the farm were destroyed by a blaze that started on Wednesday morning.",
    );
    assert!(k.contains(&ConflictKind::DateTime), "{k:?}");
    let k = kinds(
        "The blaze, which started on Tuesday night, destroyed two barns at the farm.",
        "Two barns at the farm were destroyed by a blaze that started on Tuesday evening.",
    );
    assert!(!k.contains(&ConflictKind::DateTime), "{k:?}");
}

#[test]
fn a_date_before_during_belongs_to_the_event_after_it() {
    let k = kinds(
        "A runner was taken ill on Saturday during the Lakeside marathon, his club said.",
        "A runner was taken ill during the Lakeside marathon on Sunday, his club said.",
    );
    assert!(k.contains(&ConflictKind::DateTime), "{k:?}");
    // after: the date is of what happened after the event, not of the event
    let k = kinds(
        "Roads stayed shut on Saturday after the Lakeside marathon, the council said.",
        "The Lakeside marathon was run on Sunday in light rain.",
    );
    assert!(!k.contains(&ConflictKind::DateTime), "{k:?}");
}

#[test]
fn a_place_near_a_town_is_only_a_soft_conflict_and_headlines_are_not_places() {
    let k = kinds(
        "The fire broke out in Pine Hollow and spread to the ridge.",
        "The fire broke out in Oakridge and spread to the ridge.",
    );
    assert!(k.contains(&ConflictKind::Location), "{k:?}");
    let (found, _) = {
        let arts = [
            article(
                "a.txt",
                "The fire broke out near Pine Hollow and spread to the ridge.",
                None,
            ),
            article(
                "b.txt",
                "The fire broke out in Oakridge and spread to the ridge.",
                None,
            ),
        ];
        (find(&arts), ())
    };
    let place: Vec<_> = found
        .iter()
        .filter(|c| c.kind == ConflictKind::Location)
        .collect();
    assert!(
        place
            .iter()
            .all(|c| c.severity == conflicts::Severity::Soft),
        "{place:?}"
    );
    let k = kinds(
        "FIRE IN THE HILLS\n\nThe fire broke out in Oakridge and spread to the ridge.",
        "The fire broke out in Oakridge and spread to the ridge.",
    );
    assert!(!k.contains(&ConflictKind::Location), "{k:?}");
}

#[test]
fn clock_times_of_the_main_event_conflict() {
    let k = kinds(
        "The cargo barge ran aground at 6:10 a.m. on Friday near the lock gates.",
        "The cargo barge ran aground at 7:10 a.m. on Friday near the lock gates.",
    );
    assert!(k.contains(&ConflictKind::DateTime), "{k:?}");
    // hedged times an hour apart still conflict; within the hedge they agree
    let k = kinds(
        "The cargo barge ran aground at about 6:10 a.m. on Friday near the lock gates.",
        "The cargo barge ran aground shortly after 6 a.m. on Friday near the lock gates.",
    );
    assert!(!k.contains(&ConflictKind::DateTime), "{k:?}");
}

#[test]
fn page_times_and_times_of_saying_are_not_event_times() {
    // a live blog's entry heading and a dateline stamp
    let k = kinds(
        "08:45\nThe cargo barge ran aground at 6:10 a.m. on Friday near the lock gates.",
        "12.03.2026, 09:30\nThe cargo barge ran aground at 6:10 a.m. on Friday near the lock gates.",
    );
    assert!(!k.contains(&ConflictKind::DateTime), "{k:?}");
    let k = kinds(
        "The lock keeper said at 11 a.m. that the barge had run aground overnight.",
        "The lock keeper said at 3 p.m. that the barge had run aground overnight.",
    );
    assert!(!k.contains(&ConflictKind::DateTime), "{k:?}");
}

#[test]
fn being_there_and_travelling_there_are_one_attendance_question() {
    let k = kinds(
        "Health Minister Tove Brekke visited the flooded clinic in Raumdal on Friday.",
        "Health Minister Tove Brekke was not at the flooded clinic in Raumdal on Friday.",
    );
    assert!(k.contains(&ConflictKind::Attendance), "{k:?}");
    // two different events: both can be true
    let k = kinds(
        "Health Minister Tove Brekke attended the funeral in Raumdal.",
        "Health Minister Tove Brekke was not at the hearing in Raumdal.",
    );
    assert!(!k.contains(&ConflictKind::Attendance), "{k:?}");
}

#[test]
fn a_six_word_sentence_word_for_word_is_one_quotation() {
    let k = kinds(
        "\"Nobody slept, and everybody kept working,\" said the ship's captain, Mira Holt.",
        "\"Nobody slept, and everybody kept working,\" harbour master Ole Brandt said.",
    );
    assert!(k.contains(&ConflictKind::QuoteAttribution), "{k:?}");
    // a stock phrase may well be said by two people
    let k = kinds(
        "\"We will not give up,\" said the ship's captain, Mira Holt.",
        "\"We will not give up,\" harbour master Ole Brandt said.",
    );
    assert!(!k.contains(&ConflictKind::QuoteAttribution), "{k:?}");
}

#[test]
fn three_different_days_of_one_event_word_are_several_events() {
    let arts = [
        article(
            "a.txt",
            "The survey was released on Monday by the institute.",
            None,
        ),
        article(
            "b.txt",
            "The survey was released on Wednesday by the institute.",
            None,
        ),
        article(
            "c.txt",
            "The survey was released on Friday by the institute.",
            None,
        ),
    ];
    let k: Vec<_> = find(&arts).iter().map(|c| c.kind).collect();
    assert!(!k.contains(&ConflictKind::DateTime), "{k:?}");
    // two reports and two days: one event, two accounts
    let k: Vec<_> = find(&arts[..2]).iter().map(|c| c.kind).collect();
    assert!(k.contains(&ConflictKind::DateTime), "{k:?}");
}

#[test]
fn one_counted_word_is_one_slot_without_shared_context() {
    let k = kinds(
        "Rescuers said the stranded vessel carried about 140 passengers.",
        "Coastguard officials counted 104 passengers after the evacuation.",
    );
    assert!(k.contains(&ConflictKind::Number), "{k:?}");
    // a report that uses the word for several figures names no single slot
    let k = kinds(
        "Rescuers found 40 passengers in the bow and 64 passengers near the stern.",
        "Coastguard officials counted 104 passengers after the evacuation.",
    );
    assert!(!k.contains(&ConflictKind::Number), "{k:?}");
}

#[test]
fn far_apart_figures_of_one_counted_word_need_shared_context() {
    let k = kinds(
        "Regulators said the defect affects 7,300 vehicles sold in the north.",
        "The maker is calling back 96,000 vehicles worldwide.",
    );
    assert!(!k.contains(&ConflictKind::Number), "{k:?}");
}

#[test]
fn a_time_of_the_main_event_deep_in_a_report_meets_the_opening_time_of_another() {
    // the opening of one report, and another whose fifth sentence tells `last`
    let pair = |last: &str| {
        let a = article(
            "a.txt",
            "The earthquake struck at 4:15 a.m. local time near the mountain town.",
            None,
        );
        let body = format!(
            "Rescue teams worked through the night in the mountain town. Shops stayed shut. \
             Schools closed. Roads were blocked by rockfalls for hours. {last}"
        );
        find(&[a, article("b.txt", &body, None)])
    };
    let c = pair("Officials said the earthquake struck at 5:15 a.m. local time.");
    assert!(c.iter().any(|c| c.kind == ConflictKind::DateTime), "{c:?}");
    // a time of another event deep in a report is not the main event's
    let c = pair("The evacuation began at 9:30 a.m. local time.");
    assert!(!c.iter().any(|c| c.kind == ConflictKind::DateTime), "{c:?}");
}

#[test]
fn one_persons_two_ages_conflict() {
    let k = kinds(
        "The skipper, Anna Brant, 34, was rescued by a trawler.",
        "A trawler picked up 43-year-old Anna Brant after six hours.",
    );
    assert!(k.contains(&ConflictKind::Number), "{k:?}");
    let k = kinds(
        "The skipper, Anna Brant, 34, was rescued by a trawler.",
        "A trawler picked up Anna Brant (34) after six hours.",
    );
    assert!(!k.contains(&ConflictKind::Number), "{k:?}");
}

#[test]
fn close_sums_of_money_conflict_with_one_shared_word() {
    let k = kinds(
        "The merger values the insurer at €1.42bn, bankers said.",
        "Shareholders will vote on the €1.24bn takeover of the insurer next month.",
    );
    assert!(k.contains(&ConflictKind::Number), "{k:?}");
}

#[test]
fn the_hospital_town_is_a_place_slot_but_never_a_day() {
    let k = kinds(
        "Two injured climbers were flown to hospital in Tarvendorf.",
        "The injured climbers were taken to hospital in Merlach by helicopter.",
    );
    assert!(k.contains(&ConflictKind::Location), "{k:?}");
    let k = kinds(
        "The hospital has been without its computers since Monday night.",
        "Staff at the hospital will brief reporters on Wednesday.",
    );
    assert!(!k.contains(&ConflictKind::DateTime), "{k:?}");
}

#[test]
fn a_long_office_title_before_a_comma_and_name_is_read() {
    // "The head of <a long office name>, NAME": the title of the named person
    let k = kinds(
        "The head of the water supply office of the district, Anneli Sorvari, closed two wells.",
        "Anneli Sorvari, the deputy mayor, closed two wells on the edge of the district.",
    );
    assert!(k.contains(&ConflictKind::Role), "{k:?}");
    // a long clause that does not open with a post is not a title
    let k = kinds(
        "After a long night of talks in the office of the district, Anneli Sorvari closed two wells.",
        "Anneli Sorvari, the deputy mayor, closed two wells on the edge of the district.",
    );
    assert!(!k.contains(&ConflictKind::Role), "{k:?}");
}

#[test]
fn words_given_to_one_person_by_two_reports_are_claims_of_one_misattribution() {
    let q = "\"We are holding this dyke metre by metre,\"";
    let found = find(&[
        article("a.txt", &format!("{q} said Anton Pelle, the mayor."), None),
        article(
            "b.txt",
            &format!("{q} said Greta Solberg, the board chair."),
            None,
        ),
        article(
            "c.txt",
            &format!("Rain fell. {q} Greta Solberg told reporters."),
            None,
        ),
    ]);
    let mis: Vec<_> = found
        .iter()
        .filter(|c| c.kind == ConflictKind::QuoteAttribution)
        .collect();
    assert_eq!(mis.len(), 1, "{mis:?}");
    assert_eq!(mis[0].claims.len(), 3, "{mis:?}");
}

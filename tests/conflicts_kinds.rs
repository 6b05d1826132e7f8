//! Conflicts and planted non-conflicts, one or more per kind, on invented report pairs.

use quotedesk::analysis::conflicts::{self, Conflict, ConflictKind};
use quotedesk::analysis::{self, speakers::SpeakerIndex};
use quotedesk::ingest::{Article, Format};

fn article(id: &str, body: &str) -> Article {
    Article {
        id: id.into(),
        path: id.into(),
        format: Format::Txt,
        title: None,
        source: None,
        published: None,
        url: None,
        text: format!("Report\n\n{body}"),
        warnings: vec![],
    }
}

fn conflicts_of(a: &str, b: &str) -> (Vec<Conflict>, Vec<Article>) {
    let arts = vec![article("a.txt", a), article("b.txt", b)];
    let an: Vec<_> = arts.iter().map(analysis::analyze).collect();
    let story: Vec<_> = arts.iter().zip(an.iter()).collect();
    let found = conflicts::find(&story, &SpeakerIndex::new());
    // every claim quotes its article exactly
    for c in &found {
        assert!(c.claims.len() >= 2);
        for cl in &c.claims {
            let art = arts.iter().find(|x| x.id == cl.article).unwrap();
            assert!(art.text.get(cl.span.start..cl.span.end).is_some());
        }
    }
    (found, arts)
}

fn kinds(a: &str, b: &str) -> Vec<ConflictKind> {
    conflicts_of(a, b).0.iter().map(|c| c.kind).collect()
}

#[test]
fn role_conflict_and_compatible_titles() {
    let k = kinds(
        "The harbour works were opened by Port Director Helga Svensson on a windy morning.",
        "Helga Svensson, the deputy port director, cut the ribbon at the harbour works.",
    );
    assert!(k.contains(&ConflictKind::Role), "{k:?}");
    let k = kinds(
        "Defence Minister Rafael Okonkwo inspected the new barracks outside the capital.",
        "Rafael Okonkwo, the minister of defense, inspected the barracks outside the capital.",
    );
    assert!(!k.contains(&ConflictKind::Role), "{k:?}");
}

#[test]
fn number_conflict_and_number_formats() {
    let k = kinds(
        "The storm destroyed 340 greenhouses in the valley, officials said.",
        "Officials said 430 greenhouses in the valley were destroyed by the storm.",
    );
    assert!(k.contains(&ConflictKind::Number), "{k:?}");
    let k = kinds(
        "The storm destroyed 1,200 greenhouses in the valley, officials said.",
        "Officials said twelve hundred greenhouses in the valley were destroyed by the storm.",
    );
    assert!(!k.contains(&ConflictKind::Number), "{k:?}");
}

#[test]
fn unit_conversions_and_approximations_agree() {
    let k = kinds(
        "Crews pumped 30 cubic metres of floodwater out of the tunnel overnight.",
        "Crews pumped 30,000 litres of floodwater out of the tunnel overnight.",
    );
    assert!(k.is_empty(), "{k:?}");
    let k = kinds(
        "Nearly 5,000 spectators watched the regatta from the pier.",
        "The organisers counted 4,870 spectators watching the regatta from the pier.",
    );
    assert!(k.is_empty(), "{k:?}");
}

#[test]
fn distinct_quantities_and_time_evolving_figures_agree() {
    let k = kinds(
        "The union asked for a 9 percent pay rise. The council has offered 4 percent.",
        "The union wants a 9 percent pay rise, while the council has offered 4 percent.",
    );
    assert!(k.is_empty(), "{k:?}");
    let k = kinds(
        "By Monday evening, volunteers had filled 800 sandbags along the embankment.",
        "Volunteers have now filled 2,000 sandbags along the embankment.",
    );
    assert!(k.is_empty(), "{k:?}");
}

#[test]
fn date_conflict_and_agreement() {
    let k = kinds(
        "The warehouse explosion on Friday night shattered windows across the district.",
        "Windows across the district were shattered when the warehouse exploded on Saturday morning.",
    );
    assert!(k.contains(&ConflictKind::DateTime), "{k:?}");
    let k = kinds(
        "The warehouse explosion on Friday night shattered windows across the district.",
        "Windows were shattered when the warehouse exploded on Friday evening.",
    );
    assert!(!k.contains(&ConflictKind::DateTime), "{k:?}");
}

#[test]
fn location_conflict_and_name_variants() {
    let k = kinds(
        "The ceasefire talks in Nicosia ended without an agreement.",
        "The ceasefire talks in Limassol ended without an agreement.",
    );
    assert!(k.contains(&ConflictKind::Location), "{k:?}");
    let k = kinds(
        "The ceasefire talks in Zürich ended without an agreement.",
        "The ceasefire talks in Zurich ended without an agreement.",
    );
    assert!(k.is_empty(), "{k:?}");
}

#[test]
fn attendance_conflict_and_agreement() {
    let k = kinds(
        "Mayor Ingrid Halvorsen, who attended the ceremony at the old quay, laid a wreath.",
        "Mayor Ingrid Halvorsen, who did not attend the ceremony, sent a letter instead.",
    );
    assert!(k.contains(&ConflictKind::Attendance), "{k:?}");
    let k = kinds(
        "Mayor Ingrid Halvorsen, who did not attend the ceremony, sent a letter.",
        "Mayor Ingrid Halvorsen, who skipped the ceremony, sent a letter.",
    );
    assert!(!k.contains(&ConflictKind::Attendance), "{k:?}");
}

#[test]
fn negation_conflict_and_shared_negation() {
    let k = kinds(
        "The port authority said no permit was issued for the dredging work before the spill.",
        "Records show a permit was issued for the dredging work two weeks before the spill.",
    );
    assert!(k.contains(&ConflictKind::Negation), "{k:?}");
    let k = kinds(
        "No passengers were hurt in the derailment.",
        "None of the passengers were hurt when the train left the rails.",
    );
    assert!(k.is_empty(), "{k:?}");
}

#[test]
fn quote_attribution_and_different_people_sharing_a_surname() {
    let k = kinds(
        "\"We will rebuild every school and every bridge that the river took from us this spring,\" said Tomas Lindgren, the regional governor.",
        "\"We will rebuild every school and every bridge that the river took from us this spring,\" said Elsa Brandt, the education minister.",
    );
    assert!(k.contains(&ConflictKind::QuoteAttribution), "{k:?}");
    let k = kinds(
        "Farmer Jonas Berg said the dyke held. \"The water stopped a metre below the crest,\" said Jonas Berg.",
        "\"We lost the whole barley harvest to the water this year,\" said Karin Berg, a neighbour.",
    );
    assert!(k.is_empty(), "{k:?}");
}

#[test]
fn quote_wording_changes_meaning_but_contractions_do_not() {
    let k = kinds(
        "\"We are not closing the northern clinic this winter, whatever the budget says,\" said Mira Kovac.",
        "\"We are closing the northern clinic this winter, whatever the budget says,\" said Mira Kovac.",
    );
    assert!(k.contains(&ConflictKind::QuoteWording), "{k:?}");
    let k = kinds(
        "\"We don't favour closing the northern clinic in the coming winter,\" said Mira Kovac.",
        "\"We do not favor closing the northern clinic in the coming winter,\" said Mira Kovac.",
    );
    assert!(k.is_empty(), "{k:?}");
}

#[test]
fn quote_wording_summary_shows_the_word_diff() {
    let (found, _) = conflicts_of(
        "\"We are not closing the northern clinic this winter, whatever the budget says,\" said Mira Kovac.",
        "\"We are closing the northern clinic this winter, whatever the budget says,\" said Mira Kovac.",
    );
    let c = found
        .iter()
        .find(|c| c.kind == ConflictKind::QuoteWording)
        .unwrap();
    assert!(c.summary.contains("-not"), "{}", c.summary);
}

//! The bundled sample folder (`assets/sample/`, described in `assets/SAMPLE.md`) through the
//! whole pipeline: ingest, quotes, speakers, stories, conflicts, and the JSON contract.

use quotedesk::desk::Desk;
use quotedesk::ingest::IngestOptions;
use quotedesk::scan::{self, ScanOutput};
use std::path::Path;

fn sample() -> ScanOutput {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample");
    let desk = Desk::load(&root, &IngestOptions::default(), &|_, _| {}).expect("sample loads");
    scan::build("assets/sample", &desk)
}

fn article<'a>(out: &'a ScanOutput, id: &str) -> &'a scan::ArticleOut {
    out.articles
        .iter()
        .find(|a| a.id == id)
        .unwrap_or_else(|| panic!("no article {id}"))
}

fn char_slice(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}

#[test]
fn every_file_is_read_and_the_feed_is_split() {
    let out = sample();
    assert!(out.skipped.is_empty(), "skipped: {:?}", out.skipped);
    assert_eq!(out.articles.len(), 10);
    let feed: Vec<_> = out
        .articles
        .iter()
        .filter(|a| a.path == "feed.xml")
        .collect();
    assert_eq!(feed.len(), 2);
    assert!(
        feed.iter()
            .all(|a| a.id.starts_with("feed.xml#") && a.format == "rss")
    );
    let latin1 = article(&out, "wildfire-tribuna.txt");
    assert!(latin1.text.contains("Sáenz"), "Latin-1 names decoded");
    assert!(
        !latin1.warnings.is_empty(),
        "the fallback decoding is noted"
    );
    assert!(!article(&out, "wildfire-wire.txt").text.contains('\r'));
}

#[test]
fn html_pages_keep_the_prose_and_drop_the_furniture() {
    let out = sample();
    let bridge = &article(&out, "bridge-inquiry.html").text;
    assert!(bridge.contains("Deputy Harbour Commissioner Hendrik Vos"));
    for junk in [
        "We use cookies to personalise content",
        "Copy link",
        "All rights reserved",
    ] {
        assert!(!bridge.contains(junk), "furniture {junk:?} leaked");
    }
    let rates = &article(&out, "rates-decision.html").text;
    assert!(rates.contains("Lindqvist"));
    for junk in [
        "store cookies on your device",
        "Reproduction without permission is prohibited",
    ] {
        assert!(!rates.contains(junk), "furniture {junk:?} leaked");
    }
    assert_eq!(
        article(&out, "rates-decision.html").source.as_deref(),
        Some("Nordic Market Daily")
    );
}

#[test]
fn offsets_are_char_offsets_that_slice_the_text_exactly() {
    let out = sample();
    for a in &out.articles {
        for q in &a.quotes {
            assert_eq!(
                char_slice(&a.text, q.start, q.end),
                q.text,
                "{} {}",
                a.id,
                q.id
            );
            for s in [&q.mention, &q.cue].into_iter().flatten() {
                assert_eq!(char_slice(&a.text, s.start, s.end), s.text);
            }
        }
    }
    for c in &out.conflicts {
        assert!(c.claims.len() >= 2, "{} has fewer than two claims", c.id);
        for cl in &c.claims {
            let a = article(&out, &cl.article);
            assert_eq!(char_slice(&a.text, cl.start, cl.end), cl.text, "{}", c.id);
        }
    }
}

#[test]
fn three_stories_one_per_event() {
    let out = sample();
    assert_eq!(out.stories.len(), 3, "stories: {:?}", out.stories);
    let story_of = |id: &str| article(&out, id).story.clone().expect("in a story");
    assert_eq!(
        story_of("wildfire-wire.txt"),
        story_of("wildfire-tribuna.txt")
    );
    assert_eq!(
        story_of("wildfire-wire.txt"),
        story_of("wildfire-update.json")
    );
    assert_eq!(
        story_of("bridge-inquiry.html"),
        story_of("bridge-hearing.md")
    );
    assert_eq!(
        story_of("rates-decision.html"),
        story_of("rates-analysis.md")
    );
    assert_ne!(
        story_of("wildfire-wire.txt"),
        story_of("bridge-inquiry.html")
    );
    assert_ne!(
        story_of("bridge-inquiry.html"),
        story_of("rates-decision.html")
    );
}

#[test]
fn speaker_variants_merge_and_namesakes_stay_apart() {
    let out = sample();
    let named = |n: &str| {
        out.speakers
            .iter()
            .filter(|s| s.name == n || s.aliases.iter().any(|a| a == n))
            .count()
    };
    // Sáenz (Latin-1, JSON, RSS) and Saenz (wire) are one person.
    let saenz = out
        .speakers
        .iter()
        .find(|s| s.name.contains("Sáenz"))
        .expect("Sáenz quoted");
    assert!(
        saenz.aliases.iter().any(|a| a.contains("Saenz")),
        "{:?}",
        saenz.aliases
    );
    assert_eq!(named("Ines Saenz"), 1);
    // Hendrik Vos and Marieke Vos share a surname, not an identity.
    let hendrik = out
        .speakers
        .iter()
        .find(|s| s.name == "Hendrik Vos")
        .expect("Hendrik Vos");
    let marieke = out
        .speakers
        .iter()
        .find(|s| s.name == "Marieke Vos")
        .expect("Marieke Vos");
    assert_ne!(hendrik.id, marieke.id);
    assert!(!hendrik.aliases.iter().any(|a| a == "Marieke Vos"));
    // Both titles of Hendrik Vos are kept.
    assert!(
        hendrik
            .roles
            .iter()
            .any(|r| r == "Deputy Harbour Commissioner"),
        "{:?}",
        hendrik.roles
    );
}

#[test]
fn planted_title_and_number_conflicts_are_found_with_evidence() {
    let out = sample();
    let role = out
        .conflicts
        .iter()
        .find(|c| c.kind == "role" && c.subject.contains("Vos"))
        .expect("the Deputy Harbour Commissioner / Harbour Commissioner conflict");
    let articles: Vec<&str> = role.claims.iter().map(|c| c.article.as_str()).collect();
    assert!(articles.contains(&"bridge-inquiry.html") && articles.contains(&"bridge-hearing.md"));
    let households = out
        .conflicts
        .iter()
        .find(|c| c.kind == "number" && c.claims.iter().any(|cl| cl.text.contains("12,000")))
        .expect("the 1,200 / 12,000 households conflict");
    assert_eq!(households.severity, "hard");
}

#[test]
fn planted_non_conflicts_are_left_alone() {
    let out = sample();
    for c in &out.conflicts {
        let texts: Vec<&str> = c.claims.iter().map(|cl| cl.text.as_str()).collect();
        let has = |needle: &str| texts.iter().any(|t| t.contains(needle));
        // A hedged figure compatible with an exact one.
        assert!(
            !(has("More than 300") && has("320")),
            "false alarm: {}",
            c.summary
        );
        // Number formats and unit conversions of the burnt area.
        assert!(
            !(has("4,500 hectares") && has("4500 hectares")),
            "false alarm: {}",
            c.summary
        );
        assert!(
            !(has("hectares") && has("acres")),
            "false alarm: {}",
            c.summary
        );
        // Compatible titles.
        assert!(
            !(has("an aide to the mayor") && has("Mayoral aide")),
            "false alarm: {}",
            c.summary
        );
    }
}

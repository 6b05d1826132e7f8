//! Story grouping on invented mini-articles: separation, joining, removal and splits.

use chrono::DateTime;
use quotedesk::analysis::ArticleAnalysis;
use quotedesk::analysis::stories::StoryIndex;
use quotedesk::ingest::{Article, Format};

fn art(id: &str, title: &str, date: &str, text: &str) -> Article {
    Article {
        id: id.into(),
        path: id.into(),
        format: Format::Txt,
        title: Some(title.into()),
        source: None,
        published: DateTime::parse_from_rfc3339(date).ok(),
        url: None,
        text: text.into(),
        warnings: vec![],
    }
}

fn ferry() -> Vec<Article> {
    vec![
        art(
            "ferry-a.txt",
            "Ferry runs aground off Kalmar",
            "2031-05-03T08:00:00+00:00",
            "A passenger ferry operated by Baltvik Lines ran aground near Kalmar on Saturday with \
             412 passengers on board. Captain Edvin Holmqvist said the vessel struck a sandbank. \
             The coastguard in Kalmar sent two tugboats. Baltvik Lines said nobody was injured.",
        ),
        art(
            "ferry-b.txt",
            "Baltvik ferry refloated",
            "2031-05-03T15:00:00+00:00",
            "Tugboats refloated the Baltvik Lines ferry that grounded off Kalmar, the coastguard \
             said. Edvin Holmqvist, the captain, blamed a sandbank that was not on the charts. \
             All 412 passengers reached the harbour in Kalmar by evening.",
        ),
        art(
            "ferry-c.txt",
            "Inquiry into Kalmar grounding",
            "2031-05-04T09:00:00+00:00",
            "Swedish maritime investigators opened an inquiry into the grounding of the Baltvik \
             Lines ferry near Kalmar. Holmqvist told investigators the sandbank had shifted since \
             the last survey of the channel.",
        ),
    ]
}

fn vaccine() -> Vec<Article> {
    vec![
        art(
            "vax-a.txt",
            "Zentrova wins approval for malaria vaccine",
            "2031-05-03T10:00:00+00:00",
            "Regulators in Nairobi approved a malaria vaccine made by Zentrova Pharma on Friday. \
             Chief scientist Amara Okonkwo said trials in Kisumu showed 78 percent efficacy. \
             Zentrova plans to ship 9 million doses by December.",
        ),
        art(
            "vax-b.txt",
            "Malaria shot cleared in Kenya",
            "2031-05-03T18:00:00+00:00",
            "Kenya cleared the Zentrova Pharma malaria vaccine after trials in Kisumu. Amara \
             Okonkwo, the company's chief scientist, said efficacy reached 78 percent and that \
             9 million doses would follow.",
        ),
    ]
}

fn load(idx: &mut StoryIndex, arts: &[Article]) {
    for a in arts {
        idx.upsert(a, &ArticleAnalysis::default());
    }
}

fn key(idx: &StoryIndex, id: &str) -> usize {
    idx.story_of(id).expect("article has a story").key
}

#[test]
fn two_stories_separate_cleanly() {
    let mut idx = StoryIndex::new();
    let mut all = ferry();
    all.extend(vaccine());
    // Interleave so order does not help.
    all.swap(1, 3);
    load(&mut idx, &all);
    assert_eq!(idx.stories().len(), 2, "{:#?}", idx.stories());
    let f = key(&idx, "ferry-a.txt");
    assert_eq!(key(&idx, "ferry-b.txt"), f);
    assert_eq!(key(&idx, "ferry-c.txt"), f);
    let v = key(&idx, "vax-a.txt");
    assert_eq!(key(&idx, "vax-b.txt"), v);
    assert_ne!(f, v);
    // The label is the headline whose words the other reports share most: the ferry
    // and Kalmar are in all three ("refloated" and "inquiry" in one each).
    assert_eq!(idx.get(f).unwrap().label, "Ferry runs aground off Kalmar");
    let vax_label = &idx.get(v).unwrap().label;
    assert!(
        vax_label == "Zentrova wins approval for malaria vaccine"
            || vax_label == "Malaria shot cleared in Kenya"
    );
}

#[test]
fn a_third_article_joins_the_right_story_with_a_stable_key() {
    let mut idx = StoryIndex::new();
    load(&mut idx, &ferry()[..2]);
    load(&mut idx, &vaccine());
    let f = key(&idx, "ferry-a.txt");
    let v = key(&idx, "vax-a.txt");
    let affected = idx.upsert(&ferry()[2], &ArticleAnalysis::default());
    assert_eq!(affected, vec![f]);
    assert_eq!(key(&idx, "ferry-c.txt"), f);
    assert_eq!(idx.get(f).unwrap().articles.len(), 3);
    assert_eq!(key(&idx, "vax-a.txt"), v);
}

#[test]
fn removal_updates_the_story_and_the_last_removal_drops_it() {
    let mut idx = StoryIndex::new();
    load(&mut idx, &ferry());
    load(&mut idx, &vaccine());
    let v = key(&idx, "vax-a.txt");
    assert_eq!(idx.remove("vax-a.txt"), vec![v]);
    assert_eq!(idx.get(v).unwrap().articles, vec!["vax-b.txt".to_string()]);
    assert_eq!(idx.get(v).unwrap().label, "Malaria shot cleared in Kenya");
    assert_eq!(idx.remove("vax-b.txt"), vec![v]);
    assert!(idx.get(v).is_none());
    assert!(idx.remove("vax-b.txt").is_empty());
    assert_eq!(idx.stories().len(), 1);
}

#[test]
fn changing_an_article_moves_it_between_stories() {
    let mut idx = StoryIndex::new();
    load(&mut idx, &ferry());
    load(&mut idx, &vaccine());
    let f = key(&idx, "ferry-a.txt");
    let v = key(&idx, "vax-a.txt");
    // ferry-c.txt is rewritten to cover the vaccine.
    let mut moved = vaccine()[1].clone();
    moved.id = "ferry-c.txt".into();
    let affected = idx.upsert(&moved, &ArticleAnalysis::default());
    assert!(
        affected.contains(&f) && affected.contains(&v),
        "{affected:?}"
    );
    assert_eq!(key(&idx, "ferry-c.txt"), v);
    assert_eq!(idx.get(f).unwrap().articles.len(), 2);
}

#[test]
fn removing_a_bridge_splits_the_story() {
    // Two articles that only meet through a third one.
    let left = art(
        "left.txt",
        "Left",
        "2031-05-03T08:00:00+00:00",
        "Orvando Holdings bought the Peltra refinery in Gdynia for 310 million euros.",
    );
    let bridge = art(
        "bridge.txt",
        "Bridge",
        "2031-05-03T09:00:00+00:00",
        "Orvando Holdings bought the Peltra refinery in Gdynia for 310 million euros, and \
         Peltra workers led by Zofia Marczak began a strike at the Gdynia site over pay.",
    );
    let right = art(
        "right.txt",
        "Right",
        "2031-05-03T10:00:00+00:00",
        "Workers led by Zofia Marczak began a strike at the site over pay, Marczak said.",
    );
    let mut idx = StoryIndex::new();
    // The bridge comes last: it joins two one-article stories.
    load(&mut idx, &[left, right, bridge]);
    assert_eq!(idx.stories().len(), 1, "{:#?}", idx.stories());
    let k = key(&idx, "left.txt");
    let affected = idx.remove("bridge.txt");
    assert_eq!(idx.stories().len(), 2, "{:#?}", idx.stories());
    assert!(affected.contains(&k) && affected.len() == 2);
    assert_ne!(key(&idx, "left.txt"), key(&idx, "right.txt"));
}

/// An invented place name per index, so each filler report is its own event.
fn place(i: usize) -> String {
    const A: &[&str] = &["Kor", "Vel", "Tam", "Brun", "Oss", "Lir", "Dam"];
    const B: &[&str] = &["avik", "edorf", "umbra", "issa", "ovar", "enholm"];
    format!("{}{}", A[i % A.len()], B[(i / A.len()) % B.len()])
}

#[test]
fn household_names_and_common_words_do_not_chain_events() {
    let mut idx = StoryIndex::new();
    // Forty unrelated reports that share household names, the year and common words,
    // each about its own invented place and person.
    let fillers: Vec<Article> = (0..40)
        .map(|i| {
            let p = place(i);
            let q = format!("{}sen", place(i));
            art(
                &format!("filler-{i:02}.txt"),
                &format!("Visit to {p}"),
                "2031-05-03T12:00:00+00:00",
                &format!(
                    "The President of the United States spoke in {p} in 2031 about the \
                     budget plan for America. Officials in {p} met the President in \
                     Washington on Monday, Mayor {q} said. Read more news on Monday."
                ),
            )
        })
        .collect();
    load(&mut idx, &ferry());
    load(&mut idx, &fillers);
    // No filler joins the ferry story, though they share its time and vocabulary.
    let f = key(&idx, "ferry-a.txt");
    assert_eq!(idx.get(f).unwrap().articles.len(), 3, "{:#?}", idx.get(f));
    assert_eq!(key(&idx, "ferry-c.txt"), f);
    // Each filler is its own story, whatever the size of the folder.
    for i in 0..40 {
        let s = idx.story_of(&format!("filler-{i:02}.txt")).unwrap();
        assert_eq!(s.articles.len(), 1, "{s:#?}");
    }
}

#[test]
fn two_reports_of_one_event_are_one_story_in_a_folder_of_two() {
    // The smallest folder: every feature is in every article, nothing to contrast with.
    let mut idx = StoryIndex::new();
    load(&mut idx, &vaccine());
    assert_eq!(idx.stories().len(), 1, "{:#?}", idx.stories());
}

#[test]
fn reports_weeks_apart_are_different_stories() {
    // The same ferry line and harbour, months later: another grounding, another story.
    let mut later = ferry();
    for (i, a) in later.iter_mut().enumerate() {
        a.id = format!("later-{i}.txt");
        a.published = DateTime::parse_from_rfc3339("2031-09-20T08:00:00+00:00").ok();
    }
    let mut idx = StoryIndex::new();
    load(&mut idx, &ferry());
    load(&mut idx, &later);
    assert_eq!(idx.stories().len(), 2, "{:#?}", idx.stories());
    assert_ne!(key(&idx, "ferry-a.txt"), key(&idx, "later-0.txt"));
}

#[test]
fn an_undated_report_takes_the_date_stated_in_its_text() {
    // No publication date, but a dateline months after the ferry reports.
    let mut idx = StoryIndex::new();
    load(&mut idx, &ferry());
    let mut late = ferry()[1].clone();
    late.id = "undated.txt".into();
    late.published = None;
    late.text = format!("Posted: September 20, 2031\n\n{}", late.text);
    idx.upsert(&late, &ArticleAnalysis::default());
    assert_ne!(key(&idx, "undated.txt"), key(&idx, "ferry-a.txt"));
    // Without the dateline it joins.
    late.text = ferry()[1].text.clone();
    idx.upsert(&late, &ArticleAnalysis::default());
    assert_eq!(key(&idx, "undated.txt"), key(&idx, "ferry-a.txt"));
}

#[test]
fn the_label_is_the_headline_naming_what_the_reports_share_not_a_dateline() {
    // The fourth report repeats the others' facts (it is the story's centre) but its
    // headline is only a timestamp: the label must name the event instead.
    let mut arts = ferry();
    let centre = format!("{} {}", arts[0].text, arts[1].text);
    arts.push(art(
        "ferry-d.txt",
        "Updated 10:12, 3 May 2031",
        "2031-05-03T10:12:00+00:00",
        &centre,
    ));
    let mut idx = StoryIndex::new();
    load(&mut idx, &arts);
    let s = idx.story_of("ferry-d.txt").expect("story");
    assert_eq!(s.articles.len(), 4, "{s:?}");
    assert_ne!(s.label, "Updated 10:12, 3 May 2031");
    assert!(
        s.label.contains("Kalmar") || s.label.contains("Baltvik"),
        "{}",
        s.label
    );
}

/// A report that names the town only once, first after a headline's colon and with its
/// diacritic, still shares the town with a report that writes it mid-sentence without
/// one: a capital the background word list does not know is a name even at a sentence
/// start (the town would otherwise be an ordinary word there, matching nothing).
#[test]
fn a_town_named_only_at_a_headline_start_meets_its_name_in_another_report() {
    let follow_up = art(
        "after.txt",
        "After the storm: Vrélsk residents return",
        "2031-05-04T09:00:00+00:00",
        "Families carried furniture back into their houses.",
    );
    let brief = art(
        "brief.txt",
        "River falls",
        "2031-05-03T09:00:00+00:00",
        "The river near Vrelsk fell overnight, officials said.",
    );
    let mut idx = StoryIndex::new();
    load(&mut idx, &[follow_up, brief]);
    assert!(idx.pair_similarity("after.txt", "brief.txt") > 0.0);
}

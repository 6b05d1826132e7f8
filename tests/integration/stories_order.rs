//! Stories are a function of the folder's contents: the same articles fed in any order,
//! in any batches, with stale versions, removals and re-adds on the way, give the same
//! stories (and labels) as one load of the final folder, in the story index and in the
//! desk. Invented mini-articles: two events of one kind (two groundings of one ferry
//! line months apart), a second topic, a chain that only meets through one report,
//! and unrelated fillers.

use chrono::DateTime;
use proptest::prelude::*;
use quotedesk::analysis::{self, ArticleAnalysis, stories::StoryIndex};
use quotedesk::desk::{AnalyzedFile, Desk, Entry};
use quotedesk::ingest::{Article, Format};

fn art(id: &str, title: &str, date: Option<&str>, text: &str) -> Article {
    Article {
        id: id.into(),
        path: id.into(),
        format: Format::Txt,
        title: Some(title.into()),
        source: None,
        published: date.and_then(|d| DateTime::parse_from_rfc3339(d).ok()),
        url: None,
        text: text.into(),
        warnings: vec![],
    }
}

fn corpus() -> Vec<Article> {
    let may = Some("2031-05-03T08:00:00+00:00");
    let september = Some("2031-09-21T08:00:00+00:00");
    vec![
        art(
            "ferry-a.txt",
            "Ferry runs aground off Kalmar",
            may,
            "A ferry of Baltvik Lines ran aground near Kalmar with 412 passengers. Captain \
             Edvin Holmqvist said the vessel struck a sandbank. Baltvik Lines said nobody \
             was hurt.",
        ),
        art(
            "ferry-b.txt",
            "Baltvik ferry refloated",
            may,
            "Tugboats refloated the Baltvik Lines ferry that grounded off Kalmar. Edvin \
             Holmqvist, the captain, blamed a sandbank. All 412 passengers reached Kalmar.",
        ),
        art(
            "ferry-c.txt",
            "Inquiry into Kalmar grounding",
            None,
            "Investigators opened an inquiry into the grounding of the Baltvik Lines ferry \
             near Kalmar with 412 passengers. Holmqvist said the sandbank had shifted.",
        ),
        art(
            "ferry-sept-a.txt",
            "Second Baltvik ferry grounds near Kalmar",
            september,
            "Another Baltvik Lines ferry grounded near Kalmar with 230 passengers. Captain \
             Sigrun Aaberg said fog hid the channel markers off Kalmar.",
        ),
        art(
            "ferry-sept-b.txt",
            "Fog blamed for Kalmar grounding",
            september,
            "Captain Sigrun Aaberg of Baltvik Lines blamed fog for the grounding off Kalmar. \
             All 230 passengers were taken ashore.",
        ),
        art(
            "vax-a.txt",
            "Zentrova wins approval for malaria vaccine",
            may,
            "Regulators in Nairobi approved a malaria vaccine made by Zentrova Pharma. Chief \
             scientist Amara Okonkwo said trials in Kisumu showed 78 percent efficacy.",
        ),
        art(
            "vax-b.txt",
            "Malaria shot cleared in Kenya",
            None,
            "Kenya cleared the Zentrova Pharma malaria vaccine after trials in Kisumu. Amara \
             Okonkwo said efficacy reached 78 percent.",
        ),
        art(
            "left.txt",
            "Refinery sold",
            may,
            "Orvando Holdings bought the Peltra refinery in Gdynia for 310 million euros.",
        ),
        art(
            "bridge.txt",
            "Refinery sold, strike begins",
            may,
            "Orvando Holdings bought the Peltra refinery in Gdynia for 310 million euros, \
             and Peltra workers led by Zofia Marczak began a strike at the Gdynia site.",
        ),
        art(
            "right.txt",
            "Strike at refinery",
            may,
            "Workers led by Zofia Marczak began a strike at the site over pay, Marczak said.",
        ),
        art(
            "filler-1.txt",
            "Library reopens in Tamissa",
            may,
            "The library in Tamissa reopened after repairs, librarian Oskar Velund said.",
        ),
        art(
            "filler-2.txt",
            "Bridge toll rises in Lirovar",
            may,
            "Drivers in Lirovar will pay more to cross the Damholm bridge from July.",
        ),
    ]
}

type Partition = Vec<(Vec<String>, String)>;

fn stories_of(idx: &StoryIndex) -> Partition {
    let mut v: Partition = idx
        .stories()
        .into_iter()
        .map(|s| (s.articles.clone(), s.label.clone()))
        .collect();
    v.sort();
    v
}

fn reference() -> Partition {
    reference_with(StoryIndex::new())
}

fn reference_with(mut idx: StoryIndex) -> Partition {
    for a in corpus() {
        idx.upsert(&a, &ArticleAnalysis::default());
    }
    stories_of(&idx)
}

/// Applies one arrival order to `idx` and returns its stories.
fn arrive(mut idx: StoryIndex, order: &[usize], paths: &[Path]) -> Partition {
    for op in ops(order, paths) {
        match op {
            Op::Upsert(a) => {
                idx.upsert(&a, &ArticleAnalysis::default());
            }
            Op::Remove(id) => {
                idx.remove(&id);
            }
        }
    }
    stories_of(&idx)
}

/// What happens to one article on its way in.
#[derive(Clone, Copy, Debug)]
enum Path {
    /// Arrives once.
    Once,
    /// Arrives first with another article's text, then is corrected.
    Stale(usize),
    /// Arrives, is removed, and comes back later.
    Readded,
}

fn path() -> impl Strategy<Value = Path> {
    prop_oneof![
        3 => Just(Path::Once),
        1 => (0..12usize).prop_map(Path::Stale),
        1 => Just(Path::Readded),
    ]
}

enum Op {
    Upsert(Article),
    Remove(String),
}

/// The operations for one arrival order: stale versions and removals first, then every
/// article in its final form.
fn ops(order: &[usize], paths: &[Path]) -> Vec<Op> {
    let all = corpus();
    let mut first = Vec::new();
    let mut last = Vec::new();
    for &i in order {
        let a = all[i].clone();
        match paths[i] {
            Path::Once => last.push(Op::Upsert(a)),
            Path::Stale(j) => {
                let mut stale = all[j % all.len()].clone();
                stale.id = a.id.clone();
                first.push(Op::Upsert(stale));
                last.push(Op::Upsert(a));
            }
            Path::Readded => {
                first.push(Op::Upsert(a.clone()));
                first.push(Op::Remove(a.id.clone()));
                last.push(Op::Upsert(a));
            }
        }
    }
    first.extend(last);
    first
}

#[test]
fn the_reference_separates_the_events() {
    let r = reference();
    let groups: Vec<&Vec<String>> = r.iter().map(|(a, _)| a).collect();
    assert!(groups.contains(&&vec![
        "ferry-a.txt".to_string(),
        "ferry-b.txt".to_string(),
        "ferry-c.txt".to_string()
    ]));
    assert!(groups.contains(&&vec![
        "ferry-sept-a.txt".to_string(),
        "ferry-sept-b.txt".to_string()
    ]));
    assert!(groups.contains(&&vec!["vax-a.txt".to_string(), "vax-b.txt".to_string()]));
}

/// The twelve articles arriving once each, in order: the reference every arrival order
/// and batching must reach.
fn one_load(idx: StoryIndex) -> (Partition, Links) {
    let all: Vec<usize> = (0..12).collect();
    arrive_links(idx, &all, &[Path::Once; 12])
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn any_arrival_order_gives_the_stories_of_one_load(
        order in Just((0..12usize).collect::<Vec<_>>()).prop_shuffle(),
        paths in proptest::collection::vec(path(), 12),
    ) {
        prop_assert_eq!(arrive(StoryIndex::new(), &order, &paths), reference());
    }

    /// With room for one link per article, every arrival pushes others' links
    /// out and every removal brings the next best back: still the same stories.
    #[test]
    fn kept_links_do_not_depend_on_arrival_order(
        order in Just((0..12usize).collect::<Vec<_>>()).prop_shuffle(),
        paths in proptest::collection::vec(path(), 12),
    ) {
        prop_assert_eq!(
            arrive(StoryIndex::with_top_links(1), &order, &paths),
            reference_with(StoryIndex::with_top_links(1))
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    /// With features held by more than one to three articles counting as household
    /// names, features cross that count up and down as stale versions come and go:
    /// still the stories of one load.
    #[test]
    fn specific_counts_do_not_make_stories_depend_on_arrival_order(
        order in Just((0..12usize).collect::<Vec<_>>()).prop_shuffle(),
        paths in proptest::collection::vec(path(), 12),
        df in 1..4usize,
    ) {
        prop_assert_eq!(
            arrive(StoryIndex::new().with_specific_df(df), &order, &paths),
            reference_with(StoryIndex::new().with_specific_df(df))
        );
    }
}

#[test]
fn reports_sharing_only_household_names_stay_apart() {
    // Every feature held by two articles or more counts as a household name: no pair
    // shares specific evidence, so no story joins two reports (the test above would
    // pass vacuously if the count changed nothing).
    let r = reference_with(StoryIndex::new().with_specific_df(1));
    assert!(r.iter().all(|(a, _)| a.len() == 1), "{r:?}");
    // At three, the three reports of the first ferry accident (their own names held by
    // those three) still make one story.
    let r = reference_with(StoryIndex::new().with_specific_df(3));
    assert!(
        r.iter().any(|(a, _)| a.len() == 3 && a[0] == "ferry-a.txt"),
        "{r:?}"
    );
}

/// Two reports of one opening share two rare names; two long roll calls of other names
/// mention one of them each: sharing one rare name only, neither is a candidate of the
/// reports, so nothing links them.
fn roll_call() -> Vec<Article> {
    vec![
        art(
            "open-a.txt",
            "Vendrask bridge opens",
            None,
            "Engineers of Vendrask opened the bridge at Quillmoor on Tuesday.",
        ),
        art(
            "open-b.txt",
            "Quillmoor crossing ready",
            None,
            "The Quillmoor bridge built by Vendrask carried its first walkers.",
        ),
        art(
            "roll-1.txt",
            "Choir season programme",
            None,
            "Singers from Tolvaro, Brenmitz, Yassuke, Oparine, Kelditch, Morravin, \
             Sundaquist, Plovenko, Harsquith and Vendrask will tour with conductor \
             Rassmundt.",
        ),
        art(
            "roll-2.txt",
            "Orchestra season programme",
            None,
            "Players from Dellombre, Ferrantix, Gorsewyn, Ibbotrane, Jastrowel, Kymbrecht, \
             Lunnavar, Mezzoltan, Norquay and Quillmoor will tour with conductor \
             Tiveroux.",
        ),
    ]
}

#[test]
fn a_feature_grown_common_re_clusters_its_holders_even_unlinked_ones() {
    // With two holders at most for a specific feature, the roll calls make both shared
    // names common: the two reports then share nothing specific and part. Nothing
    // links the roll calls to them, so only the counts' crossing can tell them.
    let none = ArticleAnalysis::default();
    let arts = roll_call();
    let mut one_by_one = StoryIndex::new().with_specific_df(2);
    for a in &arts {
        one_by_one.upsert(a, &none);
    }
    let mut batch = StoryIndex::new().with_specific_df(2);
    batch.upsert_many(arts.iter().map(|a| (a, &none)));
    assert_eq!(stories_of(&one_by_one), stories_of(&batch));
    assert!(stories_of(&batch).iter().all(|(a, _)| a.len() == 1));
    // Without the roll calls the names are specific again and the reports one story.
    one_by_one.remove("roll-1.txt");
    one_by_one.remove("roll-2.txt");
    let mut pair = StoryIndex::new().with_specific_df(2);
    pair.upsert_many(arts[..2].iter().map(|a| (a, &none)));
    assert_eq!(stories_of(&one_by_one), stories_of(&pair));
    assert_eq!(stories_of(&pair).len(), 1);
}

type Links = Vec<(String, String)>;

/// Applies one arrival order and returns the stories and the kept links.
fn arrive_links(mut idx: StoryIndex, order: &[usize], paths: &[Path]) -> (Partition, Links) {
    for op in ops(order, paths) {
        match op {
            Op::Upsert(a) => {
                idx.upsert(&a, &ArticleAnalysis::default());
            }
            Op::Remove(id) => {
                idx.remove(&id);
            }
        }
    }
    (stories_of(&idx), idx.links())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// With samples of two holders per feature, articles enter and leave samples as
    /// stale versions come and go: the links (and the stories) are still those of one
    /// load.
    #[test]
    fn feature_samples_do_not_make_links_depend_on_arrival_order(
        order in Just((0..12usize).collect::<Vec<_>>()).prop_shuffle(),
        paths in proptest::collection::vec(path(), 12),
        k in 1..4usize,
    ) {
        let expected = one_load(StoryIndex::with_limits(k, 2));
        prop_assert_eq!(arrive_links(StoryIndex::with_limits(k, 2), &order, &paths), expected);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// A folder load in one batch (stale versions earlier in the batch, the last one
    /// counting) keeps the same links and stories as articles arriving one by one.
    #[test]
    fn one_batch_load_equals_arrival_one_by_one(
        order in Just((0..12usize).collect::<Vec<_>>()).prop_shuffle(),
        paths in proptest::collection::vec(path(), 12),
        k in 1..4usize,
    ) {
        let expected = one_load(StoryIndex::with_limits(k, 2));
        let batch: Vec<Article> = ops(&order, &paths)
            .into_iter()
            .filter_map(|op| match op {
                Op::Upsert(a) => Some(a),
                Op::Remove(_) => None,
            })
            .collect();
        let none = ArticleAnalysis::default();
        let mut idx = StoryIndex::with_limits(k, 2);
        idx.upsert_many(batch.iter().map(|a| (a, &none)));
        prop_assert_eq!((stories_of(&idx), idx.links()), expected);
    }
}

#[test]
fn a_small_sample_drops_links_of_holders_outside_it() {
    // The sample changes which pairs are candidates: the tests above would pass
    // vacuously if the sampled index kept the same links as the full one.
    let (_, capped) = one_load(StoryIndex::with_limits(40, 2));
    let (_, full) = one_load(StoryIndex::new());
    assert!(capped.len() < full.len(), "{capped:?} vs {full:?}");
    assert!(capped.iter().all(|l| full.contains(l)));
}

fn file(a: &Article) -> (String, AnalyzedFile) {
    (
        a.id.clone(),
        AnalyzedFile {
            entries: vec![Entry {
                article: a.clone(),
                analysis: analysis::analyze(a),
            }],
            skipped: None,
            key: None,
        },
    )
}

fn desk_stories(desk: &Desk) -> Partition {
    stories_of(&desk.stories)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    #[test]
    fn the_desk_in_any_batches_equals_one_load(
        order in Just((0..12usize).collect::<Vec<_>>()).prop_shuffle(),
        cuts in proptest::collection::vec(1..5usize, 12),
        removed in 0..12usize,
    ) {
        let all = corpus();
        let mut one = Desk::new();
        one.apply_batch(all.iter().map(file).collect());
        let expected = desk_stories(&one);

        let mut desk = Desk::new();
        let mut i = 0;
        let mut c = 0;
        while i < order.len() {
            let n = cuts[c % cuts.len()].min(order.len() - i);
            desk.apply_batch(order[i..i + n].iter().map(|&k| file(&all[k])).collect());
            i += n;
            c += 1;
        }
        // A file that goes away and comes back changes nothing in the end.
        desk.remove_file(&all[removed].id);
        desk.apply_file(&all[removed].id, file(&all[removed]).1);
        prop_assert_eq!(desk_stories(&desk), expected);
    }
}

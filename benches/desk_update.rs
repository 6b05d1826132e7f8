//! Desk update cost with a big folder loaded: generates 10,000 articles in ~500 stories,
//! times `Desk::load` (full scan), then one new article and one changed article, each
//! split into analysis (`desk::analyze_file`, done by workers off the UI thread) and the
//! desk apply (stories, speakers, conflicts of the touched story). Also prints how well
//! the stories found match the generator's stories. Run with
//! `cargo bench --bench desk_update`.

#[path = "corpus.rs"]
mod corpus;

use quotedesk::desk::{self, Desk};
use quotedesk::ingest::IngestOptions;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::time::{Duration, Instant};

const SEED: u64 = 11;

/// Corpus size: 10,000 articles in 500 stories unless `QD_BENCH_ARTICLES` says otherwise
/// (stories scale along: one per 20 articles).
fn sizes() -> (usize, usize) {
    let articles = std::env::var("QD_BENCH_ARTICLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000usize);
    (articles, (articles / 20).max(1))
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn rel_of(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .expect("corpus file under root")
        .to_string_lossy()
        .replace('\\', "/")
}

/// Times analysis and apply of file `rel`; returns (analysis ms, apply ms).
fn update(desk: &mut Desk, root: &Path, rel: &str, opts: &IngestOptions) -> (f64, f64) {
    let t = Instant::now();
    let file = desk::analyze_file(root, rel, opts);
    let analysis = t.elapsed();
    let t = Instant::now();
    desk.apply_file(rel, file);
    (ms(analysis), ms(t.elapsed()))
}

/// Story purity against the generator's folders (`sNNNN/`).
fn story_quality(desk: &Desk) {
    let stories = desk.stories.stories();
    let mut pure = 0usize;
    let mut folders_of: BTreeMap<String, BTreeSet<usize>> = BTreeMap::new();
    let mut mixed_articles = 0usize;
    for s in &stories {
        let mut count: BTreeMap<String, usize> = BTreeMap::new();
        for a in &s.articles {
            let folder = a.split('/').next().unwrap_or("").to_string();
            *count.entry(folder.clone()).or_default() += 1;
            folders_of.entry(folder).or_default().insert(s.key);
        }
        if count.len() == 1 {
            pure += 1;
        }
        let majority = count.values().copied().max().unwrap_or(0);
        mixed_articles += s.articles.len() - majority;
    }
    let split = folders_of.values().filter(|k| k.len() > 1).count();
    println!(
        "stories: {} found for {} generated; {} pure; {} articles outside their story's \
         majority; {} generated stories split over several",
        stories.len(),
        folders_of.len(),
        pure,
        mixed_articles,
        split
    );
    println!("speakers with quotes: {}", desk.speakers.speakers().len());
}

#[allow(non_snake_case)]
fn main() {
    let (ARTICLES, STORIES) = sizes();
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    let t = Instant::now();
    let bytes = corpus::generate(root, ARTICLES, STORIES, SEED);
    println!(
        "generated {ARTICLES} articles in {STORIES} stories ({:.1} MB) in {:.1} s",
        bytes as f64 / 1e6,
        t.elapsed().as_secs_f64()
    );
    let opts = IngestOptions::default();

    let t = Instant::now();
    let mut desk = Desk::load(root, &opts, &|_, _| {}).expect("load corpus");
    let load = t.elapsed();
    println!(
        "Desk::load (full scan, {} threads): {:.2} s for {} articles",
        rayon::current_num_threads(),
        load.as_secs_f64(),
        desk.len()
    );
    story_quality(&desk);

    // A new article of an existing story.
    let path = corpus::write_one(root, ARTICLES, STORIES, SEED);
    let rel = rel_of(root, &path);
    let (an, ap) = update(&mut desk, root, &rel, &opts);
    println!("new article {rel}: analysis {an:.2} ms, desk apply {ap:.2} ms");

    // A changed article: an existing file with a paragraph appended.
    let path = corpus::write_one(root, 17, STORIES, SEED);
    let rel = rel_of(root, &path);
    let mut text = std::fs::read(&path).expect("read article");
    if rel.ends_with(".txt") || rel.ends_with(".md") {
        text.extend_from_slice(b"\n\nOfficials said a further update would follow on Friday.\n");
    } else {
        text.extend_from_slice(b"\n");
    }
    std::fs::write(&path, text).expect("rewrite article");
    let (an, ap) = update(&mut desk, root, &rel, &opts);
    println!("changed article {rel}: analysis {an:.2} ms, desk apply {ap:.2} ms");

    // Steadier figures: the same two updates repeated.
    let mut worst_apply: f64 = 0.0;
    let mut total_apply = 0.0;
    let runs = 20;
    for i in 0..runs {
        let path = corpus::write_one(root, ARTICLES + 1 + i, STORIES, SEED);
        let rel = rel_of(root, &path);
        let (_, ap) = update(&mut desk, root, &rel, &opts);
        worst_apply = worst_apply.max(ap);
        total_apply += ap;
    }
    println!(
        "{runs} more new articles: desk apply mean {:.2} ms, worst {:.2} ms (target < 50 ms)",
        total_apply / runs as f64,
        worst_apply
    );
}

//! Story maintenance at 1,000 / 4,000 / 10,000 articles: the folders come from
//! `../shared/eval/make_scale_corpus.py N DIR` (real PolNeAR paragraphs stitched into
//! articles, so household names are everywhere). For each size: read and analyse every
//! file (not timed: workers do this), then time the full load of the story index (one
//! `upsert_many`, as the desk does for a folder), a new article upserted into the loaded
//! index, a changed article (re-upsert) and a removal, and print the largest story. Run with `cargo bench --bench stories`
//! (`QD_BENCH_SIZES=1000,4000` to choose sizes; corpora are generated into the temp dir
//! when missing).

use quotedesk::analysis::stories::StoryIndex;
use quotedesk::desk::{Entry, analyze_file};
use quotedesk::ingest::{self, IngestOptions};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Articles held back from the load and upserted one by one into the loaded index.
const PROBES: usize = 50;

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn corpus(n: usize) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("quotedesk-stories-bench-{n}"));
    if !dir.join(format!("{:05}.md", n - 1)).is_file() {
        let script = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../shared/eval/make_scale_corpus.py")
            .canonicalize()
            .or_else(|_| {
                Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("../../shared/eval/make_scale_corpus.py")
                    .canonicalize()
            })
            .expect("make_scale_corpus.py beside the checkout");
        let ok = std::process::Command::new("python3")
            .arg(script)
            .arg(n.to_string())
            .arg(&dir)
            .status()
            .expect("python3")
            .success();
        assert!(ok, "corpus generation failed");
    }
    dir
}

fn entries(dir: &Path) -> Vec<Entry> {
    let opts = IngestOptions::default();
    let files = ingest::list_files(dir, &opts).expect("corpus folder");
    files
        .par_iter()
        .flat_map_iter(|rel| analyze_file(dir, rel, &opts).entries)
        .collect()
}

fn stats(mut v: Vec<f64>) -> String {
    v.sort_by(f64::total_cmp);
    let med = v[v.len() / 2];
    let p95 = v[(v.len() * 95 / 100).min(v.len() - 1)];
    format!(
        "median {med:.2} ms, p95 {p95:.2} ms, max {:.2} ms",
        v[v.len() - 1]
    )
}

fn run(n: usize) {
    let dir = corpus(n);
    let t = Instant::now();
    let all = entries(&dir);
    let analysis = t.elapsed();
    let (load, probes) = all.split_at(all.len() - PROBES);

    let mut idx = StoryIndex::new();
    let t = Instant::now();
    // What the desk does with a folder load.
    idx.upsert_many(load.iter().map(|e| (&e.article, &e.analysis)));
    let load_time = t.elapsed();

    let mut added = Vec::new();
    for e in probes {
        let t = Instant::now();
        idx.upsert(&e.article, &e.analysis);
        added.push(ms(t.elapsed()));
    }
    let mut changed = Vec::new();
    for e in probes {
        let mut a = e.article.clone();
        a.text.push_str("\n\nUpdated with a correction.");
        // The desk analyses a changed file before the index sees it (not story cost).
        let an = quotedesk::analysis::analyze(&a);
        let t = Instant::now();
        idx.upsert(&a, &an);
        changed.push(ms(t.elapsed()));
    }
    let mut removed = Vec::new();
    for e in probes {
        let t = Instant::now();
        idx.remove(&e.article.id);
        removed.push(ms(t.elapsed()));
    }
    let stories = idx.stories();
    println!(
        "{n:>6} articles: analysis {:.1} s (not story cost) | load {:.2} s = {:.3} ms/article | \
         {} stories, largest {}",
        analysis.as_secs_f64(),
        load_time.as_secs_f64(),
        ms(load_time) / load.len() as f64,
        stories.len(),
        stories.first().map_or(0, |s| s.articles.len()),
    );
    println!("        new article upsert: {}", stats(added));
    println!("        changed article:    {}", stats(changed));
    println!("        removal:            {}", stats(removed));
}

fn main() {
    let sizes: Vec<usize> = std::env::var("QD_BENCH_SIZES")
        .ok()
        .map(|v| v.split(',').filter_map(|s| s.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![1_000, 4_000, 10_000]);
    println!("story maintenance (StoryIndex only; times on a shared 2-core machine)");
    for n in sizes {
        run(n);
    }
}

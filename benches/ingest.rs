//! Ingest throughput: generates 10,000 mixed-format articles (about 40 MB) in a temp
//! folder, then times `list_files` + `read_file` over every file on one thread and on
//! all cores. Run with `cargo bench --bench ingest`; prints MB/s and articles/s.

#[path = "corpus.rs"]
mod corpus;

use quotedesk::ingest::{IngestOptions, list_files, read_file};
use rayon::prelude::*;
use std::path::Path;
use std::time::Instant;

const ARTICLES: usize = 10_000;
const STORIES: usize = 400;
const SEED: u64 = 7;

/// One full pass; returns (articles, skipped files).
fn pass(root: &Path, opts: &IngestOptions, parallel: bool) -> (usize, usize) {
    let files = list_files(root, opts).expect("list corpus");
    let outcomes: Vec<_> = if parallel {
        files.par_iter().map(|f| read_file(root, f, opts)).collect()
    } else {
        files.iter().map(|f| read_file(root, f, opts)).collect()
    };
    let articles = outcomes.iter().map(|o| o.articles.len()).sum();
    let skipped = outcomes.iter().filter(|o| o.skipped.is_some()).count();
    (articles, skipped)
}

fn measure(label: &str, root: &Path, bytes: u64, opts: &IngestOptions, parallel: bool) {
    let _ = pass(root, opts, parallel); // warm the page cache and allocator
    let runs = 3;
    let mut best = f64::MAX;
    let mut counts = (0, 0);
    for _ in 0..runs {
        let t = Instant::now();
        counts = pass(root, opts, parallel);
        best = best.min(t.elapsed().as_secs_f64());
    }
    let mb = bytes as f64 / 1_000_000.0;
    println!(
        "{label:<22} best of {runs}: {best:.3} s  {:.1} MB/s  {:.0} articles/s  ({} articles, {} skipped)",
        mb / best,
        counts.0 as f64 / best,
        counts.0,
        counts.1
    );
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    // QUOTEDESK_KEEP_CORPUS=DIR writes the corpus there instead, to look at it.
    let kept = std::env::var_os("QUOTEDESK_KEEP_CORPUS").map(std::path::PathBuf::from);
    let root = kept.as_deref().unwrap_or(dir.path());
    let t = Instant::now();
    let bytes = corpus::generate(root, ARTICLES, STORIES, SEED);
    println!(
        "corpus: {ARTICLES} files, {:.1} MB, generated in {:.2} s",
        bytes as f64 / 1_000_000.0,
        t.elapsed().as_secs_f64()
    );
    let opts = IngestOptions::default();
    let threads = rayon::current_num_threads();
    measure("1 thread", root, bytes, &opts, false);
    measure(
        &format!("{threads} threads (rayon)"),
        root,
        bytes,
        &opts,
        true,
    );
}

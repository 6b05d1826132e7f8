//! Analysis throughput: generates invented articles (see `corpus.rs`), reads them once,
//! then times `analysis::analyze` (text model, quotes, entities, facts) over all of
//! them on one thread and on all cores. Run with `cargo bench --bench analysis`;
//! prints MB/s of article text. A benchmark, not a timed test.

#[path = "corpus.rs"]
mod corpus;

use quotedesk::analysis::analyze;
use quotedesk::ingest::{Article, IngestOptions, list_files, read_file};
use rayon::prelude::*;
use std::time::Instant;

const ARTICLES: usize = 3_000;
const STORIES: usize = 120;
const SEED: u64 = 11;

fn measure(label: &str, articles: &[Article], parallel: bool) {
    let bytes: usize = articles.iter().map(|a| a.text.len()).sum();
    let run = || -> usize {
        if parallel {
            articles.par_iter().map(|a| analyze(a).quotes.len()).sum()
        } else {
            articles.iter().map(|a| analyze(a).quotes.len()).sum()
        }
    };
    let _ = run(); // warm up
    let mut best = f64::MAX;
    let mut quotes = 0;
    for _ in 0..3 {
        let t = Instant::now();
        quotes = run();
        best = best.min(t.elapsed().as_secs_f64());
    }
    let mb = bytes as f64 / 1e6;
    println!(
        "{label:<14} best of 3: {best:.3} s  {:.1} MB/s  ({} articles, {:.1} MB text, {quotes} quotes)",
        mb / best,
        articles.len(),
        mb
    );
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    corpus::generate(dir.path(), ARTICLES, STORIES, SEED);
    let opts = IngestOptions::default();
    let files = list_files(dir.path(), &opts).expect("list corpus");
    let articles: Vec<Article> = files
        .iter()
        .flat_map(|f| read_file(dir.path(), f, &opts).articles)
        .collect();
    measure("1 thread", &articles, false);
    let threads = rayon::current_num_threads();
    measure(&format!("{threads} threads"), &articles, true);
}

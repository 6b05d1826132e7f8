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

// The same allocator as the `quotedesk` binary, so the figure is the command's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const ARTICLES: usize = 3_000;
const STORIES: usize = 120;
const SEED: u64 = 11;

/// CPU seconds this thread has used (Linux; `None` elsewhere). On a shared machine
/// wall time counts other programs' load; this does not.
fn thread_cpu_secs() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    let rest = stat.rsplit_once(')')?.1;
    let f: Vec<&str> = rest.split_whitespace().collect();
    let utime: f64 = f.get(11)?.parse().ok()?;
    let stime: f64 = f.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
}

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
    let mut best_cpu = f64::MAX;
    let mut quotes = 0;
    for _ in 0..3 {
        let t = Instant::now();
        let c0 = thread_cpu_secs();
        quotes = run();
        best = best.min(t.elapsed().as_secs_f64());
        if let (Some(a), Some(b)) = (c0, thread_cpu_secs()) {
            best_cpu = best_cpu.min(b - a);
        }
    }
    let mb = bytes as f64 / 1e6;
    if !parallel && best_cpu < f64::MAX && best_cpu > 0.0 {
        println!(
            "{label:<14} per CPU-second: {:.1} MB/s ({best_cpu:.2} CPU s)",
            mb / best_cpu
        );
    }
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

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
    let mut best_cpu = f64::MAX;
    let mut counts = (0, 0);
    for _ in 0..runs {
        let c = cpu_ns();
        let t = Instant::now();
        counts = pass(root, opts, parallel);
        best = best.min(t.elapsed().as_secs_f64());
        if let (Some(a), Some(b)) = (c, cpu_ns()) {
            best_cpu = best_cpu.min(b.saturating_sub(a) as f64 / 1e9);
        }
    }
    let mb = bytes as f64 / 1_000_000.0;
    println!(
        "{label:<22} best of {runs}: wall {best:.3} s  {:.1} MB/s  {:.0} articles/s  ({} articles, {} skipped)",
        mb / best,
        counts.0 as f64 / best,
        counts.0,
        counts.1
    );
    if best_cpu < f64::MAX {
        println!(
            "{:<22} CPU time {best_cpu:.3} s = {:.1} MB/s per core, {:.0} articles/s per core",
            "",
            mb / best_cpu,
            counts.0 as f64 / best_cpu
        );
    }
}

/// CPU time (ns) used so far by all threads of this process, from
/// /proc/self/task/*/schedstat (Linux). The machine is shared, so wall-clock figures
/// depend on what else runs; CPU time says what the work itself costs.
fn cpu_ns() -> Option<u64> {
    let mut total = 0;
    for t in std::fs::read_dir("/proc/self/task").ok()? {
        let s = std::fs::read_to_string(t.ok()?.path().join("schedstat")).ok()?;
        total += s.split_whitespace().next()?.parse::<u64>().ok()?;
    }
    Some(total)
}

/// CPU time (ns) of the calling thread.
fn thread_cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

/// Single-thread CPU time per file extension, to see where the time goes.
fn by_format(root: &Path, opts: &IngestOptions) {
    let files = list_files(root, opts).expect("list corpus");
    let mut per: std::collections::BTreeMap<String, (usize, u64, f64)> = Default::default();
    for f in &files {
        let ext = f.rsplit('.').next().unwrap_or("").to_string();
        let size = std::fs::metadata(root.join(f))
            .map(|m| m.len())
            .unwrap_or(0);
        let c = thread_cpu_ns().unwrap_or(0);
        let _ = read_file(root, f, opts);
        let e = per.entry(ext).or_default();
        e.0 += 1;
        e.1 += size;
        e.2 += thread_cpu_ns().unwrap_or(0).saturating_sub(c) as f64 / 1e9;
    }
    for (ext, (n, bytes, secs)) in per {
        println!(
            "  .{ext:<5} {n:>5} files {:>6.1} MB  {secs:.3} s CPU  {:.1} MB/s per core",
            bytes as f64 / 1e6,
            bytes as f64 / 1e6 / secs
        );
    }
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    // QUOTEDESK_KEEP_CORPUS=DIR writes the corpus there instead, to look at it.
    let kept = std::env::var_os("QUOTEDESK_KEEP_CORPUS").map(std::path::PathBuf::from);
    let root = kept.as_deref().unwrap_or(dir.path());
    let t = Instant::now();
    // A kept corpus that is already there is reused (no need to write it again).
    let bytes = match &kept {
        Some(k) if k.join("s0000").is_dir() => walkdir::WalkDir::new(k)
            .into_iter()
            .flatten()
            .filter(|e| e.file_type().is_file())
            .map(|e| e.metadata().map(|m| m.len()).unwrap_or(0))
            .sum(),
        _ => corpus::generate(root, ARTICLES, STORIES, SEED),
    };
    println!(
        "corpus: {ARTICLES} files, {:.1} MB, generated in {:.2} s",
        bytes as f64 / 1_000_000.0,
        t.elapsed().as_secs_f64()
    );
    let opts = IngestOptions::default();
    by_format(root, &opts);
    let threads = rayon::current_num_threads();
    if let Ok(l) = std::fs::read_to_string("/proc/loadavg") {
        println!("load average: {}", l.trim());
    }
    measure("1 thread", root, bytes, &opts, false);
    measure(
        &format!("{threads} threads (rayon)"),
        root,
        bytes,
        &opts,
        true,
    );
}

//! How the desk's cost grows with the folder. For each size (default 1,000 / 4,000 /
//! 10,000 articles of `../shared/eval/make_scale_corpus.py`, generated once into
//! `/tmp/quotedesk-scale-N` and reused) a child process of this bench loads the folder and
//! prints: full load time, MB/s, peak memory (VmHWM), then one new, one changed and one
//! removed article at that size (median and max of 20 each, desk apply only; the
//! analysis of the file, done by workers off the UI thread, is printed apart), and, when
//! the cache is on, the time of a second load from the cache.
//!
//! `cargo bench --bench scale`; `QD_SCALE_SIZES=1000,2000` picks sizes,
//! `QD_SCALE_SCRIPT` the generator, `QD_SCALE_DIR` where corpora go (default /tmp).
//! Corpora are never modified: new and changed files are written to a separate folder
//! under the same relative names.

#[path = "peak.rs"]
mod peak;
use peak::vm_hwm_mb;
use quotedesk::analysis::speakers::SpeakerIndex;
use quotedesk::desk::{self, Desk, LoadOptions};
use quotedesk::ingest::IngestOptions;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const RUNS: usize = 20;

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Median and max of a sample, in ms.
fn stats(mut v: Vec<f64>) -> (f64, f64) {
    v.sort_by(|a, b| a.total_cmp(b));
    (v[v.len() / 2], v[v.len() - 1])
}

fn corpus_dir(n: usize) -> PathBuf {
    let base = std::env::var("QD_SCALE_DIR").unwrap_or_else(|_| "/tmp".into());
    PathBuf::from(base).join(format!("quotedesk-scale-{n}"))
}

/// Generates the corpus of `n` articles unless a complete one is already there.
fn ensure_corpus(n: usize) -> PathBuf {
    let dir = corpus_dir(n);
    let have = std::fs::read_dir(&dir).map_or(0, |d| d.count());
    if have != n {
        let script = std::env::var("QD_SCALE_SCRIPT")
            .unwrap_or_else(|_| "../shared/eval/make_scale_corpus.py".into());
        let _ = std::fs::remove_dir_all(&dir);
        let ok = Command::new("python3")
            .arg(&script)
            .arg(n.to_string())
            .arg(&dir)
            .status()
            .is_ok_and(|s| s.success());
        assert!(ok, "could not generate the corpus with {script}");
    }
    dir
}

fn folder_bytes(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(Result::ok)
                .filter_map(|e| e.metadata().ok())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0)
}

/// One size, in this (child) process.
fn run_size(n: usize) {
    let root = ensure_corpus(n);
    let bytes = folder_bytes(&root);
    let opts = IngestOptions::default();
    let cache_dir = tempfile::tempdir().expect("temp cache dir");
    let use_cache = std::env::var("QD_SCALE_CACHE").map_or(true, |v| v != "0");
    let load_opts = LoadOptions {
        cache_dir: use_cache.then(|| cache_dir.path().to_path_buf()),
    };
    let t = Instant::now();
    let mut desk = Desk::load_with(&root, &opts, &load_opts, &|_, _| {}).expect("load");
    let load = t.elapsed();
    let largest = desk
        .stories
        .stories()
        .iter()
        .map(|s| s.articles.len())
        .max()
        .unwrap_or(0);
    println!(
        "{n} articles ({:.1} MB): load {:.2} s = {:.2} MB/s, peak memory {:.0} MB; \
         {} stories (largest {largest}), {} speakers",
        bytes as f64 / 1e6,
        load.as_secs_f64(),
        bytes as f64 / 1e6 / load.as_secs_f64(),
        vm_hwm_mb(),
        desk.stories.stories().len(),
        desk.speakers.speakers().len(),
    );

    // New and changed files go to a scratch folder under names the desk then applies.
    let scratch = tempfile::tempdir().expect("scratch dir");
    let source = |i: usize| std::fs::read(root.join(format!("{:05}.md", i % n))).expect("read");
    let (mut an, mut ap_new, mut ap_changed, mut ap_removed) = (vec![], vec![], vec![], vec![]);
    for i in 0..RUNS {
        // New: an existing article's body under a new name and a new title.
        let rel = format!("new-{i:03}.md");
        let text = String::from_utf8_lossy(&source(i * 37 + 5)).replacen(
            "title: \"",
            "title: \"Update: ",
            1,
        );
        std::fs::write(scratch.path().join(&rel), text).expect("write new");
        let t = Instant::now();
        let file = desk::analyze_file(scratch.path(), &rel, &opts);
        an.push(ms(t.elapsed()));
        let t = Instant::now();
        desk.apply_file(&rel, file);
        ap_new.push(ms(t.elapsed()));

        // Changed: an existing article with one paragraph appended.
        let rel = format!("{:05}.md", (i * 53 + 11) % n);
        let mut text = std::fs::read(root.join(&rel)).expect("read");
        text.extend_from_slice(b"\n\nOfficials said a further update would follow.\n");
        std::fs::write(scratch.path().join(&rel), text).expect("write changed");
        let file = desk::analyze_file(scratch.path(), &rel, &opts);
        let t = Instant::now();
        desk.apply_file(&rel, file);
        ap_changed.push(ms(t.elapsed()));

        // Removed: an existing article (put back afterwards, untimed).
        let rel = format!("{:05}.md", (i * 71 + 23) % n);
        let back = desk::analyze_file(&root, &rel, &opts);
        let t = Instant::now();
        desk.remove_file(&rel);
        ap_removed.push(ms(t.elapsed()));
        desk.apply_file(&rel, back);
    }
    let line = |what: &str, v: Vec<f64>| {
        let (med, max) = stats(v);
        println!("  {what:<28} median {med:8.2} ms  max {max:8.2} ms");
    };
    line("analysis of one file", an);
    line("new article (desk apply)", ap_new);
    line("changed article (desk apply)", ap_changed);
    line("removed article (desk apply)", ap_removed);
    drop(desk);

    if use_cache {
        let t = Instant::now();
        let desk = Desk::load_with(&root, &opts, &load_opts, &|_, _| {}).expect("reload");
        let reopen = t.elapsed();
        // Where the reopen goes: reading and decoding the cached analyses, then the
        // folder-level indexes (speakers alone measured apart; the rest is stories and
        // conflicts).
        let cache = desk::cache::Cache::open(cache_dir.path());
        let files = quotedesk::ingest::list_files(&root, &opts).expect("list");
        let t = Instant::now();
        let read: usize = files
            .par_iter()
            .map(|rel| {
                desk::analyze_file_with(&root, rel, &opts, Some(&cache))
                    .entries
                    .len()
            })
            .sum();
        let read_s = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let mut speakers = SpeakerIndex::new();
        let stories: Vec<(String, Option<String>)> = desk
            .entries()
            .map(|e| {
                let story = desk
                    .stories
                    .story_of(&e.article.id)
                    .map(|s| s.key.to_string());
                (e.article.id.clone(), story)
            })
            .collect();
        speakers.upsert_many(
            desk.entries()
                .zip(&stories)
                .map(|(e, (id, s))| (id.as_str(), s.as_deref(), &e.analysis)),
        );
        let speakers_s = t.elapsed().as_secs_f64();
        println!(
            "  reopen from the cache: {:.2} s for {} articles (cached analyses read and \
             decoded: {read_s:.2} s for {read}; speaker index alone: {speakers_s:.2} s; \
             the rest is stories and conflicts)",
            reopen.as_secs_f64(),
            desk.len()
        );
    }
}

fn main() {
    // A child run measures one size, so each size has its own peak memory.
    if let Ok(n) = std::env::var("QD_SCALE_CHILD") {
        run_size(n.parse().expect("size"));
        return;
    }
    let sizes: Vec<usize> = std::env::var("QD_SCALE_SIZES")
        .unwrap_or_else(|_| "1000,4000,10000".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    println!(
        "scale bench: {} threads; corpora in {}",
        rayon::current_num_threads(),
        corpus_dir(0).parent().unwrap_or(Path::new("/")).display()
    );
    let me = std::env::current_exe().expect("own path");
    for n in sizes {
        let status = Command::new(&me)
            .env("QD_SCALE_CHILD", n.to_string())
            .status()
            .expect("run child");
        assert!(status.success(), "size {n} failed");
    }
}

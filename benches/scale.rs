//! How the desk's cost grows with the folder. For each size (default 1,000 / 4,000 /
//! 10,000 articles of `../shared/eval/make_scale_corpus.py`, generated once into
//! `/tmp/quotedesk-scale-N` and reused) a child process of this bench loads the folder and
//! prints: full load time, MB/s, peak memory (VmHWM), then one new, one changed and one
//! removed article at that size (median and max of 20 each, desk apply only; the
//! analysis of the file, done by workers off the UI thread, is printed apart). With the
//! cache on (the default; `QD_SCALE_CACHE=0` turns it off) the first load fills an empty
//! cache, and a second child process reopens the folder from it (time and its own peak
//! memory), then changes one file and adds one and reopens again (the folder snapshot
//! brought up to date).
//!
//! `cargo bench --bench scale`; `QD_SCALE_SIZES=1000,2000` picks sizes,
//! `QD_SCALE_SCRIPT` the generator, `QD_SCALE_DIR` where corpora go (default /tmp).
//! Corpora are never modified: the loads read a scratch copy, and the updates write
//! new and changed files to a separate folder under the same relative names.

#[path = "peak.rs"]
mod peak;
use peak::vm_hwm_mb;
use quotedesk::desk::{self, Desk, LoadOptions, Stages};
use quotedesk::ingest::IngestOptions;
use quotedesk::tui::app::App;
use quotedesk::tui::keymap::Keymap;
use quotedesk::tui::theme::Theme;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const RUNS: usize = 20;

/// Counts the bytes live on the heap, so that the bench can say which part of the desk
/// holds the memory (dropping a part frees exactly what it held).
struct Counting;

static LIVE: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

unsafe impl std::alloc::GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        let p = unsafe { std::alloc::System.alloc(layout) };
        if !p.is_null() {
            LIVE.fetch_add(layout.size(), std::sync::atomic::Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: std::alloc::Layout) {
        unsafe { std::alloc::System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), std::sync::atomic::Ordering::Relaxed);
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: std::alloc::Layout, new: usize) -> *mut u8 {
        let p = unsafe { std::alloc::System.realloc(ptr, layout, new) };
        if !p.is_null() {
            LIVE.fetch_sub(layout.size(), std::sync::atomic::Ordering::Relaxed);
            LIVE.fetch_add(new, std::sync::atomic::Ordering::Relaxed);
        }
        p
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

fn live_mb() -> f64 {
    LIVE.load(std::sync::atomic::Ordering::Relaxed) as f64 / 1e6
}

/// What the speaker index is made of (MB per part, by a copy of each) and how large its
/// name groups are (a re-clustering walks one).
fn speaker_parts(desk: &Desk) -> String {
    let parts: Vec<String> = desk
        .speakers
        .part_copies()
        .into_iter()
        .map(|(name, copy)| {
            let before = live_mb();
            let c = copy();
            let size = live_mb() - before;
            drop(c);
            format!("{name} {size:.0}")
        })
        .collect();
    let sizes = desk.speakers.bucket_sizes();
    let top: Vec<String> = sizes.iter().take(5).map(usize::to_string).collect();
    let squares: usize = sizes.iter().map(|n| n * n).sum();
    format!(
        "speaker index parts (MB): {}; {} mentions in {} name groups, largest {}, sum of \
         squares {}",
        parts.join(", "),
        sizes.iter().sum::<usize>(),
        sizes.len(),
        top.join("/"),
        squares
    )
}

/// What each part of a loaded desk holds on the heap, in MB; consumes the desk. Each
/// part is dropped and what that frees is its share (spare capacity included).
fn memory_parts(mut desk: Desk) -> String {
    let total = live_mb();
    let freed = |f: &mut dyn FnMut()| {
        let before = live_mb();
        f();
        before - live_mb()
    };
    let speakers = freed(&mut || drop(std::mem::take(&mut desk.speakers)));
    // (the story signatures are held by the story index alone once it is built)
    let stories = freed(&mut || drop(std::mem::take(&mut desk.stories)));
    let mut entries = desk.take_entries();
    let facts_by_kind = facts_by_kind(&entries);
    // The desk without its articles: the maps of files, keys, conflicts.
    let maps = freed(&mut || drop(std::mem::take(&mut desk)));
    let mut part =
        |f: &dyn Fn(&mut quotedesk::desk::Entry)| freed(&mut || entries.iter_mut().for_each(f));
    let text = part(&|e| drop(std::mem::take(&mut e.article.text)));
    let model = part(&|e| drop(std::mem::take(&mut e.analysis.model)));
    let facts = part(&|e| drop(std::mem::take(&mut e.analysis.facts)));
    let entities = part(&|e| drop(std::mem::take(&mut e.analysis.entities)));
    let quotes = part(&|e| drop(std::mem::take(&mut e.analysis.quotes)));
    let story = part(&|e| drop(e.analysis.story.take()));
    let rest = freed(&mut || drop(std::mem::take(&mut entries)));
    format!(
        "heap {total:.0} MB: speakers {speakers:.0}, stories {stories:.0}, the desk's maps \
         and conflicts {maps:.0}; articles: text {text:.0}, text models {model:.0}, facts \
         {facts:.0}, entities {entities:.0}, quotes {quotes:.0}, story signatures \
         {story:.0}, the rest (ids, titles, the entries) {rest:.0}\n  facts: {facts_by_kind}"
    )
}

/// Facts by kind: how many, and the MB their own strings and lists hold (freed by
/// removing that kind's facts from a copy, whose lists have no spare capacity: a lower
/// bound); the facts' fixed part is their capacity times the size of a `Fact`.
fn facts_by_kind(entries: &[quotedesk::desk::Entry]) -> String {
    use quotedesk::analysis::facts::{Fact, FactKind};
    let kinds = FactKind::ALL;
    let mut copy: Vec<Vec<Fact>> = entries.iter().map(|e| e.analysis.facts.clone()).collect();
    let count: usize = copy.iter().map(Vec::len).sum();
    let capacity: usize = entries.iter().map(|e| e.analysis.facts.capacity()).sum();
    let mut parts = vec![format!(
        "{count} facts, fixed part {:.0} MB ({} bytes each)",
        (capacity * std::mem::size_of::<Fact>()) as f64 / 1e6,
        std::mem::size_of::<Fact>()
    )];
    for k in kinds {
        let n: usize = copy.iter().flatten().filter(|f| f.kind == k).count();
        let before = live_mb();
        for f in &mut copy {
            f.retain(|f| f.kind != k);
        }
        parts.push(format!("{k:?} {n} own {:.1}", before - live_mb()));
    }
    parts.join(", ")
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// The median of each stage of a sample of updates, in ms, as one line.
fn stage_medians(v: &[Stages]) -> String {
    let med = |f: &dyn Fn(&Stages) -> Duration| stats(v.iter().map(|s| ms(f(s))).collect()).0;
    format!(
        "stories {:.1}, speakers {:.1}, re-story {:.1}, conflicts {:.1}",
        med(&|s| s.stories),
        med(&|s| s.speakers),
        med(&|s| s.restory),
        med(&|s| s.conflicts)
    )
}

/// The stages of the slowest update of a sample (`times` in ms, one per stage record),
/// so that a worst case says which index it waited for.
fn slowest_stages(times: &[f64], v: &[Stages]) -> String {
    let i = (0..times.len())
        .max_by(|&a, &b| times[a].total_cmp(&times[b]))
        .unwrap_or(0);
    let s = v[i];
    format!(
        "stories {:.1}, speakers {:.1}, re-story {:.1}, conflicts {:.1}",
        ms(s.stories),
        ms(s.speakers),
        ms(s.restory),
        ms(s.conflicts)
    )
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

/// The scratch folder and cache directory a child works in (set by the parent).
fn child_paths() -> (PathBuf, Option<PathBuf>) {
    let root = PathBuf::from(std::env::var("QD_SCALE_ROOT").expect("root"));
    let cache = std::env::var("QD_SCALE_CACHE_AT").ok().map(PathBuf::from);
    (root, cache)
}

/// One size, in this (child) process.
fn run_size(n: usize) {
    let (root, cache_dir) = child_paths();
    let bytes = folder_bytes(&root);
    let opts = IngestOptions::default();
    let load_opts = LoadOptions { cache_dir };
    let t = Instant::now();
    let desk = Desk::load_with(&root, &opts, &load_opts, &|_, _| {}).expect("load");
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

    // The desk as the shell holds it, so that what the list costs after an update (its
    // rows and conflict index rebuilt) is measured too.
    let mut app = App::new(
        desk,
        root.clone(),
        Theme::new("dark", false),
        Keymap::default(),
    );
    app.size = (160, 48);
    let mut rows_ms = Vec::new();
    let mut rows = |app: &mut App| {
        let t = Instant::now();
        app.rows_dirty = true;
        app.settle();
        rows_ms.push(ms(t.elapsed()));
    };
    let (mut st_new, mut st_changed, mut st_removed) = (vec![], vec![], vec![]);
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
        app.desk.apply_file(&rel, file);
        ap_new.push(ms(t.elapsed()));
        st_new.push(app.desk.last_stages());
        rows(&mut app);

        // Changed: an existing article with one paragraph appended.
        let rel = format!("{:05}.md", (i * 53 + 11) % n);
        let mut text = std::fs::read(root.join(&rel)).expect("read");
        text.extend_from_slice(b"\n\nOfficials said a further update would follow.\n");
        std::fs::write(scratch.path().join(&rel), text).expect("write changed");
        let file = desk::analyze_file(scratch.path(), &rel, &opts);
        let t = Instant::now();
        app.desk.apply_file(&rel, file);
        ap_changed.push(ms(t.elapsed()));
        st_changed.push(app.desk.last_stages());
        rows(&mut app);

        // Removed: an existing article (put back afterwards, untimed).
        let rel = format!("{:05}.md", (i * 71 + 23) % n);
        let back = desk::analyze_file(&root, &rel, &opts);
        let t = Instant::now();
        app.desk.remove_file(&rel);
        ap_removed.push(ms(t.elapsed()));
        st_removed.push(app.desk.last_stages());
        rows(&mut app);
        app.desk.apply_file(&rel, back);
    }
    let line = |what: &str, v: Vec<f64>| {
        let (med, max) = stats(v);
        println!("  {what:<28} median {med:8.2} ms  max {max:8.2} ms");
    };
    line("analysis of one file", an);
    let kind = |what: &str, v: Vec<f64>, st: &[Stages]| {
        let slowest = slowest_stages(&v, st);
        line(what, v);
        println!("    by stage (median ms): {}", stage_medians(st));
        println!("    slowest, by stage (ms): {slowest}");
    };
    kind("new article (desk apply)", ap_new, &st_new);
    kind("changed article (desk apply)", ap_changed, &st_changed);
    kind("removed article (desk apply)", ap_removed, &st_removed);
    line("list rebuilt after each", rows_ms);
    println!("  {}", speaker_parts(&app.desk));
    println!("  {}", memory_parts(std::mem::take(&mut app.desk)));
}

/// Reopens the folder from the cache the first child filled (a child of its own, so its
/// peak memory is the reopen's), then after one changed and one new file.
fn run_reopen(n: usize) {
    let (root, cache_dir) = child_paths();
    let opts = IngestOptions::default();
    let load_opts = LoadOptions { cache_dir };
    let t = Instant::now();
    let desk = Desk::load_with(&root, &opts, &load_opts, &|_, _| {}).expect("reopen");
    let reopen = t.elapsed();
    println!(
        "  reopen from the cache: {:.2} s for {} articles ({} of the files from the folder \
         snapshot), peak memory {:.0} MB",
        reopen.as_secs_f64(),
        desk.len(),
        desk.files_from_snapshot(),
        vm_hwm_mb()
    );
    drop(desk);
    let rel = format!("{:05}.md", 11 % n);
    let mut text = std::fs::read(root.join(&rel)).expect("read");
    text.extend_from_slice(b"\n\nOfficials said a further update would follow.\n");
    std::fs::write(root.join(&rel), text).expect("write changed");
    let source = std::fs::read_to_string(root.join(format!("{:05}.md", 42 % n))).expect("read");
    let added = source.replacen("title: \"", "title: \"Update: ", 1);
    std::fs::write(root.join("new-000.md"), added).expect("write new");
    let t = Instant::now();
    let desk = Desk::load_with(&root, &opts, &load_opts, &|_, _| {}).expect("reopen");
    println!(
        "  reopen after one changed and one new file: {:.2} s ({} of the files from the \
         snapshot)",
        t.elapsed().as_secs_f64(),
        desk.files_from_snapshot()
    );
}

/// Copies the corpus's files into `to`.
fn copy_folder(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("scratch folder");
    for e in std::fs::read_dir(from)
        .expect("corpus")
        .filter_map(Result::ok)
    {
        std::fs::copy(e.path(), to.join(e.file_name())).expect("copy");
    }
}

fn main() {
    // A child run measures one size, so each size has its own peak memory.
    if let Ok(n) = std::env::var("QD_SCALE_CHILD") {
        run_size(n.parse().expect("size"));
        return;
    }
    if let Ok(n) = std::env::var("QD_SCALE_REOPEN") {
        run_reopen(n.parse().expect("size"));
        return;
    }
    let use_cache = std::env::var("QD_SCALE_CACHE").map_or(true, |v| v != "0");
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
        let corpus = ensure_corpus(n);
        let scratch = tempfile::tempdir().expect("scratch dir");
        let root = scratch.path().join("folder");
        copy_folder(&corpus, &root);
        let cache = scratch.path().join("cache");
        let run = |mode: &str| {
            let mut cmd = Command::new(&me);
            cmd.env(mode, n.to_string()).env("QD_SCALE_ROOT", &root);
            if use_cache {
                cmd.env("QD_SCALE_CACHE_AT", &cache);
            }
            let status = cmd.status().expect("run child");
            assert!(status.success(), "size {n} failed");
        };
        run("QD_SCALE_CHILD");
        if use_cache {
            run("QD_SCALE_REOPEN");
        }
    }
}

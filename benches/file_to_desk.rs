//! File-to-desk latency: with a desk of 10,000 loaded articles, the time from writing one
//! new file into the watched folder to the desk having it applied, through the same path
//! the terminal desk uses (watcher event -> worker analysis -> `Desk::apply_file`), with
//! the default debounce. Run with `cargo bench --bench file_to_desk`; prints the median
//! and max over 20 files, and where the time goes. Target: under 250 ms.

#[path = "corpus.rs"]
mod corpus;

use quotedesk::config::Config;
use quotedesk::desk::Desk;
use quotedesk::desk::worker::{WorkResult, Workers};
use quotedesk::ingest::IngestOptions;
use quotedesk::watch::{FolderWatcher, WatchEvent, WatchOptions};
use std::collections::{BTreeSet, HashMap};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Articles loaded before the measurement; `QUOTEDESK_BENCH_ARTICLES` overrides.
const ARTICLES: usize = 10_000;
const STORIES: usize = 400;
const SEED: u64 = 7;
const SAMPLES: usize = 20;

/// The one channel the desk's event loop reads.
enum Event {
    Watch(WatchEvent),
    Done(WorkResult),
}

/// The desk side of the event loop, reduced to what this measurement needs.
struct Loop {
    desk: Desk,
    workers: Workers,
    watcher: FolderWatcher,
    rx: mpsc::Receiver<Event>,
    generation: u64,
    wanted: HashMap<String, u64>,
}

/// Timings of one file, from the moment it was written.
struct Sample {
    event: Duration,
    analysed: Duration,
    applied: Duration,
}

impl Loop {
    fn submit(&mut self, rel: &str) {
        self.generation += 1;
        self.wanted.insert(rel.to_string(), self.generation);
        self.workers.submit(rel, self.generation);
    }

    /// Runs the loop until `target` is applied; returns the sample.
    fn until_applied(&mut self, target: &str, written: Instant) -> Sample {
        let mut event = None;
        loop {
            let ev = self
                .rx
                .recv_timeout(Duration::from_secs(30))
                .expect("the new file reached the desk");
            match ev {
                Event::Watch(WatchEvent::Upsert(paths)) => {
                    if paths.iter().any(|p| p == target) {
                        event.get_or_insert(written.elapsed());
                    }
                    for p in paths {
                        self.submit(&p);
                    }
                }
                Event::Watch(WatchEvent::Remove(paths)) => {
                    for p in paths {
                        self.workers.cancel(&p);
                        self.desk.remove_file(&p);
                    }
                }
                Event::Watch(WatchEvent::Rescan) => {
                    let known: BTreeSet<String> = self.wanted.keys().cloned().collect();
                    let (upsert, remove) = self.watcher.reconcile(&known);
                    for p in remove {
                        self.desk.remove_file(&p);
                    }
                    for p in upsert {
                        self.submit(&p);
                    }
                }
                Event::Watch(WatchEvent::Error(e)) => eprintln!("watcher: {e}"),
                Event::Done(r) => {
                    if self.wanted.get(&r.rel) != Some(&r.generation) {
                        continue; // stale
                    }
                    let analysed = written.elapsed();
                    let is_target = r.rel == target;
                    let rel = r.rel.clone();
                    self.desk.apply_file(&rel, r.file);
                    if is_target {
                        return Sample {
                            event: event.unwrap_or(analysed),
                            analysed,
                            applied: written.elapsed(),
                        };
                    }
                }
            }
        }
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn stats(label: &str, mut xs: Vec<f64>) {
    xs.sort_by(f64::total_cmp);
    let median = xs[xs.len() / 2];
    let max = xs[xs.len() - 1];
    let min = xs[0];
    println!("{label:<34} median {median:7.1} ms   min {min:7.1} ms   max {max:7.1} ms");
}

fn main() {
    let articles = std::env::var("QUOTEDESK_BENCH_ARTICLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(ARTICLES);
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    let t = Instant::now();
    corpus::generate(root, articles, STORIES, SEED);
    println!(
        "corpus: {articles} files generated in {:.2} s",
        t.elapsed().as_secs_f64()
    );

    let opts = IngestOptions::default();
    let debounce = Duration::from_millis(Config::default().debounce_ms);
    let (tx, rx) = mpsc::channel();
    let watch_tx = tx.clone();
    // Watch before loading, as the desk does: nothing written meanwhile is lost.
    let t = Instant::now();
    let watcher = FolderWatcher::start(
        root,
        WatchOptions {
            debounce,
            poll: false,
            ingest: opts.clone(),
        },
        move |e| {
            let _ = watch_tx.send(Event::Watch(e));
        },
    )
    .expect("watch the corpus");
    println!("watcher started in {:.2} s", t.elapsed().as_secs_f64());
    let t = Instant::now();
    let desk = Desk::load(root, &opts, &|_, _| {}).expect("load the corpus");
    println!(
        "desk loaded: {} articles in {:.2} s",
        desk.len(),
        t.elapsed().as_secs_f64()
    );
    let done_tx = std::sync::Mutex::new(tx);
    let workers = Workers::new(0, root.to_path_buf(), opts.clone(), move |r| {
        let _ = done_tx
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .send(Event::Done(r));
    });
    let wanted = quotedesk::ingest::list_files(root, &opts)
        .expect("list corpus")
        .into_iter()
        .map(|f| (f, 0))
        .collect();
    let mut lp = Loop {
        desk,
        workers,
        watcher,
        rx,
        generation: 0,
        wanted,
    };

    println!(
        "debounce {} ms, {} worker threads, {SAMPLES} new files",
        debounce.as_millis(),
        lp.workers.threads()
    );
    let mut samples = Vec::new();
    for i in 0..SAMPLES {
        // Let the previous file's trailing events settle so each file is timed alone.
        std::thread::sleep(Duration::from_millis(300));
        while let Ok(ev) = lp.rx.try_recv() {
            match ev {
                Event::Watch(WatchEvent::Upsert(paths)) => paths.iter().for_each(|p| lp.submit(p)),
                Event::Done(r) if lp.wanted.get(&r.rel) == Some(&r.generation) => {
                    lp.desk.apply_file(&r.rel, r.file)
                }
                _ => {}
            }
        }
        let written = Instant::now();
        let path = corpus::write_one(root, articles + i, STORIES, SEED);
        let rel = path
            .strip_prefix(root)
            .expect("inside the corpus")
            .to_string_lossy()
            .replace('\\', "/");
        samples.push(lp.until_applied(&rel, written));
    }
    println!("desk now holds {} articles", lp.desk.len());
    stats(
        "write -> watcher event",
        samples.iter().map(|s| ms(s.event)).collect(),
    );
    stats(
        "write -> analysis done",
        samples.iter().map(|s| ms(s.analysed)).collect(),
    );
    stats(
        "apply_file alone",
        samples.iter().map(|s| ms(s.applied - s.analysed)).collect(),
    );
    stats(
        "write -> desk applied (total)",
        samples.iter().map(|s| ms(s.applied)).collect(),
    );
}

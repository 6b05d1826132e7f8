//! A small pool of worker threads that read and analyse files off the UI thread.
//! Results carry the generation they were asked for, so a stale result can be dropped.
//!
//! The queue runs the newest request first (a file that just arrived is analysed before
//! a backlog), and a file asked for again while still queued runs once, at its newest
//! generation. Idle workers block on a condition variable.

use super::{AnalyzedFile, analyze_file};
use crate::ingest::{IngestOptions, Skipped};
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;

/// One finished job.
#[derive(Debug)]
pub struct WorkResult {
    pub rel: String,
    pub generation: u64,
    pub file: AnalyzedFile,
}

/// Reads and analyses files in `threads` worker threads, newest request first.
pub struct Workers {
    shared: Arc<Shared>,
    threads: Vec<JoinHandle<()>>,
}

struct Shared {
    queue: Mutex<Queue>,
    wake: Condvar,
}

#[derive(Default)]
struct Queue {
    /// Submission order -> file; the last entry is the newest request.
    order: BTreeMap<u64, String>,
    /// File -> (its place in `order`, generation to run).
    jobs: HashMap<String, (u64, u64)>,
    next_seq: u64,
    running: usize,
    stop: bool,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, Queue> {
        self.queue
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl Workers {
    /// `sink` receives every result, from a worker thread. `threads == 0` means one per
    /// core.
    pub fn new(
        threads: usize,
        root: PathBuf,
        opts: IngestOptions,
        sink: impl Fn(WorkResult) + Send + Sync + 'static,
    ) -> Workers {
        let threads = if threads == 0 {
            std::thread::available_parallelism().map_or(2, |n| n.get())
        } else {
            threads
        };
        let shared = Arc::new(Shared {
            queue: Mutex::new(Queue::default()),
            wake: Condvar::new(),
        });
        let sink: Arc<dyn Fn(WorkResult) + Send + Sync> = Arc::new(sink);
        let root = Arc::new(root);
        let opts = Arc::new(opts);
        let handles = (0..threads)
            .filter_map(|i| {
                let shared = shared.clone();
                let sink = sink.clone();
                let root = root.clone();
                let opts = opts.clone();
                std::thread::Builder::new()
                    .name(format!("quotedesk-worker-{i}"))
                    .spawn(move || work(&shared, &root, &opts, &*sink))
                    .ok()
            })
            .collect();
        Workers {
            shared,
            threads: handles,
        }
    }

    /// Queues file `rel` for reading and analysis at `generation`. If `rel` is already
    /// queued, that job moves to the front and runs once, at the newest generation.
    pub fn submit(&self, rel: &str, generation: u64) {
        let mut q = self.shared.lock();
        let generation = match q.jobs.remove(rel) {
            Some((seq, old)) => {
                q.order.remove(&seq);
                generation.max(old)
            }
            None => generation,
        };
        let seq = q.next_seq;
        q.next_seq += 1;
        q.order.insert(seq, rel.to_string());
        q.jobs.insert(rel.to_string(), (seq, generation));
        drop(q);
        self.shared.wake.notify_one();
    }

    /// Drops the queued job for `rel` (a file that went away); true if one was queued.
    /// A job already running still reports its result.
    pub fn cancel(&self, rel: &str) -> bool {
        let mut q = self.shared.lock();
        match q.jobs.remove(rel) {
            Some((seq, _)) => {
                q.order.remove(&seq);
                true
            }
            None => false,
        }
    }

    /// Number of jobs queued or running (for the progress bar). A job no longer counts
    /// once its result is being delivered.
    pub fn pending(&self) -> usize {
        let q = self.shared.lock();
        q.order.len() + q.running
    }

    /// Number of worker threads.
    pub fn threads(&self) -> usize {
        self.threads.len()
    }
}

impl Workers {
    /// Forgets the queue and tells every worker to stop after its current job.
    fn stop(&self) {
        {
            let mut q = self.shared.lock();
            q.stop = true;
            q.order.clear();
            q.jobs.clear();
        }
        self.shared.wake.notify_all();
    }

    /// Stops the pool without waiting: a job still running (a pathological file can take
    /// minutes) finishes in the background and its result is dropped; the process may end
    /// at once. Workers only read the folder and send results, so nothing is left
    /// half-written when the process exits under them.
    pub fn detach(mut self) {
        self.stop();
        self.threads.clear();
    }
}

impl Drop for Workers {
    /// Forgets the queue and waits for the jobs already running (see [`Workers::detach`]
    /// for not waiting).
    fn drop(&mut self) {
        self.stop();
        for t in self.threads.drain(..) {
            let _ = t.join();
        }
    }
}

fn work(
    shared: &Shared,
    root: &std::path::Path,
    opts: &IngestOptions,
    sink: &(dyn Fn(WorkResult) + Send + Sync),
) {
    loop {
        let (rel, generation) = {
            let mut q = shared.lock();
            loop {
                if q.stop {
                    return;
                }
                if let Some((_, rel)) = q.order.pop_last() {
                    let generation = q.jobs.remove(&rel).map_or(0, |(_, g)| g);
                    q.running += 1;
                    break (rel, generation);
                }
                q = shared
                    .wake
                    .wait(q)
                    .unwrap_or_else(|poisoned| poisoned.into_inner());
            }
        };
        // A bug in analysis must not take a worker (and the progress count) down with it.
        let file = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            analyze_file(root, &rel, opts)
        }))
        .unwrap_or_else(|_| AnalyzedFile {
            entries: Vec::new(),
            skipped: Some(Skipped {
                path: rel.clone(),
                reason: "internal error while analysing this file".into(),
            }),
            key: None,
        });
        let stopped = {
            let mut q = shared.lock();
            q.running -= 1;
            q.stop
        };
        if stopped {
            return; // detached: nobody is waiting for this result
        }
        let result = WorkResult {
            rel,
            generation,
            file,
        };
        let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| sink(result)));
    }
}

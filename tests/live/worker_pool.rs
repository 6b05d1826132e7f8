//! The worker pool: results carry their generation, queued duplicates coalesce, the
//! newest request runs first, and dropping the pool stops it.

use quotedesk::desk::worker::{WorkResult, Workers};
use quotedesk::ingest::IngestOptions;
use std::fs;
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::Duration;

const DEADLINE: Duration = Duration::from_secs(10);

fn folder_with(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

/// A pool whose sink forwards results; the first result holds its worker until `gate`
/// is released, so later submissions are still queued at that time.
fn gated_pool(
    root: &std::path::Path,
    threads: usize,
) -> (
    Workers,
    mpsc::Receiver<WorkResult>,
    mpsc::Receiver<()>,
    mpsc::Sender<()>,
) {
    let (tx, rx) = mpsc::channel();
    let (entered_tx, entered_rx) = mpsc::channel();
    let (gate_tx, gate_rx) = mpsc::channel::<()>();
    let gate_rx = Mutex::new(Some(gate_rx));
    let tx = Mutex::new(tx);
    let workers = Workers::new(
        threads,
        root.to_path_buf(),
        IngestOptions::default(),
        move |r| {
            if let Some(gate) = gate_rx.lock().unwrap().take() {
                let _ = entered_tx.send(());
                let _ = gate.recv_timeout(DEADLINE);
            }
            let _ = tx.lock().unwrap().send(r);
        },
    );
    (workers, rx, entered_rx, gate_tx)
}

#[test]
fn results_carry_their_generation_and_analysis() {
    let dir = folder_with(&[
        ("one.txt", "The mayor said the bridge would reopen in May."),
        ("two.txt", "Rain fell across the valley all week."),
    ]);
    let (tx, rx) = mpsc::channel();
    let tx = Mutex::new(tx);
    let workers = Workers::new(
        2,
        dir.path().to_path_buf(),
        IngestOptions::default(),
        move |r| {
            let _ = tx.lock().unwrap().send(r);
        },
    );
    workers.submit("one.txt", 7);
    workers.submit("two.txt", 9);
    let mut got: Vec<(String, u64, usize)> = (0..2)
        .map(|_| {
            let r = rx.recv_timeout(DEADLINE).expect("a result");
            (r.rel, r.generation, r.file.entries.len())
        })
        .collect();
    got.sort();
    assert_eq!(
        got,
        vec![("one.txt".into(), 7, 1), ("two.txt".into(), 9, 1)]
    );
    assert_eq!(workers.pending(), 0);
}

#[test]
fn a_missing_file_gives_a_reason_not_a_crash() {
    let dir = folder_with(&[]);
    let (tx, rx) = mpsc::channel();
    let tx = Mutex::new(tx);
    let workers = Workers::new(
        1,
        dir.path().to_path_buf(),
        IngestOptions::default(),
        move |r| {
            let _ = tx.lock().unwrap().send(r);
        },
    );
    workers.submit("absent.txt", 3);
    let r = rx.recv_timeout(DEADLINE).expect("a result");
    assert_eq!((r.rel.as_str(), r.generation), ("absent.txt", 3));
    assert!(r.file.entries.is_empty());
    assert!(r.file.skipped.is_some());
}

#[test]
fn queued_resubmissions_coalesce_to_the_newest_generation() {
    let dir = folder_with(&[
        ("first.txt", "An opening line."),
        ("busy.txt", "A line that changes often."),
    ]);
    let (workers, rx, entered, gate) = gated_pool(dir.path(), 1);
    workers.submit("first.txt", 1);
    entered
        .recv_timeout(DEADLINE)
        .expect("the worker took the first job");
    // The only worker is held: these stay queued and coalesce.
    workers.submit("busy.txt", 1);
    workers.submit("busy.txt", 2);
    workers.submit("busy.txt", 3);
    // first.txt is being delivered (no longer pending); busy.txt is queued once.
    assert_eq!(workers.pending(), 1);
    gate.send(()).unwrap();
    let mut got = Vec::new();
    while got.last().map(|(rel, _): &(String, u64)| rel.as_str()) != Some("busy.txt") {
        let r = rx.recv_timeout(DEADLINE).expect("a result");
        got.push((r.rel, r.generation));
    }
    assert_eq!(
        got,
        vec![("first.txt".to_string(), 1), ("busy.txt".to_string(), 3)]
    );
    assert_eq!(workers.pending(), 0);
    assert!(rx.try_recv().is_err(), "no stale generation ran");
}

#[test]
fn newest_request_runs_first_and_cancel_drops_a_job() {
    let dir = folder_with(&[
        ("hold.txt", "Held."),
        ("a.txt", "Alpha."),
        ("b.txt", "Bravo."),
        ("c.txt", "Charlie."),
    ]);
    let (workers, rx, entered, gate) = gated_pool(dir.path(), 1);
    workers.submit("hold.txt", 1);
    entered
        .recv_timeout(DEADLINE)
        .expect("the worker took the first job");
    workers.submit("a.txt", 1);
    workers.submit("b.txt", 1);
    workers.submit("c.txt", 1);
    assert!(workers.cancel("b.txt"));
    assert!(!workers.cancel("b.txt"));
    // Asking again for a.txt moves it to the front.
    workers.submit("a.txt", 2);
    gate.send(()).unwrap();
    let order: Vec<(String, u64)> = (0..3)
        .map(|_| {
            let r = rx.recv_timeout(DEADLINE).expect("a result");
            (r.rel, r.generation)
        })
        .collect();
    assert_eq!(
        order,
        vec![
            ("hold.txt".to_string(), 1),
            ("a.txt".to_string(), 2),
            ("c.txt".to_string(), 1)
        ]
    );
}

#[test]
fn dropping_the_pool_stops_its_threads() {
    let dir = folder_with(&[("x.txt", "A line.")]);
    // Every worker thread holds a clone of the sink; once all are gone, so is this.
    let token = Arc::new(());
    let alive = Arc::downgrade(&token);
    let workers = Workers::new(
        2,
        dir.path().to_path_buf(),
        IngestOptions::default(),
        move |_| {
            let _keep = &token;
        },
    );
    for i in 0..50 {
        workers.submit(&format!("missing-{i}.txt"), i);
    }
    drop(workers); // returns only once every worker thread has stopped
    assert!(
        alive.upgrade().is_none(),
        "a worker thread outlived the pool"
    );
}

#[test]
fn zero_threads_means_one_per_core() {
    let dir = folder_with(&[]);
    let workers = Workers::new(
        0,
        dir.path().to_path_buf(),
        IngestOptions::default(),
        |_| {},
    );
    assert!(workers.threads() >= 1);
    assert_eq!(workers.pending(), 0);
}

/// Quitting must not wait for an analysis still running (a pathological file can take
/// minutes): `detach` returns while a job is held, and its result is never delivered.
#[test]
fn detaching_does_not_wait_for_a_running_job() {
    let dir = folder_with(&[("slow.txt", "A line."), ("queued.txt", "Another.")]);
    let (workers, rx, entered, gate) = gated_pool(dir.path(), 1);
    workers.submit("slow.txt", 1);
    entered.recv_timeout(DEADLINE).expect("the job started");
    workers.submit("queued.txt", 1);
    // The held job is still running: with a joining stop this would block until the
    // gate's own deadline passed, and the gate below would find nobody listening.
    workers.detach();
    gate.send(())
        .expect("the running job still waits at the gate: detach did not wait");
    let first = rx.recv_timeout(DEADLINE).expect("the held result");
    assert_eq!(first.rel, "slow.txt");
    // The queued job was forgotten, not run.
    assert!(rx.recv_timeout(Duration::from_millis(300)).is_err());
}

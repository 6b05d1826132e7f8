//! The persistent analysis cache: whatever state it is found in (warm, corrupt,
//! truncated, from another version, written by another desk at the same time), a load
//! ends in the same result as a fresh scan, with a note when something was rebuilt.
//! Every cache here lives in a temporary directory, never the user's.

use crate::common::screen::screen;
use quotedesk::desk::cache::Cache;
use quotedesk::desk::{self, Desk, LoadOptions};
use quotedesk::ingest::IngestOptions;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn sample_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample")
}

/// Asserts two screens are equal, naming the first place they differ.
fn same(got: &Value, want: &Value) {
    if let Some(path) = first_difference(got, want, String::new()) {
        panic!("cached load differs from a fresh scan at {path}");
    }
}

fn first_difference(a: &Value, b: &Value, at: String) -> Option<String> {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let keys: std::collections::BTreeSet<&String> = x.keys().chain(y.keys()).collect();
            keys.into_iter().find_map(|k| match (x.get(k), y.get(k)) {
                (Some(p), Some(q)) => first_difference(p, q, format!("{at}.{k}")),
                _ => Some(format!("{at}.{k} (missing on one side)")),
            })
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => x
            .iter()
            .zip(y)
            .enumerate()
            .find_map(|(i, (p, q))| first_difference(p, q, format!("{at}[{i}]"))),
        _ if a == b => None,
        _ => Some(format!("{at}: {a} vs {b}")),
    }
}

fn fresh() -> Value {
    let desk = Desk::load(&sample_root(), &IngestOptions::default(), &|_, _| {}).expect("load");
    screen(&desk)
}

fn load_cached(dir: &Path) -> Desk {
    let opts = LoadOptions {
        cache_dir: Some(dir.to_path_buf()),
    };
    Desk::load_with(&sample_root(), &IngestOptions::default(), &opts, &|_, _| {}).expect("load")
}

/// A copy of the sample folder that a test may change.
fn sample_copy() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    for e in std::fs::read_dir(sample_root()).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), tmp.path().join(e.file_name())).unwrap();
    }
    tmp
}

fn load_at(root: &Path, cache: Option<&Path>) -> Desk {
    let opts = LoadOptions {
        cache_dir: cache.map(Path::to_path_buf),
    };
    Desk::load_with(root, &IngestOptions::default(), &opts, &|_, _| {}).expect("load")
}

/// The folder snapshots in cache `dir`.
fn snapshots(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir.join("folders"))
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default()
}

fn drop_snapshots(dir: &Path) {
    let _ = std::fs::remove_dir_all(dir.join("folders"));
}

fn db(dir: &Path) -> PathBuf {
    dir.join("analyses.sqlite3")
}

fn rows(dir: &Path) -> i64 {
    let conn = rusqlite::Connection::open(db(dir)).expect("open");
    conn.query_row("SELECT count(*) FROM files", [], |r| r.get(0))
        .expect("count")
}

#[test]
fn a_warm_cache_gives_the_fresh_result_and_is_used() {
    let dir = tempfile::tempdir().unwrap();
    let first = load_cached(dir.path());
    same(&screen(&first), &fresh());
    let files = rows(dir.path());
    let listed = quotedesk::ingest::list_files(&sample_root(), &IngestOptions::default())
        .unwrap()
        .len();
    assert_eq!(files as usize, listed, "every sample file stored once");
    assert_eq!(first.files_from_snapshot(), 0);
    assert_eq!(snapshots(dir.path()).len(), 1, "one snapshot of the folder");
    let second = load_cached(dir.path());
    same(&screen(&second), &fresh());
    assert!(second.load_notes().is_empty(), "{:?}", second.load_notes());
    assert_eq!(
        second.files_from_snapshot(),
        listed,
        "all from the snapshot"
    );
    assert_eq!(rows(dir.path()), files, "nothing stored twice");
    // Without the snapshot the per-file analyses serve the load.
    drop_snapshots(dir.path());
    let third = load_cached(dir.path());
    same(&screen(&third), &fresh());
    assert_eq!(third.files_from_snapshot(), 0);
    assert_eq!(rows(dir.path()), files, "nothing stored twice");
}

#[test]
fn a_changed_folder_reopens_to_the_fresh_result() {
    let dir = tempfile::tempdir().unwrap();
    let folder = sample_copy();
    let root = folder.path();
    load_at(root, Some(dir.path()));
    // One article changed, one removed, one new (another's body under a new title), one
    // file that now fails to parse (a fresh scan has none of its articles).
    let wire = root.join("wildfire-wire.txt");
    let mut text = std::fs::read_to_string(&wire).unwrap();
    text.push_str("\n\nFire crews said the northern line held overnight, a spokesman said.\n");
    std::fs::write(&wire, text).unwrap();
    std::fs::remove_file(root.join("rates-analysis.md")).unwrap();
    let hearing = std::fs::read_to_string(root.join("bridge-hearing.md")).unwrap();
    std::fs::write(
        root.join("bridge-second-day.md"),
        hearing.replacen("# ", "# Day two: ", 1),
    )
    .unwrap();
    std::fs::write(
        root.join("wildfire-tribuna.txt"),
        [0u8, 159, 146, 150, 0, 0, 7, 8],
    )
    .unwrap();
    let want = screen(&load_at(root, None));
    let got = load_at(root, Some(dir.path()));
    same(&screen(&got), &want);
    let listed = quotedesk::ingest::list_files(root, &IngestOptions::default())
        .unwrap()
        .len();
    assert_eq!(
        got.files_from_snapshot(),
        listed - 3,
        "only the differences applied"
    );
    // The brought-up-to-date snapshot serves the next load whole.
    let again = load_at(root, Some(dir.path()));
    same(&screen(&again), &want);
    assert_eq!(again.files_from_snapshot(), listed);
}

#[test]
fn a_damaged_or_truncated_snapshot_ends_in_the_fresh_result() {
    let dir = tempfile::tempdir().unwrap();
    load_cached(dir.path());
    let [snap] = snapshots(dir.path()).try_into().expect("one snapshot");
    let bytes = std::fs::read(&snap).unwrap();
    let mut flipped = bytes.clone();
    let mid = flipped.len() / 2;
    flipped[mid] ^= 0x55;
    for broken in [
        flipped,
        bytes[..bytes.len() / 2].to_vec(),
        b"QDSNAP01".to_vec(),
    ] {
        std::fs::write(&snap, broken).unwrap();
        let desk = load_cached(dir.path());
        same(&screen(&desk), &fresh());
        assert_eq!(desk.files_from_snapshot(), 0);
        assert!(
            desk.load_notes().iter().any(|n| n.contains("snapshot")),
            "{:?}",
            desk.load_notes()
        );
    }
    // The rewritten snapshot serves the next load.
    let again = load_cached(dir.path());
    same(&screen(&again), &fresh());
    assert!(again.files_from_snapshot() > 0);
    assert!(again.load_notes().is_empty(), "{:?}", again.load_notes());
}

#[test]
fn a_garbage_cache_file_is_rebuilt_with_a_note() {
    let dir = tempfile::tempdir().unwrap();
    load_cached(dir.path());
    std::fs::write(db(dir.path()), vec![0xA5u8; 64 * 1024]).unwrap();
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(dir.path().join(format!("analyses.sqlite3{suffix}")));
    }
    let desk = load_cached(dir.path());
    same(&screen(&desk), &fresh());
    assert!(
        desk.load_notes().iter().any(|n| n.contains("rebuilt")),
        "{:?}",
        desk.load_notes()
    );
    // The rebuilt cache serves the next load.
    let again = load_cached(dir.path());
    same(&screen(&again), &fresh());
    assert!(again.load_notes().is_empty(), "{:?}", again.load_notes());
}

#[test]
fn a_truncated_cache_file_ends_in_the_fresh_result() {
    let dir = tempfile::tempdir().unwrap();
    drop(load_cached(dir.path()));
    // Fold the WAL into the main file first, so truncating it really loses data.
    let conn = rusqlite::Connection::open(db(dir.path())).unwrap();
    conn.pragma_update(None, "wal_checkpoint", "TRUNCATE")
        .unwrap();
    drop(conn);
    let len = std::fs::metadata(db(dir.path())).unwrap().len();
    let f = std::fs::OpenOptions::new()
        .write(true)
        .open(db(dir.path()))
        .unwrap();
    f.set_len(len / 2).unwrap();
    drop(f);
    for _ in 0..2 {
        let desk = load_cached(dir.path());
        same(&screen(&desk), &fresh());
    }
}

#[test]
fn a_damaged_value_is_recomputed_not_shown() {
    let dir = tempfile::tempdir().unwrap();
    load_cached(dir.path());
    let conn = rusqlite::Connection::open(db(dir.path())).unwrap();
    // Flip the stored analyses (the checksum no longer matches) ...
    conn.execute("UPDATE files SET value = zeroblob(length(value))", [])
        .unwrap();
    drop(conn);
    // Without the folder snapshot, which would serve the load without these rows.
    drop_snapshots(dir.path());
    let desk = load_cached(dir.path());
    same(&screen(&desk), &fresh());
    assert!(
        desk.load_notes().iter().any(|n| n.contains("checksum")),
        "{:?}",
        desk.load_notes()
    );
    // ... and a value whose checksum matches but which does not decode.
    let conn = rusqlite::Connection::open(db(dir.path())).unwrap();
    let junk = vec![0xFFu8; 40];
    let sum = blake3::hash(&junk);
    conn.execute(
        "UPDATE files SET value = ?1, sum = ?2",
        rusqlite::params![junk, &sum.as_bytes()[..]],
    )
    .unwrap();
    drop(conn);
    drop_snapshots(dir.path());
    let desk = load_cached(dir.path());
    same(&screen(&desk), &fresh());
    assert!(
        desk.load_notes().iter().any(|n| n.contains("decode")),
        "{:?}",
        desk.load_notes()
    );
}

#[test]
fn a_cache_of_another_version_is_emptied_and_rebuilt() {
    let dir = tempfile::tempdir().unwrap();
    // An older build stored wrong analyses (an empty result for every key it knew).
    let old = Cache::open_version(dir.path(), "0.0.0+old");
    let rels = ["rates-decision.html", "rates-analysis.md"];
    for rel in rels {
        let bytes = std::fs::read(sample_root().join(rel)).unwrap();
        old.put(old.key(rel, &bytes), &desk::AnalyzedFile::default());
    }
    // ... and a snapshot of the folder.
    let settings = format!("{:?}", IngestOptions::default());
    old.put_snapshot(
        &old.folder_key(&sample_root(), &settings),
        &[b"an old layout"],
    );
    assert_eq!(snapshots(dir.path()).len(), 1);
    drop(old);
    let desk = load_cached(dir.path());
    same(&screen(&desk), &fresh());
    assert_eq!(desk.files_from_snapshot(), 0);
    assert_eq!(snapshots(dir.path()).len(), 1, "the old snapshot replaced");
    assert!(
        desk.load_notes()
            .iter()
            .any(|n| n.contains("another version")),
        "{:?}",
        desk.load_notes()
    );
}

#[test]
fn two_desks_filling_one_cache_at_once_both_end_right() {
    let dir = tempfile::tempdir().unwrap();
    let want = fresh();
    let results: Vec<Value> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..2)
            .map(|_| s.spawn(|| screen(&load_cached(dir.path()))))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    for r in &results {
        same(r, &want);
    }
    let after = load_cached(dir.path());
    same(&screen(&after), &want);
    assert!(after.load_notes().is_empty(), "{:?}", after.load_notes());
}

#[test]
fn a_cache_inside_the_folder_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("feeds");
    std::fs::create_dir_all(&root).unwrap();
    std::fs::write(
        root.join("a.txt"),
        "A title\n\nThe mayor said the bridge would open.\n",
    )
    .unwrap();
    let opts = LoadOptions {
        cache_dir: Some(root.join(".cache/quotedesk")),
    };
    let desk = Desk::load_with(&root, &IngestOptions::default(), &opts, &|_, _| {}).unwrap();
    assert_eq!(desk.len(), 1);
    assert!(desk.load_notes().iter().any(|n| n.contains("inside")));
    assert!(
        !root.join(".cache").exists(),
        "nothing written into the folder"
    );
}

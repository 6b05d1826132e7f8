//! The persistent analysis cache: whatever state it is found in (warm, corrupt,
//! truncated, from another version, written by another desk at the same time), a load
//! ends in the same result as a fresh scan, with a note when something was rebuilt.
//! Every cache here lives in a temporary directory, never the user's.

use quotedesk::desk::cache::Cache;
use quotedesk::desk::{self, Desk, LoadOptions};
use quotedesk::ingest::IngestOptions;
use quotedesk::scan;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn sample_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample")
}

/// What the desk shows, as the scan contract. Conflicts are reduced to what is stable
/// from run to run even without a cache (kind, severity, subject, story, articles), in a
/// canonical order: today their ids, order and the evidence picked among equal quotes vary.
fn screen(desk: &Desk) -> Value {
    let mut v = serde_json::to_value(scan::build("sample", desk)).expect("json");
    if let Some(Value::Array(cs)) = v.get_mut("conflicts") {
        for c in cs.iter_mut() {
            let mut articles: Vec<String> = c["claims"]
                .as_array()
                .map(|cl| cl.iter().map(|x| x["article"].to_string()).collect())
                .unwrap_or_default();
            articles.sort();
            *c = serde_json::json!({
                "kind": c["kind"], "severity": c["severity"], "subject": c["subject"],
                "story": c["story"], "articles": articles,
            });
        }
        cs.sort_by_key(|c| c.to_string());
    }
    v
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
    let second = load_cached(dir.path());
    same(&screen(&second), &fresh());
    assert!(second.load_notes().is_empty(), "{:?}", second.load_notes());
    assert_eq!(rows(dir.path()), files, "nothing stored twice");
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
    drop(old);
    let desk = load_cached(dir.path());
    same(&screen(&desk), &fresh());
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

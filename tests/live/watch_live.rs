//! The live folder on real temp folders: every test drives a small consumer that applies
//! the watcher's events the way the desk does (re-read on upsert, drop on remove,
//! reconcile on rescan) and waits, with a generous deadline, for the expected final state.
//! No assertion depends on timing.

use quotedesk::ingest::IngestOptions;
use quotedesk::watch::{FolderWatcher, WatchEvent, WatchOptions};
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

const DEADLINE: Duration = Duration::from_secs(10);

/// A consumer of watcher events with a model of the folder: path -> bytes last read.
struct Live {
    root: PathBuf,
    rx: mpsc::Receiver<WatchEvent>,
    watcher: FolderWatcher,
    model: BTreeMap<String, Vec<u8>>,
    log: Vec<WatchEvent>,
}

impl Live {
    fn start(root: &Path, poll: bool) -> Live {
        let (tx, rx) = mpsc::channel();
        let opts = WatchOptions {
            debounce: Duration::from_millis(100),
            poll,
            ingest: IngestOptions::default(),
        };
        let watcher = FolderWatcher::start(root, opts, move |e| {
            let _ = tx.send(e);
        })
        .expect("watcher starts");
        let mut live = Live {
            root: root.to_path_buf(),
            rx,
            watcher,
            model: BTreeMap::new(),
            log: Vec::new(),
        };
        // The initial load, as the desk does it.
        let files = quotedesk::ingest::list_files(root, &IngestOptions::default()).unwrap();
        for rel in files {
            live.read(&rel);
        }
        live
    }

    fn read(&mut self, rel: &str) {
        if let Ok(bytes) = fs::read(quotedesk::ingest::walk::rel_path(&self.root, rel)) {
            self.model.insert(rel.to_string(), bytes);
        }
    }

    fn apply(&mut self, event: WatchEvent) {
        self.log.push(event.clone());
        match event {
            WatchEvent::Upsert(paths) => paths.iter().for_each(|p| self.read(p)),
            WatchEvent::Remove(paths) => paths.iter().for_each(|p| {
                self.model.remove(p);
            }),
            WatchEvent::Rescan => {
                let known: BTreeSet<String> = self.model.keys().cloned().collect();
                let (upsert, remove) = self.watcher.reconcile(&known);
                for p in remove {
                    self.model.remove(&p);
                }
                for p in upsert {
                    self.read(&p);
                }
            }
            WatchEvent::Error(_) => {}
        }
    }

    /// Applies events until `done` holds for the model (or the event log), or panics
    /// after the deadline with what was seen.
    fn wait_until(&mut self, what: &str, done: impl Fn(&Live) -> bool) {
        let end = Instant::now() + DEADLINE;
        while !done(self) {
            let left = end.saturating_duration_since(Instant::now());
            if left.is_zero() {
                panic!(
                    "timed out waiting for: {what}\nmodel: {:?}\nlog: {:?}",
                    self.model.keys().collect::<Vec<_>>(),
                    self.log
                );
            }
            if let Ok(e) = self.rx.recv_timeout(left.min(Duration::from_millis(50))) {
                self.apply(e);
            }
        }
    }

    fn has(&self, rel: &str, content: &str) -> bool {
        self.model.get(rel).map(Vec::as_slice) == Some(content.as_bytes())
    }

    fn upsert_events(&self) -> usize {
        self.log
            .iter()
            .filter(|e| matches!(e, WatchEvent::Upsert(_)))
            .count()
    }
}

fn folder() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp folder")
}

#[test]
fn a_new_file_appears() {
    let dir = folder();
    let mut live = Live::start(dir.path(), false);
    fs::write(dir.path().join("morning.txt"), "The council met on Monday.").unwrap();
    live.wait_until("morning.txt read", |l| {
        l.has("morning.txt", "The council met on Monday.")
    });
}

#[test]
fn a_file_written_in_chunks_is_read_whole_in_the_end() {
    let dir = folder();
    let mut live = Live::start(dir.path(), false);
    let path = dir.path().join("chunked.md");
    let mut f = fs::File::create(&path).unwrap();
    f.write_all(b"# Harbour report\n\nThe first half arrived.")
        .unwrap();
    f.flush().unwrap();
    // Long enough for the first half to be seen on its own.
    std::thread::sleep(Duration::from_millis(400));
    f.write_all(b" The second half followed.").unwrap();
    drop(f);
    let whole = "# Harbour report\n\nThe first half arrived. The second half followed.";
    live.wait_until("the whole file read", |l| l.has("chunked.md", whole));
}

#[test]
fn editors_saving_by_rename_update_the_file() {
    let dir = folder();
    fs::write(dir.path().join("note.txt"), "Version one.").unwrap();
    let mut live = Live::start(dir.path(), false);
    assert!(live.has("note.txt", "Version one."));

    // An editor writing a temporary beside the file, then renaming it over.
    fs::write(dir.path().join("note.txt.tmp"), "Version two.").unwrap();
    fs::rename(dir.path().join("note.txt.tmp"), dir.path().join("note.txt")).unwrap();
    live.wait_until("version two", |l| l.has("note.txt", "Version two."));

    // And a hidden swap-style temporary.
    fs::write(dir.path().join(".note.txt.swp"), "Version three.").unwrap();
    fs::rename(
        dir.path().join(".note.txt.swp"),
        dir.path().join("note.txt"),
    )
    .unwrap();
    live.wait_until("version three", |l| l.has("note.txt", "Version three."));

    assert_eq!(live.model.keys().collect::<Vec<_>>(), vec!["note.txt"]);
}

#[test]
fn a_removed_file_disappears() {
    let dir = folder();
    fs::write(dir.path().join("old.txt"), "Yesterday's news.").unwrap();
    fs::write(dir.path().join("keep.txt"), "Still here.").unwrap();
    let mut live = Live::start(dir.path(), false);
    fs::remove_file(dir.path().join("old.txt")).unwrap();
    live.wait_until("old.txt gone", |l| !l.model.contains_key("old.txt"));
    assert!(live.has("keep.txt", "Still here."));
}

#[test]
fn a_burst_of_files_arrives_in_few_events() {
    let dir = folder();
    let mut live = Live::start(dir.path(), false);
    for i in 0..500 {
        fs::write(
            dir.path().join(format!("burst-{i:03}.txt")),
            format!("Report number {i} from the wire."),
        )
        .unwrap();
    }
    live.wait_until("all 500 files read", |l| {
        (0..500).all(|i| {
            l.has(
                &format!("burst-{i:03}.txt"),
                &format!("Report number {i} from the wire."),
            )
        })
    });
    let events = live.upsert_events();
    assert!(events < 250, "{events} upsert events for 500 files");
    // The watcher never writes into the folder.
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 500);
}

#[test]
fn a_new_folder_with_files_is_read() {
    let dir = folder();
    let mut live = Live::start(dir.path(), false);
    let sub = dir.path().join("desk/europe");
    fs::create_dir_all(&sub).unwrap();
    // Written at once after the folder: these can beat the new folder's watch.
    fs::write(sub.join("a.txt"), "Paris was calm.").unwrap();
    fs::write(sub.join("b.txt"), "Rome was loud.").unwrap();
    fs::write(dir.path().join("desk/top.txt"), "Top story.").unwrap();
    live.wait_until("three files in new folders", |l| {
        l.has("desk/europe/a.txt", "Paris was calm.")
            && l.has("desk/europe/b.txt", "Rome was loud.")
            && l.has("desk/top.txt", "Top story.")
    });
}

#[test]
fn a_removed_folder_removes_its_files() {
    let dir = folder();
    let sub = dir.path().join("wire");
    fs::create_dir_all(sub.join("late")).unwrap();
    fs::write(sub.join("a.txt"), "First wire.").unwrap();
    fs::write(sub.join("late/b.txt"), "Second wire.").unwrap();
    fs::write(dir.path().join("wired.txt"), "Not in the folder.").unwrap();
    let mut live = Live::start(dir.path(), false);
    assert_eq!(live.model.len(), 3);
    fs::remove_dir_all(&sub).unwrap();
    live.wait_until("wire/ emptied", |l| {
        l.model.keys().all(|k| !k.starts_with("wire/"))
    });
    assert!(live.has("wired.txt", "Not in the folder."));
}

#[test]
fn a_renamed_folder_moves_its_files() {
    let dir = folder();
    fs::create_dir(dir.path().join("draft")).unwrap();
    fs::write(dir.path().join("draft/a.txt"), "Filed early.").unwrap();
    let mut live = Live::start(dir.path(), false);
    fs::rename(dir.path().join("draft"), dir.path().join("final")).unwrap();
    live.wait_until("draft/a.txt became final/a.txt", |l| {
        l.has("final/a.txt", "Filed early.") && !l.model.contains_key("draft/a.txt")
    });
    // Later writes inside the renamed folder are seen under its new name.
    fs::write(dir.path().join("final/b.txt"), "Filed late.").unwrap();
    live.wait_until("final/b.txt", |l| l.has("final/b.txt", "Filed late."));
    assert_eq!(live.model.len(), 2);
}

#[test]
fn a_removed_then_restored_folder_is_watched_again() {
    let parent = folder();
    let root = parent.path().join("feed");
    fs::create_dir(&root).unwrap();
    fs::write(root.join("before.txt"), "Before the outage.").unwrap();
    let mut live = Live::start(&root, false);
    fs::remove_dir_all(&root).unwrap();
    live.wait_until("the watcher says the folder is missing", |l| {
        l.log.iter().any(|e| matches!(e, WatchEvent::Error(_)))
    });
    fs::create_dir(&root).unwrap();
    fs::write(root.join("after.txt"), "After the outage.").unwrap();
    live.wait_until("after.txt only", |l| {
        l.has("after.txt", "After the outage.") && !l.model.contains_key("before.txt")
    });
    // Watching again: later files are seen.
    fs::write(root.join("later.txt"), "Later still.").unwrap();
    live.wait_until("later.txt", |l| l.has("later.txt", "Later still."));
}

#[test]
fn a_folder_replaced_under_the_same_name_is_watched_again() {
    let parent = folder();
    let root = parent.path().join("feed");
    fs::create_dir(&root).unwrap();
    fs::write(root.join("old.txt"), "The old folder.").unwrap();
    let mut live = Live::start(&root, false);
    fs::rename(&root, parent.path().join("feed-old")).unwrap();
    fs::create_dir(&root).unwrap();
    fs::write(root.join("new.txt"), "The new folder.").unwrap();
    live.wait_until("only the new folder's file", |l| {
        l.has("new.txt", "The new folder.") && !l.model.contains_key("old.txt")
    });
    // Events from the moved-away folder do not leak in.
    fs::write(parent.path().join("feed-old/stray.txt"), "Elsewhere.").unwrap();
    fs::write(root.join("next.txt"), "Next one.").unwrap();
    live.wait_until("next.txt", |l| l.has("next.txt", "Next one."));
    assert!(!live.model.contains_key("stray.txt"));
}

#[test]
fn polling_sees_create_change_and_remove() {
    let dir = folder();
    fs::write(dir.path().join("gone.txt"), "About to go.").unwrap();
    let mut live = Live::start(dir.path(), true);
    fs::write(dir.path().join("polled.txt"), "Seen by polling.").unwrap();
    fs::create_dir(dir.path().join("sub")).unwrap();
    fs::write(dir.path().join("sub/inner.txt"), "Inside.").unwrap();
    fs::remove_file(dir.path().join("gone.txt")).unwrap();
    live.wait_until("created and removed", |l| {
        l.has("polled.txt", "Seen by polling.")
            && l.has("sub/inner.txt", "Inside.")
            && !l.model.contains_key("gone.txt")
    });
    fs::write(
        dir.path().join("polled.txt"),
        "Changed, and longer than before.",
    )
    .unwrap();
    live.wait_until("changed", |l| {
        l.has("polled.txt", "Changed, and longer than before.")
    });
}

#[test]
fn starting_on_a_missing_folder_fails_clearly() {
    let dir = folder();
    let missing = dir.path().join("nowhere");
    let opts = WatchOptions {
        debounce: Duration::from_millis(100),
        poll: false,
        ingest: IngestOptions::default(),
    };
    let err = FolderWatcher::start(&missing, opts, |_| {})
        .err()
        .expect("an error");
    assert!(err.to_string().contains("nowhere"), "{err}");
}

#[test]
fn reconcile_without_a_watcher_rereads_everything_present() {
    let dir = folder();
    fs::write(dir.path().join("a.txt"), "A.").unwrap();
    fs::write(dir.path().join("b.txt"), "B.").unwrap();
    fs::write(dir.path().join("c.tmp"), "C.").unwrap();
    let known: BTreeSet<String> = ["a.txt", "gone.txt"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let (upsert, remove) =
        quotedesk::watch::reconcile(&known, dir.path(), &IngestOptions::default());
    assert_eq!(upsert, vec!["a.txt".to_string(), "b.txt".to_string()]);
    assert_eq!(remove, vec!["gone.txt".to_string()]);
}

#[test]
fn watcher_reconcile_skips_unchanged_files() {
    let dir = folder();
    fs::write(dir.path().join("same.txt"), "Unchanged.").unwrap();
    let live = Live::start(dir.path(), false);
    let known: BTreeSet<String> = live.model.keys().cloned().collect();
    fs::write(dir.path().join("new.txt"), "Fresh.").unwrap();
    let (upsert, remove) = live.watcher.reconcile(&known);
    assert!(remove.is_empty());
    assert_eq!(upsert, vec!["new.txt".to_string()]);
    // A consumer that lost a file gets it back even though it did not change.
    let (upsert, _) = live.watcher.reconcile(&BTreeSet::new());
    assert!(upsert.contains(&"same.txt".to_string()), "{upsert:?}");
}

/// The desk's reconcile runs in a thread: same answer, and the stamps it records are the
/// watcher's own (a second reconcile finds nothing more to read).
#[test]
fn a_reconcile_run_in_a_thread_records_the_watchers_stamps() {
    let dir = folder();
    fs::write(dir.path().join("kept.txt"), "Kept as it was.").unwrap();
    let live = Live::start(dir.path(), false);
    let mut known: BTreeSet<String> = live.model.keys().cloned().collect();
    fs::write(dir.path().join("added.txt"), "Added later.").unwrap();
    let reconcile = live.watcher.reconciler();
    let asked = known.clone();
    let (upsert, remove) = std::thread::spawn(move || reconcile(&asked))
        .join()
        .unwrap();
    assert!(remove.is_empty());
    assert_eq!(upsert, vec!["added.txt".to_string()]);
    known.extend(upsert);
    let (upsert, remove) = live.watcher.reconcile(&known);
    assert!(
        upsert.is_empty() && remove.is_empty(),
        "{upsert:?} {remove:?}"
    );
}

/// `rm -rf W && mkdir W && cp … W/` in one go: the new folder often gets the old inode
/// number back, and no event arrives for it; the watch on the old one is gone.
#[test]
fn a_folder_deleted_and_made_again_at_once_is_watched_again() {
    let parent = folder();
    let root = parent.path().join("feed");
    fs::create_dir(&root).unwrap();
    for i in 0..20 {
        fs::write(
            root.join(format!("old-{i}.txt")),
            format!("Old report {i}."),
        )
        .unwrap();
    }
    let mut live = Live::start(&root, false);
    for round in 0..3 {
        fs::remove_dir_all(&root).unwrap();
        fs::create_dir(&root).unwrap();
        fs::write(root.join(format!("new-{round}.txt")), "The new folder.").unwrap();
        live.wait_until("only the new folder's file", |l| {
            l.has(&format!("new-{round}.txt"), "The new folder.") && l.model.len() == 1
        });
        // And the new folder is watched: a later file arrives too.
        fs::write(root.join("later.txt"), format!("Later, round {round}.")).unwrap();
        live.wait_until("a later file", |l| {
            l.has("later.txt", &format!("Later, round {round}."))
        });
    }
}

/// Names that are not printable or not UTF-8 arrive under their escaped keys, and a link
/// to a folder (made while watching) is reported like `scan` lists it, not followed.
#[cfg(unix)]
#[test]
fn odd_names_and_folder_links_arrive_as_scan_lists_them() {
    use std::os::unix::ffi::OsStrExt;
    let dir = folder();
    let outside = folder();
    fs::write(outside.path().join("elsewhere.txt"), "Not in the folder.").unwrap();
    let mut live = Live::start(dir.path(), false);
    let raw = std::ffi::OsStr::from_bytes(b"caf\xe9\x1b[2J.txt");
    fs::write(dir.path().join(raw), "An odd name.").unwrap();
    fs::write(dir.path().join("a\\b.txt"), "A backslash.").unwrap();
    std::os::unix::fs::symlink(outside.path(), dir.path().join("linked")).unwrap();
    let listed = quotedesk::ingest::list_files(dir.path(), &IngestOptions::default()).unwrap();
    assert_eq!(listed.len(), 3, "{listed:?}");
    live.wait_until("every listed name", |l| {
        listed.iter().all(|k| {
            l.log
                .iter()
                .any(|e| matches!(e, WatchEvent::Upsert(p) if p.contains(k)))
        })
    });
    assert!(live.has("caf\\xe9\\u{1b}[2J.txt", "An odd name."));
    assert!(live.has("a\\\\b.txt", "A backslash."));
    // Writing through the link is not an event of this folder.
    fs::write(outside.path().join("more.txt"), "Still elsewhere.").unwrap();
    fs::write(dir.path().join("z.txt"), "Last.").unwrap();
    live.wait_until("z.txt", |l| l.has("z.txt", "Last."));
    assert!(
        !live.model.keys().any(|k| k.starts_with("linked/")),
        "{:?}",
        live.model.keys()
    );
}

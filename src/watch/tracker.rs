//! The watcher's memory: which files it has reported, and the stat stamp each had when it
//! was last reported. Turns "these paths changed" hints into upserts and removals by
//! re-stating every path (events are hints, the file system is the truth).

use super::WatchEvent;
use crate::ingest::{self, IngestOptions};
use std::collections::{BTreeSet, HashMap};
use std::fs::Metadata;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::SystemTime;

/// Size and modification time of a file: enough to tell "changed since last reported".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
}

impl Stamp {
    fn of(meta: &Metadata) -> Stamp {
        Stamp {
            len: meta.len(),
            modified: meta.modified().ok(),
        }
    }

    /// The stamp of the file at `path`, following a link when it points somewhere.
    pub(crate) fn read(path: &Path) -> Option<Stamp> {
        std::fs::metadata(path)
            .or_else(|_| std::fs::symlink_metadata(path))
            .ok()
            .map(|m| Stamp::of(&m))
    }
}

/// Stamps of reported files, shared between the watcher thread and the consumer's
/// reconcile calls.
pub(crate) type Stamps = Arc<Mutex<HashMap<String, Stamp>>>;

pub(crate) fn lock(stamps: &Stamps) -> MutexGuard<'_, HashMap<String, Stamp>> {
    stamps
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// What one batch of hints amounts to.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Changes {
    pub upsert: BTreeSet<String>,
    pub remove: BTreeSet<String>,
}

impl Changes {
    fn upsert(&mut self, rel: String) {
        self.remove.remove(&rel);
        self.upsert.insert(rel);
    }

    fn remove(&mut self, rel: String) {
        self.upsert.remove(&rel);
        self.remove.insert(rel);
    }

    /// Removals first, so that a rename reads as "old gone, new here".
    pub fn into_events(self) -> Vec<WatchEvent> {
        let mut out = Vec::new();
        if !self.remove.is_empty() {
            out.push(WatchEvent::Remove(self.remove.into_iter().collect()));
        }
        if !self.upsert.is_empty() {
            out.push(WatchEvent::Upsert(self.upsert.into_iter().collect()));
        }
        out
    }
}

/// True when a component of `rel` is hidden: nothing under it is ever an article, so
/// there is no need to stat or walk it.
pub(crate) fn hidden(rel: &str) -> bool {
    rel.split('/').any(|c| c.starts_with('.'))
}

/// `path` relative to `root`, `/`-separated the way [`ingest::list_files`] writes it.
pub(crate) fn rel_string(path: &Path) -> String {
    ingest::walk::encode_rel(path)
}

/// The path on disk of key `rel`.
fn full(root: &Path, rel: &str) -> PathBuf {
    ingest::walk::rel_path(root, rel)
}

pub(crate) struct Tracker {
    root: PathBuf,
    opts: IngestOptions,
    /// Every file reported as present (and not since reported gone).
    known: BTreeSet<String>,
    stamps: Stamps,
}

impl Tracker {
    /// Starts from the folder as it is now.
    pub fn new(root: PathBuf, opts: IngestOptions, stamps: Stamps) -> Tracker {
        let mut t = Tracker {
            root,
            opts,
            known: BTreeSet::new(),
            stamps,
        };
        t.reset(true);
        t
    }

    /// Re-lists the folder after lost events. With `restamp`, the stamps are taken anew
    /// too (start-up); otherwise they stay as last reported, so that a reconcile can still
    /// tell which files changed while events were lost.
    pub fn reset(&mut self, restamp: bool) {
        let files = ingest::list_files(&self.root, &self.opts).unwrap_or_default();
        if restamp {
            let mut stamps = lock(&self.stamps);
            stamps.clear();
            for rel in &files {
                if let Some(s) = Stamp::read(&full(&self.root, rel)) {
                    stamps.insert(rel.clone(), s);
                }
            }
        }
        self.known = files.into_iter().collect();
    }

    /// Forgets every stamp: after the folder was replaced, every file is new.
    pub fn forget_stamps(&mut self) {
        lock(&self.stamps).clear();
    }

    #[cfg(test)]
    pub fn known(&self) -> &BTreeSet<String> {
        &self.known
    }

    /// Re-stats every hinted path (relative, non-empty) and says what changed.
    pub fn paths_changed(&mut self, rels: impl IntoIterator<Item = String>) -> Changes {
        let mut changes = Changes::default();
        for rel in rels {
            if rel.is_empty() || hidden(&rel) {
                continue;
            }
            self.path_changed(&rel, &mut changes);
        }
        changes
    }

    /// Re-stats known files and upserts those whose stamp changed since last reported.
    /// For the polling backend, which compares whole-second modification times and so
    /// misses a second write within the same second.
    pub fn recheck<'a>(&mut self, rels: impl IntoIterator<Item = &'a String>) -> Changes {
        let mut changes = Changes::default();
        for rel in rels {
            if !self.known.contains(rel) {
                continue;
            }
            let Some(now) = Stamp::read(&full(&self.root, rel)) else {
                continue; // gone: the backend reports that itself
            };
            if lock(&self.stamps).get(rel) != Some(&now) {
                self.mark_upserted(rel.clone(), Some(now), &mut changes);
            }
        }
        changes
    }

    fn path_changed(&mut self, rel: &str, changes: &mut Changes) {
        let full = full(&self.root, rel);
        match std::fs::symlink_metadata(&full) {
            Ok(meta) if meta.is_dir() => {
                // A folder that could not be read was listed as a file (to say why); now
                // readable, its files count instead.
                if std::fs::read_dir(&full).is_err() {
                    self.mark_upserted(rel.to_string(), Stamp::read(&full), changes);
                    return;
                }
                if self.known.contains(rel) {
                    self.mark_removed(rel.to_string(), changes);
                }
                // A new (or moved-in) folder: its files may have been written before the
                // watch on it existed, so walk it rather than trust the events.
                let present = self.files_under(rel);
                let present_names: BTreeSet<&str> =
                    present.iter().map(|(r, _)| r.as_str()).collect();
                let gone: Vec<String> = self
                    .known_under(rel)
                    .filter(|k| !present_names.contains(k.as_str()))
                    .cloned()
                    .collect();
                for g in gone {
                    self.mark_removed(g, changes);
                }
                for (f, stamp) in present {
                    let unchanged =
                        self.known.contains(&f) && lock(&self.stamps).get(&f) == Some(&stamp);
                    if !unchanged {
                        self.mark_upserted(f, Some(stamp), changes);
                    }
                }
            }
            Ok(meta) => {
                // Was it a folder before? Then its files are gone.
                self.remove_under(rel, changes);
                if !ingest::is_ignored(rel, &self.opts) {
                    let stamp = Stamp::read(&full).or(Some(Stamp::of(&meta)));
                    self.mark_upserted(rel.to_string(), stamp, changes);
                }
            }
            Err(e) if matches!(e.kind(), ErrorKind::NotFound | ErrorKind::NotADirectory) => {
                if self.known.contains(rel) {
                    self.mark_removed(rel.to_string(), changes);
                }
                self.remove_under(rel, changes);
            }
            Err(_) => {
                // There but not stat-able (permissions): let the reader say why.
                if !ingest::is_ignored(rel, &self.opts) {
                    self.mark_upserted(rel.to_string(), None, changes);
                }
            }
        }
    }

    fn mark_upserted(&mut self, rel: String, stamp: Option<Stamp>, changes: &mut Changes) {
        let mut stamps = lock(&self.stamps);
        match stamp {
            Some(s) => stamps.insert(rel.clone(), s),
            None => stamps.remove(&rel),
        };
        drop(stamps);
        self.known.insert(rel.clone());
        changes.upsert(rel);
    }

    fn mark_removed(&mut self, rel: String, changes: &mut Changes) {
        lock(&self.stamps).remove(&rel);
        self.known.remove(&rel);
        changes.remove(rel);
    }

    fn remove_under(&mut self, dir: &str, changes: &mut Changes) {
        let gone: Vec<String> = self.known_under(dir).cloned().collect();
        for g in gone {
            self.mark_removed(g, changes);
        }
    }

    /// Known files strictly inside folder `dir`.
    fn known_under<'a>(&'a self, dir: &str) -> impl Iterator<Item = &'a String> + 'a {
        let prefix = format!("{dir}/");
        self.known
            .range(prefix.clone()..)
            .take_while(move |k| k.starts_with(&prefix))
    }

    /// Every candidate article file inside folder `dir`, with its stamp: the same
    /// selection as [`ingest::list_files`] (unreadable folders and links included).
    fn files_under(&self, dir: &str) -> Vec<(String, Stamp)> {
        ingest::walk::list_under(&self.root, dir, &self.opts)
            .into_iter()
            .filter_map(|rel| Stamp::read(&full(&self.root, &rel)).map(|s| (rel, s)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn tracker(root: &Path) -> Tracker {
        Tracker::new(
            root.to_path_buf(),
            IngestOptions::default(),
            Stamps::default(),
        )
    }

    fn set(items: &[&str]) -> BTreeSet<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn starts_from_the_folder_as_it_is() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("a.txt"), "One line.").unwrap();
        fs::write(dir.path().join(".hidden.txt"), "No.").unwrap();
        let t = tracker(dir.path());
        assert_eq!(t.known(), &set(&["a.txt"]));
    }

    #[test]
    fn new_file_is_upserted_and_gone_file_removed() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("a.txt"), "One line.").unwrap();
        let mut t = tracker(dir.path());
        fs::write(dir.path().join("b.txt"), "Another line.").unwrap();
        fs::remove_file(dir.path().join("a.txt")).unwrap();
        let c = t.paths_changed(["a.txt".to_string(), "b.txt".to_string()]);
        assert_eq!(c.upsert, set(&["b.txt"]));
        assert_eq!(c.remove, set(&["a.txt"]));
        assert_eq!(t.known(), &set(&["b.txt"]));
    }

    #[test]
    fn unknown_gone_path_is_not_reported() {
        let dir = tempfile::tempdir().unwrap();
        let mut t = tracker(dir.path());
        let c = t.paths_changed(["never.txt".to_string()]);
        assert_eq!(c, Changes::default());
    }

    #[test]
    fn ignored_and_hidden_paths_are_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let mut t = tracker(dir.path());
        fs::write(dir.path().join("x.tmp"), "Draft.").unwrap();
        fs::create_dir(dir.path().join(".cache")).unwrap();
        fs::write(dir.path().join(".cache/y.txt"), "Hidden.").unwrap();
        let c = t.paths_changed(["x.tmp".to_string(), ".cache".to_string()]);
        assert_eq!(c, Changes::default());
    }

    #[test]
    fn new_folder_is_walked() {
        let dir = tempfile::tempdir().unwrap();
        let mut t = tracker(dir.path());
        fs::create_dir_all(dir.path().join("sub/deeper")).unwrap();
        fs::write(dir.path().join("sub/a.txt"), "A.").unwrap();
        fs::write(dir.path().join("sub/deeper/b.md"), "B.").unwrap();
        fs::write(dir.path().join("sub/c.swp"), "C.").unwrap();
        let c = t.paths_changed(["sub".to_string()]);
        assert_eq!(c.upsert, set(&["sub/a.txt", "sub/deeper/b.md"]));
        // Walking it again finds nothing new.
        let c = t.paths_changed(["sub".to_string()]);
        assert_eq!(c, Changes::default());
    }

    #[test]
    fn removed_folder_removes_its_known_files_only() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("sub/deeper")).unwrap();
        fs::write(dir.path().join("sub/a.txt"), "A.").unwrap();
        fs::write(dir.path().join("sub/deeper/b.txt"), "B.").unwrap();
        fs::write(dir.path().join("subway.txt"), "Not inside.").unwrap();
        let mut t = tracker(dir.path());
        fs::remove_dir_all(dir.path().join("sub")).unwrap();
        let c = t.paths_changed(["sub".to_string()]);
        assert_eq!(c.remove, set(&["sub/a.txt", "sub/deeper/b.txt"]));
        assert!(c.upsert.is_empty());
        assert_eq!(t.known(), &set(&["subway.txt"]));
    }

    #[test]
    fn folder_replaced_by_file() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("x")).unwrap();
        fs::write(dir.path().join("x/a.txt"), "A.").unwrap();
        let mut t = tracker(dir.path());
        fs::remove_dir_all(dir.path().join("x")).unwrap();
        fs::write(dir.path().join("x"), "Now a file.").unwrap();
        let c = t.paths_changed(["x".to_string()]);
        assert_eq!(c.remove, set(&["x/a.txt"]));
        assert_eq!(c.upsert, set(&["x"]));
    }

    #[test]
    fn recheck_finds_changes_the_stamps_missed() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("a.txt"), "Short.").unwrap();
        fs::write(dir.path().join("b.txt"), "Same.").unwrap();
        let mut t = tracker(dir.path());
        fs::write(dir.path().join("a.txt"), "Longer than it was.").unwrap();
        let rels = vec![
            "a.txt".to_string(),
            "b.txt".to_string(),
            "new.txt".to_string(),
        ];
        let c = t.recheck(&rels);
        assert_eq!(c.upsert, set(&["a.txt"]));
        assert!(t.recheck(&rels).upsert.is_empty());
    }

    #[test]
    fn events_list_removals_first() {
        let c = Changes {
            upsert: set(&["b"]),
            remove: set(&["a"]),
        };
        assert_eq!(
            c.into_events(),
            vec![
                WatchEvent::Remove(vec!["a".into()]),
                WatchEvent::Upsert(vec!["b".into()])
            ]
        );
    }
}

//! Watching the folder: notify + debouncing -> "these paths changed" hints, re-stated
//! into upserts and removals; a full rescan on overflow or when the folder comes back.
//!
//! One thread per watcher owns the notify backend and the [`tracker::Tracker`]; it
//! receives debounced batches, re-stats the hinted paths and calls the sink. Every second
//! it also checks that the folder is still the one being watched (removed, moved away or
//! replaced folders are not reported reliably by any backend) and re-watches when it
//! comes back. Nothing here ever writes into the folder.

mod backend;
mod tracker;

use crate::ingest::{self, IngestOptions};
use backend::Backend;
use notify_debouncer_full::DebounceEventResult;
use notify_debouncer_full::notify::EventKind;
use notify_debouncer_full::notify::event::{AccessKind, AccessMode};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};
use tracker::{Stamp, Stamps, Tracker};

/// What the watcher tells the desk, paths relative to the watched folder, `/`-separated,
/// already filtered through the ignore rules.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WatchEvent {
    /// These files exist now and may have new content: re-read them.
    Upsert(Vec<String>),
    /// These files are gone.
    Remove(Vec<String>),
    /// Events were lost (overflow) or the folder was replaced: reconcile everything.
    Rescan,
    /// The watcher is unhealthy (shown in the status bar); it keeps trying.
    Error(String),
}

#[derive(Clone, Debug)]
pub struct WatchOptions {
    pub debounce: Duration,
    /// Poll instead of native events (network mounts).
    pub poll: bool,
    pub ingest: crate::ingest::IngestOptions,
}

/// How often the watcher checks that the folder is still there and still the same one.
const HEALTH_EVERY: Duration = Duration::from_secs(1);

/// How long, when polling, a reported file is re-stated at each check: the poller sees
/// only whole-second modification times, so a second write in the same second is
/// otherwise missed.
const RECHECK_FOR: Duration = Duration::from_millis(2500);

/// A running watcher; dropping it stops watching.
pub struct FolderWatcher {
    control: mpsc::Sender<Msg>,
    thread: Option<JoinHandle<()>>,
    root: PathBuf,
    ingest: IngestOptions,
    stamps: Stamps,
}

impl FolderWatcher {
    /// Starts watching `root` recursively; `sink` is called from the watcher's thread.
    /// Fails when `root` is not a folder or the system refuses to watch it.
    pub fn start(
        root: &Path,
        opts: WatchOptions,
        sink: impl Fn(WatchEvent) + Send + 'static,
    ) -> anyhow::Result<FolderWatcher> {
        use anyhow::Context;
        let root = std::path::absolute(root)
            .with_context(|| format!("cannot watch {}", root.display()))?;
        let identity = identity(&root)
            .with_context(|| format!("cannot watch {}: not a folder", root.display()))?;
        let (tx, rx) = mpsc::channel();
        // Watch first, then list: a file written in between is both listed and hinted.
        let (backend, unwatched) = start_backend(&root, &opts, &tx)
            .map_err(|e| anyhow::anyhow!("cannot watch the folder: {e}"))?;
        let stamps = Stamps::default();
        let tracker = Tracker::new(root.clone(), opts.ingest.clone(), stamps.clone());
        let canonical = std::fs::canonicalize(&root).unwrap_or_else(|_| root.clone());
        let mut state = WatchThread {
            root: root.clone(),
            canonical,
            opts: opts.clone(),
            tx: tx.clone(),
            backend: Some(backend),
            identity: Some(identity),
            tracker,
            sink: Box::new(sink),
            recent: BTreeMap::new(),
        };
        let thread = std::thread::Builder::new()
            .name("quotedesk-watch".into())
            .spawn(move || {
                state.report_unwatched(unwatched);
                state.run(rx)
            })
            .context("cannot start the watcher thread")?;
        Ok(FolderWatcher {
            control: tx,
            thread: Some(thread),
            root,
            ingest: opts.ingest,
            stamps,
        })
    }

    /// The watched folder (absolute).
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Like [`reconcile`], but upserts only the files that are new to `known` or whose
    /// size or modification time changed since the watcher last reported them: after an
    /// overflow on a big folder this re-reads a handful of files instead of all of them.
    pub fn reconcile(&self, known: &BTreeSet<String>) -> (Vec<String>, Vec<String>) {
        reconcile_stamped(known, &self.root, &self.ingest, &self.stamps)
    }

    /// [`Self::reconcile`] to run in another thread: it lists and stats every file of
    /// the folder (10,000 after a reopen from the cache), which must not hold up keys.
    pub fn reconciler(
        &self,
    ) -> impl FnOnce(&BTreeSet<String>) -> (Vec<String>, Vec<String>) + Send + 'static {
        let (root, ingest, stamps) = (self.root.clone(), self.ingest.clone(), self.stamps.clone());
        move |known| reconcile_stamped(known, &root, &ingest, &stamps)
    }
}

/// [`FolderWatcher::reconcile`]: compares with the stamps last reported, and records the
/// current ones.
fn reconcile_stamped(
    known: &BTreeSet<String>,
    root: &Path,
    opts: &IngestOptions,
    stamps: &Stamps,
) -> (Vec<String>, Vec<String>) {
    let present = ingest::list_files(root, opts).unwrap_or_default();
    let mut stamps = tracker::lock(stamps);
    let mut upsert = Vec::new();
    for rel in &present {
        let now = Stamp::read(&ingest::walk::rel_path(root, rel));
        let changed = now.is_none() || stamps.get(rel) != now.as_ref();
        if changed || !known.contains(rel) {
            upsert.push(rel.clone());
        }
        match now {
            Some(s) => stamps.insert(rel.clone(), s),
            None => stamps.remove(rel),
        };
    }
    let present: BTreeSet<String> = present.into_iter().collect();
    stamps.retain(|rel, _| present.contains(rel));
    let remove = known.difference(&present).cloned().collect();
    (upsert, remove)
}

impl Drop for FolderWatcher {
    fn drop(&mut self) {
        let _ = self.control.send(Msg::Stop);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// For a [`WatchEvent::Rescan`]: compares the files the consumer has (`known`) with the
/// folder. Returns (files to re-read: every file present; files gone). Prefer
/// [`FolderWatcher::reconcile`], which re-reads only what changed.
pub fn reconcile(
    known: &BTreeSet<String>,
    root: &Path,
    opts: &IngestOptions,
) -> (Vec<String>, Vec<String>) {
    let present = ingest::list_files(root, opts).unwrap_or_default();
    let present_set: BTreeSet<&str> = present.iter().map(String::as_str).collect();
    let remove = known
        .iter()
        .filter(|k| !present_set.contains(k.as_str()))
        .cloned()
        .collect();
    (present, remove)
}

/// The watcher's re-stating of hints without an event source: paths said to have
/// changed (keys relative to the folder, as [`ingest::walk::encode_rel`] writes them) in,
/// the [`WatchEvent`]s the desk would receive out. The same code the live watcher runs on
/// every debounced batch; for tests and tools that produce the hints themselves.
pub struct Restater {
    tracker: Tracker,
}

impl Restater {
    /// Starts from the folder as it is now.
    pub fn new(root: &Path, opts: IngestOptions) -> Restater {
        Restater {
            tracker: Tracker::new(root.to_path_buf(), opts, Stamps::default()),
        }
    }

    /// What the desk is told after these paths (files or folders) were reported.
    pub fn hinted(&mut self, rels: impl IntoIterator<Item = String>) -> Vec<WatchEvent> {
        self.tracker.paths_changed(rels).into_events()
    }
}

enum Msg {
    Batch(DebounceEventResult),
    Stop,
}

fn start_backend(
    root: &Path,
    opts: &WatchOptions,
    tx: &mpsc::Sender<Msg>,
) -> Result<(Backend, backend::Unwatched), String> {
    let tx = tx.clone();
    Backend::start(root, opts.debounce, opts.poll, move |batch| {
        let _ = tx.send(Msg::Batch(batch));
    })
    .map_err(|e| backend::describe(&e))
}

/// Identifies the folder itself, so a folder replaced under the same name is noticed:
/// device, inode and, where the file system keeps it, creation time (a folder removed and
/// made again at once often gets the same inode number back).
type Identity = (u64, u64, Option<std::time::SystemTime>);

fn identity(root: &Path) -> Option<Identity> {
    let meta = std::fs::metadata(root).ok()?;
    if !meta.is_dir() {
        return None;
    }
    let born = meta.created().ok();
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Some((meta.dev(), meta.ino(), born))
    }
    #[cfg(not(unix))]
    {
        Some((0, 0, born))
    }
}

struct WatchThread {
    root: PathBuf,
    /// The same folder with links resolved: some backends report paths this way.
    canonical: PathBuf,
    opts: WatchOptions,
    tx: mpsc::Sender<Msg>,
    /// The live watcher; `None` while the folder is missing.
    backend: Option<Backend>,
    /// Which folder is being watched; `None` while it is missing.
    identity: Option<Identity>,
    tracker: Tracker,
    sink: Box<dyn Fn(WatchEvent) + Send>,
    /// Polling only: files reported lately, with when, to re-stat at each check.
    recent: BTreeMap<String, Instant>,
}

impl WatchThread {
    fn run(&mut self, rx: mpsc::Receiver<Msg>) {
        let mut next_check = Instant::now() + HEALTH_EVERY;
        loop {
            let wait = next_check.saturating_duration_since(Instant::now());
            match rx.recv_timeout(wait) {
                Ok(Msg::Stop) | Err(mpsc::RecvTimeoutError::Disconnected) => break,
                Ok(Msg::Batch(Ok(events))) => self.on_events(events),
                Ok(Msg::Batch(Err(errors))) => {
                    for e in &errors {
                        tracing::warn!("watcher error: {e:?}");
                    }
                    let mut text: Vec<String> = errors.iter().map(backend::describe).collect();
                    text.dedup();
                    self.emit(WatchEvent::Error(text.join("; ")));
                    self.check_health(false);
                    if self.identity.is_some() {
                        self.rescan();
                    }
                }
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    self.check_health(false);
                    self.recheck_recent();
                    next_check = Instant::now() + HEALTH_EVERY;
                }
            }
        }
    }

    fn emit(&self, event: WatchEvent) {
        (self.sink)(event);
    }

    fn on_events(&mut self, events: Vec<notify_debouncer_full::DebouncedEvent>) {
        let mut rescan = false;
        let mut check_root = false;
        let mut root_removed = false;
        let mut rels = BTreeSet::new();
        for ev in &events {
            if ev.need_rescan() {
                rescan = true;
                continue;
            }
            // Opening or reading a file (our own workers do) changes nothing.
            if let EventKind::Access(kind) = ev.kind
                && kind != AccessKind::Close(AccessMode::Write)
            {
                continue;
            }
            for path in &ev.paths {
                match self.relative(path) {
                    Some(rel) if rel.is_empty() => {
                        check_root = true;
                        // The watch on the folder itself is gone with it, even when a new
                        // folder (perhaps with the same inode) is already in its place.
                        root_removed |= matches!(ev.kind, EventKind::Remove(_));
                    }
                    Some(rel) => {
                        rels.insert(rel);
                    }
                    None => {}
                }
            }
        }
        if check_root {
            self.check_health(root_removed);
            if root_removed && self.identity.is_some() {
                return; // re-watched: the rescan reconciles everything
            }
        }
        if rescan && self.identity.is_some() {
            self.rescan();
            return;
        }
        self.watch_new_folders(&rels);
        // Even with the folder gone, the hinted files (say, of `rm -r`) are reported gone.
        let changes = self.tracker.paths_changed(rels);
        self.report(changes);
    }

    /// Folders that appeared (made, moved in, or made readable) get their own watches
    /// before the tracker walks them, so nothing written afterwards is missed.
    fn watch_new_folders(&mut self, rels: &BTreeSet<String>) {
        let Some(backend) = self.backend.as_mut() else {
            return;
        };
        let mut failed = Vec::new();
        for rel in rels {
            if tracker::hidden(rel) {
                continue;
            }
            let full = ingest::walk::rel_path(&self.root, rel);
            if std::fs::symlink_metadata(&full).is_ok_and(|m| m.is_dir()) {
                failed.extend(backend.watch_tree(&full));
            }
        }
        self.report_unwatched(failed);
    }

    /// Sub-folders that could not be watched: unreadable ones are reported by the reader
    /// (a skipped entry with its reason), so they are only logged; anything else (say,
    /// the system's limit on watches) is shown.
    fn report_unwatched(&self, failed: backend::Unwatched) {
        let mut shown = Vec::new();
        for (path, e) in &failed {
            tracing::warn!("cannot watch {}: {e:?}", path.display());
            if !backend::is_permission(e) {
                shown.push(backend::describe(e));
            }
        }
        shown.dedup();
        if !shown.is_empty() {
            self.emit(WatchEvent::Error(format!(
                "some folders are not watched: {}",
                shown.join("; ")
            )));
        }
    }

    fn report(&mut self, changes: tracker::Changes) {
        if self.opts.poll {
            let now = Instant::now();
            for rel in &changes.upsert {
                self.recent.insert(rel.clone(), now);
            }
        }
        for event in changes.into_events() {
            self.emit(event);
        }
    }

    fn recheck_recent(&mut self) {
        if self.recent.is_empty() || self.backend.is_none() {
            return;
        }
        self.recent.retain(|_, at| at.elapsed() < RECHECK_FOR);
        let changes = self.tracker.recheck(self.recent.keys());
        self.report(changes);
    }

    /// Events were lost: relist for the tracker, and let the consumer reconcile.
    fn rescan(&mut self) {
        self.tracker.reset(false);
        self.emit(WatchEvent::Rescan);
    }

    /// `path` relative to the root ("" for the root itself), or `None` when outside.
    fn relative(&self, path: &Path) -> Option<String> {
        let rel = path
            .strip_prefix(&self.root)
            .or_else(|_| path.strip_prefix(&self.canonical))
            .ok()?;
        Some(tracker::rel_string(rel))
    }

    /// Notices a folder that went away, came back, or was replaced, and re-watches it;
    /// with `force`, re-watches whenever the folder is there (its watch was removed).
    fn check_health(&mut self, force: bool) {
        let now = identity(&self.root);
        if !force && now.is_some() && now == self.identity && self.backend.is_some() {
            return;
        }
        match now {
            None => {
                if self.identity.take().is_some() {
                    self.backend = None;
                    self.emit(WatchEvent::Error(
                        "the folder is missing; waiting for it to come back".into(),
                    ));
                }
            }
            Some(id) => {
                // Back, or replaced under the same name: watch the new one from scratch.
                self.backend = None;
                match start_backend(&self.root, &self.opts, &self.tx) {
                    Ok((b, unwatched)) => {
                        self.backend = Some(b);
                        self.report_unwatched(unwatched);
                        self.identity = Some(id);
                        self.canonical =
                            std::fs::canonicalize(&self.root).unwrap_or_else(|_| self.root.clone());
                        self.tracker.forget_stamps();
                        self.rescan();
                    }
                    Err(e) => {
                        // Retried at the next health check.
                        self.identity = None;
                        self.emit(WatchEvent::Error(format!("cannot watch the folder: {e}")));
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn set(items: &[&str]) -> BTreeSet<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn stamped_reconcile_rereads_changed_new_and_lost_files() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::write(root.join("same.txt"), "Unchanged.").unwrap();
        fs::write(root.join("edited.txt"), "Short.").unwrap();
        fs::write(root.join("deleted.txt"), "Soon gone.").unwrap();
        let stamps = Stamps::default();
        let opts = IngestOptions::default();
        let _tracker = Tracker::new(root.to_path_buf(), opts.clone(), stamps.clone());
        fs::write(root.join("edited.txt"), "Much longer than before.").unwrap();
        fs::write(root.join("new.txt"), "Fresh.").unwrap();
        fs::remove_file(root.join("deleted.txt")).unwrap();
        let known = set(&["same.txt", "edited.txt", "deleted.txt"]);
        let (upsert, remove) = reconcile_stamped(&known, root, &opts, &stamps);
        assert_eq!(
            upsert,
            vec!["edited.txt".to_string(), "new.txt".to_string()]
        );
        assert_eq!(remove, vec!["deleted.txt".to_string()]);
        // The stamps are now current: nothing more to do.
        let known = set(&["same.txt", "edited.txt", "new.txt"]);
        let (upsert, remove) = reconcile_stamped(&known, root, &opts, &stamps);
        assert!(
            upsert.is_empty() && remove.is_empty(),
            "{upsert:?} {remove:?}"
        );
    }

    /// A watch thread with no backend, whose events are collected.
    fn thread_on(root: &Path) -> (WatchThread, mpsc::Receiver<WatchEvent>) {
        let (tx, _rx) = mpsc::channel();
        let (sink_tx, sink_rx) = mpsc::channel();
        let opts = WatchOptions {
            debounce: Duration::from_millis(100),
            poll: false,
            ingest: IngestOptions::default(),
        };
        let t = WatchThread {
            root: root.to_path_buf(),
            canonical: root.to_path_buf(),
            opts,
            tx,
            backend: None,
            identity: identity(root),
            tracker: Tracker::new(
                root.to_path_buf(),
                IngestOptions::default(),
                Stamps::default(),
            ),
            sink: Box::new(move |e| {
                let _ = sink_tx.send(e);
            }),
            recent: BTreeMap::new(),
        };
        (t, sink_rx)
    }

    fn debounced(
        event: notify_debouncer_full::notify::Event,
    ) -> notify_debouncer_full::DebouncedEvent {
        notify_debouncer_full::DebouncedEvent::new(event, Instant::now())
    }

    #[test]
    fn overflow_asks_for_a_rescan() {
        use notify_debouncer_full::notify::Event;
        use notify_debouncer_full::notify::event::Flag;
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("a.txt"), "A.").unwrap();
        let (mut t, rx) = thread_on(dir.path());
        let overflow = Event::new(EventKind::Other).set_flag(Flag::Rescan);
        let create = Event::new(EventKind::Any).add_path(dir.path().join("a.txt"));
        t.on_events(vec![debounced(create), debounced(overflow)]);
        assert_eq!(rx.try_iter().collect::<Vec<_>>(), vec![WatchEvent::Rescan]);
    }

    #[test]
    fn opening_a_file_is_not_a_change() {
        use notify_debouncer_full::notify::Event;
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("a.txt"), "A.").unwrap();
        let (mut t, rx) = thread_on(dir.path());
        let path = dir.path().join("a.txt");
        let open =
            Event::new(EventKind::Access(AccessKind::Open(AccessMode::Any))).add_path(path.clone());
        t.on_events(vec![debounced(open)]);
        assert!(rx.try_recv().is_err());
        let closed =
            Event::new(EventKind::Access(AccessKind::Close(AccessMode::Write))).add_path(path);
        t.on_events(vec![debounced(closed)]);
        assert_eq!(
            rx.try_iter().collect::<Vec<_>>(),
            vec![WatchEvent::Upsert(vec!["a.txt".into()])]
        );
    }

    #[test]
    fn plain_reconcile_rereads_everything_present() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("a.txt"), "A.").unwrap();
        let (upsert, remove) = reconcile(
            &set(&["a.txt", "b.txt"]),
            dir.path(),
            &IngestOptions::default(),
        );
        assert_eq!(upsert, vec!["a.txt".to_string()]);
        assert_eq!(remove, vec!["b.txt".to_string()]);
    }
}

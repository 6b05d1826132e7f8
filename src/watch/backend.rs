//! The notify side: a debounced native watcher, or a polling one for file systems that
//! send no events (network mounts).
//!
//! The native watcher watches each folder on its own (not notify's recursive mode): one
//! sub-folder that cannot be watched (no permission) must not cost the watch of all the
//! others, and new sub-folders are added as the watcher thread sees them appear.

use notify_debouncer_full::notify::{self, PollWatcher, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer_opt};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How often the polling watcher scans the folder.
pub(crate) const POLL_INTERVAL: Duration = Duration::from_secs(1);

/// Below this the debouncer's tick (a quarter of the window) would spin.
const MIN_DEBOUNCE: Duration = Duration::from_millis(10);

/// A live debounced watcher. Dropping it stops watching.
pub(crate) enum Backend {
    Native(Debouncer<RecommendedWatcher, RecommendedCache>),
    // Only held: dropping it stops watching.
    Poll(#[allow(dead_code)] Debouncer<PollWatcher, RecommendedCache>),
}

/// A sub-folder that could not be watched, and why.
pub(crate) type Unwatched = Vec<(PathBuf, notify::Error)>;

impl Backend {
    /// Watches `root` and every folder under it; debounced batches go to `handler`.
    /// Fails only when `root` itself cannot be watched; sub-folders that cannot be are
    /// returned.
    pub fn start(
        root: &Path,
        debounce: Duration,
        poll: bool,
        handler: impl FnMut(DebounceEventResult) + Send + 'static,
    ) -> Result<(Backend, Unwatched), notify::Error> {
        let debounce = debounce.max(MIN_DEBOUNCE);
        // Links are not followed: the folder's files are what `scan` reads.
        let config = notify::Config::default().with_follow_symlinks(false);
        if poll {
            let config = config.with_poll_interval(POLL_INTERVAL);
            let mut d =
                new_debouncer_opt(debounce, None, handler, RecommendedCache::new(), config)?;
            d.watch(root, RecursiveMode::Recursive)?;
            return Ok((Backend::Poll(d), Vec::new()));
        }
        let mut d = new_debouncer_opt(debounce, None, handler, RecommendedCache::new(), config)?;
        d.watch(root, RecursiveMode::NonRecursive)?;
        let mut backend = Backend::Native(d);
        let unwatched = backend.watch_below(root);
        Ok((backend, unwatched))
    }

    /// Watches the folders under `dir` (not `dir` itself); with the polling backend,
    /// which watches recursively, nothing to do.
    pub fn watch_below(&mut self, dir: &Path) -> Unwatched {
        let Backend::Native(d) = self else {
            return Vec::new();
        };
        let mut failed = Vec::new();
        let walker = walkdir::WalkDir::new(dir)
            .follow_links(false)
            .min_depth(1)
            .into_iter()
            // Nothing under a hidden folder is an article (and .git is large).
            .filter_entry(|e| !e.file_name().to_string_lossy().starts_with('.'));
        for entry in walker.flatten() {
            if entry.file_type().is_dir()
                && let Err(e) = d.watch(entry.path(), RecursiveMode::NonRecursive)
            {
                failed.push((entry.path().to_path_buf(), e));
            }
        }
        failed
    }

    /// Watches folder `dir` and every folder under it (a folder that just appeared).
    pub fn watch_tree(&mut self, dir: &Path) -> Unwatched {
        let mut failed = Vec::new();
        if let Backend::Native(d) = self
            && let Err(e) = d.watch(dir, RecursiveMode::NonRecursive)
        {
            failed.push((dir.to_path_buf(), e));
        }
        failed.extend(self.watch_below(dir));
        failed
    }
}

/// True when watching failed for lack of permission: the folder is unreadable, which
/// the reader reports as a skipped entry already.
pub(crate) fn is_permission(e: &notify::Error) -> bool {
    match &e.kind {
        notify::ErrorKind::Io(io) => io.kind() == std::io::ErrorKind::PermissionDenied,
        _ => false,
    }
}

/// Says what went wrong in words a user can act on (no paths, no error codes: the
/// status bar is short).
pub(crate) fn describe(e: &notify::Error) -> String {
    match &e.kind {
        notify::ErrorKind::MaxFilesWatch => {
            "too many folders to watch (raise fs.inotify.max_user_watches, or use --poll)"
                .to_string()
        }
        notify::ErrorKind::Io(io) => match io.kind() {
            std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
            std::io::ErrorKind::NotFound => "folder not found".to_string(),
            _ => {
                let text = io.to_string();
                match text.find(" (os error") {
                    Some(i) => text[..i].to_lowercase(),
                    None => text,
                }
            }
        },
        notify::ErrorKind::PathNotFound => "folder not found".to_string(),
        notify::ErrorKind::WatchNotFound => "watch lost".to_string(),
        notify::ErrorKind::InvalidConfig(_) => "invalid watcher settings".to_string(),
        notify::ErrorKind::Generic(g) => crate::ingest::sanitize::one_line(g),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_in_words_without_codes_or_paths() {
        let e = notify::Error::io(std::io::Error::from_raw_os_error(13))
            .add_path(PathBuf::from("/x/locked"));
        assert_eq!(describe(&e), "permission denied");
        assert!(is_permission(&e));
        let e = notify::Error::io(std::io::Error::from_raw_os_error(5));
        let d = describe(&e);
        assert!(!d.contains("os error") && !d.contains('['), "{d}");
    }
}

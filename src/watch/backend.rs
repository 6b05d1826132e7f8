//! The notify side: a debounced native watcher, or a polling one for file systems that
//! send no events (network mounts).

use notify_debouncer_full::notify::{self, PollWatcher, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer_opt};
use std::path::Path;
use std::time::Duration;

/// How often the polling watcher scans the folder.
pub(crate) const POLL_INTERVAL: Duration = Duration::from_secs(1);

/// Below this the debouncer's tick (a quarter of the window) would spin.
const MIN_DEBOUNCE: Duration = Duration::from_millis(10);

/// A live debounced watcher. Dropping it stops watching.
pub(crate) enum Backend {
    Native(Debouncer<RecommendedWatcher, RecommendedCache>),
    Poll(Debouncer<PollWatcher, RecommendedCache>),
}

impl Backend {
    /// Watches `root` recursively; debounced batches go to `handler`.
    pub fn start(
        root: &Path,
        debounce: Duration,
        poll: bool,
        handler: impl FnMut(DebounceEventResult) + Send + 'static,
    ) -> Result<Backend, notify::Error> {
        let debounce = debounce.max(MIN_DEBOUNCE);
        let mut backend = if poll {
            let config = notify::Config::default().with_poll_interval(POLL_INTERVAL);
            Backend::Poll(new_debouncer_opt(
                debounce,
                None,
                handler,
                RecommendedCache::new(),
                config,
            )?)
        } else {
            Backend::Native(new_debouncer_opt(
                debounce,
                None,
                handler,
                RecommendedCache::new(),
                notify::Config::default(),
            )?)
        };
        match &mut backend {
            Backend::Native(d) => d.watch(root, RecursiveMode::Recursive)?,
            Backend::Poll(d) => d.watch(root, RecursiveMode::Recursive)?,
        }
        Ok(backend)
    }
}

/// Says what went wrong in words a user can act on.
pub(crate) fn describe(e: &notify::Error) -> String {
    match &e.kind {
        notify::ErrorKind::MaxFilesWatch => {
            "too many folders to watch (raise fs.inotify.max_user_watches, or use --poll)"
                .to_string()
        }
        _ => e.to_string(),
    }
}

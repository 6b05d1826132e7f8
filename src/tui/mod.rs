//! The terminal shell: app state ([`app`]), keymap as data ([`keymap`]), `update` from
//! events to effects ([`update`]), views as functions of the state ([`views`]), and the
//! event loop ([`run`]). Nothing here is needed by `scan`.

pub mod app;
pub mod export;
pub mod keymap;
pub mod layout;
pub mod open;
pub mod run;
pub mod search;
pub mod state;
pub mod theme;
pub mod update;
pub mod views;
pub mod wrap;

pub use app::App;
pub use update::{Effect, Event, update, update_batch};

use std::path::Path;

/// Options of the desk from the command line and config.
#[derive(Clone, Debug, Default)]
pub struct DeskOptions {
    /// Poll the folder instead of using file-system events.
    pub poll: bool,
    /// Log file (default: `quotedesk.log` in the data directory).
    pub log: Option<std::path::PathBuf>,
}

/// Opens the desk on `folder` until the user quits.
pub fn run(
    folder: &Path,
    config: &crate::config::Config,
    opts: &DeskOptions,
) -> anyhow::Result<()> {
    run::run(folder, config, opts)
}

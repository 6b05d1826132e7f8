//! The terminal shell: app state, actions, keymap, views, and the event loop.

use std::path::Path;

/// Options of the desk from the command line and config.
#[derive(Clone, Debug, Default)]
pub struct DeskOptions {
    pub poll: bool,
    pub log: Option<std::path::PathBuf>,
}

/// Opens the desk on `folder` until the user quits.
pub fn run(
    folder: &Path,
    _config: &crate::config::Config,
    _opts: &DeskOptions,
) -> anyhow::Result<()> {
    eprintln!(
        "quotedesk: the desk is not built yet; try `quotedesk scan {} --json`",
        folder.display()
    );
    Ok(())
}

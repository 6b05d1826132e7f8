//! Opening an article's original: its file in `$PAGER`/`$EDITOR` (the desk suspends: the
//! terminal is handed over and taken back) or its URL with the system opener. Only the
//! event loop calls these (through `Effect::OpenFile`/`Effect::OpenUrl`); tests never do.

use crossterm::event::EnableMouseCapture;
use crossterm::execute;
use crossterm::terminal::{EnterAlternateScreen, enable_raw_mode};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// While set, the input thread must not read the terminal (the pager owns it).
static SUSPENDED: AtomicBool = AtomicBool::new(false);

/// True while a program runs in the foreground; the input thread polls this between short
/// `poll`s so that it never reads a key meant for the pager.
pub fn input_paused() -> bool {
    SUSPENDED.load(Ordering::SeqCst)
}

/// How long the input thread waits in one `poll` (it checks [`input_paused`] between).
pub const INPUT_POLL: Duration = Duration::from_millis(200);

/// The program to show a file with: `$PAGER`, else `$EDITOR`, else `less`, split on
/// whitespace (`less -R` works; quoting in the variable is not interpreted).
pub fn pager_command() -> Vec<String> {
    for var in ["PAGER", "EDITOR"] {
        if let Ok(v) = std::env::var(var) {
            let parts: Vec<String> = v.split_whitespace().map(str::to_string).collect();
            if !parts.is_empty() {
                return parts;
            }
        }
    }
    vec!["less".to_string()]
}

/// Suspends the desk, shows `path` in the pager, and takes the terminal back. The caller
/// must redraw the whole screen afterwards.
pub fn page_file(path: &Path) -> Result<(), String> {
    let cmd = pager_command();
    SUSPENDED.store(true, Ordering::SeqCst);
    // Let the input thread finish its current poll before the pager reads keys.
    std::thread::sleep(INPUT_POLL + Duration::from_millis(50));
    super::run::restore_terminal();
    let status = Command::new(&cmd[0]).args(&cmd[1..]).arg(path).status();
    let _ = enable_raw_mode();
    let _ = execute!(std::io::stdout(), EnterAlternateScreen, EnableMouseCapture);
    SUSPENDED.store(false, Ordering::SeqCst);
    match status {
        Ok(s) if s.success() => Ok(()),
        Ok(s) => Err(format!("{} exited with {s}", cmd[0])),
        Err(e) => Err(format!("cannot run {}: {e}", cmd[0])),
    }
}

/// Opens `url` with the system opener, detached (its output never reaches the screen).
pub fn open_url(url: &str) -> Result<(), String> {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    let mut child = Command::new(opener)
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot run {opener}: {e}"))?;
    // Reap it off the UI thread.
    std::thread::spawn(move || {
        let _ = child.wait();
    });
    Ok(())
}

//! The event loop: one channel fed by an input thread, the watcher, the worker pool and a
//! slow tick; the UI thread blocks on it, drains what is queued, updates, and redraws only
//! when something visible changed. Also terminal set-up/restore, the panic hook, logging.

use super::DeskOptions;
use super::app::{App, WatchHealth};
use super::keymap::Keymap;
use super::state::{self, Saved};
use super::theme::Theme;
use super::update::{Effect, Event, update_batch};
use super::{export, views};
use crate::config::Config;
use crate::desk::worker::Workers;
use crate::desk::{Desk, LoadOptions};
use crate::ingest::{self, IngestOptions, sanitize};
use crate::watch::{FolderWatcher, WatchEvent, WatchOptions};
use anyhow::{Context, Result};
use crossterm::event::{self as ct, DisableMouseCapture, EnableMouseCapture};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicI32, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::Duration;

/// Opens the desk on `folder` until the user quits.
pub fn run(folder: &Path, config: &Config, opts: &DeskOptions) -> Result<()> {
    let root = folder
        .canonicalize()
        .with_context(|| format!("cannot open folder {}", folder.display()))?;
    let data = state::data_dir();
    let (_log_guard, log_note, log_path) =
        init_logging(opts.log.as_deref(), data.as_deref(), &root);
    let (keymap, warnings) = Keymap::with_overrides(&config.keys);
    let theme = Theme::from_env(&config.theme);
    let mut app = App::new(Desk::new(), root.clone(), theme, keymap);
    app.folder_label = display_folder(&root);
    if let Some(d) = &data {
        app.export_dir = d.join("exports");
    }
    let state_file = data.as_ref().map(|d| state::state_file(d, &root));
    let saved = state_file.as_deref().map(state::load).unwrap_or_default();
    saved.restore(&mut app);
    if let Some(w) = warnings.first() {
        app.warn(format!("config: {w}"));
    } else if let Some(n) = log_note {
        app.warn(n);
    }
    tracing::info!(folder = %root.display(), "desk opening");

    let (tx, rx) = mpsc::channel::<Event>();
    let ingest_opts = config.ingest_options();
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(2)
        .clamp(1, 4);
    let workers = {
        let tx = tx.clone();
        Workers::new(threads, root.clone(), ingest_opts.clone(), move |r| {
            let _ = tx.send(Event::Work(r));
        })
    };
    let watcher = {
        let tx = tx.clone();
        FolderWatcher::start(
            &root,
            WatchOptions {
                debounce: Duration::from_millis(config.debounce_ms.clamp(10, 5000)),
                poll: opts.poll,
                ingest: ingest_opts.clone(),
            },
            move |e| {
                let _ = tx.send(Event::Watch(e));
            },
        )
    };
    // Watch first, then list: a file written in between is both listed and hinted.
    // With a snapshot of the folder in the cache, it is loaded (and brought up to date)
    // off the UI thread and replaces the desk at once; otherwise the list shows at once,
    // analyses fill in from the workers, and the finished load is saved as the snapshot.
    let cache_dir = crate::desk::installed_cache_dir();
    let from_snapshot = cache_dir
        .as_deref()
        .is_some_and(|dir| crate::desk::has_snapshot(&root, &ingest_opts, dir));
    let first = if from_snapshot {
        spawn_snapshot_load(&root, &ingest_opts, cache_dir.clone(), tx.clone());
        Vec::new()
    } else {
        app.snapshot_due = cache_dir.is_some();
        app.desk.defer_folder_work();
        vec![list_event(&root, &ingest_opts)]
    };
    match &watcher {
        Ok(_) => app.watch = WatchHealth::Watching,
        Err(e) => {
            tracing::warn!("watcher failed: {e:#}");
            app.watch = WatchHealth::Error(sanitize::one_line(&format!("{e:#}")));
        }
    }

    install_panic_hook(log_path.clone());
    let stop = spawn_signals(tx.clone());
    let mut terminal = setup_terminal()?;
    spawn_input(tx.clone());
    spawn_ticks(tx.clone());
    let size = terminal.size()?;
    app.size = (size.width, size.height);
    app.now = chrono::Local::now().fixed_offset();
    let scroll = saved.text_scroll;
    let fx = update_batch(&mut app, first);
    app.text_scroll = scroll;
    let mut ctx = Ctx {
        watcher: watcher.as_ref().ok(),
        workers: &workers,
        tx: &tx,
        root: &root,
        ingest: &ingest_opts,
        state_file: state_file.as_deref(),
        stop: &stop,
        cache_dir: cache_dir.as_deref(),
    };
    perform(&mut app, fx, &mut ctx);

    let result = event_loop(&mut terminal, &mut app, &rx, &mut ctx);
    restore_terminal();
    save_state(&app, state_file.as_deref());
    // Wait for nothing: an analysis may run for minutes, the watcher may be walking a
    // large folder. Both only read; the process ends now and takes their threads along.
    workers.detach();
    std::mem::forget(watcher);
    // Nor for freeing the desk piece by piece (half a second at 10,000 articles): the
    // process ends now.
    std::mem::forget(app);
    let signal = stop.load(Ordering::SeqCst);
    tracing::info!(signal, "desk closed");
    if signal != 0 {
        drop(_log_guard); // flush the log: exit skips destructors
        std::process::exit(128 + signal);
    }
    result
}

/// The signal that ended the desk (0 while none has).
type StopFlag = Arc<AtomicI32>;

/// SIGTERM (logout, `kill`), SIGHUP (the terminal closed) and SIGINT end the desk the way
/// `q` does: the UI thread sees the flag, restores the terminal and saves state. Should
/// the UI thread not get there (stuck in a long update), the signal thread restores the
/// terminal itself and ends the process; state is written atomically, so at worst the
/// last changes are lost, never half-written.
fn spawn_signals(tx: Sender<Event>) -> StopFlag {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let stop: StopFlag = Arc::new(AtomicI32::new(0));
    let mut signals = match signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT]) {
        Ok(s) => s,
        Err(e) => {
            tracing::warn!("cannot handle signals: {e}");
            return stop;
        }
    };
    let flag = stop.clone();
    let _ = std::thread::Builder::new()
        .name("quotedesk-signals".into())
        .spawn(move || {
            let Some(sig) = signals.forever().next() else {
                return;
            };
            tracing::info!(sig, "signal received; closing the desk");
            flag.store(sig, Ordering::SeqCst);
            // Wake the UI thread; any event will do, it checks the flag first.
            let _ = tx.send(Event::Tick(chrono::Local::now().fixed_offset()));
            std::thread::sleep(SIGNAL_GRACE);
            restore_terminal();
            tracing::warn!("the desk did not close in time after a signal; exiting");
            std::process::exit(128 + sig);
        });
    stop
}

/// Set, the desk panics on the first key: the only way the end-to-end test can prove that
/// a real panic restores the terminal and keeps its backtrace in the log, off the screen.
const PANIC_ON_KEY: &str = "QUOTEDESK_PANIC_ON_KEY";

/// How long the UI thread has to close the desk itself after a signal.
const SIGNAL_GRACE: Duration = Duration::from_secs(3);

struct Ctx<'a> {
    watcher: Option<&'a FolderWatcher>,
    workers: &'a Workers,
    tx: &'a Sender<Event>,
    root: &'a Path,
    ingest: &'a IngestOptions,
    state_file: Option<&'a Path>,
    stop: &'a StopFlag,
    cache_dir: Option<&'a Path>,
}

fn event_loop(
    terminal: &mut Terminal<CrosstermBackend<std::io::Stdout>>,
    app: &mut App,
    rx: &Receiver<Event>,
    ctx: &mut Ctx,
) -> Result<()> {
    let panic_on_key = std::env::var_os(PANIC_ON_KEY).is_some();
    loop {
        if app.full_redraw {
            app.full_redraw = false;
            terminal.clear()?;
        }
        if app.dirty {
            app.dirty = false;
            terminal.draw(|f| views::draw(f, app))?;
        }
        let Ok(first) = rx.recv() else {
            return Ok(());
        };
        if ctx.stop.load(Ordering::SeqCst) != 0 {
            return Ok(());
        }
        let mut batch = vec![first];
        while batch.len() < 4096 {
            match rx.try_recv() {
                Ok(e) => batch.push(e),
                Err(_) => break,
            }
        }
        if panic_on_key && batch.iter().any(|e| matches!(e, Event::Key(_))) {
            panic!("panic requested with {PANIC_ON_KEY}");
        }
        app.now = chrono::Local::now().fixed_offset();
        let fx = update_batch(app, batch);
        perform(app, fx, ctx);
        if app.quit {
            return Ok(());
        }
    }
}

fn perform(app: &mut App, fx: Vec<Effect>, ctx: &mut Ctx) {
    for e in fx {
        match e {
            Effect::Quit => app.quit = true,
            Effect::Submit { rel, generation } => ctx.workers.submit(&rel, generation),
            Effect::ListFiles if ctx.watcher.is_some() => {
                // Re-read only files that are new or changed since the watcher saw them,
                // found in a thread (a stat of every file), the result sent as events.
                let known: BTreeSet<String> = app.files.keys().cloned().collect();
                if let Some(w) = ctx.watcher {
                    let reconcile = w.reconciler();
                    let tx = ctx.tx.clone();
                    std::thread::spawn(move || {
                        let (upsert, remove) = reconcile(&known);
                        tracing::info!(
                            upsert = upsert.len(),
                            remove = remove.len(),
                            "rescan reconciled"
                        );
                        if !remove.is_empty() {
                            let _ = tx.send(Event::Watch(WatchEvent::Remove(remove)));
                        }
                        if !upsert.is_empty() {
                            let _ = tx.send(Event::Watch(WatchEvent::Upsert(upsert)));
                        }
                    });
                }
            }
            Effect::ListFiles => {
                let tx = ctx.tx.clone();
                let root = ctx.root.to_path_buf();
                let opts = ctx.ingest.clone();
                std::thread::spawn(move || {
                    let _ = tx.send(list_event(&root, &opts));
                });
            }
            Effect::Write { path, content } => {
                if let Err(err) = export::write_new(ctx.root, &path, &content) {
                    app.warn(err);
                }
                app.dirty = true;
            }
            Effect::OpenFile(path) => {
                if let Err(err) = super::open::page_file(&path) {
                    app.warn(err);
                }
                app.full_redraw = true;
                app.dirty = true;
            }
            Effect::OpenUrl(url) => {
                if let Err(err) = super::open::open_url(&url) {
                    app.warn(err);
                }
                app.dirty = true;
            }
            Effect::Copy(text) => {
                let _ = osc52(&text);
            }
            Effect::SaveState => save_state(app, ctx.state_file),
            Effect::SaveSnapshot => {
                if let Some(dir) = ctx.cache_dir {
                    spawn_snapshot_save(&mut app.desk, ctx.root, ctx.ingest, dir);
                }
            }
            Effect::Finish => {
                if let Some(job) = app.finish_job.take() {
                    spawn_finish(job, ctx.tx.clone());
                }
            }
            Effect::Preview => {
                if let Some(job) = app.preview_job.take() {
                    spawn_finish(job, ctx.tx.clone());
                }
            }
        }
    }
}

/// Loads the folder from its snapshot in a thread and sends the desk; should that fail,
/// sends the folder's listing instead, for the progressive path.
fn spawn_snapshot_load(
    root: &Path,
    opts: &IngestOptions,
    cache_dir: Option<PathBuf>,
    tx: Sender<Event>,
) {
    let root = root.to_path_buf();
    let opts = opts.clone();
    std::thread::spawn(move || {
        let load = LoadOptions { cache_dir };
        let loaded = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            Desk::load_with(&root, &opts, &load, &|_, _| {})
        }));
        let ev = match loaded {
            Ok(Ok(desk)) => Event::Loaded(Box::new(desk)),
            // Unreadable folder, or a failure in the load: the progressive path instead
            // (it reports the former; the workers skip a file that fails).
            _ => list_event(&root, &opts),
        };
        let _ = tx.send(ev);
    });
}

/// Runs the end of the first load (or a preview of it) in a thread and sends the result
/// back. The desk keeps taking files meanwhile and applies them again to the result.
fn spawn_finish(job: crate::desk::Finishing, tx: Sender<Event>) {
    std::thread::spawn(move || {
        let started = std::time::Instant::now();
        let preview = job.is_preview();
        let done = job.run();
        tracing::info!(
            ms = started.elapsed().as_millis() as u64,
            "{}",
            if preview {
                "first load previewed"
            } else {
                "first load finished"
            }
        );
        let _ = tx.send(Event::Finished(Box::new(done)));
    });
}

/// Saves the desk as the folder's snapshot, encoded and written by a detached thread:
/// the desk as the first load ended (the articles are shared, not copied). What it
/// records of each file is the content key of the bytes the workers analysed, so a
/// file changed since is seen as changed on the next open. Quitting never waits for the
/// write; the cache writes the snapshot under a temporary name and renames it, so an
/// interrupted save leaves the old state.
fn spawn_snapshot_save(desk: &mut Desk, root: &Path, opts: &IngestOptions, cache_dir: &Path) {
    let Some(job) = desk.take_snapshot_job() else {
        tracing::warn!("folder snapshot not saved: nothing to save");
        return;
    };
    let (root, opts, dir) = (root.to_path_buf(), opts.clone(), cache_dir.to_path_buf());
    let articles = desk.len();
    std::thread::spawn(move || {
        let notes = job.save(&root, &opts, &dir);
        for note in &notes {
            tracing::info!("cache: {note}");
        }
        tracing::info!(articles, notes = notes.len(), "folder snapshot saved");
    });
}

fn save_state(app: &App, file: Option<&Path>) {
    if let Some(f) = file
        && let Err(e) = state::save(f, &app.folder, &Saved::of(app))
    {
        tracing::warn!("cannot save state: {e:#}");
    }
}

fn list_event(root: &Path, opts: &IngestOptions) -> Event {
    match ingest::list_files(root, opts) {
        Ok(files) => Event::Listed { files, error: None },
        Err(e) => Event::Listed {
            files: Vec::new(),
            error: Some(match e.kind() {
                std::io::ErrorKind::PermissionDenied => "permission denied".into(),
                std::io::ErrorKind::NotFound => "the folder is missing".into(),
                _ => sanitize::one_line(&e.to_string()),
            }),
        },
    }
}

/// The folder for the status bar: its full path, with the home directory shortened to `~`.
fn display_folder(root: &Path) -> String {
    if let Some(home) = directories::BaseDirs::new().map(|b| b.home_dir().to_path_buf())
        && let Ok(rest) = root.strip_prefix(&home)
        && !home.as_os_str().is_empty()
    {
        return sanitize::escape_unsafe(&format!("~/{}", rest.display()));
    }
    sanitize::escape_unsafe(&root.display().to_string())
}

/// Copies `text` to the clipboard of the terminal (and over ssh) with OSC 52.
fn osc52(text: &str) -> std::io::Result<()> {
    use base64::Engine;
    let b64 = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
    let mut out = std::io::stdout();
    write!(out, "\x1b]52;c;{b64}\x07")?;
    out.flush()
}

fn spawn_input(tx: Sender<Event>) {
    std::thread::spawn(move || {
        loop {
            // Short polls, so that a suspended desk never reads a key meant for the pager.
            if super::open::input_paused() {
                std::thread::sleep(super::open::INPUT_POLL);
                continue;
            }
            match ct::poll(super::open::INPUT_POLL) {
                Ok(true) => {}
                Ok(false) => continue,
                Err(e) => {
                    tracing::warn!("input error: {e}");
                    return;
                }
            }
            let ev = match ct::read() {
                Ok(ct::Event::Key(k)) => Event::Key(k),
                Ok(ct::Event::Mouse(m)) => Event::Mouse(m),
                Ok(ct::Event::Resize(w, h)) => Event::Resize(w, h),
                Ok(_) => continue,
                Err(e) => {
                    tracing::warn!("input error: {e}");
                    return;
                }
            };
            if tx.send(ev).is_err() {
                return;
            }
        }
    });
}

fn spawn_ticks(tx: Sender<Event>) {
    std::thread::spawn(move || {
        loop {
            std::thread::sleep(Duration::from_secs(2));
            if tx
                .send(Event::Tick(chrono::Local::now().fixed_offset()))
                .is_err()
            {
                return;
            }
        }
    });
}

fn setup_terminal() -> Result<Terminal<CrosstermBackend<std::io::Stdout>>> {
    enable_raw_mode().context("cannot switch the terminal to raw mode")?;
    let mut out = std::io::stdout();
    if let Err(e) = execute!(out, EnterAlternateScreen, EnableMouseCapture) {
        restore_terminal();
        return Err(e).context("cannot open the alternate screen");
    }
    let mut t = Terminal::new(CrosstermBackend::new(out))?;
    t.clear()?;
    Ok(t)
}

/// Leaves the alternate screen, disables raw mode and mouse capture, shows the cursor.
/// Safe to call more than once.
pub fn restore_terminal() {
    let _ = disable_raw_mode();
    let _ = execute!(
        std::io::stdout(),
        DisableMouseCapture,
        LeaveAlternateScreen,
        crossterm::cursor::Show
    );
}

/// A panic restores the terminal and goes to the log with its backtrace; the user sees
/// one plain line (never a backtrace, whatever RUST_BACKTRACE says). A panic inside a
/// worker is caught there (the file is skipped), so it is only logged.
fn install_panic_hook(log: Option<PathBuf>) {
    std::panic::set_hook(Box::new(move |info| {
        let backtrace = std::backtrace::Backtrace::force_capture();
        let thread = std::thread::current();
        let name = thread.name().unwrap_or("?");
        tracing::error!("panic in thread {name}: {info}\n{backtrace}");
        if name.starts_with("quotedesk-worker") {
            return;
        }
        restore_terminal();
        let mut err = std::io::stderr();
        let _ = match &log {
            Some(l) => writeln!(
                err,
                "quotedesk stopped on an internal error; the details are in {}",
                sanitize::escape_unsafe(&l.display().to_string())
            ),
            None => writeln!(err, "quotedesk stopped on an internal error"),
        };
    }));
}

/// Logs go to `--log FILE` or `quotedesk.log` in the data dir, never to the screen and
/// never into the watched folder. Returns the guard that flushes the log, a note for
/// the user when the log could not go where asked, and the log file in use.
fn init_logging(
    log: Option<&Path>,
    data: Option<&Path>,
    folder: &Path,
) -> (
    Option<tracing_appender::non_blocking::WorkerGuard>,
    Option<String>,
    Option<PathBuf>,
) {
    let mut note = None;
    let default = data.map(|d| d.join("quotedesk.log"));
    let mut target: Option<PathBuf> = log.map(Path::to_path_buf).or(default.clone());
    if let Some(t) = &target
        && export::is_inside(folder, t)
    {
        note = Some(format!(
            "log {} is inside the watched folder; logging to the data dir instead",
            t.display()
        ));
        target = default.filter(|d| !export::is_inside(folder, d));
    }
    let Some(path) = target else {
        return (None, note, None);
    };
    let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else {
        return (None, note, None);
    };
    if std::fs::create_dir_all(dir).is_err() {
        return (
            None,
            Some(format!("cannot create log dir {}", dir.display())),
            None,
        );
    }
    let appender = tracing_appender::rolling::never(dir, name);
    let (writer, guard) = tracing_appender::non_blocking(appender);
    let level = match std::env::var("QUOTEDESK_LOG").as_deref() {
        Ok("debug") => tracing::Level::DEBUG,
        Ok("trace") => tracing::Level::TRACE,
        Ok("warn") => tracing::Level::WARN,
        _ => tracing::Level::INFO,
    };
    let ok = tracing_subscriber::fmt()
        .with_writer(writer)
        .with_ansi(false)
        .with_max_level(level)
        .try_init()
        .is_ok();
    let path = ok.then(|| path.clone());
    (ok.then_some(guard), note, path)
}

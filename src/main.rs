//! The `quotedesk` command: parses flags, runs `scan` or opens the desk.

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand};
use quotedesk::desk::{self, Desk, LoadOptions, cache};
use quotedesk::ingest::sanitize;
use quotedesk::{config::Config, scan, tui};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

// mimalloc: the analysis makes many small short-lived allocations (tokens, spans, strings
// per sentence), which it serves faster than the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser, Debug)]
#[command(
    name = "quotedesk",
    version,
    about = "A terminal reading desk for many news reports of the same events"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// The folder of articles to open (and keep watching).
    folder: Option<PathBuf>,
    /// Poll the folder instead of using file-system events (network mounts).
    #[arg(long)]
    poll: bool,
    /// Write the log to this file (default: the state directory).
    #[arg(long, value_name = "FILE")]
    log: Option<PathBuf>,
    /// Colour theme of the desk: dark or light (NO_COLOR is respected either way).
    #[arg(long, value_parser = ["dark", "light"])]
    theme: Option<String>,
    /// Debounce of file-system events in milliseconds (default 150).
    #[arg(long, value_name = "MS")]
    debounce: Option<u64>,
    #[command(flatten)]
    common: Common,
}

#[derive(clap::Args, Debug, Clone)]
struct Common {
    /// Config file (default: $XDG_CONFIG_HOME/quotedesk/config.toml).
    #[arg(long, value_name = "FILE", global = true)]
    config: Option<PathBuf>,
    /// Skip files larger than this many bytes (default 20 MiB).
    #[arg(long, value_name = "BYTES", global = true)]
    max_size: Option<u64>,
    /// Ignore files matching this glob (relative to the folder); repeatable.
    #[arg(long, value_name = "GLOB", global = true)]
    ignore: Vec<String>,
    /// Do not read or write the analysis cache ($XDG_CACHE_HOME/quotedesk, or
    /// $QUOTEDESK_CACHE_DIR; `off` there also disables it).
    #[arg(long, global = true)]
    no_cache: bool,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Analyse every article under FOLDER once and print the result.
    Scan {
        /// The folder of articles to analyse (read only, recursively).
        folder: PathBuf,
        /// Print the JSON contract (the only output format so far besides a summary).
        #[arg(long)]
        json: bool,
        /// Indent the JSON.
        #[arg(long)]
        pretty: bool,
    },
}

fn load_config(common: &Common) -> Result<Config> {
    let mut cfg = match &common.config {
        Some(p) => Config::load(p)?,
        None => match Config::default_path() {
            Some(p) => Config::load(&p)?,
            None => Config::default(),
        },
    };
    if let Some(m) = common.max_size {
        cfg.max_file_size = m;
    }
    cfg.ignore.extend(common.ignore.iter().cloned());
    Ok(cfg)
}

/// Checks that `folder` is a folder we can read, saying plainly what is wrong if not.
fn check_folder(folder: &Path) -> Result<()> {
    let shown = sanitize::escape_unsafe(&folder.display().to_string());
    match std::fs::metadata(folder) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => bail!("{shown} does not exist"),
        Err(e) => bail!("cannot open {shown}: {}", io_words(&e)),
        Ok(m) if !m.is_dir() => bail!("{shown} is not a folder"),
        Ok(_) => {}
    }
    if let Err(e) = std::fs::read_dir(folder) {
        bail!("cannot read the folder {shown}: {}", io_words(&e));
    }
    Ok(())
}

/// An I/O error in words, without the `(os error N)` tail.
fn io_words(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        std::io::ErrorKind::NotFound => "it does not exist".into(),
        _ => {
            let text = e.to_string();
            match text.find(" (os error") {
                Some(i) => text[..i].to_lowercase(),
                None => text,
            }
        }
    }
}

fn run_scan(
    folder: &Path,
    json: bool,
    pretty: bool,
    cfg: &Config,
    cache_dir: Option<PathBuf>,
) -> Result<()> {
    check_folder(folder)?;
    let _ = FOLDER.set(
        folder
            .canonicalize()
            .unwrap_or_else(|_| folder.to_path_buf()),
    );
    if std::env::var_os(PANIC_IN_SCAN).is_some() {
        panic!("panic requested with {PANIC_IN_SCAN}");
    }
    let show_progress = std::io::stderr().is_terminal();
    let progress = move |done: usize, total: usize| {
        if show_progress && total >= 200 && (done.is_multiple_of(100) || done == total) {
            eprint!("\rscanning {done}/{total} files");
            if done == total {
                eprintln!();
            }
        }
    };
    let load = LoadOptions { cache_dir };
    let desk =
        Desk::load_with(folder, &cfg.ingest_options(), &load, &progress).with_context(|| {
            format!(
                "cannot read the folder {}",
                sanitize::escape_unsafe(&folder.display().to_string())
            )
        })?;
    for note in desk.load_notes() {
        eprintln!("note: {}", sanitize::escape_unsafe(note));
    }
    let stdout = std::io::stdout();
    let mut w = std::io::BufWriter::new(stdout.lock());
    if json {
        // Streamed: the output tree is never held next to the desk (a copy of every text).
        scan::write_json(&folder.to_string_lossy(), &desk, &mut w, pretty)?;
        writeln!(w)?;
    } else {
        let out = scan::build(&folder.to_string_lossy(), &desk);
        let quotes: usize = out.articles.iter().map(|a| a.quotes.len()).sum();
        writeln!(
            w,
            "{}, {}, {}, {}, {}, {} skipped",
            counted(out.articles.len(), "article", "articles"),
            counted(quotes, "quote", "quotes"),
            counted(out.speakers.len(), "speaker", "speakers"),
            counted(out.stories.len(), "story", "stories"),
            counted(out.conflicts.len(), "conflict", "conflicts"),
            out.skipped.len()
        )?;
        for s in &out.skipped {
            writeln!(w, "skipped {}: {}", s.path, s.reason)?;
        }
        std::mem::forget(out);
    }
    w.flush()?;
    // The process ends here: freeing a large desk piece by piece would only add to the
    // time of every scan (a tenth of a reopen from the cache).
    std::mem::forget(desk);
    Ok(())
}

/// "1 article", "2 articles".
fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The folder being read, once known: the panic log is never written inside it.
static FOLDER: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();

/// Set, `scan` panics once the folder is checked: the only way a test can prove that a
/// panic in `scan` shows one plain line and keeps its backtrace in the log.
const PANIC_IN_SCAN: &str = "QUOTEDESK_PANIC_IN_SCAN";

/// Appends a panic and its backtrace to `quotedesk.log` in the data directory (the
/// desk's log), unless that lies inside the folder. Returns the log written.
fn log_panic(
    info: &std::panic::PanicHookInfo,
    backtrace: &std::backtrace::Backtrace,
) -> Option<PathBuf> {
    let log = tui::state::data_dir()?.join("quotedesk.log");
    if FOLDER
        .get()
        .is_some_and(|f| tui::export::is_inside(f, &log))
    {
        return None;
    }
    std::fs::create_dir_all(log.parent()?).ok()?;
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&log)
        .ok()?;
    let now = chrono::Utc::now().to_rfc3339();
    writeln!(f, "{now} ERROR panic: {info}\n{backtrace}").ok()?;
    Some(log)
}

fn main() -> ExitCode {
    // Plain one-line messages for users; never a backtrace, whatever RUST_BACKTRACE says:
    // that goes to the log (the desk installs its own hook, logging the same way).
    std::panic::set_hook(Box::new(|info| {
        let at = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let backtrace = std::backtrace::Backtrace::force_capture();
        match log_panic(info, &backtrace) {
            Some(log) => eprintln!(
                "quotedesk: internal error{at}; the details are in {}; please report it",
                sanitize::escape_unsafe(&log.display().to_string())
            ),
            None => eprintln!("quotedesk: internal error{at}; please report it"),
        }
    }));
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // `{:#}` is the chain of messages only; `{:?}` would add a backtrace.
            let _ = writeln!(std::io::stderr(), "quotedesk: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<()> {
    let cli = Cli::parse();
    let mut cfg = load_config(&cli.common)?;
    if let Some(t) = &cli.theme {
        cfg.theme = t.clone();
    }
    if let Some(d) = cli.debounce {
        cfg.debounce_ms = d;
    }
    let cache_dir = (!cli.common.no_cache).then(cache::configured_dir).flatten();
    if cli.command.is_some() {
        // Options may come before `scan` (`quotedesk --no-cache scan F`), but the desk's
        // own options and a second folder mean a mistake: say so rather than ignore them.
        let desk_only = [
            (cli.poll, "--poll"),
            (cli.log.is_some(), "--log"),
            (cli.theme.is_some(), "--theme"),
            (cli.debounce.is_some(), "--debounce"),
        ];
        if let Some((_, flag)) = desk_only.iter().find(|(set, _)| *set) {
            bail!("{flag} applies to the desk only, not to scan");
        }
        if let Some(f) = &cli.folder {
            bail!(
                "give the folder after scan (quotedesk scan FOLDER), not {} before it",
                sanitize::escape_unsafe(&f.display().to_string())
            );
        }
    }
    match cli.command {
        Some(Command::Scan {
            folder,
            json,
            pretty,
        }) => run_scan(&folder, json, pretty, &cfg, cache_dir),
        None => {
            let folder = cli.folder.unwrap_or_else(|| PathBuf::from("."));
            check_folder(&folder)?;
            if let Some(dir) = cache_dir {
                desk::install_cache(dir, &folder);
            }
            tui::run(
                &folder,
                &cfg,
                &tui::DeskOptions {
                    poll: cli.poll,
                    log: cli.log,
                },
            )
        }
    }
}

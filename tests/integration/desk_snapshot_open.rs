//! The terminal desk on a folder with a cached snapshot: it starts from the snapshot
//! (loaded off the UI thread, swapped in as one event) and ends with the same screen as
//! a fresh `scan` and as the progressive path, including files changed between the two
//! opens and during the load. Without a snapshot, the progressive load asks for one to
//! be saved once every file is analysed. Caches live in temporary directories.

use crate::common::screen::screen;
use quotedesk::desk::cache::Cache;
use quotedesk::desk::worker::WorkResult;
use quotedesk::desk::{self, CacheUse, Desk, FileOptions, LoadOptions};
use quotedesk::ingest::{self, IngestOptions};
use quotedesk::tui::app::{App, content_hash};
use quotedesk::tui::keymap::Keymap;
use quotedesk::tui::state::Saved;
use quotedesk::tui::theme::Theme;
use quotedesk::tui::{Effect, Event, update};
use quotedesk::watch::WatchEvent;
use serde_json::Value;
use std::path::Path;

/// A copy of the sample folder that a test may change.
fn sample_copy() -> tempfile::TempDir {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample");
    let tmp = tempfile::tempdir().unwrap();
    for e in std::fs::read_dir(sample).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), tmp.path().join(e.file_name())).unwrap();
    }
    tmp
}

fn scan_of(root: &Path) -> Value {
    screen(&Desk::load(root, &IngestOptions::default(), &|_, _| {}).expect("load"))
}

fn new_app(root: &Path) -> App {
    App::new(
        Desk::new(),
        root.to_path_buf(),
        Theme::new("dark", false),
        Keymap::default(),
    )
}

fn listing(root: &Path) -> Event {
    Event::Listed {
        files: ingest::list_files(root, &IngestOptions::default()).unwrap(),
        error: None,
    }
}

/// Carries out effects the way the event loop does: a submitted file is analysed
/// (through `cache`) and its result sent back; a listing request is answered with the
/// folder's listing when `relist` (the path without a watcher, which re-reads every
/// file), else left to a watcher that has nothing new to report. Returns the other
/// effects, in order, each with the app's progress (files analysed, files known) then.
fn drive(
    app: &mut App,
    root: &Path,
    mut fx: Vec<Effect>,
    cache: Option<&Cache>,
    relist: bool,
) -> Vec<Asked> {
    let mut other = Vec::new();
    while !fx.is_empty() {
        let mut next = Vec::new();
        for e in fx {
            match e {
                Effect::Submit { rel, generation } => {
                    let opts = FileOptions {
                        ingest: &IngestOptions::default(),
                        cache: cache.map_or(CacheUse::Off, CacheUse::With),
                    };
                    let file = desk::analyze_file(root, &rel, opts);
                    next.extend(update(
                        app,
                        Event::Work(WorkResult {
                            rel,
                            generation,
                            file,
                        }),
                    ));
                }
                Effect::Finish => {
                    // As the event loop does, in a thread of its own.
                    let job = app.finish_job.take().expect("a job with the effect");
                    let done = std::thread::spawn(move || job.run()).join().unwrap();
                    next.extend(update(app, Event::Finished(Box::new(done))));
                    other.push((Effect::Finish, app.progress()));
                }
                Effect::ListFiles if relist => next.extend(update(app, listing(root))),
                e => other.push((e, app.progress())),
            }
        }
        fx = next;
    }
    other
}

/// An effect and the app's progress (files analysed, files known) when it was asked for.
type Asked = (Effect, (usize, usize));

fn load_options(cache: &Path) -> LoadOptions {
    LoadOptions {
        cache_dir: Some(cache.to_path_buf()),
    }
}

/// Opens `root` the progressive way with the cache on, as the event loop does: the
/// folder-level work deferred to the end of the first load; returns the app and the
/// effects other than work.
fn open_unsaved(root: &Path, cache_dir: &Path) -> (App, Vec<Asked>) {
    let cache = Cache::open(cache_dir);
    let mut app = new_app(root);
    app.snapshot_due = true;
    app.desk.defer_folder_work();
    let fx = update(&mut app, listing(root));
    let other = drive(&mut app, root, fx, Some(&cache), true);
    (app, other)
}

/// [`open_unsaved`], then the desk saves itself as the snapshot when asked.
fn open_progressive(root: &Path, cache_dir: &Path) -> (App, Vec<Asked>) {
    let (mut app, other) = open_unsaved(root, cache_dir);
    if other.iter().any(|(e, _)| *e == Effect::SaveSnapshot) {
        // As the event loop does: the job the finished load left, encoded apart.
        let job = app
            .desk
            .take_snapshot_job()
            .expect("the finished load's snapshot");
        let (root, cache_dir) = (root.to_path_buf(), cache_dir.to_path_buf());
        let notes =
            std::thread::spawn(move || job.save(&root, &IngestOptions::default(), &cache_dir))
                .join()
                .unwrap();
        assert!(notes.is_empty(), "{notes:?}");
    }
    (app, other)
}

#[test]
fn the_first_open_asks_for_a_snapshot_once_every_file_is_analysed() {
    let folder = sample_copy();
    let cache_dir = tempfile::tempdir().unwrap();
    let root = folder.path();
    let opts = IngestOptions::default();
    assert!(!desk::has_snapshot(root, &opts, cache_dir.path()));
    let (app, other) = open_progressive(root, cache_dir.path());
    let saves: Vec<_> = other
        .iter()
        .filter(|(e, _)| *e == Effect::SaveSnapshot)
        .collect();
    assert_eq!(saves.len(), 1, "one save: {other:?}");
    let (done, known) = saves[0].1;
    assert!(known > 0 && done == known, "asked at {done}/{known}");
    assert!(!app.snapshot_due);
    assert!(desk::has_snapshot(root, &opts, cache_dir.path()));
    assert_eq!(screen(&app.desk), scan_of(root));
    // A cache inside the folder is never used (nor written).
    assert!(!desk::has_snapshot(root, &opts, &root.join("cache")));
}

#[test]
fn a_desk_opened_on_its_snapshot_ends_as_scan_and_as_the_progressive_path() {
    let folder = sample_copy();
    let cache_dir = tempfile::tempdir().unwrap();
    let root = folder.path();
    let opts = IngestOptions::default();
    let (first, _) = open_progressive(root, cache_dir.path());
    // The reader had one article open and another read.
    let mut ids: Vec<&str> = first
        .desk
        .entries()
        .map(|e| e.article.id.as_str())
        .collect();
    ids.sort();
    assert!(ids.len() >= 3);
    let (open_id, read_id) = (ids[0].to_string(), ids[1].to_string());
    let saved = Saved {
        folder: root.display().to_string(),
        read: vec![],
        read_hashes: vec![content_hash(first.desk.entry(&read_id).unwrap())],
        selected: Some(open_id.clone()),
        selected_hash: Some(content_hash(first.desk.entry(&open_id).unwrap())),
        text_scroll: 0,
    };

    // Changed between the two opens: one article file edited.
    let wire = root.join("wildfire-wire.txt");
    let mut text = std::fs::read_to_string(&wire).unwrap();
    text.push_str("\n\nCrews said the eastern ridge line held overnight, a spokesman said.\n");
    std::fs::write(&wire, text).unwrap();

    let mut app = new_app(root);
    saved.restore(&mut app);
    assert!(desk::has_snapshot(root, &opts, cache_dir.path()));
    let loaded =
        Desk::load_with(root, &opts, &load_options(cache_dir.path()), &|_, _| {}).expect("load");
    assert!(
        loaded.files_from_snapshot() > 0,
        "the snapshot served the load"
    );

    // Changed during the load (after the loader read it): the watcher reports it, the
    // old desk gets its analysis, and that analysis must not be lost in the swap.
    let hearing = root.join("bridge-hearing.md");
    let text = std::fs::read_to_string(&hearing).unwrap();
    std::fs::write(&hearing, text.replacen("# ", "# Updated: ", 1)).unwrap();
    let early = update(
        &mut app,
        Event::Watch(WatchEvent::Upsert(vec!["bridge-hearing.md".into()])),
    );
    assert_eq!(
        early,
        vec![Effect::Submit {
            rel: "bridge-hearing.md".into(),
            generation: 1
        }]
    );
    let fx = update(&mut app, Event::Loaded(Box::new(loaded)));
    assert!(
        fx.contains(&Effect::ListFiles),
        "a reconcile follows: {fx:?}"
    );
    assert!(
        fx.iter().any(
            |e| matches!(e, Effect::Submit { rel, generation: 2 } if rel == "bridge-hearing.md")
        ),
        "the file changed during the load is read again: {fx:?}"
    );
    // The result asked for before the swap arrives late: dropped, a newer one is due.
    // The watcher has reported the change already, so its reconcile finds nothing more:
    // only the re-reading of the files reported during the load brings it in.
    let mut fx = fx;
    fx.extend(early);
    let cache = Cache::open(cache_dir.path());
    let other = drive(&mut app, root, fx, Some(&cache), false);
    assert!(
        !other.iter().any(|(e, _)| *e == Effect::SaveSnapshot),
        "no second save: {other:?}"
    );

    let want = scan_of(root);
    assert_eq!(screen(&app.desk), want);
    let (done, known) = app.progress();
    assert_eq!(done, known, "every file analysed");
    assert_eq!(app.selected.as_deref(), Some(open_id.as_str()));
    assert!(app.read.contains(&read_id), "read state follows content");
    // And the progressive path on the changed folder ends the same.
    let fresh_cache = tempfile::tempdir().unwrap();
    let (progressive, _) = open_progressive(root, fresh_cache.path());
    assert_eq!(screen(&progressive.desk), want);
}

#[test]
fn a_first_load_defers_stories_to_its_end_and_ends_as_scan() {
    let folder = sample_copy();
    let cache_dir = tempfile::tempdir().unwrap();
    let root = folder.path();
    let mut app = new_app(root);
    app.desk.defer_folder_work();
    let cache = Cache::open(cache_dir.path());
    let fx = update(&mut app, listing(root));
    // Half the files analysed: their articles are listed, no story is formed yet.
    let (mut now, mut later) = (Vec::new(), Vec::new());
    for (i, e) in fx.into_iter().enumerate() {
        if i % 2 == 0 {
            now.push(e)
        } else {
            later.push(e)
        }
    }
    drive(&mut app, root, now, Some(&cache), true);
    assert!(app.desk.is_deferring());
    assert!(!app.desk.is_empty());
    assert!(app.desk.stories.stories().is_empty());
    drive(&mut app, root, later, Some(&cache), true);
    assert!(!app.desk.is_deferring(), "the load is complete");
    assert_eq!(screen(&app.desk), scan_of(root));
}

#[test]
fn a_snapshot_the_desk_writes_itself_reopens_as_scan_and_rereads_what_changed_since() {
    let folder = sample_copy();
    let cache_dir = tempfile::tempdir().unwrap();
    let root = folder.path();
    let opts = IngestOptions::default();
    let (app, other) = open_unsaved(root, cache_dir.path());
    assert!(other.iter().any(|(e, _)| *e == Effect::SaveSnapshot));
    assert!(!desk::has_snapshot(root, &opts, cache_dir.path()));
    // Changed after the workers read it and before the save: the snapshot records the
    // bytes the desk holds, so the reopen reads this file again and ends as scan.
    let wire = root.join("wildfire-wire.txt");
    let mut text = std::fs::read_to_string(&wire).unwrap();
    text.push_str("\n\nCrews said the eastern ridge line held overnight, a spokesman said.\n");
    std::fs::write(&wire, text).unwrap();
    let notes = app.desk.save_snapshot(root, &opts, cache_dir.path());
    assert!(notes.is_empty(), "{notes:?}");
    let files = ingest::list_files(root, &opts).unwrap().len();
    let reopened =
        Desk::load_with(root, &opts, &load_options(cache_dir.path()), &|_, _| {}).expect("load");
    assert_eq!(
        reopened.files_from_snapshot(),
        files - 1,
        "all but the changed file"
    );
    assert_eq!(screen(&reopened), scan_of(root));
    // Unchanged since: everything from the snapshot.
    let again =
        Desk::load_with(root, &opts, &load_options(cache_dir.path()), &|_, _| {}).expect("load");
    assert_eq!(again.files_from_snapshot(), files);
    assert_eq!(screen(&again), scan_of(root));
}

/// The end of the first load runs apart: until it comes back the desk answers keys and
/// takes files, and when it comes back the article the reader moved to stays selected
/// and the desk ends as scan.
#[test]
fn keys_and_files_between_the_end_of_the_load_and_its_result_are_kept() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let folder = sample_copy();
    let root = folder.path();
    let mut app = new_app(root);
    app.desk.defer_folder_work();
    let mut fx = update(&mut app, listing(root));
    let mut finish = None;
    while let Some(e) = fx.pop() {
        match e {
            Effect::Submit { rel, generation } => {
                let file = desk::analyze_file(
                    root,
                    &rel,
                    FileOptions {
                        ingest: &IngestOptions::default(),
                        cache: CacheUse::Off,
                    },
                );
                fx.extend(update(
                    &mut app,
                    Event::Work(WorkResult {
                        rel,
                        generation,
                        file,
                    }),
                ));
            }
            Effect::Finish => finish = app.finish_job.take(),
            _ => {}
        }
    }
    let job = finish.expect("every file analysed: the end of the load is asked for");
    assert!(app.desk.is_finishing() && app.desk.is_deferring());
    assert!(
        app.desk.stories.stories().is_empty(),
        "not this desk's work"
    );
    // Meanwhile the reader moves down two rows, and one file changes.
    let down = || Event::Key(KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE));
    let first = app.selected.clone();
    update(&mut app, down());
    update(&mut app, down());
    let chosen = app.selected.clone().expect("a selection");
    assert_ne!(Some(&chosen), first.as_ref(), "the keys answered");
    let wire = root.join("wildfire-wire.txt");
    let mut text = std::fs::read_to_string(&wire).unwrap();
    text.push_str("\n\nThe county opened a second shelter at the fairground, an official said.\n");
    std::fs::write(&wire, text).unwrap();
    let fx = update(
        &mut app,
        Event::Watch(WatchEvent::Upsert(vec!["wildfire-wire.txt".into()])),
    );
    for e in fx {
        if let Effect::Submit { rel, generation } = e {
            let file = desk::analyze_file(root, &rel, &IngestOptions::default());
            update(
                &mut app,
                Event::Work(WorkResult {
                    rel,
                    generation,
                    file,
                }),
            );
        }
    }
    let done = std::thread::spawn(move || job.run()).join().unwrap();
    update(&mut app, Event::Finished(Box::new(done)));
    assert!(!app.desk.is_deferring() && !app.desk.is_finishing());
    assert_eq!(app.selected.as_deref(), Some(chosen.as_str()));
    assert_eq!(screen(&app.desk), scan_of(root));
}

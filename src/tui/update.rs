//! `update`: the only place the state changes. Events in, effects out (the event loop
//! carries the effects out: submit work, write an export, copy, save state, quit).

use super::app::{
    App, BackEntry, BackTo, Evidence, FileState, Input, InputKind, Overlay, Pane, Row, Scope,
    Vanished, WatchHealth, clamp_window, content_hash, selectable,
};
use super::keymap::Action;
use super::layout;
use super::views;
use super::wrap;
use super::{export, search};
use crate::desk::worker::WorkResult;
use crate::text::Span as TextSpan;
use crate::watch::WatchEvent;
use chrono::{DateTime, FixedOffset};
use crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use std::collections::BTreeSet;
use std::path::PathBuf;

/// Everything that can happen to the desk.
#[derive(Debug)]
pub enum Event {
    Key(KeyEvent),
    Mouse(MouseEvent),
    Resize(u16, u16),
    Watch(WatchEvent),
    Work(WorkResult),
    /// The folder's files, listed at start-up or for a rescan.
    Listed {
        files: Vec<String>,
        error: Option<String>,
    },
    /// The slow clock (also how time reaches the state).
    Tick(DateTime<FixedOffset>),
    /// The folder as its cached snapshot had it, brought up to date by
    /// [`crate::desk::Desk::load_with`] off the UI thread: replaces the desk at once.
    Loaded(Box<crate::desk::Desk>),
    /// The end of the first load ([`Effect::Finish`]), done: the desk takes it.
    Finished(Box<crate::desk::Finished>),
}

/// What `update` asks the event loop to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    Quit,
    /// Read and analyse file `rel` at this generation.
    Submit {
        rel: String,
        generation: u64,
    },
    /// List the folder again (then send `Event::Listed`).
    ListFiles,
    /// Write a new export file (checked to be outside the folder, not existing, not a
    /// link, in an existing folder; the event loop writes it with
    /// [`export::write_new`], which checks again and never overwrites).
    Write {
        path: PathBuf,
        content: String,
    },
    /// Show this file (the original of an article) in `$PAGER` (or `$EDITOR`, or `less`),
    /// suspending the desk until the program exits.
    OpenFile(PathBuf),
    /// Open this URL with the system opener (`xdg-open`/`open`), detached.
    OpenUrl(String),
    /// Put this text on the clipboard (OSC 52).
    Copy(String),
    /// Persist read/unread and position.
    SaveState,
    /// The first load has finished: save the folder's snapshot (off the UI thread), so
    /// that the next open starts from it.
    SaveSnapshot,
    /// Every file of the first load is analysed: run `App::finish_job` (stories,
    /// speakers, conflicts of the whole folder) off the UI thread, then send
    /// `Event::Finished`.
    Finish,
    /// Part of the first load is analysed: run `App::preview_job` (the panes' preview of
    /// the articles so far) off the UI thread, then send `Event::Finished`.
    Preview,
}

/// Applies one event and settles derived state.
pub fn update(app: &mut App, ev: Event) -> Vec<Effect> {
    update_batch(app, vec![ev])
}

/// Applies queued events in order; consecutive worker results go to the desk in one batch
/// (one conflict recomputation per story), and derived state is rebuilt once at the end.
pub fn update_batch(app: &mut App, events: Vec<Event>) -> Vec<Effect> {
    let mut fx = Vec::new();
    let mut work: Vec<WorkResult> = Vec::new();
    for ev in events {
        if let Event::Work(r) = ev {
            work.push(r);
            continue;
        }
        if !work.is_empty() {
            apply_work(app, std::mem::take(&mut work));
        }
        let by_reader = matches!(ev, Event::Key(_) | Event::Mouse(_));
        if by_reader {
            app.settle();
        }
        let before = app.selected.clone();
        // A pointer passing over the desk is no choice; a key press, click or wheel is.
        let engaged = match &ev {
            Event::Key(k) => k.kind == KeyEventKind::Press,
            Event::Mouse(m) => !matches!(m.kind, MouseEventKind::Moved),
            _ => false,
        };
        handle(app, ev, &mut fx);
        if by_reader && app.selected != before {
            app.vanished = None; // the reader chose another article: no pulling back
        }
        app.chosen |= engaged;
    }
    if !work.is_empty() {
        apply_work(app, work);
    }
    let loaded = app.listed && app.files.values().all(|f| f.analysed);
    if loaded && let Some(job) = app.desk.start_finishing(app.snapshot_due) {
        // The first load is complete: stories, speakers and conflicts in one pass, in
        // another thread (seconds at thousands of articles); the desk goes on showing
        // and taking files meanwhile, and takes the result in `Event::Finished`.
        app.finish_job = Some(job);
        fx.push(Effect::Finish);
        app.dirty = true;
    } else if app.listed && !loaded && app.desk.is_deferring() {
        let pending = app.files.values().filter(|f| !f.analysed).count();
        if let Some(job) = app.desk.start_preview(pending) {
            app.preview_job = Some(job);
            fx.push(Effect::Preview);
        }
    }
    if app.snapshot_due && loaded && !app.desk.is_deferring() {
        app.snapshot_due = false;
        fx.push(Effect::SaveSnapshot);
    }
    app.settle();
    fx
}

fn handle(app: &mut App, ev: Event, fx: &mut Vec<Effect>) {
    match ev {
        Event::Key(k) => {
            if k.kind == KeyEventKind::Press {
                app.dirty = true;
                key(app, k, fx);
            }
        }
        Event::Mouse(m) => mouse(app, m),
        Event::Resize(w, h) => {
            app.size = (w, h);
            app.dirty = true;
            app.clamp_list();
            clamp_panes(app);
        }
        Event::Watch(w) => watch(app, w, fx),
        Event::Work(r) => apply_work(app, vec![r]),
        Event::Listed { files, error } => listed(app, files, error, fx),
        Event::Loaded(desk) => swap_in(app, *desk, fx),
        Event::Finished(done) => {
            // A preview replaced, or the load's end: speaker keys are the new desk's, so
            // an open speaker and a speaker filter are found again by name.
            let panes = app.desk.panes();
            let name = |k: Option<usize>| {
                k.and_then(|k| panes.speakers.get(k))
                    .map(|s| s.name.clone())
            };
            let (open, filter) = (name(app.speaker_open), name(app.filters.speaker));
            app.desk.adopt(*done);
            if open.is_some() || filter.is_some() {
                let panes = app.desk.panes();
                let find = |n: Option<String>| {
                    let n = n?;
                    panes
                        .sorted_speakers()
                        .into_iter()
                        .find(|s| s.name == n)
                        .map(|s| s.key)
                };
                app.speaker_open = find(open);
                app.filters.speaker = find(filter);
            }
            app.rows_dirty = true;
            app.dirty = true;
        }
        Event::Tick(now) => {
            app.now = now;
            if app
                .message
                .as_ref()
                .is_some_and(|m| (now - m.at).num_seconds() >= 6)
            {
                app.message = None;
                app.dirty = true;
            }
        }
    }
}

fn apply_work(app: &mut App, results: Vec<WorkResult>) {
    let mut batch = Vec::new();
    for r in results {
        let Some(st) = app.files.get_mut(&r.rel) else {
            continue; // removed meanwhile
        };
        if st.generation != r.generation {
            continue; // a newer version is on its way
        }
        st.analysed = true;
        if st.arrival {
            st.arrival = false;
            for e in &r.file.entries {
                app.new_ids.insert(e.article.id.clone());
            }
        }
        batch.push((r.rel, r.file));
    }
    if batch.is_empty() {
        return;
    }
    let arrived: Vec<(String, String)> = batch
        .iter()
        .flat_map(|(_, f)| f.entries.iter())
        .map(|e| (e.article.id.clone(), content_hash(e)))
        .collect();
    app.desk.apply_batch(batch);
    after_arrival(app, &arrived);
}

/// Articles `arrived` (id, content hash): read if their content was read before, and the
/// article the reader had open before it moved (or before a restart) selected again.
fn after_arrival(app: &mut App, arrived: &[(String, String)]) {
    for (id, hash) in arrived {
        if app.read_hashes.contains(hash) {
            app.read.insert(id.clone());
        }
    }
    app.rows_dirty = true;
    app.dirty = true;
    if let Some(mut v) = app.vanished.clone() {
        if v.fallback.is_none() {
            // Restored at start-up: the selection has settled on some row by now.
            app.settle();
            v.fallback = app.selected.clone();
            app.vanished = Some(v.clone());
        }
        if app.selected != v.fallback {
            app.vanished = None; // the reader moved on
        } else if let Some((id, _)) = arrived.iter().find(|(_, h)| *h == v.hash) {
            app.vanished = None;
            app.settle();
            if app.select_key(id) {
                app.focus = v.focus;
                app.text_scroll = v.text_scroll;
            }
        }
    }
}

/// Drops file `rel` from the desk; if it held the open article, remembers its content and
/// position so that a move or rename (same content, new path) brings the reader back.
fn forget_file(app: &mut App, rel: &str) {
    let ids = app.desk.articles_of_file(rel).to_vec();
    if let Some(sel) = app.selected.clone()
        && ids.contains(&sel)
        && let Some(e) = app.desk.entry(&sel)
    {
        app.vanished = Some(Vanished {
            hash: content_hash(e),
            text_scroll: app.text_scroll,
            focus: app.focus,
            fallback: None,
        });
    }
    for id in &ids {
        app.new_ids.remove(id);
    }
    app.desk.remove_file(rel);
    app.files.remove(rel);
    app.rows_dirty = true;
}

/// After files were forgotten: the selection has fallen back to a neighbour; note which,
/// so that a move of the reader's own cancels the return.
fn settle_vanished(app: &mut App) {
    if app.vanished.as_ref().is_some_and(|v| v.fallback.is_none()) {
        app.settle();
        let sel = app.selected.clone();
        if let Some(v) = app.vanished.as_mut() {
            v.fallback = sel;
        }
    }
}

fn watch(app: &mut App, ev: WatchEvent, fx: &mut Vec<Effect>) {
    app.dirty = true;
    match ev {
        WatchEvent::Upsert(rels) => {
            app.watch = WatchHealth::Watching;
            app.last_change = Some(app.now);
            for rel in rels {
                let listed = app.listed;
                let st = app.files.entry(rel.clone()).or_insert(FileState {
                    generation: 0,
                    analysed: false,
                    arrival: listed,
                });
                st.generation += 1;
                fx.push(Effect::Submit {
                    rel,
                    generation: st.generation,
                });
            }
            app.rows_dirty = true;
        }
        WatchEvent::Remove(rels) => {
            app.watch = WatchHealth::Watching;
            app.last_change = Some(app.now);
            for rel in rels {
                forget_file(app, &rel);
            }
            settle_vanished(app);
        }
        WatchEvent::Rescan => {
            app.last_change = Some(app.now);
            fx.push(Effect::ListFiles);
        }
        WatchEvent::Error(e) => {
            app.watch_errors
                .push(format!("{} {e}", app.now.format("%H:%M:%S")));
            if app.watch_errors.len() > 50 {
                app.watch_errors.remove(0);
            }
            app.watch = WatchHealth::Error(e);
        }
    }
}

/// The folder's snapshot, loaded and brought up to date off the UI thread, replaces the
/// desk. The selection stays on its article id (or finds the saved one by content), read
/// state follows content. Files the watcher reported meanwhile were applied to the old
/// desk: they are read again, and a reconcile catches what no event has reported yet.
fn swap_in(app: &mut App, desk: crate::desk::Desk, fx: &mut Vec<Effect>) {
    app.dirty = true;
    for note in desk.load_notes() {
        tracing::info!("cache: {note}");
    }
    let touched: Vec<(String, u64)> = app
        .files
        .iter()
        .map(|(rel, st)| (rel.clone(), st.generation))
        .collect();
    app.files = desk
        .file_names()
        .into_iter()
        .map(|rel| {
            let st = FileState {
                generation: 1,
                analysed: true,
                arrival: false,
            };
            (rel.clone(), st)
        })
        .collect();
    app.desk = desk;
    for (rel, generation) in touched {
        let st = app.files.entry(rel.clone()).or_insert(FileState {
            generation: 0,
            analysed: false,
            arrival: false,
        });
        // Above any result still on its way for the old desk, so that one is dropped.
        st.generation = st.generation.max(generation) + 1;
        st.analysed = false;
        fx.push(Effect::Submit {
            rel,
            generation: st.generation,
        });
    }
    app.listed = true;
    app.rows_dirty = true;
    if !app.read_hashes.is_empty() || app.vanished.is_some() {
        let arrived: Vec<(String, String)> = app
            .desk
            .entries()
            .map(|e| (e.article.id.clone(), content_hash(e)))
            .collect();
        after_arrival(app, &arrived);
    }
    fx.push(Effect::ListFiles);
}

fn listed(app: &mut App, files: Vec<String>, error: Option<String>, fx: &mut Vec<Effect>) {
    app.dirty = true;
    if let Some(e) = error {
        app.warn(format!("cannot list the folder: {e}"));
        app.desk.finish_deferred(); // no complete load to wait for
        return;
    }
    let now: BTreeSet<&String> = files.iter().collect();
    let gone: Vec<String> = app
        .files
        .keys()
        .filter(|k| !now.contains(k))
        .cloned()
        .collect();
    if !gone.is_empty() {
        for rel in gone {
            forget_file(app, &rel);
        }
        settle_vanished(app);
    }
    let rescan = app.listed;
    // The pool runs the newest request first: asked for last to first, the files are
    // read in list order, so the rows on screen (and the selected article) fill first.
    let mut submit = Vec::new();
    for rel in files {
        match app.files.get_mut(&rel) {
            Some(st) => {
                if rescan {
                    st.generation += 1;
                    submit.push(Effect::Submit {
                        rel,
                        generation: st.generation,
                    });
                }
            }
            None => {
                app.files.insert(
                    rel.clone(),
                    FileState {
                        generation: 1,
                        analysed: false,
                        arrival: rescan,
                    },
                );
                submit.push(Effect::Submit { rel, generation: 1 });
            }
        }
    }
    fx.extend(submit.into_iter().rev());
    app.listed = true;
    app.rows_dirty = true;
}

fn key(app: &mut App, k: KeyEvent, fx: &mut Vec<Effect>) {
    let is_ctrl_c = k.code == KeyCode::Char('c') && k.modifiers.contains(KeyModifiers::CONTROL);
    if is_ctrl_c {
        quit(app, fx);
        return;
    }
    if app.input.is_some() {
        input_key(app, k, fx);
        return;
    }
    let action = app.keymap.action(&k);
    match &mut app.overlay {
        Overlay::Help { .. } | Overlay::Problems { .. } => {
            let max = views::overlay_max_scroll(app);
            let (Overlay::Help { scroll } | Overlay::Problems { scroll }) = &mut app.overlay else {
                return;
            };
            match action {
                Some(Action::Down) => *scroll = (*scroll + 1).min(max),
                Some(Action::Up) => *scroll = scroll.saturating_sub(1),
                Some(Action::PageDown) => *scroll = (*scroll + 10).min(max),
                Some(Action::PageUp) => *scroll = scroll.saturating_sub(10),
                Some(Action::Top) => *scroll = 0,
                Some(Action::Bottom) => *scroll = max,
                _ => app.overlay = Overlay::None,
            }
            return;
        }
        Overlay::Evidence(_) => {
            evidence_key(app, action, fx);
            return;
        }
        Overlay::None => {}
    }
    if let Some(a) = action {
        act(app, a, fx);
    }
}

fn quit(app: &mut App, fx: &mut Vec<Effect>) {
    app.quit = true;
    fx.push(Effect::SaveState);
    fx.push(Effect::Quit);
}

fn input_key(app: &mut App, k: KeyEvent, fx: &mut Vec<Effect>) {
    let Some(input) = app.input.as_mut() else {
        return;
    };
    let kind = input.kind;
    match k.code {
        KeyCode::Esc => {
            app.input = None;
            if kind == InputKind::Search {
                clear_search(app);
            }
        }
        KeyCode::Enter => {
            let buffer = input.buffer.clone();
            app.input = None;
            if kind == InputKind::Export {
                do_export(app, &buffer, fx);
            } else if app.search.is_empty() {
                clear_search(app);
            }
        }
        KeyCode::Backspace => {
            input.buffer.pop();
            if kind == InputKind::Search {
                let q = input.buffer.clone();
                set_search(app, &q);
            }
        }
        KeyCode::Char(c) if !k.modifiers.contains(KeyModifiers::CONTROL) && !c.is_control() => {
            input.buffer.push(c);
            if kind == InputKind::Search {
                let q = input.buffer.clone();
                set_search(app, &q);
            }
        }
        _ => {}
    }
}

fn clear_search(app: &mut App) {
    app.search.clear();
    app.hits.clear();
    app.hit_sel = None;
    if app.text_sel.is_some() {
        app.text_sel = None;
    }
}

/// Incremental search: recompute hits and go to the first at or after the current article.
fn set_search(app: &mut App, q: &str) {
    app.search = q.to_string();
    app.hits = search::find(app, q);
    app.hit_sel = None;
    if app.hits.is_empty() {
        return;
    }
    let start = app.list_sel;
    let pos = app
        .hits
        .iter()
        .position(|h| {
            app.rows
                .iter()
                .position(|r| r.key() == h.id)
                .is_some_and(|i| i >= start)
        })
        .unwrap_or(0);
    goto_hit(app, pos);
}

fn goto_hit(app: &mut App, i: usize) {
    let Some(h) = app.hits.get(i).cloned() else {
        return;
    };
    app.hit_sel = Some(i);
    app.select_key(&h.id);
    app.text_sel = h.span;
    if let Some(s) = h.span {
        scroll_text_to(app, s.start);
    }
}

fn evidence_key(app: &mut App, action: Option<Action>, fx: &mut Vec<Effect>) {
    let Overlay::Evidence(ev) = &mut app.overlay else {
        return;
    };
    let cols = ev.articles().len().max(1);
    match action {
        Some(Action::Left | Action::PrevPane) => ev.column = (ev.column + cols - 1) % cols,
        Some(Action::Right | Action::NextPane) => ev.column = (ev.column + 1) % cols,
        Some(Action::Down) => ev.scroll += 1,
        Some(Action::Up) => ev.scroll = ev.scroll.saturating_sub(1),
        Some(Action::PageDown) => ev.scroll += 10,
        Some(Action::PageUp) => ev.scroll = ev.scroll.saturating_sub(10),
        Some(Action::Top) => ev.scroll = 0,
        Some(Action::Open) => {
            let ev = ev.clone();
            let Some(article) = ev.articles().get(ev.column).map(|s| s.to_string()) else {
                return;
            };
            let Some(claim) = ev.conflict.claims.iter().find(|c| c.article == article) else {
                return;
            };
            let span = claim.span;
            push_back(app, BackTo::Evidence(ev.clone()));
            app.overlay = Overlay::None;
            if app.select_key(&article) {
                mark_read(app, fx);
                app.focus = Pane::Text;
                app.text_sel = Some(span);
                scroll_text_to(app, span.start);
            } else {
                app.warn("that article is gone");
            }
        }
        Some(Action::Back) => app.overlay = Overlay::None,
        Some(Action::Quit) => quit(app, fx),
        Some(Action::Help) => app.overlay = Overlay::Help { scroll: 0 },
        _ => {}
    }
}

fn push_back(app: &mut App, to: BackTo) {
    app.back.push(BackEntry {
        to,
        article: app.selected.clone(),
        focus: app.focus,
        text_scroll: app.text_scroll,
        conflict_sel: app.conflict_sel,
        conflict_offset: app.conflict_offset,
    });
    if app.back.len() > 50 {
        app.back.remove(0);
    }
}

fn act(app: &mut App, a: Action, fx: &mut Vec<Effect>) {
    match a {
        Action::Quit => quit(app, fx),
        Action::Help => app.overlay = Overlay::Help { scroll: 0 },
        Action::Down => step(app, 1),
        Action::Up => step(app, -1),
        Action::PageDown => {
            let p = page(app) as isize;
            step(app, p)
        }
        Action::PageUp => {
            let p = page(app) as isize;
            step(app, -p)
        }
        Action::Top => step(app, isize::MIN / 2),
        Action::Bottom => step(app, isize::MAX / 2),
        Action::NextPane | Action::Right => app.focus = app.focus.next(),
        Action::PrevPane | Action::Left => app.focus = app.focus.prev(),
        Action::Pane1 => app.focus = Pane::List,
        Action::Pane2 => app.focus = Pane::Text,
        Action::Pane3 => app.focus = Pane::Quotes,
        Action::Pane4 => app.focus = Pane::Speakers,
        Action::Pane5 => app.focus = Pane::Conflicts,
        Action::Open => open(app, fx),
        Action::Back => back(app),
        Action::NextQuote => jump_quote(app, true),
        Action::PrevQuote => jump_quote(app, false),
        Action::NextConflict => jump_conflict(app, true),
        Action::PrevConflict => jump_conflict(app, false),
        Action::NextStory => jump_story(app, true),
        Action::PrevStory => jump_story(app, false),
        Action::Search => {
            app.input = Some(Input {
                kind: InputKind::Search,
                buffer: String::new(),
            });
            clear_search(app);
        }
        Action::SearchNext | Action::SearchPrev => {
            let n = app.hits.len();
            if n == 0 {
                if !app.search.is_empty() {
                    app.warn(format!("no match for {:?}", app.search));
                }
                return;
            }
            let next = match (app.hit_sel, a == Action::SearchNext) {
                (None, true) => 0,
                (None, false) => n - 1,
                (Some(i), true) => (i + 1) % n,
                (Some(i), false) => (i + n - 1) % n,
            };
            goto_hit(app, next);
        }
        Action::FilterUnread => {
            app.filters.unread = !app.filters.unread;
            app.rows_dirty = true;
        }
        Action::FilterConflicts => {
            app.filters.conflicts = !app.filters.conflicts;
            app.rows_dirty = true;
        }
        Action::FilterStory => {
            app.filters.story = match app.filters.story {
                Some(_) => None,
                None => app.story_key(),
            };
            app.rows_dirty = true;
        }
        Action::FilterSpeaker => {
            app.filters.speaker = match app.filters.speaker {
                Some(_) => None,
                None => selected_speaker(app),
            };
            if app.filters.speaker.is_none() && a == Action::FilterSpeaker {
                app.say("filter by speaker: select a speaker in who-said-what (4) first");
            }
            app.rows_dirty = true;
        }
        Action::ClearFilters => {
            app.filters = Default::default();
            clear_search(app);
            app.rows_dirty = true;
        }
        Action::ToggleScope => {
            // Both panes follow the one in focus (who-said-what unless conflicts).
            let from = if app.focus == Pane::Conflicts {
                app.conflict_scope
            } else {
                app.speaker_scope
            };
            let to = match from {
                Scope::Story => Scope::All,
                Scope::All => Scope::Story,
            };
            app.conflict_scope = to;
            app.conflict_sel = 0;
            app.conflict_offset = 0;
            app.speaker_scope = to;
            app.speaker_sel = 0;
            app.speaker_offset = 0;
            app.speaker_open = None;
            app.say(match to {
                Scope::Story => "who said what and conflicts: this story",
                Scope::All => "who said what and conflicts: the whole folder",
            });
        }
        Action::Sort => {
            app.sort = app.sort.next();
            app.rows_dirty = true;
            app.say(format!("list sorted by {}", app.sort.label()));
        }
        Action::MarkAllRead => mark_all_read(app, fx),
        Action::Problems => app.overlay = Overlay::Problems { scroll: 0 },
        Action::OpenFile => match app.current().map(|e| e.article.path.clone()) {
            Some(rel) => {
                app.say(format!("opening {rel}"));
                // The key is escaped (see `encode_rel`): open the file it names.
                fx.push(Effect::OpenFile(crate::ingest::walk::rel_path(
                    &app.folder,
                    &rel,
                )));
            }
            None => app.warn("select an article to open its file"),
        },
        Action::OpenUrl => match app.current().map(|e| e.article.url.clone()) {
            Some(url) => match url {
                Some(u) if u.starts_with("http://") || u.starts_with("https://") => {
                    app.say(format!("opening {}", views::fit(&u, 60)));
                    fx.push(Effect::OpenUrl(u));
                }
                Some(_) => app.warn("this article's link is not a web address"),
                None => app.warn("this article has no link (try v for its file)"),
            },
            None => app.warn("select an article to open its link"),
        },
        Action::MarkRead => mark_read(app, fx),
        Action::MarkUnread => {
            if let Some(e) = app.current() {
                let (id, hash) = (e.article.id.clone(), content_hash(e));
                app.read_hashes.remove(&hash);
                app.read.remove(&id);
                app.rows_dirty = true;
                fx.push(Effect::SaveState);
            }
        }
        Action::Export => {
            if app.current().is_none() {
                app.warn("select an article of the story to export");
                return;
            }
            let path = export::default_path(app);
            app.input = Some(Input {
                kind: InputKind::Export,
                buffer: path.display().to_string(),
            });
        }
        Action::Copy => match selected_quote_text(app) {
            Some(t) => {
                app.say(format!("copied: {}", views::fit(&t, 60)));
                fx.push(Effect::Copy(t));
            }
            None => app.warn("no quote selected (use ] or the quotes pane)"),
        },
    }
}

fn mark_read(app: &mut App, fx: &mut Vec<Effect>) {
    if let Some(e) = app.current() {
        let (id, hash) = (e.article.id.clone(), content_hash(e));
        app.read_hashes.insert(hash);
        if app.read.insert(id) {
            app.rows_dirty = true;
            fx.push(Effect::SaveState);
        }
    }
}

/// Marks every article the list shows (under the current filters) read.
fn mark_all_read(app: &mut App, fx: &mut Vec<Effect>) {
    let mut n = 0;
    for r in &app.rows {
        if let Row::Article(id) = r
            && let Some(e) = app.desk.entry(id)
        {
            app.read_hashes.insert(content_hash(e));
            if app.read.insert(id.clone()) {
                n += 1;
            }
        }
    }
    app.say(format!("marked {} read", count(n, "article", "articles")));
    if n > 0 {
        app.rows_dirty = true;
        fx.push(Effect::SaveState);
    }
}

/// "1 article", "3 articles".
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Rows moved by PgUp/PgDn in the focused pane.
fn page(app: &App) -> usize {
    let rows = layout::pane_rows(app, app.focus).max(2);
    let per = match app.focus {
        Pane::Quotes => views::quotes::ITEM_HEIGHT,
        Pane::Speakers => views::speakers::ITEM_HEIGHT,
        Pane::Conflicts => views::conflicts::ITEM_HEIGHT,
        _ => 1,
    };
    (rows / per).saturating_sub(1).max(1)
}

fn moved(cur: usize, delta: isize, len: usize) -> usize {
    if len == 0 {
        return 0;
    }
    let v = cur as isize + delta.clamp(-(len as isize), len as isize);
    v.clamp(0, len as isize - 1) as usize
}

fn step(app: &mut App, delta: isize) {
    match app.focus {
        Pane::List => {
            let i = moved(app.list_sel, delta, app.rows.len());
            select_row(app, selectable(&app.rows, i, delta >= 0));
        }
        Pane::Text => {
            let max = max_text_scroll(app);
            app.text_scroll = moved(app.text_scroll, delta, max + 1);
        }
        Pane::Quotes => {
            let n = app.current().map_or(0, |e| e.analysis.quotes.len());
            app.quote_sel = moved(app.quote_sel, delta, n);
            select_quote(app, app.quote_sel);
        }
        Pane::Speakers => {
            if let Some(sp) = app.open_speaker() {
                let n = sp.quotes.len();
                app.speaker_quote_sel = moved(app.speaker_quote_sel, delta, n);
            } else {
                let n = app.speaker_count();
                app.speaker_sel = moved(app.speaker_sel, delta, n);
            }
        }
        Pane::Conflicts => {
            let n = app.visible_conflicts().len();
            app.conflict_sel = moved(app.conflict_sel, delta, n);
        }
    }
    clamp_panes(app);
}

/// Selects the first article of the next story of the list, or of the previous one
/// (of the current story first, when the selection is inside it), whatever the focus.
fn jump_story(app: &mut App, forward: bool) {
    let heads: Vec<usize> = (0..app.rows.len())
        .filter(|&i| app.rows[i].is_head())
        .collect();
    if heads.is_empty() {
        app.warn(format!(
            "stories are marked when the list is sorted by story ({})",
            app.keymap.first(Action::Sort)
        ));
        return;
    }
    let sel = app.list_sel;
    let head = if forward {
        heads.iter().find(|&&h| h > sel)
    } else {
        // The head of the story the selection is in sits just above its first row.
        heads.iter().rev().find(|&&h| h + 1 < sel)
    };
    match head {
        Some(&h) => select_row(app, selectable(&app.rows, h, true)),
        None => app.say(if forward {
            "no story after this one"
        } else {
            "no story before this one"
        }),
    }
}

fn select_row(app: &mut App, i: usize) {
    if let Some(key) = app.rows.get(i).map(|r| r.key().to_string()) {
        app.list_sel = i;
        if app.selected.as_deref() != Some(key.as_str()) {
            app.selected = Some(key);
            app.article_changed();
            // A read article kept in the unread list while open leaves it now.
            if app.filters.unread {
                app.rows_dirty = true;
            }
        }
    }
    app.clamp_list();
}

fn max_text_scroll(app: &App) -> usize {
    let lines = app.text_lines().len();
    lines.saturating_sub(layout::pane_rows(app, Pane::Text).max(1))
}

/// Keeps every pane's selection in range and visible.
fn clamp_panes(app: &mut App) {
    let nq = app.current().map_or(0, |e| e.analysis.quotes.len());
    let qh = layout::pane_rows(app, Pane::Quotes) / views::quotes::ITEM_HEIGHT;
    clamp_window(&mut app.quote_sel, &mut app.quote_offset, nq, qh);
    let ns = app.speaker_count();
    let sh = layout::pane_rows(app, Pane::Speakers) / views::speakers::ITEM_HEIGHT;
    clamp_window(&mut app.speaker_sel, &mut app.speaker_offset, ns, sh);
    let nc = app.visible_conflicts().len();
    let ch = layout::pane_rows(app, Pane::Conflicts) / views::conflicts::ITEM_HEIGHT;
    clamp_window(&mut app.conflict_sel, &mut app.conflict_offset, nc, ch);
    let max = max_text_scroll(app);
    app.text_scroll = app.text_scroll.min(max);
}

/// Scrolls the text so byte `pos` is on screen (a third from the top when it moves).
fn scroll_text_to(app: &mut App, pos: usize) {
    let lines = app.text_lines();
    if lines.is_empty() {
        return;
    }
    let li = wrap::line_of(&lines, pos);
    let rows = layout::pane_rows(app, Pane::Text).max(1);
    if li < app.text_scroll || li >= app.text_scroll + rows {
        app.text_scroll = li.saturating_sub(rows / 3);
    }
    app.text_scroll = app.text_scroll.min(lines.len().saturating_sub(rows));
}

fn select_quote(app: &mut App, i: usize) {
    let span = app
        .current()
        .and_then(|e| e.analysis.quotes.get(i))
        .map(|q| q.span);
    if let Some(s) = span {
        app.quote_sel = i;
        app.text_sel = Some(s);
        scroll_text_to(app, s.start);
    }
}

fn jump_quote(app: &mut App, forward: bool) {
    let Some(e) = app.current() else { return };
    let mut order: Vec<(usize, TextSpan)> = e
        .analysis
        .quotes
        .iter()
        .enumerate()
        .map(|(i, q)| (i, q.span))
        .collect();
    if order.is_empty() {
        app.say("no quotes in this article");
        return;
    }
    order.sort_by_key(|(_, s)| (s.start, s.end));
    let at = app.text_sel.map(|s| s.start);
    let pick = if forward {
        match at {
            None => order.first(),
            Some(p) => order.iter().find(|(_, s)| s.start > p).or(order.first()),
        }
    } else {
        match at {
            None => order.last(),
            Some(p) => order
                .iter()
                .rev()
                .find(|(_, s)| s.start < p)
                .or(order.last()),
        }
    };
    if let Some(&(i, _)) = pick {
        select_quote(app, i);
        clamp_panes(app);
    }
}

fn jump_conflict(app: &mut App, forward: bool) {
    let Some(id) = app.current_id().map(str::to_string) else {
        return;
    };
    let visible = app.visible_conflicts();
    let mut claims: Vec<(TextSpan, usize)> = Vec::new();
    for c in app.conflicts_of_article(&id) {
        let idx = visible
            .iter()
            .position(|v| std::ptr::eq(*v, c))
            .unwrap_or(0);
        for cl in c.claims.iter().filter(|cl| cl.article == id) {
            claims.push((cl.span, idx));
        }
    }
    if claims.is_empty() {
        app.say("no conflicting facts in this article");
        return;
    }
    claims.sort_by_key(|(s, _)| (s.start, s.end));
    let at = app.text_sel.map(|s| s.start);
    let pick = if forward {
        match at {
            None => claims.first(),
            Some(p) => claims.iter().find(|(s, _)| s.start > p).or(claims.first()),
        }
    } else {
        match at {
            None => claims.last(),
            Some(p) => claims
                .iter()
                .rev()
                .find(|(s, _)| s.start < p)
                .or(claims.last()),
        }
    };
    if let Some(&(span, idx)) = pick {
        app.text_sel = Some(span);
        app.conflict_sel = idx;
        scroll_text_to(app, span.start);
        clamp_panes(app);
    }
}

fn open(app: &mut App, fx: &mut Vec<Effect>) {
    match app.focus {
        Pane::List => {
            if app.current().is_some() {
                mark_read(app, fx);
                app.focus = Pane::Text;
            }
        }
        Pane::Text => {}
        Pane::Quotes => {
            let i = app.quote_sel;
            select_quote(app, i);
            app.focus = Pane::Text;
        }
        Pane::Speakers => {
            if let Some(sp) = app.open_speaker() {
                let Some(r) = sp.quotes.get(app.speaker_quote_sel).cloned() else {
                    return;
                };
                let key = sp.key;
                let sel = app.speaker_quote_sel;
                push_back(app, BackTo::Speaker { key, sel });
                if app.select_key(&r.article) {
                    mark_read(app, fx);
                    app.focus = Pane::Text;
                    select_quote(app, r.quote);
                    clamp_panes(app);
                }
            } else if let Some(s) = app.speaker_page(app.speaker_sel, 1).first() {
                app.speaker_open = Some(s.key);
                app.speaker_quote_sel = 0;
            }
        }
        Pane::Conflicts => {
            let c = app
                .visible_conflicts()
                .get(app.conflict_sel)
                .map(|c| (*c).clone());
            if let Some(conflict) = c {
                let column = app
                    .current_id()
                    .and_then(|id| {
                        Evidence {
                            conflict: conflict.clone(),
                            column: 0,
                            scroll: 0,
                        }
                        .articles()
                        .iter()
                        .position(|a| *a == id)
                    })
                    .unwrap_or(0);
                app.overlay = Overlay::Evidence(Evidence {
                    conflict,
                    column,
                    scroll: 0,
                });
            }
        }
    }
}

fn back(app: &mut App) {
    if app.focus == Pane::Speakers && app.speaker_open.is_some() {
        app.speaker_open = None;
        return;
    }
    if !app.search.is_empty() {
        clear_search(app);
        return;
    }
    if let Some(b) = app.back.pop() {
        if let Some(a) = &b.article {
            app.select_key(a);
        }
        app.focus = b.focus;
        app.text_scroll = b.text_scroll;
        app.conflict_sel = b.conflict_sel;
        app.conflict_offset = b.conflict_offset;
        match b.to {
            BackTo::Evidence(ev) => app.overlay = Overlay::Evidence(ev),
            BackTo::Speaker { key, sel } => {
                app.speaker_open = Some(key);
                app.speaker_quote_sel = sel;
                app.focus = Pane::Speakers;
            }
        }
        return;
    }
    if app.text_sel.is_some() {
        app.text_sel = None;
    } else if app.focus != Pane::List {
        // Nothing left to undo: back to the list (in narrow terminals, its tab).
        app.focus = Pane::List;
    }
}

/// The speaker selected in who-said-what (or of the selected quote).
fn selected_speaker(app: &App) -> Option<usize> {
    if let Some(k) = app.speaker_open {
        return Some(k);
    }
    if app.focus == Pane::Speakers {
        return app.speaker_page(app.speaker_sel, 1).first().map(|s| s.key);
    }
    let e = app.current()?;
    let q = e.analysis.quotes.get(app.quote_sel)?;
    app.desk
        .panes()
        .speakers
        .speaker_of(&e.article.id, q.speaker?)
        .map(|s| s.key)
}

/// The words of the selected quote (pane 3, an open speaker's list, or the text selection).
fn selected_quote_text(app: &App) -> Option<String> {
    let words = |id: &str, qi: usize| -> Option<String> {
        let e = app.desk.entry(id)?;
        let q = e.analysis.quotes.get(qi)?;
        let t = e.article.text.get(q.span.start..q.span.end)?;
        let who = app.speaker_name(id, e, q);
        Some(export::quote_for_reader(q.kind, t, who.as_deref()))
    };
    if app.focus == Pane::Speakers
        && let Some(sp) = app.open_speaker()
    {
        let r = sp.quotes.get(app.speaker_quote_sel)?;
        return words(&r.article, r.quote);
    }
    let e = app.current()?;
    let id = e.article.id.clone();
    if app.focus == Pane::Quotes {
        return words(&id, app.quote_sel);
    }
    let sel = app.text_sel?;
    let qi = e
        .analysis
        .quotes
        .iter()
        .position(|q| q.span.overlaps(sel))?;
    words(&id, qi)
}

/// `e` then Enter: the story as Markdown and JSON beside each other, both checked before
/// anything is written (outside the folder, in an existing folder, no file replaced).
fn do_export(app: &mut App, path: &str, fx: &mut Vec<Effect>) {
    let path = path.trim();
    if path.is_empty() {
        app.warn("export cancelled: no path");
        return;
    }
    let p = PathBuf::from(path);
    let p = if p.is_absolute() { p } else { app.cwd.join(p) };
    let (md, json) = export::targets(&p);
    let mut checked = Vec::new();
    for t in [&md, &json] {
        match export::check_target(&app.folder, t) {
            Ok(t) => checked.push(t),
            Err(e) => {
                app.warn(e);
                return;
            }
        }
    }
    app.say(format!(
        "exported to {} and {}",
        checked[0].display(),
        checked[1]
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default()
    ));
    fx.push(Effect::Write {
        path: checked[0].clone(),
        content: export::story_markdown(app),
    });
    fx.push(Effect::Write {
        path: checked[1].clone(),
        content: export::story_json(app),
    });
}

fn mouse(app: &mut App, m: MouseEvent) {
    app.dirty = true;
    if !matches!(app.overlay, Overlay::None) || app.input.is_some() {
        if matches!(m.kind, MouseEventKind::Down(_)) && matches!(app.overlay, Overlay::Help { .. })
        {
            app.overlay = Overlay::None;
        }
        return;
    }
    match m.kind {
        MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
            let down = m.kind == MouseEventKind::ScrollDown;
            if let Some((pane, _)) = layout::hit(app, m.column, m.row) {
                let prev = app.focus;
                app.focus = pane;
                let d = if pane == Pane::Text { 3 } else { 1 };
                step(app, if down { d } else { -d });
                app.focus = prev;
            }
        }
        MouseEventKind::Down(MouseButton::Left) => {
            if let Some(p) = layout::tab_at(app, m.column, m.row) {
                app.focus = p;
                return;
            }
            let Some((pane, row)) = layout::hit(app, m.column, m.row) else {
                return;
            };
            app.focus = pane;
            match pane {
                Pane::List => {
                    // A long selected title takes a second line: rows below shift by one.
                    let sel_line = app.list_sel.saturating_sub(app.list_offset);
                    let extra = views::list::second_line(app).is_some();
                    let row = if extra && row > sel_line {
                        row - 1
                    } else {
                        row
                    };
                    let i = app.list_offset + row;
                    if i < app.rows.len() {
                        // A click on a story's head selects its first article.
                        select_row(app, selectable(&app.rows, i, true));
                    }
                }
                Pane::Quotes => {
                    let i = app.quote_offset + row / views::quotes::ITEM_HEIGHT;
                    if app.current().is_some_and(|e| i < e.analysis.quotes.len()) {
                        select_quote(app, i);
                    }
                }
                Pane::Speakers if app.speaker_open.is_none() => {
                    let i = app.speaker_offset + row / views::speakers::ITEM_HEIGHT;
                    if i < app.speaker_count() {
                        app.speaker_sel = i;
                    }
                }
                Pane::Conflicts => {
                    let i = app.conflict_offset + row / views::conflicts::ITEM_HEIGHT;
                    if i < app.visible_conflicts().len() {
                        app.conflict_sel = i;
                    }
                }
                _ => {}
            }
            clamp_panes(app);
        }
        _ => {}
    }
}

//! `update` driven by sequences of keys, mouse, watcher and worker events, checked against
//! the state (no terminal, time injected).

#[path = "fixtures/desk/load.rs"]
mod fixture;

use crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use quotedesk::desk::worker::WorkResult;
use quotedesk::desk::{AnalyzedFile, Desk};
use quotedesk::ingest::Skipped;
use quotedesk::tui::app::{App, FileState, InputKind, Overlay, Pane, Row, Scope};
use quotedesk::tui::keymap::Keymap;
use quotedesk::tui::theme::Theme;
use quotedesk::tui::{Effect, Event, update};
use quotedesk::watch::WatchEvent;
use serde_json::Value;

fn key(app: &mut App, code: KeyCode) -> Vec<Effect> {
    update(app, Event::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

fn press(app: &mut App, keys: &str) -> Vec<Effect> {
    let mut fx = Vec::new();
    for c in keys.chars() {
        let code = match c {
            '\n' => KeyCode::Enter,
            '\t' => KeyCode::Tab,
            '\x1b' => KeyCode::Esc,
            '\x08' => KeyCode::Backspace,
            c => KeyCode::Char(c),
        };
        fx.extend(key(app, code));
    }
    fx
}

fn keys_of(app: &App) -> Vec<String> {
    app.rows.iter().map(|r| r.key().to_string()).collect()
}

/// A new invented article in the style of the fixture, at `path` with `title`.
fn new_article(path: &str, title: &str) -> Value {
    let mut a = fixture::json()["articles"][2].clone();
    a["path"] = path.into();
    a["title"] = title.into();
    a
}

fn work(app: &mut App, a: &Value, generation: u64) {
    let (rel, file) = fixture::file(a);
    update(
        app,
        Event::Work(WorkResult {
            rel,
            generation,
            file,
        }),
    );
}

#[test]
fn selection_stays_on_its_article_when_one_arrives_before_it() {
    let mut app = fixture::app(80, 24);
    assert!(app.select_key("millford-gazette.txt"));
    let sel = app.list_sel;
    let fx = update(
        &mut app,
        Event::Watch(WatchEvent::Upsert(vec!["aaa-first.md".into()])),
    );
    assert_eq!(
        fx,
        vec![Effect::Submit {
            rel: "aaa-first.md".into(),
            generation: 1
        }]
    );
    assert_eq!(app.last_change, Some(fixture::now()));
    // A third report of the bridge story: it lists before the library article whether
    // stories are grouped (the bridge story is the largest) or not (its title sorts first).
    let mut bridge = fixture::json()["articles"][1].clone();
    bridge["path"] = "aaa-first.md".into();
    bridge["title"] = "A first report from the bridge".into();
    work(&mut app, &bridge, 1);
    let keys = keys_of(&app);
    let pos = |k: &str| keys.iter().position(|x| x == k).unwrap();
    assert!(
        pos("aaa-first.md") < pos("millford-gazette.txt"),
        "{keys:?}"
    );
    assert_eq!(app.selected.as_deref(), Some("millford-gazette.txt"));
    assert_eq!(app.current_id(), Some("millford-gazette.txt"));
    assert_eq!(app.list_sel, sel + 1);
    // The list fits on screen, so it cannot scroll: the row moves down with its article.
    assert_eq!(app.list_offset, 0);
    assert!(app.new_ids.contains("aaa-first.md"));
    // Selecting the new article clears its new-arrival mark.
    assert!(app.select_key("aaa-first.md"));
    assert!(!app.new_ids.contains("aaa-first.md"));
}

#[test]
fn scroll_of_a_long_list_does_not_jump_when_rows_arrive_above() {
    let mut app = fixture::app(80, 24);
    for i in 0..40 {
        let rel = format!("m{i:02}.md");
        update(
            &mut app,
            Event::Watch(WatchEvent::Upsert(vec![rel.clone()])),
        );
        work(&mut app, &new_article(&rel, &format!("M report {i:02}")), 1);
    }
    assert!(app.select_key("m30.md"));
    let screen_row = app.list_sel - app.list_offset;
    let offset = app.list_offset;
    update(
        &mut app,
        Event::Watch(WatchEvent::Upsert(vec!["b.md".into()])),
    );
    work(&mut app, &new_article("b.md", "B report"), 1);
    assert_eq!(app.selected.as_deref(), Some("m30.md"));
    assert_eq!(app.list_sel - app.list_offset, screen_row);
    assert_eq!(app.list_offset, offset + 1);
}

#[test]
fn stale_results_are_dropped() {
    let mut app = fixture::app(80, 24);
    update(
        &mut app,
        Event::Watch(WatchEvent::Upsert(vec!["x.md".into()])),
    );
    update(
        &mut app,
        Event::Watch(WatchEvent::Upsert(vec!["x.md".into()])),
    );
    assert_eq!(app.files["x.md"].generation, 2);
    work(&mut app, &new_article("x.md", "Old version"), 1);
    assert!(app.desk.entry("x.md").is_none());
    assert!(keys_of(&app).contains(&"x.md".to_string()), "still pending");
    assert!(matches!(app.rows.last(), Some(Row::Pending(_))));
    work(&mut app, &new_article("x.md", "New version"), 2);
    assert_eq!(
        app.desk.entry("x.md").unwrap().article.title.as_deref(),
        Some("New version")
    );
    // A result for a file removed meanwhile is dropped too.
    update(
        &mut app,
        Event::Watch(WatchEvent::Remove(vec!["x.md".into()])),
    );
    work(&mut app, &new_article("x.md", "Ghost"), 2);
    assert!(app.desk.entry("x.md").is_none());
}

#[test]
fn removal_moves_selection_to_a_neighbour() {
    let mut app = fixture::app(80, 24);
    assert!(app.select_key("bay-courier.md"));
    update(
        &mut app,
        Event::Watch(WatchEvent::Remove(vec!["bay-courier.md".into()])),
    );
    assert!(!keys_of(&app).contains(&"bay-courier.md".to_string()));
    assert!(app.selected.is_some());
    assert!(app.current().is_some());
    // Its conflicts are gone with it (the story lost its conflicts).
    assert_eq!(app.desk.conflicts().count(), 0);
}

#[test]
fn startup_lists_at_once_then_fills_in() {
    let j = fixture::json();
    let mut app = App::new(
        Desk::new(),
        "/nonexistent/feeds".into(),
        Theme::new("dark", false),
        Keymap::default(),
    );
    app.now = fixture::now();
    let files: Vec<String> = j["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["path"].as_str().unwrap().to_string())
        .collect();
    let fx = update(
        &mut app,
        Event::Listed {
            files: files.clone(),
            error: None,
        },
    );
    assert_eq!(fx.len(), 3);
    assert!(
        fx.iter()
            .all(|e| matches!(e, Effect::Submit { generation: 1, .. }))
    );
    assert_eq!(app.rows.len(), 3);
    assert!(app.rows.iter().all(|r| matches!(r, Row::Pending(_))));
    assert_eq!(app.progress(), (0, 3));
    let selected = app.selected.clone().unwrap();
    for a in j["articles"].as_array().unwrap() {
        work(&mut app, a, 1);
    }
    assert_eq!(app.progress(), (3, 3));
    assert!(app.rows.iter().all(|r| matches!(r, Row::Article(_))));
    // The pending file that was selected is still selected, now as an article.
    assert_eq!(app.selected.as_deref(), Some(selected.as_str()));
    // Nothing from the first listing counts as a new arrival.
    assert!(app.new_ids.is_empty());
}

#[test]
fn rescan_reconciles_with_the_folder() {
    let mut app = fixture::app(80, 24);
    let fx = update(&mut app, Event::Watch(WatchEvent::Rescan));
    assert_eq!(fx, vec![Effect::ListFiles]);
    let fx = update(
        &mut app,
        Event::Listed {
            files: vec!["bay-courier.md".into(), "fresh.md".into()],
            error: None,
        },
    );
    assert!(app.desk.entry("coastal-ledger.html").is_none());
    assert!(app.desk.entry("millford-gazette.txt").is_none());
    assert!(fx.contains(&Effect::Submit {
        rel: "bay-courier.md".into(),
        generation: 2
    }));
    assert!(fx.contains(&Effect::Submit {
        rel: "fresh.md".into(),
        generation: 1
    }));
    assert!(app.files["fresh.md"].arrival);
}

#[test]
fn skipped_files_show_with_their_reason() {
    let mut app = fixture::app(80, 24);
    update(
        &mut app,
        Event::Watch(WatchEvent::Upsert(vec!["bad.json".into()])),
    );
    update(
        &mut app,
        Event::Work(WorkResult {
            rel: "bad.json".into(),
            generation: 1,
            file: AnalyzedFile {
                entries: vec![],
                skipped: Some(Skipped {
                    path: "bad.json".into(),
                    reason: "invalid JSON at line 3".into(),
                }),
            },
        }),
    );
    assert_eq!(app.rows.last(), Some(&Row::Skipped("bad.json".into())));
    assert!(app.select_key("bad.json"));
    press(&mut app, "\n");
    let m = app.message.clone().unwrap();
    assert!(m.error && m.text.contains("invalid JSON"), "{m:?}");
}

#[test]
fn watcher_errors_show_and_recover() {
    let mut app = fixture::app(80, 24);
    update(
        &mut app,
        Event::Watch(WatchEvent::Error("inotify limit reached".into())),
    );
    assert!(matches!(
        app.watch,
        quotedesk::tui::app::WatchHealth::Error(_)
    ));
    update(
        &mut app,
        Event::Watch(WatchEvent::Upsert(vec!["y.md".into()])),
    );
    assert_eq!(app.watch, quotedesk::tui::app::WatchHealth::Watching);
}

#[test]
fn moving_and_panes() {
    let mut app = fixture::app(80, 24);
    assert_eq!(app.list_sel, 0);
    press(&mut app, "jj");
    assert_eq!(app.list_sel, 2);
    press(&mut app, "j");
    assert_eq!(app.list_sel, 2, "stays on the last row");
    press(&mut app, "g");
    assert_eq!(app.list_sel, 0);
    press(&mut app, "G");
    assert_eq!(app.list_sel, 2);
    key(&mut app, KeyCode::Up);
    assert_eq!(app.list_sel, 1);
    press(&mut app, "\t");
    assert_eq!(app.focus, Pane::Text);
    key(&mut app, KeyCode::BackTab);
    assert_eq!(app.focus, Pane::List);
    press(&mut app, "5");
    assert_eq!(app.focus, Pane::Conflicts);
    press(&mut app, "1");
    assert_eq!(app.focus, Pane::List);
}

#[test]
fn key_releases_are_ignored() {
    let mut app = fixture::app(80, 24);
    let mut k = KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE);
    k.kind = KeyEventKind::Release;
    update(&mut app, Event::Key(k));
    assert_eq!(app.list_sel, 0);
}

#[test]
fn read_unread_and_filters() {
    let mut app = fixture::app(80, 24);
    assert!(app.select_key("bay-courier.md"));
    let fx = press(&mut app, "\n");
    assert_eq!(app.focus, Pane::Text);
    assert!(app.read.contains("bay-courier.md"));
    assert!(fx.contains(&Effect::SaveState));
    press(&mut app, "1U");
    assert!(app.filters.unread);
    assert!(!keys_of(&app).contains(&"bay-courier.md".to_string()));
    press(&mut app, "x");
    assert_eq!(app.rows.len(), 3);
    press(&mut app, "!");
    assert_eq!(
        keys_of(&app),
        vec!["coastal-ledger.html", "bay-courier.md"],
        "only articles with conflicts"
    );
    press(&mut app, "x");
    assert!(app.select_key("bay-courier.md"));
    press(&mut app, "s");
    let story = app.desk.stories.story_of("bay-courier.md").unwrap();
    let mut members = story.articles.clone();
    members.sort();
    let mut listed = keys_of(&app);
    listed.sort();
    assert_eq!(listed, members);
    assert!(!listed.contains(&"millford-gazette.txt".to_string()));
    press(&mut app, "s");
    assert_eq!(app.rows.len(), 3);
    // Filter by the selected speaker of who-said-what.
    press(&mut app, "4S");
    let key = app.filters.speaker.expect("a speaker filter");
    let speaker = app
        .desk
        .speakers
        .speakers()
        .into_iter()
        .find(|s| s.key == key)
        .unwrap()
        .clone();
    let mut quoted: Vec<String> = speaker.quotes.iter().map(|q| q.article.clone()).collect();
    quoted.sort();
    quoted.dedup();
    let mut listed = keys_of(&app);
    listed.sort();
    assert_eq!(listed, quoted);
    assert!(listed.contains(&"bay-courier.md".to_string()));
    assert!(!listed.contains(&"millford-gazette.txt".to_string()));
    press(&mut app, "x");
    assert!(app.select_key("bay-courier.md"));
    press(&mut app, "u");
    assert!(!app.read.contains("bay-courier.md"));
    press(&mut app, "m");
    assert!(app.read.contains("bay-courier.md"));
}

#[test]
fn incremental_search_with_next_and_previous() {
    let mut app = fixture::app(80, 24);
    press(&mut app, "/");
    assert_eq!(app.input.as_ref().map(|i| i.kind), Some(InputKind::Search));
    press(&mut app, "bra");
    // "Brandt" (speaker and text) only in the Millford article.
    assert_eq!(app.current_id(), Some("millford-gazette.txt"));
    assert!(!app.hits.is_empty());
    assert!(app.hits.iter().all(|h| h.id == "millford-gazette.txt"));
    press(&mut app, "\x08\x08\x08bridge");
    let n = app.hits.len();
    assert!(n >= 3, "{n}");
    press(&mut app, "\n");
    assert!(app.input.is_none());
    assert_eq!(app.search, "bridge");
    let first = app.hit_sel.unwrap();
    press(&mut app, "n");
    assert_eq!(app.hit_sel, Some((first + 1) % n));
    press(&mut app, "NN");
    assert_eq!(app.hit_sel, Some((first + n - 1) % n));
    // A text hit selects its words.
    let h = app.hits[app.hit_sel.unwrap()].clone();
    if let Some(span) = h.span {
        assert_eq!(app.text_sel, Some(span));
    }
    press(&mut app, "\x1b");
    assert!(app.search.is_empty());
    assert!(app.hits.is_empty());
}

#[test]
fn quotes_in_text_order_with_brackets() {
    let mut app = fixture::app(80, 24);
    assert!(app.select_key("bay-courier.md"));
    let quotes = app.current().unwrap().analysis.quotes.clone();
    press(&mut app, "]");
    assert_eq!(app.text_sel, Some(quotes[0].span));
    assert_eq!(app.quote_sel, 0);
    press(&mut app, "]]");
    assert_eq!(app.quote_sel, 2);
    press(&mut app, "[");
    assert_eq!(app.quote_sel, 1);
    press(&mut app, "[[");
    assert_eq!(app.quote_sel, 3, "wraps around");
}

#[test]
fn conflicts_in_text_with_braces() {
    let mut app = fixture::app(80, 24);
    assert!(app.select_key("bay-courier.md"));
    press(&mut app, "}");
    let text = app.current().unwrap().article.text.clone();
    let sel = app.text_sel.unwrap();
    assert_eq!(&text[sel.start..sel.end], "About 4,000 commuters");
    assert_eq!(app.conflict_sel, 0);
    press(&mut app, "}");
    let sel = app.text_sel.unwrap();
    assert_eq!(&text[sel.start..sel.end], "Transport Director Samir Haddad");
    assert_eq!(app.conflict_sel, 1);
    press(&mut app, "{{");
    let sel = app.text_sel.unwrap();
    assert_eq!(
        &text[sel.start..sel.end],
        "three weeks",
        "wraps to the last"
    );
}

#[test]
fn conflict_to_evidence_to_article_and_back() {
    let mut app = fixture::app(80, 24);
    assert!(app.select_key("bay-courier.md"));
    press(&mut app, "5\n");
    let Overlay::Evidence(ev) = &app.overlay else {
        panic!("no evidence view");
    };
    assert_eq!(ev.column, 0, "starts on the current article's column");
    assert_eq!(ev.articles(), vec!["bay-courier.md", "coastal-ledger.html"]);
    press(&mut app, "l\n");
    assert_eq!(app.overlay, Overlay::None);
    assert_eq!(app.current_id(), Some("coastal-ledger.html"));
    assert_eq!(app.focus, Pane::Text);
    let text = app.current().unwrap().article.text.clone();
    let sel = app.text_sel.unwrap();
    assert_eq!(&text[sel.start..sel.end], "Some 40,000 commuters");
    press(&mut app, "\x1b");
    let Overlay::Evidence(ev) = &app.overlay else {
        panic!("back did not return to the evidence");
    };
    assert_eq!(ev.column, 1);
    assert_eq!(app.current_id(), Some("bay-courier.md"));
    press(&mut app, "\x1b");
    assert_eq!(app.overlay, Overlay::None);
}

#[test]
fn speaker_to_quotes_across_articles_and_back() {
    let mut app = fixture::app(80, 24);
    assert!(app.select_key("bay-courier.md"));
    press(&mut app, "4a");
    assert_eq!(app.speaker_scope, Scope::All);
    let sp = app.visible_speakers()[0].clone();
    press(&mut app, "\n");
    assert_eq!(app.speaker_open, Some(sp.key));
    press(&mut app, "j\n");
    let r = &sp.quotes[1];
    assert_eq!(app.current_id(), Some(r.article.as_str()));
    assert_eq!(app.focus, Pane::Text);
    assert_eq!(app.quote_sel, r.quote);
    press(&mut app, "\x1b");
    assert_eq!(app.focus, Pane::Speakers);
    assert_eq!(app.speaker_open, Some(sp.key));
    assert_eq!(app.speaker_quote_sel, 1);
    press(&mut app, "\x1b");
    assert_eq!(app.speaker_open, None);
}

#[test]
fn export_refuses_the_watched_folder() {
    let mut app = fixture::app(80, 24);
    let out = tempfile::tempdir().unwrap();
    app.export_dir = out.path().to_path_buf();
    assert!(app.select_key("bay-courier.md"));
    press(&mut app, "e");
    let input = app.input.clone().unwrap();
    assert_eq!(input.kind, InputKind::Export);
    assert!(input.buffer.starts_with(&out.path().display().to_string()));
    // Replace the proposed path with one inside the folder: refused, nothing written.
    app.input.as_mut().unwrap().buffer = "/nonexistent/feeds/sub/../out.md".into();
    let fx = press(&mut app, "\n");
    assert!(fx.is_empty(), "{fx:?}");
    assert!(app.message.as_ref().unwrap().error);
    // Outside: a Markdown export of the story's quotes and conflicts.
    press(&mut app, "e");
    let fx = press(&mut app, "\n");
    let [Effect::Write { path, content }] = fx.as_slice() else {
        panic!("{fx:?}");
    };
    assert!(path.starts_with(out.path()));
    assert!(content.contains("We will not reopen it"));
    assert!(content.contains("4,000 vs 40,000"));
    // JSON by extension.
    press(&mut app, "e");
    app.input.as_mut().unwrap().buffer = out.path().join("s.json").display().to_string();
    let fx = press(&mut app, "\n");
    let [Effect::Write { content, .. }] = fx.as_slice() else {
        panic!("{fx:?}");
    };
    let v: Value = serde_json::from_str(content).unwrap();
    let story = app.desk.stories.story_of("bay-courier.md").unwrap();
    let quotes: usize = story
        .articles
        .iter()
        .map(|id| app.desk.entry(id).unwrap().analysis.quotes.len())
        .sum();
    assert_eq!(v["quotes"].as_array().unwrap().len(), quotes);
    assert_eq!(
        v["articles"].as_array().unwrap().len(),
        story.articles.len()
    );
    assert_eq!(v["conflicts"].as_array().unwrap().len(), 3);
}

#[test]
fn copy_the_selected_quote() {
    let mut app = fixture::app(80, 24);
    assert!(app.select_key("bay-courier.md"));
    let fx = press(&mut app, "y");
    assert!(fx.is_empty());
    press(&mut app, "3j");
    let fx = press(&mut app, "y");
    assert_eq!(
        fx,
        vec![Effect::Copy(
            "“the inspection could take three weeks” — Samir Haddad".into()
        )]
    );
}

#[test]
fn ctrl_c_quits_from_anywhere_and_q_quits() {
    let mut app = fixture::app(80, 24);
    press(&mut app, "/abc");
    let fx = update(
        &mut app,
        Event::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)),
    );
    assert!(fx.contains(&Effect::Quit) && fx.contains(&Effect::SaveState));
    let mut app = fixture::app(80, 24);
    let fx = press(&mut app, "q");
    assert!(fx.contains(&Effect::Quit));
}

#[test]
fn help_overlay_opens_and_closes() {
    let mut app = fixture::app(80, 24);
    press(&mut app, "?");
    assert!(matches!(app.overlay, Overlay::Help { .. }));
    press(&mut app, "j");
    assert_eq!(app.overlay, Overlay::Help { scroll: 1 });
    press(&mut app, "q");
    assert_eq!(app.overlay, Overlay::None);
    assert!(!app.quit, "q closes the overlay first");
}

#[test]
fn mouse_click_selects_and_wheel_scrolls() {
    let mut app = fixture::app(160, 48);
    let list = quotedesk::tui::layout::pane_rect(&app, Pane::List).unwrap();
    let click = |x, y| MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: x,
        row: y,
        modifiers: KeyModifiers::NONE,
    };
    update(&mut app, Event::Mouse(click(list.x + 3, list.y + 3)));
    assert_eq!(app.list_sel, 2);
    assert_eq!(app.focus, Pane::List);
    assert!(app.select_key("bay-courier.md"));
    // Narrow the text pane so the article needs scrolling.
    update(&mut app, Event::Resize(120, 20));
    let text = quotedesk::tui::layout::pane_rect(&app, Pane::Text).unwrap();
    update(
        &mut app,
        Event::Mouse(MouseEvent {
            kind: MouseEventKind::ScrollDown,
            column: text.x + 2,
            row: text.y + 2,
            modifiers: KeyModifiers::NONE,
        }),
    );
    assert!(app.text_scroll > 0);
    assert_eq!(app.focus, Pane::List, "the wheel does not move focus");
}

#[test]
fn ticks_inject_time_and_expire_messages() {
    let mut app = fixture::app(80, 24);
    app.say("hello");
    let later = fixture::now() + chrono::Duration::seconds(10);
    update(&mut app, Event::Tick(later));
    assert_eq!(app.now, later);
    assert!(app.message.is_none());
}

#[test]
fn new_arrivals_before_listing_are_not_marked() {
    let mut app = App::new(
        Desk::new(),
        "/nonexistent/feeds".into(),
        Theme::new("dark", false),
        Keymap::default(),
    );
    update(
        &mut app,
        Event::Watch(WatchEvent::Upsert(vec!["a.md".into()])),
    );
    assert_eq!(
        app.files["a.md"],
        FileState {
            generation: 1,
            analysed: false,
            arrival: false
        }
    );
}

#[test]
fn escape_unwinds_selection_then_returns_to_the_list() {
    let mut app = fixture::app(80, 24);
    press(&mut app, "\n]");
    assert_eq!(app.focus, Pane::Text);
    assert!(app.text_sel.is_some());
    press(&mut app, "\x1b");
    assert!(app.text_sel.is_none());
    assert_eq!(app.focus, Pane::Text);
    press(&mut app, "\x1b");
    assert_eq!(app.focus, Pane::List);
}

#[test]
fn text_scroll_survives_a_re_read_of_the_open_article() {
    let mut app = fixture::app(60, 14);
    assert!(app.select_key("bay-courier.md"));
    press(&mut app, "\njj");
    let scroll = app.text_scroll;
    assert!(scroll > 0, "the article must be long enough to scroll here");
    update(
        &mut app,
        Event::Watch(WatchEvent::Upsert(vec!["bay-courier.md".into()])),
    );
    let a = fixture::json()["articles"][0].clone();
    work(&mut app, &a, 2);
    assert_eq!(app.current_id(), Some("bay-courier.md"));
    assert_eq!(app.text_scroll, scroll);
    assert_eq!(app.focus, Pane::Text);
}

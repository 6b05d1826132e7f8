//! `update` driven by sequences of keys, mouse, watcher and worker events, checked against
//! the state (no terminal, time injected).

use crate::fixture;

use crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use quotedesk::desk::Desk;
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

/// The keys of the list's rows, story heads left out.
fn keys_of(app: &App) -> Vec<String> {
    app.rows
        .iter()
        .filter(|r| !r.is_head())
        .map(|r| r.key().to_string())
        .collect()
}

/// The key of the list's first row that is not a story head.
fn first_key(app: &App) -> String {
    keys_of(app).first().cloned().unwrap_or_default()
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
    fixture::deliver(app, rel, generation, file);
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
    // Asked for last row first: the pool runs the newest request first, so the files
    // are read in list order, the selected (first) row first.
    let asked: Vec<&str> = fx
        .iter()
        .filter_map(|e| match e {
            Effect::Submit { rel, .. } => Some(rel.as_str()),
            _ => None,
        })
        .collect();
    let rows: Vec<&str> = app.rows.iter().rev().map(|r| r.key()).collect();
    assert_eq!(asked, rows);
    assert_eq!(asked.last().copied(), app.selected.as_deref());
    assert_eq!(app.progress(), (0, 3));
    for a in j["articles"].as_array().unwrap() {
        work(&mut app, a, 1);
    }
    assert_eq!(app.progress(), (3, 3));
    assert!(
        app.rows
            .iter()
            .all(|r| matches!(r, Row::Article(_) | Row::Story { .. }))
    );
    // The reader chose nothing: the selection is the head of the list as it now sorts
    // (its first article, under the head of its story).
    assert_eq!(app.selected, Some(first_key(&app)));
    assert_eq!(app.list_offset, 0);
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
    fixture::deliver(
        &mut app,
        "bad.json".into(),
        1,
        fixture::skipped("bad.json", "invalid JSON at line 3"),
    );
    // Not a row of the article list: counted in the status bar, listed with its reason
    // in the problems view.
    assert!(
        app.rows.iter().all(|r| r.key() != "bad.json"),
        "{:?}",
        app.rows
    );
    assert!(!app.select_key("bad.json"));
    use quotedesk::tui::views::problems;
    assert_eq!(problems::count(&app), 1);
    let p = &problems::list(&app)[0];
    assert_eq!(
        (p.kind, p.place.as_str(), p.what.as_str()),
        ("skipped", "bad.json", "invalid JSON at line 3")
    );
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
    let keys = keys_of(&app);
    let sel = |app: &App| app.selected.clone().unwrap_or_default();
    assert_eq!(sel(&app), keys[0]);
    // Moves step over the story heads.
    press(&mut app, "jj");
    assert_eq!(sel(&app), keys[2]);
    press(&mut app, "j");
    assert_eq!(sel(&app), keys[2], "stays on the last row");
    press(&mut app, "g");
    assert_eq!(sel(&app), keys[0]);
    assert_eq!(app.list_offset, 0, "the top shows the first story's head");
    press(&mut app, "G");
    assert_eq!(sel(&app), keys[2]);
    key(&mut app, KeyCode::Up);
    assert_eq!(sel(&app), keys[1]);
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
    let before = app.list_sel;
    update(&mut app, Event::Key(k));
    assert_eq!(app.list_sel, before);
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
    // The open article stays while it is open; it leaves when the reader moves on.
    assert_eq!(app.current_id(), Some("bay-courier.md"));
    press(&mut app, "j");
    assert!(!keys_of(&app).contains(&"bay-courier.md".to_string()));
    press(&mut app, "x");
    assert_eq!(keys_of(&app).len(), 3);
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
    assert_eq!(keys_of(&app).len(), 3);
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

fn written(fx: &[Effect]) -> Vec<(std::path::PathBuf, String)> {
    fx.iter()
        .filter_map(|e| match e {
            Effect::Write { path, content } => Some((path.clone(), content.clone())),
            _ => None,
        })
        .collect()
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
    app.folder = out.path().join("feeds");
    std::fs::create_dir(&app.folder).unwrap();
    app.input.as_mut().unwrap().buffer =
        out.path().join("feeds/sub/../out.md").display().to_string();
    let fx = press(&mut app, "\n");
    assert!(fx.is_empty(), "{fx:?}");
    let m = app.message.clone().unwrap();
    assert!(
        m.error && m.text.contains("inside the watched folder"),
        "{m:?}"
    );
    // Outside: Markdown AND JSON of the story's quotes and conflicts, beside each other.
    press(&mut app, "e");
    let fx = press(&mut app, "\n");
    let w = written(&fx);
    assert_eq!(w.len(), 2, "{fx:?}");
    let (md_path, md) = &w[0];
    let (json_path, json) = &w[1];
    assert!(md_path.starts_with(out.path()) && md_path.extension().unwrap() == "md");
    assert_eq!(json_path, &md_path.with_extension("json"));
    assert!(md.contains("We will not reopen it"));
    assert!(md.contains("4,000 vs 40,000"));
    // Provenance: date and character offsets in both.
    assert!(md.contains("2026-03-04"), "{md}");
    assert!(md.contains("chars "), "{md}");
    // Indirect speech never between quotation marks in the export.
    let line = md
        .lines()
        .find(|l| l.contains("inspection could take"))
        .unwrap();
    assert!(
        line.contains("(indirect)") && line.contains("said that"),
        "{line}"
    );
    assert!(!line.contains('“') && !line.contains('"'), "{line}");
    let v: Value = serde_json::from_str(json).unwrap();
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
    // Offsets are character offsets into the article text, as in scan --json.
    let q = &v["quotes"][0];
    let id = q["article"].as_str().unwrap();
    let text = &app.desk.entry(id).unwrap().article.text;
    let (a, b) = (
        q["start"].as_u64().unwrap() as usize,
        q["end"].as_u64().unwrap() as usize,
    );
    let cut: String = text.chars().skip(a).take(b - a).collect();
    assert_eq!(
        cut.split_whitespace().collect::<Vec<_>>().join(" "),
        q["text"].as_str().unwrap()
    );
    assert_eq!(q["published"], "2026-03-04T09:30:00+00:00");
    for (p, c) in &w {
        quotedesk::tui::export::write_new(&app.folder, p, c).unwrap();
    }
    // The next proposal does not collide with what was written.
    press(&mut app, "e");
    let proposed = app.input.clone().unwrap().buffer;
    assert!(proposed.ends_with("-2.md"), "{proposed}");
    press(&mut app, "\x1b");
    // A missing export directory is not proposed (it would not be created).
    let keep = app.export_dir.clone();
    app.export_dir = out.path().join("missing");
    app.cwd = out.path().to_path_buf();
    press(&mut app, "e");
    assert!(
        app.input
            .clone()
            .unwrap()
            .buffer
            .starts_with(&out.path().display().to_string())
    );
    assert!(!app.input.clone().unwrap().buffer.contains("missing"));
    press(&mut app, "\x1b");
    app.export_dir = keep;
    // Again to the same name: refused, nothing overwritten.
    let before = std::fs::read_to_string(md_path).unwrap();
    press(&mut app, "e");
    app.input.as_mut().unwrap().buffer = json_path.display().to_string();
    let fx = press(&mut app, "\n");
    assert!(written(&fx).is_empty(), "{fx:?}");
    assert!(app.message.as_ref().unwrap().text.contains("exists"));
    assert_eq!(std::fs::read_to_string(md_path).unwrap(), before);
    // A missing folder is not created.
    press(&mut app, "e");
    let missing = out.path().join("no/such/dir/x.md");
    app.input.as_mut().unwrap().buffer = missing.display().to_string();
    let fx = press(&mut app, "\n");
    assert!(written(&fx).is_empty(), "{fx:?}");
    assert!(
        app.message
            .as_ref()
            .unwrap()
            .text
            .contains("does not exist")
    );
    assert!(!out.path().join("no").exists());
}

/// Each quote and claim of an export says where it comes from: outlet, date, the
/// article's link and its offsets into the text (Markdown and JSON).
#[test]
fn exports_carry_the_link_of_each_article() {
    let mut app = fixture::app(80, 24);
    let out = tempfile::tempdir().unwrap();
    app.export_dir = out.path().to_path_buf();
    let url = "https://news.example/bay/bridge-shut";
    let mut a = fixture::json()["articles"][0].clone();
    a["path"] = "bay-courier.md".into();
    update(
        &mut app,
        Event::Watch(WatchEvent::Upsert(vec!["bay-courier.md".into()])),
    );
    let generation = app.files["bay-courier.md"].generation;
    let (rel, mut file) = fixture::file(&a);
    file.entries[0].article.url = Some(url.into());
    fixture::deliver(&mut app, rel, generation, file);
    // The fixture's conflicts are made by hand: put them back over the re-read article.
    fixture::set_conflicts(&mut app.desk, &fixture::json());
    assert!(app.select_key("bay-courier.md"));
    press(&mut app, "e");
    let w = written(&press(&mut app, "\n"));
    assert_eq!(w.len(), 2, "{:?}", app.message);
    let (md, json) = (&w[0].1, &w[1].1);
    assert!(md.contains(&format!("<{url}>")), "{md}");
    let v: Value = serde_json::from_str(json).unwrap();
    let from_bay = |x: &&Value| x["article"] == "bay-courier.md";
    let quotes: Vec<&Value> = v["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(from_bay)
        .collect();
    assert!(!quotes.is_empty());
    assert!(quotes.iter().all(|q| q["url"] == url), "{quotes:?}");
    let claims: Vec<&Value> = v["conflicts"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["claims"].as_array().unwrap())
        .filter(from_bay)
        .collect();
    assert!(!claims.is_empty());
    assert!(
        claims
            .iter()
            .all(|c| c["url"] == url && c["end"].as_u64() > c["start"].as_u64())
    );
}

#[cfg(unix)]
#[test]
fn export_refuses_links_that_lead_into_the_folder() {
    use quotedesk::tui::export::{check_target, write_new};
    let d = tempfile::tempdir().unwrap();
    let folder = d.path().join("w");
    let outside = d.path().join("out");
    std::fs::create_dir(&folder).unwrap();
    std::fs::create_dir(&outside).unwrap();
    // A dangling link outside whose target is inside the folder.
    let link = outside.join("x.md");
    std::os::unix::fs::symlink(folder.join("x.md"), &link).unwrap();
    let e = check_target(&folder, &link).unwrap_err();
    assert!(e.contains("symbolic link"), "{e}");
    assert!(write_new(&folder, &link, "x").is_err());
    assert!(!folder.join("x.md").exists());
    // A linked folder outside that is the watched folder.
    let alias = outside.join("alias");
    std::os::unix::fs::symlink(&folder, &alias).unwrap();
    let e = check_target(&folder, &alias.join("y.md")).unwrap_err();
    assert!(e.contains("inside the watched folder"), "{e}");
    assert!(write_new(&folder, &alias.join("y.md"), "y").is_err());
    assert!(!folder.join("y.md").exists());
    // A plain new file outside is written once.
    let ok = outside.join("z.md");
    assert_eq!(
        write_new(&folder, &ok, "z").unwrap(),
        ok.canonicalize().unwrap()
    );
    assert!(write_new(&folder, &ok, "again").is_err());
    assert_eq!(std::fs::read_to_string(&ok).unwrap(), "z");
}

#[test]
fn copy_the_selected_quote() {
    let mut app = fixture::app(80, 24);
    assert!(app.select_key("bay-courier.md"));
    let fx = press(&mut app, "y");
    assert!(fx.is_empty());
    press(&mut app, "3j");
    let fx = press(&mut app, "y");
    // The second quote is indirect speech: copied as reported speech, labelled, never
    // between quotation marks.
    assert_eq!(
        fx,
        vec![Effect::Copy(
            "Samir Haddad said that the inspection could take three weeks [indirect: reported speech]"
                .into()
        )]
    );
    // A direct quote keeps its marks and speaker.
    press(&mut app, "k");
    let fx = press(&mut app, "y");
    assert_eq!(
        fx,
        vec![Effect::Copy(
            "“We will not reopen it until every pier has been checked,” — Lena Ortiz".into()
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

#[test]
fn enter_under_the_unread_filter_keeps_the_chosen_article_open() {
    let mut app = fixture::app(80, 24);
    press(&mut app, "U");
    assert_eq!(keys_of(&app).len(), 3);
    assert!(app.select_key("coastal-ledger.html"));
    let row = app.list_sel;
    press(&mut app, "\n");
    assert!(app.read.contains("coastal-ledger.html"));
    // Still listed, still selected, still the article in the text pane.
    assert_eq!(app.current_id(), Some("coastal-ledger.html"));
    assert_eq!(app.list_sel, row);
    assert_eq!(app.focus, Pane::Text);
    // Scrolling the text does not move it away either.
    press(&mut app, "jj");
    assert_eq!(app.current_id(), Some("coastal-ledger.html"));
    // Back in the list, moving on lets it go.
    press(&mut app, "1j");
    assert_ne!(app.current_id(), Some("coastal-ledger.html"));
    assert!(!keys_of(&app).contains(&"coastal-ledger.html".to_string()));
}

#[test]
fn a_moved_file_keeps_read_state_selection_and_scroll() {
    let mut app = fixture::app(60, 14);
    assert!(app.select_key("bay-courier.md"));
    press(&mut app, "\njj");
    let scroll = app.text_scroll;
    assert!(scroll > 0);
    // A rename: the old path goes, the same content comes back under a new one.
    update(
        &mut app,
        Event::Watch(WatchEvent::Remove(vec!["bay-courier.md".into()])),
    );
    assert_ne!(app.current_id(), Some("bay-courier.md"));
    update(
        &mut app,
        Event::Watch(WatchEvent::Upsert(vec!["archive/bay.md".into()])),
    );
    let mut a = fixture::json()["articles"][0].clone();
    a["path"] = "archive/bay.md".into();
    work(&mut app, &a, 1);
    assert_eq!(app.current_id(), Some("archive/bay.md"));
    assert!(
        !app.is_unread("archive/bay.md"),
        "read state follows the content"
    );
    assert_eq!(app.text_scroll, scroll);
    assert_eq!(app.focus, Pane::Text);
    // Different content under a new path is a new unread article and takes nothing over.
    update(
        &mut app,
        Event::Watch(WatchEvent::Upsert(vec!["other.md".into()])),
    );
    work(&mut app, &new_article("other.md", "Other report"), 1);
    assert!(app.is_unread("other.md"));
    assert_eq!(app.current_id(), Some("archive/bay.md"));
}

#[test]
fn a_move_does_not_pull_back_a_reader_who_moved_on() {
    let mut app = fixture::app(80, 24);
    assert!(app.select_key("bay-courier.md"));
    update(
        &mut app,
        Event::Watch(WatchEvent::Remove(vec!["bay-courier.md".into()])),
    );
    press(&mut app, "g");
    let chosen = app.selected.clone();
    press(&mut app, "j");
    let chosen2 = app.selected.clone();
    assert_ne!(chosen, chosen2);
    update(
        &mut app,
        Event::Watch(WatchEvent::Upsert(vec!["bay2.md".into()])),
    );
    let mut a = fixture::json()["articles"][0].clone();
    a["path"] = "bay2.md".into();
    work(&mut app, &a, 1);
    assert_eq!(app.selected, chosen2);
}

#[test]
fn scope_toggle_moves_both_panes() {
    let mut app = fixture::app(80, 24);
    assert!(app.select_key("bay-courier.md"));
    press(&mut app, "a");
    assert_eq!(app.speaker_scope, Scope::All);
    assert_eq!(app.conflict_scope, Scope::All);
    press(&mut app, "5a");
    assert_eq!(app.speaker_scope, Scope::Story);
    assert_eq!(app.conflict_scope, Scope::Story);
}

#[test]
fn back_from_a_claim_returns_to_the_conflict_opened() {
    let mut app = fixture::app(80, 24);
    assert!(app.select_key("bay-courier.md"));
    press(&mut app, "5j");
    assert_eq!(app.conflict_sel, 1);
    let opened = app.visible_conflicts()[1].clone();
    press(&mut app, "\nl\n");
    assert_eq!(app.overlay, Overlay::None);
    assert_ne!(app.current_id(), Some("bay-courier.md"));
    press(&mut app, "\x1b");
    let Overlay::Evidence(ev) = &app.overlay else {
        panic!("back did not return to the evidence");
    };
    assert_eq!(ev.conflict, opened);
    press(&mut app, "\x1b");
    assert_eq!(app.overlay, Overlay::None);
    assert_eq!(app.focus, Pane::Conflicts);
    assert_eq!(app.conflict_sel, 1, "the conflict opened, not the first");
    assert_eq!(app.visible_conflicts()[app.conflict_sel], &opened);
}

#[test]
fn search_can_be_cleared_by_esc_and_by_clearing_filters() {
    let mut app = fixture::app(80, 24);
    press(&mut app, "/bridge\n");
    assert_eq!(app.search, "bridge");
    press(&mut app, "!");
    assert_eq!(app.search, "bridge", "a filter keeps the search");
    press(&mut app, "x");
    assert!(app.search.is_empty() && app.hits.is_empty());
    assert!(!app.filters.any());
    press(&mut app, "/bridge\n5\n");
    // An evidence jump on the back stack: Esc clears the search first.
    press(&mut app, "\n");
    press(&mut app, "\x1b");
    assert!(app.search.is_empty());
}

#[test]
fn sort_orders_cycle_and_keep_the_selection() {
    let mut app = fixture::app(80, 24);
    assert!(app.select_key("millford-gazette.txt"));
    let titles = |app: &App| -> Vec<String> {
        keys_of(app)
            .iter()
            .map(|k| app.desk.entry(k).unwrap().article.title.clone().unwrap())
            .collect()
    };
    press(&mut app, "o");
    assert_eq!(app.sort, quotedesk::tui::app::Sort::Time);
    assert_eq!(
        keys_of(&app),
        vec![
            "coastal-ledger.html",
            "bay-courier.md",
            "millford-gazette.txt"
        ]
    );
    assert_eq!(app.current_id(), Some("millford-gazette.txt"));
    press(&mut app, "o");
    assert_eq!(app.sort, quotedesk::tui::app::Sort::Outlet);
    assert_eq!(
        keys_of(&app),
        vec![
            "bay-courier.md",
            "coastal-ledger.html",
            "millford-gazette.txt"
        ]
    );
    press(&mut app, "o");
    let mut sorted = titles(&app);
    sorted.sort();
    assert_eq!(titles(&app), sorted);
    press(&mut app, "o");
    assert_eq!(app.sort, quotedesk::tui::app::Sort::Conflicts);
    assert_eq!(keys_of(&app)[2], "millford-gazette.txt");
    press(&mut app, "o");
    assert_eq!(app.sort, quotedesk::tui::app::Sort::Quotes);
    assert_eq!(keys_of(&app)[0], "bay-courier.md", "four quotes");
    press(&mut app, "o");
    assert_eq!(app.sort, quotedesk::tui::app::Sort::Story);
    assert_eq!(app.current_id(), Some("millford-gazette.txt"));
}

#[test]
fn mark_all_read_covers_the_filtered_list_only() {
    let mut app = fixture::app(80, 24);
    press(&mut app, "!");
    assert_eq!(keys_of(&app).len(), 2);
    let fx = press(&mut app, "M");
    assert!(fx.contains(&Effect::SaveState));
    assert!(!app.is_unread("bay-courier.md"));
    assert!(!app.is_unread("coastal-ledger.html"));
    assert!(app.is_unread("millford-gazette.txt"));
    assert!(app.message.as_ref().unwrap().text.contains("2 articles"));
    press(&mut app, "xU");
    let unread: Vec<String> = keys_of(&app)
        .into_iter()
        .filter(|k| app.is_unread(k))
        .collect();
    assert_eq!(unread, vec!["millford-gazette.txt"]);
    press(&mut app, "M");
    assert_eq!(app.message.as_ref().unwrap().text, "marked 1 article read");
}

#[test]
fn open_the_original_only_asks_the_event_loop() {
    let mut app = fixture::app(80, 24);
    assert!(app.select_key("bay-courier.md"));
    let fx = press(&mut app, "v");
    assert_eq!(
        fx,
        vec![Effect::OpenFile("/nonexistent/feeds/bay-courier.md".into())]
    );
    // A file whose name had to be escaped opens under its real name.
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let key = "odd\\\\caf\\xe9 \\#1.txt";
        let mut a = fixture::json()["articles"][2].clone();
        a["path"] = key.into();
        update(&mut app, Event::Watch(WatchEvent::Upsert(vec![key.into()])));
        work(&mut app, &a, 1);
        assert!(app.select_key(key));
        let fx = press(&mut app, "v");
        let real = std::ffi::OsStr::from_bytes(b"odd\\caf\xe9 #1.txt");
        assert_eq!(
            fx,
            vec![Effect::OpenFile(
                std::path::Path::new("/nonexistent/feeds").join(real)
            )]
        );
        assert!(app.select_key("bay-courier.md"));
    }
    // No link in this article: said, nothing launched.
    let fx = press(&mut app, "w");
    assert!(fx.is_empty());
    assert!(app.message.as_ref().unwrap().error);
    let mut a = fixture::json()["articles"][2].clone();
    a["path"] = "linked.md".into();
    update(
        &mut app,
        Event::Watch(WatchEvent::Upsert(vec!["linked.md".into()])),
    );
    let (rel, mut file) = fixture::file(&a);
    file.entries[0].article.url = Some("https://news.example/x".into());
    fixture::deliver(&mut app, rel, 1, file);
    assert!(app.select_key("linked.md"));
    let fx = press(&mut app, "w");
    assert_eq!(fx, vec![Effect::OpenUrl("https://news.example/x".into())]);
    // Only web links go to the opener.
    let id = "linked.md".to_string();
    let mut f = fixture::file(&a).1;
    f.entries[0].article.url = Some("file:///etc/passwd".into());
    update(&mut app, Event::Watch(WatchEvent::Upsert(vec![id.clone()])));
    fixture::deliver(&mut app, id, 2, f);
    let fx = press(&mut app, "w");
    assert!(fx.is_empty(), "{fx:?}");
}

#[test]
fn problems_view_lists_skips_warnings_and_watcher_errors() {
    let mut app = fixture::app(80, 24);
    update(
        &mut app,
        Event::Watch(WatchEvent::Upsert(vec![
            "bad.json".into(),
            "odd.txt".into(),
        ])),
    );
    fixture::deliver(
        &mut app,
        "bad.json".into(),
        1,
        fixture::skipped("bad.json", "invalid JSON at line 3"),
    );
    let mut a = fixture::json()["articles"][2].clone();
    a["path"] = "odd.txt".into();
    let (rel, mut file) = fixture::file(&a);
    file.entries[0].article.warnings = vec!["encoding guessed: windows-1252".into()];
    fixture::deliver(&mut app, rel, 1, file);
    update(
        &mut app,
        Event::Watch(WatchEvent::Error("inotify watch limit reached".into())),
    );
    let list = quotedesk::tui::views::problems::list(&app);
    assert_eq!(quotedesk::tui::views::problems::count(&app), list.len());
    let kinds: Vec<&str> = list.iter().map(|p| p.kind).collect();
    assert_eq!(kinds, vec!["skipped", "warning", "watcher"], "{list:?}");
    assert!(list[0].what.contains("invalid JSON"));
    assert_eq!(list[1].place, "odd.txt");
    assert!(list[2].what.contains("inotify"));
    press(&mut app, "p");
    assert_eq!(app.overlay, Overlay::Problems { scroll: 0 });
    // Three problems fit: scrolling stops at once.
    press(&mut app, "j");
    assert_eq!(app.overlay, Overlay::Problems { scroll: 0 });
    press(&mut app, "q");
    assert_eq!(app.overlay, Overlay::None);
    assert!(!app.quit);
}

#[test]
fn help_overlay_scroll_stops_at_its_end() {
    let mut app = fixture::app(80, 24);
    press(&mut app, "?G");
    let Overlay::Help { scroll } = app.overlay else {
        panic!()
    };
    let max = quotedesk::tui::views::overlay_max_scroll(&app);
    assert!(max > 0);
    assert_eq!(scroll, max);
    press(&mut app, "jjj");
    assert_eq!(app.overlay, Overlay::Help { scroll: max });
}

#[test]
fn the_chosen_article_stays_selected_while_articles_arrive() {
    let j = fixture::json();
    let mut app = App::new(
        Desk::new(),
        "/nonexistent/feeds".into(),
        Theme::new("dark", false),
        Keymap::default(),
    );
    app.size = (80, 24);
    app.now = fixture::now();
    let files: Vec<String> = (0..12).map(|i| format!("f{i:02}.md")).collect();
    update(
        &mut app,
        Event::Listed {
            files: files.clone(),
            error: None,
        },
    );
    // The reader picks a file still being read.
    press(&mut app, "jjjjj");
    let chosen = app.selected.clone().unwrap();
    assert_eq!(chosen, "f05.md");
    // Articles arrive in an order that sorts them above and below the chosen one.
    for (n, rel) in files.iter().rev().enumerate() {
        let mut a = j["articles"][n % 3].clone();
        a["path"] = rel.as_str().into();
        a["title"] = format!("Report {rel}").into();
        work(&mut app, &a, 1);
        assert_eq!(
            app.selected.as_deref(),
            Some(chosen.as_str()),
            "after {rel}"
        );
        let row = app.list_sel;
        assert_eq!(app.rows[row].key(), chosen);
        assert!(row >= app.list_offset && row < app.list_offset + 20);
    }
    assert_eq!(app.current_id(), Some("f05.md"));
}

#[test]
fn a_file_moved_while_the_desk_was_closed_is_selected_again() {
    use quotedesk::tui::state::Saved;
    let old = fixture::app(60, 14);
    let mut before = old;
    assert!(before.select_key("bay-courier.md"));
    press(&mut before, "\n");
    let saved = Saved::of(&before);
    assert!(saved.selected_hash.is_some());
    // A new desk: the folder now holds the article under another name.
    let mut app = App::new(
        Desk::new(),
        "/nonexistent/feeds".into(),
        Theme::new("dark", false),
        Keymap::default(),
    );
    app.size = (60, 14);
    saved.restore(&mut app);
    update(
        &mut app,
        Event::Listed {
            files: vec!["a-first.md".into(), "moved/bay.md".into()],
            error: None,
        },
    );
    let mut other = fixture::json()["articles"][2].clone();
    other["path"] = "a-first.md".into();
    work(&mut app, &other, 1);
    let mut bay = fixture::json()["articles"][0].clone();
    bay["path"] = "moved/bay.md".into();
    work(&mut app, &bay, 1);
    assert_eq!(app.current_id(), Some("moved/bay.md"));
    assert!(!app.is_unread("moved/bay.md"));
}

/// Who-said-what of one story, found from its articles' quotes, is exactly the folder's
/// speakers (in their order) that have a quote in the story or the open article.
#[test]
fn the_story_speakers_are_the_folder_speakers_quoted_in_the_story_in_order() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample");
    let opts = quotedesk::ingest::IngestOptions::default();
    let desk = Desk::load(&root, &opts, &|_, _| {}).unwrap();
    let ids: Vec<String> = desk.entries().map(|e| e.article.id.clone()).collect();
    let mut app = App::new(
        desk,
        root.clone(),
        Theme::new("dark", false),
        Keymap::default(),
    );
    app.speaker_scope = Scope::Story;
    let mut shown = 0;
    for id in &ids {
        app.settle();
        assert!(app.select_key(id), "{id}");
        let members: Vec<&str> = app
            .story_key()
            .and_then(|k| app.desk.stories.get(k))
            .map(|s| s.articles.iter().map(String::as_str).collect())
            .unwrap_or_default();
        let want: Vec<usize> = app
            .desk
            .speakers
            .speakers()
            .into_iter()
            .filter(|s| {
                s.quotes
                    .iter()
                    .any(|q| q.article == *id || members.contains(&q.article.as_str()))
            })
            .map(|s| s.key)
            .collect();
        let got: Vec<usize> = app.visible_speakers().iter().map(|s| s.key).collect();
        assert_eq!(got, want, "{id}");
        shown += got.len();
    }
    assert!(shown > 0, "the sample quotes someone");
}

#[test]
fn an_untouched_list_shows_its_head_while_articles_arrive() {
    let j = fixture::json();
    let mut app = App::new(
        Desk::new(),
        "/nonexistent/feeds".into(),
        Theme::new("dark", false),
        Keymap::default(),
    );
    app.size = (80, 24);
    app.now = fixture::now();
    let files: Vec<String> = (0..12).map(|i| format!("f{i:02}.md")).collect();
    update(
        &mut app,
        Event::Listed {
            files: files.clone(),
            error: None,
        },
    );
    // The last file arrives first and sorts last: without a choice of the reader the
    // selection is the top row, not that first article wherever it sorts.
    for (n, rel) in files.iter().rev().enumerate() {
        let mut a = j["articles"][n % 3].clone();
        a["path"] = rel.as_str().into();
        a["title"] = format!("Report {rel}").into();
        work(&mut app, &a, 1);
        assert_eq!(app.list_offset, 0, "after {rel}");
        assert_eq!(app.selected, Some(first_key(&app)), "after {rel}");
    }
    assert_eq!(app.current_id(), Some(first_key(&app).as_str()));
    // Once the reader moves, the selection is theirs (see the test above for arrivals).
    press(&mut app, "j");
    assert!(app.chosen);
    assert_eq!(app.selected.as_ref(), keys_of(&app).get(1));
}

//! The desk's views rendered into ratatui's TestBackend at 80x24 and 160x48 and snapshotted
//! with insta; plus the style precedence read back from buffer cells.

use crate::fixture;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use quotedesk::tui::app::{App, Pane};
use quotedesk::tui::theme::Theme;
use quotedesk::tui::{Event, update, views};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Modifier;

fn buffer_text(b: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..b.area.height {
        let mut line = String::new();
        for x in 0..b.area.width {
            line.push_str(b[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn draw(app: &App) -> Buffer {
    let mut t = Terminal::new(TestBackend::new(app.size.0, app.size.1)).unwrap();
    t.draw(|f| views::draw(f, app)).unwrap();
    t.backend().buffer().clone()
}

/// The fixture's two bridge reports form one story (its speakers merge across them): the
/// snapshots below are of that grouping, so say so plainly when the analysis changes it.
macro_rules! snap {
    ($e:expr) => {{
        assert_eq!(
            fixture::desk().stories.stories().len(),
            2,
            "the fixture's two bridge reports should form one story"
        );
        insta::assert_snapshot!($e);
    }};
}

fn screen(app: &App) -> String {
    buffer_text(&draw(app))
}

/// Selects the Bay Courier article (the one with four quotes and three conflicts).
fn courier(w: u16, h: u16) -> App {
    let mut app = fixture::app(w, h);
    assert!(app.select_key("bay-courier.md"));
    app
}

fn press(app: &mut App, keys: &str) {
    for c in keys.chars() {
        let code = match c {
            '\n' => KeyCode::Enter,
            '\t' => KeyCode::Tab,
            '\x1b' => KeyCode::Esc,
            c => KeyCode::Char(c),
        };
        update(app, Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    }
}

#[test]
fn narrow_article_list() {
    let app = fixture::app(80, 24);
    snap!(screen(&app));
}

#[test]
fn narrow_source_text_with_quote_selected() {
    let mut app = courier(80, 24);
    press(&mut app, "\n]");
    assert_eq!(app.focus, Pane::Text);
    snap!(screen(&app));
}

#[test]
fn narrow_quotes() {
    let mut app = courier(80, 24);
    press(&mut app, "3j");
    snap!(screen(&app));
}

#[test]
fn narrow_who_said_what() {
    let mut app = fixture::app(80, 24);
    press(&mut app, "4");
    snap!(screen(&app));
}

#[test]
fn narrow_conflicts() {
    let mut app = fixture::app(80, 24);
    press(&mut app, "5");
    snap!(screen(&app));
}

#[test]
fn narrow_conflict_evidence() {
    let mut app = fixture::app(80, 24);
    press(&mut app, "5\n");
    snap!(screen(&app));
}

#[test]
fn narrow_help_overlay() {
    let mut app = fixture::app(80, 24);
    press(&mut app, "?");
    snap!(screen(&app));
}

#[test]
fn too_small_message() {
    let app = fixture::app(40, 10);
    let s = screen(&app);
    assert!(s.contains("terminal too small"), "{s}");
    snap!(s);
}

#[test]
fn wide_desk() {
    let mut app = courier(160, 48);
    press(&mut app, "\n]");
    snap!(screen(&app));
}

#[test]
fn wide_conflict_evidence() {
    let mut app = courier(160, 48);
    press(&mut app, "5j\n");
    snap!(screen(&app));
}

#[test]
fn wide_help_overlay() {
    let mut app = fixture::app(160, 48);
    press(&mut app, "?");
    snap!(screen(&app));
}

#[test]
fn wide_speaker_quotes_across_articles() {
    let mut app = fixture::app(160, 48);
    press(&mut app, "4a\n");
    snap!(screen(&app));
}

/// Finds the cell where `needle` starts inside the text pane (first occurrence).
fn cell_of(app: &App, b: &Buffer, needle: &str) -> (u16, u16) {
    let r = quotedesk::tui::layout::pane_rect(app, Pane::Text).expect("text pane on screen");
    for y in r.y..r.y + r.height {
        let mut line = String::new();
        let mut xs = Vec::new();
        for x in r.x..r.x + r.width {
            for _ in b[(x, y)].symbol().chars() {
                xs.push(x);
            }
            line.push_str(b[(x, y)].symbol());
        }
        if let Some(byte) = line.find(needle) {
            let i = line[..byte].chars().count();
            return (xs[i], y);
        }
    }
    panic!("{needle:?} not in the text pane:\n{}", buffer_text(b));
}

#[test]
fn style_precedence_in_cells() {
    // Article 1: "About 4,000 commuters" is a conflict claim outside any quote; the
    // first quote starts with "We will not reopen".
    let mut app = courier(160, 48);
    press(&mut app, "\n");
    let t = app.theme.clone();
    let b = draw(&app);
    // Conflict mark alone: conflict style.
    let (x, y) = cell_of(&app, &b, "4,000 commuters");
    assert_eq!(b[(x, y)].fg, t.conflict.fg.unwrap());
    assert!(b[(x, y)].modifier.contains(Modifier::UNDERLINED));
    // Quote colour alone: the speaker's colour.
    let (qx, qy) = cell_of(&app, &b, "We will not");
    let colour = t.speakers[t.speaker_index("Lena Ortiz")];
    assert_eq!(b[(qx, qy)].fg, colour);
    // A search match over the quote beats the quote colour.
    press(&mut app, "/reopen it\n");
    let b = draw(&app);
    let (sx, sy) = cell_of(&app, &b, "reopen it");
    // The current hit is the selection; selection beats search.
    assert_eq!(b[(sx, sy)].bg, t.text_selected.bg.unwrap());
    // Move the selection to the next quote: the old hit shows the search style over the
    // quote colour.
    press(&mut app, "]");
    let b = draw(&app);
    assert_eq!(b[(sx, sy)].bg, t.search.bg.unwrap());
    assert_eq!(b[(sx, sy)].fg, t.search.fg.unwrap());
    // The words after the hit are still in the quote colour.
    let (ux, uy) = cell_of(&app, &b, "until every");
    assert_eq!(b[(ux, uy)].fg, colour);
}

#[test]
fn selection_beats_conflict_mark_in_cells() {
    let mut app = courier(160, 48);
    press(&mut app, "\n}");
    let t = app.theme.clone();
    let b = draw(&app);
    let (x, y) = cell_of(&app, &b, "4,000 commuters");
    assert_eq!(b[(x, y)].bg, t.text_selected.bg.unwrap());
    // The gutter shows the hard conflict sign on that line.
    let text = buffer_text(&b);
    let line = text.lines().nth(y as usize).unwrap();
    assert!(line.contains("! About 4,000"), "{line}");
}

#[test]
fn no_color_theme_has_no_colours_on_screen() {
    let mut app = courier(160, 48);
    app.theme = Theme::new("dark", true);
    press(&mut app, "\n]");
    let b = draw(&app);
    for cell in b.content() {
        assert_eq!(cell.fg, ratatui::style::Color::Reset);
        assert_eq!(cell.bg, ratatui::style::Color::Reset);
    }
    // Meaning survives: the selected quote is reversed.
    let (x, y) = cell_of(&app, &b, "reopen it until");
    assert!(b[(x, y)].modifier.contains(Modifier::REVERSED));
}

#[test]
fn control_characters_never_reach_the_screen() {
    let j = fixture::json();
    let mut a = j["articles"][2].clone();
    a["path"] = "evil.txt".into();
    a["title"] = "Bell\u{7} and \u{1b}[31mred".into();
    a["text"] = "Plain \u{1b}]0;owned\u{7} text. \"People kept asking when they could come back,\" head librarian Tomas Brandt said. Brandt said the children's section had been rebuilt with new shelves.".into();
    let mut app = fixture::app(160, 48);
    let (rel, f) = fixture::file(&a);
    app.files.insert(
        rel.clone(),
        quotedesk::tui::app::FileState {
            generation: 1,
            analysed: false,
            arrival: false,
        },
    );
    fixture::deliver(&mut app, rel, 1, f);
    assert!(app.select_key("evil.txt"));
    let b = draw(&app);
    for cell in b.content() {
        assert!(
            !cell.symbol().chars().any(char::is_control),
            "control char {:?} on screen",
            cell.symbol()
        );
    }
}

/// Every string the desk draws that came from outside (titles, outlets, skip reasons,
/// watcher errors, a path typed or pasted into the export prompt) is drawn without
/// control, escape or bidi characters (`is_unsafe`: C0, C1, DEL, U+202E and the other
/// overrides), even when it reaches the view unsanitised.
#[test]
fn hostile_strings_are_never_drawn_raw() {
    use quotedesk::ingest::sanitize::is_unsafe;
    let junk = "\u{1b}]0;owned\u{7}\u{202e}\u{85}\r\u{7f}";
    let j = fixture::json();
    let mut a = j["articles"][2].clone();
    a["path"] = "evil.txt".into();
    a["title"] = format!("Quarry{junk} road").into();
    a["source"] = format!("Vale{junk} Courier").into();
    let mut app = fixture::app(160, 48);
    let (rel, mut f) = fixture::file(&a);
    f.entries[0].article.warnings = vec![format!("encoding guessed{junk}")];
    for (rel, file) in [
        (rel, f),
        (
            "bad.xml".to_string(),
            fixture::skipped(
                "bad.xml",
                &format!("malformed XML (unexpected {junk} at 1:5)"),
            ),
        ),
    ] {
        update(
            &mut app,
            Event::Watch(quotedesk::watch::WatchEvent::Upsert(vec![rel.clone()])),
        );
        fixture::deliver(&mut app, rel, 1, file);
    }
    update(
        &mut app,
        Event::Watch(quotedesk::watch::WatchEvent::Error(format!(
            "watch failed{junk}"
        ))),
    );
    let check = |app: &App, what: &str| {
        let b = draw(app);
        for cell in b.content() {
            assert!(
                !cell.symbol().chars().any(is_unsafe),
                "{what}: {:?} on screen:\n{}",
                cell.symbol(),
                buffer_text(&b)
            );
        }
    };
    assert!(app.select_key("evil.txt"));
    check(&app, "the article");
    assert!(screen(&app).contains("Quarry"));
    press(&mut app, "p");
    let s = screen(&app);
    assert!(
        s.contains("malformed XML") && s.contains("watch failed"),
        "{s}"
    );
    // The reason says which bytes were bad instead of silently dropping them.
    assert!(s.contains("unexpected \\u{1b}]0;owned"), "{s}");
    check(&app, "the problems view");
    assert!(s.contains("\\u{202e}"), "{s}");
    press(&mut app, "\x1b");
    // A pasted path with an override, refused: the prompt and the message are drawn clean.
    assert!(app.select_key("evil.txt"));
    press(&mut app, "e");
    app.input.as_mut().unwrap().buffer = format!("/nonexistent{junk}/x.md");
    check(&app, "the export prompt");
    press(&mut app, "\n");
    assert!(app.message.is_some());
    check(&app, "the export message");
}

/// A skipped file's reason is readable whole in the text pane (wrapped, never cut), at
/// any width the desk draws.
#[test]
fn a_long_skip_reason_is_shown_whole() {
    let reason = "malformed XML (unable to parse XML: Parser error: ill-formed document: \
                  expected the closing tag of the channel element, but the end of the file \
                  came first at line 4012, column 17: trailingwordzz)";
    for (w, h) in [(80, 24), (160, 48)] {
        let mut app = fixture::app(w, h);
        update(
            &mut app,
            Event::Watch(quotedesk::watch::WatchEvent::Upsert(vec!["bad.xml".into()])),
        );
        fixture::deliver(
            &mut app,
            "bad.xml".into(),
            1,
            fixture::skipped("bad.xml", reason),
        );
        // Not a row of the list: the status bar counts it as skipped apart from other
        // problems, and the problems view gives the reason, wrapped, whole.
        assert!(!app.select_key("bad.xml"));
        let status = screen(&app).lines().next().unwrap_or_default().to_string();
        if w >= 160 {
            assert!(status.contains("· 1 skipped (p)"), "{status}");
        }
        press(&mut app, "p");
        let s = screen(&app);
        assert!(s.contains("trailingwordzz)"), "{w}x{h}:\n{s}");
        assert!(s.contains("bad.xml"), "{w}x{h}:\n{s}");
    }
}

#[test]
fn narrow_startup_shows_the_list_and_progress_at_once() {
    let mut app = App::new(
        quotedesk::desk::Desk::new(),
        "/nonexistent/feeds".into(),
        Theme::new("dark", false),
        quotedesk::tui::keymap::Keymap::default(),
    );
    app.folder_label = "~/feeds".into();
    app.size = (80, 24);
    app.now = fixture::now();
    update(
        &mut app,
        Event::Listed {
            files: vec!["a.md".into(), "b.html".into(), "c.txt".into()],
            error: None,
        },
    );
    let j = fixture::json();
    let mut a = j["articles"][0].clone();
    a["path"] = "b.html".into();
    let (rel, file) = fixture::file(&a);
    fixture::deliver(&mut app, rel, 1, file);
    let s = screen(&app);
    assert!(s.contains("analysing 1/3"), "{s}");
    snap!(s);
}

#[test]
fn narrow_search_in_the_text() {
    let mut app = courier(80, 24);
    press(&mut app, "\n/bridge\n");
    let s = screen(&app);
    assert!(s.contains("/bridge"), "{s}");
    snap!(s);
}

#[test]
fn every_size_and_view_draws_without_panicking() {
    let sizes = [
        (1, 1),
        (2, 3),
        (10, 5),
        (49, 11),
        (50, 12),
        (51, 13),
        (64, 18),
        (100, 30),
        (119, 19),
        (120, 20),
        (133, 21),
        (200, 60),
    ];
    for (w, h) in sizes {
        for keys in ["", "\n]}", "3j", "4a\n", "5\n", "5\nl", "?", "/bri", "e"] {
            let mut app = courier(w, h);
            press(&mut app, keys);
            let s = screen(&app);
            if w < 50 || h < 12 {
                assert!(s.contains("too small") || w < 20 || h < 3, "{w}x{h}:\n{s}");
            }
        }
    }
}

/// Every visible character of `b` against its background: WCAG contrast >= 3 on the
/// default palette of each common terminal that has a stock profile of the theme's kind
/// (xterm, Tango, GNOME, Terminal.app, Windows Terminal, Konsole), with that profile's
/// colours for `Reset`.
fn assert_readable(app: &App, b: &Buffer, what: &str) {
    use quotedesk::tui::theme::{PALETTES, contrast};
    let mut checked = 0;
    for p in PALETTES {
        let Some((bg0, fg0)) = p.profile(app.theme.name) else {
            continue;
        };
        checked += 1;
        for y in 0..b.area.height {
            for x in 0..b.area.width {
                let c = &b[(x, y)];
                if c.symbol().trim().is_empty() {
                    continue;
                }
                let (mut f, mut g) = (p.rgb(c.fg, fg0), p.rgb(c.bg, bg0));
                if c.modifier.contains(Modifier::REVERSED) {
                    std::mem::swap(&mut f, &mut g);
                }
                let r = contrast(f, g);
                assert!(
                    r >= 3.0,
                    "{} theme on {}, {what}: {:?} at {x},{y} has contrast {r:.2} ({:?} on {:?})\n{}",
                    app.theme.name,
                    p.name,
                    c.symbol(),
                    c.fg,
                    c.bg,
                    buffer_text(b)
                );
            }
        }
    }
    assert!(checked >= 4, "{} theme: too few palettes", app.theme.name);
}

#[test]
fn both_themes_are_readable_in_every_view() {
    for theme in ["dark", "light"] {
        for keys in ["", "\n]", "\n}", "3j", "4a\n", "5\n", "?", "p", "/bridge\n"] {
            let mut app = courier(160, 48);
            app.theme = Theme::new(theme, false);
            app.new_ids.insert("coastal-ledger.html".into());
            update(
                &mut app,
                Event::Watch(quotedesk::watch::WatchEvent::Error("watch limit".into())),
            );
            press(&mut app, keys);
            let b = draw(&app);
            assert_readable(&app, &b, &format!("keys {keys:?}"));
        }
    }
}

#[test]
fn the_selected_row_shows_the_rest_of_a_long_title() {
    let j = fixture::json();
    let mut app = fixture::app(160, 48);
    for (i, rel) in ["l1.md", "l2.md"].iter().enumerate() {
        let mut a = j["articles"][2].clone();
        a["path"] = (*rel).into();
        a["title"] = format!(
            "The Latest: council votes on the harbour budget after a long night, part {}",
            i + 1
        )
        .into();
        let (rel, f) = fixture::file(&a);
        app.files.insert(
            rel.clone(),
            quotedesk::tui::app::FileState {
                generation: 1,
                analysed: false,
                arrival: false,
            },
        );
        fixture::deliver(&mut app, rel, 1, f);
    }
    assert!(app.select_key("l1.md"));
    let s = screen(&app);
    assert!(s.contains("after a long night, part 1"), "{s}");
    assert!(!s.contains("after a long night, part 2"), "{s}");
    assert!(app.select_key("l2.md"));
    let s = screen(&app);
    assert!(s.contains("after a long night, part 2"), "{s}");
    // Clicks below the two-line row still land on the row drawn there.
    let list = quotedesk::tui::layout::pane_rect(&app, Pane::List).unwrap();
    let sel_line = (app.list_sel - app.list_offset) as u16;
    let below = app.rows[app.list_sel + 1].key().to_string();
    let click = |y| {
        Event::Mouse(crossterm::event::MouseEvent {
            kind: crossterm::event::MouseEventKind::Down(crossterm::event::MouseButton::Left),
            column: list.x + 3,
            row: y,
            modifiers: KeyModifiers::NONE,
        })
    };
    update(&mut app, click(list.y + 1 + sel_line + 2));
    assert_eq!(app.selected.as_deref(), Some(below.as_str()));
}

#[test]
fn counts_are_said_in_words_with_singulars() {
    let j = fixture::json();
    let mut desk = quotedesk::desk::Desk::new();
    let (rel, f) = fixture::file(&j["articles"][2]);
    desk.apply_file(&rel, f);
    let mut app = App::new(
        desk,
        "/nonexistent/feeds".into(),
        Theme::new("dark", false),
        quotedesk::tui::keymap::Keymap::default(),
    );
    app.size = (120, 30);
    let s = screen(&app);
    let status = s.lines().next().unwrap();
    assert!(
        status.contains("1 article · 1 story · 0 conflicts"),
        "{status}"
    );
}

#[test]
fn help_shows_config_names_and_marks_cut_lines() {
    let mut app = fixture::app(60, 24);
    press(&mut app, "?");
    let s = screen(&app);
    assert!(s.contains("next_quote"), "{s}");
    assert!(s.contains("pane_speakers"), "{s}");
    // At 60 columns the long descriptions are cut, and say so.
    assert!(s.lines().any(|l| l.contains("…")), "{s}");
    // More below, shown in the border; at the end, no more.
    assert!(s.contains("↓ more"), "{s}");
    press(&mut app, "G");
    let s = screen(&app);
    assert!(s.contains("↑ end"), "{s}");
    assert!(s.contains("next_quote = [\"ctrl-n\"]"), "{s}");
}

#[test]
fn readme_key_table_is_the_keymap() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    let keys = readme
        .split("\n## Keys\n")
        .nth(1)
        .expect("a ## Keys section")
        .split("\n## ")
        .next()
        .unwrap();
    let table: String = keys
        .lines()
        .filter(|l| l.starts_with('|'))
        .map(|l| format!("{l}\n"))
        .collect();
    let want = quotedesk::tui::keymap::readme_table();
    assert_eq!(
        table, want,
        "README.md's ## Keys table differs from the keymap; paste this table:\n{want}"
    );
}

/// The README table, the `?` overlay and the behaviour agree: every key the table lists
/// for an action is drawn on that action's row of the overlay, and pressing it reaches
/// that action (no default key is shadowed by another action or dropped by the keymap).
#[test]
fn help_overlay_and_key_dispatch_follow_the_key_table() {
    use quotedesk::tui::keymap::{ACTIONS, Key, Keymap};
    let keymap = Keymap::default();
    let mut app = fixture::app(160, 60);
    press(&mut app, "?");
    let s = screen(&app);
    for a in ACTIONS {
        let listed: Vec<String> = a
            .keys
            .iter()
            .map(|k| Key::parse(k).expect("a key of the table").label())
            .collect();
        assert_eq!(keymap.labels(a.action), listed, "{}: keys in force", a.name);
        let row = s
            .lines()
            .find(|l| l.contains(&format!(" {} ", a.name)))
            .unwrap_or_else(|| panic!("{} missing from the overlay:\n{s}", a.name));
        assert!(
            row.contains(&format!(" {} ", listed.join(" "))),
            "{}: keys {listed:?} not on its overlay row: {row}",
            a.name
        );
        for k in a.keys {
            let key = Key::parse(k).unwrap();
            let mut mods = KeyModifiers::NONE;
            if key.ctrl {
                mods |= KeyModifiers::CONTROL;
            }
            if key.alt {
                mods |= KeyModifiers::ALT;
            }
            if matches!(key.code, KeyCode::Char(c) if c.is_ascii_uppercase())
                || key.code == KeyCode::BackTab
            {
                mods |= KeyModifiers::SHIFT; // as terminals send them
            }
            assert_eq!(
                keymap.action(&KeyEvent::new(key.code, mods)),
                Some(a.action),
                "{k} does not reach {}",
                a.name
            );
        }
    }
}

#[test]
fn the_list_title_says_the_sort_order() {
    let mut app = courier(80, 24);
    assert!(!screen(&app).contains("by time"));
    press(&mut app, "o");
    let s = screen(&app);
    assert!(s.contains("Articles (3) ─ by time"), "{s}");
}

/// Grouped by story, the list marks where each story begins (its label and article
/// count; the reports no other joined share one head) and `)`/`(` jump story to story;
/// the heads are never selected and say how many of a story's articles a filter hides.
#[test]
fn the_list_marks_its_stories_and_jumps_between_them() {
    let mut app = fixture::app(100, 30);
    let story = app.desk.stories.story_of("bay-courier.md").unwrap();
    let label = story.label.clone();
    let s = screen(&app);
    assert!(s.contains(&format!("── {label} · 2 articles ─")), "{s}");
    assert!(s.contains("── single reports · 1 article ─"), "{s}");
    let heads = app.rows.iter().filter(|r| r.is_head()).count();
    assert_eq!(heads, 2, "{:?}", app.rows);
    assert_eq!(app.listed_rows, 3);
    assert!(s.contains("Articles (3)"), "{s}");
    let first = app.selected.clone().unwrap();
    press(&mut app, ")");
    assert_eq!(app.current_id(), Some("millford-gazette.txt"));
    press(&mut app, ")");
    assert_eq!(
        app.current_id(),
        Some("millford-gazette.txt"),
        "no story after"
    );
    assert!(
        app.message
            .as_ref()
            .unwrap()
            .text
            .contains("no story after")
    );
    press(&mut app, "(");
    assert_eq!(app.selected.as_ref(), Some(&first));
    // Inside a story, `(` goes to its first article; from there, to the story before.
    press(&mut app, "j");
    assert_ne!(app.selected.as_ref(), Some(&first));
    press(&mut app, "(");
    assert_eq!(app.selected.as_ref(), Some(&first));
    press(&mut app, "(");
    assert!(
        app.message
            .as_ref()
            .unwrap()
            .text
            .contains("no story before")
    );
    // A filter that hides one of the story's articles says so on its head.
    assert!(app.select_key("bay-courier.md"));
    press(&mut app, "m");
    press(&mut app, "U");
    press(&mut app, "j");
    let s = screen(&app);
    assert!(s.contains("· 1 of 2 articles ─"), "{s}");
    // Sorted otherwise, there are no heads and the jump says why.
    press(&mut app, "xo");
    assert!(app.rows.iter().all(|r| !r.is_head()));
    press(&mut app, ")");
    assert!(
        app.message
            .as_ref()
            .unwrap()
            .text
            .contains("sorted by story")
    );
}

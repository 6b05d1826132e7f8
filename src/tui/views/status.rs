//! The status bar (folder, counts, progress, watcher health, last change), the help line
//! (key hints, messages, prompts) and the tab bar of narrow terminals.

use super::{fit, pad};
use crate::tui::app::{App, InputKind, WatchHealth};
use crate::tui::keymap::Action;
use crate::tui::layout::tab_label;
use crate::tui::update::count;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

pub fn draw_status(frame: &mut Frame, app: &App, area: Rect) {
    let t = &app.theme;
    let w = area.width as usize;
    let problems = super::problems::count(app);
    let mut left = format!(
        " quotedesk  {}  {} · {} · {}",
        app.folder_label,
        count(app.desk.len(), "article", "articles"),
        count(app.counts.0, "story", "stories"),
        count(app.counts.1, "conflict", "conflicts"),
    );
    if problems > 0 {
        // Skipped files are named apart: they are articles the reader does not see at all,
        // while other problems (encodings, watcher errors) leave the article on the desk.
        let skipped = app.desk.skipped().count();
        let mut parts = Vec::new();
        if skipped > 0 {
            parts.push(format!("{skipped} skipped"));
        }
        if problems > skipped {
            parts.push(count(problems - skipped, "problem", "problems"));
        }
        left.push_str(&format!(
            " · {} ({})",
            parts.join(" · "),
            app.keymap.first(Action::Problems)
        ));
    }
    let (done, total) = app.progress();
    let mut right = String::new();
    if done < total {
        let bar_w = 10;
        let filled = done * bar_w / total.max(1);
        right.push_str(&format!(
            "analysing {done}/{total} {}{}  ",
            "▰".repeat(filled),
            "▱".repeat(bar_w - filled)
        ));
    } else if app.desk.is_finishing() {
        right.push_str("grouping stories…  ");
    }
    let (watch, watch_style) = match &app.watch {
        WatchHealth::Starting => ("watcher starting".to_string(), t.status),
        WatchHealth::Watching => ("watching ●".to_string(), t.status),
        WatchHealth::Error(e) => (format!("watcher: {e}"), t.status_error),
    };
    let last = match app.last_change {
        Some(at) => format!("  last change {} ", at.format("%H:%M:%S")),
        None => " ".to_string(),
    };
    let right_w = right.width() + watch.width() + last.width();
    let left = pad(
        &fit(&left, w.saturating_sub(right_w + 1)),
        w.saturating_sub(right_w),
    );
    let line = Line::from(vec![
        Span::styled(left, t.status),
        Span::styled(right, t.status),
        Span::styled(fit(&watch, w), watch_style),
        Span::styled(last, t.status),
    ]);
    frame.render_widget(Paragraph::new(line).style(t.status), area);
}

pub fn draw_help_line(frame: &mut Frame, app: &App, area: Rect) {
    let t = &app.theme;
    let w = area.width as usize;
    if let Some(input) = &app.input {
        let (prompt, hint) = match input.kind {
            InputKind::Search => {
                let count = if input.buffer.is_empty() {
                    String::new()
                } else {
                    format!("  {}", count(app.hits.len(), "match", "matches"))
                };
                ("/", format!("{count}  Enter keep · Esc cancel"))
            }
            InputKind::Export => (
                "export to: ",
                "  .md or .json · Enter write · Esc cancel".into(),
            ),
        };
        let line = Line::from(vec![
            Span::styled(prompt, t.title),
            Span::styled(input.buffer.clone(), t.base),
            Span::styled("▏", t.border_focus),
            Span::styled(hint, t.dim),
        ]);
        frame.render_widget(Paragraph::new(line), area);
        return;
    }
    if let Some(m) = &app.message {
        frame.render_widget(
            Paragraph::new(fit(&m.text, w)).style(if m.error { t.error } else { t.ok }),
            area,
        );
        return;
    }
    let k = &app.keymap;
    let found = match (app.hits.len(), app.hit_sel) {
        (0, _) => "no match".to_string(),
        (n, Some(i)) => format!("{}/{n}", i + 1),
        (n, None) => count(n, "match", "matches"),
    };
    let mut parts: Vec<(String, &str)> = vec![
        (k.first(Action::Help), "help"),
        (k.first(Action::Search), "search"),
        (k.first(Action::NextPane), "pane"),
        (
            format!(
                "{}/{}",
                k.first(Action::NextQuote),
                k.first(Action::PrevQuote)
            ),
            "quote",
        ),
        (
            format!(
                "{}/{}",
                k.first(Action::NextConflict),
                k.first(Action::PrevConflict)
            ),
            "conflict",
        ),
        (k.first(Action::Open), "open"),
        (k.first(Action::MarkUnread), "unread"),
        (k.first(Action::Export), "export"),
        (k.first(Action::Quit), "quit"),
    ];
    if !app.search.is_empty() {
        parts.insert(0, (format!("/{}", app.search), found.as_str()));
        parts.insert(
            1,
            (
                format!(
                    "{}/{}",
                    k.first(Action::SearchNext),
                    k.first(Action::SearchPrev)
                ),
                "next/prev",
            ),
        );
    }
    let mut spans = vec![Span::raw(" ")];
    let mut used = 1;
    for (key, what) in parts {
        let add = key.width() + what.width() + 3;
        if used + add > w {
            break;
        }
        used += add;
        spans.push(Span::styled(key, t.title));
        spans.push(Span::styled(format!(" {what}  "), t.help));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

pub fn draw_tabs(frame: &mut Frame, app: &App, area: Rect) {
    let t = &app.theme;
    let mut spans = Vec::new();
    for p in crate::tui::app::Pane::ALL {
        let label = format!(" {} ", tab_label(p));
        let style = if p == app.focus {
            t.row_selected
        } else {
            t.dim
        };
        spans.push(Span::styled(label, style));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

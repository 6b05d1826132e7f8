//! Views: pure functions of `&App` that draw into a `Frame`, one file per pane.

pub mod conflicts;
pub mod evidence;
pub mod help;
pub mod list;
pub mod problems;
pub mod quotes;
pub mod speakers;
pub mod status;
pub mod text;

use super::app::{App, Overlay, Pane, clean};
use super::layout::{self, Mode};
use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Borders, Paragraph, Wrap};
use unicode_width::UnicodeWidthChar;

/// Draws the whole desk for the current state.
pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    if layout::mode(area.width, area.height) == Mode::Tiny {
        too_small(frame, area);
        return;
    }
    let a = layout::areas(app);
    status::draw_status(frame, app, a.status);
    status::draw_help_line(frame, app, a.help);
    if let Some(t) = a.tabs {
        status::draw_tabs(frame, app, t);
    }
    for (pane, rect) in &a.panes {
        match pane {
            Pane::List => list::draw(frame, app, *rect),
            Pane::Text => text::draw(frame, app, *rect),
            Pane::Quotes => quotes::draw(frame, app, *rect),
            Pane::Speakers => speakers::draw(frame, app, *rect),
            Pane::Conflicts => conflicts::draw(frame, app, *rect),
        }
    }
    match &app.overlay {
        Overlay::None => {}
        Overlay::Help { scroll } => help::draw(frame, app, a.body, *scroll),
        Overlay::Evidence(ev) => evidence::draw(frame, app, a.body, ev),
        Overlay::Problems { scroll } => problems::draw(frame, app, a.body, *scroll),
    }
}

/// How far the open help or problems overlay can scroll (its last line at the bottom).
pub fn overlay_max_scroll(app: &App) -> usize {
    let body = layout::areas(app).body;
    let len = match &app.overlay {
        Overlay::Help { .. } => help::rows(app).len(),
        Overlay::Problems { .. } => problems::rows(app).len(),
        _ => 0,
    };
    help::max_scroll(body, len)
}

fn too_small(frame: &mut Frame, area: Rect) {
    let msg = vec![
        Line::from("terminal too small:"),
        Line::from(format!(
            "need {}x{}, have {}x{}",
            layout::MIN_WIDTH,
            layout::MIN_HEIGHT,
            area.width,
            area.height
        )),
    ];
    let y = area.height.saturating_sub(2) / 2;
    let r = Rect::new(
        area.x,
        area.y + y,
        area.width,
        area.height.saturating_sub(y),
    );
    frame.render_widget(
        Paragraph::new(msg)
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true }),
        r,
    );
}

/// The bordered block of a pane: number, title, focus colour.
pub fn pane_block(app: &App, pane: Pane, title: String) -> Block<'static> {
    let focused = app.focus == pane && matches!(app.overlay, Overlay::None);
    let (style, kind) = if focused {
        (app.theme.border_focus, BorderType::Thick)
    } else {
        (app.theme.border, BorderType::Plain)
    };
    Block::default()
        .borders(Borders::ALL)
        .border_type(kind)
        .border_style(style)
        .title(Line::styled(
            format!(" {} {} ", pane.index() + 1, clean(&title)),
            if focused {
                app.theme.title.patch(app.theme.border_focus)
            } else {
                app.theme.title
            },
        ))
}

/// A quote's words for a list row, keeping its kind: between quotation marks when the
/// words are the speaker's own, as "reported:" (no marks) for indirect speech.
pub fn quoted(kind: crate::analysis::quotes::QuoteKind, words: &str) -> String {
    let words = words.split_whitespace().collect::<Vec<_>>().join(" ");
    match kind {
        crate::analysis::quotes::QuoteKind::Indirect => format!("reported: {words}"),
        _ => format!("“{words}”"),
    }
}

/// Cuts `s` to at most `width` display columns, ending with `…` when cut.
/// The title of a pane `area_width` wide with a loading desk's note: the long note
/// when it fits the top border, else the short one, else cut with an ellipsis, so that
/// a number is never cut into another one.
pub fn titled(base: String, notes: Option<[String; 2]>, area_width: u16) -> String {
    let Some(notes) = notes else {
        return base;
    };
    // Borders, and the pane number around the title.
    let room = (area_width as usize).saturating_sub(6);
    for note in &notes {
        let t = format!("{base} ─ {note}");
        if fit(&t, room) == t {
            return t;
        }
    }
    fit(&format!("{base} ─ {}", notes[1]), room)
}

pub fn fit(s: &str, width: usize) -> String {
    let s = clean(s);
    let total: usize = s.chars().map(|c| c.width().unwrap_or(0)).sum();
    if total <= width {
        return s.into_owned();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if w + cw + 1 > width {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push('…');
    out
}

/// Pads `s` (already fitted) with spaces to `width` columns.
pub fn pad(s: &str, width: usize) -> String {
    let w: usize = s.chars().map(|c| c.width().unwrap_or(0)).sum();
    let mut out = s.to_string();
    for _ in w..width {
        out.push(' ');
    }
    out
}

/// A short date for lists: time of day for today, day and month otherwise.
pub fn short_time(app: &App, t: Option<chrono::DateTime<chrono::FixedOffset>>) -> String {
    match t {
        None => String::new(),
        Some(t) if t.date_naive() == app.now.date_naive() => t.format("%H:%M").to_string(),
        Some(t) => t.format("%-d %b").to_string(),
    }
}

/// Fills a line with `style` (for selected rows).
pub fn row_style(app: &App, selected: bool, focused: bool) -> Style {
    if selected && focused {
        app.theme.row_selected
    } else if selected {
        app.theme
            .row_selected
            .remove_modifier(ratatui::style::Modifier::BOLD)
    } else {
        Style::default()
    }
}

#[cfg(test)]
mod tests {
    use super::titled;

    #[test]
    fn a_loading_note_shortens_to_fit_and_never_cuts_a_number() {
        let notes = || Some(["preview of 322 articles".into(), "preview".into()]);
        let base = || "Who said what ─ this story (4)".to_string();
        let long = "Who said what ─ this story (4) ─ preview of 322 articles";
        assert_eq!(titled(base(), notes(), 80), long);
        // Too narrow for the long note: the short one, whole.
        assert_eq!(
            titled(base(), notes(), 50),
            "Who said what ─ this story (4) ─ preview"
        );
        // Narrower still: cut, and the cut shows.
        let cut = titled(base(), notes(), 30);
        assert!(cut.ends_with('…'), "{cut}");
        assert!(cut.chars().count() <= 24);
        // No note: the title as it was.
        assert_eq!(titled(base(), None, 10), base());
    }
}

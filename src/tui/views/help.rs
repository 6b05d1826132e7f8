//! The `?` overlay: every binding in force with its config action name, from the keymap
//! table; and the frame shared with the problems overlay (scrolling that stops at the end,
//! cut lines marked with `…`, more above/below shown in the border).

use super::fit;
use crate::tui::app::App;
use crate::tui::keymap::ACTIONS;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph};

/// Widest an overlay gets.
pub const MAX_WIDTH: u16 = 96;

/// One line of an overlay: (text, style) pieces, cut to the box width when drawn.
pub type Row = Vec<(String, Style)>;

pub fn rows(app: &App) -> Vec<Row> {
    let t = &app.theme;
    let mut out: Vec<Row> = vec![vec![
        (format!(" {:<14}", "keys"), t.dim),
        (format!("{:<17}", "config name"), t.dim),
        ("what it does".into(), t.dim),
    ]];
    for a in ACTIONS {
        let keys = app.keymap.labels(a.action).join(" ");
        out.push(vec![
            (format!(" {:<14}", keys), t.title),
            (format!("{:<16} ", a.name), t.help),
            (a.description.to_string(), t.base),
        ]);
    }
    out.push(vec![]);
    for l in [
        " In the text: quotes in their speaker's colour, speaker underlined,",
        " cue in italics; ! hard / ~ soft conflict in the gutter.",
        " List: ● unread, new = arrived while open, 5q quotes, 2! conflicts.",
        " Keys can be changed in config.toml [keys] by config name,",
        " e.g. next_quote = [\"ctrl-n\"].",
    ] {
        out.push(vec![(l.to_string(), t.dim)]);
    }
    out
}

/// Where an overlay of `len` lines goes inside `area`.
pub fn rect(area: Rect, len: usize) -> Rect {
    let w = area.width.min(MAX_WIDTH);
    let h = area.height.min(len as u16 + 2);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// The largest useful scroll of an overlay of `len` lines in `area`: the last line at the
/// bottom, never past it.
pub fn max_scroll(area: Rect, len: usize) -> usize {
    let inner = rect(area, len).height.saturating_sub(2) as usize;
    len.saturating_sub(inner)
}

/// Cuts one row to `width` columns; a cut row ends with `…`.
fn cut(row: Row, width: usize) -> Line<'static> {
    let mut spans = Vec::new();
    let mut left = width;
    for (text, style) in row {
        if left == 0 {
            break;
        }
        let w = unicode_width::UnicodeWidthStr::width(text.as_str());
        let piece = if w > left { fit(&text, left) } else { text };
        left = left.saturating_sub(unicode_width::UnicodeWidthStr::width(piece.as_str()));
        spans.push(Span::styled(piece, style));
    }
    Line::from(spans)
}

/// Draws an overlay box with `title`, scrolled by `scroll` (clamped to its end).
pub fn draw_box(
    frame: &mut Frame,
    app: &App,
    area: Rect,
    title: &str,
    body: Vec<Row>,
    scroll: usize,
) {
    let t = &app.theme;
    let len = body.len();
    let r = rect(area, len);
    let scroll = scroll.min(max_scroll(area, len));
    let inner_h = r.height.saturating_sub(2) as usize;
    let inner_w = r.width.saturating_sub(2) as usize;
    frame.render_widget(Clear, r);
    let mut block = Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Thick)
        .border_style(t.border_focus)
        .title(Line::styled(format!(" {title} "), t.title));
    let more_above = scroll > 0;
    let more_below = scroll + inner_h < len;
    if more_above || more_below {
        let mark = match (more_above, more_below) {
            (true, true) => format!(" ↑↓ {}/{} ", scroll + inner_h, len),
            (true, false) => format!(" ↑ end {len}/{len} "),
            _ => format!(" ↓ more {}/{} ", inner_h, len),
        };
        block = block.title_bottom(Line::styled(mark, t.title).right_aligned());
    }
    let shown: Vec<Line> = body
        .into_iter()
        .skip(scroll)
        .take(inner_h)
        .map(|row| cut(row, inner_w))
        .collect();
    frame.render_widget(Paragraph::new(shown).block(block), r);
}

pub fn draw(frame: &mut Frame, app: &App, area: Rect, scroll: usize) {
    draw_box(
        frame,
        app,
        area,
        "Keys (j/k scroll, any other key closes)",
        rows(app),
        scroll,
    );
}

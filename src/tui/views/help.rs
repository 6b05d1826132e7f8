//! The `?` overlay: every binding in force, from the keymap table.

use crate::tui::app::App;
use crate::tui::keymap::ACTIONS;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph};

pub fn lines(app: &App) -> Vec<Line<'static>> {
    let t = &app.theme;
    let mut out = Vec::new();
    for a in ACTIONS {
        let keys = app.keymap.labels(a.action).join(" ");
        out.push(Line::from(vec![
            Span::styled(format!(" {:<14}", keys), t.title),
            Span::styled(a.description.to_string(), t.base),
        ]));
    }
    out.push(Line::from(""));
    out.push(Line::styled(
        " In the text: quotes in their speaker's colour, speaker underlined, ",
        t.dim,
    ));
    out.push(Line::styled(
        " cue in italics; ! hard / ~ soft conflict in the gutter.",
        t.dim,
    ));
    out.push(Line::styled(
        " List: ● unread, new = arrived while open, 5q quotes, 2! conflicts.",
        t.dim,
    ));
    out.push(Line::styled(
        " Keys can be changed in config.toml [keys], e.g. next_quote = [\"ctrl-n\"].",
        t.dim,
    ));
    out
}

pub fn draw(frame: &mut Frame, app: &App, area: Rect, scroll: usize) {
    let t = &app.theme;
    let body = lines(app);
    let w = area.width.min(80);
    let h = area.height.min(body.len() as u16 + 2);
    let r = Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    );
    frame.render_widget(Clear, r);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Thick)
        .border_style(t.border_focus)
        .title(Line::styled(" Keys (any key closes, j/k scroll) ", t.title));
    let shown: Vec<Line> = body.into_iter().skip(scroll).collect();
    frame.render_widget(Paragraph::new(shown).block(block), r);
}

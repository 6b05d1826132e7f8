//! The evidence of one conflict: its reason on top, then one column per article with
//! each claim highlighted inside its paragraph.

use super::conflicts::{outlet, sign};
use super::fit;
use super::text::{Mark, styled_line};
use crate::analysis::conflicts::Severity;
use crate::text::Span as TextSpan;
use crate::tui::app::{App, Evidence};
use crate::tui::wrap;
use ratatui::Frame;
use ratatui::layout::{Constraint, Direction, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph};

pub fn draw(frame: &mut Frame, app: &App, area: Rect, ev: &Evidence) {
    let t = &app.theme;
    let c = &ev.conflict;
    frame.render_widget(Clear, area);
    let sev = match c.severity {
        Severity::Hard => t.hard,
        Severity::Soft => t.soft,
    };
    let outer = Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Thick)
        .border_style(t.border_focus)
        .title(Line::from(vec![
            Span::styled(" Evidence ", t.title),
            Span::styled(format!("{} ", sign(c)), sev),
            Span::styled(format!("[{}] ", c.kind.as_str()), t.dim),
            Span::styled(format!("{} ", fit(&c.subject, 60)), t.title),
        ]));
    let inner = outer.inner(area);
    frame.render_widget(outer, area);
    if inner.height < 3 || inner.width < 10 {
        return;
    }
    let w = inner.width as usize;
    let [head, cols_area] = Layout::default()
        .direction(Direction::Vertical)
        .constraints([Constraint::Length(2), Constraint::Min(1)])
        .areas(inner);
    frame.render_widget(
        Paragraph::new(vec![
            Line::styled(fit(&c.summary, w), t.base),
            Line::styled(
                fit(
                    "←/→ column · Enter go to this claim in its article · Esc back",
                    w,
                ),
                t.dim,
            ),
        ]),
        head,
    );
    let articles = ev.articles();
    if articles.is_empty() {
        return;
    }
    let n = articles.len() as u32;
    let cols = Layout::default()
        .direction(Direction::Horizontal)
        .constraints((0..n).map(|_| Constraint::Ratio(1, n)))
        .split(cols_area);
    for (i, (art, rect)) in articles.iter().zip(cols.iter()).enumerate() {
        let focused = i == ev.column;
        let title = match app.desk.entry(art) {
            Some(e) => format!(
                " {} · {} ",
                outlet(app, art),
                e.article.title.as_deref().unwrap_or(&e.article.path)
            ),
            None => format!(" {art} (gone) "),
        };
        let block = Block::default()
            .borders(Borders::ALL)
            .border_type(if focused {
                BorderType::Thick
            } else {
                BorderType::Plain
            })
            .border_style(if focused { t.border_focus } else { t.border })
            .title(Line::styled(
                fit(&title, rect.width.saturating_sub(2) as usize),
                t.title,
            ));
        let col_inner = block.inner(*rect);
        frame.render_widget(block, *rect);
        let Some(e) = app.desk.entry(art) else {
            continue;
        };
        let cw = col_inner.width as usize;
        let text = &e.article.text;
        let claims: Vec<&crate::analysis::conflicts::Claim> =
            c.claims.iter().filter(|cl| cl.article == *art).collect();
        let mut lines: Vec<Line> = Vec::new();
        for cl in &claims {
            let para = e
                .analysis
                .model
                .paragraph_at(cl.span.start)
                .and_then(|p| e.analysis.model.paragraphs.get(p).copied())
                .filter(|p| p.start <= cl.span.start && cl.span.end <= p.end)
                .unwrap_or(cl.span);
            let hl = vec![
                (cl.span, Mark::Conflict(c.severity)),
                (cl.span, Mark::Selected),
            ];
            lines.push(Line::from(vec![
                Span::styled("value: ", t.dim),
                Span::styled(fit(&cl.value, cw.saturating_sub(7)), sev),
            ]));
            for wl in wrap::wrap(text, &[TextSpan::new(para.start, para.end)], cw) {
                lines.push(styled_line(t, text, &wl, &hl));
            }
            lines.push(Line::from(""));
        }
        let shown: Vec<Line> = lines
            .into_iter()
            .skip(ev.scroll)
            .take(col_inner.height as usize)
            .collect();
        frame.render_widget(Paragraph::new(shown), col_inner);
    }
}

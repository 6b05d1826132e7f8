//! Quotes of the current article: speaker (in their colour), kind, and the words.

use super::{fit, pad, pane_block, row_style};
use crate::tui::app::{App, Pane};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Lines per quote in the pane.
pub const ITEM_HEIGHT: usize = 2;

pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let t = &app.theme;
    let entry = app.current();
    let n = entry.map_or(0, |e| e.analysis.quotes.len());
    let block = pane_block(app, Pane::Quotes, format!("{} ({n})", Pane::Quotes.title()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    let w = inner.width as usize;
    let Some(e) = entry else { return };
    if n == 0 {
        frame.render_widget(
            Paragraph::new(fit("no quotes found in this article", w)).style(t.dim),
            inner,
        );
        return;
    }
    let id = e.article.id.as_str();
    let focused = app.focus == Pane::Quotes;
    let per_page = (inner.height as usize / ITEM_HEIGHT).max(1);
    let mut lines = Vec::new();
    for (i, q) in e
        .analysis
        .quotes
        .iter()
        .enumerate()
        .skip(app.quote_offset)
        .take(per_page)
    {
        let selected = i == app.quote_sel;
        let sel = row_style(app, selected, focused);
        let name = app
            .speaker_name(id, e, q)
            .unwrap_or_else(|| "(unattributed)".into());
        let colour = app
            .quote_colour(id, e, q)
            .map(|c| t.speaker_style(c))
            .unwrap_or(t.dim);
        let kind = q.kind.as_str();
        let name_w = w.saturating_sub(kind.len() + 3);
        lines.push(Line::from(vec![
            Span::styled(if selected { "▶ " } else { "  " }, sel),
            Span::styled(
                pad(&fit(&name, name_w), name_w),
                if selected { sel } else { colour },
            ),
            Span::styled(format!(" {kind}"), if selected { sel } else { t.dim }),
        ]));
        let words = e.article.text.get(q.span.start..q.span.end).unwrap_or("");
        let words = super::quoted(q.kind, words);
        lines.push(Line::from(Span::styled(
            pad(&fit(&format!("  {words}"), w), w),
            if selected { sel } else { t.base },
        )));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

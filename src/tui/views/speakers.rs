//! Who said what: the speakers of the story (or the folder), name variants merged, roles,
//! quote counts; Enter shows one speaker's quotes across articles.

use super::{fit, pad, pane_block, row_style, titled};
use crate::analysis::entities::EntityKind;
use crate::tui::app::{App, Pane, Scope};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Lines per speaker in the pane.
pub const ITEM_HEIGHT: usize = 2;

pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let t = &app.theme;
    let focused = app.focus == Pane::Speakers;
    if let Some(sp) = app.open_speaker() {
        let block = pane_block(
            app,
            Pane::Speakers,
            format!(
                "{} ─ {} ({} quotes)",
                Pane::Speakers.title(),
                sp.name,
                sp.quotes.len()
            ),
        );
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let w = inner.width as usize;
        let per_page = (inner.height as usize / 2).max(1);
        let first = app
            .speaker_quote_sel
            .saturating_sub(per_page.saturating_sub(1));
        let mut lines = Vec::new();
        for (i, r) in sp.quotes.iter().enumerate().skip(first).take(per_page) {
            let selected = i == app.speaker_quote_sel;
            let sel = row_style(app, selected, focused);
            let (title, words) = match app.desk.entry(&r.article) {
                Some(e) => {
                    let title = e
                        .article
                        .title
                        .clone()
                        .unwrap_or_else(|| e.article.path.clone());
                    let outlet = e.article.source.clone().unwrap_or_default();
                    let words = e
                        .analysis
                        .quotes
                        .get(r.quote)
                        .map(|q| {
                            let t = e.article.text.get(q.span.start..q.span.end).unwrap_or("");
                            super::quoted(q.kind, t)
                        })
                        .unwrap_or_default();
                    (
                        if outlet.is_empty() {
                            title
                        } else {
                            format!("{outlet} · {title}")
                        },
                        words,
                    )
                }
                None => (r.article.clone(), String::new()),
            };
            lines.push(Line::from(vec![
                Span::styled(if selected { "▶ " } else { "  " }, sel),
                Span::styled(
                    pad(&fit(&title, w.saturating_sub(2)), w.saturating_sub(2)),
                    if selected { sel } else { t.dim },
                ),
            ]));
            lines.push(Line::styled(
                pad(&fit(&format!("  {words}"), w), w),
                if selected { sel } else { t.base },
            ));
        }
        frame.render_widget(Paragraph::new(lines), inner);
        return;
    }
    let count = app.speaker_count();
    let scope = match app.speaker_scope {
        Scope::Story => "this story",
        Scope::All => "whole folder",
    };
    let loading = app.loading_notes();
    let title = format!("{} ─ {scope} ({count})", Pane::Speakers.title());
    let title = titled(title, loading.clone(), area.width);
    let block = pane_block(app, Pane::Speakers, title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    let w = inner.width as usize;
    if count == 0 {
        let empty = match loading {
            Some(_) => "speakers not grouped yet: the folder is loading",
            None => "no speakers quoted here",
        };
        frame.render_widget(Paragraph::new(fit(empty, w)).style(t.dim), inner);
        return;
    }
    let per_page = (inner.height as usize / ITEM_HEIGHT).max(1);
    let mut lines = Vec::new();
    let page = app.speaker_page(app.speaker_offset, per_page);
    for (i, s) in (app.speaker_offset..).zip(page) {
        let selected = i == app.speaker_sel;
        let sel = row_style(app, selected, focused);
        let colour = t.speaker_style(t.speaker_index(&s.name));
        let count = format!(" {:>3}q", s.quotes.len());
        let org = if s.kind == EntityKind::Organisation {
            " org"
        } else {
            ""
        };
        let name_w = w.saturating_sub(count.len() + org.len() + 2);
        lines.push(Line::from(vec![
            Span::styled(if selected { "▶ " } else { "  " }, sel),
            Span::styled(
                pad(&fit(&s.name, name_w), name_w),
                if selected { sel } else { colour },
            ),
            Span::styled(org, if selected { sel } else { t.dim }),
            Span::styled(count, if selected { sel } else { t.dim }),
        ]));
        let others: Vec<&String> = s.aliases.iter().filter(|a| **a != s.name).collect();
        let mut detail = s.roles.join(" · ");
        if !others.is_empty() {
            if !detail.is_empty() {
                detail.push_str("  ");
            }
            detail.push_str("also: ");
            detail.push_str(
                &others
                    .iter()
                    .map(|a| a.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            );
        }
        lines.push(Line::styled(
            pad(&fit(&format!("  {detail}"), w), w),
            if selected { sel } else { t.dim },
        ));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

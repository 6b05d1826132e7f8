//! Conflicts of the story (or folder): `!` hard / `~` soft, kind badge, subject, summary,
//! and the claims side by side with the outlets that made them.

use super::{fit, pad, pane_block, row_style, titled};
use crate::analysis::conflicts::{Conflict, Severity};
use crate::tui::app::{App, Pane, Scope};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Lines per conflict in the pane.
pub const ITEM_HEIGHT: usize = 3;

/// The outlet (or file) an article is known by.
pub fn outlet(app: &App, article: &str) -> String {
    match app.desk.entry(article) {
        Some(e) => e
            .article
            .source
            .clone()
            .unwrap_or_else(|| e.article.path.clone()),
        None => article.to_string(),
    }
}

pub fn sign(c: &Conflict) -> &'static str {
    match c.severity {
        Severity::Hard => "!",
        Severity::Soft => "~",
    }
}

pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let t = &app.theme;
    let conflicts = app.visible_conflicts();
    let scope = match app.conflict_scope {
        Scope::Story => "this story",
        Scope::All => "whole folder",
    };
    let loading = app.loading_notes();
    let title = format!(
        "{} ─ {scope} ({})",
        Pane::Conflicts.title(),
        conflicts.len()
    );
    let title = titled(title, loading.clone(), area.width);
    let block = pane_block(app, Pane::Conflicts, title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    let w = inner.width as usize;
    if conflicts.is_empty() {
        let empty = match loading {
            Some(_) => "none found yet: the folder is loading",
            None => "no conflicting facts found",
        };
        frame.render_widget(Paragraph::new(fit(empty, w)).style(t.dim), inner);
        return;
    }
    let focused = app.focus == Pane::Conflicts;
    let per_page = (inner.height as usize / ITEM_HEIGHT).max(1);
    let mut lines = Vec::new();
    for (i, c) in conflicts
        .iter()
        .enumerate()
        .skip(app.conflict_offset)
        .take(per_page)
    {
        let selected = i == app.conflict_sel;
        let sel = row_style(app, selected, focused);
        let sev = match c.severity {
            Severity::Hard => t.hard,
            Severity::Soft => t.soft,
        };
        let badge = format!("[{}]", c.kind.as_str());
        let subj_w = w.saturating_sub(badge.len() + 4);
        lines.push(Line::from(vec![
            Span::styled(if selected { "▶" } else { " " }, sel),
            Span::styled(sign(c), if selected { sel } else { sev }),
            Span::styled(format!(" {badge} "), if selected { sel } else { t.dim }),
            Span::styled(
                pad(&fit(&c.subject, subj_w), subj_w),
                if selected { sel } else { t.title },
            ),
        ]));
        lines.push(Line::styled(
            pad(&fit(&format!("   {}", c.summary), w), w),
            if selected { sel } else { t.base },
        ));
        let sides: Vec<String> = c
            .claims
            .iter()
            .map(|cl| format!("{}: {}", outlet(app, &cl.article), cl.value))
            .collect();
        lines.push(Line::styled(
            pad(&fit(&format!("   {}", sides.join("  │  ")), w), w),
            if selected { sel } else { t.conflict },
        ));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

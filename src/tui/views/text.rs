//! The source text: wrapped and scrollable; quotes in their speaker's colour, the speaker
//! mention and cue marked, conflicting facts marked with a gutter sign, search matches and
//! the current selection on top (precedence in `Theme::text_style`).

use super::{fit, pane_block, short_time};
use crate::analysis::conflicts::Severity;
use crate::desk::Entry;
use crate::text::Span as TextSpan;
use crate::tui::app::{App, Pane, Row};
use crate::tui::layout::{GUTTER, TEXT_HEADER};
use crate::tui::theme::{Marks, Theme};
use crate::tui::update::count;
use crate::tui::wrap::WLine;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// A range of the text and what it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    Quote(Option<usize>),
    Mention,
    Cue,
    Conflict(Severity),
    Search,
    Selected,
}

/// Every marked range of the current article that overlaps `window` (the bytes on screen).
pub fn highlights(app: &App, entry: &Entry, window: TextSpan) -> Vec<(TextSpan, Mark)> {
    let id = entry.article.id.as_str();
    let mut v = Vec::new();
    let near = |s: &TextSpan| s.start <= window.end && window.start <= s.end;
    for q in entry.analysis.quotes.iter().filter(|q| near(&q.span)) {
        v.push((q.span, Mark::Quote(app.quote_colour(id, entry, q))));
        if let Some(m) = q.mention {
            v.push((m, Mark::Mention));
        }
        if let Some(c) = q.cue {
            v.push((c, Mark::Cue));
        }
    }
    for c in app.conflicts_of_article(id) {
        for cl in c.claims.iter().filter(|cl| cl.article == id) {
            v.push((cl.span, Mark::Conflict(c.severity)));
        }
    }
    for h in &app.hits {
        if h.id == id
            && let Some(s) = h.span
            && near(&s)
        {
            v.push((s, Mark::Search));
        }
    }
    if let Some(s) = app.text_sel {
        v.push((s, Mark::Selected));
    }
    v
}

/// The marks covering byte `pos`.
fn marks_at(hl: &[(TextSpan, Mark)], pos: usize) -> Marks {
    let mut m = Marks::default();
    for (s, k) in hl {
        if s.start <= pos && pos < s.end {
            match k {
                Mark::Quote(c) => m.quote = m.quote.or(*c).or(Some(usize::MAX)),
                Mark::Mention => m.mention = true,
                Mark::Cue => m.cue = true,
                Mark::Conflict(_) => m.conflict = true,
                Mark::Search => m.search = true,
                Mark::Selected => m.selected = true,
            }
        }
    }
    // An unattributed quote has no speaker colour.
    if m.quote == Some(usize::MAX) {
        m.quote = None;
    }
    m
}

/// One display line as styled spans (control characters drawn as spaces).
pub fn styled_line(
    theme: &Theme,
    text: &str,
    wl: &WLine,
    hl: &[(TextSpan, Mark)],
) -> Line<'static> {
    if wl.start >= wl.end || wl.end > text.len() {
        return Line::from("");
    }
    let local: Vec<(TextSpan, Mark)> = hl
        .iter()
        .filter(|(s, _)| s.start < wl.end && wl.start < s.end)
        .copied()
        .collect();
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut cur = String::new();
    let mut cur_style: Option<Style> = None;
    for (i, c) in text[wl.start..wl.end].char_indices() {
        let style = theme.text_style(marks_at(&local, wl.start + i));
        if cur_style != Some(style) {
            if let Some(s) = cur_style {
                spans.push(Span::styled(std::mem::take(&mut cur), s));
            }
            cur_style = Some(style);
        }
        cur.push(if c.is_control() { ' ' } else { c });
    }
    if let Some(s) = cur_style {
        spans.push(Span::styled(cur, s));
    }
    Line::from(spans)
}

/// The gutter sign of a line: `!`/`~` for a hard/soft conflict claim on it.
fn gutter(theme: &Theme, wl: &WLine, hl: &[(TextSpan, Mark)]) -> Span<'static> {
    let mut sign: Option<Severity> = None;
    let mut sel = false;
    if wl.para.is_none() {
        return Span::raw("  ");
    }
    for (s, k) in hl {
        if s.start < wl.end && wl.start < s.end {
            match k {
                Mark::Conflict(Severity::Hard) => sign = Some(Severity::Hard),
                Mark::Conflict(Severity::Soft) if sign.is_none() => sign = Some(Severity::Soft),
                Mark::Selected => sel = true,
                _ => {}
            }
        }
    }
    match (sign, sel) {
        (Some(Severity::Hard), _) => Span::styled("! ", theme.hard),
        (Some(Severity::Soft), _) => Span::styled("~ ", theme.soft),
        (None, true) => Span::styled("▌ ", theme.border_focus),
        (None, false) => Span::raw("  "),
    }
}

pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let t = &app.theme;
    let row = app.selected_row().cloned();
    let entry = app.current();
    let title = match entry {
        Some(e) => e.article.path.clone(),
        None => Pane::Text.title().to_string(),
    };
    let block = pane_block(app, Pane::Text, title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    let Some(e) = entry else {
        let msg = match row {
            Some(Row::Pending(rel)) => format!("reading {rel}…"),
            _ => "no article selected".to_string(),
        };
        // Wrapped, not cut. A path's odd characters are written out (`\u{1b}`), not
        // dropped.
        frame.render_widget(
            Paragraph::new(crate::ingest::sanitize::escape_unsafe(&msg))
                .style(t.dim)
                .wrap(ratatui::widgets::Wrap { trim: true }),
            inner,
        );
        return;
    };
    let w = inner.width as usize;
    let id = e.article.id.as_str();
    let title = e.article.title.as_deref().unwrap_or(&e.article.path);
    let mut byline = Vec::new();
    if let Some(s) = &e.article.source {
        byline.push(s.clone());
    }
    let when = short_time(app, e.article.published);
    if !when.is_empty() {
        byline.push(when);
    }
    byline.push(count(e.analysis.quotes.len(), "quote", "quotes"));
    let nc = app.conflicts_of_article(id).len();
    if nc > 0 {
        byline.push(count(nc, "conflict", "conflicts"));
    }
    if !app.is_unread(id) {
        byline.push("read".into());
    }
    let header = vec![
        Line::styled(fit(title, w), t.title),
        Line::styled(fit(&byline.join(" · "), w), t.dim),
    ];
    let head_h = TEXT_HEADER.min(inner.height);
    frame.render_widget(
        Paragraph::new(header),
        Rect::new(inner.x, inner.y, inner.width, head_h),
    );
    let body = Rect::new(
        inner.x,
        inner.y + head_h,
        inner.width,
        inner.height - head_h,
    );
    if body.height == 0 || body.width <= GUTTER {
        return;
    }
    let text_w = (body.width - GUTTER) as usize;
    let lines = app.wrapped(e, text_w);
    let scroll = app.text_scroll.min(lines.len().saturating_sub(1));
    let visible = &lines[scroll.min(lines.len())..(scroll + body.height as usize).min(lines.len())];
    let window = match (visible.first(), visible.last()) {
        (Some(a), Some(b)) => TextSpan::new(a.start, b.end.max(a.start)),
        _ => TextSpan::default(),
    };
    let hl = highlights(app, e, window);
    let shown: Vec<Line> = visible
        .iter()
        .map(|wl| {
            let mut l = styled_line(t, &e.article.text, wl, &hl);
            l.spans.insert(0, gutter(t, wl, &hl));
            l
        })
        .collect();
    frame.render_widget(Paragraph::new(shown), body);
    // A scroll position hint on the bottom border.
    if lines.len() > body.height as usize && area.height > 0 {
        let pct = (scroll + body.height as usize).min(lines.len()) * 100 / lines.len().max(1);
        let label = format!(" {pct}% ");
        let x = area.x + area.width.saturating_sub(label.len() as u16 + 2);
        frame
            .buffer_mut()
            .set_string(x, area.y + area.height - 1, label, t.dim);
    }
}

//! The article list: unread dot, title, new-arrival mark, outlet, time, quote and
//! conflict counts; grouped by story, a head row where each story begins; files still
//! being read at the end (files that gave nothing are in the problems view).

use super::{fit, pad, pane_block, row_style, short_time};
use crate::analysis::conflicts::Severity;
use crate::tui::app::{App, Pane, Row, clean};
use crate::tui::update::count;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let mut title = format!("{} ({})", Pane::List.title(), app.listed_rows);
    let f = &app.filters;
    let mut tags = Vec::new();
    if f.unread {
        tags.push("unread".to_string());
    }
    if f.conflicts {
        tags.push("conflicts".to_string());
    }
    if let Some(k) = f.story {
        let label = app
            .desk
            .stories
            .get(k)
            .map(|s| s.label.clone())
            .unwrap_or_default();
        tags.push(format!("story: {}", fit(&label, 24)));
    }
    if let Some(k) = f.speaker {
        let name = app
            .desk
            .speakers
            .get(k)
            .filter(|s| !s.quotes.is_empty())
            .map(|s| s.name.clone())
            .unwrap_or_default();
        tags.push(format!("speaker: {}", fit(&name, 20)));
    }
    if app.sort != crate::tui::app::Sort::Story {
        tags.push(format!("by {}", app.sort.label()));
    }
    if !tags.is_empty() {
        title.push_str(" ─ ");
        title.push_str(&tags.join(", "));
    }
    let block = pane_block(app, Pane::List, title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    let w = inner.width as usize;
    if app.rows.is_empty() {
        let msg = if app.filters.any() {
            "nothing matches the filters (x clears them)"
        } else if !app.listed {
            "listing files…"
        } else {
            "no articles in this folder yet"
        };
        frame.render_widget(Paragraph::new(fit(msg, w)).style(app.theme.dim), inner);
        return;
    }
    let focused = app.focus == Pane::List;
    let page = || {
        app.rows
            .iter()
            .enumerate()
            .skip(app.list_offset)
            .take(inner.height as usize)
    };
    // The outlet column only when some article on this page names its outlet.
    let outlets = page().any(|(_, r)| match r {
        Row::Article(id) => app
            .desk
            .entry(id)
            .is_some_and(|e| e.article.source.is_some()),
        _ => false,
    });
    let rest = second_line(app);
    let mut lines: Vec<Line> = Vec::new();
    for (i, row) in page() {
        lines.push(row_line(app, row, i == app.list_sel, focused, w, outlets));
        if i == app.list_sel
            && let Some(rest) = &rest
        {
            let style = row_style(app, true, focused);
            lines.push(Line::from(Span::styled(
                pad(&format!("   {}", fit(rest, w.saturating_sub(4))), w),
                style,
            )));
        }
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

fn row_line(
    app: &App,
    row: &Row,
    selected: bool,
    focused: bool,
    w: usize,
    outlets: bool,
) -> Line<'static> {
    let t = &app.theme;
    let sel_style = row_style(app, selected, focused);
    let pointer = if selected { "▶" } else { " " };
    match row {
        Row::Article(id) => {
            let Some(e) = app.desk.entry(id) else {
                return Line::from("");
            };
            let unread = app.is_unread(id);
            let conflicts = app.conflicts_of_article(id);
            let hard = conflicts
                .iter()
                .filter(|c| c.severity == Severity::Hard)
                .count();
            let (cnum, csign, cstyle) = if hard > 0 {
                (conflicts.len().to_string(), "!", t.hard)
            } else if !conflicts.is_empty() {
                (conflicts.len().to_string(), "~", t.soft)
            } else {
                (String::new(), " ", t.dim)
            };
            let outlet_w = match w {
                _ if !outlets => 0,
                60.. => 14,
                44.. => 9,
                _ => 0,
            };
            let outlet = e.article.source.as_deref().unwrap_or("");
            let time = short_time(app, e.article.published);
            let quotes = e.analysis.quotes.len();
            let meta = format!(
                "{} {:>6} {:>3}q ",
                if outlet_w > 0 {
                    format!(" {}", pad(&fit(outlet, outlet_w), outlet_w))
                } else {
                    String::new()
                },
                time,
                quotes
            );
            let is_new = app.new_ids.contains(id);
            let new_w = if is_new { 4 } else { 0 };
            let title = e.article.title.as_deref().unwrap_or(&e.article.path);
            // A selected title too long for its row takes the whole row and a second line
            // (the outlet, time and count are in the text pane's header).
            let title_cols = unicode_width::UnicodeWidthStr::width(clean(title).as_ref());
            let two_lines = selected && second_line(app).is_some();
            let meta =
                if selected && title_cols > w.saturating_sub(6 + meta.chars().count() + new_w) {
                    String::new()
                } else {
                    meta
                };
            let fixed = 3 + meta.chars().count() + 3 + new_w;
            let title_w = w.saturating_sub(fixed);
            let title_cell = if two_lines {
                pad(&head(title, title_w), title_w)
            } else {
                pad(&fit(title, title_w), title_w)
            };
            let mut spans = vec![
                Span::styled(
                    if unread { "●" } else { " " },
                    if selected { sel_style } else { t.unread },
                ),
                Span::styled(format!("{pointer} "), sel_style),
                Span::styled(title_cell, sel_style),
            ];
            if is_new {
                spans.push(Span::styled(
                    " new",
                    if selected { sel_style } else { t.new_mark },
                ));
            }
            spans.push(Span::styled(meta, if selected { sel_style } else { t.dim }));
            spans.push(Span::styled(
                format!("{:>2}{}", cnum, csign),
                if selected { sel_style } else { cstyle },
            ));
            Line::from(spans)
        }
        Row::Pending(rel) => Line::from(vec![
            Span::styled(" ", sel_style),
            Span::styled(pointer, sel_style),
            Span::styled(
                pad(
                    &fit(&format!("{rel}  reading…"), w.saturating_sub(2)),
                    w.saturating_sub(2),
                ),
                if selected { sel_style } else { t.dim },
            ),
        ]),
        Row::Story { key, shown } => story_head(app, *key, *shown, w),
    }
}

/// The row above a story's articles: `── label · 3 articles ───`, or `3 of 5 articles`
/// when filters hide some; the reports no other joined share one head at the end.
fn story_head(app: &App, key: Option<usize>, shown: usize, w: usize) -> Line<'static> {
    let story = key.and_then(|k| app.desk.stories.get(k));
    let (label, total) = match story {
        Some(s) => (s.label.as_str(), s.articles.len()),
        None => ("single reports", shown),
    };
    let n = if shown == total {
        count(total, "article", "articles")
    } else {
        format!("{shown} of {total} articles")
    };
    let tail = format!(" · {n} ");
    let label_w = w.saturating_sub(3 + tail.chars().count() + 1);
    let text = format!("── {}{tail}", fit(label, label_w));
    let fill = w.saturating_sub(unicode_width::UnicodeWidthStr::width(text.as_str()));
    Line::from(vec![
        Span::styled(fit(&text, w), app.theme.title),
        Span::styled("─".repeat(fill), app.theme.dim),
    ])
}

/// The start of `s` that fits `width` columns, cut at a word when one ends close by.
fn head(s: &str, width: usize) -> String {
    let s = clean(s);
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if w + cw > width {
            break;
        }
        out.push(c);
        w += cw;
    }
    if out.len() < s.len()
        && let Some(sp) = out.rfind(' ')
        && sp * 3 >= out.len() * 2
    {
        out.truncate(sp);
    }
    out
}

/// The rest of the selected article's title when it does not fit one row: shown on a
/// second line under the selected row (so twelve "The Latest: ..." titles stay apart).
pub fn second_line(app: &App) -> Option<String> {
    let Some(Row::Article(id)) = app.selected_row() else {
        return None;
    };
    let e = app.desk.entry(id)?;
    let rect = crate::tui::layout::pane_rect(app, Pane::List)
        .or_else(|| Some(crate::tui::layout::areas(app).body))?;
    let w = rect.width.saturating_sub(2) as usize;
    let new_w = if app.new_ids.contains(id) { 4 } else { 0 };
    let title_w = w.saturating_sub(3 + 3 + new_w);
    let title = clean(e.article.title.as_deref().unwrap_or(&e.article.path)).into_owned();
    if unicode_width::UnicodeWidthStr::width(title.as_str()) <= title_w {
        return None;
    }
    let first = head(&title, title_w);
    let rest = title[first.len()..].trim_start().to_string();
    (!rest.is_empty()).then_some(rest)
}

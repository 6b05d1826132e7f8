//! The problems overlay (`p`): files that gave nothing or not everything, with the reason;
//! articles read with a guessed encoding or other warnings; watcher errors of this session.

use super::help::{self, Row};
use crate::ingest::sanitize::escape_unsafe;
use crate::tui::app::{App, WatchHealth, clean};
use ratatui::Frame;
use ratatui::layout::Rect;
use unicode_width::UnicodeWidthStr;

/// One problem: what kind, where, what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub kind: &'static str,
    pub place: String,
    pub what: String,
}

/// Every problem known now, skipped files first.
pub fn list(app: &App) -> Vec<Problem> {
    let mut v = Vec::new();
    for s in app.desk.skipped() {
        v.push(Problem {
            kind: if app.desk.articles_of_file(&s.path).is_empty() {
                "skipped"
            } else {
                "partly read"
            },
            place: s.path.clone(),
            what: s.reason.clone(),
        });
    }
    for e in app.desk.entries() {
        for w in &e.article.warnings {
            v.push(Problem {
                kind: "warning",
                place: e.article.id.clone(),
                what: w.clone(),
            });
        }
    }
    // Watcher errors of this session (oldest first); the current one if none was logged.
    for w in &app.watch_errors {
        v.push(Problem {
            kind: "watcher",
            place: String::new(),
            what: w.clone(),
        });
    }
    if let WatchHealth::Error(e) = &app.watch
        && app.watch_errors.is_empty()
    {
        v.push(Problem {
            kind: "watcher",
            place: String::new(),
            what: e.clone(),
        });
    }
    v
}

/// How many problems [`list`] would give, without building it (drawn on every frame).
pub fn count(app: &App) -> usize {
    let watcher = match (&app.watch, app.watch_errors.len()) {
        (_, n) if n > 0 => n,
        (WatchHealth::Error(_), _) => 1,
        _ => 0,
    };
    app.desk.skipped().count()
        + app
            .desk
            .entries()
            .map(|e| e.article.warnings.len())
            .sum::<usize>()
        + watcher
}

/// Where the reasons of the problems view start (after the kind column).
const INDENT: usize = 13;

pub fn rows(app: &App) -> Vec<Row> {
    let t = &app.theme;
    let list = list(app);
    if list.is_empty() {
        return vec![vec![(" No problems: every file was read.".into(), t.ok)]];
    }
    // The overlay's inner width: a reason is the only place a skipped file's cause is
    // shown, so it is wrapped under its file, never cut.
    let body = crate::tui::layout::areas(app).body;
    let width = (help::rect(body, 1).width as usize).saturating_sub(2);
    let mut out = Vec::new();
    for p in list {
        let style = match p.kind {
            "skipped" | "watcher" => t.error,
            _ => t.soft,
        };
        let mut row = vec![(format!(" {:<12}", p.kind), style)];
        let mut used = INDENT;
        if !p.place.is_empty() {
            let place = format!("{}  ", clean(&p.place));
            used += UnicodeWidthStr::width(place.as_str());
            row.push((place, t.title));
        }
        // Written out, not dropped: a reason quoting bad bytes must say which.
        let what = escape_unsafe(&p.what);
        if used + UnicodeWidthStr::width(what.as_str()) <= width {
            row.push((what, t.base));
            out.push(row);
            continue;
        }
        out.push(row);
        for piece in wrap_words(&what, width.saturating_sub(INDENT).max(8)) {
            out.push(vec![(" ".repeat(INDENT), t.base), (piece, t.base)]);
        }
    }
    out
}

/// `s` in lines of at most `width` columns, broken at spaces (a word longer than a
/// line is broken inside).
fn wrap_words(s: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut w = 0;
    for word in s.split(' ') {
        let ww = UnicodeWidthStr::width(word);
        if w > 0 && w + 1 + ww > width {
            lines.push(std::mem::take(&mut line));
            w = 0;
        }
        if w > 0 {
            line.push(' ');
            w += 1;
        }
        for c in word.chars() {
            let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            if w + cw > width && w > 0 {
                lines.push(std::mem::take(&mut line));
                w = 0;
            }
            line.push(c);
            w += cw;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

pub fn draw(frame: &mut Frame, app: &App, area: Rect, scroll: usize) {
    let n = count(app);
    help::draw_box(
        frame,
        app,
        area,
        &format!(
            "Problems ({}; j/k scroll, any other key closes)",
            crate::tui::update::count(n, "problem", "problems")
        ),
        rows(app),
        scroll,
    );
}

#[cfg(test)]
mod tests {
    use super::wrap_words;

    #[test]
    fn reasons_wrap_at_spaces_and_keep_every_character() {
        let s = "the parser gave up near the closing tag of entry seventeen";
        let lines = wrap_words(s, 20);
        assert!(lines.iter().all(|l| l.chars().count() <= 20), "{lines:?}");
        assert_eq!(lines.join(" "), s);
        let long = "x".repeat(45);
        assert_eq!(wrap_words(&long, 20).concat(), long);
        assert_eq!(wrap_words(&long, 20).len(), 3);
    }
}

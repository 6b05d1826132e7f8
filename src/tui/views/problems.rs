//! The problems overlay (`p`): files that gave nothing or not everything, with the reason;
//! articles read with a guessed encoding or other warnings; watcher errors of this session.

use super::help::{self, Row};
use crate::ingest::sanitize::escape_unsafe;
use crate::tui::app::{App, WatchHealth, clean};
use ratatui::Frame;
use ratatui::layout::Rect;

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

pub fn rows(app: &App) -> Vec<Row> {
    let t = &app.theme;
    let list = list(app);
    if list.is_empty() {
        return vec![vec![(" No problems: every file was read.".into(), t.ok)]];
    }
    list.into_iter()
        .map(|p| {
            let style = match p.kind {
                "skipped" | "watcher" => t.error,
                _ => t.soft,
            };
            let mut row = vec![(format!(" {:<12}", p.kind), style)];
            if !p.place.is_empty() {
                row.push((format!("{}  ", clean(&p.place)), t.title));
            }
            // Written out, not dropped: a reason quoting bad bytes must say which.
            row.push((escape_unsafe(&p.what), t.base));
            row
        })
        .collect()
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

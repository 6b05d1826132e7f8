//! Where each pane goes for a terminal size: wide = side by side, narrow = tabs, tiny = a
//! "too small" message. Shared by the views (drawing) and `update` (page sizes, clicks).

use super::app::{App, Pane};
use ratatui::layout::{Constraint, Direction, Layout, Rect};

/// Below this the desk only says how large it needs to be.
pub const MIN_WIDTH: u16 = 50;
pub const MIN_HEIGHT: u16 = 12;
/// From this width on the panes are side by side.
pub const WIDE_WIDTH: u16 = 120;
pub const WIDE_HEIGHT: u16 = 20;
/// Text pane: a 2-column gutter for conflict signs, and a 2-line header (title, byline).
pub const GUTTER: u16 = 2;
pub const TEXT_HEADER: u16 = 2;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Tiny,
    Narrow,
    Wide,
}

pub fn mode(width: u16, height: u16) -> Mode {
    if width < MIN_WIDTH || height < MIN_HEIGHT {
        Mode::Tiny
    } else if width >= WIDE_WIDTH && height >= WIDE_HEIGHT {
        Mode::Wide
    } else {
        Mode::Narrow
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Areas {
    pub status: Rect,
    pub help: Rect,
    /// The tab bar (narrow mode only).
    pub tabs: Option<Rect>,
    /// Everything between the bars (overlays draw here).
    pub body: Rect,
    pub panes: Vec<(Pane, Rect)>,
}

pub fn areas(app: &App) -> Areas {
    let (w, h) = app.size;
    let full = Rect::new(0, 0, w, h);
    match mode(w, h) {
        Mode::Tiny => Areas {
            body: full,
            ..Areas::default()
        },
        m => {
            let [status, middle, help] = Layout::default()
                .direction(Direction::Vertical)
                .constraints([
                    Constraint::Length(1),
                    Constraint::Min(1),
                    Constraint::Length(1),
                ])
                .areas(full);
            if m == Mode::Wide {
                let [left, mid, right] = Layout::default()
                    .direction(Direction::Horizontal)
                    .constraints([
                        Constraint::Percentage(34),
                        Constraint::Percentage(40),
                        Constraint::Percentage(26),
                    ])
                    .areas(middle);
                let [list, speakers] = split_v(left, 60);
                let [quotes, conflicts] = split_v(right, 55);
                Areas {
                    status,
                    help,
                    tabs: None,
                    body: middle,
                    panes: vec![
                        (Pane::List, list),
                        (Pane::Text, mid),
                        (Pane::Quotes, quotes),
                        (Pane::Speakers, speakers),
                        (Pane::Conflicts, conflicts),
                    ],
                }
            } else {
                let [tabs, body] = Layout::default()
                    .direction(Direction::Vertical)
                    .constraints([Constraint::Length(1), Constraint::Min(1)])
                    .areas(middle);
                Areas {
                    status,
                    help,
                    tabs: Some(tabs),
                    body,
                    panes: vec![(app.focus, body)],
                }
            }
        }
    }
}

fn split_v(r: Rect, top_pct: u16) -> [Rect; 2] {
    Layout::default()
        .direction(Direction::Vertical)
        .constraints([Constraint::Percentage(top_pct), Constraint::Min(3)])
        .areas(r)
}

/// The outer rect of `pane` if it is on screen.
pub fn pane_rect(app: &App, pane: Pane) -> Option<Rect> {
    areas(app)
        .panes
        .into_iter()
        .find(|(p, _)| *p == pane)
        .map(|(_, r)| r)
}

/// The rect `pane` has when shown (in narrow mode: the body).
fn pane_or_body(app: &App, pane: Pane) -> Rect {
    let a = areas(app);
    a.panes
        .iter()
        .find(|(p, _)| *p == pane)
        .map(|(_, r)| *r)
        .unwrap_or(a.body)
}

/// Inner rows of `pane` (inside its borders; for the text pane, below its header).
pub fn pane_rows(app: &App, pane: Pane) -> usize {
    let r = pane_or_body(app, pane);
    let inner = r.height.saturating_sub(2);
    let rows = if pane == Pane::Text {
        inner.saturating_sub(TEXT_HEADER)
    } else {
        inner
    };
    rows as usize
}

/// Columns available to the article text (inside borders, right of the gutter).
pub fn text_width(app: &App) -> usize {
    let r = pane_or_body(app, Pane::Text);
    r.width.saturating_sub(2 + GUTTER).max(1) as usize
}

/// Which pane is under screen cell (x, y), and the row inside its borders.
pub fn hit(app: &App, x: u16, y: u16) -> Option<(Pane, usize)> {
    let a = areas(app);
    for (p, r) in a.panes {
        if x >= r.x && x < r.x + r.width && y >= r.y && y < r.y + r.height {
            let row = y.saturating_sub(r.y + 1) as usize;
            return Some((p, row));
        }
    }
    None
}

/// Which tab (narrow mode) is under column x of the tab bar.
pub fn tab_at(app: &App, x: u16, y: u16) -> Option<Pane> {
    let tabs = areas(app).tabs?;
    if y != tabs.y {
        return None;
    }
    let mut pos = tabs.x;
    for p in Pane::ALL {
        let w = tab_label(p).chars().count() as u16 + 2;
        if x >= pos && x < pos + w {
            return Some(p);
        }
        pos += w;
    }
    None
}

pub fn tab_label(p: Pane) -> String {
    format!("{} {}", p.index() + 1, p.title())
}

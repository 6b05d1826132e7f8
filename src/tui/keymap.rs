//! Key bindings as data: every action has a name (used in config.toml `[keys]`), default
//! keys and a description; the `?` overlay and the help line are drawn from this table.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::collections::{BTreeMap, HashMap};

/// What a key can ask for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Action {
    Quit,
    Help,
    Down,
    Up,
    PageDown,
    PageUp,
    Top,
    Bottom,
    NextPane,
    PrevPane,
    Left,
    Right,
    Pane1,
    Pane2,
    Pane3,
    Pane4,
    Pane5,
    Open,
    Back,
    NextQuote,
    PrevQuote,
    NextConflict,
    PrevConflict,
    NextStory,
    PrevStory,
    Search,
    SearchNext,
    SearchPrev,
    FilterUnread,
    FilterConflicts,
    FilterStory,
    FilterSpeaker,
    ClearFilters,
    ToggleScope,
    MarkRead,
    MarkUnread,
    Export,
    Copy,
    Sort,
    MarkAllRead,
    Problems,
    OpenFile,
    OpenUrl,
}

/// One row of the table: name for config, action, default keys, description.
pub struct ActionInfo {
    pub action: Action,
    pub name: &'static str,
    pub keys: &'static [&'static str],
    pub description: &'static str,
}

/// The default table, in the order the help overlay shows it.
pub const ACTIONS: &[ActionInfo] = &[
    info(Action::Down, "down", &["j", "down"], "move down / scroll"),
    info(Action::Up, "up", &["k", "up"], "move up / scroll"),
    info(
        Action::PageDown,
        "page_down",
        &["pgdown", "ctrl-d"],
        "page down",
    ),
    info(Action::PageUp, "page_up", &["pgup", "ctrl-u"], "page up"),
    info(Action::Top, "top", &["g", "home"], "go to top"),
    info(Action::Bottom, "bottom", &["G", "end"], "go to bottom"),
    info(Action::NextPane, "next_pane", &["tab"], "next pane"),
    info(Action::PrevPane, "prev_pane", &["backtab"], "previous pane"),
    info(
        Action::Left,
        "left",
        &["h", "left"],
        "previous pane / evidence column",
    ),
    info(
        Action::Right,
        "right",
        &["l", "right"],
        "next pane / evidence column",
    ),
    info(Action::Pane1, "pane_articles", &["1"], "articles"),
    info(Action::Pane2, "pane_text", &["2"], "source text"),
    info(
        Action::Pane3,
        "pane_quotes",
        &["3"],
        "quotes of the article",
    ),
    info(Action::Pane4, "pane_speakers", &["4"], "who said what"),
    info(Action::Pane5, "pane_conflicts", &["5"], "conflicts"),
    info(
        Action::Open,
        "open",
        &["enter"],
        "open: article, speaker's quotes, evidence",
    ),
    info(
        Action::Back,
        "back",
        &["esc", "backspace"],
        "back / close / clear the search",
    ),
    info(
        Action::NextQuote,
        "next_quote",
        &["]"],
        "next quote in the text",
    ),
    info(
        Action::PrevQuote,
        "prev_quote",
        &["["],
        "previous quote in the text",
    ),
    info(
        Action::NextConflict,
        "next_conflict",
        &["}"],
        "next conflict in the text",
    ),
    info(
        Action::PrevConflict,
        "prev_conflict",
        &["{"],
        "previous conflict in the text",
    ),
    info(
        Action::NextStory,
        "next_story",
        &[")"],
        "next story in the list",
    ),
    info(
        Action::PrevStory,
        "prev_story",
        &["("],
        "previous story in the list",
    ),
    info(
        Action::Search,
        "search",
        &["/"],
        "search titles, text, speakers",
    ),
    info(Action::SearchNext, "search_next", &["n"], "next match"),
    info(Action::SearchPrev, "search_prev", &["N"], "previous match"),
    info(
        Action::FilterUnread,
        "filter_unread",
        &["U"],
        "filter: unread only",
    ),
    info(
        Action::FilterConflicts,
        "filter_conflicts",
        &["!"],
        "filter: with conflicts",
    ),
    info(
        Action::FilterStory,
        "filter_story",
        &["s"],
        "filter: this story",
    ),
    info(
        Action::FilterSpeaker,
        "filter_speaker",
        &["S"],
        "filter: selected speaker",
    ),
    info(
        Action::ClearFilters,
        "clear_filters",
        &["x"],
        "clear filters and the search",
    ),
    info(
        Action::Sort,
        "sort",
        &["o"],
        "sort the list: story, time, outlet, title, conflicts, quotes",
    ),
    info(
        Action::ToggleScope,
        "toggle_scope",
        &["a"],
        "who said what and conflicts: this story / whole folder",
    ),
    info(Action::MarkRead, "mark_read", &["m"], "mark read"),
    info(Action::MarkUnread, "mark_unread", &["u"], "mark unread"),
    info(
        Action::MarkAllRead,
        "mark_all_read",
        &["M"],
        "mark every article in the list (as filtered) read",
    ),
    info(
        Action::OpenFile,
        "open_file",
        &["v"],
        "view the original file in $PAGER (or $EDITOR)",
    ),
    info(
        Action::OpenUrl,
        "open_url",
        &["w"],
        "open the article's link in the web browser",
    ),
    info(
        Action::Export,
        "export",
        &["e"],
        "export the story's quotes and conflicts (Markdown and JSON)",
    ),
    info(
        Action::Copy,
        "copy",
        &["y"],
        "copy the selected quote, keeping its kind (OSC 52)",
    ),
    info(
        Action::Problems,
        "problems",
        &["p"],
        "problems: skipped files, encodings, watcher errors",
    ),
    info(Action::Help, "help", &["?"], "this help"),
    info(Action::Quit, "quit", &["q", "ctrl-c"], "quit"),
];

const fn info(
    action: Action,
    name: &'static str,
    keys: &'static [&'static str],
    description: &'static str,
) -> ActionInfo {
    ActionInfo {
        action,
        name,
        keys,
        description,
    }
}

/// A key as written in config: `j`, `G`, `ctrl-d`, `enter`, `pgdown`, `f5`...
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

impl Key {
    pub fn parse(s: &str) -> Option<Key> {
        let mut ctrl = false;
        let mut alt = false;
        let mut rest = s;
        loop {
            let lower = rest.to_ascii_lowercase();
            if rest.len() > 2 && (lower.starts_with("ctrl-") || lower.starts_with("ctrl+")) {
                ctrl = true;
                rest = &rest[5..];
            } else if rest.len() > 2 && (lower.starts_with("alt-") || lower.starts_with("alt+")) {
                alt = true;
                rest = &rest[4..];
            } else {
                break;
            }
        }
        let code = match rest.to_ascii_lowercase().as_str() {
            "enter" | "return" => KeyCode::Enter,
            "esc" | "escape" => KeyCode::Esc,
            "tab" => KeyCode::Tab,
            "backtab" | "shift-tab" => KeyCode::BackTab,
            "backspace" => KeyCode::Backspace,
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "pgup" | "pageup" => KeyCode::PageUp,
            "pgdown" | "pagedown" | "pgdn" => KeyCode::PageDown,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "space" => KeyCode::Char(' '),
            "delete" | "del" => KeyCode::Delete,
            f if f.len() >= 2 && f.starts_with('f') && f[1..].parse::<u8>().is_ok() => {
                KeyCode::F(f[1..].parse().ok()?)
            }
            _ => {
                let mut chars = rest.chars();
                let c = chars.next()?;
                if chars.next().is_some() {
                    return None;
                }
                KeyCode::Char(if ctrl { c.to_ascii_lowercase() } else { c })
            }
        };
        Some(Key { code, ctrl, alt })
    }

    pub fn from_event(ev: &KeyEvent) -> Key {
        let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
        let code = match ev.code {
            KeyCode::Char(c) if ctrl => KeyCode::Char(c.to_ascii_lowercase()),
            c => c,
        };
        Key {
            code,
            ctrl,
            alt: ev.modifiers.contains(KeyModifiers::ALT),
        }
    }

    /// Short label for the help line and overlay.
    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCode::Enter => "Enter".to_string(),
            KeyCode::Esc => "Esc".to_string(),
            KeyCode::Tab => "Tab".to_string(),
            KeyCode::BackTab => "S-Tab".to_string(),
            KeyCode::Backspace => "Bksp".to_string(),
            KeyCode::Up => "↑".to_string(),
            KeyCode::Down => "↓".to_string(),
            KeyCode::Left => "←".to_string(),
            KeyCode::Right => "→".to_string(),
            KeyCode::PageUp => "PgUp".to_string(),
            KeyCode::PageDown => "PgDn".to_string(),
            KeyCode::Home => "Home".to_string(),
            KeyCode::End => "End".to_string(),
            KeyCode::Delete => "Del".to_string(),
            KeyCode::F(n) => format!("F{n}"),
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            _ => "?".to_string(),
        };
        let mut s = String::new();
        if self.ctrl {
            s.push_str("C-");
        }
        if self.alt {
            s.push_str("M-");
        }
        s + &base
    }
}

/// The bindings in force: defaults with the config's overrides applied.
#[derive(Clone, Debug)]
pub struct Keymap {
    by_key: HashMap<Key, Action>,
    keys: BTreeMap<Action, Vec<Key>>,
}

impl Default for Keymap {
    fn default() -> Self {
        Keymap::with_overrides(&BTreeMap::new()).0
    }
}

impl Keymap {
    /// Applies `overrides` (action name -> keys; an override replaces that action's
    /// default keys). Returns the keymap and warnings for unknown names or keys.
    pub fn with_overrides(overrides: &BTreeMap<String, Vec<String>>) -> (Keymap, Vec<String>) {
        let mut warnings = Vec::new();
        let mut keys: BTreeMap<Action, Vec<Key>> = BTreeMap::new();
        for a in ACTIONS {
            let list = match overrides.get(a.name) {
                Some(custom) => custom
                    .iter()
                    .filter_map(|k| {
                        let parsed = Key::parse(k);
                        if parsed.is_none() {
                            warnings.push(format!("unknown key {k:?} for {}", a.name));
                        }
                        parsed
                    })
                    .collect(),
                None => a.keys.iter().filter_map(|k| Key::parse(k)).collect(),
            };
            keys.insert(a.action, list);
        }
        for name in overrides.keys() {
            if !ACTIONS.iter().any(|a| a.name == name) {
                warnings.push(format!("unknown action {name:?} in [keys]"));
            }
        }
        // Overridden actions claim their keys first so that a custom key wins over a default.
        let mut by_key = HashMap::new();
        let mut order: Vec<&ActionInfo> = ACTIONS.iter().collect();
        order.sort_by_key(|a| !overrides.contains_key(a.name));
        for a in order {
            let mut kept = Vec::new();
            for k in &keys[&a.action] {
                if by_key.contains_key(k) {
                    continue;
                }
                by_key.insert(*k, a.action);
                kept.push(*k);
            }
            keys.insert(a.action, kept);
        }
        // Ctrl-C always quits, whatever the config says.
        let cc = Key::parse("ctrl-c").expect("valid key");
        by_key.insert(cc, Action::Quit);
        (Keymap { by_key, keys }, warnings)
    }

    pub fn action(&self, ev: &KeyEvent) -> Option<Action> {
        let k = Key::from_event(ev);
        if let Some(a) = self.by_key.get(&k) {
            return Some(*a);
        }
        // Shifted characters arrive with SHIFT set and the shifted char: ignore the flag.
        None
    }

    /// Labels of the keys bound to `action`, e.g. `["j", "↓"]`.
    pub fn labels(&self, action: Action) -> Vec<String> {
        self.keys
            .get(&action)
            .map(|v| v.iter().map(Key::label).collect())
            .unwrap_or_default()
    }

    /// The first key label of `action` (or "-" when unbound).
    pub fn first(&self, action: Action) -> String {
        self.labels(action)
            .into_iter()
            .next()
            .unwrap_or_else(|| "-".into())
    }
}

/// The README's "## Keys" table, derived from [`ACTIONS`] (a test keeps the README equal
/// to it, so the README, the `?` overlay and the keymap cannot drift apart).
pub fn readme_table() -> String {
    let mut s = String::from("| Keys | Action | Config name |\n|---|---|---|\n");
    for a in ACTIONS {
        let keys: Vec<String> = a
            .keys
            .iter()
            .filter_map(|k| Key::parse(k))
            .map(|k| {
                let l = k.label();
                if l == "|" {
                    "`\\|`".to_string()
                } else {
                    format!("`{l}`")
                }
            })
            .collect();
        s.push_str(&format!(
            "| {} | {} | `{}` |\n",
            keys.join(" "),
            a.description.replace('|', "\\|"),
            a.name
        ));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(code: KeyCode, m: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, m)
    }

    #[test]
    fn defaults_cover_vim_and_arrows() {
        let k = Keymap::default();
        assert_eq!(
            k.action(&ev(KeyCode::Char('j'), KeyModifiers::NONE)),
            Some(Action::Down)
        );
        assert_eq!(
            k.action(&ev(KeyCode::Down, KeyModifiers::NONE)),
            Some(Action::Down)
        );
        assert_eq!(
            k.action(&ev(KeyCode::Char('G'), KeyModifiers::SHIFT)),
            Some(Action::Bottom)
        );
        assert_eq!(
            k.action(&ev(KeyCode::Char('c'), KeyModifiers::CONTROL)),
            Some(Action::Quit)
        );
    }

    #[test]
    fn every_default_key_parses_and_names_are_unique() {
        let mut names = std::collections::BTreeSet::new();
        for a in ACTIONS {
            assert!(names.insert(a.name), "duplicate {}", a.name);
            for k in a.keys {
                assert!(Key::parse(k).is_some(), "{k}");
            }
        }
    }

    #[test]
    fn overrides_replace_defaults_and_warn_on_unknowns() {
        let mut o = BTreeMap::new();
        o.insert(
            "next_quote".to_string(),
            vec!["ctrl-n".to_string(), "j".to_string()],
        );
        o.insert("fly".to_string(), vec!["z".to_string()]);
        let (k, warnings) = Keymap::with_overrides(&o);
        assert_eq!(
            k.action(&ev(KeyCode::Char('n'), KeyModifiers::CONTROL)),
            Some(Action::NextQuote)
        );
        // "j" was claimed by the override; "down" keeps the arrow.
        assert_eq!(
            k.action(&ev(KeyCode::Char('j'), KeyModifiers::NONE)),
            Some(Action::NextQuote)
        );
        assert_eq!(k.labels(Action::Down), vec!["↓".to_string()]);
        assert_eq!(k.action(&ev(KeyCode::Char(']'), KeyModifiers::NONE)), None);
        assert_eq!(warnings.len(), 1);
    }
}

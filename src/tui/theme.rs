//! Colours and text styles, dark and light, with `NO_COLOR` honoured. The precedence of
//! overlapping marks in the source text is defined here once ([`Theme::text_style`]).

use ratatui::style::{Color, Modifier, Style};

/// Which marks cover one character of the source text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Marks {
    /// Part of the current selection (selected quote, conflict claim or search hit).
    pub selected: bool,
    /// Part of a search match.
    pub search: bool,
    /// Inside a quote, with the palette index of its speaker's colour.
    pub quote: Option<usize>,
    /// The words naming the speaker of a quote.
    pub mention: bool,
    /// The speech verb of a quote.
    pub cue: bool,
    /// Part of the evidence of a conflicting fact.
    pub conflict: bool,
}

#[derive(Clone, Debug)]
pub struct Theme {
    pub name: &'static str,
    pub no_color: bool,
    pub base: Style,
    pub dim: Style,
    pub title: Style,
    pub border: Style,
    pub border_focus: Style,
    /// The selected row of a list.
    pub row_selected: Style,
    /// The selected stretch of the source text.
    pub text_selected: Style,
    pub search: Style,
    pub conflict: Style,
    pub hard: Style,
    pub soft: Style,
    pub unread: Style,
    pub new_mark: Style,
    pub status: Style,
    /// Trouble shown inside the status bar (the watcher failing).
    pub status_error: Style,
    pub help: Style,
    pub error: Style,
    pub ok: Style,
    /// One colour per speaker, picked by a stable hash of the name.
    pub speakers: Vec<Color>,
}

impl Theme {
    /// `name` is "dark" or "light" (anything else means dark); `no_color` drops every colour
    /// and keeps only bold/underline/reverse so that meaning survives without colour.
    pub fn new(name: &str, no_color: bool) -> Theme {
        let mut t = if name.eq_ignore_ascii_case("light") {
            Theme::light()
        } else {
            Theme::dark()
        };
        if no_color {
            t = Theme::mono(t.name);
        }
        t
    }

    /// Reads `NO_COLOR` (any non-empty value) from the environment.
    pub fn from_env(name: &str) -> Theme {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Theme::new(name, no_color)
    }

    fn dark() -> Theme {
        Theme {
            name: "dark",
            no_color: false,
            base: Style::default(),
            dim: Style::default().fg(Color::DarkGray),
            title: Style::default().add_modifier(Modifier::BOLD),
            border: Style::default().fg(Color::DarkGray),
            border_focus: Style::default().fg(Color::Cyan),
            row_selected: Style::default().bg(Color::Blue).fg(Color::White),
            text_selected: Style::default()
                .bg(Color::Blue)
                .fg(Color::White)
                .add_modifier(Modifier::BOLD),
            search: Style::default().bg(Color::Yellow).fg(Color::Black),
            conflict: Style::default()
                .fg(Color::LightRed)
                .add_modifier(Modifier::UNDERLINED),
            hard: Style::default()
                .fg(Color::LightRed)
                .add_modifier(Modifier::BOLD),
            soft: Style::default().fg(Color::Yellow),
            unread: Style::default().fg(Color::Cyan),
            new_mark: Style::default()
                .fg(Color::Green)
                .add_modifier(Modifier::BOLD),
            status: Style::default().bg(Color::DarkGray).fg(Color::White),
            status_error: Style::default()
                .bg(Color::Red)
                .fg(Color::White)
                .add_modifier(Modifier::BOLD),
            help: Style::default().fg(Color::Gray),
            error: Style::default()
                .fg(Color::LightRed)
                .add_modifier(Modifier::BOLD),
            ok: Style::default().fg(Color::Green),
            speakers: vec![
                Color::LightCyan,
                Color::LightGreen,
                Color::LightMagenta,
                Color::LightYellow,
                Color::LightBlue,
                Color::Rgb(255, 165, 80),
                Color::Rgb(150, 220, 200),
                Color::Rgb(220, 160, 255),
            ],
        }
    }

    fn light() -> Theme {
        Theme {
            name: "light",
            no_color: false,
            base: Style::default(),
            // Palette 7 (Gray) is nearly invisible on a light background: 8 is readable.
            dim: Style::default().fg(Color::DarkGray),
            title: Style::default().add_modifier(Modifier::BOLD),
            border: Style::default().fg(Color::DarkGray),
            border_focus: Style::default().fg(Color::Blue),
            row_selected: Style::default().bg(Color::LightBlue).fg(Color::Black),
            text_selected: Style::default()
                .bg(Color::LightBlue)
                .fg(Color::Black)
                .add_modifier(Modifier::BOLD),
            search: Style::default().bg(Color::LightYellow).fg(Color::Black),
            conflict: Style::default()
                .fg(Color::Red)
                .add_modifier(Modifier::UNDERLINED),
            hard: Style::default().fg(Color::Red).add_modifier(Modifier::BOLD),
            soft: Style::default().fg(Color::Rgb(160, 100, 0)),
            unread: Style::default().fg(Color::Blue),
            new_mark: Style::default().fg(DARK_GREEN).add_modifier(Modifier::BOLD),
            status: Style::default().bg(Color::Gray).fg(Color::Black),
            status_error: Style::default()
                .bg(Color::Red)
                .fg(Color::White)
                .add_modifier(Modifier::BOLD),
            help: Style::default().fg(Color::DarkGray),
            error: Style::default().fg(Color::Red).add_modifier(Modifier::BOLD),
            ok: Style::default().fg(DARK_GREEN),
            // Palette green and cyan are too pale on white: darker fixed colours instead.
            speakers: vec![
                Color::Blue,
                DARK_GREEN,
                Color::Magenta,
                Color::Rgb(150, 90, 0),
                Color::Rgb(0, 95, 160),
                Color::Rgb(180, 60, 0),
                Color::Rgb(0, 110, 110),
                Color::Rgb(110, 40, 160),
            ],
        }
    }

    fn mono(name: &'static str) -> Theme {
        let none = Style::default();
        Theme {
            name,
            no_color: true,
            base: none,
            dim: none,
            title: none.add_modifier(Modifier::BOLD),
            border: none,
            border_focus: none.add_modifier(Modifier::BOLD),
            row_selected: none.add_modifier(Modifier::REVERSED),
            text_selected: none.add_modifier(Modifier::REVERSED | Modifier::BOLD),
            search: none.add_modifier(Modifier::REVERSED),
            conflict: none.add_modifier(Modifier::UNDERLINED),
            hard: none.add_modifier(Modifier::BOLD),
            soft: none,
            unread: none.add_modifier(Modifier::BOLD),
            new_mark: none.add_modifier(Modifier::BOLD),
            status: none.add_modifier(Modifier::REVERSED),
            status_error: none.add_modifier(Modifier::REVERSED | Modifier::BOLD),
            help: none,
            error: none.add_modifier(Modifier::BOLD),
            ok: none,
            speakers: vec![Color::Reset],
        }
    }

    /// Every named style with its name (for the contrast check of each theme).
    pub fn styles(&self) -> Vec<(&'static str, Style)> {
        let mut v = vec![
            ("base", self.base),
            ("dim", self.dim),
            ("title", self.title),
            ("border", self.border),
            ("border_focus", self.border_focus),
            ("row_selected", self.row_selected),
            ("text_selected", self.text_selected),
            ("search", self.search),
            ("conflict", self.conflict),
            ("hard", self.hard),
            ("soft", self.soft),
            ("unread", self.unread),
            ("new_mark", self.new_mark),
            ("status", self.status),
            ("status_error", self.status_error),
            ("help", self.help),
            ("error", self.error),
            ("ok", self.ok),
        ];
        for i in 0..self.speakers.len() {
            v.push(("speaker", self.speaker_style(i)));
        }
        v
    }

    /// The terminal's background and foreground this theme is made for, as RGB on the
    /// xterm default palette: black/light grey for dark, white/black for light.
    pub fn terminal_colours(&self) -> ((u8, u8, u8), (u8, u8, u8)) {
        if self.name == "light" {
            ((255, 255, 255), (0, 0, 0))
        } else {
            ((0, 0, 0), (229, 229, 229))
        }
    }

    /// The colour of speaker `name`: stable across runs (FNV hash of the folded name).
    pub fn speaker_index(&self, name: &str) -> usize {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for c in name.chars().flat_map(char::to_lowercase) {
            if c.is_alphanumeric() {
                h ^= c as u64;
                h = h.wrapping_mul(0x0100_0000_01b3);
            }
        }
        (h % self.speakers.len() as u64) as usize
    }

    pub fn speaker_style(&self, index: usize) -> Style {
        if self.no_color {
            return Style::default().add_modifier(Modifier::BOLD);
        }
        Style::default().fg(self.speakers[index % self.speakers.len()])
    }

    /// The style of one character of the source text. Precedence, lowest to highest:
    /// conflict mark < quote colour (+ mention/cue) < search match < selection.
    pub fn text_style(&self, m: Marks) -> Style {
        let mut s = self.base;
        if m.conflict {
            s = s.patch(self.conflict);
        }
        if let Some(q) = m.quote {
            s = s.patch(self.speaker_style(q));
        }
        if m.mention {
            s = s.add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
        }
        if m.cue {
            s = s.add_modifier(Modifier::ITALIC);
        }
        if m.search {
            s = s.patch(self.search);
        }
        if m.selected {
            s = s.patch(self.text_selected);
        }
        s
    }
}

/// A green dark enough to read on white (palette green is not).
const DARK_GREEN: Color = Color::Rgb(0, 120, 0);

/// `c` as RGB on xterm's default palette; `Reset` is `default`.
pub fn xterm_rgb(c: Color, default: (u8, u8, u8)) -> (u8, u8, u8) {
    match c {
        Color::Reset => default,
        Color::Black => (0, 0, 0),
        Color::Red => (205, 0, 0),
        Color::Green => (0, 205, 0),
        Color::Yellow => (205, 205, 0),
        Color::Blue => (0, 0, 238),
        Color::Magenta => (205, 0, 205),
        Color::Cyan => (0, 205, 205),
        Color::Gray => (229, 229, 229),
        Color::DarkGray => (127, 127, 127),
        Color::LightRed => (255, 0, 0),
        Color::LightGreen => (0, 255, 0),
        Color::LightYellow => (255, 255, 0),
        Color::LightBlue => (92, 92, 255),
        Color::LightMagenta => (255, 0, 255),
        Color::LightCyan => (0, 255, 255),
        Color::White => (255, 255, 255),
        Color::Rgb(r, g, b) => (r, g, b),
        Color::Indexed(i) => indexed(i, default),
    }
}

/// xterm's 256-colour cube and grey ramp (the first 16 as above).
fn indexed(i: u8, default: (u8, u8, u8)) -> (u8, u8, u8) {
    const BASE: [Color; 16] = [
        Color::Black,
        Color::Red,
        Color::Green,
        Color::Yellow,
        Color::Blue,
        Color::Magenta,
        Color::Cyan,
        Color::Gray,
        Color::DarkGray,
        Color::LightRed,
        Color::LightGreen,
        Color::LightYellow,
        Color::LightBlue,
        Color::LightMagenta,
        Color::LightCyan,
        Color::White,
    ];
    match i {
        0..=15 => xterm_rgb(BASE[i as usize], default),
        16..=231 => {
            let n = i - 16;
            let level = |v: u8| if v == 0 { 0 } else { 55 + 40 * v };
            (level(n / 36), level((n / 6) % 6), level(n % 6))
        }
        _ => {
            let g = 8 + 10 * (i - 232);
            (g, g, g)
        }
    }
}

/// WCAG 2 contrast ratio of two colours (1 to 21).
pub fn contrast(a: (u8, u8, u8), b: (u8, u8, u8)) -> f64 {
    fn lum((r, g, b): (u8, u8, u8)) -> f64 {
        let ch = |v: u8| {
            let c = v as f64 / 255.0;
            if c <= 0.03928 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * ch(r) + 0.7152 * ch(g) + 0.0722 * ch(b)
    }
    let (x, y) = (lum(a), lum(b));
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

impl Default for Theme {
    fn default() -> Self {
        Theme::dark()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn precedence_is_selection_search_quote_conflict() {
        let t = Theme::new("dark", false);
        let all = Marks {
            selected: true,
            search: true,
            quote: Some(0),
            conflict: true,
            ..Marks::default()
        };
        assert_eq!(t.text_style(all).bg, t.text_selected.bg);
        let no_sel = Marks {
            selected: false,
            ..all
        };
        assert_eq!(t.text_style(no_sel).bg, t.search.bg);
        let quote_conflict = Marks {
            quote: Some(2),
            conflict: true,
            ..Marks::default()
        };
        assert_eq!(t.text_style(quote_conflict).fg, Some(t.speakers[2]));
        let conflict = Marks {
            conflict: true,
            ..Marks::default()
        };
        assert_eq!(t.text_style(conflict).fg, t.conflict.fg);
    }

    #[test]
    fn speaker_colour_is_stable_and_case_blind() {
        let t = Theme::default();
        assert_eq!(t.speaker_index("Ada Brook"), t.speaker_index("ada brook"));
        assert!(t.speaker_index("Ada Brook") < t.speakers.len());
    }

    #[test]
    fn contrast_is_wcag() {
        assert!((contrast((0, 0, 0), (255, 255, 255)) - 21.0).abs() < 1e-9);
        assert!((contrast((10, 20, 30), (10, 20, 30)) - 1.0).abs() < 1e-9);
        // Palette 7 on white: the unreadable light-theme grey of the issue.
        assert!(contrast(xterm_rgb(Color::Gray, (0, 0, 0)), (255, 255, 255)) < 1.5);
        assert_eq!(indexed(196, (0, 0, 0)), (255, 0, 0));
        assert_eq!(indexed(232, (0, 0, 0)), (8, 8, 8));
    }

    #[test]
    fn every_style_of_both_themes_reads_against_its_background() {
        for name in ["dark", "light"] {
            let t = Theme::new(name, false);
            let (bg, fg) = t.terminal_colours();
            for (what, s) in t.styles() {
                let f = xterm_rgb(s.fg.unwrap_or(Color::Reset), fg);
                let b = xterm_rgb(s.bg.unwrap_or(Color::Reset), bg);
                let c = contrast(f, b);
                assert!(c >= 3.0, "{name} theme, {what}: contrast {c:.2} < 3");
            }
        }
    }

    #[test]
    fn no_color_has_no_colours() {
        let t = Theme::new("light", true);
        for s in [t.row_selected, t.search, t.conflict, t.speaker_style(3)] {
            assert_eq!(s.fg, None);
            assert_eq!(s.bg, None);
        }
    }
}

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
            dim: Style::default().fg(DIM_GREY),
            title: Style::default().add_modifier(Modifier::BOLD),
            border: Style::default().fg(DIM_GREY),
            border_focus: Style::default().fg(Color::Cyan),
            row_selected: Style::default().bg(Color::Blue).fg(Color::White),
            text_selected: Style::default()
                .bg(Color::Blue)
                .fg(Color::White)
                .add_modifier(Modifier::BOLD),
            search: Style::default().bg(Color::Yellow).fg(Color::Black),
            conflict: Style::default()
                .fg(BRIGHT_RED)
                .add_modifier(Modifier::UNDERLINED),
            hard: Style::default().fg(BRIGHT_RED).add_modifier(Modifier::BOLD),
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
            error: Style::default().fg(BRIGHT_RED).add_modifier(Modifier::BOLD),
            ok: Style::default().fg(Color::Green),
            speakers: vec![
                Color::LightCyan,
                Color::LightGreen,
                PINK,
                Color::LightYellow,
                SKY_BLUE,
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
            row_selected: Style::default().bg(PALE_BLUE).fg(Color::Black),
            text_selected: Style::default()
                .bg(PALE_BLUE)
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

// Fixed colours of the 256-colour set where a terminal's own palette colour is too dark
// or too light on its own stock background (see `PALETTES` and the contrast test):
/// Dim text and borders on dark backgrounds (palette 8 is 1.7:1 on Tango's dark grey).
const DIM_GREY: Color = Color::Indexed(245);
/// Conflicts and errors on dark backgrounds (Breeze's bright red is 2.8:1).
const BRIGHT_RED: Color = Color::Indexed(203);
/// A speaker colour on dark backgrounds (Terminal.app's bright blue is 2.4:1 on black).
const SKY_BLUE: Color = Color::Indexed(75);
/// A speaker colour on dark backgrounds (Breeze's bright magenta is 2.6:1).
const PINK: Color = Color::Indexed(213);
/// The selection on light backgrounds (Terminal.app's bright blue is 2.4:1 under black).
const PALE_BLUE: Color = Color::Indexed(153);

type Rgb = (u8, u8, u8);

/// A terminal's default colours: the 16 ANSI colours and the default background and
/// foreground of its stock dark and light profiles (`None`: it has no stock profile of
/// that kind). What "readable" means for a theme is checked against each of these.
#[derive(Clone, Copy, Debug)]
pub struct Palette {
    pub name: &'static str,
    /// ANSI colours 0-15 (black, red, ..., white; then the bright eight).
    pub ansi: [Rgb; 16],
    /// (background, foreground) of the stock dark profile.
    pub dark: Option<(Rgb, Rgb)>,
    /// (background, foreground) of the stock light profile.
    pub light: Option<(Rgb, Rgb)>,
}

/// xterm's defaults (also the reference for `Color::Indexed` 16-255 everywhere).
pub const XTERM: Palette = Palette {
    name: "xterm",
    ansi: [
        (0, 0, 0),
        (205, 0, 0),
        (0, 205, 0),
        (205, 205, 0),
        (0, 0, 238),
        (205, 0, 205),
        (0, 205, 205),
        (229, 229, 229),
        (127, 127, 127),
        (255, 0, 0),
        (0, 255, 0),
        (255, 255, 0),
        (92, 92, 255),
        (255, 0, 255),
        (0, 255, 255),
        (255, 255, 255),
    ],
    dark: Some(((0, 0, 0), (229, 229, 229))),
    light: Some(((255, 255, 255), (0, 0, 0))),
};

/// The default palettes of common terminals: xterm; Tango (GNOME Terminal before 3.32,
/// xfce4-terminal, many VTE terminals); the GNOME palette of GNOME Terminal/Console
/// since 3.32; macOS Terminal.app (Basic light, Pro dark); Windows Terminal (Campbell);
/// Konsole (Breeze).
pub const PALETTES: &[Palette] = &[
    XTERM,
    Palette {
        name: "Tango",
        ansi: [
            (0x2e, 0x34, 0x36),
            (0xcc, 0x00, 0x00),
            (0x4e, 0x9a, 0x06),
            (0xc4, 0xa0, 0x00),
            (0x34, 0x65, 0xa4),
            (0x75, 0x50, 0x7b),
            (0x06, 0x98, 0x9a),
            (0xd3, 0xd7, 0xcf),
            (0x55, 0x57, 0x53),
            (0xef, 0x29, 0x29),
            (0x8a, 0xe2, 0x34),
            (0xfc, 0xe9, 0x4f),
            (0x72, 0x9f, 0xcf),
            (0xad, 0x7f, 0xa8),
            (0x34, 0xe2, 0xe2),
            (0xee, 0xee, 0xec),
        ],
        dark: Some(((0x2e, 0x34, 0x36), (0xd3, 0xd7, 0xcf))),
        light: Some(((0xee, 0xee, 0xec), (0x2e, 0x34, 0x36))),
    },
    Palette {
        name: "GNOME",
        ansi: [
            (0x17, 0x14, 0x21),
            (0xc0, 0x1c, 0x28),
            (0x26, 0xa2, 0x69),
            (0xa2, 0x73, 0x4c),
            (0x12, 0x48, 0x8b),
            (0xa3, 0x47, 0xba),
            (0x2a, 0xa1, 0xb3),
            (0xd0, 0xcf, 0xcc),
            (0x5e, 0x5c, 0x64),
            (0xf6, 0x61, 0x51),
            (0x33, 0xda, 0x7a),
            (0xe9, 0xad, 0x0c),
            (0x2a, 0x7b, 0xde),
            (0xc0, 0x61, 0xcb),
            (0x33, 0xc7, 0xde),
            (0xff, 0xff, 0xff),
        ],
        dark: Some(((0x17, 0x14, 0x21), (0xd0, 0xcf, 0xcc))),
        light: Some(((0xff, 0xff, 0xff), (0x17, 0x14, 0x21))),
    },
    Palette {
        name: "Terminal.app",
        ansi: [
            (0x00, 0x00, 0x00),
            (0x99, 0x00, 0x00),
            (0x00, 0xa6, 0x00),
            (0x99, 0x99, 0x00),
            (0x00, 0x00, 0xb2),
            (0xb2, 0x00, 0xb2),
            (0x00, 0xa6, 0xb2),
            (0xbf, 0xbf, 0xbf),
            (0x66, 0x66, 0x66),
            (0xe5, 0x00, 0x00),
            (0x00, 0xd9, 0x00),
            (0xe5, 0xe5, 0x00),
            (0x00, 0x00, 0xff),
            (0xe5, 0x00, 0xe5),
            (0x00, 0xe5, 0xe5),
            (0xe5, 0xe5, 0xe5),
        ],
        dark: Some(((0x00, 0x00, 0x00), (0xf2, 0xf2, 0xf2))),
        light: Some(((0xff, 0xff, 0xff), (0x00, 0x00, 0x00))),
    },
    Palette {
        name: "Windows Terminal (Campbell)",
        ansi: [
            (0x0c, 0x0c, 0x0c),
            (0xc5, 0x0f, 0x1f),
            (0x13, 0xa1, 0x0e),
            (0xc1, 0x9c, 0x00),
            (0x00, 0x37, 0xda),
            (0x88, 0x17, 0x98),
            (0x3a, 0x96, 0xdd),
            (0xcc, 0xcc, 0xcc),
            (0x76, 0x76, 0x76),
            (0xe7, 0x48, 0x56),
            (0x16, 0xc6, 0x0c),
            (0xf9, 0xf1, 0xa5),
            (0x3b, 0x78, 0xff),
            (0xb4, 0x00, 0x9e),
            (0x61, 0xd6, 0xd6),
            (0xf2, 0xf2, 0xf2),
        ],
        dark: Some(((0x0c, 0x0c, 0x0c), (0xcc, 0xcc, 0xcc))),
        light: None,
    },
    Palette {
        name: "Konsole (Breeze)",
        ansi: [
            (0x23, 0x26, 0x27),
            (0xed, 0x15, 0x15),
            (0x11, 0xd1, 0x16),
            (0xf6, 0x74, 0x00),
            (0x1d, 0x99, 0xf3),
            (0x9b, 0x59, 0xb6),
            (0x1a, 0xbc, 0x9c),
            (0xfc, 0xfc, 0xfc),
            (0x7f, 0x8c, 0x8d),
            (0xc0, 0x39, 0x2b),
            (0x1c, 0xdc, 0x9a),
            (0xfd, 0xbc, 0x4b),
            (0x3d, 0xae, 0xe9),
            (0x8e, 0x44, 0xad),
            (0x16, 0xa0, 0x85),
            (0xff, 0xff, 0xff),
        ],
        dark: Some(((0x23, 0x26, 0x27), (0xfc, 0xfc, 0xfc))),
        light: None,
    },
];

impl Palette {
    /// `c` as RGB in this palette; `Reset` is `default` (the profile's background or
    /// foreground, as the caller knows which).
    pub fn rgb(&self, c: Color, default: Rgb) -> Rgb {
        let ansi = |i: usize| self.ansi[i];
        match c {
            Color::Reset => default,
            Color::Black => ansi(0),
            Color::Red => ansi(1),
            Color::Green => ansi(2),
            Color::Yellow => ansi(3),
            Color::Blue => ansi(4),
            Color::Magenta => ansi(5),
            Color::Cyan => ansi(6),
            Color::Gray => ansi(7),
            Color::DarkGray => ansi(8),
            Color::LightRed => ansi(9),
            Color::LightGreen => ansi(10),
            Color::LightYellow => ansi(11),
            Color::LightBlue => ansi(12),
            Color::LightMagenta => ansi(13),
            Color::LightCyan => ansi(14),
            Color::White => ansi(15),
            Color::Rgb(r, g, b) => (r, g, b),
            Color::Indexed(i @ 0..=15) => ansi(i as usize),
            Color::Indexed(i) => indexed(i),
        }
    }

    /// (background, foreground) of the stock profile a theme is made for, if any.
    pub fn profile(&self, theme: &str) -> Option<(Rgb, Rgb)> {
        if theme == "light" {
            self.light
        } else {
            self.dark
        }
    }
}

/// `c` as RGB on xterm's default palette; `Reset` is `default`.
pub fn xterm_rgb(c: Color, default: Rgb) -> Rgb {
    XTERM.rgb(c, default)
}

/// The 256-colour cube and grey ramp (colours 16-255), the same in every terminal that
/// has them.
fn indexed(i: u8) -> Rgb {
    match i {
        0..=15 => XTERM.ansi[i as usize],
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
        assert_eq!(indexed(196), (255, 0, 0));
        assert_eq!(indexed(232), (8, 8, 8));
    }

    #[test]
    fn every_style_of_both_themes_reads_against_its_background() {
        let mut unreadable = Vec::new();
        for name in ["dark", "light"] {
            let t = Theme::new(name, false);
            for p in PALETTES {
                let Some((bg, fg)) = p.profile(name) else {
                    continue;
                };
                for (what, s) in t.styles() {
                    let f = p.rgb(s.fg.unwrap_or(Color::Reset), fg);
                    let b = p.rgb(s.bg.unwrap_or(Color::Reset), bg);
                    let c = contrast(f, b);
                    if c < 3.0 {
                        unreadable.push(format!("{name} theme on {}, {what}: {c:.2}", p.name));
                    }
                }
            }
        }
        assert!(
            unreadable.is_empty(),
            "contrast < 3:\n{}",
            unreadable.join("\n")
        );
    }

    #[test]
    fn palettes_differ_where_it_matters() {
        // Palette 8 on Tango's dark background: the dim grey that xterm alone would pass.
        let tango = PALETTES.iter().find(|p| p.name == "Tango").unwrap();
        let (bg, _) = tango.dark.unwrap();
        assert!(contrast(tango.rgb(Color::DarkGray, bg), bg) < 3.0);
        assert!(contrast(xterm_rgb(Color::DarkGray, bg), (0, 0, 0)) > 3.0);
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

//! Untrusted text: strip terminal control and escape sequences so nothing from an
//! article can reach the terminal raw, and normalise odd spaces.
//!
//! Removed: ESC sequences (CSI `ESC [ … final`, OSC `ESC ] … BEL/ST`, DCS/SOS/PM/APC
//! strings, two-byte `ESC x`), C1 controls (U+0080–U+009F, with the 8-bit CSI/OSC/DCS
//! forms and their parameters), C0 controls except tab and newline, DEL, zero-width
//! characters, soft hyphens, BOMs and bidi overrides. Odd spaces become a plain space;
//! line and paragraph separators and lone carriage returns become `\n`.

const ESC: char = '\u{1B}';
const BEL: char = '\u{07}';
const ST8: char = '\u{9C}';

/// Returns `s` with every control and escape sequence removed (see the module doc).
pub fn sanitize(s: &str) -> String {
    // Fast path: most text has nothing to do.
    if is_clean(s) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut it = s.chars().peekable();
    while let Some(c) = it.next() {
        match c {
            ESC => match it.peek().copied() {
                Some('[') => {
                    it.next();
                    skip_csi(&mut it);
                }
                Some(']') | Some('P') | Some('X') | Some('^') | Some('_') => {
                    it.next();
                    skip_string(&mut it);
                }
                Some(n) if ('\u{20}'..='\u{2F}').contains(&n) => {
                    // ESC, intermediates, one final byte (e.g. `ESC ( B`).
                    while let Some(&m) = it.peek() {
                        if ('\u{20}'..='\u{2F}').contains(&m) {
                            it.next();
                        } else {
                            break;
                        }
                    }
                    if let Some(&m) = it.peek()
                        && ('\u{30}'..='\u{7E}').contains(&m)
                    {
                        it.next();
                    }
                }
                Some(n) if ('\u{30}'..='\u{7E}').contains(&n) => {
                    it.next(); // two-byte ESC x
                }
                _ => {}
            },
            '\u{9B}' => skip_csi(&mut it),
            '\u{9D}' | '\u{90}' | '\u{98}' | '\u{9E}' | '\u{9F}' => skip_string(&mut it),
            '\r' => {
                if it.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            '\n' | '\t' => out.push(c),
            '\u{2028}' | '\u{2029}' => out.push('\n'),
            c if is_odd_space(c) => out.push(' '),
            c if is_dropped(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// True when `sanitize` would return `s` unchanged. Plain ASCII is checked bytewise.
fn is_clean(s: &str) -> bool {
    let ascii_ok = |b: u8| (0x20..0x7F).contains(&b) || b == b'\n' || b == b'\t';
    if s.bytes().all(ascii_ok) {
        return true;
    }
    !s.chars().any(needs_work)
}

/// True for a character that must never be drawn raw or kept in a name: controls (tab and
/// newline too), bidi
/// and other format characters, odd spaces, line separators.
pub fn is_unsafe(c: char) -> bool {
    c.is_control() || needs_work(c)
}

/// `s` with every [`is_unsafe`] character written as `\u{XXXX}`: for names (a folder's
/// path) that are shown but must stay recognisable.
pub fn escape_unsafe(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if is_unsafe(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

fn needs_work(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || c == '\u{2028}'
        || c == '\u{2029}'
        || is_odd_space(c)
        || is_dropped(c)
}

/// Spaces that look like a space but confuse matching and width.
fn is_odd_space(c: char) -> bool {
    matches!(
        c,
        '\u{A0}' | '\u{1680}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}'
    )
}

/// Invisible characters and controls that are removed outright.
fn is_dropped(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{AD}'            // soft hyphen
            | '\u{180E}'        // Mongolian vowel separator
            | '\u{200B}'..='\u{200F}' // zero-width space/joiners, LRM, RLM
            | '\u{202A}'..='\u{202E}' // bidi embeddings and overrides
            | '\u{2060}'..='\u{2064}' // word joiner, invisible operators
            | '\u{2066}'..='\u{2069}' // bidi isolates
            | '\u{206A}'..='\u{206F}' // deprecated format characters
            | '\u{FEFF}'        // BOM / zero-width no-break space
            | '\u{FFF9}'..='\u{FFFB}' // interlinear annotation
            | '\u{061C}' // Arabic letter mark
        )
}

/// Skips a CSI sequence's parameter and intermediate bytes and its final byte. Stops,
/// without consuming it, at anything that cannot be part of the sequence.
fn skip_csi(it: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    while let Some(&c) = it.peek() {
        if ('\u{20}'..='\u{3F}').contains(&c) {
            it.next();
        } else {
            if ('\u{40}'..='\u{7E}').contains(&c) {
                it.next();
            }
            return;
        }
    }
}

/// Skips an OSC/DCS/SOS/PM/APC string up to its terminator (BEL, `ESC \`, or 8-bit ST).
/// A newline also ends it, so an unterminated string cannot swallow the article.
fn skip_string(it: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    while let Some(&c) = it.peek() {
        match c {
            BEL | ST8 => {
                it.next();
                return;
            }
            ESC => {
                it.next();
                if it.peek() == Some(&'\\') {
                    it.next();
                }
                return;
            }
            '\n' => return,
            _ => {
                it.next();
            }
        }
    }
}

/// Sanitises and folds all whitespace runs into single spaces: for one-line fields
/// (titles, sources) and paragraphs of extracted formats.
pub fn one_line(s: &str) -> String {
    let clean;
    let s = if is_clean(s) {
        s
    } else {
        clean = sanitize(s);
        &clean
    };
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            space = !out.is_empty();
        } else {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(s: &str) -> bool {
        !s.chars().any(|c| c.is_control() && c != '\n' && c != '\t')
    }

    #[test]
    fn strips_csi_osc_and_two_byte_sequences() {
        let s = "a\x1b[2J\x1b[1;1Hb\x1b]0;pwned\x07c\x1b]2;x\x1b\\d\x1bce\x1b(Bf";
        assert_eq!(sanitize(s), "abcdef");
    }

    #[test]
    fn strips_c1_and_8bit_csi() {
        let s = "x\u{9B}31my\u{85}z\u{9D}title\u{9C}w";
        assert_eq!(sanitize(s), "xyzw");
    }

    #[test]
    fn dcs_apc_pm_sos_strings_removed() {
        let s = "a\x1bPq#0;1\x1b\\b\x1b_apc\x07c\x1b^pm\x1b\\d\x1bXsos\x07e";
        assert_eq!(sanitize(s), "abcde");
    }

    #[test]
    fn unterminated_osc_stops_at_newline() {
        let s = "title\x1b]0;evil\nThe prose survives.";
        assert_eq!(sanitize(s), "title\nThe prose survives.");
    }

    #[test]
    fn controls_spaces_and_invisibles() {
        let s = "a\u{0}b\u{7f}c\td\r\ne\rf\u{A0}g\u{2009}h\u{3000}i\u{200B}j\u{AD}k\u{FEFF}l\u{202E}m\u{2028}n";
        assert_eq!(sanitize(s), "abc\td\ne\nf g h ijklm\nn");
        assert!(clean(&sanitize(s)));
    }

    #[test]
    fn plain_text_untouched() {
        let s = "Zoë said: “Ça va” — 42 km.\n\nNext.";
        assert_eq!(sanitize(s), s);
    }

    #[test]
    fn trailing_escape_dropped() {
        assert_eq!(sanitize("end\x1b"), "end");
        assert_eq!(sanitize("end\x1b["), "end");
    }

    #[test]
    fn escape_unsafe_keeps_names_recognisable() {
        assert_eq!(
            escape_unsafe("a\u{1b}b\u{202e}c d"),
            "a\\u{1b}b\\u{202e}c d"
        );
    }

    #[test]
    fn one_line_folds_whitespace() {
        assert_eq!(one_line("  A\n  title\u{A0}here\x1b[0m "), "A title here");
    }
}

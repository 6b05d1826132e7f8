//! Wrapping article text into display lines that keep their byte ranges, so that quote,
//! conflict and search ranges can be styled after wrapping.

use crate::text::Span;
use unicode_width::UnicodeWidthChar;

/// One display line: the byte range of the text it shows (trailing spaces dropped).
/// A blank separator line between paragraphs has `para == None`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WLine {
    pub start: usize,
    pub end: usize,
    pub para: Option<usize>,
}

/// Display width of a char; control chars (drawn as a space) count as one.
pub fn char_width(c: char) -> usize {
    if c.is_control() {
        1
    } else {
        c.width().unwrap_or(0)
    }
}

fn str_width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

/// Wraps the paragraphs of `text` at `width` columns, with a blank line between paragraphs.
/// Falls back to one paragraph per text line when `paras` is empty.
pub fn wrap(text: &str, paras: &[Span], width: usize) -> Vec<WLine> {
    let width = width.max(1);
    let owned;
    let paras = if paras.is_empty() {
        owned = line_paragraphs(text);
        &owned[..]
    } else {
        paras
    };
    let mut out = Vec::new();
    for (i, p) in paras.iter().enumerate() {
        if p.end > text.len() || !text.is_char_boundary(p.start) || !text.is_char_boundary(p.end) {
            continue;
        }
        // A blank line between paragraphs where the file has one; entries on consecutive
        // lines (a timeline) stay on consecutive lines.
        if i > 0 && !out.is_empty() && blank_line_between(text, paras[i - 1].end, p.start) {
            out.push(WLine {
                start: p.start,
                end: p.start,
                para: None,
            });
        }
        for run in crate::text::lines::display_runs(text, *p) {
            wrap_run(text, run.start, run.end, width, i, &mut out);
        }
    }
    out
}

fn blank_line_between(text: &str, from: usize, to: usize) -> bool {
    text.get(from.min(to)..to)
        .is_none_or(|gap| gap.matches('\n').count() != 1)
}

fn line_paragraphs(text: &str) -> Vec<Span> {
    let mut v = Vec::new();
    let mut pos = 0;
    for l in text.split_inclusive('\n') {
        let t = l.trim_end_matches(['\n', '\r']);
        if !t.trim().is_empty() {
            v.push(Span::new(pos, pos + t.len()));
        }
        pos += l.len();
    }
    v
}

/// Greedy word wrap of `text[start..end]`, any whitespace (newlines too) between words.
fn wrap_run(text: &str, start: usize, end: usize, width: usize, para: usize, out: &mut Vec<WLine>) {
    let seg = &text[start..end];
    // Words: maximal runs of non-whitespace, with byte offsets.
    let mut words: Vec<(usize, usize)> = Vec::new();
    let mut ws: Option<usize> = None;
    for (i, c) in seg.char_indices() {
        if c.is_whitespace() {
            if let Some(s) = ws.take() {
                words.push((start + s, start + i));
            }
        } else if ws.is_none() {
            ws = Some(i);
        }
    }
    if let Some(s) = ws {
        words.push((start + s, end));
    }
    if words.is_empty() {
        return;
    }
    let mut cur: Option<(usize, usize, usize)> = None; // (line start, line end, width)
    for (w_start, w_end) in words {
        let w = str_width(&text[w_start..w_end]);
        if let Some((ls, le, lw)) = cur {
            let gap = str_width(&text[le..w_start]);
            if lw + gap + w <= width {
                cur = Some((ls, w_end, lw + gap + w));
                continue;
            }
            out.push(WLine {
                start: ls,
                end: le,
                para: Some(para),
            });
        }
        if w <= width {
            cur = Some((w_start, w_end, w));
            continue;
        }
        // A word longer than the line: cut it into full-width chunks.
        let mut cs = w_start;
        let mut cw = 0;
        let mut last = None;
        for (i, c) in text[w_start..w_end].char_indices() {
            let cwid = char_width(c);
            if cw + cwid > width && cw > 0 {
                out.push(WLine {
                    start: cs,
                    end: w_start + i,
                    para: Some(para),
                });
                cs = w_start + i;
                cw = 0;
            }
            cw += cwid;
            last = Some((cs, w_end, cw));
        }
        cur = last;
    }
    if let Some((ls, le, _)) = cur {
        out.push(WLine {
            start: ls,
            end: le,
            para: Some(para),
        });
    }
}

/// The index of the display line holding byte `pos` (the last line starting at or before it).
pub fn line_of(lines: &[WLine], pos: usize) -> usize {
    match lines.binary_search_by(|l| l.start.cmp(&pos)) {
        Ok(i) => {
            // Prefer a text line over a blank separator starting at the same byte.
            let mut j = i;
            while j + 1 < lines.len() && lines[j + 1].start == pos {
                j += 1;
            }
            j
        }
        Err(0) => 0,
        Err(i) => i - 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(text: &str, lines: &[WLine]) -> Vec<String> {
        lines
            .iter()
            .map(|l| text[l.start..l.end].to_string())
            .collect()
    }

    #[test]
    fn wraps_words_and_separates_paragraphs() {
        let text = "one two three four\n\nfive six";
        let paras = [Span::new(0, 18), Span::new(20, 28)];
        let lines = wrap(text, &paras, 9);
        assert_eq!(
            shown(text, &lines),
            vec!["one two", "three", "four", "", "five six"]
        );
        assert_eq!(lines[3].para, None);
    }

    #[test]
    fn cuts_long_words_and_counts_wide_chars() {
        let text = "abcdefghij 日本語です";
        let lines = wrap(text, &[Span::new(0, text.len())], 4);
        assert_eq!(
            shown(text, &lines),
            vec!["abcd", "efgh", "ij", "日本", "語で", "す"]
        );
    }

    #[test]
    fn reflows_soft_line_breaks_and_finds_lines() {
        let text = "a b\nc d";
        // Paragraphs on consecutive lines of the file get no blank line between them.
        let lines = wrap(text, &[], 80);
        assert_eq!(shown(text, &lines), vec!["a b", "c d"]);
        let text2 = "a b\nc d";
        let lines2 = wrap(text2, &[Span::new(0, 7)], 3);
        assert_eq!(shown(text2, &lines2), vec!["a b", "c d"]);
        assert_eq!(line_of(&lines2, 5), 1);
        assert_eq!(line_of(&lines2, 0), 0);
        // Two short lines are records, not a wrapped paragraph, however wide the screen.
        let lines3 = wrap(text2, &[Span::new(0, 7)], 80);
        assert_eq!(shown(text2, &lines3), vec!["a b", "c d"]);
    }

    #[test]
    fn keeps_the_line_starts_of_records_but_reflows_hard_wrapped_copy() {
        let timeline = "08:10 Crews reach the quay.\n08:45 Road shut both ways.\n09:30 All clear.";
        let lines = wrap(timeline, &[Span::new(0, timeline.len())], 80);
        assert_eq!(
            shown(timeline, &lines),
            vec![
                "08:10 Crews reach the quay.",
                "08:45 Road shut both ways.",
                "09:30 All clear."
            ]
        );
        assert!(lines.iter().all(|l| l.para == Some(0)));
        let entries = "09:02 Divers reach the hull and report that it is intact on both sides.\n\
                       09:40 The salvage firm says the lift will wait for the next high tide.\n\
                       10:15 Harbour master confirms the channel reopens to small craft.";
        assert_eq!(wrap(entries, &[Span::new(0, entries.len())], 200).len(), 3);
        let long = format!("{}\n{}", "word ".repeat(30).trim_end(), "next record");
        assert_eq!(wrap(&long, &[Span::new(0, long.len())], 200).len(), 2);
        let wrapped = "the ferry left the quay late on its second crossing of\nthe day and docked at the far pier an hour behind the\ntimetable.";
        let lines = wrap(wrapped, &[Span::new(0, wrapped.len())], 200);
        assert_eq!(lines.len(), 1);
    }

    #[test]
    fn never_panics_on_odd_spans() {
        let text = "héllo";
        let lines = wrap(text, &[Span::new(0, 99), Span::new(2, 3)], 3);
        assert!(lines.is_empty());
        assert!(wrap("", &[], 0).is_empty());
    }
}

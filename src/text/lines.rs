//! Whether the lines of a block of text were hard-wrapped (soft newlines inside one paragraph)
//! or are records of their own (a timeline, a list, copy with one paragraph per line).

use super::Span;

/// Narrowest and widest line a hard-wrapping editor or mailer produces (characters).
const HARD_WRAP_WIDTHS: std::ops::RangeInclusive<usize> = 50..=100;

/// The runs of `block` that the analysis reads as paragraphs. In hard-wrapped copy every
/// newline is soft: the whole block. Otherwise a line that closes a sentence ends a run (one
/// entry or paragraph per line), and a line that stops mid-sentence runs on into the next, so
/// no sentence is ever cut at a newline.
pub fn line_runs(text: &str, block: Span) -> Vec<Span> {
    let lines = lines_of(text, block);
    if lines.len() < 2 || is_hard_wrapped(text, &lines) {
        return vec![block];
    }
    let mut runs = Vec::new();
    let mut start = None;
    for (i, l) in lines.iter().enumerate() {
        let s = *start.get_or_insert(l.start);
        if ends_sentence(&text[l.start..l.end]) || i + 1 == lines.len() {
            runs.push(Span::new(s, l.end));
            start = None;
        }
    }
    runs
}

/// The runs of `block` drawn from a new line each: the whole block in hard-wrapped copy, else
/// every line, as the file shows it.
pub fn display_runs(text: &str, block: Span) -> Vec<Span> {
    let lines = lines_of(text, block);
    if lines.len() < 2 || is_hard_wrapped(text, &lines) {
        return vec![block];
    }
    lines
}

/// The non-blank lines of `block`, trimmed.
fn lines_of(text: &str, block: Span) -> Vec<Span> {
    let mut lines = Vec::new();
    let mut pos = block.start;
    for l in text[block.start..block.end].split('\n') {
        let lead = l.len() - l.trim_start().len();
        let body = l.trim();
        if !body.is_empty() {
            lines.push(Span::new(pos + lead, pos + lead + body.len()));
        }
        pos += l.len() + 1;
    }
    lines
}

/// Greedy hard wrapping leaves a mark: every line but the last fills most of the width, the
/// next line's first word would not have fitted on it, and lines end mid-sentence far more often
/// than at a sentence's end. Short lines (a timeline), lines wider than a terminal, or lines that
/// each close a sentence (one paragraph or entry per line) were never wrapped.
fn is_hard_wrapped(text: &str, lines: &[Span]) -> bool {
    let line = |l: &Span| &text[l.start..l.end];
    let widths: Vec<usize> = lines.iter().map(|l| line(l).chars().count()).collect();
    let widest = widths.iter().copied().max().unwrap_or(0);
    if !HARD_WRAP_WIDTHS.contains(&widest) {
        return false;
    }
    let inner = &lines[..lines.len() - 1];
    let closed = inner.iter().filter(|l| ends_sentence(line(l))).count();
    closed * 2 < inner.len().max(2)
        && lines.windows(2).zip(&widths).all(|(pair, &w)| {
            let next_word = line(&pair[1]).split_whitespace().next().unwrap_or("");
            w * 5 >= widest * 3 && w + 1 + next_word.chars().count() > widest
        })
}

fn ends_sentence(line: &str) -> bool {
    let last = line.trim_end_matches(['"', '\'', '\u{201d}', '\u{2019}', ')']);
    last.ends_with(['.', '!', '?', ':', '\u{2026}'])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn runs(text: &str) -> Vec<&str> {
        line_runs(text, Span::new(0, text.len()))
            .iter()
            .map(|s| &text[s.start..s.end])
            .collect()
    }

    #[test]
    fn short_entries_are_records() {
        let timeline = "08:10 Crews reach the quay.\n08:45 Road shut both ways.\n09:30 All clear.";
        assert_eq!(
            runs(timeline),
            vec![
                "08:10 Crews reach the quay.",
                "08:45 Road shut both ways.",
                "09:30 All clear."
            ]
        );
        assert_eq!(runs("a b.\n  c d  "), vec!["a b.", "c d"]);
        // A line that stops mid-sentence runs on: the sentence is never cut.
        assert_eq!(
            runs("Crews said the road\nwould reopen.\nNext."),
            vec!["Crews said the road\nwould reopen.", "Next."]
        );
    }

    #[test]
    fn entries_that_each_close_a_sentence_are_records_even_of_even_width() {
        let entries = "09:02 Divers reach the hull and report that it is intact on both sides.\n\
                       09:40 The salvage firm says the lift will wait for the next high tide.\n\
                       10:15 Harbour master confirms the channel reopens to small craft.";
        assert_eq!(runs(entries).len(), 3);
        let long = format!("{}.\n{}", "word ".repeat(30).trim_end(), "next record");
        assert_eq!(runs(&long).len(), 2);
        // Drawn, every line of such copy keeps its start, closed or not.
        let header = "Harbour\nFerry docks late\nBy Ines Marl";
        assert_eq!(display_runs(header, Span::new(0, header.len())).len(), 3);
        assert_eq!(runs(header).len(), 1);
    }

    #[test]
    fn hard_wrapped_copy_is_one_run() {
        let wrapped = "the ferry left the quay late on its second crossing of\nthe day and docked at \
                       the far pier an hour behind the\ntimetable.";
        assert_eq!(runs(wrapped), vec![wrapped]);
        assert_eq!(runs("one line only"), vec!["one line only"]);
    }
}

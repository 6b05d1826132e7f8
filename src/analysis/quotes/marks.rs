//! Quotation marks -> quoted stretches, paragraph by paragraph.
//!
//! Handles straight `"`, curly `“ ”`, low `„ “`, guillemets `« »`, doubled
//! apostrophes `'' ... ''` (and `` `` ... '' ``), single quotes nested inside double
//! ones and `‘ ’` / `' '` as outer marks. Apostrophes (don't, the '90s, workers' pay,
//! rock 'n' roll) are not marks. An unclosed mark ends at its paragraph: it continues
//! into the next paragraph only when that one opens with a mark (a multi-paragraph
//! quotation), otherwise the stretch is cut at the paragraph end.

use crate::text::{Span, TextModel};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Family {
    Double,
    Single,
    Angle,
}

#[derive(Clone, Copy, Debug)]
struct Mark {
    span: Span,
    family: Family,
    can_open: bool,
    can_close: bool,
}

/// One quoted stretch inside one paragraph.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Marked {
    /// The quoted text, without its marks.
    pub inner: Span,
    /// The opening mark.
    pub open: Span,
    /// The closing mark (`None` when the stretch runs to the paragraph end).
    pub close: Option<Span>,
    pub paragraph: usize,
    /// Runs on into the next paragraph (multi-paragraph quotation).
    pub continues: bool,
    /// Inside single marks at the outer level.
    pub single: bool,
}

/// Elided words that start with an apostrophe ('n', 'em, 'til ...): not an opening mark.
const ELISIONS: &[&str] = &[
    "n", "em", "til", "cause", "cos", "tis", "twas", "round", "bout", "s", "d", "ll", "re", "ve",
    "nuff", "im", "ol", "t",
];

fn is_open_context(prev: Option<char>) -> bool {
    match prev {
        None => true,
        Some(p) => {
            p.is_whitespace()
                || matches!(
                    p,
                    '(' | '[' | '{' | '—' | '–' | '-' | '/' | ':' | '“' | '"' | '‘' | '«' | '„'
                )
        }
    }
}

fn is_close_context(next: Option<char>) -> bool {
    match next {
        None => true,
        Some(n) => {
            n.is_whitespace()
                || matches!(
                    n,
                    '.' | ','
                        | ';'
                        | ':'
                        | '!'
                        | '?'
                        | ')'
                        | ']'
                        | '}'
                        | '—'
                        | '–'
                        | '-'
                        | '”'
                        | '"'
                        | '’'
                        | '\''
                        | '»'
                        | '…'
                )
        }
    }
}

fn marks_of(p: &str, base: usize) -> Vec<Mark> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = p.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (pos, c) = chars[i];
        let prev = if i > 0 { Some(chars[i - 1].1) } else { None };
        let mut width = 1;
        let mut family = None;
        let mut can_open = false;
        let mut can_close = false;
        let next = chars.get(i + 1).map(|x| x.1);
        match c {
            '"' | '\'' | '`' if next == Some(c) || (c == '`' && next == Some('`')) => {
                // Doubled apostrophe / backtick: a double mark.
                width = 2;
                let next2 = chars.get(i + 2).map(|x| x.1);
                family = Some(Family::Double);
                can_open = is_open_context(prev) && next2.is_some_and(|n| !n.is_whitespace());
                can_close = c != '`'
                    && ((prev.is_some_and(|p| !p.is_whitespace()) && is_close_context(next2))
                        || (prev.is_some_and(char::is_whitespace)
                            && next2.is_none_or(char::is_whitespace)));
            }
            '"' => {
                family = Some(Family::Double);
                can_open = is_open_context(prev) && next.is_some_and(|n| !n.is_whitespace());
                can_close = prev.is_some_and(|p| !p.is_whitespace()) && is_close_context(next);
                // a free-standing mark ("word , " said") closes an open quotation
                if prev.is_some_and(char::is_whitespace) && next.is_none_or(char::is_whitespace) {
                    can_close = true;
                }
            }
            '“' => {
                family = Some(Family::Double);
                let looks_closing = prev.is_some_and(|p| !p.is_whitespace())
                    && is_close_context(next)
                    && !is_open_context(prev);
                can_open = !looks_closing || next.is_some_and(char::is_alphanumeric);
                // „ ... “ style closes with “.
                can_close = looks_closing || prev.is_some_and(|p| !p.is_whitespace());
            }
            '”' => {
                family = Some(Family::Double);
                can_close = prev.is_some_and(|p| !p.is_whitespace()) || next.is_none();
                can_open = prev.is_none_or(char::is_whitespace)
                    && next.is_some_and(|n| !n.is_whitespace());
            }
            '„' => {
                family = Some(Family::Double);
                can_open = true;
            }
            '«' => {
                family = Some(Family::Angle);
                can_open = true;
            }
            '»' => {
                family = Some(Family::Angle);
                can_close = true;
            }
            '‘' | '\'' | '’' => {
                family = Some(Family::Single);
                let word_inside = prev.is_some_and(char::is_alphanumeric)
                    && next.is_some_and(char::is_alphanumeric);
                if !word_inside {
                    if c != '’'
                        && is_open_context(prev)
                        && next.is_some_and(|n| n.is_alphabetic() || n == '"' || n == '“')
                    {
                        let rest: String = chars[i + 1..]
                            .iter()
                            .map(|x| x.1)
                            .take_while(|c| c.is_alphabetic())
                            .collect::<String>()
                            .to_lowercase();
                        can_open = !ELISIONS.contains(&rest.as_str());
                    }
                    if c != '‘'
                        && prev.is_some_and(|p| !p.is_whitespace())
                        && is_close_context(next)
                    {
                        // workers' pay: a possessive before a lowercase word.
                        let after: Option<char> = chars[i + 1..]
                            .iter()
                            .map(|x| x.1)
                            .find(|c| !c.is_whitespace());
                        let possessive = matches!(prev, Some('s') | Some('S'))
                            && next.is_some_and(char::is_whitespace)
                            && after.is_some_and(char::is_lowercase);
                        can_close = !possessive;
                    }
                }
            }
            _ => {}
        }
        if let Some(family) = family
            && (can_open || can_close)
        {
            let end = chars.get(i + width).map(|x| x.0).unwrap_or(p.len());
            out.push(Mark {
                span: Span::new(base + pos, base + end),
                family,
                can_open,
                can_close,
            });
        }
        i += width;
    }
    out
}

fn same_level(a: Family, b: Family) -> bool {
    a == b
}

/// Quoted stretches of the whole text, in order.
pub fn find(text: &str, model: &TextModel) -> Vec<Marked> {
    let mut out = Vec::new();
    let paras = &model.paragraphs;
    // Whether each paragraph opens with a quotation mark.
    let opens_with_mark: Vec<bool> = paras
        .iter()
        .map(|p| {
            let s = p.text(text);
            s.starts_with(['"', '“', '„', '«', '”']) || s.starts_with("''") || s.starts_with("``")
        })
        .collect();
    for (pi, para) in paras.iter().enumerate() {
        let ptext = para.text(text);
        // Most paragraphs hold no mark at all: skip them without decoding chars
        // (0xE2 leads “ ” „ ‘ ’, 0xC2 leads « »).
        if !ptext
            .bytes()
            .any(|b| matches!(b, b'"' | b'\'' | b'`' | 0xE2 | 0xC2))
        {
            continue;
        }
        let marks = marks_of(ptext, para.start);
        // Stack of open marks: (family, mark span).
        let mut stack: Vec<(Family, Span)> = Vec::new();
        for m in marks {
            let closes = m.can_close && stack.iter().any(|(f, _)| same_level(*f, m.family));
            if closes {
                // Pop down to the matching family (dropping unclosed nested singles).
                while let Some((f, open)) = stack.pop() {
                    if same_level(f, m.family) {
                        if stack.is_empty() && open.end < m.span.start {
                            out.push(Marked {
                                inner: Span::new(open.end, m.span.start),
                                open,
                                close: Some(m.span),
                                paragraph: pi,
                                continues: false,
                                single: f == Family::Single,
                            });
                        }
                        break;
                    }
                }
                continue;
            }
            if m.can_open {
                match m.family {
                    Family::Single => stack.push((m.family, m.span)),
                    _ => {
                        if stack.iter().any(|(f, _)| *f == m.family) {
                            // Re-opened before closing: the earlier mark was stray.
                            stack.retain(|(f, _)| *f != m.family);
                        }
                        stack.push((m.family, m.span));
                    }
                }
            }
        }
        // Unclosed: the bottom-most double/angle mark runs to the paragraph end.
        if let Some(&(f, open)) = stack.iter().find(|(f, _)| *f != Family::Single) {
            let inner = Span::new(open.end, para.end);
            let words = inner.text(text).split_whitespace().count();
            let next_opens = opens_with_mark.get(pi + 1).copied().unwrap_or(false);
            let _ = f;
            if words >= 3 || next_opens {
                out.push(Marked {
                    inner,
                    open,
                    close: None,
                    paragraph: pi,
                    continues: next_opens,
                    single: false,
                });
            }
        }
    }
    // Drop empty stretches and trim whitespace inside the marks.
    out.retain_mut(|m| {
        let s = m.inner.text(text);
        if s.trim().is_empty() {
            return false;
        }
        let lead = s.len() - s.trim_start().len();
        let trail = s.len() - s.trim_end().len();
        m.inner = Span::new(m.inner.start + lead, m.inner.end - trail);
        !m.inner.is_empty()
            && m.inner.text(text).chars().any(char::is_alphanumeric)
            && !is_nickname(text, m)
    });
    out
}

/// `William "Bill" Nwankwo`: one capitalised word quoted between two names is a
/// nickname, not a quotation.
fn is_nickname(text: &str, m: &Marked) -> bool {
    let Some(close) = m.close else { return false };
    let inner = m.inner.text(text);
    let capital_word = |w: &str| {
        w.chars().next().is_some_and(char::is_uppercase) && w.chars().all(char::is_alphabetic)
    };
    if !capital_word(inner) {
        return false;
    }
    let before = &text[..m.open.start];
    let after = &text[close.end..];
    let prev = before
        .strip_suffix(' ')
        .and_then(|b| b.rsplit(' ').next())
        .is_some_and(capital_word);
    let next = after
        .strip_prefix(' ')
        .and_then(|a| a.split([' ', ',', '.', '\'']).next())
        .is_some_and(capital_word);
    prev && next
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quoted(t: &str) -> Vec<&str> {
        let m = TextModel::new(t);
        find(t, &m).iter().map(|q| q.inner.text(t)).collect()
    }

    #[test]
    fn all_mark_styles() {
        assert_eq!(quoted("He said \"yes, now,\" and left."), vec!["yes, now,"]);
        assert_eq!(quoted("“We won,” she said."), vec!["We won,"]);
        assert_eq!(quoted("Er sagte „Wir gehen“ heute."), vec!["Wir gehen"]);
        assert_eq!(quoted("Il a dit « non » hier."), vec!["non"]);
        assert_eq!(quoted("''It is done,'' he said."), vec!["It is done,"]);
        assert_eq!(quoted("``It is done,'' he said."), vec!["It is done,"]);
        assert_eq!(quoted("‘We are ready,’ she said."), vec!["We are ready,"]);
    }

    #[test]
    fn nested_single_quotes_stay_inside() {
        assert_eq!(
            quoted("\"They called it 'a disgrace' today,\" he said."),
            vec!["They called it 'a disgrace' today,"]
        );
    }

    #[test]
    fn apostrophes_are_not_marks() {
        assert!(quoted("We don't know about the '90s, workers' pay or rock 'n' roll.").is_empty());
        assert_eq!(
            quoted("“The workers’ pay is low,” she said."),
            vec!["The workers’ pay is low,"]
        );
    }

    #[test]
    fn multi_paragraph_and_unbalanced_marks() {
        let t = "\"First part of it goes on.\n\n\"Second part ends here,\" he said.\n\nNext \"stray mark here and more words\n\nA clean paragraph.";
        let m = TextModel::new(t);
        let q = find(t, &m);
        assert_eq!(q.len(), 3);
        assert!(q[0].continues);
        assert_eq!(q[1].inner.text(t), "Second part ends here,");
        assert_eq!(q[2].inner.text(t), "stray mark here and more words");
        assert!(!q[2].continues);
    }
}

//! Transcripts and courtroom exchanges: a paragraph opening with a speaker label
//! ("A:", "NAME:", "Mr Surname:") is the labelled person's own words, without
//! quotation marks. "Q:" questions belong to the interviewer and are not quotes.
//! Only an exchange counts (two or more labelled paragraphs), so a lone
//! "Minister: ..." headline or a "Published: ..." line never fires.

use super::attribution::Ctx;
use super::{Quote, QuoteKind};
use crate::analysis::entities::EntityKind;
use crate::analysis::lexicon::TITLES;
use crate::analysis::names::fold;
use crate::text::Span;

/// Longest label in bytes ("Detective Chief Inspector Name Surname").
const MAX_LABEL: usize = 48;
/// Fewest words of an answer.
const MIN_WORDS: usize = 2;

#[derive(Clone, Copy, Debug, PartialEq)]
enum Label {
    Question,
    Answer,
    Speaker(usize),
}

struct Labelled {
    label: Label,
    label_span: Span,
    answer: Span,
}

/// Direct quotes of labelled answers (quotations already marked are left to the
/// marks), and the answers' text, where no reported speech is to be looked for.
/// Reported speech inside a question ("Q: The mayor said ... Is that so?") stays.
pub fn find(ctx: &mut Ctx) -> (Vec<Quote>, Vec<Span>) {
    let mut rows: Vec<(usize, Labelled)> = Vec::new();
    for (pi, &p) in ctx.model.paragraphs.iter().enumerate().skip(1) {
        if let Some(l) = labelled(ctx, p) {
            rows.push((pi, l));
        }
    }
    if rows.len() < 2 {
        return (Vec::new(), Vec::new());
    }
    let lines: Vec<Span> = rows
        .iter()
        .filter(|r| r.1.label != Label::Question)
        .map(|r| r.1.answer)
        .collect();
    let first_label = rows[0].1.label_span.start;
    let interviewee = interviewee(ctx, first_label);
    let mut out = Vec::new();
    for (_, l) in rows {
        let speaker = match l.label {
            Label::Question => continue,
            Label::Answer => match interviewee {
                Some(e) => e,
                None => continue,
            },
            Label::Speaker(e) => e,
        };
        if opens_with_mark(l.answer.text(ctx.text)) {
            continue;
        }
        out.push(Quote {
            span: l.answer,
            kind: QuoteKind::Direct,
            group: None,
            speaker: Some(speaker),
            mention: match l.label {
                Label::Speaker(_) => Some(l.label_span),
                _ => None,
            },
            cue: Some(l.label_span),
        });
    }
    (out, lines)
}

fn opens_with_mark(s: &str) -> bool {
    s.starts_with(['"', '“', '„', '«', '\'', '‘'])
}

/// The label and answer of a paragraph "LABEL: answer", if it reads as one.
fn labelled(ctx: &Ctx, p: Span) -> Option<Labelled> {
    let text = ctx.text;
    let raw = p.text(text);
    // Markdown emphasis around the line ("**Q: ...**")
    let lead = raw.len() - raw.trim_start_matches(['*', '_', ' ']).len();
    let body = &raw[lead..];
    let colon = body.find(':').filter(|&c| c <= MAX_LABEL)?;
    let label = body[..colon].trim_end_matches(['*', '_']).trim();
    let after = &body[colon + 1..];
    // "Update 14:05", "10:52": a clock time is no label
    if after.starts_with(|c: char| c.is_ascii_digit()) || label.is_empty() {
        return None;
    }
    let ans_rel = after.len() - after.trim_start_matches(['*', '_', ' ', '\t']).len();
    let ans_start = p.start + lead + colon + 1 + ans_rel;
    let ans_text = text[ans_start..p.end]
        .trim_end()
        .trim_end_matches(['*', '_']);
    let answer = Span::new(ans_start, ans_start + ans_text.len());
    if ans_text.split_whitespace().count() < MIN_WORDS
        || !ans_text.ends_with(['.', '?', '!', '…', '"', '”', '’', ')'])
    {
        return None;
    }
    let label_span = Span::new(p.start + lead, p.start + lead + label.len());
    let kind = match label {
        "Q" | "Question" | "QUESTION" => Label::Question,
        "A" | "Answer" | "ANSWER" => Label::Answer,
        _ => Label::Speaker(speaker_of(ctx, label, label_span)?),
    };
    Some(Labelled {
        label: kind,
        label_span,
        answer,
    })
}

/// The entity a name label names: a known entity of the article whose name, alias
/// or surname it is ("HOLLIS", "Ms Varga", "K9"). A label naming nobody known
/// ("Photo", "Published", "Minister") is no speaker.
fn speaker_of(ctx: &Ctx, label: &str, span: Span) -> Option<usize> {
    let words: Vec<&str> = label.split_whitespace().collect();
    if words.len() > 5
        || !words
            .iter()
            .all(|w| w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()))
    {
        return None;
    }
    let name_words: Vec<String> = words
        .iter()
        .map(|w| fold(w.trim_end_matches('.')))
        .filter(|w| !TITLES.contains(w))
        .collect();
    if name_words.is_empty() {
        return None;
    }
    let key = name_words.join(" ");
    let last = name_words.last()?.clone();
    let names_of = |e: &crate::analysis::entities::Entity| {
        std::iter::once(fold(&e.name))
            .chain(e.aliases.iter().map(|a| fold(a)))
            .collect::<Vec<_>>()
    };
    let matches = |by_last: bool| {
        ctx.entities
            .iter()
            .enumerate()
            .filter(|(_, e)| {
                names_of(e).iter().any(|n| {
                    n == &key || (by_last && n.rsplit(' ').next().is_some_and(|l| l == last))
                })
            })
            .map(|(i, _)| i)
            .collect::<Vec<_>>()
    };
    let exact = matches(false);
    if exact.len() == 1 {
        return Some(exact[0]);
    }
    let by_last = matches(true);
    if by_last.len() == 1 {
        return Some(by_last[0]);
    }
    // a strong name mention at the label itself
    ctx.mentions
        .iter()
        .find(|m| span.contains(m.span) && !m.weak && m.entity.is_some())
        .and_then(|m| m.entity)
}

/// The person the exchange interviews: the person named most often before the first
/// label (the headline and introduction), the first named on a tie; bylines skipped.
fn interviewee(ctx: &Ctx, before: usize) -> Option<usize> {
    let mut counts: Vec<(usize, usize, usize)> = Vec::new(); // (entity, count, first)
    for m in &ctx.mentions {
        if m.span.start >= before {
            break;
        }
        let Some(e) = m.entity else { continue };
        if ctx.entities[e].kind != EntityKind::Person || !in_prose(ctx, m.span.start) {
            continue;
        }
        match counts.iter_mut().find(|c| c.0 == e) {
            Some(c) => c.1 += 1,
            None => counts.push((e, 1, m.span.start)),
        }
    }
    counts
        .iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.2.cmp(&a.2)))
        .map(|c| c.0)
}

/// The headline or a paragraph of sentences: not a byline, nor a metadata line
/// ("Harbour Times | Science | 3 May").
fn in_prose(ctx: &Ctx, pos: usize) -> bool {
    ctx.model.paragraph_at(pos).is_some_and(|pi| {
        let t = ctx.model.paragraphs[pi]
            .text(ctx.text)
            .trim_matches(['*', '_', ' ', '\n']);
        let byline =
            t.starts_with("By ") || t.starts_with("BY ") || t.to_lowercase().starts_with("byline");
        !byline && (pi == 0 || t.ends_with(['.', '!', '?', '"', '”', '’']))
    })
}

#[cfg(test)]
mod tests {
    use crate::analysis::quotes::{QuoteKind, extract};
    use crate::text::TextModel;

    fn run(text: &str) -> Vec<(String, QuoteKind, Option<String>)> {
        let model = TextModel::new(text);
        let (qs, ents) = extract(text, &model);
        qs.iter()
            .map(|q| {
                (
                    q.span.text(text).to_string(),
                    q.kind,
                    q.speaker.map(|e| ents[e].name.clone()),
                )
            })
            .collect()
    }

    #[test]
    fn answers_belong_to_the_interviewee_and_questions_to_nobody() {
        let text = "Talking tides with a harbour master\n\nBy Orla Penhale\n\n\
            Harbour Gazette | Ports | 3 May 2025\n\n\
            Captain Idris Fenwick has run the port of Tarnmouth for twelve years. \
            Fenwick spoke to us on Monday.\n\n\
            Q: Why were the gates shut early?\n\n\
            A: The swell was higher than forecast and we could not risk the pontoons.\n\n\
            Q: The council says the pontoons are unsafe. Will they reopen soon?\n\n\
            A: By the weekend, if the wind drops as we expect.\n";
        let got = run(text);
        let answers: Vec<_> = got
            .iter()
            .filter(|q| q.0.starts_with("The swell") || q.0.starts_with("By the weekend"))
            .collect();
        assert_eq!(answers.len(), 2, "{got:?}");
        for a in answers {
            assert_eq!(a.1, QuoteKind::Direct);
            assert_eq!(a.2.as_deref(), Some("Idris Fenwick"), "{got:?}");
        }
        assert!(
            got.iter()
                .all(|q| !q.0.starts_with("Why were") && !q.0.starts_with("The council says")),
            "a question is no quote: {got:?}"
        );
        assert!(
            got.iter()
                .any(|q| q.0 == "By the weekend, if the wind drops as we expect."),
            "the span is the answer to the paragraph end: {got:?}"
        );
    }

    #[test]
    fn named_labels_in_an_exchange_are_the_named_speakers() {
        let text = "Hearing resumes in the Dunmore case\n\n\
            Counsel Petra Vollmer questioned the warden, Joss Arkwright, on Tuesday.\n\n\
            Ms Vollmer: Where were you standing when the gate opened?\n\n\
            ARKWRIGHT: By the north wall, about ten metres away from it.\n\n\
            Ms Vollmer: Could you see the lock?\n\n\
            ARKWRIGHT: No, the lamp had gone out by then.\n";
        let got = run(text);
        let by = |start: &str| got.iter().find(|q| q.0.starts_with(start)).cloned();
        let a = by("By the north wall").expect("answer found");
        assert_eq!(a.2.as_deref(), Some("Joss Arkwright"));
        assert_eq!(a.1, QuoteKind::Direct);
        let q = by("Could you see").expect("counsel's question found");
        assert_eq!(q.2.as_deref(), Some("Petra Vollmer"));
    }

    #[test]
    fn metadata_lines_times_and_lone_headline_labels_are_not_quotes() {
        let text = "Minister: We will not raise the levy this year.\n\n\
            Published: 4 March 2025, 09:10.\n\n\
            Photo: Lena Dorsch for the Harbour Times.\n\n\
            Update 14:05: The ferry has left the harbour again.\n\n\
            11:20: Crews are back at the pier.\n\n\
            Lena Dorsch, the harbour minister, visited the pier on Monday.\n";
        let got = run(text);
        for start in [
            "We will not",
            "4 March",
            "Lena Dorsch for",
            "The ferry",
            "Crews",
        ] {
            assert!(
                got.iter().all(|q| !q.0.starts_with(start)),
                "{start}: {got:?}"
            );
        }
    }
}

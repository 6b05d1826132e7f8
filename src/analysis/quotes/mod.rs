//! Quotations (direct, partial, indirect, scare) and their attribution to speakers.
//!
//! Pipeline, all pure functions over the text: quotation marks -> stretches
//! ([`marks`]); names -> entities ([`crate::analysis::entities`]); for each stretch a
//! speech cue and its subject around it ([`attribution`]), falling back to the
//! paragraph's or the previous paragraph's speaker; a kind from the stretch's place
//! in its sentence; then reported speech without marks ([`indirect`]).

pub mod attribution;
pub mod indirect;
pub mod marks;
pub mod transcript;

use super::entities::{Entity, cluster, find_mentions};
use crate::analysis::lexicon::SCARE_CUES;
use crate::text::doc::Doc;
use crate::text::{Span, TextModel, Token};
use attribution::{Ctx, Found};
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    Direct,
    Partial,
    Indirect,
    Scare,
}

impl QuoteKind {
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Partial => "partial",
            QuoteKind::Indirect => "indirect",
            QuoteKind::Scare => "scare",
        }
    }
}

/// One contiguous quoted stretch (without its quotation marks), with its attribution.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Quote {
    pub span: Span,
    pub kind: QuoteKind,
    /// Entries that are parts of one quotation (interrupted or multi-paragraph) share a group.
    pub group: Option<u32>,
    /// Index into the article's entities; `None` for scare quotes and unattributed quotes.
    pub speaker: Option<usize>,
    /// The words naming the speaker at this quote (a name, a pronoun, "the minister").
    pub mention: Option<Span>,
    /// The speech verb or phrase ("said", "according to").
    pub cue: Option<Span>,
}

/// Finds the quotes of an article and the entities they are attributed to, building
/// the article's document model ([`crate::analysis::analyze`] passes its own).
pub fn extract(text: &str, model: &TextModel) -> (Vec<Quote>, Vec<Entity>) {
    extract_doc(&Doc::new(text), model)
}

/// As [`extract`], on the article's document model computed once for every stage.
pub fn extract_doc(doc: &Doc, model: &TextModel) -> (Vec<Quote>, Vec<Entity>) {
    let text = doc.text();
    let marked = marks::find(text, model);
    let toks = tokens(doc);
    let quoted: Vec<Span> = marked
        .iter()
        .map(|m| Span::new(m.open.start, m.close.map_or(m.inner.end, |c| c.end)))
        .collect();
    let mut mentions = find_mentions(text, &toks, model, &quoted);
    let entities = cluster(&mut mentions);
    let mut ctx = Ctx::new(text, model, &toks, mentions, entities, &quoted);

    let mut quotes: Vec<Quote> = Vec::with_capacity(marked.len());
    let mut found: Vec<Option<Found>> = Vec::with_capacity(marked.len());
    let mut next_group: u32 = 1;
    let mut groups: Vec<Option<u32>> = vec![None; marked.len()];
    // Stretches given to a speech noun's possessor: their speaker said only them, so
    // neighbours without a cue do not inherit it.
    let mut noun_owned: Vec<bool> = Vec::with_capacity(marked.len());

    // Pass 1: a cue next to each stretch.
    for (qi, m) in marked.iter().enumerate() {
        let outer = quoted[qi];
        let pre = ctx.pre_region(outer, qi);
        let post = ctx.post_region(outer, qi);
        let sentence_initial = ctx.region_is_empty(pre);
        let ends_utterance = m.inner.text(text).trim_end().ends_with([',', '?', '!']);
        let colon = pre.text(text).trim_end().ends_with(':');
        // "Critics seized on Varga's claim that it would “pay for itself”": the words
        // are the possessor's, whoever reports the claim
        let owned = ctx.speech_noun_owner(pre);
        noun_owned.push(owned.is_some());
        let f = if let Some(f) = owned {
            Some(f)
        } else if colon && let Some(f) = ctx.colon_label(pre) {
            Some(f)
        } else if sentence_initial {
            ctx.cue_after(post).or_else(|| ctx.cue_before(pre))
        } else if ends_utterance {
            // "X said he would make it “glow,” and Y vowed ...": a cue after the
            // quotation that opens a new coordinated clause is that clause's; the
            // quotation stays with the cue of its own clause before it
            match ctx.cue_after(post) {
                Some(a) if opens_new_clause(text, outer.end, &a) => ctx
                    .cue_before(pre)
                    .filter(|b| b.entity.is_some())
                    .or(Some(a)),
                Some(a) => Some(a),
                None => ctx.cue_before(pre),
            }
        } else {
            ctx.cue_before(pre).or_else(|| ctx.cue_after(post))
        };
        // "X, standing in the square, was blunt: “...”": the introducing clause's subject.
        let f = f.or_else(|| {
            if colon {
                ctx.sentence_subject(outer).map(|mut f| {
                    f.own = true;
                    f
                })
            } else {
                None
            }
        });
        let has_speaker = f.as_ref().is_some_and(|f| f.entity.is_some());
        let kind = classify(text, &ctx, m, pre, f.is_some(), has_speaker);
        // Interrupted quotation: the previous stretch in this sentence closes with
        // the cue that opens this one.
        if qi > 0 && kind != QuoteKind::Scare && m.paragraph == marked[qi - 1].paragraph {
            let prev_outer = quoted[qi - 1];
            let between = &text[prev_outer.end..outer.start];
            if between.len() < 120
                && !between.contains(['.', '!', '?'])
                && let (Some(a), Some(b)) = (&found[qi - 1], &f)
                && a.cue == b.cue
            {
                let g = groups[qi - 1].unwrap_or_else(|| {
                    next_group += 1;
                    next_group - 1
                });
                groups[qi - 1] = Some(g);
                groups[qi] = Some(g);
            }
        }
        quotes.push(Quote {
            span: m.inner,
            kind,
            group: None,
            speaker: None,
            mention: None,
            cue: None,
        });
        if let Some(f) = &f
            && !noun_owned[qi]
        {
            ctx.note_speaker(outer.start, f);
        }
        found.push(f);
    }
    // Multi-paragraph quotations share a group.
    for qi in 0..marked.len() {
        if marked[qi].continues && qi + 1 < marked.len() {
            let g = groups[qi].unwrap_or_else(|| {
                next_group += 1;
                next_group - 1
            });
            groups[qi] = Some(g);
            groups[qi + 1] = Some(g);
        }
    }
    // Pass 2: stretches without a cue of their own take the speaker of their group,
    // of their paragraph, or of the quote paragraph just before.
    for qi in 0..marked.len() {
        if found[qi].is_some() || quotes[qi].kind == QuoteKind::Scare {
            continue;
        }
        let para = marked[qi].paragraph;
        let from_group = groups[qi].and_then(|g| {
            (0..marked.len())
                .filter(|&j| groups[j] == Some(g) && j != qi)
                .find_map(|j| found[j].clone())
        });
        let from_para = || {
            // nearest attributed stretch in the same paragraph
            let mut best: Option<(usize, Found)> = None;
            for j in 0..marked.len() {
                if j != qi
                    && marked[j].paragraph == para
                    && !noun_owned[j]
                    && let Some(f) = &found[j]
                {
                    let d = j.abs_diff(qi);
                    if best.as_ref().is_none_or(|(bd, _)| d < *bd) {
                        best = Some((d, f.clone()));
                    }
                }
            }
            best.map(|b| b.1)
        };
        // a dash credit line after the stretch names its speaker outright
        if let Some(f) = ctx.dash_credit(quoted[qi]) {
            found[qi] = Some(f);
            continue;
        }
        let f = from_group
            .or_else(from_para)
            .or_else(|| ctx.paragraph_cue(para, false))
            .or_else(|| {
                let starts_para = ctx.region_is_empty(ctx.pre_region(quoted[qi], qi));
                if !starts_para {
                    return ctx.sentence_subject(quoted[qi]);
                }
                let prev_para = para.checked_sub(1)?;
                let intro = model.paragraphs[prev_para]
                    .text(text)
                    .trim_end()
                    .ends_with(':');
                if intro && let Some(f) = ctx.paragraph_cue(prev_para, true) {
                    return Some(f);
                }
                let prev_quote = |back: usize| {
                    (0..qi).rev().find_map(|j| {
                        if para.saturating_sub(marked[j].paragraph) <= back && !noun_owned[j] {
                            found[j].clone().filter(|f| f.entity.is_some())
                        } else {
                            None
                        }
                    })
                };
                prev_quote(1)
                    .or_else(|| ctx.paragraph_cue(prev_para, true))
                    .or_else(|| prev_quote(3))
            })
            .map(|mut f| {
                // inherited: no cue/mention of its own
                f.own = false;
                f
            });
        found[qi] = f;
    }
    for (qi, q) in quotes.iter_mut().enumerate() {
        q.group = groups[qi];
        if q.kind == QuoteKind::Scare {
            continue;
        }
        if let Some(f) = &found[qi] {
            q.speaker = f.entity;
            if f.own {
                q.mention = f.mention;
                q.cue = Some(f.cue);
            }
        }
    }
    // Reported speech without marks. Its clause may hold a partial or scare quotation
    // ("said the talks were "on ice" for now"), never a whole quoted utterance.
    let whole: Vec<Span> = quoted
        .iter()
        .zip(&quotes)
        .filter(|(_, q)| !matches!(q.kind, QuoteKind::Partial | QuoteKind::Scare))
        .map(|(s, _)| *s)
        .collect();
    let mut ind = indirect::find(&mut ctx, &whole);
    // A page's pull-quote repeats words of the body: they were said once.
    let repeat = pull_quote_repeats(text, model, &marked, &quoted, &quotes);
    let mut qi = 0;
    quotes.retain(|_| {
        qi += 1;
        !repeat[qi - 1]
    });
    // Labelled answers of a transcript; reported speech inside them is theirs.
    let (mut answers, lines) = transcript::find(&mut ctx);
    ind.retain(|q| !lines.iter().any(|l| l.overlaps(q.span)));
    quotes.append(&mut ind);
    quotes.append(&mut answers);
    quotes.sort_by_key(|q| q.span.start);
    (quotes, ctx.into_entities())
}

/// Per quoted stretch: a pull-quote, that is a stretch standing alone in its paragraph
/// (a short credit line aside) whose words another stretch of the article holds, that
/// one in running text or earlier. Scare quotes are never repeats.
fn pull_quote_repeats(
    text: &str,
    model: &TextModel,
    marked: &[marks::Marked],
    quoted: &[Span],
    quotes: &[Quote],
) -> Vec<bool> {
    let words = |s: &str| {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect::<Vec<_>>()
            .join(" ")
    };
    let norm: Vec<String> = marked.iter().map(|m| words(m.inner.text(text))).collect();
    let alone: Vec<bool> = marked
        .iter()
        .zip(quoted)
        .map(|(m, q)| {
            let Some(p) = model.paragraphs.get(m.paragraph) else {
                return false;
            };
            let rest = format!(
                "{} {}",
                &text[p.start..q.start.max(p.start)],
                &text[q.end.min(p.end)..p.end]
            );
            rest.split_whitespace().count() <= 6
                && !text[p.start..q.start.max(p.start)].contains(char::is_alphanumeric)
        })
        .collect();
    (0..marked.len())
        .map(|i| {
            alone[i]
                && quotes[i].kind != QuoteKind::Scare
                && norm[i].split(' ').count() >= 4
                && (0..marked.len()).any(|j| {
                    j != i
                        && quotes[j].kind != QuoteKind::Scare
                        && (!alone[j] || j < i)
                        && format!(" {} ", norm[j]).contains(&format!(" {} ", norm[i]))
                })
        })
        .collect()
}

/// Whether the words between a quotation's end and the subject (or cue) of the cue
/// found after it hold a coordinating conjunction: "…,” and Y vowed".
fn opens_new_clause(text: &str, end: usize, f: &Found) -> bool {
    let to = f.mention.map_or(f.cue.start, |m| m.start.min(f.cue.start));
    if to <= end {
        return false;
    }
    text[end..to]
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| matches!(w, "and" | "but" | "while" | "whereas"))
}

/// Direct (a whole utterance), partial (a fragment in the reporter's sentence) or
/// scare (a name, title or distanced word, not speech).
fn classify(
    text: &str,
    ctx: &Ctx,
    m: &marks::Marked,
    pre: Span,
    has_cue: bool,
    has_speaker: bool,
) -> QuoteKind {
    let inner = m.inner.text(text);
    let words: Vec<&str> = inner.split_whitespace().collect();
    let pre_text = pre.text(text).trim_end();
    let prev_words: Vec<&str> = pre_text
        .rsplit(|c: char| c.is_whitespace())
        .take(3)
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-'))
        .collect();
    let last_prev = prev_words.first().copied().unwrap_or("");
    // "the so-called", "the barge", "a film titled", "known as"
    let scare_cue = prev_words.iter().take(2).any(|w| SCARE_CUES.contains(w))
        || (last_prev.eq_ignore_ascii_case("as")
            && prev_words
                .get(1)
                .is_some_and(|w| w.eq_ignore_ascii_case("known")));
    let title_case = words.len() <= 6
        && words
            .iter()
            .filter(|w| w.chars().any(char::is_alphabetic))
            .all(|w| {
                w.chars()
                    .find(|c| c.is_alphabetic())
                    .is_some_and(char::is_uppercase)
                    || matches!(*w, "of" | "the" | "and" | "a" | "in" | "on" | "for" | "to")
            });
    let starts_upper = inner
        .chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(char::is_uppercase);
    let sentence_initial = ctx.region_is_empty(pre);
    let after_colon_or_comma = pre_text.ends_with([':', ',']);
    let ends_clause = inner.trim_end().ends_with([',', '.', '?', '!', '…']);
    if m.continues || m.close.is_none() {
        return QuoteKind::Direct;
    }
    if scare_cue && words.len() <= 6 {
        return QuoteKind::Scare;
    }
    // "widely described as “reckless”": a label with no one saying it.
    let passive_label = last_prev.eq_ignore_ascii_case("as")
        && prev_words.get(1).is_some_and(|w| {
            matches!(
                *w,
                "described"
                    | "seen"
                    | "regarded"
                    | "labelled"
                    | "labeled"
                    | "branded"
                    | "characterised"
                    | "characterized"
                    | "viewed"
                    | "billed"
                    | "touted"
            )
        })
        && prev_words.get(2).is_some_and(|w| {
            w.ends_with("ly")
                || matches!(*w, "was" | "is" | "been" | "be" | "being" | "are" | "were")
        });
    if passive_label && words.len() <= 3 {
        return QuoteKind::Scare;
    }
    if words.len() <= 6 && title_case && !has_cue && !ends_clause {
        return QuoteKind::Scare;
    }
    let direct = (sentence_initial && (words.len() >= 3 || ends_clause))
        || (starts_upper && (after_colon_or_comma || has_cue) && words.len() >= 3);
    if direct {
        return QuoteKind::Direct;
    }
    // A word or two with nobody saying it: a distanced word ("a “quiet” window").
    if words.len() <= 2 && !has_speaker {
        return QuoteKind::Scare;
    }
    QuoteKind::Partial
}

/// The document model's tokens as mentions and attribution read them (span, word or
/// punctuation, capitalised): the one tokenizer's output, copied rather than recomputed.
fn tokens(doc: &Doc) -> Vec<Token> {
    doc.tokens().to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    /// The speaker's name of the quote that starts with `start`, in invented text `t`.
    fn speaker_of(t: &str, start: &str) -> Option<String> {
        let model = TextModel::new(t);
        let (quotes, entities) = extract(t, &model);
        let q = quotes
            .iter()
            .find(|q| q.span.text(t).starts_with(start))
            .unwrap_or_else(|| panic!("no quote starts with {start:?}"));
        q.speaker.map(|i| entities[i].name.clone())
    }

    #[test]
    fn a_pull_quote_repeating_the_body_is_one_quotation() {
        let t = "Tessa Orlow runs the night ferry.\n\n\u{201c}The river decides when we \
                 sail.\u{201d}\n\nAt the quay, Orlow shrugged. \u{201c}We have done this for \
                 thirty winters. The river decides when we sail,\u{201d} she said.";
        let model = TextModel::new(t);
        let (quotes, _) = extract(t, &model);
        let direct: Vec<&str> = quotes
            .iter()
            .filter(|q| q.kind != QuoteKind::Scare)
            .map(|q| q.span.text(t))
            .collect();
        assert_eq!(direct.len(), 1, "{direct:?}");
        assert!(direct[0].starts_with("We have done"));
        // a short quotation standing alone is kept when nothing repeats it
        let t = "Tessa Orlow runs the night ferry.\n\n\u{201c}Winter comes early on the \
                 delta this year.\u{201d}\n\nOrlow said the crossing would close in May.";
        let model = TextModel::new(t);
        assert_eq!(extract(t, &model).0.len(), 2);
    }

    #[test]
    fn a_name_inside_fronted_phrases_is_not_the_main_clauses_speaker() {
        // two fronted phrases in a row; the name after "with" is a companion
        let t = "Pela Morrin toured the coast. Later, during her visit to Orvik with Pela \
                 Morrin, Dana Quell pointed to a council memo that \u{201c}no ferry runs on \
                 Sundays\u{201d} any more.";
        assert_eq!(speaker_of(t, "no ferry").as_deref(), Some("Dana Quell"));
    }

    #[test]
    fn a_participle_takes_the_subject_of_its_clauses_cue_not_a_fronted_name() {
        let t = "Amid protests by the Orlen Tenants League on Friday, a housing inspector \
                 said the flats were sound, adding, \u{201c}Nobody is in danger tonight.\u{201d}";
        assert_eq!(
            speaker_of(t, "Nobody is").as_deref(),
            Some("a housing inspector")
        );
        // without a fronted phrase the participle still follows its clause's named subject
        let t = "Ivo Brandt met Sela Korr at noon. Brandt told Kanal Nord that Korr \
                 \u{201c}never read the budget,\u{201d} adding, \u{201c}Ask anyone.\u{201d}";
        assert_eq!(speaker_of(t, "Ask anyone").as_deref(), Some("Ivo Brandt"));
    }

    #[test]
    fn a_name_after_a_participles_preposition_is_its_object() {
        let t = "A deputy talking to Kanal Nord said, \u{201c}The count is not finished.\u{201d}";
        assert_eq!(speaker_of(t, "The count").as_deref(), Some("A deputy"));
    }

    #[test]
    fn a_name_modifying_a_title_noun_gives_way_to_the_name_after_it() {
        let t = "Few expected the vote that Harwell Polytechnic economist Idris Vane \
                 calls \u{201c}the quiet revolt of the suburbs.\u{201d}";
        assert_eq!(speaker_of(t, "the quiet").as_deref(), Some("Idris Vane"));
    }

    #[test]
    fn an_inverted_cue_before_a_possessive_opens_the_reported_clause() {
        // "said Kestrel Rail's ..." starts the reported clause: the engineer speaks
        let t = "Engineer Edvin Tarrow, asked about the delay, said Kestrel Rail’s signal \
                 upgrade “was never properly tested.”";
        assert_eq!(speaker_of(t, "was never").as_deref(), Some("Edvin Tarrow"));
    }

    #[test]
    fn a_place_after_a_preposition_is_no_speaker() {
        let t = "Fishermen from a cooperative in Brakvik, Nfld., mocked the scheme as \
                 “a plan drawn up on dry land.”";
        assert_ne!(speaker_of(t, "a plan drawn").as_deref(), Some("Brakvik"));
        let t = "A residents' group in Brakvik derided the mayor as a man \
                 “who never listens.”";
        assert_eq!(speaker_of(t, "who never"), None);
        let t = "Parents at a school near Kessvik called the new timetable \
                 “an insult to working families.”";
        assert_eq!(speaker_of(t, "an insult"), None);
        let t = "Tourists reach the island through its ferry port in Kessvik, nicknamed \
                 the “Pearl of the Fjord” by sailors.";
        assert_eq!(speaker_of(t, "Pearl"), None);
        // an organisation after "at" is the speakers' employer, not a place
        let t = "Economists at Pellworth Bank, one of the lenders, said the budget was \
                 “padded from top to bottom.”";
        assert_eq!(speaker_of(t, "padded").as_deref(), Some("Pellworth Bank"));
    }

    #[test]
    fn a_capitalised_common_word_is_no_speaker_but_an_unknown_name_is() {
        let t = "The rule of the house: Football stays “off the table at dinner.” They \
                 never talk about football.";
        assert_eq!(speaker_of(t, "off the table"), None);
        let t = "For years, Quillnet has styled itself a “public square for everyone.” \
                 Quillnet added, “We keep it open.”";
        assert_eq!(speaker_of(t, "We keep").as_deref(), Some("Quillnet"));
    }

    #[test]
    fn a_name_that_does_not_head_its_phrase_is_no_speaker() {
        // a modifier of the unnamed subject, not the subject
        let t = "The ferry strike entered a third week. A Orvesta dock official familiar \
                 with the talks said it was “a done deal.”";
        assert_ne!(speaker_of(t, "a done deal").as_deref(), Some("Orvesta"));
        // the object of a preposition, not the participle's subject
        let t = "The strike went on. After a meeting with Brunmoor the union walked out, \
                 calling the offer “an insult to us.”";
        assert_ne!(speaker_of(t, "an insult").as_deref(), Some("Brunmoor"));
        // an agent after "by" still speaks
        let t = "The strike went on. A notice sent out by Quillnet on Monday called the \
                 ban “temporary.”";
        assert_eq!(speaker_of(t, "temporary").as_deref(), Some("Quillnet"));
    }

    #[test]
    fn an_unnamed_group_is_no_named_speaker() {
        let t = "“It is a step backwards,” the local farming groups said on Monday.";
        assert_eq!(speaker_of(t, "It is a step"), None);
        let t = "Likely voters in the county called the plan “a step backwards.”";
        assert_eq!(speaker_of(t, "a step"), None);
        let t = "Ana Lind spoke first. Then a group wrote that it was “far too late.”";
        assert_eq!(speaker_of(t, "far too late"), None);
        // a body known by its common noun still speaks
        let t = "The regional police said the road was “closed until further notice.”";
        assert!(speaker_of(t, "closed").is_some());
    }

    #[test]
    fn a_description_made_of_titles_and_places_is_no_named_speaker() {
        // an appositive description: the name before it speaks
        let t = "After the count, Councillor Ana Marek Holt, Liberal of North Dakota, \
                 said at the door, “It is over.”";
        assert_eq!(
            speaker_of(t, "It is over").as_deref(),
            Some("Ana Marek Holt")
        );
        // a description alone goes to the person holding that title there
        let t = "Nebraska Sen. Ivo Marek opened the debate. Tomas Brandl spoke after him. \
                 “We will not back down,” the Nebraska Senator said.";
        assert_eq!(speaker_of(t, "We will not").as_deref(), Some("Ivo Marek"));
        // a title run that a name follows is that person's
        let t = "“It is over,” said former Nebraska Gov. and party chairman Ivo Marek.";
        assert_eq!(speaker_of(t, "It is over").as_deref(), Some("Ivo Marek"));
        // and to nobody when the article holds no such person
        let t = "Tomas Brandl spoke first. “We will not back down,” said Nebraska Republican.";
        assert_eq!(speaker_of(t, "We will not"), None);
    }

    #[test]
    fn a_capitalised_party_plural_is_an_unnamed_group() {
        let t = "Tomas Brandl spoke first. “The plan is far too late,” said Velden Democrats.";
        assert_eq!(speaker_of(t, "The plan is"), None);
    }

    #[test]
    fn a_name_ends_before_of_and_its_place() {
        use crate::analysis::entities::find_mentions;
        let t = "Sen. Ivo Marek of Norland and Holger Brandl of Velden Partners spoke.";
        let model = TextModel::new(t);
        let names: Vec<String> = find_mentions(t, &tokens(&Doc::new(t)), &model, &[])
            .into_iter()
            .map(|m| m.name)
            .collect();
        assert!(names.contains(&"Ivo Marek".to_string()), "{names:?}");
        assert!(names.contains(&"Holger Brandl".to_string()), "{names:?}");
    }

    #[test]
    fn a_descriptor_stands_for_a_body_named_without_an_organisation_word() {
        // nothing in "Skyrell" says it is a company; "the airline" does
        let t = "Skyrell cancelled 40 flights on Friday. “We regret the disruption,” the \
                 airline said in a statement.";
        assert_eq!(speaker_of(t, "We regret").as_deref(), Some("Skyrell"));
    }

    #[test]
    fn tokens_from_the_document_model_equal_the_tokenizers() {
        let t = "Élodie Varenne (U.S. desk) said: “12,6 % fell — ‘not us’!” in Köln's 4.75% zone.";
        assert_eq!(tokens(&Doc::new(t)), tokenize(t, Span::new(0, t.len())));
    }
}

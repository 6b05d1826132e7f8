//! Negation conflicts: one report denies what another states ("no permit was granted"
//! vs "towns were warned"). Positive sentences of the other articles are found through
//! an index of their content stems; agreement on a negative is never a conflict.

use super::{Claim, Conflict, ConflictKind, Severity};
use crate::analysis::ArticleAnalysis;
use crate::analysis::facts::{Detail, FactKind, content_stem};
use crate::analysis::lexicon;
use crate::ingest::Article;
use crate::text::Span;
use crate::text::doc::Doc;
use std::collections::HashMap;

struct Positive {
    article: usize,
    span: Span,
    stems: Vec<String>,
    /// Content stems of each clause (split at punctuation), for same-event checks.
    clauses: Vec<Vec<String>>,
    /// Names (capitalised words past the sentence's first word, lowercase) of each
    /// clause, in step with `clauses`.
    names: Vec<Vec<String>>,
}

/// Clause boundaries inside a sentence (punctuation; links such as "because" or
/// "which" open a clause too, see `lexicon::CLAUSE_LINKS`).
fn clause_edge(text: &str) -> bool {
    matches!(text, "," | ";" | ":" | "—" | "(" | ")")
}

/// The positive statement is about the same event as the denial: some clause says the
/// negated word together with part of what follows it (object, place, time), so "did
/// not speak at the rally" is not answered by "spoke out on the radio".
fn same_event(p: &Positive, head: &str, object: &[String]) -> bool {
    object.is_empty()
        || p.clauses
            .iter()
            .any(|c| c.iter().any(|s| s == head) && object.iter().any(|o| c.contains(o)))
}

/// Names the denial gives after its negated word ("did not sign Lindqvist"): who or
/// what was not acted on, not when. Lowercase.
fn object_names(text: &str, head: &str) -> Vec<String> {
    let doc = Doc::new(text);
    let words = doc.words_in(Span::new(0, text.len()));
    let Some(h) = words
        .iter()
        .position(|t| content_stem(t).is_some_and(|s| s == head))
    else {
        return vec![];
    };
    // a weekday or month says when, not who or what was acted on ("will not sail this
    // Sunday" and "the Saturday crossing was put back" are about one crossing)
    words[h + 1..]
        .iter()
        .filter(|t| t.is_word() && t.is_capitalized() && !time_word(t.lower))
        .map(|t| t.lower.to_string())
        .collect()
}

fn time_word(w: &str) -> bool {
    use crate::analysis::facts::tokens::{month, weekday};
    weekday(w).is_some() || month(w).is_some()
}

/// The statement acts on someone or something else by name: a clause that says the
/// denied word names others and none of the denial's names occur in the sentence ("did
/// not sign Lindqvist" against "signed Okafor"): another event, not its contradiction.
fn other_object(p: &Positive, head: &str, names: &[String]) -> bool {
    if names.is_empty() {
        return false;
    }
    let mentioned = p.names.iter().flatten().any(|n| names.contains(n));
    let others = p
        .clauses
        .iter()
        .zip(&p.names)
        .any(|(c, n)| c.iter().any(|s| s == head) && !n.is_empty());
    !mentioned && others
}

fn positives(story: &[(&Article, &ArticleAnalysis)]) -> Vec<Positive> {
    let mut out = Vec::new();
    for (ai, (a, an)) in story.iter().enumerate() {
        let doc = Doc::new(&a.text);
        for s in &an.model.sentences {
            let toks = doc.words_in(s.span);
            let negated = toks.iter().any(|t| {
                t.is_negation()
                    || lexicon::UNASSERTED.contains(t.lower)
                    || lexicon::PRIVATIVE.contains(t.lower)
            });
            if negated || toks.len() < 4 {
                continue;
            }
            let mut stems: Vec<String> = Vec::new();
            let mut clauses: Vec<Vec<String>> = vec![Vec::new()];
            let mut names: Vec<Vec<String>> = vec![Vec::new()];
            let first = toks.iter().position(|t| t.is_word()).unwrap_or(0);
            for (k, t) in toks.iter().enumerate() {
                if clause_edge(t.text) || lexicon::CLAUSE_LINKS.contains(t.lower) {
                    clauses.push(Vec::new());
                    names.push(Vec::new());
                    continue;
                }
                if k > first
                    && t.is_capitalized()
                    && let Some(c) = names.last_mut()
                {
                    c.push(t.lower.to_string());
                }
                if let Some(st) = content_stem(t) {
                    if !stems.contains(&st) {
                        stems.push(st.clone());
                    }
                    if let Some(c) = clauses.last_mut() {
                        c.push(st);
                    }
                }
            }
            out.push(Positive {
                article: ai,
                span: Span::new(toks[first].span.start, s.span.end),
                stems,
                clauses,
                names,
            });
        }
    }
    out
}

pub(crate) fn find(story: &[(&Article, &ArticleAnalysis)]) -> Vec<Conflict> {
    let negs: Vec<_> = story
        .iter()
        .enumerate()
        .flat_map(|(ai, (_, an))| {
            an.facts
                .iter()
                .filter(|f| f.kind == FactKind::Negation)
                .map(move |f| (ai, f))
        })
        .collect();
    if negs.is_empty() || story.len() < 2 {
        return vec![];
    }
    let pos = positives(story);
    let mut index: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, p) in pos.iter().enumerate() {
        for s in &p.stems {
            index.entry(s.as_str()).or_default().push(i);
        }
    }
    let mut out = Vec::new();
    for (ai, f) in negs {
        let Detail::Negation {
            head,
            stems,
            object,
        } = &f.detail
        else {
            continue;
        };
        let names = object_names(f.evidence.text(&story[ai].0.text), head);
        let mut claims = vec![Claim {
            article: story[ai].0.id.clone(),
            span: f.evidence,
            value: f.value.clone(),
        }];
        for &pi in index.get(head.as_str()).map(Vec::as_slice).unwrap_or(&[]) {
            let p = &pos[pi];
            if p.article == ai {
                continue;
            }
            let shared = stems.iter().filter(|s| p.stems.contains(s)).count();
            // most of the negated clause must be restated, not just its topic
            if shared >= 3
                && shared * 5 >= stems.len() * 3
                && same_event(p, head, object)
                && !other_object(p, head, &names)
            {
                claims.push(Claim {
                    article: story[p.article].0.id.clone(),
                    span: p.span,
                    value: p.span.text(&story[p.article].0.text).to_string(),
                });
            }
        }
        if claims.len() >= 2 {
            out.push(Conflict {
                kind: ConflictKind::Negation,
                severity: Severity::Hard,
                subject: head.clone(),
                summary: format!("one report denies what another states: {}", f.value),
                claims,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Negation conflicts between two invented reports.
    fn denials(a: &str, b: &str) -> usize {
        let arts = [
            Article::plain("a.txt", format!("Report\n\n{a}")),
            Article::plain("b.txt", format!("Report\n\n{b}")),
        ];
        let an: Vec<_> = arts.iter().map(crate::analysis::analyze).collect();
        let story: Vec<_> = arts.iter().zip(an.iter()).collect();
        find(&story).len()
    }

    #[test]
    fn a_refusal_agrees_with_a_denial() {
        let denial = "The ferry company would not disclose the charter fee it paid.";
        assert_eq!(
            denials(
                denial,
                "A ferry company manager declined to disclose the charter fee."
            ),
            0
        );
        assert_eq!(
            denials(
                denial,
                "The ferry company disclosed the charter fee it paid in March."
            ),
            1
        );
    }

    #[test]
    fn a_likely_event_is_no_statement_of_it() {
        let denial = "Councillors have not approved the bypass route across the moor.";
        assert_eq!(
            denials(
                denial,
                "Councillors are likely to approve the bypass route across the moor."
            ),
            0
        );
        assert_eq!(
            denials(
                denial,
                "Councillors approved the bypass route across the moor on Tuesday."
            ),
            1
        );
    }

    #[test]
    fn a_day_after_the_denied_word_is_no_other_object() {
        // the denial names only a day after its verb: a statement naming another day
        // is about the same boarding, not about another thing boarded
        let denial =
            "Commuters in Vellmar will not board the rebuilt tram route this Sunday after all.";
        assert_eq!(
            denials(
                denial,
                "Vellmar commuters were meant to board the rebuilt tram route on Saturday morning, until inspectors found a fault."
            ),
            1
        );
    }

    #[test]
    fn a_denial_about_one_person_does_not_answer_an_act_on_another() {
        let denial = "The choir did not hire Petrosyan as its new conductor in spring.";
        assert_eq!(
            denials(
                denial,
                "The choir hired Vallender as its new conductor in spring."
            ),
            0
        );
        assert_eq!(
            denials(
                denial,
                "The choir hired Petrosyan as its new conductor in spring."
            ),
            1
        );
    }
}

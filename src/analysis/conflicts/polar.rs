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
            for t in &toks {
                if clause_edge(t.text) || lexicon::CLAUSE_LINKS.contains(t.lower) {
                    clauses.push(Vec::new());
                    continue;
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
            let first = toks.iter().position(|t| t.is_word()).unwrap_or(0);
            out.push(Positive {
                article: ai,
                span: Span::new(toks[first].span.start, s.span.end),
                stems,
                clauses,
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
            if shared >= 3 && shared * 5 >= stems.len() * 3 && same_event(p, head, object) {
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

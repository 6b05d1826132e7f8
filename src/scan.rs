//! The `scan --json` contract (`../shared/docs/scan-json.md`): serde types and their
//! construction from a [`Desk`]. Offsets here are char offsets (Unicode scalar values).

use crate::desk::{Desk, Entry};
use crate::ingest::sanitize;
use crate::text::{CharIndex, Span};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::HashMap;

#[derive(Serialize, Debug)]
pub struct ScanOutput {
    pub schema: u32,
    pub root: String,
    pub articles: Vec<ArticleOut>,
    pub speakers: Vec<SpeakerOut>,
    pub stories: Vec<StoryOut>,
    pub conflicts: Vec<ConflictOut>,
    pub skipped: Vec<SkippedOut>,
}

#[derive(Serialize, Debug)]
pub struct ArticleOut {
    pub id: String,
    pub path: String,
    pub format: &'static str,
    pub title: Option<String>,
    pub source: Option<String>,
    pub published: Option<String>,
    pub url: Option<String>,
    pub story: Option<String>,
    pub text: String,
    pub quotes: Vec<QuoteOut>,
    pub warnings: Vec<String>,
}

#[derive(Serialize, Debug)]
pub struct SpanOut {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

#[derive(Serialize, Debug)]
pub struct QuoteOut {
    pub id: String,
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub kind: &'static str,
    pub group: Option<String>,
    pub speaker: Option<String>,
    pub speaker_id: Option<String>,
    pub mention: Option<SpanOut>,
    pub cue: Option<SpanOut>,
}

#[derive(Serialize, Debug)]
pub struct SpeakerOut {
    pub id: String,
    pub name: String,
    pub kind: &'static str,
    pub aliases: Vec<String>,
    pub roles: Vec<String>,
    pub quotes: Vec<QuoteRefOut>,
}

#[derive(Serialize, Debug)]
pub struct QuoteRefOut {
    pub article: String,
    pub quote: String,
}

#[derive(Serialize, Debug)]
pub struct StoryOut {
    pub id: String,
    pub label: String,
    pub articles: Vec<String>,
}

#[derive(Serialize, Debug)]
pub struct ConflictOut {
    pub id: String,
    pub kind: &'static str,
    pub severity: &'static str,
    pub subject: String,
    pub summary: String,
    pub story: Option<String>,
    pub claims: Vec<ClaimOut>,
}

#[derive(Serialize, Debug)]
pub struct ClaimOut {
    pub article: String,
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub value: String,
}

#[derive(Serialize, Debug)]
pub struct SkippedOut {
    pub path: String,
    pub reason: String,
}

fn span_out(text: &str, ix: &CharIndex, s: Span) -> SpanOut {
    SpanOut {
        start: ix.to_char(s.start),
        end: ix.to_char(s.end),
        text: s.text(text).to_string(),
    }
}

/// One article of the contract, its quotes with their speakers' contract ids.
fn article_out(
    desk: &Desk,
    e: &Entry,
    speaker_ids: &HashMap<usize, String>,
    story_ids: &HashMap<usize, String>,
) -> ArticleOut {
    let a = &e.article;
    let ix = CharIndex::new(&a.text);
    let quotes = e
        .analysis
        .quotes
        .iter()
        .enumerate()
        .map(|(qi, q)| {
            let sp = q.speaker.and_then(|i| desk.speakers.speaker_of(&a.id, i));
            QuoteOut {
                id: format!("q{}", qi + 1),
                start: ix.to_char(q.span.start),
                end: ix.to_char(q.span.end),
                text: q.span.text(&a.text).to_string(),
                kind: q.kind.as_str(),
                group: q.group.map(|g| format!("g{g}")),
                speaker: sp.map(|s| s.name.clone()),
                speaker_id: sp.and_then(|s| speaker_ids.get(&s.key).cloned()),
                mention: q.mention.map(|m| span_out(&a.text, &ix, m)),
                cue: q.cue.map(|c| span_out(&a.text, &ix, c)),
            }
        })
        .collect();
    ArticleOut {
        id: a.id.clone(),
        path: a.path.clone(),
        format: a.format.as_str(),
        title: a.title.clone(),
        source: a.source.clone(),
        published: a.published.map(|d| d.to_rfc3339()),
        url: a.url.clone(),
        story: desk
            .stories
            .story_of(&a.id)
            .and_then(|s| story_ids.get(&s.key).cloned()),
        text: a.text.clone(),
        quotes,
        warnings: a.warnings.clone(),
    }
}

/// Builds the contract from a loaded desk.
pub fn build(root: &str, desk: &Desk) -> ScanOutput {
    // Contract ids: speakers s1.. in index order, stories t1.., conflicts c1...
    let speakers = desk.speakers.speakers();
    let speaker_ids: HashMap<usize, String> = speakers
        .iter()
        .enumerate()
        .map(|(i, s)| (s.key, format!("s{}", i + 1)))
        .collect();
    let stories = desk.stories.stories();
    let story_ids: HashMap<usize, String> = stories
        .iter()
        .enumerate()
        .map(|(i, s)| (s.key, format!("t{}", i + 1)))
        .collect();

    // Each article's part on its own (offsets, speakers' ids): on all cores.
    let entries: Vec<&Entry> = desk.entries().collect();
    let articles = entries
        .par_iter()
        .map(|e| article_out(desk, e, &speaker_ids, &story_ids))
        .collect();

    let speakers_out = speakers
        .iter()
        .map(|s| SpeakerOut {
            id: speaker_ids[&s.key].clone(),
            name: s.name.clone(),
            kind: match s.kind {
                crate::analysis::EntityKind::Person => "person",
                crate::analysis::EntityKind::Organisation => "organisation",
            },
            aliases: s.aliases.clone(),
            roles: s.roles.clone(),
            quotes: s
                .quotes
                .iter()
                .map(|q| QuoteRefOut {
                    article: q.article.clone(),
                    quote: format!("q{}", q.quote + 1),
                })
                .collect(),
        })
        .collect();

    let stories_out = stories
        .iter()
        .map(|s| StoryOut {
            id: story_ids[&s.key].clone(),
            label: s.label.clone(),
            articles: s.articles.clone(),
        })
        .collect();

    let mut conflicts = Vec::new();
    for s in &stories {
        for c in desk.story_conflicts(s.key) {
            let claims = c
                .claims
                .iter()
                .filter_map(|cl| {
                    let text = &desk.entry(&cl.article)?.article.text;
                    let ix = CharIndex::new(text);
                    Some(ClaimOut {
                        article: cl.article.clone(),
                        start: ix.to_char(cl.span.start),
                        end: ix.to_char(cl.span.end),
                        text: cl.span.text(text).to_string(),
                        value: cl.value.clone(),
                    })
                })
                .collect();
            conflicts.push(ConflictOut {
                id: format!("c{}", conflicts.len() + 1),
                kind: c.kind.as_str(),
                severity: match c.severity {
                    crate::analysis::conflicts::Severity::Hard => "hard",
                    crate::analysis::conflicts::Severity::Soft => "soft",
                },
                subject: c.subject.clone(),
                summary: c.summary.clone(),
                story: story_ids.get(&s.key).cloned(),
                claims,
            });
        }
    }

    ScanOutput {
        schema: 1,
        root: sanitize::escape_unsafe(root),
        articles,
        speakers: speakers_out,
        stories: stories_out,
        conflicts,
        skipped: desk
            .skipped()
            .map(|s| SkippedOut {
                path: s.path.clone(),
                reason: sanitize::one_line(&s.reason),
            })
            .collect(),
    }
}

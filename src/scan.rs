//! The `scan --json` contract (`../shared/docs/scan-json.md`): serde types and their
//! construction from a [`Desk`]. Offsets here are char offsets (Unicode scalar values).

use crate::analysis::speakers::Speaker;
use crate::analysis::stories::Story;
use crate::desk::{Desk, Entry};
use crate::ingest::sanitize;
use crate::text::{CharIndex, Span};
use rayon::prelude::*;
use serde::Serialize;
use serde::ser::{SerializeSeq, SerializeStruct, Serializer};
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

/// What every part of the contract needs: the shown speakers and stories in contract
/// order and their contract ids (speakers s1.. in index order, stories t1..).
struct Ids<'d> {
    speakers: Vec<&'d Speaker>,
    stories: Vec<&'d Story>,
    speaker_ids: HashMap<usize, String>,
    story_ids: HashMap<usize, String>,
}

impl<'d> Ids<'d> {
    fn of(desk: &'d Desk) -> Self {
        let speakers = desk.speakers.speakers();
        let speaker_ids = speakers
            .iter()
            .enumerate()
            .map(|(i, s)| (s.key, format!("s{}", i + 1)))
            .collect();
        let stories = desk.stories.stories();
        let story_ids = stories
            .iter()
            .enumerate()
            .map(|(i, s)| (s.key, format!("t{}", i + 1)))
            .collect();
        Ids {
            speakers,
            stories,
            speaker_ids,
            story_ids,
        }
    }

    fn speaker_out(&self, s: &Speaker) -> SpeakerOut {
        SpeakerOut {
            id: self.speaker_ids[&s.key].clone(),
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
        }
    }

    fn story_out(&self, s: &Story) -> StoryOut {
        StoryOut {
            id: self.story_ids[&s.key].clone(),
            label: s.label.clone(),
            articles: s.articles.clone(),
        }
    }

    /// The conflicts of one story; their ids continue from `before` (the number of
    /// conflicts of the stories before it).
    fn conflicts_out(&self, desk: &Desk, s: &Story, before: usize) -> Vec<ConflictOut> {
        let story = self.story_ids.get(&s.key);
        desk.story_conflicts(s.key)
            .iter()
            .enumerate()
            .map(|(i, c)| ConflictOut {
                id: format!("c{}", before + i + 1),
                kind: c.kind.as_str(),
                severity: match c.severity {
                    crate::analysis::conflicts::Severity::Hard => "hard",
                    crate::analysis::conflicts::Severity::Soft => "soft",
                },
                subject: c.subject.clone(),
                summary: c.summary.clone(),
                story: story.cloned(),
                claims: claims_out(desk, &c.claims),
            })
            .collect()
    }
}

fn claims_out(desk: &Desk, claims: &[crate::analysis::conflicts::Claim]) -> Vec<ClaimOut> {
    claims
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
        .collect()
}

fn skipped_out(desk: &Desk) -> Vec<SkippedOut> {
    desk.skipped()
        .map(|s| SkippedOut {
            path: s.path.clone(),
            reason: sanitize::one_line(&s.reason),
        })
        .collect()
}

/// Builds the contract from a loaded desk.
pub fn build(root: &str, desk: &Desk) -> ScanOutput {
    let ids = Ids::of(desk);
    // Each article's part on its own (offsets, speakers' ids): on all cores.
    let entries: Vec<&Entry> = desk.entries().collect();
    let articles = entries
        .par_iter()
        .map(|e| article_out(desk, e, &ids.speaker_ids, &ids.story_ids))
        .collect();
    let mut conflicts = Vec::new();
    for s in &ids.stories {
        let more = ids.conflicts_out(desk, s, conflicts.len());
        conflicts.extend(more);
    }
    ScanOutput {
        schema: 1,
        root: sanitize::escape_unsafe(root),
        articles,
        speakers: ids.speakers.iter().map(|s| ids.speaker_out(s)).collect(),
        stories: ids.stories.iter().map(|s| ids.story_out(s)).collect(),
        conflicts,
        skipped: skipped_out(desk),
    }
}

/// Articles built per batch while streaming: large enough to keep both cores busy,
/// small enough that only a batch's texts and quotes are held besides the desk.
const STREAM_BATCH: usize = 256;

/// Writes the contract as JSON, the same bytes as serialising [`build`]'s output, but
/// one batch of articles and one story's conflicts at a time: the whole output tree
/// (a copy of every text, as large as the desk's own) is never held.
pub fn write_json<W: std::io::Write>(
    root: &str,
    desk: &Desk,
    w: W,
    pretty: bool,
) -> serde_json::Result<()> {
    let stream = Stream {
        root: sanitize::escape_unsafe(root),
        desk,
        ids: Ids::of(desk),
    };
    if pretty {
        serde_json::to_writer_pretty(w, &stream)
    } else {
        serde_json::to_writer(w, &stream)
    }
}

/// The contract's top-level object, its fields in [`ScanOutput`]'s order.
struct Stream<'d> {
    root: String,
    desk: &'d Desk,
    ids: Ids<'d>,
}

impl Serialize for Stream<'_> {
    fn serialize<S: Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        let mut st = ser.serialize_struct("ScanOutput", 7)?;
        st.serialize_field("schema", &1u32)?;
        st.serialize_field("root", &self.root)?;
        st.serialize_field("articles", &ArticlesPart(self))?;
        st.serialize_field("speakers", &SpeakersPart(self))?;
        st.serialize_field("stories", &StoriesPart(self))?;
        st.serialize_field("conflicts", &ConflictsPart(self))?;
        st.serialize_field("skipped", &skipped_out(self.desk))?;
        st.end()
    }
}

struct ArticlesPart<'a, 'd>(&'a Stream<'d>);
struct SpeakersPart<'a, 'd>(&'a Stream<'d>);
struct StoriesPart<'a, 'd>(&'a Stream<'d>);
struct ConflictsPart<'a, 'd>(&'a Stream<'d>);

impl Serialize for ArticlesPart<'_, '_> {
    fn serialize<S: Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        let (desk, ids) = (self.0.desk, &self.0.ids);
        let entries: Vec<&Entry> = desk.entries().collect();
        let mut seq = ser.serialize_seq(Some(entries.len()))?;
        for batch in entries.chunks(STREAM_BATCH) {
            let outs: Vec<ArticleOut> = batch
                .par_iter()
                .map(|e| article_out(desk, e, &ids.speaker_ids, &ids.story_ids))
                .collect();
            for a in &outs {
                seq.serialize_element(a)?;
            }
        }
        seq.end()
    }
}

impl Serialize for SpeakersPart<'_, '_> {
    fn serialize<S: Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        let ids = &self.0.ids;
        let mut seq = ser.serialize_seq(Some(ids.speakers.len()))?;
        for s in &ids.speakers {
            seq.serialize_element(&ids.speaker_out(s))?;
        }
        seq.end()
    }
}

impl Serialize for StoriesPart<'_, '_> {
    fn serialize<S: Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        let ids = &self.0.ids;
        let mut seq = ser.serialize_seq(Some(ids.stories.len()))?;
        for s in &ids.stories {
            seq.serialize_element(&ids.story_out(s))?;
        }
        seq.end()
    }
}

impl Serialize for ConflictsPart<'_, '_> {
    fn serialize<S: Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        let (desk, ids) = (self.0.desk, &self.0.ids);
        let total = ids
            .stories
            .iter()
            .map(|s| desk.story_conflicts(s.key).len())
            .sum();
        let mut seq = ser.serialize_seq(Some(total))?;
        let mut before = 0;
        for s in &ids.stories {
            let outs = ids.conflicts_out(desk, s, before);
            before += outs.len();
            for c in &outs {
                seq.serialize_element(c)?;
            }
        }
        seq.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::IngestOptions;
    use std::path::Path;

    /// The streamed JSON must be byte for byte the serialised output tree, compact and
    /// pretty, on a folder with quotes, speakers, stories and conflicts.
    #[test]
    fn streamed_json_is_the_built_tree() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample");
        let desk = Desk::load(&root, &IngestOptions::default(), &|_, _| {}).expect("loads");
        let out = build("sample", &desk);
        assert!(!out.articles.is_empty() && !out.speakers.is_empty());
        assert!(!out.stories.is_empty() && !out.conflicts.is_empty());
        for pretty in [false, true] {
            let mut streamed = Vec::new();
            write_json("sample", &desk, &mut streamed, pretty).expect("writes");
            let built = if pretty {
                serde_json::to_vec_pretty(&out)
            } else {
                serde_json::to_vec(&out)
            }
            .expect("encodes");
            assert_eq!(String::from_utf8(streamed), String::from_utf8(built));
        }
    }
}

//! Shared by the quote pattern tests: run the quote layer on one invented text and look
//! quotes up by how they start.

use quotedesk::analysis::{QuoteKind, quotes::extract};
use quotedesk::text::TextModel;

pub struct Got {
    pub text: String,
    pub kind: QuoteKind,
    pub speaker: Option<String>,
    pub cue: Option<String>,
    pub group: Option<u32>,
}

pub fn run(t: &str) -> Vec<Got> {
    let model = TextModel::new(t);
    let (quotes, entities) = extract(t, &model);
    quotes
        .iter()
        .map(|q| Got {
            text: q.span.text(t).to_string(),
            kind: q.kind,
            speaker: q.speaker.map(|i| entities[i].name.clone()),
            cue: q.cue.map(|c| c.text(t).to_string()),
            group: q.group,
        })
        .collect()
}

pub fn find<'a>(got: &'a [Got], start: &str) -> &'a Got {
    got.iter()
        .find(|g| g.text.starts_with(start))
        .unwrap_or_else(|| panic!("no quote starting {start:?}"))
}

//! Invented reports and the conflicts the analysis finds between them (two-report stories
//! with no speaker index), for the conflict tests.

use quotedesk::analysis::conflicts::{self, Conflict, ConflictKind};
use quotedesk::analysis::{self, speakers::SpeakerIndex};
use quotedesk::ingest::Article;

/// A `.txt` report whose body follows a one-word headline.
pub fn article(id: &str, body: &str, published: Option<&str>) -> Article {
    Article {
        published: published.map(|p| chrono::DateTime::parse_from_rfc3339(p).unwrap()),
        ..Article::plain(id, format!("Report\n\n{body}"))
    }
}

pub fn find(arts: &[Article]) -> Vec<Conflict> {
    let an: Vec<_> = arts.iter().map(analysis::analyze).collect();
    let story: Vec<_> = arts.iter().zip(an.iter()).collect();
    conflicts::find(&story, &SpeakerIndex::new())
}

pub fn kinds(a: &str, b: &str) -> Vec<ConflictKind> {
    find(&[article("a.txt", a, None), article("b.txt", b, None)])
        .iter()
        .map(|c| c.kind)
        .collect()
}

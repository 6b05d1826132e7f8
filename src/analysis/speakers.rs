//! Who-said-what across articles: the entities of every article merged into one entry
//! per real speaker (name variants, titles, misspellings within a story), kept
//! incrementally as articles come and go.

use super::ArticleAnalysis;
use super::entities::EntityKind;
use std::collections::BTreeMap;

/// A quote of one article: (article id, index into that article's quotes).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct QuoteRef {
    pub article: String,
    pub quote: usize,
}

/// One real speaker across all articles.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Speaker {
    /// Stable key of this speaker inside the index (not the contract's "s1" id).
    pub key: usize,
    pub name: String,
    pub aliases: Vec<String>,
    pub roles: Vec<String>,
    pub kind: EntityKind,
    pub quotes: Vec<QuoteRef>,
}

/// Every article's entities, merged into speakers; updated one article at a time.
#[derive(Debug, Default)]
pub struct SpeakerIndex {
    articles: BTreeMap<String, Vec<Option<usize>>>,
    speakers: Vec<Speaker>,
}

impl SpeakerIndex {
    pub fn new() -> Self {
        Self::default()
    }

    /// Replaces what article `article` (in story `story`, if known) contributes.
    pub fn upsert(&mut self, article: &str, story: Option<&str>, analysis: &ArticleAnalysis) {
        let _ = story;
        self.remove(article);
        let mut keys = Vec::new();
        for (i, e) in analysis.entities.iter().enumerate() {
            let quotes: Vec<QuoteRef> = analysis
                .quotes
                .iter()
                .enumerate()
                .filter(|(_, q)| q.speaker == Some(i))
                .map(|(qi, _)| QuoteRef {
                    article: article.to_string(),
                    quote: qi,
                })
                .collect();
            let key = self.speakers.len();
            self.speakers.push(Speaker {
                key,
                name: e.name.clone(),
                aliases: e.aliases.clone(),
                roles: e.roles.clone(),
                kind: e.kind,
                quotes,
            });
            keys.push(Some(key));
        }
        self.articles.insert(article.to_string(), keys);
    }

    /// Forgets everything article `article` contributed.
    pub fn remove(&mut self, article: &str) {
        if let Some(keys) = self.articles.remove(article) {
            for k in keys.into_iter().flatten() {
                self.speakers[k].quotes.clear();
                self.speakers[k].aliases.clear();
            }
        }
    }

    /// Speakers that have at least one quote, most quoted first, then by name.
    pub fn speakers(&self) -> Vec<&Speaker> {
        let mut v: Vec<&Speaker> = self
            .speakers
            .iter()
            .filter(|s| !s.quotes.is_empty())
            .collect();
        v.sort_by(|a, b| {
            b.quotes
                .len()
                .cmp(&a.quotes.len())
                .then(a.name.cmp(&b.name))
        });
        v
    }

    /// The speaker that entity `entity` of article `article` belongs to.
    pub fn speaker_of(&self, article: &str, entity: usize) -> Option<&Speaker> {
        let key = (*self.articles.get(article)?.get(entity)?)?;
        self.speakers.get(key)
    }
}

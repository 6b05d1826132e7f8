//! Pure analysis of articles: nothing here knows about terminals, files being watched
//! or threads. Per article: quotes and entities ([`analyze`]). Across articles:
//! speakers (who-said-what), stories, facts and conflicts.

pub mod conflicts;
pub mod entities;
pub mod facts;
pub mod lexicon;
pub mod names;
pub mod quotes;
pub mod speakers;
pub mod stories;

use crate::ingest::Article;
use crate::text::TextModel;
use crate::text::doc::Doc;

pub use entities::{Entity, EntityKind, Gender};
pub use quotes::{Quote, QuoteKind};

/// Everything computed from one article alone.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct ArticleAnalysis {
    pub model: TextModel,
    pub quotes: Vec<Quote>,
    /// People and organisations mentioned, clustered within the article.
    /// `Quote::speaker` indexes into this.
    pub entities: Vec<Entity>,
    pub facts: Vec<facts::Fact>,
    /// What story grouping reads of the article, from the same document (`None` in an
    /// analysis built by hand: the story index then computes it). Shared with the story
    /// index, not copied.
    #[serde(default)]
    pub story: Option<std::sync::Arc<stories::Signature>>,
}

/// Analyses one article: text model, document model (tokenized once), quotes with their
/// speakers, entities, facts, the story signature.
pub fn analyze(article: &Article) -> ArticleAnalysis {
    let model = TextModel::new(&article.text);
    // one tokenization with forms and flags, read by quotes, entities and facts
    let doc = Doc::new(&article.text);
    let (quotes, entities) = quotes::extract_doc(&doc, &model);
    let facts = facts::extract_doc(article, &model, &doc, &quotes, &entities);
    let story = Some(std::sync::Arc::new(stories::signature(
        article, &doc, &entities,
    )));
    ArticleAnalysis {
        model,
        quotes,
        entities,
        facts,
        story,
    }
}

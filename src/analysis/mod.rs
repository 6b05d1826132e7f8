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
    let mut signature = stories::signature(article, &doc, &entities);
    signature.features.shrink_to_fit();
    signature.indexed.shrink_to_fit();
    signature.headline.shrink_to_fit();
    let story = Some(std::sync::Arc::new(signature));
    let mut analysis = ArticleAnalysis {
        model,
        quotes,
        entities,
        facts,
        story,
    };
    analysis.compact();
    analysis
}

impl ArticleAnalysis {
    /// Gives back the spare capacity of the vectors grown while analysing: the desk keeps
    /// every article's analysis for the life of the folder, and growth by doubling left
    /// about a fifth of it unused (entities' mention lists, the facts and quotes vectors).
    pub fn compact(&mut self) {
        self.model.paragraphs.shrink_to_fit();
        self.model.sentences.shrink_to_fit();
        self.quotes.shrink_to_fit();
        self.entities.shrink_to_fit();
        for e in &mut self.entities {
            e.name.shrink_to_fit();
            e.aliases.shrink_to_fit();
            e.roles.shrink_to_fit();
            e.mentions.shrink_to_fit();
        }
        self.facts.shrink_to_fit();
        for f in &mut self.facts {
            f.subject.shrink_to_fit();
            f.value.shrink_to_fit();
            if let facts::Detail::Quantity {
                context, people, ..
            } = &mut f.detail
            {
                context.shrink_to_fit();
                people.shrink_to_fit();
            }
        }
    }
}

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
        self.facts.iter_mut().for_each(compact_fact);
    }
}

/// Gives back the spare capacity of one fact's strings and word lists: a quotation's
/// words and a negation's stems are pushed one by one (a list of nine words has room
/// for sixteen), and names and keys built with `format!` or by pushing have room to grow.
fn compact_fact(f: &mut facts::Fact) {
    use facts::{Anchor, Detail, Slot, slot::EventRef, slot::Tally, slot::Who};
    f.subject.shrink_to_fit();
    f.value.shrink_to_fit();
    match &mut f.slot {
        Slot::Age {
            who: Who::Named(s) | Who::Described(s),
        }
        | Slot::Attendance { person: s }
        | Slot::Clock {
            event: EventRef::Class(s),
        }
        | Slot::Negation { head: s }
        | Slot::Place { event: s }
        | Slot::Role { person: s }
        | Slot::When { event: s } => s.shrink_to_fit(),
        Slot::Quantity { dim, counted } => {
            dim.shrink_to_fit();
            counted.class.shrink_to_fit();
        }
        // (no string; a kind added later is compacted once listed here)
        _ => {}
    }
    if let Some(Anchor::Tally(Tally::ByThe(s) | Tally::Over(s))) = &mut f.anchor {
        s.shrink_to_fit();
    }
    match &mut f.detail {
        Detail::Role { title, .. } => {
            title.class.shrink_to_fit();
            if let Some(r) = &mut title.rank {
                r.shrink_to_fit();
            }
        }
        Detail::Quantity {
            dim,
            context,
            scope,
            people,
            ..
        } => {
            dim.shrink_to_fit();
            words(context);
            scope.eras.shrink_to_fit();
            words(people);
        }
        Detail::Clock {
            event: Some(event), ..
        } => event.shrink_to_fit(),
        Detail::Place { place, .. } => place.shrink_to_fit(),
        Detail::Attendance { object } => {
            words(&mut object.events);
            object.days.shrink_to_fit();
            words(&mut object.places);
        }
        Detail::Negation {
            head,
            stems,
            object,
        } => {
            head.shrink_to_fit();
            words(stems);
            words(object);
        }
        Detail::Quote { speaker, words: w } => {
            speaker.shrink_to_fit();
            words(w);
        }
        _ => {}
    }
}

/// A list of words without spare room, in the list or in any word.
fn words(v: &mut Vec<String>) {
    v.shrink_to_fit();
    v.iter_mut().for_each(String::shrink_to_fit);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Span;
    use facts::{Detail, Fact, FactKind, Slot};

    /// A list of `n` words pushed one by one into room for `room`, each word with room
    /// to spare too.
    fn roomy(words: &[&str], room: usize) -> Vec<String> {
        let mut v = Vec::with_capacity(room);
        for w in words {
            let mut s = String::with_capacity(32);
            s.push_str(w);
            v.push(s);
        }
        v
    }

    fn fact(kind: FactKind, slot: Slot, detail: Detail) -> Fact {
        Fact {
            evidence: Span::new(0, 4),
            kind,
            subject: String::with_capacity(40) + "Ondra Pellikan",
            slot,
            value: String::with_capacity(40) + "kept",
            positive: true,
            hedged: false,
            anchor: None,
            detail,
        }
    }

    fn tight(v: &Vec<String>) -> bool {
        v.len() == v.capacity() && v.iter().all(|s| s.len() == s.capacity())
    }

    #[test]
    fn compacting_leaves_no_room_in_quotation_words_negation_stems_or_slot_keys() {
        let quote = fact(
            FactKind::Quote,
            Slot::Quote,
            Detail::Quote {
                speaker: String::with_capacity(30) + "Pellikan",
                words: roomy(&["lanterns", "stay", "lit", "past", "midnight"], 16),
            },
        );
        let negation = fact(
            FactKind::Negation,
            Slot::Negation {
                head: String::with_capacity(30) + "sign",
            },
            Detail::Negation {
                head: String::with_capacity(30) + "sign",
                stems: roomy(&["sign", "lease"], 8),
                object: roomy(&["lease", "orchard"], 8),
            },
        );
        let mut a = ArticleAnalysis {
            facts: vec![quote, negation],
            ..Default::default()
        };
        a.compact();
        let Detail::Quote { speaker, words } = &a.facts[0].detail else {
            panic!("a quotation");
        };
        assert!(tight(words) && speaker.len() == speaker.capacity());
        assert_eq!(words.join(" "), "lanterns stay lit past midnight");
        let (
            Slot::Negation { head: key },
            Detail::Negation {
                head,
                stems,
                object,
            },
        ) = (&a.facts[1].slot, &a.facts[1].detail)
        else {
            panic!("a negation");
        };
        assert!(tight(stems) && tight(object));
        assert!(key.len() == key.capacity() && head.len() == head.capacity());
        assert!(
            a.facts
                .iter()
                .all(|f| f.subject.len() == f.subject.capacity())
        );
    }
}

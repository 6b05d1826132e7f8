//! Facts stated in one article (roles, quantities, dates, places, attendance, negated
//! statements, quotations), each with its evidence span, polarity, hedging and time
//! anchor, so that reports of one story can be compared by [`super::conflicts`].

mod ages;
pub mod clock;
mod events;
pub(crate) mod kind;
pub mod numbers;
pub mod people;
mod places;
mod polar;
pub(crate) mod quantities;
mod quotes;
pub mod roles;
pub mod slot;
pub mod tokens;

use super::entities::Entity;
use super::quotes::Quote;
use crate::analysis::lexicon;
use crate::ingest::Article;
use crate::text::{Span, TextModel};
use once_cell::sync::Lazy;
pub use slot::{Anchor, Occasion, Scope, Slot};
use tokens::{Token, stem};

/// What a fact is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum FactKind {
    Role,
    Quantity,
    /// A person's stated age.
    Age,
    When,
    /// The clock time of an event ("struck at 3:10 a.m.").
    Clock,
    Place,
    Attendance,
    /// A negated statement ("no permit was granted").
    Negation,
    Quote,
}

impl FactKind {
    /// Every kind, in declaration order.
    pub const ALL: [FactKind; 9] = [
        FactKind::Role,
        FactKind::Quantity,
        FactKind::Age,
        FactKind::When,
        FactKind::Clock,
        FactKind::Place,
        FactKind::Attendance,
        FactKind::Negation,
        FactKind::Quote,
    ];
}

/// One checkable statement of an article.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Fact {
    /// The exact words that state it.
    pub evidence: Span,
    pub kind: FactKind,
    /// Who or what it is about, for people: the full name.
    pub subject: String,
    /// Facts of one slot are about the same thing and may be compared.
    pub slot: Slot,
    /// The stated value, as a reader would say it.
    pub value: String,
    /// `false` for negated statements ("did not attend").
    pub positive: bool,
    /// A hedge such as "nearly", "at least".
    pub hedged: bool,
    /// The time the statement is anchored to ("Thursday", "by Wednesday"), if any.
    pub anchor: Option<Anchor>,
    pub detail: Detail,
}

/// Kind-specific data used to decide whether two facts can both be true.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Detail {
    Role {
        title: roles::Title,
        /// The title's own words (without the name).
        said: Span,
    },
    Quantity {
        lo: f64,
        hi: f64,
        dim: String,
        /// Content stems around the figure (what it counts, what happened).
        context: Vec<String>,
        /// The figure is a part or a total of something else ("of its 1,050", "plus").
        scope: Scope,
        /// People named in the sentence: figures about different people differ.
        people: Vec<String>,
    },
    When {
        weekday: Option<u32>,
        /// Relative to the article date without a known date ("yesterday" undated).
        unanchored: bool,
    },
    Clock {
        time: clock::Time,
        /// The event word's class beside the time ("earthquake"), also for an opening
        /// sentence's time of the main event, so the story can tell which class its
        /// main event has.
        #[serde(default)]
        event: Option<String>,
    },
    Place {
        place: String,
        /// Stated as "near X": a rough place, compatible with any other.
        #[serde(default)]
        near: bool,
    },
    Attendance {
        /// Event classes, days and places named as the object ("the talks in Varmo").
        object: Occasion,
    },
    Negation {
        /// The word the negation applies to, stemmed.
        head: String,
        stems: Vec<String>,
        /// Content stems after the negated word in its clause: what was not done, where
        /// and when ("did not attend [the hearing]"). A statement restates the same event
        /// only when it says the head with some of these in one clause.
        #[serde(default)]
        object: Vec<String>,
    },
    Quote {
        speaker: String,
        /// Normalised words (contractions expanded, UK/US spelling folded).
        words: Vec<String>,
    },
}

static SYNONYMS: Lazy<rustc_hash::FxHashMap<String, String>> = Lazy::new(|| {
    lexicon::entries(include_str!("../../../assets/lexicon/facts/synonyms.txt"))
        .filter_map(|l| {
            let (a, b) = l.split_once('|')?;
            Some((a.trim().to_string(), stem(b.trim())))
        })
        .collect()
});

/// The comparable stem of one word (synonyms folded), or `None` for function words.
pub fn content_stem(t: &Token) -> Option<String> {
    if !t.is_word() || t.is_number() {
        return None;
    }
    let l = t.lower.trim_end_matches("'s");
    if let Some(s) = SYNONYMS.get(l) {
        return Some(s.clone());
    }
    if t.is_stop() || l.len() < 3 && !l.contains('-') {
        return None;
    }
    Some(t.stem.to_string())
}

/// One sentence prepared for the fact finders.
pub(crate) struct Sent<'a> {
    pub text: &'a str,
    pub span: Span,
    pub tokens: Vec<Token<'a>>,
    pub people: Vec<people::Mention>,
    /// Token indices inside quotation marks.
    pub quoted: Vec<bool>,
    /// Where the article's entity layer found people it is sure of (whole article,
    /// sorted by start).
    pub person_spans: &'a [Span],
    /// Among the article's first sentences, which tell its main event.
    pub lede: bool,
    /// The article's publication day, for relative days ("yesterday").
    pub published: Option<chrono::NaiveDate>,
    /// Event words of the sentence: (first, last) token and the event class.
    pub events: Vec<(usize, usize, String)>,
}

impl Sent<'_> {
    /// Byte span from token `a` to token `b` (inclusive).
    pub fn span_of(&self, a: usize, b: usize) -> Span {
        Span::new(self.tokens[a].span.start, self.tokens[b].span.end)
    }
}

/// Spans sorted by start with the running maximum of their ends: whether some span
/// contains a given one is a binary search, not a walk of every quotation (an article
/// of thousands of short quotes would otherwise be quadratic).
struct Cover {
    starts: Vec<usize>,
    max_end: Vec<usize>,
}

impl Cover {
    fn new(spans: &[Span]) -> Cover {
        let mut v: Vec<Span> = spans.to_vec();
        v.sort_by_key(|s| s.start);
        let mut max_end = Vec::with_capacity(v.len());
        let mut m = 0;
        for s in &v {
            m = m.max(s.end);
            max_end.push(m);
        }
        Cover {
            starts: v.iter().map(|s| s.start).collect(),
            max_end,
        }
    }

    /// Some span starts at or before `t` and ends at or after it.
    fn contains(&self, t: Span) -> bool {
        let k = self.starts.partition_point(|&s| s <= t.start);
        k > 0 && self.max_end[k - 1] >= t.end
    }
}

/// How many opening sentences (headline and dateline included) tell the main event.
const LEDE_SENTENCES: usize = 4;

/// Extracts the facts of one article.
pub fn extract(
    article: &Article,
    model: &TextModel,
    quotes: &[Quote],
    entities: &[Entity],
) -> Vec<Fact> {
    let doc = crate::text::doc::Doc::new(&article.text);
    extract_doc(article, model, &doc, quotes, entities)
}

/// As [`extract`], reading the article's document model built once by
/// [`crate::analysis::analyze`].
pub fn extract_doc(
    article: &Article,
    model: &TextModel,
    doc: &crate::text::doc::Doc,
    quotes: &[Quote],
    entities: &[Entity],
) -> Vec<Fact> {
    let text = article.text.as_str();
    let quote_spans = quotes::quote_spans(text, model, quotes);
    let inside = Cover::new(&quote_spans);
    let mut roster = people::Roster::from_entities(entities);
    let mut person_spans: Vec<Span> = entities
        .iter()
        // a person the layer is sure of: with a known gender or a title (a capitalised
        // run alone may be a town)
        .filter(|e| {
            e.kind == super::entities::EntityKind::Person
                && (e.gender.is_some() || !e.roles.is_empty())
        })
        .flat_map(|e| e.mentions.iter().copied())
        .collect();
    // sorted, so a look-up is a binary search rather than a walk of every mention
    person_spans.sort_by_key(|p| (p.start, p.end));
    let published = article.published.map(|d| d.date_naive());
    let mut sents = Vec::new();
    for (k, s) in model.sentences.iter().enumerate() {
        let tokens = doc.words_in(s.span);
        let people = people::mentions(&tokens, &mut roster);
        let quoted = tokens.iter().map(|t| inside.contains(t.span)).collect();
        sents.push(Sent {
            text,
            span: s.span,
            tokens,
            people,
            quoted,
            person_spans: &person_spans,
            lede: k < LEDE_SENTENCES,
            published,
            events: Vec::new(),
        });
    }
    let mut facts = Vec::new();
    for s in &mut sents {
        if is_front_matter(s) {
            continue;
        }
        s.events = events::event_words(&s.tokens);
        for k in kind::KINDS {
            facts.extend(k.find(s));
        }
    }
    quantities::spread_tallies(&mut facts);
    quantities::pool_people_counts(&mut facts);
    let named: Vec<(usize, String)> = sents
        .iter()
        .flat_map(|s| {
            s.people
                .iter()
                .filter(|m| !s.quoted[m.first])
                .map(|m| (s.tokens[m.first].span.start, m.name.clone()))
        })
        .collect();
    facts.extend(quotes::extract(
        doc,
        quotes,
        entities,
        &quote_spans,
        &named,
        &mut roster,
    ));
    facts
}

pub(crate) fn clean_title(s: &str) -> String {
    let s = s.trim_matches(|c: char| !c.is_alphanumeric());
    let lower = s.to_lowercase();
    for p in ["the ", "a ", "an ", "its ", "his ", "her "] {
        if lower.starts_with(p) {
            return s[p.len()..].to_string();
        }
    }
    s.to_string()
}

/// YAML front matter lines ("title: ...") are metadata, not statements.
fn is_front_matter(s: &Sent) -> bool {
    let t = s.span.text(s.text);
    t.starts_with("---")
        || t.starts_with("title:")
        || t.starts_with("source:")
        || t.starts_with("published:")
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn article(text: &str) -> Article {
        Article::plain("a.txt", text)
    }

    #[test]
    fn finds_roles_with_exact_evidence() {
        let a = article("The plan was backed by Deputy Mayor Ilse Vandermeer on Friday.");
        let m = TextModel::new(&a.text);
        let f = extract(&a, &m, &[], &[]);
        let r = f.iter().find(|f| f.kind == FactKind::Role).unwrap();
        assert_eq!(r.subject, "Ilse Vandermeer");
        assert_eq!(r.evidence.text(&a.text), "Deputy Mayor Ilse Vandermeer");
        assert_eq!(r.value, "Deputy Mayor");
    }
}

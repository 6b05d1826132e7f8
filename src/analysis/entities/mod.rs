//! People and organisations mentioned in one article, with their titles, clustered
//! within the article (full name, surname, title + surname, pronouns are not entities).

use crate::text::Span;
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Person,
    Organisation,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Gender {
    Female,
    Male,
}

/// One person or organisation of one article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entity {
    /// The longest full form seen in the article.
    pub name: String,
    /// Every surface form seen (name variants, not pronouns).
    pub aliases: Vec<String>,
    /// Titles seen ("Health Minister", "the union's general secretary").
    pub roles: Vec<String>,
    pub kind: EntityKind,
    pub gender: Option<Gender>,
    /// Where it is named in the text.
    pub mentions: Vec<Span>,
}

//! Descriptor words: whether a speaker mention only describes someone ("Nordland
//! senator", "Velden Republicans"), and the heads of documents, groups and places.

use super::*;

/// Documents that "say" what their author said.
pub(super) const DOCUMENT_HEADS: &[&str] = &["statement", "communique", "communiqué", "release"];

/// Plural or indefinite sources that name no one.
pub(super) const GROUP_HEADS: &[&str] = &[
    "resident",
    "economist",
    "official",
    "analyst",
    "expert",
    "critic",
    "witness",
    "neighbour",
    "neighbor",
    "villager",
    "local",
    "protester",
    "lawmaker",
    "activist",
    "group",
    "people",
    "farmer",
    "worker",
    "opposition",
    "man",
    "woman",
    "observer",
    "investor",
    "trader",
    "voter",
    "parent",
    "student",
    "someone",
    "source",
    "person",
    "user",
    "commenter",
];

/// What a speaker mention made only of descriptor words stands for.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Description {
    /// "Velden Republicans", "Senior Officials": an unnamed group.
    Group,
    /// "Nordland senator", "Republican of West Nordia": one person, by this title
    /// (the last role word) and these place words.
    Role { head: String, places: Vec<String> },
}

/// Whether a capitalised name is only a description: every word a title, party,
/// nationality, occupation or place word ("of" and articles aside) with at least one
/// role word, or a run ending in the plural of one ("House Republicans"). A body's
/// name ("Republican Party") and a person's ("Ana Senators") are not.
pub(super) fn description(name: &str) -> Option<Description> {
    // One name is asked about at each of its mentions and again in resolution; its words are
    // lowercased and looked up once per thread. Emptied past a bound so a long scan of many
    // documents keeps it small.
    thread_local! {
        static SEEN: std::cell::RefCell<rustc_hash::FxHashMap<Box<str>, Option<Description>>> =
            Default::default();
    }
    if let Some(d) = SEEN.with_borrow(|seen| seen.get(name).cloned()) {
        return d;
    }
    let d = describe_words(name);
    SEEN.with_borrow_mut(|seen| {
        if seen.len() >= 4096 {
            seen.clear();
        }
        seen.insert(name.into(), d.clone());
    });
    d
}

fn describe_words(name: &str) -> Option<Description> {
    use crate::analysis::lexicon::{FEMALE_NAMES, MALE_NAMES, PLACE_WORDS, ROLE_DESCRIPTORS};
    let words: Vec<String> = name
        .split_whitespace()
        .map(|w| strip_possessive(w.trim_matches(|c: char| !c.is_alphanumeric())).to_lowercase())
        .filter(|w| !w.is_empty())
        .collect();
    let (first, last) = (words.first()?, words.last()?);
    // "SGT" alone is a body's acronym, not the abbreviated title
    let acronym = !name.contains(' ')
        && name.chars().filter(|c| c.is_alphabetic()).count() > 1
        && !name.chars().any(char::is_lowercase);
    if acronym
        || ORG_HEADS.contains(last)
        || FEMALE_NAMES.contains(first)
        || MALE_NAMES.contains(first)
    {
        return None;
    }
    let role = |w: &str| TITLES.contains(w) || ROLE_DESCRIPTORS.contains(w);
    let singular = last
        .strip_suffix('s')
        .filter(|s| !role(last) && !s.is_empty());
    // only parties, nationalities, occupations and unnamed sources: "Organisers" of
    // an event is that event's body, as the lowercase "the organisers" is
    if singular.is_some_and(|s| ROLE_DESCRIPTORS.contains(s) || GROUP_HEADS.contains(&s)) {
        return Some(Description::Group);
    }
    // a word of a body ("State Senate", "Nordland Senate President") names that body
    if words.iter().any(|w| ORG_HEADS.contains(w)) {
        return None;
    }
    let filler = |w: &str| matches!(w, "of" | "the" | "a" | "an");
    let head = words.iter().rev().find(|w| role(w))?;
    let place = |w: &str| PLACE_WORDS.contains(w) && !role(w);
    let places = words.iter().filter(|w| place(w)).cloned().collect();
    words
        .iter()
        .all(|w| role(w) || place(w) || filler(w))
        .then(|| Description::Role {
            head: head.clone(),
            places,
        })
}

/// Places, not speakers, when bare ("the city", "the area").
pub(super) const PLACE_HEADS: &[&str] = &[
    "city", "area", "town", "village", "region", "country", "province", "district",
];

pub(super) fn is_nominal_head(h: &str) -> bool {
    TITLES.contains(h) || ORG_HEADS.contains(h) || NOMINAL_HEADS.contains(h) || h.ends_with("-old")
}

/// A one-word name taken for a person only because nothing marked it as a body
/// ("Skyrell"): no given name, no gender, no title, no honorific. A descriptor such
/// as "the airline" may stand for it. (Two words may be an unlisted given name and
/// a surname.)
pub(super) fn unmarked_body(e: &Entity) -> bool {
    use crate::analysis::lexicon::{FEMALE_NAMES, MALE_NAMES};
    let first = e.name.split_whitespace().next().unwrap_or_default();
    e.kind == EntityKind::Person
        && !e.name.contains(' ')
        && e.gender.is_none()
        && e.roles.is_empty()
        && !FEMALE_NAMES.contains(first)
        && !MALE_NAMES.contains(first)
}

#[cfg(test)]
mod tests {
    use super::{Description, description};

    #[test]
    fn a_run_of_titles_parties_and_places_describes_someone() {
        let role = |h: &str, p: &[&str]| {
            Some(Description::Role {
                head: h.to_string(),
                places: p.iter().map(|p| p.to_string()).collect(),
            })
        };
        assert_eq!(
            description("Nebraska senator"),
            role("senator", &["nebraska"])
        );
        assert_eq!(
            description("Democrat of North Dakota"),
            role("democrat", &["north", "dakota"])
        );
        // the second half of a two-word place cut off by the name finder
        assert_eq!(description("Jersey banker"), role("banker", &["jersey"]));
        assert_eq!(description("Democratic nominee"), role("nominee", &[]));
        assert_eq!(description("Velden Partners"), None);
    }

    #[test]
    fn a_capitalised_plural_of_a_party_or_title_is_a_group() {
        assert_eq!(description("Democrats"), Some(Description::Group));
        assert_eq!(description("Senate Republicans"), Some(Description::Group));
        assert_eq!(description("Senior Officials"), Some(Description::Group));
        // a plural title is the body it makes up ("Organisers" of a race)
        assert_eq!(description("Organisers"), None);
    }

    #[test]
    fn names_and_bodies_are_no_descriptions() {
        // a body's name, a person's name, a lone place, a surname that ends in s
        assert_eq!(description("Republican Party"), None);
        assert_eq!(description("Ana Senators"), None);
        assert_eq!(description("Oregon"), None);
        assert_eq!(description("Ivo Sanders"), None);
        assert_eq!(description("Holmes"), None);
        // an acronym that spells a title
        assert_eq!(description("SGT"), None);
    }
}

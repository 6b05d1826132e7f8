//! Which entities of one article stand as speakers: a description ("the lawyer", "a
//! ministry spokeswoman", "Police") is the one named person or body of the article it
//! fits, a bare given name ("Maren") the one person of the article with that given
//! name; a person's description that fits no one, an outlet and a place are not
//! speakers at all (their quotes stay, unattributed).
//!
//! Article-local on purpose: the outcome depends on the article alone, so the speaker
//! index stays a function of its articles whatever order they come in.

use crate::analysis::entities::{Entity, EntityKind};
use crate::analysis::lexicon::{
    COUNTRY_WORDS, DOCUMENT_NOUNS, NOMINAL_HEADS, ORG_DESCRIPTORS, ORG_HEADS, OUTLETS, PLACE_WORDS,
    ROLE_COMPLEMENTS, ROLE_DESCRIPTORS, SPEAKING_FOR, STOP_CAPS, TITLES,
};
use crate::analysis::names;

/// What the speaker index makes of one entity of an article.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Fate {
    /// A speaker mention of its own.
    Own,
    /// Another entity of the same article (always one whose fate is `Own`).
    Same(usize),
    /// Not a speaker.
    Dropped,
}

/// The words of a name as written, trimmed of punctuation (hyphens and apostrophes kept).
fn words(name: &str) -> Vec<&str> {
    name.split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-' && c != '\''))
        .filter(|w| !w.is_empty())
        .collect()
}

/// A word that may be part of a name: capitalised and not a common word that merely
/// opens a sentence ("Police", "The", "Officials"); an acronym always may.
fn name_like(w: &str) -> bool {
    let upper = w.chars().next().is_some_and(char::is_uppercase);
    let acronym = w.chars().count() >= 2 && w.chars().all(|c| c.is_uppercase());
    let common = [
        &STOP_CAPS,
        &TITLES,
        &ROLE_DESCRIPTORS,
        &NOMINAL_HEADS,
        &ORG_HEADS,
    ]
    .iter()
    .any(|set| set.contains(w))
        || SPEAKING_FOR.contains(w);
    upper && (acronym || !common)
}

/// Whether no form of the entity holds a name: only common words.
fn descriptive(e: &Entity) -> bool {
    std::iter::once(&e.name)
        .chain(&e.aliases)
        .all(|n| !words(n).into_iter().any(name_like))
}

/// "authorities" -> "authority", "firefighters" -> "firefighter".
fn singular(w: &str) -> String {
    if let Some(stem) = w.strip_suffix("ies") {
        format!("{stem}y")
    } else if w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") {
        w[..w.len() - 1].to_string()
    } else {
        w.to_string()
    }
}

/// What a description is of: a body (by the word that would be in its name or its
/// descriptor, "agency", "carmaker") or a person (by the role word, "lawyer").
#[derive(Debug, PartialEq, Eq)]
enum Described {
    /// The body word, and whether other words qualify it ("national grid operator").
    Body(String, bool),
    /// The role word, and whether the mention is indefinite ("a nurse": an unnamed
    /// source of its own, not someone named elsewhere).
    Person(String, bool),
}

fn is_body_word(w: &str) -> bool {
    ORG_HEADS.contains(w) || ORG_DESCRIPTORS.contains_key(w)
}

fn described(e: &Entity) -> Option<Described> {
    let starts_indefinite = |n: &String| {
        let first = words(n).first().map(|w| names::fold(w));
        first.is_some_and(|w| w == "a" || w == "an")
    };
    let indefinite = std::iter::once(&e.name)
        .chain(&e.aliases)
        .any(starts_indefinite);
    let all: Vec<String> = words(&e.name).into_iter().map(names::fold).collect();
    let ws: Vec<String> = all
        .into_iter()
        .filter(|w| !w.is_empty() && !STOP_CAPS.contains(w))
        .collect();
    let last = ws.last()?;
    if SPEAKING_FOR.contains(ws.last()?) {
        // "a police spokesman": the body named before the noun speaks
        if let Some(body) = ws[..ws.len() - 1]
            .iter()
            .map(|w| singular(w))
            .find(|w| is_body_word(w))
        {
            return Some(Described::Body(body, ws.len() > 2));
        }
    }
    let head = singular(last);
    Some(if is_body_word(&head) {
        Described::Body(head, ws.len() > 1)
    } else {
        Described::Person(last.clone(), indefinite)
    })
}

/// A noun of one person's role or kind ("lawyer", "investor"); plurals ("the
/// organisers") name a group, which may speak as one.
fn role_noun(w: &str) -> bool {
    singular(w) == w && (TITLES.contains(w) || ROLE_DESCRIPTORS.contains(w))
}

/// Folded words of every form of an entity.
fn name_words(e: &Entity) -> Vec<String> {
    std::iter::once(&e.name)
        .chain(&e.aliases)
        .flat_map(|n| names::fold(n).split(' ').map(singular).collect::<Vec<_>>())
        .collect()
}

/// Whether named entity `e` is a body that description word `word` fits: the word is
/// in its name or its roles, or the descriptor's lexicon entry names its kind.
fn body_fits(word: &str, qualified: bool, e: &Entity) -> bool {
    let own = name_words(e);
    let body = e.kind == EntityKind::Organisation;
    if own.iter().any(|w| w == word) || (body && e.has_role_word(word)) {
        return true;
    }
    match ORG_DESCRIPTORS.get(word) {
        // "the company" is any one company; "a grid operator" may be another
        Some(heads) if heads.contains(&"*") && !qualified => {
            // "the company": any organisation that is no public body
            let public = ORG_DESCRIPTORS.get("public");
            e.kind == EntityKind::Organisation
                && !own
                    .iter()
                    .any(|w| public.is_some_and(|p| p.contains(&w.as_str())))
        }
        Some(heads) => own.iter().any(|w| heads.contains(&w.as_str())),
        None => false,
    }
}

/// Whether named person `e` holds role word `word` (spokesman and spokeswoman alike).
/// Whether named person `e` holds role `word`: the head of one of its roles, the last
/// word before any complement ("the cooperative's secretary" is a secretary, "head of
/// the port" a head); spokesman and spokeswoman alike.
fn person_fits(word: &str, e: &Entity) -> bool {
    if e.kind != EntityKind::Person {
        return false;
    }
    let stem = |w: &str| -> String {
        let w = w.to_lowercase();
        ["woman", "man", "person"]
            .iter()
            .find_map(|s| w.strip_suffix(s).filter(|x| x.len() >= 4))
            .map_or(w.clone(), str::to_string)
    };
    let want = stem(word);
    e.roles.iter().any(|r| {
        let head = r
            .split(|c: char| !c.is_alphanumeric() && c != '-' && c != '\'')
            .filter(|w| !w.is_empty())
            .take_while(|w| !ROLE_COMPLEMENTS.contains(w))
            .last();
        head.is_some_and(|h| stem(h) == want)
    })
}

/// An outlet ("Reuters", "the Daily Courier" when listed) or a place named only with
/// place words ("Ohio", "North Korea").
fn not_a_speaker(e: &Entity) -> bool {
    let folded = names::fold(&e.name);
    let bare = folded.strip_prefix("the ").unwrap_or(&folded);
    if OUTLETS.contains(bare) {
        return true;
    }
    let ws: Vec<&str> = bare.split(' ').filter(|w| !w.is_empty()).collect();
    !ws.is_empty()
        && e.roles.is_empty()
        && ws
            .iter()
            .all(|w| PLACE_WORDS.contains(w) || COUNTRY_WORDS.contains(w))
}

/// The one index among `cands`, if exactly one.
fn only(mut cands: impl Iterator<Item = usize>) -> Option<usize> {
    let first = cands.next()?;
    cands.next().is_none().then_some(first)
}

/// The fate of every entity of one article.
pub(super) fn fates(entities: &[Entity]) -> Vec<Fate> {
    let junk: Vec<bool> = entities.iter().map(not_a_speaker).collect();
    let desc: Vec<bool> = entities.iter().map(descriptive).collect();
    // Candidates a mention may stand for: named, and speakers themselves.
    let named = |j: usize| !junk[j] && !desc[j];
    let people_in_full: Vec<usize> = (0..entities.len())
        .filter(|&j| named(j) && entities[j].kind == EntityKind::Person)
        .filter(|&j| words(&entities[j].name).len() >= 2)
        .collect();
    (0..entities.len())
        .map(|i| {
            let e = &entities[i];
            if junk[i] {
                return Fate::Dropped;
            }
            if desc[i] {
                return match described(e) {
                    Some(Described::Body(w, qualified)) => {
                        let fit = (0..entities.len()).filter(|&j| {
                            j != i && named(j) && body_fits(&w, qualified, &entities[j])
                        });
                        only(fit).map_or(Fate::Own, Fate::Same)
                    }
                    Some(Described::Person(w, indefinite)) => {
                        let fit = (0..entities.len())
                            .filter(|&j| j != i && named(j) && person_fits(&w, &entities[j]));
                        // "the lawyer" no one named fits stands for someone the reader
                        // cannot tell; "a nurse" or "the organisers" are sources of
                        // their own
                        // a memo or a website quoted is no one
                        let thing =
                            DOCUMENT_NOUNS.contains(&w) || DOCUMENT_NOUNS.contains(&singular(&w));
                        let unknown = if thing || (role_noun(&w) && !indefinite) {
                            Fate::Dropped
                        } else {
                            Fate::Own
                        };
                        only(fit).map_or(unknown, Fate::Same)
                    }
                    None => Fate::Dropped,
                };
            }
            short_form(i, e, entities, &people_in_full).map_or(Fate::Own, Fate::Same)
        })
        .collect()
}

/// A one-word person mention that is the given name ("Maren") or the surname in
/// capitals ("HOLT", an organisation to the name finder) of exactly one person the
/// article names in full.
fn short_form(i: usize, e: &Entity, entities: &[Entity], full: &[usize]) -> Option<usize> {
    let ws = words(&e.name);
    let [w] = ws.as_slice() else {
        return None;
    };
    let folded = names::fold(w);
    let first_last = |j: usize| {
        let f = words(&entities[j].name);
        let first = f.first().map(|x| names::fold(x)).unwrap_or_default();
        let last = f.last().map(|x| names::fold(x)).unwrap_or_default();
        (first, last)
    };
    let capitals = w.chars().count() >= 3 && w.chars().all(|c| !c.is_lowercase());
    if capitals {
        return only(
            full.iter()
                .copied()
                .filter(|&j| j != i && first_last(j).1 == folded),
        );
    }
    if e.kind != EntityKind::Person || e.aliases.iter().any(|a| words(a).len() > 1) {
        return None;
    }
    // the same word as someone's surname: it may be that person's surname-only mention
    if full.iter().any(|&j| first_last(j).1 == folded) {
        return None;
    }
    only(
        full.iter()
            .copied()
            .filter(|&j| j != i && first_last(j).0 == folded),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::entities::Entity;

    fn ent(name: &str, kind: EntityKind, roles: &[&str]) -> Entity {
        Entity {
            name: name.to_string(),
            aliases: vec![name.to_string()],
            roles: roles.iter().map(|r| r.to_string()).collect(),
            kind,
            gender: None,
            mentions: Vec::new(),
        }
    }
    use EntityKind::{Organisation as O, Person as P};

    #[test]
    fn a_role_description_is_the_one_person_of_the_article_with_that_role() {
        let es = [
            ent("Ottilie Brandvold", P, &["the ferry company's lawyer"]),
            ent("Teodor Hask", P, &["deckhand"]),
            ent("the lawyer", P, &[]),
        ];
        assert_eq!(fates(&es)[2], Fate::Same(0));
    }

    #[test]
    fn a_person_description_that_fits_no_one_or_two_is_no_speaker() {
        let es = [
            ent("Ottilie Brandvold", P, &["lawyer"]),
            ent("Teodor Hask", P, &["lawyer for the crew"]),
            ent("the lawyer", P, &[]),
            ent("investor", P, &[]),
            ent("a ferry passenger", P, &[]),
            ent("the villagers", P, &[]),
            ent("a leaked memo", P, &[]),
        ];
        let f = fates(&es);
        assert_eq!((f[2], f[3]), (Fate::Dropped, Fate::Dropped));
        assert_eq!((f[0], f[1]), (Fate::Own, Fate::Own));
        // an unnamed source of its own, and a group: they stay
        assert_eq!((f[4], f[5]), (Fate::Own, Fate::Own));
        // a document is no one
        assert_eq!(f[6], Fate::Dropped);
    }

    #[test]
    fn a_body_description_is_the_one_body_with_that_word_or_stays() {
        let es = [
            ent("Quillmoor Harbour Agency", O, &[]),
            ent("Pelsworth Dredging", O, &[]),
            ent("the agency", O, &[]),
            ent("A company spokeswoman", P, &[]),
            ent("the port authority", O, &[]),
            ent("the dredging company", O, &[]),
            ent("Inge Salvesen", P, &["agency spokeswoman"]),
        ];
        let f = fates(&es);
        assert_eq!(f[2], Fate::Same(0));
        // the company's voice is the one company (the agency is a public body)
        assert_eq!(f[3], Fate::Same(1));
        // a body no named one fits keeps its own entry
        assert_eq!(f[4], Fate::Own);
        // a qualified descriptor needs its words in the name
        assert_eq!(f[5], Fate::Own);
    }

    #[test]
    fn a_sentence_initial_common_noun_is_a_description_not_a_name() {
        let es = [ent("Vossberg Police", O, &[]), ent("Police", O, &[])];
        assert_eq!(fates(&es)[1], Fate::Same(0));
        let alone = [ent("Police", O, &[])];
        assert_eq!(fates(&alone), vec![Fate::Own]);
    }

    #[test]
    fn a_bare_given_name_or_a_surname_in_capitals_is_the_person_named_in_full() {
        let es = [
            ent("Maren Quistgaard", P, &[]),
            ent("Maren", P, &[]),
            ent("QUISTGAARD", O, &[]),
        ];
        assert_eq!(fates(&es), vec![Fate::Own, Fate::Same(0), Fate::Same(0)]);
        // two people of that given name: the bare one is neither
        let two = [
            ent("Maren Quistgaard", P, &[]),
            ent("Maren Tolvik", P, &[]),
            ent("Maren", P, &[]),
        ];
        assert_eq!(fates(&two)[2], Fate::Own);
    }

    #[test]
    fn outlets_and_places_are_no_speakers_but_names_with_place_words_are() {
        let es = [
            ent("Reuters", O, &[]),
            ent("North Carolina", P, &[]),
            ent("the Washington Post", O, &[]),
            ent("Carolina Ferreby", P, &[]),
            ent("Bank of Ohio", O, &[]),
        ];
        let f = fates(&es);
        assert_eq!(&f[..3], &[Fate::Dropped; 3]);
        assert_eq!(&f[3..], &[Fate::Own, Fate::Own]);
    }
}

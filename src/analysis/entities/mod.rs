//! People and organisations mentioned in one article, with their titles, clustered
//! within the article (full name, surname, title + surname, pronouns are not entities).

pub mod mentions;

use super::names::{self, fold, has_inner_possessive, org_core, org_prefix};
use crate::text::Span;
use serde::Serialize;

pub use mentions::{Mention, find_mentions};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Person,
    Organisation,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
pub enum Gender {
    Female,
    Male,
}

/// One person or organisation of one article.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
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

impl Entity {
    /// Whether a role of this entity contains `word` (lowercase).
    /// Only the role's own words count, not those of its complement: "wife of the
    /// former president" is no president.
    pub fn has_role_word(&self, word: &str) -> bool {
        self.roles.iter().any(|r| {
            r.split(|c: char| !c.is_alphanumeric() && c != '-')
                .take_while(|w| !matches!(*w, "of" | "for" | "at" | "to" | "with" | "from"))
                .any(|w| w.eq_ignore_ascii_case(word))
        })
    }
}

/// Clusters mentions (in text order) into entities; sets each mention's `entity`.
pub fn cluster(mentions: &mut [Mention]) -> Vec<Entity> {
    let mut entities: Vec<Entity> = Vec::new();
    let mut keys: Vec<String> = Vec::new();
    for m in mentions.iter_mut() {
        let key = fold(&m.name);
        if key.is_empty() {
            continue;
        }
        let words: Vec<&str> = key.split(' ').collect();
        let last = *words.last().unwrap_or(&"");
        // "President Harlan" beside a governor and a first lady of that name: a title
        // picks the namesake who holds it, and one held by none of them is someone else
        // (only a title written before the name: an appositive after a bare surname
        // is too often a misreading, "According to X, the driver had left")
        let prefix_title = if m.title_tok < m.first_tok {
            m.roles.first()
        } else {
            None
        };
        let titles: Vec<String> = prefix_title
            .into_iter()
            .flat_map(|r| r.split_whitespace())
            .map(|w| w.trim_end_matches('.').to_lowercase())
            .filter(|w| {
                crate::analysis::lexicon::TITLES.contains(w)
                    && !matches!(
                        w.as_str(),
                        "former" | "ex" | "late" | "retired" | "acting" | "interim"
                    )
            })
            .collect();
        // set when a bare family name joins a family-name-first person ("Mr Lim" to
        // "Lim Zhao Kai"): the word is another person's surname too, so it is kept out
        // of the aliases a reader (and the speaker list) sees
        let mut family_first_join = false;
        let found = match m.kind {
            EntityKind::Organisation => {
                let core = org_core(&m.name);
                (0..entities.len())
                    .rev()
                    .find(|&i| {
                        entities[i].kind == EntityKind::Organisation
                            && (keys[i] == key
                                || acronym_of(&keys[i], &key)
                                || acronym_of(&key, &keys[i])
                                || org_core(&entities[i].name) == core)
                    })
                    .or_else(|| short_name_of(&entities, &m.name))
            }
            EntityKind::Person => {
                // Same full form; or a one-word form equal to a person's last (or the
                // only) word; or a full name whose last word names an entity known by
                // its surname alone.
                // a bare surname entity that lacks the mention's title, while a full
                // namesake holds it, is not the one meant ("Governor Harlan" after
                // "President Harlan" and "Governor Pim Harlan")
                let namesake_holds_title = |i: usize| {
                    !titles.is_empty()
                        && !titles.iter().any(|t| entities[i].has_role_word(t))
                        && (0..entities.len()).any(|j| {
                            entities[j].kind == EntityKind::Person
                                && keys[j].contains(' ')
                                && keys[j].rsplit(' ').next() == Some(last)
                                && titles.iter().any(|t| entities[j].has_role_word(t))
                        })
                };
                (0..entities.len())
                    .rev()
                    .find(|&i| {
                        entities[i].kind == EntityKind::Person
                            && keys[i] == key
                            && !(words.len() == 1 && namesake_holds_title(i))
                    })
                    .or_else(|| {
                        // "Mr Lim" beside "Mei Lim" and "Lim Zhao Kai" (family name
                        // first): the honorific's gender decides; without one it is
                        // neither
                        let family_first = if words.len() == 1 {
                            family_name_first(&entities, &keys, last, m.gender)
                        } else {
                            FamilyFirst::None
                        };
                        if let FamilyFirst::One(i) = family_first {
                            family_first_join = keys[i].split(' ').next() == Some(last);
                            Some(i)
                        } else if family_first == FamilyFirst::Ambiguous {
                            None
                        } else if words.len() == 1 {
                            // namesakes ("Ana Cárdenas", "Rui Cárdenas"): the latest
                            // whose gender does not clash, unless an earlier one is
                            // clearly the article's main person (named far more often)
                            let fits: Vec<usize> = (0..entities.len())
                                .filter(|&i| {
                                    entities[i].kind == EntityKind::Person
                                        && keys[i].rsplit(' ').next() == Some(last)
                                        && !matches!(
                                            (entities[i].gender, m.gender),
                                            (Some(a), Some(b)) if a != b
                                        )
                                })
                                .collect();
                            if fits.len() >= 2 && !titles.is_empty() {
                                return fits.iter().rev().copied().find(|&i| {
                                    titles.iter().any(|t| entities[i].has_role_word(t))
                                });
                            }
                            let latest = fits.last().copied();
                            let main = fits
                                .iter()
                                .copied()
                                .max_by_key(|&i| entities[i].mentions.len());
                            match (latest, main) {
                                (Some(l), Some(p))
                                    if entities[p].mentions.len()
                                        >= entities[l].mentions.len() + 3 =>
                                {
                                    Some(p)
                                }
                                _ => latest,
                            }
                        } else {
                            (0..entities.len()).rev().find(|&i| {
                                entities[i].kind == EntityKind::Person
                                    && !keys[i].contains(' ')
                                    && keys[i] == last
                            })
                        }
                    })
                    .or_else(|| {
                        // "Van Dessel" after "Joris Van Dessel", "Fernández-Ríos" after
                        // "Lucía Fernández-Ríos": a surname of several words alone
                        if words.len() >= 2
                            && (names::PARTICLES.contains(&words[0]) || m.name.contains('-'))
                        {
                            surname_tail_of(&entities, &keys, &key, m.gender)
                        } else {
                            None
                        }
                    })
                    .or_else(|| {
                        // "J. Smith" / "John Smith": same last word, compatible initial.
                        (0..entities.len()).rev().find(|&i| {
                            entities[i].kind == EntityKind::Person
                                && words.len() >= 2
                                && compatible_first(&keys[i], &words)
                        })
                    })
                    .or_else(|| {
                        // "Kowalsk" after "Ana Kowalski" (machine-translated copy cuts
                        // an inflected ending): the one person whose surname it starts
                        if words.len() == 1 {
                            truncated_surname_of(&entities, &keys, last)
                        } else {
                            None
                        }
                    })
                    .or_else(|| {
                        // "said Darsono" after "Darsono Prawiro": a bare given name
                        // of the one person whose full name opens with it
                        if words.len() == 1 {
                            given_name_of(&entities, &keys, last, m.gender)
                        } else {
                            None
                        }
                    })
                    .or_else(|| {
                        // "Reyes said" after "Lucía Reyes Salinas": the paternal
                        // surname of a two-surname name
                        if words.len() == 1 {
                            inner_name_of(&entities, last, m.gender)
                        } else {
                            None
                        }
                    })
                    .or_else(|| {
                        // "Calder" after "Calder Pharma AG": a bare word that no person
                        // of the article bears, starting the name of one body
                        // "Calder Pharma" after "Calder Pharma AG": the body's name
                        // without its legal form is the body
                        if m.gender.is_some() || !m.roles.is_empty() {
                            return None;
                        }
                        // (a one-word mention has no legal form to drop: no core needed)
                        let by_core = if words.len() > 1 {
                            let core = org_core(&m.name);
                            (0..entities.len()).find(|&i| {
                                entities[i].kind == EntityKind::Organisation
                                    && org_core(&entities[i].name) == core
                            })
                        } else {
                            None
                        };
                        by_core.or_else(|| {
                            if words.len() == 1 && m.weak {
                                short_name_of(&entities, &m.name)
                            } else {
                                None
                            }
                        })
                    })
            }
        };
        let idx = match found {
            Some(i) => i,
            None if m.weak => continue,
            None => {
                entities.push(Entity {
                    name: m.name.clone(),
                    aliases: Vec::new(),
                    roles: Vec::new(),
                    kind: m.kind,
                    gender: None,
                    mentions: Vec::new(),
                });
                keys.push(key.clone());
                entities.len() - 1
            }
        };
        let fresh_alias = !entities[idx].aliases.contains(&m.name);
        attach(&mut entities, &mut keys, idx, m, key);
        if family_first_join && fresh_alias {
            entities[idx].aliases.retain(|a| a != &m.name);
        }
    }
    entities
}

/// Adds mention `m` as a new entity (a weak mention that turned out to be a speaker).
/// `adopted` maps a folded name to the entity an earlier weak mention of that name
/// became, so that a name repeated thousands of times makes one entity (and each
/// adoption costs O(1), not O(entities)).
pub fn adopt(
    entities: &mut Vec<Entity>,
    adopted: &mut std::collections::HashMap<String, usize>,
    m: &mut Mention,
) -> usize {
    if let Some(i) = m.entity {
        return i;
    }
    let key = fold(&m.name);
    if let Some(&idx) = adopted.get(&key)
        && entities.get(idx).is_some_and(|e| e.kind == m.kind)
    {
        attach_one(entities, idx, m);
        return idx;
    }
    // "Quenby" opening a sentence of a live blog whose "Ottilie Quenby" comes later:
    // the one person of the article with that surname
    if m.kind == EntityKind::Person
        && !key.contains(' ')
        && let Some(idx) = only_person_with_surname(entities, &key, m.gender)
    {
        attach_one(entities, idx, m);
        adopted.insert(key, idx);
        return idx;
    }
    // "Reyes:" labelling a quote of "Lucía Reyes Salinas"
    if m.kind == EntityKind::Person
        && !key.contains(' ')
        && let Some(idx) = inner_name_of(entities, &key, m.gender)
    {
        attach_one(entities, idx, m);
        adopted.insert(key, idx);
        return idx;
    }
    entities.push(Entity {
        name: m.name.clone(),
        aliases: Vec::new(),
        roles: Vec::new(),
        kind: m.kind,
        gender: None,
        mentions: Vec::new(),
    });
    let idx = entities.len() - 1;
    attach_one(entities, idx, m);
    adopted.insert(key, idx);
    idx
}

/// The one person whose name ends with the words of `key` (folded) after at least
/// one more word, gender permitting.
fn surname_tail_of(
    entities: &[Entity],
    keys: &[String],
    key: &str,
    g: Option<Gender>,
) -> Option<usize> {
    let tail = format!(" {key}");
    let mut hits = (0..entities.len()).filter(|&i| {
        entities[i].kind == EntityKind::Person
            && keys[i].ends_with(&tail)
            && !matches!((entities[i].gender, g), (Some(a), Some(b)) if a != b)
    });
    let first = hits.next()?;
    hits.next().is_none().then_some(first)
}

/// The one person named in three words with `word` (folded) as the middle one: the
/// first of two surnames ("Reyes" of "Lucía Reyes Salinas", "Queiroz" of
/// "Tiago Queiroz Lobato"). None when another person starts or ends with the word,
/// or two people have it in the middle. (Four words or more are left alone: "Marcus
/// Lim Chee Keong" puts a family name between given names.)
fn inner_name_of(entities: &[Entity], word: &str, g: Option<Gender>) -> Option<usize> {
    if word.chars().count() < 3 || !word.chars().all(char::is_alphabetic) {
        return None;
    }
    // each person's folded name once (this runs per adopted one-word name)
    let keys: Vec<(usize, String)> = entities
        .iter()
        .enumerate()
        .filter(|(_, e)| e.kind == EntityKind::Person)
        .map(|(i, e)| (i, fold(&e.name)))
        .collect();
    let mut hits = keys.iter().filter(|(i, k)| {
        let e = &entities[*i];
        if matches!((e.gender, g), (Some(a), Some(b)) if a != b) {
            return false;
        }
        let w: Vec<&str> = k.split(' ').collect();
        // a last word that is a common word ("Ana Berg Describes") is a headline's
        w.len() == 3 && w[1] == word && crate::analysis::stories::features::information(w[2]) > 2.0
    });
    let &(first, _) = hits.next()?;
    let elsewhere = keys
        .iter()
        .any(|(_, k)| k.split(' ').next() == Some(word) || k.rsplit(' ').next() == Some(word));
    (hits.next().is_none() && !elsewhere).then_some(first)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum FamilyFirst {
    /// No name of three words or more opens with the word.
    None,
    /// The one person it names.
    One(usize),
    Ambiguous,
}

/// A one-word mention `word` (folded) where a person of three words or more opens
/// with it ("Lim Zhao Kai"): that person when no other fits by surname, or when the
/// mention's gender (from an honorific) picks one; else ambiguous.
fn family_name_first(
    entities: &[Entity],
    keys: &[String],
    word: &str,
    g: Option<Gender>,
) -> FamilyFirst {
    let fits = |i: usize| {
        entities[i].kind == EntityKind::Person
            && !matches!((entities[i].gender, g), (Some(a), Some(b)) if a != b)
    };
    let first: Vec<usize> = (0..entities.len())
        .filter(|&i| {
            fits(i) && keys[i].split(' ').count() >= 3 && keys[i].split(' ').next() == Some(word)
        })
        .collect();
    if first.is_empty() {
        return FamilyFirst::None;
    }
    let last: Vec<usize> = (0..entities.len())
        .filter(|&i| fits(i) && keys[i].contains(' ') && keys[i].rsplit(' ').next() == Some(word))
        .collect();
    let all: Vec<usize> = first.iter().chain(&last).copied().collect();
    if all.len() == 1 {
        return FamilyFirst::One(all[0]);
    }
    let same_gender: Vec<usize> = all
        .into_iter()
        .filter(|&i| g.is_some() && entities[i].gender == g)
        .collect();
    match same_gender.as_slice() {
        [i] => FamilyFirst::One(*i),
        _ => FamilyFirst::Ambiguous,
    }
}

/// The one named person (full name) whose last word is `surname` (folded), gender
/// permitting; none when two people share it.
fn only_person_with_surname(
    entities: &[Entity],
    surname: &str,
    g: Option<Gender>,
) -> Option<usize> {
    let mut hits = entities.iter().enumerate().filter(|(_, e)| {
        let k = fold(&e.name);
        e.kind == EntityKind::Person
            && k.contains(' ')
            && k.rsplit(' ').next() == Some(surname)
            && !matches!((e.gender, g), (Some(a), Some(b)) if a != b)
    });
    let (i, _) = hits.next()?;
    // a name that opens with it (family name first) makes it ambiguous
    let opens_another = entities.iter().any(|e| {
        let k = fold(&e.name);
        e.kind == EntityKind::Person
            && k.split(' ').count() >= 3
            && k.split(' ').next() == Some(surname)
    });
    (hits.next().is_none() && !opens_another).then_some(i)
}

fn attach(entities: &mut [Entity], keys: &mut [String], idx: usize, m: &mut Mention, key: String) {
    if m.name.split_whitespace().count() > entities[idx].name.split_whitespace().count() {
        keys[idx] = key;
    }
    attach_one(entities, idx, m);
}

/// Adds mention `m` to entity `idx` (name, alias, roles, gender, span).
fn attach_one(entities: &mut [Entity], idx: usize, m: &mut Mention) {
    {
        let e = &mut entities[idx];
        if m.name.split_whitespace().count() > e.name.split_whitespace().count() {
            e.name = m.name.clone();
        }
        if !e.aliases.contains(&m.name) {
            e.aliases.push(m.name.clone());
        }
        for r in &m.roles {
            if !e.roles.contains(r) {
                e.roles.push(r.clone());
            }
        }
        if e.gender.is_none() {
            e.gender = m.gender;
        }
        e.mentions.push(m.span);
        m.entity = Some(idx);
    }
}

/// The one person named in full (two or three words) whose first word is `word`
/// (folded), gender permitting; none when two people share that first word or when
/// `word` is also a person's surname.
fn given_name_of(
    entities: &[Entity],
    keys: &[String],
    word: &str,
    g: Option<Gender>,
) -> Option<usize> {
    if word.chars().count() < 3 || !word.chars().all(char::is_alphabetic) {
        return None;
    }
    let person = |i: usize| {
        entities[i].kind == EntityKind::Person
            && !matches!((entities[i].gender, g), (Some(a), Some(b)) if a != b)
    };
    // a person for sure: a gender (given name, honorific), a title, or a surname that
    // is no common word ("Lumex Markets", "Ona Sees Gains" are a firm and a headline)
    let named_person = |i: usize| {
        entities[i].gender.is_some()
            || !entities[i].roles.is_empty()
            || keys[i]
                .rsplit(' ')
                .next()
                .is_some_and(|w| crate::analysis::stories::features::information(w) > 2.0)
    };
    let mut hits = (0..entities.len()).filter(|&i| {
        let n = keys[i].split(' ').count();
        person(i) && (2..=3).contains(&n) && keys[i].split(' ').next() == Some(word)
    });
    let first = hits.next()?;
    if hits.next().is_some()
        || !named_person(first)
        || (0..entities.len()).any(|i| {
            entities[i].kind == EntityKind::Person
                && keys[i].contains(' ')
                && keys[i].rsplit(' ').next() == Some(word)
        })
    {
        return None;
    }
    Some(first)
}

/// The one person whose surname `word` is, cut by one or two trailing letters
/// (at least five letters kept).
fn truncated_surname_of(entities: &[Entity], keys: &[String], word: &str) -> Option<usize> {
    let n = word.chars().count();
    if n < 5 || !word.chars().all(char::is_alphabetic) {
        return None;
    }
    let mut hits = (0..entities.len()).filter(|&i| {
        // a named person (known gender), and not a plural ("Latino"/"Latinos")
        entities[i].kind == EntityKind::Person
            && entities[i].gender.is_some()
            && keys[i].contains(' ')
            && keys[i].rsplit(' ').next().is_some_and(|s| {
                let extra = s.chars().count().saturating_sub(n);
                s.starts_with(word)
                    && (1..=2).contains(&extra)
                    && !matches!(&s[word.len()..], "s" | "es")
            })
    });
    let first = hits.next()?;
    // two people it could be cut from: neither
    let surname = keys[first].rsplit(' ').next();
    if hits.any(|i| keys[i].rsplit(' ').next() != surname) {
        return None;
    }
    Some(first)
}

/// The one organisation of the article whose name `name` starts ("Calder" for
/// "Calder Pharma AG"); none when two bodies start with it.
fn short_name_of(entities: &[Entity], name: &str) -> Option<usize> {
    let short = org_core(name);
    let mut hits = entities
        .iter()
        .enumerate()
        .filter(|(_, e)| e.kind == EntityKind::Organisation && !has_inner_possessive(&e.name))
        .map(|(i, e)| (i, org_core(&e.name)))
        .filter(|(_, core)| org_prefix(&short, core));
    let (i, core) = hits.next()?;
    if hits.any(|(_, c)| c != core) {
        return None;
    }
    Some(i)
}

fn compatible_first(key: &str, words: &[&str]) -> bool {
    let kw: Vec<&str> = key.split(' ').collect();
    if kw.len() < 2 || kw.last() != words.last() {
        return false;
    }
    let (a, b) = (kw[0], words[0]);
    (a.len() == 1 && b.starts_with(a)) || (b.len() == 1 && a.starts_with(b))
}

/// "ecb" is the acronym of "european central bank".
fn acronym_of(short: &str, long: &str) -> bool {
    if short.contains(' ') || short.len() < 2 {
        return false;
    }
    let initials: String = long
        .split(' ')
        .filter(|w| !matches!(*w, "of" | "the" | "and" | "for"))
        .filter_map(|w| w.chars().next())
        .collect();
    initials.len() >= 2 && initials == short
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{Span, TextModel, tokenize};

    fn entities_of(t: &str) -> Vec<Entity> {
        let model = TextModel::new(t);
        let toks = tokenize(t, Span::new(0, t.len()));
        let mut m = find_mentions(t, &toks, &model, &[]);
        cluster(&mut m)
    }

    #[test]
    fn an_and_inside_an_organisation_name_keeps_it_whole() {
        // a head and its "of" before the "and"; a common word before it and a head
        // ending the words after it
        let e = entities_of(
            "Inspectors from the Bureau of Canals and Locks met on Tuesday. The harbour \
             was shut, and later the Dunmere Harbour and Pilotage Board sent two tugs to the lock.",
        );
        let names: Vec<&str> = e.iter().map(|x| x.name.as_str()).collect();
        assert!(names.contains(&"Bureau of Canals and Locks"), "{names:?}");
        assert!(
            names.contains(&"Dunmere Harbour and Pilotage Board"),
            "{names:?}"
        );
        // two bodies, and a person and a body, stay apart
        let e = entities_of(
            "On Friday Skellan Bank and Velby Council signed the loan. Later Maren Holt and \
             Fenwold Council argued about it.",
        );
        let names: Vec<&str> = e.iter().map(|x| x.name.as_str()).collect();
        assert!(
            names.contains(&"Skellan Bank") && names.contains(&"Velby Council"),
            "{names:?}"
        );
        assert!(names.iter().all(|n| !n.contains(" and ")), "{names:?}");
    }

    #[test]
    fn a_surname_opened_by_el_alone_joins_the_full_name() {
        // "el" is a surname particle of the one list in names.rs (entity clustering had
        // its own copy without it)
        let e = entities_of(
            "Rasmir El Haddouchi chairs the board. The vote was close. El Haddouchi left early.",
        );
        let full: Vec<_> = e.iter().filter(|x| x.name.contains("Haddouchi")).collect();
        assert_eq!(full.len(), 1, "{e:?}");
        assert_eq!(full[0].name, "Rasmir El Haddouchi");
    }

    #[test]
    fn a_family_name_that_opens_another_name_is_ambiguous() {
        let e = entities_of(
            "Mei Lin runs the fund. Lin Hao Ran lost his savings. Lin said he would wait.",
        );
        let mei = e.iter().find(|e| e.name == "Mei Lin").expect("Mei Lin");
        assert!(!mei.aliases.contains(&"Lin".to_string()), "{e:?}");
        // an honorific's gender tells them apart
        let e = entities_of(
            "Mei Lin runs the fund. Lin Hao Ran lost his savings. Mr Lin said he would wait. Ms Lin said she would pay.",
        );
        let mei = e.iter().find(|e| e.name == "Mei Lin").expect("Mei Lin");
        let hao = e
            .iter()
            .find(|e| e.name == "Lin Hao Ran")
            .expect("Lin Hao Ran");
        assert_eq!(mei.mentions.len(), 2, "{e:?}");
        assert_eq!(hao.mentions.len(), 2, "{e:?}");
        // with no name that opens with it, the surname joins as usual
        let e = entities_of("Mei Lin runs the fund. Lin said she would wait.");
        let mei = e.iter().find(|e| e.name == "Mei Lin").expect("Mei Lin");
        assert!(mei.aliases.contains(&"Lin".to_string()), "{e:?}");
    }

    #[test]
    fn a_sentence_initial_participle_is_not_part_of_the_name() {
        let e = entities_of("Handing Maria Stone the budget was a risk, aides said.");
        assert!(e.iter().any(|e| e.name == "Maria Stone"), "{e:?}");
    }

    #[test]
    fn a_person_of_a_body_is_two_mentions() {
        let e = entities_of("Analysts agreed. Maria Stone of Orvell Bank called it a fair price.");
        assert!(e.iter().any(|e| e.name == "Maria Stone"), "{e:?}");
        assert!(e.iter().any(|e| e.name == "Orvell Bank"), "{e:?}");
        // a body named "X of Y" stays whole
        let e = entities_of("The Bank of Norland raised its rate.");
        assert!(e.iter().any(|e| e.name == "Bank of Norland"), "{e:?}");
    }

    #[test]
    fn a_title_case_headline_does_not_run_into_the_name() {
        let e = entities_of(
            "Tomas Verhaal Slams Harbour Authority Plan\n\nTomas Verhaal slams the plan of the Harbour Authority.",
        );
        assert!(e.iter().all(|e| !e.name.contains("Slams")), "{e:?}");
        assert!(e.iter().any(|e| e.name == "Tomas Verhaal"));
        // an affiliation, title and name stay one run
        let e =
            entities_of("Steady Rail Workers Political Director Jan Holm spoke; political talk.");
        assert!(e.iter().all(|e| e.name != "Steady Rail Workers"), "{e:?}");
        // an organisation name stays whole even when a word of it is common
        let e = entities_of("The Northern Grain Board said the board would act.");
        assert!(e.iter().any(|e| e.name == "Northern Grain Board"), "{e:?}");
    }

    #[test]
    fn a_lowercase_title_of_the_body_is_no_part_of_the_name() {
        let e = entities_of(
            "The deputy prosecutor-general of the Republic Ana Moura Campos asked for a delay.",
        );
        let z = e
            .iter()
            .find(|e| e.name.ends_with("Campos"))
            .expect("Campos");
        assert_eq!(z.name, "Ana Moura Campos");
        assert_eq!(z.gender, Some(Gender::Female));
        // the given-name lists spell names without accents
        let e = entities_of("The chief inspector of the Republic Chloé Arnaud Petit resigned.");
        let c = e.iter().find(|e| e.name.ends_with("Petit")).expect("Petit");
        assert_eq!(c.name, "Chloé Arnaud Petit");
    }

    #[test]
    fn clusters_full_name_surname_and_title_forms() {
        let e = entities_of(
            "Health Minister Ana Kowalski visited the site. Later, Minister Kowalski met Jan Nowak, the union's general secretary. Kowalski's plan was praised by Nowak.",
        );
        let ana = e
            .iter()
            .find(|e| e.name == "Ana Kowalski")
            .expect("Ana Kowalski");
        assert!(ana.aliases.contains(&"Kowalski".to_string()));
        assert!(ana.roles.iter().any(|r| r.contains("Health Minister")));
        assert_eq!(ana.gender, Some(Gender::Female));
        let jan = e.iter().find(|e| e.name == "Jan Nowak").expect("Jan Nowak");
        assert!(jan.roles.iter().any(|r| r.contains("general secretary")));
        assert_eq!(jan.mentions.len(), 2);
    }

    #[test]
    fn different_first_names_stay_apart() {
        let e = entities_of("Anne Smith met Jane Smith in Paris on Monday.");
        let people: Vec<_> = e.iter().filter(|e| e.kind == EntityKind::Person).collect();
        assert_eq!(people.len(), 2);
    }

    #[test]
    fn an_organisation_joins_its_legal_form_and_unambiguous_short_name() {
        let e = entities_of(
            "Ostrava Cables AG recalled the wire on Monday. Ostrava Cables apologised. Ostrava Cables said the fault was rare. Ostrava said it would pay.",
        );
        let orgs: Vec<_> = e
            .iter()
            .filter(|e| e.kind == EntityKind::Organisation)
            .collect();
        assert_eq!(orgs.len(), 1, "{e:?}");
        assert!(e.iter().all(|x| x.name != "Ostrava"), "{e:?}");
    }

    #[test]
    fn a_short_name_of_two_bodies_or_a_person_stays_apart() {
        let e = entities_of(
            "Ostrava Cables AG and Ostrava Freight Ltd signed the deal. Ostrava said it would pay.",
        );
        assert!(
            e.iter()
                .filter(|x| x.name.starts_with("Ostrava "))
                .all(|x| !x.aliases.iter().any(|a| a == "Ostrava")),
            "{e:?}"
        );
        let e =
            entities_of("Halden Pumps AG hired Vera Halden in May. Halden said she would stay.");
        let pumps = e
            .iter()
            .find(|x| x.name.starts_with("Halden Pumps"))
            .expect("org");
        assert!(!pumps.aliases.iter().any(|a| a == "Halden"), "{e:?}");
    }

    #[test]
    fn a_bare_given_name_joins_the_one_person_it_opens() {
        let e = entities_of(
            "Minister Tomas Wirandi visited the port. Later, Tomas said the port would reopen.",
        );
        let t = e
            .iter()
            .find(|e| e.name == "Tomas Wirandi")
            .expect("Tomas Wirandi");
        assert_eq!(t.mentions.len(), 2, "{e:?}");
        // two people with that given name: neither
        let e = entities_of(
            "Tomas Wirandi and Tomas Nwankwo met. Later, Tomas said the port would reopen.",
        );
        assert!(e.iter().all(|e| e.mentions.len() == 1), "{e:?}");
        // a word that is also someone's surname stays with the surname rule
        // a firm's short name is not a given name
        let e = entities_of("Trades went to Lumex Markets. Later, Lumex said it was solvent.");
        assert!(e.iter().all(|e| e.mentions.len() == 1), "{e:?}");
        let e = entities_of("Ellis Brandt met Noor Ellis. Ellis said the port would reopen.");
        let n = e
            .iter()
            .find(|e| e.name == "Noor Ellis")
            .expect("Noor Ellis");
        assert_eq!(n.mentions.len(), 2, "{e:?}");
    }

    #[test]
    fn a_titled_surname_goes_to_the_namesake_with_that_title() {
        let t = "Governor Pim Harlan spoke. His wife, Wenna Harlan, waved. \
                 President Harlan praised him. Governor Harlan thanked him.";
        let e = entities_of(t);
        let jeb = e
            .iter()
            .find(|e| e.name == "Pim Harlan")
            .expect("Pim Harlan");
        let wenna = e
            .iter()
            .find(|e| e.name == "Wenna Harlan")
            .expect("Wenna Harlan");
        assert_eq!(jeb.mentions.len(), 2, "{e:?}");
        assert_eq!(wenna.mentions.len(), 1, "{e:?}");
        assert!(e.iter().any(|e| e.name == "Harlan"), "{e:?}");
        // a misread appositive is no title
        let t = "Harbour master Ingrid Vermeul spoke. The union man Marc Vermeul was angry. \
                 According to Vermeul, the crane driver had left.";
        let e = entities_of(t);
        assert!(e.iter().all(|e| e.name != "Vermeul"), "{e:?}");
    }

    #[test]
    fn a_plural_sector_word_ends_a_company_name() {
        let e = entities_of("Yesterday Brannock Data Centres restored power.");
        let c = e
            .iter()
            .find(|e| e.name == "Brannock Data Centres")
            .expect("Brannock Data Centres");
        assert_eq!(c.kind, EntityKind::Organisation, "{e:?}");
    }

    #[test]
    fn a_surname_of_several_words_alone_names_the_person() {
        let e =
            entities_of("Inspector Joris Van Damsel arrived. Later, Van Damsel said it was over.");
        let p = e
            .iter()
            .find(|e| e.name == "Joris Van Damsel")
            .expect("Joris Van Damsel");
        assert_eq!(p.mentions.len(), 2, "{e:?}");
        let e = entities_of("Mayor Lucía Fernández-Rivas arrived. Later, Fernández-Rivas said no.");
        let p = e
            .iter()
            .find(|e| e.name == "Lucía Fernández-Rivas")
            .expect("Lucía Fernández-Rivas");
        assert_eq!(p.mentions.len(), 2, "{e:?}");
    }

    #[test]
    fn the_first_of_two_surnames_names_the_person() {
        let e = entities_of(
            "Chief executive Lucia Barroso Montoya spoke first. Later, Barroso said the plant would stay.",
        );
        let l = e
            .iter()
            .find(|e| e.name == "Lucia Barroso Montoya")
            .expect("Lucia Barroso Montoya");
        assert_eq!(l.mentions.len(), 2, "{e:?}");
        // a headline run into a name is no second surname
        let e = entities_of(
            "Lucia Barroso Describes Plan\n\nLater, Barroso said the plant would stay.",
        );
        assert!(e.iter().all(|e| e.mentions.len() == 1), "{e:?}");
        // a word that opens another person's name is not taken as her surname
        let e = entities_of(
            "Lucia Barroso Montoya met Barroso Oduya. Later, Barroso said the plant would stay.",
        );
        let l = e
            .iter()
            .find(|e| e.name == "Lucia Barroso Montoya")
            .expect("Lucia Barroso Montoya");
        assert_eq!(l.mentions.len(), 1, "{e:?}");
    }

    #[test]
    fn a_bare_surname_shared_by_two_goes_to_the_main_person() {
        let t = "Senator Ruth Okonjo spoke first. Okonjo said the bill was fair. Okonjo \
                 said it twice. Okonjo then left. Her husband, Dan Okonjo, waved. Okonjo said \
                 the vote was close.";
        let e = entities_of(t);
        let ruth = e
            .iter()
            .find(|e| e.name == "Ruth Okonjo")
            .expect("Ruth Okonjo");
        let dan = e
            .iter()
            .find(|e| e.name == "Dan Okonjo")
            .expect("Dan Okonjo");
        assert_eq!(ruth.mentions.len(), 5, "{e:?}");
        assert_eq!(dan.mentions.len(), 1, "{e:?}");
        // without a clear main person the latest one is meant
        let e = entities_of("Ruth Okonjo spoke. Her husband, Dan Okonjo, waved. Okonjo said no.");
        let dan = e
            .iter()
            .find(|e| e.name == "Dan Okonjo")
            .expect("Dan Okonjo");
        assert_eq!(dan.mentions.len(), 2, "{e:?}");
    }

    #[test]
    fn an_affiliation_or_portfolio_before_the_name_is_no_part_of_it() {
        let e = entities_of("Yesterday Republican Maria Holt voted no.");
        assert!(e.iter().any(|e| e.name == "Maria Holt"), "{e:?}");
        let e = entities_of("Yesterday the Secretary of Harbour Security Pim Tandry spoke.");
        assert!(e.iter().any(|e| e.name == "Pim Tandry"), "{e:?}");
        let e = entities_of("He was cheered, said Air Force 1st Lt. Mara Holt on Monday.");
        let m = e.iter().find(|e| e.name == "Mara Holt").expect("Mara Holt");
        assert!(m.roles.iter().any(|r| r.contains("Lt")), "{e:?}");
        // a body named after a person stays whole
        let e = entities_of("Yesterday the Saint Mary Hospital said it was full.");
        assert!(e.iter().any(|e| e.name.ends_with("Hospital")), "{e:?}");
    }

    #[test]
    fn a_common_word_opening_a_sentence_is_no_name() {
        let e =
            entities_of("Moreover, as part of the deal, Tandry signed it. Minutes later, he left.");
        assert!(
            e.iter()
                .all(|e| e.name != "Moreover" && e.name != "Minutes"),
            "{e:?}"
        );
        // a surname that is a common word is still a name when the text says so
        let t = "Young said the deal was fair. Later, Young, 45, signed it.";
        let model = TextModel::new(t);
        let toks = tokenize(t, Span::new(0, t.len()));
        let m = find_mentions(t, &toks, &model, &[]);
        assert_eq!(m.iter().filter(|m| m.name == "Young").count(), 2, "{m:?}");
    }

    #[test]
    fn a_truncated_surname_joins_the_one_person_it_starts() {
        let e = entities_of(
            "Health Minister Anna Dravecka visited the mine on Monday. Later Dravec said the shaft was safe.",
        );
        let ivona = e
            .iter()
            .find(|x| x.name == "Anna Dravecka")
            .expect("person");
        assert!(ivona.aliases.iter().any(|a| a == "Dravec"), "{e:?}");
        // too short, or two people it could be cut from: apart
        let e = entities_of("Ivona Drave met Petr Draveck. Later Drav said the shaft was safe.");
        assert!(
            e.iter().all(|x| !x.aliases.iter().any(|a| a == "Drav")),
            "{e:?}"
        );
        let e = entities_of(
            "Anna Dravecka met Petr Dravecko on Monday. Later Dravec said the shaft was safe.",
        );
        assert!(
            e.iter().all(|x| !x.aliases.iter().any(|a| a == "Dravec")),
            "{e:?}"
        );
    }

    #[test]
    fn organisations_are_found() {
        let e = entities_of("The Ministry of Health said the Vltava Basin Authority acted.");
        assert!(
            e.iter()
                .any(|e| e.kind == EntityKind::Organisation && e.name == "Vltava Basin Authority")
        );
    }
}

//! Light person-name detection for facts: capitalised runs of two or more words that are
//! not titles, places of the calendar or organisation words, and bare surnames of people
//! already named in the article. (The quotes stage gives better entities when it has them.)

use super::tokens::{Token, month, weekday};
use crate::analysis::entities::{Entity, EntityKind};
use crate::analysis::lexicon;
use crate::analysis::names::fold;
use once_cell::sync::Lazy;

/// A person named in a sentence: token range (inclusive) and the full name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    pub first: usize,
    pub last: usize,
    pub name: String,
}

/// Identity key of a person's name across articles (folded full name).
pub fn person_key(name: &str) -> String {
    // "aa" is how "å" is written without the letter (Vågen / Vaagen)
    let folded = fold(name).replace("aa", "a");
    // a surname particle is written apart or joined ("Van Aken" / "Vanaken"): the key
    // joins it to the word after it (a first word is a given name, never a particle)
    let words: Vec<&str> = folded.split(' ').collect();
    let mut key = String::with_capacity(folded.len());
    for (i, w) in words.iter().enumerate() {
        let joined = i > 1 && crate::analysis::names::is_particle(words[i - 1]);
        if i > 0 && !joined {
            key.push(' ');
        }
        key.push_str(w);
    }
    key
}

/// Words that break a capitalised run taken for a name (name_breaks.txt).
static NAME_BREAKS: Lazy<std::collections::HashSet<&'static str>> = Lazy::new(|| {
    lexicon::entries(include_str!(
        "../../../assets/lexicon/facts/name_breaks.txt"
    ))
    .collect()
});

fn breaks_run(t: &Token) -> bool {
    let l = t.lower.trim_end_matches("'s");
    weekday(l).is_some()
        || month(l).is_some()
        || super::roles::is_title_word(l)
        || NAME_BREAKS.contains(l)
}

/// A name's head word that names a place, a body or an outlet (nonperson_heads.txt).
fn is_org_word(l: &str) -> bool {
    lexicon::NONPERSON_HEADS.contains(l)
}

fn is_name_token(t: &Token) -> bool {
    t.is_word()
        && t.is_capitalized()
        && !t.is_number()
        && t.text.chars().skip(1).any(char::is_lowercase)
        && !breaks_run(t)
}

fn clean<'a>(t: &Token<'a>) -> &'a str {
    t.text
        .strip_suffix("'s")
        .or_else(|| t.text.strip_suffix("\u{2019}s"))
        .unwrap_or(t.text)
}

/// Full names known in one article (for resolving bare surnames).
#[derive(Default, Debug)]
pub struct Roster {
    names: Vec<String>,
    /// Folded last word of each name, computed once (surname look-ups are hot).
    surnames: Vec<String>,
}

impl Roster {
    pub fn from_entities(entities: &[Entity]) -> Roster {
        let mut r = Roster::default();
        for e in entities {
            if e.kind == EntityKind::Person && e.name.split_whitespace().count() >= 2 {
                r.add(&e.name);
            }
        }
        r
    }

    pub fn add(&mut self, name: &str) {
        if !self.names.iter().any(|n| n == name) {
            self.names.push(name.to_string());
            self.surnames
                .push(name.split_whitespace().last().map(fold).unwrap_or_default());
        }
    }

    /// The one full name whose last word is `surname` (folded), if exactly one.
    pub fn by_surname(&self, surname: &str) -> Option<&str> {
        let k = fold(surname);
        let mut hits = self
            .names
            .iter()
            .zip(&self.surnames)
            .filter(|(_, s)| **s == k);
        let (first, _) = hits.next()?;
        hits.next().is_none().then_some(first.as_str())
    }
}

/// Person mentions of one sentence's tokens; new full names are added to `roster`.
pub fn mentions(tokens: &[Token], roster: &mut Roster) -> Vec<Mention> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if !is_name_token(&tokens[i]) {
            i += 1;
            continue;
        }
        let start = i;
        let mut j = i;
        while j + 1 < tokens.len()
            && is_name_token(&tokens[j + 1])
            && !tokens[j].lower.ends_with("'s")
        {
            j += 1;
        }
        let run = &tokens[start..=j];
        if run.len() >= 2 {
            // the last two words, or three when the middle one is a surname particle
            // ("Anna van Aken")
            let first = if run.len() < 3 {
                start
            } else if crate::analysis::names::is_particle(tokens[j - 1].lower) {
                j - 2
            } else {
                j - 1
            };
            let words: Vec<&str> = tokens[first..=j].iter().map(clean).collect();
            let last_lower = clean(&tokens[j]).to_lowercase();
            if !is_org_word(&last_lower) && !is_org_word(&words[0].to_lowercase()) {
                let name = words.join(" ");
                roster.add(&name);
                out.push(Mention {
                    first,
                    last: j,
                    name,
                });
            }
        } else if let Some(full) = roster.by_surname(clean(&tokens[start])) {
            out.push(Mention {
                first: start,
                last: start,
                name: full.to_string(),
            });
        }
        i = j + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Span;

    fn names(text: &str) -> Vec<String> {
        let toks = super::super::tokens::tokenize(text, Span::new(0, text.len()));
        mentions(&toks, &mut Roster::default())
            .into_iter()
            .map(|m| m.name)
            .collect()
    }

    #[test]
    fn a_surname_particle_is_part_of_the_name_and_of_its_key() {
        assert_eq!(
            names("Rescuers met Anna Van Aken at dawn."),
            vec!["Anna Van Aken"]
        );
        assert_eq!(person_key("Anna Van Aken"), person_key("Anna Vanaken"));
        assert_ne!(person_key("Anna Van Aken"), person_key("Anna Aken"));
    }

    #[test]
    fn a_name_ending_in_a_place_or_body_word_is_not_a_person() {
        assert_eq!(
            names("Rescuers reached Brackmoor Mine at dawn."),
            Vec::<String>::new()
        );
        assert_eq!(
            names("The Halvard Council met at dawn."),
            Vec::<String>::new()
        );
        assert_eq!(
            names("Rescuers met Ingrid Brackmoor at dawn."),
            vec!["Ingrid Brackmoor"]
        );
    }
}

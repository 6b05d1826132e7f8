//! Word lists shipped as data files under `assets/lexicon/` and compiled into the binary
//! (nothing is read at run time). One entry per line, `#` starts a comment.

use once_cell::sync::Lazy;
use rustc_hash::FxHashMap;

/// Lines of a lexicon file: trimmed, without blanks and comments.
pub fn entries(data: &'static str) -> impl Iterator<Item = &'static str> {
    data.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// Lexicon entries with a value each, looked up case-insensitively (entries are
/// lowercased when loaded).
struct Table<V> {
    words: FxHashMap<String, V>,
    longest: usize,
    /// Bit `n` set when some entry is `n` bytes long (`n` < 64): a cheap first filter.
    lengths: u64,
    /// Bit `b` set when some entry starts with ASCII byte `b`: a second one (most
    /// look-ups are misses).
    firsts: u128,
}

impl<V> Table<V> {
    fn from_entries(words: FxHashMap<String, V>) -> Self {
        let longest = words.keys().map(|w| w.len()).max().unwrap_or(0);
        let lengths = words
            .keys()
            .filter(|w| w.len() < 64)
            .fold(0u64, |m, w| m | (1 << w.len()));
        let firsts = words
            .keys()
            .filter_map(|w| w.bytes().next().filter(u8::is_ascii))
            .fold(0u128, |m, b| m | (1 << b));
        Table {
            words,
            longest,
            lengths,
            firsts,
        }
    }

    /// The value of `word` (any case, possessive `'s` ignored).
    fn get(&self, word: &str) -> Option<&V> {
        let w = strip_possessive(word);
        if w.is_ascii() {
            // lowercasing keeps an ASCII word's length and first letter
            let n = w.len();
            let too_long = n > self.longest;
            if too_long || (n < 64 && (self.lengths >> n) & 1 == 0) {
                return None;
            }
            let first = w.as_bytes().first().map_or(0, u8::to_ascii_lowercase);
            if (self.firsts >> first) & 1 == 0 {
                return None;
            }
            if !w.bytes().any(|b| b.is_ascii_uppercase()) {
                return self.words.get(w);
            }
            // lowercase on the stack
            let mut buf = [0u8; 64];
            if w.len() <= buf.len() {
                for (d, s) in buf.iter_mut().zip(w.bytes()) {
                    *d = s.to_ascii_lowercase();
                }
                return std::str::from_utf8(&buf[..w.len()])
                    .ok()
                    .and_then(|s| self.words.get(s));
            }
        }
        self.words.get(&w.to_lowercase())
    }
}

/// A set of lexicon entries, looked up case-insensitively (entries are lowercase,
/// except the given-name lists, which are kept as written and also lowercased).
pub struct WordSet(Table<()>);

impl WordSet {
    pub(crate) fn from(data: &'static str) -> Self {
        WordSet(Table::from_entries(
            entries(data).map(|w| (w.to_lowercase(), ())).collect(),
        ))
    }

    /// Whether `word` (any case, possessive `'s` ignored) is in the set.
    pub fn contains(&self, word: &str) -> bool {
        self.0.get(word).is_some()
    }
}

/// Whether a word is a function word (`stopwords.txt`) and whether it is a negation
/// word (`negations.txt`), in one look-up: the same answers as [`STOPWORDS`] and
/// [`NEGATIONS`], asked for every token of every article.
pub fn stop_negation(word: &str) -> (bool, bool) {
    static TABLE: Lazy<Table<u8>> = Lazy::new(|| {
        let mut m: FxHashMap<String, u8> = FxHashMap::default();
        for w in entries(include_str!("../../assets/lexicon/stopwords.txt")) {
            *m.entry(w.to_lowercase()).or_insert(0) |= 1;
        }
        for w in entries(include_str!("../../assets/lexicon/negations.txt")) {
            *m.entry(w.to_lowercase()).or_insert(0) |= 2;
        }
        Table::from_entries(m)
    });
    let f = TABLE.get(word).copied().unwrap_or(0);
    (f & 1 != 0, f & 2 != 0)
}

/// Speech-verb flags of a lowercase word in one look-up: bit 0 a cue verb
/// ([`CUE_VERBS`]), bit 1 a verb taking a reported clause ([`REPORTING_VERBS`]).
pub fn verb_flags(word: &str) -> u8 {
    static TABLE: Lazy<FxHashMap<&'static str, u8>> = Lazy::new(|| {
        let mut m = FxHashMap::default();
        for w in entries(include_str!("../../assets/lexicon/cue_verbs.txt")) {
            *m.entry(w).or_insert(0) |= 1;
        }
        for w in entries(include_str!("../../assets/lexicon/reporting_verbs.txt")) {
            *m.entry(w).or_insert(0) |= 2;
        }
        m
    });
    if !(2..=14).contains(&word.len()) {
        return 0;
    }
    TABLE.get(word).copied().unwrap_or(0)
}

/// `union's` -> `union`, `Jones’` -> `Jones`.
pub fn strip_possessive(w: &str) -> &str {
    // the last byte first (this runs for every look-up): only an `s`, an apostrophe
    // or a continuation byte (`’` ends in 0x99) can end a possessive
    if !matches!(w.as_bytes().last(), Some(b's' | b'\'' | 0x99)) || !w.ends_with(['s', '\'', '’'])
    {
        return w;
    }
    for suffix in ["'s", "’s", "'", "’"] {
        if let Some(s) = w.strip_suffix(suffix)
            && !s.is_empty()
        {
            return s;
        }
    }
    w
}

/// Abbreviations whose period does not end a sentence, and those of them that often do end one.
pub static ABBREVIATIONS: Lazy<WordSet> =
    Lazy::new(|| WordSet::from(include_str!("../../assets/lexicon/abbreviations.txt")));
pub static SENTENCE_FINAL_ABBREVIATIONS: Lazy<WordSet> = Lazy::new(|| {
    WordSet::from(include_str!(
        "../../assets/lexicon/abbreviations_sentence_final.txt"
    ))
});
pub static CUE_VERBS: Lazy<WordSet> =
    Lazy::new(|| WordSet::from(include_str!("../../assets/lexicon/cue_verbs.txt")));
pub static CUE_PHRASES: Lazy<Vec<Vec<&'static str>>> = Lazy::new(|| {
    entries(include_str!("../../assets/lexicon/cue_phrases.txt"))
        .map(|l| l.split_whitespace().collect())
        .collect()
});
/// Phrases that state a figure as the new value of a changing count ("up from", "has
/// risen to"): such a figure is a running tally.
pub static CHANGE_PHRASES: Lazy<Vec<Vec<&'static str>>> = Lazy::new(|| {
    entries(include_str!("../../assets/lexicon/facts/changes.txt"))
        .map(|l| l.split_whitespace().collect())
        .collect()
});
/// Nouns that name an amount or its change ("a cut of 600 posts"): a figure after them
/// is the story's count, not a description of the noun.
pub static AMOUNT_HEADS: Lazy<WordSet> =
    Lazy::new(|| WordSet::from(include_str!("../../assets/lexicon/facts/amount_heads.txt")));
pub static TITLES: Lazy<WordSet> =
    Lazy::new(|| WordSet::from(include_str!("../../assets/lexicon/titles.txt")));
pub static ROLE_COMPLEMENTS: Lazy<WordSet> =
    Lazy::new(|| WordSet::from(include_str!("../../assets/lexicon/role_complements.txt")));
pub static NAME_TITLE_WORDS: Lazy<WordSet> =
    Lazy::new(|| WordSet::from(include_str!("../../assets/lexicon/name_title_words.txt")));
pub static ORG_HEADS: Lazy<WordSet> =
    Lazy::new(|| WordSet::from(include_str!("../../assets/lexicon/org_heads.txt")));
pub static FEMALE_NAMES: Lazy<WordSet> =
    Lazy::new(|| WordSet::from(include_str!("../../assets/lexicon/given_names_female.txt")));
pub static MALE_NAMES: Lazy<WordSet> =
    Lazy::new(|| WordSet::from(include_str!("../../assets/lexicon/given_names_male.txt")));
pub static STOP_CAPS: Lazy<WordSet> =
    Lazy::new(|| WordSet::from(include_str!("../../assets/lexicon/stop_caps.txt")));
pub static NOMINAL_HEADS: Lazy<WordSet> =
    Lazy::new(|| WordSet::from(include_str!("../../assets/lexicon/nominal_heads.txt")));
pub static REPORTING_VERBS: Lazy<WordSet> =
    Lazy::new(|| WordSet::from(include_str!("../../assets/lexicon/reporting_verbs.txt")));
/// Words that describe a person without naming them: parties, nationalities, occupations
/// (with `TITLES`), and the words of place names.
pub static ROLE_DESCRIPTORS: Lazy<WordSet> =
    Lazy::new(|| WordSet::from(include_str!("../../assets/lexicon/role_descriptors.txt")));
pub static PLACE_WORDS: Lazy<WordSet> =
    Lazy::new(|| WordSet::from(include_str!("../../assets/lexicon/place_words.txt")));
/// Nouns of someone speaking for a body ("spokeswoman", "representative").
pub static SPEAKING_FOR: Lazy<WordSet> =
    Lazy::new(|| WordSet::from(include_str!("../../assets/lexicon/speaking_for.txt")));
/// Verbs of opinion a negation may rise out of unchanged in meaning ("I don't
/// suppose the gate was shut" / "I suppose it wasn't shut"): quotation wordings.
pub static NEG_RAISING_VERBS: Lazy<WordSet> = Lazy::new(|| {
    WordSet::from(include_str!(
        "../../assets/lexicon/conflicts/neg_raising_verbs.txt"
    ))
});
/// Prepositions of place and of an object: a name after one is no cue-less speaker.
pub static PLACE_PREPOSITIONS: Lazy<WordSet> =
    Lazy::new(|| WordSet::from(include_str!("../../assets/lexicon/place_prepositions.txt")));
pub static OBJECT_PREPOSITIONS: Lazy<WordSet> =
    Lazy::new(|| WordSet::from(include_str!("../../assets/lexicon/object_prepositions.txt")));
/// Nouns for something said ("claim", "promise"): quoted words in their clause are
/// the words of whoever the noun's possessive names.
pub static SPEECH_NOUNS: Lazy<WordSet> =
    Lazy::new(|| WordSet::from(include_str!("../../assets/lexicon/speech_nouns.txt")));
/// Words opening a fronted adverbial clause ("When told ..., X said").
pub static FRONTED_OPENERS: Lazy<WordSet> =
    Lazy::new(|| WordSet::from(include_str!("../../assets/lexicon/fronted_openers.txt")));
pub static SCARE_CUES: Lazy<WordSet> =
    Lazy::new(|| WordSet::from(include_str!("../../assets/lexicon/scare_cues.txt")));
/// Words opening a new clause (conjunctions, relatives): what follows them belongs to
/// another event than the one before.
pub static CLAUSE_LINKS: Lazy<WordSet> =
    Lazy::new(|| WordSet::from(include_str!("../../assets/lexicon/facts/clause_links.txt")));
pub static BARE_CLAUSE_VERBS: Lazy<WordSet> =
    Lazy::new(|| WordSet::from(include_str!("../../assets/lexicon/bare_clause_verbs.txt")));
pub static ADJUNCT_PREPOSITIONS: Lazy<WordSet> = Lazy::new(|| {
    WordSet::from(include_str!(
        "../../assets/lexicon/adjunct_prepositions.txt"
    ))
});
pub static LISTENER_VERBS: Lazy<WordSet> =
    Lazy::new(|| WordSet::from(include_str!("../../assets/lexicon/listener_verbs.txt")));
pub static CLAUSE_NON_OPENERS: Lazy<WordSet> =
    Lazy::new(|| WordSet::from(include_str!("../../assets/lexicon/clause_non_openers.txt")));
pub static CLAUSE_OPENERS: Lazy<WordSet> =
    Lazy::new(|| WordSet::from(include_str!("../../assets/lexicon/clause_openers.txt")));
pub static ATTRIBUTION_BREAKS: Lazy<WordSet> =
    Lazy::new(|| WordSet::from(include_str!("../../assets/lexicon/attribution_breaks.txt")));
pub static ADDED_PHRASE_OPENERS: Lazy<WordSet> = Lazy::new(|| {
    WordSet::from(include_str!(
        "../../assets/lexicon/added_phrase_openers.txt"
    ))
});
pub static NOUN_DETERMINERS: Lazy<WordSet> =
    Lazy::new(|| WordSet::from(include_str!("../../assets/lexicon/noun_determiners.txt")));
/// Phrases that lead a number ("at least", "about"), as lists of lowercase words.
pub static QUANTITY_LEADS: Lazy<Vec<Vec<&'static str>>> = Lazy::new(|| {
    entries(include_str!("../../assets/lexicon/quantity_leads.txt"))
        .map(|l| l.split_whitespace().collect())
        .collect()
});
pub static ACCORDING_NON_SOURCES: Lazy<WordSet> = Lazy::new(|| {
    WordSet::from(include_str!(
        "../../assets/lexicon/according_non_sources.txt"
    ))
});
pub static SUBJECT_PRONOUNS: Lazy<WordSet> =
    Lazy::new(|| WordSet::from(include_str!("../../assets/lexicon/subject_pronouns.txt")));
pub static QUESTION_OPENERS: Lazy<WordSet> =
    Lazy::new(|| WordSet::from(include_str!("../../assets/lexicon/question_openers.txt")));
pub static ADJUNCT_OPENERS: Lazy<WordSet> =
    Lazy::new(|| WordSet::from(include_str!("../../assets/lexicon/adjunct_openers.txt")));
pub static RELATIVE_PRONOUNS: Lazy<WordSet> =
    Lazy::new(|| WordSet::from(include_str!("../../assets/lexicon/relative_pronouns.txt")));
pub static BE_FORMS: Lazy<WordSet> =
    Lazy::new(|| WordSet::from(include_str!("../../assets/lexicon/be_forms.txt")));
pub static MODAL_VERBS: Lazy<WordSet> =
    Lazy::new(|| WordSet::from(include_str!("../../assets/lexicon/modal_verbs.txt")));
pub static PERCEPTION_PARTICIPLES: Lazy<WordSet> = Lazy::new(|| {
    WordSet::from(include_str!(
        "../../assets/lexicon/perception_participles.txt"
    ))
});
pub static SUBJECT_DETERMINERS: Lazy<WordSet> =
    Lazy::new(|| WordSet::from(include_str!("../../assets/lexicon/subject_determiners.txt")));
pub static HEAD_COMPLEMENTS: Lazy<WordSet> =
    Lazy::new(|| WordSet::from(include_str!("../../assets/lexicon/head_complements.txt")));
pub static ARTICLES: Lazy<WordSet> =
    Lazy::new(|| WordSet::from(include_str!("../../assets/lexicon/articles.txt")));
pub static WARNING_VERBS: Lazy<WordSet> =
    Lazy::new(|| WordSet::from(include_str!("../../assets/lexicon/warning_verbs.txt")));
/// `descriptor -> name words` of `org_descriptors.txt` (see that file).
pub static ORG_DESCRIPTORS: Lazy<std::collections::HashMap<&'static str, Vec<&'static str>>> =
    Lazy::new(|| {
        entries(include_str!("../../assets/lexicon/org_descriptors.txt"))
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim(), v.split_whitespace().collect()))
            .collect()
    });
/// Verbs that make a figure one party's share of a whole ("won 14 seats").
pub static SHARE_VERBS: Lazy<WordSet> =
    Lazy::new(|| WordSet::from(include_str!("../../assets/lexicon/facts/shares.txt")));

/// Function words that carry no content for matching facts.
/// Section labels and page furniture of headlines (story labels), one word or a phrase
/// a line.
pub static HEADLINE_FURNITURE: Lazy<Vec<Vec<&'static str>>> = Lazy::new(|| {
    entries(include_str!("../../assets/lexicon/headline_furniture.txt"))
        .map(|l| l.split_whitespace().collect())
        .collect()
});
pub static STOPWORDS: Lazy<WordSet> =
    Lazy::new(|| WordSet::from(include_str!("../../assets/lexicon/stopwords.txt")));
/// Negation words ("not", "never"); words ending in "n't" are negations too.
pub static NEGATIONS: Lazy<WordSet> =
    Lazy::new(|| WordSet::from(include_str!("../../assets/lexicon/negations.txt")));

/// Words that keep a sentence from asserting what it says (conditionals, modals, denials,
/// refusals, likelihoods).
pub static UNASSERTED: Lazy<WordSet> =
    Lazy::new(|| WordSet::from(include_str!("../../assets/lexicon/facts/unasserted.txt")));

/// Verbs that deny their object's event to the subject ("escaped a fine").
pub static PRIVATIVE: Lazy<WordSet> =
    Lazy::new(|| WordSet::from(include_str!("../../assets/lexicon/facts/privative.txt")));

/// Words that make the sum before them one component of a larger one ("€30m upfront").
pub static COMPONENTS: Lazy<WordSet> =
    Lazy::new(|| WordSet::from(include_str!("../../assets/lexicon/facts/components.txt")));

/// Last words of capitalised names that name a place, a body or an outlet, never a person.
pub static NONPERSON_HEADS: Lazy<WordSet> = Lazy::new(|| {
    WordSet::from(include_str!(
        "../../assets/lexicon/facts/nonperson_heads.txt"
    ))
});

/// Nouns an event word before them modifies ("a strike fund"): the phrase is no event.
pub static COMPOUND_HEADS: Lazy<WordSet> = Lazy::new(|| {
    WordSet::from(include_str!(
        "../../assets/lexicon/facts/compound_heads.txt"
    ))
});

/// Nouns of documents and messages: a source a quote may be given to, but no speaker
/// of the who-said-what list.
pub static DOCUMENT_NOUNS: Lazy<WordSet> =
    Lazy::new(|| WordSet::from(include_str!("../../assets/lexicon/document_nouns.txt")));

/// Legal-form suffixes of company names ("AG", "plc", "S.A."), folded, without dots.
pub static LEGAL_SUFFIXES: Lazy<WordSet> =
    Lazy::new(|| WordSet::from(include_str!("../../assets/lexicon/legal_suffixes.txt")));

/// Month names and abbreviations with their number (`months.txt`), the longest name
/// and, per first letter, a mask of second letters: the date finders ask for every
/// token, and most are rejected without hashing.
struct Months {
    map: FxHashMap<&'static str, u32>,
    longest: usize,
    pairs: [u32; 26],
}

static MONTHS: Lazy<Months> = Lazy::new(|| {
    let map: FxHashMap<&'static str, u32> =
        entries(include_str!("../../assets/lexicon/months.txt"))
            .filter_map(|l| {
                let (w, n) = l.split_once(' ')?;
                Some((w, n.trim().parse().ok()?))
            })
            .collect();
    let longest = map.keys().map(|w| w.len()).max().unwrap_or(0);
    let mut pairs = [0u32; 26];
    for w in map.keys() {
        let (a, b) = letter_pair(w).expect("month names open with two ASCII letters");
        pairs[a] |= 1 << b;
    }
    Months {
        map,
        longest,
        pairs,
    }
});

/// Alphabet positions of the first two letters of `w` (any case), if ASCII letters.
fn letter_pair(w: &str) -> Option<(usize, usize)> {
    let b = w.as_bytes();
    let (a, c) = (b.first()?, b.get(1)?);
    (a.is_ascii_alphabetic() && c.is_ascii_alphabetic()).then(|| {
        (
            usize::from(a.to_ascii_lowercase() - b'a'),
            usize::from(c.to_ascii_lowercase() - b'a'),
        )
    })
}

/// The number of the month a word names ("June", "jun", "Sept."), case-insensitive.
/// Called for every token by the date finders: no allocation for ASCII words.
pub fn month_number(word: &str) -> Option<u32> {
    let Months {
        map,
        longest,
        pairs,
    } = &*MONTHS;
    let w = word.trim_end_matches('.');
    if !w.is_ascii() {
        return map.get(w.to_lowercase().as_str()).copied();
    }
    // every name opens with two letters (checked when the table is built)
    let (a, b) = letter_pair(w)?;
    if w.len() > *longest || (pairs[a] >> b) & 1 == 0 {
        return None;
    }
    let mut buf = [0u8; 32];
    let buf = buf.get_mut(..w.len())?;
    for (d, s) in buf.iter_mut().zip(w.bytes()) {
        *d = s.to_ascii_lowercase();
    }
    map.get(std::str::from_utf8(buf).ok()?).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicons_load_and_match_case_insensitively() {
        assert!(CUE_VERBS.contains("said"));
        assert!(CUE_VERBS.contains("Told"));
        assert!(TITLES.contains("Minister"));
        assert!(ORG_HEADS.contains("ministry's"));
        assert!(FEMALE_NAMES.contains("Anna"));
        assert!(MALE_NAMES.contains("Tomáš"));
        assert!(!CUE_VERBS.contains("table"));
        // a first letter outside ASCII passes the first-letter filter
        assert!(FEMALE_NAMES.contains("ÉLODIE") && FEMALE_NAMES.contains("élodie"));
        assert!(!FEMALE_NAMES.contains("Elodie"));
    }

    #[test]
    fn one_look_up_answers_as_the_stopword_and_negation_sets() {
        for w in [
            "the",
            "The",
            "not",
            "never",
            "it's",
            "nobody",
            "harbour",
            "Quillan's",
            "",
        ] {
            assert_eq!(
                stop_negation(w),
                (STOPWORDS.contains(w), NEGATIONS.contains(w)),
                "{w}"
            );
        }
        assert_eq!(stop_negation("the"), (true, false));
        assert_eq!(stop_negation("Never"), (true, true));
        assert_eq!(stop_negation("Without"), (false, true));
        assert_eq!(stop_negation("harbour"), (false, false));
    }

    #[test]
    fn month_numbers_any_case_with_a_trailing_dot() {
        assert_eq!(month_number("Sept."), Some(9));
        assert_eq!(month_number("JUNE"), Some(6));
        assert_eq!(month_number("dec"), Some(12));
        assert_eq!(month_number("Junes"), None);
        assert_eq!(month_number("Décembre"), None);
        assert_eq!(month_number(&"x".repeat(100)), None);
        assert_eq!(month_number(""), None);
    }
}

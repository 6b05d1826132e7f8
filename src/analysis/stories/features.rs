//! The features an article is matched on, each with a weight that depends on the word
//! alone, never on the folder: names (capitalised mid-sentence, or entity names), content
//! words, numbers and years. A word's weight is its information against a fixed
//! background frequency list of English (`assets/lexicon/word_freq.txt`): "the" and
//! "said" weigh nothing, a household name little, an unusual surname or place a lot.
//! Weights fixed per word make a pair's similarity a function of the pair only, so the
//! stories of a folder do not depend on its size or on the order files arrive in.
//!
//! Also the article's time: its publication date, or else a full date stated near the
//! top of the text (a dateline, "Posted: ..."), which many saved files carry instead.

use crate::analysis::lexicon;
use crate::analysis::names;
use crate::analysis::{ArticleAnalysis, Entity};
use crate::ingest::Article;
use crate::text::doc::Doc;
use chrono::{Datelike, NaiveDate};
use once_cell::sync::Lazy;
use std::collections::{HashMap, HashSet};

/// What kind of evidence a feature is; the kind scales the word's information.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FeatureKind {
    Name,
    Number,
    Year,
    Term,
}

impl FeatureKind {
    fn prefix(self) -> &'static str {
        match self {
            FeatureKind::Name => "n:",
            FeatureKind::Number => "#:",
            FeatureKind::Year => "y:",
            FeatureKind::Term => "w:",
        }
    }
}

/// Scale of a name's information against a content word's.
const NAME_SCALE: f64 = 1.0;
/// Scale of a content word's information.
const TERM_SCALE: f64 = 0.5;
/// How much repeating a feature adds: `1 + TF_SCALE * ln(count)`.
const TF_SCALE: f64 = 0.5;
/// Zipf frequency at or above which a word carries no information ("the" is 7.7,
/// "said" 6.1): function words need no list of their own.
const ZIPF_CEILING: f64 = 6.0;
/// Zipf frequency assumed for a word missing from the list (the list stops at 2.8).
const ZIPF_UNSEEN: f64 = 2.5;
/// Weight of a number of two digits, and of a longer or decimal one (rarer, more
/// specific: a toll, a score, an amount).
const NUMBER_SHORT: f64 = 1.2;
const NUMBER_LONG: f64 = 2.5;
/// Weight of a year mentioned in the text: a strong hint of when, shared by many
/// reports of one time.
const YEAR_WEIGHT: f64 = 1.5;
/// How far into the text a stated date is taken as the article's own date (datelines
/// and "Updated:" lines sit at the top; dates further down are what the text is about).
const DATELINE_CHARS: usize = 600;

/// One feature: its key (kind prefix plus folded form) and weight.
#[derive(Clone, Debug, PartialEq)]
pub struct Feature {
    pub key: String,
    pub kind: FeatureKind,
    /// Weight with repetitions counted.
    pub weight: f64,
    /// Weight of one occurrence.
    pub base: f64,
}

/// Everything story grouping needs of one article.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Profile {
    /// Deduplicated, sorted by key.
    pub features: Vec<Feature>,
    /// Days since 1970-01-01 of the article's date (publication, else stated).
    pub day: Option<i64>,
    /// The latest year the text mentions: a lower bound on when an undated report was
    /// written (reports mostly name their own year when they name any).
    pub latest_year: Option<i32>,
    /// Per headline word, the feature keys it may stand for ([`headline_keys`]).
    pub headline: Vec<Vec<String>>,
}

/// The background list (`word_freq.txt`): zipf values by word. Every word of every
/// article is looked up here, so a word of up to 15 bytes (nearly all) is keyed by its
/// bytes and length packed in a `u128`: the look-up compares the key inside the table
/// instead of following a pointer into the 400 KB list. Fx, not SipHash (our own keys).
struct Zipf {
    short: rustc_hash::FxHashMap<u128, f64>,
    long: rustc_hash::FxHashMap<&'static str, f64>,
}

/// `w`'s bytes and length in one `u128` when it has at most 15 bytes: two words pack
/// alike only if they are equal.
fn pack(w: &str) -> Option<u128> {
    let b = w.as_bytes();
    let mut a = [0u8; 16];
    a.get_mut(..b.len())
        .filter(|_| b.len() < 16)?
        .copy_from_slice(b);
    a[15] = b.len() as u8;
    Some(u128::from_le_bytes(a))
}

static ZIPF: Lazy<Zipf> = Lazy::new(|| {
    let mut z = Zipf {
        short: rustc_hash::FxHashMap::default(),
        long: rustc_hash::FxHashMap::default(),
    };
    for l in lexicon::entries(include_str!("../../../assets/lexicon/word_freq.txt")) {
        let Some((w, v)) = l.split_once(' ') else {
            continue;
        };
        let Ok(v) = v.trim().parse::<f64>() else {
            continue;
        };
        // a word listed twice keeps its last value
        match pack(w) {
            Some(k) => z.short.insert(k, v / 10.0),
            None => z.long.insert(w, v / 10.0),
        };
    }
    z
});

/// The zipf value of a lowercase word, if the background list knows it.
fn zipf(lower: &str) -> Option<f64> {
    match pack(lower) {
        Some(k) => ZIPF.short.get(&k).copied(),
        None => ZIPF.long.get(lower).copied(),
    }
}

/// Information of a lowercase word against the background list: 0 for the most
/// common words, up to `ZIPF_CEILING - ZIPF_UNSEEN` for words the list does not know.
pub fn information(lower: &str) -> f64 {
    let z = zipf(lower).unwrap_or(ZIPF_UNSEEN);
    (ZIPF_CEILING - z).max(0.0)
}

/// A crude plural strip so "miners"/"miner" and "talks"/"talk" meet.
fn stem(word: &str) -> &str {
    if word.len() > 4 && word.ends_with('s') && !word.ends_with("ss") {
        &word[..word.len() - 1]
    } else {
        word
    }
}

struct Word<'a> {
    /// As written.
    text: &'a str,
    /// Lowercase, apostrophes straight (the document's form).
    lower: &'a str,
    /// Byte offset in its text.
    start: usize,
    /// First word of a sentence, line or headline: a capital there says nothing.
    initial: bool,
}

/// Word tokens of the shared document up to byte `limit`, noting which open a sentence
/// (after sentence-ending punctuation, a colon, a dash or an opening quote, or on a new
/// line). Numbers come whole ("1,200", "3.5") from the one tokenizer.
fn words<'d>(doc: &'d Doc, limit: usize) -> Vec<Word<'d>> {
    let text = doc.text();
    let mut out = Vec::with_capacity(doc.len());
    let mut initial = true;
    let mut prev_end = 0;
    for i in 0..doc.len() {
        let w = doc.word(i);
        if w.span.end > limit {
            break;
        }
        if w.is_punct() {
            if matches!(
                w.text,
                "." | "!" | "?" | ":" | ";" | "\u{2014}" | "|" | "\"" | "\u{201c}"
            ) {
                initial = true;
            }
            prev_end = w.span.end;
            continue;
        }
        if text[prev_end..w.span.start].contains('\n') {
            initial = true;
        }
        out.push(Word {
            text: w.text,
            lower: w.lower,
            start: w.span.start,
            initial,
        });
        initial = false;
        prev_end = w.span.end;
    }
    out
}

fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// The parts of a hyphenated name whose every part is capitalised ("Kessel-Marn", a
/// double surname or a twin town), each of two letters or more; `None` for any other
/// word ("Storm-hit", "Gale-force").
/// Entities' names are keyed by their words and a hyphen folds to a space, so a
/// hyphenated name read only as a word must be keyed by its parts too, or two reports
/// of one town share nothing when only one of them finds the town as an entity.
fn hyphenated_name_parts(word: &str) -> Option<Vec<&str>> {
    if !word.contains('-') {
        return None;
    }
    let parts: Vec<&str> = word.split('-').collect();
    parts
        .iter()
        .all(|p| is_capitalised(p) && p.chars().count() >= 2 && p.chars().all(char::is_alphabetic))
        .then_some(parts)
}

/// A number's key and kind: years apart (they say when), single digits dropped (they
/// are everywhere).
fn number_feature(word: &str) -> Option<(String, FeatureKind, f64)> {
    if !word.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let digits: String = word
        .chars()
        .take_while(|c| c.is_ascii_digit() || matches!(c, ',' | '.'))
        .filter(|c| *c != ',')
        .collect();
    let digits = digits.trim_end_matches('.');
    if digits.len() < 2 {
        return None;
    }
    if digits.len() == 4
        && let Ok(y) = digits.parse::<u32>()
        && (1900..=2099).contains(&y)
        && word.len() == 4
    {
        return Some((digits.to_string(), FeatureKind::Year, YEAR_WEIGHT));
    }
    let w = if digits.len() == 2 {
        NUMBER_SHORT
    } else {
        NUMBER_LONG
    };
    // "52-3" (a record, a score) keeps its whole form: it is the specific part.
    let key = if word.len() > digits.len() && word.contains('-') {
        word.to_lowercase()
    } else {
        digits.to_string()
    };
    Some((key, FeatureKind::Number, w))
}

/// The features and the date of one article, from a fresh document of its text (for
/// analyses built without one; [`crate::analysis::analyze`] uses [`profile_doc`]).
pub fn profile(article: &Article, analysis: &ArticleAnalysis) -> Profile {
    profile_doc(article, &Doc::new(&article.text), &analysis.entities)
}

/// The features, date and headline keys of one article, read from its shared document
/// (`doc` is the article text's) and its entities: nothing is tokenized again. Only the
/// headline, a string of its own, gets a document here.
pub fn profile_doc(article: &Article, doc: &Doc, entities: &[Entity]) -> Profile {
    let mut p = profile_doc_unsorted(article, doc, entities);
    p.features.sort_unstable_by(|a, b| a.key.cmp(&b.key));
    p
}

/// [`profile_doc`] with its features in no order: the story signature orders them by
/// hash, and sorting the keys as strings first cost as much again.
pub(super) fn profile_doc_unsorted(article: &Article, doc: &Doc, entities: &[Entity]) -> Profile {
    // key -> (kind, weight of one occurrence, occurrences).
    // The key is built in one reused buffer: a String is allocated per distinct
    // feature, not per word.
    let mut feats: rustc_hash::FxHashMap<String, (FeatureKind, f64, u32)> =
        rustc_hash::FxHashMap::default();
    let mut key = String::new();
    let mut add = |kind: FeatureKind, s: &str, w: f64| {
        if w <= 0.0 {
            return;
        }
        key.clear();
        key.push_str(kind.prefix());
        key.push_str(s);
        if let Some(e) = feats.get_mut(key.as_str()) {
            e.1 = e.1.max(w);
            e.2 += 1;
        } else {
            feats.insert(key.clone(), (kind, w, 1));
        }
    };
    let title = article.title.as_deref().unwrap_or("");
    let title_doc = Doc::new(title);
    let title_words = words(&title_doc, title.len());
    let mut ws: Vec<&Word> = Vec::new();
    // The title is often also the text's first line; a second copy adds nothing.
    if !article.text.trim_start().starts_with(title.trim()) {
        ws.extend(&title_words);
    }
    let text_words = words(doc, doc.text().len());
    ws.extend(&text_words);
    // Each capitalised word's folded name, folded once: the mid-sentence set and the
    // name features below both read it.
    let folds: Vec<Option<String>> = ws
        .iter()
        .map(|w| is_capitalised(w.text).then(|| names::fold(lexicon::strip_possessive(w.text))))
        .collect();
    // A word capitalised mid-sentence is a name wherever it appears capitalised.
    // (Its possessive, rare, is folded from the whole word as written.)
    let possessive_folds: Vec<String> = ws
        .iter()
        .filter(|w| !w.initial && is_capitalised(w.text))
        .filter(|w| lexicon::strip_possessive(w.text).len() != w.text.len())
        .map(|w| names::fold(w.text))
        .collect();
    let mid_caps: rustc_hash::FxHashSet<&str> = ws
        .iter()
        .zip(&folds)
        .filter(|(w, _)| !w.initial && lexicon::strip_possessive(w.text).len() == w.text.len())
        .filter_map(|(_, f)| f.as_deref())
        .chain(possessive_folds.iter().map(String::as_str))
        .collect();
    // one look-up in the background list per word (known and information read it)
    let information_of = |z: Option<f64>| (ZIPF_CEILING - z.unwrap_or(ZIPF_UNSEEN)).max(0.0);
    for (w, folded) in ws.iter().zip(&folds) {
        if let Some((key, kind, weight)) = number_feature(w.text) {
            add(kind, &key, weight);
            continue;
        }
        let lower = lexicon::strip_possessive(w.lower);
        if lower.chars().count() < 2 || !lower.chars().any(char::is_alphabetic) {
            continue;
        }
        let term = lower.len() >= 4 && lower.chars().all(char::is_alphabetic);
        if folded.is_none() && !term {
            continue;
        }
        let zipf = zipf(lower);
        // At a sentence start a capital is a name's only if the word is also capitalised
        // mid-sentence, or if the background list does not know it: ordinary words are
        // in the list, the names of small places and people are not. A town named once,
        // first in a headline ("After the flood: Vrélsk ..."), then meets its name in
        // other reports. (Folded only when capitalised: most words are not.)
        if let Some(folded) = folded
            && (!w.initial || mid_caps.contains(folded.as_str()) || zipf.is_none())
        {
            match hyphenated_name_parts(lexicon::strip_possessive(w.text)) {
                // Keyed by its parts, as an entity's name is: the report that names the
                // town as an entity and the one that does not then share the same keys.
                Some(parts) => {
                    for part in parts {
                        let part = names::fold(part);
                        add(FeatureKind::Name, &part, NAME_SCALE * information(&part));
                    }
                }
                None => add(
                    FeatureKind::Name,
                    folded.as_str(),
                    NAME_SCALE * information_of(zipf),
                ),
            }
            continue;
        }
        if term {
            // Terms keep their spelling: the name folding's ue/oe rules would mangle words.
            add(
                FeatureKind::Term,
                stem(lower),
                TERM_SCALE * information_of(zipf),
            );
        }
    }
    for e in entities {
        for name in std::iter::once(&e.name).chain(&e.aliases) {
            for part in names::fold(name).split(' ') {
                if part.chars().count() >= 2 && part.chars().all(char::is_alphabetic) {
                    add(FeatureKind::Name, part, NAME_SCALE * information(part));
                }
            }
        }
    }
    let latest_year = feats
        .keys()
        .filter_map(|k| k.strip_prefix(FeatureKind::Year.prefix()))
        .filter_map(|y| y.parse::<i32>().ok())
        .max();
    let day = article
        .published
        .map(|d| i64::from(d.date_naive().num_days_from_ce()) - EPOCH_CE)
        .or_else(|| {
            // A date stated near the top that is years older than what the text itself
            // mentions is a birth date or an anniversary, not the report's own date.
            stated_date_doc(doc)
                .filter(|&d| latest_year.is_none_or(|y| year_of_day(d) >= y - STATED_YEAR_SLACK))
        });
    let features: Vec<Feature> = feats
        .into_iter()
        // What a report repeats is what it is about: sublinear in the count.
        .map(|(key, (kind, weight, n))| Feature {
            key,
            kind,
            weight: weight * (1.0 + TF_SCALE * f64::from(n).ln()),
            base: weight,
        })
        .collect();
    Profile {
        features,
        day,
        latest_year,
        headline: headline_keys_of(&title_words),
    }
}

/// The feature keys each word of a headline may stand for in the reports' profiles (a
/// headline capitalises words that the text writes in lower case, so a word gives both
/// its name and its term key). Years are left out: they say when, not what, and a
/// dateline used as a headline would otherwise look like the story's name.
pub fn headline_keys(title: &str) -> Vec<Vec<String>> {
    headline_keys_of(&words(&Doc::new(title), title.len()))
}

fn headline_keys_of(title: &[Word]) -> Vec<Vec<String>> {
    title
        .iter()
        .filter_map(|w| {
            if let Some((key, kind, _)) = number_feature(w.text) {
                return (kind == FeatureKind::Number)
                    .then(|| vec![format!("{}{key}", kind.prefix())]);
            }
            let bare = lexicon::strip_possessive(w.text);
            let lower = lexicon::strip_possessive(w.lower);
            if lower.chars().count() < 2 || !lower.chars().any(char::is_alphabetic) {
                return None;
            }
            // A hyphenated name is keyed by its parts in the profile: the word stands
            // for whichever of them the core shares.
            if let Some(parts) = hyphenated_name_parts(bare) {
                return Some(
                    parts
                        .iter()
                        .map(|p| format!("{}{}", FeatureKind::Name.prefix(), names::fold(p)))
                        .collect(),
                );
            }
            let mut keys = vec![format!(
                "{}{}",
                FeatureKind::Name.prefix(),
                names::fold(bare)
            )];
            if lower.len() >= 4 && lower.chars().all(char::is_alphabetic) {
                keys.push(format!("{}{}", FeatureKind::Term.prefix(), stem(lower)));
            }
            Some(keys)
        })
        .collect()
}

/// Most words a headline's label part has: the part before a colon ("Kerrigan inquiry
/// LIVE:") or after a last dash ("- as it happened").
const LABEL_PART_WORDS: usize = 4;

/// Words of a headline in the first person singular
/// (`assets/lexicon/headline_first_person.txt`): a witness's own account or a quoted line
/// as the headline, which tells one person's side rather than naming the event.
static FIRST_PERSON: Lazy<Vec<&'static str>> = Lazy::new(|| {
    lexicon::entries(include_str!(
        "../../../assets/lexicon/headline_first_person.txt"
    ))
    .collect()
});

/// Whether a headline carries a section label or page furniture
/// (`assets/lexicon/headline_furniture.txt`): a phrase of the list anywhere, or one of
/// its words as the headline's first word or in its label part. Such a headline names a
/// page or a genre ("LIVE: ...", "Analysis: ...") and makes a poor story label when a
/// plain report's headline is there; a word of the list in the body of a headline
/// ("Residents watch the river rise") does not count, but one opening what follows a
/// colon (past a determiner) does. A headline in the first person singular counts too ([`FIRST_PERSON`]),
/// and so does a question.
pub fn headline_is_furniture(title: &str) -> bool {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let all = words(title);
    // Whether some entry of the list (with at least `min` words) occurs in `ws`.
    let listed = |ws: &[String], min: usize| {
        lexicon::HEADLINE_FURNITURE
            .iter()
            .filter(|p| p.len() >= min)
            .any(|p| {
                ws.windows(p.len())
                    .any(|w| w.iter().zip(p).all(|(a, b)| a == b))
            })
    };
    // A question asks about the event rather than naming it: an explainer's or an
    // opinion piece's headline.
    if title.contains('?')
        || listed(&all, 2)
        || all.iter().any(|w| FIRST_PERSON.contains(&w.as_str()))
    {
        return true;
    }
    let mut parts: Vec<Vec<String>> = all.first().map(|f| vec![f.clone()]).into_iter().collect();
    if let Some((head, _)) = title.split_once(':') {
        parts.push(words(head));
    }
    // The word that opens what follows a colon, past a determiner: a feature's headline
    // puts its scene first and its genre after the colon ("A long night: how ...",
    // "...: an interview with ...").
    for (i, _) in title.match_indices(':') {
        parts.extend(
            words(&title[i + 1..])
                .into_iter()
                .find(|w| !lexicon::NOUN_DETERMINERS.contains(w))
                .map(|w| vec![w]),
        );
    }
    if let Some(i) = title
        .rfind(['\u{2013}', '\u{2014}', '|'])
        .or_else(|| title.rfind(" - "))
    {
        parts.push(words(&title[i..]));
    }
    parts
        .iter()
        .any(|p| !p.is_empty() && p.len() <= LABEL_PART_WORDS && listed(p, 1))
}

/// Notes that a text was translated by machine (`assets/lexicon/machine_translation.txt`),
/// lowercase word sequences.
static MACHINE_TRANSLATION: Lazy<Vec<Vec<&'static str>>> = Lazy::new(|| {
    lexicon::entries(include_str!(
        "../../../assets/lexicon/machine_translation.txt"
    ))
    .map(|l| l.split_whitespace().collect())
    .collect()
});

/// Whether the article says it is a machine translation, in its source field or near
/// the top of its text (where such a note sits, with the dateline). Its headline is a
/// translated one ("... is finish", word-for-word grammar) and makes a poor story label
/// when a report written in the language is there.
pub fn machine_translated(article: &Article) -> bool {
    let head = article
        .text
        .char_indices()
        .nth(DATELINE_CHARS)
        .map_or(article.text.as_str(), |(i, _)| &article.text[..i]);
    let words: Vec<String> = [article.source.as_deref().unwrap_or(""), head]
        .iter()
        .flat_map(|s| s.split(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    MACHINE_TRANSLATION.iter().any(|p| {
        !p.is_empty()
            && words
                .windows(p.len())
                .any(|w| w.iter().zip(p).all(|(a, b)| a == b))
    })
}

/// `num_days_from_ce` of 1970-01-01.
const EPOCH_CE: i64 = 719_163;
/// A stated date may be this many years older than the latest year the text mentions
/// (a report of late December names the coming year).
const STATED_YEAR_SLACK: i32 = 1;

/// The calendar year of a day counted from 1970-01-01.
pub fn year_of_day(day: i64) -> i32 {
    NaiveDate::from_num_days_from_ce_opt((day + EPOCH_CE) as i32).map_or(1970, |d| d.year())
}

/// The first full date ("June 13, 2013", "13 June 2013", "2013-06-13", or an
/// unambiguous numeric one: "2013/06/13", "13.06.2013", "06/13/2013") near the top of
/// the text, as days since 1970.
pub fn stated_date(text: &str) -> Option<i64> {
    stated_date_doc(&Doc::new(text))
}

/// [`stated_date`] read from the article's document: whichever of a written date and a
/// numeric one comes first.
fn stated_date_doc(doc: &Doc) -> Option<i64> {
    let text = doc.text();
    let head = text
        .char_indices()
        .nth(DATELINE_CHARS)
        .map_or(text.len(), |(i, _)| i);
    let ws = words(doc, head);
    let written = written_date(&ws);
    let numeric = numeric_date(&text[..head]);
    let (pos, days) = match (written, numeric) {
        (Some(w), Some(n)) => w.min(n),
        (w, n) => w.or(n)?,
    };
    Some(days - span_back(&ws, text, pos))
}

/// Days since 1970 of a calendar date, if it is one.
fn to_days(y: u32, m: u32, d: u32) -> Option<i64> {
    NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d)
        .map(|nd| i64::from(nd.num_days_from_ce()) - EPOCH_CE)
}

/// The first date written with a month name, or in the ISO form, among the words: its
/// byte position and day.
fn written_date(ws: &[Word]) -> Option<(usize, i64)> {
    let month = lexicon::month_number;
    let num = |s: &str| s.parse::<u32>().ok();
    for i in 0..ws.len() {
        let w = ws[i].text;
        // ISO form, kept whole by the tokenizer's inner hyphens.
        let parts: Vec<&str> = w.split('-').collect();
        if parts.len() == 3
            && parts[0].len() == 4
            && let (Some(y), Some(m), Some(d)) = (num(parts[0]), num(parts[1]), num(parts[2]))
            && let Some(days) = to_days(y, m, d)
        {
            return Some((ws[i].start, days));
        }
        let (Some(a), Some(b)) = (ws.get(i + 1), ws.get(i + 2)) else {
            continue;
        };
        let year = num(b.text).filter(|y| (1900..=2099).contains(y));
        // "June 13, 2013" / "13 June 2013"
        let ymd = match (month(w), num(a.text), month(a.text), num(w)) {
            (Some(m), Some(d), _, _) => year.map(|y| (y, m, d)),
            (_, _, Some(m), Some(d)) => year.map(|y| (y, m, d)),
            _ => None,
        };
        if let Some((y, m, d)) = ymd
            && let Some(days) = to_days(y, m, d)
        {
            return Some((ws[i].start, days));
        }
    }
    None
}

/// The first numeric date in `head` that reads one way only: its byte position and
/// day. Year first ("2013/06/13", "2013.06.13") is year-month-day; year last is
/// day-month or month-day, which only a part above 12 (the day) or two equal parts
/// tell apart ("13.06.2013", "06/13/2013", "05/05/2013"; "04/06/2013" is skipped). A
/// two-digit year is skipped too: "4/6/13" may be any of three dates.
fn numeric_date(head: &str) -> Option<(usize, i64)> {
    let is_run = |c: char| c.is_ascii_digit() || c == '/' || c == '.';
    let mut rest = head;
    let mut offset = 0;
    while let Some(start) = rest.find(|c: char| c.is_ascii_digit()) {
        let run_len = rest[start..]
            .find(|c: char| !is_run(c))
            .unwrap_or(rest.len() - start);
        let run = &rest[start..start + run_len];
        let before = rest[..start].chars().next_back();
        let after = rest[start + run_len..].chars().next();
        // Glued to a word ("v2.10.2031", "2031.html") it is not a date.
        let free =
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric);
        if free && let Some(days) = read_numeric(run.trim_end_matches(['.', '/'])) {
            return Some((offset + start, days));
        }
        offset += start + run_len;
        rest = &rest[start + run_len..];
    }
    None
}

/// One run of digits and separators read as a date, if it is one unambiguously.
fn read_numeric(run: &str) -> Option<i64> {
    let sep = run.chars().find(|&c| c == '/' || c == '.')?;
    let parts: Vec<&str> = run.split(sep).collect();
    if parts.len() != 3 || parts.iter().any(|p| p.is_empty() || p.contains(['/', '.'])) {
        return None;
    }
    let n: Vec<u32> = parts
        .iter()
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    let year = |i: usize| (parts[i].len() == 4 && (1900..=2099).contains(&n[i])).then_some(n[i]);
    let short = |i: usize| parts[i].len() <= 2;
    if let Some(y) = year(0)
        && short(1)
        && short(2)
    {
        return to_days(y, n[1], n[2]);
    }
    let y = year(2)?;
    if !short(0) || !short(1) {
        return None;
    }
    let (a, b) = (n[0], n[1]);
    let (m, d) = match (a > 12, b > 12) {
        (true, false) => (b, a),
        (false, true) => (a, b),
        (false, false) if a == b => (a, b),
        _ => return None,
    };
    to_days(y, m, d)
}

/// Relative spans of time (`assets/lexicon/time_spans.txt`): the words that close a span
/// reaching back, and each unit's length in days.
struct TimeSpans {
    closers: HashSet<&'static str>,
    units: HashMap<&'static str, i64>,
}

static TIME_SPANS: Lazy<TimeSpans> = Lazy::new(|| {
    let mut t = TimeSpans {
        closers: HashSet::new(),
        units: HashMap::new(),
    };
    for l in lexicon::entries(include_str!("../../../assets/lexicon/time_spans.txt")) {
        if let Some(w) = l.strip_prefix("->") {
            t.closers.insert(w.trim());
        } else if let Some((w, d)) = l.split_once(' ')
            && let Ok(d) = d.trim().parse()
        {
            t.units.insert(w, d);
        }
    }
    t
});

/// How many days a relative span on the line of the stated date (at byte `pos`) reaches
/// back ("posted 2 years, 45 days ago [copied on 9 March 2031]": the date is when the
/// page was saved, the report is older by the span); 0 when the line has none.
fn span_back(ws: &[Word], text: &str, pos: usize) -> i64 {
    let line_start = text[..pos].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
    let line: Vec<&Word> = ws
        .iter()
        .filter(|w| (line_start..line_end).contains(&w.start))
        .collect();
    for (j, w) in line.iter().enumerate() {
        if !TIME_SPANS.closers.contains(w.lower) {
            continue;
        }
        // Back over "<number> <unit>" pairs: "2 years, 45 days ago".
        let (mut k, mut total) = (j, 0);
        while k >= 2
            && let Some(&unit) = TIME_SPANS.units.get(line[k - 1].lower)
            && let Ok(n) = line[k - 2].text.parse::<i64>()
        {
            total += n * unit;
            k -= 2;
        }
        if total > 0 {
            return total;
        }
    }
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_words_are_equal_only_when_the_words_are() {
        assert_eq!(pack("harbour"), pack("harbour"));
        assert_ne!(pack("harbour"), pack("harbours"));
        assert_ne!(pack("ab"), pack("ab\0"));
        assert!(pack("fifteen-letters").is_some() && pack("sixteen-letters!").is_none());
        // a long word is found through the other map
        assert!(zipf("responsibilities").is_some_and(|z| (z - 4.2).abs() < 1e-9));
        assert_eq!(zipf(&"q".repeat(40)), None);
        assert!(zipf("the").is_some_and(|z| z > 6.0) && zipf("qwzxv").is_none());
    }

    fn article(text: &str) -> Article {
        Article::plain("a", text)
    }

    fn keys(p: &Profile) -> Vec<&str> {
        p.features.iter().map(|f| f.key.as_str()).collect()
    }

    fn weight(p: &Profile, key: &str) -> f64 {
        p.features
            .iter()
            .find(|f| f.key == key)
            .map_or(0.0, |f| f.weight)
    }

    #[test]
    fn names_terms_numbers_and_years() {
        let p = profile(
            &article(
                "Rescuers reached the shaft in 2031. The crew met Ola Nordmann in Bergen, \
                 1,200 metres down, after a 52-3 vote.",
            ),
            &ArticleAnalysis::default(),
        );
        let k = keys(&p);
        assert!(k.contains(&"n:bergen"), "{k:?}");
        assert!(k.contains(&"n:nordmann"));
        assert!(k.contains(&"#:1200"), "{k:?}");
        assert!(k.contains(&"#:52-3"), "{k:?}");
        assert!(k.contains(&"y:2031"), "{k:?}");
        assert!(k.contains(&"w:rescuer"), "{k:?}");
        assert!(!k.iter().any(|x| x.ends_with(":the")));
    }

    #[test]
    fn weights_come_from_the_background_list_not_the_folder() {
        let p = profile(
            &article("The mayor of Vrelsk met reporters. The mayor spoke about water."),
            &ArticleAnalysis::default(),
        );
        // An unknown place outweighs a common word; the commonest words weigh nothing.
        assert!(weight(&p, "n:vrelsk") > 2.0 * weight(&p, "w:water"));
        assert!(weight(&p, "w:water") > 0.0);
        assert_eq!(weight(&p, "w:about"), 0.0);
    }

    #[test]
    fn sentence_initial_capital_is_a_name_only_if_seen_mid_sentence() {
        let p = profile(
            &article("Oslo agreed. Floods hit the coast near Oslo."),
            &ArticleAnalysis::default(),
        );
        let k = keys(&p);
        assert!(k.contains(&"n:oslo"));
        assert!(k.contains(&"w:flood"));
        assert!(!k.contains(&"n:flood"));
    }

    #[test]
    fn a_capitalised_word_the_background_list_does_not_know_is_a_name_at_a_sentence_start() {
        let first = profile(
            &article("After the flood: Vrélsk residents return.\nWater fell overnight."),
            &ArticleAnalysis::default(),
        );
        let k = keys(&first);
        assert!(k.contains(&"n:vrelsk"), "{k:?}");
        assert!(!k.iter().any(|x| x.starts_with("w:vr")), "{k:?}");
        // Known words at a sentence start stay words.
        assert!(k.contains(&"w:water") && !k.contains(&"n:water"), "{k:?}");
        assert!(k.contains(&"w:resident"), "{k:?}");
        let other = profile(
            &article("Residents of Vrelsk went home as the river fell."),
            &ArticleAnalysis::default(),
        );
        assert!(keys(&other).contains(&"n:vrelsk"));
    }

    #[test]
    fn a_hyphenated_name_has_the_same_keys_with_or_without_an_entity() {
        // One report finds the council as an organisation, the other reads the twin
        // town only as a word: both must key it alike.
        let council = Entity {
            name: "Council of Orvik-Dalsenn".into(),
            aliases: vec![],
            roles: vec![],
            kind: crate::analysis::EntityKind::Organisation,
            gender: None,
            mentions: vec![],
        };
        let with_entity = profile(
            &article("We, the Council of Orvik-Dalsenn, closed the ferry pier on Monday."),
            &ArticleAnalysis {
                entities: vec![council],
                ..ArticleAnalysis::default()
            },
        );
        let plain = profile(
            &article("A ferry pier in Orvik-Dalsenn was shut after cracks appeared."),
            &ArticleAnalysis::default(),
        );
        for p in [&with_entity, &plain] {
            let k = keys(p);
            assert!(k.contains(&"n:orvik") && k.contains(&"n:dalsenn"), "{k:?}");
            assert!(!k.contains(&"n:orvik dalsenn"), "{k:?}");
        }
        // Hyphenated words that are not names keep their single key.
        let gusts = profile(
            &article("Gale-force gusts hit a storm-hit Orvik pier."),
            &ArticleAnalysis::default(),
        );
        let k = keys(&gusts);
        assert!(!k.contains(&"n:gale") && !k.contains(&"n:force"), "{k:?}");
        assert_eq!(
            headline_keys("Orvik-Dalsenn pier shut")[0],
            vec!["n:orvik".to_string(), "n:dalsenn".to_string()]
        );
    }

    #[test]
    fn headline_words_give_name_and_term_keys_but_no_year() {
        let k = headline_keys("Flood Closes Vrelsk Bridge, 1,200 Stranded in 2031");
        assert!(k.iter().flatten().any(|x| x == "n:vrelsk"), "{k:?}");
        assert!(
            k.contains(&vec!["n:flood".to_string(), "w:flood".to_string()]),
            "{k:?}"
        );
        assert!(k.contains(&vec!["#:1200".to_string()]), "{k:?}");
        assert!(!k.iter().flatten().any(|x| x.contains("2031")), "{k:?}");
    }

    #[test]
    fn section_labels_and_page_furniture_in_headlines() {
        for t in [
            "LIVE: Tram fire shuts Orvenna bridge",
            "Orvenna tram fire LIVE: bridge shut overnight",
            "Analysis: why an Orvenna tram caught fire",
            "Tram fire at the Orvenna bridge \u{2013} as it happened",
            "Statement of the Orvenna transit board on the tram fire",
            "Tram fire in Orvenna | Video",
            "What we know about the Orvenna tram fire",
            "Why Orvenna keeps running trams this old",
            "I felt the Orvenna tram shudder, then smoke filled my carriage",
            "Tram driver: 'They told me the brakes were fine'",
            "Three hours on the Vessling ridge: how Orvenna's tram crews fought the fire",
            "Can Orvenna keep its old trams running?",
            "Is the Orvenna bridge safe? Engineers disagree",
            "After the Orvenna tram fire: an interview with the transit board's chief",
        ] {
            assert!(headline_is_furniture(t), "{t}");
        }
        // The words of the list in a headline's body, or a place before a colon.
        for t in [
            "Tram fire shuts Orvenna bridge overnight",
            "Crowds watch as an Orvenna tram burns",
            "Orvenna: tram fire shuts bridge",
            "Driver's statement cleared by Orvenna transit board",
            "Commuters who live near the Orvenna depot smelled smoke",
            "Tram fire at 06:40 shuts Orvenna bridge",
            "Orvenna transit board: tram fire was an electrical fault",
        ] {
            assert!(!headline_is_furniture(t), "{t}");
        }
    }

    #[test]
    fn a_note_of_machine_translation_in_the_source_or_the_head_of_the_text() {
        let with = |source: Option<&str>, text: &str| Article {
            source: source.map(String::from),
            ..Article::plain("a", text)
        };
        assert!(machine_translated(&with(
            None,
            "Tram burns on bridge\n\nKelmer Bote, 3.4.2031 (machine-translated from Danish)\n\nA tram...",
        )));
        assert!(machine_translated(&with(
            Some("Kelmer Bote - translated automatically"),
            "A tram burned on the bridge."
        )));
        // A translation by people, and a note far down the text, do not count.
        assert!(!machine_translated(&with(
            None,
            "Tram burns on bridge\n\nTranslated from the Danish by Ilse Vark\n\nA tram...",
        )));
        let late = format!(
            "Tram burns on bridge\n\n{}\n\nThe board reviews automatic translation tools.",
            "The tram burned for an hour. ".repeat(30)
        );
        assert!(!machine_translated(&with(None, &late)));
    }

    #[test]
    fn a_dateline_gives_the_day_when_the_file_has_none() {
        let d = stated_date("Dam gate fails\n\nPosted: March 4, 2031 10:00\n\nThe gate...");
        let e = stated_date("Dam gate fails\n\n4 March 2031 - The gate...");
        let f = stated_date("Dam gate fails\n\n2031-03-04 The gate...");
        assert!(d.is_some());
        assert_eq!(d, e);
        assert_eq!(d, f);
        assert_eq!(stated_date("No date here, only 2031."), None);
    }

    #[test]
    fn a_numeric_date_is_the_day_when_it_reads_one_way_only() {
        let written = stated_date("Dam gate fails\n\nMarch 14, 2031 - The gate...");
        assert!(written.is_some());
        // Year first, or a part above 12 that can only be the day, in either order.
        for form in [
            "2031/03/14",
            "2031.03.14",
            "14.03.2031",
            "14/03/2031",
            "03/14/2031",
        ] {
            let d = stated_date(&format!(
                "Dam gate fails\n\nUpdated {form} 10:00\n\nThe gate..."
            ));
            assert_eq!(d, written, "{form}");
        }
        // Equal day and month read the same in both orders.
        let fifth = stated_date("Dam gate fails\n\nMay 5, 2031 - The gate...");
        assert!(fifth.is_some());
        assert_eq!(
            stated_date("Dam gate fails\n\n05/05/2031 - The gate..."),
            fifth
        );
        // March 4 or April 3: no day is taken.
        assert_eq!(
            stated_date("Dam gate fails\n\n04/03/2031 - The gate..."),
            None
        );
        // A two-digit year, a version number, a file name, a decimal: not dates.
        assert_eq!(
            stated_date("Dam gate fails\n\n14/03/31 - The gate..."),
            None
        );
        assert_eq!(
            stated_date("Gate firmware v2.10.2031 failed at 3.5 metres."),
            None
        );
        assert_eq!(stated_date("See gate-14.03.2031.pdf for the plan."), None);
        assert_eq!(
            stated_date("Gates 31/02/2031 and 13/13/2031 are no dates."),
            None
        );
    }

    #[test]
    fn the_first_of_a_written_and_a_numeric_date_is_the_day() {
        let numeric_first =
            stated_date("Dam gate fails\n\n14.03.2031\n\nBuilt on June 2, 2030, the gate...");
        let written_first =
            stated_date("Dam gate fails\n\nJune 2, 2030\n\nInspected 14.03.2031, the gate...");
        assert_eq!(
            numeric_first,
            stated_date("Dam gate fails\n\nMarch 14, 2031")
        );
        assert_eq!(written_first, stated_date("Dam gate fails\n\nJune 2, 2030"));
    }

    #[test]
    fn a_span_ago_on_the_line_of_a_stated_date_moves_the_report_back() {
        let saved = stated_date(
            "Dam gate fails\n\nArchived 14 March 2031 (first posted 1 year, 10 days ago)\n\nThe gate...",
        );
        let then = stated_date("Dam gate fails\n\nMarch 4, 2030 - The gate...");
        assert!(then.is_some());
        assert_eq!(saved, then);
        // A span on another line leaves the stated date as it is.
        let plain = stated_date("Dam gate fails\n\nMarch 4, 2031 - The gate...");
        let other = stated_date("Dam gate fails, 3 weeks ago\n\nMarch 4, 2031 - The gate...");
        assert_eq!(other, plain);
        assert_ne!(plain, then);
    }

    #[test]
    fn latest_year_and_a_stated_birth_date_that_is_not_the_report_date() {
        let p = profile(
            &article(
                "Singer Ola Brenn, born March 2, 1931, has died.\n\nBrenn toured in 1960 \
                 and retired in 2030.",
            ),
            &ArticleAnalysis::default(),
        );
        assert_eq!(p.latest_year, Some(2030));
        // The birth date is decades before what the text mentions: not the report's day.
        assert_eq!(p.day, None);
        let q = profile(
            &article("Dam gate fails\n\nMarch 4, 2031 - The gate built in 1990 failed."),
            &ArticleAnalysis::default(),
        );
        assert_eq!(q.latest_year, Some(2031));
        assert_eq!(q.day.map(year_of_day), Some(2031));
    }
}

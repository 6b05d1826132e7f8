//! Who-said-what across articles: the entities of every article merged into one entry
//! per real speaker (name variants, titles, misspellings within a story), kept
//! incrementally as articles come and go.
//!
//! Entities are hashed into buckets by the start of their surname's sound key
//! ([`names::sound_key`]); an update re-clusters only the buckets its names touch.
//! Inside a bucket:
//! 1. people with a given name are grouped by (surname, given name); groups whose
//!    given names are compatible (Bill/William, Alex/Alexander) join when every pair
//!    across them agrees (no chaining Alexandra -> Alex -> Alexander);
//!    a misspelt or truncated surname joins only within a shared story;
//! 2. surname-only mentions ("Smith", "Minister Smith") and initials ("J. Smith") join
//!    the one person of their story with that surname; when several fit, a shared role
//!    word decides; otherwise they stay apart;
//! 3. organisations join on their folded name.
//!
//! Keys stay stable: after re-clustering, each old key goes to the new cluster holding
//! most of its entities.

mod resolve;

use super::ArticleAnalysis;
use super::entities::{EntityKind, Gender};
use super::lexicon::{FEMALE_NAMES, MALE_NAMES};
use super::names::{self, SurnameMatch};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde::{Deserialize, Serialize};
use std::any::Any;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// A quote of one article: (article id, index into that article's quotes).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct QuoteRef {
    pub article: String,
    pub quote: usize,
}

/// One real speaker across all articles.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Speaker {
    /// Stable key of this speaker inside the index (not the contract's "s1" id).
    pub key: usize,
    pub name: String,
    pub aliases: Vec<String>,
    pub roles: Vec<String>,
    pub kind: EntityKind,
    pub quotes: Vec<QuoteRef>,
}

impl Speaker {
    /// The order speakers are listed in: most quoted first, then by name (and key, so
    /// that two namesakes keep one order).
    pub fn shown_order(a: &Speaker, b: &Speaker) -> std::cmp::Ordering {
        b.quotes
            .len()
            .cmp(&a.quotes.len())
            .then(a.name.cmp(&b.name))
            .then(a.key.cmp(&b.key))
    }
}

/// (article id, entity index). The id is shared by every map and node of the article
/// (one allocation per article, not one per mention and map).
type NodeId = (Arc<str>, usize);

/// Everything of a node that [`cluster`] looks at (kind, gender, story, name, surname,
/// sound, given names, role words): two articles' nodes with equal shapes at equal ids
/// cluster alike.
type Shape = (
    EntityKind,
    Option<Gender>,
    Option<String>,
    String,
    String,
    String,
    Vec<String>,
    Vec<String>,
);

/// A node as [`SpeakerIndex::upsert`] compares it before and after a re-analysis: id,
/// bucket, shape, speaker key, and whether it looked for a person elsewhere.
type NodeShape = (NodeId, String, Shape, Option<usize>, bool);

/// A node's story before and after a move.
type StoryMove = (Option<String>, Option<String>);

/// Equal shapes but for the story (the third field).
fn same_but_story(a: &Shape, b: &Shape) -> bool {
    a.0 == b.0 && a.1 == b.1 && a.3 == b.3 && a.4 == b.4 && a.5 == b.5 && a.6 == b.6 && a.7 == b.7
}

/// One entity of one article, with what merging needs precomputed.
#[derive(Clone, Debug, Serialize, Deserialize)]
struct Node {
    article: Arc<str>,
    name: String,
    aliases: Vec<String>,
    roles: Vec<String>,
    kind: EntityKind,
    gender: Option<Gender>,
    story: Option<String>,
    quotes: Vec<usize>,
    /// Insertion order, for deterministic choices.
    seq: u64,
    /// Folded surname (people) or folded name (organisations).
    surname: String,
    /// Sound key of `surname`: equal for transliteration variants.
    sound: String,
    /// Folded given names, nickname included; initials as one letter.
    givens: Vec<String>,
    /// The name proper, without title, as written.
    bare: String,
    /// Folded content words of roles and title, for "same title" evidence; sorted and
    /// distinct (a vector: a set's smallest node is ten times the size of most lists).
    role_words: Vec<String>,
    /// A surname-only mention whose story offered no fitting person at the last
    /// clustering, so it looked for one of the same title elsewhere: only such mentions
    /// can move when a person is named in another story.
    elsewhere: bool,
}

impl Node {
    fn has_full_given(&self) -> bool {
        self.givens.iter().any(|g| g.chars().count() > 1)
    }
}

/// What a person named in full brings to the attachment of a surname-only mention of
/// its story: everything [`SpeakerIndex::attach_plan`] checks, and nothing else, so
/// that a thousand mentions of one person in one story are one entry.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
struct FullSig {
    key: usize,
    gender: Option<Gender>,
    givens: Vec<String>,
    surname: String,
    sound: String,
}

impl FullSig {
    fn of(node: &Node, key: usize) -> Self {
        Self {
            key,
            gender: node.gender,
            givens: node.givens.clone(),
            surname: node.surname.clone(),
            sound: node.sound.clone(),
        }
    }

    /// Whether this is [`FullSig::of`] `node` as speaker `key` (without building it).
    fn same(&self, node: &Node, key: usize) -> bool {
        self.key == key
            && self.gender == node.gender
            && self.givens == node.givens
            && self.surname == node.surname
            && self.sound == node.sound
    }
}

/// A surname-only or initial mention as a new person named in full of its story is
/// compared with it: the fields [`cluster`]'s `fits` reads, and its speaker.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
struct PartialSig {
    key: usize,
    gender: Option<Gender>,
    givens: Vec<String>,
    surname: String,
    sound: String,
    role_words: Vec<String>,
}

impl PartialSig {
    fn of(node: &Node, key: usize) -> Self {
        Self {
            key,
            gender: node.gender,
            givens: node.givens.clone(),
            surname: node.surname.clone(),
            sound: node.sound.clone(),
            role_words: node.role_words.clone(),
        }
    }

    fn same(&self, node: &Node, key: usize) -> bool {
        self.key == key
            && self.gender == node.gender
            && self.givens == node.givens
            && self.surname == node.surname
            && self.sound == node.sound
            && self.role_words == node.role_words
    }

    /// Whether [`cluster`] would count the person named in full `full` as one this
    /// mention may mean (same rules, the mention first).
    fn could_mean(&self, full: &Node) -> bool {
        genders_agree(self.gender, full.gender)
            && givens_agree_of(&self.givens, &full.givens)
            && match surname_rel_of((&self.surname, &self.sound), (&full.surname, &full.sound)) {
                SurnameMatch::Same | SurnameMatch::Transliterated => true,
                SurnameMatch::Misspelt => self
                    .role_words
                    .iter()
                    .any(|w| full.role_words.binary_search(w).is_ok()),
                SurnameMatch::Different => false,
            }
    }
}

/// Per bucket, what [`SpeakerIndex::attach_plan`] needs of its speakers, kept up to
/// date by `recluster` (rebuilt) and `attach` (added to): a new article's mention is
/// placed by looking up its own name keys, never by walking the bucket.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
struct BucketIndex {
    /// Speaker keys of the organisations.
    org_keys: BTreeSet<usize>,
    /// Organisations: the speaker of each sound (one: a name's mentions always merge).
    org_by_sound: HashMap<String, usize>,
    /// Organisations: per story, the folded names of its bodies (short and longer names
    /// meet within a story).
    org_names_by_story: HashMap<String, BTreeSet<String>>,
    /// People named in full: sound -> first given name -> speaker keys (nested, so a
    /// rebuild looks names up by reference instead of allocating a key per mention).
    by_name: HashMap<String, HashMap<String, BTreeSet<usize>>>,
    /// Per speaker key: whether a member named in full is female / male.
    sexes: HashMap<usize, (bool, bool)>,
    /// People named in full, per story (distinct signatures; a story names few people,
    /// so a list checked in place costs less than a set fed clones).
    fulls_by_story: HashMap<String, Vec<FullSig>>,
    /// Whether any member is a person named in full.
    has_fulls: bool,
    /// Surname-only and initial mentions: per story, their speaker keys.
    partial_keys_by_story: HashMap<Option<String>, BTreeSet<usize>>,
    /// Surname-only and initial mentions of a story, as distinct signatures: a new
    /// person named in full that none of another speaker's could mean moves none.
    partials_by_story: HashMap<String, Vec<PartialSig>>,
    /// Role words of the surname-only and initial mentions that found no one in their
    /// story (they look for a person of the same title in other stories).
    partial_roles: BTreeSet<String>,
    /// Those mentions as distinct signatures: a new person named in full who shares a
    /// role word with one moves none of them when none of another speaker's could mean
    /// them (a frequent name's bucket holds such titles for nearly every role).
    partials_elsewhere: HashSet<PartialSig>,
}

impl BucketIndex {
    /// Adds one member. A bucket of a frequent name is rebuilt from thousands of
    /// mentions of a few names, so nothing is cloned for a name already indexed.
    fn add(&mut self, node: &Node, key: usize, elsewhere: bool) {
        match node.kind {
            EntityKind::Organisation => {
                self.org_keys.insert(key);
                if !self.org_by_sound.contains_key(&node.sound) {
                    self.org_by_sound.insert(node.sound.clone(), key);
                }
                if let Some(story) = &node.story {
                    let names = match self.org_names_by_story.get_mut(story) {
                        Some(v) => v,
                        None => self.org_names_by_story.entry(story.clone()).or_default(),
                    };
                    if !names.contains(&node.surname) {
                        names.insert(node.surname.clone());
                    }
                }
            }
            EntityKind::Person if node.has_full_given() => {
                self.has_fulls = true;
                let givens = match self.by_name.get_mut(&node.sound) {
                    Some(g) => g,
                    None => self.by_name.entry(node.sound.clone()).or_default(),
                };
                match givens.get_mut(&node.givens[0]) {
                    Some(keys) => {
                        keys.insert(key);
                    }
                    None => {
                        givens.insert(node.givens[0].clone(), BTreeSet::from([key]));
                    }
                }
                let sex = self.sexes.entry(key).or_default();
                sex.0 |= node.gender == Some(Gender::Female);
                sex.1 |= node.gender == Some(Gender::Male);
                if let Some(story) = &node.story {
                    let sigs = match self.fulls_by_story.get_mut(story) {
                        Some(v) => v,
                        None => self.fulls_by_story.entry(story.clone()).or_default(),
                    };
                    if !sigs.iter().any(|f| f.same(node, key)) {
                        sigs.push(FullSig::of(node, key));
                    }
                }
            }
            EntityKind::Person => {
                match self.partial_keys_by_story.get_mut(&node.story) {
                    Some(keys) => {
                        keys.insert(key);
                    }
                    None => {
                        self.partial_keys_by_story
                            .insert(node.story.clone(), BTreeSet::from([key]));
                    }
                }
                if let Some(story) = &node.story {
                    let sigs = match self.partials_by_story.get_mut(story) {
                        Some(v) => v,
                        None => self.partials_by_story.entry(story.clone()).or_default(),
                    };
                    if !sigs.iter().any(|p| p.same(node, key)) {
                        sigs.push(PartialSig::of(node, key));
                    }
                }
                if elsewhere {
                    for w in &node.role_words {
                        if !self.partial_roles.contains(w) {
                            self.partial_roles.insert(w.clone());
                        }
                    }
                    if !node.role_words.is_empty() {
                        self.partials_elsewhere.insert(PartialSig::of(node, key));
                    }
                }
            }
        }
    }

    /// Whether a new mention of speaker `key` named in full, in story `story` with
    /// `roles`, leaves every other member where [`cluster`] would put it: no
    /// surname-only mention of its story belongs to someone else (it might now fit
    /// this person, which needs only that none of another speaker's could mean it), the story is not new to this person while others are named in it
    /// (a misspelt name merges on a shared story), and no surname-only mention shares
    /// one of its role words (it might look for this person from another story).
    fn full_leaves_rest(&self, key: usize, node: &Node) -> bool {
        let (story, roles) = (node.story.as_deref(), &node.role_words);
        let partials_ok = match story {
            Some(s) => self
                .partials_by_story
                .get(s)
                .is_none_or(|sigs| sigs.iter().all(|p| p.key == key || !p.could_mean(node))),
            None => self
                .partial_keys_by_story
                .get(&None)
                .is_none_or(|keys| keys.iter().all(|&k| k == key)),
        };
        let story_ok = story.is_none_or(|s| {
            self.fulls_by_story
                .get(s)
                .is_none_or(|sigs| sigs.is_empty() || sigs.iter().any(|f| f.key == key))
        });
        // An elsewhere mention sharing a role word that could mean this person would
        // now find them (or one more); one of this speaker already found them.
        let roles_ok = roles.iter().all(|w| !self.partial_roles.contains(w))
            || self.partials_elsewhere.iter().all(|p| {
                p.key == key
                    || !p.role_words.iter().any(|w| roles.binary_search(w).is_ok())
                    || !p.could_mean(node)
            });
        partials_ok && story_ok && roles_ok
    }
}

/// Every article's entities, merged into speakers; updated one article at a time.
/// Serializable so a folder's index can be kept in the cache between runs.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct SpeakerIndex {
    articles: BTreeMap<Arc<str>, Vec<NodeId>>,
    /// Boxed: a node is ~300 bytes and the map keeps up to twice as many slots as
    /// nodes, so unboxed its empty slots alone would outweigh the nodes.
    nodes: HashMap<NodeId, Box<Node>>,
    buckets: HashMap<String, BTreeSet<NodeId>>,
    speaker_of_node: HashMap<NodeId, usize>,
    speakers: BTreeMap<usize, Speaker>,
    /// Per speaker: its nodes (in bucket order) and their newest `seq` when built.
    built: HashMap<usize, (Vec<NodeId>, u64)>,
    /// Per bucket: the surnames too ambiguous to stand alone as aliases.
    ambiguous: HashMap<String, BTreeSet<String>>,
    /// Per bucket: what attaching a new article's mentions needs.
    index: HashMap<String, BucketIndex>,
    /// Per bucket and story: how many of the bucket's nodes are in that story (so an
    /// article that moves to a story of its own is seen to change nothing else).
    story_nodes: HashMap<String, HashMap<String, u32>>,
    next_key: usize,
    seq: u64,
    /// Per article: entities that are another entity of it under another name (a
    /// description, a bare given name), as (entity, the one it stands for).
    #[serde(default)]
    same_as: HashMap<Arc<str>, Vec<(usize, usize)>>,
    /// Per bucket: the sound keys of words that open a person's name of three words or
    /// more without being a known given name ("Tan" of "Tan Wei Jie", a surname written
    /// first), each with how many such names: a one-word alias of that sound may mean
    /// that person too, so it is ambiguous like a surname two people share.
    #[serde(default)]
    leads: HashMap<String, HashMap<String, u32>>,
    /// Buckets whose `leads` gained their first or lost their last entry of a sound in
    /// the update under way: re-clustered at its end (their aliases change).
    #[serde(skip)]
    leads_changed: BTreeSet<String>,
}

/// Words of roles that say nothing about which role it is.
const ROLE_STOPWORDS: &[&str] = &[
    "the", "of", "for", "a", "an", "in", "at", "on", "and", "to", "s", "its", "their", "his",
    "her", "mr", "mrs", "ms", "dr", "former", "acting", "new",
];

fn role_words(roles: &[String], title: Option<&str>) -> Vec<String> {
    roles
        .iter()
        .map(String::as_str)
        .chain(title)
        .flat_map(|r| {
            names::fold(r)
                .split(' ')
                .map(|w| {
                    // spokesman / spokeswoman / spokesperson are one role.
                    for suffix in ["woman", "man", "person"] {
                        if let Some(stem) = w.strip_suffix(suffix).filter(|s| s.len() >= 4) {
                            return stem.to_string();
                        }
                    }
                    w.to_string()
                })
                .collect::<Vec<_>>()
        })
        .filter(|w| w.len() > 1 && !ROLE_STOPWORDS.contains(&w.as_str()))
        .collect::<BTreeSet<String>>()
        .into_iter()
        .collect()
}

fn bucket_of(node: &Node, id: &NodeId) -> String {
    if node.sound.is_empty() {
        return format!("?{}#{}", id.0, id.1);
    }
    match node.kind {
        EntityKind::Organisation => format!(
            "o:{}",
            names::sound_key(node.surname.split(' ').next().unwrap_or_default())
        ),
        EntityKind::Person => format!("p:{}", sound_skeleton(&node.sound)),
    }
}

/// A person's bucket: the first letter of the surname's sound key and its next two
/// consonants, so that spellings apart by a vowel ("Vendel" / "Vandel") or a dropped
/// consonant late in the name ("Korst" / "Kortst") meet in one bucket.
fn sound_skeleton(sound: &str) -> String {
    let mut chars = sound.chars();
    let mut out: String = chars.next().into_iter().collect();
    out.extend(
        chars
            .filter(|c| !matches!(c, 'a' | 'e' | 'i' | 'o' | 'u'))
            .take(2),
    );
    out
}

/// The sound key of the first word of a person's name of three words or more when that
/// word is no known given name (a surname written first, "Tan" of "Tan Wei Jie"), with
/// the bucket where people of that surname are.
fn lead_of(node: &Node) -> Option<(String, String)> {
    let first = node.givens.first()?;
    let possible_surname = node.kind == EntityKind::Person
        && node.givens.len() >= 2
        && first.chars().count() > 1
        && !first.contains('~')
        && !known_given(first);
    if !possible_surname {
        return None;
    }
    let sound = names::sound_key(first);
    (!sound.is_empty()).then(|| (format!("p:{}", sound_skeleton(&sound)), sound))
}

/// A person's gender as the analysis found it, unless the given name is one of the
/// other sex only: a pronoun that went to the wrong person of a report must not keep
/// two mentions of one full name apart.
fn plausible_gender(found: Option<Gender>, given: Option<&String>) -> Option<Gender> {
    use crate::analysis::lexicon::{FEMALE_NAMES, MALE_NAMES};
    let given = given.map(|g| g.trim_end_matches('.'));
    let female = given.is_some_and(|g| FEMALE_NAMES.contains(g));
    let male = given.is_some_and(|g| MALE_NAMES.contains(g));
    match found {
        Some(Gender::Female) if male && !female => None,
        Some(Gender::Male) if female && !male => None,
        other => other,
    }
}

fn genders_agree(a: Option<Gender>, b: Option<Gender>) -> bool {
    !matches!((a, b), (Some(x), Some(y)) if x != y)
}

/// "jr", "sr", "ii", "iii", "iv" when the name ends with one ("Pat Lee Jr.").
fn generation_suffix(name: &str) -> Option<String> {
    let last = name.split_whitespace().last()?;
    let f = last
        .trim_end_matches('.')
        .trim_end_matches(',')
        .to_lowercase();
    matches!(f.as_str(), "jr" | "sr" | "ii" | "iii" | "iv").then_some(f)
}

/// A folded word that is a given name of either list.
fn known_given(w: &str) -> bool {
    MALE_NAMES.contains(w) || FEMALE_NAMES.contains(w)
}

fn givens_agree(a: &Node, b: &Node) -> bool {
    givens_agree_of(&a.givens, &b.givens)
}

fn givens_agree_of(a: &[String], b: &[String]) -> bool {
    match (a.first(), b.first()) {
        (Some(x), Some(y)) => {
            names::given_compatible_folded(x, y)
                || a.iter().any(|x| b.iter().any(|y| x == y && x.len() > 1))
        }
        _ => true,
    }
}

fn surname_rel(a: &Node, b: &Node) -> SurnameMatch {
    surname_rel_of((&a.surname, &a.sound), (&b.surname, &b.sound))
}

/// How two (folded surname, sound key) pairs relate.
fn surname_rel_of(a: (&str, &str), b: (&str, &str)) -> SurnameMatch {
    if a.0 == b.0 {
        SurnameMatch::Same
    } else if a.1 == b.1 {
        SurnameMatch::Transliterated
    } else {
        names::surname_match_folded(a.0, b.0)
    }
}

fn shares_role(a: &Node, b: &Node) -> bool {
    a.role_words
        .iter()
        .any(|w| b.role_words.binary_search(w).is_ok())
}

/// Minimal union-find over bucket positions.
struct Groups {
    parent: Vec<usize>,
}

impl Groups {
    fn new(n: usize) -> Self {
        Groups {
            parent: (0..n).collect(),
        }
    }
    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }
    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            // The smaller index stays root: deterministic.
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.parent[hi] = lo;
        }
    }
}

impl SpeakerIndex {
    pub fn new() -> Self {
        Self::default()
    }

    /// Replaces what article `article` (in story `story`, if known) contributes.
    pub fn upsert(&mut self, article: &str, story: Option<&str>, analysis: &ArticleAnalysis) {
        let before = self.shapes(article);
        let mut touched = self.detach(article);
        let ids = self.insert_nodes(article, story, analysis, &mut touched);
        let after = self.shapes(article);
        for (b, old) in touched {
            // A new article whose mentions all fit existing speakers attaches greedily;
            // a re-analysed one whose mentions are the same names as before (an added
            // paragraph, a fixed typo) keeps its speakers; anything else re-clusters.
            let fresh: Vec<&NodeId> = ids
                .iter()
                .filter(|id| bucket_of(&self.nodes[*id], id) == b)
                .collect();
            if !old.is_empty() {
                let olds: Vec<_> = before.iter().filter(|x| x.1 == b).collect();
                let news: Vec<_> = after.iter().filter(|x| x.1 == b).collect();
                let same_names = olds.len() == news.len()
                    && olds
                        .iter()
                        .zip(&news)
                        .all(|(x, y)| x.0 == y.0 && same_but_story(&x.2, &y.2));
                let moved = olds.iter().zip(&news).any(|(x, y)| x.2.2 != y.2.2);
                let unchanged = same_names && (!moved || self.moved_alone(&b, &olds, &news));
                if unchanged {
                    let keys = olds.iter().map(|x| (x.0.clone(), x.3));
                    let plan: Option<Vec<(NodeId, usize)>> =
                        keys.map(|(id, k)| Some((id, k?))).collect();
                    if let Some(plan) = plan {
                        for x in &olds {
                            if let Some(n) = self.nodes.get_mut(&x.0) {
                                n.elsewhere = x.4;
                            }
                        }
                        if moved {
                            self.forget_story_in_index(&b, olds[0].2.2.as_deref());
                        }
                        self.attach(plan);
                        continue;
                    }
                }
                self.recluster(&b, old);
                continue;
            }
            match self.attach_plan(&b, &fresh) {
                Some(plan) => self.attach(plan),
                None => self.recluster(&b, old),
            }
        }
        self.recluster_lead_changes();
    }

    /// Whether the article whose nodes of bucket `b` were `olds` and are now `news`
    /// (same names, another story) was alone in its old story and is alone in its new
    /// one among the bucket's nodes: clustering only compares stories for equality, so
    /// such a move relabels one story and changes no speaker.
    fn moved_alone(&self, b: &str, olds: &[&NodeShape], news: &[&NodeShape]) -> bool {
        let (Some(Some(from)), Some(Some(to))) = (
            olds.first().map(|x| x.2.2.as_deref()),
            news.first().map(|x| x.2.2.as_deref()),
        ) else {
            return false;
        };
        let one_story = |v: &[&NodeShape], s: &str| v.iter().all(|x| x.2.2.as_deref() == Some(s));
        let counts = self.story_nodes.get(b);
        let count = |s: &str| counts.and_then(|c| c.get(s)).copied().unwrap_or(0) as usize;
        // The old nodes are detached and the new ones inserted by now.
        one_story(olds, from) && one_story(news, to) && count(from) == 0 && count(to) == news.len()
    }

    /// Drops story `story` from bucket `b`'s attach index (no node of the bucket is in
    /// it any more).
    fn forget_story_in_index(&mut self, b: &str, story: Option<&str>) {
        if let (Some(ix), Some(s)) = (self.index.get_mut(b), story) {
            ix.fulls_by_story.remove(s);
            ix.partial_keys_by_story.remove(&Some(s.to_string()));
            ix.partials_by_story.remove(s);
            ix.org_names_by_story.remove(s);
        }
    }

    /// Counts a node of bucket `b` in (or out of) story `story`.
    fn count_story(&mut self, b: &str, story: Option<&str>, add: bool) {
        let Some(s) = story else {
            return;
        };
        if add {
            let counts = match self.story_nodes.get_mut(b) {
                Some(c) => c,
                None => self.story_nodes.entry(b.to_string()).or_default(),
            };
            match counts.get_mut(s) {
                Some(n) => *n += 1,
                None => {
                    counts.insert(s.to_string(), 1);
                }
            }
        } else if let Some(counts) = self.story_nodes.get_mut(b) {
            if let Some(n) = counts.get_mut(s) {
                *n -= 1;
                if *n == 0 {
                    counts.remove(s);
                }
            }
            if counts.is_empty() {
                self.story_nodes.remove(b);
            }
        }
    }

    /// Counts a node's lead word (see [`lead_of`]) in (or out of) `leads`; a bucket whose
    /// set of lead sounds changes goes to `leads_changed`.
    fn count_lead(&mut self, node: &Node, add: bool) {
        let Some((b, sound)) = lead_of(node) else {
            return;
        };
        let counts = self.leads.entry(b.clone()).or_default();
        let n = counts.entry(sound.clone()).or_default();
        let was = *n;
        *n = if add { was + 1 } else { was.saturating_sub(1) };
        if *n == 0 {
            counts.remove(&sound);
            if counts.is_empty() {
                self.leads.remove(&b);
            }
        }
        if was == u32::from(!add) {
            self.leads_changed.insert(b);
        }
    }

    /// Re-clusters the existing buckets whose lead sounds changed: their one-word
    /// aliases of that sound come and go.
    fn recluster_lead_changes(&mut self) {
        for b in std::mem::take(&mut self.leads_changed) {
            if self.buckets.contains_key(&b) {
                self.recluster(&b, BTreeSet::new());
            }
        }
    }

    /// Per node of `article`: its id, bucket, what clustering looks at, its speaker and
    /// whether it looked for a person elsewhere.
    fn shapes(&self, article: &str) -> Vec<NodeShape> {
        self.articles
            .get(article)
            .into_iter()
            .flatten()
            .filter_map(|id| {
                let n = self.nodes.get(id)?;
                let shape = (
                    n.kind,
                    n.gender,
                    n.story.clone(),
                    n.name.clone(),
                    n.surname.clone(),
                    n.sound.clone(),
                    n.givens.clone(),
                    n.role_words.clone(),
                );
                let key = self.speaker_of_node.get(id).copied();
                Some((id.clone(), bucket_of(n, id), shape, key, n.elsewhere))
            })
            .collect()
    }

    /// Gives back the spare capacity that growth by pushing left in the per-article
    /// id lists: the folder keeps them for its whole life. Changes no content. (Nodes,
    /// bucket indexes and speakers give theirs back as they are made, where the room
    /// freed serves the next ones: see `insert_nodes`, `recluster`, `build_speaker`.)
    fn shrink(&mut self) {
        for ids in self.articles.values_mut() {
            ids.shrink_to_fit();
        }
    }

    /// Replaces what each of several articles (with its story) contributes, then
    /// clusters every touched bucket once: a folder load costs one clustering per name
    /// group, not one per article. Same speakers as upserting them one by one.
    pub fn upsert_many<'a>(
        &mut self,
        items: impl IntoIterator<Item = (&'a str, Option<&'a str>, &'a ArticleAnalysis)>,
    ) {
        // a load into an empty index: the nodes are then compacted once (an update
        // batch must not walk every node)
        let load = self.nodes.is_empty();
        let mut touched: BTreeMap<String, BTreeSet<usize>> = BTreeMap::new();
        for (article, story, analysis) in items {
            for (b, old) in self.detach(article) {
                touched.entry(b).or_default().extend(old);
            }
            self.insert_nodes(article, story, analysis, &mut touched);
        }
        // every node is in by now: a bucket re-clustered here already sees its leads
        for b in std::mem::take(&mut self.leads_changed) {
            if self.buckets.contains_key(&b) {
                touched.entry(b).or_default();
            }
        }
        for (b, old) in touched {
            self.recluster(&b, old);
        }
        if load {
            self.shrink();
        }
    }

    /// Adds the nodes of one (detached) article; their buckets go to `touched`.
    fn insert_nodes(
        &mut self,
        article: &str,
        story: Option<&str>,
        analysis: &ArticleAnalysis,
        touched: &mut BTreeMap<String, BTreeSet<usize>>,
    ) -> Vec<NodeId> {
        let mut ids = Vec::new();
        let shared: Arc<str> = Arc::from(article);
        // Each entity's quotes, in one pass (not one pass over the quotes per entity).
        let mut quotes_of: Vec<Vec<usize>> = vec![Vec::new(); analysis.entities.len()];
        let fates = resolve::fates(&analysis.entities);
        let mut same_as = Vec::new();
        for (qi, q) in analysis.quotes.iter().enumerate() {
            // a description's quotes are those of the one it describes
            let owner = q.speaker.and_then(|i| match fates.get(i)? {
                resolve::Fate::Own => Some(i),
                resolve::Fate::Same(j) => Some(*j),
                resolve::Fate::Dropped => None,
            });
            if let Some(list) = owner.and_then(|i| quotes_of.get_mut(i)) {
                list.push(qi);
            }
        }
        for (i, e) in analysis.entities.iter().enumerate() {
            match fates[i] {
                resolve::Fate::Own => {}
                resolve::Fate::Same(j) => {
                    same_as.push((i, j));
                    continue;
                }
                resolve::Fate::Dropped => continue,
            }
            let quotes = std::mem::take(&mut quotes_of[i]);
            let proper = resolve::name_proper(&e.name, e.kind);
            let parsed = names::parse(proper);
            let (surname, givens, bare) = match e.kind {
                EntityKind::Person => {
                    let mut givens: Vec<String> = parsed
                        .given
                        .iter()
                        .map(|g| names::fold(g.trim_end_matches('.')))
                        .filter(|g| !g.is_empty())
                        .collect();
                    givens.extend(parsed.nickname.as_deref().map(names::fold));
                    // "Anton Vell Jr" is not "Anton Vell": the generation suffix
                    // is part of the first given name's identity
                    if let Some(sfx) = generation_suffix(proper)
                        && let Some(g) = givens.first_mut()
                    {
                        *g = format!("{sfx}~{g}");
                    }
                    let bare = if parsed.surname.is_some() {
                        parsed.bare()
                    } else {
                        proper.to_string()
                    };
                    (parsed.surname_key().unwrap_or_default(), givens, bare)
                }
                EntityKind::Organisation => {
                    (names::org_core(proper), Vec::new(), proper.to_string())
                }
            };
            let sound = match e.kind {
                EntityKind::Person => names::sound_key(&surname.replace(' ', "")),
                // bucketed by the first word, so that the short name ("Calder") meets
                // the full one ("Calder Pharma"); see `cluster`
                EntityKind::Organisation => names::sound_key(&surname),
            };
            self.seq += 1;
            let mut node = Node {
                article: shared.clone(),
                name: e.name.clone(),
                aliases: e.aliases.clone(),
                roles: e.roles.clone(),
                kind: e.kind,
                gender: match e.kind {
                    EntityKind::Person => plausible_gender(e.gender, parsed.given.first()),
                    EntityKind::Organisation => e.gender,
                },
                story: story.map(str::to_string),
                quotes,
                seq: self.seq,
                surname,
                sound,
                givens,
                bare,
                role_words: role_words(&e.roles, parsed.title.as_deref()),
                elsewhere: false,
            };
            let id: NodeId = (shared.clone(), i);
            // Without the room left by growth (a list of one given name had room for
            // four), given back now, while the next nodes can use it: a load's peak
            // holds every node.
            node.surname.shrink_to_fit();
            node.sound.shrink_to_fit();
            node.bare.shrink_to_fit();
            node.givens.iter_mut().for_each(String::shrink_to_fit);
            node.givens.shrink_to_fit();
            node.quotes.shrink_to_fit();
            node.role_words.shrink_to_fit();
            let bucket = bucket_of(&node, &id);
            self.count_story(&bucket, node.story.as_deref(), true);
            self.count_lead(&node, true);
            self.buckets
                .entry(bucket.clone())
                .or_default()
                .insert(id.clone());
            touched.entry(bucket).or_default();
            self.nodes.insert(id.clone(), Box::new(node));
            ids.push(id);
        }
        if !same_as.is_empty() {
            self.same_as.insert(shared.clone(), same_as);
        }
        self.articles.insert(shared, ids.clone());
        ids
    }

    /// Where each new node of `bucket` goes when it fits exactly one existing speaker
    /// (the same rules as [`cluster`], applied to one mention); `None` when any does not.
    /// Looks up the bucket's [`BucketIndex`] by the mentions' own names and story.
    fn attach_plan(&self, bucket: &str, fresh: &[&NodeId]) -> Option<Vec<(NodeId, usize)>> {
        let ix = self.index.get(bucket)?;
        if ix.org_keys.is_empty() && !ix.has_fulls {
            return None;
        }
        // Keys for mentions that make a speaker of their own.
        let mut next_key = self.next_key;
        let mut new_org: Option<usize> = None;
        let mut plan: Vec<(NodeId, usize)> = Vec::new();
        let mut partial: Vec<&NodeId> = Vec::new();
        // The new article's own people named in full, with their speakers.
        let mut fresh_fulls: Vec<(&Node, usize)> = Vec::new();
        let mut sexes: HashMap<usize, (bool, bool)> = HashMap::default();
        for &id in fresh {
            let node = &self.nodes[id];
            let key = match node.kind {
                EntityKind::Organisation => {
                    // No short or longer name to decide on: the article's bodies of the
                    // bucket and those of its story all have this very name.
                    let alone = fresh.iter().all(|f| {
                        let n = &self.nodes[*f];
                        n.kind != EntityKind::Organisation || n.surname == node.surname
                    });
                    let story_alone = node.story.as_deref().is_none_or(|s| {
                        ix.org_names_by_story
                            .get(s)
                            .is_none_or(|names| names.iter().all(|x| *x == node.surname))
                    });
                    if !alone || !story_alone {
                        return None;
                    }
                    match ix.org_by_sound.get(&node.sound) {
                        Some(&k) => k,
                        // a body new to the bucket: one speaker of its own
                        None => *new_org.get_or_insert_with(|| {
                            next_key += 1;
                            next_key - 1
                        }),
                    }
                }
                EntityKind::Person if node.has_full_given() => {
                    let keys = ix.by_name.get(&node.sound)?.get(&node.givens[0])?;
                    if keys.len() != 1 {
                        return None;
                    }
                    let key = *keys.first()?;
                    // the speaker's sexes with this article's earlier mentions of it
                    let sex = sexes
                        .entry(key)
                        .or_insert_with(|| ix.sexes.get(&key).copied().unwrap_or_default());
                    sex.0 |= node.gender == Some(Gender::Female);
                    sex.1 |= node.gender == Some(Gender::Male);
                    let clash = sex.0 && sex.1;
                    if clash || !ix.full_leaves_rest(key, node) {
                        return None;
                    }
                    fresh_fulls.push((node, key));
                    key
                }
                EntityKind::Person => {
                    partial.push(id);
                    continue;
                }
            };
            plan.push((id.clone(), key));
        }
        // Two people of one new article may now share a story (and merge if their
        // names are spelling variants): the full clustering decides.
        let fresh_keys: BTreeSet<usize> = fresh_fulls.iter().map(|(_, k)| *k).collect();
        if fresh_keys.len() > 1 {
            return None;
        }
        let fresh_partials: Vec<&Node> = partial.iter().map(|id| &*self.nodes[*id]).collect();
        for id in partial {
            let ni = &self.nodes[id];
            let story = ni.story.as_deref()?;
            // People the article itself names in full are someone else than this mention.
            let blocked: BTreeSet<usize> = fresh_fulls
                .iter()
                .filter(|(n, _)| n.article == ni.article)
                .map(|(_, k)| *k)
                .collect();
            let fits = |gender, givens: &[String], surname: &str, sound: &str| {
                genders_agree(ni.gender, gender)
                    && givens_agree_of(&ni.givens, givens)
                    && matches!(
                        surname_rel_of((&ni.surname, &ni.sound), (surname, sound)),
                        SurnameMatch::Same | SurnameMatch::Transliterated
                    )
            };
            let existing = ix
                .fulls_by_story
                .get(story)
                .into_iter()
                .flatten()
                .filter(|f| fits(f.gender, &f.givens, &f.surname, &f.sound))
                .map(|f| f.key);
            let new = fresh_fulls
                .iter()
                .filter(|(nj, _)| {
                    nj.story.as_deref() == Some(story)
                        && fits(nj.gender, &nj.givens, &nj.surname, &nj.sound)
                })
                .map(|(_, k)| *k);
            let roots: BTreeSet<usize> = existing
                .chain(new)
                .filter(|k| !blocked.contains(k))
                .collect();
            if roots.is_empty() && self.unplaced_alone(ix, ni, &fresh_partials) {
                // no one to join: a speaker of its own, as step 3 of `cluster` leaves it
                plan.push((id.clone(), next_key));
                next_key += 1;
                continue;
            }
            if roots.len() != 1 {
                return None;
            }
            plan.push((id.clone(), *roots.first()?));
        }
        Some(plan)
    }

    /// Whether surname-only mention `ni` of a new article, which fits no person of its
    /// story, stays a speaker of its own in [`cluster`] and changes no one else: it has
    /// no title to look for elsewhere, and no other surname-only or initial mention of
    /// its surname's sound is in its story (in the bucket or the article), which step 3
    /// would join to it.
    fn unplaced_alone(&self, ix: &BucketIndex, ni: &Node, fresh_partials: &[&Node]) -> bool {
        let Some(story) = ni.story.as_deref() else {
            return false;
        };
        let in_story = ix
            .partials_by_story
            .get(story)
            .is_some_and(|sigs| sigs.iter().any(|p| p.sound == ni.sound));
        let twice = fresh_partials
            .iter()
            .filter(|n| n.sound == ni.sound && n.story == ni.story)
            .count()
            > 1;
        ni.role_words.is_empty() && !in_story && !twice
    }

    /// Adds new nodes to existing speakers (or to new ones, keys from `next_key` on)
    /// and rebuilds only those speakers.
    fn attach(&mut self, plan: Vec<(NodeId, usize)>) {
        let mut keys = BTreeSet::new();
        for (id, key) in plan {
            // a surname-only mention made a speaker of its own looked elsewhere (and,
            // having no title, found no one: see `unplaced_alone`)
            if key >= self.next_key
                && let Some(n) = self.nodes.get_mut(&id)
                && n.kind == EntityKind::Person
            {
                n.elsewhere = !n.has_full_given();
            }
            self.next_key = self.next_key.max(key + 1);
            let seq = self.nodes[&id].seq;
            let entry = self.built.entry(key).or_default();
            if let Err(pos) = entry.0.binary_search(&id) {
                entry.0.insert(pos, id.clone());
            }
            entry.1 = entry.1.max(seq);
            let node = &self.nodes[&id];
            self.index
                .entry(bucket_of(node, &id))
                .or_default()
                .add(node, key, node.elsewhere);
            self.speaker_of_node.insert(id, key);
            keys.insert(key);
        }
        for key in keys {
            let Some((members, _)) = self.built.get(&key) else {
                continue;
            };
            let Some(first) = members.first() else {
                continue;
            };
            let bucket = bucket_of(&self.nodes[first], first);
            let empty = BTreeSet::new();
            let ambiguous = self.ambiguous.get(&bucket).unwrap_or(&empty);
            let of: Vec<(&NodeId, &Node)> =
                members.iter().map(|id| (id, &*self.nodes[id])).collect();
            let speaker = build_speaker(key, of, ambiguous);
            self.speakers.insert(key, speaker);
        }
    }

    /// Records that article `article` now belongs to story `story` (stories merge and
    /// split as articles come and go). Re-clusters only the article's buckets, and only
    /// when the story really changed.
    pub fn set_story(&mut self, article: &str, story: Option<&str>) {
        self.set_stories([(article, story)]);
    }

    /// [`Self::set_story`] for several articles: each touched bucket re-clusters once.
    pub fn set_stories<'a>(&mut self, items: impl IntoIterator<Item = (&'a str, Option<&'a str>)>) {
        let mut touched = BTreeSet::new();
        let mut moves: Vec<(String, Option<String>, Option<String>)> = Vec::new();
        for (article, story) in items {
            let Some(ids) = self.articles.get(article) else {
                continue;
            };
            for id in ids {
                if let Some(node) = self.nodes.get_mut(id)
                    && node.story.as_deref() != story
                {
                    let old = std::mem::replace(&mut node.story, story.map(str::to_string));
                    let b = bucket_of(node, id);
                    moves.push((b.clone(), old, story.map(str::to_string)));
                    touched.insert(b);
                }
            }
        }
        // Clustering compares stories only for equality: a bucket whose moves rename
        // whole stories (no same-story pair made or broken) keeps its speakers.
        let mut by_bucket: BTreeMap<String, Vec<StoryMove>> = BTreeMap::new();
        for (b, from, to) in moves {
            by_bucket.entry(b).or_default().push((from, to));
        }
        let renames: BTreeMap<String, Option<BTreeMap<String, String>>> = by_bucket
            .iter()
            .map(|(b, m)| (b.clone(), self.story_renaming(b, m)))
            .collect();
        for (b, m) in &by_bucket {
            for (from, to) in m {
                self.count_story(b, from.as_deref(), false);
                self.count_story(b, to.as_deref(), true);
            }
        }
        for b in touched {
            match renames.get(&b) {
                Some(Some(rename)) => self.rename_stories_in_index(&b, rename),
                _ => self.recluster(&b, BTreeSet::new()),
            }
        }
    }

    /// When the story moves `moves` (one per moved node of bucket `b`, counted before
    /// them) map whole stories of the bucket one to one onto stories where none of its
    /// other nodes is, the renaming (old story -> new one); otherwise `None`. Such a move
    /// neither joins two nodes in a story nor parts two, so every clustering rule reads
    /// the same.
    fn story_renaming(&self, b: &str, moves: &[StoryMove]) -> Option<BTreeMap<String, String>> {
        let mut rename: BTreeMap<String, String> = BTreeMap::new();
        let mut moved_out: HashMap<&str, u32> = HashMap::default();
        for (from, to) in moves {
            // no story is a story of its own to the partial mentions: re-cluster
            let (from, to) = (from.as_deref()?, to.as_deref()?);
            if rename
                .entry(from.to_string())
                .or_insert_with(|| to.to_string())
                != to
            {
                return None;
            }
            *moved_out.entry(from).or_default() += 1;
        }
        let counts = self.story_nodes.get(b);
        let count = |s: &str| counts.and_then(|c| c.get(s)).copied().unwrap_or(0);
        let mut targets = BTreeSet::new();
        for (from, to) in &rename {
            let stays_in_target = count(to) - moved_out.get(to.as_str()).copied().unwrap_or(0);
            if count(from) != moved_out[from.as_str()] || stays_in_target != 0 {
                return None;
            }
            if !targets.insert(to.as_str()) {
                return None;
            }
        }
        Some(rename)
    }

    /// Renames stories in bucket `b`'s attach index (see [`Self::story_renaming`]).
    fn rename_stories_in_index(&mut self, b: &str, rename: &BTreeMap<String, String>) {
        let Some(ix) = self.index.get_mut(b) else {
            return;
        };
        // Taken out first: a renaming may swap two stories.
        let mut fulls = Vec::new();
        let mut keys = Vec::new();
        let mut partials = Vec::new();
        let mut orgs = Vec::new();
        for (from, to) in rename {
            orgs.extend(ix.org_names_by_story.remove(from).map(|v| (to, v)));
            fulls.extend(ix.fulls_by_story.remove(from).map(|v| (to, v)));
            keys.extend(
                ix.partial_keys_by_story
                    .remove(&Some(from.clone()))
                    .map(|v| (to, v)),
            );
            partials.extend(ix.partials_by_story.remove(from).map(|v| (to, v)));
        }
        for (to, v) in fulls {
            ix.fulls_by_story.insert(to.clone(), v);
        }
        for (to, v) in keys {
            ix.partial_keys_by_story.insert(Some(to.clone()), v);
        }
        for (to, v) in partials {
            ix.partials_by_story.insert(to.clone(), v);
        }
        for (to, v) in orgs {
            ix.org_names_by_story.insert(to.clone(), v);
        }
    }

    /// Forgets everything article `article` contributed.
    pub fn remove(&mut self, article: &str) {
        let before = self.shapes(article);
        for (b, old) in self.detach(article) {
            let olds: Vec<&NodeShape> = before.iter().filter(|x| x.1 == b).collect();
            if self.removal_leaves_rest(&b, &olds) {
                self.drop_removed(&b, &olds);
            } else {
                self.recluster(&b, old);
            }
        }
        self.recluster_lead_changes();
    }

    /// Whether removing (already detached) nodes `olds` of one article from people's
    /// bucket `b` leaves every other node in the cluster it had, so that the clusters
    /// need no recomputing: the article was alone in its story in this bucket (so no
    /// other mention compared itself with its people there), its people named in full
    /// are one speaker, and each such mention had a twin before it in that speaker (same
    /// name and gender, so the name group's first member and what the group knew of its
    /// gender stay) and, for each title a mention elsewhere looks for, a twin holding it.
    fn removal_leaves_rest(&self, b: &str, olds: &[&NodeShape]) -> bool {
        let Some(Some(story)) = olds.first().map(|x| x.2.2.as_deref()) else {
            return false;
        };
        let people = b.starts_with("p:")
            && olds
                .iter()
                .all(|x| x.2.2.as_deref() == Some(story) && x.2.0 == EntityKind::Person);
        let others_in_story = self
            .story_nodes
            .get(b)
            .is_some_and(|c| c.contains_key(story));
        let bodies = b.starts_with("o:")
            && olds
                .iter()
                .all(|x| x.2.2.as_deref() == Some(story) && x.2.0 == EntityKind::Organisation);
        if bodies {
            return self.body_twins_stay(b, story, olds);
        }
        let Some(ix) = self.index.get(b) else {
            return false;
        };
        if people && others_in_story {
            return self.twins_stay(olds);
        }
        if !people {
            return false;
        }
        let fulls: Vec<&NodeShape> = olds
            .iter()
            .copied()
            .filter(|x| x.2.6.iter().any(|g| g.chars().count() > 1))
            .collect();
        let one_person = fulls
            .windows(2)
            .all(|w| w[0].3 == w[1].3 && w[0].2.5 == w[1].2.5);
        if !one_person {
            return false;
        }
        let Some(key) = fulls.first().map(|f| f.3) else {
            return true; // surname-only mentions decide nothing for anyone else
        };
        let Some((members, _)) = key.and_then(|k| self.built.get(&k)) else {
            return false;
        };
        // Members of the speaker that stay (the removed ones are detached already).
        let rest: Vec<(&NodeId, &Node)> = members
            .iter()
            .filter_map(|id| Some((id, &**self.nodes.get(id)?)))
            .collect();
        fulls.iter().all(|f| {
            let (gender, surname, sound, givens) = (f.2.1, &f.2.4, &f.2.5, &f.2.6);
            let twin = |n: &Node| {
                n.kind == EntityKind::Person
                    && n.gender == gender
                    && n.sound == *sound
                    && n.givens == *givens
                    && n.surname == *surname
            };
            let first_stays = rest.iter().any(|(id, n)| {
                **id < f.0
                    && n.kind == EntityKind::Person
                    && n.has_full_given()
                    && n.sound == *sound
                    && n.givens.first() == givens.first()
                    && (gender.is_none() || n.gender == gender)
            });
            let titles_stay =
                f.2.7
                    .iter()
                    .filter(|w| ix.partial_roles.contains(*w))
                    .all(|w| {
                        rest.iter()
                            .any(|(_, n)| twin(n) && n.role_words.binary_search(w).is_ok())
                    });
            first_stays && titles_stay
        })
    }

    /// Whether the removed people `olds` of one story, where other nodes of the bucket
    /// stay, each leave a stand-in that does all they did in [`cluster`]: a person named
    /// in full leaves a member of its speaker in the same story with the same names, no
    /// other gender and every role word of it (so each surname-only mention it fitted
    /// fits the stand-in, of the same speaker), and an earlier member with the same
    /// sound, first given name and gender (so the name group's first member and what it
    /// knew of its gender stay); a surname-only or initial mention leaves a member named
    /// in full in its speaker (it joined a person in step 2, which nothing after reads).
    fn twins_stay(&self, olds: &[&NodeShape]) -> bool {
        let members_of = |key: Option<usize>| -> Option<Vec<(&NodeId, &Node)>> {
            let (members, _) = self.built.get(&key?)?;
            // the removed ones are detached already
            Some(
                members
                    .iter()
                    .filter_map(|id| Some((id, &**self.nodes.get(id)?)))
                    .collect(),
            )
        };
        olds.iter().all(|x| {
            let Some(rest) = members_of(x.3) else {
                return false;
            };
            let (gender, story, surname, sound, givens, roles) =
                (x.2.1, &x.2.2, &x.2.4, &x.2.5, &x.2.6, &x.2.7);
            let full = givens.iter().any(|g| g.chars().count() > 1);
            if !full {
                // joined a person in step 2 (which nothing after reads), or an earlier
                // mention of its step-3 group with what it brought to the group
                return rest.iter().any(|(id, n)| {
                    n.kind == EntityKind::Person
                        && (n.has_full_given()
                            || **id < x.0
                                && n.story == *story
                                && n.sound == *sound
                                && n.givens.first() == givens.first()
                                && (gender.is_none() || n.gender == gender))
                });
            }
            let stand_in = rest.iter().any(|(_, n)| {
                n.kind == EntityKind::Person
                    && n.story == *story
                    && (n.gender.is_none() || n.gender == gender)
                    && n.surname == *surname
                    && n.sound == *sound
                    && n.givens == *givens
                    && roles.iter().all(|w| n.role_words.binary_search(w).is_ok())
            });
            let first_stays = rest.iter().any(|(id, n)| {
                **id < x.0
                    && n.kind == EntityKind::Person
                    && n.has_full_given()
                    && n.sound == *sound
                    && n.givens.first() == givens.first()
                    && (gender.is_none() || n.gender == gender)
            });
            stand_in && first_stays
        })
    }

    /// Whether removing (already detached) bodies `olds` of story `story` leaves the
    /// clusters of bucket `b` as they are: each leaves a body of the same folded name
    /// (and the same possessive inside, or none) in the story, so every short name of
    /// the story finds the same longer names ([`cluster_orgs`] looks in the article,
    /// which is part of its story, and the story) and its own name's speaker stays.
    fn body_twins_stay(&self, b: &str, story: &str, olds: &[&NodeShape]) -> bool {
        let Some(set) = self.buckets.get(b) else {
            return false;
        };
        olds.iter().all(|x| {
            let (name, surname) = (&x.2.3, &x.2.4);
            let inner = names::has_inner_possessive(name);
            set.iter().any(|id| {
                self.nodes.get(id).is_some_and(|n| {
                    n.story.as_deref() == Some(story)
                        && n.surname == *surname
                        && names::has_inner_possessive(&n.name) == inner
                })
            })
        })
    }

    /// Takes detached nodes `olds` out of their speakers of bucket `b` (see
    /// [`Self::removal_leaves_rest`]): each speaker loses them and is rebuilt, or goes.
    fn drop_removed(&mut self, b: &str, olds: &[&NodeShape]) {
        let story = olds[0].2.2.as_deref();
        let others_in_story =
            story.is_some_and(|s| self.story_nodes.get(b).is_some_and(|c| c.contains_key(s)));
        if others_in_story {
            self.rebuild_index(b);
        } else {
            self.forget_story_in_index(b, story);
        }
        let gone: BTreeSet<&NodeId> = olds.iter().map(|x| &x.0).collect();
        let keys: BTreeSet<usize> = olds.iter().filter_map(|x| x.3).collect();
        let empty = BTreeSet::new();
        let ambiguous = self.ambiguous.get(b).unwrap_or(&empty);
        for key in keys {
            let Some(entry) = self.built.get_mut(&key) else {
                continue;
            };
            entry.0.retain(|id| !gone.contains(id));
            if entry.0.is_empty() {
                self.built.remove(&key);
                self.speakers.remove(&key);
                continue;
            }
            let of: Vec<(&NodeId, &Node)> =
                entry.0.iter().map(|id| (id, &*self.nodes[id])).collect();
            entry.1 = of.iter().map(|(_, n)| n.seq).max().unwrap_or(0);
            let speaker = build_speaker(key, of, ambiguous);
            self.speakers.insert(key, speaker);
        }
    }

    /// Rebuilds bucket `b`'s attach index from its nodes as they are clustered now.
    fn rebuild_index(&mut self, b: &str) {
        let mut index = BucketIndex::default();
        for id in self.buckets.get(b).into_iter().flatten() {
            if let (Some(node), Some(&key)) = (self.nodes.get(id), self.speaker_of_node.get(id)) {
                index.add(node, key, node.elsewhere);
            }
        }
        self.index.insert(b.to_string(), index);
    }

    /// Speakers that have at least one quote and are a person or a body (no document,
    /// possessive or place: see [`resolve::agent`]), most quoted first, then by name.
    pub fn speakers(&self) -> Vec<&Speaker> {
        let mut v: Vec<&Speaker> = self
            .speakers
            .values()
            .filter(|s| !s.quotes.is_empty() && resolve::agent(s))
            .collect();
        v.sort_by(|a, b| Speaker::shown_order(a, b));
        v
    }

    /// How many mentions each name group (bucket) holds, largest first: what a
    /// re-clustering walks (for the scale benchmark).
    pub fn bucket_sizes(&self) -> Vec<usize> {
        let mut v: Vec<usize> = self.buckets.values().map(BTreeSet::len).collect();
        v.sort_unstable_by(|a, b| b.cmp(a));
        v
    }

    /// A copy of each part of the index, by name, made when called: a benchmark weighs
    /// each by its allocator's growth while the copy lives.
    #[allow(clippy::type_complexity)]
    pub fn part_copies(&self) -> Vec<(&'static str, Box<dyn Fn() -> Box<dyn Any> + '_>)> {
        vec![
            ("articles", Box::new(|| Box::new(self.articles.clone()))),
            ("nodes", Box::new(|| Box::new(self.nodes.clone()))),
            ("buckets", Box::new(|| Box::new(self.buckets.clone()))),
            (
                "speaker_of_node",
                Box::new(|| Box::new(self.speaker_of_node.clone())),
            ),
            ("speakers", Box::new(|| Box::new(self.speakers.clone()))),
            ("built", Box::new(|| Box::new(self.built.clone()))),
            ("ambiguous", Box::new(|| Box::new(self.ambiguous.clone()))),
            ("index", Box::new(|| Box::new(self.index.clone()))),
            (
                "story_nodes",
                Box::new(|| Box::new(self.story_nodes.clone())),
            ),
            ("same_as", Box::new(|| Box::new(self.same_as.clone()))),
            ("leads", Box::new(|| Box::new(self.leads.clone()))),
        ]
    }

    /// The speaker with key `key` (quoted or not).
    pub fn get(&self, key: usize) -> Option<&Speaker> {
        self.speakers.get(&key)
    }

    /// Makes every map and node of an article hold the one id kept in `articles`: a
    /// snapshot read back gives each copy its own allocation (one per mention and map).
    pub fn share_ids(&mut self) {
        let canon: HashSet<Arc<str>> = self.articles.keys().cloned().collect();
        let share = |a: &Arc<str>| canon.get(&**a).cloned().unwrap_or_else(|| a.clone());
        let id = |x: &NodeId| (share(&x.0), x.1);
        self.articles = std::mem::take(&mut self.articles)
            .into_iter()
            .map(|(a, ids)| (share(&a), ids.iter().map(id).collect()))
            .collect();
        self.nodes = std::mem::take(&mut self.nodes)
            .into_iter()
            .map(|(k, mut n)| {
                n.article = share(&n.article);
                (id(&k), n)
            })
            .collect();
        for set in self.buckets.values_mut() {
            *set = set.iter().map(id).collect();
        }
        self.same_as = std::mem::take(&mut self.same_as)
            .into_iter()
            .map(|(a, v)| (share(&a), v))
            .collect();
        self.speaker_of_node = std::mem::take(&mut self.speaker_of_node)
            .into_iter()
            .map(|(k, v)| (id(&k), v))
            .collect();
        for (ids, _) in self.built.values_mut() {
            *ids = ids.iter().map(id).collect();
        }
    }

    /// The speaker that entity `entity` of article `article` belongs to.
    pub fn speaker_of(&self, article: &str, entity: usize) -> Option<&Speaker> {
        let id: Arc<str> = Arc::from(article);
        let entity = self
            .same_as
            .get(&id)
            .and_then(|v| v.iter().find(|(i, _)| *i == entity))
            .map_or(entity, |&(_, j)| j);
        let key = self.speaker_of_node.get(&(id, entity))?;
        self.speakers.get(key)
    }

    /// Drops an article's nodes; returns the buckets that need re-clustering, with the
    /// speaker keys the dropped nodes had.
    fn detach(&mut self, article: &str) -> BTreeMap<String, BTreeSet<usize>> {
        let mut touched: BTreeMap<String, BTreeSet<usize>> = BTreeMap::new();
        self.same_as.remove(article);
        for id in self.articles.remove(article).unwrap_or_default() {
            if let Some(node) = self.nodes.remove(&id) {
                let b = bucket_of(&node, &id);
                self.count_story(&b, node.story.as_deref(), false);
                self.count_lead(&node, false);
                if let Some(set) = self.buckets.get_mut(&b) {
                    set.remove(&id);
                    if set.is_empty() {
                        self.buckets.remove(&b);
                    }
                }
                let keys = touched.entry(b).or_default();
                keys.extend(self.speaker_of_node.remove(&id));
            }
        }
        touched
    }

    /// Re-clusters one bucket and rebuilds its speakers, keeping keys stable. A frequent
    /// name's bucket holds thousands of mentions, so each member's node and old speaker
    /// are looked up once; everything after works on positions.
    fn recluster(&mut self, bucket: &str, mut old_keys: BTreeSet<usize>) {
        // Taken out while working so the rest of `self` can change.
        let set = self.buckets.remove(bucket).unwrap_or_default();
        let ids: Vec<&NodeId> = set.iter().collect();
        let nodes: Vec<&Node> = ids.iter().map(|id| &*self.nodes[*id]).collect();
        let prior: Vec<Option<usize>> = ids
            .iter()
            .map(|id| self.speaker_of_node.get(*id).copied())
            .collect();
        let (clusters, elsewhere) = cluster(&nodes);
        let flips: Vec<usize> = (0..nodes.len())
            .filter(|&m| nodes[m].elsewhere != elsewhere[m])
            .collect();
        let mut ambiguous = ambiguous_surnames(&nodes, &clusters);
        ambiguous.extend(
            self.leads
                .get(bucket)
                .into_iter()
                .flat_map(|l| l.keys().cloned()),
        );
        let ambiguity_changed = self.ambiguous.get(bucket) != Some(&ambiguous);
        old_keys.extend(prior.iter().flatten());
        // Keep each old key on the cluster holding most of its nodes.
        let mut votes: Vec<(usize, usize, usize)> = Vec::new(); // (count, cluster, key)
        for (ci, members) in clusters.iter().enumerate() {
            let mut count: BTreeMap<usize, usize> = BTreeMap::new();
            for &m in members {
                if let Some(k) = prior[m] {
                    *count.entry(k).or_default() += 1;
                }
            }
            votes.extend(count.into_iter().map(|(k, n)| (n, ci, k)));
        }
        votes.sort_by(|a, b| b.0.cmp(&a.0).then(a.2.cmp(&b.2)).then(a.1.cmp(&b.1)));
        let mut key_of_cluster: Vec<Option<usize>> = vec![None; clusters.len()];
        let mut used = BTreeSet::new();
        for (_, ci, k) in votes {
            if key_of_cluster[ci].is_none() && !used.contains(&k) {
                key_of_cluster[ci] = Some(k);
                used.insert(k);
            }
        }
        for k in old_keys.difference(&used) {
            self.speakers.remove(k);
            self.built.remove(k);
        }
        let keys: Vec<usize> = key_of_cluster
            .into_iter()
            .map(|k| {
                k.unwrap_or_else(|| {
                    self.next_key += 1;
                    self.next_key - 1
                })
            })
            .collect();
        let mut built = Vec::new();
        for (ci, members) in clusters.iter().enumerate() {
            let key = keys[ci];
            let max_seq = members.iter().map(|&m| nodes[m].seq).max().unwrap_or(0);
            // Unchanged members (same nodes, none re-analysed): the speaker stands.
            let unchanged = !ambiguity_changed
                && self.built.get(&key).is_some_and(|(old, seq)| {
                    *seq == max_seq
                        && old.len() == members.len()
                        && old.iter().zip(members).all(|(a, &m)| a == ids[m])
                });
            if unchanged {
                continue;
            }
            let of: Vec<(&NodeId, &Node)> = members.iter().map(|&m| (ids[m], nodes[m])).collect();
            let speaker = build_speaker(key, of, &ambiguous);
            built.push((ci, max_seq, speaker));
        }
        // The bucket's attachment index, straight from the clusters and their keys
        // (without the room its per-story lists grew, a list of one signature had room
        // for four: given back bucket by bucket, the next bucket reuses it).
        let mut index = BucketIndex::default();
        for (ci, members) in clusters.iter().enumerate() {
            for &m in members {
                index.add(nodes[m], keys[ci], elsewhere[m]);
            }
        }
        index
            .fulls_by_story
            .values_mut()
            .for_each(Vec::shrink_to_fit);
        index
            .partials_by_story
            .values_mut()
            .for_each(Vec::shrink_to_fit);
        let flips: Vec<(NodeId, bool)> = flips
            .into_iter()
            .map(|m| (ids[m].clone(), elsewhere[m]))
            .collect();
        for (id, flag) in flips {
            if let Some(n) = self.nodes.get_mut(&id) {
                n.elsewhere = flag;
            }
        }
        for (ci, max_seq, speaker) in built {
            let key = keys[ci];
            let member_ids: Vec<NodeId> = clusters[ci].iter().map(|&m| ids[m].clone()).collect();
            for (id, &m) in member_ids.iter().zip(&clusters[ci]) {
                if prior[m] != Some(key) {
                    self.speaker_of_node.insert(id.clone(), key);
                }
            }
            self.built.insert(key, (member_ids, max_seq));
            self.speakers.insert(key, speaker);
        }
        if set.is_empty() {
            self.ambiguous.remove(bucket);
            self.index.remove(bucket);
        } else {
            self.index.insert(bucket.to_string(), index);
            self.ambiguous.insert(bucket.to_string(), ambiguous);
            self.buckets.insert(bucket.to_string(), set);
        }
    }
}

/// Per-cluster summary kept up to date on union, so cluster-vs-cluster checks cost the
/// number of distinct given names, not the number of mentions.
#[derive(Clone, Default)]
struct Summary<'a> {
    givens: BTreeSet<&'a str>,
    female: bool,
    male: bool,
    stories: BTreeSet<&'a str>,
}

impl<'a> Summary<'a> {
    fn of(node: &'a Node) -> Self {
        let mut s = Summary::default();
        if let Some(g) = node.givens.first() {
            s.givens.insert(g);
        }
        s.female = node.gender == Some(Gender::Female);
        s.male = node.gender == Some(Gender::Male);
        s.stories.extend(node.story.as_deref());
        s
    }

    fn agrees(&self, other: &Summary) -> bool {
        let (female, male) = (self.female || other.female, self.male || other.male);
        !(female && male)
            && self.givens.iter().all(|x| {
                other
                    .givens
                    .iter()
                    .all(|y| names::given_compatible_folded(x, y))
            })
    }
}

/// Union-find with summaries.
struct Clusters<'a> {
    g: Groups,
    sum: Vec<Summary<'a>>,
}

impl<'a> Clusters<'a> {
    fn find(&mut self, x: usize) -> usize {
        self.g.find(x)
    }

    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return;
        }
        self.g.union(ra, rb);
        let root = self.find(ra);
        let other = if root == ra { rb } else { ra };
        let mut moved = std::mem::take(&mut self.sum[other]);
        let into = &mut self.sum[root];
        // Merge the smaller sets into the larger ones: unions stay cheap in big buckets.
        if moved.stories.len() > into.stories.len() {
            std::mem::swap(&mut moved.stories, &mut into.stories);
        }
        if moved.givens.len() > into.givens.len() {
            std::mem::swap(&mut moved.givens, &mut into.givens);
        }
        into.givens.extend(moved.givens);
        into.female |= moved.female;
        into.male |= moved.male;
        into.stories.extend(moved.stories);
    }

    fn agree(&mut self, a: usize, b: usize) -> bool {
        let (ra, rb) = (self.find(a), self.find(b));
        ra == rb || self.sum[ra].agrees(&self.sum[rb])
    }

    fn same_sex_or_unknown(&mut self, a: usize, b: usize) -> bool {
        let (ra, rb) = (self.find(a), self.find(b));
        let (x, y) = (&self.sum[ra], &self.sum[rb]);
        !((x.female || y.female) && (x.male || y.male))
    }

    fn share_story(&mut self, a: usize, b: usize) -> bool {
        let (ra, rb) = (self.find(a), self.find(b));
        self.sum[ra]
            .stories
            .intersection(&self.sum[rb].stories)
            .next()
            .is_some()
    }
}

/// Organisations: the same name without legal form (or the same sound of it); a
/// short name ("Calder") joins the one longer name it starts ("Calder Pharma") among
/// the organisations of its story; with two ("Calder Pharma", "Calder Freight") it
/// stays apart.
fn cluster_orgs(nodes: &[&Node], orgs: &[usize], c: &mut Clusters) {
    let mut by_sound: BTreeMap<&str, usize> = BTreeMap::new();
    for &i in orgs {
        match by_sound.get(nodes[i].sound.as_str()) {
            Some(&j) => c.union(i, j),
            None => {
                by_sound.insert(&nodes[i].sound, i);
            }
        }
    }
    // Where each organisation may find its longer name: its article and its story.
    let mut by_article: HashMap<&str, Vec<usize>> = HashMap::default();
    let mut by_story: HashMap<&str, Vec<usize>> = HashMap::default();
    for &i in orgs {
        by_article.entry(&*nodes[i].article).or_default().push(i);
        if let Some(s) = nodes[i].story.as_deref() {
            by_story.entry(s).or_default().push(i);
        }
    }
    // The longer names `short` starts among `members`: their sounds and the first.
    let longer_in = |short: &str, members: &[usize]| {
        let mut sounds: BTreeSet<&str> = BTreeSet::new();
        let mut first = None;
        for &j in members {
            if !names::has_inner_possessive(&nodes[j].name)
                && names::org_prefix(short, &nodes[j].surname)
            {
                sounds.insert(nodes[j].sound.as_str());
                first.get_or_insert(j);
            }
        }
        (sounds, first)
    };
    // A frequent name in a long story asks the same question many times: once each.
    type Longer<'l> = (BTreeSet<&'l str>, Option<usize>);
    let mut story_memo: HashMap<(&str, &str), Longer> = HashMap::default();
    for &i in orgs {
        let short = nodes[i].surname.as_str();
        let (mut longer, mut target) = longer_in(short, &by_article[&*nodes[i].article]);
        if let Some(s) = nodes[i].story.as_deref() {
            let (sounds, first) = story_memo
                .entry((s, short))
                .or_insert_with(|| longer_in(short, &by_story[s]));
            longer.extend(sounds.iter().copied());
            // the first in bucket order of either place
            target = match (target, *first) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
        }
        if longer.len() != 1 {
            continue;
        }
        if let Some(j) = target {
            c.union(i, j);
        }
    }
}

/// Clusters the nodes of one bucket; returns groups of positions into `nodes`, and per
/// node whether it is a surname-only mention that found no one in its story (and so
/// looked for a person of the same title elsewhere).
fn cluster(nodes: &[&Node]) -> (Vec<Vec<usize>>, Vec<bool>) {
    let mut elsewhere = vec![false; nodes.len()];
    let n = nodes.len();
    let mut c = Clusters {
        g: Groups::new(n),
        sum: nodes.iter().map(|n| Summary::of(n)).collect(),
    };
    // Organisations: same folded name (or same sound key, which is the bucket).
    let (orgs, people): (Vec<usize>, Vec<usize>) =
        (0..n).partition(|&i| nodes[i].kind == EntityKind::Organisation);
    cluster_orgs(nodes, &orgs, &mut c);
    // 1. People with a given name: exact (surname sound, first given) groups first.
    let (full, partial): (Vec<usize>, Vec<usize>) =
        people.iter().partition(|&&i| nodes[i].has_full_given());
    let mut by_name: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for &i in &full {
        let key = (nodes[i].sound.as_str(), nodes[i].givens[0].as_str());
        match by_name.get(&key) {
            // Same name: only a gender clash keeps them apart.
            Some(&j) => {
                let r = c.find(j);
                let clash = match nodes[i].gender {
                    Some(Gender::Female) => c.sum[r].male,
                    Some(Gender::Male) => c.sum[r].female,
                    None => false,
                };
                if !clash {
                    c.union(i, j);
                }
            }
            None => {
                by_name.insert(key, i);
            }
        }
    }
    // A title glued before the given name ("Deckhand Ilse Marr" beside "Ilse Marr"):
    // words before a given name of the same person in the story, none a known given name.
    for &i in &full {
        let g = &nodes[i].givens;
        for k in 1..g.len() {
            if g[..k]
                .iter()
                .any(|w| w.chars().count() < 2 || known_given(w))
            {
                break;
            }
            if let Some(&j) = by_name.get(&(nodes[i].sound.as_str(), g[k].as_str()))
                && c.share_story(i, j)
                && c.same_sex_or_unknown(i, j)
            {
                c.union(i, j);
                // the title is no given name of the person
                let r = c.find(i);
                for w in &g[..k] {
                    c.sum[r].givens.remove(w.as_str());
                }
                break;
            }
        }
    }
    // Then compatible groups, checked cluster against cluster: same sound first, then
    // spelling variants, which need a shared story.
    let mut by_sound: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (&(sound, _), &rep) in &by_name {
        by_sound.entry(sound).or_default().push(rep);
    }
    for reps in by_sound.values() {
        for (x, &a) in reps.iter().enumerate() {
            for &b in &reps[x + 1..] {
                if givens_agree(nodes[a], nodes[b]) && c.agree(a, b) {
                    c.union(a, b);
                }
            }
        }
    }
    let sounds: Vec<(&str, &Vec<usize>)> = by_sound.iter().map(|(s, r)| (*s, r)).collect();
    for (x, &(sa, ra)) in sounds.iter().enumerate() {
        for &(sb, rb) in &sounds[x + 1..] {
            // Sound keys are folded spellings: compare them as such.
            let misspelt = names::surname_match_folded(sa, sb) == SurnameMatch::Misspelt;
            let cut = !misspelt && cut_short(sa, sb);
            if !misspelt && !cut && !letter_dropped(sa, sb) {
                continue;
            }
            for &a in ra {
                for &b in rb {
                    // a short name with a vowel more or less, or cut short, needs the
                    // same given name; cut short, in another report (one report
                    // naming both is naming two people)
                    let names_agree = if misspelt {
                        givens_agree(nodes[a], nodes[b])
                    } else {
                        nodes[a].givens.first() == nodes[b].givens.first()
                            && (!cut || nodes[a].article != nodes[b].article)
                    };
                    if names_agree && c.share_story(a, b) && c.agree(a, b) {
                        c.union(a, b);
                    }
                }
            }
        }
    }
    // 2. Surname-only and initial-only mentions join the one fitting person.
    let mut full_by_story: HashMap<Option<&str>, Vec<usize>> = HashMap::default();
    let mut full_by_article: HashMap<&str, Vec<usize>> = HashMap::default();
    let mut full_by_role: HashMap<&str, Vec<usize>> = HashMap::default();
    type Person<'p> = (usize, Option<Gender>, &'p [String], &'p str, &'p str);
    let mut role_seen: HashSet<(&str, Person)> = Default::default();
    for &j in &full {
        full_by_story
            .entry(nodes[j].story.as_deref())
            .or_default()
            .push(j);
        full_by_article
            .entry(&*nodes[j].article)
            .or_default()
            .push(j);
        // One entry per person and spelling: a title held by someone named in a
        // thousand articles is looked at once per surname-only mention, not a thousand
        // times (looked up by a shared role word, so only these fields decide `fits`).
        let n = nodes[j];
        let person = (
            c.find(j),
            n.gender,
            n.givens.as_slice(),
            n.surname.as_str(),
            n.sound.as_str(),
        );
        for w in &n.role_words {
            if role_seen.insert((w.as_str(), person)) {
                full_by_role.entry(w.as_str()).or_default().push(j);
            }
        }
    }
    let mut unplaced = Vec::new();
    for &i in &partial {
        let ni = nodes[i];
        let fits = |j: usize| {
            let nj = nodes[j];
            genders_agree(ni.gender, nj.gender)
                && givens_agree(ni, nj)
                && match surname_rel(ni, nj) {
                    SurnameMatch::Same | SurnameMatch::Transliterated => true,
                    SurnameMatch::Misspelt => shares_role(ni, nj),
                    SurnameMatch::Different => false,
                }
        };
        // People the article itself kept apart from this mention are someone else.
        let blocked: BTreeSet<usize> = full_by_article
            .get(&*ni.article)
            .map(|v| v.iter().map(|&j| c.find(j)).collect())
            .unwrap_or_default();
        let roots = |c: &mut Clusters, cands: &mut dyn Iterator<Item = usize>| {
            let v: Vec<usize> = cands.collect();
            v.into_iter()
                .map(|j| c.find(j))
                .filter(|r| !blocked.contains(r))
                .collect::<BTreeSet<usize>>()
        };
        let same_story_nodes: Vec<usize> = full_by_story
            .get(&ni.story.as_deref())
            .map(|v| v.iter().copied().filter(|&j| fits(j)).collect())
            .unwrap_or_default();
        let same_story = roots(&mut c, &mut same_story_nodes.iter().copied());
        let mut choice = if same_story.len() == 1 {
            same_story.first().copied()
        } else if same_story.len() > 1 {
            // Several fit: a shared role word decides.
            let with_role = roots(
                &mut c,
                &mut same_story_nodes
                    .iter()
                    .copied()
                    .filter(|&j| shares_role(ni, nodes[j])),
            );
            (with_role.len() == 1).then(|| *with_role.first().expect("one"))
        } else {
            None
        };
        if choice.is_none() && same_story.is_empty() {
            elsewhere[i] = true;
            // No one in its story: elsewhere only with the same title.
            let elsewhere_nodes: BTreeSet<usize> = ni
                .role_words
                .iter()
                .filter_map(|w| full_by_role.get(w.as_str()))
                .flatten()
                .copied()
                .filter(|&j| fits(j))
                .collect();
            let elsewhere = roots(&mut c, &mut elsewhere_nodes.into_iter());
            choice = (elsewhere.len() == 1).then(|| *elsewhere.first().expect("one"));
        }
        match choice {
            Some(root) => c.union(root, i),
            None => unplaced.push(i),
        }
    }
    // 3. What is left: the same surname in the same story is one person.
    // Grouped by story, surname and initial (if any): members of a group agree on all
    // but gender, so joining each to the group's first compatible cluster is enough.
    type GroupKey<'k> = (Option<&'k str>, &'k str, Option<&'k str>);
    let mut groups: HashMap<GroupKey, Vec<usize>> = HashMap::default();
    for &i in &unplaced {
        let initial = nodes[i].givens.first().map(String::as_str);
        groups
            .entry((nodes[i].story.as_deref(), nodes[i].sound.as_str(), initial))
            .or_default()
            .push(i);
    }
    let mut keys: Vec<_> = groups.keys().copied().collect();
    keys.sort();
    for k in keys {
        let members = &groups[&k];
        let mut heads: Vec<usize> = Vec::new();
        for &i in members {
            match heads.iter().copied().find(|&h| c.agree(h, i)) {
                Some(h) => c.union(h, i),
                None => heads.push(i),
            }
        }
    }
    // An initial-only group joins the surname-only group of its story, if one.
    let mut bare: HashMap<(Option<&str>, &str), usize> = HashMap::default();
    let mut keys: Vec<_> = groups.keys().copied().collect();
    keys.sort();
    for k in &keys {
        if k.2.is_none() {
            bare.insert((k.0, k.1), groups[k][0]);
        }
    }
    for k in keys {
        if k.2.is_some()
            && let Some(&h) = bare.get(&(k.0, k.1))
        {
            let i = groups[&k][0];
            if c.agree(h, i) {
                c.union(h, i);
            }
        }
    }
    let mut out: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..n {
        out.entry(c.find(i)).or_default().push(i);
    }
    (out.into_values().collect(), elsewhere)
}

/// Two folded surnames of five letters or more, equal but for one letter the shorter
/// lacks ("Korst" / "Kortst"): a vowel or a consonant ("Vrbkel" / "Vrbkl" in translated copy); a misspelling only beside the
/// same given name in the same story.
fn letter_dropped(a: &str, b: &str) -> bool {
    let (long, short) = if a.len() > b.len() { (a, b) } else { (b, a) };
    if long.chars().count() != short.chars().count() + 1 || short.chars().count() < 5 {
        return false;
    }
    // If dropping any letter gives the shorter name, dropping the first letter where the
    // two differ does: compare around that one place, without building strings.
    let at = long
        .char_indices()
        .zip(short.chars())
        .find(|((_, l), s)| l != s)
        .map_or(short.len(), |((i, _), _)| i);
    let dropped = long[at..].chars().next().map_or(0, char::len_utf8);
    long[at + dropped..] == short[at..]
}

/// Two folded surnames, one the other's first four letters or more with up to five
/// letters cut off its end ("Torvald" of "Torvaldsen" in translated copy): a
/// misspelling only beside the same given name, in another report of the story.
fn cut_short(a: &str, b: &str) -> bool {
    let (long, short) = if a.len() > b.len() { (a, b) } else { (b, a) };
    short.chars().count() >= 4 && long.len() - short.len() <= 5 && long.starts_with(short)
}

/// Sound keys of surnames that two or more people with given names share
/// (Anne and Jane Smith): "Smith" alone then names neither.
fn ambiguous_surnames(nodes: &[&Node], clusters: &[Vec<usize>]) -> BTreeSet<String> {
    let mut owners: BTreeMap<&str, usize> = BTreeMap::new();
    for members in clusters {
        let sounds: BTreeSet<&str> = members
            .iter()
            .map(|&m| nodes[m])
            .filter(|n| n.kind == EntityKind::Person && n.has_full_given())
            .map(|n| n.sound.as_str())
            .collect();
        for s in sounds {
            *owners.entry(s).or_default() += 1;
        }
    }
    owners
        .into_iter()
        .filter(|&(_, n)| n >= 2)
        .map(|(s, _)| s.to_string())
        .collect()
}

fn build_speaker(
    key: usize,
    mut members: Vec<(&NodeId, &Node)>,
    ambiguous: &BTreeSet<String>,
) -> Speaker {
    // By article and mention, never by arrival: aliases and roles come out in the same
    // order whether the folder was loaded at once or brought up to date from a snapshot.
    members.sort_by(|a, b| a.0.cmp(b.0));
    // Canonical: the fullest name proper; among equals the most frequent.
    let mut freq: HashMap<&str, usize> = HashMap::default();
    for (_, n) in &members {
        *freq.entry(n.bare.as_str()).or_default() += 1;
    }
    // A form with a title glued before the given names of another form of the same
    // surname ("Ferryman Oddny Varsk" beside "Oddny Varsk") is never the canonical one.
    // Looked up by (surname, given names), not by comparing every pair of members: a
    // speaker of thousands of mentions is rebuilt on updates.
    let forms: HashSet<(&str, &[String])> = members
        .iter()
        .filter(|(_, m)| !m.givens.is_empty())
        .map(|(_, m)| (m.surname.as_str(), m.givens.as_slice()))
        .collect();
    let glued = |n: &Node| {
        (1..n.givens.len()).any(|k| forms.contains(&(n.surname.as_str(), &n.givens[k..])))
    };
    let unglued: Vec<&Node> = members
        .iter()
        .map(|(_, n)| *n)
        .filter(|n| !glued(n))
        .collect();
    let name = unglued
        .iter()
        .max_by(|a, b| {
            let rank = |n: &Node| {
                (
                    n.has_full_given(),
                    n.bare.split_whitespace().count().min(3),
                    freq[n.bare.as_str()],
                    // The original spelling, diacritics and all, over a transliteration.
                    !n.bare.is_ascii(),
                    n.bare.chars().count(),
                )
            };
            // Among equals the first in alphabetical order, not the first to arrive:
            // the same name whatever order the articles came in.
            rank(a).cmp(&rank(b)).then(b.bare.cmp(&a.bare))
        })
        .map(|n| n.bare.clone())
        .unwrap_or_default();
    let mut aliases = Vec::new();
    let mut seen_alias: HashSet<&str> = HashSet::default();
    let mut roles: Vec<String> = Vec::new();
    let mut seen_role: HashSet<String> = HashSet::default();
    // Roles as written, each looked at once: a speaker of thousands of mentions repeats
    // a few roles, and a spelling seen before was either kept or is no title.
    let mut seen_raw_role: HashSet<&str> = HashSet::default();
    let mut quotes = Vec::new();
    for ((article, _), n) in &members {
        for a in std::iter::once(&n.name).chain(&n.aliases) {
            let a = a.trim();
            if a.is_empty() || !seen_alias.insert(a) {
                continue;
            }
            let single = !a.contains(' ');
            if n.kind == EntityKind::Person
                && single
                && !ambiguous.is_empty()
                && ambiguous.contains(&names::sound_key(&names::fold(a)))
            {
                continue;
            }
            // "Board" of "Quarry Board": the common noun names every such body, not this one
            if n.kind == EntityKind::Organisation && single && resolve::common_noun(a) {
                continue;
            }
            aliases.push(a.to_string());
        }
        for r in &n.roles {
            let r = r.trim();
            if !seen_raw_role.insert(r) {
                continue;
            }
            if names::is_title_role(r) && seen_role.insert(r.to_lowercase()) {
                roles.push(r.to_string());
            }
        }
        quotes.extend(n.quotes.iter().map(|&q| QuoteRef {
            article: article.to_string(),
            quote: q,
        }));
    }
    quotes.sort();
    // kept for the folder's life: without the room left by pushing
    aliases.shrink_to_fit();
    roles.shrink_to_fit();
    quotes.shrink_to_fit();
    Speaker {
        key,
        name,
        aliases,
        roles,
        kind: members.first().map_or(EntityKind::Person, |(_, n)| n.kind),
        quotes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Entity;

    /// An analysis naming people (name, roles); no quotes needed for merging.
    fn people(list: &[(&str, &[&str])]) -> ArticleAnalysis {
        let mut a = ArticleAnalysis::default();
        for (name, roles) in list {
            a.entities.push(Entity {
                name: name.to_string(),
                aliases: vec![],
                roles: roles.iter().map(|r| r.to_string()).collect(),
                kind: EntityKind::Person,
                gender: None,
                mentions: vec![],
            });
        }
        a
    }

    /// The speakers as order-free data: groups of (article, entity) with their name.
    fn groups(idx: &SpeakerIndex, arts: &[(&str, &str, ArticleAnalysis)]) -> Vec<String> {
        let mut by_key: BTreeMap<usize, Vec<(String, usize)>> = BTreeMap::new();
        for (id, _, a) in arts {
            for e in 0..a.entities.len() {
                let k = idx.speaker_of(id, e).expect("a speaker").key;
                by_key.entry(k).or_default().push((id.to_string(), e));
            }
        }
        let mut out: Vec<String> = by_key
            .values()
            .map(|m| format!("{m:?} {}", idx.speaker_of(&m[0].0, m[0].1).unwrap().name))
            .collect();
        out.sort();
        out
    }

    fn bucket_of_first(idx: &SpeakerIndex, article: &str) -> String {
        let id: NodeId = (Arc::from(article), 0);
        bucket_of(&idx.nodes[&id], &id)
    }

    fn batch(arts: &[(&str, &str, ArticleAnalysis)]) -> Vec<String> {
        let mut idx = SpeakerIndex::new();
        idx.upsert_many(arts.iter().map(|(id, s, a)| (*id, Some(*s), a)));
        groups(&idx, arts)
    }

    #[test]
    fn a_word_glued_before_the_given_name_is_a_title_within_the_story() {
        let arts = [
            ("a1", "s", people(&[("Oddny Varsk", &[])])),
            ("a2", "s", people(&[("Ferryman Oddny Varsk", &[])])),
            // two words glued on
            ("a3", "s", people(&[("Sub Ferryman Oddny Varsk", &[])])),
            // a known given name before is a second given name, not a title
            ("a4", "s", people(&[("Astrid Oddny Varsk", &[])])),
            // another story: no one to compare with
            ("a5", "t", people(&[("Tollman Kelda Varsk", &[])])),
            ("a6", "u", people(&[("Kelda Varsk", &[])])),
        ];
        let g = batch(&arts);
        assert_eq!(g.len(), 4, "{g:?}");
        // the name proper is the canonical name
        assert!(
            g.contains(&"[(\"a1\", 0), (\"a2\", 0), (\"a3\", 0)] Oddny Varsk".to_string()),
            "{g:?}"
        );
    }

    #[test]
    fn spellings_apart_by_an_early_vowel_or_a_dropped_consonant_meet_in_their_story() {
        let arts = [
            ("a1", "s", people(&[("Halvard Morstel", &[])])),
            ("a2", "s", people(&[("Halvard Marstel", &[])])),
            ("a3", "s", people(&[("Teodor Kvarndt", &[])])),
            ("a4", "s", people(&[("Teodor Kvarnt", &[])])),
            // the same pair in two stories stays apart
            ("a5", "t", people(&[("Wenke Sorvandt", &[])])),
            ("a6", "u", people(&[("Wenke Sorvant", &[])])),
        ];
        let g = batch(&arts);
        assert_eq!(g.len(), 4, "{g:?}");
        assert!(
            g.iter()
                .any(|x| x.starts_with("[(\"a1\", 0), (\"a2\", 0)]")),
            "{g:?}"
        );
        assert!(
            g.iter()
                .any(|x| x.starts_with("[(\"a3\", 0), (\"a4\", 0)]")),
            "{g:?}"
        );
    }

    #[test]
    fn the_common_noun_of_a_body_is_no_alias_of_it() {
        let mut a = ArticleAnalysis::default();
        a.entities.push(Entity {
            name: "Tolmere Harbour Board".to_string(),
            aliases: vec![
                "Board".to_string(),
                "Tolmere".to_string(),
                "THB".to_string(),
            ],
            roles: vec![],
            kind: EntityKind::Organisation,
            gender: None,
            mentions: vec![],
        });
        let arts = [("a1", "s", a)];
        let mut idx = SpeakerIndex::new();
        idx.upsert_many(arts.iter().map(|(id, s, a)| (*id, Some(*s), a)));
        let sp = idx.speaker_of("a1", 0).expect("a speaker");
        assert_eq!(sp.aliases, ["Tolmere Harbour Board", "Tolmere", "THB"]);
    }

    #[test]
    fn a_surname_cut_short_in_another_report_of_the_story_merges_beside_the_same_given_name() {
        let arts = [
            ("a1", "s", people(&[("Brynja Torvaldsen", &[])])),
            ("a2", "s", people(&[("Brynja Torvald", &[])])),
            // another given name, another story, or one report naming both: apart
            ("a3", "s", people(&[("Solveig Torvald", &[])])),
            ("a4", "t", people(&[("Edda Vintersol", &[])])),
            ("a5", "u", people(&[("Edda Vinter", &[])])),
            (
                "a6",
                "w",
                people(&[("Runa Stenberg", &[]), ("Runa Sten", &[])]),
            ),
        ];
        let g = batch(&arts);
        assert_eq!(g.len(), 6, "{g:?}");
        assert!(
            g.iter().any(|x| x.contains("(\"a1\", 0), (\"a2\", 0)")),
            "{g:?}"
        );
        assert!(cut_short("stenberg", "sten"));
        assert!(!cut_short("stenbergsson", "sten"));
        assert!(!cut_short("sten", "stan"));
    }

    #[test]
    fn a_pronoun_gender_against_the_given_name_keeps_no_full_name_apart() {
        let sexed = |name: &str, g: Gender| {
            let mut a = people(&[(name, &[])]);
            a.entities[0].gender = Some(g);
            a
        };
        let arts = [
            ("a1", "s", sexed("Anna Vrellsen", Gender::Female)),
            ("a2", "s", sexed("Anna Vrellsen", Gender::Male)),
            // a given name the lexicon does not know: the clash stands
            ("a3", "s", sexed("Wenke Vrellsen", Gender::Female)),
            ("a4", "s", sexed("Wenke Vrellsen", Gender::Male)),
        ];
        let g = batch(&arts);
        assert_eq!(g.len(), 3, "{g:?}");
        assert!(
            g.iter().any(|x| x.contains("(\"a1\", 0), (\"a2\", 0)")),
            "{g:?}"
        );
    }

    #[test]
    fn a_vowel_more_in_a_short_surname_merges_only_with_the_same_given_name_and_story() {
        let arts = [
            ("a1", "s", people(&[("Ysolde Drnkel", &[])])),
            ("a2", "s", people(&[("Ysolde Drnkl", &[])])),
            ("a3", "s", people(&[("Tarja Drnkl", &[])])),
            // the same pair in two stories stays apart
            ("a4", "t", people(&[("Wenke Sorvl", &[])])),
            ("a5", "u", people(&[("Wenke Sorvel", &[])])),
        ];
        let g = batch(&arts);
        assert_eq!(g.len(), 4, "{g:?}");
        assert!(
            g.iter().any(|x| x.contains("(\"a1\", 0), (\"a2\", 0)")),
            "{g:?}"
        );
        assert!(letter_dropped("vrbkel", "vrbkl"));
        assert!(!letter_dropped("vrbkal", "vrbkel"));
        assert!(letter_dropped("vrbkl", "vrbkls"));
        assert!(!letter_dropped("vrbk", "vrbks"));
    }

    #[test]
    fn an_article_moved_alone_to_a_new_story_keeps_its_speakers() {
        let mut arts = vec![
            ("a", "1", people(&[("Mara Olden", &[]), ("Olden", &[])])),
            ("b", "2", people(&[("Mara Olden", &[])])),
            ("c", "3", people(&[("Olden", &["mayor"])])),
        ];
        let mut idx = SpeakerIndex::new();
        for (id, s, a) in &arts {
            idx.upsert(id, Some(s), a);
        }
        // Re-analysed into a story of its own: the relabel path, same speakers.
        let before = idx.built.clone();
        arts[0].1 = "9";
        idx.upsert("a", Some("9"), &arts[0].2);
        assert_eq!(groups(&idx, &arts), batch(&arts));
        assert_eq!(idx.built.len(), before.len(), "no speaker made or lost");
        let ix = &idx.index[&bucket_of_first(&idx, "a")];
        assert!(!ix.fulls_by_story.contains_key("1"), "old story forgotten");
        assert!(ix.fulls_by_story.contains_key("9"));
        // Into a story another article is in: a re-clustering, still the batch result.
        arts[0].1 = "2";
        idx.upsert("a", Some("2"), &arts[0].2);
        assert_eq!(groups(&idx, &arts), batch(&arts));
    }

    #[test]
    fn a_new_person_with_the_title_a_mention_looks_for_elsewhere_ends_as_a_batch() {
        let mut arts = vec![
            // "Olden" with no one in its story looks for a mayor named Olden elsewhere.
            ("a", "1", people(&[("Olden", &["mayor"])])),
            ("b", "2", people(&[("Mara Olden", &["mayor"])])),
            // "Olden" with Mara Olden in its story: it looks nowhere else.
            ("c", "3", people(&[("Mara Olden", &[])])),
            ("g", "3", people(&[("Olden", &["governor"])])),
        ];
        let mut idx = SpeakerIndex::new();
        for (id, s, a) in &arts {
            idx.upsert(id, Some(s), a);
        }
        assert_eq!(groups(&idx, &arts), batch(&arts));
        let ix = &idx.index[&bucket_of_first(&idx, "b")];
        assert!(ix.partial_roles.contains("mayor"));
        assert!(!ix.partial_roles.contains("governor"));
        // Another mayor named Olden: the mention in story 1 no longer knows whom it
        // means (a re-clustering decides).
        arts.push(("d", "4", people(&[("Tomas Olden", &["mayor"])])));
        idx.upsert("d", Some("4"), &arts[4].2);
        assert_eq!(groups(&idx, &arts), batch(&arts));
        // Mara Olden named as governor in a fifth story attaches to her speaker.
        arts.push(("e", "5", people(&[("Mara Olden", &["governor"])])));
        idx.upsert("e", Some("5"), &arts[5].2);
        assert_eq!(groups(&idx, &arts), batch(&arts));
    }

    /// Whether article `new` (id, story, analysis), added to a one-by-one load of
    /// `arts`, gets an attach plan in `bucket` (no re-clustering).
    fn attaches(
        arts: &[(&str, &str, ArticleAnalysis)],
        new: (&str, &str, &ArticleAnalysis),
        bucket: &str,
    ) -> bool {
        let mut idx = SpeakerIndex::new();
        for (id, s, a) in arts {
            idx.upsert(id, Some(s), a);
        }
        let ids = idx.insert_nodes(new.0, Some(new.1), new.2, &mut BTreeMap::new());
        let fresh: Vec<&NodeId> = ids.iter().collect();
        idx.attach_plan(bucket, &fresh).is_some()
    }

    #[test]
    fn a_person_joining_a_story_where_no_other_mention_could_mean_them_attaches() {
        let mut arts = vec![
            // "Oldenby" alone is Piet Oldenby's: it cannot mean Mara Olden.
            (
                "a",
                "1",
                people(&[("Mara Olden", &[]), ("Piet Oldenby", &[]), ("Oldenby", &[])]),
            ),
            ("b", "2", people(&[("Mara Olden", &[])])),
        ];
        let mut idx = SpeakerIndex::new();
        for (id, s, a) in &arts {
            idx.upsert(id, Some(s), a);
        }
        let bucket = bucket_of_first(&idx, "a");
        let piet: NodeId = (Arc::from("a"), 1);
        assert_eq!(
            bucket,
            bucket_of(&idx.nodes[&piet], &piet),
            "one name group"
        );
        // Mara Olden named again in story 1: attached without a re-clustering.
        let new = people(&[("Mara Olden", &[])]);
        assert!(attaches(&arts, ("d", "1", &new), &bucket));
        arts.push(("d", "1", new));
        idx.upsert("d", Some("1"), &arts[2].2);
        assert_eq!(groups(&idx, &arts), batch(&arts));
        // A surname-only mention of someone else that could mean Mara Olden ("Olden"
        // with Tomas Olden in story 3): a new Mara Olden there re-clusters.
        arts.push(("e", "3", people(&[("Tomas Olden", &[]), ("Olden", &[])])));
        idx.upsert("e", Some("3"), &arts[3].2);
        let new = people(&[("Mara Olden", &[])]);
        assert!(!attaches(&arts, ("f", "3", &new), &bucket));
        arts.push(("f", "3", new));
        idx.upsert("f", Some("3"), &arts[4].2);
        assert_eq!(groups(&idx, &arts), batch(&arts));
    }

    #[test]
    fn a_titled_person_whom_no_searching_mention_could_mean_attaches() {
        let mut arts = vec![
            // "K. Vrask" finds no one in story 1 and looks for a treasurer elsewhere.
            ("a", "1", people(&[("K. Vrask", &["treasurer"])])),
            ("b", "2", people(&[("Ilsa Vrask", &["treasurer"])])),
            ("c", "3", people(&[("Odo Vrask", &[])])),
        ];
        let mut idx = SpeakerIndex::new();
        for (id, s, a) in &arts {
            idx.upsert(id, Some(s), a);
        }
        let bucket = bucket_of_first(&idx, "a");
        assert!(idx.index[&bucket].partial_roles.contains("treasurer"));
        // Another report of Ilsa Vrask as treasurer: the initial cannot mean her.
        let new = people(&[("Ilsa Vrask", &["treasurer"])]);
        assert!(attaches(&arts, ("d", "4", &new), &bucket));
        arts.push(("d", "4", new));
        idx.upsert("d", Some("4"), &arts[3].2);
        assert_eq!(groups(&idx, &arts), batch(&arts));
        // A bare "Vrask" treasurer elsewhere finds her; one more report of her still
        // attaches, but Odo Vrask named treasurer could now be the one it means.
        arts.push(("e", "5", people(&[("Vrask", &["treasurer"])])));
        idx.upsert("e", Some("5"), &arts[4].2);
        let new = people(&[("Ilsa Vrask", &["treasurer"])]);
        assert!(attaches(&arts, ("f", "6", &new), &bucket));
        let odo = people(&[("Odo Vrask", &["treasurer"])]);
        assert!(!attaches(&arts, ("g", "7", &odo), &bucket));
        arts.push(("f", "6", new));
        idx.upsert("f", Some("6"), &arts[5].2);
        arts.push(("g", "7", odo));
        idx.upsert("g", Some("7"), &arts[6].2);
        assert_eq!(groups(&idx, &arts), batch(&arts));
    }

    #[test]
    fn a_snapshot_read_back_shares_each_article_id_again() {
        let arts = [("a", "1", people(&[("Mara Olden", &[]), ("Olden", &[])]))];
        let mut idx = SpeakerIndex::new();
        for (id, s, a) in &arts {
            idx.upsert(id, Some(s), a);
        }
        let bytes = postcard::to_allocvec(&idx).expect("encodes");
        let mut back: SpeakerIndex = postcard::from_bytes(&bytes).expect("decodes");
        let key = back.articles.keys().next().expect("one article").clone();
        let holders = |ix: &SpeakerIndex| {
            let node = (Arc::from("a"), 1);
            let (k, n) = ix.nodes.get_key_value(&node).expect("a node");
            [k.0.clone(), n.article.clone()]
        };
        assert!(holders(&back).iter().any(|a| !Arc::ptr_eq(a, &key)));
        back.share_ids();
        let key = back.articles.keys().next().expect("one article").clone();
        assert!(holders(&back).iter().all(|a| Arc::ptr_eq(a, &key)));
        assert_eq!(groups(&back, &arts), groups(&idx, &arts));
    }

    #[test]
    fn removing_an_article_ends_as_a_batch_of_the_rest() {
        let arts = vec![
            ("a", "1", people(&[("Mara Olden", &[]), ("Olden", &[])])),
            (
                "b",
                "2",
                people(&[("Mara Olden", &["mayor"]), ("Tomas Olden", &[])]),
            ),
            (
                "c",
                "3",
                people(&[("Mara Olden", &[]), ("Olden", &["mayor"])]),
            ),
            ("d", "4", people(&[("Olden", &["mayor"])])),
            ("e", "2", people(&[("Olden", &[])])),
            ("f", "5", people(&[("Ilse Olden", &[]), ("Olden", &[])])),
        ];
        // The same with genders: Mara Olden female, Tomas Olden male, one mention
        // of Mara Olden without one.
        let mut gendered = arts.clone();
        for (i, (_, _, a)) in gendered.iter_mut().enumerate() {
            for e in &mut a.entities {
                e.gender = match e.name.as_str() {
                    "Mara Olden" if i != 2 => Some(Gender::Female),
                    "Tomas Olden" => Some(Gender::Male),
                    _ => None,
                };
            }
        }
        // Each article removed in turn (alone in its story or not, the first of its
        // name or not): the rest's speakers are those of a batch of the rest.
        for (gone, arts) in (0..arts.len())
            .map(|g| (g, &arts))
            .chain((0..gendered.len()).map(|g| (g, &gendered)))
        {
            let mut idx = SpeakerIndex::new();
            for (id, s, a) in arts.iter() {
                idx.upsert(id, Some(s), a);
            }
            idx.remove(arts[gone].0);
            let mut rest = arts.to_vec();
            rest.remove(gone);
            assert_eq!(
                groups(&idx, &rest),
                batch(&rest),
                "without {}",
                arts[gone].0
            );
            assert!(idx.speaker_of(arts[gone].0, 0).is_none());
        }
    }

    #[test]
    fn a_one_word_alias_that_opens_a_surname_first_name_is_no_alias() {
        // "Quon" may be Ruth Quon or Quon Hai Lin (surname written first): as an
        // alias it would name both.
        let mut ruth = people(&[("Ruth Quon", &[])]);
        ruth.entities[0].aliases = vec!["Quon".to_string()];
        let arts = [
            ("a", "1", ruth),
            ("b", "1", people(&[("Quon Hai Lin", &[])])),
            // a known given name first is no surname: "Ruth" stays hers
            ("c", "1", people(&[("Ruth Anna Pell", &[])])),
        ];
        let quon = |idx: &SpeakerIndex| {
            let s = idx.speaker_of("a", 0).expect("a speaker");
            s.aliases.iter().any(|a| a == "Quon")
        };
        let mut idx = SpeakerIndex::new();
        idx.upsert("a", Some("1"), &arts[0].2);
        assert!(quon(&idx), "alone, the surname is hers");
        idx.upsert("b", Some("1"), &arts[1].2);
        idx.upsert("c", Some("1"), &arts[2].2);
        assert!(!quon(&idx));
        let mut all = SpeakerIndex::new();
        all.upsert_many(arts.iter().map(|(id, s, a)| (*id, Some(*s), a)));
        assert!(!quon(&all), "a batch reads the same");
        assert_eq!(groups(&idx, &arts), groups(&all, &arts));
        idx.remove("b");
        assert!(quon(&idx), "the other reading gone, the alias is back");
    }
}

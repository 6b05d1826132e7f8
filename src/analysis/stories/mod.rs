//! Stories: articles about the same event (who, what, where, when), not the same topic.
//!
//! Each article becomes a [`features::Profile`] (read from the article's shared
//! document when it is analysed, kept as a [`Signature`]): names, content words, numbers and
//! years, each weighted by a fixed background frequency of the word (never by the
//! folder), and a day (published, or stated in the text). Two articles are linked when
//! they share rare features and their weighted cosine, damped by the days between
//! them, is high enough; articles further apart than [`MAX_SPAN_DAYS`] never link.
//! An undated report's time is the latest year its text names (a weak, soft signal).
//! Each article keeps its [`TOP_LINKS`] best links, and those that keep it among theirs:
//! a function of the folder's contents (ties go by article id), maintained on every
//! upsert and removal, so the links of a folder do not depend on arrival order.
//!
//! Stories are then found inside each connected group of links by average-linkage
//! clustering (a story must be similar to itself as a whole, so one chance overlap
//! cannot chain two events), with every story kept within [`MAX_SPAN_DAYS`], and two
//! established stories joined only when they are nearly as alike to each other as each
//! is to itself ([`RELATIVE_MERGE`]: two events of one kind share the kind). The
//! clustering sees the group's articles in id order, so the result does not depend on
//! the order or batching in which files arrived. The label is the core member's
//! headline whose words the other core reports share most.
//!
//! Cost proportional to the neighbours, not the folder: candidates are found through a
//! fixed-size sample of each rare feature's holders ([`POSTING_CAP`], chosen by a hash
//! of feature and article id, so a name in thousands of reports is walked like one in
//! a hundred); each article ranks twice [`TOP_LINKS`] candidates, the second half as
//! spares, so a removal seldom searches again; an upsert or removal re-clusters only
//! the groups it touches (each at most `MAX_GROUP` articles); a folder load
//! ([`StoryIndex::upsert_many`]) profiles and ranks all articles in parallel and
//! clusters each group once. Every one of these is a function of the folder's contents.

pub mod cluster;
pub mod features;

use super::ArticleAnalysis;
use crate::ingest::Article;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::Arc;

/// A group of articles covering the same event.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Story {
    /// Stable while the story exists (the contract's "t1" ids are assigned on output).
    pub key: usize,
    /// The headline of the member closest to all the others (the story's centre).
    pub label: String,
    /// Article ids, sorted.
    pub articles: Vec<String>,
}

/// Features at least this heavy (before repetition counts) are indexed to find
/// candidates: rare names, numbers, unusual words. Household names and common words
/// still count in the similarity, but finding candidates through them would touch
/// a large part of a big folder.
const INDEX_MIN_WEIGHT: f64 = 1.5;
/// A candidate shares at least this many indexed features.
const MIN_SHARED_INDEXED: usize = 2;
/// Candidates are found through at most this many holders of each indexed feature: its
/// sample, the holders whose rank (a fixed hash of feature and article id) is lowest.
/// In a big folder a mid-frequency name ("a senator of the month") is in thousands of
/// reports, and walking all its postings on every update would cost the folder's size;
/// the sample keeps that work fixed. A pair counts a shared feature only when both are
/// in its sample, so a big story's own names still connect its reports through the
/// features whose samples they fall into. The sample is a function of the holders
/// (never of arrival order); when an article enters or leaves one, the pairs it makes
/// or breaks are re-checked. Every feature still counts fully in the similarity.
pub const POSTING_CAP: usize = 100;
/// Two articles are linked (and may count towards a story) from this similarity up.
const LINK_THRESHOLD: f64 = 0.08;
/// Each article keeps links to its this many most similar articles (and to those that
/// keep it among theirs). In a big folder household names make an article faintly
/// similar to half of it; those links would make every update cost the folder's size,
/// and no story is made of them.
pub const TOP_LINKS: usize = 40;
/// A feature held by at most this many articles of the folder is specific evidence of
/// one event (a rare name, a figure, a place, a date); one held by more is a household
/// name of the folder ("the front-runner's name, the party, the year" in a folder of a
/// campaign). Two reports count as alike for a story only if they share at least one
/// specific feature: a topic's household names add to a pair's similarity, but cannot
/// make a story alone. A count, not a share of the folder, so that in a folder of two
/// reports every shared feature is specific; well above the size of a story (so a
/// story's own names stay specific to it).
pub const SPECIFIC_DF: usize = 40;
/// Two groups join into one story when their mean pairwise similarity (unlinked pairs
/// counting zero) reaches this.
pub const MERGE_THRESHOLD: f64 = 0.15;
/// No story stretches over more days than this between its dated articles: follow-up
/// reports of one event (an inquiry, a sequel's release) come weeks later.
pub const MAX_SPAN_DAYS: i64 = 90;
/// Two established stories (each of [`cluster::COHESIVE_SIZE`] articles or more) join
/// only when their mean similarity is at least this share of each one's own cohesion:
/// two tight stories that resemble each other only loosely are two events of one kind.
pub const RELATIVE_MERGE: f64 = 0.7;
/// Similarity factor when the years disagree: an undated report whose latest mentioned
/// year is more than a year away from the other report's date (or from the other undated
/// report's latest year). Soft, because a report may name only past years.
const YEAR_MISMATCH: f64 = 0.7;
/// Groups of linked articles larger than this are cut along their weaker links.
const MAX_GROUP: usize = 150;
/// How much the bar rises at each cut.
const CUT_STEP: f64 = 1.25;
/// Groups up to this size are clustered on every pair's similarity, not only on links.
const DENSE_GROUP: usize = 20;
/// The label is chosen among this many of a story's most central members.
const LABEL_CORE: usize = 12;
/// Within this many days two reports are as close in time as can be.
const SAME_TIME_DAYS: f64 = 3.0;

type DocId = u32;

/// A hasher for keys that are small integers or already hashes: the index looks up
/// article numbers and feature hashes millions of times, and needs no protection from
/// chosen keys (SipHash's cost).
#[derive(Default, Clone, Copy)]
struct IdHasher(u64);

impl std::hash::Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0 ^ n)
            .wrapping_mul(0x9e37_79b9_7f4a_7c15)
            .rotate_left(29);
    }
}

type IdBuild = std::hash::BuildHasherDefault<IdHasher>;
type IdMap<V> = HashMap<DocId, V, IdBuild>;
type IdSet = HashSet<DocId, IdBuild>;

#[derive(Debug, Serialize, Deserialize)]
struct Doc {
    id: String,
    /// Hash of what the profile is made of: an upsert of the same content is a no-op.
    content: u64,
    title: Option<String>,
    /// Whether its headline may name a story before others: no section label or page
    /// furniture ([`features::headline_is_furniture`]) and not a machine translation's
    /// ([`features::machine_translated`]).
    #[serde(default)]
    plain_title: bool,
    /// Its features, headline keys and time: the same allocation as the analysis's
    /// (held once however many hold it).
    sig: Arc<Signature>,
    /// Hash of the article id: with a feature's hash, its rank among the feature's
    /// holders.
    seed: u64,
    norm: f64,
    /// Its most similar candidates, best first (similarity, then id): the first
    /// [`TOP_LINKS`] are kept as links, up to as many more wait as spares, so that a
    /// removal seldom needs a new search. Always the true head of the ranking of all
    /// its candidates (see `complete`).
    top: Vec<(DocId, f64)>,
    /// Whether `top` holds every candidate (else candidates ranking after its last
    /// entry exist).
    complete: bool,
    /// Articles whose `top` holds this one (kept or spare).
    held_by: IdSet,
    /// Linked articles and their similarity: its `top`, and every article that has it in
    /// its own `top`.
    links: IdMap<f64>,
    /// Key of the story it is in (`usize::MAX` while being placed).
    story: usize,
}

/// Serializable so a folder's index can be kept in the cache between runs.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct StoryIndex {
    of_article: HashMap<String, DocId>,
    docs: Vec<Option<Doc>>,
    free: Vec<DocId>,
    /// Holders of each indexed feature, by rank (see [`POSTING_CAP`]).
    postings: HashMap<u64, Posting, IdBuild>,
    stories: BTreeMap<usize, Story>,
    next: usize,
    /// Links kept per article ([`TOP_LINKS`]; 0 in `Default` means the same).
    top_links: usize,
    /// Postings walked for candidates up to this length ([`POSTING_CAP`]; 0 means the same).
    posting_cap: usize,
    /// Features held by at most this many articles are specific ([`SPECIFIC_DF`]; 0
    /// means the same).
    #[serde(default)]
    specific_df: usize,
    /// The story keys in [`StoryIndex::stories`]'s order, sorted on first use (and after
    /// loading) and then kept in order as stories change: a full sort by label on every
    /// call cost milliseconds per update in a big folder.
    #[serde(skip)]
    order: std::sync::OnceLock<Vec<usize>>,
}

/// Largest first, then by label and first article (never by key, which depends on
/// arrival order). Two stories never share an article once placed; the key last only
/// keeps the kept order total while a re-clustering moves articles between stories.
fn story_order(a: &Story, b: &Story) -> std::cmp::Ordering {
    b.articles
        .len()
        .cmp(&a.articles.len())
        .then(a.label.cmp(&b.label))
        .then(a.articles.cmp(&b.articles))
        .then(a.key.cmp(&b.key))
}

/// The holders of one indexed feature by rank, with the last holder of its sample kept
/// beside them: whether an article is in the sample is asked for every feature of every
/// candidate search, and walking the set to the cap's place each time cost a large share
/// of a folder load. The holders are a sorted vector, not a `BTreeSet`: most features
/// have one or two holders, and a tree's smallest node (eleven slots) made the postings
/// most of the index's memory; a holder comes and goes by binary search.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Posting {
    set: Vec<(u64, DocId)>,
    /// The `cap`-th holder (the sample's last) when there are at least `cap`.
    cut: Option<(u64, DocId)>,
}

impl Posting {
    fn is_empty(&self) -> bool {
        self.set.is_empty()
    }

    fn iter(&self) -> impl Iterator<Item = &(u64, DocId)> {
        self.set.iter()
    }

    /// Whether `key` is (or would be) in the sample of the `cap` lowest ranks.
    fn samples(&self, key: (u64, DocId)) -> bool {
        self.cut.is_none_or(|c| key <= c)
    }

    /// The `cap`-th holder, if there are that many.
    fn nth_cut(&self, cap: usize) -> Option<(u64, DocId)> {
        cap.checked_sub(1).and_then(|i| self.set.get(i)).copied()
    }

    /// Adds `key`; returns the holder it pushes out of the sample, if any.
    fn insert(&mut self, key: (u64, DocId), cap: usize) -> Option<(u64, DocId)> {
        let Err(at) = self.set.binary_search(&key) else {
            return None;
        };
        // grow by half, not double: most postings stay at one or two holders
        if self.set.len() == self.set.capacity() {
            self.set.reserve_exact((self.set.len() / 2).max(1));
        }
        self.set.insert(at, key);
        let before = self.cut;
        self.cut = self.nth_cut(cap);
        before.filter(|&c| key < c)
    }

    /// Removes `key`; returns the holder that enters the sample in its place, if any.
    fn remove(&mut self, key: (u64, DocId), cap: usize) -> Option<(u64, DocId)> {
        let Ok(at) = self.set.binary_search(&key) else {
            return None;
        };
        self.set.remove(at);
        let c = self.cut?;
        self.cut = self.nth_cut(cap);
        if key > c { None } else { self.cut }
    }

    /// Sorts holders pushed in any order (a folder load into an empty index) and sets the
    /// cut: the posting that inserting them one by one gives.
    fn settle(&mut self, cap: usize) {
        self.set.sort_unstable();
        self.set.dedup();
        self.set.shrink_to_fit();
        self.cut = self.nth_cut(cap);
    }
}

/// FNV-1a of a feature key: a fixed hash, so feature order is the same in every run.
fn feature_hash(key: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in key.as_bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// An article's rank among a feature's holders: fixed by the two hashes alone.
fn rank(feature: u64, seed: u64) -> u64 {
    let mut h = IdHasher(feature);
    std::hash::Hasher::write_u64(&mut h, seed);
    std::hash::Hasher::finish(&h)
}

impl StoryIndex {
    pub fn new() -> Self {
        Self::default()
    }

    /// An index keeping `k` links per article instead of [`TOP_LINKS`] (tests use a
    /// small `k` so that links are pushed out and brought back).
    pub fn with_top_links(k: usize) -> Self {
        Self {
            top_links: k.max(1),
            ..Self::default()
        }
    }

    /// An index keeping `k` links per article and walking postings of at most `p`
    /// articles (tests use small limits so that features become common and rare again
    /// many times over in a small folder).
    pub fn with_limits(k: usize, p: usize) -> Self {
        Self {
            top_links: k.max(1),
            posting_cap: p.max(1),
            ..Self::default()
        }
    }

    /// The same index counting features held by at most `n` articles as specific
    /// (tests use a small `n` so that features cross it in a small folder).
    pub fn with_specific_df(self, n: usize) -> Self {
        Self {
            specific_df: n.max(1),
            ..self
        }
    }

    fn posting_cap(&self) -> usize {
        if self.posting_cap == 0 {
            POSTING_CAP
        } else {
            self.posting_cap
        }
    }

    /// The kept links as pairs of article ids (each pair sorted, the list sorted): like
    /// the stories, a function of the folder's contents.
    pub fn links(&self) -> Vec<(String, String)> {
        let mut v: Vec<(String, String)> = Vec::new();
        for d in self.docs.iter().flatten() {
            for o in d.links.keys() {
                let other = &self.doc(*o).id;
                if d.id < *other {
                    v.push((d.id.clone(), other.clone()));
                }
            }
        }
        v.sort();
        v
    }

    fn cap(&self) -> usize {
        if self.top_links == 0 {
            TOP_LINKS
        } else {
            self.top_links
        }
    }

    /// Adds or replaces an article; returns the keys of the stories whose membership
    /// or label changed (including stories that now are gone), for conflict recomputation.
    /// The same content again changes nothing.
    pub fn upsert(&mut self, article: &Article, analysis: &ArticleAnalysis) -> Vec<usize> {
        let content = content_hash(article);
        if let Some(&d) = self.of_article.get(&article.id)
            && self.doc(d).content == content
        {
            return Vec::new();
        }
        let mut affected = BTreeSet::new();
        let mut seeds = Vec::new();
        if let Some((neighbours, key)) = self.detach(&article.id, &mut affected) {
            seeds.extend(neighbours);
            seeds.extend(self.members_of(key));
        }
        let doc = self.alloc(make_doc(article, analysis, content));
        self.of_article.insert(article.id.clone(), doc);
        // Articles that lost a link to make room for this one: their groups change.
        seeds.extend(self.link(doc));
        seeds.push(doc);
        // A neighbour's whole story is re-clustered with it, even the part that a
        // raised bar leaves in another group.
        // Weakly linked neighbours keep their groups: only strong links form them.
        let stories: BTreeSet<usize> = self
            .doc(doc)
            .links
            .iter()
            .filter(|&(_, &s)| s >= MERGE_THRESHOLD)
            .map(|(&o, _)| self.doc(o).story)
            .collect();
        for k in stories {
            seeds.extend(self.members_of(k));
        }
        self.recluster(&seeds, &mut affected);
        affected.into_iter().collect()
    }

    /// Adds many articles at once (a folder load); the same stories as upserting them
    /// one by one, in any order. Into an empty index the articles are profiled in
    /// parallel, each finds its best candidates once, and every group is clustered
    /// once, instead of re-clustering neighbours' groups after each article. Returns
    /// the keys of the stories that changed.
    pub fn upsert_many<'a>(
        &mut self,
        items: impl IntoIterator<Item = (&'a Article, &'a ArticleAnalysis)>,
    ) -> Vec<usize> {
        let items: Vec<(&Article, &ArticleAnalysis)> = items.into_iter().collect();
        if !self.of_article.is_empty() || items.len() < 2 {
            let mut affected = BTreeSet::new();
            for (a, x) in items {
                affected.extend(self.upsert(a, x));
            }
            return affected.into_iter().collect();
        }
        // The last version of an article in the batch is the one that counts.
        let mut last: HashMap<&str, usize> = HashMap::new();
        for (i, (a, _)) in items.iter().enumerate() {
            last.insert(a.id.as_str(), i);
        }
        let mut keep: Vec<usize> = last.into_values().collect();
        keep.sort_unstable();
        let docs: Vec<Doc> = keep
            .par_iter()
            .map(|&i| make_doc(items[i].0, items[i].1, content_hash(items[i].0)))
            .collect();
        let mut ids = Vec::with_capacity(docs.len());
        for doc in docs {
            let id = doc.id.clone();
            let d = self.alloc(doc);
            self.of_article.insert(id, d);
            let seed = self.doc(d).seed;
            for h in self.doc(d).sig.indexed.clone() {
                self.postings
                    .entry(h)
                    .or_default()
                    .set
                    .push((rank(h, seed), d));
            }
            ids.push(d);
        }
        // sorted once each, not kept sorted through thousands of insertions
        let cap = self.posting_cap();
        for p in self.postings.values_mut() {
            p.settle(cap);
        }
        let tops: Vec<(Vec<(DocId, f64)>, bool)> = ids
            .par_iter()
            .map(|&d| self.best(self.candidates(d)))
            .collect();
        for (&d, (top, complete)) in ids.iter().zip(tops) {
            self.set_top(d, top, complete);
        }
        let mut affected = BTreeSet::new();
        self.recluster(&ids, &mut affected);
        affected.into_iter().collect()
    }

    /// Removes an article; returns the keys of the stories that changed.
    pub fn remove(&mut self, article: &str) -> Vec<usize> {
        let mut affected = BTreeSet::new();
        if let Some((mut seeds, key)) = self.detach(article, &mut affected) {
            seeds.extend(self.members_of(key));
            self.recluster(&seeds, &mut affected);
        }
        affected.into_iter().collect()
    }

    pub fn story_of(&self, article: &str) -> Option<&Story> {
        let d = self
            .docs
            .get(*self.of_article.get(article)? as usize)?
            .as_ref()?;
        self.stories.get(&d.story)
    }

    pub fn get(&self, key: usize) -> Option<&Story> {
        self.stories.get(&key)
    }

    /// All stories, largest first, then by label and first article (never by key, which
    /// depends on arrival order).
    pub fn stories(&self) -> Vec<&Story> {
        self.order
            .get_or_init(|| {
                let mut v: Vec<&Story> = self.stories.values().collect();
                v.sort_by(|a, b| story_order(a, b));
                v.into_iter().map(|s| s.key).collect()
            })
            .iter()
            .map(|k| &self.stories[k])
            .collect()
    }

    /// Takes story `key` out of the kept order (before it changes or goes).
    fn unorder(&mut self, key: usize) {
        if let (Some(order), Some(s)) = (self.order.get_mut(), self.stories.get(&key))
            && let Ok(i) = order.binary_search_by(|k| story_order(&self.stories[k], s))
        {
            order.remove(i);
        }
    }

    /// Puts story `key` into the kept order at its place (after it changed or came).
    fn reorder(&mut self, key: usize) {
        if let (Some(order), Some(s)) = (self.order.get_mut(), self.stories.get(&key)) {
            let i = order.partition_point(|k| story_order(&self.stories[k], s).is_lt());
            order.insert(i, key);
        }
    }

    /// The stories as sets of article ids, sorted: what must not depend on arrival order.
    pub fn partition(&self) -> Vec<Vec<String>> {
        let mut v: Vec<Vec<String>> = self.stories.values().map(|s| s.articles.clone()).collect();
        v.sort();
        v
    }

    /// How directly alike two articles are (their own profiles, damped by time): 1 for
    /// the same article, 0 when either is unknown. Two members of one story need not be
    /// alike themselves; average linkage may join them through others.
    pub fn pair_similarity(&self, a: &str, b: &str) -> f64 {
        let (Some(&x), Some(&y)) = (self.of_article.get(a), self.of_article.get(b)) else {
            return 0.0;
        };
        if x == y {
            return 1.0;
        }
        // Years named in undated texts help tell events apart, but are too weak to
        // decide that two reports of one story are unlike.
        let (a, b) = (self.doc(x), self.doc(y));
        let tf = match (a.sig.day, b.sig.day) {
            (Some(p), Some(q)) => day_factor(p, q),
            _ => 1.0,
        };
        cosine(&a.sig.features, a.norm, &b.sig.features, b.norm) * tf
    }

    fn doc(&self, d: DocId) -> &Doc {
        self.docs[d as usize].as_ref().expect("live doc")
    }

    fn doc_mut(&mut self, d: DocId) -> &mut Doc {
        self.docs[d as usize].as_mut().expect("live doc")
    }

    fn alloc(&mut self, doc: Doc) -> DocId {
        match self.free.pop() {
            Some(d) => {
                self.docs[d as usize] = Some(doc);
                d
            }
            None => {
                self.docs.push(Some(doc));
                (self.docs.len() - 1) as DocId
            }
        }
    }

    fn members_of(&self, key: usize) -> Vec<DocId> {
        self.stories.get(&key).map_or_else(Vec::new, |s| {
            s.articles
                .iter()
                .filter_map(|a| self.of_article.get(a).copied())
                .collect()
        })
    }

    /// Takes an article out of the index, its links and its story; returns its former
    /// neighbours and story key.
    fn detach(
        &mut self,
        article: &str,
        affected: &mut BTreeSet<usize>,
    ) -> Option<(Vec<DocId>, usize)> {
        let doc = self.of_article.remove(article)?;
        let d = self.docs[doc as usize].take()?;
        self.free.push(doc);
        // Holders that enter a sample now that this article has left it, and holders of
        // a feature that is specific again without it.
        let mut entered = Vec::new();
        let mut crossed = Vec::new();
        let cap = self.posting_cap();
        for &h in &d.sig.indexed {
            let key = (rank(h, d.seed), doc);
            if let Some(p) = self.postings.get_mut(&h) {
                if let Some((_, n)) = p.remove(key, cap) {
                    entered.push((h, n));
                }
                let len = p.set.len();
                crossed.extend(self.crossed_specific(h, len, false));
                let Some(p) = self.postings.get_mut(&h) else {
                    continue;
                };
                if p.is_empty() {
                    self.postings.remove(&h);
                }
            }
        }
        for o in d.links.keys() {
            if let Some(od) = self.docs[*o as usize].as_mut() {
                od.links.remove(&doc);
            }
        }
        for &(o, _) in &d.top {
            if let Some(od) = self.docs[o as usize].as_mut() {
                od.held_by.remove(&doc);
            }
        }
        // An article that ranked this one takes its next best instead (a spare, or a new
        // search once its spares are used up): the links stay those of the folder as it
        // now is, whatever came and went before.
        let mut holders: Vec<DocId> = d.held_by.iter().copied().collect();
        holders.sort_unstable();
        let mut gained = crossed;
        for o in holders {
            if self.docs[o as usize].is_some() {
                gained.extend(self.unrank(o, doc));
            }
        }
        for (h, n) in entered {
            gained.extend(self.entered_sample(h, n));
        }
        affected.insert(d.story);
        self.unorder(d.story);
        if let Some(s) = self.stories.get_mut(&d.story) {
            s.articles.retain(|a| a != article);
            if s.articles.is_empty() {
                self.stories.remove(&d.story);
            }
        }
        self.reorder(d.story);
        // Only strong neighbours can change group or story with this article gone.
        let mut strong: Vec<DocId> = d
            .links
            .into_iter()
            .filter(|&(_, s)| s >= MERGE_THRESHOLD)
            .map(|(o, _)| o)
            .collect();
        strong.extend(gained);
        Some((strong, d.story))
    }

    /// The articles sharing at least [`MIN_SHARED_INDEXED`] rare features with `doc`
    /// and similar enough, with their similarity: the work grows with the article's
    /// rare neighbours, not with the folder.
    fn candidates(&self, doc: DocId) -> Vec<(DocId, f64)> {
        let mut shared: IdMap<usize> = IdMap::default();
        let cap = self.posting_cap();
        for &h in &self.doc(doc).sig.indexed {
            let Some(p) = self.postings.get(&h) else {
                continue;
            };
            if !self.in_sample(h, doc) {
                continue;
            }
            for &(_, o) in p.iter().take(cap) {
                if o != doc {
                    *shared.entry(o).or_default() += 1;
                }
            }
        }
        shared
            .into_iter()
            .filter(|&(_, n)| n >= MIN_SHARED_INDEXED)
            .map(|(o, _)| (o, similarity(self.doc(doc), self.doc(o))))
            .filter(|&(_, s)| s >= LINK_THRESHOLD)
            .collect()
    }

    /// Whether `a` and `b` share an indexed feature that at most [`SPECIFIC_DF`]
    /// articles of the folder hold (both lists are sorted by hash).
    fn shares_specific(&self, a: &Doc, b: &Doc) -> bool {
        let max = self.specific_df();
        let (x, y) = (&a.sig.indexed, &b.sig.indexed);
        let (mut i, mut j) = (0, 0);
        while i < x.len() && j < y.len() {
            match x[i].cmp(&y[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    if self.postings.get(&x[i]).is_some_and(|p| p.set.len() <= max) {
                        return true;
                    }
                    i += 1;
                    j += 1;
                }
            }
        }
        false
    }

    fn specific_df(&self) -> usize {
        if self.specific_df == 0 {
            SPECIFIC_DF
        } else {
            self.specific_df
        }
    }

    /// The holders of feature `h` when its count has just crossed [`SPECIFIC_DF`] (at
    /// `len` holders after an insertion, `len` + 1 before a removal): the pairs among
    /// them gain or lose their specific evidence, so their groups are re-clustered. At
    /// most `SPECIFIC_DF` + 1 articles, whatever the folder's size.
    fn crossed_specific(&self, h: u64, len: usize, inserted: bool) -> Vec<DocId> {
        let max = self.specific_df();
        let crossed = if inserted { len == max + 1 } else { len == max };
        match self.postings.get(&h) {
            Some(p) if crossed => p.set.iter().map(|&(_, d)| d).collect(),
            _ => Vec::new(),
        }
    }

    /// Whether `a` ranks before `b` among one article's candidates: more similar first,
    /// then by article id (never by arrival).
    fn ranks_before(&self, a: (DocId, f64), b: (DocId, f64)) -> bool {
        a.1 > b.1 || (a.1 == b.1 && self.doc(a.0).id < self.doc(b.0).id)
    }

    /// The head of a ranking of candidates (kept links and spares), and whether it holds
    /// them all.
    fn best(&self, mut cands: Vec<(DocId, f64)>) -> (Vec<(DocId, f64)>, bool) {
        cands.sort_by(|&a, &b| {
            b.1.total_cmp(&a.1)
                .then_with(|| self.doc(a.0).id.cmp(&self.doc(b.0).id))
        });
        let complete = cands.len() <= self.ranked();
        cands.truncate(self.ranked());
        (cands, complete)
    }

    /// How many candidates an article ranks: its kept links and as many spares.
    fn ranked(&self) -> usize {
        2 * self.cap()
    }

    fn add_link(&mut self, a: DocId, b: DocId, s: f64) {
        self.doc_mut(a).links.insert(b, s);
        self.doc_mut(b).links.insert(a, s);
    }

    /// Whether `x` keeps `y` as a link (among the first [`TOP_LINKS`] of its ranking).
    fn keeps(&self, x: DocId, y: DocId) -> bool {
        self.doc(x).top.iter().take(self.cap()).any(|t| t.0 == y)
    }

    /// Drops the link between `a` and `b` unless one still keeps the other.
    fn drop_link_unless_kept(&mut self, a: DocId, b: DocId) -> bool {
        if !self.doc(a).links.contains_key(&b) || self.keeps(a, b) || self.keeps(b, a) {
            return false;
        }
        self.doc_mut(a).links.remove(&b);
        self.doc_mut(b).links.remove(&a);
        true
    }

    /// Replaces `x`'s ranking and brings the links in line with its new kept head;
    /// returns the articles linked or unlinked (with `x` when any).
    fn set_top(&mut self, x: DocId, top: Vec<(DocId, f64)>, complete: bool) -> Vec<DocId> {
        let cap = self.cap();
        let old = std::mem::replace(&mut self.doc_mut(x).top, top);
        self.doc_mut(x).complete = complete;
        // An entry may be the article being removed (no longer live).
        let live = |me: &Self, o: DocId| me.docs[o as usize].is_some();
        for &(o, _) in &old {
            if live(self, o) {
                self.doc_mut(o).held_by.remove(&x);
            }
        }
        let new = self.doc(x).top.clone();
        for &(o, _) in &new {
            self.doc_mut(o).held_by.insert(x);
        }
        let mut changed = Vec::new();
        for &(o, s) in new.iter().take(cap) {
            if !self.doc(x).links.contains_key(&o) {
                self.add_link(x, o, s);
                changed.push(o);
            }
        }
        for &(o, _) in old.iter().take(cap) {
            if live(self, o) && self.drop_link_unless_kept(x, o) {
                changed.push(o);
            }
        }
        if !changed.is_empty() {
            changed.push(x);
        }
        changed
    }

    /// Indexes `doc`, links it to its best candidates and to every candidate that now
    /// counts it among its own best; returns the articles that lost a link for it (their
    /// groups must be re-clustered).
    fn link(&mut self, doc: DocId) -> Vec<DocId> {
        // Holders pushed out of a sample by this article, and holders of a feature it
        // made too common to be specific.
        let mut left = Vec::new();
        let mut crossed = Vec::new();
        let cap = self.posting_cap();
        let seed = self.doc(doc).seed;
        for h in self.doc(doc).sig.indexed.clone() {
            let p = self.postings.entry(h).or_default();
            if let Some((_, out)) = p.insert((rank(h, seed), doc), cap) {
                left.push((h, out));
            }
            let len = p.set.len();
            crossed.extend(self.crossed_specific(h, len, true));
        }
        let cands = self.candidates(doc);
        let (top, complete) = self.best(cands.clone());
        self.set_top(doc, top, complete);
        let mut lost = Vec::new();
        for (o, s) in cands {
            lost.extend(self.offer(o, doc, s));
        }
        for (h, out) in left {
            lost.extend(self.left_sample(h, out));
        }
        lost.extend(crossed);
        lost
    }

    /// Puts `doc` into `to`'s ranking if it belongs to its head (and is not there yet);
    /// returns the articles whose links changed.
    fn offer(&mut self, to: DocId, doc: DocId, s: f64) -> Vec<DocId> {
        let other = self.doc(to);
        if other.top.iter().any(|t| t.0 == doc) {
            return Vec::new();
        }
        let at = other
            .top
            .iter()
            .position(|&w| self.ranks_before((doc, s), w))
            .unwrap_or(other.top.len());
        // After the last of an incomplete ranking: beyond the known head.
        if at == other.top.len() && !other.complete {
            return Vec::new();
        }
        let mut top = other.top.clone();
        let mut complete = other.complete;
        top.insert(at, (doc, s));
        if top.len() > self.ranked() {
            top.pop();
            complete = false;
        }
        self.set_top(to, top, complete)
    }

    /// Takes `gone` out of `x`'s ranking; an incomplete ranking left shorter than the
    /// kept links is searched again. Returns the articles whose links changed.
    fn unrank(&mut self, x: DocId, gone: DocId) -> Vec<DocId> {
        let mut top = self.doc(x).top.clone();
        let complete = self.doc(x).complete;
        top.retain(|t| t.0 != gone);
        if top.len() < self.cap() && !complete {
            let (top, complete) = self.best(self.candidates(x));
            return self.set_top(x, top, complete);
        }
        self.set_top(x, top, complete)
    }

    /// Whether `d` is in the sample of feature `h` (which it holds).
    fn in_sample(&self, h: u64, d: DocId) -> bool {
        let key = (rank(h, self.doc(d).seed), d);
        self.postings.get(&h).is_some_and(|p| p.samples(key))
    }

    /// How many indexed features two articles share inside the features' samples.
    fn shared_walkable(&self, a: DocId, b: DocId) -> usize {
        let (x, y) = (&self.doc(a).sig.indexed, &self.doc(b).sig.indexed);
        let (mut i, mut j, mut n) = (0, 0, 0);
        while i < x.len() && j < y.len() {
            match x[i].cmp(&y[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    if self.in_sample(x[i], a) && self.in_sample(x[i], b) {
                        n += 1;
                    }
                    i += 1;
                    j += 1;
                }
            }
        }
        n
    }

    /// `out` has just left the sample of feature `h`: the pairs it made candidates
    /// through `h` alone with the sample's holders are taken out of both rankings.
    /// Costs the article's rankings and the sample, never the folder.
    fn left_sample(&mut self, h: u64, out: DocId) -> Vec<DocId> {
        let d = self.doc(out);
        let mut others: Vec<DocId> = d
            .top
            .iter()
            .map(|t| t.0)
            .chain(d.held_by.iter().copied())
            .filter(|&y| {
                self.doc(y).sig.indexed.binary_search(&h).is_ok()
                    && self.in_sample(h, y)
                    && self.shared_walkable(out, y) < MIN_SHARED_INDEXED
            })
            .collect();
        others.sort_unstable();
        others.dedup();
        let mut changed = Vec::new();
        for y in others {
            changed.extend(self.unrank(out, y));
            changed.extend(self.unrank(y, out));
        }
        changed
    }

    /// `n` has just entered the sample of feature `h`: it may now be a candidate of the
    /// sample's other holders, and is offered to their lists and they to its.
    fn entered_sample(&mut self, h: u64, n: DocId) -> Vec<DocId> {
        let cap = self.posting_cap();
        let mut sample: Vec<DocId> = self
            .postings
            .get(&h)
            .map(|p| {
                p.iter()
                    .take(cap)
                    .map(|e| e.1)
                    .filter(|&y| y != n)
                    .collect()
            })
            .unwrap_or_default();
        sample.sort_unstable();
        let mut changed = Vec::new();
        for y in sample {
            if self.shared_walkable(n, y) < MIN_SHARED_INDEXED {
                continue;
            }
            let s = similarity(self.doc(n), self.doc(y));
            if s < LINK_THRESHOLD {
                continue;
            }
            let had = self.doc(n).links.contains_key(&y);
            changed.extend(self.offer(n, y, s));
            changed.extend(self.offer(y, n, s));
            if !had && self.doc(n).links.contains_key(&y) {
                changed.extend([n, y]);
            }
        }
        changed
    }

    /// The group of each of `seeds`, sorted by id: the articles reachable along
    /// strong links. A group larger than [`MAX_GROUP`] (a long-running topic whose
    /// reports all link up) is taken along stronger links only, the bar rising until
    /// it fits, so re-clustering stays local. A group at a bar is the same whatever
    /// the arrival order, and nested in the group at any lower bar. Seeds already in
    /// `seen` are skipped (their group is known).
    fn groups(&self, seeds: &[DocId], seen: &mut IdSet) -> Vec<Vec<DocId>> {
        let mut out = Vec::new();
        for &s in seeds {
            if self.docs.get(s as usize).is_none_or(Option::is_none) || seen.contains(&s) {
                continue;
            }
            let mut group = self.group_of(s);
            seen.extend(group.iter().copied());
            group.sort_by(|a, b| self.doc(*a).id.cmp(&self.doc(*b).id));
            out.push(group);
        }
        out
    }

    /// The groups of `seeds`, widened until every old story of their members lies
    /// within them (a raised bar can leave part of an old story outside).
    fn closed_groups(&self, seeds: &[DocId]) -> Vec<Vec<DocId>> {
        let mut seen = IdSet::default();
        let mut groups = self.groups(seeds, &mut seen);
        let mut checked = 0;
        loop {
            let stories: BTreeSet<usize> = groups[checked..]
                .iter()
                .flatten()
                .map(|&d| self.doc(d).story)
                .collect();
            checked = groups.len();
            let extra: Vec<DocId> = stories
                .into_iter()
                .flat_map(|k| self.members_of(k))
                .filter(|d| !seen.contains(d))
                .collect();
            if extra.is_empty() {
                return groups;
            }
            groups.extend(self.groups(&extra, &mut seen));
        }
    }

    /// The group of `start`: the articles reachable along links of at least the lowest
    /// bar ([`MERGE_THRESHOLD`] raised by [`CUT_STEP`] steps) at which they are at most
    /// [`MAX_GROUP`]. A search at a bar stops as soon as it finds too many, so a bar
    /// that is too low costs little.
    fn group_of(&self, start: DocId) -> Vec<DocId> {
        let mut bar = MERGE_THRESHOLD;
        loop {
            match self.component(start, bar) {
                Some(g) => return g,
                None if bar < 1.0 => bar *= CUT_STEP,
                None => return vec![start],
            }
        }
    }

    /// The articles reachable from `start` along links of at least `min`; `None` once
    /// more than [`MAX_GROUP`] are found.
    fn component(&self, start: DocId, min: f64) -> Option<Vec<DocId>> {
        let mut seen: IdSet = IdSet::default();
        seen.insert(start);
        let mut group = vec![start];
        let mut stack = vec![start];
        while let Some(x) = stack.pop() {
            // Only strong links can put two articles in one story (a story's mean
            // similarity reaches the threshold only if some link does), so groups
            // follow them; weaker links still count in the means.
            for (&y, &sim) in &self.doc(x).links {
                if sim >= min && seen.insert(y) {
                    group.push(y);
                    if group.len() > MAX_GROUP {
                        return None;
                    }
                    stack.push(y);
                }
            }
        }
        Some(group)
    }

    /// Re-clusters the groups holding `seeds` and updates their stories, reusing the
    /// key of the old story that shares most members with each new one.
    fn recluster(&mut self, seeds: &[DocId], affected: &mut BTreeSet<usize>) {
        // Keys are claimed across all groups: one old story split over two groups keeps
        // its key in one of them only.
        let mut used = BTreeSet::new();
        let mut old_keys: BTreeSet<usize> = BTreeSet::new();
        for group in self.closed_groups(seeds) {
            let clusters = cluster::average_linkage(
                &group_view(self, &group),
                MERGE_THRESHOLD,
                RELATIVE_MERGE,
                MAX_SPAN_DAYS,
            );
            let mut clusters: Vec<Vec<DocId>> = clusters
                .into_iter()
                .map(|c| c.into_iter().map(|i| group[i]).collect())
                .collect();
            // Largest first, then by first article: the key reuse order is fixed too.
            clusters.sort_by(|a, b| {
                b.len()
                    .cmp(&a.len())
                    .then_with(|| self.doc(a[0]).id.cmp(&self.doc(b[0]).id))
            });
            old_keys.extend(
                group
                    .iter()
                    .map(|&d| self.doc(d).story)
                    .filter(|&k| k != usize::MAX),
            );
            for c in clusters {
                let mut overlap: BTreeMap<usize, usize> = BTreeMap::new();
                for &d in &c {
                    let k = self.doc(d).story;
                    if k != usize::MAX && !used.contains(&k) {
                        *overlap.entry(k).or_default() += 1;
                    }
                }
                let key = overlap
                    .iter()
                    .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                    .map(|(&k, _)| k)
                    .unwrap_or_else(|| {
                        self.next += 1;
                        self.next - 1
                    });
                used.insert(key);
                let mut articles: Vec<String> = c.iter().map(|&d| self.doc(d).id.clone()).collect();
                articles.sort();
                let story = Story {
                    key,
                    label: self.label(&c),
                    articles,
                };
                for &d in &c {
                    self.doc_mut(d).story = key;
                }
                if self.stories.get(&key) != Some(&story) {
                    affected.insert(key);
                    self.unorder(key);
                    self.stories.insert(key, story);
                    self.reorder(key);
                }
            }
        }
        for &k in old_keys.difference(&used) {
            self.unorder(k);
            self.stories.remove(&k);
            affected.insert(k);
        }
    }

    /// The headline that best names the event: among the story's most central members
    /// (its core) whose headline is plain (when any is: no section label, page
    /// furniture or machine translation, see `Doc::plain_title`), the headline whose words carry most of
    /// what the core's reports share
    /// (each word weighs its weight in the profile times the share of the other core
    /// reports that have it), so a headline naming the event's own people, places and
    /// numbers beats one that names a side detail or is only a dateline. Ties go to the
    /// more central member, then the earliest id.
    fn label(&self, members: &[DocId]) -> String {
        let set: IdSet = members.iter().copied().collect();
        let centrality = |d: DocId| -> f64 {
            self.doc(d)
                .links
                .iter()
                .filter(|(o, _)| set.contains(o))
                .map(|(_, s)| s)
                .sum()
        };
        let mut core: Vec<(DocId, f64)> = members.iter().map(|&d| (d, centrality(d))).collect();
        core.sort_by(|a, b| {
            b.1.total_cmp(&a.1)
                .then_with(|| self.doc(a.0).id.cmp(&self.doc(b.0).id))
        });
        core.truncate(LABEL_CORE);
        let weight = |d: &Doc, k: u64| {
            d.sig
                .features
                .binary_search_by_key(&k, |f| f.0)
                .map_or(0.0, |i| d.sig.features[i].1)
        };
        let naming = |d: DocId| -> f64 {
            let doc = self.doc(d);
            let others = core.len().saturating_sub(1).max(1) as f64;
            doc.sig
                .headline
                .iter()
                .map(|keys| {
                    keys.iter()
                        .map(|&k| {
                            let shared = core
                                .iter()
                                .filter(|&&(o, _)| o != d && weight(self.doc(o), k) > 0.0)
                                .count();
                            weight(doc, k) * shared as f64 / others
                        })
                        .fold(0.0, f64::max)
                })
                .sum()
        };
        // A headline at all, then one that is not a section label, page furniture or a
        // machine translation's.
        let plain = |d: &Doc| d.title.as_ref().map(|_| (true, d.plain_title));
        core.iter()
            .map(|&(d, c)| (self.doc(d), naming(d), c))
            .max_by(|a, b| {
                plain(a.0)
                    .cmp(&plain(b.0))
                    .then(a.1.total_cmp(&b.1))
                    .then(a.2.total_cmp(&b.2))
                    .then(b.0.id.cmp(&a.0.id))
            })
            .map(|(d, _, _)| d.title.clone().unwrap_or_else(|| d.id.clone()))
            .unwrap_or_default()
    }
}

/// Hash of the parts of an article its profile is made of.
fn content_hash(article: &Article) -> u64 {
    let mut h = IdHasher::default();
    use std::hash::{Hash, Hasher};
    article.title.hash(&mut h);
    article.text.hash(&mut h);
    article.published.map(|d| d.timestamp()).hash(&mut h);
    h.finish()
}

/// What the story index keeps of one article's text: its weighted features (hashed),
/// the ones that find candidates, its headline words' keys and its time. Computed once
/// per article by [`crate::analysis::analyze`] from the shared document, so the index
/// never tokenizes.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Signature {
    /// (feature hash, weight), sorted by hash.
    pub features: Vec<(u64, f64)>,
    /// Hashes of the features heavy enough to find candidates, sorted.
    pub indexed: Vec<u64>,
    /// Per headline word, the hashes of the feature keys it may stand for.
    pub headline: Vec<Vec<u64>>,
    pub day: Option<i64>,
    pub latest_year: Option<i32>,
}

/// An article's signature, read from its document (`doc` is over `article.text`) and
/// its entities.
pub fn signature(
    article: &Article,
    doc: &crate::text::doc::Doc,
    entities: &[super::Entity],
) -> Signature {
    let profile = features::profile_doc_unsorted(article, doc, entities);
    // Each key hashed once; ordered by hash, then key (two keys of one hash, never yet
    // seen, keep the first key's weight, as ordering by key and then stably by hash did).
    let mut hashed: Vec<(u64, &features::Feature)> = profile
        .features
        .iter()
        .map(|f| (feature_hash(&f.key), f))
        .collect();
    hashed.sort_unstable_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.key.cmp(&b.1.key)));
    let mut feats: Vec<(u64, f64)> = hashed.iter().map(|&(h, f)| (h, f.weight)).collect();
    feats.dedup_by_key(|f| f.0);
    let mut indexed: Vec<u64> = hashed
        .iter()
        .filter(|(_, f)| f.base >= INDEX_MIN_WEIGHT)
        .map(|&(h, _)| h)
        .collect();
    indexed.dedup();
    Signature {
        features: feats,
        indexed,
        headline: profile
            .headline
            .iter()
            .map(|w| w.iter().map(|k| feature_hash(k)).collect())
            .collect(),
        day: profile.day,
        latest_year: profile.latest_year,
    }
}

/// An article's entry in the index, not yet linked. The analysis carries its
/// signature; one built without it (by hand, in a test) gets it computed here.
fn make_doc(article: &Article, analysis: &ArticleAnalysis, content: u64) -> Doc {
    let sig = analysis.story.clone().unwrap_or_else(|| {
        Arc::new(signature(
            article,
            &crate::text::doc::Doc::new(&article.text),
            &analysis.entities,
        ))
    });
    let norm = sig.features.iter().map(|f| f.1 * f.1).sum::<f64>().sqrt();
    let title = article.title.clone().filter(|t| !t.trim().is_empty());
    let plain_title = title
        .as_deref()
        .is_some_and(|t| !features::headline_is_furniture(t))
        && !features::machine_translated(article);
    Doc {
        id: article.id.clone(),
        content,
        title,
        plain_title,
        sig,
        seed: feature_hash(&article.id),
        norm,
        top: Vec::new(),
        complete: true,
        held_by: IdSet::default(),
        links: IdMap::default(),
        story: usize::MAX,
    }
}

/// What the clustering needs of a group: each article's day and its links, by the
/// articles' positions in `group`.
fn group_view(index: &StoryIndex, group: &[DocId]) -> cluster::Group {
    let pos: IdMap<usize> = group.iter().enumerate().map(|(i, &d)| (d, i)).collect();
    let docs: Vec<&Doc> = group.iter().map(|&d| index.doc(d)).collect();
    let mut links = vec![Vec::new(); group.len()];
    for (i, d) in docs.iter().enumerate() {
        let mut mine: Vec<usize> = d.links.keys().filter_map(|o| pos.get(o).copied()).collect();
        mine.sort_unstable();
        for j in mine.into_iter().filter(|&j| j > i) {
            let s = d.links[&group[j]];
            links[i].push((j, s));
            links[j].push((i, s));
        }
    }
    // In a small group every pair's own similarity is cheap to know: a report that
    // shares too few rare features with one member to be its candidate (a follow-up
    // naming the town and the event, not the first report's figures) is not taken as
    // unlike it. Large groups keep the sparse links (unlinked counts zero).
    if group.len() <= DENSE_GROUP {
        for i in 0..group.len() {
            for j in i + 1..group.len() {
                if docs[i].links.contains_key(&group[j]) {
                    continue;
                }
                let s = similarity(docs[i], docs[j]);
                if s >= LINK_THRESHOLD {
                    links[i].push((j, s));
                    links[j].push((i, s));
                }
            }
        }
    }
    // A link counts towards a story only with specific evidence behind it (see
    // [`SPECIFIC_DF`]): links made of household names alone are dropped here, not in
    // the index, so a feature's count changing costs a re-clustering, not new searches.
    for (i, l) in links.iter_mut().enumerate() {
        l.retain(|&(j, _)| index.shares_specific(docs[i], docs[j]));
    }
    for l in &mut links {
        l.sort_by_key(|x| x.0);
    }
    cluster::Group {
        days: docs.iter().map(|d| d.sig.day).collect(),
        links,
    }
}

fn cosine(a: &[(u64, f64)], na: f64, b: &[(u64, f64)], nb: f64) -> f64 {
    if na <= 0.0 || nb <= 0.0 {
        return 0.0;
    }
    // A merge walk without unpredictable branches: most steps advance one side only,
    // and this loop is the index's hottest (every candidate pair of every update).
    let (mut i, mut j, mut dot) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        let (ka, kb) = (a[i].0, b[j].0);
        let same = ka == kb;
        dot += if same { a[i].1 * b[j].1 } else { 0.0 };
        i += usize::from(ka <= kb);
        j += usize::from(kb <= ka);
    }
    dot / (na * nb)
}

/// Weighted cosine of two profiles, damped by the days between them; zero beyond the
/// longest span a story may have.
fn similarity(a: &Doc, b: &Doc) -> f64 {
    let tf = time_factor(a, b);
    if tf <= 0.0 {
        return 0.0;
    }
    cosine(&a.sig.features, a.norm, &b.sig.features, b.norm) * tf
}

/// How the two reports' times agree. Both dated: 1 within a few days, then fading to
/// 0.5 at [`MAX_SPAN_DAYS`], 0 beyond. Otherwise the latest year an undated text mentions
/// stands for its time: [`YEAR_MISMATCH`] when it is more than a year from the other's
/// (date or latest year), 1 when they agree or either says nothing.
fn time_factor(a: &Doc, b: &Doc) -> f64 {
    match (a.sig.day, b.sig.day) {
        (Some(x), Some(y)) => day_factor(x, y),
        (Some(x), None) => year_factor(Some(features::year_of_day(x)), b.sig.latest_year),
        (None, Some(y)) => year_factor(a.sig.latest_year, Some(features::year_of_day(y))),
        (None, None) => year_factor(a.sig.latest_year, b.sig.latest_year),
    }
}

fn year_factor(a: Option<i32>, b: Option<i32>) -> f64 {
    match (a, b) {
        (Some(x), Some(y)) if (x - y).abs() > 1 => YEAR_MISMATCH,
        _ => 1.0,
    }
}

fn day_factor(a: i64, b: i64) -> f64 {
    let days = (a - b).abs() as f64;
    if days <= SAME_TIME_DAYS {
        1.0
    } else if days > MAX_SPAN_DAYS as f64 {
        0.0
    } else {
        1.0 - 0.5 * (days - SAME_TIME_DAYS) / (MAX_SPAN_DAYS as f64 - SAME_TIME_DAYS)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The kept cut-off, and what insert and remove report, are those of walking the set
    /// to the cap's place (the old way), through growth past the cap and shrinking below.
    #[test]
    fn a_posting_keeps_its_sample_cut_off_as_holders_come_and_go() {
        let cap = 3;
        let nth = |p: &Posting, i: usize| p.iter().nth(i).copied();
        let mut p = Posting::default();
        // a fixed scramble of ranks, each inserted then removed in another order
        let keys: Vec<(u64, DocId)> = (0..12u32).map(|i| (u64::from(i * 7 % 12), i)).collect();
        for &k in &keys {
            let pushed = p.set.len() >= cap && nth(&p, cap - 1).is_some_and(|c| k < c);
            let before = nth(&p, cap - 1);
            let out = p.insert(k, cap);
            assert_eq!(out, if pushed { before } else { None });
            assert_eq!(p.cut, nth(&p, cap - 1));
        }
        for &k in keys.iter().rev().step_by(2).chain(keys.iter().step_by(2)) {
            let was_in = p.set.len() <= cap || nth(&p, cap - 1).is_some_and(|c| k <= c);
            let came = p.remove(k, cap);
            assert_eq!(came, if was_in { nth(&p, cap - 1) } else { None });
            assert_eq!(p.cut, nth(&p, cap - 1));
        }
        assert!(p.is_empty());
    }

    /// A folder load pushes holders unsorted and settles once: the same holders, order
    /// and cut-off as inserting them one by one, below and above the cap.
    #[test]
    fn a_settled_posting_equals_one_inserted_holder_by_holder() {
        for n in [1u32, 2, 3, 4, 9] {
            let cap = 3;
            let keys: Vec<(u64, DocId)> = (0..n).map(|i| (u64::from(i * 5 % 9), i)).collect();
            let mut one = Posting::default();
            for &k in &keys {
                one.insert(k, cap);
            }
            let mut bulk = Posting::default();
            bulk.set.extend(keys.iter().rev());
            bulk.settle(cap);
            assert_eq!(bulk.set, one.set);
            assert_eq!(bulk.cut, one.cut);
            assert_eq!(one.cut.is_some(), n as usize >= cap);
        }
    }

    #[test]
    fn the_analysis_carries_the_signature_the_index_would_compute() {
        let article = Article {
            id: "a".into(),
            path: "a".into(),
            format: crate::ingest::Format::Txt,
            title: Some("Ferry Halts at Vrelsk Pier".into()),
            source: None,
            published: None,
            url: None,
            text: "VRELSK, March 4, 2031 - The ferry Ostra Bell ran aground near Vrelsk \
                   with 1,240 passengers, harbour master Ola Brenn said."
                .into(),
            warnings: vec![],
        };
        let analysis = crate::analysis::analyze(&article);
        let shared = analysis.story.clone().expect("analyze fills the signature");
        let by_hand = ArticleAnalysis {
            story: None,
            ..analysis
        };
        let fresh = signature(
            &article,
            &crate::text::doc::Doc::new(&article.text),
            &by_hand.entities,
        );
        assert_eq!(*shared, fresh);
        assert!(shared.day.is_some() && !shared.headline.is_empty());
        assert!(shared.indexed.contains(&feature_hash("n:vrelsk")));
        assert!(shared.indexed.contains(&feature_hash("#:1240")));
    }

    fn titled(id: &str, title: &str, text: &str) -> Article {
        Article {
            title: Some(title.into()),
            ..Article::plain(id, text)
        }
    }

    #[test]
    fn the_label_is_a_plain_headline_when_the_best_named_one_is_a_section_label() {
        // The live page's headline holds every word the others share, and more: it
        // names the event best, but as a page; a plain report's headline is the label.
        let body = "A tram of the Kestrel Line caught fire on the Orvenna bridge, and 14 \
                    passengers were hurt. Dalvik Brun of the Orvenna transit board said \
                    the bridge stays shut while the Kestrel Line trams are checked.";
        let live = titled(
            "a",
            "LIVE: Tram fire shuts Orvenna bridge, 14 hurt",
            &format!("{body} Updates follow as the board reports."),
        );
        let plain = titled(
            "b",
            "Tram fire shuts Orvenna bridge",
            &format!("{body} Buses replace the trams."),
        );
        let other = titled(
            "c",
            "Orvenna bridge shut by tram fire",
            &format!("{body} Brun gave no date for reopening."),
        );
        let mut index = StoryIndex::new();
        let analyses: Vec<ArticleAnalysis> = [&live, &plain, &other]
            .iter()
            .map(|a| crate::analysis::analyze(a))
            .collect();
        index.upsert_many([&live, &plain, &other].into_iter().zip(&analyses));
        let stories = index.stories();
        assert_eq!(stories.len(), 1, "{stories:?}");
        assert_eq!(stories[0].label, "Tram fire shuts Orvenna bridge");
    }

    #[test]
    fn the_label_is_a_news_headline_not_a_feature_kicker_or_a_question() {
        // The feature's headline names everything the reports share and more, but as
        // a scene and an explainer ("...: how ..."); the question names it as a doubt.
        let body = "A tram of the Kestrel Line caught fire on the Orvenna bridge, and 14 \
                    passengers were hurt. Dalvik Brun of the Orvenna transit board said \
                    the bridge stays shut while the Kestrel Line trams are checked.";
        let feature = titled(
            "a",
            "Smoke over the Kestrel Line: how a tram fire shut the Orvenna bridge, 14 hurt",
            &format!("{body} Riders recalled the evening."),
        );
        let question = titled(
            "b",
            "Will the tram fire keep the Orvenna bridge shut, with 14 hurt?",
            &format!("{body} Engineers were called in."),
        );
        let plain = titled(
            "c",
            "Tram fire shuts Orvenna bridge",
            &format!("{body} Buses replace the trams."),
        );
        let analyses: Vec<ArticleAnalysis> = [&feature, &question, &plain]
            .iter()
            .map(|a| crate::analysis::analyze(a))
            .collect();
        let mut index = StoryIndex::new();
        index.upsert_many([&feature, &question, &plain].into_iter().zip(&analyses));
        let stories = index.stories();
        assert_eq!(stories.len(), 1, "{stories:?}");
        assert_eq!(stories[0].label, "Tram fire shuts Orvenna bridge");
    }

    #[test]
    fn the_label_is_not_a_machine_translated_headline() {
        // The translated report's headline repeats every shared name and number, word
        // for word; a headline written in English names the event.
        let body = "The Kestrel Line tram caught fire on the Orvenna bridge and 14 \
                    passengers were hurt. Dalvik Brun of the Orvenna transit board said \
                    the bridge stays shut while the Kestrel Line trams are checked.";
        let translated = titled(
            "a",
            "Orvenna bridge tram Kestrel Line of fire is shut, 14 passengers hurt",
            &format!("Kelmer Bote (automatic translation)\n\n{body}"),
        );
        let plain = titled("b", "Tram fire shuts Orvenna bridge", body);
        let other = titled(
            "c",
            "Bridge shut after tram blaze",
            &format!("{body} Brun gave no date for reopening."),
        );
        let arts = [&translated, &plain, &other];
        let analyses: Vec<ArticleAnalysis> =
            arts.iter().map(|a| crate::analysis::analyze(a)).collect();
        let mut index = StoryIndex::new();
        index.upsert_many(arts.into_iter().zip(&analyses));
        let stories = index.stories();
        assert_eq!(stories.len(), 1, "{stories:?}");
        assert_eq!(stories[0].label, "Tram fire shuts Orvenna bridge");
    }

    /// The order kept through upserts, replacements and removals is the order a full
    /// sort of the stories gives.
    #[test]
    fn the_kept_story_order_is_a_full_sort_after_every_change() {
        let ferry = "The ferry Saltwren ran aground off Quillmarsh point at dawn; \
                     Odeline Marsk of the Quillmarsh harbour office said 37 passengers \
                     were taken off by lifeboat.";
        let mill = "Fire gutted the old Tarrowby paper mill overnight, and Fenwick Castellow \
                    of the Tarrowby brigade said 9 engines fought the blaze.";
        let mut arts = vec![
            titled("f1", "Saltwren aground off Quillmarsh", ferry),
            titled(
                "f2",
                "Ferry grounding at Quillmarsh",
                &format!("{ferry} Tugs wait."),
            ),
            titled(
                "f3",
                "Quillmarsh lifeboat rescue",
                &format!("{ferry} Every rider reached shore dry."),
            ),
            titled("m1", "Tarrowby mill burns", mill),
            titled(
                "m2",
                "Blaze at Tarrowby mill",
                &format!("{mill} Inspectors will sift the ash."),
            ),
            titled(
                "s1",
                "Choir wins prize",
                "A village choir from Pellmoor won a prize.",
            ),
            titled(
                "s2",
                "Orchard harvest early",
                "Apple growers near Dunsreach began early.",
            ),
        ];
        let mut index = StoryIndex::new();
        let check = |index: &StoryIndex| {
            let mut full: Vec<&Story> = index.stories.values().collect();
            full.sort_by(|a, b| story_order(a, b));
            assert_eq!(index.stories(), full);
        };
        for a in &arts {
            index.upsert(a, &crate::analysis::analyze(a));
            check(&index);
        }
        let sizes: Vec<usize> = index.stories().iter().map(|s| s.articles.len()).collect();
        assert_eq!(sizes, [3, 2, 1, 1], "two events and two lone reports");
        // A report rewritten about the other event moves between stories.
        arts[2] = titled("f3", "Tarrowby mill fire", &format!("{mill} Crews stayed."));
        index.upsert(&arts[2], &crate::analysis::analyze(&arts[2]));
        check(&index);
        for id in ["f1", "s1", "m2", "f3"] {
            index.remove(id);
            check(&index);
        }
    }

    #[test]
    fn years_that_disagree_weaken_a_link_and_silence_does_not() {
        // An undated report naming 2027 at the latest, against one dated in 2031.
        assert_eq!(year_factor(Some(2027), Some(2031)), YEAR_MISMATCH);
        assert_eq!(year_factor(Some(2031), Some(2027)), YEAR_MISMATCH);
        // A year apart is one event across New Year, or next year's plan.
        assert_eq!(year_factor(Some(2030), Some(2031)), 1.0);
        // A text that names no year says nothing about its time.
        assert_eq!(year_factor(None, Some(2031)), 1.0);
        assert_eq!(year_factor(None, None), 1.0);
    }

    #[test]
    fn days_apart_fade_then_stop_at_the_cap() {
        assert_eq!(day_factor(100, 102), 1.0);
        let month = day_factor(100, 130);
        assert!(month < 1.0 && month > 0.5, "{month}");
        assert_eq!(day_factor(0, MAX_SPAN_DAYS), 0.5);
        assert_eq!(day_factor(0, MAX_SPAN_DAYS + 1), 0.0);
    }
}

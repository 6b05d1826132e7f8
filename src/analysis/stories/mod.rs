//! Stories: articles about the same event (who, what, where, when), not the same topic.
//!
//! Each article becomes a [`features::Profile`]: names, content words, numbers and
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
//! the order or batching in which files arrived. Incremental: an upsert or removal
//! finds its candidates through an inverted index of rare features and re-clusters only
//! the groups it touches.

pub mod cluster;
pub mod features;

use super::ArticleAnalysis;
use crate::ingest::Article;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

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
/// Two articles are linked (and may count towards a story) from this similarity up.
const LINK_THRESHOLD: f64 = 0.08;
/// Each article keeps links to its this many most similar articles (and to those that
/// keep it among theirs). In a big folder household names make an article faintly
/// similar to half of it; those links would make every update cost the folder's size,
/// and no story is made of them.
pub const TOP_LINKS: usize = 40;
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
/// Within this many days two reports are as close in time as can be.
const SAME_TIME_DAYS: f64 = 3.0;

type DocId = u32;

#[derive(Debug, Serialize, Deserialize)]
struct Doc {
    id: String,
    title: Option<String>,
    day: Option<i64>,
    /// Latest year the text mentions (what tells the time of an undated report).
    latest_year: Option<i32>,
    /// (feature hash, weight), sorted by hash: pair similarity by a merge walk.
    features: Vec<(u64, f64)>,
    /// Hashes of the features in the inverted index.
    indexed: Vec<u64>,
    norm: f64,
    /// Its [`TOP_LINKS`] most similar candidates, best first (similarity, then id).
    top: Vec<(DocId, f64)>,
    /// Linked articles and their similarity: its `top`, and every article that has it in
    /// its own `top`.
    links: HashMap<DocId, f64>,
    /// Key of the story it is in (`usize::MAX` while being placed).
    story: usize,
}

/// Serializable so a folder's index can be kept in the cache between runs.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct StoryIndex {
    of_article: HashMap<String, DocId>,
    docs: Vec<Option<Doc>>,
    free: Vec<DocId>,
    postings: HashMap<u64, Vec<DocId>>,
    stories: BTreeMap<usize, Story>,
    next: usize,
    /// Links kept per article ([`TOP_LINKS`]; 0 in `Default` means the same).
    top_links: usize,
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

    fn cap(&self) -> usize {
        if self.top_links == 0 {
            TOP_LINKS
        } else {
            self.top_links
        }
    }

    /// Adds or replaces an article; returns the keys of the stories whose membership
    /// or label changed (including stories that now are gone), for conflict recomputation.
    pub fn upsert(&mut self, article: &Article, analysis: &ArticleAnalysis) -> Vec<usize> {
        let mut affected = BTreeSet::new();
        let mut seeds = Vec::new();
        if let Some((neighbours, key)) = self.detach(&article.id, &mut affected) {
            seeds.extend(neighbours);
            seeds.extend(self.members_of(key));
        }
        let profile = features::profile(article, analysis);
        let mut feats: Vec<(u64, f64)> = profile
            .features
            .iter()
            .map(|f| (feature_hash(&f.key), f.weight))
            .collect();
        feats.sort_by_key(|f| f.0);
        feats.dedup_by_key(|f| f.0);
        let indexed: Vec<u64> = profile
            .features
            .iter()
            .filter(|f| f.base >= INDEX_MIN_WEIGHT)
            .map(|f| feature_hash(&f.key))
            .collect();
        let norm = feats.iter().map(|f| f.1 * f.1).sum::<f64>().sqrt();
        let doc = self.alloc(Doc {
            id: article.id.clone(),
            title: article.title.clone().filter(|t| !t.trim().is_empty()),
            day: profile.day,
            latest_year: profile.latest_year,
            features: feats,
            indexed,
            norm,
            top: Vec::new(),
            links: HashMap::new(),
            story: usize::MAX,
        });
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
        let mut v: Vec<&Story> = self.stories.values().collect();
        v.sort_by(|a, b| {
            b.articles
                .len()
                .cmp(&a.articles.len())
                .then(a.label.cmp(&b.label))
                .then(a.articles.cmp(&b.articles))
        });
        v
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
        let tf = match (a.day, b.day) {
            (Some(p), Some(q)) => day_factor(p, q),
            _ => 1.0,
        };
        cosine(&a.features, a.norm, &b.features, b.norm) * tf
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
        for h in &d.indexed {
            if let Some(p) = self.postings.get_mut(h) {
                if let Some(i) = p.iter().position(|&x| x == doc) {
                    p.swap_remove(i);
                }
                if p.is_empty() {
                    self.postings.remove(h);
                }
            }
        }
        let mut refill = Vec::new();
        for o in d.links.keys() {
            if let Some(od) = self.docs[*o as usize].as_mut() {
                od.links.remove(&doc);
                if let Some(i) = od.top.iter().position(|t| t.0 == doc) {
                    od.top.remove(i);
                    refill.push(*o);
                }
            }
        }
        // An article that kept this one among its best takes its next best instead: the
        // links stay those of the folder as it now is, whatever came and went before.
        refill.sort_unstable();
        let mut gained = Vec::new();
        for o in refill {
            gained.extend(self.refill_top(o));
        }
        affected.insert(d.story);
        if let Some(s) = self.stories.get_mut(&d.story) {
            s.articles.retain(|a| a != article);
            if s.articles.is_empty() {
                self.stories.remove(&d.story);
            }
        }
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
        let mut shared: HashMap<DocId, usize> = HashMap::new();
        for h in &self.doc(doc).indexed {
            for &o in self.postings.get(h).into_iter().flatten() {
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

    /// Whether `a` ranks before `b` among one article's candidates: more similar first,
    /// then by article id (never by arrival).
    fn ranks_before(&self, a: (DocId, f64), b: (DocId, f64)) -> bool {
        a.1 > b.1 || (a.1 == b.1 && self.doc(a.0).id < self.doc(b.0).id)
    }

    fn best(&self, mut cands: Vec<(DocId, f64)>) -> Vec<(DocId, f64)> {
        cands.sort_by(|&a, &b| {
            b.1.total_cmp(&a.1)
                .then_with(|| self.doc(a.0).id.cmp(&self.doc(b.0).id))
        });
        cands.truncate(self.cap());
        cands
    }

    fn add_link(&mut self, a: DocId, b: DocId, s: f64) {
        self.doc_mut(a).links.insert(b, s);
        self.doc_mut(b).links.insert(a, s);
    }

    /// Drops the link between `a` and `b` unless one still keeps the other.
    fn drop_link_unless_kept(&mut self, a: DocId, b: DocId) -> bool {
        let kept = |x: &Doc, y: DocId| x.top.iter().any(|t| t.0 == y);
        if kept(self.doc(a), b) || kept(self.doc(b), a) {
            return false;
        }
        self.doc_mut(a).links.remove(&b);
        self.doc_mut(b).links.remove(&a);
        true
    }

    /// Indexes `doc`, links it to its best candidates and to every candidate that now
    /// counts it among its own best; returns the articles that lost a link for it (their
    /// groups must be re-clustered).
    fn link(&mut self, doc: DocId) -> Vec<DocId> {
        let cands = self.candidates(doc);
        for h in self.doc(doc).indexed.clone() {
            self.postings.entry(h).or_default().push(doc);
        }
        let top = self.best(cands.clone());
        for &(o, s) in &top {
            self.add_link(doc, o, s);
        }
        self.doc_mut(doc).top = top;
        let mut lost = Vec::new();
        for (o, s) in cands {
            let other = self.doc(o);
            let cap = self.cap();
            let enters = other.top.len() < cap
                || other
                    .top
                    .last()
                    .is_some_and(|&w| self.ranks_before((doc, s), w));
            if !enters {
                continue;
            }
            let at = other
                .top
                .iter()
                .position(|&w| self.ranks_before((doc, s), w))
                .unwrap_or(other.top.len());
            let od = self.doc_mut(o);
            od.top.insert(at, (doc, s));
            let out = (od.top.len() > cap).then(|| od.top.pop()).flatten();
            self.add_link(doc, o, s);
            if let Some((z, _)) = out
                && self.drop_link_unless_kept(o, z)
            {
                lost.extend([o, z]);
            }
        }
        lost
    }

    /// Tops up `doc`'s best candidates after one of them left; returns the articles it
    /// is newly linked to.
    fn refill_top(&mut self, doc: DocId) -> Vec<DocId> {
        if self.doc(doc).top.len() + 1 < self.cap() {
            // It had fewer than the cap: nobody was left out, nobody comes in.
            return Vec::new();
        }
        let top = self.best(self.candidates(doc));
        let mut gained = Vec::new();
        for &(o, s) in &top {
            if !self.doc(doc).links.contains_key(&o) {
                self.add_link(doc, o, s);
                gained.push(o);
            }
        }
        self.doc_mut(doc).top = top;
        gained
    }

    /// The group of each of `seeds`, sorted by id: the articles reachable along
    /// strong links. A group larger than [`MAX_GROUP`] (a long-running topic whose
    /// reports all link up) is taken along stronger links only, the bar rising until
    /// it fits, so re-clustering stays local. A group at a bar is the same whatever
    /// the arrival order, and nested in the group at any lower bar.
    fn groups(&self, seeds: &[DocId]) -> Vec<Vec<DocId>> {
        let mut seen: HashSet<DocId> = HashSet::new();
        let mut out = Vec::new();
        for &s in seeds {
            if self.docs.get(s as usize).is_none_or(Option::is_none) || seen.contains(&s) {
                continue;
            }
            let mut bar = MERGE_THRESHOLD;
            let mut group = loop {
                match self.component(s, bar) {
                    Some(g) => break g,
                    None if bar < 1.0 => bar *= CUT_STEP,
                    None => break vec![s],
                }
            };
            seen.extend(group.iter().copied());
            group.sort_by(|a, b| self.doc(*a).id.cmp(&self.doc(*b).id));
            out.push(group);
        }
        out
    }

    /// The groups of `seeds`, widened until every old story of their members lies
    /// within them (a raised bar can leave part of an old story outside).
    fn closed_groups(&self, seeds: &[DocId]) -> Vec<Vec<DocId>> {
        let mut seeds = seeds.to_vec();
        loop {
            let groups = self.groups(&seeds);
            let covered: HashSet<DocId> = groups.iter().flatten().copied().collect();
            let stories: BTreeSet<usize> = covered.iter().map(|&d| self.doc(d).story).collect();
            let extra: Vec<DocId> = stories
                .into_iter()
                .flat_map(|k| self.members_of(k))
                .filter(|d| !covered.contains(d))
                .collect();
            if extra.is_empty() {
                return groups;
            }
            seeds.extend(extra);
        }
    }

    /// The articles reachable from `start` along links of at least `min`; `None` once
    /// more than [`MAX_GROUP`] are found.
    fn component(&self, start: DocId, min: f64) -> Option<Vec<DocId>> {
        let mut seen: HashSet<DocId> = HashSet::from([start]);
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
                    self.stories.insert(key, story);
                }
            }
        }
        for k in old_keys.difference(&used) {
            self.stories.remove(k);
            affected.insert(*k);
        }
    }

    /// The headline of the member most similar to the rest of the story (its centre),
    /// so the label names what the reports share; ties go to the earliest id.
    fn label(&self, members: &[DocId]) -> String {
        let set: BTreeSet<DocId> = members.iter().copied().collect();
        let centrality = |d: DocId| -> f64 {
            self.doc(d)
                .links
                .iter()
                .filter(|(o, _)| set.contains(o))
                .map(|(_, s)| s)
                .sum()
        };
        members
            .iter()
            .map(|&d| (d, centrality(d), self.doc(d)))
            .max_by(|a, b| {
                (a.2.title.is_some())
                    .cmp(&b.2.title.is_some())
                    .then(a.1.total_cmp(&b.1))
                    .then(b.2.id.cmp(&a.2.id))
            })
            .map(|(_, _, d)| d.title.clone().unwrap_or_else(|| d.id.clone()))
            .unwrap_or_default()
    }
}

/// What the clustering needs of a group: each article's day and its links, by the
/// articles' positions in `group`.
fn group_view(index: &StoryIndex, group: &[DocId]) -> cluster::Group {
    let pos: HashMap<DocId, usize> = group.iter().enumerate().map(|(i, &d)| (d, i)).collect();
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
    for l in &mut links {
        l.sort_by_key(|x| x.0);
    }
    cluster::Group {
        days: docs.iter().map(|d| d.day).collect(),
        links,
    }
}

fn cosine(a: &[(u64, f64)], na: f64, b: &[(u64, f64)], nb: f64) -> f64 {
    if na <= 0.0 || nb <= 0.0 {
        return 0.0;
    }
    let (mut i, mut j, mut dot) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                dot += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
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
    cosine(&a.features, a.norm, &b.features, b.norm) * tf
}

/// How the two reports' times agree. Both dated: 1 within a few days, then fading to
/// 0.5 at [`MAX_SPAN_DAYS`], 0 beyond. Otherwise the latest year an undated text mentions
/// stands for its time: [`YEAR_MISMATCH`] when it is more than a year from the other's
/// (date or latest year), 1 when they agree or either says nothing.
fn time_factor(a: &Doc, b: &Doc) -> f64 {
    match (a.day, b.day) {
        (Some(x), Some(y)) => day_factor(x, y),
        (Some(x), None) => year_factor(Some(features::year_of_day(x)), b.latest_year),
        (None, Some(y)) => year_factor(a.latest_year, Some(features::year_of_day(y))),
        (None, None) => year_factor(a.latest_year, b.latest_year),
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

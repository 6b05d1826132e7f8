//! Stories: articles about the same event, grouped from shared names, salient terms
//! and publication time. Incremental: one article in or out updates only its story.
//!
//! Each article's features (see [`features`]) go into an inverted index. Features in
//! more than a few percent of the folder (outlet names, page furniture, household names,
//! the year) weigh nothing and find no candidates. A new article is scored only against
//! the articles sharing several of its rare features (never all pairs): an IDF-weighted
//! cosine, damped when the publication dates are days apart. It joins a story when it is
//! similar to the story's best few members on average, not to any single member, and is
//! linked to the members it matches. Removing an article re-checks connectivity inside
//! its story only.

pub mod features;

use super::ArticleAnalysis;
use crate::ingest::Article;
use chrono::{DateTime, FixedOffset};
use features::FeatureKind;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// A group of articles covering the same event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Story {
    /// Stable while the story exists (the contract's "t1" ids are assigned on output).
    pub key: usize,
    pub label: String,
    pub articles: Vec<String>,
}

/// Minimum similarity for two articles to be linked into one story.
const LINK_THRESHOLD: f64 = 0.12;
/// Minimum mean similarity to a story's best members for an article to join it.
const STORY_THRESHOLD: f64 = 0.12;
/// How many of a story's most similar members its score averages over.
const STORY_BEST: usize = 3;
/// Minimum number of shared rare name or number features for a candidate: vocabulary
/// alone ("flood", "water") does not make two reports one story.
const MIN_SHARED_NAMES: usize = 2;
/// Minimum number of distinct shared rare features of any kind for a candidate.
const MIN_SHARED_RARE: usize = 3;
/// Features in more than this share of the folder (percent) weigh nothing...
const COMMON_PERCENT: usize = 5;
/// ...but the bar never drops below this many articles.
const COMMON_FLOOR: usize = 10;
/// Candidates scored exactly, after the cheap accumulation over postings.
const MAX_CANDIDATES: usize = 64;

type DocId = u32;
type FeatId = u32;

#[derive(Debug)]
struct Doc {
    id: String,
    title: Option<String>,
    published: Option<DateTime<FixedOffset>>,
    features: Vec<FeatId>,
    links: BTreeSet<DocId>,
    story: usize,
}

#[derive(Debug, Default)]
pub struct StoryIndex {
    of_article: HashMap<String, DocId>,
    docs: Vec<Option<Doc>>,
    free: Vec<DocId>,
    feature_ids: HashMap<String, FeatId>,
    feature_kinds: Vec<FeatureKind>,
    postings: Vec<Vec<DocId>>,
    live: usize,
    stories: BTreeMap<usize, Story>,
    next: usize,
}

impl StoryIndex {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds or replaces an article; returns the keys of the stories whose membership
    /// changed (including stories that now are gone), for conflict recomputation.
    pub fn upsert(&mut self, article: &Article, analysis: &ArticleAnalysis) -> Vec<usize> {
        let mut affected: BTreeSet<usize> = self.remove(&article.id).into_iter().collect();
        let feats: Vec<FeatId> = features::extract(article, analysis)
            .into_iter()
            .map(|f| self.intern(f))
            .collect();
        let doc = self.alloc(Doc {
            id: article.id.clone(),
            title: article.title.clone().filter(|t| !t.trim().is_empty()),
            published: article.published,
            features: feats,
            links: BTreeSet::new(),
            story: usize::MAX,
        });
        for f in self.doc(doc).features.clone() {
            self.postings[f as usize].push(doc);
        }
        self.live += 1;
        self.of_article.insert(article.id.clone(), doc);

        let links = self.linked_docs(doc);
        for &other in &links {
            if let Some(d) = self.docs[other as usize].as_mut() {
                d.links.insert(doc);
            }
        }
        let story_keys: BTreeSet<usize> = links.iter().map(|&o| self.doc(o).story).collect();
        self.docs[doc as usize]
            .as_mut()
            .expect("just allocated")
            .links = links;

        // Join the largest linked story (oldest on ties); the others fold into it.
        let target = story_keys
            .iter()
            .copied()
            .max_by(|a, b| {
                let la = self.stories.get(a).map_or(0, |s| s.articles.len());
                let lb = self.stories.get(b).map_or(0, |s| s.articles.len());
                la.cmp(&lb).then(b.cmp(a))
            })
            .unwrap_or_else(|| {
                let k = self.next;
                self.next += 1;
                self.stories.insert(
                    k,
                    Story {
                        key: k,
                        label: String::new(),
                        articles: Vec::new(),
                    },
                );
                k
            });
        for k in story_keys.iter().copied().filter(|&k| k != target) {
            if let Some(old) = self.stories.remove(&k) {
                for id in &old.articles {
                    if let Some(&d) = self.of_article.get(id) {
                        self.docs[d as usize].as_mut().expect("live doc").story = target;
                    }
                }
                if let Some(t) = self.stories.get_mut(&target) {
                    t.articles.extend(old.articles);
                }
            }
            affected.insert(k);
        }
        self.docs[doc as usize].as_mut().expect("live doc").story = target;
        if let Some(t) = self.stories.get_mut(&target) {
            t.articles.push(article.id.clone());
        }
        self.relabel(target);
        affected.insert(target);
        affected.into_iter().collect()
    }

    /// Removes an article; returns the keys of the stories that changed.
    pub fn remove(&mut self, article: &str) -> Vec<usize> {
        let Some(doc) = self.of_article.remove(article) else {
            return vec![];
        };
        let Some(d) = self.docs[doc as usize].take() else {
            return vec![];
        };
        self.free.push(doc);
        self.live -= 1;
        for &f in &d.features {
            let p = &mut self.postings[f as usize];
            if let Some(i) = p.iter().position(|&x| x == doc) {
                p.swap_remove(i);
            }
        }
        for &o in &d.links {
            if let Some(od) = self.docs[o as usize].as_mut() {
                od.links.remove(&doc);
            }
        }
        let key = d.story;
        let mut affected = vec![key];
        let Some(story) = self.stories.get_mut(&key) else {
            return affected;
        };
        story.articles.retain(|a| a != article);
        if story.articles.is_empty() {
            self.stories.remove(&key);
            return affected;
        }
        // The removed article may have been the only bridge: split into components.
        let members: Vec<DocId> = story
            .articles
            .iter()
            .filter_map(|id| self.of_article.get(id).copied())
            .collect();
        let mut components = self.components(&members);
        if components.len() > 1 {
            // The largest part keeps the key (the earliest member decides ties).
            components.sort_by_key(|c| std::cmp::Reverse(c.len()));
            for comp in components.iter().skip(1) {
                let k = self.next;
                self.next += 1;
                let ids: Vec<String> = comp.iter().map(|&m| self.doc(m).id.clone()).collect();
                for &m in comp {
                    self.docs[m as usize].as_mut().expect("live doc").story = k;
                }
                self.stories.insert(
                    k,
                    Story {
                        key: k,
                        label: String::new(),
                        articles: ids,
                    },
                );
                self.relabel(k);
                affected.push(k);
            }
            let keep: BTreeSet<&str> = components[0]
                .iter()
                .map(|&m| self.doc(m).id.as_str())
                .collect();
            let kept: Vec<String> = self.stories[&key]
                .articles
                .iter()
                .filter(|a| keep.contains(a.as_str()))
                .cloned()
                .collect();
            if let Some(s) = self.stories.get_mut(&key) {
                s.articles = kept;
            }
        }
        self.relabel(key);
        affected
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

    /// All stories, largest first, then by label.
    pub fn stories(&self) -> Vec<&Story> {
        let mut v: Vec<&Story> = self.stories.values().collect();
        v.sort_by(|a, b| {
            b.articles
                .len()
                .cmp(&a.articles.len())
                .then(a.label.cmp(&b.label))
                .then(a.key.cmp(&b.key))
        });
        v
    }

    fn doc(&self, d: DocId) -> &Doc {
        self.docs[d as usize].as_ref().expect("live doc")
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

    fn intern(&mut self, key: String) -> FeatId {
        if let Some(&f) = self.feature_ids.get(&key) {
            return f;
        }
        let f = self.postings.len() as FeatId;
        self.feature_kinds.push(FeatureKind::of_key(&key));
        self.postings.push(Vec::new());
        self.feature_ids.insert(key, f);
        f
    }

    /// Document frequency above which a feature is furniture or a household name
    /// (outlet names, "Trump", the year): it then weighs nothing and finds no
    /// candidates. A few percent of the folder, but never below a large story's size,
    /// so a small folder's one event keeps its names.
    fn common_cap(&self) -> usize {
        COMMON_FLOOR.max(self.live * COMMON_PERCENT / 100)
    }

    /// Weight of a feature now: its kind times its inverse document frequency; zero
    /// once the feature is common.
    fn weight(&self, f: FeatId) -> f64 {
        let df = self.postings[f as usize].len().max(1);
        if df > self.common_cap() {
            return 0.0;
        }
        let idf = ((self.live as f64 + 1.0) / df as f64).ln().max(0.0) + 0.5;
        self.feature_kinds[f as usize].weight() * idf
    }

    fn norm2(&self, d: DocId) -> f64 {
        self.doc(d)
            .features
            .iter()
            .map(|&f| self.weight(f).powi(2))
            .sum()
    }

    /// The stories `doc` belongs to, each with the members it links to.
    ///
    /// Candidates come from the postings of rare features only (cost grows with the
    /// story, not the folder). A candidate must share several distinct rare features,
    /// names or numbers among them. The article then joins a story only if it is
    /// similar to the story as a whole (the mean over its best few members), so one
    /// chance overlap with a single member cannot chain two events together.
    fn linked_docs(&self, doc: DocId) -> BTreeSet<DocId> {
        let cap = self.common_cap();
        let mut acc: HashMap<DocId, (f64, usize, usize)> = HashMap::new();
        for &f in &self.doc(doc).features {
            let p = &self.postings[f as usize];
            if p.len() > cap || p.len() < 2 {
                continue;
            }
            let w = self.weight(f).powi(2);
            let strong = self.feature_kinds[f as usize] != FeatureKind::Term;
            for &o in p {
                if o != doc {
                    let e = acc.entry(o).or_default();
                    e.0 += w;
                    e.1 += 1;
                    e.2 += usize::from(strong);
                }
            }
        }
        let mut cands: Vec<(DocId, f64)> = acc
            .into_iter()
            .filter(|&(_, (_, all, strong))| all >= MIN_SHARED_RARE && strong >= MIN_SHARED_NAMES)
            .map(|(o, (s, _, _))| (o, s))
            .collect();
        cands.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        cands.truncate(MAX_CANDIDATES);
        let n_self = self.norm2(doc);
        let mut per_story: BTreeMap<usize, Vec<(DocId, f64)>> = BTreeMap::new();
        for (o, _) in cands {
            let sim = self.similarity(doc, o, n_self);
            per_story
                .entry(self.doc(o).story)
                .or_default()
                .push((o, sim));
        }
        let mut out = BTreeSet::new();
        for (k, mut sims) in per_story {
            let size = self.stories.get(&k).map_or(1, |s| s.articles.len()).max(1);
            let best = size.min(STORY_BEST);
            sims.sort_by(|a, b| b.1.total_cmp(&a.1));
            let score = sims.iter().take(best).map(|s| s.1).sum::<f64>() / best as f64;
            if score >= STORY_THRESHOLD {
                out.extend(sims.iter().filter(|s| s.1 >= LINK_THRESHOLD).map(|s| s.0));
            }
        }
        out
    }

    /// IDF-weighted cosine over all shared features, damped by the time between them.
    fn similarity(&self, a: DocId, b: DocId, norm_a: f64) -> f64 {
        let (da, db) = (self.doc(a), self.doc(b));
        let fb: BTreeSet<FeatId> = db.features.iter().copied().collect();
        let shared: f64 = da
            .features
            .iter()
            .filter(|f| fb.contains(f))
            .map(|&f| self.weight(f).powi(2))
            .sum();
        let norm_b = self.norm2(b);
        if norm_a <= 0.0 || norm_b <= 0.0 {
            return 0.0;
        }
        shared / (norm_a * norm_b).sqrt() * time_factor(da.published, db.published)
    }

    /// Connected groups of `members` along their links.
    fn components(&self, members: &[DocId]) -> Vec<Vec<DocId>> {
        let set: BTreeSet<DocId> = members.iter().copied().collect();
        let mut seen: BTreeSet<DocId> = BTreeSet::new();
        let mut out = Vec::new();
        for &m in members {
            if !seen.insert(m) {
                continue;
            }
            let mut comp = vec![m];
            let mut stack = vec![m];
            while let Some(x) = stack.pop() {
                for &y in &self.doc(x).links {
                    if set.contains(&y) && seen.insert(y) {
                        comp.push(y);
                        stack.push(y);
                    }
                }
            }
            out.push(comp);
        }
        out
    }

    /// Label = the title of the earliest article (by publication time, then id).
    fn relabel(&mut self, key: usize) {
        let Some(story) = self.stories.get(&key) else {
            return;
        };
        let label = story
            .articles
            .iter()
            .filter_map(|id| self.of_article.get(id).map(|&d| self.doc(d)))
            .min_by_key(|d| (d.title.is_none(), d.published.is_none(), d.published, &d.id))
            .map(|d| d.title.clone().unwrap_or_else(|| d.id.clone()))
            .unwrap_or_default();
        if let Some(s) = self.stories.get_mut(&key) {
            s.label = label;
        }
    }
}

/// 1 within three days; then fading, so a follow-up a week later can still join when
/// it shares much, but a chance overlap months apart cannot.
fn time_factor(a: Option<DateTime<FixedOffset>>, b: Option<DateTime<FixedOffset>>) -> f64 {
    match (a, b) {
        (Some(a), Some(b)) => {
            let days = (a - b).num_hours().unsigned_abs() as f64 / 24.0;
            if days <= 3.0 {
                1.0
            } else {
                (-(days - 3.0) / 10.0).exp()
            }
        }
        _ => 1.0,
    }
}

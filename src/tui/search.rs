//! Incremental search across titles, speakers and text, in list order.

use super::app::{App, Hit, Row};
use crate::text::Span as TextSpan;

/// Every match of `query` (case-insensitive, literal) in the listed articles: one hit for
/// a title or speaker match (no span), then one per match in the text.
pub fn find(app: &App, query: &str) -> Vec<Hit> {
    let q = query.trim();
    if q.is_empty() {
        return Vec::new();
    }
    let Ok(re) = regex::RegexBuilder::new(&regex::escape(q))
        .case_insensitive(true)
        .build()
    else {
        return Vec::new();
    };
    let mut hits = Vec::new();
    for row in &app.rows {
        let Row::Article(id) = row else { continue };
        let Some(e) = app.desk.entry(id) else {
            continue;
        };
        let title_hit = e.article.title.as_deref().is_some_and(|t| re.is_match(t));
        let speaker_hit = e
            .analysis
            .quotes
            .iter()
            .any(|qt| app.speaker_name(id, e, qt).is_some_and(|n| re.is_match(&n)));
        if title_hit || speaker_hit {
            hits.push(Hit {
                id: id.clone(),
                span: None,
            });
        }
        for m in re.find_iter(&e.article.text) {
            if m.start() < m.end() {
                hits.push(Hit {
                    id: id.clone(),
                    span: Some(TextSpan::new(m.start(), m.end())),
                });
            }
        }
    }
    hits
}

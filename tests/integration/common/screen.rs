//! What a desk shows, as the `scan` contract, for comparing two desks.

use quotedesk::desk::Desk;
use quotedesk::scan;
use serde_json::Value;

/// The scan contract of `desk`. Conflicts are reduced to what is stable from run to run
/// even without a cache (kind, severity, subject, story, articles), in a canonical order:
/// their ids, order and the evidence picked among equal quotes vary.
pub fn screen(desk: &Desk) -> Value {
    let mut v = serde_json::to_value(scan::build("folder", desk)).expect("json");
    if let Some(Value::Array(cs)) = v.get_mut("conflicts") {
        for c in cs.iter_mut() {
            let mut articles: Vec<String> = c["claims"]
                .as_array()
                .map(|cl| cl.iter().map(|x| x["article"].to_string()).collect())
                .unwrap_or_default();
            articles.sort();
            *c = serde_json::json!({
                "kind": c["kind"], "severity": c["severity"], "subject": c["subject"],
                "story": c["story"], "articles": articles,
            });
        }
        cs.sort_by_key(|c| c.to_string());
    }
    v
}

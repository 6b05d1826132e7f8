//! `e`: the current story's quotes and conflicts as Markdown or JSON, written only
//! outside the watched folder.

use super::app::App;
use crate::analysis::conflicts::Conflict;
use crate::desk::Entry;
use serde_json::json;
use std::path::{Path, PathBuf};

/// True when `path` is the folder or lies under it (symlinks and `..` resolved as far as
/// the path exists).
pub fn is_inside(folder: &Path, path: &Path) -> bool {
    let folder = folder
        .canonicalize()
        .unwrap_or_else(|_| folder.to_path_buf());
    let resolved = resolve(path);
    resolved.starts_with(&folder)
}

/// Drops `.` and resolves `..` lexically, then canonicalises the longest existing ancestor
/// (symlinks) and appends the rest.
fn resolve(path: &Path) -> PathBuf {
    let mut lexical = PathBuf::new();
    for c in path.components() {
        match c {
            std::path::Component::ParentDir => {
                lexical.pop();
            }
            std::path::Component::CurDir => {}
            c => lexical.push(c),
        }
    }
    let mut existing = lexical;
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.parent(), existing.file_name()) {
            (Some(p), Some(name)) => {
                rest.push(name.to_os_string());
                existing = p.to_path_buf();
            }
            _ => break,
        }
    }
    let mut out = existing.canonicalize().unwrap_or(existing);
    for part in rest.into_iter().rev() {
        out.push(part);
    }
    out
}

/// Where `e` proposes to write: the export directory (the user's data dir) unless that is
/// inside the folder, then the working directory, then the system temp directory.
pub fn default_path(app: &App) -> PathBuf {
    let label = app
        .story_key()
        .and_then(|k| app.desk.stories.get(k))
        .map(|s| s.label.clone())
        .or_else(|| app.current().and_then(|e| e.article.title.clone()))
        .unwrap_or_else(|| "story".into());
    let name = format!("{}.md", slug(&label));
    for dir in [&app.export_dir, &app.cwd, &std::env::temp_dir()] {
        if !dir.as_os_str().is_empty() && !is_inside(&app.folder, dir) {
            return dir.join(&name);
        }
    }
    std::env::temp_dir().join(name)
}

fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
        if out.len() > 48 {
            break;
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() { "story".into() } else { out }
}

/// The articles and conflicts of the current story.
fn story(app: &App) -> (String, Vec<&Entry>, Vec<&Conflict>) {
    let Some(cur) = app.current() else {
        return (String::new(), Vec::new(), Vec::new());
    };
    let story = app.story_key().and_then(|k| app.desk.stories.get(k));
    let label = story
        .map(|s| s.label.clone())
        .unwrap_or_else(|| cur.article.title.clone().unwrap_or_default());
    let mut entries: Vec<&Entry> = match story {
        Some(s) => s
            .articles
            .iter()
            .filter_map(|id| app.desk.entry(id))
            .collect(),
        None => vec![cur],
    };
    if !entries.iter().any(|e| e.article.id == cur.article.id) {
        entries.push(cur);
    }
    let mut conflicts: Vec<&Conflict> = story
        .map(|s| app.desk.story_conflicts(s.key).iter().collect())
        .unwrap_or_default();
    for c in app.conflicts_of_article(&cur.article.id) {
        if !conflicts.iter().any(|x| std::ptr::eq(*x, c)) {
            conflicts.push(c);
        }
    }
    (label, entries, conflicts)
}

fn words(e: &Entry, span: crate::text::Span) -> String {
    e.article
        .text
        .get(span.start..span.end)
        .unwrap_or("")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn outlet(app: &App, id: &str) -> String {
    app.desk
        .entry(id)
        .map(|e| {
            e.article
                .source
                .clone()
                .unwrap_or_else(|| e.article.path.clone())
        })
        .unwrap_or_else(|| id.to_string())
}

pub fn story_markdown(app: &App) -> String {
    let (label, entries, conflicts) = story(app);
    let mut s = format!("# {label}\n\n");
    s.push_str("## Quotes\n\n");
    for e in &entries {
        let id = e.article.id.as_str();
        s.push_str(&format!(
            "### {} — {}\n\n",
            e.article.title.as_deref().unwrap_or(&e.article.path),
            outlet(app, id)
        ));
        if e.analysis.quotes.is_empty() {
            s.push_str("_no quotes_\n\n");
        }
        for q in &e.analysis.quotes {
            let who = app
                .speaker_name(id, e, q)
                .unwrap_or_else(|| "unattributed".into());
            s.push_str(&format!(
                "- **{who}** ({}): “{}”\n",
                q.kind.as_str(),
                words(e, q.span)
            ));
        }
        s.push('\n');
    }
    s.push_str("## Conflicts\n\n");
    if conflicts.is_empty() {
        s.push_str("_none found_\n");
    }
    for c in &conflicts {
        s.push_str(&format!(
            "- {} **{}** [{}]: {}\n",
            super::views::conflicts::sign(c),
            c.subject,
            c.kind.as_str(),
            c.summary
        ));
        for cl in &c.claims {
            let evidence = app
                .desk
                .entry(&cl.article)
                .map(|e| words(e, cl.span))
                .unwrap_or_default();
            s.push_str(&format!(
                "  - {}: {} — “{}”\n",
                outlet(app, &cl.article),
                cl.value,
                evidence
            ));
        }
    }
    s
}

pub fn story_json(app: &App) -> String {
    let (label, entries, conflicts) = story(app);
    let quotes: Vec<serde_json::Value> = entries
        .iter()
        .flat_map(|e| {
            let id = e.article.id.clone();
            e.analysis.quotes.iter().map(move |q| (id.clone(), *e, q))
        })
        .map(|(id, e, q)| {
            json!({
                "article": id,
                "outlet": e.article.source,
                "kind": q.kind.as_str(),
                "speaker": app.speaker_name(&id, e, q),
                "text": words(e, q.span),
            })
        })
        .collect();
    let conflicts: Vec<serde_json::Value> = conflicts
        .iter()
        .map(|c| {
            json!({
                "kind": c.kind.as_str(),
                "severity": match c.severity {
                    crate::analysis::conflicts::Severity::Hard => "hard",
                    crate::analysis::conflicts::Severity::Soft => "soft",
                },
                "subject": c.subject,
                "summary": c.summary,
                "claims": c.claims.iter().map(|cl| json!({
                    "article": cl.article,
                    "outlet": outlet(app, &cl.article),
                    "value": cl.value,
                    "evidence": app.desk.entry(&cl.article).map(|e| words(e, cl.span)),
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let v = json!({
        "story": label,
        "articles": entries.iter().map(|e| json!({
            "id": e.article.id,
            "title": e.article.title,
            "outlet": e.article.source,
        })).collect::<Vec<_>>(),
        "quotes": quotes,
        "conflicts": conflicts,
    });
    serde_json::to_string_pretty(&v).unwrap_or_default() + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inside_checks_resolve_dots_and_missing_parts() {
        let d = tempfile::tempdir().unwrap();
        let folder = d.path().join("feeds");
        std::fs::create_dir(&folder).unwrap();
        assert!(is_inside(&folder, &folder.join("x.md")));
        assert!(is_inside(&folder, &folder.join("new/dir/x.md")));
        assert!(is_inside(&folder, &d.path().join("other/../feeds/x.md")));
        assert!(!is_inside(&folder, &d.path().join("x.md")));
        assert!(!is_inside(&folder, &d.path().join("feeds2/x.md")));
        assert!(!is_inside(&folder, &folder.join("../x.md")));
    }

    #[test]
    fn slugs_are_file_names() {
        assert_eq!(slug("Port strike: day 2!"), "port-strike-day-2");
        assert_eq!(slug("///"), "story");
    }
}

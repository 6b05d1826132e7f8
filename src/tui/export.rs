//! `e`: the current story's quotes and conflicts as Markdown or JSON, written only
//! outside the watched folder.

use super::app::App;
use crate::analysis::conflicts::Conflict;
use crate::analysis::quotes::QuoteKind;
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

/// Where `e` proposes to write: in the export directory (the user's data dir) unless that
/// is missing or inside the folder, else the working directory, else the system temp
/// directory; named after the story, with `-2`, `-3`... when that name is taken. The path
/// names the Markdown file; the JSON file is written beside it.
pub fn default_path(app: &App) -> PathBuf {
    let label = app
        .story_key()
        .and_then(|k| app.desk.stories.get(k))
        .map(|s| s.label.clone())
        .or_else(|| app.current().and_then(|e| e.article.title.clone()))
        .unwrap_or_else(|| "story".into());
    let stem = slug(&label);
    let temp = std::env::temp_dir();
    let dir = [&app.export_dir, &app.cwd, &temp]
        .into_iter()
        .find(|d| !d.as_os_str().is_empty() && d.is_dir() && !is_inside(&app.folder, d))
        .unwrap_or(&temp);
    let taken = |p: &Path| {
        let (m, j) = targets(p);
        std::fs::symlink_metadata(m).is_ok() || std::fs::symlink_metadata(j).is_ok()
    };
    let mut path = dir.join(format!("{stem}.md"));
    let mut n = 2;
    while taken(&path) && n < 1000 {
        path = dir.join(format!("{stem}-{n}.md"));
        n += 1;
    }
    path
}

/// The two files of one export: `base` with `.md` and with `.json` (an `.md`,
/// `.markdown` or `.json` extension given by the user is replaced).
pub fn targets(base: &Path) -> (PathBuf, PathBuf) {
    let stem = match base.extension().and_then(|e| e.to_str()) {
        Some(e)
            if ["md", "markdown", "json"]
                .iter()
                .any(|x| e.eq_ignore_ascii_case(x)) =>
        {
            base.with_extension("")
        }
        _ => base.to_path_buf(),
    };
    let with = |ext: &str| {
        let mut s = stem.clone().into_os_string();
        s.push(".");
        s.push(ext);
        PathBuf::from(s)
    };
    (with("md"), with("json"))
}

/// Checks where a new export file would really land and returns that path: the folder
/// holding it must exist (quotedesk never creates folders), the file must not exist (never
/// overwritten) and must not be a symbolic link (even a dangling one: its target could be
/// inside the watched folder), and the resolved path must lie outside `folder`.
pub fn check_target(folder: &Path, path: &Path) -> Result<PathBuf, String> {
    let lexical = lexical(path);
    let (Some(parent), Some(name)) = (lexical.parent(), lexical.file_name()) else {
        return Err(format!("{} is not a file name", path.display()));
    };
    let parent = if parent.as_os_str().is_empty() {
        Path::new(".")
    } else {
        parent
    };
    let dir = match parent.canonicalize() {
        Ok(d) if d.is_dir() => d,
        Ok(_) => return Err(format!("{} is not a folder", parent.display())),
        Err(_) => {
            return Err(format!(
                "folder {} does not exist (quotedesk does not create folders)",
                parent.display()
            ));
        }
    };
    let target = dir.join(name);
    if is_inside(folder, &target) {
        return Err(format!(
            "refused: {} is inside the watched folder; quotedesk never writes there",
            target.display()
        ));
    }
    match std::fs::symlink_metadata(&target) {
        Ok(m) if m.file_type().is_symlink() => Err(format!(
            "refused: {} is a symbolic link; choose another name",
            target.display()
        )),
        Ok(_) => Err(format!(
            "{} exists; choose another name (exports never overwrite)",
            target.display()
        )),
        Err(_) => Ok(target),
    }
}

/// Writes a new export file: checks the target again at write time, then creates it with
/// `create_new` (which also refuses a symbolic link put there meanwhile).
pub fn write_new(folder: &Path, path: &Path, content: &str) -> Result<PathBuf, String> {
    use std::io::Write;
    let target = check_target(folder, path)?;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&target)
        .map_err(|e| format!("cannot write {}: {e}", target.display()))?;
    f.write_all(content.as_bytes())
        .and_then(|_| f.sync_all())
        .map_err(|e| format!("cannot write {}: {e}", target.display()))?;
    Ok(target)
}

/// A quote as a reader may paste it, keeping its kind: direct and partial quotes between
/// quotation marks with the speaker; indirect speech as reported speech ("X said that
/// ...", labelled, never between quotation marks); scare quotes labelled as not speech.
pub fn quote_for_reader(kind: QuoteKind, body: &str, who: Option<&str>) -> String {
    let body = body.split_whitespace().collect::<Vec<_>>().join(" ");
    match kind {
        QuoteKind::Direct | QuoteKind::Partial => match who {
            Some(w) => format!("“{body}” — {w}"),
            None => format!("“{body}”"),
        },
        QuoteKind::Indirect => {
            let clause = strip_that(&body);
            match who {
                Some(w) => format!("{w} said that {clause} [indirect: reported speech]"),
                None => format!("Reported (speaker unknown): {clause} [indirect: reported speech]"),
            }
        }
        QuoteKind::Scare => format!("“{body}” [scare quotes, not speech]"),
    }
}

/// The reported clause without a leading "that" (the line adds its own).
fn strip_that(s: &str) -> &str {
    let t = s.trim_start();
    match t.get(..5) {
        Some(w) if w.eq_ignore_ascii_case("that ") => t[5..].trim_start(),
        _ => t,
    }
}

fn lexical(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            c => out.push(c),
        }
    }
    out
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

/// Character offsets (Unicode scalar values, as in `scan --json`) of a byte span.
fn char_span(e: &Entry, span: crate::text::Span) -> (usize, usize) {
    let t = &e.article.text;
    let start = t.get(..span.start).map_or(0, |p| p.chars().count());
    let len = t.get(span.start..span.end).map_or(0, |p| p.chars().count());
    (start, start + len)
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

/// Where a quote or claim comes from, for Markdown: outlet, date, link, offsets.
fn provenance(app: &App, e: &Entry, span: crate::text::Span) -> String {
    let (a, b) = char_span(e, span);
    let mut s = outlet(app, &e.article.id);
    if let Some(d) = e.article.published {
        s.push_str(&format!(", {}", d.format("%Y-%m-%d %H:%M %:z")));
    }
    if let Some(u) = &e.article.url {
        s.push_str(&format!(", <{u}>"));
    }
    s.push_str(&format!(", `{}` chars {a}–{b}", e.article.id));
    s
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
        let mut meta = vec![format!("file `{}`", e.article.id)];
        if let Some(d) = e.article.published {
            meta.push(format!("published {}", d.to_rfc3339()));
        }
        if let Some(u) = &e.article.url {
            meta.push(format!("<{u}>"));
        }
        s.push_str(&format!("{}\n\n", meta.join(" · ")));
        if e.analysis.quotes.is_empty() {
            s.push_str("_no quotes_\n\n");
        }
        for q in &e.analysis.quotes {
            let who = app.speaker_name(id, e, q);
            let (a, b) = char_span(e, q.span);
            s.push_str(&format!(
                "- ({}) {} _(chars {a}–{b})_\n",
                q.kind.as_str(),
                quote_for_reader(q.kind, &words(e, q.span), who.as_deref())
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
            match app.desk.entry(&cl.article) {
                Some(e) => s.push_str(&format!(
                    "  - {}: “{}” ({})\n",
                    cl.value,
                    words(e, cl.span),
                    provenance(app, e, cl.span)
                )),
                None => s.push_str(&format!("  - {}: {}\n", cl.value, cl.article)),
            }
        }
    }
    s
}

pub fn story_json(app: &App) -> String {
    let (label, entries, conflicts) = story(app);
    let quotes: Vec<serde_json::Value> = entries
        .iter()
        .flat_map(|e| e.analysis.quotes.iter().map(move |q| (*e, q)))
        .map(|(e, q)| {
            let id = e.article.id.as_str();
            let who = app.speaker_name(id, e, q);
            let text = words(e, q.span);
            let (start, end) = char_span(e, q.span);
            json!({
                "article": id,
                "outlet": e.article.source,
                "url": e.article.url,
                "published": e.article.published.map(|d| d.to_rfc3339()),
                "kind": q.kind.as_str(),
                "speaker": who,
                "text": text,
                "start": start,
                "end": end,
                "as_reported": quote_for_reader(q.kind, &text, who.as_deref()),
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
                "claims": c.claims.iter().map(|cl| {
                    let e = app.desk.entry(&cl.article);
                    let (start, end) = e.map(|e| char_span(e, cl.span)).unwrap_or((0, 0));
                    json!({
                        "article": cl.article,
                        "outlet": outlet(app, &cl.article),
                        "url": e.and_then(|e| e.article.url.clone()),
                        "published": e.and_then(|e| e.article.published).map(|d| d.to_rfc3339()),
                        "value": cl.value,
                        "evidence": e.map(|e| words(e, cl.span)),
                        "start": start,
                        "end": end,
                    })
                }).collect::<Vec<_>>(),
            })
        })
        .collect();
    let v = json!({
        "story": label,
        "offsets": "Unicode scalar values into each article's text, half-open, as in scan --json",
        "articles": entries.iter().map(|e| json!({
            "id": e.article.id,
            "title": e.article.title,
            "outlet": e.article.source,
            "url": e.article.url,
            "published": e.article.published.map(|d| d.to_rfc3339()),
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
    fn targets_are_md_and_json_beside_each_other() {
        let (m, j) = targets(Path::new("/o/x.md"));
        assert_eq!(
            (m.as_path(), j.as_path()),
            (Path::new("/o/x.md"), Path::new("/o/x.json"))
        );
        let (m, j) = targets(Path::new("/o/x.JSON"));
        assert_eq!(
            (m.as_path(), j.as_path()),
            (Path::new("/o/x.md"), Path::new("/o/x.json"))
        );
        let (m, _) = targets(Path::new("/o/v1.2"));
        assert_eq!(m, Path::new("/o/v1.2.md"));
    }

    #[test]
    fn indirect_speech_is_never_put_between_quotation_marks() {
        let l = quote_for_reader(
            QuoteKind::Indirect,
            "that the  ferry would run",
            Some("Ada Brook"),
        );
        assert_eq!(
            l,
            "Ada Brook said that the ferry would run [indirect: reported speech]"
        );
        let l = quote_for_reader(QuoteKind::Indirect, "the ferry would run", None);
        assert!(
            !l.contains('“') && !l.contains('"') && l.contains("indirect"),
            "{l}"
        );
        let l = quote_for_reader(QuoteKind::Partial, "a fair price", Some("Ada Brook"));
        assert_eq!(l, "“a fair price” — Ada Brook");
        assert!(quote_for_reader(QuoteKind::Scare, "reform", None).contains("not speech"));
    }

    #[test]
    fn slugs_are_file_names() {
        assert_eq!(slug("Port strike: day 2!"), "port-strike-day-2");
        assert_eq!(slug("///"), "story");
    }
}

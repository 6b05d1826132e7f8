//! Listing the article files of a folder: recursive, hidden and temporary files ignored.

use super::IngestOptions;
use globset::{Glob, GlobSet, GlobSetBuilder};
use std::path::Path;
use std::sync::{Arc, Mutex};

/// True for paths (relative, `/`-separated) that are never articles: hidden files and
/// folders, editor and download temporaries, and the user's ignore globs.
pub fn is_ignored(rel: &str, opts: &IngestOptions) -> bool {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    rel.split('/').any(|c| c.starts_with('.'))
        || name.ends_with('~')
        || [".swp", ".swx", ".part", ".tmp", ".crdownload"]
            .iter()
            .any(|s| name.to_ascii_lowercase().ends_with(s))
        || (!opts.ignore.is_empty() && user_globs(&opts.ignore).is_match(rel))
}

/// The user's globs, compiled once per distinct list (invalid patterns are left out).
fn user_globs(patterns: &[String]) -> Arc<GlobSet> {
    type Cache = Mutex<Option<(Vec<String>, Arc<GlobSet>)>>;
    static CACHE: Cache = Mutex::new(None);
    let mut cache = CACHE.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((p, set)) = cache.as_ref()
        && p.as_slice() == patterns
    {
        return set.clone();
    }
    let mut b = GlobSetBuilder::new();
    for p in patterns {
        let p = p.trim().trim_start_matches("./");
        // `dir/` means everything under dir.
        let p = match p.strip_suffix('/') {
            Some(d) => format!("{d}/**"),
            None => p.to_string(),
        };
        if let Ok(g) = Glob::new(&p) {
            b.add(g);
        }
        // A bare directory name also covers what is inside it.
        if !p.contains('*')
            && let Ok(g) = Glob::new(&format!("{p}/**"))
        {
            b.add(g);
        }
    }
    let set = Arc::new(b.build().unwrap_or_else(|_| GlobSet::empty()));
    *cache = Some((patterns.to_vec(), set.clone()));
    set
}

/// Every candidate article file under `root`, as sorted relative paths. Broken links
/// and unreadable sub-folders are listed too, so that reading them gives a reason.
/// Links to folders are not followed (no loops, no escaping the folder).
pub fn list_files(root: &Path, opts: &IngestOptions) -> std::io::Result<Vec<String>> {
    std::fs::read_dir(root)?;
    let mut out = Vec::new();
    let mut it = walkdir::WalkDir::new(root).follow_links(false).into_iter();
    while let Some(entry) = it.next() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                // An unreadable sub-folder: list it so it is reported.
                if let Some(rel) = e.path().and_then(|p| rel_of(root, p))
                    && !rel.is_empty()
                    && !is_ignored(&rel, opts)
                {
                    out.push(rel);
                }
                continue;
            }
        };
        let Some(rel) = rel_of(root, entry.path()) else {
            continue;
        };
        if rel.is_empty() {
            continue;
        }
        if is_ignored(&rel, opts) {
            if entry.file_type().is_dir() {
                it.skip_current_dir();
            }
            continue;
        }
        let ft = entry.file_type();
        if ft.is_dir() {
            continue;
        }
        if ft.is_symlink() && std::fs::metadata(entry.path()).is_ok_and(|m| m.is_dir()) {
            continue;
        }
        out.push(rel);
    }
    out.sort();
    out.dedup();
    Ok(out)
}

fn rel_of(root: &Path, p: &Path) -> Option<String> {
    let rel = p.strip_prefix(root).ok()?;
    Some(rel.to_string_lossy().replace('\\', "/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_ignores() {
        let o = IngestOptions::default();
        for p in [
            ".hidden.txt",
            ".git/config",
            "a/.cache/x.md",
            "note.txt~",
            ".note.txt.swp",
            "dl.html.part",
            "x.tmp",
            "y.html.crdownload",
        ] {
            assert!(is_ignored(p, &o), "{p}");
        }
        for p in ["a.txt", "sub/b.html", "feed.xml", "tmp/real.txt"] {
            assert!(!is_ignored(p, &o), "{p}");
        }
    }

    #[test]
    fn user_globs_relative_to_folder() {
        let o = IngestOptions {
            ignore: vec!["drafts/".into(), "*.bak".into(), "archive".into()],
            ..Default::default()
        };
        assert!(is_ignored("drafts/a.txt", &o));
        assert!(is_ignored("x/y.bak", &o));
        assert!(is_ignored("archive/2020/a.md", &o));
        assert!(!is_ignored("news/a.txt", &o));
    }
}

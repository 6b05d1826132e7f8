//! Listing the article files of a folder: recursive, hidden and temporary files ignored.

use super::IngestOptions;
use std::path::Path;

/// True for paths (relative, `/`-separated) that are never articles: hidden files and
/// folders, editor and download temporaries, and the user's ignore globs.
pub fn is_ignored(rel: &str, _opts: &IngestOptions) -> bool {
    rel.split('/').any(|c| c.starts_with('.'))
        || rel.ends_with('~')
        || [".swp", ".part", ".tmp", ".crdownload"]
            .iter()
            .any(|s| rel.ends_with(s))
}

/// Every candidate article file under `root`, as sorted relative paths.
pub fn list_files(root: &Path, opts: &IngestOptions) -> std::io::Result<Vec<String>> {
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(root)
        .follow_links(false)
        .into_iter()
        .flatten()
    {
        if entry.file_type().is_dir() {
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(root) else {
            continue;
        };
        let rel = rel.to_string_lossy().replace('\\', "/");
        if !is_ignored(&rel, opts) {
            out.push(rel);
        }
    }
    out.sort();
    Ok(out)
}

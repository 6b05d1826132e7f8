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

/// Every candidate article file under `root`, as sorted relative paths. Broken links,
/// unreadable sub-folders and links to folders are listed too, so that reading them gives
/// a reason. Links to folders are not followed (no loops, no escaping the folder).
pub fn list_files(root: &Path, opts: &IngestOptions) -> std::io::Result<Vec<String>> {
    std::fs::read_dir(root)?;
    Ok(list_under(root, "", opts))
}

/// [`list_files`] for folder `dir` (a key relative to `root`, "" for all of it): the one
/// selection that `scan`, the desk and the watcher share.
pub fn list_under(root: &Path, dir: &str, opts: &IngestOptions) -> Vec<String> {
    let start = if dir.is_empty() {
        root.to_path_buf()
    } else {
        rel_path(root, dir)
    };
    let mut out = Vec::new();
    let mut it = walkdir::WalkDir::new(start)
        .follow_links(false)
        .min_depth(1)
        .into_iter();
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
        if entry.file_type().is_dir() {
            continue;
        }
        out.push(rel);
    }
    out.sort();
    out.dedup();
    out
}

/// `p` (under `root`) as a relative path key, see [`encode_rel`].
pub fn rel_of(root: &Path, p: &Path) -> Option<String> {
    Some(encode_rel(p.strip_prefix(root).ok()?))
}

/// A relative path as the key that names a file everywhere (ids, the desk, the watcher,
/// `scan`): components joined by `/`, printable and one-to-one with the path on disk.
/// File names are untrusted, so `\` becomes `\\`, `#` (the feed-item separator of ids)
/// `\#`, a control, format or odd-space character `\u{XXXX}`, and a byte that is not
/// UTF-8 `\xNN`. [`rel_path`] turns the key back into the path to open.
pub fn encode_rel(rel: &Path) -> String {
    let mut out = String::new();
    for (i, c) in rel.components().enumerate() {
        if i > 0 {
            out.push('/');
        }
        encode_component(c.as_os_str(), &mut out);
    }
    out
}

#[cfg(unix)]
fn encode_component(name: &std::ffi::OsStr, out: &mut String) {
    use std::os::unix::ffi::OsStrExt;
    for chunk in name.as_bytes().utf8_chunks() {
        for c in chunk.valid().chars() {
            encode_char(c, out);
        }
        for b in chunk.invalid() {
            out.push_str(&format!("\\x{b:02x}"));
        }
    }
}

#[cfg(not(unix))]
fn encode_component(name: &std::ffi::OsStr, out: &mut String) {
    for c in name.to_string_lossy().chars() {
        encode_char(c, out);
    }
}

fn encode_char(c: char, out: &mut String) {
    match c {
        '\\' => out.push_str("\\\\"),
        '#' => out.push_str("\\#"),
        c if super::sanitize::is_unsafe(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
        c => out.push(c),
    }
}

/// The path on disk of the file whose key is `rel` (see [`encode_rel`]). A key that is
/// not well formed is taken literally.
pub fn rel_path(root: &Path, rel: &str) -> std::path::PathBuf {
    let mut p = root.to_path_buf();
    for part in rel.split('/') {
        p.push(decode_component(part));
    }
    p
}

#[cfg(unix)]
fn decode_component(part: &str) -> std::ffi::OsString {
    use std::os::unix::ffi::OsStringExt;
    std::ffi::OsString::from_vec(decode_bytes(part))
}

#[cfg(not(unix))]
fn decode_component(part: &str) -> std::ffi::OsString {
    String::from_utf8_lossy(&decode_bytes(part))
        .into_owned()
        .into()
}

fn decode_bytes(part: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(part.len());
    let mut rest = part;
    while let Some(i) = rest.find('\\') {
        out.extend_from_slice(&rest.as_bytes()[..i]);
        let tail = &rest[i + 1..];
        let (bytes, used) = decode_escape(tail).unwrap_or_else(|| (vec![b'\\'], 0));
        out.extend_from_slice(&bytes);
        rest = &tail[used..];
    }
    out.extend_from_slice(rest.as_bytes());
    out
}

/// One escape after its backslash: the bytes it stands for and how much of `tail` it used.
fn decode_escape(tail: &str) -> Option<(Vec<u8>, usize)> {
    match tail.as_bytes().first()? {
        b'\\' => Some((vec![b'\\'], 1)),
        b'#' => Some((vec![b'#'], 1)),
        b'x' => {
            let hex = tail.get(1..3)?;
            Some((vec![u8::from_str_radix(hex, 16).ok()?], 3))
        }
        b'u' => {
            let body = tail.strip_prefix("u{")?;
            let end = body.find('}')?;
            let c = char::from_u32(u32::from_str_radix(&body[..end], 16).ok()?)?;
            Some((c.to_string().into_bytes(), end + 3))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_printable_and_one_to_one() {
        let names: &[&str] = &[
            "plain.txt",
            "a\\b.txt",
            "feed.rss#1",
            "x\u{1b}[31mred.txt",
            "bel\u{7}cr\r.txt",
            "c1\u{85}.txt",
            "rlo\u{202e}txt.exe",
            "lit\\u{41}.txt",
            "odd\u{a0}space.txt",
        ];
        let mut seen = std::collections::BTreeSet::new();
        for n in names {
            let key = encode_rel(Path::new(n));
            assert!(
                !key.chars().any(crate::ingest::sanitize::is_unsafe),
                "{key:?}"
            );
            assert!(!key.contains('#') || key.contains("\\#"), "{key:?}");
            assert_eq!(
                rel_path(Path::new("/r"), &key),
                Path::new("/r").join(n),
                "{key}"
            );
            assert!(seen.insert(key));
        }
        assert_eq!(encode_rel(Path::new("sub/a.txt")), "sub/a.txt");
    }

    #[cfg(unix)]
    #[test]
    fn invalid_utf8_names_round_trip() {
        use std::os::unix::ffi::OsStrExt;
        let raw = std::ffi::OsStr::from_bytes(b"caf\xe9 \xff.txt");
        let key = encode_rel(Path::new(raw));
        assert_eq!(key, "caf\\xe9 \\xff.txt");
        assert_eq!(rel_path(Path::new("/r"), &key), Path::new("/r").join(raw));
    }

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

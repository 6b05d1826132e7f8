//! Derives the analysis version at build time: a hash of every source and word list that
//! decides what the cache stores (per-file analyses, folder snapshots). The cache keys its
//! rows by it, so a program whose analysis changed never reuses old results, and opening
//! the cache costs nothing (it used to hash the whole executable on each open).

use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

/// What the cached values are computed from, or laid out by.
const INPUTS: &[&str] = &[
    "src/analysis",
    "src/text",
    "src/ingest",
    "src/desk",
    "assets/lexicon",
    "Cargo.lock",
];

fn files_under(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
            .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
            .unwrap_or_default();
        entries.sort();
        for e in entries {
            files_under(&e, out);
        }
    } else if path.is_file() {
        out.push(path.to_path_buf());
    }
}

fn main() {
    let mut files = Vec::new();
    for input in INPUTS {
        println!("cargo:rerun-if-changed={input}");
        files_under(Path::new(input), &mut files);
    }
    // Two SipHash states with different seeds: 128 bits, from the standard library only.
    let mut a = std::collections::hash_map::DefaultHasher::new();
    let mut b = std::collections::hash_map::DefaultHasher::new();
    b.write_u8(0x5a);
    for f in &files {
        let bytes = std::fs::read(f).unwrap_or_default();
        for h in [&mut a, &mut b] {
            f.to_string_lossy().replace('\\', "/").hash(h);
            bytes.hash(h);
        }
    }
    println!(
        "cargo:rustc-env=QUOTEDESK_ANALYSIS_VERSION={:016x}{:016x}",
        a.finish(),
        b.finish()
    );
}

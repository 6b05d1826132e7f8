//! Word lists shipped as data files under `assets/lexicon/` and compiled into the binary
//! (nothing is read at run time). One entry per line, `#` starts a comment.

/// Lines of a lexicon file: trimmed, without blanks and comments.
pub fn entries(data: &'static str) -> impl Iterator<Item = &'static str> {
    data.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

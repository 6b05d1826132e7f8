//! Limits against hostile files: inputs built to make a parser superlinear (deeply
//! nested YAML flows or HTML elements, a tag with a huge number of attributes) or to
//! exhaust memory and the screen (a megabyte-long title, a giant article). Each check is
//! one linear pass; what it refuses becomes a warning or a `skipped` reason.

use std::borrow::Cow;

/// Front matter larger than this is not parsed (real front matter is a few lines).
pub const MAX_FRONT_MATTER: usize = 64 * 1024;
/// Deeper `[`/`{` nesting in front matter is not parsed (YAML parsers slow down
/// superlinearly on deep flows; real metadata nests two or three levels).
pub const MAX_YAML_DEPTH: usize = 32;
/// Pages whose elements nest deeper than this are skipped (tree builders and walks
/// slow down, or recurse, with depth; real pages stay under a hundred).
pub const MAX_HTML_DEPTH: usize = 512;
/// A tag with more attributes than this keeps only its name (duplicate-attribute checks
/// are quadratic in the count; real tags have a handful).
pub const MAX_ATTRIBUTES: usize = 256;
/// Titles are cut to this many characters (a headline, not a document).
pub const MAX_TITLE_CHARS: usize = 1_000;
/// An article's text is cut to this many bytes, at a paragraph break when there is one
/// (analysis memory grows with the text; this bounds it).
pub const MAX_ARTICLE_BYTES: usize = 8 * 1024 * 1024;

/// Why front matter should not be handed to the YAML parser, if it should not.
pub fn front_matter_refusal(yaml: &str) -> Option<String> {
    if yaml.len() > MAX_FRONT_MATTER {
        return Some(format!(
            "front matter too large ({} bytes, limit {MAX_FRONT_MATTER}); metadata ignored",
            yaml.len()
        ));
    }
    let (mut depth, mut max) = (0usize, 0usize);
    let mut quote: Option<char> = None;
    for c in yaml.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '[' | '{') => {
                depth += 1;
                max = max.max(depth);
            }
            (None, ']' | '}') => depth = depth.saturating_sub(1),
            (None, '\n') => quote = None,
            _ => {}
        }
    }
    (max > MAX_YAML_DEPTH).then(|| {
        format!("front matter nested {max} levels deep (limit {MAX_YAML_DEPTH}); metadata ignored")
    })
}

/// Elements that never hold children or whose end tag may be left out: they do not
/// deepen the approximate nesting count.
const FLAT: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option", "thead", "tbody", "tfoot",
    "colgroup", "rt", "rp", "optgroup", "html", "head", "body",
];
/// Elements whose content is raw text, not markup.
const RAW: &[&str] = &["script", "style", "textarea", "title", "xmp"];

/// A page made safe for the HTML parser: tags with too many attributes keep only their
/// name. `Err(reason)` when the page nests too deep to be parsed safely.
pub fn tame_html(html: &str) -> Result<Cow<'_, str>, String> {
    let b = html.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0; // bytes of `html` already in `out`
    let (mut depth, mut max) = (0usize, 0usize);
    let mut i = 0;
    while let Some(off) = memchr_lt(&b[i..]) {
        let start = i + off;
        i = start + 1;
        let rest = &b[i..];
        if rest.starts_with(b"!--") {
            i = find(b, i + 3, b"-->").map_or(b.len(), |e| e + 3);
            continue;
        }
        if rest.first().is_some_and(|&c| c == b'!' || c == b'?') {
            i = find(b, i, b">").map_or(b.len(), |e| e + 1);
            continue;
        }
        let closing = rest.first() == Some(&b'/');
        let name_start = if closing { i + 1 } else { i };
        let name_end = b[name_start..]
            .iter()
            .position(|c| !c.is_ascii_alphanumeric() && *c != b'-' && *c != b':')
            .map_or(b.len(), |p| name_start + p);
        if name_end == name_start || !b[name_start].is_ascii_alphabetic() {
            continue; // a lone `<` in text
        }
        let name = html[name_start..name_end].to_ascii_lowercase();
        let (end, attributes) = tag_end(b, name_end);
        if end == b.len() && b[end - 1] != b'>' {
            break; // no `>` follows: no more tags (and no quadratic rescans)
        }
        let self_closing = end >= 2 && b[end - 2] == b'/';
        if closing {
            if !FLAT.contains(&name.as_str()) {
                depth = depth.saturating_sub(1);
            }
        } else {
            if !self_closing && !FLAT.contains(&name.as_str()) && !RAW.contains(&name.as_str()) {
                depth += 1;
                max = max.max(depth);
                if max > MAX_HTML_DEPTH {
                    return Err(format!(
                        "HTML elements nested more than {MAX_HTML_DEPTH} deep; not read"
                    ));
                }
            }
            if attributes > MAX_ATTRIBUTES {
                let o = out.get_or_insert_with(|| String::with_capacity(html.len()));
                o.push_str(&html[copied..name_end]);
                o.push('>');
                copied = end;
            }
        }
        i = end;
        if !closing && RAW.contains(&name.as_str()) {
            // Skip raw text up to its end tag (a `<` in a script is not a tag).
            let close = format!("</{name}");
            i = find_ci(b, i, close.as_bytes()).unwrap_or(b.len());
        }
    }
    Ok(match out {
        Some(mut o) => {
            o.push_str(&html[copied..]);
            Cow::Owned(o)
        }
        None => Cow::Borrowed(html),
    })
}

fn memchr_lt(b: &[u8]) -> Option<usize> {
    b.iter().position(|&c| c == b'<')
}

fn find(b: &[u8], from: usize, pat: &[u8]) -> Option<usize> {
    b.get(from..)?
        .windows(pat.len())
        .position(|w| w == pat)
        .map(|p| from + p)
}

fn find_ci(b: &[u8], from: usize, pat: &[u8]) -> Option<usize> {
    b.get(from..)?
        .windows(pat.len())
        .position(|w| w.eq_ignore_ascii_case(pat))
        .map(|p| from + p)
}

/// The end (one past `>`) of a tag whose name ends at `from`, and its attribute count
/// (an `=` outside quotes, or a bare word, counts one).
fn tag_end(b: &[u8], from: usize) -> (usize, usize) {
    let mut quote: Option<u8> = None;
    let mut count = 0;
    let mut in_word = false;
    for (k, &c) in b[from..].iter().enumerate() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None => match c {
                b'>' => return (from + k + 1, count),
                b'"' | b'\'' => quote = Some(c),
                c if c.is_ascii_whitespace() || c == b'/' => in_word = false,
                b'=' => in_word = true, // the value belongs to the same attribute
                _ => {
                    if !in_word {
                        count += 1;
                        in_word = true;
                    }
                }
            },
        }
    }
    (b.len(), count)
}

/// `title` cut to [`MAX_TITLE_CHARS`], with a warning when it was cut.
pub fn cap_title(title: String) -> (String, Option<String>) {
    match title.char_indices().nth(MAX_TITLE_CHARS) {
        None => (title, None),
        Some((cut, _)) => {
            let total = title.chars().count();
            let mut t = title;
            t.truncate(cut);
            t.push('…');
            (
                t,
                Some(format!(
                    "title cut to {MAX_TITLE_CHARS} of {total} characters"
                )),
            )
        }
    }
}

/// Where to cut a text longer than [`MAX_ARTICLE_BYTES`]: the last paragraph break
/// before the limit, else the last char boundary. `None` when it fits.
pub fn article_cut(text: &str) -> Option<usize> {
    if text.len() <= MAX_ARTICLE_BYTES {
        return None;
    }
    let mut at = MAX_ARTICLE_BYTES;
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    Some(text[..at].rfind("\n\n").filter(|&p| p > 0).unwrap_or(at))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_front_matter_is_refused_shallow_is_not() {
        assert!(front_matter_refusal(&"[".repeat(1000)).is_some());
        assert!(
            front_matter_refusal("title: \"[[[[ in quotes ]]]]\"\ntags: [a, [b, c]]").is_none()
        );
        assert!(front_matter_refusal(&format!("title: {}", "x".repeat(70_000))).is_some());
    }

    #[test]
    fn a_tag_with_thousands_of_attributes_keeps_its_name() {
        let attrs: String = (0..1000).map(|i| format!(" data-k{i}=\"v > w\"")).collect();
        let page = format!("<p class=\"lead\">One.</p><p{attrs}>Two.</p>");
        let tamed = tame_html(&page).unwrap();
        assert_eq!(tamed, "<p class=\"lead\">One.</p><p>Two.</p>");
        // An ordinary page is passed through untouched, without a copy.
        let plain = "<html><body><img src=\"data:x\"/><p>Text</p></body></html>";
        assert!(matches!(tame_html(plain).unwrap(), Cow::Borrowed(_)));
    }

    #[test]
    fn deep_nesting_is_refused_but_unclosed_paragraphs_are_not_nesting() {
        let deep = format!("{}x{}", "<div>".repeat(600), "</div>".repeat(600));
        assert!(tame_html(&deep).is_err());
        let sloppy = "<p>open paragraph ".repeat(2000);
        assert!(tame_html(&sloppy).is_ok());
        let closed = "<div><span>x</span></div>".repeat(2000);
        assert!(tame_html(&closed).is_ok());
        // Tags inside a script are not counted.
        let script = format!("<script>{}</script><p>x</p>", "<div>".repeat(600));
        assert!(tame_html(&script).is_ok());
    }

    #[test]
    fn long_titles_are_cut_on_a_char_boundary() {
        let (t, w) = cap_title("é".repeat(5000));
        assert_eq!(t.chars().count(), MAX_TITLE_CHARS + 1);
        assert!(w.is_some());
        let (t, w) = cap_title("Short headline".into());
        assert_eq!(t, "Short headline");
        assert!(w.is_none());
    }

    #[test]
    fn a_giant_text_is_cut_at_a_paragraph_break() {
        let para = "A sentence of the article.\n\n";
        let text = para.repeat(MAX_ARTICLE_BYTES / para.len() + 10);
        let cut = article_cut(&text).unwrap();
        assert!(cut <= MAX_ARTICLE_BYTES);
        assert!(text[cut..].starts_with("\n\n"));
        assert_eq!(article_cut("small"), None);
    }
}

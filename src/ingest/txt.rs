//! Plain text: the headline is the first line that reads as one (not a one- or
//! two-word section label, a byline, a "Published:" line); bylines, datelines
//! ("OSLO, May 3 (Nordwire) —") and "Published:"/"Source:" lines fill `source` and
//! `published`; trailing page furniture ("Related ...", "Read more: ...", photo
//! credits) is cut. The text is the decoded file (CRLF turned into LF, sanitised), up
//! to that furniture, so offsets point into the file.

use super::{Article, FileOutcome, Format, dates, sanitize};
use chrono::{DateTime, FixedOffset};

/// Line openings of trailing furniture (`assets/lexicon/txt_furniture.txt`).
const FURNITURE: &str = include_str!("../../assets/lexicon/txt_furniture.txt");

/// Labels of a head line that gives the publication date ("Published: 3 May 2025").
const DATE_LABELS: &[&str] = &["published", "updated", "date", "posted"];
/// Labels of a head line that names the outlet ("Source: Meridian Press").
const SOURCE_LABELS: &[&str] = &["source", "outlet", "publisher"];

/// How a line of prose ends; a headline or section label does not.
const SENTENCE_END: [char; 5] = ['.', '!', '?', '"', '”'];

/// How many leading lines may hold metadata.
const HEAD_LINES: usize = 12;

pub fn parse(rel: &str, text: &str) -> FileOutcome {
    let mut text = sanitize::sanitize(text);
    let mut head = read_head(&text);
    let cut = furniture_start(&text);
    text.truncate(cut);
    let mut warnings = Vec::new();
    head.title = head.title.map(|t| {
        let (t, cut) = super::limits::cap_title(t);
        warnings.extend(cut);
        t
    });
    FileOutcome {
        articles: vec![Article {
            id: rel.to_string(),
            path: rel.to_string(),
            format: Format::Txt,
            title: head.title,
            source: head.source,
            published: head.published,
            url: None,
            text,
            warnings,
        }],
        skipped: None,
    }
}

#[derive(Debug, Default, PartialEq)]
struct Head {
    title: Option<String>,
    source: Option<String>,
    published: Option<DateTime<FixedOffset>>,
}

/// "Label: value" with a case-insensitive label.
fn labelled<'a>(line: &'a str, labels: &[&str]) -> Option<&'a str> {
    let (l, v) = line.split_once(':')?;
    let l = l.trim();
    labels
        .iter()
        .any(|x| l.eq_ignore_ascii_case(x))
        .then(|| v.trim())
}

/// "By Carla Ventura, Meridian Press" -> (true, Some("Meridian Press")).
fn byline(line: &str) -> Option<Option<String>> {
    if let Some(v) = labelled(line, &["byline", "author", "by"]) {
        return Some(outlet_after_comma(v));
    }
    let rest = line
        .strip_prefix("By ")
        .or_else(|| line.strip_prefix("BY "))?;
    // a name follows: a capitalised word, and the line is short
    let short = rest.split_whitespace().count() <= 12;
    let cap = rest.chars().next().is_some_and(char::is_uppercase);
    (short && cap).then(|| outlet_after_comma(rest))
}

fn outlet_after_comma(v: &str) -> Option<String> {
    let (_, outlet) = v.split_once(',')?;
    let o = outlet.trim().trim_end_matches('.').trim();
    (!o.is_empty() && o.chars().next().is_some_and(char::is_uppercase)).then(|| o.to_string())
}

/// "OSLO, May 3 (Nordwire) —": the outlet in brackets before a dash.
fn dateline_outlet(line: &str) -> Option<String> {
    let head: String = line.chars().take(80).collect();
    let first = head.split([',', ' ']).next()?;
    if first.len() < 2
        || !first
            .chars()
            .all(|c| c.is_uppercase() || c == '-' || c == '.')
    {
        return None;
    }
    let open = head.find('(')?;
    let close = open + head[open..].find(')')?;
    let after = head[close + 1..].trim_start();
    if !after.starts_with(['—', '–', '-']) {
        return None;
    }
    let o = head[open + 1..close].trim();
    (!o.is_empty() && o.chars().next().is_some_and(char::is_uppercase)).then(|| o.to_string())
}

/// A one- or two-word line without closing punctuation ("World", "Business news").
fn section_label(line: &str) -> bool {
    line.split_whitespace().count() <= 2 && !line.ends_with(SENTENCE_END)
}

/// Bylines, datelines and "Label: value" lines of the head.
fn is_metadata(line: &str) -> bool {
    labelled(line, DATE_LABELS).is_some()
        || labelled(line, SOURCE_LABELS).is_some()
        || byline(line).is_some()
        || dateline_outlet(line).is_some()
}

/// Whether the next line that is not metadata reads as a headline (no closing sentence
/// punctuation): only then is a short line above it a section label. A short headline
/// followed by body prose ("Depot reopens" then "The depot reopened on Friday.") stays
/// the headline.
fn headline_follows(rest: &[String]) -> bool {
    rest.iter()
        .find(|l| !is_metadata(l))
        .is_some_and(|l| !l.ends_with(SENTENCE_END))
}

fn read_head(text: &str) -> Head {
    let mut h = Head::default();
    let lines: Vec<String> = text
        .lines()
        .map(sanitize::one_line)
        .filter(|l| !l.is_empty())
        .take(HEAD_LINES)
        .collect();
    let mut fallback = None;
    for (i, l) in lines.iter().enumerate() {
        if let Some(v) = labelled(l, DATE_LABELS) {
            h.published = h.published.or_else(|| dates::parse_date(v));
            continue;
        }
        if let Some(v) = labelled(l, SOURCE_LABELS) {
            if h.source.is_none() && !v.is_empty() {
                h.source = Some(v.to_string());
            }
            continue;
        }
        if let Some(outlet) = byline(l) {
            h.source = h.source.or(outlet);
            continue;
        }
        if let Some(o) = dateline_outlet(l) {
            h.source = h.source.or(Some(o));
            continue;
        }
        fallback.get_or_insert_with(|| l.clone());
        if h.title.is_none() && !(section_label(l) && headline_follows(&lines[i + 1..])) {
            h.title = Some(l.clone());
        }
    }
    h.title = h.title.or(fallback);
    h
}

/// Byte offset where trailing furniture starts (the text length when there is none):
/// the first furniture line after which only furniture, blank or short lines follow.
fn furniture_start(text: &str) -> usize {
    let openings: Vec<&str> = FURNITURE
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    // an opening word alone is not enough: "Related talks will follow next week,
    // the mayor said." is a sentence of the body
    let is_furniture = |l: &str| {
        let low = l.trim().to_lowercase();
        let sentence = low.ends_with(['.', '!', '?']) && low.split_whitespace().count() > 6;
        !sentence && openings.iter().any(|o| low.starts_with(o))
    };
    let mut cut = text.len();
    let mut pos = text.len();
    // walk lines from the end
    for line in text.lines().rev() {
        let start = text[..pos].rfind(line).unwrap_or(0);
        pos = start;
        let t = line.trim();
        if is_furniture(t) {
            cut = start;
            continue;
        }
        let short = t.split_whitespace().count() <= 12 && !t.ends_with(SENTENCE_END);
        if t.is_empty() || short {
            continue;
        }
        break;
    }
    if cut == text.len() {
        return cut;
    }
    // the blank lines before the furniture go with it
    text[..cut].trim_end().len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn section_label_and_byline_are_not_the_headline() {
        let t = "World\n\nHarbour ferries halted as storm closes in\nBy Carla Ventura, Meridian Press\nPublished: 2025-03-04\n\nBody text.\n";
        let h = read_head(t);
        assert_eq!(
            h.title.as_deref(),
            Some("Harbour ferries halted as storm closes in")
        );
        assert_eq!(h.source.as_deref(), Some("Meridian Press"));
        assert_eq!(
            h.published.map(|d| d.date_naive().to_string()).as_deref(),
            Some("2025-03-04")
        );
    }

    #[test]
    fn a_short_headline_over_body_prose_is_the_headline() {
        let t = "Kiln relit\n\nThe pottery relit its kiln on Monday, the owner said.\n";
        assert_eq!(read_head(t).title.as_deref(), Some("Kiln relit"));
        let t = "Kiln relit\nBy Ada Moss, Clay Weekly\n\nThe pottery relit its kiln.\n";
        assert_eq!(read_head(t).title.as_deref(), Some("Kiln relit"));
    }

    #[test]
    fn byline_label_line_is_skipped() {
        let h = read_head("BYLINE: Jo Pell.\nCouncil approves the new tram line\n\nBody.\n");
        assert_eq!(
            h.title.as_deref(),
            Some("Council approves the new tram line")
        );
        assert_eq!(h.source, None);
    }

    #[test]
    fn dateline_gives_the_outlet() {
        let t = "Pharma recalls tablets\n\nOSLO, May 3 (Nordwire) — Calder Pharma is recalling 40,000 packs.\n";
        let h = read_head(t);
        assert_eq!(h.title.as_deref(), Some("Pharma recalls tablets"));
        assert_eq!(h.source.as_deref(), Some("Nordwire"));
    }

    #[test]
    fn a_one_line_file_keeps_its_line_as_title() {
        assert_eq!(read_head("Business\n").title.as_deref(), Some("Business"));
    }

    #[test]
    fn trailing_furniture_is_cut_and_offsets_stay() {
        let body = "Headline here\n\nThe council met on Monday. It agreed.\n";
        let t = format!("{body}\nRelated Posts\nRead more: the tram saga\nPhoto: J. Pell\n");
        let cut = furniture_start(&t);
        assert_eq!(&t[..cut], body.trim_end());
        // nothing to cut
        assert_eq!(furniture_start(body), body.len());
    }

    #[test]
    fn a_last_paragraph_is_not_furniture() {
        let t = "Head\n\nBody one.\n\nRelated talks will follow next week, the mayor said.\n";
        assert_eq!(furniture_start(t), t.len());
    }
}

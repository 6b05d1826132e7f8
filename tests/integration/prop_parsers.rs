//! Property tests: arbitrary bytes and arbitrary Unicode through every parser, then
//! through the per-article analysis. No panic; no control characters but `\n`/`\t`;
//! every span within the text, on char boundaries, and char offsets round-trip.

use proptest::prelude::*;
use quotedesk::analysis::analyze;
use quotedesk::ingest::{Article, parse_bytes};
use quotedesk::text::{CharIndex, Span};

const EXTS: &[&str] = &["txt", "md", "html", "json", "jsonl", "xml", "rss", "atom"];

fn clean(s: &str) -> bool {
    !s.chars().any(|c| c.is_control() && c != '\n' && c != '\t')
}

fn check_span(text: &str, ix: &CharIndex, s: Span, what: &str) -> Result<(), TestCaseError> {
    prop_assert!(
        s.start <= s.end && s.end <= text.len(),
        "{what} {s:?} out of {}",
        text.len()
    );
    prop_assert!(
        text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
        "{what} {s:?} not on char boundaries"
    );
    for b in [s.start, s.end] {
        prop_assert_eq!(
            ix.to_byte(ix.to_char(b)),
            b,
            "{} offset {} does not round-trip",
            what,
            b
        );
    }
    let chars = text[s.start..s.end].chars().count();
    prop_assert_eq!(ix.to_char(s.end) - ix.to_char(s.start), chars);
    Ok(())
}

fn check_article(a: &Article) -> Result<(), TestCaseError> {
    prop_assert!(clean(&a.text), "control char in text {:?}", a.text);
    for s in [a.title.as_ref(), a.source.as_ref(), a.url.as_ref()]
        .into_iter()
        .flatten()
    {
        prop_assert!(clean(s) && !s.contains('\n'), "bad one-line field {s:?}");
    }
    for w in &a.warnings {
        prop_assert!(clean(w), "control char in warning {w:?}");
    }
    let text = &a.text;
    let ix = CharIndex::new(text);
    let an = analyze(a);
    for p in &an.model.paragraphs {
        check_span(text, &ix, *p, "paragraph")?;
    }
    for s in &an.model.sentences {
        check_span(text, &ix, s.span, "sentence")?;
    }
    for q in &an.quotes {
        check_span(text, &ix, q.span, "quote")?;
        if let Some(m) = q.mention {
            check_span(text, &ix, m, "mention")?;
        }
        if let Some(c) = q.cue {
            check_span(text, &ix, c, "cue")?;
        }
    }
    for e in &an.entities {
        for m in &e.mentions {
            check_span(text, &ix, *m, "entity mention")?;
        }
    }
    for f in &an.facts {
        check_span(text, &ix, f.evidence, "fact evidence")?;
    }
    Ok(())
}

fn check_file(ext: &str, bytes: &[u8]) -> Result<(), TestCaseError> {
    let rel = format!("dir/file.{ext}");
    let out = parse_bytes(&rel, bytes);
    if let Some(s) = &out.skipped {
        prop_assert!(clean(&s.reason), "control char in reason {:?}", s.reason);
        prop_assert_eq!(&s.path, &rel);
    }
    for a in &out.articles {
        prop_assert_eq!(&a.path, &rel);
        check_article(a)?;
    }
    Ok(())
}

/// Arbitrary text with a good share of the characters that matter here: quotes,
/// escapes, controls, odd spaces, markup, multi-byte letters.
fn spicy_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        any::<char>().prop_map(|c| c.to_string()),
        "[A-Za-z ,.]{1,12}",
        Just("\u{201C}".to_string()),
        Just("\u{201D}".to_string()),
        Just("\"".to_string()),
        Just(" said ".to_string()),
        Just("Mr. Łukasik".to_string()),
        Just("\u{1b}[2J".to_string()),
        Just("\u{1b}]0;t\u{7}".to_string()),
        Just("\u{9b}1m".to_string()),
        Just("\r\n".to_string()),
        Just("\n\n".to_string()),
        Just("\u{a0}\u{200b}\u{2028}\u{feff}".to_string()),
        Just("<p>".to_string()),
        Just("</p>".to_string()),
        Just("&amp;&#0;&#x1b;".to_string()),
        Just("**".to_string()),
        Just("é😀ß".to_string()),
    ];
    proptest::collection::vec(piece, 0..60).prop_map(|v| v.concat())
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn json_str(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}

/// Puts arbitrary text inside a well-formed document of the given format, so the
/// parsers' inner paths (not just their error paths) see it.
fn wrap(ext: &str, t: &str) -> String {
    match ext {
        "md" => format!(
            "---\ntitle: {}\n---\n\n# {t}\n\n{t}\n\n> {t}\n",
            json_str(t)
        ),
        "html" => format!(
            "<html><head><title>{0}</title><meta property=\"og:title\" content=\"{0}\"></head><body><nav>menu</nav><article><h1>{0}</h1><p>{0}</p><blockquote><p>{0}</p></blockquote><p>{0}</p></article></body></html>",
            xml_escape(t)
        ),
        "json" => format!(
            "{{\"title\": {0}, \"body\": {0}, \"source\": {0}, \"date\": {0}}}",
            json_str(t)
        ),
        "jsonl" => format!(
            "{{\"title\": {0}, \"body\": {0}}}\n{{\"title\": \"x\", \"text\": {0}}}\n",
            json_str(t)
        ),
        "xml" | "rss" => format!(
            "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>{0}</title><item><title>{0}</title><guid>{0}</guid><description>{0}</description></item><item><title>b</title><description>&lt;p&gt;{0}&lt;/p&gt;</description></item></channel></rss>",
            xml_escape(t)
        ),
        "atom" => format!(
            "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>{0}</title><id>f</id><updated>2025-01-01T00:00:00Z</updated><entry><title>{0}</title><id>{0}</id><updated>2025-01-01T00:00:00Z</updated><content type=\"html\">{0}</content></entry></feed>",
            xml_escape(t)
        ),
        _ => format!("{t}\n\n{t}"),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes(ext in proptest::sample::select(EXTS), bytes in proptest::collection::vec(any::<u8>(), 0..1024)) {
        check_file(ext, &bytes)?;
    }

    #[test]
    fn arbitrary_unicode(ext in proptest::sample::select(EXTS), s in any::<String>()) {
        check_file(ext, s.as_bytes())?;
    }

    #[test]
    fn spicy_unicode(ext in proptest::sample::select(EXTS), s in spicy_text()) {
        check_file(ext, s.as_bytes())?;
    }

    #[test]
    fn spicy_text_in_well_formed_documents(ext in proptest::sample::select(EXTS), s in spicy_text()) {
        check_file(ext, wrap(ext, &s).as_bytes())?;
    }

    #[test]
    fn utf16_and_legacy_bytes(s in spicy_text(), le in any::<bool>()) {
        let mut b = if le { vec![0xFF, 0xFE] } else { vec![0xFE, 0xFF] };
        for u in s.encode_utf16() {
            b.extend(if le { u.to_le_bytes() } else { u.to_be_bytes() });
        }
        check_file("txt", &b)?;
        let (latin, _, _) = encoding_rs::WINDOWS_1252.encode(&s);
        check_file("html", &latin)?;
    }
}

// The fast paths of the analysis (no allocation per token) against their general forms.
proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    /// `fold`'s ASCII path equals its Unicode path: a leading combining mark (dropped
    /// by folding) sends the same name down the general one.
    #[test]
    fn fold_ascii_path_equals_unicode_path(s in "[A-Za-z0-9'sSueoa .,-]{0,24}") {
        use quotedesk::analysis::names::fold;
        prop_assert_eq!(fold(&s), fold(&format!("\u{301}{s}")));
    }

    /// Every token's stem in the document model is `stem` of its lowercase form.
    #[test]
    fn doc_stems_equal_stem(s in "[A-Za-z' .,-]{0,60}") {
        use quotedesk::text::doc::{Doc, stem};
        let d = Doc::new(&s);
        for i in 0..d.len() {
            let w = d.word(i);
            let expected = stem(w.lower);
            prop_assert_eq!(w.stem, expected.as_str());
        }
    }

    /// Lexicon look-ups ignore case, whatever the first letter and length filters skip.
    #[test]
    fn lexicon_lookups_ignore_case(w in "[A-Za-z]{0,12}", pick in 0usize..6) {
        use quotedesk::analysis::lexicon::{STOPWORDS, TITLES, CUE_VERBS, month_number};
        let words = ["the", "minister", "said", "president", "june", "Sept"];
        let word = format!("{}{w}", words[pick]);
        for set in [&*STOPWORDS, &*TITLES, &*CUE_VERBS] {
            prop_assert_eq!(set.contains(&word), set.contains(&word.to_lowercase()));
            prop_assert_eq!(set.contains(&word.to_uppercase()), set.contains(&word.to_lowercase()));
        }
        prop_assert_eq!(month_number(&word.to_uppercase()), month_number(&word.to_lowercase()));
    }
}

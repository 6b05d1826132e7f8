//! Extraction never panics and keeps its spans on char boundaries, whatever the input.

use proptest::prelude::*;
use quotedesk::analysis::quotes::extract;
use quotedesk::text::TextModel;

fn check(t: &str) {
    let model = TextModel::new(t);
    let (quotes, entities) = extract(t, &model);
    for q in &quotes {
        assert!(q.span.start <= q.span.end && q.span.end <= t.len());
        assert!(t.is_char_boundary(q.span.start) && t.is_char_boundary(q.span.end));
        if let Some(s) = q.speaker {
            assert!(s < entities.len());
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    #[test]
    fn never_panics_on_quote_soup(
        parts in prop::collection::vec(
            prop::sample::select(vec![
                "\"", "“", "”", "„", "«", "»", "'", "‘", "’", "''", "``", " ", "\n", "\n\n",
                ".", ",", ":", "said", "told", "according to", "Anna Weiss", "he", "the minister",
                "Mr.", "U.S.", "J.", "…", "Łódź", "é", "—", "(", ")", "word",
            ]),
            0..60,
        )
    ) {
        check(&parts.concat());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    /// Transcript labels next to multi-byte text ("Łódź: ...", "**Q:", "A:").
    #[test]
    fn never_panics_on_transcript_soup(
        parts in prop::collection::vec(
            prop::sample::select(vec![
                "A:", "Q:", "**Q:", "**", "WEISS:", "Anna Weiss:", "Mr Weiss:", "14:05", ":",
                " ", "\n\n", ".", "?", "Łódź", "é", "—", "“", "”", "word", "said", "Anna Weiss",
                "ąąąąąąąąąąąąąąąąąąąąąąąąąąąą",
            ]),
            0..60,
        )
    ) {
        check(&parts.concat());
    }
}

#[test]
fn empty_and_mark_only_texts() {
    for t in ["", "\"", "“”", "''", "\n\n\"\n\n", "« »", "'''''", "“a"] {
        check(t);
    }
}

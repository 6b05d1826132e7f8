//! Facts and conflicts never panic on odd text, and every evidence span lies on char
//! boundaries of its article.

use proptest::prelude::*;
use quotedesk::analysis::{self, conflicts, speakers::SpeakerIndex};
use quotedesk::ingest::Article;

fn article(id: &str, text: String) -> Article {
    Article::plain(id, text)
}

const PIECES: [&str; 24] = [
    "\u{201c}",
    "\u{201d}",
    "\"",
    "\u{201e}",
    "'",
    "\u{2019}s",
    " said ",
    "Anna Kowalska",
    ", the deputy mayor,",
    " 1,050 ",
    " twelve ",
    "€40m",
    " nearly ",
    " on Tuesday ",
    " in Łódź ",
    " did not attend ",
    " no ",
    " the talks ",
    ".",
    "\n\n",
    "Ünal Öztürk",
    " 3,5 metres ",
    "-",
    " per second",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn never_panics_and_spans_are_exact(picks in prop::collection::vec(0usize..PIECES.len(), 0..60),
                                        picks2 in prop::collection::vec(0usize..PIECES.len(), 0..60)) {
        let a = article("a.txt", picks.iter().map(|&i| PIECES[i]).collect());
        let b = article("b.txt", picks2.iter().map(|&i| PIECES[i]).collect());
        let (aa, ab) = (analysis::analyze(&a), analysis::analyze(&b));
        for (art, an) in [(&a, &aa), (&b, &ab)] {
            for f in &an.facts {
                prop_assert!(art.text.get(f.evidence.start..f.evidence.end).is_some());
            }
        }
        let story = vec![(&a, &aa), (&b, &ab)];
        for c in conflicts::find(&story, &SpeakerIndex::new()) {
            prop_assert!(c.claims.len() >= 2);
            for cl in &c.claims {
                let art = if cl.article == "a.txt" { &a } else { &b };
                prop_assert!(art.text.get(cl.span.start..cl.span.end).is_some());
            }
        }
    }
}

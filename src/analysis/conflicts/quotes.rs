//! Quotation conflicts: the same words given to different speakers, and one speaker's
//! words reported so that the meaning changes (a negation, a number, its scope).

use super::{Claim, Conflict, ConflictKind, Severity};
use crate::analysis::ArticleAnalysis;
use crate::analysis::facts::{Detail, Fact, FactKind};
use crate::analysis::names::{self, SurnameMatch, fold, surname_match_folded};
use crate::ingest::Article;
use crate::text::Span;
use std::collections::{HashMap, HashSet};

/// Longest list of quotations sharing one word that is still used to pair them.
const MAX_POSTING: usize = 256;

const NEG: [&str; 7] = ["not", "no", "never", "none", "nobody", "nothing", "neither"];

fn content(words: &[String]) -> HashSet<String> {
    words
        .iter()
        .filter(|w| {
            w.len() > 2 && !crate::analysis::facts::tokens::is_stopword(w)
                || NEG.contains(&w.as_str())
        })
        .map(|w| crate::analysis::facts::tokens::stem(w))
        .collect()
}

/// Same person: equal folded names, or same surname and compatible first names.
/// `fa` and `fb` are speaker names already passed through `fold`.
fn same_speaker(fa: &str, fb: &str) -> bool {
    if fa == fb {
        return true;
    }
    let (wa, wb): (Vec<&str>, Vec<&str>) = (fa.split(' ').collect(), fb.split(' ').collect());
    let (la, lb) = (wa[wa.len() - 1], wb[wb.len() - 1]);
    let last_ok =
        la == lb || (la.len() >= 5 && lb.starts_with(la)) || (lb.len() >= 5 && la.starts_with(lb));
    if !last_ok {
        return false;
    }
    match (wa.len() > 1, wb.len() > 1) {
        (true, true) => {
            let (x, y) = (wa[0], wb[0]);
            // a title the name finder left on ("formateur jan vos" / "jan vos") or a
            // middle name: the other's given name among the leading words
            x.starts_with(y)
                || y.starts_with(x)
                || wa[..wa.len() - 1].contains(&y)
                || wb[..wb.len() - 1].contains(&x)
        }
        _ => true,
    }
}

/// Surname of a folded name: its last word.
fn surname(folded: &str) -> &str {
    folded.rsplit(' ').next().unwrap_or(folded)
}

/// Two speaker names that share a family name, or whose family names are spelling
/// variants, may be one person whose bare surname ("Nwankwo said") was resolved two ways
/// or whose name one outlet misspelt: not evidence of two speakers.
fn may_be_one_name(fa: &str, fb: &str) -> bool {
    surname_match_folded(surname(fa), surname(fb)) != SurnameMatch::Different
        || surname_match_folded(&particled(fa), &particled(fb)) != SurnameMatch::Different
        || respelt(fa, fb)
}

/// One given name and family names that open alike ("o donaill" / "o donnell"): an
/// outlet's anglicised or accent-free spelling of one person, not a second speaker.
fn respelt(fa: &str, fb: &str) -> bool {
    let given = |f: &str| f.split(' ').next().unwrap_or("").to_string();
    let (ga, gb) = (given(fa), given(fb));
    let (sa, sb) = (particled(fa), particled(fb));
    let opening = |s: &str| s.chars().take(4).collect::<String>();
    fa.contains(' ')
        && fb.contains(' ')
        && ga.len() >= 3
        && ga == gb
        && sa.chars().count() >= 5
        && sb.chars().count() >= 5
        && opening(&sa) == opening(&sb)
}

/// Surname of a folded name with a one-letter particle before it joined on ("o brien"
/// -> "obrien"): folding splits an elided or accented particle off, and a spelling
/// variant of the surname is judged on the whole family name.
fn particled(folded: &str) -> String {
    let w: Vec<&str> = folded.split(' ').collect();
    match w.as_slice() {
        [_, .., p, last] if p.len() == 1 => format!("{p}{last}"),
        _ => surname(folded).to_string(),
    }
}

/// The sentence that carries a quotation names the other speaker before it ("X called
/// Y's claim that '...' absurd"): the words are relayed, not attributed twice.
fn relayed(text: &str, quote: Span, other: &str) -> bool {
    let start = quote.start.min(text.len());
    let lead = &text[..start];
    let from = lead
        .rfind(['\n', '.', '?', '!'])
        .map_or(0, |k| k + 1)
        .max(start.saturating_sub(400));
    let from = (from..=start)
        .find(|&k| text.is_char_boundary(k))
        .unwrap_or(start);
    let other = surname(other);
    fold(&text[from..start]).split(' ').any(|w| w == other)
}

/// Small words an organisation's name may carry in lower case ("Bank of X"); a person's
/// surname particles ("van", "de") are [`names::is_particle`].
const NAME_CONNECTORS: [&str; 4] = ["of", "the", "for", "and"];

/// A speaker given as a description rather than a name: a lone lower-case noun ("the
/// pair"), a phrase with lower-case words ("her agent"), or a title or occupation
/// standing where a name would ("Finance Minister"). Such a speaker names
/// no second person, so the same words under it and under a name are no misattribution:
/// the description may well be that person.
fn described(speaker: &str) -> bool {
    use crate::analysis::lexicon::{ROLE_DESCRIPTORS, TITLES};
    let words: Vec<&str> = speaker
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty())
        .collect();
    let lower = |w: &&str| w.chars().next().is_some_and(|c| c.is_lowercase());
    words.is_empty()
        || words.iter().any(|w| {
            lower(w)
                && !NAME_CONNECTORS.contains(&w.to_lowercase().as_str())
                && !names::is_particle(w)
        })
        || words.iter().any(|w| {
            let w = crate::analysis::lexicon::strip_possessive(w).to_lowercase();
            TITLES.contains(&w) || ROLE_DESCRIPTORS.contains(&w)
        })
}

/// Heads of names of bodies, places and works (`org_heads.txt`, `nonperson_heads.txt`,
/// `quote_nonspeakers.txt`): a speaker named by one ("X Academy of Y", "Z Island") is
/// the quote stage giving the words to a body or a place, and names no second person.
fn not_a_person(speaker: &str) -> bool {
    use crate::analysis::lexicon::{NONPERSON_HEADS, ORG_HEADS, WordSet};
    use once_cell::sync::Lazy;
    static EXTRA: Lazy<WordSet> = Lazy::new(|| {
        WordSet::from(include_str!(
            "../../../assets/lexicon/conflicts/quote_nonspeakers.txt"
        ))
    });
    let words: Vec<String> = speaker
        .split_whitespace()
        .map(|w| crate::analysis::lexicon::strip_possessive(w).to_lowercase())
        .collect();
    let last = words.last().map_or("", String::as_str);
    words
        .iter()
        .any(|w| ORG_HEADS.contains(w) || EXTRA.contains(w))
        || NONPERSON_HEADS.contains(last)
}

/// The quote stage gave the words to a speaker through a pronoun of the other gender
/// ("she said" resolved to a man): the attribution is a resolution slip, not a report
/// naming a second speaker.
fn pronoun_slip(an: &ArticleAnalysis, text: &str, quote: Span) -> bool {
    use crate::analysis::entities::Gender;
    let Some(q) = an.quotes.iter().find(|q| q.span.overlaps(quote)) else {
        return false;
    };
    let (Some(m), Some(e)) = (q.mention, q.speaker.and_then(|i| an.entities.get(i))) else {
        return false;
    };
    let said = m.text(text).to_lowercase();
    match e.gender {
        Some(Gender::Male) => matches!(said.as_str(), "she" | "her"),
        Some(Gender::Female) => matches!(said.as_str(), "he" | "him" | "his"),
        None => false,
    }
}

/// A quotation set off in a paragraph of its own keeps its attribution across the
/// paragraph break: the paragraph before it when that one ends by introducing it
/// ("X commented:"), and the next paragraph when the quotation runs on into it (no
/// closing mark in its own paragraph). Either naming `other` (folded) by surname means
/// the report gives the words to that speaker too.
fn named_across_paragraphs(an: &ArticleAnalysis, text: &str, quote: Span, other: &str) -> bool {
    let theirs = surname(other);
    if theirs.len() < 4 {
        return false;
    }
    let paras = &an.model.paragraphs;
    let Some(k) = paras
        .iter()
        .position(|p| p.start <= quote.start && quote.start < p.end.max(p.start + 1))
    else {
        return false;
    };
    let names = |t: &str| {
        fold(t)
            .split(' ')
            .filter(|w| w.len() >= 4)
            .any(|w| surname_match_folded(w, theirs) != SurnameMatch::Different)
    };
    let para = |i: usize| paras.get(i).and_then(|p| text.get(p.start..p.end));
    let intro = k
        .checked_sub(1)
        .and_then(para)
        .filter(|t| t.trim_end().ends_with([':', ',']));
    // opened by a mark in its paragraph and not closed there (from the quotation's
    // start: its evidence may reach past the closing mark); an answer of an interview
    // set out without marks runs on into nothing
    let own = text.get(quote.start..paras[k].end).unwrap_or("");
    let opened = text
        .get(paras[k].start..quote.start)
        .is_some_and(|t| t.contains(['"', '\u{201c}', '\u{201e}', '\u{ab}']));
    let runs_on = opened && !own.contains(['"', '\u{201d}', '\u{bb}']);
    let close = para(k + 1).filter(|_| runs_on);
    intro.is_some_and(names) || close.is_some_and(names)
}

/// Farthest an attribution (speaker mention, speech verb) may lie from its quotation
/// and still be shown with it, in bytes.
const ATTRIBUTION_REACH: usize = 400;

/// A quotation's span widened to the whole sentences that hold it and its attribution
/// ("'...,' said X, the mayor of Y."): the evidence a reader checks a misattribution by.
fn attributed(an: &ArticleAnalysis, quote: Span) -> Span {
    let Some(q) = an.quotes.iter().find(|q| q.span.overlaps(quote)) else {
        return quote;
    };
    let (mut lo, mut hi) = (quote.start, quote.end);
    for part in [q.mention, q.cue].into_iter().flatten() {
        let near = part.end + ATTRIBUTION_REACH >= lo && part.start <= hi + ATTRIBUTION_REACH;
        if near {
            lo = lo.min(part.start);
            hi = hi.max(part.end);
        }
    }
    let whole = Span::new(lo, hi);
    let mut sents = an.model.sentences.iter().filter(|s| s.span.overlaps(whole));
    let first = sents.next().map_or(lo, |s| s.span.start.min(lo));
    let last = an
        .model
        .sentences
        .iter()
        .rev()
        .find(|s| s.span.overlaps(whole))
        .map_or(hi, |s| s.span.end.max(hi));
    Span::new(first, last)
}

/// The evidence shown for an attribution: [`attributed`], and when the quotation's
/// attribution is a pronoun or a nominal ("he said", "the official added"), which
/// names no one, also the nearest earlier sentence naming the speaker, which is what a
/// reader checks. Only shown: the same-speaker checks read [`attributed`] alone.
fn attributed_shown(an: &ArticleAnalysis, quote: Span) -> Span {
    let span = attributed(an, quote);
    let Some(q) = an.quotes.iter().find(|q| q.span.overlaps(quote)) else {
        return span;
    };
    let named = match (q.speaker.and_then(|i| an.entities.get(i)), q.mention) {
        (Some(e), Some(m)) if !e.mentions.iter().any(|n| n.overlaps(m)) => e
            .mentions
            .iter()
            .filter(|n| n.end <= span.start && n.end + ATTRIBUTION_REACH >= span.start)
            .max_by_key(|n| n.end),
        _ => None,
    };
    let Some(named) = named else {
        return span;
    };
    let start = an
        .model
        .sentences
        .iter()
        .find(|s| s.span.start <= named.start && named.start < s.span.end)
        .map_or(named.start, |s| s.span.start);
    Span::new(start.min(span.start), span.end)
}

/// The attribution around a quotation (`around`, the quotation itself left out) names
/// `other` (folded) by its surname or a spelling of it: the quote stage resolved the
/// speaker to a title or a nominal ("the general director of X, NAME"), and the two
/// reports give the words to one person.
fn names_speaker(text: &str, around: Span, quote: Span, other: &str) -> bool {
    let theirs = surname(other);
    if theirs.len() < 4 {
        return false;
    }
    let mut parts = String::new();
    if let Some(t) = text.get(around.start..quote.start.max(around.start)) {
        parts.push_str(t);
    }
    parts.push(' ');
    if let Some(t) = text.get(quote.end.min(around.end)..around.end) {
        parts.push_str(t);
    }
    fold(&parts)
        .split(' ')
        .filter(|w| w.len() >= 4)
        .any(|w| surname_match_folded(w, theirs) != SurnameMatch::Different)
}

/// What each negation of a wording denies: the content word after it. A negation that
/// governs a verb of opinion, or stands in the clause after one, denies the opinion's
/// clause either way ("I don't suppose the gate was locked" / "I suppose the gate
/// wasn't locked"), so both read as one raised scope.
fn negation_scope(words: &[String]) -> Vec<String> {
    use crate::analysis::lexicon::NEG_RAISING_VERBS;
    const RAISED: &str = "~opinion";
    let mut out = Vec::new();
    for (i, w) in words.iter().enumerate() {
        if NEG.contains(&w.as_str()) {
            let next = words[i + 1..]
                .iter()
                .find(|x| x.len() > 2 && !crate::analysis::facts::tokens::is_stopword(x));
            let after_opinion = words[..i].iter().any(|x| NEG_RAISING_VERBS.contains(x));
            let scope = match next {
                Some(x) if NEG_RAISING_VERBS.contains(x) || after_opinion => RAISED.to_string(),
                Some(x) => x.clone(),
                None => String::new(),
            };
            out.push(scope);
        }
    }
    out.sort();
    out
}

/// Longest quotation, in words, aligned word by word against another.
const MAX_ALIGN: usize = 400;

/// Most unshared words, both wordings together, at one end of a passage that are a
/// changed ending ("did not win" / "won") rather than two remarks going on differently.
const CHANGED: usize = 4;

/// Fewest words one wording may have beyond the other's end to be a longer excerpt
/// rather than a word added to the same passage ("not").
const MIN_EXCERPT: usize = 3;

/// The parts of two wordings that report one passage, found by their longest common
/// sequence of word stems. Words before the first or after the last shared word on one side
/// only are a longer or shorter excerpt of the speech, not a rewording (one outlet
/// quoting a sentence more than another); a few unshared words on both sides at the
/// same end were changed ("in 2025" / "in 2027") and stay. `None` when the
/// shared words are too few or too thinly spread to be one passage (two sentences of a
/// speech that share a name or a phrase).
fn passage<'a>(a: &'a [String], b: &'a [String]) -> Option<(&'a [String], &'a [String])> {
    if a.len() > MAX_ALIGN || b.len() > MAX_ALIGN {
        return Some((a, b));
    }
    let (n, m) = (a.len(), b.len());
    // words are shared by their stem: a rewording inflects ("spend" / "spending")
    let stems = |w: &[String]| -> Vec<String> {
        w.iter()
            .map(|x| crate::analysis::facts::tokens::stem(x))
            .collect()
    };
    let (a_st, b_st) = (stems(a), stems(b));
    // lcs[i][j]: longest common sequence of a[i..] and b[j..]
    let mut lcs = vec![0u16; (n + 1) * (m + 1)];
    let at = |i: usize, j: usize| i * (m + 1) + j;
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[at(i, j)] = if a_st[i] == b_st[j] {
                lcs[at(i + 1, j + 1)] + 1
            } else {
                lcs[at(i + 1, j)].max(lcs[at(i, j + 1)])
            };
        }
    }
    let shared = usize::from(lcs[at(0, 0)]);
    if shared < 3 {
        return None;
    }
    let (mut i, mut j) = (0, 0);
    let mut pairs = Vec::with_capacity(shared);
    while i < n && j < m {
        if a_st[i] == b_st[j] {
            pairs.push((i, j));
            i += 1;
            j += 1;
        } else if lcs[at(i + 1, j)] >= lcs[at(i, j + 1)] {
            i += 1;
        } else {
            j += 1;
        }
    }
    let (first, last) = (pairs[0], pairs[pairs.len() - 1]);
    // how many of the unshared words at one end of each wording stay in the passage
    let kept = |x: usize, y: usize| -> (usize, usize) {
        match (x, y) {
            // a few on both sides were changed, not cut; longer runs on both sides are
            // two remarks that go on differently around a shared phrase
            (1.., 1..) if x + y <= CHANGED => (x, y),
            (1.., 1..) => (0, 0),
            // on one side only: a word or two were added ("not"), a clause was quoted
            // beyond the other's excerpt
            _ => (
                if x < MIN_EXCERPT { x } else { 0 },
                if y < MIN_EXCERPT { y } else { 0 },
            ),
        }
    };
    let (ka, kb) = kept(first.0, first.1);
    let (sa, sb) = (first.0 - ka, first.1 - kb);
    let (ka, kb) = kept(n - 1 - last.0, m - 1 - last.1);
    let (ea, eb) = (last.0 + 1 + ka, last.1 + 1 + kb);
    let (pa, pb) = (&a[sa..ea], &b[sb..eb]);
    // one passage reworded keeps most of its words in order
    (2 * shared >= pa.len().max(pb.len())).then_some((pa, pb))
}

/// The numbers of a wording by value, so a figure in digits and the same figure in words
/// ("12" / "twelve") are one number, not a changed meaning.
fn numbers(words: &[String]) -> Vec<String> {
    use crate::analysis::facts::numbers::{parse_digits, word_value};
    let mut v: Vec<String> = words
        .iter()
        .filter_map(|w| {
            if w.chars().next().is_some_and(|c| c.is_ascii_digit()) {
                Some(parse_digits(w).map_or_else(|| w.clone(), |x| x.to_string()))
            } else {
                word_value(w).filter(|&x| x >= 2.0).map(|x| x.to_string())
            }
        })
        .collect();
    v.sort();
    v
}

/// Two wordings of one speaker that report one passage with another meaning (a
/// negation added or moved to another word, a number changed): the passages. The
/// meaning is compared on the words both report, not on what one outlet quoted beyond
/// the other's excerpt.
fn reworded<'a>(a: &'a [String], b: &'a [String]) -> Option<(&'a [String], &'a [String])> {
    let (wa, wb) = passage(a, b)?;
    let neg = |w: &[String]| w.iter().filter(|x| NEG.contains(&x.as_str())).count();
    let meaning = neg(wa) != neg(wb)
        || negation_scope(wa) != negation_scope(wb)
        || numbers(wa) != numbers(wb);
    meaning.then_some((wa, wb))
}

/// Words removed and added between two wordings (multiset difference).
fn diff(a: &[String], b: &[String]) -> (Vec<String>, Vec<String>) {
    let mut cb: HashMap<&str, i32> = HashMap::new();
    for w in b {
        *cb.entry(w).or_default() += 1;
    }
    let mut removed = Vec::new();
    for w in a {
        match cb.get_mut(w.as_str()) {
            Some(n) if *n > 0 => *n -= 1,
            _ => removed.push(w.clone()),
        }
    }
    let mut ca: HashMap<&str, i32> = HashMap::new();
    for w in a {
        *ca.entry(w).or_default() += 1;
    }
    let mut added = Vec::new();
    for w in b {
        match ca.get_mut(w.as_str()) {
            Some(n) if *n > 0 => *n -= 1,
            _ => added.push(w.clone()),
        }
    }
    (removed, added)
}

pub(crate) fn find(story: &[(&Article, &ArticleAnalysis)]) -> Vec<Conflict> {
    let quotes: Vec<(usize, &Fact, &str, &Vec<String>)> = story
        .iter()
        .enumerate()
        .flat_map(|(ai, (_, an))| {
            an.facts
                .iter()
                .filter_map(move |f| match (&f.kind, &f.detail) {
                    (FactKind::Quote, Detail::Quote { speaker, words }) => {
                        Some((ai, f, speaker.as_str(), words))
                    }
                    _ => None,
                })
        })
        .collect();
    let sets: Vec<HashSet<String>> = quotes.iter().map(|q| content(q.3)).collect();
    // candidate pairs through shared content words
    let mut index: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, s) in sets.iter().enumerate() {
        for w in s {
            index.entry(w.as_str()).or_default().push(i);
        }
    }
    // Fold each speaker name once; the pair loop below compares them many times.
    let folded: Vec<String> = quotes.iter().map(|q| fold(q.2)).collect();
    // (speaker, other speaker, quotation) -> index of its conflict in `out`
    let mut seen: HashMap<(String, String, usize), usize> = HashMap::new();
    let mut out = Vec::new();
    for i in 0..quotes.len() {
        // fewer than three content words can never share three
        if sets[i].len() < 3 {
            continue;
        }
        let mut counts: HashMap<usize, usize> = HashMap::new();
        for w in &sets[i] {
            let posting = &index[w.as_str()];
            // a word in hundreds of the story's quotations says nothing about which
            // two are one quotation, and walking it for each would be quadratic
            if posting.len() > MAX_POSTING {
                continue;
            }
            for &j in posting {
                if j > i {
                    *counts.entry(j).or_default() += 1;
                }
            }
        }
        // in quotation order: which pair stands for a quotation printed in several
        // reports must not change from run to run (the map's order is random)
        let mut counts: Vec<(usize, usize)> = counts.into_iter().collect();
        counts.sort_unstable();
        for (j, shared) in counts {
            let (a, b) = (&quotes[i], &quotes[j]);
            if a.0 == b.0 || shared < 3 {
                continue;
            }
            let small = sets[i].len().min(sets[j].len()).max(1);
            let sim = shared as f64 / small as f64;
            // who said it is the point of the conflict: each claim shows the words with
            // the attribution that gives them to their speaker
            let claims = || {
                vec![
                    Claim {
                        article: story[a.0].0.id.clone(),
                        span: attributed_shown(story[a.0].1, a.1.evidence),
                        value: a.2.to_string(),
                    },
                    Claim {
                        article: story[b.0].0.id.clone(),
                        span: attributed_shown(story[b.0].1, b.1.evidence),
                        value: b.2.to_string(),
                    },
                ]
            };
            if !same_speaker(&folded[i], &folded[j]) {
                let (sa, sb) = (
                    attributed(story[a.0].1, a.1.evidence),
                    attributed(story[b.0].1, b.1.evidence),
                );
                if described(a.2)
                    || described(b.2)
                    || not_a_person(a.2)
                    || not_a_person(b.2)
                    || pronoun_slip(story[a.0].1, story[a.0].0.text.as_str(), a.1.evidence)
                    || pronoun_slip(story[b.0].1, story[b.0].0.text.as_str(), b.1.evidence)
                    || named_across_paragraphs(
                        story[a.0].1,
                        story[a.0].0.text.as_str(),
                        a.1.evidence,
                        &folded[j],
                    )
                    || named_across_paragraphs(
                        story[b.0].1,
                        story[b.0].0.text.as_str(),
                        b.1.evidence,
                        &folded[i],
                    )
                    || may_be_one_name(&folded[i], &folded[j])
                    || names_speaker(story[a.0].0.text.as_str(), sa, a.1.evidence, &folded[j])
                    || names_speaker(story[b.0].0.text.as_str(), sb, b.1.evidence, &folded[i])
                    || relayed(story[a.0].0.text.as_str(), a.1.evidence, &folded[j])
                    || relayed(story[b.0].0.text.as_str(), b.1.evidence, &folded[i])
                {
                    continue;
                }
                // a short remark ("we will win") may well be said by two people
                // ...but the very same words of some length are one quotation
                // (six words word for word, four of them content words, are already
                // a sentence of its own rather than a stock phrase)
                let verbatim = a.3 == b.3 && (a.3.len() >= 7 || a.3.len() >= 6 && small >= 4);
                if !(sim >= 0.8 && small >= 5 || verbatim) {
                    continue;
                }
                let key = (folded[i].clone(), folded[j].clone(), i.min(j));
                match seen.get(&key) {
                    // another report giving the words to the same second speaker: one
                    // more claim of this conflict, not a conflict of its own
                    Some(&k) => {
                        let c: &mut Conflict = &mut out[k];
                        let extra = claims().pop().expect("two claims");
                        if !c.claims.iter().any(|x| x.article == extra.article) {
                            c.claims.push(extra);
                        }
                    }
                    None => {
                        seen.insert(key, out.len());
                        out.push(Conflict {
                            kind: ConflictKind::QuoteAttribution,
                            severity: Severity::Hard,
                            subject: a.1.value.chars().take(60).collect(),
                            summary: format!("same quotation attributed to {} and to {}", a.2, b.2),
                            claims: claims(),
                        });
                    }
                }
                continue;
            }
            if sim < 0.6 || a.3 == b.3 {
                continue;
            }
            let Some((wa, wb)) = reworded(a.3, b.3) else {
                continue;
            };
            let (removed, added) = diff(wa, wb);
            let mut parts: Vec<String> = removed.iter().map(|w| format!("-{w}")).collect();
            parts.extend(added.iter().map(|w| format!("+{w}")));
            out.push(Conflict {
                kind: ConflictKind::QuoteWording,
                severity: Severity::Hard,
                subject: a.2.to_string(),
                summary: format!(
                    "quotation worded with a different meaning: {}",
                    parts.join(" ")
                ),
                claims: vec![
                    Claim {
                        article: story[a.0].0.id.clone(),
                        span: a.1.evidence,
                        value: a.1.value.clone(),
                    },
                    Claim {
                        article: story[b.0].0.id.clone(),
                        span: b.1.evidence,
                        value: b.1.value.clone(),
                    },
                ],
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::quotes::QuoteKind;

    #[test]
    fn a_description_names_no_second_speaker() {
        // "the duo", "Talvik's publicist", "Deputy Governor": who, not a name
        for d in ["duo", "Talvik's publicist", "Deputy Governor", "cellist"] {
            assert!(described(d), "{d}");
        }
        for n in ["Maren Talvik", "Oskar van Dreel", "Ilse Brunnhofer-Quaye"] {
            assert!(!described(n), "{n}");
        }
    }

    #[test]
    fn an_anglicised_spelling_of_a_name_is_one_speaker() {
        let (a, b) = (fold("Brendan Ó Dónaill"), fold("Brendan O'Donnell"));
        assert!(may_be_one_name(&a, &b));
        assert!(!may_be_one_name(
            &fold("Brendan Walsh"),
            &fold("Brendan Ward")
        ));
        assert!(!may_be_one_name(
            &fold("Orla Brennan"),
            &fold("Brendan O'Donnell")
        ));
    }

    fn analysed(text: &str) -> (String, ArticleAnalysis) {
        let a = crate::ingest::Article::plain("a.txt", text);
        let an = crate::analysis::analyze(&a);
        (a.text, an)
    }

    /// The evidence a reader is shown for the first quotation of `text`.
    fn shown_for_first_quote(text: &str) -> String {
        let (text, an) = analysed(text);
        let q = an
            .quotes
            .iter()
            .find(|q| q.kind != QuoteKind::Scare)
            .unwrap();
        attributed_shown(&an, q.span).text(&text).to_string()
    }

    #[test]
    fn a_pronoun_attribution_shows_the_sentence_naming_the_speaker() {
        let shown = shown_for_first_quote(
            "Harbour pilot Edvard Lunde guided the tanker in at dawn. \
             \"The fog lifted just before we reached the locks,\" he said.",
        );
        assert!(shown.contains("Edvard Lunde"), "{shown}");
        // a quotation attributed by name shows only its own sentence
        let shown = shown_for_first_quote(
            "Harbour pilot Edvard Lunde guided the tanker in at dawn. \
             \"The fog lifted just before we reached the locks,\" Lunde said.",
        );
        assert!(!shown.contains("dawn"), "{shown}");
    }

    fn words(s: &str) -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric() && c != '-')
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    }

    fn is_reworded(a: &str, b: &str) -> bool {
        reworded(&words(a), &words(b)).is_some()
    }

    #[test]
    fn a_longer_excerpt_of_one_speech_is_no_rewording() {
        // the negation and the figure lie in the part only one outlet quoted
        let short = "we have to live with the dust from the gravel pit";
        let long = "Nobody on this lane asked for twelve lorries a day, \
                    but we have to live with the dust from the gravel pit";
        assert!(!is_reworded(short, long));
        assert!(!is_reworded(long, short));
        // ...while a negation or a figure inside the shared passage still counts, a
        // negation opening it too
        assert!(is_reworded(
            "not every crate reached the quay intact after the storm",
            "every crate reached the quay intact after the storm"
        ));
        assert!(is_reworded(
            "the pumping station will reopen by the end of May",
            "the pumping station will not reopen by the end of May"
        ));
        assert!(is_reworded(
            "the orchard co-op lost 40 of its hives over the winter",
            "the orchard co-op lost 14 of its hives over the winter"
        ));
        // a changed figure at the very end is a changed word, not a shorter excerpt
        assert!(is_reworded(
            "our last ferry to Brannoch Isle sails in 2031",
            "our last ferry to Brannoch Isle sails in 2034"
        ));
    }

    #[test]
    fn two_sentences_sharing_a_name_are_not_one_passage() {
        // a name and a few words in common, spread thin: two remarks, not a rewording
        let a = "the Orlen Moor Charter was never meant to guard a single heron";
        let b = "for ninety years the Orlen Moor Charter kept the fens wet and the heron nesting";
        assert!(passage(&words(a), &words(b)).is_none());
        assert!(!is_reworded(a, b));
        // ...but one remark reworded with other inflections is one passage
        let a = words("we will not keep dredging harbours that nobody sails into");
        let b = words("we won't dredge a harbour nobody sailed into");
        assert!(passage(&a, &b).is_some());
        // two remarks around one name: what each says beyond it is no changed word
        assert!(!is_reworded(
            "in 40 years the Orlen Moor Charter has never once failed the village",
            "a real spirit of the Orlen Moor Charter"
        ));
    }

    #[test]
    fn a_negation_moved_out_of_an_opinion_keeps_its_meaning() {
        assert!(!is_reworded(
            "I do not think the towpath repairs were ever finished properly",
            "I think the towpath repairs were never finished properly"
        ));
        // the changed endings of both are one passage, not two excerpts
        assert!(!is_reworded(
            "I believe the ferry crew did not panic",
            "I do not think the ferry crew panicked"
        ));
        // adding or dropping the negation is still a changed meaning
        assert!(is_reworded(
            "I think the towpath repairs were finished properly",
            "I do not think the towpath repairs were finished properly"
        ));
        // and outside an opinion, a negation moved to another word changes it
        assert!(is_reworded(
            "the keepers never fed the otters at the weekend and cleaned the pens daily",
            "the keepers fed the otters at the weekend and never cleaned the pens daily"
        ));
    }

    #[test]
    fn a_figure_in_words_and_in_digits_is_one_number() {
        let w = |s: &str| s.split(' ').map(String::from).collect::<Vec<_>>();
        assert_eq!(
            numbers(&w("crews arrived within twelve minutes")),
            numbers(&w("crews arrived within 12 minutes"))
        );
        assert_ne!(
            numbers(&w("crews arrived within twelve minutes")),
            numbers(&w("crews arrived within 20 minutes"))
        );
    }

    #[test]
    fn a_body_or_a_place_names_no_second_speaker() {
        for n in [
            "Quillmoor Film Academy",
            "Tarrow Island",
            "Academy of Lute Makers",
        ] {
            assert!(not_a_person(n), "{n}");
        }
        for n in ["Maren Talvik", "Oskar van Dreel"] {
            assert!(!not_a_person(n), "{n}");
        }
    }

    #[test]
    fn a_pronoun_of_the_other_gender_is_a_resolution_slip() {
        use crate::analysis::entities::Gender;
        let (text, mut an) = analysed(
            "Vintner Odalys Merrow walked the rows at first light.\n\n\
             \"Half the grapes froze on the vine before we could pick them,\" she said.",
        );
        let q = an
            .quotes
            .iter()
            .find(|q| q.kind != QuoteKind::Scare)
            .cloned()
            .unwrap();
        let e = q.speaker.expect("a speaker through the pronoun");
        an.entities[e].gender = Some(Gender::Male);
        assert!(pronoun_slip(&an, &text, q.span));
        an.entities[e].gender = Some(Gender::Female);
        assert!(!pronoun_slip(&an, &text, q.span));
    }

    #[test]
    fn an_attribution_across_a_paragraph_break_names_the_speaker() {
        // introduced by the paragraph before
        let (text, an) = analysed(
            "Ferry skipper Joran Velt, who has crossed the sound for thirty years, \
             put it bluntly:\n\n\"No timetable survives a winter storm on open water.\"\n",
        );
        let q = text.find("No timetable").unwrap();
        let span = Span::new(q, q + 20);
        assert!(named_across_paragraphs(
            &an,
            &text,
            span,
            &fold("Joran Velt")
        ));
        assert!(!named_across_paragraphs(
            &an,
            &text,
            span,
            &fold("Ines Harrow")
        ));
        // a paragraph that closes its sentence introduces nothing
        let (text, an) = analysed(
            "Ferry skipper Joran Velt has crossed the sound for thirty years.\n\n\
             \"No timetable survives a winter storm on open water.\"\n",
        );
        let q = text.find("No timetable").unwrap();
        let span = Span::new(q, q + 20);
        assert!(!named_across_paragraphs(
            &an,
            &text,
            span,
            &fold("Joran Velt")
        ));
        // run on into the next paragraph, which closes it with the name
        let (text, an) = analysed(
            "\"No timetable survives a winter storm on open water.\n\n\
             We sail when the sea lets us,\" said Joran Velt, a ferry skipper.\n",
        );
        let q = text.find("No timetable").unwrap();
        let span = Span::new(q, q + 20);
        assert!(named_across_paragraphs(
            &an,
            &text,
            span,
            &fold("Joran Velt")
        ));
        // an interview's answer without marks does not run on into the next question
        let (text, an) = analysed(
            "A: No timetable survives a winter storm on open water.\n\n\
             Q: Did Joran Velt agree, when you sailed together?\n",
        );
        let q = text.find("No timetable").unwrap();
        let span = Span::new(q, q + 20);
        assert!(!named_across_paragraphs(
            &an,
            &text,
            span,
            &fold("Joran Velt")
        ));
    }
    #[test]
    fn a_title_left_on_a_name_is_the_same_speaker() {
        assert!(same_speaker(
            &fold("Warden Teodor Vashkin"),
            &fold("Teodor Vashkin")
        ));
        assert!(!same_speaker(
            &fold("Warden Ilka Vashkin"),
            &fold("Teodor Vashkin")
        ));
    }
}

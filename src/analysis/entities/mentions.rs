//! Name mentions: runs of capitalised words (with particles and initials), split into
//! a title part ("Health Minister") and a name part ("Ana Kowalski"), with roles from
//! the words around them ("presidential aide X", "X, the union's general secretary").

use super::{EntityKind, Gender};
use crate::analysis::lexicon::{
    CUE_VERBS, FEMALE_NAMES, MALE_NAMES, NAME_TITLE_WORDS, ORG_HEADS, STOP_CAPS, TITLES,
    strip_possessive,
};
use crate::text::{Span, TextModel, Token};
/// Sets of this article's words, only looked up (never iterated): the short-key hasher
/// of the lexicon rather than SipHash, which cost a tenth of the analysis.
use rustc_hash::FxHashSet as HashSet;

/// One naming of a person or organisation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    /// The name words (no title, possessive included in the text).
    pub span: Span,
    /// Token range `[first, last]` of the name words.
    pub first_tok: usize,
    pub last_tok: usize,
    /// First token of the whole mention including a title prefix.
    pub title_tok: usize,
    /// The name as written, possessive `'s` dropped.
    pub name: String,
    pub kind: EntityKind,
    pub roles: Vec<String>,
    pub gender: Option<Gender>,
    /// A single capitalised word with nothing saying it names a person or body.
    pub weak: bool,
    /// Set by clustering.
    pub entity: Option<usize>,
}

/// Surname particles ("van", "de") join capitalised words into one name.
use crate::analysis::names::PARTICLES;

const HONORIFIC_MALE: &[&str] = &["mr", "sir", "lord", "king", "prince", "father"];
const HONORIFIC_FEMALE: &[&str] = &["mrs", "ms", "miss", "dame", "lady", "queen", "princess"];

fn role_gender(word: &str) -> Option<Gender> {
    let w = word.to_ascii_lowercase();
    let w = w.trim_end_matches('.');
    if HONORIFIC_MALE.contains(&w) {
        return Some(Gender::Male);
    }
    if HONORIFIC_FEMALE.contains(&w) {
        return Some(Gender::Female);
    }
    if w.ends_with("woman") || w.ends_with("women") || matches!(w, "mother" | "widow" | "actress") {
        return Some(Gender::Female);
    }
    if w.ends_with("man") && w != "human" && w != "german" || w == "businessman" {
        return Some(Gender::Male);
    }
    None
}

fn name_gender(first: &str) -> Option<Gender> {
    if FEMALE_NAMES.contains(first) {
        Some(Gender::Female)
    } else if MALE_NAMES.contains(first) {
        Some(Gender::Male)
    } else if !first.is_ascii() {
        // "Lúcia", "Zoë": the lists spell given names without accents
        use unicode_normalization::UnicodeNormalization;
        let bare: String = first
            .nfkd()
            .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
            .collect();
        (bare != first && bare.is_ascii())
            .then(|| name_gender(&bare))
            .flatten()
    } else {
        None
    }
}

fn is_acronym(w: &str) -> bool {
    let n = w.chars().filter(|c| c.is_alphabetic()).count();
    (2..=6).contains(&n) && w.chars().all(|c| c.is_uppercase() || c == '.' || c == '&')
}

/// Dotted initials such as "J.M." (one letter between dots).
fn is_initials(w: &str) -> bool {
    let parts: Vec<&str> = w.split('.').collect();
    parts.len() >= 3
        && parts.last() == Some(&"")
        && parts[..parts.len() - 1]
            .iter()
            .all(|p| p.chars().count() == 1 && p.chars().all(char::is_uppercase))
}

/// A capitalised word that reads as a common word: an adverb or participle
/// ("Immediately", "Boasting") or a word the text also writes in lowercase; never a
/// known given name.
fn common_word(w: &str, lowercase_words: &HashSet<&str>) -> bool {
    if name_gender(w).is_some() || is_acronym(w) {
        return false;
    }
    let l = w.to_lowercase();
    (l.len() > 4 && (l.ends_with("ly") || l.ends_with("ing")))
        || lowercase_words.contains(l.as_str())
}

/// A word among the most common of English (Zipf frequency 4 or more in the background
/// list: "moreover", "minutes", "politics"), the kind a sentence opens with.
fn very_common(lower: &str) -> bool {
    crate::analysis::stories::features::information(lower) <= 2.0
}

/// Where a run of capitalised words that opens with a person's name ("Mara Ellison
/// Slams Harbour Plan") turns into headline words: the first word after the first two
/// that the text also writes in lowercase (or its "-s" form), when the run opens with a
/// known given name or is four words or longer. Organisation names (ending in an
/// organisation head) are left whole.
fn headline_cut<'t>(
    ws: &[usize],
    tw: &dyn Fn(usize) -> &'t str,
    lowercase_words: &HashSet<&str>,
) -> Option<usize> {
    if ws.len() < 3 || ORG_HEADS.contains(tw(*ws.last()?)) {
        return None;
    }
    if name_gender(tw(ws[0])).is_none() && ws.len() < 4 {
        return None;
    }
    // a headline verb: "Slams", "Hints" (a present-tense "-s" form the text also
    // writes in lowercase, or whose stem it does), with no title after it ("Allied
    // Dockworkers Legislative Director X" is an affiliation, title and name)
    let k = (2..ws.len()).find(|&k| {
        let w = tw(ws[k]);
        let l = w.to_lowercase();
        let Some(stem) = l.strip_suffix('s') else {
            return false;
        };
        name_gender(w).is_none()
            && !l.ends_with("ss")
            && !TITLES.contains(w)
            && !ORG_HEADS.contains(w)
            && !is_acronym(w)
            && (lowercase_words.contains(l.as_str()) || lowercase_words.contains(stem))
    })?;
    (!ws[k..].iter().any(|&w| TITLES.contains(tw(w)))).then_some(k)
}

/// Whether the capitalised run `words` before an "of" reads as a person's name
/// (titles aside, two or three words): one opening with a known given name, or two
/// words with no organisation head, title or common word in them ("Holger Brandl of
/// X").
fn person_before_of<'t>(
    words: &[usize],
    tw: &dyn Fn(usize) -> &'t str,
    lowercase_words: &HashSet<&str>,
) -> bool {
    let name = match words.iter().position(|&w| !TITLES.contains(tw(w))) {
        Some(k) => &words[k..],
        None => return false,
    };
    if !(2..=3).contains(&name.len())
        || words
            .iter()
            .any(|&w| strip_possessive(tw(w)).len() != tw(w).len())
    {
        return false;
    }
    // without a known given name only two words: "Norwegian Ana Berg of X" may be
    // a demonym before the name, which other stages read from the whole run
    name_gender(tw(name[0])).is_some()
        || name.len() == 2
            && name.iter().all(|&w| {
                let w = tw(w);
                !ORG_HEADS.contains(w)
                    && !TITLES.contains(w)
                    && !is_acronym(w)
                    && !common_word(w, lowercase_words)
            })
}

/// Whether the capitalised run `words` before an "and" and the run `cont` after it
/// are one organisation's name: either `words` opens with an organisation head and
/// its "of" ("Ministry of Roads and Bridges") and `cont` names no body of its own, or
/// `cont` ends in an organisation head and `words` ends in a common word ("Ostvale
/// Harbour and Pilotage Board"). Two names ("Ana Berg and Velden Council", "Velden
/// Bank and Harlow Council"), acronyms and possessives stay apart.
fn and_inside_org<'t>(
    words: &[usize],
    cont: &[usize],
    tw: &dyn Fn(usize) -> &'t str,
    lowercase_words: &HashSet<&str>,
) -> bool {
    let (Some(&last), Some(&after)) = (words.last(), cont.last()) else {
        return false;
    };
    let plain = |w: usize| {
        let s = tw(w);
        !is_acronym(s)
            && !STOP_CAPS.contains(s)
            && !TITLES.contains(s)
            && name_gender(s).is_none()
            && strip_possessive(s).len() == s.len()
    };
    let lead = words
        .iter()
        .take_while(|&&w| STOP_CAPS.contains(tw(w)))
        .count();
    if cont.len() > 3 || !words[lead..].iter().chain(cont).all(|&w| plain(w)) {
        return false;
    }
    if ORG_HEADS.contains(tw(last)) {
        return false;
    }
    // an organisation head followed by "of" inside the run before "and"
    let head_of = words
        .iter()
        .zip(words.iter().skip(1))
        .any(|(&a, &b)| ORG_HEADS.contains(tw(a)) && b > a + 1 && tw(a + 1) == "of");
    let ends_org = ORG_HEADS.contains(tw(after));
    if head_of {
        return !cont.iter().any(|&w| ORG_HEADS.contains(tw(w)));
    }
    let l = tw(last).to_lowercase();
    ends_org && (common_word(tw(last), lowercase_words) || very_common(&l))
}

/// Appends `w.to_lowercase()` to `buf`, without a new String for an ASCII word (the
/// general case keeps `str::to_lowercase`'s rules, such as a word-final sigma).
fn push_lowercase(buf: &mut String, w: &str) {
    if w.is_ascii() {
        buf.extend(w.bytes().map(|b| char::from(b.to_ascii_lowercase())));
    } else {
        buf.push_str(&w.to_lowercase());
    }
}

/// "1st", "2nd", "23rd", "4th".
fn is_ordinal(w: &str) -> bool {
    let digits = w.chars().take_while(char::is_ascii_digit).count();
    digits > 0 && matches!(&w[digits..], "st" | "nd" | "rd" | "th")
}

/// A speech cue right after token `t`, or a comma and the opening of an appositive
/// (a determiner, a number, a pronoun of the person or a title word).
fn cue_or_appositive_after(text: &str, toks: &[Token], t: usize) -> bool {
    let word = |k: usize| toks.get(k).map(|t| t.text(text));
    match word(t + 1) {
        Some(w) if CUE_VERBS.contains(w) => true,
        Some(",") => word(t + 2).is_some_and(|w| {
            matches!(
                w.to_lowercase().as_str(),
                "the" | "a" | "an" | "who" | "whose" | "his" | "her" | "its" | "their"
            ) || w.starts_with(|c: char| c.is_ascii_digit())
                || TITLES.contains(w)
                || NAME_TITLE_WORDS.contains(w)
        }),
        _ => false,
    }
}

/// Finds the mentions of `text` outside the `quoted` spans (sorted, non-overlapping).
pub fn find_mentions(
    text: &str,
    toks: &[Token],
    model: &TextModel,
    quoted: &[Span],
) -> Vec<Mention> {
    let tw = |i: usize| toks[i].text(text);
    let in_quote = |pos: usize| {
        let i = quoted.partition_point(|q| q.end <= pos);
        quoted.get(i).is_some_and(|q| q.start <= pos)
    };
    let sentence_end = |pos: usize| {
        model
            .sentence_at(pos)
            .map(|s| model.sentences[s].span.end)
            .unwrap_or(text.len())
    };
    let sentence_first = |i: usize| {
        let pos = toks[i].span.start;
        let Some(s) = model.sentence_at(pos) else {
            return true;
        };
        let st = model.sentences[s].span.start;
        (0..i)
            .rev()
            .take_while(|&k| toks[k].span.start >= st)
            .all(|k| !toks[k].is_word())
    };
    // Words the text also writes in lowercase: "Signs of ...", "Media shares ..." at a
    // sentence start are common words, not names.
    let lowercase_words: HashSet<&str> = toks
        .iter()
        .filter(|t| t.is_word() && !t.cap)
        .map(|t| t.text(text))
        .collect();
    // Words the text capitalises after another word: names ("Harlan won", "said
    // Young"), unlike a common word that is capitalised only as a sentence opener.
    // Their lowercase forms share one buffer: no String per capitalised word.
    let mut caps_lower = String::new();
    let mut caps_ranges: Vec<(usize, usize)> = Vec::new();
    for p in toks.windows(2) {
        if p[0].is_word() && p[1].is_word() && p[1].cap {
            let start = caps_lower.len();
            push_lowercase(&mut caps_lower, p[1].text(text));
            caps_ranges.push((start, caps_lower.len()));
        }
    }
    let mid_caps: HashSet<&str> = caps_ranges
        .iter()
        .map(|&(s, e)| &caps_lower[s..e])
        .collect();
    let mut out = Vec::new();
    let n = toks.len();
    let mut i = 0;
    while i < n {
        let t = toks[i];
        if !t.is_word() || !t.cap || in_quote(t.span.start) {
            i += 1;
            continue;
        }
        let mut send = sentence_end(t.span.start);
        // Collect the run of capitalised words.
        let mut words: Vec<usize> = Vec::new();
        let mut j = i;
        while j < n && toks[j].span.start < send {
            let tk = toks[j];
            if tk.is_word() && tk.cap && !in_quote(tk.span.start) {
                words.push(j);
                j += 1;
                // "J.M. Berger": dotted initials do not end the sentence.
                if is_initials(tk.text(text))
                    && toks.get(j).is_some_and(|n| n.is_word() && n.cap)
                    && toks[j].span.start >= send
                {
                    send = sentence_end(toks[j].span.start);
                }
                // "J." / "Sen." / "Dr." inside the run.
                if j + 1 < n && tw(j) == "." && toks[j + 1].is_word() && toks[j + 1].cap {
                    let w = tw(j - 1);
                    if w.chars().count() == 1 || TITLES.contains(w) {
                        j += 1;
                    }
                }
                continue;
            }
            // "Air Force 1st Lt. Mara Holt": an ordinal before a rank keeps the run
            // (the service, rank and name are one mention, split by `analyse`).
            if tk.is_word()
                && !words.is_empty()
                && j + 1 < n
                && toks[j + 1].is_word()
                && toks[j + 1].cap
                && TITLES.contains(tw(j + 1))
                && is_ordinal(tw(j))
            {
                j += 1;
                continue;
            }
            // 'William "Bill" Nwankwo': the nickname stays out of the name.
            if !tk.is_word()
                && !words.is_empty()
                && j + 3 < n
                && toks[j + 1].is_word()
                && toks[j + 1].cap
                && !toks[j + 2].is_word()
                && toks[j + 3].is_word()
                && toks[j + 3].cap
                && tw(j).chars().all(|c| "\"“”«»„".contains(c))
                && tw(j + 2).chars().all(|c| "\"“”«»„".contains(c))
                && !tw(j).is_empty()
            {
                j += 3;
                continue;
            }
            // "Ostvale Harbour and Pilotage Board", "Ministry of Roads and Bridges": an
            // "and" inside one organisation's name
            if tk.is_word() && tw(j) == "and" && !words.is_empty() {
                let cont: Vec<usize> = (j + 1..(j + 5).min(n))
                    .take_while(|&k| {
                        toks[k].is_word()
                            && toks[k].cap
                            && toks[k].span.start < send
                            && !in_quote(toks[k].span.start)
                    })
                    .collect();
                if and_inside_org(&words, &cont, &tw, &lowercase_words) {
                    j += 1;
                    continue;
                }
            }
            if tk.is_word()
                && !words.is_empty()
                && j + 1 < n
                && toks[j + 1].is_word()
                && toks[j + 1].cap
                && (PARTICLES.contains(&tw(j)) || tw(j) == "of" || tw(j) == "&")
                && !STOP_CAPS.contains(tw(j + 1))
                // "Mei Lim of Orvell Capital", "Sen. Ivo Marek of Norland": a person's
                // name ends before "of" ("Ana Berg's Book of X" is one title: a
                // possessive keeps the run; "Royal Bank of X" is one organisation)
                && !(tw(j) == "of" && person_before_of(&words, &tw, &lowercase_words))
            {
                j += 1;
                continue;
            }
            break;
        }
        i = j.max(i + 1);
        // Drop leading stop words ("But", "The", "Yesterday").
        let mut ws: &[usize] = &words;
        while let Some(&f) = ws.first() {
            if STOP_CAPS.contains(tw(f)) && !TITLES.contains(tw(f)) {
                ws = &ws[1..];
            } else {
                break;
            }
        }
        if ws.is_empty() {
            continue;
        }
        // Also cut at an inner stop word or cue verb ("Monday", "Said").
        if let Some(k) = ws.iter().position(|&w| {
            let initial = tw(w).len() == 1 && toks.get(w + 1).is_some_and(|t| t.text(text) == ".");
            STOP_CAPS.contains(tw(w)) && !TITLES.contains(tw(w)) && !initial
        }) {
            ws = &ws[..k];
            if ws.is_empty() {
                continue;
            }
        }
        // "Handing Mara Ellison the ...": a sentence-initial participle or adverb
        // before a given name is no part of the name
        if ws.len() >= 3
            && sentence_first(ws[0])
            && name_gender(tw(ws[1])).is_some()
            && common_word(tw(ws[0]), &lowercase_words)
        {
            ws = &ws[1..];
        }
        // "Mara Ellison Slams Harbour Plan": a headline in title case runs a name into
        // the words after it; cut at the first word the text also writes in lowercase
        // (after two name words), and read what follows as a run of its own.
        if let Some(k) = headline_cut(ws, &tw, &lowercase_words) {
            i = ws[k] + 1;
            ws = &ws[..k];
        }
        // "ROLL TIDE Alabama", "HIGHER THAN EXPECTED TURNOUT": two or more shouted
        // words are a headline, not a name.
        let shouted = |w: usize| {
            let s = tw(w);
            s.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && !s.chars().any(char::is_lowercase)
        };
        // "OSLO, May 3 —", "OSLO —": a shouted word opening a paragraph before a
        // comma or dash is a dateline place
        if ws.len() == 1
            && shouted(ws[0])
            && sentence_first(ws[0])
            && toks
                .get(ws[0] + 1)
                .is_some_and(|t| matches!(t.text(text), "," | "—" | "–" | "-"))
        {
            continue;
        }
        let lead = ws.iter().take_while(|&&w| shouted(w)).count();
        if lead >= 2 {
            ws = &ws[lead..];
        } else if lead == 1 && ws.len() == 1 && !is_acronym(tw(ws[0])) {
            ws = &[];
        }
        if ws.is_empty() {
            continue;
        }
        if ws.len() == 1 && sentence_first(ws[0]) && common_word(tw(ws[0]), &lowercase_words) {
            // unless a cue or an appositive follows ("Young said", "Sterling, the ...")
            let next = toks.get(ws[0] + 1).map(|t| t.text(text));
            if !next.is_some_and(|nw| nw == "," || CUE_VERBS.contains(nw)) {
                continue;
            }
        }
        // "Moreover, as part of ...", "Minutes later, she ...": a very common word that
        // the text capitalises only where a sentence opens is no name, unless a cue or
        // an appositive follows it ("Young said", "Young, 45, said", "Young, the ...").
        if ws.len() == 1 && sentence_first(ws[0]) {
            let w = tw(ws[0]);
            let l = w.to_lowercase();
            if name_gender(w).is_none()
                && !is_acronym(w)
                && very_common(&l)
                && !mid_caps.contains(l.as_str())
                && !cue_or_appositive_after(text, toks, ws[0])
            {
                continue;
            }
        }
        if let Some(m) = analyse(text, toks, ws, sentence_first(ws[0])) {
            out.push(m);
        }
    }
    out
}

/// Splits one run of capitalised words into title and name, finds roles, kind, gender.
fn analyse(text: &str, toks: &[Token], ws: &[usize], at_sentence_start: bool) -> Option<Mention> {
    let tw = |i: usize| toks[i].text(text);
    let mut roles = Vec::new();
    let mut gender = None;
    let mut title_seen = false;
    // The last title word of the run ends the title part.
    let mut name_from = 0;
    for (k, &w) in ws.iter().enumerate() {
        if k + 1 < ws.len() && TITLES.contains(tw(w)) {
            name_from = k + 1;
        }
    }
    // "Free Miners Union Jan Nowak": an organisation name before a person's name.
    if name_from == 0 {
        for k in 0..ws.len().saturating_sub(1) {
            if ORG_HEADS.contains(tw(ws[k])) && name_gender(tw(ws[k + 1])).is_some() {
                name_from = k + 1;
            }
        }
    }
    let title_tok = ws[0];
    // "the minister of Infrastructure Annelies Brouwer": a lowercase title + "of"
    // before the run; the words up to a given name complete the title.
    let mut of_title: Option<usize> = None;
    // "the deputy prosecutor of the Republic X": "of the" too
    let of_at = if title_tok >= 3 && tw(title_tok - 1) == "the" {
        title_tok - 2
    } else {
        title_tok.saturating_sub(1)
    };
    if name_from == 0 && of_at >= 1 && of_at < title_tok && tw(of_at) == "of" {
        let t = tw(of_at - 1);
        // "sub-prosecutor-general": a hyphenated title with a title word in it
        let titled = TITLES.contains(t) || t.split('-').any(|p| TITLES.contains(p));
        if !toks[of_at - 1].cap
            && titled
            && let Some(g) = (1..ws.len()).find(|&k| name_gender(tw(ws[k])).is_some())
        {
            name_from = g;
            of_title = Some(of_at - 1);
        }
    }
    // "Republican Mara Holt", "Senators Mara Holt": common words (a party, a plural
    // title) before a given name and a surname are an affiliation, not the name.
    if name_from == 0
        && of_title.is_none()
        && ws.len() >= 3
        && name_gender(tw(ws[0])).is_none()
        && !ORG_HEADS.contains(tw(ws[ws.len() - 1]))
        && let Some(k) = (1..ws.len() - 1).find(|&k| name_gender(tw(ws[k])).is_some())
        && ws[..k].iter().all(|&w| {
            let l = tw(w).to_lowercase();
            name_gender(tw(w)).is_none() && (very_common(&l) || TITLES.contains(tw(w)))
        })
    {
        name_from = k;
    }
    if let Some(t) = of_title {
        title_seen = true;
        let t1 = toks[ws[name_from - 1]].span.end;
        roles.push(text[toks[t].span.start..t1].to_string());
        gender = gender.or(role_gender(tw(t)));
    } else if name_from > 0 {
        title_seen = true;
        // "Secretary of Labor Thomas Perez": skip "of" + words up to a given name or
        // the last two words.
        if tw(ws[name_from])
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
        {
            // Name is already capitalised; check for an "of" gap within the title.
        }
        let rest = &ws[name_from..];
        let given = rest.iter().position(|&w| name_gender(tw(w)).is_some());
        let gap_of = ws[name_from - 1] + 1 < ws[name_from]
            && text[toks[ws[name_from - 1]].span.end..toks[ws[name_from]].span.start]
                .contains(" of ");
        if gap_of {
            name_from += match given {
                Some(g) => g,
                None => {
                    // the portfolio's first word, then any common or title word while
                    // two words are left ("Homeland Security Jeh Johnson")
                    let mut g = rest.len().saturating_sub(2).min(1);
                    while rest.len() - g > 2
                        && (very_common(&tw(rest[g]).to_lowercase())
                            || NAME_TITLE_WORDS.contains(tw(rest[g]))
                            || ORG_HEADS.contains(tw(rest[g])))
                    {
                        g += 1;
                    }
                    g
                }
            };
        }
        let t0 = toks[ws[0]].span.start;
        let t1 = toks[ws[name_from - 1]].span.end;
        roles.push(text[t0..t1].to_string());
        for &w in &ws[..name_from] {
            gender = gender.or(role_gender(tw(w)));
        }
    }
    // The mention starts at a lowercase title before "of" ("minister of Transport X").
    let title_tok = of_title.unwrap_or(title_tok);
    let name_ws = &ws[name_from..];
    if name_ws.is_empty() {
        return None;
    }
    let first = name_ws[0];
    let last = *name_ws.last()?;
    let span = Span::new(toks[first].span.start, toks[last].span.end);
    let raw = span.text(text);
    let name = if raw.contains(['"', '“', '”', '«', '»', '„']) {
        let joined: Vec<&str> = name_ws.iter().map(|&w| tw(w)).collect();
        strip_possessive(&joined.join(" ")).trim().to_string()
    } else {
        strip_possessive(raw).trim().to_string()
    };
    // Left context: lowercase titles before the run ("presidential aide", "the economist").
    if !title_seen {
        let mut k = title_tok;
        let mut left: Vec<usize> = Vec::new();
        while k > 0 && left.len() < 4 {
            let p = toks[k - 1];
            let pw = p.text(text);
            if !p.is_word()
                || CUE_VERBS.contains(pw)
                || (STOP_CAPS.contains(pw) && !TITLES.contains(pw))
            {
                break;
            }
            if TITLES.contains(pw) || (!left.is_empty() && left.len() < 3) {
                left.push(k - 1);
                k -= 1;
            } else {
                break;
            }
        }
        // Keep only from the leftmost word that is a title or a modifier of one.
        while let Some(&l) = left.last() {
            if TITLES.contains(tw(l)) || left.len() <= 3 {
                break;
            }
            left.pop();
        }
        if left.iter().any(|&l| TITLES.contains(tw(l))) {
            let s = toks[*left.last()?].span.start;
            let e = toks[left[0]].span.end;
            roles.push(text[s..e].to_string());
            title_seen = true;
            for &l in &left {
                gender = gender.or(role_gender(tw(l)));
            }
        }
    }
    // Role before a comma: "The prefect of the Rhône, Hélène Marchand".
    if !title_seen && title_tok >= 2 && tw(title_tok - 1) == "," {
        let end = title_tok - 1;
        let mut s = end;
        while s > 0 && end - s < 8 {
            let p = tw(s - 1);
            if matches!(p, "," | "." | ";" | ":" | "“" | "\"" | "”") {
                break;
            }
            s -= 1;
        }
        let seg: Vec<&str> = (s..end).map(tw).collect();
        if seg.len() >= 2
            && matches!(
                seg[0].to_ascii_lowercase().as_str(),
                "the" | "a" | "an" | "its" | "his" | "her" | "their"
            )
            && seg.iter().any(|w| TITLES.contains(w))
            && !seg.iter().any(|w| CUE_VERBS.contains(w))
        {
            roles.push(text[toks[s].span.start..toks[end - 1].span.end].to_string());
            title_seen = true;
            for w in &seg {
                gender = gender.or(role_gender(w));
            }
        }
    }
    // Appositive: "X, the union's general secretary," / "X, who heads ...".
    let mut k = last + 1;
    if k < toks.len() && tw(k) == "," {
        k += 1;
        let start = k;
        while k < toks.len() && k - start < 14 {
            let w = tw(k);
            if matches!(w, "," | "." | ";" | ":" | "(" | ")")
                || w.chars().all(|c| "\"“”'‘’«»„".contains(c))
            {
                break;
            }
            if toks[k].is_word() && CUE_VERBS.contains(w) && k > start {
                break;
            }
            k += 1;
        }
        if k > start {
            let words: Vec<&str> = (start..k).map(tw).collect();
            let opener = words[0].to_ascii_lowercase();
            let titled = words.iter().any(|w| TITLES.contains(w));
            // a bare "who" (cut by a cue or a comma) says nothing
            if (matches!(opener.as_str(), "the" | "a" | "an" | "its" | "his" | "her") && titled)
                || (opener == "who" && words.len() >= 3)
            {
                roles.push(text[toks[start].span.start..toks[k - 1].span.end].to_string());
                title_seen = true;
                for w in &words {
                    gender = gender.or(role_gender(w));
                }
            }
        }
    }
    // "Mr", "Ms": an honorific gives the gender, not a role
    roles.retain(|r| {
        let w = r.trim_end_matches('.').to_ascii_lowercase();
        !(HONORIFIC_MALE.contains(&w.as_str()) || HONORIFIC_FEMALE.contains(&w.as_str()))
    });
    let name_words: Vec<&str> = name_ws.iter().map(|&w| tw(w)).collect();
    let last_word = strip_possessive(name_words.last()?);
    let given_gender = name_gender(name_words[0]);
    // "Ostrava Cables AG", "Brannock S.A.": a legal form ends only a company's name
    let legal_form = name_words.len() > 1
        && crate::analysis::lexicon::LEGAL_SUFFIXES.contains(&last_word.replace('.', ""));
    let org = legal_form
        || (ORG_HEADS.contains(last_word) && given_gender.is_none())
        || (name_words.len() == 1 && is_acronym(last_word) && !title_seen)
        || name_words.iter().any(|w| {
            ORG_HEADS.contains(w)
                && !TITLES.contains(w)
                && given_gender.is_none()
                && name_words.len() > 1
                && matches!(
                    w.to_ascii_lowercase().as_str(),
                    "ministry"
                        | "department"
                        | "agency"
                        | "authority"
                        | "university"
                        | "police"
                        | "bank"
                        | "party"
                        | "union"
                        | "council"
                        | "commission"
                        | "institute"
                        | "office"
                )
        });
    if name_words.len() > 1 || !org {
        gender = gender.or(given_gender);
    }
    let single = name_words.len() == 1;
    // "The Florida senator", "Virginia delegate X", "Nuclear proliferation experts":
    // a modifier, not a name.
    let next_lower = toks
        .get(last + 1)
        .filter(|t| t.is_word() && !t.cap)
        .map(|t| t.text(text));
    // ("Former Pennsylvania governor X": even after a title word)
    if single && next_lower.is_some_and(|n| TITLES.contains(n) && !CUE_VERBS.contains(n)) {
        return None;
    }
    if single
        && !title_seen
        && next_lower.is_some_and(|n| {
            TITLES.contains(n)
                || (!CUE_VERBS.contains(n)
                    && ["ic", "al", "ar", "ese", "ish", "ed"]
                        .iter()
                        .any(|s| last_word.ends_with(s)))
        })
    {
        return None;
    }
    // "in Castellví de Muga", "near Port Ellen": a place, unless a cue makes it a speaker.
    let place = !org
        && !title_seen
        && given_gender.is_none()
        && (title_tok > 0
            && matches!(
                tw(title_tok - 1),
                "in" | "near" | "of" | "from" | "outside" | "to" | "towards"
            )
            || name_words
                .iter()
                .skip(1)
                .any(|w| matches!(*w, "de" | "del" | "la")));
    let weak = (single || place) && !title_seen && !org && given_gender.is_none();
    let weak = weak || (at_sentence_start && single && !title_seen && !org);
    Some(Mention {
        span,
        first_tok: first,
        last_tok: last,
        title_tok,
        name,
        kind: if org {
            EntityKind::Organisation
        } else {
            EntityKind::Person
        },
        roles,
        gender,
        weak,
        entity: None,
    })
}

#[cfg(test)]
mod tests {
    use super::push_lowercase;

    /// The shared buffer holds exactly what `str::to_lowercase` gives, ASCII or not
    /// (a final capital sigma lowers to the final form, which a char-by-char map misses).
    #[test]
    fn pushed_lowercase_is_to_lowercase() {
        let mut buf = String::from("x");
        for w in ["Quenby", "ORVELLAND", "Ñandúbay", "ΜΥΛΟΣ", "Östra-Vik"] {
            let start = buf.len();
            push_lowercase(&mut buf, w);
            assert_eq!(&buf[start..], w.to_lowercase(), "{w}");
        }
        assert!(buf.starts_with("xquenbyorvelland"));
    }
}

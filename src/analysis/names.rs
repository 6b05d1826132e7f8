//! Name handling shared by speaker merging and conflict detection: folding of diacritics
//! and transliterations (Müller/Mueller, Łódź/Lodz, Sáenz/Saenz, Tchaikovsky/Chaikovsky),
//! titles split from names, given name / surname, nicknames, initials, possessives, and
//! a bounded edit distance for misspellings.

use unicode_normalization::UnicodeNormalization;

/// Lowercase ASCII-ish key of a name: accents dropped, special letters mapped,
/// German umlaut transliterations (ue/oe/ae) folded to the bare vowel, possessive
/// `'s` dropped, non-letters to single spaces.
pub fn fold(name: &str) -> String {
    // Fast path (most names, called per mention by several stages): ASCII without a
    // possessive needs no normalisation, lowercases bytewise and folds in one pass.
    let b = name.as_bytes();
    if name.is_ascii() && !b.windows(2).any(|w| w[0] == b'\'' && (w[1] | 0x20) == b's') {
        let mut out = String::with_capacity(b.len());
        let mut space = true;
        for &c in b {
            if c.is_ascii_alphanumeric() {
                out.push(c.to_ascii_lowercase() as char);
                space = false;
            } else if !space {
                out.push(' ');
                space = true;
            }
        }
        if out.ends_with(' ') {
            out.pop();
        }
        // one scan for the rare transliterated umlauts, not three substring searches
        let umlaut = out
            .as_bytes()
            .windows(2)
            .any(|w| w[1] == b'e' && matches!(w[0], b'u' | b'o' | b'a'));
        if umlaut {
            out = out.replace("ue", "u").replace("oe", "o").replace("ae", "a");
        }
        return out;
    }
    let mut s = String::with_capacity(name.len());
    for c in name.nfkd() {
        match c {
            'ł' | 'Ł' => s.push('l'),
            'ø' | 'Ø' => s.push('o'),
            'đ' | 'Đ' => s.push('d'),
            'ß' => s.push_str("ss"),
            'æ' | 'Æ' => s.push_str("ae"),
            'œ' | 'Œ' => s.push_str("oe"),
            'ı' => s.push('i'),
            '\u{2019}' => s.push('\''),
            c if unicode_normalization::char::is_combining_mark(c) => {}
            c => s.extend(c.to_lowercase()),
        }
    }
    let s = s.replace("'s ", " ");
    let s = s.strip_suffix("'s").unwrap_or(&s).to_string();
    let mut out = String::with_capacity(s.len());
    let mut space = true;
    for c in s.chars() {
        if c.is_alphanumeric() {
            out.push(c);
            space = false;
        } else if !space {
            out.push(' ');
            space = true;
        }
    }
    let out = out.trim_end().to_string();
    out.replace("ue", "u").replace("oe", "o").replace("ae", "a")
}

/// A coarser key than [`fold`] for transliteration variants of one name
/// (Tchaikovsky/Chaikovsky/Tschaikowski, Kowalsky/Kowalski, Philipp/Filip): common
/// spellings of one sound made equal and doubled letters collapsed. Apply to one
/// folded word.
pub fn sound_key(folded: &str) -> String {
    const RULES: &[(&str, &str)] = &[
        ("tsch", "ch"),
        ("tch", "ch"),
        ("dzh", "j"),
        // Dutch "ouw" and its anglicised "ow" (Brouwer/Brower)
        ("ouw", "ow"),
        ("sch", "sh"),
        ("ph", "f"),
        ("ck", "k"),
        ("kh", "h"),
        ("th", "t"),
        ("cz", "ch"),
        ("sz", "sh"),
        ("w", "v"),
        ("y", "i"),
        ("q", "k"),
        ("x", "ks"),
        ("c", "k"),
    ];
    let mut s = folded.to_string();
    for (from, to) in RULES {
        s = s.replace(from, to);
    }
    let mut out = String::with_capacity(s.len());
    let mut last = None;
    for c in s.chars() {
        if Some(c) != last {
            out.push(c);
        }
        last = Some(c);
    }
    out
}

/// Name suffixes that are neither given name nor surname.
const SUFFIXES: &[&str] = &["jr", "sr", "ii", "iii", "iv", "phd", "md", "esq"];

/// Lowercase particles that belong to the surname (van der Berg, de la Cruz, von Trapp,
/// Ibarzo y Lunel, Ó Briain folded to "o"): the one list of the project, read by mention
/// finding (a particle joins capitalised words into one name) and by entity clustering (a
/// surname of several words alone) too.
pub const PARTICLES: &[&str] = &[
    "van", "von", "der", "den", "de", "del", "della", "di", "da", "dos", "das", "du", "la", "le",
    "ter", "ten", "bin", "ibn", "al", "el", "zu", "af", "av", "ó", "o", "ní", "ni", "mac", "y",
];

/// Whether `word` (any case) is a surname particle ("van", "de", "von").
pub fn is_particle(word: &str) -> bool {
    PARTICLES.contains(&word.to_lowercase().as_str())
}

/// True when `word` (any case, with or without a final dot) is a title word.
pub fn is_title_word(word: &str) -> bool {
    crate::analysis::lexicon::NAME_TITLE_WORDS.contains(word.trim_end_matches('.'))
}

/// Whether `role` (a role seen with a name) reads as a title a reader can use:
/// its head noun, the last word before any complement ("of X", "at Y", "who ..."),
/// is a title or a noun that names a speaker. "who led the campaign", "her pursuit of
/// the nomination", "an early advantage against ..." and a cut-off "... Mr" are not.
pub fn is_title_role(role: &str) -> bool {
    use crate::analysis::lexicon::{NOMINAL_HEADS, ORG_HEADS, ROLE_COMPLEMENTS, TITLES};
    let words: Vec<String> = role
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect();
    let Some(first) = words.first() else {
        return false;
    };
    // an honorific at the end is a title cut off before its name ("... Mr")
    let last = words.last().map_or("", String::as_str);
    // a role cut off after a connective ("... Republican who") is a clause too
    if ROLE_COMPLEMENTS.contains(first)
        || ROLE_COMPLEMENTS.contains(last)
        || matches!(last, "mr" | "mrs" | "ms" | "dr")
    {
        return false;
    }
    let head_end = words
        .iter()
        .position(|w| ROLE_COMPLEMENTS.contains(w))
        .unwrap_or(words.len());
    let Some(head) = words[..head_end].last() else {
        return false;
    };
    let titled = |w: &str| {
        TITLES.contains(w)
            || NOMINAL_HEADS.contains(w)
            || ORG_HEADS.contains(w)
            || w.split('-').any(|p| TITLES.contains(p))
    };
    // "Former", "Acting": a modifier alone names nothing
    titled(head)
        && !matches!(
            head.as_str(),
            "former" | "acting" | "late" | "ex" | "retired"
        )
}

/// A name taken apart. Every part keeps its surface form.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ParsedName {
    /// "Health Minister", "Gen.", "presidential aide".
    pub title: Option<String>,
    /// Given names and initials, in order ("J.", "Ana", "Maria").
    pub given: Vec<String>,
    /// "Kowalski", "van der Berg".
    pub surname: Option<String>,
    /// William "Bill" X -> Bill.
    pub nickname: Option<String>,
}

impl ParsedName {
    /// Given names and surname without the title: the name proper.
    pub fn bare(&self) -> String {
        let mut parts: Vec<&str> = self.given.iter().map(String::as_str).collect();
        parts.extend(self.surname.as_deref());
        parts.join(" ")
    }

    /// Folded surname, the key speakers are hashed by.
    pub fn surname_key(&self) -> Option<String> {
        self.surname.as_deref().map(fold).filter(|s| !s.is_empty())
    }

    /// Folded first given name, if it is more than an initial.
    pub fn first_key(&self) -> Option<String> {
        let g = self.given.first()?;
        let f = fold(g);
        (f.chars().count() > 1).then_some(f)
    }
}

fn is_quote_char(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '\u{201C}' | '\u{201D}' | '\u{2018}' | '\u{2019}' | '\u{201E}' | '«' | '»'
    )
}

/// Takes a name with optional title, nickname and possessive apart:
/// `Health Minister Ana Kowalski`, `William "Bill" Turner`, `Gen. J. R. Nwankwo's`,
/// `Kowalski, the minister` is not handled here (appositions are the caller's).
pub fn parse(name: &str) -> ParsedName {
    let mut out = ParsedName::default();
    let mut words: Vec<String> = Vec::new();
    for raw in name.split_whitespace() {
        let quoted = raw.starts_with(is_quote_char) && raw.trim_matches(is_quote_char).len() > 1;
        let w = raw.trim_matches(|c: char| is_quote_char(c) || c == ',' || c == '(' || c == ')');
        if w.is_empty() {
            continue;
        }
        if quoted && out.nickname.is_none() && !words.is_empty() {
            out.nickname = Some(w.to_string());
            continue;
        }
        words.push(w.to_string());
    }
    // Possessive on the last word.
    if let Some(last) = words.last_mut() {
        for suffix in ["'s", "\u{2019}s", "'", "\u{2019}"] {
            if last.len() > suffix.len() + 1 && last.ends_with(suffix) {
                last.truncate(last.len() - suffix.len());
                break;
            }
        }
    }
    while words
        .last()
        .is_some_and(|w| SUFFIXES.contains(&w.trim_end_matches('.').to_lowercase().as_str()))
    {
        words.pop();
    }
    // The title is everything up to the last title word that leaves a name behind,
    // plus an "of X" complement (Secretary of Labor).
    let mut split = 0;
    for (i, w) in words.iter().enumerate() {
        if i + 1 < words.len() && is_title_word(w) {
            split = i + 1;
        } else if split == i && split > 0 {
            let lw = w.to_lowercase();
            if (lw == "of" || lw == "for") && i + 2 < words.len() {
                // "Attorney-General of the Republic X": the article is part of it
                let the = words[i + 1].eq_ignore_ascii_case("the");
                split = if the && i + 3 < words.len() {
                    i + 3
                } else {
                    i + 2
                };
            }
        }
    }
    // Leading lowercase words before a capitalised name are title-ish ("the union's").
    while split + 1 < words.len()
        && words[split].chars().next().is_some_and(char::is_lowercase)
        && !PARTICLES.contains(&words[split].as_str())
    {
        split += 1;
    }
    if split > 0 {
        out.title = Some(words[..split].join(" "));
    }
    let rest = &words[split..];
    if rest.is_empty() {
        return out;
    }
    // Surname: the last word with the particles just before it.
    let mut s = rest.len() - 1;
    while s > 1 && PARTICLES.contains(&rest[s - 1].to_lowercase().as_str()) {
        s -= 1;
    }
    // "van der Berg", and "Van Dessel" / "Ó Briain" alone: the particle opens the
    // surname ("Al Gore": "al" and "el" are given names too)
    let r0 = rest[0].to_lowercase();
    if s == 1
        && PARTICLES.contains(&r0.as_str())
        && (rest.len() > 2 || !matches!(r0.as_str(), "al" | "el" | "bin" | "ibn"))
    {
        s = 0;
    }
    out.surname = Some(rest[s..].join(" "));
    out.given = rest[..s].to_vec();
    out
}

/// True for an initial such as `J.` or `J`.
pub fn is_initial(word: &str) -> bool {
    let w = word.trim_end_matches('.');
    w.chars().count() == 1 && w.chars().all(char::is_alphabetic)
}

/// English diminutives and the full given names they stand for.
const NICKNAMES: &[(&str, &str)] = &[
    ("bill", "william"),
    ("will", "william"),
    ("billy", "william"),
    ("liam", "william"),
    ("bob", "robert"),
    ("rob", "robert"),
    ("bobby", "robert"),
    ("dick", "richard"),
    ("rick", "richard"),
    ("rich", "richard"),
    ("jim", "james"),
    ("jimmy", "james"),
    ("jamie", "james"),
    ("mike", "michael"),
    ("mick", "michael"),
    ("tom", "thomas"),
    ("tommy", "thomas"),
    ("joe", "joseph"),
    ("joey", "joseph"),
    ("jack", "john"),
    ("johnny", "john"),
    ("ted", "edward"),
    ("ed", "edward"),
    ("eddie", "edward"),
    ("ned", "edward"),
    ("tony", "anthony"),
    ("andy", "andrew"),
    ("drew", "andrew"),
    ("dan", "daniel"),
    ("danny", "daniel"),
    ("dave", "david"),
    ("chris", "christopher"),
    ("matt", "matthew"),
    ("nick", "nicholas"),
    ("pete", "peter"),
    ("sam", "samuel"),
    ("steve", "stephen"),
    ("steve", "steven"),
    ("ben", "benjamin"),
    ("alex", "alexander"),
    ("sasha", "alexander"),
    ("greg", "gregory"),
    ("larry", "lawrence"),
    ("jerry", "gerald"),
    ("harry", "henry"),
    ("hank", "henry"),
    ("charlie", "charles"),
    ("chuck", "charles"),
    ("fred", "frederick"),
    ("frank", "francis"),
    ("ken", "kenneth"),
    ("ron", "ronald"),
    ("don", "donald"),
    ("tim", "timothy"),
    ("phil", "philip"),
    ("ray", "raymond"),
    ("walt", "walter"),
    ("liz", "elizabeth"),
    ("beth", "elizabeth"),
    ("betty", "elizabeth"),
    ("lisa", "elizabeth"),
    ("kate", "katherine"),
    ("katie", "katherine"),
    ("cathy", "catherine"),
    ("maggie", "margaret"),
    ("meg", "margaret"),
    ("peggy", "margaret"),
    ("sue", "susan"),
    ("jenny", "jennifer"),
    ("jen", "jennifer"),
    ("vicky", "victoria"),
    ("becky", "rebecca"),
    ("patty", "patricia"),
    ("pat", "patricia"),
    ("pat", "patrick"),
    ("debbie", "deborah"),
    ("mandy", "amanda"),
    ("abby", "abigail"),
    ("annie", "anne"),
    ("nancy", "anne"),
    ("gosia", "malgorzata"),
    ("kasia", "katarzyna"),
    ("basia", "barbara"),
    ("tomek", "tomasz"),
    ("kuba", "jakub"),
    ("pepe", "jose"),
    ("paco", "francisco"),
    ("manolo", "manuel"),
    ("hans", "johannes"),
    ("sepp", "josef"),
    ("misha", "mikhail"),
    ("volodya", "vladimir"),
    ("dima", "dmitry"),
];

/// True when two given names can name the same person: equal after folding or
/// transliteration, one an initial of the other, a known diminutive, or a short form
/// that begins the other (Alex/Alexander).
pub fn given_compatible(a: &str, b: &str) -> bool {
    let (fa, fb) = (fold(a.trim_end_matches('.')), fold(b.trim_end_matches('.')));
    given_compatible_folded(&fa, &fb)
}

/// [`given_compatible`] for names already passed through [`fold`] (no allocation
/// unless the cheap tests fail).
pub fn given_compatible_folded(fa: &str, fb: &str) -> bool {
    if fa.is_empty() || fb.is_empty() {
        return false;
    }
    if fa == fb {
        return true;
    }
    let (ia, ib) = (fa.chars().count() == 1, fb.chars().count() == 1);
    if ia || ib {
        return fa.chars().next() == fb.chars().next();
    }
    if fa.as_bytes()[0] != fb.as_bytes()[0] && fa.len().abs_diff(fb.len()) > 2 {
        // Different first letter and length: only a diminutive can still match.
        let nick = |x: &str, y: &str| NICKNAMES.iter().any(|&(n, f)| n == x && f == y);
        return nick(fa, fb) || nick(fb, fa);
    }
    if sound_key(fa) == sound_key(fb) {
        return true;
    }
    let nick = |x: &str, y: &str| NICKNAMES.iter().any(|&(n, f)| n == x && f == y);
    if nick(fa, fb) || nick(fb, fa) {
        return true;
    }
    let (short, long) = if fa.len() <= fb.len() {
        (fa, fb)
    } else {
        (fb, fa)
    };
    short.len() >= 3 && long.starts_with(short)
}

/// Levenshtein distance between `a` and `b` if it is at most `max`, else `None`.
/// Works on chars; cost is O(len * max).
pub fn edit_distance_within(a: &str, b: &str, max: usize) -> Option<usize> {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let big = max + 1;
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![big; b.len() + 1];
    for i in 1..=a.len() {
        let lo = i.saturating_sub(max).max(1);
        let hi = (i + max).min(b.len());
        cur.iter_mut().for_each(|c| *c = big);
        cur[0] = if i <= max { i } else { big };
        for j in lo..=hi {
            let sub = prev[j - 1] + usize::from(a[i - 1] != b[j - 1]);
            cur[j] = sub.min(prev[j] + 1).min(cur[j - 1] + 1).min(big);
        }
        if cur.iter().all(|&c| c > max) {
            return None;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    let d = prev[b.len()];
    (d <= max).then_some(d)
}

/// True when `b` is `a` with two adjacent letters swapped (Kowalksi/Kowalski).
fn is_transposition(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len() != b.len() {
        return false;
    }
    let diff: Vec<usize> = (0..a.len()).filter(|&i| a[i] != b[i]).collect();
    diff.len() == 2
        && diff[1] == diff[0] + 1
        && a[diff[0]] == b[diff[1]]
        && a[diff[1]] == b[diff[0]]
}

/// How two surnames relate, from the strongest to the weakest evidence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum SurnameMatch {
    /// Equal after folding (Müller/Mueller, Łódź/Lodz).
    Same,
    /// Equal by sound key (Tchaikovsky/Chaikovsky, Kowalsky/Kowalski).
    Transliterated,
    /// One or two letters short, or one edit apart in a long name (Kowalsk, Kowalksi):
    /// only a misspelling if the context agrees.
    Misspelt,
    Different,
}

/// Compares two surnames (any case, folded here).
pub fn surname_match(a: &str, b: &str) -> SurnameMatch {
    let (fa, fb) = (fold(a), fold(b));
    surname_match_folded(&fa, &fb)
}

/// [`surname_match`] for surnames already passed through [`fold`].
pub fn surname_match_folded(fa: &str, fb: &str) -> SurnameMatch {
    if fa.is_empty() || fb.is_empty() {
        return SurnameMatch::Different;
    }
    if fa == fb {
        return SurnameMatch::Same;
    }
    if fa.len().abs_diff(fb.len()) > 3 {
        return SurnameMatch::Different;
    }
    if sound_key(fa) == sound_key(fb) {
        return SurnameMatch::Transliterated;
    }
    let (la, lb) = (fa.chars().count(), fb.chars().count());
    let short = la.min(lb);
    // one or two letters cut ("Kowalsk", "Brackvel" for "Brackvelde": machine-translated
    // copy drops an inflected or silent ending), in a name long enough to be sure
    let truncated = (1..=2).contains(&la.abs_diff(lb))
        && short >= 6
        && (fa.starts_with(fb) || fb.starts_with(fa));
    let max_edits = if short >= 9 { 2 } else { 1 };
    if truncated
        || (short >= 6
            && (is_transposition(fa, fb) || edit_distance_within(fa, fb, max_edits).is_some()))
    {
        return SurnameMatch::Misspelt;
    }
    // Transcriptions that differ only in vowels (Kasymbaev/Kasymbayev once folded):
    // the same consonants in the same order, in a long enough name
    let skeleton = |s: &str| -> String {
        s.chars()
            .filter(|c| !matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y'))
            .collect()
    };
    let (ka, kb) = (skeleton(fa), skeleton(fb));
    if short >= 6 && ka.chars().count() >= 4 && ka == kb {
        return SurnameMatch::Misspelt;
    }
    SurnameMatch::Different
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_variants_together() {
        assert_eq!(fold("Müller"), fold("Mueller"));
        assert_eq!(fold("Łódź"), fold("Lodz"));
        assert_eq!(fold("Sáenz"), fold("Saenz"));
        assert_eq!(fold("Kowalski's"), fold("Kowalski"));
        assert_eq!(fold("Strauß"), "strauss");
        assert_eq!(fold("Bjørn Ærø"), fold("Bjorn Aero"));
        assert_eq!(fold("Œuvray"), fold("Oeuvray"));
    }

    #[test]
    fn a_bare_organisation_head_is_a_short_name_of_the_body_it_ends() {
        assert!(org_prefix("palace", "royal palace"));
        assert!(org_prefix("calder", "calder pharma"));
        assert!(!org_prefix("halden", "royal palace"));
    }

    #[test]
    fn roles_are_titles_not_clauses() {
        for r in [
            "Health Minister",
            "Secretary of State",
            "a former senator from Nordland",
            "the Labour pollster who ran the survey",
            "Independent Tarvin Sen",
            "Ferrovia CEO",
            "the mother of Joran Smit",
        ] {
            assert!(is_title_role(r), "{r}");
        }
        for r in [
            "who led the campaign for a decade",
            "her pursuit of the party nomination",
            "an early lead against the leading candidate",
            "a strategist on Mrs",
            "a media consultant and an influential donor who",
            "Former",
            "",
        ] {
            assert!(!is_title_role(r), "{r}");
        }
    }

    #[test]
    fn vowel_only_differences_are_misspellings_not_the_same_name() {
        assert_eq!(
            surname_match("Kasymbaev", "Kasymbayev"),
            SurnameMatch::Misspelt
        );
        assert_eq!(
            surname_match("Brouwer", "Brower"),
            SurnameMatch::Transliterated
        );
        assert_eq!(surname_match("Walsden", "Welsdon"), SurnameMatch::Misspelt);
        // different consonants, or too short to tell
        assert_eq!(
            surname_match("Kasymbaev", "Kasymbekov"),
            SurnameMatch::Different
        );
        assert_eq!(surname_match("Lee", "Li"), SurnameMatch::Different);
    }

    #[test]
    fn foreign_honorifics_and_of_the_titles_are_titles() {
        let p = parse("Pak Hasan Wirawan");
        assert_eq!(p.title.as_deref(), Some("Pak"));
        assert_eq!(p.surname.as_deref(), Some("Wirawan"));
        let p = parse("Attorney-General of the Republic Rosa Tavares Lima");
        assert_eq!(p.given, vec!["Rosa", "Tavares"]);
        assert_eq!(p.surname.as_deref(), Some("Lima"));
        let p = parse("Informateur Joris Dekeyser");
        assert_eq!(p.title.as_deref(), Some("Informateur"));
    }

    #[test]
    fn transliterations_share_a_sound_key() {
        let k = |s: &str| sound_key(&fold(s));
        assert_eq!(k("Tchaikovsky"), k("Chaikovsky"));
        assert_eq!(k("Tschaikowski"), k("Chaikovsky"));
        assert_eq!(k("Kowalsky"), k("Kowalski"));
        assert_ne!(k("Kowalski"), k("Nowak"));
    }

    #[test]
    fn parses_titles_nicknames_possessives() {
        let p = parse("Health Minister Ana Kowalski");
        assert_eq!(p.title.as_deref(), Some("Health Minister"));
        assert_eq!(p.given, vec!["Ana"]);
        assert_eq!(p.surname.as_deref(), Some("Kowalski"));

        let p = parse("William \"Bill\" Turner's");
        assert_eq!(p.nickname.as_deref(), Some("Bill"));
        assert_eq!(p.surname.as_deref(), Some("Turner"));
        assert_eq!(p.given, vec!["William"]);

        let p = parse("U.S. Secretary of Labor Tom Reyes");
        assert_eq!(p.title.as_deref(), Some("U.S. Secretary of Labor"));
        assert_eq!(p.bare(), "Tom Reyes");

        let p = parse("presidential aide Jan van der Berg");
        assert_eq!(p.title.as_deref(), Some("presidential aide"));
        assert_eq!(p.surname.as_deref(), Some("van der Berg"));
        assert_eq!(p.given, vec!["Jan"]);

        let p = parse("Gen. J. R. Nwankwo Jr.");
        assert_eq!(p.title.as_deref(), Some("Gen."));
        assert_eq!(p.given, vec!["J.", "R."]);
        assert!(is_initial(&p.given[0]));
        assert_eq!(p.surname.as_deref(), Some("Nwankwo"));

        let p = parse("Van Dessel");
        assert_eq!(p.surname.as_deref(), Some("Van Dessel"));
        assert!(p.given.is_empty());
        let p = parse("Ó Briain");
        assert_eq!(p.surname.as_deref(), Some("Ó Briain"));
        let p = parse("Nuala O Murrin");
        assert_eq!(p.surname.as_deref(), Some("O Murrin"));
        let p = parse("Al Gorham");
        assert_eq!(p.surname.as_deref(), Some("Gorham"));
        let p = parse("Kowalski");
        assert_eq!(p.title, None);
        assert_eq!(p.surname.as_deref(), Some("Kowalski"));
        assert!(p.given.is_empty());

        // A title alone is not a name.
        assert_eq!(parse("Minister").surname.as_deref(), Some("Minister"));
    }

    #[test]
    fn given_names_compatibility() {
        assert!(given_compatible("Bill", "William"));
        assert!(given_compatible("W.", "William"));
        assert!(given_compatible("Alex", "Alexander"));
        assert!(given_compatible("José", "Jose"));
        assert!(!given_compatible("Anne", "Jane"));
        assert!(!given_compatible("J.", "William"));
    }

    #[test]
    fn edit_distance_is_bounded() {
        assert_eq!(edit_distance_within("kowalski", "kowalsky", 1), Some(1));
        assert_eq!(edit_distance_within("kowalski", "kowalksi", 2), Some(2));
        assert_eq!(edit_distance_within("kowalski", "nowak", 2), None);
        assert_eq!(edit_distance_within("", "ab", 2), Some(2));
        assert_eq!(edit_distance_within("abc", "abc", 0), Some(0));
    }

    #[test]
    fn surname_matches() {
        assert_eq!(surname_match("Müller", "Mueller"), SurnameMatch::Same);
        assert_eq!(
            surname_match("Tchaikovsky", "Chaikovsky"),
            SurnameMatch::Transliterated
        );
        assert_eq!(surname_match("Kowalsk", "Kowalski"), SurnameMatch::Misspelt);
        assert_eq!(surname_match("Verbot", "Verbotte"), SurnameMatch::Misspelt);
        assert_eq!(surname_match("Verb", "Verbotte"), SurnameMatch::Different);
        assert_eq!(
            surname_match("Kowalksi", "Kowalski"),
            SurnameMatch::Misspelt
        );
        assert_eq!(
            surname_match("Smith", "Smyth"),
            SurnameMatch::Transliterated
        );
        assert_eq!(
            surname_match("Nowak", "Novak"),
            SurnameMatch::Transliterated
        );
        assert_eq!(surname_match("Brown", "Browne"), SurnameMatch::Different);
        assert_eq!(surname_match("Smith", "Jones"), SurnameMatch::Different);
    }
}

/// The folded name of an organisation without its legal form or a leading "the":
/// "Calder Pharma AG", "the Calder Pharma S.A." and "Calder Pharma" give
/// "calder pharma". One word always stays ("AG" alone is kept).
pub fn org_core(name: &str) -> String {
    // dotted initials as one word ("S.A." -> "sa") before folding splits them
    let undotted = name.trim().replace('.', "");
    let folded = fold(crate::analysis::lexicon::strip_possessive(&undotted));
    let mut words: Vec<String> = folded
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .replace('.', "")
        })
        .filter(|w| !w.is_empty())
        .collect();
    if words.len() > 1 && words[0] == "the" {
        words.remove(0);
    }
    while words.len() > 1
        && words
            .last()
            .is_some_and(|w| crate::analysis::lexicon::LEGAL_SUFFIXES.contains(w))
    {
        words.pop();
    }
    words.join(" ")
}

/// "Lasry's Avenue Group": the name holds a possessor, another entity than the body.
pub fn has_inner_possessive(name: &str) -> bool {
    name.contains("'s ") || name.contains("’s ")
}

/// Whether organisation core `short` ("calder") is the start of `long`
/// ("calder pharma") at a word boundary.
/// Not when the rest is a complement ("party" / "party of wyoming": another body) or
/// the short form is an abbreviation ("us" / "us district court").
pub fn org_prefix(short: &str, long: &str) -> bool {
    const COMPLEMENTS: &[&str] = &["of", "for", "in", "at", "on", "and", "de", "du", "des"];
    // "the Palace" for "Summer Palace": a bare organisation head ending the longer name
    let head_short = !short.contains(' ')
        && crate::analysis::lexicon::ORG_HEADS.contains(short)
        && long.len() > short.len() + 1
        && long.ends_with(short)
        && long[..long.len() - short.len()].ends_with(' ');
    head_short
        || short.chars().filter(|c| c.is_alphabetic()).count() >= 4
            && long.len() > short.len()
            && long.starts_with(short)
            && long[short.len()..].starts_with(' ')
            && long[short.len()..]
                .split_whitespace()
                .next()
                .is_some_and(|w| !COMPLEMENTS.contains(&w))
}

#[cfg(test)]
mod org_tests {
    use super::*;

    #[test]
    fn legal_suffix_and_article_are_not_the_name() {
        assert_eq!(org_core("Brannock Foods Ltd"), "brannock foods");
        assert_eq!(org_core("the Brannock Foods S.A."), "brannock foods");
        assert_eq!(org_core("Brannock Foods"), "brannock foods");
        assert_eq!(org_core("Ostwind Holding GmbH & Co. KG"), "ostwind holding");
        assert_eq!(org_core("AG"), "ag");
        assert!(org_prefix("brannock", "brannock foods"));
        assert!(!org_prefix("bran", "brannock foods"));
        assert!(!org_prefix("brannock foods", "brannock foods"));
        assert!(!org_prefix("labour party", "labour party of kent"));
        assert!(!org_prefix("eu", "eu court"));
    }
}

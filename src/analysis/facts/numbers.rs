//! Figures in running text: digits ("1,050", "6,2", "135m"), number words ("twelve",
//! "two dozen", "twelve hundred"), scales (million, bn, m), currencies, units and hedges
//! ("nearly", "at least", "up to"), turned into an interval in the unit's base.

use super::tokens::Token;
use crate::analysis::lexicon;
use once_cell::sync::Lazy;

static UNITS: Lazy<Vec<(Vec<String>, String, f64)>> = Lazy::new(|| {
    let mut v: Vec<(Vec<String>, String, f64)> =
        lexicon::entries(include_str!("../../../assets/lexicon/facts/units.txt"))
            .filter_map(|l| {
                let mut p = l.split('|').map(str::trim);
                let surface = p.next()?;
                let dim = p.next()?;
                let f: f64 = p.next()?.parse().ok()?;
                Some((
                    surface.split_whitespace().map(str::to_string).collect(),
                    dim.to_string(),
                    f,
                ))
            })
            .collect();
    v.sort_by_key(|(s, _, _)| std::cmp::Reverse(s.len()));
    v
});

static HEDGES: Lazy<Vec<(Vec<String>, String)>> = Lazy::new(|| {
    let mut v: Vec<(Vec<String>, String)> =
        lexicon::entries(include_str!("../../../assets/lexicon/facts/hedges.txt"))
            .filter_map(|l| {
                let (a, b) = l.split_once('|')?;
                Some((
                    a.split_whitespace().map(str::to_string).collect(),
                    b.trim().to_string(),
                ))
            })
            .collect();
    v.sort_by_key(|(s, _)| std::cmp::Reverse(s.len()));
    v
});

static WORDS: Lazy<rustc_hash::FxHashMap<&'static str, f64>> = Lazy::new(|| {
    let small = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    let tens = [
        "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    let mut m = rustc_hash::FxHashMap::default();
    for (i, w) in small.iter().enumerate() {
        m.insert(*w, i as f64);
    }
    for (i, w) in tens.iter().enumerate() {
        m.insert(*w, (i as f64 + 2.0) * 10.0);
    }
    m.insert("a", 1.0);
    m.insert("dozen", 12.0);
    m.insert("dozens", 24.0);
    m.insert("half", 0.5);
    m.insert("quarter", 0.25);
    m
});

/// Scale words and their factors ("million" 1e6), from scales.txt.
static SCALES: Lazy<rustc_hash::FxHashMap<&'static str, f64>> = Lazy::new(|| {
    lexicon::entries(include_str!("../../../assets/lexicon/facts/scales.txt"))
        .filter_map(|l| {
            let (w, f) = l.split_once('|')?;
            Some((w.trim(), f.trim().parse().ok()?))
        })
        .collect()
});

fn scale_of(w: &str) -> Option<f64> {
    SCALES.get(w).copied()
}

/// Currencies: (surface, ISO code, written after the figure) from currencies.txt.
static CURRENCIES: Lazy<Vec<(&'static str, &'static str, bool)>> = Lazy::new(|| {
    lexicon::entries(include_str!("../../../assets/lexicon/facts/currencies.txt"))
        .filter_map(|l| {
            let mut p = l.split('|').map(str::trim);
            let (w, code, at) = (p.next()?, p.next()?, p.next()?);
            Some((w, code, at == "after"))
        })
        .collect()
});

/// The currency of a symbol or code written before a figure ("€", "usd").
fn currency_symbol(t: &str) -> Option<&'static str> {
    currency_of(t, false)
}

/// The currency of a word or symbol, written before or after the figure.
fn currency_of(t: &str, after: bool) -> Option<&'static str> {
    // one hash look-up instead of a walk of the list: this runs for every token (the
    // first line of a surface and position wins, as the walk did)
    type BySurface = rustc_hash::FxHashMap<(&'static str, bool), &'static str>;
    static BY_SURFACE: Lazy<BySurface> = Lazy::new(|| {
        let mut m = BySurface::default();
        for &(w, code, a) in CURRENCIES.iter() {
            m.entry((w, a)).or_insert(code);
        }
        m
    });
    BY_SURFACE.get(&(t, after)).copied()
}

/// The value of a word number ("twelve", "twenty-five"), not counting "a".
pub fn word_value(w: &str) -> Option<f64> {
    if w == "a" {
        return None;
    }
    if let Some(v) = WORDS.get(w) {
        return Some(*v);
    }
    let (a, b) = w.split_once('-')?;
    let (x, y) = (WORDS.get(a)?, WORDS.get(b)?);
    (*x >= 20.0 && *y < 10.0 && *y >= 1.0).then_some(x + y)
}

/// Parses a digit string: "1,050" -> 1050, "6,2" -> 6.2 (decimal comma), "6.2" -> 6.2.
pub fn parse_digits(s: &str) -> Option<f64> {
    if s.is_empty() || !s.chars().next()?.is_ascii_digit() {
        return None;
    }
    if s.contains(',') {
        let parts: Vec<&str> = s.split(',').collect();
        let grouped = parts[1..].iter().all(|p| {
            p.len() == 3
                || (p.len() > 3
                    && p.as_bytes()[3] == b'.'
                    && p[..3].bytes().all(|b| b.is_ascii_digit()))
        });
        if grouped {
            return s.replace(',', "").parse().ok();
        }
        if parts.len() == 2 && !s.contains('.') {
            return format!("{}.{}", parts[0], parts[1]).parse().ok();
        }
        return None;
    }
    s.parse().ok()
}

/// "11.000" or "1.250.000" read with dots grouping thousands; `None` for anything else
/// ("0.500", "4.75", "12.5").
fn dotted_thousands(s: &str) -> Option<f64> {
    let mut groups = s.split('.');
    let head = groups.next()?;
    let ok_head = (1..=3).contains(&head.len())
        && !head.starts_with('0')
        && head.bytes().all(|b| b.is_ascii_digit());
    let rest: Vec<&str> = groups.collect();
    let ok_rest = !rest.is_empty()
        && rest
            .iter()
            .all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()));
    (ok_head && ok_rest).then(|| s.replace('.', "").parse().ok())?
}

/// How a hedge turns a figure into an interval.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hedge {
    About,
    Below,
    Above,
    AtLeast,
    AtMost,
}

impl Hedge {
    fn parse(s: &str) -> Option<Hedge> {
        Some(match s {
            "about" => Hedge::About,
            "below" => Hedge::Below,
            "above" => Hedge::Above,
            "atleast" => Hedge::AtLeast,
            "atmost" => Hedge::AtMost,
            _ => return None,
        })
    }
}

/// One figure found in a run of tokens.
#[derive(Clone, Debug, PartialEq)]
pub struct Figure {
    /// Token range covered (hedge, currency, number, scale, unit).
    pub first: usize,
    pub last: usize,
    /// The number token(s) themselves.
    pub num_first: usize,
    pub num_last: usize,
    /// The stated value(s) in base units (a range gives two).
    pub lo: f64,
    pub hi: f64,
    /// The dimension: "count" when no unit, else e.g. "length", "eur", "pct", "volume/s".
    pub dim: String,
    pub hedge: Option<Hedge>,
    /// Written as an adjective: "42-metre tunnel", "six-year contract".
    pub adjectival: bool,
    /// The figure is a year ("in 2022") or a clock time, not a quantity.
    pub is_year: bool,
}

impl Figure {
    /// The interval of values compatible with the statement, hedge included.
    pub fn interval(&self) -> (f64, f64) {
        let (lo, hi) = (self.lo, self.hi);
        match self.hedge {
            None => {
                // rounding tolerance for decimals written with few digits
                let eps = (hi.abs() * 0.005).max(1e-9);
                (lo - eps, hi + eps)
            }
            Some(Hedge::About) => (lo * 0.9, hi * 1.1),
            Some(Hedge::Below) => (lo * 0.85, hi),
            Some(Hedge::Above) => (lo, f64::INFINITY),
            Some(Hedge::AtLeast) => (lo, f64::INFINITY),
            Some(Hedge::AtMost) => (0.0, hi),
        }
    }
}

fn match_seq(tokens: &[Token], at: usize, seq: &[String]) -> bool {
    seq.iter()
        .enumerate()
        .all(|(k, w)| tokens.get(at + k).is_some_and(|t| t.lower == w))
}

/// A unit starting at token `at` (or inside a number's suffix): (tokens used, dim, factor).
fn unit_at(tokens: &[Token], at: usize, currency: bool) -> Option<(usize, String, f64)> {
    for (seq, dim, f) in UNITS.iter() {
        if currency && seq.len() == 1 && seq[0] == "m" {
            continue;
        }
        if match_seq(tokens, at, seq) {
            let mut used = seq.len();
            let mut dim = dim.clone();
            if match_seq(tokens, at + used, &["per".into(), "second".into()])
                || match_seq(tokens, at + used, &["a".into(), "second".into()])
            {
                used += 2;
                dim.push_str("/s");
            }
            return Some((used, dim, *f));
        }
    }
    None
}

fn unit_from_suffix(suffix: &str) -> Option<(String, f64)> {
    UNITS
        .iter()
        .find(|(s, _, _)| s.len() == 1 && s[0] == suffix)
        .map(|(_, d, f)| (d.clone(), *f))
}

/// The thousands group after the number at `i` when a comma and a space split it off:
/// ", 000", ", 050" (three digits opening with a zero, which no figure of its own does).
fn split_group(tokens: &[Token], i: usize) -> Option<f64> {
    let (c, g) = (tokens.get(i + 1)?, tokens.get(i + 2)?);
    let group =
        g.text.len() == 3 && g.text.starts_with('0') && g.text.bytes().all(|b| b.is_ascii_digit());
    (c.text == "," && group)
        .then(|| g.text.parse().ok())
        .flatten()
}

/// A number starting at token `i`: (value, tokens used, unit suffix glued to it, adjectival).
fn number_at(tokens: &[Token], i: usize) -> Option<(f64, usize, String, bool)> {
    let t = tokens.get(i)?;
    if t.is_number() {
        let lower = &t.lower;
        let split = lower
            .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
            .unwrap_or(lower.len());
        let (digits, rest) = lower.split_at(split);
        let v = parse_digits(digits)?;
        // "22, 000": a thousands group split off by a stray space after the comma; a
        // group opening with a zero is never a number of its own
        if rest.is_empty()
            && !digits.contains(['.', ','])
            && digits.len() <= 3
            && let Some(g) = split_group(tokens, i)
        {
            return Some((v * 1000.0 + g, 3, String::new(), false));
        }
        let (rest, adjectival) = match rest.strip_prefix('-') {
            Some(r) => (r.to_string(), true),
            None => (rest.to_string(), false),
        };
        return Some((v, 1, rest, adjectival));
    }
    // word numbers: "twelve", "twenty-five", "two dozen", "twelve hundred", "six-year"
    // slices until the word is known to be a number (this runs for every token)
    let (head, suffix, adjectival) = match t.lower.split_once('-') {
        Some((a, b)) if word_value(t.lower).is_none() && word_value(a).is_some() => (a, b, true),
        _ => (t.lower, "", false),
    };
    let mut v = word_value(head)?;
    if head == "half" || head == "quarter" {
        return None;
    }
    let mut used = 1;
    if !adjectival
        && let Some(n) = tokens.get(i + 1)
        && (n.lower == "dozen" || n.lower == "hundred")
    {
        v *= if n.lower == "dozen" { 12.0 } else { 100.0 };
        used = 2;
    }
    Some((v, used, suffix.to_string(), adjectival))
}

/// Finds every figure in `tokens`.
pub fn figures(tokens: &[Token]) -> Vec<Figure> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        // "a quarter point", "half a point"
        if let Some(f) = fraction_point(tokens, i) {
            i = f.last + 1;
            out.push(f);
            continue;
        }
        let mut currency: Option<&str> = None;
        let mut j = i;
        if let Some(c) = currency_symbol(tokens[i].lower) {
            currency = Some(c);
            j += 1;
        }
        let Some((mut v, used, suffix, mut adjectival)) = number_at(tokens, j) else {
            i += 1;
            continue;
        };
        // "one" alone is usually a pronoun ("this was the big one"): keep it only before a noun
        let num_first = j;
        let mut k = j + used;
        let mut hi = None;
        let mut dim: Option<(String, f64)> = None;
        let mut suffix = suffix;
        // scale glued ("135m", "2bn") or as a word ("135 million")
        if let Some(s) = scale_of(&suffix) {
            v *= s;
            suffix.clear();
        } else if suffix == "m" && currency.is_some() {
            v *= 1e6;
            suffix.clear();
        } else if suffix == "k" {
            v *= 1e3;
            suffix.clear();
        }
        if suffix.is_empty()
            && let Some(s) = tokens.get(k).and_then(|t| scale_of(t.lower))
        {
            v *= s;
            k += 1;
        }
        // ranges: "10-12" (glued), "10 to 12", "between 10 and 12"
        if suffix.chars().next().is_some_and(|c| c.is_ascii_digit())
            && let Some(x) = parse_digits(&suffix)
        {
            hi = Some(x);
            suffix.clear();
            adjectival = false;
        }
        if tokens.get(k).is_some_and(|t| t.lower == "to")
            && let Some((x, u2, _, _)) = number_at(tokens, k + 1)
            && x > v
            && tokens.get(k + 1).is_some_and(|t| t.is_number())
        {
            hi = Some(x);
            k += 1 + u2;
        }
        let mut num_last = k - 1;
        let year_like = currency.is_none()
            && tokens[num_first].is_number()
            && tokens[num_first].text.len() == 4
            && (1800.0..2200.0).contains(&v)
            && suffix.is_empty();
        // units: glued suffix ("42-metre", "450m3") or following words
        if !suffix.is_empty() {
            if let Some(u) = unit_from_suffix(&suffix) {
                dim = Some(u);
            } else if currency.is_none() {
                // "48-hour" handled above; "19-year-old" and the like: not a figure
                i = k;
                continue;
            }
        } else if let Some((n, d, f)) = unit_at(tokens, k, currency.is_some()) {
            dim = Some((d, f));
            k += n;
        }
        // "per second" after a glued unit
        if let Some((d, _)) = dim.as_mut()
            && !d.ends_with("/s")
            && match_seq(tokens, k, &["per".into(), "second".into()])
        {
            d.push_str("/s");
            k += 2;
        }
        // "nine in ten" -> 90 percent
        if dim.is_none()
            && tokens
                .get(k)
                .is_some_and(|t| t.lower == "in" || t.lower == "out")
            && let Some(base_at) = (tokens.get(k).is_some_and(|t| t.lower == "out")
                && tokens.get(k + 1).is_some_and(|t| t.lower == "of"))
            .then_some(k + 2)
            .or((tokens[k].lower == "in").then_some(k + 1))
            && let Some((base, bu, _, _)) = number_at(tokens, base_at)
            && base >= 2.0
            && tokens
                .get(base_at)
                .is_some_and(|t| !t.is_number() || base >= 2.0)
        {
            v = v / base * 100.0;
            dim = Some(("pct".into(), 1.0));
            k = base_at + bu;
            num_last = k - 1;
        }
        if currency.is_none()
            && let Some(c) = tokens.get(k).and_then(|t| currency_of(t.lower, true))
        {
            currency = Some(c);
            k += 1;
        }
        if let Some(c) = currency {
            dim = Some((c.to_string(), 1.0));
        }
        let (dim_name, factor) = dim.unwrap_or_else(|| ("count".into(), 1.0));
        // a bare "one"/"a" is not a figure
        if dim_name == "count" && tokens[num_first].lower == "one" {
            i = k.max(i + 1);
            continue;
        }
        let mut first = i;
        let mut hedge = None;
        if let Some((n, h)) = hedge_before(tokens, i) {
            first = i - n;
            hedge = Hedge::parse(&h);
        }
        if first >= 1
            && tokens[first - 1].lower == "between"
            && hi.is_none()
            && tokens.get(k).is_some_and(|t| t.lower == "and")
            && let Some((x, u2, _, _)) = number_at(tokens, k + 1)
        {
            hi = Some(x);
            first -= 1;
            k += 1 + u2;
            num_last = k - 1;
        }
        // "11.000 runners": a count is whole, so one dot before three digits groups
        // thousands (continental style), as in "11,000"
        if dim_name == "count"
            && num_last == num_first
            && hi.is_none()
            && let Some(x) = dotted_thousands(tokens[num_first].lower)
        {
            v = x;
        }
        let lo = v * factor;
        let hi = hi.map(|h| h * factor).unwrap_or(lo);
        out.push(Figure {
            first,
            last: k.max(i + 1) - 1,
            num_first,
            num_last: num_last.max(num_first),
            lo,
            hi,
            dim: dim_name,
            hedge,
            adjectival,
            is_year: year_like && hedge.is_none(),
        });
        i = k.max(i + 1);
    }
    out
}

fn hedge_before(tokens: &[Token], i: usize) -> Option<(usize, String)> {
    for (seq, h) in HEDGES.iter() {
        let n = seq.len();
        if i >= n && match_seq(tokens, i - n, seq) {
            return Some((n, h.clone()));
        }
    }
    None
}

/// "a quarter point", "a quarter of a point", "half a point" (of interest rates).
fn fraction_point(tokens: &[Token], i: usize) -> Option<Figure> {
    let w = tokens.get(i)?.lower;
    let v = match w {
        "quarter" => 0.25,
        "half" => 0.5,
        _ => return None,
    };
    let mut k = i + 1;
    for skip in ["of", "a", "percentage"] {
        if tokens.get(k).is_some_and(|t| t.lower == skip) {
            k += 1;
        }
    }
    if !tokens
        .get(k)
        .is_some_and(|t| t.lower == "point" || t.lower == "points")
    {
        return None;
    }
    Some(Figure {
        first: i,
        last: k,
        num_first: i,
        num_last: i,
        lo: v,
        hi: v,
        dim: "pct".into(),
        hedge: None,
        adjectival: false,
        is_year: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::facts::tokens::tokenize;
    use crate::text::Span;

    fn figs(s: &str) -> Vec<(f64, f64, String)> {
        let t = tokenize(s, Span::new(0, s.len()));
        figures(&t)
            .into_iter()
            .map(|f| (f.lo, f.hi, f.dim))
            .collect()
    }

    #[test]
    fn reads_formats_and_scales() {
        assert_eq!(figs("1,200 jars")[0].0, 1200.0);
        assert_eq!(figs("twelve hundred jars")[0].0, 1200.0);
        assert_eq!(figs("two dozen jars")[0].0, 24.0);
        assert_eq!(figs("a fee of €40m")[0], (40e6, 40e6, "eur".into()));
        assert_eq!(figs("40 million euros")[0], (40e6, 40e6, "eur".into()));
        // an ISO code before the figure, a currency's name after it: "m" is a million
        assert_eq!(figs("a bill of SEK 2.5m")[0], (2.5e6, 2.5e6, "sek".into()));
        assert_eq!(figs("9 million kronor")[0], (9e6, 9e6, "sek".into()));
        assert_eq!(figs("CHF 70,000 in fees")[0], (70e3, 70e3, "chf".into()));
        assert_eq!(figs("3,5 metres")[0].0, 3.5);
        assert_eq!(figs("310 m3 per second")[0].2, "volume/s");
        assert_eq!(
            figs("a 72-hour stoppage")[0],
            (72.0, 72.0, "duration".into())
        );
        assert_eq!(
            figs("three-day stoppage")[0],
            (72.0, 72.0, "duration".into())
        );
    }

    #[test]
    fn a_thousands_group_split_off_by_a_space_is_rejoined() {
        // any count written "N, 0DD" is N thousand and 0DD, one figure
        for n in [1u32, 9, 48, 315] {
            for g in ["000", "050", "007"] {
                let s = format!("a line of {n}, {g} kites");
                let f = figs(&s);
                let want = f64::from(n) * 1000.0 + g.parse::<f64>().unwrap();
                assert_eq!(f.len(), 1, "{s}");
                assert_eq!(f[0].0, want, "{s}");
            }
        }
        // a list of counts stays a list
        assert_eq!(figs("scores of 4, 250 and 9").len(), 3);
    }

    #[test]
    fn dotted_thousands_only_for_whole_counts() {
        assert_eq!(dotted_thousands("7.250"), Some(7250.0));
        assert_eq!(dotted_thousands("3.100.000"), Some(3_100_000.0));
        assert_eq!(dotted_thousands("0.250"), None);
        assert_eq!(dotted_thousands("7.25"), None);
        let f = figs("some 7.250 volunteers came");
        assert_eq!(f[0].2, "count");
        assert_eq!(f[0].0, 7250.0);
        // with a unit the dot is a decimal point
        let f = figs("a 21.097-kilometre course");
        assert!((f[0].0 - 21097.0).abs() < 1.0, "{f:?}");
    }

    #[test]
    fn hedges_become_intervals() {
        let t = tokenize("nearly 500 sheep", Span::new(0, 16));
        let f = &figures(&t)[0];
        assert_eq!(f.hedge, Some(Hedge::Below));
        let (lo, hi) = f.interval();
        assert!(lo < 480.0 && hi == 500.0);
        assert_eq!(figs("seven in ten voters")[0].0, 70.0);
        assert_eq!(figs("a quarter point")[0], (0.25, 0.25, "pct".into()));
        assert_eq!(figs("25 basis points")[0], (0.25, 0.25, "pct".into()));
    }
}

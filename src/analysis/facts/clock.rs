//! Clock times of events: "at 6:48 a.m.", "shortly after 11.20", "the 8.30am start",
//! read as minutes of the day with a tolerance from the hedge around them.

use super::tokens::Token;

/// One clock time in a sentence.
#[derive(Clone, Debug, PartialEq)]
pub struct Clock {
    /// Token range (hedge and am/pm included).
    pub first: usize,
    pub last: usize,
    /// Minutes after midnight (0..1440).
    pub minutes: u32,
    /// Whether morning or afternoon is known (am/pm, 24-hour form, a part of day).
    pub half_known: bool,
    /// Minutes either side that the wording allows ("about", "shortly after").
    pub tolerance: u32,
    /// Time zone named after it ("GMT", "local"), lowercased.
    pub zone: Option<String>,
}

/// "am"/"pm" written as one or more tokens starting at `i`: (is pm, tokens used).
/// The tokenizer keeps "a.m." whole; "a.m" (no final stop) is "a", ".", "m".
fn half_at(toks: &[Token], i: usize) -> Option<(bool, usize)> {
    let w = |k: usize| toks.get(i + k).map(|t| t.lower);
    let pm = match w(0)? {
        "am" | "a.m." => return Some((false, 1)),
        "pm" | "p.m." => return Some((true, 1)),
        "a" => false,
        "p" => true,
        _ => return None,
    };
    (w(1) == Some(".") && w(2) == Some("m")).then_some((pm, 3))
}

/// "4pm", "8.30am", "9.40p.m." as one token: (hour, minute, is pm).
fn glued(w: &str) -> Option<(u32, u32, bool)> {
    let (num, pm) = if let Some(n) = w.strip_suffix("am") {
        (n, false)
    } else if let Some(n) = w.strip_suffix("pm") {
        (n, true)
    } else {
        return None;
    };
    let (h, m) = hour_minute(num)?;
    Some((h, m, pm))
}

/// Minutes with the half of the day glued on ("13am", "05pm"): (the two digits, is pm).
fn glued_minutes(w: &str) -> Option<(&str, bool)> {
    let (mins, pm) = match (w.strip_suffix("am"), w.strip_suffix("pm")) {
        (Some(m), _) => (m, false),
        (_, Some(m)) => (m, true),
        _ => return None,
    };
    (mins.len() == 2 && mins.bytes().all(|b| b.is_ascii_digit())).then_some((mins, pm))
}

/// "9", "9.40", "09:40" as hour and minute.
fn hour_minute(s: &str) -> Option<(u32, u32)> {
    let (h, m) = match s.split_once(['.', ':']) {
        Some((h, m)) if m.len() == 2 => (h, m),
        Some(_) => return None,
        None => (s, "00"),
    };
    if h.is_empty() || h.len() > 2 {
        return None;
    }
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    (h < 24 && m < 60).then_some((h, m))
}

fn to_minutes(h: u32, m: u32, pm: Option<bool>) -> (u32, bool) {
    match pm {
        Some(true) if h < 12 => ((h + 12) * 60 + m, true),
        Some(false) if h == 12 => (m, true),
        Some(_) => (h * 60 + m, true),
        None => (h * 60 + m, h == 0 || h > 12),
    }
}

/// The hedge before token `i`: (tokens used, tolerance in minutes).
fn hedge_before(toks: &[Token], i: usize) -> (usize, u32) {
    let w = |k: usize| i.checked_sub(k).map(|j| toks[j].lower);
    match (w(2), w(1)) {
        (Some("shortly" | "just" | "soon"), Some("after" | "before")) => (2, 20),
        (_, Some("about" | "around" | "approximately" | "roughly" | "circa" | "some")) => (1, 15),
        (_, Some("after" | "before" | "past")) => (1, 30),
        _ => (0, 2),
    }
}

/// A clock time starting at token `i`: (last token, hour, minute, pm if stated).
fn time_at(toks: &[Token], i: usize) -> Option<(usize, u32, u32, Option<bool>)> {
    let t = toks.get(i)?;
    if !t.is_number() {
        return None;
    }
    // the minutes of "8:13am": part of the time that starts at the hour, not one of its own
    if i >= 2 && toks[i - 1].text == ":" && toks[i - 2].is_number() {
        return None;
    }
    if let Some((h, m, pm)) = glued(t.lower) {
        return Some((i, h, m, Some(pm)));
    }
    // "9.40p.m." is "9.40p", ".", "m", "."
    if let Some(num) = t
        .lower
        .strip_suffix('p')
        .or_else(|| t.lower.strip_suffix('a'))
        && toks.get(i + 1).is_some_and(|x| x.text == ".")
        && toks.get(i + 2).is_some_and(|x| x.lower == "m")
        && let Some((h, m)) = hour_minute(num)
    {
        return Some((i + 2, h, m, Some(t.lower.ends_with('p'))));
    }
    // "6:48" is three tokens; "9.40" one
    let (mut last, h, m, colon) = if toks.get(i + 1).is_some_and(|c| c.text == ":")
        && toks
            .get(i + 2)
            .is_some_and(|n| n.is_number() && n.text.len() == 2)
    {
        let (h, m) = hour_minute(&format!("{}:{}", t.text, toks[i + 2].text))?;
        (i + 2, h, m, true)
    } else if toks.get(i + 1).is_some_and(|c| c.text == ":")
        && let Some(n) = toks.get(i + 2)
        && let Some((mins, pm)) = glued_minutes(n.lower)
    {
        // "8:13am": the minutes carry the half of the day
        let (h, m) = hour_minute(&format!("{}:{mins}", t.text))?;
        return Some((i + 2, h, m, Some(pm)));
    } else {
        let (h, m) = hour_minute(t.lower)?;
        (i, h, m, false)
    };
    if let Some((pm, n)) = half_at(toks, last + 1) {
        last += n;
        // the sentence's full stop may be the abbreviation's
        return Some((last, h, m, Some(pm)));
    }
    // a bare "9.40" or "11" is a clock time only after "at" (or a hedge after "at"),
    // and only with minutes or a 24-hour form: "at 9" may be an age or a score
    let at_before = (1..=3).any(|k| i >= k && toks[i - k].lower == "at");
    if colon || (at_before && t.lower.contains('.')) {
        let pm = part_of_day(toks, last + 1);
        return Some((last, h, m, pm));
    }
    None
}

/// "7.48 in the morning", "22 in the evening": a part of day naming the half.
fn part_of_day(toks: &[Token], i: usize) -> Option<bool> {
    let w: Vec<&str> = toks.iter().skip(i).take(3).map(|t| t.lower).collect();
    let has = |x: &str| w.len() >= 2 && matches!(w[0], "in" | "of") && w[1..].contains(&x);
    if has("morning") {
        Some(false)
    } else if has("afternoon") || has("evening") || has("night") {
        Some(true)
    } else {
        None
    }
}

fn zone_after(toks: &[Token], last: usize) -> Option<String> {
    let n = toks.get(last + 1)?;
    if n.lower == "local" {
        return Some("local".into());
    }
    let upper = n.text.len() >= 2
        && n.text.len() <= 4
        && n.text.chars().all(|c| c.is_ascii_uppercase())
        && n.text.ends_with('T');
    if upper {
        return Some(n.lower.to_string());
    }
    // "18:40 Tbilisi time", "18:40 by Tbilisi time"
    let (n, k) = if matches!(n.lower, "by" | "in" | "at") {
        (toks.get(last + 2)?, last + 3)
    } else {
        (n, last + 2)
    };
    (n.is_capitalized() && toks.get(k).is_some_and(|t| t.lower == "time"))
        .then(|| n.lower.to_string())
}

/// Every clock time of a sentence.
pub fn clocks(toks: &[Token]) -> Vec<Clock> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let Some((last, h, m, pm)) = time_at(toks, i) else {
            i += 1;
            continue;
        };
        let (minutes, half_known) = to_minutes(h, m, pm);
        let (n, tolerance) = hedge_before(toks, i);
        out.push(Clock {
            first: i - n,
            last,
            minutes,
            half_known,
            tolerance,
            zone: zone_after(toks, last),
        });
        i = last + 1;
    }
    out
}

/// A clock reading as a typed value of a fact: the time of day with what the wording
/// leaves open.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Time {
    /// Minutes after midnight (0..1440).
    pub minutes: u32,
    /// Whether morning or afternoon is known (else compared modulo twelve hours).
    pub half_known: bool,
    /// Minutes either side the wording allows.
    pub tolerance: u32,
    /// Time zone named after it, lowercased.
    pub zone: Option<String>,
}

impl Clock {
    /// The reading without its place in the sentence.
    pub fn time(&self) -> Time {
        Time {
            minutes: self.minutes,
            half_known: self.half_known,
            tolerance: self.tolerance,
            zone: self.zone.clone(),
        }
    }
}

/// Whether two clock readings of one event can both be true.
pub fn compatible(a: &Time, b: &Time) -> bool {
    let (za, zb) = (a.zone.as_deref(), b.zone.as_deref());
    // times in two named zones (or one named, one not) are not comparable here
    let named = |z: Option<&str>| z.is_some_and(|z| z != "local");
    if za != zb && (named(za) || named(zb)) {
        return true;
    }
    let period = if a.half_known && b.half_known {
        1440
    } else {
        720
    };
    let d = (a.minutes as i64 - b.minutes as i64).rem_euclid(period);
    let d = d.min(period - d) as u32;
    d <= a.tolerance.max(b.tolerance)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::facts::tokens::tokenize;
    use crate::text::Span;

    fn clk(s: &str) -> Vec<(u32, bool, u32)> {
        clocks(&tokenize(s, Span::new(0, s.len())))
            .into_iter()
            .map(|c| (c.minutes, c.half_known, c.tolerance))
            .collect()
    }

    #[test]
    fn a_zone_named_after_by_or_in_is_the_zone() {
        let z = |s: &str| clocks(&tokenize(s, Span::new(0, s.len())))[0].zone.clone();
        assert_eq!(z("at 09:15 by Lusaka time"), Some("lusaka".into()));
        assert_eq!(z("at 09:15 in Lusaka time"), Some("lusaka".into()));
        assert_eq!(z("at 09:15 Lusaka time"), Some("lusaka".into()));
        assert_eq!(z("at 09:15 in Lusaka"), None);
    }

    #[test]
    fn reads_clock_forms() {
        assert_eq!(
            clk("the ferry left at 7:15 a.m. sharp"),
            vec![(435, true, 2)]
        );
        assert_eq!(clk("the kick-off at 3pm"), vec![(900, true, 2)]);
        assert_eq!(clk("at about 10.05pm on Friday"), vec![(1325, true, 15)]);
        assert_eq!(clk("shortly after 23:10 on Friday"), vec![(1390, true, 20)]);
        assert_eq!(clk("reached the summit at 10.45"), vec![(645, false, 2)]);
        assert_eq!(clk("at the 7.20 of morning"), vec![(440, true, 2)]);
        assert_eq!(clk("at 9.40p.m. on Friday"), vec![(1300, true, 2)]);
        assert_eq!(clk("the bridge at 18:05 Lisbon time")[0].0, 1085);
    }

    #[test]
    fn minutes_with_the_half_glued_on_keep_their_hour() {
        // every hour and minute written "H:MMam" reads as one time, never as the minutes
        for h in 1..=12u32 {
            for m in [0u32, 7, 13, 59] {
                for (half, add) in [("am", 0), ("pm", 12)] {
                    let s = format!("posted {h}:{m:02}{half} by the desk");
                    let want = (h % 12 + add) * 60 + m;
                    assert_eq!(clk(&s), vec![(want, true, 2)], "{s}");
                }
            }
        }
    }

    #[test]
    fn decimals_ages_and_scores_are_not_clock_times() {
        assert!(clk("inflation rose 2.75 percent").is_empty());
        assert!(clk("a magnitude 5.40 tremor").is_empty());
        assert!(clk("the score stood at 3").is_empty());
    }

    #[test]
    fn compatibility_uses_hedges_halves_and_zones() {
        let one = |s: &str| clocks(&tokenize(s, Span::new(0, s.len())))[0].time();
        assert!(compatible(&one("at about 10.05pm"), &one("at 22:15")));
        assert!(!compatible(&one("at 7:15 a.m."), &one("at 8:15 a.m.")));
        assert!(!compatible(&one("at 9 a.m."), &one("at 8.30am")));
        // 10.45 without a half may be 22:45
        assert!(compatible(&one("at 10.45"), &one("at 22:45")));
        // local time against GMT is a conversion, not a disagreement
        assert!(compatible(
            &one("at 4:10 a.m. local time"),
            &one("at 01:10 GMT")
        ));
        assert!(!compatible(
            &one("at 4:10 a.m. local time"),
            &one("at 5:10 a.m. local time")
        ));
    }
}

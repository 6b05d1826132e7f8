//! Lenient date parsing for the dates found in front matter, meta tags, JSON and feeds.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, TimeZone, Utc};

/// Parses RFC 3339, RFC 2822, ISO-like date-times without an offset (taken as UTC),
/// plain dates in common orders, and Unix timestamps (seconds or milliseconds).
pub fn parse_date(s: &str) -> Option<DateTime<FixedOffset>> {
    let s = s.trim();
    if s.is_empty() || s.len() > 80 {
        return None;
    }
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        return Some(d);
    }
    if let Ok(d) = DateTime::parse_from_rfc2822(s) {
        return Some(d);
    }
    for f in [
        "%Y-%m-%dT%H:%M:%S%.f%z",
        "%Y-%m-%dT%H:%M:%S%z",
        "%Y-%m-%d %H:%M:%S%.f%:z",
        "%Y-%m-%d %H:%M:%S%z",
        "%Y-%m-%dT%H:%M%:z",
        "%a, %d %b %Y %H:%M:%S %Z",
    ] {
        if let Ok(d) = DateTime::parse_from_str(s, f) {
            return Some(d);
        }
    }
    let utc = FixedOffset::east_opt(0)?;
    let s_naive = s
        .trim_end_matches('Z')
        .trim_end_matches(" UTC")
        .trim_end_matches(" GMT");
    for f in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
        "%d %b %Y %H:%M:%S",
        "%a, %d %b %Y %H:%M:%S",
        "%a, %d %b %Y %H:%M",
    ] {
        if let Ok(d) = NaiveDateTime::parse_from_str(s_naive, f) {
            return utc.from_local_datetime(&d).single();
        }
    }
    // "Thursday, March 6, 2025": drop a leading weekday.
    let plain = match s_naive.split_once(", ") {
        Some((w, rest)) if w.chars().all(char::is_alphabetic) => rest,
        _ => s_naive,
    };
    for cand in [s_naive, plain] {
        for f in [
            "%Y-%m-%d",
            "%Y/%m/%d",
            "%d.%m.%Y",
            "%d/%m/%Y",
            "%d %B %Y",
            "%d %b %Y",
            "%B %d, %Y",
            "%b %d, %Y",
            "%B %d %Y",
            "%b %d %Y",
            "%b. %d, %Y",
            "%Y%m%d",
        ] {
            if let Ok(d) = NaiveDate::parse_from_str(cand, f) {
                return utc.from_local_datetime(&d.and_hms_opt(0, 0, 0)?).single();
            }
        }
    }
    if s.len() >= 9 && s.bytes().all(|b| b.is_ascii_digit()) {
        return from_timestamp(s.parse().ok()?);
    }
    None
}

/// A Unix timestamp in seconds, or milliseconds when it is too large for seconds.
pub fn from_timestamp(n: i64) -> Option<DateTime<FixedOffset>> {
    let secs = if n.abs() > 100_000_000_000 {
        n / 1000
    } else {
        n
    };
    Some(DateTime::<Utc>::from_timestamp(secs, 0)?.fixed_offset())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(s: &str) -> String {
        parse_date(s)
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default()
    }

    #[test]
    fn formats() {
        assert_eq!(ymd("2025-03-06T18:42:00+01:00"), "2025-03-06");
        assert_eq!(ymd("Thu, 06 Mar 2025 18:42:00 +0000"), "2025-03-06");
        assert_eq!(ymd("06 Mar 2025 18:42:00 +0000"), "2025-03-06");
        assert_eq!(ymd("2025-03-06 18:42:00"), "2025-03-06");
        assert_eq!(ymd("2025-03-06T18:42:00.123Z"), "2025-03-06");
        assert_eq!(ymd("2025-03-06"), "2025-03-06");
        assert_eq!(ymd("6 March 2025"), "2025-03-06");
        assert_eq!(ymd("March 6, 2025"), "2025-03-06");
        assert_eq!(ymd("Thursday, March 6, 2025"), "2025-03-06");
        assert_eq!(ymd("06.03.2025"), "2025-03-06");
        assert_eq!(ymd("1741286520"), "2025-03-06");
        assert_eq!(ymd("1741286520000"), "2025-03-06");
        assert_eq!(ymd("yesterday"), "");
        assert_eq!(ymd(""), "");
    }
}

//! Dates as carriers write them, and the century of two-digit years.
//!
//! Two-digit years need context: a birth year is the latest one not after the
//! travel date (an infant born in 2011 travelling in 2013, a man born in 1972);
//! an expiry date lies within fifty years around the travel date; a travel date
//! lies closest to the date the message was prepared.

use piu_model::{Date, LocalDateTime};
use time::Month;

/// A date as sent, before its century is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SentDate {
    Full(Date),
    /// Year within the century, month, day.
    TwoDigitYear(u8, u8, u8),
}

/// How to place a two-digit year in time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Century {
    /// The latest year not after the reference date (birth, issue dates).
    NotAfter,
    /// Within fifty years around the reference (expiry dates).
    Around,
}

impl SentDate {
    /// The full date, placing a two-digit year relative to `reference`.
    pub fn resolve(self, reference: Date, rule: Century) -> Option<Date> {
        match self {
            SentDate::Full(d) => Some(d),
            SentDate::TwoDigitYear(yy, mm, dd) => {
                let century = reference.year() - reference.year().rem_euclid(100);
                let candidates = [century - 100, century, century + 100]
                    .map(|c| make_date(c + yy as i32, mm, dd));
                match rule {
                    Century::NotAfter => candidates
                        .into_iter()
                        .flatten()
                        .filter(|d| *d <= reference)
                        .max(),
                    Century::Around => candidates
                        .into_iter()
                        .flatten()
                        .min_by_key(|d| (d.year() - reference.year()).abs()),
                }
            }
        }
    }
}

fn make_date(year: i32, month: u8, day: u8) -> Option<Date> {
    Date::from_calendar_date(year, Month::try_from(month).ok()?, day).ok()
}

fn digits(s: &str) -> Option<u32> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

fn two(s: &str, at: usize) -> Option<u8> {
    digits(s.get(at..at + 2)?).map(|v| v as u8)
}

/// `YYMMDD` or `CCYYMMDD`.
pub fn parse_numeric_date(s: &str) -> Option<SentDate> {
    let s = s.trim_ascii();
    if !s.is_ascii() {
        return None;
    }
    match s.len() {
        6 => {
            let (yy, mm, dd) = (two(s, 0)?, two(s, 2)?, two(s, 4)?);
            // Validate month and day with a leap year so 29 February passes.
            make_date(2000, mm, dd)?;
            Some(SentDate::TwoDigitYear(yy, mm, dd))
        }
        8 => {
            let y = digits(&s[..4])? as i32;
            make_date(y, two(s, 4)?, two(s, 6)?).map(SentDate::Full)
        }
        _ => None,
    }
}

/// `DDMMYY` or `DDMMYYYY`, as PNRGOV writes dates.
pub fn parse_ddmmyy(s: &str) -> Option<SentDate> {
    let s = s.trim_ascii();
    if !s.is_ascii() {
        return None;
    }
    match s.len() {
        6 => {
            let (dd, mm, yy) = (two(s, 0)?, two(s, 2)?, two(s, 4)?);
            make_date(2000, mm, dd)?;
            Some(SentDate::TwoDigitYear(yy, mm, dd))
        }
        8 => {
            let y = digits(&s[4..])? as i32;
            make_date(y, two(s, 2)?, two(s, 0)?).map(SentDate::Full)
        }
        _ => None,
    }
}

/// `HHMM` or `HHMMSS` (seconds dropped).
pub fn parse_time(s: &str) -> Option<(u8, u8)> {
    let s = s.trim_ascii();
    if !s.is_ascii() {
        return None;
    }
    match s.len() {
        4 => parse_hhmm(s),
        6 => {
            digits(&s[4..])?;
            parse_hhmm(&s[..4])
        }
        _ => None,
    }
}

/// `DDMMMYY` or `DDMMMYYYY`, as in SSR DOCS (`10SEP72`).
pub fn parse_ddmmmyy(s: &str) -> Option<SentDate> {
    let s = s.trim_ascii();
    if s.len() != 7 && s.len() != 9 {
        return None;
    }
    let dd = two(s, 0)?;
    let mm = month_number(s.get(2..5)?)?;
    let year = s.get(5..)?;
    if year.len() == 2 {
        let yy = digits(year)? as u8;
        make_date(2000, mm, dd)?;
        Some(SentDate::TwoDigitYear(yy, mm, dd))
    } else {
        make_date(digits(year)? as i32, mm, dd).map(SentDate::Full)
    }
}

/// JAN … DEC to 1 … 12, in any letter case.
pub fn month_number(s: &str) -> Option<u8> {
    const MONTHS: [&str; 12] = [
        "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
    ];
    MONTHS
        .iter()
        .position(|m| m.eq_ignore_ascii_case(s))
        .map(|i| i as u8 + 1)
}

/// `HHMM`.
pub fn parse_hhmm(s: &str) -> Option<(u8, u8)> {
    let s = s.trim_ascii();
    if s.len() != 4 {
        return None;
    }
    let (h, m) = (two(s, 0)?, two(s, 2)?);
    (h < 24 && m < 60).then_some((h, m))
}

/// A travel date and time with its year resolved: two-digit years are placed in
/// the century closest to `reference`.
pub fn travel_moment(
    date: SentDate,
    hm: Option<(u8, u8)>,
    reference: Date,
) -> Option<LocalDateTime> {
    let d = date.resolve(reference, Century::Around)?;
    LocalDateTime::from_parts(d.year(), d.month() as u8, d.day(), hm)
}

/// EDIFACT DTM value with its format code (2379): 101 YYMMDD, 102 CCYYMMDD,
/// 201 YYMMDDHHMM, 203 CCYYMMDDHHMM, 204 CCYYMMDDHHMMSS. Without a code, the
/// length decides.
pub fn parse_dtm(value: &str, format: Option<&str>) -> Option<(SentDate, Option<(u8, u8)>)> {
    let v = value.trim_ascii();
    if !v.is_ascii() {
        return None;
    }
    let len = match format.map(str::trim_ascii) {
        Some("101") => 6,
        Some("102") => 8,
        Some("201") => 10,
        Some("203") => 12,
        Some("204") => 14,
        _ => v.len(),
    };
    if v.len() != len {
        return None;
    }
    match len {
        6 | 8 => Some((parse_numeric_date(v)?, None)),
        10 => Some((parse_numeric_date(&v[..6])?, Some(parse_hhmm(&v[6..])?))),
        12 | 14 => Some((parse_numeric_date(&v[..8])?, Some(parse_hhmm(&v[8..12])?))),
        _ => None,
    }
}

/// ISO 8601 date or date-time (`2026-11-21`, `2026-11-21T08:05:00`, with or
/// without a zone suffix, which is dropped: schedules are local).
pub fn parse_iso(value: &str) -> Option<LocalDateTime> {
    let v = value.trim_ascii();
    if !v.is_ascii() {
        return None;
    }
    let (d, t) = match v.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (v, None),
    };
    if d.len() != 10 || d.as_bytes()[4] != b'-' || d.as_bytes()[7] != b'-' {
        return None;
    }
    let y = digits(&d[..4])? as i32;
    let (m, day) = (two(d, 5)?, two(d, 8)?);
    let hm = match t {
        Some(t) if t.len() >= 5 && t.as_bytes()[2] == b':' => {
            let (h, mi) = (two(t, 0)?, two(t, 3)?);
            if h >= 24 || mi >= 60 {
                return None;
            }
            Some((h, mi))
        }
        Some(_) => return None,
        None => None,
    };
    LocalDateTime::from_parts(y, m, day, hm)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u8, day: u8) -> Date {
        make_date(y, m, day).unwrap()
    }

    #[test]
    fn birth_years_are_not_after_travel() {
        let travel = d(2013, 5, 27);
        let birth = |s| {
            parse_numeric_date(s)
                .unwrap()
                .resolve(travel, Century::NotAfter)
        };
        assert_eq!(birth("720907"), Some(d(1972, 9, 7)));
        assert_eq!(birth("110810"), Some(d(2011, 8, 10)));
        assert_eq!(birth("130527"), Some(d(2013, 5, 27)));
        assert_eq!(birth("130528"), Some(d(1913, 5, 28)));
    }

    #[test]
    fn expiry_years_lie_around_travel() {
        let travel = d(2017, 1, 27);
        let exp = |s| {
            parse_numeric_date(s)
                .unwrap()
                .resolve(travel, Century::Around)
        };
        assert_eq!(exp("610218"), Some(d(2061, 2, 18)));
        assert_eq!(exp("991231"), Some(d(1999, 12, 31)));
        assert_eq!(exp("191218"), Some(d(2019, 12, 18)));
    }

    #[test]
    fn docs_dates() {
        assert_eq!(
            parse_ddmmmyy("10SEP72")
                .unwrap()
                .resolve(d(2013, 5, 27), Century::NotAfter),
            Some(d(1972, 9, 10))
        );
        assert_eq!(
            parse_ddmmmyy("29FEB2024"),
            Some(SentDate::Full(d(2024, 2, 29)))
        );
        assert_eq!(parse_ddmmmyy("31FEB72"), None);
        assert_eq!(parse_ddmmmyy("10XYZ72"), None);
    }

    #[test]
    fn dtm_formats() {
        let (date, hm) = parse_dtm("1701271725", Some("201")).unwrap();
        assert_eq!(date, SentDate::TwoDigitYear(17, 1, 27));
        assert_eq!(hm, Some((17, 25)));
        assert_eq!(
            parse_dtm(" 1306212200", Some("201")).unwrap().1,
            Some((22, 0))
        );
        let (date, _) = parse_dtm("20260101", None).unwrap();
        assert_eq!(date, SentDate::Full(d(2026, 1, 1)));
        assert!(parse_dtm("1701271725", Some("102")).is_none());
        assert!(parse_dtm("17013", None).is_none());
    }

    #[test]
    fn pnrgov_dates() {
        assert_eq!(
            parse_ddmmyy("270513"),
            Some(SentDate::TwoDigitYear(13, 5, 27))
        );
        assert_eq!(
            parse_ddmmyy("27052013"),
            Some(SentDate::Full(d(2013, 5, 27)))
        );
        assert_eq!(parse_ddmmyy("320513"), None);
        assert_eq!(parse_time("175500"), Some((17, 55)));
        assert_eq!(parse_time("2400"), None);
    }

    #[test]
    fn non_ascii_is_not_a_date() {
        // Found by fuzzing: byte positions inside a multi-byte character.
        assert!(parse_dtm("2030\u{feff}-30", None).is_none());
        assert!(parse_numeric_date("2\u{c3}\u{ce}121").is_none());
        assert!(parse_iso("2030\u{feff}-30").is_none());
        assert!(parse_ddmmyy("1\u{ce}2345").is_none());
        assert!(parse_time("1\u{ce}23").is_none());
    }

    #[test]
    fn iso_dates() {
        assert_eq!(
            parse_iso("2026-11-21T08:05:00Z").unwrap().to_string(),
            "2026-11-21T08:05"
        );
        assert_eq!(parse_iso("2026-11-21").unwrap().to_string(), "2026-11-21");
        assert!(parse_iso("2026-13-01").is_none());
        assert!(parse_iso("21.11.2026").is_none());
    }
}

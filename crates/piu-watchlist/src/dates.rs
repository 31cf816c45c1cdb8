//! Dates of birth as lists write them. ISO forms (YYYY, YYYY-MM, YYYY-MM-DD)
//! are always read; 11-10-1975 could be either of two days, so a form that
//! puts day and month before the year is read only with a declared
//! [`DateFormat`] — or when one reading alone is a real date, which is then
//! reported. A wrong guess would screen for the wrong person.

use time::{Date, Month};

use crate::{DateFormat, PartialDate};

/// The widest range of years expanded into single years.
pub const MAX_RANGE_YEARS: i32 = 5;

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Dates read from one value, and a note when a reading was chosen or
/// something was left out.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct Reading {
    pub dates: Vec<PartialDate>,
    pub notes: Vec<String>,
}

/// Reads one field that may hold several dates separated by `;` or `|`. The
/// error says why the value is not a date, quoting it.
pub(crate) fn parse_dates(value: &str, format: Option<DateFormat>) -> Result<Reading, String> {
    let mut out = Reading::default();
    for part in value
        .split([';', '|'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let one = parse_one(part, format)?;
        for d in one.dates {
            if !out.dates.contains(&d) {
                out.dates.push(d);
            }
        }
        out.notes.extend(one.notes);
    }
    Ok(out)
}

/// Years `from..=to` as dates, or a note when the range is too wide to be
/// screened for year by year.
pub(crate) fn year_range(from: i32, to: i32) -> Result<Reading, String> {
    if to < from {
        return Err(format!("range {from}-{to} ends before it starts"));
    }
    if to - from > MAX_RANGE_YEARS {
        return Ok(Reading {
            dates: Vec::new(),
            notes: vec![format!(
                "range {from}-{to} spans more than {MAX_RANGE_YEARS} years; left out"
            )],
        });
    }
    Ok(Reading {
        dates: (from..=to).map(PartialDate::year).collect(),
        notes: Vec::new(),
    })
}

#[derive(Clone, Copy, PartialEq)]
enum Tok<'a> {
    Num(&'a str),
    Word(&'a str),
}

fn parse_one(s: &str, format: Option<DateFormat>) -> Result<Reading, String> {
    let single = |d: PartialDate| Reading {
        dates: vec![d],
        notes: Vec::new(),
    };
    let toks = tokens(strip_time(s));
    let nums: Vec<&str> = toks
        .iter()
        .filter_map(|t| match *t {
            Tok::Num(n) => Some(n),
            Tok::Word(_) => None,
        })
        .collect();
    let unreadable = || {
        format!(
            "{s} is not a date read here (YYYY, YYYY-MM, YYYY-MM-DD; DD-MM-YYYY or MM-DD-YYYY with a date format)"
        )
    };
    if nums.len() != toks.len() {
        return month_named(s, &toks).ok_or_else(unreadable).map(single);
    }
    let lens: Vec<usize> = nums.iter().map(|n| n.len()).collect();
    let value = |i: usize| nums.get(i).and_then(|n| n.parse::<u32>().ok()).unwrap_or(0);
    let year = |i: usize| i32::try_from(value(i)).unwrap_or(0);
    match lens.as_slice() {
        [4] => Ok(single(PartialDate::year(year(0)))),
        [4, 4] if is_range(s) => year_range(year(0), year(1)),
        [4, 1 | 2] => ymd(s, year(0), value(1), None).map(single),
        [4, 1 | 2, 1 | 2] => ymd(s, year(0), value(1), Some(value(2))).map(single),
        [1 | 2, 4] => ymd(s, year(1), value(0), None).map(single),
        [1 | 2, 1 | 2, 4] => day_first(s, year(2), value(0), value(1), format),
        [1 | 2, 1 | 2, 2] => Err(format!("{s} has a two-digit year; write the year in full")),
        [8] if format.is_none() || format == Some(DateFormat::Iso) => {
            // YYYYMMDD, as exports without separators write it.
            let n = nums.first().copied().unwrap_or_default();
            let part = |r: std::ops::Range<usize>| {
                n.get(r).and_then(|p| p.parse::<u32>().ok()).unwrap_or(0)
            };
            let y = i32::try_from(part(0..4)).unwrap_or(0);
            ymd(s, y, part(4..6), Some(part(6..8))).map(single)
        }
        _ => Err(unreadable()),
    }
}

/// Year, month and day, where 00 marks an unknown month or day.
fn ymd(s: &str, year: i32, month: u32, day: Option<u32>) -> Result<PartialDate, String> {
    if month == 0 {
        return match day {
            None | Some(0) => Ok(PartialDate::year(year)),
            Some(_) => Err(format!("{s} gives a day without a month")),
        };
    }
    let m = u8::try_from(month)
        .ok()
        .and_then(|m| Month::try_from(m).ok())
        .ok_or_else(|| format!("{s} has no month {month}"))?;
    match day {
        None | Some(0) => Ok(PartialDate::year_month(year, u8::from(m))),
        Some(d) => u8::try_from(d)
            .ok()
            .and_then(|d| Date::from_calendar_date(year, m, d).ok())
            .map(PartialDate::full)
            .ok_or_else(|| {
                format!(
                    "{s} is not a date: {} has no day {d}",
                    MONTHS[usize::from(u8::from(m)) - 1]
                )
            }),
    }
}

fn valid(year: i32, month: u32, day: u32) -> Option<Date> {
    let m = Month::try_from(u8::try_from(month).ok()?).ok()?;
    Date::from_calendar_date(year, m, u8::try_from(day).ok()?).ok()
}

/// Two numbers before the year: day-month or month-day.
fn day_first(
    s: &str,
    year: i32,
    a: u32,
    b: u32,
    format: Option<DateFormat>,
) -> Result<Reading, String> {
    let dm = valid(year, b, a);
    let md = valid(year, a, b);
    let done = |d: Date, notes: Vec<String>| {
        Ok(Reading {
            dates: vec![PartialDate::full(d)],
            notes,
        })
    };
    match format {
        Some(DateFormat::DayMonthYear) => match dm {
            Some(d) => done(d, Vec::new()),
            None => Err(format!("{s} is not a valid day-month-year date")),
        },
        Some(DateFormat::MonthDayYear) => match md {
            Some(d) => done(d, Vec::new()),
            None => Err(format!("{s} is not a valid month-day-year date")),
        },
        Some(DateFormat::Iso | DateFormat::YearMonthDay) => Err(format!(
            "{s} puts the year last, but the declared date format puts it first"
        )),
        None => match (dm, md) {
            (Some(d), Some(e)) if d == e => done(d, Vec::new()),
            (Some(_), Some(_)) => Err(format!(
                "{s} is ambiguous (day-month or month-day); give a date format"
            )),
            (Some(d), None) => done(d, vec![guess_note(s, "day-month-year", d)]),
            (None, Some(d)) => done(d, vec![guess_note(s, "month-day-year", d)]),
            (None, None) => Err(format!("{s} is not a date in any reading")),
        },
    }
}

fn guess_note(s: &str, form: &str, d: Date) -> String {
    format!(
        "{s} read as {form} ({} {} {}), the only valid reading; give a date format to be sure",
        d.day(),
        MONTHS[usize::from(u8::from(d.month())) - 1],
        d.year()
    )
}

/// A date with the month written as a word: 11 Oct 1975, October 11, 1975,
/// Oct 1975. Unambiguous whatever the order.
fn month_named(s: &str, toks: &[Tok<'_>]) -> Option<PartialDate> {
    let mut month = None;
    let mut year = None;
    let mut day = None;
    for t in toks {
        match *t {
            Tok::Word(w) => {
                let w = w.to_ascii_lowercase();
                let m = MONTHS.iter().position(|name| {
                    let name = name.to_ascii_lowercase();
                    w.len() >= 3 && (name.starts_with(&w) || (w == "sept" && name == "september"))
                })?;
                if month.replace(m + 1).is_some() {
                    return None;
                }
            }
            Tok::Num(n) if n.len() == 4 && year.is_none() => year = n.parse::<i32>().ok(),
            Tok::Num(n) if n.len() <= 2 && day.is_none() => day = n.parse::<u32>().ok(),
            Tok::Num(_) => return None,
        }
    }
    let month = u32::try_from(month?).ok()?;
    ymd(s, year?, month, day).ok()
}

/// Digit runs and letter runs; anything else separates.
fn tokens(s: &str) -> Vec<Tok<'_>> {
    let mut out = Vec::new();
    let mut start = None;
    let mut digits = false;
    for (i, c) in s.char_indices().chain(std::iter::once((s.len(), ' '))) {
        let kind = if c.is_ascii_digit() {
            Some(true)
        } else if c.is_alphabetic() {
            Some(false)
        } else {
            None
        };
        if let Some(b) = start
            && kind != Some(digits)
        {
            let piece = s.get(b..i).unwrap_or_default();
            out.push(if digits {
                Tok::Num(piece)
            } else {
                Tok::Word(piece)
            });
            start = None;
        }
        if start.is_none()
            && let Some(k) = kind
        {
            start = Some(i);
            digits = k;
        }
    }
    out
}

/// YYYY-YYYY with a dash, en dash or slash between two years.
fn is_range(s: &str) -> bool {
    let mid = s
        .get(4..s.len().saturating_sub(4))
        .unwrap_or_default()
        .trim();
    matches!(mid, "-" | "–" | "/" | "..")
}

/// Drops a time of day after an ISO date (1975-10-11T00:00:00).
fn strip_time(s: &str) -> &str {
    let b = s.as_bytes();
    if b.len() > 10 && matches!(b.get(10), Some(b'T' | b' ')) && b.get(4) == Some(&b'-') {
        s.get(..10).unwrap_or(s)
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(s: &str, f: Option<DateFormat>) -> Result<Vec<String>, String> {
        parse_dates(s, f).map(|r| r.dates.iter().map(ToString::to_string).collect())
    }

    #[test]
    fn iso_partials() {
        assert_eq!(read("1975", None).unwrap(), ["1975"]);
        assert_eq!(read("1975-10", None).unwrap(), ["1975-10"]);
        assert_eq!(read("1975-10-11", None).unwrap(), ["1975-10-11"]);
        assert_eq!(read("1975-00-00", None).unwrap(), ["1975"]);
        assert_eq!(read("1975-10-00", None).unwrap(), ["1975-10"]);
        assert_eq!(read("1975/10/11", None).unwrap(), ["1975-10-11"]);
        assert_eq!(read("19751011", None).unwrap(), ["1975-10-11"]);
        assert_eq!(read("1975-10-11T00:00:00Z", None).unwrap(), ["1975-10-11"]);
        assert_eq!(read("10/1975", None).unwrap(), ["1975-10"]);
        assert_eq!(read("", None).unwrap(), Vec::<String>::new());
    }

    #[test]
    fn invalid_iso_is_refused() {
        assert_eq!(
            read("1975-13", None).unwrap_err(),
            "1975-13 has no month 13"
        );
        assert_eq!(
            read("1975-02-30", None).unwrap_err(),
            "1975-02-30 is not a date: February has no day 30"
        );
        assert!(read("1975-00-03", None).is_err());
        assert!(read("yesterday", None).is_err());
        assert!(read("12345", None).is_err());
    }

    #[test]
    fn ambiguous_needs_a_format() {
        for s in ["11-10-1975", "11/10/1975", "11.10.1975"] {
            assert_eq!(
                read(s, None).unwrap_err(),
                format!("{s} is ambiguous (day-month or month-day); give a date format")
            );
        }
        assert_eq!(
            read("11-10-1975", Some(DateFormat::DayMonthYear)).unwrap(),
            ["1975-10-11"]
        );
        assert_eq!(
            read("11-10-1975", Some(DateFormat::MonthDayYear)).unwrap(),
            ["1975-11-10"]
        );
        assert!(read("11-10-1975", Some(DateFormat::Iso)).is_err());
        // The same day either way is no ambiguity.
        assert_eq!(read("05.05.1980", None).unwrap(), ["1980-05-05"]);
    }

    #[test]
    fn one_valid_reading_is_taken_with_a_note() {
        let r = parse_dates("25-10-1975", None).unwrap();
        assert_eq!(
            r.dates,
            [PartialDate::full(time::macros::date!(1975 - 10 - 25))]
        );
        assert_eq!(
            r.notes,
            [
                "25-10-1975 read as day-month-year (25 October 1975), the only valid reading; give a date format to be sure"
            ]
        );
        let r = parse_dates("10/25/1975", None).unwrap();
        assert_eq!(r.dates[0].to_string(), "1975-10-25");
        assert!(r.notes[0].contains("month-day-year"));
        // A declared format is not second-guessed.
        assert_eq!(
            read("10/25/1975", Some(DateFormat::DayMonthYear)).unwrap_err(),
            "10/25/1975 is not a valid day-month-year date"
        );
    }

    #[test]
    fn two_digit_years_are_refused() {
        assert!(
            read("11.10.75", None)
                .unwrap_err()
                .contains("two-digit year")
        );
    }

    #[test]
    fn month_names() {
        assert_eq!(read("11 Oct 1975", None).unwrap(), ["1975-10-11"]);
        assert_eq!(read("October 11, 1975", None).unwrap(), ["1975-10-11"]);
        assert_eq!(read("11-OCT-1975", None).unwrap(), ["1975-10-11"]);
        assert_eq!(read("Sept 1975", None).unwrap(), ["1975-09"]);
        assert!(read("Oct Nov 1975", None).is_err());
    }

    #[test]
    fn several_and_ranges() {
        assert_eq!(
            read("1960; 1962-03|1960", None).unwrap(),
            ["1960", "1962-03"]
        );
        assert_eq!(
            read("1960-1963", None).unwrap(),
            ["1960", "1961", "1962", "1963"]
        );
        let wide = parse_dates("1940-1960", None).unwrap();
        assert!(wide.dates.is_empty());
        assert_eq!(
            wide.notes,
            ["range 1940-1960 spans more than 5 years; left out"]
        );
        assert!(read("1963-1960", None).is_err());
    }
}

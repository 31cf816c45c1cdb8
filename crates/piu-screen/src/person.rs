//! The evidence beside the name: birth date, gender, nationality, documents.
//!
//! Each factor yields an outcome an analyst can read and an effect on the
//! score. Agreement adds little (names and dates are shared by many people);
//! disagreement where data is reliable takes much away (another birth year is
//! another person); missing data is neutral, so a traveller without a birth
//! date is screened on the rest.

use piu_model::Gender;
use piu_watchlist::{Document, PartialDate};
use serde::Serialize;

/// One piece of evidence and what it did to the score.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Factor {
    /// "name", "birth date", "gender", "nationality", "document", "issuing state".
    pub factor: &'static str,
    /// What was found, in words: "exact", "year only", "day and month swapped" …
    pub outcome: String,
    /// Added to the score (negative takes away).
    pub effect: f32,
}

fn factor(factor: &'static str, outcome: impl Into<String>, effect: f32) -> Factor {
    Factor {
        factor,
        outcome: outcome.into(),
        effect,
    }
}

/// 1 January stands in for an unknown day and month in many registers: only
/// its year is evidence.
fn weakened(d: PartialDate) -> PartialDate {
    match (d.month, d.day) {
        (Some(1), Some(1)) => PartialDate::year(d.year),
        _ => d,
    }
}

/// Whether two full dates differ in one digit of YYYYMMDD.
fn one_digit_apart(a: PartialDate, b: PartialDate) -> bool {
    match (digits(a), digits(b)) {
        (Some(x), Some(y)) => x.iter().zip(&y).filter(|(p, q)| p != q).count() == 1,
        // Years beyond four digits (or fields beyond two): as written out.
        _ => {
            let written = |d: PartialDate| {
                format!(
                    "{:04}{:02}{:02}",
                    d.year,
                    d.month.unwrap_or(0),
                    d.day.unwrap_or(0)
                )
            };
            let (x, y) = (written(a), written(b));
            x.len() == y.len() && x.bytes().zip(y.bytes()).filter(|(p, q)| p != q).count() == 1
        }
    }
}

/// The eight digits of YYYYMMDD (unknown fields 00), without writing them
/// out, when every field fits its width.
fn digits(d: PartialDate) -> Option<[u8; 8]> {
    let (month, day) = (d.month.unwrap_or(0), d.day.unwrap_or(0));
    if !(0..=9999).contains(&d.year) || month > 99 || day > 99 {
        return None;
    }
    let year = d.year as u32;
    Some([
        (year / 1000) as u8,
        (year / 100 % 10) as u8,
        (year / 10 % 10) as u8,
        (year % 10) as u8,
        month / 10,
        month % 10,
        day / 10,
        day % 10,
    ])
}

/// The traveller's birth date against the entry's (the best-agreeing one).
pub fn birth_date(traveller: Option<PartialDate>, entry: &[PartialDate]) -> Factor {
    let Some(t) = traveller else {
        return factor("birth date", "traveller's unknown", 0.0);
    };
    // Outcomes are put in words only for the date that agrees best: an entry
    // may list several, and most entries weighed never become hits.
    entry
        .iter()
        .map(|e| (*e, compare_dates(t, *e)))
        .max_by(|a, b| a.1.effect().total_cmp(&b.1.effect()))
        .map(|(e, outcome)| factor("birth date", outcome.words(t, e), outcome.effect()))
        .unwrap_or_else(|| factor("birth date", "entry's unknown", 0.0))
}

/// How two known birth dates compare, before it is put in words.
#[derive(Clone, Copy, Debug, PartialEq)]
enum DateOutcome {
    DifferentYears,
    SameDate,
    DayMonthSwapped,
    OneDigit,
    DifferentDates,
    /// One side a year, or a year and month: the same year (and month where
    /// both have one), 1 January taken as unknown or not.
    SameYear {
        placeholder: bool,
        effect: f32,
    },
    SameYearOtherMonth,
    YearsOneApart,
}

impl DateOutcome {
    fn effect(self) -> f32 {
        match self {
            DateOutcome::DifferentYears => -0.35,
            DateOutcome::SameDate => 0.05,
            DateOutcome::DayMonthSwapped => 0.02,
            DateOutcome::OneDigit => 0.0,
            DateOutcome::DifferentDates => -0.30,
            DateOutcome::SameYear { effect, .. } => effect,
            DateOutcome::SameYearOtherMonth => -0.25,
            DateOutcome::YearsOneApart => -0.10,
        }
    }

    /// The outcome as an analyst reads it, with the dates as sent.
    fn words(self, t_sent: PartialDate, e_sent: PartialDate) -> String {
        let shown = format!("{t_sent} and {e_sent}");
        match self {
            DateOutcome::DifferentYears => format!("different years ({shown})"),
            DateOutcome::SameDate => format!("same date ({shown})"),
            DateOutcome::DayMonthSwapped => format!("day and month swapped ({shown})"),
            DateOutcome::OneDigit => format!("one digit differs ({shown})"),
            DateOutcome::DifferentDates => format!("different dates ({shown})"),
            DateOutcome::SameYear { placeholder, .. } => {
                let what = if placeholder {
                    "year (1 January taken as unknown)"
                } else {
                    "year"
                };
                format!("same {what} ({shown})")
            }
            DateOutcome::SameYearOtherMonth => format!("same year, other month ({shown})"),
            DateOutcome::YearsOneApart => format!("years one apart ({shown})"),
        }
    }
}

fn compare_dates(t_sent: PartialDate, e_sent: PartialDate) -> DateOutcome {
    let placeholder = weakened(t_sent) != t_sent || weakened(e_sent) != e_sent;
    let (t, e) = (weakened(t_sent), weakened(e_sent));
    if t.year.abs_diff(e.year) > 1 && !one_digit_apart(t, e) {
        return DateOutcome::DifferentYears;
    }
    match (t.month.zip(t.day), e.month.zip(e.day)) {
        (Some(_), Some(_)) if t == e => DateOutcome::SameDate,
        (Some((tm, td)), Some((em, ed))) if t.year == e.year && tm == ed && td == em => {
            DateOutcome::DayMonthSwapped
        }
        (Some(_), Some(_)) if one_digit_apart(t, e) => DateOutcome::OneDigit,
        (Some(_), Some(_)) => DateOutcome::DifferentDates,
        _ => {
            // One side is a year, or a year and month.
            let months_agree = t.month.zip(e.month).is_none_or(|(a, b)| a == b);
            if t.year == e.year && months_agree {
                let effect = if t.month.is_some() && e.month.is_some() {
                    0.03
                } else {
                    0.01
                };
                DateOutcome::SameYear {
                    placeholder,
                    effect,
                }
            } else if t.year == e.year {
                DateOutcome::SameYearOtherMonth
            } else {
                DateOutcome::YearsOneApart
            }
        }
    }
}

/// Whether a factor confirms identity strongly enough to forgive a slip in a
/// name: the same full birth date (or year and month), or the same document
/// number up to O/0 and I/1.
pub fn confirms(f: &Factor) -> bool {
    match f.factor {
        "birth date" => f.effect >= 0.03,
        "document" => f.effect >= 0.25,
        _ => false,
    }
}

/// What the birth dates and documents can do to tell apart people of the
/// same name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Telling {
    /// A document number agrees, or full dates were compared: the same date,
    /// day and month swapped, or dates that differ.
    Apart,
    /// Full dates one digit apart: a typing slip, or two of many namesakes
    /// born near one another.
    OneDigit,
    /// The same year where no full dates could be compared: a year is shared
    /// by one namesake in seventy or so.
    SameYear,
    /// Nothing beside the name: a date unknown on one side, or years apart.
    Nothing,
}

/// How far the factors tell apart people of the same name.
pub fn telling(factors: &[Factor]) -> Telling {
    if factors
        .iter()
        .any(|f| f.factor == "document" && f.effect > 0.0)
    {
        return Telling::Apart;
    }
    let Some(f) = factors.iter().find(|f| f.factor == "birth date") else {
        return Telling::Nothing;
    };
    if f.outcome.ends_with("unknown") {
        Telling::Nothing
    } else if f.outcome.starts_with("one digit differs") {
        Telling::OneDigit
    } else if f.outcome.starts_with("same year") && f.effect > 0.0 {
        Telling::SameYear
    } else if f.outcome.contains("year") {
        Telling::Nothing
    } else {
        Telling::Apart
    }
}

/// Whether the birth dates are the same full date (1 January aside).
pub fn born_the_same(birth_date: &Factor) -> bool {
    birth_date.factor == "birth date" && birth_date.outcome.starts_with("same date")
}

/// Whether the birth date is unknown on one side.
pub fn born_unknown(factors: &[Factor]) -> bool {
    factors
        .iter()
        .any(|f| f.factor == "birth date" && f.outcome.ends_with("unknown"))
}

/// Whether the traveller's nationality is one of the entry's.
pub fn same_nationality(factors: &[Factor]) -> bool {
    factors
        .iter()
        .any(|f| f.factor == "nationality" && f.outcome.starts_with("same"))
}

pub fn gender(traveller: Option<Gender>, entry: Option<Gender>) -> Factor {
    let known = |g: Option<Gender>| g.filter(|g| matches!(g, Gender::M | Gender::F));
    match (known(traveller), known(entry)) {
        (Some(a), Some(b)) if a == b => factor("gender", "same", 0.0),
        (Some(a), Some(b)) => factor(
            "gender",
            format!("different ({} and {})", a.code(), b.code()),
            -0.15,
        ),
        _ => factor("gender", "unknown on one side", 0.0),
    }
}

/// The traveller's nationality against the entry's. A passport of a state
/// the list does not name for the person takes much away where it is what
/// tells namesakes apart, little where the same full birth date already
/// does (`born_the_same`): listed persons acquire nationalities their source
/// never knew.
pub fn nationality<S: AsRef<str>>(
    traveller: Option<&str>,
    entry: &[S],
    born_the_same: bool,
) -> Factor {
    match traveller {
        None => factor("nationality", "traveller's unknown", 0.0),
        Some(_) if entry.is_empty() => factor("nationality", "entry's unknown", 0.0),
        Some(t) if entry.iter().any(|e| e.as_ref().eq_ignore_ascii_case(t)) => {
            factor("nationality", format!("same ({t})"), 0.02)
        }
        // Most namesakes hold another nationality; few listed persons travel
        // on one the list does not know.
        Some(t) => factor(
            "nationality",
            format!(
                "different ({t}; entry {}){}",
                entry
                    .iter()
                    .map(AsRef::as_ref)
                    .collect::<Vec<_>>()
                    .join(", "),
                if born_the_same {
                    ", weighed little beside the same birth date"
                } else {
                    ""
                }
            ),
            if born_the_same { -0.05 } else { -0.15 },
        ),
    }
}

/// A document number as compared: letters and digits only, upper case.
pub fn normalise_number(number: &str) -> String {
    number
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// The same number with the letters machine readers and typists confuse with
/// digits made digits (O→0, I→1, Q→0, L→1).
pub fn confusable_form(normalised: &str) -> String {
    normalised
        .chars()
        .map(|c| match c {
            'O' | 'Q' => '0',
            'I' | 'L' => '1',
            c => c,
        })
        .collect()
}

/// A traveller's document against the entry's documents: the number, then the
/// issuing state of the document whose number agrees.
pub fn documents(traveller: &[Document], entry: &[Document]) -> Vec<Factor> {
    let mut best: Option<(f32, String, Option<String>, Option<String>)> = None;
    for t in traveller {
        let tn = normalise_number(&t.number);
        if tn.len() < 5 {
            continue;
        }
        for e in entry {
            let en = normalise_number(&e.number);
            let (effect, outcome) = if tn == en {
                (0.3, format!("same number ({tn})"))
            } else if confusable_form(&tn) == confusable_form(&en) {
                (
                    0.25,
                    format!("same number but for O/0 or I/1 ({tn} and {en})"),
                )
            } else if tn.len() >= 6 && piu_names::one_slip_apart(tn.as_bytes(), en.as_bytes()) {
                (0.1, format!("one character apart ({tn} and {en})"))
            } else {
                continue;
            };
            if best.as_ref().is_none_or(|b| effect > b.0) {
                best = Some((effect, outcome, t.country.clone(), e.country.clone()));
            }
        }
    }
    let Some((effect, outcome, tc, ec)) = best else {
        return Vec::new();
    };
    let mut out = vec![factor("document", outcome, effect)];
    match (tc, ec) {
        (Some(a), Some(b)) if a.eq_ignore_ascii_case(&b) => {
            out.push(factor("issuing state", format!("same ({a})"), 0.02))
        }
        (Some(a), Some(b)) => out.push(factor(
            "issuing state",
            format!("different ({a} and {b})"),
            -0.1,
        )),
        _ => {}
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u8, day: u8) -> PartialDate {
        PartialDate {
            year: y,
            month: Some(m),
            day: Some(day),
        }
    }

    #[test]
    fn birth_dates() {
        let e = |x| vec![x];
        assert!(birth_date(Some(d(1985, 3, 12)), &e(d(1985, 3, 12))).effect > 0.0);
        assert_eq!(
            birth_date(Some(d(1985, 3, 12)), &e(d(1985, 12, 3))).outcome,
            "day and month swapped (1985-03-12 and 1985-12-03)"
        );
        assert_eq!(
            birth_date(Some(d(1985, 3, 12)), &e(d(1985, 3, 13))).effect,
            0.0,
            "a one-digit slip is neutral"
        );
        assert_eq!(
            birth_date(Some(d(1985, 3, 12)), &e(d(1958, 3, 12))).effect,
            -0.35
        );
        assert!(birth_date(Some(d(1985, 3, 12)), &e(PartialDate::year(1985))).effect > 0.0);
        assert!(
            birth_date(Some(d(1985, 1, 1)), &e(d(1985, 7, 30)))
                .outcome
                .contains("1 January")
        );
        assert_eq!(birth_date(None, &e(d(1985, 3, 12))).effect, 0.0);
        assert!(birth_date(Some(d(1985, 3, 12)), &e(d(1985, 8, 20))).effect < -0.2);
    }

    #[test]
    fn nationalities() {
        assert_eq!(
            nationality(Some("AZE"), &["RUS", "AZE"], false).effect,
            0.02
        );
        assert_eq!(nationality(Some("TUR"), &["AZE"], false).effect, -0.15);
        assert_eq!(nationality::<&str>(Some("TUR"), &[], false).effect, 0.0);
        assert_eq!(nationality(None, &["AZE"], false).effect, 0.0);
        let born = |t, e| born_the_same(&birth_date(Some(t), &[e]));
        assert!(born(d(1985, 3, 12), d(1985, 3, 12)));
        assert!(!born(d(1985, 1, 1), d(1985, 1, 1)), "1 January is a year");
        assert!(!born(d(1985, 3, 12), d(1985, 12, 3)));
        assert_eq!(nationality(Some("TUR"), &["AZE"], true).effect, -0.05);
    }

    #[test]
    fn what_tells_namesakes_apart() {
        let f = |bd: Factor| telling(&[bd]);
        let e = |x| vec![x];
        let t = Some(d(1985, 3, 12));
        assert_eq!(f(birth_date(t, &e(d(1985, 3, 12)))), Telling::Apart);
        assert_eq!(f(birth_date(t, &e(d(1985, 8, 20)))), Telling::Apart);
        assert_eq!(f(birth_date(t, &e(d(1985, 3, 13)))), Telling::OneDigit);
        assert_eq!(
            f(birth_date(t, &e(PartialDate::year(1985)))),
            Telling::SameYear
        );
        assert_eq!(
            f(birth_date(t, &e(PartialDate::year(1986)))),
            Telling::Nothing
        );
        assert_eq!(f(birth_date(None, &e(d(1985, 3, 12)))), Telling::Nothing);
        assert_eq!(f(birth_date(t, &[])), Telling::Nothing);
        let doc = Factor {
            factor: "document",
            outcome: "same number (C1234567)".into(),
            effect: 0.3,
        };
        assert_eq!(
            telling(&[birth_date(None, &e(d(1985, 3, 12))), doc]),
            Telling::Apart
        );
    }

    #[test]
    fn document_numbers() {
        let doc = |n: &str, c: &str| Document {
            number: n.into(),
            kind: None,
            country: Some(c.into()),
        };
        let f = documents(&[doc("C 1234567", "AZE")], &[doc("C1234567", "AZE")]);
        assert_eq!(f[0].effect, 0.3);
        assert_eq!(f[1].outcome, "same (AZE)");
        let f = documents(&[doc("AO1234567", "AZE")], &[doc("A01234567", "RUS")]);
        assert_eq!(f[0].effect, 0.25);
        assert!(f[1].effect < 0.0);
        assert_eq!(
            documents(&[doc("C1234567", "AZE")], &[doc("C1243567", "AZE")])[0].effect,
            0.1,
            "swap"
        );
        assert!(documents(&[doc("C1234567", "AZE")], &[doc("X9876543", "AZE")]).is_empty());
    }
}

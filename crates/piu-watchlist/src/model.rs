//! The one shape every watchlist is read into, whatever its source format.

use std::fmt;

pub use piu_model::{Gender, Purpose, Severity};
use serde::{Deserialize, Serialize};
use time::Date;

time::serde::format_description!(iso_date, Date, "[year]-[month]-[day]");

/// What a list is and who answers for it: screening needs the owner to route a
/// hit, the purpose to keep PNR and API data to their lawful uses, and the
/// version to tell which content produced a hit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct List {
    /// Short stable name, e.g. "national-terrorism".
    pub name: String,
    pub owner_agency: String,
    /// Free text: "terrorism", "wanted", "sanctions", "lost-stolen-documents".
    pub category: String,
    pub severity: Severity,
    pub purpose: Purpose,
    #[serde(with = "iso_date::option")]
    pub valid_from: Option<Date>,
    #[serde(with = "iso_date::option")]
    pub valid_until: Option<Date>,
    /// Name-score threshold for this list; `None` means screening's default.
    pub threshold: Option<f32>,
    /// Content version: as given, else the first 16 hex digits of the SHA-256
    /// of the source bytes, so two imports of the same bytes agree.
    pub version: String,
}

/// A person on a list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// Stable id from the source: the CSV id column, the UN reference number
    /// (or DATAID), the FollowTheMoney id.
    pub id: String,
    /// `names[0]` is the primary name, the others aliases; each one string,
    /// "Surname, Given Middle" or plain.
    pub names: Vec<String>,
    /// Indexes into `names` of aliases the source calls weak (UN "Low"
    /// quality, FollowTheMoney `weakAlias`): too common or too vague to hit on
    /// alone.
    pub weak_aliases: Vec<usize>,
    /// The parts of `names[0]` when the source gives them apart.
    pub name_parts: Option<NameParts>,
    pub gender: Option<Gender>,
    /// Several when the source gives several dates or a short range of years.
    pub birth_dates: Vec<PartialDate>,
    /// ISO 3166-1 alpha-3, upper case.
    pub nationalities: Vec<String>,
    pub documents: Vec<Document>,
    pub category: Option<String>,
    /// The list a row names, for files that hold several lists (CSV `list`
    /// column, FollowTheMoney datasets).
    pub list: Option<String>,
    pub provenance: Provenance,
}

/// A name given as separate fields, so screening need not guess which word is
/// the surname.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NameParts {
    pub first: String,
    pub middle: String,
    pub last: String,
}

/// A date of which only the year, or year and month, may be known. The day is
/// only ever present with the month.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl PartialDate {
    pub fn year(year: i32) -> Self {
        PartialDate {
            year,
            month: None,
            day: None,
        }
    }

    pub fn year_month(year: i32, month: u8) -> Self {
        PartialDate {
            year,
            month: Some(month),
            day: None,
        }
    }

    pub fn full(date: Date) -> Self {
        PartialDate {
            year: date.year(),
            month: Some(u8::from(date.month())),
            day: Some(date.day()),
        }
    }
}

impl fmt::Display for PartialDate {
    /// ISO 8601 with the unknown parts left off: 1975, 1975-10, 1975-10-11.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        Ok(())
    }
}

/// An identity document of a listed person.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    pub number: String,
    pub kind: Option<String>,
    /// Issuing country, alpha-3.
    pub country: Option<String>,
}

/// Where an entry came from, so an analyst can find it in the source file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provenance {
    /// The file name as given to the importer.
    pub source: String,
    /// "row 12", "line 7", "INDIVIDUAL DATAID 6908555".
    pub locator: String,
    /// The record's own identifier in the source, when it has one.
    pub source_id: Option<String>,
}

/// A lost, stolen or invalid travel document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentEntry {
    pub id: String,
    pub number: String,
    pub kind: Option<String>,
    /// Alpha-3.
    pub issuing_state: Option<String>,
    pub status: DocumentStatus,
    pub provenance: Provenance,
}

/// Why a document may not be used to travel.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DocumentStatus {
    Lost,
    Stolen,
    Invalid,
    Revoked,
}

/// A record not imported (or, among warnings, imported with a doubt), with its
/// place in the source and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Refusal {
    pub locator: String,
    pub reason: String,
}

impl Refusal {
    pub fn new(locator: impl Into<String>, reason: impl Into<String>) -> Self {
        Refusal {
            locator: locator.into(),
            reason: reason.into(),
        }
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.locator, self.reason)
    }
}

/// What one file gave: persons, documents, and every record refused. Each
/// record of the source is in exactly one of `entries`, `documents` or
/// `refused`; warnings come on top.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Import {
    pub entries: Vec<Entry>,
    pub documents: Vec<DocumentEntry>,
    pub refused: Vec<Refusal>,
    pub warnings: Vec<Refusal>,
}

/// How to read dates whose form does not say which number is the day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DateFormat {
    /// ISO 8601 only: YYYY, YYYY-MM, YYYY-MM-DD.
    Iso,
    DayMonthYear,
    MonthDayYear,
    YearMonthDay,
}

/// What an importer needs to know beyond the bytes.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Options {
    /// How to read ambiguous dates; without it they are refused.
    pub date_format: Option<DateFormat>,
    /// File name for provenance.
    pub source: String,
}

impl Options {
    pub fn new(source: impl Into<String>) -> Self {
        Options {
            date_format: None,
            source: source.into(),
        }
    }
}

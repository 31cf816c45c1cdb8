//! The generated list, travellers and truth as CSV: the list and the
//! travellers in the national-list columns `piu_watchlist::import_csv` reads,
//! so both go through the same importer as a real list.

use std::borrow::Borrow;
use std::io::{self, BufWriter, Write};

use piu_model::Gender;
use piu_watchlist::Entry;

use super::SyntheticTraveller;

const LIST_HEADER: &str = "id,full_name,first_name,middle_name,last_name,aliases,gender,\
date_of_birth,nationality,document_number,document_type,document_country,category,list";

const TRAVELLER_HEADER: &str =
    "id,full_name,gender,date_of_birth,nationality,document_number,document_country";

/// A field quoted when it holds a separator, a quote or a line break.
fn field(out: &mut impl Write, value: &str) -> io::Result<()> {
    if value.contains([',', '"', '\n', '\r', ';']) || value.trim() != value {
        out.write_all(b"\"")?;
        out.write_all(value.replace('"', "\"\"").as_bytes())?;
        out.write_all(b"\"")
    } else {
        out.write_all(value.as_bytes())
    }
}

fn row(out: &mut impl Write, values: &[&str]) -> io::Result<()> {
    for (i, v) in values.iter().enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        field(out, v)?;
    }
    out.write_all(b"\n")
}

fn gender(g: Option<Gender>) -> &'static str {
    g.map_or("", Gender::code)
}

/// Writes entries — a slice, or [`entries`](super::entries) one at a time
/// for a list too large to hold; aliases, dates, nationalities and documents
/// are separated by `;` within their fields. Weak-alias marks and provenance
/// have no column and are not written.
pub fn write_watchlist_csv(
    entries: impl IntoIterator<Item = impl Borrow<Entry>>,
    out: impl Write,
) -> io::Result<()> {
    let mut out = BufWriter::with_capacity(1 << 16, out);
    writeln!(out, "{LIST_HEADER}")?;
    for e in entries {
        let e = e.borrow();
        let parts = e.name_parts.as_ref();
        let part = |f: fn(&piu_watchlist::NameParts) -> &str| parts.map_or("", f);
        let join = |xs: Vec<&str>| xs.join(";");
        let dates: Vec<String> = e.birth_dates.iter().map(ToString::to_string).collect();
        row(
            &mut out,
            &[
                &e.id,
                e.names.first().map_or("", String::as_str),
                part(|p| &p.first),
                part(|p| &p.middle),
                part(|p| &p.last),
                &join(e.names.iter().skip(1).map(String::as_str).collect()),
                gender(e.gender),
                &dates.join(";"),
                &join(e.nationalities.iter().map(String::as_str).collect()),
                &join(e.documents.iter().map(|d| d.number.as_str()).collect()),
                &join(
                    e.documents
                        .iter()
                        .filter_map(|d| d.kind.as_deref())
                        .collect(),
                ),
                &join(
                    e.documents
                        .iter()
                        .filter_map(|d| d.country.as_deref())
                        .collect(),
                ),
                e.category.as_deref().unwrap_or(""),
                e.list.as_deref().unwrap_or(""),
            ],
        )?;
    }
    out.flush()
}

/// Writes travellers in the list's columns, one name each, so that the same
/// importer reads them.
pub fn write_travellers_csv(travellers: &[SyntheticTraveller], out: impl Write) -> io::Result<()> {
    let mut out = BufWriter::with_capacity(1 << 16, out);
    writeln!(out, "{TRAVELLER_HEADER}")?;
    for t in travellers {
        let dob = t.birth_date.map(|d| d.to_string()).unwrap_or_default();
        row(
            &mut out,
            &[
                &t.id,
                &t.name,
                gender(t.gender),
                &dob,
                t.nationality.as_deref().unwrap_or(""),
                t.document_number.as_deref().unwrap_or(""),
                t.document_country.as_deref().unwrap_or(""),
            ],
        )?;
    }
    out.flush()
}

/// Writes which traveller was derived from which entry, and how:
/// `id,planted_entry,variation`, the entry empty for clean travellers.
pub fn write_truth_csv(travellers: &[SyntheticTraveller], out: impl Write) -> io::Result<()> {
    let mut out = BufWriter::with_capacity(1 << 16, out);
    writeln!(out, "id,planted_entry,variation")?;
    for t in travellers {
        row(
            &mut out,
            &[&t.id, t.planted.as_deref().unwrap_or(""), t.variation],
        )?;
    }
    out.flush()
}

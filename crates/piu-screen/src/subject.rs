//! A traveller as screening sees one: a name, the evidence beside it, and what
//! data it came from (which decides the lists it may be screened against).

use piu_model::{Gender, Message, Traveller};
use piu_watchlist::{Document, PartialDate, Purpose};
use serde::Serialize;
use time::Date;

/// Where a traveller's data came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    /// Advance passenger information (PAXLST): every list.
    Api,
    /// A passenger name record: lists for terrorism and serious crime only (EU
    /// PNR Directive 2016/681, C-817/19).
    Pnr,
    /// A traveller file given by an analyst: every list.
    File,
}

impl Source {
    /// Whether data from here may be screened against a list for `purpose`.
    pub fn allows(self, purpose: Purpose) -> bool {
        !(self == Source::Pnr && purpose == Purpose::BorderMigration)
    }
}

/// One traveller to screen.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Subject {
    /// How the caller refers to the traveller: a CSV row number, a message
    /// and traveller position, a traveller id.
    pub reference: String,
    /// The name in a form the name reader knows (`SURNAME/GIVEN NAMES` when the
    /// parts are known).
    pub name: String,
    pub gender: Option<Gender>,
    pub birth_date: Option<PartialDate>,
    pub nationality: Option<String>,
    pub documents: Vec<Document>,
    pub source: Source,
    /// The day the screening concerns (the flight's date), for list validity.
    pub on: Option<Date>,
    /// What identifies the journey (carrier, flight number, date).
    pub journey: String,
    /// The traveller on this journey, stable when the same booking is pushed
    /// again: journey, record locator and passenger reference (or name).
    pub identity: String,
}

impl Subject {
    /// The traveller at `index` of a message read from a carrier.
    pub fn from_message(message: &Message, index: usize, reference: String) -> Option<Subject> {
        let t: &Traveller = message.travellers.get(index)?;
        let source = match message.meta.format {
            piu_model::Format::Paxlst => Source::Api,
            _ => Source::Pnr,
        };
        let flight = message.flight.as_ref();
        let on = flight.and_then(|f| f.departure.map(|d| d.date));
        let journey = flight
            .map(|f| {
                format!(
                    "{}{} {}",
                    f.carrier,
                    f.number,
                    on.map(|d| d.to_string()).unwrap_or_default()
                )
            })
            .unwrap_or_default();
        let name = if t.given_names.is_empty() {
            t.surname.clone()
        } else {
            format!("{}/{}", t.surname, t.given_names)
        };
        let who = t
            .passenger_ref
            .clone()
            .unwrap_or_else(|| name.to_uppercase());
        let identity = format!("{journey}|{}|{who}", t.booking_ref.as_deref().unwrap_or(""));
        Some(Subject {
            reference,
            name,
            gender: t.gender,
            birth_date: t.date_of_birth.map(PartialDate::full),
            nationality: t.nationality.clone(),
            documents: t
                .documents
                .iter()
                .filter_map(|d| {
                    Some(Document {
                        number: d.number.clone()?,
                        kind: d.kind.clone(),
                        country: d.issuing_country.clone(),
                    })
                })
                .collect(),
            source,
            on,
            journey,
            identity,
        })
    }

    /// The traveller's data as screened: name, birth date, nationality,
    /// documents. A hit reviewed as a false positive is raised again only when
    /// this (or the entry) changes.
    pub fn fingerprint(&self) -> String {
        let docs: Vec<&str> = self.documents.iter().map(|d| d.number.as_str()).collect();
        format!(
            "{}|{}|{}|{}",
            self.name.to_uppercase(),
            self.birth_date.map(|d| d.to_string()).unwrap_or_default(),
            self.nationality.as_deref().unwrap_or(""),
            docs.join(",")
        )
    }
}

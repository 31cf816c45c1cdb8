//! The demo's watchlists, made from the simulated day itself so that it
//! yields hits for both purposes: a wanted-persons list for terrorism and
//! serious crime planted with variants of some travellers (the same name, the
//! birth year only, a doubled letter written once), and a lost and stolen
//! documents list for border and migration holding other travellers'
//! document numbers.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use anyhow::Context;
use piu_model::{Role, Traveller};
use piu_sim::{Day, Kind};

/// The files this module writes, relative to the demo's folder.
pub const FILES: [&str; 4] = [
    "persons.csv",
    "persons.list.json",
    "documents.csv",
    "documents.list.json",
];

/// Persons and documents planted.
const PERSONS: usize = 12;
const DOCUMENTS: usize = 8;

/// Passengers of the day's passenger lists with a birth date and a document,
/// once each, in the order they were sent.
fn passengers(day: &Day) -> Vec<&Traveller> {
    let mut seen = BTreeSet::new();
    day.messages
        .iter()
        .filter(|generated| generated.kind == Kind::Passengers)
        .flat_map(|generated| &generated.message.travellers)
        .filter(|traveller| traveller.role == Role::Passenger && traveller.date_of_birth.is_some())
        .filter(|traveller| {
            document(traveller).is_some_and(|number| seen.insert(number.to_owned()))
        })
        .collect()
}

fn document(traveller: &Traveller) -> Option<&str> {
    traveller
        .documents
        .iter()
        .find_map(|document| document.number.as_deref())
        .filter(|number| !number.trim().is_empty())
}

/// A field of a CSV row, quoted.
fn field(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

/// The first doubled letter written once (MAMMADOV → MAMADOV), if there is one.
fn single_letter(name: &str) -> Option<String> {
    let chars: Vec<char> = name.chars().collect();
    let at = chars
        .windows(2)
        .position(|pair| pair[0] == pair[1] && pair[0].is_alphabetic())?;
    Some(chars[..at].iter().chain(&chars[at + 1..]).collect())
}

fn persons_csv(planted: &[&Traveller]) -> String {
    let mut csv = String::from("id,last_name,first_name,gender,date_of_birth,nationality\n");
    for (number, traveller) in planted.iter().enumerate() {
        let Some(born) = traveller.date_of_birth else {
            continue;
        };
        let (surname, born) = match number % 3 {
            0 => (traveller.surname.clone(), born.to_string()),
            1 => (traveller.surname.clone(), born.year().to_string()),
            _ => (
                single_letter(&traveller.surname).unwrap_or_else(|| traveller.surname.clone()),
                born.to_string(),
            ),
        };
        let gender = match traveller.gender {
            Some(piu_model::Gender::M) => "M",
            Some(piu_model::Gender::F) => "F",
            _ => "",
        };
        let row = [
            format!("DEMO-P-{:04}", number + 1),
            surname,
            traveller.given_names.clone(),
            gender.to_owned(),
            born,
            traveller.nationality.clone().unwrap_or_default(),
        ];
        let row: Vec<String> = row.iter().map(|text| field(text)).collect();
        csv.push_str(&row.join(","));
        csv.push('\n');
    }
    csv
}

fn documents_csv(planted: &[&Traveller]) -> String {
    let mut csv = String::from("id,document_number,document_type,issuing_state,status\n");
    for (number, traveller) in planted.iter().enumerate() {
        let Some(document) = traveller.documents.iter().find(|d| d.number.is_some()) else {
            continue;
        };
        let row = [
            format!("DEMO-D-{:04}", number + 1),
            document.number.clone().unwrap_or_default(),
            "passport".to_owned(),
            document.issuing_country.clone().unwrap_or_default(),
            if number % 2 == 0 { "stolen" } else { "lost" }.to_owned(),
        ];
        let row: Vec<String> = row.iter().map(|text| field(text)).collect();
        csv.push_str(&row.join(","));
        csv.push('\n');
    }
    csv
}

const PERSONS_DESCRIPTOR: &str = r#"{
  "name": "demo-wanted-persons",
  "owner_agency": "Ministry of Internal Affairs (demo)",
  "category": "wanted",
  "severity": "high",
  "purpose": "serious-crime",
  "source": "persons.csv"
}
"#;

const DOCUMENTS_DESCRIPTOR: &str = r#"{
  "name": "demo-lost-stolen-documents",
  "owner_agency": "State Migration Service (demo)",
  "severity": "medium",
  "purpose": "border-migration",
  "source": "documents.csv",
  "format": "documents-csv"
}
"#;

/// Writes both lists into `dir`; the descriptors' paths, and how many persons
/// and documents were planted.
pub fn write(day: &Day, dir: &Path) -> anyhow::Result<(Vec<PathBuf>, usize, usize)> {
    let passengers = passengers(day);
    anyhow::ensure!(
        passengers.len() >= PERSONS + DOCUMENTS,
        "the simulated day has only {} passengers with a birth date and a document",
        passengers.len()
    );
    // Spread over the day: every step-th passenger, persons and documents
    // taken from different ones.
    let step = passengers.len() / (PERSONS + DOCUMENTS);
    let chosen: Vec<&Traveller> = passengers.iter().step_by(step).copied().collect();
    let (persons, documents) = chosen.split_at(PERSONS);
    let documents = &documents[..DOCUMENTS.min(documents.len())];
    let files = [
        ("persons.csv", persons_csv(persons)),
        ("persons.list.json", PERSONS_DESCRIPTOR.to_owned()),
        ("documents.csv", documents_csv(documents)),
        ("documents.list.json", DOCUMENTS_DESCRIPTOR.to_owned()),
    ];
    for (name, text) in files {
        let path = dir.join(name);
        std::fs::write(&path, text).with_context(|| format!("writing {}", path.display()))?;
    }
    Ok((
        vec![
            dir.join("persons.list.json"),
            dir.join("documents.list.json"),
        ],
        persons.len(),
        documents.len(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_doubled_letter_is_written_once() {
        assert_eq!(single_letter("MAMMADOV").as_deref(), Some("MAMADOV"));
        assert_eq!(single_letter("ALIYEV"), None);
    }

    #[test]
    fn a_day_gives_both_lists() {
        let day = piu_sim::simulate(time::macros::date!(2026 - 11 - 21), 1);
        let dir = tempfile::tempdir().expect("a temporary folder");
        let (lists, persons, documents) = write(&day, dir.path()).expect("lists");
        assert_eq!((lists.len(), persons, documents), (2, PERSONS, DOCUMENTS));
        let csv = std::fs::read_to_string(dir.path().join("persons.csv")).expect("read");
        assert_eq!(csv.lines().count(), PERSONS + 1);
    }
}

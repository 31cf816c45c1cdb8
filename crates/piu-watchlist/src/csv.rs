//! Persons from a national list kept as CSV. The file is the agency's own, so
//! a doubtful value refuses the row — to be fixed at the source — rather than
//! put a guess on a watchlist.

use std::collections::HashMap;

use crate::dates::parse_dates;
use crate::fields::{countries, country, gender, joined_name, push_name, split_list};
use crate::table::{Row, Table};
use crate::text::decode_table;
use crate::{Document, Entry, Import, ImportError, NameParts, Options, Provenance, Refusal};

pub(crate) const COLUMNS: &[&str] = &[
    "id",
    "full_name",
    "first_name",
    "middle_name",
    "last_name",
    "aliases",
    "gender",
    "date_of_birth",
    "nationality",
    "document_number",
    "document_type",
    "document_country",
    "category",
    "list",
];

/// Reads persons from CSV (comma, semicolon or tab separated) by its header.
/// Every data row becomes an entry or a refusal.
pub fn import_csv(bytes: &[u8], options: &Options) -> Result<Import, ImportError> {
    let (text, encoding_note) = decode_table(bytes)?;
    let mut table = Table::open(&text, COLUMNS)?;
    if !["full_name", "first_name", "last_name"]
        .iter()
        .any(|c| table.has(c))
    {
        return Err(ImportError::MissingColumn {
            line: 1,
            needed: "name (full_name, or first_name and last_name)".to_string(),
            header: table.header.clone(),
        });
    }
    let mut out = Import::default();
    if let Some(note) = encoding_note {
        out.warnings.push(Refusal::new("file", note));
    }
    out.warnings.append(&mut table.warnings);
    if !table.has("id") {
        out.warnings.push(Refusal::new(
            "row 1",
            "no id column: entries take their row number as id (row-N), which changes when rows move",
        ));
    }
    let mut seen: HashMap<String, usize> = HashMap::new();
    while let Some(row) = table.next_filled_row(&mut out.refused) {
        let locator = row.locator();
        let id = match table.has("id") {
            true => table.get(&row, "id").to_string(),
            false => format!("row-{}", row.number),
        };
        if id.is_empty() {
            out.refused.push(Refusal::new(locator, "id is empty"));
            continue;
        }
        if let Some(first) = seen.get(&id) {
            out.refused.push(Refusal::new(
                locator,
                format!("duplicate id {id} (first on row {first})"),
            ));
            continue;
        }
        seen.insert(id.clone(), row.number);
        if row.extra_values() > 0 {
            out.warnings.push(Refusal::new(
                locator.clone(),
                format!(
                    "{} values beyond the header's {} columns, ignored",
                    row.extra_values(),
                    table.header.len()
                ),
            ));
        }
        let mut notes = Vec::new();
        match person(&table, &row, id, options, &mut notes) {
            Ok(entry) => out.entries.push(entry),
            Err(reason) => out.refused.push(Refusal::new(locator.clone(), reason)),
        }
        out.warnings
            .extend(notes.into_iter().map(|n| Refusal::new(locator.clone(), n)));
    }
    Ok(out)
}

fn person(
    table: &Table<'_>,
    row: &Row,
    id: String,
    options: &Options,
    notes: &mut Vec<String>,
) -> Result<Entry, String> {
    let get = |c: &str| table.get(row, c);
    let (first, middle, last) = (get("first_name"), get("middle_name"), get("last_name"));
    let has_parts = !first.is_empty() || !last.is_empty();
    let mut names = Vec::new();
    if !get("full_name").is_empty() {
        push_name(&mut names, get("full_name"));
    } else if has_parts {
        // A middle name alone names nobody.
        push_name(&mut names, &joined_name(first, middle, last));
    }
    if names.is_empty() {
        return Err("no name: full_name, first_name and last_name are empty".to_string());
    }
    for alias in split_list(get("aliases")) {
        push_name(&mut names, alias);
    }
    let name_parts = has_parts.then(|| NameParts {
        first: first.to_string(),
        middle: middle.to_string(),
        last: last.to_string(),
    });
    let gender = gender(get("gender")).unwrap_or_else(|()| {
        notes.push(format!(
            "gender {} not understood; left empty",
            get("gender")
        ));
        None
    });
    let dob = get("date_of_birth");
    let reading =
        parse_dates(dob, options.date_format).map_err(|e| format!("date_of_birth {e}"))?;
    notes.extend(reading.notes.iter().map(|n| format!("date_of_birth {n}")));
    let nationalities = countries(get("nationality")).map_err(|v| {
        format!("nationality {v} is not a known country (give alpha-2, alpha-3 or an English name)")
    })?;
    let documents = documents(&get)?;
    let text = |c: &str| Some(get(c).to_string()).filter(|v| !v.is_empty());
    Ok(Entry {
        names,
        weak_aliases: Vec::new(),
        name_parts,
        gender,
        birth_dates: reading.dates,
        nationalities,
        documents,
        category: text("category"),
        list: text("list"),
        provenance: Provenance {
            source: options.source.clone(),
            locator: row.locator(),
            source_id: table.has("id").then(|| id.clone()),
        },
        id,
    })
}

/// Documents from `document_number` (several separated by `;`), with a type
/// and country each, or one type and country for all.
fn documents<'r>(get: &impl Fn(&str) -> &'r str) -> Result<Vec<Document>, String> {
    let numbers: Vec<&str> = split_list(get("document_number")).collect();
    let kinds: Vec<&str> = split_list(get("document_type")).collect();
    let states: Vec<&str> = split_list(get("document_country")).collect();
    if numbers.is_empty() {
        return Ok(Vec::new());
    }
    let pick = |values: &[&'r str], column: &str, i: usize| -> Result<Option<&'r str>, String> {
        match values.len() {
            0 => Ok(None),
            1 => Ok(values.first().copied()),
            n if n == numbers.len() => Ok(values.get(i).copied()),
            n => Err(format!(
                "{column} has {n} values for {} document numbers",
                numbers.len()
            )),
        }
    };
    let mut out = Vec::new();
    for (i, number) in numbers.iter().enumerate() {
        let kind = pick(&kinds, "document_type", i)?;
        let state = match pick(&states, "document_country", i)? {
            Some(s) => Some(country(s).map_err(|v| {
                format!("document_country {v} is not a known country (give alpha-2, alpha-3 or an English name)")
            })?),
            None => None,
        };
        out.push(Document {
            number: number.to_string(),
            kind: kind.map(str::to_string),
            country: state,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{DateFormat, PartialDate};
    use piu_model::Gender;

    fn opts() -> Options {
        Options::new("t.csv")
    }

    fn refusals(i: &Import) -> Vec<String> {
        i.refused.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn a_full_row() {
        let csv = "id,first_name,middle_name,last_name,aliases,gender,date_of_birth,nationality,document_number,document_type,document_country,category,list\n\
                   N1,Rashad,Elchin,Aliyev,Rəşad Əliyev; R. ALIYEV,M,1975-10,az;Russia,C01234567,passport,AZ,wanted,national\n";
        let i = import_csv(csv.as_bytes(), &opts()).unwrap();
        assert!(i.refused.is_empty() && i.warnings.is_empty(), "{i:?}");
        let e = &i.entries[0];
        assert_eq!(e.id, "N1");
        assert_eq!(
            e.names,
            ["Aliyev, Rashad Elchin", "Rəşad Əliyev", "R. ALIYEV"]
        );
        assert_eq!(e.name_parts.as_ref().unwrap().last, "Aliyev");
        assert_eq!(e.gender, Some(Gender::M));
        assert_eq!(e.birth_dates, [PartialDate::year_month(1975, 10)]);
        assert_eq!(e.nationalities, ["AZE", "RUS"]);
        assert_eq!(e.documents[0].country.as_deref(), Some("AZE"));
        assert_eq!(e.category.as_deref(), Some("wanted"));
        assert_eq!(e.list.as_deref(), Some("national"));
        assert_eq!(e.provenance.locator, "row 2");
        assert_eq!(e.provenance.source, "t.csv");
        assert_eq!(e.provenance.source_id.as_deref(), Some("N1"));
    }

    #[test]
    fn each_refusal_with_its_row() {
        let csv = "id,full_name,date_of_birth,nationality,document_number,document_country\n\
                   1,Ivanov Ivan,1970,RU,,\n\
                   2,,1970,,,\n\
                   3,Petrov Pyotr,11-10-1975,,,\n\
                   4,Sidorov Oleg,,Narnia,,\n\
                   1,Smirnov Anton,,,,\n\
                   5,Orlov Igor,1971-02-30,,,\n\
                   6,Kozlov Ilya,,,P1,Atlantis\n\
                   ,Volkov Yuri,,,,\n\
                   ,,,,,\n";
        let i = import_csv(csv.as_bytes(), &opts()).unwrap();
        assert_eq!(i.entries.len(), 1);
        assert_eq!(
            refusals(&i),
            [
                "row 3: no name: full_name, first_name and last_name are empty",
                "row 4: date_of_birth 11-10-1975 is ambiguous (day-month or month-day); give a date format",
                "row 5: nationality Narnia is not a known country (give alpha-2, alpha-3 or an English name)",
                "row 6: duplicate id 1 (first on row 2)",
                "row 7: date_of_birth 1971-02-30 is not a date: February has no day 30",
                "row 8: document_country Atlantis is not a known country (give alpha-2, alpha-3 or an English name)",
                "row 9: id is empty",
                "row 10: empty row",
            ]
        );
        assert_eq!(i.entries.len() + i.refused.len(), 9);
    }

    #[test]
    fn date_format_and_unambiguous_guess() {
        let csv = "id,full_name,date_of_birth\n1,A B,11-10-1975\n2,C D,25-10-1975\n";
        let i = import_csv(csv.as_bytes(), &opts()).unwrap();
        assert_eq!(i.entries.len(), 1);
        assert_eq!(i.entries[0].id, "2");
        assert_eq!(i.warnings.len(), 1);
        assert!(i.warnings[0].to_string().starts_with(
            "row 3: date_of_birth 25-10-1975 read as day-month-year (25 October 1975)"
        ));
        let o = Options {
            date_format: Some(DateFormat::DayMonthYear),
            ..opts()
        };
        let i = import_csv(csv.as_bytes(), &o).unwrap();
        assert_eq!(i.entries.len(), 2);
        assert!(i.warnings.is_empty());
        assert_eq!(i.entries[0].birth_dates[0].to_string(), "1975-10-11");
    }

    #[test]
    fn whole_file_failures() {
        let e = import_csv(b"id,dob\n1,1970\n", &opts()).unwrap_err();
        assert_eq!(
            e.to_string(),
            "line 1: the header has no name (full_name, or first_name and last_name) column (it has: id, dob)"
        );
        assert_eq!(import_csv(b"", &opts()).unwrap_err(), ImportError::NoHeader);
    }

    #[test]
    fn windows_1252_and_unknown_columns_warn() {
        let i = import_csv(b"full_name,shoe\nM\xfcller Hans,42\n", &opts()).unwrap();
        assert_eq!(i.entries[0].names[0], "Müller Hans");
        assert_eq!(i.entries[0].id, "row-2");
        let w: Vec<String> = i.warnings.iter().map(ToString::to_string).collect();
        assert_eq!(
            w,
            [
                "file: the file is not UTF-8 (byte 16 is not valid UTF-8); read as Windows-1252",
                "row 1: columns not used, ignored: shoe",
                "row 1: no id column: entries take their row number as id (row-N), which changes when rows move",
            ]
        );
    }

    #[test]
    fn several_documents() {
        let csv = "full_name,document_number,document_type,document_country\n\
                   A B,P1;P2,passport,AZ;TR\nC D,P3;P4,passport,AZ;TR;RU\n";
        let i = import_csv(csv.as_bytes(), &opts()).unwrap();
        assert_eq!(i.entries[0].documents.len(), 2);
        assert_eq!(i.entries[0].documents[1].country.as_deref(), Some("TUR"));
        assert_eq!(
            refusals(&i),
            ["row 3: document_country has 3 values for 2 document numbers"]
        );
    }

    #[test]
    fn odd_gender_is_a_warning_not_a_refusal() {
        let i = import_csv(b"id,full_name,gender\n1,A B,maybe\n", &opts()).unwrap();
        assert_eq!(i.entries.len(), 1);
        assert_eq!(i.entries[0].gender, None);
        assert_eq!(
            i.warnings[0].to_string(),
            "row 2: gender maybe not understood; left empty"
        );
    }

    proptest::proptest! {
        /// Whatever the values, each data row is an entry or a refusal.
        #[test]
        fn every_row_is_accounted_for(rows in proptest::collection::vec(
            (
                "[a-zA-Z0-9 ]{0,3}",
                "[A-Za-zƏə ,;\"\n]{0,12}",
                "[0-9./ -]{0,11}",
                "[A-Za-z;]{0,6}",
                "[MFx]{0,1}",
            ),
            0..20,
        )) {
            let mut w = ::csv::Writer::from_writer(Vec::new());
            w.write_record(["id", "full_name", "date_of_birth", "nationality", "gender"]).unwrap();
            for (id, name, dob, nat, sex) in &rows {
                w.write_record([id, name, dob, nat, sex]).unwrap();
            }
            let bytes = w.into_inner().unwrap();
            let i = import_csv(&bytes, &opts()).unwrap();
            proptest::prop_assert_eq!(i.entries.len() + i.refused.len(), rows.len());
            for e in &i.entries {
                proptest::prop_assert!(!e.names.is_empty());
            }
        }
    }
}

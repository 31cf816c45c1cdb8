//! The sample watchlists in `samples/watchlists` read as their README says.

use std::path::PathBuf;

use piu_model::Gender;
use piu_watchlist::{
    DocumentStatus, Entry, Format, Import, Options, PartialDate, Purpose, Severity,
    content_version, detect, import_ftm_jsonl, import_un_xml, read_descriptor,
};

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../samples/watchlists")
}

fn bytes(name: &str) -> Vec<u8> {
    std::fs::read(dir().join(name)).unwrap()
}

fn strings<T: ToString>(items: &[T]) -> Vec<String> {
    items.iter().map(ToString::to_string).collect()
}

fn entry<'a>(import: &'a Import, id: &str) -> &'a Entry {
    import
        .entries
        .iter()
        .find(|e| e.id == id)
        .unwrap_or_else(|| panic!("no entry {id}"))
}

fn data_rows(name: &str) -> usize {
    String::from_utf8(bytes(name)).unwrap().lines().count() - 1
}

#[test]
fn national_list() {
    let file = read_descriptor(&bytes("national.list.json"), &dir()).unwrap();
    assert_eq!(file.format, Format::Csv);
    assert_eq!(file.list.name, "national-wanted");
    assert_eq!(file.list.category, "wanted");
    assert_eq!(file.list.severity, Severity::High);
    assert_eq!(file.list.purpose, Purpose::SeriousCrime);
    assert_eq!(file.list.threshold, Some(0.85));
    assert_eq!(file.list.version, content_version(&bytes("national.csv")));
    let import = file.import().unwrap();
    assert_eq!(
        strings(&import.refused),
        [
            "row 11: no name: full_name, first_name and last_name are empty",
            "row 12: date_of_birth 11-10-1975 is ambiguous (day-month or month-day); give a date format",
            "row 13: nationality Freedonia is not a known country (give alpha-2, alpha-3 or an English name)",
            "row 14: duplicate id NW-0003 (first on row 4)",
            "row 15: date_of_birth 1987-02-29 is not a date: February has no day 29",
        ]
    );
    assert_eq!(
        strings(&import.warnings),
        [
            "row 1: columns not used, ignored: case_officer",
            "row 9: date_of_birth 25-10-1975 read as day-month-year (25 October 1975), the only valid reading; give a date format to be sure",
        ]
    );
    assert_eq!(import.entries.len(), 11);
    assert_eq!(
        import.entries.len() + import.refused.len(),
        data_rows("national.csv")
    );

    let e = entry(&import, "NW-0001");
    assert_eq!(
        e.names,
        [
            "Həsənov, Elnur Vaqif oğlu",
            "Hasanov Elnur",
            "Gasanov Elnur Vagifovich"
        ]
    );
    assert_eq!(e.name_parts.as_ref().unwrap().middle, "Vaqif oğlu");
    assert_eq!(
        e.birth_dates,
        [PartialDate::full(time::macros::date!(1979 - 03 - 14))]
    );
    assert_eq!(e.provenance.source, "national.csv");
    assert_eq!(e.provenance.locator, "row 2");
    assert_eq!(e.list.as_deref(), Some("national-wanted"));

    assert_eq!(entry(&import, "NW-0003").nationalities, ["UZB", "RUS"]);
    assert_eq!(entry(&import, "NW-0003").names.len(), 3);
    assert_eq!(entry(&import, "NW-0004").gender, Some(Gender::F));
    assert_eq!(
        entry(&import, "NW-0004").documents[0].country.as_deref(),
        Some("RUS")
    );
    let e = entry(&import, "NW-0006");
    assert_eq!(e.nationalities, ["IRN"]);
    assert_eq!(strings(&e.birth_dates), ["1969", "1970"]);
    assert_eq!(
        strings(&entry(&import, "NW-0009").birth_dates),
        ["1960", "1961", "1962", "1963"]
    );
    assert_eq!(entry(&import, "NW-0008").nationalities, ["TUR"]);
    let docs = &entry(&import, "NW-0014").documents;
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[1].kind.as_deref(), Some("id card"));
    assert_eq!(docs[1].country.as_deref(), Some("AZE"));
}

#[test]
fn lost_and_stolen_documents() {
    let file = read_descriptor(&bytes("lost-stolen.list.json"), &dir()).unwrap();
    assert_eq!(file.format, Format::DocumentsCsv);
    assert_eq!(file.list.category, "lost-stolen-documents");
    assert_eq!(file.list.severity, Severity::Medium);
    assert_eq!(file.list.purpose, Purpose::BorderMigration);
    let import = file.import().unwrap();
    assert_eq!(
        strings(&import.refused),
        ["row 8: status \"recovered\" is not lost, stolen, invalid or revoked"]
    );
    assert!(import.warnings.is_empty());
    assert_eq!(import.documents.len(), 7);
    assert_eq!(
        import.documents.len() + import.refused.len(),
        data_rows("lost-stolen.csv")
    );
    let d = &import.documents[5];
    assert_eq!(d.number, "75 4410982");
    assert_eq!(d.issuing_state.as_deref(), Some("RUS"));
    assert_eq!(d.status, DocumentStatus::Invalid);
    assert_eq!(import.documents[2].issuing_state.as_deref(), Some("AZE"));
}

#[test]
fn un_consolidated_list() {
    let import = import_un_xml(
        &bytes("un-consolidated.xml"),
        &Options::new("un-consolidated.xml"),
    )
    .unwrap();
    assert_eq!(
        strings(&import.refused),
        ["ENTITY DATAID 9900201: entity, not a person"]
    );
    assert_eq!(
        strings(&import.warnings),
        ["INDIVIDUAL DATAID 9900103: Passport without a number left out"]
    );
    assert_eq!(import.entries.len(), 6);

    let e = entry(&import, "SMi.001");
    assert_eq!(
        e.names,
        [
            "ELVIN NAMIG OGLU BAGHIROV",
            "Elvin Namiq oğlu Bağırov",
            "Elvin Bagirov",
            "Muhandis"
        ]
    );
    assert_eq!(e.weak_aliases, [3]);
    assert_eq!(e.name_parts, None);
    assert_eq!(e.nationalities, ["AZE"]);
    assert_eq!(e.documents[0].number, "C01997354");
    assert_eq!(e.documents[0].country.as_deref(), Some("AZE"));
    assert_eq!(e.provenance.locator, "INDIVIDUAL DATAID 9900101");
    assert_eq!(e.category.as_deref(), Some("Sample"));

    let e = entry(&import, "SMi.002");
    assert_eq!(e.names[1], "طارق وصفي حمدان الراوي");
    assert_eq!(strings(&e.birth_dates), ["1960", "1961", "1962", "1963"]);
    assert_eq!(e.weak_aliases, [3]);
    assert_eq!(
        strings(&entry(&import, "SMi.003").birth_dates),
        ["1975", "1976-03-02"]
    );
    let parts = entry(&import, "SMi.004").name_parts.clone().unwrap();
    assert_eq!(
        (parts.first, parts.middle, parts.last),
        ("DMITRIY".into(), "ARKADYEVICH".into(), "VORONIN".into())
    );
    let e = entry(&import, "SMi.005");
    assert_eq!(e.nationalities, ["RUS", "TUR"]);
    assert_eq!(e.gender, Some(Gender::F));
    assert_eq!(e.birth_dates, [PartialDate::year(1979)]);
    let e = entry(&import, "SMi.006");
    assert_eq!(e.nationalities, ["IRN"]);
    assert_eq!(
        strings(&e.birth_dates),
        ["1988-01-15", "1986", "1987", "1988"]
    );
    assert_eq!(e.name_parts.as_ref().unwrap().last, "RAHIMOV");
}

#[test]
fn opensanctions_entities() {
    let text = bytes("opensanctions.ftm.jsonl");
    let import = import_ftm_jsonl(&text, &Options::new("opensanctions.ftm.jsonl")).unwrap();
    assert_eq!(
        strings(&import.refused),
        ["line 8: schema Company is not a person"]
    );
    assert_eq!(
        strings(&import.warnings),
        ["line 7: birthDate 1982-13-01 has no month 13; left out"]
    );
    assert_eq!(import.entries.len(), 6);
    // Every line: a person, a passport given to its holder, or a refusal.
    let flat_documents = 2;
    assert_eq!(
        import.entries.len() + flat_documents + import.refused.len(),
        text.split(|&b| b == b'\n')
            .filter(|l| !l.is_empty())
            .count()
    );

    let e = entry(&import, "sample-p-0001");
    assert_eq!(e.names[0], "Ruslan Timurovich Bekov");
    assert_eq!(e.weak_aliases, [3]);
    assert_eq!(e.name_parts.as_ref().unwrap().middle, "Timurovich");
    assert_eq!(e.documents[0].number, "75 0934417");
    assert_eq!(e.documents[0].country.as_deref(), Some("RUS"));
    assert_eq!(e.provenance.locator, "line 2");
    assert_eq!(e.list.as_deref(), Some("sample"));
    let e = entry(&import, "sample-p-0003");
    assert_eq!(e.documents[0].number, "C02448716");
    assert_eq!(e.nationalities, ["AZE"]);
    assert_eq!(e.birth_dates, [PartialDate::year_month(1990, 12)]);
    let e = entry(&import, "sample-p-0004");
    assert_eq!(e.documents[0].kind.as_deref(), Some("id"));
    let e = entry(&import, "sample-p-0005");
    assert_eq!(e.documents[0].number, "0071234567");
    assert_eq!(e.documents[0].country.as_deref(), Some("IRN"));
    assert_eq!(strings(&e.birth_dates), ["1970", "1971"]);
    let e = entry(&import, "sample-p-0006");
    assert_eq!(e.nationalities, ["LBN"]);
    assert!(e.birth_dates.is_empty());
}

#[test]
fn every_sample_is_detected() {
    for (name, format) in [
        ("national.csv", Format::Csv),
        ("lost-stolen.csv", Format::DocumentsCsv),
        ("un-consolidated.xml", Format::UnXml),
        ("opensanctions.ftm.jsonl", Format::FtmJsonl),
    ] {
        assert_eq!(detect(&bytes(name), name), Some(format), "{name}");
    }
    assert_eq!(
        detect(&bytes("national.list.json"), "national.list.json"),
        None
    );
}

#[test]
fn imports_round_trip_through_json() {
    let file = read_descriptor(&bytes("national.list.json"), &dir()).unwrap();
    let import = file.import().unwrap();
    let json = serde_json::to_string(&import).unwrap();
    assert_eq!(serde_json::from_str::<Import>(&json).unwrap(), import);
    let json = serde_json::to_value(&file.list).unwrap();
    assert_eq!(json["purpose"], "serious-crime");
    assert_eq!(json["severity"], "high");
    assert_eq!(json["valid_from"], "2026-01-01");
}

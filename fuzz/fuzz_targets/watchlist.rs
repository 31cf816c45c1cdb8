//! Any bytes through every watchlist importer, as they come and behind a
//! header or root that gets them past the first check. Nothing may panic,
//! and what is imported keeps the model's promises.
#![no_main]

use libfuzzer_sys::fuzz_target;
use piu_watchlist::{
    DateFormat, Import, ImportError, Options, detect, import_csv, import_documents_csv,
    import_ftm_jsonl, import_un_xml,
};

const CSV_HEADER: &[u8] = b"id,full_name,first_name,last_name,aliases,gender,date_of_birth,nationality,document_number,document_type,document_country\n";
const DOCS_HEADER: &[u8] = b"id,document_number,issuing_state,status\n";
const UN_OPEN: &[u8] = b"<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL>";

fn check(result: Result<Import, ImportError>) {
    let import = match result {
        Ok(i) => i,
        Err(e) => {
            let _ = e.to_string();
            return;
        }
    };
    for e in &import.entries {
        assert!(!e.names.is_empty() && e.names.iter().all(|n| !n.trim().is_empty()));
        assert!(e.weak_aliases.iter().all(|&i| i > 0 && i < e.names.len()));
        assert!(e.birth_dates.iter().all(|d| d.day.is_none() || d.month.is_some()));
        assert!(e.nationalities.iter().all(|n| n.len() == 3));
        assert!(!e.id.is_empty());
    }
    for d in &import.documents {
        assert!(!d.number.is_empty());
    }
    serde_json::to_string(&import).expect("an import serialises");
}

fn with(prefix: &[u8], data: &[u8]) -> Vec<u8> {
    let mut v = prefix.to_vec();
    v.extend_from_slice(data);
    v
}

fuzz_target!(|data: &[u8]| {
    let options = Options::new("fuzz");
    let dated = Options {
        date_format: Some(DateFormat::DayMonthYear),
        ..Options::new("fuzz")
    };
    let _ = detect(data, "fuzz.csv");
    check(import_csv(data, &options));
    check(import_csv(&with(CSV_HEADER, data), &options));
    check(import_csv(&with(CSV_HEADER, data), &dated));
    check(import_documents_csv(data, &options));
    check(import_documents_csv(&with(DOCS_HEADER, data), &options));
    check(import_un_xml(data, &options));
    check(import_un_xml(&with(UN_OPEN, data), &options));
    check(import_ftm_jsonl(data, &options));
});

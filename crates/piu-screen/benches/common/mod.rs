//! The synthetic watchlist and travellers both screening benchmarks use.

use piu_screen::{Index, ListData, Source, Subject};
use piu_sim::watchlist::{Synthetic, SyntheticTraveller, WatchlistSpec, generate};
use piu_watchlist::{Document, List, Purpose, Severity};

/// Entries in the benchmark list; `PIU_BENCH_ENTRIES` overrides it.
pub fn entries() -> usize {
    std::env::var("PIU_BENCH_ENTRIES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000)
}

pub fn synthetic(entries: usize, planted: usize, clean: usize) -> Synthetic {
    generate(&WatchlistSpec {
        entries,
        seed: 1,
        planted,
        clean,
    })
}

pub fn list() -> List {
    List {
        name: "synthetic".into(),
        owner_agency: "state-security".into(),
        category: "terrorism".into(),
        severity: Severity::High,
        purpose: Purpose::SeriousCrime,
        valid_from: None,
        valid_until: None,
        threshold: None,
        version: "1".into(),
    }
}

pub fn index(entries: Vec<piu_watchlist::Entry>) -> Index {
    Index::build(vec![ListData {
        list: list(),
        entries,
        documents: Vec::new(),
    }])
}

/// A traveller as `piu screen` reads one from a traveller CSV.
pub fn subject(t: &SyntheticTraveller) -> Subject {
    Subject {
        reference: t.id.clone(),
        name: t.name.clone(),
        gender: t.gender,
        birth_date: t.birth_date,
        nationality: t.nationality.clone(),
        documents: t
            .document_number
            .iter()
            .map(|n| Document {
                number: n.clone(),
                kind: Some("P".into()),
                country: t.document_country.clone(),
            })
            .collect(),
        source: Source::Api,
        on: None,
        journey: String::new(),
        identity: t.id.clone(),
    }
}

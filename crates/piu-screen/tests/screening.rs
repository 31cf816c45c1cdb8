//! Screening end to end on small hand-made lists: what must hit, what must not,
//! and what the hits say.

use piu_model::Gender;
use piu_screen::{HitKind, Index, Ledger, ListData, Recorded, Screener, Source, Subject, screen};
use piu_watchlist::{
    Document, DocumentEntry, DocumentStatus, Entry, List, NameParts, PartialDate, Provenance,
    Purpose, Severity,
};
use time::{Date, Month};

fn day(y: i32, m: u8, d: u8) -> Date {
    Date::from_calendar_date(y, Month::try_from(m).unwrap(), d).unwrap()
}

fn list(name: &str, purpose: Purpose) -> List {
    List {
        name: name.into(),
        owner_agency: "state-security".into(),
        category: "terrorism".into(),
        severity: Severity::High,
        purpose,
        valid_from: None,
        valid_until: None,
        threshold: None,
        version: "v1".into(),
    }
}

fn entry(id: &str, names: &[&str], dob: Option<PartialDate>, docs: &[&str]) -> Entry {
    Entry {
        id: id.into(),
        names: names.iter().map(|s| s.to_string()).collect(),
        weak_aliases: Vec::new(),
        name_parts: None,
        gender: Some(Gender::M),
        birth_dates: dob.into_iter().collect(),
        nationalities: vec!["AZE".into()],
        documents: docs
            .iter()
            .map(|n| Document {
                number: n.to_string(),
                kind: Some("P".into()),
                country: Some("AZE".into()),
            })
            .collect(),
        category: None,
        list: None,
        provenance: Provenance {
            source: "test.csv".into(),
            locator: format!("row {id}"),
            source_id: None,
        },
    }
}

fn full(y: i32, m: u8, d: u8) -> Option<PartialDate> {
    Some(PartialDate::full(day(y, m, d)))
}

fn traveller(
    reference: &str,
    name: &str,
    dob: Option<PartialDate>,
    docs: &[&str],
    source: Source,
) -> Subject {
    Subject {
        reference: reference.into(),
        name: name.into(),
        gender: Some(Gender::M),
        birth_date: dob,
        nationality: Some("AZE".into()),
        documents: docs
            .iter()
            .map(|n| Document {
                number: n.to_string(),
                kind: Some("P".into()),
                country: Some("AZE".into()),
            })
            .collect(),
        source,
        on: Some(day(2026, 11, 21)),
        journey: "J2061 2026-11-21".into(),
        identity: format!("J2061 2026-11-21|{reference}"),
    }
}

fn index() -> Index {
    let mut named = entry(
        "W1",
        &["Məmmədov, Rəşad Əli oğlu", "Мамедов Рашад"],
        full(1985, 3, 12),
        &["C1234567"],
    );
    named.name_parts = Some(NameParts {
        first: "Rəşad".into(),
        middle: "Əli oğlu".into(),
        last: "Məmmədov".into(),
    });
    let mut weak = entry("W5", &["Tural Quliyev", "Tura"], full(1990, 6, 1), &[]);
    weak.weak_aliases = vec![1];
    Index::build(vec![
        ListData {
            list: list("national-terrorism", Purpose::SeriousCrime),
            entries: vec![
                named,
                entry(
                    "W2",
                    &["Elchin Hasanov"],
                    Some(PartialDate::year(1979)),
                    &[],
                ),
                entry("W3", &["Mohammed Al-Harbi"], None, &[]),
                weak,
            ],
            documents: vec![DocumentEntry {
                id: "D1".into(),
                number: "P0001122".into(),
                kind: Some("P".into()),
                issuing_state: Some("AZE".into()),
                status: DocumentStatus::Stolen,
                provenance: Provenance {
                    source: "lost.csv".into(),
                    locator: "row 2".into(),
                    source_id: None,
                },
            }],
        },
        ListData {
            list: list("overstayers", Purpose::BorderMigration),
            entries: vec![entry("M1", &["Kamran Aliyev"], full(1992, 2, 2), &[])],
            documents: Vec::new(),
        },
    ])
}

fn hits(index: &Index, t: &Subject) -> Vec<(String, f32)> {
    screen(index, t, day(2026, 11, 21))
        .hits
        .into_iter()
        .map(|h| (h.entry_id, h.score))
        .collect()
}

fn ids(index: &Index, t: &Subject) -> Vec<String> {
    hits(index, t).into_iter().map(|(id, _)| id).collect()
}

#[test]
fn spellings_scripts_and_forms_hit() {
    let ix = index();
    for name in [
        "MAMMADOV/RASHAD MR",
        "MAMEDOV<<RASHAD",
        "Мамедов Рашад",
        "Rashad Mammadov",
        "MAMMADOV/RAHSAD",
    ] {
        let t = traveller("T", name, full(1985, 3, 12), &[], Source::Api);
        assert_eq!(ids(&ix, &t), vec!["W1"], "{name}");
    }
}

#[test]
fn another_birth_year_is_another_person() {
    let ix = index();
    let t = traveller("T", "MAMMADOV/RASHAD", full(1962, 8, 1), &[], Source::Api);
    assert!(ids(&ix, &t).is_empty());
}

#[test]
fn a_traveller_without_birth_date_is_still_screened() {
    let ix = index();
    let t = traveller("T", "HASANOV/ELCHIN", None, &[], Source::Api);
    assert_eq!(ids(&ix, &t), vec!["W2"]);
    let t = traveller("T", "ALHARBI/MOHAMMED", None, &[], Source::Api);
    assert_eq!(ids(&ix, &t), vec!["W3"], "an entry without birth date too");
}

#[test]
fn every_factor_is_in_the_explanation() {
    let ix = index();
    let t = traveller(
        "T",
        "MAMMADOV/RASHAD",
        full(1985, 12, 3),
        &["CI234567"],
        Source::Api,
    );
    let s = screen(&ix, &t, day(2026, 11, 21));
    let hit = &s.hits[0];
    let factors: Vec<&str> = hit.explanation.factors.iter().map(|f| f.factor).collect();
    assert_eq!(
        factors,
        vec![
            "birth date",
            "gender",
            "nationality",
            "document",
            "issuing state"
        ]
    );
    assert!(
        hit.explanation.factors[0]
            .outcome
            .contains("day and month swapped"),
        "{:?}",
        hit.explanation
    );
    assert!(
        hit.explanation.factors[3].outcome.contains("O/0 or I/1"),
        "{:?}",
        hit.explanation
    );
    let name = hit.explanation.name.as_ref().unwrap();
    assert!(!name.pairs.is_empty() && name.score > 0.8);
    assert_eq!(hit.list, "national-terrorism");
    assert_eq!(hit.target_agency, "state-security");
    assert!(s.candidates >= 1);
}

#[test]
fn a_document_number_finds_an_entry_whatever_the_name_spelling() {
    let ix = index();
    // MAMMADLI is another surname (a surname not found caps the name at 0.5),
    // but the same passport and birth date make it the same person.
    let t = traveller(
        "T",
        "MAMMADLI/RASHAD",
        full(1985, 3, 12),
        &["C1234567"],
        Source::Api,
    );
    assert_eq!(ids(&ix, &t), vec!["W1"]);
    let t = traveller("T", "MAMMADLI/RASHAD", full(1985, 3, 12), &[], Source::Api);
    assert!(
        ids(&ix, &t).is_empty(),
        "without the document, another surname is another person"
    );
}

#[test]
fn lost_and_stolen_documents_hit() {
    let ix = index();
    let t = traveller("T", "SMITH/JOHN", None, &["PO001122"], Source::Api);
    let s = screen(&ix, &t, day(2026, 11, 21));
    assert_eq!(s.hits.len(), 1);
    assert_eq!(s.hits[0].kind, HitKind::Document);
    assert_eq!(s.hits[0].entry_id, "D1");
}

#[test]
fn pnr_data_is_not_screened_against_border_lists() {
    let ix = index();
    let api = traveller("T", "ALIYEV/KAMRAN", full(1992, 2, 2), &[], Source::Api);
    assert_eq!(ids(&ix, &api), vec!["M1"]);
    let pnr = traveller("T", "ALIYEV/KAMRAN", full(1992, 2, 2), &[], Source::Pnr);
    assert!(ids(&ix, &pnr).is_empty());
}

#[test]
fn a_weak_alias_hits_only_with_an_agreeing_birth_date_or_document() {
    let ix = index();
    let t = traveller("T", "TURA", None, &[], Source::Api);
    assert!(ids(&ix, &t).is_empty(), "a one-word weak alias alone");
    let t = traveller("T", "TURA", full(1990, 6, 1), &[], Source::Api);
    assert_eq!(ids(&ix, &t), vec!["W5"]);
    let t = traveller("T", "QULIYEV/TURAL", None, &[], Source::Api);
    assert_eq!(
        ids(&ix, &t),
        vec!["W5"],
        "the primary name needs no corroboration"
    );
}

#[test]
fn repeated_pushes_do_not_duplicate_and_reviews_hold_until_data_change() {
    let ix = index();
    let t = traveller("T1", "MAMMADOV/RASHAD", full(1985, 3, 12), &[], Source::Pnr);
    let hit = screen(&ix, &t, day(2026, 11, 21)).hits.remove(0);
    let mut ledger = Ledger::default();
    assert_eq!(ledger.record(&hit), Recorded::New);
    assert_eq!(
        ledger.record(&hit),
        Recorded::Repeat,
        "the same booking pushed again"
    );
    ledger.false_positive(&hit.identity, &hit.list, &hit.entry_id, &hit.fingerprint);
    assert_eq!(ledger.record(&hit), Recorded::Suppressed);
    let mut changed = t.clone();
    changed.documents.push(Document {
        number: "C7654321".into(),
        kind: None,
        country: None,
    });
    let again = screen(&ix, &changed, day(2026, 11, 21)).hits.remove(0);
    assert_ne!(again.fingerprint, hit.fingerprint);
    assert_eq!(
        ledger.record(&again),
        Recorded::Repeat,
        "data changed: raised for review again"
    );
}

#[test]
fn lists_are_replaced_while_screening_goes_on() {
    let screener = Screener::new(index());
    let t = traveller("T", "HASANOV/ELCHIN", None, &[], Source::Api);
    let before = screener.index();
    assert_eq!(screener.screen(&t, day(2026, 11, 21)).hits.len(), 1);
    screener.replace(Index::build(Vec::new()));
    assert!(screener.screen(&t, day(2026, 11, 21)).hits.is_empty());
    // A screening that started on the old index finishes on it.
    assert_eq!(screen(&before, &t, day(2026, 11, 21)).hits.len(), 1);
}

#[test]
fn expired_lists_are_not_screened() {
    let mut old = list("expired", Purpose::SeriousCrime);
    old.valid_until = Some(day(2025, 12, 31));
    let ix = Index::build(vec![ListData {
        list: old,
        entries: vec![entry("X1", &["Elchin Hasanov"], None, &[])],
        documents: Vec::new(),
    }]);
    let t = traveller("T", "HASANOV/ELCHIN", None, &[], Source::Api);
    assert!(ids(&ix, &t).is_empty());
}

fn one_list(entries: Vec<Entry>) -> Index {
    Index::build(vec![ListData {
        list: list("national-wanted", Purpose::SeriousCrime),
        entries,
        documents: Vec::new(),
    }])
}

#[test]
fn a_slip_in_a_name_hits_only_with_a_birth_date_or_document_that_agrees() {
    let index = one_list(vec![entry(
        "S1",
        &["Karasoylu, Hulya"],
        full(1979, 3, 14),
        &[],
    )]);
    let today = day(2026, 11, 21);
    let slip = |dob| traveller("t", "KARAOYLU/HULYA", dob, &[], Source::Api);
    let found = screen(&index, &slip(full(1979, 3, 14)), today);
    assert_eq!(found.hits.len(), 1, "{found:?}");
    let factors = &found.hits[0].explanation.factors;
    assert!(
        factors.iter().any(|f| f.factor == "name"
            && f.outcome
                .contains("taken as a slip because the birth date agrees")),
        "{factors:?}"
    );
    assert!(screen(&index, &slip(None), today).hits.is_empty());
    assert!(
        screen(&index, &slip(full(1979, 3, 15)), today)
            .hits
            .is_empty()
    );
    // Found only a slip away, the name is not even compared where no birth
    // date or document could confirm the slip.
    let compared = |dob| screen(&index, &slip(dob), today).candidates;
    assert_eq!(compared(None), 0);
    assert_eq!(compared(full(1979, 4, 14)), 0);
    assert_eq!(compared(full(1979, 3, 15)), 1);
    let with_passport = traveller("t", "KARAOYLU/HULYA", None, &["C1234567"], Source::Api);
    let passport_listed = one_list(vec![entry(
        "S1",
        &["Karasoylu, Hulya"],
        full(1979, 3, 14),
        &["C1234567"],
    )]);
    assert_eq!(
        screen(&passport_listed, &with_passport, today).candidates,
        1
    );
}

#[test]
fn a_changed_consonant_is_found_among_those_born_the_same_day() {
    // MUSTAFA against MUSTAGA changes F to G, which no name key forgives.
    let index = one_list(vec![entry(
        "S2",
        &["Koroglu, Mustafa"],
        full(1984, 6, 2),
        &[],
    )]);
    let today = day(2026, 11, 21);
    let slip = |dob| traveller("t", "MUSTAGA KOROGLU", dob, &[], Source::Api);
    assert_eq!(ids(&index, &slip(full(1984, 6, 2))), ["S2"]);
    assert!(
        screen(&index, &slip(full(1984, 6, 3)), today)
            .hits
            .is_empty()
    );
    assert!(screen(&index, &slip(None), today).hits.is_empty());
}

#[test]
fn a_common_name_alone_is_weak_evidence() {
    // Three listed persons named Ali Ismayilov; one has no birth date.
    let index = one_list(vec![
        entry("A1", &["Ismayilov, Ali"], None, &[]),
        entry("A2", &["Ismayilov, Ali"], full(1961, 2, 3), &[]),
        entry("A3", &["Ismayilov, Ali"], full(1990, 7, 8), &[]),
        entry("B1", &["Zeynalabdinov, Tofiq"], None, &[]),
    ]);
    let today = day(2026, 11, 21);
    let ali = traveller("t", "ISMAYILOV/ALI", full(1975, 5, 5), &[], Source::Api);
    assert!(
        screen(&index, &ali, today).hits.is_empty(),
        "name alone, shared by three"
    );
    let without_date = traveller("t", "ISMAYILOV/ALI", None, &[], Source::Api);
    let s = screen(&index, &without_date, today);
    assert!(s.hits.is_empty(), "{s:?}");
    // A name borne by one listed person still hits on the name alone.
    let tofiq = traveller(
        "t",
        "ZEYNALABDINOV/TOFIQ",
        full(1975, 5, 5),
        &[],
        Source::Api,
    );
    let s = screen(&index, &tofiq, today);
    assert_eq!(s.hits.len(), 1);
    // With the birth date the list gives, the common name hits.
    let a3 = traveller("t", "ISMAYILOV/ALI", full(1990, 7, 8), &[], Source::Api);
    let hits: Vec<_> = screen(&index, &a3, today)
        .hits
        .into_iter()
        .map(|h| h.entry_id)
        .collect();
    assert_eq!(hits, ["A3"]);
}

fn born_in(year: i32) -> Option<PartialDate> {
    Some(PartialDate::year(year))
}

#[test]
fn namesakes_born_the_same_year_are_counted_by_the_whole_name() {
    let today = day(2026, 11, 21);
    let ali = traveller("t", "ISMAYILOV/ALI", full(1975, 5, 5), &[], Source::Api);
    // Four listed persons named Ali Ismayilov born in 1975, three born in
    // 1990 (ruled out by the year), and others who share only the surname
    // and another name with him.
    let mut entries: Vec<Entry> = (1..=4)
        .map(|i| entry(&format!("Y{i}"), &["Ismayilov, Ali"], born_in(1975), &[]))
        .collect();
    entries.extend((1..=3).map(|i| {
        entry(
            &format!("L{i}"),
            &["Ismayilov, Ali"],
            full(1990, 1, 10 + i),
            &[],
        )
    }));
    let s = screen(&one_list(entries.clone()), &ali, today);
    assert_eq!(s.hits.len(), 4, "{s:?}");
    // A fifth of the same year: the year no longer tells them apart.
    entries.push(entry("Y5", &["Ismayilov, Ali"], born_in(1975), &[]));
    let s = screen(&one_list(entries), &ali, today);
    assert!(s.hits.is_empty(), "{s:?}");
}

#[test]
fn dates_one_digit_apart_do_not_tell_many_namesakes_apart() {
    let today = day(2026, 11, 21);
    let ali = traveller("t", "ISMAYILOV/ALI", full(1975, 5, 5), &[], Source::Api);
    let one = one_list(vec![entry(
        "D1",
        &["Ismayilov, Ali"],
        full(1975, 5, 6),
        &[],
    )]);
    assert_eq!(ids(&one, &ali), ["D1"], "a slip in the date");
    let many = one_list(
        (4..=9)
            .filter(|d| *d != 5)
            .map(|d| entry(&format!("D{d}"), &["Ismayilov, Ali"], full(1975, 5, d), &[]))
            .collect(),
    );
    let s = screen(&many, &ali, today);
    assert!(s.hits.is_empty(), "{s:?}");
}

#[test]
fn without_a_birth_date_a_name_one_listed_person_bears_hits_on_the_same_nationality() {
    let today = day(2026, 11, 21);
    // Two listed persons share the surname and a given name; one bears the
    // traveller's whole name.
    let index = one_list(vec![
        entry("V1", &["Ismayilov, Ali Vagif"], full(1970, 3, 4), &[]),
        entry("V2", &["Ismayilov, Ali Rauf"], full(1981, 6, 7), &[]),
    ]);
    let mut t = traveller("t", "ISMAYILOV/ALI VAGIF", None, &[], Source::Api);
    assert_eq!(ids(&index, &t), ["V1"]);
    // On another passport the name alone no longer tells.
    t.nationality = Some("RUS".into());
    let s = screen(&index, &t, today);
    assert!(s.hits.is_empty(), "{s:?}");
}

#[test]
fn against_an_entry_without_birth_date_namesakes_of_every_age_count() {
    let today = day(2026, 11, 21);
    let vagif = entry("V1", &["Ismayilov, Ali Vagif"], None, &[]);
    let rauf = entry("V2", &["Ismayilov, Ali Rauf"], full(1981, 6, 7), &[]);
    let t = traveller(
        "t",
        "ISMAYILOV/ALI VAGIF",
        full(1975, 5, 5),
        &[],
        Source::Api,
    );
    let index = one_list(vec![vagif.clone(), rauf.clone()]);
    assert_eq!(ids(&index, &t), ["V1"]);
    // Another Ali Vagif Ismayilov, born in a year that rules him out as the
    // traveller, still makes the name common.
    let other = entry("V3", &["Ismayilov, Ali Vagif"], full(1990, 1, 2), &[]);
    let index = one_list(vec![vagif, rauf, other]);
    let s = screen(&index, &t, today);
    assert!(s.hits.is_empty(), "{s:?}");
}

/// A source that gives the name in separate fields is screened by them, the
/// surname known; the hit explains that very name, not the source's one-line
/// form, which would read the surname as a given name.
#[test]
fn a_hit_explains_the_name_it_scored() {
    let mut listed = entry("W9", &["Huseynov Nazim Rafiq"], full(1971, 4, 9), &[]);
    listed.name_parts = Some(NameParts {
        first: "Nazim".into(),
        middle: "Rafiq".into(),
        last: "Huseynov".into(),
    });
    let ix = one_list(vec![listed]);
    let t = traveller(
        "T",
        "HUSEYNOV/NAZIM RAFIQ",
        full(1971, 4, 9),
        &[],
        Source::Api,
    );
    let s = screen(&ix, &t, day(2026, 11, 21));
    let name = s.hits[0].explanation.name.as_ref().expect("a name hit");
    assert_eq!(name.entry, "Huseynov, Nazim Rafiq");
    assert!(
        name.unmatched.is_empty() && name.caps.is_empty(),
        "the explanation must pair every part as scored: {name:?}"
    );
    assert!(
        name.pairs
            .iter()
            .any(|pair| pair.starts_with("HUSEYNOV = Huseynov")),
        "{:?}",
        name.pairs
    );
}

use std::collections::{HashMap, HashSet};

use piu_watchlist::{Options, import_csv};

use super::*;

fn spec(entries: usize, seed: u64) -> WatchlistSpec {
    WatchlistSpec {
        entries,
        seed,
        planted: entries / 5,
        clean: entries / 2,
    }
}

fn csvs(s: &Synthetic) -> (Vec<u8>, Vec<u8>, Vec<u8>) {
    let mut list = Vec::new();
    let mut travellers = Vec::new();
    let mut truth = Vec::new();
    write_watchlist_csv(&s.entries, &mut list).unwrap();
    write_travellers_csv(&s.travellers, &mut travellers).unwrap();
    write_truth_csv(&s.travellers, &mut truth).unwrap();
    (list, travellers, truth)
}

#[test]
fn same_seed_same_bytes_other_seed_other_data() {
    let a = csvs(&generate(&spec(2_000, 7)));
    let b = csvs(&generate(&spec(2_000, 7)));
    let c = csvs(&generate(&spec(2_000, 8)));
    assert!(a == b, "same seed, different output");
    assert_ne!(a.0, c.0);
    assert_ne!(a.1, c.1);
}

#[test]
fn entries_do_not_depend_on_the_list_length() {
    let short: Vec<Entry> = entries(&spec(100, 3)).collect();
    let long: Vec<Entry> = entries(&spec(1_000, 3)).take(100).collect();
    assert_eq!(short, long);
}

#[test]
fn counts_and_ids() {
    let s = generate(&WatchlistSpec {
        entries: 3_000,
        seed: 1,
        planted: 400,
        clean: 900,
    });
    assert_eq!(s.entries.len(), 3_000);
    assert_eq!(s.entries[0].id, "E0000001");
    assert_eq!(s.entries[2_999].id, "E0003000");
    assert_eq!(s.travellers.len(), 1_300);
    assert_eq!(
        s.travellers.iter().filter(|t| t.planted.is_some()).count(),
        400
    );
    let ids: HashSet<&str> = s.travellers.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids.len(), 1_300);
    assert_eq!(s.travellers[0].id, "T0000001");
    // Planted and clean are mixed, not one block after the other.
    let first_half = s.travellers[..650]
        .iter()
        .filter(|t| t.planted.is_some())
        .count();
    assert!((120..=280).contains(&first_half), "{first_half}");
    let empty = generate(&WatchlistSpec {
        entries: 0,
        seed: 1,
        planted: 10,
        clean: 5,
    });
    assert!(empty.entries.is_empty());
    assert_eq!(empty.travellers.len(), 5);
}

#[test]
fn planted_travellers_come_from_entries() {
    let s = generate(&spec(5_000, 2));
    let by_id: HashMap<&str, &Entry> = s.entries.iter().map(|e| (e.id.as_str(), e)).collect();
    let mut used = HashSet::new();
    let mut kinds: HashMap<&str, usize> = HashMap::new();
    let mut other_passports = 0usize;
    for t in &s.travellers {
        *kinds.entry(t.variation).or_default() += 1;
        let Some(id) = &t.planted else {
            assert_eq!(t.variation, "clean");
            continue;
        };
        let e = by_id
            .get(id.as_str())
            .expect("planted from an existing entry");
        assert!(used.insert(id.clone()), "{id} planted twice");
        assert!(t.name.is_ascii() && !t.name.is_empty(), "{}", t.name);
        if let Some(g) = t.gender
            && let Some(eg) = e.gender
        {
            assert_eq!(g, eg, "{} / {}", t.id, e.id);
        }
        // Now and then on a passport of a state the entry does not name,
        // never the listed passport then.
        if let Some(n) = &t.nationality
            && !e.nationalities.contains(n)
        {
            other_passports += 1;
            assert!(
                !e.documents
                    .iter()
                    .any(|d| Some(&d.number) == t.document_number.as_ref()),
                "{}",
                t.id
            );
            assert_eq!(t.document_country.as_ref(), Some(n), "{}", t.id);
        }
        let flat = |s: &str| {
            s.replace([',', '/'], " ")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_uppercase()
        };
        let primary = flat(&e.names[0]);
        let words = |s: &str| {
            let mut w: Vec<String> = flat(s).split(' ').map(str::to_string).collect();
            w.sort();
            w
        };
        match t.variation {
            "exact" | "dob-swap" | "dob-digit" | "dob-year" | "dob-missing" | "document" => {
                assert_eq!(flat(&t.name), primary, "{}", t.variation)
            }
            "order" => {
                assert_ne!(flat(&t.name), primary);
                assert_eq!(words(&t.name), words(&e.names[0]));
            }
            "typo" | "transliteration" | "middle-dropped" => assert_ne!(flat(&t.name), primary),
            "alias" => assert!(e.names[1..].iter().any(|a| flat(a) == flat(&t.name))),
            v => panic!("unexpected variation {v}"),
        }
        let mut full = e.birth_dates.iter().filter(|d| d.day.is_some());
        match t.variation {
            "dob-missing" => assert_eq!(t.birth_date, None),
            "dob-year" => assert_eq!(t.birth_date.unwrap().month, None),
            "dob-swap" => {
                let d = t.birth_date.unwrap();
                assert!(full.any(|f| (d.year, d.month, d.day) == (f.year, f.day, f.month)));
            }
            "dob-digit" => {
                let d = t.birth_date.unwrap().to_string();
                let one = |f: &PartialDate| {
                    let f = f.to_string();
                    d.chars().zip(f.chars()).filter(|(a, b)| a != b).count() == 1
                };
                assert!(full.any(one), "{d} {:?}", e.birth_dates);
            }
            "document" => {
                let (n, d) = (t.document_number.as_ref().unwrap(), &e.documents[0].number);
                assert_eq!(n.len(), d.len());
                assert_eq!(n.chars().zip(d.chars()).filter(|(a, b)| a != b).count(), 1);
            }
            _ => {
                let d = t.birth_date.unwrap();
                if e.birth_dates.iter().any(|x| x.day.is_some()) {
                    assert!(e.birth_dates.contains(&d), "{d} not in {:?}", e.birth_dates);
                } else if let Some(x) = e.birth_dates.first() {
                    assert_eq!(
                        (x.year, x.month.is_none() || x.month == d.month),
                        (d.year, true)
                    );
                }
            }
        }
    }
    for v in [
        "exact",
        "typo",
        "transliteration",
        "order",
        "middle-dropped",
        "alias",
        "dob-swap",
        "dob-digit",
        "dob-year",
        "dob-missing",
        "document",
        "clean",
    ] {
        assert!(kinds.get(v).copied().unwrap_or(0) > 0, "no {v}: {kinds:?}");
    }
    // About one in twenty planted travellers; a thousand are planted here.
    assert!((20..=90).contains(&other_passports), "{other_passports}");
}

#[test]
fn the_list_reads_back_through_the_importer() {
    let s = generate(&spec(4_000, 5));
    let (list, travellers, _) = csvs(&s);
    let read = import_csv(&list, &Options::new("watchlist.csv")).unwrap();
    assert!(
        read.refused.is_empty(),
        "{:?}",
        &read.refused[..3.min(read.refused.len())]
    );
    assert!(
        read.warnings.is_empty(),
        "{:?}",
        &read.warnings[..3.min(read.warnings.len())]
    );
    assert_eq!(read.entries.len(), s.entries.len());
    for (got, want) in read.entries.iter().zip(&s.entries) {
        let mut want = want.clone();
        want.weak_aliases.clear();
        want.provenance = got.provenance.clone();
        assert_eq!(*got, want);
    }
    let read = import_csv(&travellers, &Options::new("travellers.csv")).unwrap();
    assert!(
        read.refused.is_empty(),
        "{:?}",
        &read.refused[..3.min(read.refused.len())]
    );
    assert_eq!(read.entries.len(), s.travellers.len());
    for (got, t) in read.entries.iter().zip(&s.travellers) {
        assert_eq!(got.id, t.id);
        assert_eq!(got.names, std::slice::from_ref(&t.name));
        assert_eq!(got.gender, t.gender);
        assert_eq!(
            got.birth_dates,
            t.birth_date.into_iter().collect::<Vec<_>>()
        );
        assert_eq!(
            got.nationalities,
            t.nationality.iter().cloned().collect::<Vec<_>>()
        );
        assert_eq!(
            got.documents.first().map(|d| d.number.clone()),
            t.document_number
        );
        assert_eq!(
            got.documents.first().and_then(|d| d.country.clone()),
            t.document_country
        );
    }
}

#[test]
fn truth_matches_travellers() {
    let s = generate(&spec(1_000, 9));
    let (_, _, truth) = csvs(&s);
    let text = String::from_utf8(truth).unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("id,planted_entry,variation"));
    for (line, t) in lines.zip(&s.travellers) {
        let want = format!(
            "{},{},{}",
            t.id,
            t.planted.as_deref().unwrap_or(""),
            t.variation
        );
        assert_eq!(line, want);
    }
}

#[test]
fn aliases_dates_and_documents_in_proportion() {
    let s = generate(&spec(20_000, 4));
    let n = s.entries.len() as f64;
    let aliases = s.entries.iter().map(|e| e.names.len() - 1).sum::<usize>() as f64 / n;
    assert!((1.2..1.8).contains(&aliases), "{aliases} aliases per entry");
    let weak = s
        .entries
        .iter()
        .map(|e| e.weak_aliases.len())
        .sum::<usize>();
    assert!(weak > 0);
    let share = |f: &dyn Fn(&Entry) -> bool| s.entries.iter().filter(|e| f(e)).count() as f64 / n;
    let full = share(&|e| e.birth_dates.len() == 1 && e.birth_dates[0].day.is_some());
    assert!((0.82..0.88).contains(&full), "{full}");
    let none = share(&|e| e.birth_dates.is_empty());
    assert!((0.03..0.07).contains(&none), "{none}");
    let two = share(&|e| e.birth_dates.len() == 2);
    assert!((0.01..0.03).contains(&two), "{two}");
    let documents = share(&|e| !e.documents.is_empty());
    assert!((0.37..0.43).contains(&documents), "{documents}");
    let gendered = share(&|e| e.gender.is_some());
    assert!(gendered > 0.9);
    let nationality = share(&|e| (1..=2).contains(&e.nationalities.len()));
    assert!(nationality > 0.9);
}

/// Surnames as screened: the passport spelling of each entry's surname.
fn surnames(n: usize, seed: u64) -> HashMap<String, usize> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    for i in 0..n {
        let b = entry::build(&mut stream(seed, "entry", i), i);
        *counts
            .entry(b.person.surname.standard.to_string())
            .or_default() += 1;
    }
    counts
}

/// Measured with seed 1: 200,000 entries hold 57,897 distinct surnames (in
/// passport spelling), the commonest (AL-MANSURI) on 0.42 % of them; a
/// million entries hold 125,831, the commonest again on 0.42 %.
#[test]
fn a_large_vocabulary_no_surname_dominates() {
    let n = 200_000;
    let counts = surnames(n, 1);
    let top = counts.values().copied().max().unwrap_or(0) as f64 / n as f64;
    assert!(counts.len() > 55_000, "{} distinct surnames", counts.len());
    assert!(top < 0.01, "top surname on {:.2} % of entries", top * 100.0);
}

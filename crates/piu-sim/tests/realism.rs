//! The traffic shows what real data shows: one person spelled two ways,
//! patronymics, glued titles, families with infants, groups, agencies, cards,
//! code-shares, connections and transit, names that need escaping or UTF-8.

use std::collections::{BTreeMap, BTreeSet};

use piu_model::{Format, PassengerType, PaymentMethod, Role};
use piu_sim::Day;
use time::macros::date;

fn day() -> Day {
    piu_sim::simulate(date!(2026 - 11 - 21), 1)
}

fn text(day: &Day) -> String {
    day.files
        .iter()
        .map(|f| String::from_utf8_lossy(&f.bytes).into_owned())
        .collect()
}

#[test]
fn one_person_is_spelled_differently_in_pnr_and_api() {
    let day = day();
    let mut names: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for g in &day.messages {
        for t in &g.message.travellers {
            for d in &t.documents {
                if let Some(n) = &d.number {
                    names
                        .entry(n.clone())
                        .or_default()
                        .insert(t.surname.clone());
                }
            }
        }
    }
    let spelled_twice: Vec<_> = names.values().filter(|s| s.len() > 1).collect();
    assert!(spelled_twice.len() >= 20, "{spelled_twice:?}");
    let pair = |a: &str, b: &str| {
        spelled_twice
            .iter()
            .any(|s| s.iter().any(|x| x.starts_with(a)) && s.iter().any(|x| x.starts_with(b)))
    };
    assert!(
        pair("MAMMADOV", "MAMEDOV") || pair("HASANOV", "GASANOV") || pair("JALILOV", "DZHALILOV"),
        "{spelled_twice:?}"
    );
}

#[test]
fn names_carry_patronymics_titles_and_apostrophes() {
    let day = day();
    let given: Vec<&str> = day
        .messages
        .iter()
        .flat_map(|g| g.message.travellers.iter().map(|t| t.given_names.as_str()))
        .collect();
    assert!(given.iter().any(|g| g.ends_with(" OGLU")));
    assert!(given.iter().any(|g| g.ends_with(" GIZI")));
    assert!(
        given
            .iter()
            .any(|g| g.ends_with("OVICH") || g.ends_with("EVICH"))
    );
    let all = text(&day);
    assert!(all.contains("MR:A:"), "no glued MR title");
    assert!(all.contains("MRS:A:"), "no glued MRS title");
    assert!(all.contains(" MS:A:"), "no spaced MS title");
    assert!(
        all.contains("MSTR:C:") || all.contains("MISS:C:"),
        "no child titles"
    );
    assert!(
        all.contains("O?'BRIEN") || all.contains("O?'NEILL"),
        "no escaped apostrophe"
    );
}

#[test]
fn flights_use_passport_latin_and_some_ferries_use_azerbaijani_letters() {
    let mut native = false;
    for seed in 1..=4 {
        let day = piu_sim::simulate(date!(2026 - 11 - 21), seed);
        for f in &day.files {
            let t = String::from_utf8_lossy(&f.bytes);
            if f.name.contains("PAXLST-SEA") && t.contains("UNB+UNOW:4") {
                assert!(t.contains('Ə') || t.contains('Ü') || t.contains('İ') || t.contains('Ş'));
                native = true;
            } else {
                assert!(f.bytes.is_ascii(), "{} is not ASCII", f.name);
            }
        }
    }
    assert!(native, "no ferry manifest in UTF-8");
}

#[test]
fn bookings_look_like_bookings() {
    let day = day();
    let pnrs: Vec<_> = day
        .messages
        .iter()
        .filter(|g| g.message.meta.format == Format::Pnrgov)
        .map(|g| &g.message)
        .collect();
    let bookings = || {
        pnrs.iter()
            .flat_map(|m| m.bookings.iter().map(move |b| (*m, b)))
    };
    let travellers = || pnrs.iter().flat_map(|m| m.travellers.iter());
    assert!(travellers().any(|t| t.passenger_type == Some(PassengerType::Infant)));
    assert!(travellers().any(|t| t.infant.is_some()));
    assert!(travellers().any(|t| t.passenger_type == Some(PassengerType::Child)));
    assert!(travellers().any(|t| !t.frequent_flyer.is_empty()));
    assert!(
        bookings().any(|(_, b)| b.travellers.len() >= 8
            && b.remarks.iter().any(|r| r.text.starts_with("GRP ")))
    );
    assert!(
        bookings().any(|(_, b)| b.originator.as_ref().and_then(|o| o.kind.as_deref()) == Some("T"))
    );
    assert!(bookings().any(|(_, b)| !b.other_locators.is_empty()));
    assert!(bookings().any(|(_, b)| b.payments.iter().any(|p| {
        p.method == PaymentMethod::Card
            && p.card_number
                .as_deref()
                .is_some_and(|n| n.starts_with("XXXXXXXXXXXX"))
    })));
    assert!(bookings().any(|(_, b)| b.payments.iter().any(|p| p.method == PaymentMethod::Cash)));
    assert!(bookings().any(|(_, b)| b.itinerary.len() == 1));
    assert!(bookings().any(|(_, b)| b.itinerary.len() >= 2));
    assert!(bookings().any(|(_, b)| b.itinerary.iter().any(|s| s.operating.is_some())));
    assert!(bookings().any(|(_, b)| {
        b.itinerary
            .iter()
            .any(|s| s.leg.destination.as_deref() == Some("JFK"))
    }));
    assert!(bookings().any(|(_, b)| !b.split_from.is_empty()));
    assert!(bookings().any(|(_, b)| b.cancelled));
    assert!(bookings().any(|(_, b)| !b.history.is_empty()));
    assert!(bookings().any(|(_, b)| !b.history_lines.is_empty()));
    assert!(bookings().any(|(m, b)| {
        b.travellers
            .iter()
            .any(|&t| !m.travellers[t].check_in.is_empty())
    }));
    assert!(travellers().any(|t| t.documents.iter().any(|d| d.source == "SSR DOCO")));
    assert!(travellers().any(|t| t.address.is_some()));
}

#[test]
fn passenger_lists_look_like_passenger_lists() {
    let day = day();
    let persons: Vec<_> = day
        .messages
        .iter()
        .filter(|g| g.message.meta.format == Format::Paxlst)
        .flat_map(|g| g.message.travellers.iter())
        .collect();
    assert!(persons.iter().any(|t| t.role == Role::TransitPassenger));
    assert!(persons.iter().any(|t| t.role == Role::Crew));
    assert!(persons.iter().any(|t| t.bags.is_some()));
    assert!(
        persons
            .iter()
            .any(|t| t.documents.iter().any(|d| d.kind.as_deref() == Some("V")))
    );
    let numbers: BTreeSet<String> = persons
        .iter()
        .filter_map(|t| t.documents.first()?.number.clone())
        .collect();
    let aze: Vec<&String> = numbers
        .iter()
        .filter(|n| n.starts_with('C') && n.len() == 8)
        .collect();
    let rus: Vec<&String> = numbers
        .iter()
        .filter(|n| n.len() == 9 && n.bytes().all(|b| b.is_ascii_digit()))
        .collect();
    assert!(
        aze.len() > 100 && rus.len() > 50,
        "{} AZE, {} RUS",
        aze.len(),
        rus.len()
    );
    let nationalities: BTreeSet<&str> = persons
        .iter()
        .filter_map(|t| t.nationality.as_deref())
        .collect();
    for n in [
        "AZE", "RUS", "TUR", "IRN", "IND", "DEU", "GBR", "KAZ", "UZB", "CHN", "GEO", "ARE",
    ] {
        assert!(nationalities.contains(n), "no {n}");
    }
}

//! Every file the simulator writes reads back without errors, and the travellers
//! and bookings read are the ones generated.

use piu_messages::{ReadOptions, read};
use piu_model::{Format, Message, Traveller};
use time::macros::date;

fn same_person(got: &Traveller, want: &Traveller, at: &str) {
    assert_eq!(got.surname, want.surname, "{at}");
    assert_eq!(got.given_names, want.given_names, "{at} {}", want.surname);
    assert_eq!(
        got.date_of_birth, want.date_of_birth,
        "{at} {}",
        want.surname
    );
    assert_eq!(got.gender, want.gender, "{at} {}", want.surname);
    assert_eq!(got.nationality, want.nationality, "{at} {}", want.surname);
    assert_eq!(got.booking_ref, want.booking_ref, "{at} {}", want.surname);
    assert_eq!(got.seat, want.seat, "{at} {}", want.surname);
    assert_eq!(
        got.documents.len(),
        want.documents.len(),
        "{at} {}",
        want.surname
    );
    for (g, w) in got.documents.iter().zip(&want.documents) {
        assert_eq!(g.kind, w.kind, "{at} {}", want.surname);
        assert_eq!(g.number, w.number, "{at} {}", want.surname);
        assert_eq!(g.expiry, w.expiry, "{at} {}", want.surname);
        assert_eq!(g.issue_date, w.issue_date, "{at} {}", want.surname);
    }
}

fn same_api(got: &Message, want: &Message, at: &str) {
    assert_eq!(got.meta.manifest, want.meta.manifest, "{at}");
    assert_eq!(got.meta.change, want.meta.change, "{at}");
    assert_eq!(
        got.meta.declared_persons, want.meta.declared_persons,
        "{at}"
    );
    assert_eq!(got.status_only, want.status_only, "{at}");
    let (g, w) = (got.flight.as_ref().unwrap(), want.flight.as_ref().unwrap());
    assert_eq!((&g.carrier, &g.number), (&w.carrier, &w.number), "{at}");
    assert_eq!(
        (&g.origin, &g.destination),
        (&w.origin, &w.destination),
        "{at}"
    );
    assert_eq!((g.departure, g.arrival), (w.departure, w.arrival), "{at}");
    assert_eq!(g.transport_mode, w.transport_mode, "{at}");
    assert_eq!(g.vessel, w.vessel, "{at}");
    assert_eq!(got.travellers.len(), want.travellers.len(), "{at}");
    for (gt, wt) in got.travellers.iter().zip(&want.travellers) {
        same_person(gt, wt, at);
        assert_eq!(gt.role, wt.role, "{at} {}", wt.surname);
        assert_eq!(gt.passenger_ref, wt.passenger_ref, "{at} {}", wt.surname);
        assert_eq!(gt.crew_function, wt.crew_function, "{at} {}", wt.surname);
        assert_eq!(
            gt.residence_country, wt.residence_country,
            "{at} {}",
            wt.surname
        );
        assert_eq!(gt.birth_place, wt.birth_place, "{at} {}", wt.surname);
        assert_eq!(gt.bags, wt.bags, "{at} {}", wt.surname);
    }
}

fn same_pnr(got: &Message, want: &Message, at: &str) {
    assert_eq!(got.meta.push, want.meta.push, "{at}");
    assert_eq!(got.meta.declared_pnrs, want.meta.declared_pnrs, "{at}");
    assert_eq!(got.meta.version, want.meta.version, "{at}");
    let (g, w) = (got.flight.as_ref().unwrap(), want.flight.as_ref().unwrap());
    assert_eq!((&g.carrier, &g.number), (&w.carrier, &w.number), "{at}");
    assert_eq!((g.departure, g.arrival), (w.departure, w.arrival), "{at}");
    assert_eq!(got.bookings.len(), want.bookings.len(), "{at}");
    assert_eq!(got.travellers.len(), want.travellers.len(), "{at}");
    for (gb, wb) in got.bookings.iter().zip(&want.bookings) {
        let at = format!("{at} {}", wb.record_locator);
        assert_eq!(gb.record_locator, wb.record_locator, "{at}");
        assert_eq!(gb.cancelled, wb.cancelled, "{at}");
        assert_eq!(gb.carrier, wb.carrier, "{at}");
        if wb.cancelled {
            continue;
        }
        assert_eq!(gb.created, wb.created, "{at}");
        assert_eq!(gb.last_modified, wb.last_modified, "{at}");
        assert_eq!(gb.other_locators, wb.other_locators, "{at}");
        assert_eq!(gb.split_from, wb.split_from, "{at}");
        assert_eq!(gb.originator, wb.originator, "{at}");
        assert_eq!(gb.history_lines, wb.history_lines, "{at}");
        assert_eq!(gb.history.len(), wb.history.len(), "{at}");
        for c in &wb.contacts {
            assert!(
                gb.contacts
                    .iter()
                    .any(|x| x.kind == c.kind && x.value == c.value),
                "{at}: contact {c:?} not read"
            );
        }
        assert_eq!(gb.travellers.len(), wb.travellers.len(), "{at}");
        for (&gi, &wi) in gb.travellers.iter().zip(&wb.travellers) {
            let (gt, wt) = (&got.travellers[gi], &want.travellers[wi]);
            same_person(gt, wt, &at);
            assert_eq!(gt.title, wt.title, "{at} {}", wt.surname);
            assert_eq!(gt.passenger_type, wt.passenger_type, "{at} {}", wt.surname);
            assert_eq!(gt.passenger_ref, wt.passenger_ref, "{at} {}", wt.surname);
            assert_eq!(gt.ticket, wt.ticket, "{at} {}", wt.surname);
            assert_eq!(gt.frequent_flyer, wt.frequent_flyer, "{at} {}", wt.surname);
            assert_eq!(
                gt.infant.is_some(),
                wt.infant.is_some(),
                "{at} {}",
                wt.surname
            );
            assert_eq!(gt.check_in.len(), wt.check_in.len(), "{at} {}", wt.surname);
            for (gc, wc) in gt.check_in.iter().zip(&wt.check_in) {
                assert_eq!(gc.sequence, wc.sequence, "{at}");
                assert_eq!(gc.seat, wc.seat, "{at}");
                assert_eq!(gc.time, wc.time, "{at}");
                assert_eq!(gc.bags, wc.bags, "{at}");
            }
        }
        assert_eq!(gb.itinerary.len(), wb.itinerary.len(), "{at}");
        for (gs, ws) in gb.itinerary.iter().zip(&wb.itinerary) {
            assert_eq!(gs.leg.origin, ws.leg.origin, "{at}");
            assert_eq!(gs.leg.destination, ws.leg.destination, "{at}");
            assert_eq!(gs.leg.carrier, ws.leg.carrier, "{at}");
            assert_eq!(gs.leg.number, ws.leg.number, "{at}");
            assert_eq!(gs.leg.departure, ws.leg.departure, "{at}");
            assert_eq!(gs.leg.arrival, ws.leg.arrival, "{at}");
            assert_eq!(gs.booking_class, ws.booking_class, "{at}");
            assert_eq!(gs.operating, ws.operating, "{at}");
        }
        let numbers = |b: &piu_model::Booking| {
            b.tickets
                .iter()
                .map(|t| t.number.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(numbers(gb), numbers(wb), "{at}");
        assert_eq!(gb.payments.len(), wb.payments.len(), "{at}");
        for (gp, wp) in gb.payments.iter().zip(&wb.payments) {
            assert_eq!(gp.method, wp.method, "{at}");
            assert_eq!(gp.card_number, wp.card_number, "{at}");
            assert_eq!(
                gp.amount.as_ref().map(|m| m.amount),
                wp.amount.as_ref().map(|m| m.amount),
                "{at}"
            );
        }
    }
}

fn check_day(seed: u64, syntax_xml: bool) {
    let day = piu_sim::simulate(date!(2026 - 11 - 21), seed);
    let options = ReadOptions::default();
    let mut checked = 0;
    for (i, g) in day.messages.iter().enumerate() {
        let files: Vec<_> = day.files.iter().filter(|f| f.message == i).collect();
        let xml = files.iter().any(|f| f.name.ends_with(".xml"));
        if xml != syntax_xml || files.is_empty() {
            continue;
        }
        let mut parts = Vec::new();
        for f in &files {
            let reading = read(&f.bytes, &options);
            assert!(
                reading.errors.is_empty(),
                "{}: {:?}",
                f.name,
                reading.errors
            );
            assert_eq!(reading.messages.len(), 1, "{}", f.name);
            parts.extend(reading.messages);
        }
        let got = if parts.len() > 1 {
            let mut merged = piu_messages::assemble(parts);
            assert_eq!(merged.len(), 1, "{}: parts did not assemble", files[0].name);
            merged.remove(0)
        } else {
            parts.remove(0)
        };
        match g.message.meta.format {
            Format::Paxlst => same_api(&got, &g.message, &files[0].name),
            Format::Pnrgov => same_pnr(&got, &g.message, &files[0].name),
        }
        checked += 1;
    }
    assert!(checked > 0);
}

#[test]
fn edifact_files_read_back_as_generated() {
    check_day(1, false);
}

#[test]
fn edifact_files_of_another_seed_read_back_as_generated() {
    check_day(5, false);
}

#[test]
fn xml_files_read_back_as_generated() {
    check_day(1, true);
}

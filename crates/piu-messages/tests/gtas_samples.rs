//! Real-format PAXLST and PNRGOV files from another open-source PIU, kept outside
//! this repository (`../shared/samples/gtas`). Each must read with the counts its
//! README gives: messages after reassembly, bookings (PNRs) and travellers.

use std::path::PathBuf;

use piu_messages::{ReadOptions, assemble, read};
use piu_model::{Format, Message};

/// The samples folder, or `None` (saying so) when this checkout has no `../shared`.
fn samples_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("PIU_SHARED_SAMPLES")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/samples/gtas")
        });
    if !dir.is_dir() {
        println!("skipped: {} is not present", dir.display());
        return None;
    }
    Some(dir)
}

/// (file, format, version, bookings, travellers), from the samples' README.
const EXPECTED: [(&str, Format, &str, usize, usize); 17] = [
    ("paxlst/Test1.txt", Format::Paxlst, "D02B", 0, 8),
    ("paxlst/Test3.txt", Format::Paxlst, "D02B", 0, 260),
    ("paxlst/apisMessage.txt", Format::Paxlst, "D05B", 0, 2),
    ("paxlst/flight1.txt", Format::Paxlst, "D02B", 0, 10),
    (
        "paxlst/multiple_flight_leg_apis.txt",
        Format::Paxlst,
        "D05B",
        0,
        2,
    ),
    ("pnrgov/2_pnrs_basic.edi", Format::Pnrgov, "10.1", 2, 4),
    ("pnrgov/3_pnrs.edi", Format::Pnrgov, "11.1", 3, 14),
    ("pnrgov/adult_and_infant.edi", Format::Pnrgov, "11.1", 1, 2),
    ("pnrgov/codeshare.edi", Format::Pnrgov, "11.1", 2, 2),
    (
        "pnrgov/danglingMetaCharacter.txt",
        Format::Pnrgov,
        "13.1",
        1,
        1,
    ),
    (
        "pnrgov/multiple_flight_leg_pnr.txt",
        Format::Pnrgov,
        "13.1",
        1,
        2,
    ),
    ("pnrgov/pnrBadFormat.txt", Format::Pnrgov, "11.1", 1, 2),
    ("pnrgov/pnrMessagePg77.txt", Format::Pnrgov, "11.1", 1, 1),
    ("pnrgov/pnrSeatFormats.txt", Format::Pnrgov, "13.1", 1, 1),
    ("pnrgov/pnrWithBags.txt", Format::Pnrgov, "13.1", 127, 268),
    ("pnrgov/pnrWithDoco.txt", Format::Pnrgov, "13.1", 1, 1),
    ("pnrgov/pnr_split.edi", Format::Pnrgov, "11.1", 2, 3),
];

fn read_one(dir: &std::path::Path, file: &str) -> Message {
    let bytes = std::fs::read(dir.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
    let reading = read(&bytes, &ReadOptions::default());
    assert!(reading.errors.is_empty(), "{file}: {:?}", reading.errors);
    let mut messages = assemble(reading.messages);
    assert_eq!(messages.len(), 1, "{file}: one message after reassembly");
    messages.remove(0)
}

fn warnings(m: &Message) -> Vec<String> {
    m.meta.warnings.iter().map(|w| w.message.clone()).collect()
}

#[test]
fn every_file_reads_with_the_expected_counts() {
    let Some(dir) = samples_dir() else { return };
    for (file, format, version, bookings, travellers) in EXPECTED {
        let m = read_one(&dir, file);
        assert_eq!(m.meta.format, format, "{file}");
        assert_eq!(m.meta.version, version, "{file}");
        assert_eq!(m.bookings.len(), bookings, "{file}: bookings");
        assert_eq!(m.travellers.len(), travellers, "{file}: travellers");
        assert!(m.flight.is_some(), "{file}: flight");
    }
}

#[test]
fn the_quirks_each_file_carries_are_reported() {
    let Some(dir) = samples_dir() else { return };
    // Free text after UNZ is a warning, not a failure.
    let m = read_one(&dir, "pnrgov/pnrBadFormat.txt");
    assert!(
        warnings(&m)
            .iter()
            .any(|w| w.contains("Modify above message")),
        "{:?}",
        warnings(&m)
    );
    // A UNA with five service characters is recovered.
    let m = read_one(&dir, "pnrgov/codeshare.edi");
    assert!(
        warnings(&m)
            .iter()
            .any(|w| w.contains("five service characters"))
    );
    let f = m.flight.as_ref().unwrap();
    assert_eq!((f.carrier.as_str(), f.number.as_str()), ("SQ", "609"));
    assert!(
        f.marketing.iter().any(|d| d.carrier == "KE"),
        "code-share marketing carriers: {:?}",
        f.marketing
    );
    // A first part (01:C) whose final part never came is kept with a warning.
    let m = read_one(&dir, "paxlst/Test3.txt");
    let parts = m.meta.parts.as_ref().expect("a part of a series");
    assert_eq!(parts.received, vec![1]);
    assert!(!parts.complete);
    // `UNA:-.? *` with `*` as the segment terminator.
    let m = read_one(&dir, "pnrgov/danglingMetaCharacter.txt");
    assert_eq!(m.travellers[0].surname, "SERIO");
    assert_eq!(
        m.travellers[0].documents[0].number.as_deref(),
        Some("9173574")
    );
    // The infant has its own TIF and is linked to the adult.
    let m = read_one(&dir, "pnrgov/adult_and_infant.edi");
    assert_eq!(m.travellers[0].infant, Some(1));
    assert_eq!(m.travellers[1].date_of_birth.unwrap().year(), 2011);
    // The split PNR names the booking it was divided from.
    let m = read_one(&dir, "pnrgov/pnr_split.edi");
    assert!(m.bookings.iter().any(|b| !b.split_from.is_empty()));
    // Crew list, single line, no UNA.
    let m = read_one(&dir, "paxlst/Test1.txt");
    assert!(m.travellers.iter().all(|t| t.role == piu_model::Role::Crew));
}

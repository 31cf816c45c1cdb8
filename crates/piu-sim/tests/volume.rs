//! A day looks like a day at Baku: enough flights, ferries, messages of every
//! kind and format, and a size that fits a laptop.

use std::collections::BTreeSet;

use piu_model::{Format, ManifestChange, Syntax, TransportMode};
use piu_sim::Kind;
use time::macros::date;

#[test]
fn a_day_has_the_expected_volume() {
    for seed in [1, 2, 3] {
        let day = piu_sim::simulate(date!(2026 - 11 - 21), seed);
        let s = day.summary();
        assert!(
            (80..=120).contains(&s.flights),
            "seed {seed}: {} flights",
            s.flights
        );
        assert!(
            (1..=5).contains(&s.ferries),
            "seed {seed}: {} ferries",
            s.ferries
        );
        assert_eq!(s.cancelled, 1, "seed {seed}");
        assert!(s.paxlst_files >= 2 * s.flights, "seed {seed}: {s:?}");
        assert!(s.pnrgov_edifact_files >= 2 * 60, "seed {seed}: {s:?}");
        assert!(s.pnrgov_xml_files >= 4, "seed {seed}: {s:?}");
        assert!(
            (5_000..=25_000).contains(&s.passengers),
            "seed {seed}: {s:?}"
        );
        assert!(
            (2_000_000..=30_000_000).contains(&s.bytes),
            "seed {seed}: {} bytes",
            s.bytes
        );
        assert_eq!(
            s.files,
            s.paxlst_files + s.pnrgov_edifact_files + s.pnrgov_xml_files
        );
    }
}

#[test]
fn every_kind_of_message_occurs() {
    let day = piu_sim::simulate(date!(2026 - 11 - 21), 1);
    let kinds: BTreeSet<String> = day
        .messages
        .iter()
        .map(|g| format!("{:?}", g.kind))
        .collect();
    for k in [
        "PnrFull",
        "PnrUpdate",
        "PnrClosure",
        "Passengers",
        "Crew",
        "Change",
        "Cancel",
    ] {
        assert!(kinds.contains(k), "no {k} in {kinds:?}");
    }
    assert!(kinds.contains("CloseOnBoard") || kinds.contains("CloseNotBoarded"));
    let xf = day
        .messages
        .iter()
        .find(|g| g.kind == Kind::Cancel)
        .unwrap();
    assert_eq!(xf.message.meta.change, Some(ManifestChange::CancelFlight));
    assert!(xf.message.status_only);
}

#[test]
fn pnrgov_versions_spread_over_carriers() {
    let day = piu_sim::simulate(date!(2026 - 11 - 21), 1);
    let versions: BTreeSet<&str> = day
        .messages
        .iter()
        .filter(|g| {
            g.message.meta.format == Format::Pnrgov && g.message.meta.syntax == Syntax::Edifact
        })
        .map(|g| g.message.meta.version.as_str())
        .collect();
    for v in ["11.1", "13.1", "14.1", "15.1", "16.1"] {
        assert!(versions.contains(v), "no PNRGOV {v}: {versions:?}");
    }
}

#[test]
fn big_aircraft_send_multi_part_lists() {
    let day = piu_sim::simulate(date!(2026 - 11 - 21), 1);
    let series: Vec<_> = day.files.iter().filter(|f| f.parts > 1).collect();
    assert!(!series.is_empty(), "no multi-part PAXLST");
    for f in series {
        let text = String::from_utf8_lossy(&f.bytes);
        let mark = match f.part {
            1 => "+01:C'".to_string(),
            p if p == f.parts => format!("+{p:02}:F'"),
            p => format!("+{p:02}'"),
        };
        assert!(text.contains(&mark), "{} lacks {mark}", f.name);
    }
}

#[test]
fn ferries_sail_the_caspian_in_sea_mode() {
    let day = piu_sim::simulate(date!(2026 - 11 - 21), 1);
    let ferries: Vec<_> = day
        .voyages
        .iter()
        .filter(|v| v.mode == TransportMode::Sea)
        .collect();
    assert!(!ferries.is_empty());
    for v in &ferries {
        assert!(
            v.origin.starts_with("AZ") || v.destination.starts_with("AZ"),
            "{v:?}"
        );
        assert!(v.passengers > 0 && v.crew > 0);
    }
    let sea_files: Vec<_> = day
        .files
        .iter()
        .filter(|f| f.name.contains("PAXLST-SEA"))
        .collect();
    assert_eq!(sea_files.len(), 2 * ferries.len());
    for f in sea_files {
        let text = String::from_utf8_lossy(&f.bytes);
        assert!(
            text.contains("+1++ASCO+++"),
            "{}: no sea-mode TDT with vessel",
            f.name
        );
    }
}

//! The same date and seed give byte-identical files; another seed or date gives
//! other traffic.

use time::macros::date;

fn fingerprint(day: &piu_sim::Day) -> Vec<(String, Vec<u8>)> {
    day.files
        .iter()
        .map(|f| (f.name.clone(), f.bytes.clone()))
        .collect()
}

#[test]
fn same_seed_gives_identical_bytes() {
    let a = piu_sim::simulate(date!(2026 - 11 - 21), 1);
    let b = piu_sim::simulate(date!(2026 - 11 - 21), 1);
    assert_eq!(a.files.len(), b.files.len());
    assert!(
        fingerprint(&a) == fingerprint(&b),
        "files differ between two runs"
    );
    assert_eq!(a.summary(), b.summary());
}

#[test]
fn other_seed_or_day_gives_other_traffic() {
    let a = piu_sim::simulate(date!(2026 - 11 - 21), 1);
    let b = piu_sim::simulate(date!(2026 - 11 - 21), 2);
    let c = piu_sim::simulate(date!(2026 - 11 - 22), 1);
    let names = |d: &piu_sim::Day| d.files.iter().map(|f| f.name.clone()).collect::<Vec<_>>();
    assert_ne!(fingerprint(&a), fingerprint(&b));
    assert_ne!(
        names(&a),
        names(&b),
        "another seed should change the schedule"
    );
    assert_ne!(fingerprint(&a), fingerprint(&c));
    // The travellers themselves differ, not only the envelopes.
    let surnames = |d: &piu_sim::Day| {
        d.messages
            .iter()
            .flat_map(|g| g.message.travellers.iter().map(|t| t.surname.clone()))
            .take(200)
            .collect::<Vec<_>>()
    };
    assert_ne!(surnames(&a), surnames(&b));
}

#[test]
fn files_are_written_as_generated() {
    let day = piu_sim::simulate(date!(2026 - 11 - 21), 7);
    let dir = std::env::temp_dir().join(format!("piu-sim-write-{}", std::process::id()));
    let summary = piu_sim::write(&day, &dir).unwrap();
    assert_eq!(summary, day.summary());
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), day.files.len());
    for f in day.files.iter().step_by(37) {
        assert_eq!(std::fs::read(dir.join(&f.name)).unwrap(), f.bytes);
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

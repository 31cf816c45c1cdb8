//! `piu simulate --watchlist`: the three files, the same for a seed, and a
//! truth that names every traveller.

use std::collections::HashSet;
use std::path::Path;
use std::process::Command;

fn piu(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_piu"))
        .args(args)
        .output()
        .expect("piu runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn generate(dir: &Path, seed: &str) -> String {
    let (code, out, err) = piu(&[
        "simulate",
        "--watchlist",
        "300",
        "--planted",
        "40",
        "--clean",
        "100",
        "--seed",
        seed,
        "--out",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    out
}

fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap()
}

/// The first column of each data row (ids are never quoted).
fn ids(text: &str) -> Vec<&str> {
    text.lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap())
        .collect()
}

#[test]
fn files_are_written_and_deterministic() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b, c) = (
        tmp.path().join("a"),
        tmp.path().join("b"),
        tmp.path().join("c"),
    );
    let summary = generate(&a, "5");
    generate(&b, "5");
    generate(&c, "6");
    assert!(
        summary.contains("watchlist of 300 entries")
            && summary.contains("40 planted and 100 clean"),
        "{summary}"
    );
    assert_eq!(summary.lines().count(), 1);
    for name in ["watchlist.csv", "travellers.csv", "truth.csv"] {
        assert_eq!(
            read(&a, name),
            read(&b, name),
            "{name} differs for one seed"
        );
        assert_ne!(read(&a, name), read(&c, name), "{name} same for two seeds");
    }
    let list = read(&a, "watchlist.csv");
    assert!(list.starts_with("id,full_name,"));
    assert_eq!(ids(&list).len(), 300);
}

#[test]
fn truth_names_every_traveller() {
    let tmp = tempfile::tempdir().unwrap();
    generate(tmp.path(), "7");
    let list = read(tmp.path(), "watchlist.csv");
    let travellers = read(tmp.path(), "travellers.csv");
    let truth = read(tmp.path(), "truth.csv");
    assert_eq!(truth.lines().next(), Some("id,planted_entry,variation"));
    assert_eq!(ids(&truth), ids(&travellers));
    assert_eq!(ids(&truth).len(), 140);
    let entries: HashSet<&str> = ids(&list).into_iter().collect();
    let mut planted = 0;
    for line in truth.lines().skip(1) {
        let cols: Vec<&str> = line.split(',').collect();
        assert_eq!(cols.len(), 3, "{line}");
        if cols[1].is_empty() {
            assert_eq!(cols[2], "clean");
        } else {
            planted += 1;
            assert!(entries.contains(cols[1]), "{line}");
            assert_ne!(cols[2], "clean");
        }
    }
    assert_eq!(planted, 40);
}

#[test]
fn a_day_or_a_watchlist_not_both() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().to_str().unwrap();
    let (code, _, err) = piu(&[
        "simulate",
        "--day",
        "2026-11-21",
        "--watchlist",
        "10",
        "--out",
        out,
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("cannot be used with"), "{err}");
    let (code, _, err) = piu(&["simulate", "--out", out]);
    assert_eq!(code, 2);
    assert!(
        err.contains("--day") && err.contains("--watchlist"),
        "{err}"
    );
}

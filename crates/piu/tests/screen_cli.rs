//! `piu screen` and `piu criteria` on the samples: the hits the samples'
//! README promises, no more; reviews that quiet a hit until the data change;
//! pushes of the same booking that raise nothing new; criteria refused whole.

use std::collections::BTreeSet;
use std::process::Command;

const SAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../samples");

fn sample(path: &str) -> String {
    format!("{SAMPLES}/{path}")
}

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

fn hits(stdout: &str) -> Vec<serde_json::Value> {
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is a JSON hit"))
        .collect()
}

fn pairs(hits: &[serde_json::Value]) -> BTreeSet<(String, String)> {
    hits.iter()
        .map(|h| {
            (
                h["input_ref"].as_str().unwrap().to_string(),
                h["entry_id"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn screen_travellers(travellers: &str, extra: &[&str]) -> (i32, String, String) {
    let national = sample("watchlists/national.list.json");
    let lost = sample("watchlists/lost-stolen.list.json");
    let mut args = vec![
        "screen",
        "--watchlist",
        &national,
        &lost,
        "--input",
        travellers,
        "--at",
        "2026-11-21",
    ];
    args.extend_from_slice(extra);
    piu(&args)
}

#[test]
fn traveller_file_gives_the_hits_its_readme_promises() {
    let (code, out, err) = screen_travellers(&sample("travellers/travellers.csv"), &[]);
    assert_eq!(code, 0, "{err}");
    let hits = hits(&out);
    let expected: BTreeSet<(String, String)> = [
        ("P-01", "NW-0001"),
        ("P-02", "NW-0001"),
        ("P-03", "NW-0004"),
        ("P-04", "NW-0005"),
        ("P-05", "NW-0007"),
        ("P-08", "LS-2026-0001"),
        ("P-09", "LS-2026-0001"),
        ("P-10", "NW-0008"),
    ]
    .into_iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    assert_eq!(pairs(&hits), expected, "{out}");
    for h in &hits {
        assert!(h["score"].as_f64().unwrap() >= h["explanation"]["threshold"].as_f64().unwrap());
        assert!(
            !h["explanation"]["factors"].as_array().unwrap().is_empty(),
            "{h}"
        );
        assert!(
            h["list"].is_string() && h["target_agency"].is_string() && h["version"].is_string()
        );
        if h["kind"] == "person" {
            let name = &h["explanation"]["name"];
            assert!(!name["pairs"].as_array().unwrap().is_empty(), "{h}");
            assert!(
                h["explanation"]["provenance"]
                    .as_str()
                    .unwrap()
                    .contains("national.csv")
            );
        }
    }
    // Every factor is named, also the ones that did not count.
    let p05 = hits.iter().find(|h| h["input_ref"] == "P-05").unwrap();
    let factors: Vec<&str> = p05["explanation"]["factors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["factor"].as_str().unwrap())
        .collect();
    assert_eq!(factors, ["birth date", "gender", "nationality"]);
    assert!(err.contains("screened 10 travellers"), "{err}");
    assert!(err.contains("8 hits"), "{err}");
    assert!(err.contains("candidates examined"), "{err}");
    // The refused watchlist rows are reported with their place in the data file.
    assert!(
        err.contains("national.csv: refused row 12: date_of_birth 11-10-1975 is ambiguous"),
        "{err}"
    );
}

#[test]
fn a_list_out_of_force_gives_no_hits() {
    let (code, out, _) = piu(&[
        "screen",
        "--watchlist",
        &sample("watchlists/national.list.json"),
        "--input",
        &sample("travellers/travellers.csv"),
        "--at",
        "2027-01-05",
    ]);
    assert_eq!(code, 0);
    assert!(out.is_empty(), "{out}");
}

#[test]
fn a_reviewed_false_positive_stays_quiet_until_the_data_change() {
    let dir = tempfile::tempdir().unwrap();
    let travellers = sample("travellers/travellers.csv");
    let (_, out, _) = screen_travellers(&travellers, &[]);
    let mut reviewed = String::new();
    for mut h in hits(&out) {
        if h["input_ref"] == "P-05" {
            h["review"] = "false-positive".into();
            reviewed.push_str(&h.to_string());
            reviewed.push('\n');
        }
    }
    let reviews = dir.path().join("reviewed.jsonl");
    std::fs::write(&reviews, reviewed).unwrap();
    let reviews = reviews.to_str().unwrap();

    let (code, out, err) = screen_travellers(&travellers, &["--reviewed", reviews]);
    assert_eq!(code, 0, "{err}");
    let quiet = pairs(&hits(&out));
    assert_eq!(quiet.len(), 7, "{out}");
    assert!(!quiet.iter().any(|(t, _)| t == "P-05"));
    assert!(
        err.contains("1 reviewed false positives not raised again"),
        "{err}"
    );

    // The traveller now gives a birth date: new data, raised again.
    let changed = std::fs::read_to_string(&travellers).unwrap().replace(
        "P-05,BERIDZE,LEVAN,,M,,GEO",
        "P-05,BERIDZE,LEVAN,,M,1990-05-17,GEO",
    );
    let changed_path = dir.path().join("travellers.csv");
    std::fs::write(&changed_path, changed).unwrap();
    // The same file name and row id: the same traveller, with other data.
    let (_, out, err) = screen_travellers(changed_path.to_str().unwrap(), &["--reviewed", reviews]);
    let again = pairs(&hits(&out));
    assert!(
        again.contains(&("P-05".to_string(), "NW-0007".to_string())),
        "{out}"
    );
    assert!(
        err.contains("0 reviewed false positives not raised again"),
        "{err}"
    );
}

#[test]
fn the_same_booking_pushed_twice_raises_its_hits_once() {
    let dir = tempfile::tempdir().unwrap();
    let push = std::fs::read(sample("pnrgov/v11-1-full-push-pnr-details.edi")).unwrap();
    for name in ["push-1.edi", "push-2.edi"] {
        std::fs::write(dir.path().join(name), &push).unwrap();
    }
    let (code, out, err) = piu(&[
        "screen",
        "--watchlist",
        &sample("watchlists/national.list.json"),
        "--criteria",
        &sample("criteria/criteria.json"),
        "--input",
        dir.path().to_str().unwrap(),
        "--at",
        "2025-11-19T12:00",
    ]);
    assert_eq!(code, 0, "{err}");
    let hits = hits(&out);
    assert_eq!(hits.len(), 2, "{out}");
    for h in &hits {
        assert_eq!(h["kind"], "criterion");
        assert_eq!(h["entry_id"], "C-002");
        assert_eq!(h["list"], "criteria");
        assert_eq!(h["target_agency"], "migration-service");
        let why = h["explanation"]["criterion"].as_str().unwrap();
        assert!(
            why.contains("booking.route = [\"GYD\", \"IST\", \"JFK\"]"),
            "{why}"
        );
        assert!(
            h["input_ref"].as_str().unwrap().contains("push-1.edi"),
            "{h}"
        );
    }
    assert!(err.contains("2 hits (2 repeated"), "{err}");
}

#[test]
fn a_criteria_file_with_a_protected_characteristic_is_refused_whole() {
    let (code, out, err) = piu(&[
        "screen",
        "--watchlist",
        &sample("watchlists/national.list.json"),
        "--criteria",
        &sample("criteria/refused.json"),
        "--input",
        &sample("travellers/travellers.csv"),
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(out.is_empty());
    for id in [
        "R-001", "R-002", "R-003", "R-004", "R-005", "R-006", "R-007",
    ] {
        assert!(
            err.contains(&format!("refused.json: {id}: ")),
            "{id}: {err}"
        );
    }
    assert!(err.contains("religion"), "{err}");
    let (code, _, err) = piu(&["criteria", "check", &sample("criteria/refused.json")]);
    assert_eq!(code, 1, "{err}");
}

#[test]
fn a_backtest_counts_what_a_criterion_would_have_hit() {
    let (code, out, err) = piu(&[
        "criteria",
        "backtest",
        &sample("criteria/criteria.json"),
        "--criterion",
        "C-002",
        "--input",
        &sample("pnrgov"),
        "--at",
        "2025-11-19T12:00",
    ]);
    assert_eq!(code, 0, "{err}");
    let reports: Vec<serde_json::Value> = hits(&out);
    assert_eq!(reports.len(), 1);
    let r = &reports[0];
    assert_eq!(r["criterion"], "C-002");
    assert!(r["travellers"].as_u64().unwrap() > 10, "{r}");
    assert_eq!(r["hits"], 4, "{r}");
    assert!(err.contains("C-002 v1: 4 of"), "{err}");
}

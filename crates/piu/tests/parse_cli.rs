//! `piu parse`: the JSON Lines contract other tools rely on, and how failures are reported.

use std::process::Command;

const PAXLST: &str = "UNA:+.? '\nUNB+UNOA:4+J2APIS:ZZ+AZEPIU+261121:0600+77'\n\
UNH+1+PAXLST:D:05B:UN:IATA+J2061/211126/0800'\nBGM+745'\nNAD+MS+++AZAL OPS'\n\
TDT+20+J2061+++J2'\nLOC+125+GYD'\nDTM+189:2611210800:201'\nLOC+87+IST'\nDTM+232:2611210930:201'\n\
NAD+FL+++MAMMADOV:RASHAD:ALI OGLU'\nATT+2++M'\nDTM+329:850312'\nNAT+2+AZE'\nRFF+AVF:Q7X2LP'\n\
DOC+P:110:111+C1234567'\nDTM+36:300101'\nLOC+91+AZE'\nCNT+42:1'\nUNT+18+1'\nUNZ+1+77'\n";

const PNRGOV: &str = "UNA:+.?*'\nUNB+IATA:1+J2+AZEPIU+191126:0800+5'\n\
UNH+1+PNRGOV:13:1:IA+J2061/211126/0800'\nMSG+:22'\nORG+J2:GYD'\nTVL+211126:0800:211126:0930+GYD+IST+J2+061'\nEQN+1'\n\
SRC'\nRCI+J2:Q7X2LP::011126:1015'\nTIF+MAMMADOV+RASHADMR:A:1'\n\
SSR+DOCS:HK:1:J2:::::/P/AZE/C1234567/AZE/12MAR85/M/01JAN30/MAMMADOV/RASHAD+::1'\n\
TVL+211126:0800:211126:0930+GYD+IST+J2+061:Y'\nUNT+10+1'\nUNZ+1+5'\n";

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

#[test]
fn json_lines_carry_the_contract_fields() {
    let dir = tempfile::tempdir().unwrap();
    let pax = dir.path().join("api.edi");
    let pnr = dir.path().join("pnr.edi");
    std::fs::write(&pax, PAXLST).unwrap();
    std::fs::write(&pnr, PNRGOV).unwrap();
    let (code, out, err) = piu(&[
        "parse",
        "--json",
        pax.to_str().unwrap(),
        pnr.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    let api = &lines[0];
    assert_eq!(api["format"], "PAXLST");
    assert_eq!(api["version"], "D05B");
    assert_eq!(api["message_ref"], "1");
    let f = &api["flight"];
    assert_eq!(
        (f["carrier"].as_str(), f["number"].as_str()),
        (Some("J2"), Some("61"))
    );
    assert_eq!(
        (f["origin"].as_str(), f["destination"].as_str()),
        (Some("GYD"), Some("IST"))
    );
    assert_eq!(f["departure"], "2026-11-21T08:00");
    assert_eq!(f["arrival"], "2026-11-21T09:30");
    let t = &api["travellers"][0];
    assert_eq!(t["surname"], "MAMMADOV");
    assert_eq!(t["given_names"], "RASHAD ALI OGLU");
    assert_eq!(t["date_of_birth"], "1985-03-12");
    assert_eq!(t["gender"], "M");
    assert_eq!(t["nationality"], "AZE");
    assert_eq!(t["role"], "passenger");
    assert_eq!(t["booking_ref"], "Q7X2LP");
    assert_eq!(t["documents"][0]["type"], "P");
    assert_eq!(t["documents"][0]["number"], "C1234567");
    assert_eq!(t["documents"][0]["expiry"], "2030-01-01");
    assert!(
        api["warnings"].as_array().unwrap().is_empty(),
        "{}",
        api["warnings"]
    );
    assert!(api["bookings"].as_array().unwrap().is_empty());

    let pnr = &lines[1];
    assert_eq!(pnr["format"], "PNRGOV");
    assert_eq!(pnr["version"], "13.1");
    assert_eq!(pnr["bookings"][0]["record_locator"], "Q7X2LP");
    assert_eq!(pnr["bookings"][0]["travellers"], serde_json::json!([0]));
    assert_eq!(pnr["travellers"][0]["given_names"], "RASHAD");
    assert_eq!(pnr["travellers"][0]["booking_ref"], "Q7X2LP");
    assert_eq!(pnr["travellers"][0]["date_of_birth"], "1985-03-12");
}

#[test]
fn a_broken_file_fails_with_its_location_and_the_others_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.edi");
    let bad = dir.path().join("bad.edi");
    std::fs::write(&good, PAXLST).unwrap();
    let broken = PAXLST.replace("ATT+2++M'", "at+2++M'");
    std::fs::write(&bad, &broken).unwrap();
    let missing = dir.path().join("missing.edi");
    let (code, out, err) = piu(&[
        "parse",
        "--json",
        bad.to_str().unwrap(),
        missing.to_str().unwrap(),
        good.to_str().unwrap(),
    ]);
    assert_eq!(code, 1);
    assert_eq!(out.lines().count(), 1, "the good file is still read");
    let offset = broken.find("at+2").unwrap();
    let expected = format!(
        "{}: error at byte {offset} (segment 11, at):",
        bad.display()
    );
    assert!(err.contains(&expected), "{err}");
    assert!(
        err.contains(&format!("{}: cannot read the file", missing.display())),
        "{err}"
    );
}

#[test]
fn folders_are_read_file_by_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.edi"), PAXLST).unwrap();
    std::fs::write(dir.path().join("b.edi"), PNRGOV).unwrap();
    std::fs::write(dir.path().join("NOTES.md"), "not a message").unwrap();
    let (code, out, err) = piu(&["parse", dir.path().to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out.lines().filter(|l| l.contains("travellers")).count(),
        2,
        "{out}"
    );
}

#[test]
fn simulate_writes_a_day_that_parses() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("day");
    let (code, summary, err) = piu(&[
        "simulate",
        "--day",
        "2026-11-21",
        "--seed",
        "7",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(summary.contains("flights"), "{summary}");
    let files = std::fs::read_dir(&out).unwrap().count();
    assert!(files > 100, "{files} files");
    let (code, json, err) = piu(&["parse", "--json", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let messages: Vec<serde_json::Value> = json
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(
        messages
            .iter()
            .any(|m| m["format"] == "PAXLST" && m["flight"]["transport_mode"] == "sea")
    );
    assert!(
        messages
            .iter()
            .any(|m| m["format"] == "PNRGOV" && m["syntax"] == "xml")
    );
    let (code, _, err) = piu(&[
        "simulate",
        "--day",
        "21.11.2026",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 2, "a bad date is refused");
    assert!(err.contains("YYYY-MM-DD"), "{err}");
}

//! `piu audit verify` and `piu audit show` as an auditor runs them, on a
//! SQLite file that is then tampered with byte by byte, as someone with access
//! to the file could, past every trigger.

use std::path::Path;
use std::process::{Command, Output};

use piu_store::{
    AuditActor, AuditEvent, AuditHash, AuditKind, AuditObject, AuditOutcome, AuditPurpose,
    NewAuditEvent, Store,
};
use time::macros::datetime;

fn piu() -> Command {
    Command::new(env!("CARGO_BIN_EXE_piu"))
}

fn run(args: &[&str]) -> (Option<i32>, String, String) {
    let Output {
        status,
        stdout,
        stderr,
    } = piu().args(args).output().expect("piu runs");
    (
        status.code(),
        String::from_utf8_lossy(&stdout).into_owned(),
        String::from_utf8_lossy(&stderr).into_owned(),
    )
}

/// A consultation of traveller `n` by user `u-n`.
fn consultation(n: i64) -> AuditEvent {
    AuditEvent::new(NewAuditEvent {
        kind: AuditKind::Consultation,
        actor: AuditActor::User {
            id: format!("u-{n}"),
            role: Some("analyst".to_owned()),
            agency: Some("customs".to_owned()),
        },
        purpose: AuditPurpose::TerrorismSeriousCrime,
        object_type: AuditObject::Traveller,
        object_ids: vec![n.to_string()],
        reason: None,
        outcome: AuditOutcome::Allowed,
        at: datetime!(2026-03-01 08:00 UTC) + time::Duration::minutes(n),
    })
    .expect("a valid event")
}

/// Writes five records and closes the store; the head hash.
fn write_chain(path: &Path) -> AuditHash {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    runtime.block_on(async {
        let store = Store::open(&format!("sqlite:{}", path.display()))
            .await
            .expect("the store opens");
        let events: Vec<AuditEvent> = (1..=5).map(consultation).collect();
        let appended = store
            .append_audit_batch(&events)
            .await
            .expect("the records append");
        store.close().await;
        appended.last().expect("five records").hash
    })
}

/// Replaces every occurrence of `from` in the file with `to` (same length).
fn tamper(path: &Path, from: &[u8], to: &[u8]) -> usize {
    assert_eq!(from.len(), to.len());
    let mut bytes = std::fs::read(path).expect("the database file");
    let mut found = 0;
    let mut at = 0;
    while let Some(offset) = bytes[at..]
        .windows(from.len())
        .position(|window| window == from)
    {
        let start = at + offset;
        bytes[start..start + from.len()].copy_from_slice(to);
        found += 1;
        at = start + from.len();
    }
    std::fs::write(path, bytes).expect("the file is written");
    found
}

#[test]
fn verify_passes_an_intact_log_and_names_a_tampered_record() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let path = folder.path().join("piu.db");
    let head = write_chain(&path);
    let database = format!("sqlite:{}", path.display());

    let (code, stdout, stderr) = run(&["audit", "verify", "--database", &database]);
    assert_eq!(code, Some(0), "{stdout}{stderr}");
    assert_eq!(
        stdout.trim(),
        format!("audit chain intact: 5 records, head 5 {head}")
    );

    // The anchor written down earlier is found; one never written is not.
    let (code, stdout, _) = run(&[
        "audit",
        "verify",
        "--database",
        &database,
        "--expect-head",
        &head.to_hex(),
    ]);
    assert_eq!(code, Some(0), "{stdout}");
    assert!(
        stdout.contains("expected head found at record 5"),
        "{stdout}"
    );
    let unknown = "ab".repeat(32);
    let (code, stdout, _) = run(&[
        "audit",
        "verify",
        "--database",
        &database,
        "--expect-head",
        &unknown,
    ]);
    assert_eq!(code, Some(1), "{stdout}");
    assert!(stdout.contains("truncated or rewritten"), "{stdout}");
    let (code, stdout, _) = run(&[
        "audit",
        "verify",
        "--database",
        &database,
        "--expect-count",
        "6",
    ]);
    assert_eq!(code, Some(1), "{stdout}");
    assert!(stdout.contains("6 records expected"), "{stdout}");

    // Show lists what is stored, as JSON Lines.
    let (code, stdout, stderr) = run(&[
        "audit",
        "show",
        "--database",
        &database,
        "--since",
        "2",
        "--limit",
        "2",
    ]);
    assert_eq!(code, Some(0), "{stderr}");
    let lines: Vec<serde_json::Value> = stdout
        .lines()
        .map(|line| serde_json::from_str(line).expect("a JSON line"))
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["seq"], 2);
    assert_eq!(lines[0]["event"]["actor"], "u-2");
    assert_eq!(lines[1]["seq"], 3);
    assert_eq!(lines[1]["event"]["object_ids"][0], "3");
    assert_eq!(lines[1]["prev_hash"], lines[0]["hash"]);

    // Record 3 now says someone else consulted the traveller.
    let changed = tamper(&path, br#""actor":"u-3""#, br#""actor":"u-8""#);
    assert_eq!(changed, 1, "the event is in the main file, once");
    let (code, stdout, stderr) = run(&["audit", "verify", "--database", &database]);
    assert_eq!(code, Some(1), "{stdout}{stderr}");
    assert!(
        stdout.starts_with("audit chain broken at record 3: hash mismatch"),
        "{stdout}"
    );
}

#[test]
fn verify_refuses_a_missing_database_instead_of_making_one() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let path = folder.path().join("mistyped.db");
    let database = format!("sqlite:{}", path.display());
    let (code, stdout, stderr) = run(&["audit", "verify", "--database", &database]);
    assert_eq!(code, Some(2), "{stdout}{stderr}");
    assert!(stderr.contains("opening the database"), "{stderr}");
    assert!(!path.exists(), "an empty database was created");
}

//! `piu demo`: accounts for every role and agency with passwords made for the
//! run, hits of both purposes from a simulated day sent through the carrier
//! API, a console an analyst signs in to, and a fresh start each run that
//! removes only the demo's own files.

mod support;

use std::process::Stdio;

use support::{Demo, Printed, demo_command, get, request, sign_in};

const USERS: [(&str, &str, &str); 12] = [
    ("administrator", "administrator", "piu"),
    ("analyst", "analyst", "piu"),
    ("supervisor", "supervisor", "piu"),
    ("dpo", "dpo", "piu"),
    ("auditor", "auditor", "piu"),
    ("liaison.border_service", "liaison", "border_service"),
    ("liaison.customs", "liaison", "customs"),
    ("liaison.police", "liaison", "police"),
    ("liaison.state_security", "liaison", "state_security"),
    ("liaison.intelligence", "liaison", "intelligence"),
    ("liaison.migration_service", "liaison", "migration_service"),
    ("liaison.foreign_affairs", "liaison", "foreign_affairs"),
];

#[test]
fn the_demo_loads_a_day_with_hits_of_both_purposes_and_serves_the_console() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let demo_dir = dir.path().join("piu-demo");

    // A run that exits after loading.
    let output = demo_command(&demo_dir)
        .arg("--exit-after-load")
        .stderr(Stdio::inherit())
        .output()
        .expect("piu demo runs");
    let first = Printed::read(&String::from_utf8_lossy(&output.stdout));
    assert!(output.status.success(), "piu demo failed:\n{}", first.text);
    assert!(
        first.text.contains(" 0 refused, 0 quarantined"),
        "{}",
        first.text
    );
    let serious = first.count("hits terrorism_serious_crime").unwrap_or(0);
    let border = first.count("hits border_migration").unwrap_or(0);
    assert!(serious > 0 && border > 0, "{}", first.text);
    assert_eq!(first.logins.len(), USERS.len(), "{}", first.text);
    for (user, role, agency) in USERS {
        let line = first
            .text
            .lines()
            .find(|line| line.split_whitespace().next() == Some(user))
            .unwrap_or_else(|| panic!("no login {user}:\n{}", first.text));
        assert!(line.contains(&format!("{role}, {agency}")), "{line}");
        assert!(first.password(user).len() >= 12, "{line}");
    }
    for name in [
        "piu.db",
        "tokens.txt",
        "persons.list.json",
        "documents.list.json",
    ] {
        assert!(demo_dir.join(name).exists(), "{name} made");
    }
    // Something of the user's in the folder stays; the demo's own files are made anew.
    std::fs::write(demo_dir.join("notes.txt"), "mine").expect("write");

    let demo = Demo::start(&demo_dir);
    let second = &demo.printed;
    assert_eq!(
        std::fs::read_to_string(demo_dir.join("notes.txt")).expect("notes.txt kept"),
        "mine"
    );
    assert_eq!(second.count("hits terrorism_serious_crime"), Some(serious));
    assert_eq!(second.count("hits border_migration"), Some(border));
    // Passwords are made again each run: last run's no longer work.
    assert_ne!(first.password("analyst"), second.password("analyst"));
    let stale = format!(
        r#"{{"username":"analyst","password":"{}","purpose":"border_migration"}}"#,
        first.password("analyst")
    );
    let answer = request(
        demo.console,
        "POST",
        "/api/v1/session",
        &[("Content-Type", "application/json")],
        stale.as_bytes(),
    );
    assert_eq!(answer.status, 401, "{}", answer.body);

    // Every printed login signs in, with the role and agency shown.
    for (user, role, agency) in USERS {
        let purpose = match (role, agency) {
            ("analyst" | "supervisor", _) => "\"terrorism_serious_crime\"",
            ("liaison", "border_service" | "migration_service" | "foreign_affairs") => {
                "\"border_migration\""
            }
            ("liaison", _) => "\"terrorism_serious_crime\"",
            _ => "null",
        };
        let body = format!(
            r#"{{"username":"{user}","password":"{}","purpose":{purpose}}}"#,
            second.password(user)
        );
        let answer = request(
            demo.console,
            "POST",
            "/api/v1/session",
            &[("Content-Type", "application/json")],
            body.as_bytes(),
        );
        assert_eq!(answer.status, 201, "{user}: {}", answer.body);
        assert!(
            answer.body.contains(&format!(r#""role":"{role}""#))
                && answer.body.contains(&format!(r#""agency":"{agency}""#)),
            "{user}: {}",
            answer.body
        );
    }

    // The analyst's console: the dashboard and hits of each purpose.
    let password = second.password("analyst");
    for (purpose, list) in [
        ("terrorism_serious_crime", "demo-wanted-persons"),
        ("border_migration", "demo-lost-stolen-documents"),
    ] {
        let cookies = sign_in(demo.console, "analyst", password, purpose);
        let dashboard = get(demo.console, "/", &cookies);
        assert_eq!(dashboard.status, 200, "{}", dashboard.body);
        assert!(dashboard.body.contains("analyst"), "{}", dashboard.body);
        let hits = get(demo.console, "/hits", &cookies);
        assert_eq!(hits.status, 200, "{}", hits.body);
        assert!(
            hits.body.contains(list),
            "/hits under {purpose}:\n{}",
            hits.body
        );
    }

    // The supervisor sees the demo's lists among the watchlists screening uses.
    let cookies = sign_in(
        demo.console,
        "supervisor",
        second.password("supervisor"),
        "border_migration",
    );
    let lists = get(demo.console, "/watchlists", &cookies);
    assert_eq!(lists.status, 200, "{}", lists.body);
    for list in ["demo-wanted-persons", "demo-lost-stolen-documents"] {
        assert!(lists.body.contains(list), "{list}:\n{}", lists.body);
    }
}

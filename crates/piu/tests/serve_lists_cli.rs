//! `piu serve` hands the workspace what it loaded: the watchlists view lists
//! the `--watchlist` files with their counts, the criteria view the
//! `--criteria` file; a refused criteria file stops the start naming it.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

const SAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../samples");

fn piu() -> Command {
    Command::new(env!("CARGO_BIN_EXE_piu"))
}

fn database(folder: &Path) -> String {
    format!("sqlite:{}", folder.join("piu.db").display())
}

/// One HTTP/1.1 exchange on loopback: the status and the body.
fn exchange(address: &str, request: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(address).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .expect("timeout");
    stream.write_all(request.as_bytes()).expect("send");
    let mut reply = String::new();
    stream.read_to_string(&mut reply).expect("reply");
    let status = reply
        .split(' ')
        .nth(1)
        .and_then(|code| code.parse().ok())
        .unwrap_or(0);
    let body = reply
        .split_once("\r\n\r\n")
        .map(|(_, body)| body.to_owned())
        .unwrap_or_default();
    (status, body)
}

struct Serving(Child);

impl Drop for Serving {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Makes an account; its password.
fn add_user(database: &str, name: &str, role: &str, purpose: Option<&str>) -> String {
    let mut command = piu();
    command
        .args(["users", "add", name, "--role", role, "--agency", "piu"])
        .args(["--database", database]);
    if let Some(purpose) = purpose {
        command.args(["--purpose", purpose]);
    }
    let added = command.output().expect("piu users add");
    assert!(added.status.success(), "{added:?}");
    String::from_utf8(added.stdout)
        .expect("utf-8")
        .trim()
        .to_owned()
}

/// Signs in; the cookies to send.
fn sign_in(address: &str, name: &str, password: &str, purpose: Option<&str>) -> String {
    let body = match purpose {
        Some(purpose) => {
            format!(r#"{{"username":"{name}","password":"{password}","purpose":"{purpose}"}}"#)
        }
        None => format!(r#"{{"username":"{name}","password":"{password}"}}"#),
    };
    let request = format!(
        "POST /api/v1/session HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let mut stream = TcpStream::connect(address).expect("connect");
    stream.write_all(request.as_bytes()).expect("send");
    let mut reply = String::new();
    stream.read_to_string(&mut reply).expect("reply");
    assert!(reply.starts_with("HTTP/1.1 201"), "{reply}");
    reply
        .lines()
        .filter_map(|line| line.strip_prefix("set-cookie: "))
        .filter_map(|cookie| cookie.split(';').next())
        .collect::<Vec<_>>()
        .join("; ")
}

fn get(address: &str, cookies: &str, path: &str) -> (u16, serde_json::Value) {
    let (status, body) = exchange(
        address,
        &format!(
            "GET {path} HTTP/1.1\r\nHost: {address}\r\nCookie: {cookies}\r\n\
             Connection: close\r\n\r\n"
        ),
    );
    (status, serde_json::from_str(&body).unwrap_or_default())
}

#[test]
fn the_workspace_lists_the_watchlists_and_criteria_it_was_started_with() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let database = database(folder.path());
    let admin = add_user(&database, "adm", "administrator", None);
    let analyst = add_user(&database, "ana", "analyst", Some("terrorism_serious_crime"));

    let mut child = piu()
        .args(["serve", "--database", &database, "--listen", "127.0.0.1:0"])
        .arg("--tokens")
        .arg(folder.path().join("tokens.txt"))
        .args([
            "--workspace-listen",
            "127.0.0.1:0",
            "--workspace-insecure-cookies",
        ])
        .arg("--watchlist")
        .arg(format!("{SAMPLES}/watchlists/national.list.json"))
        .arg("--criteria")
        .arg(format!("{SAMPLES}/criteria/criteria.json"))
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("piu serve starts");
    let stderr = child.stderr.take().expect("stderr");
    let serving = Serving(child);
    let mut address = None;
    for line in BufReader::new(stderr).lines() {
        let line = line.expect("a line");
        if let Some(rest) = line.strip_prefix("piu serve: workspace on http://") {
            address = Some(rest.trim().to_owned());
            break;
        }
    }
    let address = address.expect("the workspace's address on stderr");

    let cookies = sign_in(&address, "adm", &admin, None);
    let (status, lists) = get(&address, &cookies, "/api/v1/watchlists");
    assert_eq!(status, 200, "{lists}");
    assert_eq!(lists["lists"].as_array().map(Vec::len), Some(1), "{lists}");
    let list = &lists["lists"][0];
    assert_eq!(list["name"], "national-wanted", "{lists}");
    assert_eq!(list["persons"], 11);
    assert_eq!(list["aliases"], 16);
    assert_eq!(list["refused"], 5);
    assert!(
        list["source"]
            .as_str()
            .is_some_and(|source| source.ends_with("national.csv"))
    );

    let cookies = sign_in(&address, "ana", &analyst, Some("terrorism_serious_crime"));
    let (status, criteria) = get(&address, &cookies, "/api/v1/criteria");
    assert_eq!(status, 200, "{criteria}");
    let items = criteria["criteria"].as_array().expect("criteria");
    assert!(items.len() >= 3, "{criteria}");
    assert!(items.iter().all(|item| item["source"] == "file"));
    assert_eq!(items[0]["criterion"], "C-001");
    drop(serving);
}

#[test]
fn a_refused_criteria_file_stops_the_start_naming_it() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let refused = format!("{SAMPLES}/criteria/refused.json");
    let output = piu()
        .args(["serve", "--database", &database(folder.path())])
        .args(["--listen", "127.0.0.1:0", "--criteria", &refused])
        .arg("--tokens")
        .arg(folder.path().join("tokens.txt"))
        .output()
        .expect("piu serve");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(&refused) && stderr.contains("refused") && stderr.contains("R-001"),
        "{stderr}"
    );
}

//! `piu tokens add`, `piu serve` and `piu reprocess` as a user runs them.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const BROKEN: &[u8] = include_bytes!("../../../samples/broken/invalid-tag-mid-message.edi");
const PAXLST: &[u8] =
    include_bytes!("../../../samples/paxlst/d05b-two-groups-passengers-and-crew.edi");

fn piu() -> Command {
    Command::new(env!("CARGO_BIN_EXE_piu"))
}

/// One HTTP/1.1 request: status and body.
fn http(addr: &str, method: &str, path: &str, token: &str, body: &[u8]) -> (u16, String) {
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\
         Authorization: Bearer {token}\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).expect("send");
    stream.write_all(body).expect("send body");
    let mut response = String::new();
    stream.read_to_string(&mut response).expect("answer");
    let (head, body) = response.split_once("\r\n\r\n").expect("a response");
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|code| code.parse().ok())
        .expect("status");
    (status, body.to_owned())
}

/// Starts `piu serve` on a free port and returns it with its address.
fn start_serve(database: &str, tokens: &Path, drop_folder: &Path) -> (Child, String) {
    let mut child = piu()
        .args(["serve", "--database", database, "--listen", "127.0.0.1:0"])
        .arg("--tokens")
        .arg(tokens)
        .arg("--drop-folder")
        .arg(drop_folder)
        .args(["--drop-sender", "J2", "--poll-ms", "50"])
        .stderr(Stdio::piped())
        .spawn()
        .expect("piu serve starts");
    let stderr = child.stderr.take().expect("stderr");
    let mut stderr = BufReader::new(stderr);
    // Lines before it report the watchlists loaded; the address comes with the start.
    let mut line = String::new();
    for _ in 0..10 {
        line.clear();
        stderr.read_line(&mut line).expect("a line");
        if line.contains("http://") {
            break;
        }
    }
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split([',', '\n']).next())
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .to_owned();
    (child, addr)
}

fn stop(mut child: Child) {
    let stopped = Command::new("kill")
        .arg("-TERM")
        .arg(child.id().to_string())
        .status()
        .expect("kill");
    assert!(stopped.success());
    let status = child.wait().expect("wait");
    assert!(status.success(), "piu serve ended with {status}");
}

#[test]
fn serve_receives_and_reprocess_is_idempotent() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let tokens = folder.path().join("tokens.txt");
    let out = piu()
        .args(["tokens", "add", "klm", "KL", "--tokens"])
        .arg(&tokens)
        .output()
        .expect("piu tokens add");
    assert!(out.status.success());
    let token = String::from_utf8(out.stdout)
        .expect("utf-8")
        .trim()
        .to_owned();
    assert!(token.starts_with("piu_") && token.len() > 60, "{token}");
    let file = std::fs::read_to_string(&tokens).expect("tokens file");
    assert!(file.starts_with("klm KL ") && !file.contains(&token));

    let database = format!("sqlite:{}", folder.path().join("piu.db").display());
    let drop_folder = folder.path().join("incoming");
    std::fs::create_dir(&drop_folder).expect("mkdir");
    std::fs::write(drop_folder.join("pax.edi"), PAXLST).expect("write");
    let (child, addr) = start_serve(&database, &tokens, &drop_folder);

    let (status, body) = http(&addr, "POST", "/api/v1/messages", &token, BROKEN);
    assert_eq!(status, 202, "{body}");
    let (status, _) = http(&addr, "POST", "/api/v1/messages", "piu_wrong", BROKEN);
    assert_eq!(status, 401);
    let id = body
        .split("\"id\":")
        .nth(1)
        .and_then(|rest| rest.split([',', '}']).next())
        .expect("an id")
        .to_owned();
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let (_, body) = http(&addr, "GET", &format!("/api/v1/messages/{id}"), &token, b"");
        if body.contains("\"quarantined\"") {
            assert!(body.contains("\"byte_offset\":273"), "{body}");
            break;
        }
        assert!(Instant::now() < deadline, "not quarantined: {body}");
        std::thread::sleep(Duration::from_millis(50));
    }
    let done = drop_folder.join("done").join("pax.edi");
    while !done.exists() {
        assert!(Instant::now() < deadline, "the dropped file was not taken");
        std::thread::sleep(Duration::from_millis(50));
    }
    // The dropped file may still be waiting for the worker; reprocess reads it too.
    stop(child);

    let reprocess = |selection: &[&str]| {
        let out = piu()
            .args(["reprocess", "--database", &database])
            .args(selection)
            .output()
            .expect("piu reprocess");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("utf-8")
    };
    // The first run also reads the dropped file if the server stopped before
    // its worker did; from then on the same selection reads the same.
    let quarantine_only = "reset 1; read 1: processed 0, quarantined 1\n";
    let first = reprocess(&["--quarantined"]);
    assert!(
        first == quarantine_only || first == "reset 1; read 2: processed 1, quarantined 1\n",
        "{first}"
    );
    assert_eq!(reprocess(&["--quarantined"]), quarantine_only);
    assert_eq!(reprocess(&["--quarantined"]), quarantine_only);
    assert_eq!(
        reprocess(&["--all"]),
        "reset 2; read 2: processed 1, quarantined 1\n"
    );
    let out = piu()
        .args(["reprocess", "--database", &database, "999"])
        .output()
        .expect("piu reprocess");
    assert!(!out.status.success(), "an unknown id is an error");
}

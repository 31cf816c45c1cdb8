//! `piu serve --iapi-endpoints FILE` and `--iapi-endpoint CARRIER=URL`: an
//! endpoint that cannot be used stops the start with a message naming where
//! it came from; usable ones let the service start.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn piu_serve(folder: &Path, extra: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_piu"));
    let database = format!("sqlite:{}", folder.join("piu.db").display());
    command
        .args(["serve", "--database", &database, "--listen", "127.0.0.1:0"])
        .arg("--tokens")
        .arg(folder.join("tokens.txt"))
        .args(extra);
    command
}

/// Runs a start that must fail, within ten seconds: its stderr.
fn refused(folder: &Path, extra: &[&str]) -> String {
    let mut child = piu_serve(folder, extra)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("piu serve starts");
    let deadline = Instant::now() + Duration::from_secs(10);
    while child.try_wait().expect("wait").is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("piu serve {extra:?} kept running");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let Output { status, stderr, .. } = child.wait_with_output().expect("output");
    assert!(!status.success(), "piu serve {extra:?} succeeded");
    String::from_utf8_lossy(&stderr).into_owned()
}

#[test]
fn unusable_endpoints_stop_the_start_and_say_where_they_came_from() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let missing = folder.path().join("no-such-endpoints.json");
    let missing = missing.to_str().expect("a UTF-8 path");
    let stderr = refused(folder.path(), &["--iapi-endpoints", missing]);
    assert!(
        stderr.contains("--iapi-endpoints") && stderr.contains(missing),
        "{stderr}"
    );

    let not_json = folder.path().join("endpoints.json");
    std::fs::write(&not_json, "J2 = http://127.0.0.1:9/").expect("write");
    let not_json = not_json.to_str().expect("a UTF-8 path");
    let stderr = refused(folder.path(), &["--iapi-endpoints", not_json]);
    assert!(stderr.contains(not_json), "{stderr}");

    let tls = folder.path().join("tls.json");
    std::fs::write(&tls, r#"{"J2": "https://carrier.example/iapi"}"#).expect("write");
    let tls = tls.to_str().expect("a UTF-8 path");
    let stderr = refused(folder.path(), &["--iapi-endpoints", tls]);
    assert!(stderr.contains(tls) && stderr.contains("https"), "{stderr}");

    for (assignment, says) in [
        ("J2=https://carrier.example/iapi", "https"),
        ("J2", "CARRIER=URL"),
        ("KL=amqp://127.0.0.1:5672/%2f", "queue"),
        ("KL=ftp://carrier.example/", "http://"),
    ] {
        let stderr = refused(folder.path(), &["--iapi-endpoint", assignment]);
        assert!(
            stderr.contains("--iapi-endpoint") && stderr.contains(assignment),
            "{assignment}: {stderr}"
        );
        assert!(stderr.contains(says), "{assignment}: {stderr}");
    }
    // Nothing was started: no journal was made.
    assert!(!folder.path().join("piu.db").exists());
}

/// `GET /health` answered 200 within ten seconds.
fn health(addr: &str) -> bool {
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        if let Ok(mut stream) = TcpStream::connect(addr) {
            let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
            let request =
                format!("GET /health HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
            let mut answer = String::new();
            if stream.write_all(request.as_bytes()).is_ok()
                && stream.read_to_string(&mut answer).is_ok()
                && answer.starts_with("HTTP/1.1 200")
            {
                return true;
            }
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    false
}

#[test]
fn usable_endpoints_let_the_service_start() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let file = folder.path().join("endpoints.json");
    std::fs::write(
        &file,
        r#"{"J2": "http://127.0.0.1:9/iapi", "KL": "amqp://127.0.0.1:5672/%2f#kl.iapi"}"#,
    )
    .expect("write");
    let mut child = piu_serve(
        folder.path(),
        &[
            "--iapi-endpoints",
            file.to_str().expect("a UTF-8 path"),
            "--iapi-endpoint",
            "FZ=http://127.0.0.1:9/fz",
        ],
    )
    .stdout(Stdio::null())
    .stderr(Stdio::piped())
    .spawn()
    .expect("piu serve starts");
    let mut stderr = BufReader::new(child.stderr.take().expect("stderr"));
    let mut listening = false;
    let mut line = String::new();
    for _ in 0..10 {
        line.clear();
        if stderr.read_line(&mut line).unwrap_or(0) == 0 {
            break;
        }
        if line.contains("carrier API on http://") {
            listening = true;
            break;
        }
    }
    if listening {
        // Answered once serving, when the stop signal is being listened for.
        let addr = line
            .split("http://")
            .nth(1)
            .and_then(|rest| rest.split([',', '\n']).next())
            .unwrap_or_default();
        assert!(health(addr), "no answer on {addr}");
    }
    let _ = Command::new("kill")
        .arg("-TERM")
        .arg(child.id().to_string())
        .status();
    let status = child.wait().expect("wait");
    assert!(listening, "piu serve did not start: {line}");
    assert!(status.success(), "piu serve ended with {status}");
}

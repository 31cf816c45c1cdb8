//! `piu demo` as tests use it: started in a folder of their own on free ports,
//! its printed addresses and logins read back, and a small HTTP/1.1 client
//! for its console and API.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// The day and the share of it the tests load: quick enough for a debug build.
pub const DEMO_ARGS: [&str; 4] = ["--day", "2026-11-21", "--flights", "12"];

/// A `piu demo` command in `dir` on free ports.
pub fn demo_command(dir: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_piu"));
    command
        .arg("demo")
        .arg("--dir")
        .arg(dir)
        .args([
            "--listen",
            "127.0.0.1:0",
            "--workspace-listen",
            "127.0.0.1:0",
        ])
        .args(DEMO_ARGS)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    command
}

/// What `piu demo` printed.
#[derive(Debug, Clone, Default)]
pub struct Printed {
    pub text: String,
    pub console: Option<SocketAddr>,
    /// User name → password.
    pub logins: BTreeMap<String, String>,
}

impl Printed {
    pub fn read(text: &str) -> Printed {
        let mut printed = Printed {
            text: text.to_owned(),
            ..Printed::default()
        };
        let mut in_logins = false;
        for line in text.lines() {
            if let Some(rest) = line.strip_prefix("console:") {
                printed.console = rest
                    .trim()
                    .strip_prefix("http://")
                    .and_then(|rest| rest.split('/').next())
                    .and_then(|address| address.parse().ok());
            } else if line.starts_with("logins") {
                in_logins = true;
            } else if in_logins && line.starts_with("  ") {
                let mut words = line.split_whitespace();
                if let (Some(user), Some(password)) = (words.next(), words.next()) {
                    printed.logins.insert(user.to_owned(), password.to_owned());
                }
            } else {
                in_logins = false;
            }
        }
        printed
    }

    /// A `NAME: COUNT` line of the summary.
    pub fn count(&self, name: &str) -> Option<u64> {
        self.text.lines().find_map(|line| {
            line.strip_prefix(name)?
                .strip_prefix(':')?
                .trim()
                .parse()
                .ok()
        })
    }

    pub fn password(&self, user: &str) -> &str {
        self.logins
            .get(user)
            .unwrap_or_else(|| panic!("no login {user} in:\n{}", self.text))
    }
}

/// A serving `piu demo`, stopped when dropped.
pub struct Demo {
    child: Child,
    pub printed: Printed,
    pub console: SocketAddr,
}

impl Demo {
    /// Starts the demo and waits (up to ten minutes: a debug build loads
    /// slowly on a busy machine) until it says it is serving.
    pub fn start(dir: &Path) -> Demo {
        let mut child = demo_command(dir).spawn().expect("piu demo starts");
        let stdout = child.stdout.take().expect("stdout");
        let stderr = child.stderr.take().expect("stderr");
        std::thread::spawn(move || {
            // Drained so the demo never blocks on a full pipe; shown on failure.
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                eprintln!("piu demo: {line}");
            }
        });
        let (lines, received) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if lines.send(line).is_err() {
                    break;
                }
            }
        });
        let deadline = Instant::now() + Duration::from_secs(600);
        let mut text = String::new();
        while !text.contains("serving until Ctrl-C") {
            let left = deadline.saturating_duration_since(Instant::now());
            match received.recv_timeout(left) {
                Ok(line) => {
                    text.push_str(&line);
                    text.push('\n');
                }
                Err(_) => {
                    let _ = child.kill();
                    let status = child.wait();
                    panic!("piu demo did not start serving ({status:?}):\n{text}");
                }
            }
        }
        let printed = Printed::read(&text);
        let console = printed
            .console
            .unwrap_or_else(|| panic!("no console address in:\n{text}"));
        Demo {
            child,
            printed,
            console,
        }
    }
}

impl Drop for Demo {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An HTTP answer.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Answer {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    /// `NAME=VALUE` of each cookie set, joined as a `Cookie` header.
    pub fn cookies(&self) -> String {
        self.headers
            .iter()
            .filter(|(key, _)| key.eq_ignore_ascii_case("set-cookie"))
            .filter_map(|(_, value)| value.split(';').next())
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// One request on its own connection.
pub fn request(
    address: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Answer {
    let mut stream = TcpStream::connect(address).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .expect("timeout");
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\
         Content-Length: {}\r\n",
        body.len()
    );
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).expect("send");
    stream.write_all(body).expect("send");
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).expect("answer");
    let answer = String::from_utf8_lossy(&answer).into_owned();
    let (head, body) = answer.split_once("\r\n\r\n").unwrap_or((&answer, ""));
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|line| line.split_whitespace().nth(1))
        .and_then(|code| code.parse().ok())
        .unwrap_or_else(|| panic!("no status in {head:?}"));
    let headers = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(key, value)| (key.trim().to_owned(), value.trim().to_owned()))
        .collect();
    Answer {
        status,
        headers,
        body: body.to_owned(),
    }
}

/// Signs in on the console's form; the cookies of the session.
pub fn sign_in(console: SocketAddr, user: &str, password: &str, purpose: &str) -> String {
    let body = format!("username={user}&password={password}&purpose={purpose}");
    let answer = request(
        console,
        "POST",
        "/login",
        &[("Content-Type", "application/x-www-form-urlencoded")],
        body.as_bytes(),
    );
    assert_eq!(answer.status, 303, "{user} signs in: {}", answer.body);
    answer.cookies()
}

pub fn get(console: SocketAddr, path: &str, cookies: &str) -> Answer {
    request(console, "GET", path, &[("Cookie", cookies)], b"")
}

pub mod webdriver;

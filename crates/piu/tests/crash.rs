//! `piu serve` killed with SIGKILL in the middle of an ingest of 10,000 messages
//! and started again on the same SQLite file: every message answered 202 is in
//! the journal with its bytes, every message is applied exactly once, and the
//! records equal those of an ingest of the same messages in the same order that
//! was never interrupted.

use std::collections::{BTreeMap, HashMap};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use piu_store::{
    Channel, Incoming, MessageId, ProcessingState, Reception, RecordCounts, Sha256Digest, Store,
};
use time::OffsetDateTime;

/// As many messages as a busy carrier link delivers in a few minutes.
const MESSAGES: usize = 10_000;
/// Acknowledgements after which the server is killed.
const KILL_AFTER: usize = 4_000;
const CLIENTS: usize = 8;
/// Acknowledged messages sent again after the restart: the same id comes back.
const RESENT_ACKNOWLEDGED: usize = 200;

fn piu() -> Command {
    Command::new(env!("CARGO_BIN_EXE_piu"))
}

fn run(command: &mut Command) -> String {
    let out = command.output().expect("piu runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

/// A running `piu serve`, its address and what it wrote on stderr.
struct Server {
    child: Child,
    addr: String,
    stderr: Arc<Mutex<String>>,
}

impl Server {
    fn start(database: &Path, tokens: &Path, watchlist: &Path) -> Server {
        let mut child = piu()
            .arg("serve")
            .arg("--database")
            .arg(format!("sqlite:{}", database.display()))
            .args(["--listen", "127.0.0.1:0", "--tokens"])
            .arg(tokens)
            .arg("--watchlist")
            .arg(watchlist)
            .stderr(Stdio::piped())
            .spawn()
            .expect("piu serve starts");
        let mut stderr = BufReader::new(child.stderr.take().expect("stderr"));
        let mut first = String::new();
        // The list is loaded first; the address comes in the line that follows.
        let addr = loop {
            let mut line = String::new();
            assert!(
                stderr.read_line(&mut line).expect("stderr") > 0,
                "piu serve ended before listening: {first}"
            );
            first.push_str(&line);
            if let Some(rest) = line.split("http://").nth(1) {
                break rest
                    .split([',', '\n'])
                    .next()
                    .expect("an address")
                    .to_owned();
            }
        };
        let log = Arc::new(Mutex::new(first));
        let sink = Arc::clone(&log);
        std::thread::spawn(move || {
            for line in stderr.lines() {
                let Ok(line) = line else { break };
                let mut log = sink.lock().expect("log");
                log.push_str(&line);
                log.push('\n');
            }
        });
        Server {
            child,
            addr,
            stderr: log,
        }
    }

    fn log(&self) -> String {
        self.stderr.lock().expect("log").clone()
    }

    /// SIGKILL: no shutdown, no flush, whatever was under way is cut off.
    fn kill(mut self) {
        self.child.kill().expect("SIGKILL");
        self.child.wait().expect("wait");
    }

    /// SIGTERM, as a service manager stops it.
    fn stop(mut self) {
        let sent = Command::new("kill")
            .arg("-TERM")
            .arg(self.child.id().to_string())
            .status()
            .expect("kill");
        assert!(sent.success());
        let status = self.child.wait().expect("wait");
        assert!(status.success(), "piu serve ended with {status}");
    }
}

/// A failing assertion must not leave a server running.
impl Drop for Server {
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// An HTTP/1.1 client on one kept-alive connection.
struct Client {
    addr: String,
    token: String,
    stream: Option<BufReader<TcpStream>>,
}

/// What a 202 answer says.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Accepted {
    id: i64,
    sha256: String,
    duplicate: bool,
}

impl Client {
    fn new(addr: &str, token: &str) -> Client {
        Client {
            addr: addr.to_owned(),
            token: token.to_owned(),
            stream: None,
        }
    }

    /// POSTs one message; an error for anything but 202 (or no answer at all).
    fn post(&mut self, body: &[u8]) -> Result<Accepted, String> {
        let result = self.exchange(body);
        if result.is_err() {
            self.stream = None;
        }
        let (status, text) = result.map_err(|e| e.to_string())?;
        if status != 202 {
            return Err(format!("status {status}: {text}"));
        }
        let field = |name: &str| {
            text.split(&format!("\"{name}\":"))
                .nth(1)
                .and_then(|rest| rest.split([',', '}']).next())
                .map(|value| value.trim_matches('"').to_owned())
                .ok_or_else(|| format!("no {name} in {text}"))
        };
        Ok(Accepted {
            id: field("id")?.parse().map_err(|_| text.clone())?,
            sha256: field("sha256")?,
            duplicate: field("duplicate")? == "true",
        })
    }

    fn exchange(&mut self, body: &[u8]) -> std::io::Result<(u16, String)> {
        if self.stream.is_none() {
            let stream = TcpStream::connect(&self.addr)?;
            stream.set_read_timeout(Some(Duration::from_secs(60)))?;
            stream.set_nodelay(true)?;
            self.stream = Some(BufReader::new(stream));
        }
        let Some(stream) = self.stream.as_mut() else {
            unreachable!("connected above")
        };
        let head = format!(
            "POST /api/v1/messages HTTP/1.1\r\nHost: {}\r\nAuthorization: Bearer {}\r\n\
             Content-Type: application/edifact\r\nContent-Length: {}\r\n\r\n",
            self.addr,
            self.token,
            body.len()
        );
        let mut request = head.into_bytes();
        request.extend_from_slice(body);
        stream.get_mut().write_all(&request)?;
        let mut status_line = String::new();
        if stream.read_line(&mut status_line)? == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        let status = status_line
            .split_whitespace()
            .nth(1)
            .and_then(|code| code.parse().ok())
            .ok_or_else(|| std::io::Error::other(format!("status line {status_line:?}")))?;
        let mut length = 0;
        loop {
            let mut line = String::new();
            if stream.read_line(&mut line)? == 0 {
                return Err(std::io::ErrorKind::UnexpectedEof.into());
            }
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some((name, value)) = line.split_once(':')
                && name.eq_ignore_ascii_case("content-length")
            {
                length = value.trim().parse().map_err(std::io::Error::other)?;
            }
        }
        let mut body = vec![0; length];
        stream.read_exact(&mut body)?;
        Ok((status, String::from_utf8_lossy(&body).into_owned()))
    }
}

/// Sends the messages at `indices` from [`CLIENTS`] threads; calls `acked` for
/// each 202 and `failed` for each message that got none, after which that
/// client stops.
fn send(
    addr: &str,
    token: &str,
    messages: &Arc<Vec<Vec<u8>>>,
    indices: Vec<usize>,
    acked: &Arc<Mutex<Vec<(usize, Accepted)>>>,
    failed: &Arc<Mutex<Vec<(usize, String)>>>,
) -> Vec<std::thread::JoinHandle<()>> {
    let indices = Arc::new(indices);
    let next = Arc::new(AtomicUsize::new(0));
    (0..CLIENTS)
        .map(|_| {
            let (messages, indices, next) = (messages.clone(), indices.clone(), next.clone());
            let (acked, failed) = (acked.clone(), failed.clone());
            let mut client = Client::new(addr, token);
            std::thread::spawn(move || {
                loop {
                    let at = next.fetch_add(1, Ordering::SeqCst);
                    let Some(&index) = indices.get(at) else {
                        break;
                    };
                    match client.post(&messages[index]) {
                        Ok(accepted) => acked.lock().expect("acked").push((index, accepted)),
                        Err(error) => {
                            failed.lock().expect("failed").push((index, error));
                            break;
                        }
                    }
                }
            })
        })
        .collect()
}

/// The messages: one-booking PNRGOV pushes of two simulated days, in the order
/// they were sent; the same bookings come again at each push stage.
fn simulated_messages(folder: &Path) -> Vec<Vec<u8>> {
    let traffic = folder.join("traffic");
    for day in ["2026-03-14", "2026-03-15"] {
        run(piu()
            .args(["simulate", "--booking-pushes", "--day", day, "--out"])
            .arg(&traffic));
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(&traffic)
        .expect("the simulated traffic")
        .map(|entry| entry.expect("an entry").path())
        .collect();
    files.sort();
    assert!(files.len() >= MESSAGES, "only {} files", files.len());
    files.truncate(MESSAGES);
    files
        .iter()
        .map(|path| std::fs::read(path).expect("a message"))
        .collect()
}

/// A watchlist of travellers taken from the traffic (name, birth date and
/// document from their DOCS), so that screening raises hits, and pushes of
/// the same booking again would raise them twice if a hit were not kept once.
fn planted_watchlist(folder: &Path, messages: &[Vec<u8>]) -> PathBuf {
    let mut csv = String::from(
        "id,last_name,first_name,middle_name,aliases,gender,date_of_birth,nationality,\
         document_number,document_type,document_country,category,list,case_officer\n",
    );
    let mut planted = 0;
    for message in messages.iter().step_by(97) {
        let text = String::from_utf8_lossy(message);
        let Some(docs) = text.split("SSR+DOCS:").nth(1) else {
            continue;
        };
        let docs = docs.split(['\'', '+']).next().unwrap_or_default();
        let parts: Vec<&str> = docs.split('/').collect();
        // …:::::/P/NAT/NUMBER/NAT/DDMMMYY/G/EXPIRY/SURNAME/GIVEN
        if parts.len() < 10 || docs.contains('?') || parts[8].is_empty() || parts[9].is_empty() {
            continue;
        }
        let Some(born) = docs_date(parts[5]) else {
            continue;
        };
        planted += 1;
        csv.push_str(&format!(
            "PLANT-{planted:04},{},{},,,{},{born},{},{},passport,{},wanted,planted,test\n",
            parts[8], parts[9], parts[6], parts[2], parts[3], parts[4]
        ));
    }
    assert!(planted >= 20, "only {planted} travellers planted");
    std::fs::write(folder.join("planted.csv"), csv).expect("write the list");
    let descriptor = folder.join("planted.list.json");
    std::fs::write(
        &descriptor,
        r#"{"name": "planted", "owner_agency": "Test", "category": "wanted",
            "severity": "high", "purpose": "serious-crime", "threshold": 0.85,
            "source": "planted.csv"}"#,
    )
    .expect("write the descriptor");
    descriptor
}

/// `03MAY75` → `1975-05-03`.
fn docs_date(text: &str) -> Option<String> {
    const MONTHS: [&str; 12] = [
        "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
    ];
    if text.len() != 7 || !text.is_ascii() {
        return None;
    }
    let day: u32 = text[..2].parse().ok()?;
    let month = MONTHS.iter().position(|m| *m == &text[2..5])? + 1;
    let year: u32 = text[5..].parse().ok()?;
    let year = if year > 26 { 1900 + year } else { 2000 + year };
    Some(format!("{year:04}-{month:02}-{day:02}"))
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime")
}

/// Waits until the server has processed everything journaled.
fn wait_processed(database: &Path, server: &Server) {
    let url = format!("sqlite:{}", database.display());
    let deadline = Instant::now() + Duration::from_secs(300);
    runtime().block_on(async {
        let store = Store::open(&url).await.expect("the store");
        while !store
            .awaiting_processing(None, 1)
            .await
            .expect("awaiting")
            .is_empty()
        {
            assert!(
                Instant::now() < deadline,
                "processing did not catch up:\n{}",
                server.log()
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        store.close().await;
    });
}

/// Journals the messages in a fresh store in the order of their ids in `ids`,
/// as the HTTP channel's group commit does.
fn journal_in_order(database: &Path, messages: &[Vec<u8>], ids: &HashMap<usize, i64>) {
    let order: BTreeMap<i64, usize> = ids.iter().map(|(&index, &id)| (id, index)).collect();
    let order: Vec<usize> = order.into_values().collect();
    runtime().block_on(async {
        let store = Store::open(&format!("sqlite:{}", database.display()))
            .await
            .expect("the reference store");
        for chunk in order.chunks(256) {
            let incoming: Vec<Incoming<'_>> = chunk
                .iter()
                .map(|&index| Incoming {
                    bytes: &messages[index],
                    reception: Reception::new(Channel::Http, "FZ", OffsetDateTime::now_utc()),
                })
                .collect();
            store.append_batch(&incoming).await.expect("journaled");
        }
        store.close().await;
    });
}

#[test]
fn killed_server_loses_nothing_and_applies_each_message_once() {
    let started = Instant::now();
    let folder = tempfile::tempdir().expect("a temporary folder");
    let tokens = folder.path().join("tokens.txt");
    let token = run(piu()
        .args(["tokens", "add", "fz", "FZ", "--tokens"])
        .arg(&tokens))
    .trim()
    .to_owned();
    let messages = Arc::new(simulated_messages(folder.path()));
    let watchlist = planted_watchlist(folder.path(), &messages);
    let hashes: Vec<Sha256Digest> = messages.iter().map(|m| Sha256Digest::of(m)).collect();
    let distinct: std::collections::HashSet<_> = hashes.iter().map(|h| h.0).collect();
    assert_eq!(distinct.len(), MESSAGES, "the messages must differ");

    // Ingest until KILL_AFTER acknowledgements, then SIGKILL.
    let database = folder.path().join("crash.db");
    let server = Server::start(&database, &tokens, &watchlist);
    let acked = Arc::new(Mutex::new(Vec::new()));
    let failed = Arc::new(Mutex::new(Vec::new()));
    let clients = send(
        &server.addr,
        &token,
        &messages,
        (0..MESSAGES).collect(),
        &acked,
        &failed,
    );
    let deadline = Instant::now() + Duration::from_secs(120);
    while acked.lock().expect("acked").len() < KILL_AFTER {
        assert!(
            failed.lock().expect("failed").is_empty(),
            "refused before the kill: {:?}\n{}",
            failed.lock().expect("failed").first(),
            server.log()
        );
        assert!(Instant::now() < deadline, "too slow:\n{}", server.log());
        std::thread::sleep(Duration::from_millis(1));
    }
    server.kill();
    for client in clients {
        client.join().expect("a client");
    }
    let first_acked: Vec<(usize, Accepted)> = std::mem::take(&mut *acked.lock().expect("acked"));
    let cut_off: Vec<usize> = failed
        .lock()
        .expect("failed")
        .drain(..)
        .map(|(i, _)| i)
        .collect();
    assert!(
        first_acked.len() >= KILL_AFTER && first_acked.len() < MESSAGES,
        "{} acknowledged before the kill",
        first_acked.len()
    );
    assert!(!cut_off.is_empty(), "the kill cut off no request");
    eprintln!(
        "killed after {} acknowledgements ({:?}); {} requests cut off",
        first_acked.len(),
        started.elapsed(),
        cut_off.len()
    );

    // Restart on the same file; send what was cut off, what was never sent,
    // and some acknowledged messages again.
    let mut ids: HashMap<usize, i64> = HashMap::new();
    for (index, accepted) in &first_acked {
        assert_eq!(accepted.sha256, hashes[*index].to_hex());
        assert!(!accepted.duplicate, "message {index} was new");
        assert!(
            ids.insert(*index, accepted.id).is_none(),
            "acknowledged twice"
        );
    }
    let resent: Vec<usize> = first_acked
        .iter()
        .step_by(first_acked.len() / RESENT_ACKNOWLEDGED)
        .map(|(i, _)| *i)
        .collect();
    let mut rest: Vec<usize> = (0..MESSAGES).filter(|i| !ids.contains_key(i)).collect();
    rest.extend(&resent);
    rest.sort_unstable();
    let server = Server::start(&database, &tokens, &watchlist);
    for client in send(&server.addr, &token, &messages, rest, &acked, &failed) {
        client.join().expect("a client");
    }
    assert!(
        failed.lock().expect("failed").is_empty(),
        "refused after the restart: {:?}\n{}",
        failed.lock().expect("failed").first(),
        server.log()
    );
    let mut journaled_before_kill = 0;
    for (index, accepted) in acked.lock().expect("acked").iter() {
        assert_eq!(accepted.sha256, hashes[*index].to_hex());
        match ids.get(index) {
            Some(&id) => {
                assert_eq!(accepted.id, id, "message {index} resent: a new id");
                assert!(
                    accepted.duplicate,
                    "message {index} resent: not a duplicate"
                );
            }
            None => {
                journaled_before_kill += usize::from(accepted.duplicate);
                ids.insert(*index, accepted.id);
            }
        }
    }
    assert_eq!(ids.len(), MESSAGES, "every message acknowledged once");
    // Meanwhile, the reference: the same messages in the same journal order
    // (the worker processes in id order), never interrupted.
    let reference = folder.path().join("reference.db");
    journal_in_order(&reference, &messages, &ids);
    let reference_server = Server::start(&reference, &tokens, &watchlist);
    wait_processed(&database, &server);
    server.stop();
    eprintln!(
        "{journaled_before_kill} cut-off messages had been journaled before the kill; \
         all processed after {:?}",
        started.elapsed()
    );

    // The journal: every acknowledged id with its bytes, processed once.
    let crashed = runtime().block_on(async {
        let store = Store::open(&format!("sqlite:{}", database.display()))
            .await
            .expect("the store");
        let size = store.journal_size().await.expect("size");
        assert_eq!(size.messages, MESSAGES as u64);
        for (&index, &id) in &ids {
            let id = MessageId(id);
            let bytes = store.bytes(id).await.expect("the bytes");
            assert_eq!(Sha256Digest::of(&bytes), hashes[index], "message {index}");
            let status = store.status(id).await.expect("a status");
            assert_eq!(
                status.state,
                ProcessingState::Processed,
                "message {index}: {:?}\n{}",
                status.error,
                String::from_utf8_lossy(&bytes)
            );
            assert_eq!(
                status.attempts, 1,
                "message {index} processed more than once"
            );
        }
        let counts = store.record_counts().await.expect("counts");
        store.close().await;
        counts
    });
    // One single-booking push: one application to one flight per message.
    assert_eq!(crashed.flight_messages, MESSAGES as u64, "{crashed:?}");
    assert_eq!(crashed.applied_messages, MESSAGES as u64, "{crashed:?}");
    assert_eq!(
        crashed.hits, crashed.hit_keys,
        "a hit held twice: {crashed:?}"
    );
    assert!(crashed.hits > 0, "the planted travellers raised no hit");

    wait_processed(&reference, &reference_server);
    reference_server.stop();
    let uninterrupted: RecordCounts = runtime().block_on(async {
        let store = Store::open(&format!("sqlite:{}", reference.display()))
            .await
            .expect("the reference store");
        let counts = store.record_counts().await.expect("counts");
        store.close().await;
        counts
    });
    assert_eq!(crashed, uninterrupted);
    eprintln!("{crashed:?} after {:?}", started.elapsed());
}

//! `piu load`: a load generator for the carrier API. Sends the message files of
//! a folder (as `piu simulate` writes them), each once and in name order, over
//! kept-alive HTTP/1.1 connections at a fixed offered rate, and reports what
//! was accepted and how long answers took; with `--database`, it then waits
//! until the server has processed everything and reports the end-to-end rate.
//!
//! With `--iapi` the bodies go to the interactive API instead, and only a
//! CUSRES answer (200, BGM 962) counts as answered; `--checkins` builds the
//! bodies from a synthetic watchlist's travellers (see [`checkins`]).

mod checkins;

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::Context;
use piu_messages::encode::cusres::{self, BoardingCode, CusresKind};
use piu_sim::watchlist::WatchlistSpec;
use piu_store::Store;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

#[derive(clap::Args)]
pub struct Args {
    /// The server, e.g. http://127.0.0.1:8080 (plain HTTP only).
    #[arg(long, default_value = "http://127.0.0.1:8080")]
    url: String,
    /// A carrier's API token (`piu tokens add`).
    #[arg(long)]
    token: String,
    /// Folder of message files, sent in name order, each once.
    #[arg(long, required_unless_present = "checkins")]
    folder: Option<PathBuf>,
    /// Send to the interactive API (POST /api/v1/iapi) and expect a CUSRES
    /// per request, counting the passengers' boarding codes.
    #[arg(long)]
    iapi: bool,
    /// Instead of a folder: check-in PAXLSTs of one to three passengers, the
    /// travellers of the synthetic watchlist of this many persons (as `piu
    /// simulate --watchlist` with the same --seed, --planted and --clean
    /// makes them), each traveller once; the token must be carrier J2's.
    #[arg(
        long,
        value_name = "ENTRIES",
        requires = "iapi",
        conflicts_with = "folder"
    )]
    checkins: Option<usize>,
    /// With --checkins: the watchlist's seed.
    #[arg(long, default_value_t = 1, requires = "checkins")]
    seed: u64,
    /// With --checkins: travellers derived from listed persons.
    #[arg(long, default_value_t = 1000, requires = "checkins")]
    planted: usize,
    /// With --checkins: travellers not derived from the list.
    #[arg(long, default_value_t = 10_000, requires = "checkins")]
    clean: usize,
    /// Messages offered per second; 0 sends as fast as the connections allow.
    #[arg(long, default_value_t = 0)]
    rate: u32,
    /// Stop offering after this many seconds (or when the files run out).
    #[arg(long, default_value_t = 30)]
    duration: u64,
    /// Connections sending at the same time.
    #[arg(long, default_value_t = 32)]
    concurrency: usize,
    /// The server's database (sqlite:FILE or postgres://…): after sending, wait
    /// until nothing awaits processing and report messages per second end to
    /// end, journaled and processed.
    #[arg(long)]
    database: Option<String>,
}

/// What one request came to.
enum Answer {
    /// 202 for bytes not journaled before.
    Accepted,
    /// 202 for bytes already journaled.
    Duplicate,
    /// A CUSRES from the interactive API: each passenger's reference and code.
    Answered(Vec<(Option<String>, BoardingCode)>),
    /// Another status, or no answer at all.
    Failed(String),
}

/// One request's outcome and how long it took from its scheduled time.
struct Sent {
    answer: Answer,
    latency: Duration,
}

pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let addr = args
        .url
        .strip_prefix("http://")
        .context("--url must start with http://")?
        .trim_end_matches('/')
        .to_owned();
    let (messages, planted) = match (&args.folder, args.checkins) {
        (Some(folder), _) => {
            let files = read_folder(folder)?;
            anyhow::ensure!(
                !files.is_empty(),
                "no message files in {}",
                folder.display()
            );
            (files, None)
        }
        (None, Some(entries)) => {
            let spec = WatchlistSpec {
                entries,
                seed: args.seed,
                planted: args.planted,
                clean: args.clean,
            };
            let built = checkins::build(&spec, time::OffsetDateTime::now_utc().date());
            anyhow::ensure!(!built.bodies.is_empty(), "--planted and --clean are both 0");
            (built.bodies, Some(built.planted))
        }
        (None, None) => anyhow::bail!("give --folder or --checkins"),
    };
    let messages = Arc::new(messages);
    let path = if args.iapi {
        IAPI_PATH
    } else {
        "/api/v1/messages"
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    runtime.block_on(async {
        let started = Instant::now();
        let offered = if args.rate == 0 {
            messages.len()
        } else {
            let by_time = u64::from(args.rate).saturating_mul(args.duration);
            messages
                .len()
                .min(usize::try_from(by_time).unwrap_or(usize::MAX))
        };
        let next = Arc::new(AtomicUsize::new(0));
        let deadline = started + Duration::from_secs(args.duration);
        let mut tasks = Vec::new();
        for _ in 0..args.concurrency.max(1) {
            let (messages, next) = (Arc::clone(&messages), Arc::clone(&next));
            let (addr, token, rate) = (addr.clone(), args.token.clone(), args.rate);
            tasks.push(tokio::spawn(async move {
                let mut client = Client::new(addr, token, path);
                let mut outcomes = Vec::new();
                loop {
                    let k = next.fetch_add(1, Ordering::Relaxed);
                    if k >= offered || Instant::now() >= deadline {
                        break;
                    }
                    // Open loop: message k is due at k / rate, whether or not
                    // earlier answers came back, and its latency counts from then.
                    let due = if rate == 0 {
                        Instant::now()
                    } else {
                        started + Duration::from_secs_f64(k as f64 / f64::from(rate))
                    };
                    tokio::time::sleep_until(due.into()).await;
                    let answer = client.post(&messages[k]).await;
                    outcomes.push(Sent {
                        answer,
                        latency: due.elapsed(),
                    });
                }
                outcomes
            }));
        }
        let mut outcomes = Vec::new();
        for task in tasks {
            outcomes.extend(task.await.context("a sending task failed")?);
        }
        let sending = started.elapsed();
        report(args, &outcomes, sending);
        if args.iapi {
            report_verdicts(&outcomes, planted.as_ref());
        }
        if let Some(database) = &args.database {
            let processed = wait_processed(database).await?;
            let accepted = outcomes
                .iter()
                .filter(|sent| matches!(sent.answer, Answer::Accepted | Answer::Answered(_)))
                .count();
            let total = started.elapsed();
            println!(
                "end to end: {accepted} new messages journaled and processed in {:.2} s: \
                 {:.0} messages/s (processing caught up {:.2} s after the last answer)",
                total.as_secs_f64(),
                accepted as f64 / total.as_secs_f64(),
                processed
                    .saturating_duration_since(started + sending)
                    .as_secs_f64()
            );
        }
        Ok(ExitCode::SUCCESS)
    })
}

/// Files of the folder, not `.`-files, in name order.
fn read_folder(folder: &Path) -> anyhow::Result<Vec<Vec<u8>>> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(folder)
        .with_context(|| format!("cannot read {}", folder.display()))?
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| {
            path.is_file()
                && !path
                    .file_name()
                    .is_some_and(|name| name.to_string_lossy().starts_with('.'))
        })
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|path| std::fs::read(path).with_context(|| format!("cannot read {}", path.display())))
        .collect()
}

fn report(args: &Args, outcomes: &[Sent], elapsed: Duration) {
    let accepted = outcomes
        .iter()
        .filter(|sent| matches!(sent.answer, Answer::Accepted))
        .count();
    let duplicates = outcomes
        .iter()
        .filter(|sent| matches!(sent.answer, Answer::Duplicate))
        .count();
    let answered = outcomes
        .iter()
        .filter(|sent| matches!(sent.answer, Answer::Answered(_)))
        .count();
    let failed: Vec<&str> = outcomes
        .iter()
        .filter_map(|sent| match &sent.answer {
            Answer::Failed(reason) => Some(reason.as_str()),
            _ => None,
        })
        .collect();
    let seconds = elapsed.as_secs_f64();
    let offered = if args.rate == 0 {
        "as fast as possible".to_owned()
    } else {
        format!("{} messages/s", args.rate)
    };
    if args.iapi {
        println!(
            "sent {} in {seconds:.2} s ({offered}, {} connections): answered with a CUSRES \
             {answered}, errors {}; {:.0} answered/s",
            outcomes.len(),
            args.concurrency,
            failed.len(),
            answered as f64 / seconds
        );
    } else {
        println!(
            "sent {} in {seconds:.2} s ({offered}, {} connections): accepted {accepted}, \
             duplicates {duplicates}, errors {}; {:.0} accepted/s",
            outcomes.len(),
            args.concurrency,
            failed.len(),
            accepted as f64 / seconds
        );
    }
    if let Some(first) = failed.first() {
        println!("  first error: {first}");
    }
    let mut latencies: Vec<Duration> = outcomes.iter().map(|sent| sent.latency).collect();
    latencies.sort_unstable();
    let at = |q: f64| {
        let i = ((latencies.len() as f64 * q).ceil() as usize).clamp(1, latencies.len());
        latencies[i - 1].as_secs_f64() * 1000.0
    };
    if !latencies.is_empty() {
        println!(
            "latency (from the scheduled time to the answer): p50 {:.1} ms, p90 {:.1} ms, \
             p99 {:.1} ms, max {:.1} ms",
            at(0.5),
            at(0.9),
            at(0.99),
            at(1.0)
        );
    }
}

/// Passengers answered per boarding code and, for synthetic check-ins, how
/// many planted and clean travellers were answered with a hit (2Z).
fn report_verdicts(outcomes: &[Sent], planted: Option<&HashSet<String>>) {
    let mut codes: BTreeMap<&str, usize> = BTreeMap::new();
    let (mut planted_hits, mut planted_sent, mut clean_hits, mut clean_sent) = (0, 0, 0, 0);
    for sent in outcomes {
        let Answer::Answered(verdicts) = &sent.answer else {
            continue;
        };
        for (reference, code) in verdicts {
            *codes.entry(code.code()).or_default() += 1;
            let Some(planted) = planted else { continue };
            let hit = usize::from(*code == BoardingCode::Advisory);
            if reference.as_ref().is_some_and(|r| planted.contains(r)) {
                (planted_hits, planted_sent) = (planted_hits + hit, planted_sent + 1);
            } else {
                (clean_hits, clean_sent) = (clean_hits + hit, clean_sent + 1);
            }
        }
    }
    let codes: Vec<String> = codes
        .iter()
        .map(|(code, n)| format!("{code} {n}"))
        .collect();
    println!("passengers answered: {}", codes.join(", "));
    if planted.is_some() {
        println!(
            "answered 2Z: {planted_hits} of {planted_sent} planted travellers, \
             {clean_hits} of {clean_sent} clean travellers"
        );
    }
}

/// Polls the server's database until nothing awaits processing; the time then.
async fn wait_processed(database: &str) -> anyhow::Result<Instant> {
    let store = Store::open(database)
        .await
        .with_context(|| format!("opening {database}"))?;
    loop {
        if store.awaiting_processing(None, 1).await?.is_empty() {
            let done = Instant::now();
            store.close().await;
            return Ok(done);
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// HTTP/1.1 on one kept-alive connection, reconnecting after a failure.
struct Client {
    addr: String,
    token: String,
    /// `/api/v1/messages` or `/api/v1/iapi`.
    path: &'static str,
    stream: Option<BufReader<TcpStream>>,
}

impl Client {
    fn new(addr: String, token: String, path: &'static str) -> Client {
        Client {
            addr,
            token,
            path,
            stream: None,
        }
    }

    async fn post(&mut self, body: &[u8]) -> Answer {
        match self.exchange(body).await {
            Ok((200, text)) if self.path == IAPI_PATH => verdicts(&text),
            Ok((202, text)) if String::from_utf8_lossy(&text).contains("\"duplicate\":true") => {
                Answer::Duplicate
            }
            Ok((202, _)) => Answer::Accepted,
            Ok((status, text)) => {
                Answer::Failed(format!("{status} {}", String::from_utf8_lossy(&text)))
            }
            Err(error) => {
                self.stream = None;
                Answer::Failed(error.to_string())
            }
        }
    }

    async fn exchange(&mut self, body: &[u8]) -> std::io::Result<(u16, Vec<u8>)> {
        let stream = match &mut self.stream {
            Some(stream) => stream,
            None => {
                let stream = TcpStream::connect(&self.addr).await?;
                stream.set_nodelay(true)?;
                self.stream.insert(BufReader::new(stream))
            }
        };
        let mut request = format!(
            "POST {} HTTP/1.1\r\nHost: {}\r\nAuthorization: Bearer {}\r\n\
             Content-Length: {}\r\n\r\n",
            self.path,
            self.addr,
            self.token,
            body.len()
        )
        .into_bytes();
        request.extend_from_slice(body);
        stream.get_mut().write_all(&request).await?;
        let mut line = String::new();
        if stream.read_line(&mut line).await? == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        let status = line
            .split_whitespace()
            .nth(1)
            .and_then(|code| code.parse().ok())
            .ok_or_else(|| std::io::Error::other(format!("status line {line:?}")))?;
        let mut length = 0;
        let mut close = false;
        loop {
            line.clear();
            if stream.read_line(&mut line).await? == 0 {
                return Err(std::io::ErrorKind::UnexpectedEof.into());
            }
            let header = line.trim_end();
            if header.is_empty() {
                break;
            }
            if let Some((name, value)) = header.split_once(':') {
                if name.eq_ignore_ascii_case("content-length") {
                    length = value.trim().parse().map_err(std::io::Error::other)?;
                } else if name.eq_ignore_ascii_case("connection") {
                    close = value.trim().eq_ignore_ascii_case("close");
                }
            }
        }
        let mut text = vec![0; length];
        stream.read_exact(&mut text).await?;
        if close {
            self.stream = None;
        }
        Ok((status, text))
    }
}

const IAPI_PATH: &str = "/api/v1/iapi";

/// A 200 from the interactive API counts only when it is a CUSRES answering
/// the request (BGM 962) with a verdict for at least one passenger.
fn verdicts(body: &[u8]) -> Answer {
    match cusres::read(body) {
        Ok(messages)
            if !messages.is_empty()
                && messages.iter().all(|m| m.kind == CusresKind::Response)
                && messages.iter().all(|m| !m.verdicts.is_empty()) =>
        {
            Answer::Answered(
                messages
                    .into_iter()
                    .flat_map(|m| m.verdicts)
                    .map(|v| (v.passenger_ref, v.code))
                    .collect(),
            )
        }
        Ok(_) => Answer::Failed("200 with a CUSRES that does not answer the request".into()),
        Err(error) => Answer::Failed(format!("200 without a readable CUSRES: {error}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use piu_messages::encode::cusres::{PassengerVerdict, cusres};
    use piu_messages::encode::{Outgoing, ResponseContext};
    use piu_model::{Format, LocalDateTime, Message, MessageMeta, Syntax, Traveller};

    fn answer_to(kind: CusresKind) -> Vec<u8> {
        let mut meta = MessageMeta::new(Format::Paxlst, Syntax::Edifact);
        meta.sender = Some("J2".into());
        meta.recipient = Some("AZEPIU".into());
        meta.message_ref = "CHK1".into();
        let request = Message::new(meta);
        let traveller = Traveller {
            passenger_ref: Some("T0000001".into()),
            ..Traveller::default()
        };
        let verdict = PassengerVerdict::for_traveller(&traveller, BoardingCode::Advisory, None);
        let prepared = LocalDateTime::from_parts(2026, 11, 21, Some((8, 0))).expect("a date");
        cusres(
            &ResponseContext::from_message(&request),
            &[verdict],
            kind,
            &Outgoing::new("1", "1", prepared),
        )
    }

    #[test]
    fn only_a_cusres_answering_the_request_counts_as_answered() {
        match verdicts(&answer_to(CusresKind::Response)) {
            Answer::Answered(codes) => assert_eq!(
                codes,
                vec![(Some("T0000001".to_owned()), BoardingCode::Advisory)]
            ),
            _ => panic!("a BGM 962 answer was not counted"),
        }
        assert!(matches!(
            verdicts(&answer_to(CusresKind::Unsolicited)),
            Answer::Failed(_)
        ));
        assert!(matches!(
            verdicts(br#"{"id":1,"duplicate":false}"#),
            Answer::Failed(_)
        ));
    }
}

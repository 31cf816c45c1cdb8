//! `piu load`: a load generator for the carrier API. Sends the message files of
//! a folder (as `piu simulate` writes them), each once and in name order, over
//! kept-alive HTTP/1.1 connections at a fixed offered rate, and reports what
//! was accepted and how long answers took; with `--database`, it then waits
//! until the server has processed everything and reports the end-to-end rate.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::Context;
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
    #[arg(long)]
    folder: PathBuf,
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
    let messages = Arc::new(read_folder(&args.folder)?);
    anyhow::ensure!(
        !messages.is_empty(),
        "no message files in {}",
        args.folder.display()
    );
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
                let mut client = Client::new(addr, token);
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
        if let Some(database) = &args.database {
            let processed = wait_processed(database).await?;
            let accepted = outcomes
                .iter()
                .filter(|sent| matches!(sent.answer, Answer::Accepted))
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
    println!(
        "sent {} in {seconds:.2} s ({offered}, {} connections): accepted {accepted}, \
         duplicates {duplicates}, errors {}; {:.0} accepted/s",
        outcomes.len(),
        args.concurrency,
        failed.len(),
        accepted as f64 / seconds
    );
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
    stream: Option<BufReader<TcpStream>>,
}

impl Client {
    fn new(addr: String, token: String) -> Client {
        Client {
            addr,
            token,
            stream: None,
        }
    }

    async fn post(&mut self, body: &[u8]) -> Answer {
        match self.exchange(body).await {
            Ok((202, text)) if text.contains("\"duplicate\":true") => Answer::Duplicate,
            Ok((202, _)) => Answer::Accepted,
            Ok((status, text)) => Answer::Failed(format!("{status} {text}")),
            Err(error) => {
                self.stream = None;
                Answer::Failed(error.to_string())
            }
        }
    }

    async fn exchange(&mut self, body: &[u8]) -> std::io::Result<(u16, String)> {
        let stream = match &mut self.stream {
            Some(stream) => stream,
            None => {
                let stream = TcpStream::connect(&self.addr).await?;
                stream.set_nodelay(true)?;
                self.stream.insert(BufReader::new(stream))
            }
        };
        let mut request = format!(
            "POST /api/v1/messages HTTP/1.1\r\nHost: {}\r\nAuthorization: Bearer {}\r\n\
             Content-Length: {}\r\n\r\n",
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
        Ok((status, String::from_utf8_lossy(&text).into_owned()))
    }
}

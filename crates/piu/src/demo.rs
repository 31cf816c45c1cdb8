//! `piu demo`: the workspace with something in it. In a folder of its own it
//! makes an account per role and agency (passwords generated each run, shown
//! once), watchlists planted from the simulated day, and a carrier token for
//! itself; starts the carrier API and the workspace on the embedded SQLite
//! database; sends the day's traffic through its own carrier API, so every
//! message is journaled, read, stored and screened as in production; prints
//! where to sign in and what came of the day; and serves until Ctrl-C.

mod accounts;
mod feed;
mod lists;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;
use piu_intake::ServeConfig;
use piu_intake::tokens::{self, Tokens};
use piu_store::{HitFilter, Store};
use time::Date;
use tokio::sync::Notify;

use crate::serve::{runtime, stop_signal};

#[derive(clap::Args)]
pub struct Args {
    /// The demo's folder; the files it made there on a previous run are
    /// removed first, nothing else.
    #[arg(long, default_value = "piu-demo")]
    dir: PathBuf,
    /// The workspace (console and staff API): plain HTTP, so only on a
    /// loopback address.
    #[arg(long, default_value = "127.0.0.1:8090")]
    workspace_listen: SocketAddr,
    /// The carrier API the day's traffic is sent to.
    #[arg(long, default_value = "127.0.0.1:8080")]
    listen: SocketAddr,
    /// The day simulated (YYYY-MM-DD); today (UTC) if not given.
    #[arg(long, value_parser = crate::simulate::parse_day)]
    day: Option<Date>,
    /// The same day and seed give the same traffic.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Only this many of the day's flights and crossings, spread over the
    /// day, with every message they send (a quicker load).
    #[arg(long, value_name = "N")]
    flights: Option<usize>,
    /// Stop after the summary instead of serving (for tests and CI).
    #[arg(long)]
    exit_after_load: bool,
}

/// The database file and the tokens file, in the demo's folder.
const DATABASE: &str = "piu.db";
const TOKENS: &str = "tokens.txt";

/// Every file a run makes; the next run removes these and only these.
fn made_files() -> Vec<String> {
    let database = [DATABASE, "piu.db-wal", "piu.db-shm", "piu.db-journal"];
    database
        .into_iter()
        .chain([TOKENS])
        .chain(lists::FILES)
        .map(str::to_owned)
        .collect()
}

fn start_fresh(dir: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    for name in made_files() {
        let path = dir.join(name);
        match std::fs::remove_file(&path) {
            Ok(()) => {}
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
            Err(error) => {
                return Err(error).with_context(|| format!("removing {}", path.display()));
            }
        }
    }
    Ok(())
}

/// The day with `flights` of its voyages, every so many, and their messages
/// and files only.
fn narrowed(mut day: piu_sim::Day, flights: usize) -> piu_sim::Day {
    let step = day.voyages.len().div_ceil(flights.max(1)).max(1);
    let mut kept = std::collections::HashSet::new();
    for voyage in day.voyages.iter().step_by(step) {
        kept.insert((voyage.carrier.clone(), voyage.number.clone()));
        kept.insert((voyage.operator.clone(), voyage.number.clone()));
    }
    day.voyages = day.voyages.into_iter().step_by(step).collect();
    let mut renumbered = vec![None; day.messages.len()];
    let mut messages = Vec::new();
    for (index, generated) in day.messages.into_iter().enumerate() {
        let keep =
            generated.message.flight.as_ref().is_some_and(|flight| {
                kept.contains(&(flight.carrier.clone(), flight.number.clone()))
            });
        if keep {
            renumbered[index] = Some(messages.len());
            messages.push(generated);
        }
    }
    day.messages = messages;
    day.files = day
        .files
        .into_iter()
        .filter_map(|mut file| {
            file.message = renumbered[file.message]?;
            Some(file)
        })
        .collect();
    day
}

/// What the day became once processed.
struct Loaded {
    sent: feed::Sent,
    quarantined: usize,
    flights: u64,
    travellers: u64,
    hits_serious_crime: usize,
    hits_border_migration: usize,
    took: Duration,
}

pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    anyhow::ensure!(
        args.workspace_listen.ip().is_loopback(),
        "--workspace-listen {}: the demo serves plain HTTP with cookies that are not Secure, \
         so only on a loopback address (127.0.0.1)",
        args.workspace_listen
    );
    let dir = &args.dir;
    start_fresh(dir)?;
    let day = args
        .day
        .unwrap_or_else(|| time::OffsetDateTime::now_utc().date());
    let mut day = piu_sim::simulate(day, args.seed);
    if let Some(flights) = args.flights {
        day = narrowed(day, flights);
    }
    let (list_paths, persons, documents) = lists::write(&day, dir)?;
    let (screener, catalogue) = crate::serve::load_lists(&list_paths, None)?;
    let tokens_path = dir.join(TOKENS);
    let token = tokens::add(&tokens_path, "demo", "DEMO")?;
    let tokens = Tokens::load(&tokens_path)?;
    let accounts = accounts::make()?;
    let database = format!("sqlite:{}", dir.join(DATABASE).display());

    runtime()?.block_on(async {
        let store = Store::open(&database)
            .await
            .with_context(|| format!("opening {database}"))?;
        let logins = accounts::store(&store, accounts).await?;
        let carrier = tokio::net::TcpListener::bind(args.listen)
            .await
            .with_context(|| format!("listening on {}", args.listen))?;
        let carrier_address = carrier.local_addr()?;
        let workspace = tokio::net::TcpListener::bind(args.workspace_listen)
            .await
            .with_context(|| format!("listening on {}", args.workspace_listen))?;
        let workspace_address = workspace.local_addr()?;
        let settings = piu_server::Settings {
            secure_cookies: false,
            ..piu_server::Settings::default()
        };
        // Criteria activated in the workspace apply to the traffic at once.
        let in_force = Arc::new(piu_criteria::InForce::default());
        let state = piu_server::AppState::new(store.clone(), settings)
            .with_watchlists(catalogue)
            .with_criteria_in_force(Arc::clone(&in_force));
        let router = piu_server::router(state);
        let workspace = tokio::spawn(async move { axum::serve(workspace, router).await });

        let mut config = ServeConfig::new(tokens);
        config.screener = screener;
        config.criteria = in_force;
        let stop = Arc::new(Notify::new());
        let intake = {
            let stop = Arc::clone(&stop);
            let store = store.clone();
            tokio::spawn(async move {
                piu_intake::serve(store, carrier, config, async move { stop.notified().await })
                    .await
            })
        };

        let started = Instant::now();
        let sent = feed::send(carrier_address, &token, &day.files).await;
        let loaded = summarise(&store, sent, started).await?;
        print_summary(
            args,
            &day,
            &database,
            workspace_address,
            carrier_address,
            &logins,
            &loaded,
            (persons, documents),
        );
        if !args.exit_after_load {
            stop_signal().await;
        }
        stop.notify_one();
        let stopped = intake.await;
        workspace.abort();
        store.close().await;
        stopped
            .context("the carrier API stopped")?
            .context("the carrier API failed")?;
        anyhow::ensure!(
            loaded.sent.refused.is_empty(),
            "{} messages were refused: {}",
            loaded.sent.refused.len(),
            loaded.sent.refused.join("; ")
        );
        Ok(ExitCode::SUCCESS)
    })
}

/// Waits until the worker has read every journaled message, then counts.
async fn summarise(store: &Store, sent: feed::Sent, started: Instant) -> anyhow::Result<Loaded> {
    while !store.awaiting_processing(None, 1).await?.is_empty() {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let took = started.elapsed();
    let quarantined = store.quarantined(None, u32::MAX).await?.len();
    let counts = store.record_counts().await?;
    Ok(Loaded {
        sent,
        quarantined,
        flights: counts.flights,
        travellers: counts.travellers,
        hits_serious_crime: hits(store, "serious-crime").await?,
        hits_border_migration: hits(store, "border-migration").await?,
        took,
    })
}

/// Hits raised for a purpose (as the store names it), every page counted.
async fn hits(store: &Store, purpose: &str) -> anyhow::Result<usize> {
    let filter = HitFilter {
        purpose: Some(purpose),
        ..HitFilter::default()
    };
    let mut count = 0;
    let mut after = None;
    loop {
        let page = store.hit_queue(&filter, after, piu_store::MAX_PAGE).await?;
        count += page.len();
        match page.last() {
            Some(last) if page.len() == piu_store::MAX_PAGE as usize => after = Some(last.id),
            _ => return Ok(count),
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn print_summary(
    args: &Args,
    day: &piu_sim::Day,
    database: &str,
    workspace: SocketAddr,
    carrier: SocketAddr,
    logins: &[accounts::Login],
    loaded: &Loaded,
    (persons, documents): (usize, usize),
) {
    let dir = args.dir.display();
    let mut out = String::new();
    let mut line = |text: String| {
        out.push_str(&text);
        out.push('\n');
    };
    line(format!("OpenPIU demo in {dir}/ (database {database})"));
    line(String::new());
    line(format!(
        "console:     http://{workspace}/  (plain HTTP on loopback; cookies without Secure)"
    ));
    line(format!(
        "carrier API: http://{carrier}/api/v1/messages  (the demo's token is in {dir}/{TOKENS} \
         as a hash only)"
    ));
    line(String::new());
    line("logins (passwords made for this run, shown only now):".to_owned());
    for login in logins {
        let purposes: Vec<&str> = login
            .purposes
            .iter()
            .map(|purpose| piu_access::purpose_name(*purpose))
            .collect();
        line(format!(
            "  {:<28} {}  {}, {}{}",
            login.username,
            login.password,
            login.role,
            login.agency,
            if purposes.is_empty() {
                String::new()
            } else {
                format!(": {}", purposes.join(", "))
            }
        ));
    }
    line(String::new());
    line(format!(
        "watchlists: {persons} wanted persons planted from the day's travellers (terrorism and \
         serious crime), {documents} lost or stolen documents (border and migration)"
    ));
    line(format!(
        "day {} (seed {}): {} files sent, {} journaled, {} duplicates, {} refused, {} quarantined \
         in {:.1} s",
        day.date,
        day.seed,
        day.files.len(),
        loaded.sent.accepted,
        loaded.sent.duplicates,
        loaded.sent.refused.len(),
        loaded.quarantined,
        loaded.took.as_secs_f64()
    ));
    line(format!(
        "stored: {} flights, {} travellers",
        loaded.flights, loaded.travellers
    ));
    line(format!(
        "hits terrorism_serious_crime: {}",
        loaded.hits_serious_crime
    ));
    line(format!(
        "hits border_migration: {}",
        loaded.hits_border_migration
    ));
    if !args.exit_after_load {
        line(String::new());
        line("serving until Ctrl-C".to_owned());
    }
    use std::io::Write as _;
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(out.as_bytes());
    let _ = stdout.flush();
}

//! `piu audit`: check the audit chain, and list it for the data protection
//! officer and auditors.

use std::io::{BufWriter, Write};
use std::process::ExitCode;

use anyhow::Context;
use piu_store::{AuditExpectation, AuditHash, Store};

// The same default as `piu serve`: the SQLite file in the current folder.
use crate::serve::DEFAULT_DATABASE;

/// Records asked for per query when listing.
const PAGE: u32 = 1000;

#[derive(clap::Subcommand)]
pub enum Command {
    /// Check every record of the audit chain; print its head (write it down:
    /// only a head kept elsewhere shows that the newest records were removed).
    /// Exits 0 when intact, 1 naming the first bad record otherwise.
    Verify(VerifyArgs),
    /// Print audit records as JSON Lines, oldest first, as stored (run
    /// `piu audit verify` to know they are intact).
    Show(ShowArgs),
}

#[derive(clap::Args)]
pub struct VerifyArgs {
    /// The database: sqlite:FILE or postgres://USER@HOST/DB.
    #[arg(long, default_value = DEFAULT_DATABASE)]
    database: String,
    /// A head hash printed by an earlier verification: it must still be in
    /// the chain.
    #[arg(long, value_name = "HEX", value_parser = parse_hash)]
    expect_head: Option<AuditHash>,
    /// The chain must hold at least this many records.
    #[arg(long, value_name = "N")]
    expect_count: Option<u64>,
}

#[derive(clap::Args)]
pub struct ShowArgs {
    /// The database: sqlite:FILE or postgres://USER@HOST/DB.
    #[arg(long, default_value = DEFAULT_DATABASE)]
    database: String,
    /// The first record printed.
    #[arg(long, value_name = "SEQ", default_value_t = 1)]
    since: i64,
    /// Records printed at most.
    #[arg(long, value_name = "N")]
    limit: Option<u64>,
}

fn parse_hash(text: &str) -> Result<AuditHash, String> {
    AuditHash::from_hex(text).ok_or_else(|| "expected 64 hexadecimal digits".to_owned())
}

pub fn run(command: &Command) -> anyhow::Result<ExitCode> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    runtime.block_on(async {
        match command {
            Command::Verify(args) => verify(args).await,
            Command::Show(args) => show(args).await,
        }
    })
}

/// Opens an existing database: checking a log must not create an empty one
/// where a path was mistyped.
async fn open_existing(url: &str) -> anyhow::Result<Store> {
    let url = if url.starts_with("sqlite:") && !url.contains("mode=") {
        let separator = if url.contains('?') { '&' } else { '?' };
        format!("{url}{separator}mode=rw")
    } else {
        url.to_owned()
    };
    Store::open(&url)
        .await
        .with_context(|| format!("opening the database at {url}"))
}

async fn verify(args: &VerifyArgs) -> anyhow::Result<ExitCode> {
    let store = open_existing(&args.database).await?;
    let expectation = AuditExpectation {
        head: args.expect_head,
        min_count: args.expect_count,
    };
    let verdict = store.verify_audit(&expectation).await;
    store.close().await;
    let verdict = verdict.context("reading the audit chain")?;
    println!("{verdict}");
    Ok(if verdict.is_intact() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

async fn show(args: &ShowArgs) -> anyhow::Result<ExitCode> {
    let store = open_existing(&args.database).await?;
    let printed = print_records(&store, args).await;
    store.close().await;
    printed?;
    Ok(ExitCode::SUCCESS)
}

async fn print_records(store: &Store, args: &ShowArgs) -> anyhow::Result<()> {
    let mut out = BufWriter::new(std::io::stdout().lock());
    let mut next = args.since;
    let mut left = args.limit.unwrap_or(u64::MAX);
    while left > 0 {
        let page = u32::try_from(left.min(u64::from(PAGE))).unwrap_or(PAGE);
        let records = store
            .audit_records(next, page)
            .await
            .context("reading audit records")?;
        let Some(last) = records.last() else { break };
        next = last.seq.saturating_add(1);
        left = left.saturating_sub(records.len() as u64);
        for record in &records {
            writeln!(out, "{}", record.to_json()).context("writing to stdout")?;
        }
    }
    out.flush().context("writing to stdout")?;
    Ok(())
}

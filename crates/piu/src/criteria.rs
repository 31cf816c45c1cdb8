//! `piu criteria`: check a criteria file before it is used, and back-test its
//! criteria on carrier messages to see how many travellers each would hit.

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use time::PrimitiveDateTime;

use crate::screen::{load_criteria, parse_moment};

#[derive(clap::Subcommand)]
pub enum Command {
    /// Load a criteria file and list its criteria, or every error in it.
    Check { file: PathBuf },
    /// Run criteria over carrier messages, whatever their validity dates, and
    /// report per criterion how many travellers it would hit (JSON Lines).
    Backtest(BacktestArgs),
    /// Print the facts criteria see for each traveller of carrier messages
    /// (JSON Lines), to write and check a criterion against.
    Facts {
        /// PAXLST/PNRGOV message files or folders.
        #[arg(required = true)]
        input: Vec<PathBuf>,
        /// The moment taken as now, YYYY-MM-DDTHH:MM (UTC; default: now).
        #[arg(long, value_parser = parse_moment)]
        at: Option<PrimitiveDateTime>,
    },
}

#[derive(clap::Args)]
pub struct BacktestArgs {
    /// The criteria file.
    file: PathBuf,
    /// PAXLST/PNRGOV message files or folders.
    #[arg(long, required = true, num_args = 1..)]
    input: Vec<PathBuf>,
    /// Only these criteria (default: all in the file).
    #[arg(long = "criterion")]
    criteria: Vec<String>,
    /// The moment the back-test is taken to run, YYYY-MM-DDTHH:MM (UTC; default: now).
    #[arg(long, value_parser = parse_moment)]
    at: Option<PrimitiveDateTime>,
}

pub fn run(command: &Command) -> anyhow::Result<ExitCode> {
    match command {
        Command::Check { file } => check(file),
        Command::Backtest(args) => backtest(args),
        Command::Facts { input, at } => facts(input, *at),
    }
}

/// `at`, or the present moment in UTC.
pub fn now_or(at: Option<PrimitiveDateTime>) -> PrimitiveDateTime {
    at.unwrap_or_else(|| {
        let t = time::OffsetDateTime::now_utc();
        PrimitiveDateTime::new(t.date(), t.time())
    })
}

fn facts(input: &[PathBuf], at: Option<PrimitiveDateTime>) -> anyhow::Result<ExitCode> {
    let loaded = crate::travellers::load(input, None, Some(now_or(at)));
    let mut out = BufWriter::new(io::stdout().lock());
    for facts in loaded.travellers.iter().filter_map(|t| t.facts.as_ref()) {
        serde_json::to_writer(&mut out, facts)?;
        writeln!(out)?;
    }
    out.flush()?;
    Ok(if loaded.failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn check(file: &std::path::Path) -> anyhow::Result<ExitCode> {
    let set = match load_criteria(file) {
        Ok(set) => set,
        Err(e) => {
            eprintln!("piu: {e:#}");
            return Ok(ExitCode::FAILURE);
        }
    };
    let mut out = io::stdout().lock();
    for c in set.criteria() {
        let until = c.valid_until.map(|d| d.to_string()).unwrap_or_default();
        writeln!(
            out,
            "{} v{}\t{}\t{}\t{}\t{}..{}\tby {}\tuses {}",
            c.id,
            c.version,
            c.purpose,
            c.severity,
            c.target_agency,
            c.valid_from,
            until,
            c.author,
            c.facts_used().join(", ")
        )?;
    }
    eprintln!(
        "{}: {} criteria, {} groups; all accepted",
        file.display(),
        set.criteria().len(),
        set.groups().iter().count()
    );
    Ok(ExitCode::SUCCESS)
}

fn backtest(args: &BacktestArgs) -> anyhow::Result<ExitCode> {
    let set = load_criteria(&args.file)?;
    let now = now_or(args.at);
    let ids: Vec<String> = if args.criteria.is_empty() {
        set.criteria().iter().map(|c| c.id.clone()).collect()
    } else {
        args.criteria.clone()
    };
    let loaded = crate::travellers::load(&args.input, None, Some(now));
    if loaded.from_csv > 0 {
        eprintln!(
            "{} travellers from CSV files left out: they carry no booking or flight",
            loaded.from_csv
        );
    }
    let facts: Vec<_> = loaded
        .travellers
        .into_iter()
        .filter_map(|t| t.facts)
        .collect();
    let mut out = BufWriter::new(io::stdout().lock());
    let mut unknown = false;
    for id in &ids {
        match piu_criteria::backtest(&set, id, facts.iter().cloned(), now.date()) {
            Ok(report) => {
                eprintln!(
                    "{} v{}: {} of {} travellers ({:.2} %), {} could not be evaluated{}",
                    report.criterion,
                    report.version,
                    report.hits,
                    report.travellers,
                    report.hit_rate * 100.0,
                    report.not_evaluable.values().sum::<usize>(),
                    if report.in_force {
                        ""
                    } else {
                        "; not in force on that day"
                    }
                );
                serde_json::to_writer(&mut out, &report)?;
                writeln!(out)?;
            }
            Err(e) => {
                eprintln!("piu: {e}");
                unknown = true;
            }
        }
    }
    out.flush()?;
    Ok(if unknown || loaded.failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

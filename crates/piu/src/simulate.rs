//! `piu simulate`: a day of flights and ferries with the messages they send,
//! or a synthetic watchlist with travellers to screen against it.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::ArgGroup;
use piu_sim::watchlist::{self, WatchlistSpec};
use time::Date;
use time::macros::format_description;

#[derive(clap::Args)]
#[command(group(ArgGroup::new("what").required(true).args(["day", "watchlist"])))]
pub struct Args {
    /// The day to simulate (YYYY-MM-DD).
    #[arg(long, value_parser = parse_day)]
    day: Option<Date>,
    /// Instead of a day of traffic: a synthetic watchlist of this many persons
    /// (watchlist.csv), travellers to screen against it (travellers.csv) and
    /// which of them were planted from which entry (truth.csv).
    #[arg(long, value_name = "ENTRIES")]
    watchlist: Option<usize>,
    /// Travellers derived from entries, each with one variation.
    #[arg(long, default_value_t = 1000, conflicts_with = "day")]
    planted: usize,
    /// Travellers drawn like entries but not from the list.
    #[arg(long, default_value_t = 10_000, conflicts_with = "day")]
    clean: usize,
    /// With --day: instead of the day's files, one PNRGOV update push per
    /// booking of each EDIFACT push (small messages, bookings pushed again at
    /// each stage), for load and crash tests of intake.
    #[arg(long, requires = "day")]
    booking_pushes: bool,
    /// Seed: the same day (or list size) and seed always give the same files.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Folder to write the files into (created if missing).
    #[arg(long)]
    out: PathBuf,
}

pub(crate) fn parse_day(s: &str) -> Result<Date, String> {
    Date::parse(s, format_description!("[year]-[month]-[day]"))
        .map_err(|_| format!("{s:?} is not a date (YYYY-MM-DD)"))
}

pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    match (args.day, args.watchlist) {
        (_, Some(entries)) => list(args, entries),
        (Some(day), None) => traffic(args, day),
        (None, None) => anyhow::bail!("give --day or --watchlist"),
    }
}

fn traffic(args: &Args, day: Date) -> anyhow::Result<ExitCode> {
    let day = piu_sim::simulate(day, args.seed);
    if args.booking_pushes {
        return booking_pushes(args, &day);
    }
    let s = piu_sim::write(&day, &args.out)
        .with_context(|| format!("cannot write into {}", args.out.display()))?;
    println!(
        "{}: {} flights ({} cancelled) and {} ferry crossings; {} messages in {} files, {} bytes",
        args.out.display(),
        s.flights,
        s.cancelled,
        s.ferries,
        s.messages,
        s.files,
        s.bytes
    );
    println!(
        "  PAXLST {} files, PNRGOV {} EDIFACT and {} XML files; {} passengers, {} crew, {} bookings",
        s.paxlst_files,
        s.pnrgov_edifact_files,
        s.pnrgov_xml_files,
        s.passengers,
        s.crew,
        s.bookings
    );
    Ok(ExitCode::SUCCESS)
}

fn booking_pushes(args: &Args, day: &piu_sim::Day) -> anyhow::Result<ExitCode> {
    let dir = &args.out;
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let files = piu_sim::booking_pushes(day);
    let mut bytes = 0;
    for file in &files {
        let path = dir.join(&file.name);
        std::fs::write(&path, &file.bytes)
            .with_context(|| format!("cannot write {}", path.display()))?;
        bytes += file.bytes.len();
    }
    println!(
        "{}: {} PNRGOV update pushes of one booking each, {bytes} bytes",
        dir.display(),
        files.len()
    );
    Ok(ExitCode::SUCCESS)
}

fn create(dir: &Path, name: &str) -> anyhow::Result<File> {
    let path = dir.join(name);
    File::create(&path).with_context(|| format!("cannot write {}", path.display()))
}

/// Writes the list entry by entry, so that a list of a million persons is
/// never held whole.
fn list(args: &Args, entries: usize) -> anyhow::Result<ExitCode> {
    let spec = WatchlistSpec {
        entries,
        seed: args.seed,
        planted: args.planted,
        clean: args.clean,
    };
    let dir = &args.out;
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let mut aliases = 0;
    let counted = watchlist::entries(&spec).inspect(|e| aliases += e.names.len() - 1);
    watchlist::write_watchlist_csv(counted, create(dir, "watchlist.csv")?)
        .context("cannot write watchlist.csv")?;
    let travellers = watchlist::travellers(&spec);
    watchlist::write_travellers_csv(&travellers, create(dir, "travellers.csv")?)
        .context("cannot write travellers.csv")?;
    watchlist::write_truth_csv(&travellers, create(dir, "truth.csv")?)
        .context("cannot write truth.csv")?;
    let mut bytes = 0;
    for name in ["watchlist.csv", "travellers.csv", "truth.csv"] {
        bytes += std::fs::metadata(dir.join(name))?.len();
    }
    let planted = travellers.iter().filter(|t| t.planted.is_some()).count();
    println!(
        "{}: watchlist of {entries} entries ({aliases} aliases), {planted} planted and {} clean travellers; {bytes} bytes",
        dir.display(),
        travellers.len() - planted,
    );
    Ok(ExitCode::SUCCESS)
}

//! `piu simulate`: a day of flights and ferries with the messages they send.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use time::Date;
use time::macros::format_description;

#[derive(clap::Args)]
pub struct Args {
    /// The day to simulate (YYYY-MM-DD).
    #[arg(long, value_parser = parse_day)]
    day: Date,
    /// Seed: the same day and seed always give the same files.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Folder to write the files into (created if missing).
    #[arg(long)]
    out: PathBuf,
}

fn parse_day(s: &str) -> Result<Date, String> {
    Date::parse(s, format_description!("[year]-[month]-[day]"))
        .map_err(|_| format!("{s:?} is not a date (YYYY-MM-DD)"))
}

pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let day = piu_sim::simulate(args.day, args.seed);
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

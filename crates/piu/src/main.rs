//! `piu`: the OpenPIU command line.

mod audit;
mod criteria;
mod demo;
mod load;
mod names;
mod parse;
mod screen;
mod serve;
mod simulate;
mod travellers;
mod users;

use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

/// Readers build many small strings; mimalloc serves them faster than the system
/// allocator (see BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "piu",
    version,
    about = "OpenPIU: passenger information unit tools"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Read PAXLST and PNRGOV messages (EDIFACT or XML) and print what they carry.
    Parse(parse::Args),
    /// Write a realistic, deterministic day of carrier traffic, or a synthetic watchlist with test travellers, into a folder.
    Simulate(simulate::Args),
    /// Screen travellers (CSV or carrier messages) against watchlists; hits as JSON Lines.
    Screen(screen::Args),
    /// Check pre-determined criteria and back-test them on carrier messages.
    #[command(subcommand)]
    Criteria(criteria::Command),
    /// Compare person names and show how a name is read.
    #[command(subcommand)]
    Names(names::Command),
    /// Receive carrier messages over HTTP, a drop folder, AMQP and NATS: journal
    /// first, then read, store and screen.
    Serve(Box<serve::ServeArgs>),
    /// Read journaled messages again (quarantined ones, all, or by id) and print a summary.
    Reprocess(serve::ReprocessArgs),
    /// Send message files to a running `piu serve` at a fixed rate; report
    /// throughput and latency, and with --database the end-to-end rate.
    Load(Box<load::Args>),
    /// Manage carriers' API tokens.
    #[command(subcommand)]
    Tokens(serve::TokensCommand),
    /// Check the hash-chained audit log, or list it.
    #[command(subcommand)]
    Audit(audit::Command),
    /// Manage workspace accounts.
    #[command(subcommand)]
    Users(users::Command),
    /// The workspace with a simulated day in it: accounts for every role and
    /// agency, planted watchlists, the day sent through the carrier API; serves
    /// until Ctrl-C.
    Demo(demo::Args),
}

fn main() -> ExitCode {
    let matches = Cli::command()
        .mut_subcommand("serve", serve::with_environment)
        .get_matches();
    let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|error| error.exit());
    let result = match cli.command {
        Command::Parse(args) => parse::run(&args),
        Command::Simulate(args) => simulate::run(&args),
        Command::Names(command) => names::run(&command),
        Command::Screen(args) => screen::run(&args),
        Command::Criteria(command) => criteria::run(&command),
        // The arguments again, with the environment and the --config file.
        Command::Serve(_) => serve::ServeArgs::resolve(std::env::args_os().skip(2))
            .and_then(|args| serve::run_serve(&args)),
        Command::Reprocess(args) => serve::run_reprocess(&args),
        Command::Tokens(command) => serve::run_tokens(&command),
        Command::Load(args) => load::run(&args),
        Command::Audit(command) => audit::run(&command),
        Command::Users(command) => users::run(&command),
        Command::Demo(args) => demo::run(&args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("piu: {e:#}");
            ExitCode::from(2)
        }
    }
}

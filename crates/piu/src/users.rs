//! `piu users add`: workspace accounts. There are no default passwords: each
//! account gets a generated one, shown once; only its Argon2id hash is stored.

use std::process::ExitCode;

use anyhow::Context;
use piu_access::{Agency, Role, generate_password, hash_password, parse_purpose};
use piu_store::{NewUser, Store};
use time::OffsetDateTime;

#[derive(clap::Subcommand)]
pub enum Command {
    /// Create an account; its password is printed once on stdout.
    Add(AddArgs),
}

#[derive(clap::Args)]
pub struct AddArgs {
    /// The sign-in name (one word), e.g. a.mammadova.
    username: String,
    /// administrator, analyst, supervisor, liaison, dpo or auditor.
    #[arg(long, value_parser = Role::parse)]
    role: Role,
    /// piu, border_service, customs, police, state_security, intelligence,
    /// migration_service or foreign_affairs.
    #[arg(long, value_parser = Agency::parse)]
    agency: Agency,
    /// A purpose the account may work for (repeatable):
    /// terrorism_serious_crime, border_migration.
    #[arg(long = "purpose", value_parser = parse_purpose)]
    purposes: Vec<piu_model::Purpose>,
    /// The name shown in the console; the sign-in name if not given.
    #[arg(long)]
    display_name: Option<String>,
    #[arg(long, default_value = crate::serve::DEFAULT_DATABASE)]
    database: String,
}

pub fn run(command: &Command) -> anyhow::Result<ExitCode> {
    match command {
        Command::Add(args) => add(args),
    }
}

fn add(args: &AddArgs) -> anyhow::Result<ExitCode> {
    anyhow::ensure!(
        !args.username.is_empty() && !args.username.chars().any(char::is_whitespace),
        "the user name must be one word"
    );
    let password = generate_password().context("generating a password")?;
    let hash = hash_password(&password).context("hashing the password")?;
    let purposes: Vec<&str> = args
        .purposes
        .iter()
        .map(|purpose| piu_access::purpose_name(*purpose))
        .collect();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    runtime.block_on(async {
        let store = Store::open(&args.database)
            .await
            .with_context(|| format!("opening {}", args.database))?;
        let created = store
            .create_user(&NewUser {
                username: &args.username,
                display_name: args.display_name.as_deref().unwrap_or(&args.username),
                role: args.role.as_str(),
                agency: args.agency.as_str(),
                purposes: &purposes.join(","),
                password_hash: &hash,
                created_at: OffsetDateTime::now_utc(),
            })
            .await;
        store.close().await;
        created.map_err(|error| anyhow::anyhow!("{}: {error}", args.username))?;
        eprintln!(
            "piu users: {} ({}, {}) added to {}; the password is shown only now:",
            args.username,
            args.role.as_str(),
            args.agency.as_str(),
            args.database
        );
        println!("{password}");
        Ok(ExitCode::SUCCESS)
    })
}

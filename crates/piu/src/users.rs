//! `piu users add`: workspace accounts. There are no default passwords: each
//! account gets a generated one, shown once; only its Argon2id hash is stored.
//! `piu users token` gives an account an API token for a system (shown once,
//! kept as its SHA-256); `piu users revoke-token` ends one.

use std::process::ExitCode;

use anyhow::Context;
use piu_access::{Agency, Role, generate_password, hash_password, parse_purpose};
use piu_store::{NewUser, Store};
use time::OffsetDateTime;

#[derive(clap::Subcommand)]
pub enum Command {
    /// Create an account; its password is printed once on stdout.
    Add(AddArgs),
    /// Give an account an API token for a system (Authorization: Bearer);
    /// the token is printed once on stdout.
    Token(TokenArgs),
    /// End an account's API token by its name.
    RevokeToken(RevokeArgs),
}

#[derive(clap::Args)]
pub struct TokenArgs {
    /// The account the token acts as.
    username: String,
    /// A name for the token, unique for the account, e.g. police-case-system.
    #[arg(long)]
    name: String,
    /// The purpose the token works under; one the account holds. Required
    /// for roles that work with personal data.
    #[arg(long, value_parser = parse_purpose)]
    purpose: Option<piu_model::Purpose>,
    /// Days until the token expires.
    #[arg(long, default_value_t = 90, value_parser = clap::value_parser!(u16).range(1..=730))]
    days: u16,
    #[arg(long, default_value = crate::serve::DEFAULT_DATABASE)]
    database: String,
}

#[derive(clap::Args)]
pub struct RevokeArgs {
    username: String,
    #[arg(long)]
    name: String,
    #[arg(long, default_value = crate::serve::DEFAULT_DATABASE)]
    database: String,
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
        Command::Token(args) => token(args),
        Command::RevokeToken(args) => revoke_token(args),
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
    runtime()?.block_on(async {
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

fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")
}

/// The account named, from the store at `database`.
async fn account(store: &Store, username: &str) -> anyhow::Result<piu_store::UserRecord> {
    store
        .user_by_username(username)
        .await?
        .ok_or_else(|| anyhow::anyhow!("{username}: there is no such account"))
}

fn token(args: &TokenArgs) -> anyhow::Result<ExitCode> {
    anyhow::ensure!(
        !args.name.trim().is_empty() && args.name.len() <= 64,
        "the token's name must be 1 to 64 characters"
    );
    let token = piu_access::new_token().context("generating a token")?;
    runtime()?.block_on(async {
        let store = Store::open(&args.database)
            .await
            .with_context(|| format!("opening {}", args.database))?;
        let result = async {
            let user = account(&store, &args.username).await?;
            let principal = piu_access::Principal::from_stored(
                user.id.to_string(),
                &user.role,
                &user.agency,
                &user.purposes,
            )
            .map_err(|error| anyhow::anyhow!("{}: {error}", args.username))?;
            match args.purpose {
                Some(purpose) => anyhow::ensure!(
                    principal.holds(purpose),
                    "{} does not hold the purpose {}",
                    args.username,
                    piu_access::purpose_name(purpose)
                ),
                None => anyhow::ensure!(
                    principal.purposes.is_empty(),
                    "{} works with personal data: name the token's --purpose",
                    args.username
                ),
            }
            let now = OffsetDateTime::now_utc();
            let created = store
                .create_api_token(&piu_store::NewApiToken {
                    token_hash: piu_access::hash_token(&token),
                    user_id: user.id,
                    name: args.name.trim(),
                    purpose: args.purpose.map(piu_access::purpose_name),
                    created_at: now,
                    expires_at: now + time::Duration::days(i64::from(args.days)),
                })
                .await?;
            anyhow::ensure!(
                created,
                "{} has a token named {:?} already",
                args.username,
                args.name
            );
            Ok(())
        }
        .await;
        store.close().await;
        result?;
        eprintln!(
            "piu users: token {:?} for {} valid {} days; it is shown only now:",
            args.name, args.username, args.days
        );
        println!("{token}");
        Ok(ExitCode::SUCCESS)
    })
}

fn revoke_token(args: &RevokeArgs) -> anyhow::Result<ExitCode> {
    runtime()?.block_on(async {
        let store = Store::open(&args.database)
            .await
            .with_context(|| format!("opening {}", args.database))?;
        let result = async {
            let user = account(&store, &args.username).await?;
            let revoked = store
                .revoke_api_token(user.id, &args.name, OffsetDateTime::now_utc())
                .await?;
            anyhow::ensure!(
                revoked,
                "{} has no live token named {:?}",
                args.username,
                args.name
            );
            Ok(())
        }
        .await;
        store.close().await;
        result?;
        eprintln!(
            "piu users: token {:?} of {} revoked",
            args.name, args.username
        );
        Ok(ExitCode::SUCCESS)
    })
}

//! The demo's accounts: one per role of the PIU and one liaison officer per
//! competent authority, each with a password generated for this run.

use anyhow::Context;
use piu_access::{Agency, Purpose, Role, generate_password, hash_password, purpose_name};
use piu_store::{NewUser, Store};
use time::OffsetDateTime;

/// An account made for the demo, with its password in clear: printed once,
/// never written anywhere.
pub struct Login {
    pub username: String,
    pub role: Role,
    pub agency: Agency,
    pub purposes: Vec<Purpose>,
    pub password: String,
}

/// The purposes a liaison officer of `agency` works for: the authorities
/// that fight terrorism and serious crime, or those at the border.
fn liaison_purposes(agency: Agency) -> Vec<Purpose> {
    match agency {
        Agency::Police | Agency::StateSecurity | Agency::Intelligence | Agency::Customs => {
            vec![Purpose::SeriousCrime]
        }
        Agency::BorderService | Agency::MigrationService | Agency::ForeignAffairs => {
            vec![Purpose::BorderMigration]
        }
        Agency::Piu => Vec::new(),
    }
}

/// Who the demo signs in as: every role of the PIU, and a liaison per
/// agency, named `liaison.AGENCY`.
fn people() -> Vec<(String, Role, Agency, Vec<Purpose>)> {
    let both = vec![Purpose::SeriousCrime, Purpose::BorderMigration];
    let mut people = vec![
        (
            "administrator".to_owned(),
            Role::Administrator,
            Agency::Piu,
            Vec::new(),
        ),
        (
            "analyst".to_owned(),
            Role::Analyst,
            Agency::Piu,
            both.clone(),
        ),
        ("supervisor".to_owned(), Role::Supervisor, Agency::Piu, both),
        ("dpo".to_owned(), Role::Dpo, Agency::Piu, Vec::new()),
        ("auditor".to_owned(), Role::Auditor, Agency::Piu, Vec::new()),
    ];
    for agency in Agency::ALL
        .into_iter()
        .filter(|agency| *agency != Agency::Piu)
    {
        people.push((
            format!("liaison.{}", agency.as_str()),
            Role::Liaison,
            agency,
            liaison_purposes(agency),
        ));
    }
    people
}

/// Generates and hashes the passwords (off the async threads: Argon2id is slow
/// on purpose).
pub fn make() -> anyhow::Result<Vec<(Login, String)>> {
    people()
        .into_iter()
        .map(|(username, role, agency, purposes)| {
            let password = generate_password().context("generating a password")?;
            let hash = hash_password(&password).context("hashing a password")?;
            Ok((
                Login {
                    username,
                    role,
                    agency,
                    purposes,
                    password,
                },
                hash,
            ))
        })
        .collect()
}

/// Stores the accounts; returns the logins to print.
pub async fn store(store: &Store, accounts: Vec<(Login, String)>) -> anyhow::Result<Vec<Login>> {
    let now = OffsetDateTime::now_utc();
    let mut logins = Vec::with_capacity(accounts.len());
    for (login, hash) in accounts {
        let purposes: Vec<&str> = login.purposes.iter().map(|p| purpose_name(*p)).collect();
        let display_name = format!("Demo {}", login.username);
        store
            .create_user(&NewUser {
                username: &login.username,
                display_name: &display_name,
                role: login.role.as_str(),
                agency: login.agency.as_str(),
                purposes: &purposes.join(","),
                password_hash: &hash,
                created_at: now,
            })
            .await
            .map_err(|error| anyhow::anyhow!("{}: {error}", login.username))?;
        logins.push(login);
    }
    Ok(logins)
}

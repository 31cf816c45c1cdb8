//! Who is acting: a user's role, the agency they belong to and the purposes
//! they may process data for. Each has a stable text form, the one stored
//! with the account, so storage needs no knowledge of these types.

use std::collections::BTreeSet;
use std::fmt;

use piu_model::Purpose;

/// What a person does in the workspace; it decides which actions exist for them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    /// Runs the system: users, tokens, lists. Reads no personal data.
    Administrator,
    /// PIU analyst: searches, reviews hits, keeps cases, asks for dissemination.
    Analyst,
    /// PIU supervisor: an analyst who also approves others' disseminations.
    Supervisor,
    /// Liaison officer of a competent authority: reads what was sent to it.
    Liaison,
    /// Data protection officer: audit, retention, unmasking requests.
    Dpo,
    /// Reads and verifies the audit log, nothing else.
    Auditor,
}

impl Role {
    pub const ALL: [Role; 6] = [
        Role::Administrator,
        Role::Analyst,
        Role::Supervisor,
        Role::Liaison,
        Role::Dpo,
        Role::Auditor,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Administrator => "administrator",
            Role::Analyst => "analyst",
            Role::Supervisor => "supervisor",
            Role::Liaison => "liaison",
            Role::Dpo => "dpo",
            Role::Auditor => "auditor",
        }
    }

    pub fn parse(text: &str) -> Result<Role, UnknownName> {
        Role::ALL
            .into_iter()
            .find(|role| role.as_str() == text)
            .ok_or_else(|| UnknownName::new("role", text))
    }

    /// Roles held by staff of the PIU itself; every role but the liaison's.
    pub fn is_piu_role(self) -> bool {
        self != Role::Liaison
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The organisation a user works for: the PIU, or a competent authority it
/// disseminates to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Agency {
    Piu,
    BorderService,
    Customs,
    Police,
    StateSecurity,
    Intelligence,
    MigrationService,
    ForeignAffairs,
}

impl Agency {
    pub const ALL: [Agency; 8] = [
        Agency::Piu,
        Agency::BorderService,
        Agency::Customs,
        Agency::Police,
        Agency::StateSecurity,
        Agency::Intelligence,
        Agency::MigrationService,
        Agency::ForeignAffairs,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Agency::Piu => "piu",
            Agency::BorderService => "border_service",
            Agency::Customs => "customs",
            Agency::Police => "police",
            Agency::StateSecurity => "state_security",
            Agency::Intelligence => "intelligence",
            Agency::MigrationService => "migration_service",
            Agency::ForeignAffairs => "foreign_affairs",
        }
    }

    pub fn parse(text: &str) -> Result<Agency, UnknownName> {
        Agency::ALL
            .into_iter()
            .find(|agency| agency.as_str() == text)
            .ok_or_else(|| UnknownName::new("agency", text))
    }
}

impl fmt::Display for Agency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The stored name of a purpose. The workspace speaks of
/// `terrorism_serious_crime` where the model says `serious-crime`: both name
/// [`Purpose::SeriousCrime`].
pub fn purpose_name(purpose: Purpose) -> &'static str {
    match purpose {
        Purpose::SeriousCrime => "terrorism_serious_crime",
        Purpose::BorderMigration => "border_migration",
    }
}

pub fn parse_purpose(text: &str) -> Result<Purpose, UnknownName> {
    [Purpose::SeriousCrime, Purpose::BorderMigration]
        .into_iter()
        .find(|purpose| purpose_name(*purpose) == text)
        .ok_or_else(|| UnknownName::new("purpose", text))
}

/// A name read from storage or a form that is none of the known ones.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {kind} {name:?}")]
pub struct UnknownName {
    pub kind: &'static str,
    pub name: String,
}

impl UnknownName {
    fn new(kind: &'static str, name: &str) -> UnknownName {
        UnknownName {
            kind,
            name: name.to_owned(),
        }
    }
}

/// The acting user as access decisions see them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Principal {
    pub user_id: String,
    pub role: Role,
    pub agency: Agency,
    /// The purposes this user may process data for; empty for roles that read
    /// no personal data.
    pub purposes: BTreeSet<Purpose>,
}

impl Principal {
    pub fn new(
        user_id: impl Into<String>,
        role: Role,
        agency: Agency,
        purposes: impl IntoIterator<Item = Purpose>,
    ) -> Principal {
        Principal {
            user_id: user_id.into(),
            role,
            agency,
            purposes: purposes.into_iter().collect(),
        }
    }

    /// A principal from an account's stored text: role, agency and purposes
    /// as a comma-separated list (see [`Principal::stored_purposes`]).
    pub fn from_stored(
        user_id: impl Into<String>,
        role: &str,
        agency: &str,
        purposes: &str,
    ) -> Result<Principal, UnknownName> {
        let purposes = purposes
            .split(',')
            .map(str::trim)
            .filter(|name| !name.is_empty())
            .map(parse_purpose)
            .collect::<Result<BTreeSet<_>, _>>()?;
        Ok(Principal {
            user_id: user_id.into(),
            role: Role::parse(role)?,
            agency: Agency::parse(agency)?,
            purposes,
        })
    }

    /// The purposes as stored with the account: names joined by commas, in a
    /// fixed order.
    pub fn stored_purposes(&self) -> String {
        self.purposes
            .iter()
            .map(|purpose| purpose_name(*purpose))
            .collect::<Vec<_>>()
            .join(",")
    }

    pub fn holds(&self, purpose: Purpose) -> bool {
        self.purposes.contains(&purpose)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Ok(role));
        }
        for agency in Agency::ALL {
            assert_eq!(Agency::parse(agency.as_str()), Ok(agency));
        }
        assert_eq!(
            Role::parse("root").unwrap_err().to_string(),
            "unknown role \"root\""
        );
        assert!(Agency::parse("PIU").is_err());
    }

    #[test]
    fn stored_form_round_trips() {
        let principal = Principal::new(
            "u7",
            Role::Analyst,
            Agency::Piu,
            [Purpose::BorderMigration, Purpose::SeriousCrime],
        );
        let stored = principal.stored_purposes();
        assert_eq!(stored, "terrorism_serious_crime,border_migration");
        let back = Principal::from_stored("u7", "analyst", "piu", &stored).expect("valid");
        assert_eq!(back, principal);

        let none = Principal::from_stored("u8", "auditor", "piu", "").expect("valid");
        assert!(none.purposes.is_empty());
        assert_eq!(
            Principal::from_stored("u9", "analyst", "piu", "serious-crime")
                .unwrap_err()
                .kind,
            "purpose"
        );
    }
}

//! What every request handler shares: the store and the server's settings.

use std::sync::{Arc, OnceLock};

use piu_access::LockoutPolicy;
use piu_store::Store;
use time::Duration;

use crate::criteria::FileCriteria;
use crate::lists::ListInfo;

/// Settings of the workspace server, chosen by whoever mounts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    /// Mark cookies `Secure` (sent over HTTPS only). On wherever the server
    /// is reached over TLS; off only for plain-HTTP development and tests.
    pub secure_cookies: bool,
    /// How long a session lasts after sign-in.
    pub session_lifetime: Duration,
    /// A session unused for this long ends: a console left open on an
    /// unattended desk does not stay signed in for the rest of the shift.
    pub idle_timeout: Duration,
    /// When repeated failed sign-ins lock an account.
    pub lockout: LockoutPolicy,
}

impl Default for Settings {
    /// Secure cookies, eight-hour sessions (one working shift) that end after
    /// thirty idle minutes, the access layer's default lock-out.
    fn default() -> Settings {
        Settings {
            secure_cookies: true,
            session_lifetime: Duration::hours(8),
            idle_timeout: Duration::minutes(30),
            lockout: LockoutPolicy::default(),
        }
    }
}

/// The state behind the router. Cheap to clone.
#[derive(Debug, Clone)]
pub struct AppState {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    store: Store,
    settings: Settings,
    /// A password hash no account has, verified against when a user name is
    /// unknown, so that the answer takes as long as for a known one.
    decoy_hash: OnceLock<String>,
    // -- watchlists, criteria and charts --
    /// The watchlists screening uses, as loaded at start; empty if none.
    watchlists: OnceLock<Vec<ListInfo>>,
    /// Criteria read from a file at start (`piu serve --criteria`).
    file_criteria: OnceLock<FileCriteria>,
    /// The criteria intake applies, refreshed when one is activated.
    in_force: OnceLock<Arc<piu_criteria::InForce>>,
}

impl AppState {
    pub fn new(store: Store, settings: Settings) -> AppState {
        AppState {
            inner: Arc::new(Inner {
                store,
                settings,
                decoy_hash: OnceLock::new(),
                watchlists: OnceLock::new(),
                file_criteria: OnceLock::new(),
                in_force: OnceLock::new(),
            }),
        }
    }

    pub fn store(&self) -> &Store {
        &self.inner.store
    }

    pub fn settings(&self) -> &Settings {
        &self.inner.settings
    }

    // -- watchlists, criteria and charts --
    /// Names the watchlists the server screens with, for the watchlists
    /// view; set once, before serving (a second call changes nothing).
    pub fn with_watchlists(self, lists: Vec<ListInfo>) -> AppState {
        let _ = self.inner.watchlists.set(lists);
        self
    }

    pub fn watchlists(&self) -> &[ListInfo] {
        self.inner.watchlists.get().map_or(&[], Vec::as_slice)
    }

    /// Criteria loaded from a file at start, shown beside the stored ones;
    /// set once, before serving.
    pub fn with_file_criteria(self, criteria: FileCriteria) -> AppState {
        let _ = self.inner.file_criteria.set(criteria);
        self
    }

    pub fn file_criteria(&self) -> Option<&FileCriteria> {
        self.inner.file_criteria.get()
    }

    /// The criteria intake applies: activating a stored criterion puts it
    /// in force here (with the file's criteria and the other active ones);
    /// set once, before serving.
    pub fn with_criteria_in_force(self, in_force: Arc<piu_criteria::InForce>) -> AppState {
        let _ = self.inner.in_force.set(in_force);
        self
    }

    pub fn criteria_in_force(&self) -> Option<&Arc<piu_criteria::InForce>> {
        self.inner.in_force.get()
    }

    /// The decoy hash, made on first use; empty if hashing failed (the
    /// unknown user is refused all the same).
    pub(crate) fn decoy_hash(&self) -> &str {
        self.inner.decoy_hash.get_or_init(|| {
            piu_access::generate_password()
                .ok()
                .and_then(|password| piu_access::hash_password(&password).ok())
                .unwrap_or_default()
        })
    }
}

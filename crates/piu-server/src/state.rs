//! What every request handler shares: the store and the server's settings.

use std::sync::{Arc, OnceLock};

use piu_access::LockoutPolicy;
use piu_store::Store;
use time::Duration;

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
}

impl AppState {
    pub fn new(store: Store, settings: Settings) -> AppState {
        AppState {
            inner: Arc::new(Inner {
                store,
                settings,
                decoy_hash: OnceLock::new(),
            }),
        }
    }

    pub fn store(&self) -> &Store {
        &self.inner.store
    }

    pub fn settings(&self) -> &Settings {
        &self.inner.settings
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

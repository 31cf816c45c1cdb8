//! Fresh databases for tests, on both backends (feature `testing`): a SQLite
//! file in a temporary folder, or a PostgreSQL database of its own, created
//! for one test and dropped after it, so that tests run in parallel. The
//! store's tests and the crates above it share this one helper.

use std::future::Future;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::{
    Backend, FlightId, MessageId, NewTraveller, RecordSource, Store, StoreOptions, TravellerStatus,
};
use sqlx::{AnyConnection, AssertSqlSafe, Connection, Executor};

/// Where the test PostgreSQL is unless `PIU_TEST_POSTGRES` says otherwise.
const DEFAULT_POSTGRES: &str = "postgres://postgres@127.0.0.1:5432/postgres";

/// The database one test works on; `open` may be called again to reopen it.
#[derive(Debug, Clone)]
pub struct TestDb {
    pub url: String,
    pub backend: Backend,
}

/// A passenger listed on `flight`, without a booking, whose key is also its
/// content hash: what tests store when the traveller's data are beside the
/// point. Change a field with `NewTraveller { booking, ..listed_passenger(…) }`.
pub fn listed_passenger<'a>(
    flight: FlightId,
    source: RecordSource,
    key: &'a [u8],
    message: MessageId,
    personal: &'a str,
) -> NewTraveller<'a> {
    NewTraveller {
        flight,
        source,
        key,
        booking: None,
        role: "passenger",
        status: TravellerStatus::Listed,
        message,
        content_hash: key,
        personal,
    }
}

/// Few connections per store, so that many tests at once stay well under
/// PostgreSQL's default limit of 100 clients.
pub fn test_options() -> StoreOptions {
    StoreOptions {
        max_connections: 4,
        ..StoreOptions::default()
    }
}

impl TestDb {
    pub async fn open(&self) -> Store {
        self.open_with(test_options()).await
    }

    pub async fn open_with(&self, options: StoreOptions) -> Store {
        match Store::open_with(&self.url, options).await {
            Ok(store) => store,
            Err(error) => panic!("opening {} failed: {error}", self.url),
        }
    }
}

pub async fn run_sqlite<F, Fut>(test: F)
where
    F: FnOnce(TestDb) -> Fut,
    Fut: Future<Output = ()>,
{
    let folder = tempfile::tempdir().expect("a temporary folder");
    let path = folder.path().join("journal.db");
    test(TestDb {
        url: format!("sqlite:{}", path.display()),
        backend: Backend::Sqlite,
    })
    .await;
}

pub async fn run_postgres<F, Fut>(test: F)
where
    F: FnOnce(TestDb) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    sqlx::any::install_default_drivers();
    let admin_url =
        std::env::var("PIU_TEST_POSTGRES").unwrap_or_else(|_| DEFAULT_POSTGRES.to_owned());
    let name = unique_database_name();
    let mut admin = connect_admin(&admin_url).await;
    admin
        // The name is ours (letters, digits, underscores), not input.
        .execute(AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .await
        .unwrap_or_else(|error| panic!("creating test database {name} failed: {error}"));
    let db = TestDb {
        url: with_database(&admin_url, &name),
        backend: Backend::Postgres,
    };
    // The test runs in its own task so that the database is dropped even when it fails.
    let outcome = tokio::spawn(test(db)).await;
    let dropped = admin
        .execute(AssertSqlSafe(format!("DROP DATABASE {name} WITH (FORCE)")))
        .await;
    let _ = admin.close().await;
    if let Err(failure) = outcome {
        std::panic::resume_unwind(failure.into_panic());
    }
    if let Err(error) = dropped {
        panic!("dropping test database {name} failed: {error}");
    }
}

async fn connect_admin(url: &str) -> AnyConnection {
    let hint = "start it with .ci/services, or point PIU_TEST_POSTGRES at one";
    match tokio::time::timeout(Duration::from_secs(10), AnyConnection::connect(url)).await {
        Ok(Ok(connection)) => connection,
        Ok(Err(error)) => panic!("PostgreSQL at {url} did not answer: {error}; {hint}"),
        Err(_) => panic!("PostgreSQL at {url} did not answer within 10 s; {hint}"),
    }
}

fn unique_database_name() -> String {
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.subsec_nanos());
    format!(
        "piu_test_{}_{}_{nanos}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    )
}

/// The admin URL with its database name replaced.
fn with_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((base, query)) => (base, format!("?{query}")),
        None => (url, String::new()),
    };
    let authority_start = base.find("://").map_or(0, |at| at + 3);
    let server = match base[authority_start..].find('/') {
        Some(slash) => &base[..authority_start + slash],
        None => base,
    };
    format!("{server}/{name}{query}")
}

/// Declares each listed test (an `async fn(TestDb)`) twice: in `sqlite::` and in
/// `postgres::`.
#[macro_export]
macro_rules! on_both_backends {
    ($($test:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $test() {
                    $crate::testing::run_sqlite(super::$test).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $test() {
                    $crate::testing::run_postgres(super::$test).await;
                }
            )*
        }
    };
}

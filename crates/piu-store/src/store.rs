use std::sync::Arc;

use sqlx::any::AnyPoolOptions;
use sqlx::migrate::Migrator;
use sqlx::{AnyConnection, AnyPool, Connection, Executor, Row};
use tokio::sync::{Mutex, OwnedMutexGuard};

use crate::checkpoint;
use crate::error::{Refusal, StoreError};
use crate::sql::{Durability, LiteTx, LiteWriter, WriteTx};
use crate::statistics::Growth;

/// Largest message accepted unless [`StoreOptions`] says otherwise: far above any
/// real PAXLST or PNRGOV push, small enough that one message cannot exhaust memory.
pub const DEFAULT_MAX_MESSAGE_BYTES: usize = 16 * 1024 * 1024;

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("migrations/postgres");

/// What every SQLite connection of this process sets (none of it is stored
/// in the file): commits synced to disk, a writer waiting up to 30 s for
/// another (group commits of thousands of messages take well under a
/// second), foreign keys enforced.
pub(crate) const SQLITE_CONNECTION_SETTINGS: &str =
    "PRAGMA synchronous = FULL; PRAGMA busy_timeout = 30000; PRAGMA foreign_keys = ON;";

/// Which database a [`Store`] speaks to; chosen from the URL scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    /// The backend a URL names, from its scheme alone.
    pub fn from_url(url: &str) -> Result<Backend, StoreError> {
        if url.starts_with("sqlite:") {
            Ok(Backend::Sqlite)
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Ok(Backend::Postgres)
        } else {
            Err(StoreError::UnsupportedUrl {
                url: url.to_owned(),
            })
        }
    }
}

/// Settings of a [`Store`] that are not part of the database URL.
#[derive(Debug, Clone)]
pub struct StoreOptions {
    /// Messages larger than this are refused before anything is written.
    pub max_message_bytes: usize,
    /// Connections kept open at most.
    pub max_connections: u32,
}

impl Default for StoreOptions {
    fn default() -> Self {
        StoreOptions {
            max_message_bytes: DEFAULT_MAX_MESSAGE_BYTES,
            max_connections: 8,
        }
    }
}

/// The one storage interface of OpenPIU. Cheap to clone: clones share a pool.
#[derive(Debug, Clone)]
pub struct Store {
    pub(crate) pool: AnyPool,
    backend: Backend,
    max_message_bytes: usize,
    /// SQLite has one writer at a time. The big writers of this process (the
    /// journal's group commits and record transactions) take turns here, in
    /// arrival order, each woken the moment the one before commits. Left to
    /// SQLite, a blocked writer sleeps in growing steps of up to 100 ms while
    /// the file sits idle. The turn holds the writer's own connection, which
    /// record transactions write through ([`crate::sql`]). `None` on
    /// PostgreSQL.
    writer: Option<Arc<Mutex<LiteWriter>>>,
    /// Travellers written, for PostgreSQL's statistics ([`crate::statistics`]).
    pub(crate) growth: Arc<Growth>,
}

impl Store {
    /// Opens (and for SQLite creates) the database at `url` with default options and
    /// brings its schema up to date.
    pub async fn open(url: &str) -> Result<Store, StoreError> {
        Store::open_with(url, StoreOptions::default()).await
    }

    /// Opens the database at `url` and runs the migrations of its dialect.
    ///
    /// SQLite: one file, created if missing, in WAL mode with `synchronous=FULL`, so
    /// that a committed write survives a power cut. In-memory databases are refused:
    /// they are not durable, and each pooled connection would see a different one.
    pub async fn open_with(url: &str, options: StoreOptions) -> Result<Store, StoreError> {
        sqlx::any::install_default_drivers();
        let backend = Backend::from_url(url)?;
        let pool_options = AnyPoolOptions::new().max_connections(options.max_connections.max(1));
        let (pool, writer) = match backend {
            Backend::Sqlite => {
                let url = sqlite_url(url)?;
                switch_to_wal(&url).await?;
                let pool = pool_options
                    .after_connect(|connection, _| {
                        Box::pin(async move {
                            connection.execute(SQLITE_CONNECTION_SETTINGS).await?;
                            Ok(())
                        })
                    })
                    .connect(&url)
                    .await?;
                SQLITE_MIGRATIONS.run(&pool).await?;
                let file = database_file(&pool).await?;
                let writer = Arc::new(Mutex::new(LiteWriter::open(&file)?));
                checkpoint::start(&file, &writer)?;
                (pool, Some(writer))
            }
            Backend::Postgres => {
                let pool = pool_options.connect(url).await?;
                POSTGRES_MIGRATIONS.run(&pool).await?;
                (pool, None)
            }
        };
        Ok(Store {
            pool,
            backend,
            max_message_bytes: options.max_message_bytes,
            writer,
            growth: Arc::default(),
        })
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// This process's turn to write, held until the transaction ends; on
    /// PostgreSQL, which has row locks, there is no turn to wait for.
    pub(crate) async fn write_turn(&self) -> Option<OwnedMutexGuard<LiteWriter>> {
        match &self.writer {
            Some(writer) => Some(Arc::clone(writer).lock_owned().await),
            None => None,
        }
    }

    /// Runs `work`, a write of this store, to its end and returns what it
    /// gave. On SQLite it runs on a thread of the blocking pool: journal
    /// appends and record transactions run in place on the writer's
    /// connection and hold their thread until done, tens of milliseconds for
    /// a page of records or a disk sync. On one of the runtime's few async
    /// threads they would stall every task queued there meanwhile, and a task
    /// just woken on that thread (an HTTP answer whose commit has landed)
    /// could not be taken over by another. PostgreSQL's statements wait on
    /// the network without holding a thread, so there it runs where it is
    /// called.
    pub async fn run_write<F>(&self, work: F) -> Result<F::Output, tokio::task::JoinError>
    where
        F: std::future::Future + Send + 'static,
        F::Output: Send + 'static,
    {
        match self.backend {
            Backend::Sqlite => {
                let runtime = tokio::runtime::Handle::current();
                tokio::task::spawn_blocking(move || runtime.block_on(work)).await
            }
            Backend::Postgres => Ok(work.await),
        }
    }

    /// A write transaction for the paths that run for every message: on
    /// SQLite through the writer's own connection, in this process's turn,
    /// begun `IMMEDIATE` (see [`Store::begin_write`]), and synced to disk at
    /// commit as `durability` says.
    pub(crate) async fn begin_hot_write(
        &self,
        durability: Durability,
    ) -> Result<WriteTx, StoreError> {
        match self.write_turn().await {
            Some(turn) => Ok(WriteTx::Lite(LiteTx::begin(turn, durability)?)),
            None => Ok(WriteTx::Pool(self.pool.begin().await?)),
        }
    }

    /// A write transaction in this process's turn, with SQLite's write lock
    /// taken at the start: a transaction that reads before it writes must not
    /// meet a writer that committed in between ("database is locked"); taken
    /// up front, the lock is waited for.
    pub(crate) async fn begin_write(
        &self,
    ) -> Result<
        (
            Option<OwnedMutexGuard<LiteWriter>>,
            sqlx::Transaction<'static, sqlx::Any>,
        ),
        StoreError,
    > {
        let turn = self.write_turn().await;
        let tx = match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await?,
            Backend::Postgres => self.pool.begin().await?,
        };
        Ok((turn, tx))
    }

    pub fn max_message_bytes(&self) -> usize {
        self.max_message_bytes
    }

    /// Whether a message of these bytes would be accepted. Channels that group
    /// messages into batches call this first, so that one bad message does not
    /// refuse the whole batch.
    pub fn check_size(&self, bytes: &[u8]) -> Result<(), Refusal> {
        if bytes.is_empty() {
            Err(Refusal::Empty)
        } else if bytes.len() > self.max_message_bytes {
            Err(Refusal::TooLarge {
                size: bytes.len(),
                limit: self.max_message_bytes,
            })
        } else {
            Ok(())
        }
    }

    /// Waits for work under way and closes every connection.
    pub async fn close(&self) {
        if let Some(writer) = &self.writer {
            writer.lock().await.close();
        }
        self.pool.close().await;
    }
}

/// The SQLite URL with `mode=rwc` added unless a mode is given, so that a missing
/// file is created; in-memory databases refused.
fn sqlite_url(url: &str) -> Result<String, StoreError> {
    let (path, query) = match url.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (url, None),
    };
    let params: Vec<&str> = query
        .map(|query| query.split('&').filter(|p| !p.is_empty()).collect())
        .unwrap_or_default();
    if path.contains(":memory:") || params.contains(&"mode=memory") {
        return Err(StoreError::SqliteSetup(
            "an in-memory database is not durable; give a file path".to_owned(),
        ));
    }
    if params.iter().any(|p| p.starts_with("mode=")) {
        Ok(url.to_owned())
    } else if query.is_some() {
        Ok(format!("{url}&mode=rwc"))
    } else {
        Ok(format!("{url}?mode=rwc"))
    }
}

/// The path of the file a SQLite pool has open, as SQLite names it.
async fn database_file(pool: &AnyPool) -> Result<String, StoreError> {
    let rows = sqlx::query("PRAGMA database_list").fetch_all(pool).await?;
    for row in rows {
        let name: String = row.try_get(1)?;
        if name == "main" {
            return Ok(row.try_get(2)?);
        }
    }
    Err(StoreError::SqliteSetup(
        "SQLite names no main database file".to_owned(),
    ))
}

/// Puts the file in write-ahead-log mode, once, before the pool opens: the mode is
/// kept in the file, and switching needs the database to itself.
async fn switch_to_wal(url: &str) -> Result<(), StoreError> {
    let mut connection = AnyConnection::connect(url).await?;
    let row = sqlx::query("PRAGMA journal_mode = WAL")
        .fetch_one(&mut connection)
        .await?;
    let mode: String = row.try_get(0)?;
    connection.close().await?;
    if mode.eq_ignore_ascii_case("wal") {
        Ok(())
    } else {
        Err(StoreError::SqliteSetup(format!(
            "the database stayed in journal mode {mode:?} instead of WAL"
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backend_comes_from_the_scheme() {
        assert_eq!(
            Backend::from_url("sqlite:/tmp/x.db").ok(),
            Some(Backend::Sqlite)
        );
        assert_eq!(
            Backend::from_url("postgres://u@h/db").ok(),
            Some(Backend::Postgres)
        );
        assert_eq!(
            Backend::from_url("postgresql://u@h/db").ok(),
            Some(Backend::Postgres)
        );
        assert!(matches!(
            Backend::from_url("mysql://h/db"),
            Err(StoreError::UnsupportedUrl { .. })
        ));
    }

    /// Durability is the point: every pooled connection must sync fully and wait
    /// for other writers rather than fail.
    #[tokio::test]
    async fn sqlite_connections_sync_fully_in_wal_mode() {
        let folder = tempfile::tempdir().expect("a temporary folder");
        let url = format!("sqlite:{}", folder.path().join("settings.db").display());
        let store = Store::open(&url).await.expect("open");
        let mut connections = Vec::new();
        for _ in 0..3 {
            let mut connection = store.pool.acquire().await.expect("a connection");
            let mut setting = async |pragma: &'static str| -> String {
                let row = sqlx::query(pragma)
                    .fetch_one(&mut *connection)
                    .await
                    .expect("pragma");
                match row.try_get::<i64, _>(0) {
                    Ok(number) => number.to_string(),
                    Err(_) => row.try_get::<String, _>(0).expect("a text pragma"),
                }
            };
            assert_eq!(setting("PRAGMA journal_mode").await, "wal");
            assert_eq!(setting("PRAGMA synchronous").await, "2", "FULL");
            assert_eq!(setting("PRAGMA busy_timeout").await, "30000");
            assert_eq!(setting("PRAGMA foreign_keys").await, "1");
            // Held, so that the next round gets another connection.
            connections.push(connection);
        }
    }

    #[test]
    fn sqlite_files_are_created_unless_a_mode_is_given() {
        assert_eq!(
            sqlite_url("sqlite:/tmp/x.db").ok().as_deref(),
            Some("sqlite:/tmp/x.db?mode=rwc")
        );
        assert_eq!(
            sqlite_url("sqlite:/tmp/x.db?cache=private").ok().as_deref(),
            Some("sqlite:/tmp/x.db?cache=private&mode=rwc")
        );
        assert_eq!(
            sqlite_url("sqlite:/tmp/x.db?mode=ro").ok().as_deref(),
            Some("sqlite:/tmp/x.db?mode=ro")
        );
        assert!(sqlite_url("sqlite::memory:").is_err());
        assert!(sqlite_url("sqlite:x?mode=memory").is_err());
    }
}

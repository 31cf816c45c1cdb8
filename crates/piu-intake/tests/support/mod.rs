//! Runs an intake test against a fresh database (a SQLite file in a temporary
//! folder, or a PostgreSQL database of its own), serves it on loopback and speaks
//! plain HTTP/1.1 to it.

use std::future::Future;
use std::net::SocketAddr;
use std::path::Path;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use piu_intake::folder::FolderConfig;
use piu_intake::tokens::{Tokens, hash_hex};
use piu_intake::{ServeConfig, serve};
use piu_store::{MessageId, MessageStatus, ProcessingState, Store, StoreOptions};
use sqlx::{AnyConnection, AssertSqlSafe, Connection, Executor};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::oneshot;

const DEFAULT_POSTGRES: &str = "postgres://postgres@127.0.0.1:5432/postgres";

/// The token of carrier KL and of carrier J2 in every test server.
pub const KL_TOKEN: &str = "piu_test_token_for_klm";
pub const J2_TOKEN: &str = "piu_test_token_for_azal";

#[derive(Debug, Clone)]
pub struct TestDb {
    pub url: String,
}

impl TestDb {
    pub async fn open(&self) -> Store {
        self.open_with(usize::MAX).await
    }

    /// Few connections, so many tests at once stay under PostgreSQL's limit.
    pub async fn open_with(&self, max_message_bytes: usize) -> Store {
        let options = StoreOptions {
            max_connections: 4,
            max_message_bytes: max_message_bytes.min(StoreOptions::default().max_message_bytes),
        };
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
    let hint = "start it with .ci/services, or point PIU_TEST_POSTGRES at one";
    let mut admin =
        match tokio::time::timeout(Duration::from_secs(10), AnyConnection::connect(&admin_url))
            .await
        {
            Ok(Ok(connection)) => connection,
            Ok(Err(error)) => panic!("PostgreSQL at {admin_url} did not answer: {error}; {hint}"),
            Err(_) => panic!("PostgreSQL at {admin_url} did not answer within 10 s; {hint}"),
        };
    admin
        // The name is ours (letters, digits, underscores), not input.
        .execute(AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .await
        .unwrap_or_else(|error| panic!("creating test database {name} failed: {error}"));
    let db = TestDb {
        url: with_database(&admin_url, &name),
    };
    // In its own task, so that the database is dropped even when the test fails.
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

fn unique_database_name() -> String {
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.subsec_nanos());
    format!(
        "piu_intake_test_{}_{}_{nanos}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    )
}

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

/// Declares each listed test (an `async fn(TestDb)`) in `sqlite::` and `postgres::`.
#[macro_export]
macro_rules! on_both_backends {
    ($($test:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $test() {
                    $crate::support::run_sqlite(super::$test).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $test() {
                    $crate::support::run_postgres(super::$test).await;
                }
            )*
        }
    };
}

/// A running `serve` on 127.0.0.1; stopped when dropped.
pub struct Server {
    pub addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<()>>,
}

impl Server {
    pub async fn start(store: Store, drop_folder: Option<&Path>) -> Server {
        let tokens = Tokens::parse(&format!(
            "klm KL {}\nazal J2 {}\n",
            hash_hex(KL_TOKEN),
            hash_hex(J2_TOKEN)
        ))
        .expect("tokens");
        let mut config = ServeConfig::new(tokens);
        config.worker_interval = Duration::from_millis(200);
        config.drop_folder = drop_folder.map(|path| FolderConfig {
            path: path.to_owned(),
            sender: "KL".to_owned(),
            interval: Duration::from_millis(50),
        });
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("address");
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            serve(store, listener, config, async {
                let _ = stopped.await;
            })
            .await
            .expect("serve");
        });
        Server {
            addr,
            stop: Some(stop),
            task: Some(task),
        }
    }

    /// Stops serving and waits until it has.
    pub async fn stop(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            task.await.expect("serve ended cleanly");
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// One HTTP/1.1 request over a fresh connection: the status and the body as JSON
/// (null when it is not JSON).
pub async fn request(
    addr: SocketAddr,
    method: &str,
    path: &str,
    token: Option<&str>,
    body: &[u8],
) -> (u16, serde_json::Value) {
    let mut stream = TcpStream::connect(addr).await.expect("connect");
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\
         Content-Type: application/edifact\r\nContent-Length: {}\r\n",
        body.len()
    );
    if let Some(token) = token {
        head.push_str(&format!("Authorization: Bearer {token}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).await.expect("send");
    // The server may answer (413) before reading all of a large body.
    let _ = stream.write_all(body).await;
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response).await;
    let text = String::from_utf8_lossy(&response);
    let (head, body) = text.split_once("\r\n\r\n").expect("a complete response");
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|code| code.parse().ok())
        .expect("a status line");
    (
        status,
        serde_json::from_str(body).unwrap_or(serde_json::Value::Null),
    )
}

/// Waits (up to ten seconds) until the message leaves the received state.
pub async fn settled(store: &Store, id: MessageId) -> MessageStatus {
    for _ in 0..200 {
        let status = store.status(id).await.expect("status");
        if status.state != ProcessingState::Received {
            return status;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("message {id} was not processed within ten seconds");
}

//! Runs an intake test against a fresh database (see `piu_store::testing`),
//! serves it on loopback and speaks plain HTTP/1.1 to it.

// Each test file uses a part of this.
#![allow(dead_code, unused_imports)]

use std::net::SocketAddr;
use std::path::Path;
use std::time::Duration;

use piu_intake::folder::FolderConfig;
use piu_intake::tokens::{Tokens, hash_hex};
use piu_intake::{ServeConfig, serve};
use piu_store::{MessageId, MessageStatus, ProcessingState, Store};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::oneshot;

pub use piu_store::testing::{TestDb, run_sqlite, test_options};

/// The token of carrier KL and of carrier J2 in every test server.
pub const KL_TOKEN: &str = "piu_test_token_for_klm";
pub const J2_TOKEN: &str = "piu_test_token_for_azal";

/// A running `serve` on 127.0.0.1; stopped when dropped.
pub struct Server {
    pub addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<()>>,
}

/// The configuration test servers start from: tokens of KL and J2, a worker
/// that looks every 200 ms, no other channel.
pub fn test_config() -> ServeConfig {
    let tokens = Tokens::parse(&format!(
        "klm KL {}\nazal J2 {}\n",
        hash_hex(KL_TOKEN),
        hash_hex(J2_TOKEN)
    ))
    .expect("tokens");
    let mut config = ServeConfig::new(tokens);
    config.worker_interval = Duration::from_millis(200);
    config
}

/// A name no other test run uses (letters, digits, `_`), for broker queues
/// and streams that outlive a test.
pub fn unique_name(prefix: &str) -> String {
    use std::sync::atomic::{AtomicU32, Ordering};
    use std::time::{SystemTime, UNIX_EPOCH};
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_nanos());
    format!(
        "{prefix}_{}_{}_{nanos}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    )
}

/// Waits up to `seconds` for `condition`; fails with `what` otherwise.
pub async fn eventually<F, Fut>(seconds: u64, what: &str, mut condition: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let deadline = tokio::time::Instant::now() + Duration::from_secs(seconds);
    while !condition().await {
        assert!(
            tokio::time::Instant::now() < deadline,
            "{what}: not within {seconds} s"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

impl Server {
    pub async fn start(store: Store, drop_folder: Option<&Path>) -> Server {
        let mut config = test_config();
        config.drop_folder = drop_folder.map(|path| FolderConfig {
            path: path.to_owned(),
            sender: "KL".to_owned(),
            interval: Duration::from_millis(50),
        });
        Server::start_with(store, config).await
    }

    pub async fn start_with(store: Store, config: ServeConfig) -> Server {
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
    let (status, body) = request_bytes(addr, method, path, token, body).await;
    (
        status,
        serde_json::from_slice(&body).unwrap_or(serde_json::Value::Null),
    )
}

/// One HTTP/1.1 request over a fresh connection: the status and the body's bytes.
pub async fn request_bytes(
    addr: SocketAddr,
    method: &str,
    path: &str,
    token: Option<&str>,
    body: &[u8],
) -> (u16, Vec<u8>) {
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
    let split = response
        .windows(4)
        .position(|window| window == b"\r\n\r\n")
        .expect("a complete response");
    let head = String::from_utf8_lossy(&response[..split]);
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|code| code.parse().ok())
        .expect("a status line");
    (status, response[split + 4..].to_vec())
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

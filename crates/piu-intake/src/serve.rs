//! Everything `piu serve` runs, together: the HTTP API, the drop folder, the
//! group-commit writer and the worker.

use std::future::Future;
use std::time::Duration;

use piu_store::Store;
use tokio::net::TcpListener;

use crate::folder::{DropFolder, FolderConfig};
use crate::tokens::Tokens;
use crate::{Committer, IntakeError, Worker, http};

/// What [`serve`] needs besides the store and the listening socket.
#[derive(Debug, Clone)]
pub struct ServeConfig {
    pub tokens: Tokens,
    pub drop_folder: Option<FolderConfig>,
    /// How often the worker looks for waiting messages without being woken
    /// (messages journaled by another process, or after a store error).
    pub worker_interval: Duration,
}

impl ServeConfig {
    pub fn new(tokens: Tokens) -> ServeConfig {
        ServeConfig {
            tokens,
            drop_folder: None,
            worker_interval: Duration::from_secs(5),
        }
    }
}

/// Serves until `shutdown` completes, then finishes the requests under way. The
/// worker starts by processing whatever the journal holds unprocessed, such as
/// messages accepted just before a previous stop.
pub async fn serve(
    store: Store,
    listener: TcpListener,
    config: ServeConfig,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), IntakeError> {
    let worker = Worker::new(store.clone());
    let folder = match config.drop_folder {
        Some(folder) => Some(DropFolder::open(store.clone(), folder)?.with_worker(worker.clone())),
        None => None,
    };
    let worker_task = tokio::spawn(worker.clone().run(config.worker_interval));
    let folder_task = folder.map(|folder| tokio::spawn(folder.run()));
    let committer = Committer::start(store.clone());
    let router = http::router(store, config.tokens, committer, worker);
    let served = axum::serve(listener, router)
        .with_graceful_shutdown(shutdown)
        .await;
    // Stopping mid-way loses nothing: an unprocessed message stays received, a
    // file not yet moved is journaled again at the next start.
    worker_task.abort();
    if let Some(task) = folder_task {
        task.abort();
    }
    served.map_err(IntakeError::from)
}

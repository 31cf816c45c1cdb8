//! Everything `piu serve` runs, together: the HTTP API, the drop folder, the
//! AMQP and NATS consumers, the group-commit writer and the worker.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use piu_screen::Screener;
use piu_store::Store;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::amqp::{AmqpConfig, AmqpIntake};
use crate::folder::{DropFolder, FolderConfig};
use crate::nats::{NatsConfig, NatsIntake};
use crate::tokens::Tokens;
use crate::{Committer, IntakeError, Worker, http, iapi};

/// What [`serve`] needs besides the store and the listening socket.
#[derive(Debug, Clone)]
pub struct ServeConfig {
    pub tokens: Tokens,
    pub drop_folder: Option<FolderConfig>,
    pub amqp: Option<AmqpConfig>,
    pub nats: Option<NatsConfig>,
    /// How often the worker looks for waiting messages without being woken
    /// (messages journaled by another process, or after a store error).
    pub worker_interval: Duration,
    /// The watchlists every new or changed traveller is screened against;
    /// replaceable while serving.
    pub screener: Arc<Screener>,
    /// How screening at check-in becomes boarding directives (`/api/v1/iapi`).
    pub iapi: iapi::Policy,
}

impl ServeConfig {
    pub fn new(tokens: Tokens) -> ServeConfig {
        ServeConfig {
            tokens,
            drop_folder: None,
            amqp: None,
            nats: None,
            worker_interval: Duration::from_secs(5),
            screener: Arc::new(Screener::default()),
            iapi: iapi::Policy::default(),
        }
    }
}

/// How long the broker consumers get at shutdown to journal and acknowledge the
/// messages they hold; what is left unacknowledged stays with the broker.
const BROKER_STOP: Duration = Duration::from_secs(30);

/// Serves until `shutdown` completes, then finishes the requests under way and
/// the broker messages being journaled. The worker starts by processing
/// whatever the journal holds unprocessed, such as messages accepted just before
/// a previous stop. A broker channel whose settings cannot work is an error
/// before anything starts; one whose broker does not answer keeps trying.
pub async fn serve(
    store: Store,
    listener: TcpListener,
    config: ServeConfig,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), IntakeError> {
    let worker = Worker::screening(store.clone(), Arc::clone(&config.screener));
    let folder = match config.drop_folder {
        Some(folder) => Some(DropFolder::open(store.clone(), folder)?.with_worker(worker.clone())),
        None => None,
    };
    let committer = Committer::start(store.clone());
    let amqp = match config.amqp {
        Some(amqp) => Some(
            AmqpIntake::new(store.clone(), committer.clone(), amqp)?.with_worker(worker.clone()),
        ),
        None => None,
    };
    let nats = match config.nats {
        Some(nats) => Some(
            NatsIntake::new(store.clone(), committer.clone(), nats)?.with_worker(worker.clone()),
        ),
        None => None,
    };
    let worker_task = tokio::spawn(worker.clone().run(config.worker_interval));
    let folder_task = folder.map(|folder| tokio::spawn(folder.run()));
    let (stop, stopped) = watch::channel(false);
    let mut broker_tasks: Vec<JoinHandle<()>> = Vec::new();
    if let Some(amqp) = amqp {
        broker_tasks.push(tokio::spawn(amqp.run(stop_signal(stopped.clone()))));
    }
    if let Some(nats) = nats {
        broker_tasks.push(tokio::spawn(nats.run(stop_signal(stopped.clone()))));
    }
    let iapi = iapi::router(
        store.clone(),
        config.tokens.clone(),
        committer.clone(),
        worker.clone(),
        config.screener,
        config.iapi,
    );
    let router = http::router(store, config.tokens, committer, worker).merge(iapi);
    let served = axum::serve(listener, router)
        .with_graceful_shutdown(shutdown)
        .await;
    stop.send_replace(true);
    for mut task in broker_tasks {
        if tokio::time::timeout(BROKER_STOP, &mut task).await.is_err() {
            task.abort();
        }
    }
    // Stopping mid-way loses nothing: an unprocessed message stays received, a
    // file not yet moved is journaled again at the next start.
    worker_task.abort();
    if let Some(task) = folder_task {
        task.abort();
    }
    served.map_err(IntakeError::from)
}

/// Completes once `stopped` turns true (or its sender is gone).
async fn stop_signal(mut stopped: watch::Receiver<bool>) {
    let _ = stopped.wait_for(|stop| *stop).await;
}

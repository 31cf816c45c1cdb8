//! Everything `piu serve` runs, together: the HTTP API, the drop folder, the
//! AMQP and NATS consumers, the group-commit writer, the worker and the
//! acknowledgements back over the brokers.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use piu_screen::Screener;
use piu_store::Store;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::acks::{AckConfig, AckSender};
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
    /// The pre-determined criteria every new or changed traveller is checked
    /// against; replaceable while serving (the workspace switches them on).
    pub criteria: Arc<piu_criteria::InForce>,
    /// How screening at check-in becomes boarding directives (`/api/v1/iapi`).
    pub iapi: iapi::Policy,
    /// Where each carrier takes unsolicited iAPI verdict changes (CUSRES 132);
    /// the [`iapi::Notifier`] that sends them is made from it.
    pub iapi_endpoints: iapi::Endpoints,
    /// How long an acknowledgement whose publish failed waits before the next
    /// attempt.
    pub ack_retry: Duration,
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
            criteria: Arc::default(),
            iapi: iapi::Policy::default(),
            iapi_endpoints: iapi::Endpoints::default(),
            ack_retry: Duration::from_secs(30),
        }
    }
}

/// How long the broker consumers get at shutdown to journal and acknowledge the
/// messages they hold; what is left unacknowledged stays with the broker.
const BROKER_STOP: Duration = Duration::from_secs(30);

/// How long acknowledgements being published get at shutdown; one not settled
/// by then is sent at the next start.
const ACK_STOP: Duration = Duration::from_secs(15);

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
    let worker = Worker::screening(
        store.clone(),
        Arc::clone(&config.screener),
        Arc::clone(&config.criteria),
    );
    let folder = match config.drop_folder {
        Some(folder) => Some(DropFolder::open(store.clone(), folder)?.with_worker(worker.clone())),
        None => None,
    };
    let acks = (config.amqp.is_some() || config.nats.is_some()).then(|| {
        AckSender::new(
            store.clone(),
            AckConfig {
                amqp: config
                    .amqp
                    .as_ref()
                    .map(|c| (c.url.clone(), c.queue.clone())),
                nats: config
                    .nats
                    .as_ref()
                    .map(|c| (c.url.clone(), c.stream.clone())),
                retry_after: config.ack_retry,
            },
        )
    });
    // Made here for the review of hits to call when a verdict changes.
    let _notifier = iapi::Notifier::new(store.clone(), config.iapi_endpoints);
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
    let folder_task = folder.map(|folder| tokio::spawn(folder.run()));
    let (stop, stopped) = watch::channel(false);
    let ack_task = acks.map(|acks| {
        tokio::spawn(acks.run(
            worker.drained_signal(),
            config.worker_interval,
            stop_signal(stopped.clone()),
        ))
    });
    let worker_task = tokio::spawn(worker.clone().run(config.worker_interval));
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
    if let Some(mut task) = ack_task
        && tokio::time::timeout(ACK_STOP, &mut task).await.is_err()
    {
        task.abort();
    }
    served.map_err(IntakeError::from)
}

/// Completes once `stopped` turns true (or its sender is gone).
async fn stop_signal(mut stopped: watch::Receiver<bool>) {
    let _ = stopped.wait_for(|stop| *stop).await;
}

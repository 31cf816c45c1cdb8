//! Group commit: appends from many requests journaled in one transaction.
//!
//! One task owns the writing. It takes the first waiting append, then every other
//! append already queued behind it (no timer: a lone message is written at once),
//! and journals them with one durable commit. While that commit is on disk, new
//! appends queue up and form the next group. Each caller is answered only after
//! the commit holding its message. On SQLite the commit is written off the
//! async threads ([`Store::run_write`]): its disk sync holds its thread.

use axum::body::Bytes;
use piu_store::{Appended, Incoming, Reception, Store, StoreError};
use tokio::sync::{mpsc, oneshot};

/// Most messages in one commit.
const MAX_GROUP: usize = 256;
/// Most bytes in one commit, so a group stays a modest transaction.
const MAX_GROUP_BYTES: usize = 64 * 1024 * 1024;
/// Appends waiting for the writer at most; further callers wait to queue.
const QUEUE: usize = 1024;

/// Why an append through the [`Committer`] failed; nothing was journaled.
#[derive(Debug, thiserror::Error)]
pub enum CommitError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("the journal writer has stopped")]
    Stopped,
}

struct Pending {
    bytes: Bytes,
    reception: Reception,
    reply: oneshot::Sender<Result<Appended, CommitError>>,
}

/// The handle channels append through. Cheap to clone.
#[derive(Debug, Clone)]
pub struct Committer {
    queue: mpsc::Sender<Pending>,
}

impl Committer {
    /// Starts the writing task on the current tokio runtime. It ends when every
    /// handle is dropped.
    pub fn start(store: Store) -> Committer {
        let (queue, receiver) = mpsc::channel(QUEUE);
        tokio::spawn(write_groups(store, receiver));
        Committer { queue }
    }

    /// Journals one message; returns once its group has committed.
    pub async fn append(
        &self,
        bytes: Bytes,
        reception: Reception,
    ) -> Result<Appended, CommitError> {
        let (reply, answer) = oneshot::channel();
        self.queue
            .send(Pending {
                bytes,
                reception,
                reply,
            })
            .await
            .map_err(|_| CommitError::Stopped)?;
        answer.await.map_err(|_| CommitError::Stopped)?
    }
}

async fn write_groups(store: Store, mut receiver: mpsc::Receiver<Pending>) {
    while let Some(first) = receiver.recv().await {
        let mut bytes = first.bytes.len();
        let mut group = vec![first];
        while group.len() < MAX_GROUP && bytes < MAX_GROUP_BYTES {
            match receiver.try_recv() {
                Ok(next) => {
                    bytes += next.bytes.len();
                    group.push(next);
                }
                Err(_) => break,
            }
        }
        // A group that stopped midway drops its callers' answers: each is told
        // the writer stopped, and nothing it did not commit is acknowledged.
        let _ = store.run_write(write_group(store.clone(), group)).await;
    }
}

/// One transaction for the group; if it fails, each message on its own, so one
/// refused message does not refuse its neighbours.
async fn write_group(store: Store, group: Vec<Pending>) {
    if group.len() > 1 {
        let incoming: Vec<Incoming<'_>> = group
            .iter()
            .map(|pending| Incoming {
                bytes: &pending.bytes,
                reception: pending.reception.clone(),
            })
            .collect();
        if let Ok(appended) = store.append_batch(&incoming).await
            && appended.len() == group.len()
        {
            for (pending, appended) in group.into_iter().zip(appended) {
                let _ = pending.reply.send(Ok(appended));
            }
            return;
        }
    }
    for pending in group {
        let result = store
            .append(&pending.bytes, &pending.reception)
            .await
            .map_err(CommitError::from);
        let _ = pending.reply.send(result);
    }
}

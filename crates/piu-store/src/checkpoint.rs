//! SQLite checkpoints beside the writer: the log's pages copied into the
//! database file by a thread of their own, so that the writer's commits only
//! append to the log. Left to SQLite, the commit that fills the log past a
//! thousand pages copies them while every other writer waits.

use std::sync::{Arc, Weak};
use std::time::Duration;

use tokio::sync::Mutex;

use crate::error::StoreError;
use crate::sql::LiteWriter;

/// How often the log is copied.
const EVERY: Duration = Duration::from_millis(200);
/// A log this long (pages of 4 KiB: 64 MiB) is started over. A copy made
/// while the writer goes on cannot do that: the log starts over only when a
/// writer begins after everything was copied, which under steady load may
/// not happen.
const MOST_PAGES: i64 = 16_384;
/// How long starting the log over waits for readers of its older pages
/// before leaving it to the next round: it holds the write turn meanwhile.
const READERS_WAIT: Duration = Duration::from_millis(10);

/// Starts the checkpointer of the database file at `path`; it stops when the
/// writer is dropped or closed.
pub(crate) fn start(path: &str, writer: &Arc<Mutex<LiteWriter>>) -> Result<(), StoreError> {
    let connection = rusqlite::Connection::open(path)?;
    // PASSIVE copies never wait; only the restart does.
    connection.busy_timeout(READERS_WAIT)?;
    let writer = Arc::downgrade(writer);
    std::thread::Builder::new()
        .name("piu-checkpoint".to_owned())
        .spawn(move || run(connection, writer))
        .map_err(|error| StoreError::SqliteSetup(format!("no checkpoint thread: {error}")))?;
    Ok(())
}

fn run(connection: rusqlite::Connection, writer: Weak<Mutex<LiteWriter>>) {
    loop {
        std::thread::sleep(EVERY);
        let Some(writer) = writer.upgrade() else {
            return;
        };
        // PASSIVE: copies what no reader still needs, waiting for nobody.
        match checkpoint(&connection, "PASSIVE") {
            Ok(pages) if pages > MOST_PAGES => {
                // In the write turn nothing is being logged: RESTART copies
                // the few pages logged since the copy above and has the next
                // writer start the log over from its beginning. Not TRUNCATE:
                // shrinking the file and growing it again took about 25 ms a
                // time, every writer waiting (BENCHMARKS.md, "Interactive API").
                let turn = writer.blocking_lock();
                if turn.is_closed() {
                    return;
                }
                // Busy (a reader kept it waiting) or failed: the next round
                // tries again.
                let _ = checkpoint(&connection, "RESTART");
            }
            Ok(_) => {}
            Err(_) if writer.blocking_lock().is_closed() => return,
            // Busy or failed: the next round tries again.
            Err(_) => {}
        }
    }
}

/// Runs a checkpoint of the given mode; returns the log's size in pages.
fn checkpoint(connection: &rusqlite::Connection, mode: &str) -> rusqlite::Result<i64> {
    connection.query_row(&format!("PRAGMA wal_checkpoint({mode})"), [], |row| {
        row.get(1)
    })
}

#[cfg(test)]
mod tests {
    use std::time::Instant;

    use time::OffsetDateTime;

    use crate::{Channel, Incoming, Reception, Store};

    /// The writer never checkpoints itself (`wal_autocheckpoint = 0`), so the
    /// database file grows past its first pages only if this thread copies
    /// the log into it.
    #[tokio::test]
    async fn the_log_is_copied_into_the_database_beside_the_writer() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let file = dir.path().join("piu.db");
        let store = Store::open(&format!("sqlite:{}", file.display()))
            .await
            .expect("a store");
        let before = std::fs::metadata(&file).expect("the file").len();
        let reception = Reception {
            channel: Channel::Http,
            sender: "test".to_owned(),
            received_at: OffsetDateTime::now_utc(),
            external_ref: None,
            reply_to: None,
        };
        let bodies: Vec<Vec<u8>> = (0..200u32)
            .map(|n| format!("{n:08}").repeat(1_000).into_bytes())
            .collect();
        let incoming: Vec<Incoming<'_>> = bodies
            .iter()
            .map(|bytes| Incoming {
                bytes,
                reception: reception.clone(),
            })
            .collect();
        store.append_batch(&incoming).await.expect("journaled");
        let deadline = Instant::now() + std::time::Duration::from_secs(10);
        loop {
            let size = std::fs::metadata(&file).expect("the file").len();
            if size > before + 1_000_000 {
                break;
            }
            assert!(
                Instant::now() < deadline,
                "the database file stayed at {size} bytes (was {before}): nothing was copied"
            );
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
    }
}

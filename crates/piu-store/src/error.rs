use crate::journal::MessageId;

/// Why a message was refused before anything was written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("the message is empty")]
    Empty,
    #[error("the message has {size} bytes, more than the limit of {limit} bytes")]
    TooLarge { size: usize, limit: usize },
}

/// Everything that can go wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A single message was refused; nothing was written.
    #[error("message refused: {0}")]
    Refused(#[from] Refusal),
    /// One message of a batch was refused; nothing of the batch was written.
    #[error("message {index} of the batch refused (nothing of the batch was written): {refusal}")]
    RefusedInBatch { index: usize, refusal: Refusal },
    /// The URL names no database this store can use.
    #[error("unsupported database URL {url:?}: expected one starting with sqlite: or postgres:")]
    UnsupportedUrl { url: String },
    #[error("no journaled message has id {0}")]
    UnknownMessage(MessageId),
    /// The database holds a value this code cannot have written.
    #[error("unexpected value in the database: {0}")]
    Corrupt(String),
    #[error("could not set up the SQLite database: {0}")]
    SqliteSetup(String),
    #[error("database migration failed: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    /// From the SQLite writer's own connection.
    #[error("database error: {0}")]
    Native(String),
}

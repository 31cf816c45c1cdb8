//! The journal: raw bytes once per SHA-256, every reception, and the processing
//! outcome of each message, kept apart from its bytes.

use std::fmt;

use sha2::{Digest, Sha256};
use sqlx::Row;
use sqlx::any::AnyRow;
use time::OffsetDateTime;

use crate::error::{Refusal, StoreError};
use crate::sql::{Durability, Sql};
use crate::store::{Backend, Store};

/// The journal id of a distinct message (distinct bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MessageId(pub i64);

impl fmt::Display for MessageId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// The SHA-256 of a message's raw bytes: its identity in the journal.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Sha256Digest(pub [u8; 32]);

impl Sha256Digest {
    pub fn of(bytes: &[u8]) -> Sha256Digest {
        Sha256Digest(Sha256::digest(bytes).into())
    }

    /// Lower-case hexadecimal, as `sha256sum` prints it.
    pub fn to_hex(&self) -> String {
        const DIGITS: &[u8; 16] = b"0123456789abcdef";
        let mut text = String::with_capacity(64);
        for byte in self.0 {
            text.push(char::from(DIGITS[usize::from(byte >> 4)]));
            text.push(char::from(DIGITS[usize::from(byte & 0x0f)]));
        }
        text
    }

    /// The key of the lock appends take on this hash: its first four bytes. Two
    /// hashes sharing a key only wait for each other needlessly.
    fn lock_key(&self) -> i32 {
        i32::from_be_bytes([self.0[0], self.0[1], self.0[2], self.0[3]])
    }

    fn from_column(bytes: &[u8]) -> Result<Sha256Digest, StoreError> {
        <[u8; 32]>::try_from(bytes)
            .map(Sha256Digest)
            .map_err(|_| StoreError::Corrupt(format!("a SHA-256 of {} bytes", bytes.len())))
    }
}

impl fmt::Display for Sha256Digest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_hex())
    }
}

impl fmt::Debug for Sha256Digest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Sha256Digest({})", self.to_hex())
    }
}

/// The way a message reached the unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Channel {
    Http,
    Folder,
    Amqp,
    Nats,
    /// Interactive API: a carrier waits for a board / no-board answer.
    Iapi,
}

impl Channel {
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Http => "http",
            Channel::Folder => "folder",
            Channel::Amqp => "amqp",
            Channel::Nats => "nats",
            Channel::Iapi => "iapi",
        }
    }

    pub fn from_name(name: &str) -> Option<Channel> {
        [
            Channel::Http,
            Channel::Folder,
            Channel::Amqp,
            Channel::Nats,
            Channel::Iapi,
        ]
        .into_iter()
        .find(|channel| channel.as_str() == name)
    }
}

/// One arrival of a message: by which channel, from whom, when, the reference
/// the channel knows it by, and where an answer to the sender may go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reception {
    pub channel: Channel,
    /// Carrier code, token or account name: whoever the channel says sent it.
    pub sender: String,
    /// Kept to the microsecond.
    pub received_at: OffsetDateTime,
    /// A file name, a broker message id, an HTTP request id.
    pub external_ref: Option<String>,
    /// Where the sender asked for answers: an AMQP `reply_to` queue or a NATS
    /// subject. Kept so that an acknowledgement message can be sent back later.
    pub reply_to: Option<String>,
}

impl Reception {
    pub fn new(channel: Channel, sender: impl Into<String>, received_at: OffsetDateTime) -> Self {
        Reception {
            channel,
            sender: sender.into(),
            received_at,
            external_ref: None,
            reply_to: None,
        }
    }

    pub fn with_external_ref(mut self, external_ref: impl Into<String>) -> Self {
        self.external_ref = Some(external_ref.into());
        self
    }

    pub fn with_reply_to(mut self, reply_to: impl Into<String>) -> Self {
        self.reply_to = Some(reply_to.into());
        self
    }
}

/// A message as a channel hands it to [`Store::append_batch`].
#[derive(Debug, Clone)]
pub struct Incoming<'a> {
    pub bytes: &'a [u8],
    pub reception: Reception,
}

/// What the journal did with one message: committed when this is returned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Appended {
    pub id: MessageId,
    pub sha256: Sha256Digest,
    /// False when the same bytes were journaled before; a reception is recorded
    /// either way.
    pub new_bytes: bool,
}

/// Where a message stands in processing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ProcessingState {
    /// Journaled, not yet processed (or reset for reprocessing).
    Received,
    Processed,
    /// Processing failed; the bytes are kept with the error.
    Quarantined,
}

impl ProcessingState {
    pub fn as_str(self) -> &'static str {
        match self {
            ProcessingState::Received => "received",
            ProcessingState::Processed => "processed",
            ProcessingState::Quarantined => "quarantined",
        }
    }

    fn from_column(text: &str) -> Result<ProcessingState, StoreError> {
        match text {
            "received" => Ok(ProcessingState::Received),
            "processed" => Ok(ProcessingState::Processed),
            "quarantined" => Ok(ProcessingState::Quarantined),
            other => Err(StoreError::Corrupt(format!("processing state {other:?}"))),
        }
    }
}

/// Why a message was quarantined, and where in its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocatedError {
    pub text: String,
    pub byte_offset: Option<u64>,
    /// The segment tag (or XML element) where the error was found.
    pub segment: Option<String>,
}

impl LocatedError {
    pub fn new(text: impl Into<String>) -> Self {
        LocatedError {
            text: text.into(),
            byte_offset: None,
            segment: None,
        }
    }

    pub fn at(mut self, byte_offset: u64, segment: Option<&str>) -> Self {
        self.byte_offset = Some(byte_offset);
        self.segment = segment.map(str::to_owned);
        self
    }
}

/// A journaled message without its bytes: identity, size and processing record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessageStatus {
    pub id: MessageId,
    pub sha256: Sha256Digest,
    pub size: u64,
    pub first_received_at: OffsetDateTime,
    pub state: ProcessingState,
    /// How many outcomes (processed or quarantined) have been recorded.
    pub attempts: u64,
    pub last_attempt_at: Option<OffsetDateTime>,
    /// Present while the message is quarantined.
    pub error: Option<LocatedError>,
}

/// What the journal holds, counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JournalSize {
    /// Distinct messages (distinct bytes).
    pub messages: u64,
    /// Arrivals, repeats included.
    pub receptions: u64,
}

/// Which messages [`Store::reset_for_reprocessing`] puts back to received.
#[derive(Debug, Clone, Copy)]
pub enum ReprocessSelection<'a> {
    All,
    Quarantined,
    Ids(&'a [MessageId]),
}

/// One reception of a message, as the store numbers them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ReceptionId(pub i64);

impl fmt::Display for ReceptionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// An acknowledgement owed to a sender that named a reply address, for a
/// message whose processing has an outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwedReply {
    pub reception: ReceptionId,
    pub message: MessageId,
    pub channel: Channel,
    /// The reply address the sender gave.
    pub reply_to: String,
    /// The sender's own reference for its message, when it gave one.
    pub external_ref: Option<String>,
    /// Attempts made before this one.
    pub attempts: u64,
}

/// What became of the acknowledgement owed for one reception.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplyRecord {
    pub reception: ReceptionId,
    pub reply_to: String,
    /// `ACKRES` or `CONTRL` once sent; `None` while owed or when none was due.
    pub kind: Option<String>,
    /// When the broker took it, or when it was found that none was due.
    pub settled_at: Option<OffsetDateTime>,
    pub attempts: u64,
    /// Why the last attempt failed, or why nothing could be sent.
    pub last_error: Option<String>,
}

/// How an owed acknowledgement was settled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReplySettlement<'a> {
    /// The broker took an acknowledgement of this kind.
    Sent { kind: &'a str },
    /// There is nothing to send (XML, no envelope to answer).
    NoneDue,
    /// It can never be sent as asked (the reason is kept).
    Undeliverable { reason: &'a str },
}

/// A `SELECT` of message statuses with the given `WHERE` clause, as one literal
/// (sqlx takes only static SQL, which rules out splicing values in by mistake).
macro_rules! select_status {
    ($condition:literal) => {
        concat!(
            "SELECT m.id, m.sha256, m.size, m.first_received_at, p.state, p.attempts, ",
            "p.last_attempt_at, p.error_text, p.error_offset, p.error_segment ",
            "FROM journal_message m JOIN journal_processing p ON p.message_id = m.id ",
            $condition
        )
    };
}

/// Messages in one waiting state (`$1`) after an id (`$2`), `$3` at most.
/// Ordered by the index's own column: ordering by m.id made SQLite sort every
/// waiting row for each page, quadratic in a backlog. The state test is also
/// written out as the partial index's condition, so that SQLite uses that
/// index whatever state is bound (only waiting states are asked for).
macro_rules! in_state {
    () => {
        select_status!(
            "WHERE p.state = $1 AND p.state <> 'processed' AND p.message_id > $2 \
             ORDER BY p.message_id LIMIT $3"
        )
    };
}

/// An `UPDATE` that puts the selected messages back to received.
macro_rules! reset_where {
    ($condition:literal) => {
        concat!(
            "UPDATE journal_processing SET state = 'received', ",
            "error_text = NULL, error_offset = NULL, error_segment = NULL ",
            $condition
        )
    };
}

impl Store {
    /// Journals one message durably and records its reception. The bytes are
    /// committed when this returns; only then may the sender be acknowledged.
    pub async fn append(
        &self,
        bytes: &[u8],
        reception: &Reception,
    ) -> Result<Appended, StoreError> {
        self.check_size(bytes)?;
        let mut appended = self.append_checked(&[(bytes, reception)]).await?;
        appended
            .pop()
            .ok_or_else(|| StoreError::Corrupt("an append returned nothing".to_owned()))
    }

    /// Journals many messages in one transaction (one durable commit for all), in
    /// order. Every size is checked before anything is written: one refused message
    /// refuses the batch, so channels check with [`Store::check_size`] first.
    pub async fn append_batch(
        &self,
        messages: &[Incoming<'_>],
    ) -> Result<Vec<Appended>, StoreError> {
        for (index, message) in messages.iter().enumerate() {
            self.check_size(message.bytes)
                .map_err(|refusal| StoreError::RefusedInBatch { index, refusal })?;
        }
        let messages: Vec<(&[u8], &Reception)> = messages
            .iter()
            .map(|message| (message.bytes, &message.reception))
            .collect();
        self.append_checked(&messages).await
    }

    /// Appends messages whose sizes were checked, in one transaction.
    ///
    /// On PostgreSQL the transaction first takes a lock per distinct hash, in hash
    /// order. Without it, two batches holding the same new bytes in opposite orders
    /// would each wait for the other's uncommitted row, and one would fail as a
    /// deadlock; with it, the later batch waits and then finds the rows committed.
    /// SQLite has one writer at a time and needs no such lock.
    async fn append_checked(
        &self,
        messages: &[(&[u8], &Reception)],
    ) -> Result<Vec<Appended>, StoreError> {
        let digests: Vec<Sha256Digest> = messages
            .iter()
            .map(|(bytes, _)| Sha256Digest::of(bytes))
            .collect();
        // Callers acknowledge on the ids: synced before they are returned.
        let mut transaction = self.begin_hot_write(Durability::Synced).await?;
        if self.backend() == Backend::Postgres {
            let mut keys: Vec<i32> = digests.iter().map(Sha256Digest::lock_key).collect();
            keys.sort_unstable();
            keys.dedup();
            for key in keys {
                transaction
                    .execute(
                        "SELECT 1 FROM (SELECT pg_advisory_xact_lock($1, $2)) AS locked",
                        &[JOURNAL_LOCK_CLASS.into(), key.into()],
                    )
                    .await?;
            }
        }
        let mut appended = Vec::with_capacity(messages.len());
        for ((bytes, reception), sha256) in messages.iter().zip(digests) {
            appended.push(append_in(&mut transaction, bytes, sha256, reception).await?);
        }
        transaction.commit().await?;
        Ok(appended)
    }

    /// Records that processing succeeded. Harmless to repeat: each call counts one
    /// more attempt.
    pub async fn mark_processed(&self, id: MessageId) -> Result<(), StoreError> {
        mark_processed_in(
            &mut self.pool.clone(),
            id,
            micros(OffsetDateTime::now_utc()),
        )
        .await
    }

    /// Records that processing failed; the bytes stay in the journal.
    pub async fn mark_quarantined(
        &self,
        id: MessageId,
        error: &LocatedError,
    ) -> Result<(), StoreError> {
        let offset = error
            .byte_offset
            .map(|offset| {
                i64::try_from(offset)
                    .map_err(|_| StoreError::Corrupt(format!("byte offset {offset}")))
            })
            .transpose()?;
        let result = sqlx::query(
            "UPDATE journal_processing SET state = 'quarantined', attempts = attempts + 1, \
             last_attempt_at = $1, error_text = $2, error_offset = $3, error_segment = $4 \
             WHERE message_id = $5",
        )
        .bind(micros(OffsetDateTime::now_utc()))
        .bind(error.text.as_str())
        .bind(offset)
        .bind(error.segment.as_deref())
        .bind(id.0)
        .execute(&self.pool)
        .await?;
        if result.rows_affected() == 0 {
            return Err(StoreError::UnknownMessage(id));
        }
        Ok(())
    }

    /// Messages waiting to be processed, oldest first, from after `after` (for
    /// paging), at most `limit`.
    pub async fn awaiting_processing(
        &self,
        after: Option<MessageId>,
        limit: u32,
    ) -> Result<Vec<MessageStatus>, StoreError> {
        self.in_state(ProcessingState::Received, after, limit).await
    }

    /// Quarantined messages with their errors, oldest first.
    pub async fn quarantined(
        &self,
        after: Option<MessageId>,
        limit: u32,
    ) -> Result<Vec<MessageStatus>, StoreError> {
        self.in_state(ProcessingState::Quarantined, after, limit)
            .await
    }

    async fn in_state(
        &self,
        state: ProcessingState,
        after: Option<MessageId>,
        limit: u32,
    ) -> Result<Vec<MessageStatus>, StoreError> {
        // The query holds the waiting states only.
        debug_assert_ne!(state, ProcessingState::Processed);
        let rows = sqlx::query(in_state!())
            .bind(state.as_str())
            .bind(after.map_or(0, |id| id.0))
            .bind(i64::from(limit))
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(status_from_row).collect()
    }

    pub async fn status(&self, id: MessageId) -> Result<MessageStatus, StoreError> {
        let row = sqlx::query(select_status!("WHERE m.id = $1"))
            .bind(id.0)
            .fetch_optional(&self.pool)
            .await?
            .ok_or(StoreError::UnknownMessage(id))?;
        status_from_row(&row)
    }

    /// The raw bytes as received.
    pub async fn bytes(&self, id: MessageId) -> Result<Vec<u8>, StoreError> {
        let row = sqlx::query("SELECT bytes FROM journal_message WHERE id = $1")
            .bind(id.0)
            .fetch_optional(&self.pool)
            .await?
            .ok_or(StoreError::UnknownMessage(id))?;
        Ok(row.try_get("bytes")?)
    }

    /// The bytes of many distinct messages, in the order asked, in one
    /// statement (a worker's page): a message that is not in the journal, or
    /// asked for twice, is an error.
    pub async fn bytes_of(&self, ids: &[MessageId]) -> Result<Vec<Vec<u8>>, StoreError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let placeholders: Vec<String> = (1..=ids.len()).map(|i| format!("${i}")).collect();
        let sql = format!(
            "SELECT id, bytes FROM journal_message WHERE id IN ({})",
            placeholders.join(", ")
        );
        // Only placeholders are formatted in; the ids are bound.
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
        for id in ids {
            query = query.bind(id.0);
        }
        let mut found: std::collections::HashMap<i64, Vec<u8>> = query
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|row| Ok((row.try_get("id")?, row.try_get("bytes")?)))
            .collect::<Result<_, StoreError>>()?;
        // Each message's bytes are moved out, not copied: a page can hold
        // megabytes.
        ids.iter()
            .map(|id| found.remove(&id.0).ok_or(StoreError::UnknownMessage(*id)))
            .collect()
    }

    /// Every reception of a message, first first.
    pub async fn receptions(&self, id: MessageId) -> Result<Vec<Reception>, StoreError> {
        let rows = sqlx::query(
            "SELECT channel, sender, received_at, external_ref, reply_to FROM journal_reception \
             WHERE message_id = $1 ORDER BY id",
        )
        .bind(id.0)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                let channel: String = row.try_get("channel")?;
                Ok(Reception {
                    channel: Channel::from_name(&channel)
                        .ok_or_else(|| StoreError::Corrupt(format!("channel {channel:?}")))?,
                    sender: row.try_get("sender")?,
                    received_at: from_micros(row.try_get("received_at")?)?,
                    external_ref: row.try_get("external_ref")?,
                    reply_to: row.try_get("reply_to")?,
                })
            })
            .collect()
    }

    /// The message journaled with these bytes, if any.
    pub async fn find_by_hash(
        &self,
        sha256: &Sha256Digest,
    ) -> Result<Option<MessageId>, StoreError> {
        let row = sqlx::query("SELECT id FROM journal_message WHERE sha256 = $1")
            .bind(sha256.0.as_slice())
            .fetch_optional(&self.pool)
            .await?;
        Ok(match row {
            Some(row) => Some(MessageId(row.try_get("id")?)),
            None => None,
        })
    }

    /// Puts messages back to received so they are processed again; attempts and
    /// their last time are kept. Returns how many messages were selected. With
    /// [`ReprocessSelection::Ids`], an unknown id is an error and nothing is reset.
    pub async fn reset_for_reprocessing(
        &self,
        selection: ReprocessSelection<'_>,
    ) -> Result<u64, StoreError> {
        match selection {
            ReprocessSelection::All => {
                let result = sqlx::query(reset_where!("")).execute(&self.pool).await?;
                Ok(result.rows_affected())
            }
            ReprocessSelection::Quarantined => {
                let result = sqlx::query(reset_where!("WHERE state = 'quarantined'"))
                    .execute(&self.pool)
                    .await?;
                Ok(result.rows_affected())
            }
            ReprocessSelection::Ids(ids) => {
                let mut transaction = self.pool.begin().await?;
                for id in ids {
                    let result = sqlx::query(reset_where!("WHERE message_id = $1"))
                        .bind(id.0)
                        .execute(&mut *transaction)
                        .await?;
                    if result.rows_affected() == 0 {
                        return Err(StoreError::UnknownMessage(*id));
                    }
                }
                transaction.commit().await?;
                Ok(ids.len() as u64)
            }
        }
    }

    /// How many distinct messages and receptions the journal holds.
    pub async fn journal_size(&self) -> Result<JournalSize, StoreError> {
        let row = sqlx::query(
            "SELECT (SELECT COUNT(*) FROM journal_message) AS messages, \
             (SELECT COUNT(*) FROM journal_reception) AS receptions",
        )
        .fetch_one(&self.pool)
        .await?;
        let messages: i64 = row.try_get("messages")?;
        let receptions: i64 = row.try_get("receptions")?;
        Ok(JournalSize {
            messages: count(messages)?,
            receptions: count(receptions)?,
        })
    }
}

/// Acknowledgements owed to senders (`journal_reply`): found once processing
/// has an outcome, claimed before each attempt, settled once.
impl Store {
    /// Acknowledgements owed over `channel` whose message has been processed or
    /// quarantined, not tried since `retry_before`; oldest reception first.
    pub async fn owed_replies(
        &self,
        channel: Channel,
        retry_before: OffsetDateTime,
        limit: u32,
    ) -> Result<Vec<OwedReply>, StoreError> {
        let rows = sqlx::query(
            "SELECT r.reception_id, c.message_id, c.reply_to, c.external_ref, r.attempts \
             FROM journal_reply r \
             JOIN journal_reception c ON c.id = r.reception_id \
             JOIN journal_processing p ON p.message_id = c.message_id \
             WHERE r.settled_at IS NULL AND c.channel = $1 AND p.state <> 'received' \
             AND (r.last_attempt_at IS NULL OR r.last_attempt_at < $2) \
             ORDER BY r.reception_id LIMIT $3",
        )
        .bind(channel.as_str())
        .bind(micros(retry_before))
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                let reply_to: Option<String> = row.try_get("reply_to")?;
                Ok(OwedReply {
                    reception: ReceptionId(row.try_get("reception_id")?),
                    message: MessageId(row.try_get("message_id")?),
                    channel,
                    reply_to: reply_to.ok_or_else(|| {
                        StoreError::Corrupt("a reply owed without a reply address".to_owned())
                    })?,
                    external_ref: row.try_get("external_ref")?,
                    attempts: count(row.try_get("attempts")?)?,
                })
            })
            .collect()
    }

    /// Takes the next attempt at an owed acknowledgement: true when this caller
    /// may send it now. False when it is settled, or another sender tried it
    /// since `retry_before` (so two senders do not send it at once).
    pub async fn claim_reply(
        &self,
        reception: ReceptionId,
        now: OffsetDateTime,
        retry_before: OffsetDateTime,
    ) -> Result<bool, StoreError> {
        let result = sqlx::query(
            "UPDATE journal_reply SET attempts = attempts + 1, last_attempt_at = $1 \
             WHERE reception_id = $2 AND settled_at IS NULL \
             AND (last_attempt_at IS NULL OR last_attempt_at < $3)",
        )
        .bind(micros(now))
        .bind(reception.0)
        .bind(micros(retry_before))
        .execute(&self.pool)
        .await?;
        Ok(result.rows_affected() == 1)
    }

    /// Records that an owed acknowledgement needs nothing more.
    pub async fn settle_reply(
        &self,
        reception: ReceptionId,
        settlement: ReplySettlement<'_>,
        at: OffsetDateTime,
    ) -> Result<(), StoreError> {
        let (kind, error) = match settlement {
            ReplySettlement::Sent { kind } => (Some(kind), None),
            ReplySettlement::NoneDue => (None, None),
            ReplySettlement::Undeliverable { reason } => (None, Some(reason)),
        };
        sqlx::query(
            "UPDATE journal_reply SET kind = $1, settled_at = $2, last_error = $3 \
             WHERE reception_id = $4",
        )
        .bind(kind)
        .bind(micros(at))
        .bind(error)
        .bind(reception.0)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Records why an attempt failed; the acknowledgement stays owed.
    pub async fn reply_failed(
        &self,
        reception: ReceptionId,
        error: &str,
    ) -> Result<(), StoreError> {
        sqlx::query("UPDATE journal_reply SET last_error = $1 WHERE reception_id = $2")
            .bind(error)
            .bind(reception.0)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// The acknowledgements owed or sent for a message's receptions, first
    /// reception first.
    pub async fn replies(&self, id: MessageId) -> Result<Vec<ReplyRecord>, StoreError> {
        let rows = sqlx::query(
            "SELECT r.reception_id, c.reply_to, r.kind, r.settled_at, r.attempts, r.last_error \
             FROM journal_reply r JOIN journal_reception c ON c.id = r.reception_id \
             WHERE c.message_id = $1 ORDER BY r.reception_id",
        )
        .bind(id.0)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                let reply_to: Option<String> = row.try_get("reply_to")?;
                let settled_at: Option<i64> = row.try_get("settled_at")?;
                Ok(ReplyRecord {
                    reception: ReceptionId(row.try_get("reception_id")?),
                    reply_to: reply_to.unwrap_or_default(),
                    kind: row.try_get("kind")?,
                    settled_at: settled_at.map(from_micros).transpose()?,
                    attempts: count(row.try_get("attempts")?)?,
                    last_error: row.try_get("last_error")?,
                })
            })
            .collect()
    }
}

/// The first key of the PostgreSQL advisory locks appends take (the second is
/// from the hash), so that they cannot meet locks taken for other purposes.
const JOURNAL_LOCK_CLASS: i32 = 0x6a6f_7572; // "jour"

/// One message into the journal inside a caller's transaction: the bytes once per
/// hash (a conflicting concurrent insert waits for the other and then finds its
/// row), a reception always.
async fn append_in(
    sql: &mut impl Sql,
    bytes: &[u8],
    sha256: Sha256Digest,
    reception: &Reception,
) -> Result<Appended, StoreError> {
    let size = i64::try_from(bytes.len()).map_err(|_| {
        StoreError::Refused(Refusal::TooLarge {
            size: bytes.len(),
            limit: usize::MAX,
        })
    })?;
    let received_at = micros(reception.received_at);
    let inserted = sql
        .fetch_optional(
            "INSERT INTO journal_message (sha256, bytes, size, first_received_at) \
             VALUES ($1, $2, $3, $4) ON CONFLICT (sha256) DO NOTHING RETURNING id",
            &[
                sha256.0.as_slice().into(),
                bytes.into(),
                size.into(),
                received_at.into(),
            ],
        )
        .await?;
    let (id, new_bytes) = match inserted {
        Some(row) => {
            let id = row.int(0)?;
            sql.execute(
                "INSERT INTO journal_processing (message_id, state) VALUES ($1, 'received')",
                &[id.into()],
            )
            .await?;
            (id, true)
        }
        None => {
            let row = sql
                .fetch_one(
                    "SELECT id FROM journal_message WHERE sha256 = $1",
                    &[sha256.0.as_slice().into()],
                )
                .await?;
            (row.int(0)?, false)
        }
    };
    let reception_id = sql
        .fetch_one(
            "INSERT INTO journal_reception \
             (message_id, channel, sender, received_at, external_ref, reply_to) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
            &[
                id.into(),
                reception.channel.as_str().into(),
                reception.sender.as_str().into(),
                received_at.into(),
                reception.external_ref.as_deref().into(),
                reception.reply_to.as_deref().into(),
            ],
        )
        .await?
        .int(0)?;
    if reception.reply_to.is_some() {
        // The acknowledgement this sender asked for is owed from the commit on.
        sql.execute(
            "INSERT INTO journal_reply (reception_id) VALUES ($1)",
            &[reception_id.into()],
        )
        .await?;
    }
    Ok(Appended {
        id: MessageId(id),
        sha256,
        new_bytes,
    })
}

fn status_from_row(row: &AnyRow) -> Result<MessageStatus, StoreError> {
    let sha256: Vec<u8> = row.try_get("sha256")?;
    let state: String = row.try_get("state")?;
    let state = ProcessingState::from_column(&state)?;
    let last_attempt_at: Option<i64> = row.try_get("last_attempt_at")?;
    let error_text: Option<String> = row.try_get("error_text")?;
    let error_offset: Option<i64> = row.try_get("error_offset")?;
    let error = match error_text {
        Some(text) => Some(LocatedError {
            text,
            byte_offset: error_offset.map(count).transpose()?,
            segment: row.try_get("error_segment")?,
        }),
        None => None,
    };
    Ok(MessageStatus {
        id: MessageId(row.try_get("id")?),
        sha256: Sha256Digest::from_column(&sha256)?,
        size: count(row.try_get("size")?)?,
        first_received_at: from_micros(row.try_get("first_received_at")?)?,
        state,
        attempts: count(row.try_get("attempts")?)?,
        last_attempt_at: last_attempt_at.map(from_micros).transpose()?,
        error,
    })
}

/// Unix microseconds: the one time type both backends store alike. Every
/// `OffsetDateTime` (years −9999 to 9999) fits in an `i64` of microseconds.
/// Records that processing succeeded, on the pool or inside a caller's
/// transaction (where the message's records are written with it).
pub(crate) async fn mark_processed_in(
    sql: &mut impl Sql,
    id: MessageId,
    at_micros: i64,
) -> Result<(), StoreError> {
    let changed = sql
        .execute(
            "UPDATE journal_processing SET state = 'processed', attempts = attempts + 1, \
             last_attempt_at = $1, error_text = NULL, error_offset = NULL, error_segment = NULL \
             WHERE message_id = $2",
            &[at_micros.into(), id.0.into()],
        )
        .await?;
    if changed == 0 {
        return Err(StoreError::UnknownMessage(id));
    }
    Ok(())
}

pub(crate) fn micros(moment: OffsetDateTime) -> i64 {
    (moment.unix_timestamp_nanos() / 1_000) as i64
}

pub(crate) fn from_micros(value: i64) -> Result<OffsetDateTime, StoreError> {
    OffsetDateTime::from_unix_timestamp_nanos(i128::from(value) * 1_000)
        .map_err(|_| StoreError::Corrupt(format!("time {value} µs")))
}

fn count(value: i64) -> Result<u64, StoreError> {
    u64::try_from(value).map_err(|_| StoreError::Corrupt(format!("negative count {value}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digest_prints_like_sha256sum() {
        assert_eq!(
            Sha256Digest::of(b"abc").to_hex(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn channel_names_round_trip() {
        for channel in [
            Channel::Http,
            Channel::Folder,
            Channel::Amqp,
            Channel::Nats,
            Channel::Iapi,
        ] {
            assert_eq!(Channel::from_name(channel.as_str()), Some(channel));
        }
        assert_eq!(Channel::from_name("smtp"), None);
    }

    #[tokio::test]
    async fn waiting_messages_are_found_through_the_waiting_index() {
        let folder = tempfile::tempdir().expect("a temporary folder");
        let url = format!("sqlite:{}", folder.path().join("plan.db").display());
        let store = crate::Store::open(&url).await.expect("open");
        let plan = sqlx::query(concat!("EXPLAIN QUERY PLAN ", in_state!()))
            .bind("received")
            .bind(0_i64)
            .bind(100_i64)
            .fetch_all(&store.pool)
            .await
            .expect("a plan");
        let steps: Vec<String> = plan
            .iter()
            .map(|row| row.try_get::<String, _>(3).expect("the step"))
            .collect();
        assert!(
            steps
                .iter()
                .any(|step| step.contains("journal_processing_waiting")),
            "{steps:?}"
        );
        store.close().await;
    }

    #[test]
    fn times_keep_microseconds() {
        let moment = OffsetDateTime::from_unix_timestamp_nanos(1_763_700_000_123_456_000)
            .expect("a valid time");
        assert_eq!(from_micros(micros(moment)).ok(), Some(moment));
    }
}

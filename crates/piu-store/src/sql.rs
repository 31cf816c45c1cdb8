//! Statements run the same way on either database, for the write paths that
//! run for every message (record transactions, processed marks, audit appends).
//!
//! On PostgreSQL they go through sqlx. On SQLite the writer of this process
//! holds its own connection ([`LiteWriter`]) and runs them in place: sqlx runs
//! each SQLite connection on a thread of its own, and every statement is a
//! round trip to it, which costs more than the statement when a message takes
//! twenty of them.

use std::borrow::Cow;
use std::future::Future;
use std::sync::OnceLock;

use sqlx::any::AnyTypeInfoKind;
use sqlx::{Any, AnyConnection, AnyPool, Row as _, Transaction, ValueRef as _};
use tokio::sync::OwnedMutexGuard;

use crate::error::StoreError;
use crate::store::SQLITE_CONNECTION_SETTINGS;

/// A value bound to a statement's `$N` placeholder (`N` from 1, in order).
#[derive(Debug, Clone, Copy)]
pub(crate) enum Arg<'a> {
    /// PostgreSQL needs to know what a null stands for (`COALESCE($1, text)`).
    Null(Kind),
    Int(i64),
    /// For PostgreSQL functions that take `integer`, not `bigint`.
    Int32(i32),
    Real(f64),
    Text(&'a str),
    Blob(&'a [u8]),
}

impl From<i64> for Arg<'_> {
    fn from(value: i64) -> Self {
        Arg::Int(value)
    }
}

impl From<i32> for Arg<'_> {
    fn from(value: i32) -> Self {
        Arg::Int32(value)
    }
}

impl From<f64> for Arg<'_> {
    fn from(value: f64) -> Self {
        Arg::Real(value)
    }
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(value: &'a str) -> Self {
        Arg::Text(value)
    }
}

impl<'a> From<&'a String> for Arg<'a> {
    fn from(value: &'a String) -> Self {
        Arg::Text(value)
    }
}

impl<'a> From<&'a [u8]> for Arg<'a> {
    fn from(value: &'a [u8]) -> Self {
        Arg::Blob(value)
    }
}

/// The type of a bound value, for nulls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Int,
    Real,
    Text,
    Blob,
}

/// Values that can be bound, with the kind their nulls take.
pub(crate) trait Bindable<'a>: Into<Arg<'a>> {
    const KIND: Kind;
}

impl Bindable<'_> for i64 {
    const KIND: Kind = Kind::Int;
}

impl Bindable<'_> for f64 {
    const KIND: Kind = Kind::Real;
}

impl<'a> Bindable<'a> for &'a str {
    const KIND: Kind = Kind::Text;
}

impl<'a> Bindable<'a> for &'a String {
    const KIND: Kind = Kind::Text;
}

impl<'a> Bindable<'a> for &'a [u8] {
    const KIND: Kind = Kind::Blob;
}

impl<'a, T: Bindable<'a>> From<Option<T>> for Arg<'a> {
    fn from(value: Option<T>) -> Self {
        value.map_or(Arg::Null(T::KIND), Into::into)
    }
}

/// A column value as read.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cell {
    Null,
    Int(i64),
    Real(f64),
    Text(String),
    Blob(Vec<u8>),
}

/// A row as read, its columns by position.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Row(Vec<Cell>);

impl Row {
    fn cell(&self, index: usize) -> Result<&Cell, StoreError> {
        self.0
            .get(index)
            .ok_or_else(|| StoreError::Corrupt(format!("no column {index} in a row")))
    }

    fn mismatch(&self, index: usize, expected: &str) -> StoreError {
        StoreError::Corrupt(format!(
            "column {index}: expected {expected}, found {:?}",
            self.0.get(index)
        ))
    }

    pub(crate) fn int(&self, index: usize) -> Result<i64, StoreError> {
        self.opt_int(index)?
            .ok_or_else(|| self.mismatch(index, "an integer"))
    }

    pub(crate) fn opt_int(&self, index: usize) -> Result<Option<i64>, StoreError> {
        match self.cell(index)? {
            Cell::Null => Ok(None),
            Cell::Int(value) => Ok(Some(*value)),
            _ => Err(self.mismatch(index, "an integer")),
        }
    }

    pub(crate) fn text(&self, index: usize) -> Result<&str, StoreError> {
        match self.cell(index)? {
            Cell::Text(value) => Ok(value),
            _ => Err(self.mismatch(index, "text")),
        }
    }

    pub(crate) fn blob(&self, index: usize) -> Result<&[u8], StoreError> {
        match self.cell(index)? {
            Cell::Blob(value) => Ok(value),
            _ => Err(self.mismatch(index, "bytes")),
        }
    }
}

/// Something statements run on: a sqlx connection (PostgreSQL, or SQLite
/// outside the hot paths) or this process's SQLite writer.
pub(crate) trait Sql: Send {
    /// Runs a statement; returns the rows it changed.
    fn execute(
        &mut self,
        sql: &str,
        args: &[Arg<'_>],
    ) -> impl Future<Output = Result<u64, StoreError>> + Send;

    /// Runs a statement; returns every row it gave.
    fn fetch_all(
        &mut self,
        sql: &str,
        args: &[Arg<'_>],
    ) -> impl Future<Output = Result<Vec<Row>, StoreError>> + Send;

    /// [`Sql::fetch_all`] without keeping the statement prepared, where a
    /// plan must follow the tables' growth (PostgreSQL plans a prepared
    /// statement once). SQLite plans every statement from fresh statistics.
    fn fetch_all_unprepared(
        &mut self,
        sql: &str,
        args: &[Arg<'_>],
    ) -> impl Future<Output = Result<Vec<Row>, StoreError>> + Send {
        self.fetch_all(sql, args)
    }

    /// The first row, if any.
    fn fetch_optional(
        &mut self,
        sql: &str,
        args: &[Arg<'_>],
    ) -> impl Future<Output = Result<Option<Row>, StoreError>> + Send {
        async move { Ok(self.fetch_all(sql, args).await?.into_iter().next()) }
    }

    /// The first row; an error if there is none.
    fn fetch_one(
        &mut self,
        sql: &str,
        args: &[Arg<'_>],
    ) -> impl Future<Output = Result<Row, StoreError>> + Send {
        async move {
            self.fetch_optional(sql, args)
                .await?
                .ok_or_else(|| StoreError::Corrupt(format!("no row from {sql}")))
        }
    }
}

fn sqlx_query<'q>(
    sql: &'q str,
    args: &[Arg<'q>],
) -> sqlx::query::Query<'q, Any, sqlx::any::AnyArguments> {
    // The SQL is one of this crate's own statements; the values are bound.
    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
    for arg in args {
        query = match *arg {
            Arg::Null(Kind::Int) => query.bind(None::<i64>),
            Arg::Null(Kind::Real) => query.bind(None::<f64>),
            Arg::Null(Kind::Text) => query.bind(None::<&str>),
            Arg::Null(Kind::Blob) => query.bind(None::<&[u8]>),
            Arg::Int(value) => query.bind(value),
            Arg::Int32(value) => query.bind(value),
            Arg::Real(value) => query.bind(value),
            Arg::Text(value) => query.bind(value),
            Arg::Blob(value) => query.bind(value),
        };
    }
    query
}

fn rows_of(rows: Vec<sqlx::any::AnyRow>) -> Result<Vec<Row>, StoreError> {
    rows.iter().map(cells_of).collect()
}

fn cells_of(row: &sqlx::any::AnyRow) -> Result<Row, StoreError> {
    let mut cells = Vec::with_capacity(row.len());
    for index in 0..row.len() {
        let raw = row.try_get_raw(index)?;
        let kind = raw.type_info().kind();
        let cell = if raw.is_null() || kind == AnyTypeInfoKind::Null {
            Cell::Null
        } else {
            match kind {
                AnyTypeInfoKind::Bool => Cell::Int(i64::from(row.try_get::<bool, _>(index)?)),
                AnyTypeInfoKind::SmallInt | AnyTypeInfoKind::Integer | AnyTypeInfoKind::BigInt => {
                    Cell::Int(row.try_get(index)?)
                }
                AnyTypeInfoKind::Real | AnyTypeInfoKind::Double => Cell::Real(row.try_get(index)?),
                AnyTypeInfoKind::Text => Cell::Text(row.try_get(index)?),
                AnyTypeInfoKind::Blob => Cell::Blob(row.try_get(index)?),
                other => {
                    return Err(StoreError::Corrupt(format!(
                        "column {index} of type {other:?}"
                    )));
                }
            }
        };
        cells.push(cell);
    }
    Ok(Row(cells))
}

impl Sql for AnyConnection {
    async fn execute(&mut self, sql: &str, args: &[Arg<'_>]) -> Result<u64, StoreError> {
        Ok(sqlx_query(sql, args).execute(self).await?.rows_affected())
    }

    async fn fetch_all(&mut self, sql: &str, args: &[Arg<'_>]) -> Result<Vec<Row>, StoreError> {
        rows_of(sqlx_query(sql, args).fetch_all(self).await?)
    }

    async fn fetch_all_unprepared(
        &mut self,
        sql: &str,
        args: &[Arg<'_>],
    ) -> Result<Vec<Row>, StoreError> {
        rows_of(
            sqlx_query(sql, args)
                .persistent(false)
                .fetch_all(self)
                .await?,
        )
    }
}

impl Sql for Transaction<'_, Any> {
    async fn execute(&mut self, sql: &str, args: &[Arg<'_>]) -> Result<u64, StoreError> {
        Sql::execute(&mut **self, sql, args).await
    }

    async fn fetch_all(&mut self, sql: &str, args: &[Arg<'_>]) -> Result<Vec<Row>, StoreError> {
        Sql::fetch_all(&mut **self, sql, args).await
    }

    async fn fetch_all_unprepared(
        &mut self,
        sql: &str,
        args: &[Arg<'_>],
    ) -> Result<Vec<Row>, StoreError> {
        Sql::fetch_all_unprepared(&mut **self, sql, args).await
    }
}

impl Sql for AnyPool {
    async fn execute(&mut self, sql: &str, args: &[Arg<'_>]) -> Result<u64, StoreError> {
        Ok(sqlx_query(sql, args).execute(&*self).await?.rows_affected())
    }

    async fn fetch_all(&mut self, sql: &str, args: &[Arg<'_>]) -> Result<Vec<Row>, StoreError> {
        rows_of(sqlx_query(sql, args).fetch_all(&*self).await?)
    }
}

/// This process's SQLite writer: one connection of its own, used only in the
/// write turn ([`crate::Store`] keeps it in the turn's mutex).
#[derive(Debug)]
pub(crate) struct LiteWriter {
    /// `None` once the store is closed: writes then fail, as sqlx's do.
    connection: Option<rusqlite::Connection>,
}

impl LiteWriter {
    /// Opens the file sqlx has migrated, with the settings its connections have.
    pub(crate) fn open(path: &str) -> Result<LiteWriter, StoreError> {
        let connection = rusqlite::Connection::open(path)?;
        // Checkpoints are made beside the writer (`checkpoint.rs`), not in
        // its commits. The cache is kept small on purpose: when SQLite
        // rebalances a B-tree it renumbers pages through a page number far
        // beyond the file's end, and the commit after that walks the whole
        // page cache to drop pages past the end. With 64 MiB that walk was
        // about 6 % of the server's time; 8 MiB still holds the pages every
        // message touches (BENCHMARKS.md, "Intake and storage").
        connection.execute_batch(SQLITE_CONNECTION_SETTINGS)?;
        connection.execute_batch("PRAGMA wal_autocheckpoint = 0; PRAGMA cache_size = -8192;")?;
        // Statements of the record paths, prepared once each.
        connection.set_prepared_statement_cache_capacity(128);
        Ok(LiteWriter {
            connection: Some(connection),
        })
    }

    pub(crate) fn is_closed(&self) -> bool {
        self.connection.is_none()
    }

    /// Closes the connection; later writes fail.
    pub(crate) fn close(&mut self) {
        if let Some(connection) = self.connection.take() {
            // Closing fails only with statements still open, and this
            // writer's are all finished; dropping it closes it either way.
            let _ = connection.close();
        }
    }

    fn connection(&self) -> Result<&rusqlite::Connection, StoreError> {
        self.connection
            .as_ref()
            .ok_or_else(|| StoreError::Native("the store is closed".to_owned()))
    }

    fn run(
        &self,
        sql: &str,
        args: &[Arg<'_>],
        rows: Option<&mut Vec<Row>>,
    ) -> Result<u64, StoreError> {
        let connection = self.connection()?;
        let mut statement = connection.prepare_cached(sql)?;
        for (position, arg) in args.iter().enumerate() {
            // `$N` is a named parameter to SQLite, numbered by first appearance.
            let Some(index) = statement.parameter_index(&placeholder(position + 1))? else {
                continue;
            };
            match *arg {
                Arg::Null(_) => statement.raw_bind_parameter(index, rusqlite::types::Null)?,
                Arg::Int(value) => statement.raw_bind_parameter(index, value)?,
                Arg::Int32(value) => statement.raw_bind_parameter(index, value)?,
                Arg::Real(value) => statement.raw_bind_parameter(index, value)?,
                Arg::Text(value) => statement.raw_bind_parameter(index, value)?,
                Arg::Blob(value) => statement.raw_bind_parameter(index, value)?,
            }
        }
        let Some(out) = rows else {
            return Ok(statement.raw_execute()? as u64);
        };
        let columns = statement.column_count();
        let mut read = statement.raw_query();
        while let Some(row) = read.next()? {
            let mut cells = Vec::with_capacity(columns);
            for index in 0..columns {
                use rusqlite::types::ValueRef;
                cells.push(match row.get_ref(index)? {
                    ValueRef::Null => Cell::Null,
                    ValueRef::Integer(value) => Cell::Int(value),
                    ValueRef::Real(value) => Cell::Real(value),
                    ValueRef::Text(value) => Cell::Text(
                        std::str::from_utf8(value)
                            .map_err(|error| {
                                StoreError::Corrupt(format!("column {index}: {error}"))
                            })?
                            .to_owned(),
                    ),
                    ValueRef::Blob(value) => Cell::Blob(value.to_vec()),
                });
            }
            out.push(Row(cells));
        }
        Ok(connection.changes())
    }
}

/// `$n`, made once for the numbers statements use (and on the fly beyond).
fn placeholder(n: usize) -> Cow<'static, str> {
    const MADE: usize = 256;
    static NAMES: OnceLock<Vec<String>> = OnceLock::new();
    let names = NAMES.get_or_init(|| (0..=MADE).map(|n| format!("${n}")).collect());
    match names.get(n) {
        Some(name) => Cow::Borrowed(name),
        None => Cow::Owned(format!("${n}")),
    }
}

impl Sql for LiteWriter {
    async fn execute(&mut self, sql: &str, args: &[Arg<'_>]) -> Result<u64, StoreError> {
        self.run(sql, args, None)
    }

    async fn fetch_all(&mut self, sql: &str, args: &[Arg<'_>]) -> Result<Vec<Row>, StoreError> {
        let mut rows = Vec::new();
        self.run(sql, args, Some(&mut rows))?;
        Ok(rows)
    }
}

/// A write transaction on either database, in this process's write turn.
pub(crate) enum WriteTx {
    /// PostgreSQL: row locks, no turn.
    Pool(Transaction<'static, Any>),
    /// SQLite: the writer's own connection, taken with the turn; rolled back
    /// when dropped uncommitted.
    Lite(LiteTx),
}

pub(crate) struct LiteTx {
    writer: OwnedMutexGuard<LiteWriter>,
    open: bool,
}

/// How a SQLite commit reaches the disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Durability {
    /// Synced before the commit returns (`synchronous = FULL`): for what is
    /// acknowledged on it, the journal.
    Synced,
    /// Written to the log and synced with the next synced commit or
    /// checkpoint (`synchronous = NORMAL`): for what can be made again from
    /// the journal. The log is written in order, so a power cut loses such a
    /// commit only together with every later one: records and the messages'
    /// processed marks go together, and the messages are processed again.
    Logged,
}

impl LiteTx {
    /// Begins `IMMEDIATE`: the write lock is taken (or waited for) at once.
    pub(crate) fn begin(
        writer: OwnedMutexGuard<LiteWriter>,
        durability: Durability,
    ) -> Result<LiteTx, StoreError> {
        writer.connection()?.execute_batch(match durability {
            Durability::Synced => "PRAGMA synchronous = FULL; BEGIN IMMEDIATE",
            Durability::Logged => "PRAGMA synchronous = NORMAL; BEGIN IMMEDIATE",
        })?;
        Ok(LiteTx { writer, open: true })
    }
}

impl Drop for LiteTx {
    fn drop(&mut self) {
        if self.open {
            // Nothing of it was committed; a failed rollback leaves SQLite to
            // roll back when the next transaction begins.
            if let Ok(connection) = self.writer.connection() {
                let _ = connection.execute_batch("ROLLBACK");
            }
        }
    }
}

impl WriteTx {
    /// Makes every write of the transaction durable and visible, together.
    pub(crate) async fn commit(self) -> Result<(), StoreError> {
        match self {
            WriteTx::Pool(tx) => Ok(tx.commit().await?),
            WriteTx::Lite(mut tx) => {
                tx.writer.connection()?.execute_batch("COMMIT")?;
                tx.open = false;
                Ok(())
            }
        }
    }
}

impl Sql for WriteTx {
    async fn execute(&mut self, sql: &str, args: &[Arg<'_>]) -> Result<u64, StoreError> {
        match self {
            WriteTx::Pool(tx) => tx.execute(sql, args).await,
            WriteTx::Lite(tx) => tx.writer.execute(sql, args).await,
        }
    }

    async fn fetch_all(&mut self, sql: &str, args: &[Arg<'_>]) -> Result<Vec<Row>, StoreError> {
        match self {
            WriteTx::Pool(tx) => tx.fetch_all(sql, args).await,
            WriteTx::Lite(tx) => tx.writer.fetch_all(sql, args).await,
        }
    }

    async fn fetch_all_unprepared(
        &mut self,
        sql: &str,
        args: &[Arg<'_>],
    ) -> Result<Vec<Row>, StoreError> {
        match self {
            WriteTx::Pool(tx) => tx.fetch_all_unprepared(sql, args).await,
            WriteTx::Lite(tx) => tx.writer.fetch_all(sql, args).await,
        }
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(error: rusqlite::Error) -> Self {
        StoreError::Native(error.to_string())
    }
}

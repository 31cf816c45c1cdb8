//! Failures that stop a whole file. A bad record never does: it becomes a
//! [`crate::Refusal`] and the other records are read.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum ImportError {
    /// The bytes are not text in an encoding the importer reads.
    #[error("byte {offset}: {message}")]
    Encoding { offset: usize, message: String },
    /// A CSV file with no header line.
    #[error("line 1: no header line: the file is empty")]
    NoHeader,
    /// A CSV header without a column the format needs ("no name column").
    #[error("line {line}: the header has no {needed} column (it has: {})", header.join(", "))]
    MissingColumn {
        line: usize,
        needed: String,
        header: Vec<String>,
    },
    /// XML that is not well-formed.
    #[error("line {line}, column {column} (byte {offset}): XML not well-formed: {message}")]
    Xml {
        line: usize,
        column: usize,
        offset: usize,
        message: String,
    },
    /// Well-formed XML, but not the list the importer reads.
    #[error("line {line}: root element is <{root}>, not <{expected}>")]
    WrongRoot {
        line: usize,
        root: String,
        expected: String,
    },
    /// A list descriptor that cannot be used.
    #[error("list descriptor: {message}")]
    Descriptor { message: String },
    /// A file that could not be read.
    #[error("{}: {message}", path.display())]
    Io { path: PathBuf, message: String },
}

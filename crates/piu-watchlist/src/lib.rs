//! Watchlists for screening: every source read into one model.
//!
//! A passenger information unit screens travellers against lists it receives
//! in different shapes: national lists kept as CSV by each agency, lost and
//! stolen documents, the UN Security Council consolidated list (XML) and
//! OpenSanctions data (FollowTheMoney JSON lines). This crate reads each into
//! [`Entry`] persons and [`DocumentEntry`] documents, and describes a list —
//! owner, purpose, severity, version — with a `*.list.json` descriptor
//! ([`read_descriptor`]).
//!
//! Nothing is dropped silently: every record of a source becomes an entry, a
//! document, or a [`Refusal`] that names its place ("row 14", "line 7",
//! "INDIVIDUAL DATAID 6908555") and the reason. Only a file that cannot be
//! read at all — unreadable encoding, no header, no name column, XML not
//! well-formed — is an [`ImportError`]. No input makes an importer panic.
//!
//! Agencies' CSV files are refused row by row when a value is doubtful (an
//! ambiguous date, an unknown country), to be fixed at the source; lists
//! published by others (UN, OpenSanctions) keep the person and leave out the
//! doubtful value with a warning.
//!
//! This crate reads lists; it does not match names (that is `piu-names`) nor
//! index entries (that is screening's), and it does no I/O except where a
//! descriptor names a file.

mod csv;
mod dates;
mod descriptor;
mod detect;
mod documents;
mod error;
mod fields;
mod ftm;
mod model;
mod table;
mod text;
mod un;

pub use crate::csv::import_csv;
pub use dates::MAX_RANGE_YEARS;
pub use descriptor::{ListFile, content_version, read_descriptor};
pub use detect::{Format, detect, import};
pub use documents::import_documents_csv;
pub use error::ImportError;
pub use ftm::import_ftm_jsonl;
pub use model::{
    DateFormat, Document, DocumentEntry, DocumentStatus, Entry, Import, List, NameParts, Options,
    PartialDate, Provenance, Purpose, Refusal, Severity,
};
pub use un::import_un_xml;

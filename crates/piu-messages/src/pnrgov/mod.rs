//! PNRGOV EDIFACT reader.

use piu_edifact::Message as Edi;
use piu_model::Message;

use crate::{ReadError, ReadOptions};

pub(crate) fn read(msg: &Edi<'_>, options: &ReadOptions) -> Result<Message, ReadError> {
    let _ = options;
    Err(ReadError::new(msg.location(), "not yet"))
}

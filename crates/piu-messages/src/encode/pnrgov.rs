//! PNRGOV EDIFACT encoder.

use piu_model::Message;

/// Encodes a PNRGOV push as one interchange.
pub fn encode(msg: &Message) -> String {
    let _ = msg;
    String::new()
}

//! PNRGOV XML encoder.

use piu_model::Message;

/// Encodes a PNRGOV push as an `IATA_PNRGOV_NotifRQ` document.
pub fn encode(msg: &Message) -> String {
    let _ = msg;
    String::new()
}

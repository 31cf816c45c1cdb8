//! Reassembly of multi-part series.

use piu_model::Message;

/// Merges the parts of multi-part series into one message each.
pub fn assemble(messages: Vec<Message>) -> Vec<Message> {
    messages
}

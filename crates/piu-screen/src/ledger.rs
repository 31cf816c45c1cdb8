//! Which hits were raised and which were reviewed, so that a booking pushed
//! again raises nothing new and a hit judged a false positive stays quiet
//! until the traveller's or the entry's data change.

use std::collections::HashMap;

use crate::hit::Hit;

/// What became of a hit offered to the ledger.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Recorded {
    /// First time for this traveller, journey and entry: raise it.
    New,
    /// Raised before; the data may have changed, but it is the same case.
    Repeat,
    /// Reviewed as a false positive on the same data: not raised again.
    Suppressed,
}

/// Raised hits and false-positive reviews, keyed by traveller identity and entry.
#[derive(Clone, Debug, Default)]
pub struct Ledger {
    raised: HashMap<(String, String, String), String>,
    false_positives: HashMap<(String, String, String), String>,
}

fn key(identity: &str, list: &str, entry_id: &str) -> (String, String, String) {
    (identity.to_string(), list.to_string(), entry_id.to_string())
}

impl Ledger {
    /// Records a hit and says whether to raise it.
    pub fn record(&mut self, hit: &Hit) -> Recorded {
        let k = key(&hit.identity, &hit.list, &hit.entry_id);
        if self.false_positives.get(&k) == Some(&hit.fingerprint) {
            return Recorded::Suppressed;
        }
        match self.raised.insert(k, hit.fingerprint.clone()) {
            None => Recorded::New,
            Some(_) => Recorded::Repeat,
        }
    }

    /// A person reviewed the hit and found it a false positive.
    pub fn false_positive(
        &mut self,
        identity: &str,
        list: &str,
        entry_id: &str,
        fingerprint: &str,
    ) {
        self.false_positives
            .insert(key(identity, list, entry_id), fingerprint.to_string());
    }
}

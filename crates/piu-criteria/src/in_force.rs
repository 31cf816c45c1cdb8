//! The criteria screening applies now, shared between whoever switches a
//! criterion on (the workspace) and whoever screens (intake). Replaced whole,
//! like a watchlist index: a page being screened finishes with the criteria it
//! started with.

use std::sync::{Arc, RwLock};

use crate::file::CriteriaSet;

/// The sets of criteria in force; each set is one criteria file or one
/// stored criterion version.
#[derive(Debug, Default)]
pub struct InForce {
    sets: RwLock<Arc<Vec<Arc<CriteriaSet>>>>,
}

impl InForce {
    pub fn new(sets: Vec<Arc<CriteriaSet>>) -> InForce {
        InForce {
            sets: RwLock::new(Arc::new(sets)),
        }
    }

    /// The sets in force now.
    pub fn current(&self) -> Arc<Vec<Arc<CriteriaSet>>> {
        // A writer that panicked left a whole value behind: use it.
        let sets = self
            .sets
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        Arc::clone(&sets)
    }

    /// Puts `sets` in force instead of the present ones.
    pub fn replace(&self, sets: Vec<Arc<CriteriaSet>>) {
        let mut current = self
            .sets
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        *current = Arc::new(sets);
    }
}

//! PostgreSQL's planner statistics kept up with the records' growth.
//!
//! The lookups every new traveller makes (its match keys, for linking and
//! travel history) are planned from the statistics PostgreSQL keeps of each
//! table. Without them (autovacuum turned off, or a new database filling
//! faster than autovacuum looks) the planner guesses that a key is shared
//! by thousands of rows and scans the whole key table for each traveller:
//! 11 ms a lookup at 90,000 keys, growing with the table, against 0.2 ms
//! through the index once analysed (BENCHMARKS.md, "Intake and storage").
//! So the store analyses the database itself as this process writes new
//! travellers: after the first thousand, then after twice as many each time.
//! SQLite plans from its indexes alone and needs none of this.

use std::sync::atomic::{AtomicU64, Ordering};

use sqlx::AnyPool;

/// New travellers written before the first analysis.
const FIRST: u64 = 1_000;

/// New travellers written by this process, and when statistics are next due.
#[derive(Debug)]
pub(crate) struct Growth {
    written: AtomicU64,
    due_at: AtomicU64,
}

impl Default for Growth {
    fn default() -> Self {
        Growth {
            written: AtomicU64::new(0),
            due_at: AtomicU64::new(FIRST),
        }
    }
}

impl Growth {
    /// Counts `travellers` more written; true for exactly one caller each
    /// time the count passes the point where statistics are due, which then
    /// moves to twice the count.
    pub(crate) fn add(&self, travellers: u64) -> bool {
        if travellers == 0 {
            return false;
        }
        let written = self.written.fetch_add(travellers, Ordering::Relaxed) + travellers;
        let due_at = self.due_at.load(Ordering::Relaxed);
        written >= due_at
            && self
                .due_at
                .compare_exchange(
                    due_at,
                    written.saturating_mul(2),
                    Ordering::Relaxed,
                    Ordering::Relaxed,
                )
                .is_ok()
    }
}

/// Analyses the whole database in the background. A failure leaves the
/// earlier statistics in place; the next point due tries again.
pub(crate) fn refresh(pool: &AnyPool) {
    let pool = pool.clone();
    tokio::spawn(async move {
        let _ = sqlx::query("ANALYZE").execute(&pool).await;
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statistics_fall_due_as_the_count_doubles() {
        let growth = Growth::default();
        let due: Vec<u64> = (1..=20)
            .filter(|_| growth.add(500))
            .map(|n| n * 500)
            .collect();
        // Due at 1,000 written, then each time the count has doubled.
        assert_eq!(due, vec![1_000, 2_000, 4_000, 8_000]);
        assert!(!growth.add(0));
    }
}

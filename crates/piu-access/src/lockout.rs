//! Lock-out after repeated failed logins, as pure functions of the account's
//! counters and the time, so that storage applies them atomically and tests
//! need no clock.

use time::{Duration, OffsetDateTime};

/// How many failures within which window lock an account, and for how long.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LockoutPolicy {
    pub max_failures: u32,
    pub window: Duration,
    pub lock_for: Duration,
}

impl Default for LockoutPolicy {
    /// Five failures within fifteen minutes lock the account for fifteen minutes.
    fn default() -> LockoutPolicy {
        LockoutPolicy {
            max_failures: 5,
            window: Duration::minutes(15),
            lock_for: Duration::minutes(15),
        }
    }
}

/// The failed-login counters kept with an account.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LoginState {
    /// Failures since `failed_since`.
    pub failed_count: u32,
    /// The first failure of the current window.
    pub failed_since: Option<OffsetDateTime>,
    pub locked_until: Option<OffsetDateTime>,
}

impl LockoutPolicy {
    /// Until when the account is locked at `now`, if it is. A locked account
    /// is refused before its password is checked, so a lock tells nothing
    /// about the password.
    pub fn locked_until(&self, state: &LoginState, now: OffsetDateTime) -> Option<OffsetDateTime> {
        state.locked_until.filter(|until| now < *until)
    }

    /// The counters after a failed login at `now`. Failures while locked
    /// change nothing: the lock neither grows nor ends early. The failure that
    /// reaches the limit locks the account and starts a fresh count, so after
    /// the lock the user has the full number of tries again.
    pub fn after_failure(&self, state: &LoginState, now: OffsetDateTime) -> LoginState {
        if self.locked_until(state, now).is_some() {
            return *state;
        }
        let window_open = state
            .failed_since
            .is_some_and(|since| now < since + self.window && state.failed_count > 0);
        let (count, since) = if window_open {
            (state.failed_count.saturating_add(1), state.failed_since)
        } else {
            (1, Some(now))
        };
        if count >= self.max_failures {
            LoginState {
                failed_count: 0,
                failed_since: None,
                locked_until: Some(now + self.lock_for),
            }
        } else {
            LoginState {
                failed_count: count,
                failed_since: since,
                locked_until: None,
            }
        }
    }

    /// The counters after a successful login: all cleared.
    pub fn after_success(&self) -> LoginState {
        LoginState::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    const START: OffsetDateTime = datetime!(2026-11-21 08:00 UTC);

    fn fail_times(policy: &LockoutPolicy, minutes: &[i64]) -> LoginState {
        minutes.iter().fold(LoginState::default(), |state, minute| {
            policy.after_failure(&state, START + Duration::minutes(*minute))
        })
    }

    #[test]
    fn fifth_failure_within_the_window_locks_for_fifteen_minutes() {
        let policy = LockoutPolicy::default();
        let four = fail_times(&policy, &[0, 1, 2, 3]);
        assert_eq!(four.failed_count, 4);
        assert_eq!(
            policy.locked_until(&four, START + Duration::minutes(3)),
            None
        );

        let five = policy.after_failure(&four, START + Duration::minutes(4));
        let until = START + Duration::minutes(19);
        assert_eq!(five.locked_until, Some(until));
        assert_eq!(
            policy.locked_until(&five, START + Duration::minutes(18)),
            Some(until)
        );
        assert_eq!(policy.locked_until(&five, until), None);
    }

    #[test]
    fn failures_spread_beyond_the_window_do_not_lock() {
        let policy = LockoutPolicy::default();
        // The fifth failure comes 15 minutes after the first: a new window.
        let state = fail_times(&policy, &[0, 1, 2, 3, 15]);
        assert_eq!(state.locked_until, None);
        assert_eq!(state.failed_count, 1);
        assert_eq!(state.failed_since, Some(START + Duration::minutes(15)));
    }

    #[test]
    fn failures_while_locked_change_nothing_and_the_lock_ends() {
        let policy = LockoutPolicy::default();
        let locked = fail_times(&policy, &[0, 0, 0, 0, 0]);
        let during = policy.after_failure(&locked, START + Duration::minutes(10));
        assert_eq!(during, locked);
        // After the lock, one failure counts as the first of a new window.
        let after = policy.after_failure(&locked, START + Duration::minutes(16));
        assert_eq!(after.failed_count, 1);
        assert_eq!(
            policy.locked_until(&after, START + Duration::minutes(16)),
            None
        );
    }

    #[test]
    fn success_resets() {
        let policy = LockoutPolicy::default();
        let state = fail_times(&policy, &[0, 1, 2, 3]);
        assert_ne!(state, LoginState::default());
        assert_eq!(policy.after_success(), LoginState::default());
    }
}

//! Who may do what in the PIU workspace: roles, agencies and purposes, the
//! access decision, passwords, lock-out and session tokens. Pure: no I/O, no
//! clock (times are passed in); randomness only from the operating system.
//!
//! What this crate must never do: decide anything from data it was not given
//! (every decision follows from the [`Principal`], the [`Action`] and the
//! [`Context`]), or allow an action by default — an action without a rule
//! does not exist ([`Action`] is a closed list).
//!
//! # Rules of [`decide`]
//!
//! Applied in this order; the first that fails gives the [`DenialCode`].
//!
//! | # | rule | denial |
//! |---|------|--------|
//! | 1 | every role but `liaison` is held by PIU staff (agency `piu`); a liaison belongs to a competent authority | `agency_mismatch` |
//! | 2 | the role includes the action (table below) | `role_not_permitted` |
//! | 3 | a liaison sees a referral only if it was disseminated to the liaison's own agency | `outside_agency` (`missing_context` without a target) |
//! | 4 | an action on personal data names the data kind (a booking is always PNR) and a stated purpose | `missing_context` |
//! | 5 | the stated purpose is one the user holds | `purpose_not_held` |
//! | 6 | PNR data serves only `terrorism_serious_crime`; API data serves it or `border_migration` | `purpose_not_allowed_for_data` |
//! | 7 | a search states a non-blank reason | `reason_required` |
//! | 8 | an approval names its requester, who is not the approver (four eyes) | `missing_context`, `own_request` |
//!
//! Which role includes which action (P: on personal data, rules 4–6 apply;
//! 4: four eyes, rule 8 applies):
//!
//! | action | administrator | analyst | supervisor | liaison | dpo | auditor |
//! |--------|:-:|:-:|:-:|:-:|:-:|:-:|
//! | view_flight | | ✓ | ✓ | | | |
//! | view_traveller (P) | | ✓ | ✓ | | | |
//! | view_booking (P, PNR) | | ✓ | ✓ | | | |
//! | search (P, reason) | | ✓ | ✓ | | | |
//! | view_hits (P) | | ✓ | ✓ | | | |
//! | review_hit (P) | | ✓ | ✓ | | | |
//! | manage_case (P) | | ✓ | ✓ | | | |
//! | request_dissemination (P) | | ✓ | ✓ | | | |
//! | approve_dissemination (P, 4) | | | ✓ | | | |
//! | view_referral (P) | | ✓ | ✓ | own agency | | |
//! | manage_watchlist | ✓ | | ✓ | | | |
//! | manage_criteria | | | ✓ | | | |
//! | backtest_criteria (P) | | ✓ | ✓ | | | |
//! | view_audit | | | | | ✓ | ✓ |
//! | verify_audit | | | | | ✓ | ✓ |
//! | view_retention | ✓ | | | | ✓ | |
//! | manage_users | ✓ | | | | | |
//! | manage_tokens | ✓ | | | | | |
//! | request_unmask (P) | | ✓ | ✓ | | | |
//! | view_unmask_requests | | | ✓ | | ✓ | |
//! | approve_unmask (4) | | | | | ✓ | |
//! | view_charts | ✓ | ✓ | ✓ | | ✓ | |
//!
//! Separation of duties follows from the table: the administrator manages
//! accounts, tokens and lists but no action of theirs reads personal data;
//! the DPO sees audit, retention and unmasking requests but reviews no hits;
//! the auditor reads and verifies the audit log only.
//!
//! # Accounts
//!
//! Passwords are hashed with Argon2id into PHC strings ([`hash_password`]),
//! must meet [`check_policy`], and system-made accounts get
//! [`generate_password`]. [`LockoutPolicy`] locks an account after five
//! failures within fifteen minutes, for fifteen minutes. Sessions get a
//! random token and a CSRF token bound to them ([`issue_session`]); only
//! their SHA-256 hashes are stored. Storage keeps roles, agencies and
//! purposes as their text names; [`Principal::from_stored`] reads them back.

mod action;
mod decide;
mod lockout;
mod password;
mod principal;
mod random;
mod token;

pub use action::{Action, DataKind};
pub use decide::{Context, Decision, Denial, DenialCode, decide, role_permits};
pub use lockout::{LockoutPolicy, LoginState};
pub use password::{
    GENERATED_PASSWORD_CHARS, MAX_PASSWORD_CHARS, MIN_PASSWORD_CHARS, PasswordError, PolicyError,
    check_policy, generate_password, hash_password, verify_password,
};
pub use piu_model::Purpose;
pub use principal::{Agency, Principal, Role, UnknownName, parse_purpose, purpose_name};
pub use random::RandomError;
pub use token::{
    IssuedSession, TOKEN_BYTES, TOKEN_CHARS, TokenHash, hash_token, issue_session, lookup_hash,
    new_token, token_matches,
};

//! The one way a handler asks whether an action is allowed: [`authorize`]
//! runs `piu_access::decide` with the session's purpose and, on a denial,
//! appends it to the audit chain and answers 403. [`permits`] asks the same
//! question without refusing, to decide what a page may show.

use piu_access::{Action, Context, DataKind, Decision, decide};
use piu_store::AuditObject;
use time::OffsetDateTime;

use crate::audit::{denial, kind_of};
use crate::problem::Problem;
use crate::session::Current;
use crate::state::AppState;

/// Allows `action` on the object `context` describes, or records the denial
/// and returns the 403 problem to answer with. The purpose is always the
/// session's, whatever `context` says: a request cannot state another.
pub async fn authorize(
    state: &AppState,
    current: &Current,
    action: Action,
    context: Context<'_>,
    object: AuditObject,
    now: OffsetDateTime,
) -> Result<(), Problem> {
    let context = Context {
        purpose: current.purpose,
        ..context
    };
    match decide(&current.principal, action, &context) {
        Decision::Allowed => Ok(()),
        Decision::Denied(refused) => {
            let code = refused.code.as_str();
            let reason = format!("{action}: {code}: {}", refused.sentence);
            denial(state, current, kind_of(action), object, reason, now).await?;
            Err(Problem::denied(code, refused.sentence))
        }
    }
}

/// Whether `action` on `data` would be allowed under the session's purpose;
/// for leaving out of a page what may not be shown. Nothing is recorded:
/// nothing was asked for that was refused.
pub fn permits(current: &Current, action: Action, data: Option<DataKind>) -> bool {
    let context = Context {
        data,
        purpose: current.purpose,
        ..Context::default()
    };
    decide(&current.principal, action, &context).is_allowed()
}

//! What the workspace can do, as a closed list, so that every new screen or
//! endpoint has to name its action and every action has a rule.

use std::fmt;

/// One thing a user asks the workspace to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Action {
    /// A flight's facts and counts, without its travellers.
    ViewFlight,
    /// A traveller's personal data (API or PNR).
    ViewTraveller,
    /// A booking: always PNR data.
    ViewBooking,
    /// A search over stored travellers; needs a stated reason.
    Search,
    ViewHits,
    /// Assign, annotate and dispose of a hit.
    ReviewHit,
    ManageCase,
    RequestDissemination,
    /// Four eyes: never the one who asked for it.
    ApproveDissemination,
    /// A referral disseminated to an agency.
    ViewReferral,
    ManageWatchlist,
    ManageCriteria,
    /// Run criteria over stored travellers to count what they would hit.
    BacktestCriteria,
    ViewAudit,
    VerifyAudit,
    ViewRetention,
    ManageUsers,
    ManageTokens,
    /// Ask for masked data to be made readable again.
    RequestUnmask,
    ViewUnmaskRequests,
    /// Four eyes: never the one who asked for it.
    ApproveUnmask,
    /// Aggregate figures, no person in them.
    ViewCharts,
}

impl Action {
    pub const ALL: [Action; 22] = [
        Action::ViewFlight,
        Action::ViewTraveller,
        Action::ViewBooking,
        Action::Search,
        Action::ViewHits,
        Action::ReviewHit,
        Action::ManageCase,
        Action::RequestDissemination,
        Action::ApproveDissemination,
        Action::ViewReferral,
        Action::ManageWatchlist,
        Action::ManageCriteria,
        Action::BacktestCriteria,
        Action::ViewAudit,
        Action::VerifyAudit,
        Action::ViewRetention,
        Action::ManageUsers,
        Action::ManageTokens,
        Action::RequestUnmask,
        Action::ViewUnmaskRequests,
        Action::ApproveUnmask,
        Action::ViewCharts,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Action::ViewFlight => "view_flight",
            Action::ViewTraveller => "view_traveller",
            Action::ViewBooking => "view_booking",
            Action::Search => "search",
            Action::ViewHits => "view_hits",
            Action::ReviewHit => "review_hit",
            Action::ManageCase => "manage_case",
            Action::RequestDissemination => "request_dissemination",
            Action::ApproveDissemination => "approve_dissemination",
            Action::ViewReferral => "view_referral",
            Action::ManageWatchlist => "manage_watchlist",
            Action::ManageCriteria => "manage_criteria",
            Action::BacktestCriteria => "backtest_criteria",
            Action::ViewAudit => "view_audit",
            Action::VerifyAudit => "verify_audit",
            Action::ViewRetention => "view_retention",
            Action::ManageUsers => "manage_users",
            Action::ManageTokens => "manage_tokens",
            Action::RequestUnmask => "request_unmask",
            Action::ViewUnmaskRequests => "view_unmask_requests",
            Action::ApproveUnmask => "approve_unmask",
            Action::ViewCharts => "view_charts",
        }
    }

    /// Actions that read or process travellers' personal data, and so need a
    /// data kind and a purpose that fits it.
    pub fn touches_personal_data(self) -> bool {
        matches!(
            self,
            Action::ViewTraveller
                | Action::ViewBooking
                | Action::Search
                | Action::ViewHits
                | Action::ReviewHit
                | Action::ManageCase
                | Action::RequestDissemination
                | Action::ApproveDissemination
                | Action::ViewReferral
                | Action::BacktestCriteria
                | Action::RequestUnmask
        )
    }

    /// Approvals, where the requester must be someone else.
    pub fn is_four_eyes(self) -> bool {
        matches!(self, Action::ApproveDissemination | Action::ApproveUnmask)
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where the data acted on came from: it decides which purposes may serve.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DataKind {
    /// Advance passenger information (PAXLST, iAPI).
    Api,
    /// Passenger name records.
    Pnr,
}

impl DataKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DataKind::Api => "api",
            DataKind::Pnr => "pnr",
        }
    }
}

//! Every role × action × context, written out by hand as the expected
//! decision: a changed rule changes a cell here or fails this test.

use piu_access::{
    Action, Agency, Context, DataKind, Decision, DenialCode, Principal, Purpose, Role, decide,
};

/// The principals of the columns: each role once, the analyst and the
/// liaison also with border and migration as their only purpose, and a role
/// held in the wrong kind of agency.
fn principals() -> Vec<(&'static str, Principal)> {
    let both = [Purpose::SeriousCrime, Purpose::BorderMigration];
    vec![
        (
            "adm",
            Principal::new("adm", Role::Administrator, Agency::Piu, []),
        ),
        (
            "ana",
            Principal::new("ana", Role::Analyst, Agency::Piu, both),
        ),
        (
            "anb",
            Principal::new(
                "anb",
                Role::Analyst,
                Agency::Piu,
                [Purpose::BorderMigration],
            ),
        ),
        (
            "sup",
            Principal::new("sup", Role::Supervisor, Agency::Piu, both),
        ),
        (
            "lpo",
            Principal::new(
                "lpo",
                Role::Liaison,
                Agency::Police,
                [Purpose::SeriousCrime],
            ),
        ),
        (
            "lmi",
            Principal::new(
                "lmi",
                Role::Liaison,
                Agency::MigrationService,
                [Purpose::BorderMigration],
            ),
        ),
        ("dpo", Principal::new("dpo", Role::Dpo, Agency::Piu, [])),
        ("aud", Principal::new("aud", Role::Auditor, Agency::Piu, [])),
        (
            "anp",
            Principal::new("anp", Role::Analyst, Agency::Police, both),
        ),
        (
            "lpi",
            Principal::new("lpi", Role::Liaison, Agency::Piu, both),
        ),
    ]
}

/// The contexts of the letters in each cell, in this order:
/// `ps` PNR data for terrorism and serious crime, with a reason, someone
/// else's request and a referral to the principal's own agency; `ab` API for
/// border and migration; `as` API for serious crime; `pb` PNR for border and
/// migration; `nr` as `ps` with a blank reason; `or` as `ps`, the principal's
/// own request; `oa` as `ps`, a referral to customs; `np` as `ps` with no
/// purpose; `nd` as `ps` with no data kind.
fn contexts<'a>(principal: &'a Principal) -> [Context<'a>; 9] {
    let ps = Context {
        data: Some(DataKind::Pnr),
        target_agency: Some(principal.agency),
        requester: Some("someone-else"),
        purpose: Some(Purpose::SeriousCrime),
        reason: Some("lead from case 2026-117"),
    };
    [
        ps,
        Context {
            data: Some(DataKind::Api),
            purpose: Some(Purpose::BorderMigration),
            ..ps
        },
        Context {
            data: Some(DataKind::Api),
            ..ps
        },
        Context {
            purpose: Some(Purpose::BorderMigration),
            ..ps
        },
        Context {
            reason: Some("  "),
            ..ps
        },
        Context {
            requester: Some(principal.user_id.as_str()),
            ..ps
        },
        Context {
            target_agency: Some(Agency::Customs),
            ..ps
        },
        Context {
            purpose: None,
            ..ps
        },
        Context { data: None, ..ps },
    ]
}

/// One letter per outcome.
fn letter(decision: &Decision) -> char {
    match decision.code() {
        None => 'A',
        Some(DenialCode::RoleNotPermitted) => 'R',
        Some(DenialCode::OutsideAgency) => 'G',
        Some(DenialCode::MissingContext) => 'M',
        Some(DenialCode::PurposeNotHeld) => 'H',
        Some(DenialCode::PurposeNotAllowedForData) => 'P',
        Some(DenialCode::ReasonRequired) => 'N',
        Some(DenialCode::OwnRequest) => 'O',
        Some(DenialCode::AgencyMismatch) => 'X',
    }
}

// A allowed; R role_not_permitted; G outside_agency; M missing_context;
// H purpose_not_held; P purpose_not_allowed_for_data; N reason_required;
// O own_request; X agency_mismatch. Each group: the nine contexts
// ps ab as pb nr or oa np nd. Columns: adm ana anb sup lpo lmi dpo aud anp lpi.
const R9: &str = "RRRRRRRRR";
#[rustfmt::skip]
const MATRIX: &[(Action, [&str; 10])] = &[
    (Action::ViewFlight,           [R9, "AAAAAAAAA", "AAAAAAAAA", "AAAAAAAAA", R9, R9, R9, R9, "XXXXXXXXX", "XXXXXXXXX"]),
    (Action::ViewTraveller,        [R9, "AAAPAAAMM", "HAHPHHHMM", "AAAPAAAMM", R9, R9, R9, R9, "XXXXXXXXX", "XXXXXXXXX"]),
    (Action::ViewBooking,          [R9, "APAPAAAMA", "HPHPHHHMH", "APAPAAAMA", R9, R9, R9, R9, "XXXXXXXXX", "XXXXXXXXX"]),
    (Action::Search,               [R9, "AAAPNAAMM", "HAHPHHHMM", "AAAPNAAMM", R9, R9, R9, R9, "XXXXXXXXX", "XXXXXXXXX"]),
    (Action::ViewHits,             [R9, "AAAPAAAMM", "HAHPHHHMM", "AAAPAAAMM", R9, R9, R9, R9, "XXXXXXXXX", "XXXXXXXXX"]),
    (Action::ReviewHit,            [R9, "AAAPAAAMM", "HAHPHHHMM", "AAAPAAAMM", R9, R9, R9, R9, "XXXXXXXXX", "XXXXXXXXX"]),
    (Action::ManageCase,           [R9, "AAAPAAAMM", "HAHPHHHMM", "AAAPAAAMM", R9, R9, R9, R9, "XXXXXXXXX", "XXXXXXXXX"]),
    (Action::RequestDissemination, [R9, "AAAPAAAMM", "HAHPHHHMM", "AAAPAAAMM", R9, R9, R9, R9, "XXXXXXXXX", "XXXXXXXXX"]),
    (Action::ApproveDissemination, [R9, R9, R9, "AAAPAOAMM", R9, R9, R9, R9, "XXXXXXXXX", "XXXXXXXXX"]),
    (Action::ViewReferral,         [R9, "AAAPAAAMM", "HAHPHHHMM", "AAAPAAAMM", "AHAHAAGMM", "HAHPHHGMM", R9, R9, "XXXXXXXXX", "XXXXXXXXX"]),
    (Action::ManageWatchlist,      ["AAAAAAAAA", R9, R9, "AAAAAAAAA", R9, R9, R9, R9, "XXXXXXXXX", "XXXXXXXXX"]),
    (Action::ManageCriteria,       [R9, R9, R9, "AAAAAAAAA", R9, R9, R9, R9, "XXXXXXXXX", "XXXXXXXXX"]),
    (Action::BacktestCriteria,     [R9, "AAAPAAAMM", "HAHPHHHMM", "AAAPAAAMM", R9, R9, R9, R9, "XXXXXXXXX", "XXXXXXXXX"]),
    (Action::ViewAudit,            [R9, R9, R9, R9, R9, R9, "AAAAAAAAA", "AAAAAAAAA", "XXXXXXXXX", "XXXXXXXXX"]),
    (Action::VerifyAudit,          [R9, R9, R9, R9, R9, R9, "AAAAAAAAA", "AAAAAAAAA", "XXXXXXXXX", "XXXXXXXXX"]),
    (Action::ViewRetention,        ["AAAAAAAAA", R9, R9, R9, R9, R9, "AAAAAAAAA", R9, "XXXXXXXXX", "XXXXXXXXX"]),
    (Action::ManageUsers,          ["AAAAAAAAA", R9, R9, R9, R9, R9, R9, R9, "XXXXXXXXX", "XXXXXXXXX"]),
    (Action::ManageTokens,         ["AAAAAAAAA", R9, R9, R9, R9, R9, R9, R9, "XXXXXXXXX", "XXXXXXXXX"]),
    (Action::RequestUnmask,        [R9, "AAAPAAAMM", "HAHPHHHMM", "AAAPAAAMM", R9, R9, R9, R9, "XXXXXXXXX", "XXXXXXXXX"]),
    (Action::ViewUnmaskRequests,   [R9, R9, R9, "AAAAAAAAA", R9, R9, "AAAAAAAAA", R9, "XXXXXXXXX", "XXXXXXXXX"]),
    (Action::ApproveUnmask,        [R9, R9, R9, R9, R9, R9, "AAAAAOAAA", R9, "XXXXXXXXX", "XXXXXXXXX"]),
    (Action::ViewCharts,           ["AAAAAAAAA", "AAAAAAAAA", "AAAAAAAAA", "AAAAAAAAA", R9, R9, "AAAAAAAAA", R9, "XXXXXXXXX", "XXXXXXXXX"]),
];

#[test]
fn every_action_has_a_row() {
    for action in Action::ALL {
        assert_eq!(
            MATRIX.iter().filter(|(row, _)| *row == action).count(),
            1,
            "{action} needs exactly one row"
        );
    }
    assert_eq!(MATRIX.len(), Action::ALL.len());
}

#[test]
fn every_cell_is_decided_as_written() {
    let principals = principals();
    let mut differences = Vec::new();
    for (action, expected_row) in MATRIX {
        for ((name, principal), expected) in principals.iter().zip(expected_row) {
            let actual: String = contexts(principal)
                .iter()
                .map(|context| letter(&decide(principal, *action, context)))
                .collect();
            if actual != *expected {
                differences.push(format!(
                    "{action} for {name}: expected {expected}, decided {actual}"
                ));
            }
        }
    }
    assert!(differences.is_empty(), "{}", differences.join("\n"));
}

#[test]
fn denials_carry_a_sentence() {
    let principals = principals();
    for (action, _) in MATRIX {
        for (_, principal) in &principals {
            for context in contexts(principal) {
                if let Decision::Denied(denial) = decide(principal, *action, &context) {
                    assert!(!denial.sentence.is_empty());
                    assert!(denial.to_string().starts_with(denial.code.as_str()));
                }
            }
        }
    }
}

#[test]
fn approvals_without_a_requester_and_referrals_without_a_target_are_denied() {
    let supervisor = Principal::new(
        "sup",
        Role::Supervisor,
        Agency::Piu,
        [Purpose::SeriousCrime],
    );
    let full = Context {
        data: Some(DataKind::Pnr),
        target_agency: Some(Agency::Police),
        requester: Some("ana"),
        purpose: Some(Purpose::SeriousCrime),
        reason: None,
    };
    assert_eq!(
        decide(&supervisor, Action::ApproveDissemination, &full),
        Decision::Allowed
    );
    let no_requester = Context {
        requester: None,
        ..full
    };
    assert_eq!(
        decide(&supervisor, Action::ApproveDissemination, &no_requester).code(),
        Some(DenialCode::MissingContext)
    );
    let dpo = Principal::new("dpo", Role::Dpo, Agency::Piu, []);
    assert_eq!(
        decide(&dpo, Action::ApproveUnmask, &no_requester).code(),
        Some(DenialCode::MissingContext)
    );

    let liaison = Principal::new(
        "lpo",
        Role::Liaison,
        Agency::Police,
        [Purpose::SeriousCrime],
    );
    assert_eq!(
        decide(&liaison, Action::ViewReferral, &full),
        Decision::Allowed
    );
    let no_target = Context {
        target_agency: None,
        ..full
    };
    assert_eq!(
        decide(&liaison, Action::ViewReferral, &no_target).code(),
        Some(DenialCode::MissingContext)
    );
    // A PIU analyst needs no target: every referral is the PIU's own.
    let analyst = Principal::new("ana", Role::Analyst, Agency::Piu, [Purpose::SeriousCrime]);
    assert_eq!(
        decide(&analyst, Action::ViewReferral, &no_target),
        Decision::Allowed
    );
}

#[test]
fn a_search_with_a_reason_for_api_data_and_border_purpose_is_allowed() {
    let analyst = Principal::new(
        "anb",
        Role::Analyst,
        Agency::Piu,
        [Purpose::BorderMigration],
    );
    let context = Context {
        data: Some(DataKind::Api),
        purpose: Some(Purpose::BorderMigration),
        reason: Some("overstay study, request 44"),
        ..Context::default()
    };
    assert_eq!(
        decide(&analyst, Action::Search, &context),
        Decision::Allowed
    );
    for reason in [None, Some(""), Some(" \t ")] {
        let context = Context { reason, ..context };
        match decide(&analyst, Action::Search, &context) {
            Decision::Denied(denial) => {
                assert_eq!(denial.code, DenialCode::ReasonRequired);
                assert_eq!(denial.sentence, "a search needs a stated reason");
            }
            Decision::Allowed => panic!("a search without a reason was allowed: {reason:?}"),
        }
    }
}

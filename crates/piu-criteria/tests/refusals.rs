//! Every reason a criterion is refused when loaded, and that each refusal names
//! the criterion, what it touched and why.

mod common;

use common::{errors, file};
use piu_criteria::{Category, CriteriaError, load};

/// The protected finding of a refused expression: term and categories.
fn protected(expression: &str) -> (String, Vec<Category>) {
    let errs = errors(expression);
    match &errs[0] {
        CriteriaError::Protected {
            id,
            term,
            categories,
            ..
        } => {
            assert_eq!(id, "T-1");
            (term.clone(), categories.clone())
        }
        other => panic!("{expression:?}: not refused as protected: {other}"),
    }
}

#[test]
fn meal_codes_are_refused_as_religion_and_health() {
    for e in [
        r#""MOML" in booking.ssr_codes"#,
        r#"booking.ssr_codes.exists(c, c == "KSML")"#,
        r#""hnml" in booking.ssr_codes"#,
        r#"booking.ssr_codes.exists(c, c.startsWith("VJML"))"#,
        // a code of the meal shape that is not in the list
        r#""QQML" in booking.ssr_codes"#,
    ] {
        let (term, cats) = protected(e);
        assert!(term.to_ascii_uppercase().ends_with("ML"), "{e}: {term}");
        assert_eq!(cats, [Category::ReligionOrBelief, Category::Health], "{e}");
    }
}

#[test]
fn medical_codes_are_refused_as_health() {
    for (e, code) in [
        (r#""WCHR" in booking.ssr_codes"#, "WCHR"),
        (r#""WCXX" in booking.ssr_codes"#, "WCXX"),
        (r#""MEDA" in booking.ssr_codes"#, "MEDA"),
        (r#""BLND" in booking.ssr_codes"#, "BLND"),
        (r#""DEAF" in booking.ssr_codes"#, "DEAF"),
        (r#""DPNA" in booking.ssr_codes"#, "DPNA"),
        (r#""OXYG" in booking.ssr_codes"#, "OXYG"),
        (r#""STCR" in booking.ssr_codes"#, "STCR"),
        (r#""MAAS" in booking.ssr_codes"#, "MAAS"),
    ] {
        assert_eq!(
            protected(e),
            (code.to_string(), vec![Category::Health]),
            "{e}"
        );
    }
}

#[test]
fn pets_and_ordinary_codes_are_not_protected() {
    common::set(&[
        r#""PETC" in booking.ssr_codes"#,
        r#""DOCS" in booking.ssr_codes && "FOID" in booking.ssr_codes"#,
        r#""INFT" in booking.ssr_codes || "CHLD" in booking.ssr_codes"#,
    ]);
}

#[test]
fn words_in_literals_and_identifiers_are_refused_by_category() {
    use Category::*;
    for (e, term, cat) in [
        (r#"traveller.religion == "X""#, "religion", ReligionOrBelief),
        (
            r#"traveller.nationality == "HALAL""#,
            "HALAL",
            ReligionOrBelief,
        ),
        (
            r#"booking.travel_agency == "Kosher Tours""#,
            "Kosher",
            ReligionOrBelief,
        ),
        (
            r#"booking.travel_agency == "muslim travel""#,
            "muslim",
            ReligionOrBelief,
        ),
        (
            r#"traveller.ethnicity == "X""#,
            "ethnicity",
            RacialOrEthnicOrigin,
        ),
        (r#"traveller.race == "X""#, "race", RacialOrEthnicOrigin),
        (
            r#"booking.travel_agency == "PARTY TOURS""#,
            "PARTY",
            PoliticalOpinion,
        ),
        (
            r#"traveller.political_view == "X""#,
            "political",
            PoliticalOpinion,
        ),
        (
            r#"booking.travel_agency.contains("UNION")"#,
            "UNION",
            TradeUnionMembership,
        ),
        (r#"traveller.pregnant"#, "pregnant", Health),
        (r#"traveller.disability == "X""#, "disability", Health),
        (r#"traveller.diagnosis == "X""#, "diagnosis", Health),
        (r#"booking.medical_clearance"#, "medical", Health),
        (r#"traveller.wheelchair"#, "wheelchair", Health),
        (
            r#"traveller.orientation == "X""#,
            "orientation",
            SexLifeOrSexualOrientation,
        ),
        (
            r#"booking.travel_agency == "Gay Travel""#,
            "Gay",
            SexLifeOrSexualOrientation,
        ),
        (
            r#"booking.travel_agency == "lesbian tours""#,
            "lesbian",
            SexLifeOrSexualOrientation,
        ),
        (
            r#"traveller.sex_life == "X""#,
            "sex life",
            SexLifeOrSexualOrientation,
        ),
    ] {
        let (t, cats) = protected(e);
        assert_eq!(t, term, "{e}");
        assert!(cats.contains(&cat), "{e}: {cats:?}");
    }
}

#[test]
fn free_text_fields_are_refused() {
    for (e, term) in [
        (r#"booking.remarks.exists(r, r == "VIP")"#, "remarks"),
        (r#"booking.osi.size() > 0"#, "osi"),
        (r#"traveller.ssr_text.contains("X")"#, "text"),
        (r#"booking.ssrs.size() > 0"#, "ssrs"),
    ] {
        assert_eq!(
            protected(e),
            (term.to_string(), vec![Category::FreeText]),
            "{e}"
        );
    }
}

#[test]
fn loop_variable_names_and_map_keys_are_scanned_too() {
    assert_eq!(
        protected(r#"booking.route.exists(muslim, muslim == "IST")"#).0,
        "muslim"
    );
    assert_eq!(protected(r#"{"religion": 1}.size() == 1"#).0, "religion");
}

#[test]
fn known_fields_are_not_read_as_words() {
    // party_size holds the word "party", but it is a vetted fact
    common::set(&["booking.party_size == 1"]);
}

#[test]
fn the_message_says_what_and_why() {
    let e = errors(r#""MOML" in booking.ssr_codes"#)
        .remove(0)
        .to_string();
    assert!(e.starts_with("T-1: refused"), "{e}");
    assert!(e.contains("\"MOML\""), "{e}");
    assert!(e.contains("meal SSR code"), "{e}");
    assert!(e.contains("religion or belief and health"), "{e}");
    assert!(e.contains("2016/681"), "{e}");
}

fn unknown(expression: &str) -> (String, Option<String>, String) {
    match errors(expression).remove(0) {
        CriteriaError::Unknown {
            id,
            name,
            suggestion,
            message,
        } => {
            assert_eq!(id, "T-1");
            (name, suggestion, message)
        }
        other => panic!("{expression:?}: {other}"),
    }
}

#[test]
fn unknown_fields_are_refused_with_a_suggestion() {
    let (name, suggestion, message) =
        unknown("booking.hours_before_departre < 48.0 && booking.paid_cash");
    assert_eq!(name, "booking.hours_before_departre");
    assert_eq!(
        suggestion.as_deref(),
        Some("booking.hours_booked_before_departure")
    );
    assert!(message.contains("did you mean booking.hours_booked_before_departure?"));

    let (_, suggestion, _) = unknown("traveller.nationalty == \"AZE\"");
    assert_eq!(suggestion.as_deref(), Some("traveller.nationality"));
    let (_, suggestion, _) = unknown("histroy.count > 1");
    assert_eq!(suggestion.as_deref(), Some("history"));
    let (_, suggestion, _) = unknown("history.trips.exists(t, t.destinaton == \"DAM\")");
    assert_eq!(suggestion.as_deref(), Some("t.destination"));
    let (name, _, message) = unknown("passenger.age > 3");
    assert_eq!(name, "passenger");
    assert!(
        message.contains("traveller, booking, flight and history"),
        "{message}"
    );
}

#[test]
fn unknown_functions_and_groups_are_refused() {
    let (name, suggestion, _) = unknown("booking.route.exist(a, a == \"IST\")");
    assert_eq!(
        (name.as_str(), suggestion.as_deref()),
        ("exist", Some("exists"))
    );
    let (name, _, _) = unknown("traveller.nationality.matches(\"A.*\")");
    assert_eq!(name, "matches");
    let (name, suggestion, _) = unknown("in_group(booking.route, \"hub\")");
    assert_eq!(
        (name.as_str(), suggestion.as_deref()),
        ("hub", Some("hubs"))
    );
    // the group name must be written as text
    let e = errors("in_group(booking.route, traveller.nationality)");
    assert!(
        matches!(&e[0], CriteriaError::Invalid { message, .. } if message.contains("in_group takes"))
    );
}

#[test]
fn a_whole_variable_or_an_object_cannot_be_used() {
    let (name, _, message) = unknown("size(booking) > 3");
    assert_eq!(name, "booking");
    assert!(message.contains("name one of them"), "{message}");
    unknown("booking[\"paid_cash\"]");
    let e = errors("history.trips.origin == \"DAM\"");
    assert!(
        matches!(&e[0], CriteriaError::Invalid { message, .. } if message.contains("history.trips.exists(t, t.origin")),
        "{e:?}"
    );
}

#[test]
fn parse_errors_give_the_position() {
    match errors("booking.paid_cash &&\n  booking.segments >").remove(0) {
        CriteriaError::Parse {
            id, line, column, ..
        } => {
            assert_eq!(id, "T-1");
            assert_eq!((line, column), (2, 21));
        }
        other => panic!("{other}"),
    }
    match errors("booking.paid_cash &&& true").remove(0) {
        CriteriaError::Parse { line, column, .. } => assert_eq!((line, column), (1, 21)),
        other => panic!("{other}"),
    }
    let e = errors("(").remove(0).to_string();
    assert!(
        e.starts_with("T-1: the expression does not parse at line 1, column 2"),
        "{e}"
    );
}

#[test]
fn kinds_must_fit_and_the_result_must_be_yes_or_no() {
    for e in [
        "booking.route < 3",
        "booking.paid_cash + 1 > 0",
        "traveller.nationality > 3",
        "in_group(traveller.age, \"hubs\")",
    ] {
        let errs = errors(e);
        assert!(
            matches!(&errs[0], CriteriaError::Type { id, message } if id == "T-1" && message.contains("mixes kinds")),
            "{e}: {errs:?}"
        );
    }
    let errs = errors("booking.segments");
    assert!(
        matches!(&errs[0], CriteriaError::Type { message, .. } if message.contains("gives int, not true or false")),
        "{errs:?}"
    );
    // numbers of both kinds compare
    common::set(&[
        "booking.hours_booked_before_departure < 48",
        "traveller.age >= 18.0",
    ]);
}

#[test]
fn optional_syntax_and_objects_are_refused() {
    let e = errors("booking.?paid_cash.orValue(false)");
    assert!(matches!(e[0], CriteriaError::Parse { .. }), "{e:?}");
    let e = errors("Foo{a: 1} == Foo{a: 1}");
    assert!(
        e.iter().any(|e| matches!(e, CriteriaError::Invalid { message, .. } if message.contains("builds an object"))),
        "{e:?}"
    );
}

#[test]
fn deep_or_long_expressions_are_refused_without_overflowing() {
    let sum = format!("1{} > 0", "+1".repeat(1500));
    let e = errors(&sum);
    assert!(
        matches!(&e[0], CriteriaError::Invalid { message, .. } if message.contains("nests more than")),
        "{e:?}"
    );
    let parens = format!("{}true{}", "(".repeat(2000), ")".repeat(2000));
    let e = errors(&parens);
    assert!(
        matches!(&e[0], CriteriaError::Parse { message, .. } if message.contains("nests too deeply")),
        "{e:?}"
    );
    // the parser folds double negations: accepted or not, nothing overflows
    let nots = format!("{}true", "!".repeat(3000));
    let _ = load(common::file(&[&nots]).as_bytes());
    let minus = format!("{}1 < 0", "-".repeat(3000));
    let _ = load(common::file(&[&minus]).as_bytes());
    let long = format!("booking.paid_cash{}", " || booking.paid_cash".repeat(300));
    let e = errors(&long);
    assert!(
        matches!(&e[0], CriteriaError::Invalid { message, .. } if message.contains("at most 4096")),
        "{e:?}"
    );
}

#[test]
fn criteria_fields_are_checked_and_errors_name_the_criterion() {
    let good = serde_json::json!({
        "id": "C-1", "version": 1, "author": "a", "purpose": "serious-crime",
        "severity": "low", "valid_from": "2025-01-01", "target_agency": "customs",
        "expression": "booking.paid_cash"
    });
    let with = |patch: serde_json::Value| {
        let mut c = good.clone();
        for (k, v) in patch.as_object().unwrap() {
            if v.is_null() {
                c.as_object_mut().unwrap().remove(k);
            } else {
                c[k] = v.clone();
            }
        }
        c
    };
    let cases = [
        (
            with(serde_json::json!({"valid_from": "2025-13-01"})),
            "valid_from",
        ),
        (
            with(serde_json::json!({"valid_until": "2024-12-31"})),
            "before valid_from",
        ),
        (with(serde_json::json!({"version": 0})), "version"),
        (
            with(serde_json::json!({"severity": "extreme"})),
            "unknown variant",
        ),
        (
            with(serde_json::json!({"purpose": "profiling"})),
            "unknown variant",
        ),
        (with(serde_json::json!({"author": " "})), "author is empty"),
        (
            with(serde_json::json!({"target_agency": null})),
            "target_agency",
        ),
        (with(serde_json::json!({"colour": "red"})), "unknown field"),
    ];
    for (c, words) in cases {
        let json = serde_json::json!({"criteria": [c]}).to_string();
        let errs = load(json.as_bytes()).unwrap_err();
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert_eq!(errs[0].criterion(), Some("C-1"), "{errs:?}");
        assert!(errs[0].to_string().contains(words), "{words}: {}", errs[0]);
    }
    // no id: named by position
    let json = serde_json::json!({"criteria": [good, {"version": 1}]}).to_string();
    let errs = load(json.as_bytes()).unwrap_err();
    assert_eq!(errs[0].criterion(), Some("criteria[1]"));
    // duplicate ids
    let json = serde_json::json!({"criteria": [good, good]}).to_string();
    let errs = load(json.as_bytes()).unwrap_err();
    assert!(errs[0].to_string().contains("same id"), "{errs:?}");
}

#[test]
fn every_bad_criterion_of_a_file_is_reported() {
    let json = file(&[
        "booking.paid_cash",
        "\"MOML\" in booking.ssr_codes",
        "booking.paid_cashh",
        "booking.paid_cash &&",
    ]);
    let errs = load(json.as_bytes()).unwrap_err();
    let ids: Vec<_> = errs.iter().filter_map(|e| e.criterion()).collect();
    assert_eq!(ids, ["T-2", "T-3", "T-4"]);
}

#[test]
fn files_and_groups_are_checked() {
    let errs = load(b"{\"criteria\": [").unwrap_err();
    assert!(
        matches!(&errs[0], CriteriaError::File(m) if m.contains("line 1")),
        "{errs:?}"
    );
    let errs = load(b"{\"criteria\": [], \"rules\": []}").unwrap_err();
    assert!(matches!(&errs[0], CriteriaError::File(_)));
    let json = serde_json::json!({
        "groups": {
            "airports": {"hubs": ["IST", "NOT AN AIRPORT"], "same": ["GYD"]},
            "countries": {"same": ["AZE"]}
        },
        "criteria": []
    });
    let errs = load(json.to_string().as_bytes()).unwrap_err();
    assert_eq!(errs.len(), 2, "{errs:?}");
    assert!(
        errs.iter()
            .all(|e| matches!(e, CriteriaError::Group { .. }))
    );
    assert!(errs[0].to_string().contains("\"hubs\""), "{}", errs[0]);
    assert!(errs[1].to_string().contains("\"same\""), "{}", errs[1]);
}

#[test]
fn check_expression_checks_alone() {
    let set = common::set(&["booking.paid_cash"]);
    let paths = piu_criteria::check_expression(
        "in_group(booking.route, \"hubs\") && booking.paid_cash",
        set.groups(),
    )
    .unwrap();
    assert_eq!(paths, ["booking.route", "booking.paid_cash"]);
    assert!(piu_criteria::check_expression("\"KSML\" in booking.ssr_codes", set.groups()).is_err());
}

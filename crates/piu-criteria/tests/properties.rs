//! Loading never panics, whatever the expression or the file.

mod common;

use piu_criteria::{facts, load};
use proptest::prelude::*;

const WORDS: &[&str] = &[
    "booking",
    "traveller",
    "flight",
    "history",
    ".",
    "paid_cash",
    "route",
    "trips",
    "age",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    "&&",
    "||",
    "!",
    "==",
    "<",
    "+",
    "-",
    "*",
    "/",
    "%",
    "?",
    ":",
    ",",
    "in",
    "1",
    "2.5",
    "\"IST\"",
    "'x'",
    "true",
    "null",
    "exists",
    "all",
    "map",
    "filter",
    "has",
    "size",
    "in_group",
    "\"hubs\"",
    "t",
    "t.origin",
    "int",
    "b\"x\"",
    "1u",
    "MOML",
    "\\",
    "\"",
];

fn tokens() -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(WORDS), 0..40).prop_map(|w| w.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn load_never_panics_on_any_expression(expr in "\\PC{0,120}") {
        let _ = load(common::file(&[&expr]).as_bytes());
    }

    #[test]
    fn accepted_expressions_evaluate_without_panicking(expr in tokens()) {
        if let Ok(set) = load(common::file(&[&expr]).as_bytes()) {
            let f = facts(&common::message(), 0, &[common::trip("GYD", "IST", common::date(2024, 1, 1))], None);
            let _ = set.evaluate(&f, common::date(2025, 11, 20));
            let _ = set.outcome("T-1", &f);
        }
    }

    #[test]
    fn load_never_panics_on_any_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        let _ = load(&bytes);
    }
}

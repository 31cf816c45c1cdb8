//! Any bytes as a pair of names (split at the first tab, invalid UTF-8 replaced):
//! read, compared both ways and explained. Nothing may panic, scores stay in
//! [0, 1] and do not depend on the order of the names.
#![no_main]

use libfuzzer_sys::fuzz_target;
use piu_names::Matcher;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (a, b) = text.split_once('\t').unwrap_or((&text, ""));
    let m = Matcher::default();
    let (x, y) = (m.prepare(a), m.prepare(b));
    let s = m.score(&x, &y);
    assert!((0.0..=1.0).contains(&s), "score {s}");
    assert!((m.score(&y, &x) - s).abs() < 1e-5, "order changes the score");
    let e = m.explain(&x, &y);
    assert_eq!(e.score, s);
});

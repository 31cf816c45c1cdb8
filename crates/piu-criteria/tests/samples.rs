//! The sample criteria files (`samples/criteria/`) and the sample messages.

mod common;

use common::{date, samples_dir, trip};
use piu_criteria::{CriteriaError, Facts, backtest, facts, load};
use piu_messages::{ReadOptions, read};

fn sample(name: &str) -> Vec<u8> {
    std::fs::read(samples_dir().join("criteria").join(name)).unwrap()
}

/// The facts of every traveller of every PNRGOV and PAXLST sample.
fn sample_facts() -> Vec<Facts> {
    let mut out = Vec::new();
    for dir in ["pnrgov", "pnrgov-xml", "paxlst"] {
        let mut files: Vec<_> = std::fs::read_dir(samples_dir().join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        for path in files {
            let reading = read(&std::fs::read(&path).unwrap(), &ReadOptions::default());
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            for (mi, m) in reading.messages.iter().enumerate() {
                for ti in 0..m.travellers.len() {
                    out.push(facts(m, ti, &[], None).with_reference(format!(
                        "{name}#message {} traveller {}",
                        mi + 1,
                        ti + 1
                    )));
                }
            }
        }
    }
    out
}

#[test]
fn the_sample_criteria_load() {
    let set = load(&sample("criteria.json")).unwrap_or_else(|e| panic!("{e:#?}"));
    assert!(set.criteria().len() >= 8);
    assert!(set.groups().get("high-risk-hubs").is_some());
    for c in set.criteria() {
        assert!(!c.facts_used().is_empty(), "{}", c.id);
        assert!(!c.description.is_empty(), "{}", c.id);
    }
}

#[test]
fn every_sample_refusal_is_refused_for_its_reason() {
    let errs = load(&sample("refused.json")).unwrap_err();
    let by_id = |id: &str| -> &CriteriaError {
        errs.iter()
            .find(|e| e.criterion() == Some(id))
            .unwrap_or_else(|| panic!("{id} not refused: {errs:#?}"))
    };
    assert!(matches!(by_id("R-001"), CriteriaError::Protected { term, .. } if term == "MOML"));
    assert!(matches!(by_id("R-002"), CriteriaError::Protected { term, .. } if term == "WCHR"));
    assert!(matches!(by_id("R-003"), CriteriaError::Protected { term, .. } if term == "religion"));
    assert!(matches!(by_id("R-004"), CriteriaError::Protected { term, .. } if term == "remarks"));
    assert!(
        matches!(by_id("R-005"), CriteriaError::Unknown { suggestion: Some(s), .. }
        if s == "booking.hours_booked_before_departure")
    );
    assert!(matches!(
        by_id("R-006"),
        CriteriaError::Parse {
            line: 1,
            column: 40,
            ..
        }
    ));
    assert!(
        matches!(by_id("R-007"), CriteriaError::Unknown { suggestion: Some(s), .. } if s == "high-risk-hubs")
    );
    // one error per criterion: nothing else in the file is wrong
    assert_eq!(errs.len(), 7, "{errs:#?}");
}

#[test]
fn the_sample_criteria_on_the_sample_messages() {
    let set = load(&sample("criteria.json")).unwrap();
    let all = sample_facts();
    assert!(all.len() > 50, "{} travellers", all.len());
    let on = date(2025, 11, 20);
    for f in &all {
        for h in set.evaluate(f, on) {
            assert!(!h.explanation.values.is_empty());
        }
    }
    // the XML push has a booking made 16 days out paid in cash: not late enough
    let r = backtest(&set, "C-001", all.clone().into_iter(), on).unwrap();
    assert_eq!(r.travellers, all.len());
    assert_eq!(r.hits, 0);
    // API-only travellers have no booking facts at all
    assert!(
        r.not_evaluable
            .keys()
            .all(|k| k.starts_with("missing booking.")),
        "{r:?}"
    );
    // GYD→IST→JFK changes planes at IST, a high-risk hub in the sample groups
    let r = backtest(&set, "C-002", all.clone().into_iter(), on).unwrap();
    assert!(r.hits >= 1, "{r:?}");
    assert!(
        r.examples
            .iter()
            .any(|e| e.starts_with("v11-1-full-push-pnr-details.edi")),
        "{r:?}"
    );
}

#[test]
fn history_makes_a_sample_traveller_hit() {
    let set = load(&sample("criteria.json")).unwrap();
    let reading = read(
        &std::fs::read(samples_dir().join("pnrgov/v10-1-full-push-dxb-gyd.edi")).unwrap(),
        &ReadOptions::default(),
    );
    let m = &reading.messages[0];
    let history = [
        trip("IST", "DAM", date(2024, 9, 2)),
        trip("DAM", "IST", date(2024, 9, 20)),
    ];
    let f = facts(m, 0, &history, None);
    let hits = set.evaluate(&f, date(2025, 11, 20));
    let h = hits.iter().find(|h| h.id == "C-006").expect("C-006 hits");
    assert_eq!(h.target_agency, "state-security");
    assert!(
        h.explanation.to_string().contains("booking.one_way = true"),
        "{}",
        h.explanation
    );
    // without the history it does not
    let f = facts(m, 0, &[], None);
    assert!(
        set.evaluate(&f, date(2025, 11, 20))
            .iter()
            .all(|h| h.id != "C-006")
    );
}

#[test]
fn the_readme_describes_every_sample_criterion() {
    let readme = std::fs::read_to_string(samples_dir().join("criteria/README.md")).unwrap();
    let set = load(&sample("criteria.json")).unwrap();
    for c in set.criteria() {
        assert!(
            readme.contains(&format!("`{}`", c.id)),
            "README misses {}",
            c.id
        );
    }
    for id in [
        "R-001", "R-002", "R-003", "R-004", "R-005", "R-006", "R-007",
    ] {
        assert!(readme.contains(&format!("`{id}`")), "README misses {id}");
    }
}

//! Known name parts, grouped by identity, so that a small edit between two
//! different real names (NASIROV and NAZIROV, YUSUF and YUNUS) is not taken for
//! a typing slip in one of them.
//!
//! The list is `data/lexicon.txt`: one name per line, its Latin spellings
//! separated by blanks. Spellings on one line are the same name; spellings on
//! different lines are different names. Surnames are listed in the male form;
//! the female forms (-A, -AYA) are derived here. Spellings are read like name
//! parts: compounds made canonical ([`crate::parse`]), then folded.

use foldhash::{HashMap, HashMapExt};
use std::sync::OnceLock;

use crate::fold::fold;
use crate::parse::canonical;

const LEXICON: &str = include_str!("../data/lexicon.txt");

/// Which names a folded key may be (a key can stand for more than one name
/// when folding brings two together).
type Groups = HashMap<String, Vec<u32>>;

fn groups() -> &'static Groups {
    static GROUPS: OnceLock<Groups> = OnceLock::new();
    GROUPS.get_or_init(|| {
        let mut map: Groups = HashMap::new();
        let names = LEXICON
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'));
        for (id, line) in names.enumerate() {
            for spelling in line.split_whitespace() {
                let ids = map.entry(fold(&canonical(spelling))).or_default();
                if !ids.contains(&(id as u32)) {
                    ids.push(id as u32);
                }
            }
        }
        map
    })
}

/// The names a folded key is known as, trying the male form of a female surname.
fn lookup(key: &str) -> Option<&'static [u32]> {
    let map = groups();
    if let Some(ids) = map.get(key) {
        return Some(ids);
    }
    let male = if let Some(stem) = key.strip_suffix("SKAIA") {
        format!("{stem}SKI")
    } else if let Some(stem) = key
        .strip_suffix('A')
        .filter(|s| s.ends_with("OV") || s.ends_with("EV") || s.ends_with("IN"))
    {
        stem.to_string()
    } else {
        return None;
    };
    map.get(&male).map(Vec::as_slice)
}

/// Whether a Latin spelling is a known name part.
pub fn is_known(latin: &str) -> bool {
    lookup(&fold(&canonical(latin))).is_some()
}

/// The known names any of a part's keys may be; empty when none is known.
pub fn names_of<'k>(keys: impl IntoIterator<Item = &'k str>) -> Vec<u32> {
    let mut ids: Vec<u32> = keys
        .into_iter()
        .filter_map(lookup)
        .flatten()
        .copied()
        .collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// Two parts are both known names, and not the same one.
pub fn different_names(a: &[u32], b: &[u32]) -> bool {
    !a.is_empty() && !b.is_empty() && !a.iter().any(|id| b.contains(id))
}

/// Two parts are spellings of one known name.
pub fn same_name(a: &[u32], b: &[u32]) -> bool {
    a.iter().any(|id| b.contains(id))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(s: &str) -> Vec<u32> {
        names_of([fold(s).as_str()])
    }

    #[test]
    fn different_real_names_are_told_apart() {
        for (a, b) in [
            ("NASIROV", "NAZIROV"),
            ("KARIMOV", "KASIMOV"),
            ("YUSUF", "YUNUS"),
            ("AHMAD", "HAMAD"),
        ] {
            assert!(different_names(&key(a), &key(b)), "{a} {b}");
        }
        assert!(
            !different_names(&key("MAMMADOV"), &key("MAMMDOV")),
            "a slip is not another name"
        );
        assert!(key("MAMMDOV").is_empty());
    }

    #[test]
    fn spellings_of_one_name_are_one_name() {
        assert!(same_name(&key("YUSIF"), &key("YOUSSEF")));
        assert!(same_name(&key("GASANOV"), &key("HASANOV")));
        assert!(
            same_name(&key("ALIYEVA"), &key("ALIEV")),
            "female form found by the male"
        );
        assert!(!same_name(&key("IVANOV"), &key("SMIRNOV")));
    }
}

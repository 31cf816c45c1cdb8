//! How common a name part is. A rare part carries more evidence than a common
//! one: two MAMMADOVs are far likelier to be different people than two
//! TAGHIZADEHs. Weights come from counts learned over a watchlist and traffic,
//! and from a built-in list of very common parts until enough was seen.

use std::collections::HashSet;
use std::sync::OnceLock;

use foldhash::HashMap;

use crate::fold::fold;

/// Very common parts in the traffic of the region, used until enough names
/// were counted.
const COMMON: &[&str] = &[
    "MAMMADOV",
    "ALIYEV",
    "HASANOV",
    "HUSEYNOV",
    "GULIYEV",
    "ISMAYILOV",
    "ABBASOV",
    "BABAYEV",
    "IBRAHIMOV",
    "MUSAYEV",
    "ABDULLAYEV",
    "SULEYMANOV",
    "AHMADOV",
    "IVANOV",
    "SMIRNOV",
    "KUZNETSOV",
    "POPOV",
    "PETROV",
    "MUHAMMAD",
    "MOHAMED",
    "MOHAMMAD",
    "AHMAD",
    "AHMED",
    "ALI",
    "HASAN",
    "HUSSEIN",
    "HUSSAIN",
    "IBRAHIM",
    "ABDULLAH",
    "OMAR",
    "YUSUF",
    "FATIMA",
    "MARYAM",
    "AISHA",
    "ELENA",
    "ANNA",
    "OLGA",
    "IRINA",
    "MARIA",
    "IVAN",
    "SERGEY",
    "ALEKSANDR",
    "ALEKSEY",
    "DMITRY",
    "ANDREY",
    "ELCHIN",
    "RASHAD",
    "ANAR",
    "ELNUR",
    "KAMRAN",
    "ORKHAN",
    "AYGUN",
    "GUNEL",
    "LEYLA",
    "SEVINJ",
    "YILMAZ",
    "KAYA",
    "DEMIR",
    "SAHIN",
    "SINGH",
    "KUMAR",
    "SHARMA",
    "KHAN",
    "WANG",
    "LI",
    "ZHANG",
    "SMITH",
    "JOHN",
    "DAVID",
];

fn common() -> &'static HashSet<String> {
    static SET: OnceLock<HashSet<String>> = OnceLock::new();
    SET.get_or_init(|| COMMON.iter().map(|n| fold(n)).collect())
}

/// Names counted before learned weights replace the built-in list.
const ENOUGH: u32 = 1_000;

/// Counts of folded name parts.
#[derive(Clone, Debug, Default)]
pub struct Frequencies {
    counts: HashMap<String, u32>,
    names: u32,
}

impl Frequencies {
    /// Counts the parts of one more name (a watchlist entry or a traveller).
    pub fn learn(&mut self, name: &str) {
        let parsed = crate::parse::parse(name);
        self.learn_keys(parsed.parts.iter().map(|p| p.keys[0].as_str()));
    }

    /// Counts one more name given by its parts' usual keys.
    pub fn learn_keys<'k>(&mut self, keys: impl IntoIterator<Item = &'k str>) {
        self.names += 1;
        for key in keys {
            match self.counts.get_mut(key) {
                Some(n) => *n += 1,
                None => {
                    self.counts.insert(key.to_string(), 1);
                }
            }
        }
    }

    /// Weight of a folded part in (0, 1]: 1 for a rare part, less for a common one.
    pub fn weight(&self, key: &str) -> f32 {
        if self.names < ENOUGH {
            return if common().contains(key) { 0.6 } else { 1.0 };
        }
        let count = self.counts.get(key).copied().unwrap_or(0) as f32;
        let share = count / self.names as f32;
        // One in a thousand names or rarer weighs fully; one in ten weighs 0.4.
        (1.0 - 0.2 * (share * 1000.0).max(1.0).log10()).clamp(0.4, 1.0)
    }
}

#[cfg(test)]
pub(crate) fn is_common(latin: &str) -> bool {
    common().contains(&fold(latin))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_parts_weigh_less() {
        let f = Frequencies::default();
        assert!(is_common("MAMMADOV") && is_common("Mohammed"));
        assert!(f.weight(&fold("MAMMADOV")) < f.weight(&fold("TAGHIZADEH")));
        let mut f = Frequencies::default();
        for i in 0..2000 {
            f.learn(if i % 5 == 0 {
                "Rashad Mammadov"
            } else {
                "Anar Taghizadeh"
            });
        }
        assert!(f.weight("TAGIZADE") < f.weight("RASAD"));
        assert_eq!(f.weight("UNSEEN"), 1.0);
    }
}

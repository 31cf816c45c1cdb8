//! Synthetic watchlists and travellers, to measure screening against.
//!
//! A list of up to a million persons with aliases, drawn from a vocabulary of
//! real and made names of the origins a list kept in Baku holds (Azerbaijani,
//! Turkish, Russian and other Slavic, Arabic, Persian, Western European,
//! Central Asian, Georgian, Armenian). Travellers come in two kinds: planted
//! ones, each derived from an entry with one change a careful reviewer would
//! still call the same person — a typo, another transliteration, the other
//! name order, an alias, a date with day and month swapped, a mistyped
//! passport number — and clean ones, drawn from the same distributions but
//! not from the list. The truth says which is which. One planted traveller in
//! twenty travels on a passport of a state the entry does not name (a
//! nationality the source never knew), as listed persons do: otherwise a
//! planted traveller's nationality would always agree with the entry, and
//! weighing nationality could never cost a hit.
//!
//! The names and their spellings are generated here, apart from the name
//! matcher (`piu-names`) and screening (`piu-screen`), so that the data
//! measures them rather than mirrors them. Clean travellers are not filtered
//! against the list: where one resembles an entry, it is because such
//! coincidences happen at that rate.
//!
//! The same spec always gives byte-identical output; each entry and
//! traveller has its own random stream, so the list's first entries do not
//! change with its length.
//!
//! ```no_run
//! use piu_sim::watchlist::{WatchlistSpec, generate, write_watchlist_csv};
//!
//! let spec = WatchlistSpec { entries: 10_000, seed: 1, planted: 1_000, clean: 10_000 };
//! let data = generate(&spec);
//! write_watchlist_csv(&data.entries, std::fs::File::create("watchlist.csv").unwrap()).unwrap();
//! ```

mod csv;
mod entry;
mod grammar;
mod layout;
mod lexicon;
mod origin;
mod person;
mod spelling;
mod traveller;
mod vocabulary;

use piu_model::Gender;
use piu_watchlist::{Entry, PartialDate};

use crate::rng::{Rng, hash};

pub use csv::{write_travellers_csv, write_truth_csv, write_watchlist_csv};

/// What to generate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WatchlistSpec {
    /// Persons on the list.
    pub entries: usize,
    pub seed: u64,
    /// Travellers derived from entries (none when the list is empty).
    pub planted: usize,
    /// Travellers not derived from any entry.
    pub clean: usize,
}

/// A generated list and travellers, planted and clean mixed in one order.
#[derive(Clone, Debug)]
pub struct Synthetic {
    pub entries: Vec<Entry>,
    pub travellers: Vec<SyntheticTraveller>,
}

/// A traveller as a carrier would send them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntheticTraveller {
    /// "T0000001"; the order does not tell planted from clean.
    pub id: String,
    /// As a carrier sends it: "MAMMADOV RASHAD", "Rashad Mammadov",
    /// "MAMMADOV/RASHAD".
    pub name: String,
    pub gender: Option<Gender>,
    pub birth_date: Option<PartialDate>,
    /// Alpha-3.
    pub nationality: Option<String>,
    pub document_number: Option<String>,
    /// Alpha-3.
    pub document_country: Option<String>,
    /// The id of the entry this traveller was derived from; `None` for a
    /// clean traveller.
    pub planted: Option<String>,
    /// What was changed: "exact", "typo", "transliteration", "order",
    /// "middle-dropped", "alias", "dob-swap", "dob-digit", "dob-year",
    /// "dob-missing", "document"; "clean" for a clean traveller.
    pub variation: &'static str,
}

fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The stream of the `n`-th item of a kind: independent of every other
/// item, so any one can be rebuilt alone.
fn stream(seed: u64, label: &str, n: usize) -> Rng {
    Rng::new(mix(seed ^ hash(label).rotate_left(17)) ^ mix(n as u64 ^ 0xA5A5_5A5A))
}

/// The list's entries, one at a time, in order (for writing a large list
/// without holding it).
pub fn entries(spec: &WatchlistSpec) -> impl Iterator<Item = Entry> + '_ {
    (0..spec.entries).map(|n| entry::build(&mut stream(spec.seed, "entry", n), n).entry)
}

/// `k` entry indexes below `n`: distinct when there are enough entries
/// (Floyd's sampling, in the order drawn), else with repeats.
fn choose(rng: &mut Rng, n: usize, k: usize) -> Vec<usize> {
    if n == 0 {
        return Vec::new();
    }
    if k > n {
        return (0..k).map(|_| rng.below(n)).collect();
    }
    let mut set = std::collections::HashSet::with_capacity(k);
    let mut out = Vec::with_capacity(k);
    for j in n - k..n {
        let t = rng.below(j + 1);
        let pick = if set.contains(&t) { j } else { t };
        set.insert(pick);
        out.push(pick);
    }
    out
}

/// The travellers: planted and clean, shuffled, numbered in that order.
pub fn travellers(spec: &WatchlistSpec) -> Vec<SyntheticTraveller> {
    let mut pick = Rng::derive(spec.seed, "planted entries");
    let chosen = choose(&mut pick, spec.entries, spec.planted);
    let mut out = Vec::with_capacity(chosen.len() + spec.clean);
    for (j, &n) in chosen.iter().enumerate() {
        let built = entry::build(&mut stream(spec.seed, "entry", n), n);
        out.push(traveller::planted(
            &built,
            &mut stream(spec.seed, "planted", j),
        ));
    }
    for j in 0..spec.clean {
        out.push(traveller::clean(&mut stream(spec.seed, "clean", j)));
    }
    let mut order = Rng::derive(spec.seed, "traveller order");
    for i in (1..out.len()).rev() {
        out.swap(i, order.below(i + 1));
    }
    for (i, t) in out.iter_mut().enumerate() {
        t.id = format!("T{:07}", i + 1);
    }
    out
}

/// Generates the list and the travellers. Pure: no I/O, no clock.
pub fn generate(spec: &WatchlistSpec) -> Synthetic {
    Synthetic {
        entries: entries(spec).collect(),
        travellers: travellers(spec),
    }
}

#[cfg(test)]
mod tests;

//! The names persons are drawn from: per origin, real names first (most
//! common first), then made ones, ranked so that a draw follows a Zipf-like
//! law — common names are common, the tail is long, and no single surname
//! fills the list.
//!
//! The vocabulary is the same for every seed (its own fixed seed), like the
//! names of a real population; the seed decides who is drawn from it. It is
//! built once per process.

use std::collections::HashSet;
use std::sync::OnceLock;

use super::grammar::{self, Grammar};
use super::lexicon;
use super::origin::{ALL, Origin};
use super::spelling::Speller;
use crate::rng::Rng;

/// Fixed: changing it changes every generated list.
const SEED: u64 = 0x05EE_D0F4_A3E5;

/// Zipf–Mandelbrot weights 1 / (rank + 1 + Q)^S: Q flattens the head so the
/// commonest name is a few percent of its origin, not a fifth; a smaller S
/// gives the tail more weight. Surnames are more spread than given names.
const Q: f64 = 2.0;
const S_GIVEN: f64 = 1.0;
const S_SURNAME: f64 = 0.85;

/// A name in canonical form with its passport spelling, and the number of
/// places where other spellings differ.
pub(super) struct Word {
    pub canon: Box<str>,
    pub standard: Box<str>,
    pub sites: usize,
}

/// A family name, with its feminine form where the origin has one.
pub(super) struct Surname {
    pub male: Word,
    pub female: Option<Word>,
}

impl Surname {
    pub(super) fn form(&self, female: bool) -> &Word {
        match (&self.female, female) {
            (Some(f), true) => f,
            _ => &self.male,
        }
    }
}

/// Items weighted by rank, drawn in constant time (Walker's alias method:
/// each slot holds its own item with some probability, else another's).
pub(super) struct Ranked<T> {
    pub items: Vec<T>,
    keep: Vec<f64>,
    alias: Vec<u32>,
}

impl<T> Ranked<T> {
    fn new(items: Vec<T>, s: f64) -> Self {
        let n = items.len();
        let weights: Vec<f64> = (0..n).map(|k| 1.0 / (k as f64 + 1.0 + Q).powf(s)).collect();
        let total: f64 = weights.iter().sum();
        let mut scaled: Vec<f64> = weights.iter().map(|w| w * n as f64 / total).collect();
        let mut keep = vec![1.0; n];
        let mut alias: Vec<u32> = (0..n as u32).collect();
        let (mut small, mut large): (Vec<usize>, Vec<usize>) =
            (0..n).partition(|&i| scaled[i] < 1.0);
        while let (Some(l), Some(g)) = (small.pop(), large.pop()) {
            keep[l] = scaled[l];
            alias[l] = g as u32;
            scaled[g] -= 1.0 - scaled[l];
            if scaled[g] < 1.0 {
                small.push(g);
            } else {
                large.push(g);
            }
        }
        Ranked { items, keep, alias }
    }

    pub(super) fn draw(&self, rng: &mut Rng) -> &T {
        let i = rng.below(self.items.len());
        let i = if rng.unit() < self.keep[i] {
            i
        } else {
            self.alias[i] as usize
        };
        &self.items[i]
    }
}

/// One origin's names and spelling rules.
pub(super) struct Names {
    pub origin: Origin,
    pub speller: Speller,
    pub male: Ranked<Word>,
    pub female: Ranked<Word>,
    pub surnames: Ranked<Surname>,
}

pub(super) struct Vocabulary {
    names: Vec<Names>,
}

impl Vocabulary {
    pub(super) fn get() -> &'static Vocabulary {
        static VOCABULARY: OnceLock<Vocabulary> = OnceLock::new();
        VOCABULARY.get_or_init(|| Vocabulary {
            names: ALL.iter().map(|&o| build(o)).collect(),
        })
    }

    pub(super) fn of(&self, origin: Origin) -> &Names {
        self.names
            .iter()
            .find(|n| n.origin == origin)
            .expect("every origin is built")
    }

    /// Distinct given names and surnames (feminine forms counted apart).
    #[cfg(test)]
    pub(super) fn sizes(&self) -> (usize, usize) {
        let mut given = 0;
        let mut surnames = 0;
        for n in &self.names {
            given += n.male.items.len() + n.female.items.len();
            surnames += n.surnames.items.len()
                + n.surnames
                    .items
                    .iter()
                    .filter(|s| s.female.is_some())
                    .count();
        }
        (given, surnames)
    }
}

/// How many names each origin has: given names (male, female) and
/// surnames. Real names come first; the grammar makes the rest, as many as
/// it can up to these.
fn targets(origin: Origin) -> (usize, usize, usize) {
    match origin {
        Origin::Azerbaijani => (1_600, 1_500, 8_000),
        Origin::Turkish => (1_150, 750, 5_000),
        Origin::Russian => (220, 120, 70_000),
        Origin::Arabic => (1_200, 700, 5_000),
        Origin::Persian => (650, 280, 10_000),
        Origin::European => (520, 650, 35_000),
        Origin::CentralAsian => (750, 300, 3_000),
        Origin::Georgian => (0, 0, 15_000),
        Origin::Armenian => (0, 0, 12_000),
    }
}

/// Seeds, then made names until `target` or until the grammar stops
/// giving new ones.
fn fill(
    seeds: &'static str,
    target: usize,
    rng: &mut Rng,
    mut make: impl FnMut(&mut Rng) -> Option<String>,
) -> Vec<String> {
    let mut seen: HashSet<String> = HashSet::new();
    let mut out: Vec<String> = Vec::new();
    for w in lexicon::words(seeds) {
        if seen.insert(w.clone()) {
            out.push(w);
        }
    }
    let mut misses = 0;
    while out.len() < target && misses < 2_000 {
        match make(rng) {
            Some(w) if seen.insert(w.clone()) => {
                out.push(w);
                misses = 0;
            }
            _ => misses += 1,
        }
    }
    out
}

fn build(origin: Origin) -> Names {
    let mut rng = Rng::derive(SEED, origin.label());
    let speller = Speller::new(origin);
    let grammar = Grammar::new(origin);
    let seeds = lexicon::seeds(origin);
    let (n_male, n_female, n_surnames) = targets(origin);
    let male = fill(seeds.male, n_male, &mut rng, |r| grammar.given(false, r));
    let female = fill(seeds.female, n_female, &mut rng, |r| grammar.given(true, r));
    let surnames = fill(seeds.surnames, n_surnames, &mut rng, |r| {
        Some(grammar.surname(r, &male))
    });
    let word = |canon: String| {
        let (standard, sites) = speller.spell(&canon);
        Word {
            standard: standard.into(),
            canon: canon.into(),
            sites,
        }
    };
    let surnames = surnames
        .into_iter()
        .map(|s| {
            let f = grammar::feminine(origin, &s);
            Surname {
                female: (f != s).then(|| word(f)),
                male: word(s),
            }
        })
        .collect();
    Names {
        origin,
        male: Ranked::new(male.into_iter().map(word).collect(), S_GIVEN),
        female: Ranked::new(female.into_iter().map(word).collect(), S_GIVEN),
        surnames: Ranked::new(surnames, S_SURNAME),
        speller,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_spelling_is_plain_latin() {
        let v = Vocabulary::get();
        for n in &v.names {
            let words = n.male.items.iter().chain(&n.female.items).chain(
                n.surnames
                    .items
                    .iter()
                    .flat_map(|s| std::iter::once(&s.male).chain(&s.female)),
            );
            for w in words {
                assert!(
                    w.standard
                        .chars()
                        .all(|c| c.is_ascii_uppercase() || " -'".contains(c)),
                    "{:?}: {} → {}",
                    n.origin,
                    w.canon,
                    w.standard
                );
                assert!(!w.standard.is_empty());
            }
        }
    }

    #[test]
    fn sizes() {
        let (given, surnames) = Vocabulary::get().sizes();
        assert!(given >= 10_000, "{given} given names");
        assert!(surnames >= 100_000, "{surnames} surnames");
    }
}

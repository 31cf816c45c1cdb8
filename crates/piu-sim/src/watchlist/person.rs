//! A person drawn from the vocabulary: names in the shape of their origin
//! (patronymics, a father's and grandfather's names, second given names),
//! sex, date of birth and nationalities. Listed persons and clean travellers
//! are drawn the same way, so that any resemblance between them happens at
//! the rate the distributions imply.

use std::borrow::Cow;

use time::{Date, Duration, Month};

use super::grammar;
use super::origin::{MIX, Origin, SECOND_NATIONALITIES};
use super::spelling::Spelled;
use super::vocabulary::{Names, Vocabulary};
use crate::rng::Rng;

/// Ages are counted to this day, so that output does not depend on the clock.
pub(super) fn reference_day() -> Date {
    Date::from_calendar_date(2026, Month::January, 1).expect("a valid date")
}

/// One word (or fixed group, such as `` `ABD AL-RaḤMĀN ``) of a name.
#[derive(Clone, Debug)]
pub(super) struct Part {
    pub canon: Cow<'static, str>,
    pub standard: Cow<'static, str>,
    /// Places where another spelling may differ.
    pub sites: usize,
    /// As the list writes it: the passport spelling, or another.
    pub text: String,
}

impl Part {
    pub(super) fn spelled(&self) -> Spelled<'_> {
        Spelled {
            canon: &self.canon,
            standard: &self.standard,
            sites: self.sites,
        }
    }
}

#[derive(Clone, Debug)]
pub(super) struct Person {
    pub origin: Origin,
    pub female: bool,
    pub given: Vec<Part>,
    /// Patronymic, father's and grandfather's names, with their particles
    /// (OĞLU, BIN) as parts of their own.
    pub middle: Vec<Part>,
    pub surname: Part,
    pub birth: Date,
    pub nationalities: Vec<&'static str>,
}

impl Person {
    pub(super) fn names(&self) -> &'static Names {
        Vocabulary::get().of(self.origin)
    }

    pub(super) fn part(&self, canon: Cow<'static, str>) -> Part {
        let (text, sites) = self.names().speller.spell(&canon);
        Part {
            canon,
            standard: Cow::Owned(text.clone()),
            sites,
            text,
        }
    }

    /// Every part, in given–middle–surname order.
    pub(super) fn parts(&self) -> impl Iterator<Item = &Part> {
        self.given
            .iter()
            .chain(&self.middle)
            .chain(std::iter::once(&self.surname))
    }

    pub(super) fn parts_mut(&mut self) -> impl Iterator<Item = &mut Part> {
        self.given
            .iter_mut()
            .chain(self.middle.iter_mut())
            .chain(std::iter::once(&mut self.surname))
    }
}

fn word(w: &'static super::vocabulary::Word) -> Part {
    Part {
        canon: Cow::Borrowed(&*w.canon),
        standard: Cow::Borrowed(&*w.standard),
        sites: w.sites,
        text: w.standard.to_string(),
    }
}

/// Age in years: few children, most persons between 20 and 60, some up to 90.
fn age(rng: &mut Rng) -> i64 {
    let band: &(i64, i64) = rng.weighted(&[
        ((1, 17), 4),
        ((18, 29), 22),
        ((30, 39), 26),
        ((40, 49), 22),
        ((50, 59), 14),
        ((60, 69), 8),
        ((70, 79), 3),
        ((80, 90), 1),
    ]);
    rng.range(band.0, band.1)
}

fn birth(rng: &mut Rng) -> Date {
    let days = age(rng) * 365 + rng.range(0, 364);
    reference_day() - Duration::days(days)
}

fn nationalities(rng: &mut Rng, origin: Origin) -> Vec<&'static str> {
    let n = *rng.weighted(&[(0usize, 5), (1, 80), (2, 13), (3, 2)]);
    let mut out: Vec<&'static str> = Vec::with_capacity(n);
    if n > 0 {
        out.push(*rng.weighted(origin.nationalities()));
    }
    while out.len() < n {
        let c = *rng.weighted(SECOND_NATIONALITIES);
        if !out.contains(&c) {
            out.push(c);
        }
    }
    out
}

/// A Russian-style patronymic in Latin letters, as Central Asian documents
/// write it: NURLANOVICH, ALIEVNA.
fn latin_patronymic(father: &str, female: bool) -> String {
    let vowel = father.ends_with(['A', 'E', 'I', 'O', 'U']);
    let stem = father.trim_end_matches(['A', 'E', 'I', 'O', 'U']);
    match (vowel, female) {
        (true, false) => format!("{stem}IEVICH"),
        (true, true) => format!("{stem}IEVNA"),
        (false, false) => format!("{father}OVICH"),
        (false, true) => format!("{father}OVNA"),
    }
}

/// Draws a person of an origin drawn by the list's mix.
pub(super) fn draw(rng: &mut Rng) -> Person {
    let origin = *rng.weighted(&MIX);
    let names = Vocabulary::get().of(origin);
    let female = rng.chance(0.28);
    let given_pool = if female { &names.female } else { &names.male };
    let mut given = vec![word(given_pool.draw(rng))];
    let second = match origin {
        Origin::European => 0.3,
        Origin::Turkish => 0.15,
        Origin::Persian => 0.08,
        _ => 0.0,
    };
    if rng.chance(second) {
        let g = word(given_pool.draw(rng));
        if g.canon != given[0].canon {
            given.push(g);
        }
    }
    let surname = word(
        names
            .surnames
            .draw(rng)
            .form(female && origin.gendered_surnames()),
    );
    let mut person = Person {
        origin,
        female,
        given,
        middle: Vec::new(),
        surname,
        birth: birth(rng),
        nationalities: nationalities(rng, origin),
    };
    person.middle = middle(&person, rng);
    // Lists often carry a name as another country's documents spell it.
    if matches!(
        origin,
        Origin::Azerbaijani
            | Origin::Russian
            | Origin::Arabic
            | Origin::Persian
            | Origin::CentralAsian
    ) && rng.chance(0.15)
    {
        let speller = &names.speller;
        let candidates: Vec<usize> = person
            .parts()
            .enumerate()
            .filter(|(_, p)| p.sites > 0)
            .map(|(i, _)| i)
            .collect();
        if !candidates.is_empty() {
            let pick = candidates[rng.below(candidates.len())];
            if let Some(p) = person.parts_mut().nth(pick) {
                p.text = speller.variant(&p.canon, p.sites, rng, 1);
            }
        }
    }
    person
}

fn fixed(person: &Person, canon: &'static str) -> Part {
    person.part(Cow::Borrowed(canon))
}

/// The names between given name and surname, as the origin writes them.
fn middle(person: &Person, rng: &mut Rng) -> Vec<Part> {
    let names = person.names();
    let father = |rng: &mut Rng| -> &'static str { &names.male.draw(rng).canon };
    let female = person.female;
    match person.origin {
        Origin::Russian if rng.chance(0.65) => {
            let p = grammar::russian_patronymic(father(rng), female);
            vec![person.part(Cow::Owned(p))]
        }
        Origin::Azerbaijani if rng.chance(0.35) => vec![
            person.part(Cow::Borrowed(father(rng))),
            fixed(person, if female { "QIZI" } else { "OĞLU" }),
        ],
        Origin::CentralAsian if rng.chance(0.3) => {
            let f = father(rng);
            match *rng.weighted(&[(0u8, 60), (1, 25), (2, 15)]) {
                0 => vec![person.part(Cow::Owned(latin_patronymic(f, female)))],
                1 => vec![
                    person.part(Cow::Borrowed(f)),
                    fixed(person, if female { "QIZI" } else { "ŎĞLI" }),
                ],
                _ => {
                    let marker = if female { "QYZY" } else { "ULY" };
                    vec![person.part(Cow::Owned(format!("{f}{marker}")))]
                }
            }
        }
        Origin::Arabic if rng.chance(0.75) => {
            let mut out = Vec::new();
            if rng.chance(0.35) {
                out.push(fixed(person, if female { "BiNT" } else { "BiN" }));
            }
            out.push(person.part(Cow::Borrowed(father(rng))));
            if rng.chance(0.35) {
                out.push(person.part(Cow::Borrowed(father(rng))));
            }
            out
        }
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_by_origin() {
        let mut rng = Rng::new(11);
        let mut patronymics = 0;
        let mut russians = 0;
        for _ in 0..3000 {
            let p = draw(&mut rng);
            assert!(!p.given.is_empty());
            assert!(p.birth < reference_day());
            let years = (reference_day() - p.birth).whole_days() / 365;
            assert!((1..=91).contains(&years), "{years}");
            if p.origin == Origin::Russian {
                russians += 1;
                patronymics += usize::from(!p.middle.is_empty());
                if p.female && p.surname.canon.ends_with("ОВ") {
                    panic!("masculine surname for a woman: {}", p.surname.canon);
                }
            }
        }
        assert!(patronymics * 2 > russians, "{patronymics} of {russians}");
        assert_eq!(latin_patronymic("NURLAN", false), "NURLANOVICH");
        assert_eq!(latin_patronymic("ALI", true), "ALIEVNA");
    }
}

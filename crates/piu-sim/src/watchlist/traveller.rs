//! Travellers as carriers send them: planted ones derived from an entry with
//! one change a careful reviewer would still call the same person, and clean
//! ones drawn like entries but independently of them.

use piu_model::Gender;
use piu_watchlist::{Entry, PartialDate};
use time::{Date, Month};

use super::SyntheticTraveller;
use super::entry::{Built, document_country};
use super::layout::{Order, Texts, cased};
use super::origin::SECOND_NATIONALITIES;
use super::person::{self, Person};
use crate::people::document_number;
use crate::rng::Rng;

/// The one change made to a planted traveller.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Variation {
    Exact,
    Typo,
    Transliteration,
    Order,
    MiddleDropped,
    Alias,
    DobSwap,
    DobDigit,
    DobYear,
    DobMissing,
    Document,
}

impl Variation {
    fn label(self) -> &'static str {
        match self {
            Variation::Exact => "exact",
            Variation::Typo => "typo",
            Variation::Transliteration => "transliteration",
            Variation::Order => "order",
            Variation::MiddleDropped => "middle-dropped",
            Variation::Alias => "alias",
            Variation::DobSwap => "dob-swap",
            Variation::DobDigit => "dob-digit",
            Variation::DobYear => "dob-year",
            Variation::DobMissing => "dob-missing",
            Variation::Document => "document",
        }
    }
}

/// The variations every screening must catch, by weight.
const WEIGHTS: [(Variation, u32); 11] = [
    (Variation::Exact, 10),
    (Variation::Typo, 16),
    (Variation::Transliteration, 16),
    (Variation::Order, 10),
    (Variation::MiddleDropped, 8),
    (Variation::Alias, 10),
    (Variation::DobSwap, 5),
    (Variation::DobDigit, 5),
    (Variation::DobYear, 5),
    (Variation::DobMissing, 6),
    (Variation::Document, 9),
];

/// Aliases a carrier could send: not weak, in Latin letters.
fn sendable_aliases(entry: &Entry) -> Vec<&str> {
    entry
        .names
        .iter()
        .enumerate()
        .skip(1)
        .filter(|(i, n)| !entry.weak_aliases.contains(i) && n.is_ascii())
        .map(|(_, n)| n.as_str())
        .collect()
}

fn typo_candidates(texts: &Texts) -> Vec<usize> {
    let n = texts.given.len() + texts.middle.len() + 1;
    (0..n)
        .filter(|&i| {
            texts
                .get(i)
                .split(' ')
                .any(|w| w.len() >= 4 && w.bytes().all(|b| b.is_ascii_uppercase()))
        })
        .collect()
}

fn feasible(v: Variation, b: &Built, texts: &Texts) -> bool {
    let p = &b.person;
    let full = PartialDate::full(p.birth);
    let has_full = b.entry.birth_dates.contains(&full);
    match v {
        Variation::Exact | Variation::Order => true,
        Variation::Typo => !typo_candidates(texts).is_empty(),
        Variation::Transliteration => p.parts().any(|x| x.sites > 0),
        Variation::MiddleDropped => !p.middle.is_empty() || p.given.len() > 1,
        Variation::Alias => !sendable_aliases(&b.entry).is_empty(),
        Variation::DobSwap => {
            has_full && p.birth.day() <= 12 && p.birth.day() != u8::from(p.birth.month())
        }
        Variation::DobDigit => has_full,
        Variation::DobYear | Variation::DobMissing => !b.entry.birth_dates.is_empty(),
        Variation::Document => !b.entry.documents.is_empty(),
    }
}

const QWERTY: [&str; 3] = ["QWERTYUIOP", "ASDFGHJKL", "ZXCVBNM"];

/// A key next to `c` on a QWERTY keyboard.
fn neighbour(c: u8, rng: &mut Rng) -> u8 {
    let mut near = Vec::new();
    for (r, row) in QWERTY.iter().enumerate() {
        if let Some(i) = row.bytes().position(|b| b == c) {
            let row = row.as_bytes();
            if i > 0 {
                near.push(row[i - 1]);
            }
            if i + 1 < row.len() {
                near.push(row[i + 1]);
            }
            for other in [r.wrapping_sub(1), r + 1] {
                if let Some(o) = QWERTY.get(other) {
                    near.extend(o.as_bytes().iter().skip(i.saturating_sub(1)).take(2));
                }
            }
        }
    }
    if near.is_empty() {
        c
    } else {
        near[rng.below(near.len())]
    }
}

fn letter(rng: &mut Rng) -> u8 {
    b'A' + rng.below(26) as u8
}

/// One slip in a word of at least four letters: a letter replaced (often by
/// a neighbouring key), added, dropped, or two swapped; rarely the first.
pub(super) fn typo(word: &str, rng: &mut Rng) -> String {
    let mut w: Vec<u8> = word.bytes().collect();
    let n = w.len();
    let pos = if rng.chance(0.9) {
        1 + rng.below(n - 1)
    } else {
        0
    };
    match *rng.weighted(&[(0u8, 35), (1, 20), (2, 20), (3, 25)]) {
        1 => {
            let c = if rng.chance(0.5) { w[pos] } else { letter(rng) };
            w.insert(pos, c);
        }
        2 => {
            w.remove(pos);
        }
        3 if {
            let p = pos.min(n - 2);
            w[p] != w[p + 1]
        } =>
        {
            let p = pos.min(n - 2);
            w.swap(p, p + 1);
        }
        _ => {
            let old = w[pos];
            let mut c = old;
            for _ in 0..10 {
                c = if rng.chance(0.6) {
                    neighbour(old, rng)
                } else {
                    letter(rng)
                };
                if c != old {
                    break;
                }
            }
            if c == old {
                c = if old == b'A' { b'E' } else { b'A' };
            }
            w[pos] = c;
        }
    }
    String::from_utf8(w).unwrap_or_else(|_| word.to_string())
}

/// One digit of a full date changed, the result still a date.
fn digit_changed(d: Date, rng: &mut Rng) -> Option<Date> {
    let s = format!("{:04}{:02}{:02}", d.year(), u8::from(d.month()), d.day());
    for _ in 0..30 {
        let pos = *rng.pick(&[2usize, 3, 3, 5, 6, 7, 7]);
        let mut b = s.clone().into_bytes();
        let old = b[pos];
        let new = b'0' + rng.below(10) as u8;
        if new == old {
            continue;
        }
        b[pos] = new;
        let t = String::from_utf8(b).ok()?;
        let year: i32 = t[0..4].parse().ok()?;
        let month: u8 = t[4..6].parse().ok()?;
        let day: u8 = t[6..8].parse().ok()?;
        let Ok(month) = Month::try_from(month) else {
            continue;
        };
        if let Ok(date) = Date::from_calendar_date(year, month, day)
            && date < person::reference_day()
            && year >= 1920
        {
            return Some(date);
        }
    }
    None
}

/// Letters and digits that scanners and typists confuse.
const CONFUSABLE: &[(char, char)] = &[
    ('0', 'O'),
    ('O', '0'),
    ('1', 'I'),
    ('I', '1'),
    ('5', 'S'),
    ('8', 'B'),
];

/// A document number with one character changed: a confusable pair, or one
/// digit or letter mistyped.
fn number_changed(number: &str, rng: &mut Rng) -> String {
    let chars: Vec<char> = number.chars().collect();
    let confusable: Vec<usize> = (0..chars.len())
        .filter(|&i| CONFUSABLE.iter().any(|(a, _)| *a == chars[i]))
        .collect();
    let mut out = chars.clone();
    if !confusable.is_empty() && rng.chance(0.5) {
        let i = confusable[rng.below(confusable.len())];
        out[i] = CONFUSABLE
            .iter()
            .find(|(a, _)| *a == chars[i])
            .map_or(chars[i], |(_, b)| *b);
    } else if !chars.is_empty() {
        let i = rng.below(chars.len());
        loop {
            let c = if chars[i].is_ascii_digit() {
                char::from(b'0' + rng.below(10) as u8)
            } else {
                char::from(letter(rng))
            };
            if c != chars[i] {
                out[i] = c;
                break;
            }
        }
    }
    out.into_iter().collect()
}

fn gender(person: &Person, rng: &mut Rng) -> Option<Gender> {
    rng.chance(0.94)
        .then_some(if person.female { Gender::F } else { Gender::M })
}

/// A passport of the traveller's own, not the one on the list.
fn fresh_document(
    person: &Person,
    nationality: Option<&str>,
    rng: &mut Rng,
) -> (Option<String>, Option<String>) {
    let country = nationality.unwrap_or_else(|| document_country(person));
    (
        Some(document_number(rng, country, "P")),
        Some(country.to_string()),
    )
}

/// Listed persons who travel on a passport of a state the list does not name
/// for them (a nationality acquired since, one the source never knew): this
/// many in a hundred.
const OTHER_PASSPORT: f64 = 0.05;

/// Now and then, a nationality the entry does not hold, drawn as second
/// nationalities are.
fn other_passport(entry: &Entry, rng: &mut Rng) -> Option<&'static str> {
    if !rng.chance(OTHER_PASSPORT) {
        return None;
    }
    (0..10)
        .map(|_| *rng.weighted(SECOND_NATIONALITIES))
        .find(|c| !entry.nationalities.iter().any(|n| n == c))
}

/// A traveller derived from an entry, with one variation.
pub(super) fn planted(b: &Built, rng: &mut Rng) -> SyntheticTraveller {
    let person = &b.person;
    let entry = &b.entry;
    let mut texts = Texts::of(person);
    let feasible: Vec<(Variation, u32)> = WEIGHTS
        .iter()
        .copied()
        .filter(|(v, _)| feasible(*v, b, &texts))
        .collect();
    let variation = *rng.weighted(&feasible);
    let mut order = if b.order.surname_first() {
        Order::SurnameFirst
    } else {
        Order::GivenFirst
    };
    let title = rng.chance(0.12);
    let mut birth = Some(PartialDate::full(person.birth));
    let nationality = (!entry.nationalities.is_empty() && rng.chance(0.94))
        .then(|| entry.nationalities[rng.below(entry.nationalities.len())].clone());
    let mut name = None;
    match variation {
        Variation::Exact => {}
        Variation::Typo => {
            let candidates = typo_candidates(&texts);
            let i = candidates[rng.below(candidates.len())];
            let part = texts.get_mut(i);
            let words: Vec<&str> = part.split(' ').collect();
            let long: Vec<usize> = (0..words.len())
                .filter(|&k| {
                    words[k].len() >= 4 && words[k].bytes().all(|c| c.is_ascii_uppercase())
                })
                .collect();
            let k = long[rng.below(long.len())];
            let changed: Vec<String> = words
                .iter()
                .enumerate()
                .map(|(j, w)| if j == k { typo(w, rng) } else { w.to_string() })
                .collect();
            *part = changed.join(" ");
        }
        Variation::Transliteration => {
            let speller = &person.names().speller;
            let sites: Vec<usize> = person
                .parts()
                .enumerate()
                .filter(|(_, x)| x.sites > 0)
                .map(|(i, _)| i)
                .collect();
            let changes = if sites.len() > 1 && rng.chance(0.3) {
                2
            } else {
                1
            };
            let mut done: Vec<usize> = Vec::new();
            while done.len() < changes {
                let i = sites[rng.below(sites.len())];
                if done.contains(&i) {
                    continue;
                }
                done.push(i);
                let Some(part) = person.parts().nth(i) else {
                    break;
                };
                if let Some(other) = speller.other(&part.spelled(), rng, &[&part.text]) {
                    *texts.get_mut(i) = other;
                }
            }
        }
        Variation::Order => {
            order = if b.order.surname_first() {
                Order::GivenFirst
            } else if rng.chance(0.6) {
                Order::SurnameFirst
            } else {
                Order::Pnr
            };
        }
        Variation::MiddleDropped => {
            texts.middle.clear();
            texts.given.truncate(1);
        }
        Variation::Alias => {
            let aliases = sendable_aliases(entry);
            let a = aliases[rng.below(aliases.len())];
            let a = a.replace(',', " ");
            let a = a.split_whitespace().collect::<Vec<_>>().join(" ");
            name = Some(if rng.chance(0.88) {
                a.to_ascii_uppercase()
            } else {
                a
            });
        }
        Variation::DobSwap => {
            let d = person.birth;
            birth = Month::try_from(d.day())
                .ok()
                .and_then(|m| Date::from_calendar_date(d.year(), m, u8::from(d.month())).ok())
                .map(PartialDate::full);
        }
        Variation::DobDigit => {
            birth = Some(match digit_changed(person.birth, rng) {
                Some(d) => PartialDate::full(d),
                None => PartialDate::year(person.birth.year()),
            });
        }
        Variation::DobYear => birth = Some(PartialDate::year(person.birth.year())),
        Variation::DobMissing => birth = None,
        Variation::Document => {}
    }
    let name = name.unwrap_or_else(|| cased(texts.lay_out(order), title && order != Order::Pnr));
    let (document_number, document_country) = if variation == Variation::Document {
        let d = &entry.documents[0];
        (Some(number_changed(&d.number, rng)), d.country.clone())
    } else if !entry.documents.is_empty() {
        match *rng.weighted(&[(0u8, 50), (1, 20), (2, 30)]) {
            0 => (
                Some(entry.documents[0].number.clone()),
                entry.documents[0].country.clone(),
            ),
            1 => fresh_document(person, nationality.as_deref(), rng),
            _ => (None, None),
        }
    } else if rng.chance(0.7) {
        fresh_document(person, nationality.as_deref(), rng)
    } else {
        (None, None)
    };
    let gender = gender(person, rng);
    // Drawn last, so that every other choice above stays as it was.
    let (nationality, document_number, document_country) = match other_passport(entry, rng) {
        Some(country)
            if variation != Variation::Document
                && !entry
                    .documents
                    .iter()
                    .any(|d| Some(&d.number) == document_number.as_ref()) =>
        {
            let (number, country) = fresh_document(person, Some(country), rng);
            (country.clone(), number, country)
        }
        _ => (nationality, document_number, document_country),
    };
    SyntheticTraveller {
        id: String::new(),
        name,
        gender,
        birth_date: birth,
        nationality,
        document_number,
        document_country,
        planted: Some(entry.id.clone()),
        variation: variation.label(),
    }
}

/// A traveller drawn like an entry, unrelated to any.
pub(super) fn clean(rng: &mut Rng) -> SyntheticTraveller {
    let person = person::draw(rng);
    let mut texts = Texts::of(&person);
    if !texts.middle.is_empty() && rng.chance(0.4) {
        texts.middle.clear();
    }
    let order = *rng.weighted(&[
        (Order::SurnameFirst, 62),
        (Order::GivenFirst, 30),
        (Order::Pnr, 8),
    ]);
    let title = order != Order::Pnr && rng.chance(0.12);
    let nationality = person
        .nationalities
        .first()
        .filter(|_| rng.chance(0.94))
        .map(|c| c.to_string());
    let (document_number, document_country) = if rng.chance(0.7) {
        fresh_document(&person, nationality.as_deref(), rng)
    } else {
        (None, None)
    };
    SyntheticTraveller {
        id: String::new(),
        name: cased(texts.lay_out(order), title),
        gender: gender(&person, rng),
        birth_date: rng.chance(0.96).then(|| PartialDate::full(person.birth)),
        nationality,
        document_number,
        document_country,
        planted: None,
        variation: "clean",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_change_one_thing() {
        let mut rng = Rng::new(3);
        for _ in 0..500 {
            let t = typo("MAMMADOV", &mut rng);
            assert_ne!(t, "MAMMADOV");
            assert!((7..=9).contains(&t.len()), "{t}");
        }
    }

    #[test]
    fn documents_change_one_character() {
        let mut rng = Rng::new(4);
        for _ in 0..200 {
            let n = number_changed("C1234507", &mut rng);
            assert_eq!(n.len(), 8);
            let diff = n
                .chars()
                .zip("C1234507".chars())
                .filter(|(a, b)| a != b)
                .count();
            assert_eq!(diff, 1, "{n}");
        }
    }

    #[test]
    fn date_digits() {
        let mut rng = Rng::new(5);
        let d = Date::from_calendar_date(1975, Month::October, 11).unwrap();
        for _ in 0..100 {
            let e = digit_changed(d, &mut rng).unwrap();
            let a = format!("{d}");
            let b = format!("{e}");
            assert_eq!(
                a.chars().zip(b.chars()).filter(|(x, y)| x != y).count(),
                1,
                "{b}"
            );
        }
    }
}

//! A listed person as a list carries it: a primary name, aliases (other
//! spellings, another order, a maiden or reformed surname, the name in its own
//! letters, nicknames the source calls weak), partial or doubtful dates of
//! birth, nationalities and sometimes a passport.

use std::borrow::Cow;

use piu_model::Gender;
use piu_watchlist::{Document, Entry, NameParts, PartialDate, Provenance};
use time::Date;

use super::grammar;
use super::layout::{Order, Texts, cased, same};
use super::origin::Origin;
use super::person::{self, Person};
use super::spelling::{has_native_form, title_case};
use crate::people::document_number;
use crate::rng::Rng;

/// An entry with the person behind it and how its primary name is laid out,
/// so that travellers can be derived from it.
pub(super) struct Built {
    pub entry: Entry,
    pub person: Person,
    pub order: Order,
}

pub(super) fn entry_id(n: usize) -> String {
    format!("E{:07}", n + 1)
}

/// Entry `n` of a list, drawn from its own stream so that it can be rebuilt
/// alone.
pub(super) fn build(rng: &mut Rng, n: usize) -> Built {
    let person = person::draw(rng);
    let title = rng.chance(0.2);
    let texts = Texts::of(&person);
    let listed = rng.chance(0.65);
    let surname_first_plain = matches!(
        person.origin,
        Origin::Russian | Origin::Azerbaijani | Origin::CentralAsian
    ) && rng.chance(0.5);
    let order = if listed {
        Order::Listed
    } else if surname_first_plain {
        Order::SurnameFirst
    } else {
        Order::GivenFirst
    };
    let primary = cased(texts.lay_out(order), title);
    let name_parts = listed.then(|| NameParts {
        first: cased(texts.given.join(" "), title),
        middle: cased(texts.middle.join(" "), title),
        last: cased(texts.surname.clone(), title),
    });
    let mut names = vec![primary];
    let mut weak_aliases = Vec::new();
    let count = *rng.weighted(&[(0usize, 25), (1, 30), (2, 25), (3, 12), (4, 8)]);
    let mut attempts = 0;
    while names.len() <= count && attempts < count * 4 {
        attempts += 1;
        let Some((alias, weak)) = alias(&person, order, title, rng) else {
            continue;
        };
        if alias.contains([';', '|']) || names.iter().any(|n| same(n, &alias)) {
            continue;
        }
        if weak {
            weak_aliases.push(names.len());
        }
        names.push(alias);
    }
    let gender = rng
        .chance(0.95)
        .then_some(if person.female { Gender::F } else { Gender::M });
    let birth_dates = birth_dates(person.birth, rng);
    let documents = documents(&person, rng);
    let category = rng
        .weighted(&[
            (Some("wanted"), 35),
            (Some("sanctions"), 25),
            (Some("terrorism"), 15),
            (Some("organised-crime"), 10),
            (None, 15),
        ])
        .map(str::to_string);
    let id = entry_id(n);
    let entry = Entry {
        names,
        weak_aliases,
        name_parts,
        gender,
        birth_dates,
        nationalities: person.nationalities.iter().map(|c| c.to_string()).collect(),
        documents,
        category,
        list: None,
        provenance: Provenance {
            source: "synthetic".to_string(),
            locator: format!("entry {}", n + 1),
            source_id: Some(id.clone()),
        },
        id,
    };
    Built {
        entry,
        person,
        order,
    }
}

/// Dates as lists hold them: mostly the full date, sometimes only the year or
/// the month, sometimes two candidates, sometimes none.
fn birth_dates(birth: Date, rng: &mut Rng) -> Vec<PartialDate> {
    let full = PartialDate::full(birth);
    match *rng.weighted(&[(0u8, 85), (1, 5), (2, 3), (3, 2), (4, 5)]) {
        0 => vec![full],
        1 => vec![PartialDate::year(birth.year())],
        2 => vec![PartialDate::year_month(
            birth.year(),
            u8::from(birth.month()),
        )],
        3 => {
            let shift = if rng.chance(0.5) { 1 } else { -1 } * rng.range(1, 2) as i32;
            let other = birth
                .replace_year(birth.year() + shift)
                .map_or(PartialDate::year(birth.year() + shift), PartialDate::full);
            if rng.chance(0.5) {
                vec![full, other]
            } else {
                vec![other, full]
            }
        }
        _ => Vec::new(),
    }
}

/// The issuing state of a person's documents.
pub(super) fn document_country(person: &Person) -> &'static str {
    person
        .nationalities
        .first()
        .copied()
        .unwrap_or(person.origin.nationalities()[0].0)
}

fn documents(person: &Person, rng: &mut Rng) -> Vec<Document> {
    if !rng.chance(0.4) {
        return Vec::new();
    }
    let country = document_country(person);
    let mut out = vec![Document {
        number: document_number(rng, country, "P"),
        kind: Some("passport".to_string()),
        country: Some(country.to_string()),
    }];
    if rng.chance(0.06) {
        out.push(Document {
            number: document_number(rng, country, "I"),
            kind: Some("national-id".to_string()),
            country: Some(country.to_string()),
        });
    }
    out
}

/// What an alias is.
#[derive(Clone, Copy)]
enum Kind {
    Spelling,
    Order,
    Short,
    OtherSurname,
    Native,
    Weak,
}

/// One alias and whether it is weak.
fn alias(person: &Person, order: Order, title: bool, rng: &mut Rng) -> Option<(String, bool)> {
    let kind = *rng.weighted(&[
        (Kind::Spelling, 40),
        (Kind::Order, 12),
        (Kind::Short, 12),
        (Kind::OtherSurname, 10),
        (Kind::Native, 10),
        (Kind::Weak, 16),
    ]);
    let plain = if order.surname_first() {
        Order::SurnameFirst
    } else {
        Order::GivenFirst
    };
    let mut texts = Texts::of(person);
    let out = match kind {
        Kind::Spelling => {
            let speller = &person.names().speller;
            let sites: Vec<usize> = person
                .parts()
                .enumerate()
                .filter(|(_, p)| p.sites > 0)
                .map(|(i, _)| i)
                .collect();
            if sites.is_empty() {
                return None;
            }
            let changes = if rng.chance(0.7) { 1 } else { 2 };
            for _ in 0..changes {
                let i = sites[rng.below(sites.len())];
                let part = person.parts().nth(i)?;
                let current = texts.get(i).to_string();
                *texts.get_mut(i) = speller.other(&part.spelled(), rng, &[&current, &part.text])?;
            }
            let layout = if order == Order::Listed && rng.chance(0.3) {
                Order::Listed
            } else {
                plain
            };
            texts.lay_out(layout)
        }
        Kind::Order => texts.lay_out(if order.surname_first() {
            Order::GivenFirst
        } else {
            Order::SurnameFirst
        }),
        Kind::Short => {
            if texts.middle.is_empty() && texts.given.len() < 2 {
                return None;
            }
            texts.middle.clear();
            texts.given.truncate(1);
            texts.lay_out(plain)
        }
        Kind::OtherSurname => {
            texts.surname = other_surname(person, rng)?;
            texts.middle.clear();
            texts.lay_out(plain)
        }
        Kind::Native => return native(person, order, rng).map(|n| (n, false)),
        Kind::Weak => return weak(person, rng).map(|(s, w)| (cased(s, title), w)),
    };
    Some((cased(out, title), false))
}

/// A maiden name for a woman; for a man the surname as reformed
/// (MƏMMƏDOV → MƏMMƏDLİ) or without its article (AL-HASHIMI → HASHIMI).
fn other_surname(person: &Person, rng: &mut Rng) -> Option<String> {
    let names = person.names();
    if person.female {
        let s = names
            .surnames
            .draw(rng)
            .form(person.origin.gendered_surnames());
        return (*s.canon != *person.surname.canon).then(|| s.standard.to_string());
    }
    let canon: &str = &person.surname.canon;
    let reformed = match person.origin {
        Origin::Azerbaijani => {
            let stem = canon
                .strip_suffix("YEV")
                .or_else(|| canon.strip_suffix("OV"))?;
            format!("{stem}{}", grammar::li(stem))
        }
        Origin::Arabic => canon.strip_prefix("AL-")?.to_string(),
        _ => return None,
    };
    Some(names.speller.standard(&reformed))
}

/// The name in its own letters: Cyrillic, Azerbaijani or Turkish letters,
/// European accents.
fn native(person: &Person, order: Order, rng: &mut Rng) -> Option<String> {
    if !has_native_form(person.origin) {
        return None;
    }
    let canon: Vec<&str> = person.parts().map(|p| &*p.canon).collect();
    if canon.iter().all(|c| c.is_ascii()) {
        return None;
    }
    let (surname, fore) = canon.split_last()?;
    let fore = fore.join(" ");
    let s = if order.surname_first() {
        format!("{surname} {fore}")
    } else {
        format!("{fore} {surname}")
    };
    let turkic = matches!(person.origin, Origin::Azerbaijani | Origin::Turkish);
    Some(if rng.chance(0.7) {
        title_case(&s, turkic)
    } else {
        s
    })
}

#[rustfmt::skip]
const DIMINUTIVES: &[(&str, &str)] = &[
    ("АЛЕКСАНДР", "САША"), ("СЕРГЕЙ", "СЕРЁЖА"), ("ДМИТРИЙ", "ДИМА"), ("АНДРЕЙ", "АНДРЮША"),
    ("АЛЕКСЕЙ", "ЛЁША"), ("МАКСИМ", "МАКС"), ("ЕВГЕНИЙ", "ЖЕНЯ"), ("ИВАН", "ВАНЯ"),
    ("МИХАИЛ", "МИША"), ("НИКОЛАЙ", "КОЛЯ"), ("ВЛАДИМИР", "ВОВА"), ("ПАВЕЛ", "ПАША"),
    ("ЮРИЙ", "ЮРА"), ("ВИКТОР", "ВИТЯ"), ("ВЯЧЕСЛАВ", "СЛАВА"), ("КОНСТАНТИН", "КОСТЯ"),
    ("ВАСИЛИЙ", "ВАСЯ"), ("ПЁТР", "ПЕТЯ"), ("ГРИГОРИЙ", "ГРИША"), ("ФЁДОР", "ФЕДЯ"),
    ("ЕЛЕНА", "ЛЕНА"), ("ОЛЬГА", "ОЛЯ"), ("ТАТЬЯНА", "ТАНЯ"), ("НАТАЛЬЯ", "НАТАША"),
    ("ИРИНА", "ИРА"), ("СВЕТЛАНА", "СВЕТА"), ("МАРИЯ", "МАША"), ("ЕКАТЕРИНА", "КАТЯ"),
    ("ЮЛИЯ", "ЮЛЯ"), ("АНАСТАСИЯ", "НАСТЯ"), ("ДАРЬЯ", "ДАША"), ("КСЕНИЯ", "КСЮША"),
    ("ЛЮДМИЛА", "ЛЮДА"), ("ГАЛИНА", "ГАЛЯ"), ("НАДЕЖДА", "НАДЯ"),
];

/// Nicknames by origin, in canonical form.
fn nicknames(origin: Origin) -> &'static [&'static str] {
    match origin {
        Origin::Russian => &[
            "ЖУК",
            "ХИМИК",
            "ДОКТОР",
            "ЛЫСЫЙ",
            "БЕЛЫЙ",
            "ЧЁРНЫЙ",
            "МАЛЫШ",
            "КАБАН",
            "ВОЛК",
            "ЯКУТ",
            "ГРЕК",
            "ДЕД",
            "ТАТАРИН",
        ],
        Origin::Azerbaijani => &[
            "QARA", "BALACA", "UZUN", "DƏLİ", "ŞAXTA", "TOPAL", "KEÇƏL", "SARI",
        ],
        Origin::Turkish => &["KARA", "DELİ", "TOPAL", "SARI", "UZUN", "REİS", "HOCA"],
        Origin::Arabic => &["AL-ŠAYḪ", "AL-DuKTŪR", "AL-`IRĀQĪ", "AL-MuHĀJiR"],
        Origin::Persian => &["DOKTOR", "MOHANDES", "ḤĀJĪ"],
        Origin::European => &["DOC", "PROFESSOR", "LE GRAND", "IL NERO", "THE DUTCHMAN"],
        Origin::CentralAsian => &["QORA", "ULUĞ", "KICHIK", "BOSS"],
        Origin::Georgian => &["TETRA", "SHAVI", "DIDI", "PATARA"],
        Origin::Armenian => &["SEV", "SPITAK", "MEC", "POKR"],
    }
}

/// A weak alias: a nickname alone, initial and surname, a kunya (ABU
/// HAMZA); or a diminutive with the surname, which is not weak.
fn weak(person: &Person, rng: &mut Rng) -> Option<(String, bool)> {
    let names = person.names();
    let speller = &names.speller;
    if person.origin == Origin::Russian
        && let Some((_, short)) = DIMINUTIVES
            .iter()
            .find(|(n, _)| *n == &*person.given[0].canon)
        && rng.chance(0.5)
    {
        return Some((
            format!("{} {}", speller.standard(short), person.surname.text),
            false,
        ));
    }
    if person.origin == Origin::Arabic && !person.female && rng.chance(0.6) {
        let son = &names.male.draw(rng).canon;
        return Some((speller.standard(&format!("ABŪ {son}")), true));
    }
    if rng.chance(0.5) {
        let initial = person.given[0].text.chars().next()?;
        return Some((format!("{initial}. {}", person.surname.text), true));
    }
    let nick = *rng.pick(nicknames(person.origin));
    let nick = person.part(Cow::Borrowed(nick)).text;
    Some((nick, true))
}

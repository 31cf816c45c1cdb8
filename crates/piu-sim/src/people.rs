//! Persons: identity, documents and contacts drawn from the pools, and the ways
//! messages spell them.
//!
//! A person has one passport spelling (ICAO transliteration, what API data
//! carries, since it is read from the document) and a booked spelling (what an
//! agent or the traveller typed into the PNR): usually the same, sometimes a
//! Russian-style or older variant, with a patronymic, or with diacritics.

use piu_model::Gender;
use time::{Date, Duration};

use crate::pools::{self, Origin};
use crate::rng::Rng;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Age {
    Adult,
    Child,
    Infant,
}

#[derive(Clone, Debug)]
pub struct Document {
    pub kind: &'static str,
    pub number: String,
    pub country: &'static str,
    pub issued: Date,
    pub expiry: Date,
}

#[derive(Clone, Debug)]
pub struct Person {
    pub origin: Origin,
    pub gender: Gender,
    pub age: Age,
    pub birth: Date,
    pub nationality: &'static str,
    pub residence: &'static str,
    pub birth_place: String,
    /// Name in its own orthography (Azerbaijani, Turkish letters), upper case.
    pub native_surname: String,
    pub native_given: String,
    /// As printed in the passport (ICAO 9303 Latin).
    pub surname: String,
    pub given: String,
    /// As typed into the booking.
    pub booked_surname: String,
    pub booked_given: String,
    pub title: Option<&'static str>,
    pub passport: Document,
    pub phone: String,
    pub email: Option<String>,
}

/// A surname (or given name) pool entry with the variant the booking will use.
fn spellings(
    rng: &mut Rng,
    origin: Origin,
    entry: &'static str,
    feminine: bool,
) -> (String, String, Option<String>) {
    let native = pools::native(entry);
    let fem = |s: &str| {
        if feminine {
            pools::feminine(s)
        } else {
            s.to_string()
        }
    };
    let passport = fem(&pools::passport_spelling(origin, native));
    let variants: Vec<&str> = pools::variants(entry).collect();
    let variant = (!variants.is_empty()).then(|| fem(variants[rng.below(variants.len())]));
    (fem(native), passport, variant)
}

const RU_PATRONYMICS: &[(&str, &str)] = &[
    ("IVANOVICH", "IVANOVNA"),
    ("SERGEEVICH", "SERGEEVNA"),
    ("ALEKSANDROVICH", "ALEKSANDROVNA"),
    ("VLADIMIROVICH", "VLADIMIROVNA"),
    ("NIKOLAEVICH", "NIKOLAEVNA"),
    ("PAVLOVICH", "PAVLOVNA"),
    ("MIKHAILOVICH", "MIKHAILOVNA"),
    ("ANDREEVICH", "ANDREEVNA"),
    ("VIKTOROVICH", "VIKTOROVNA"),
    ("IUREVICH", "IUREVNA"),
];

fn patronymic(rng: &mut Rng, origin: Origin, gender: Gender) -> Option<String> {
    let female = gender == Gender::F;
    match origin {
        Origin::Azerbaijani => {
            let males = pools::pool(origin).male;
            let father =
                pools::passport_spelling(origin, pools::native(males[rng.below(males.len())]));
            Some(format!("{father} {}", if female { "GIZI" } else { "OGLU" }))
        }
        Origin::Russian => {
            let (m, f) = rng.pick(RU_PATRONYMICS);
            Some((if female { *f } else { *m }).to_string())
        }
        _ => None,
    }
}

fn birth_places(nat: &str) -> &'static [&'static str] {
    match nat {
        "AZE" => &[
            "BAKU",
            "GANJA",
            "SUMGAYIT",
            "SHAKI",
            "LANKARAN",
            "NAKHCHIVAN",
            "GUBA",
            "SHAMAKHI",
            "MINGACHEVIR",
        ],
        "RUS" => &[
            "MOSCOW",
            "SAINT PETERSBURG",
            "KAZAN",
            "ROSTOV-NA-DONU",
            "DERBENT",
            "SAMARA",
        ],
        "TUR" => &["ISTANBUL", "ANKARA", "IZMIR", "KARS", "IGDIR", "TRABZON"],
        "IRN" => &["TEHRAN", "TABRIZ", "ARDABIL", "MASHHAD", "ISFAHAN"],
        "GEO" => &["TBILISI", "MARNEULI", "KUTAISI", "BATUMI"],
        "KAZ" => &["ALMATY", "AKTAU", "SHYMKENT", "ASTANA"],
        "UZB" => &["TASHKENT", "SAMARKAND", "BUKHARA"],
        "IND" => &["NEW DELHI", "MUMBAI", "HYDERABAD", "KOLKATA", "CHENNAI"],
        _ => &[],
    }
}

/// A passport or identity-card number in the issuing state's format.
pub fn document_number(rng: &mut Rng, country: &str, kind: &str) -> String {
    const UPPER: &str = "ABCDEFGHJKLMNPRSTUVWXYZ";
    match (country, kind) {
        ("AZE", "I") => format!("AA{}", rng.digits(7)),
        ("AZE", _) => format!("C{}", rng.digits(7)),
        ("RUS", _) => format!("7{}", rng.digits(8)),
        ("TUR", _) => format!("U{}", rng.digits(8)),
        ("IRN", _) => format!("{}{}", rng.chars("KXZ", 1), rng.digits(8)),
        ("IND", _) => format!("{}{}", rng.chars("JKLMNPRSTUVWZ", 1), rng.digits(7)),
        ("DEU", _) => format!("C{}", rng.chars("CFGHJKLMNPRTVWXYZ0123456789", 8)),
        ("GBR" | "USA" | "ISR" | "SWE", _) => rng.digits(9),
        ("FRA" | "GEO", _) => format!("{}{}{}", rng.digits(2), rng.chars(UPPER, 2), rng.digits(5)),
        ("KAZ", _) => format!("N{}", rng.digits(8)),
        ("UZB", _) => format!("FA{}", rng.digits(7)),
        ("KGZ", _) => format!("AC{}", rng.digits(7)),
        ("CHN" | "HKG", _) => format!("E{}", rng.digits(8)),
        ("BLR", _) => format!("MP{}", rng.digits(7)),
        ("NLD", _) => rng.chars("ABCDEFGHJKLMNPRSTUVWXYZ0123456789", 9),
        ("CAN", _) => format!("{}{}", rng.chars(UPPER, 2), rng.digits(6)),
        _ => format!("{}{}", rng.chars(UPPER, 2), rng.digits(7)),
    }
}

/// A document valid on `travel`: issued up to ten years before it.
pub fn document(
    rng: &mut Rng,
    country: &'static str,
    kind: &'static str,
    birth: Date,
    travel: Date,
) -> Document {
    let years: i64 = if travel - birth < Duration::days(16 * 365) {
        5
    } else {
        10
    };
    let max_age = (years * 365 - 30).min((travel - birth).whole_days().max(1));
    let issued = travel - Duration::days(rng.range(10, max_age.max(11)));
    let expiry = issued + Duration::days(years * 365 + years / 4 - 1);
    Document {
        kind,
        number: document_number(rng, country, kind),
        country,
        issued,
        expiry,
    }
}

fn phone(rng: &mut Rng, country: &str) -> String {
    match country {
        "AZE" => format!(
            "994{}{}",
            rng.pick(&["50", "51", "55", "70", "77", "99", "10"]),
            rng.digits(7)
        ),
        "RUS" => format!("79{}", rng.digits(9)),
        "TUR" => format!("905{}", rng.digits(9)),
        "IRN" => format!("989{}", rng.digits(9)),
        "ARE" => format!("9715{}", rng.digits(8)),
        "SAU" => format!("9665{}", rng.digits(8)),
        "QAT" => format!("974{}{}", rng.pick(&["3", "5", "6", "7"]), rng.digits(7)),
        "IND" => format!("91{}{}", rng.pick(&["9", "8", "7"]), rng.digits(9)),
        "DEU" => format!("4915{}", rng.digits(9)),
        "GBR" => format!("447{}", rng.digits(9)),
        "FRA" => format!("336{}", rng.digits(8)),
        "ITA" => format!("393{}", rng.digits(9)),
        "KAZ" => format!("77{}", rng.digits(9)),
        "UZB" => format!("99890{}", rng.digits(7)),
        "GEO" => format!("9955{}", rng.digits(8)),
        "CHN" => format!("861{}", rng.digits(10)),
        _ => format!("1{}", rng.digits(10)),
    }
}

fn email(rng: &mut Rng, given: &str, surname: &str, country: &str, birth: Date) -> String {
    let domain = match country {
        "RUS" => *rng.pick(&["MAIL.RU", "YANDEX.RU", "GMAIL.COM"]),
        "AZE" => *rng.pick(&["GMAIL.COM", "MAIL.RU", "MAIL.AZ", "OUTLOOK.COM"]),
        "TUR" => *rng.pick(&["GMAIL.COM", "HOTMAIL.COM", "YAHOO.COM.TR"]),
        _ => *rng.pick(&["GMAIL.COM", "OUTLOOK.COM", "YAHOO.COM", "HOTMAIL.COM"]),
    };
    let clean = |s: &str| -> String { s.chars().filter(char::is_ascii_alphabetic).collect() };
    let g = clean(given.split(' ').next().unwrap_or(given));
    let s = clean(surname);
    match rng.below(3) {
        0 => format!("{g}.{s}@{domain}"),
        1 => format!("{g}_{s}{:02}@{domain}", birth.year() % 100),
        _ => format!("{}{s}{}@{domain}", &g[..1.min(g.len())], rng.digits(3)),
    }
}

/// Shared by members of one family.
#[derive(Clone, Copy)]
pub struct Family {
    pub origin: Origin,
    pub surname: &'static str,
    pub nationality: &'static str,
    pub residence: &'static str,
    /// The booking uses the variant spelling of the surname.
    pub variant: bool,
}

impl Family {
    /// A family of `origin`; a few live in `country` (where they travel from).
    pub fn new(rng: &mut Rng, origin: Origin, country: &'static str) -> Family {
        let p = pools::pool(origin);
        let nationality = *rng.weighted(p.nationalities);
        let residence = if nationality == "AZE" && rng.chance(0.1) {
            *rng.pick(&["RUS", "TUR", "DEU", "GBR"])
        } else if rng.chance(0.04) {
            country
        } else {
            nationality
        };
        Family {
            origin,
            surname: p.surnames[rng.below(p.surnames.len())],
            nationality,
            residence,
            variant: rng.chance(0.22),
        }
    }
}

/// A person of a family, of the given sex and age, travelling on `travel`.
pub fn person(rng: &mut Rng, family: &Family, gender: Gender, age: Age, travel: Date) -> Person {
    let origin = family.origin;
    let p = pools::pool(origin);
    let years = match age {
        Age::Adult => {
            if rng.chance(0.7) {
                rng.range(24, 55)
            } else {
                rng.range(18, 82)
            }
        }
        Age::Child => rng.range(2, 17),
        Age::Infant => 0,
    };
    let days = years * 365 + rng.range(0, if age == Age::Infant { 700 } else { 364 });
    let birth = travel - Duration::days(days.max(20));
    let feminine = gender == Gender::F && p.gendered_surnames;
    let (native_surname, mut surname, s_variant) = spellings(rng, origin, family.surname, feminine);
    // A Russian passport of an Azerbaijani spells the name the Russian way.
    if origin == Origin::Azerbaijani
        && family.nationality == "RUS"
        && let Some(v) = &s_variant
    {
        surname = v.clone();
    }
    let names = if gender == Gender::F {
        p.female
    } else {
        p.male
    };
    let entry = *rng.pick(names);
    let (native_given, mut given, g_variant) = spellings(rng, origin, entry, false);
    let patro = patronymic(rng, origin, gender).filter(|_| age == Age::Adult);
    if origin == Origin::Azerbaijani
        && rng.chance(0.08)
        && let Some(pa) = &patro
    {
        given = format!("{given} {pa}");
    }
    let mut booked_surname = surname.clone();
    let mut booked_given = given.clone();
    if family.variant
        && let Some(v) = s_variant
    {
        booked_surname = v;
    }
    match rng.below(10) {
        0 => {
            if let Some(v) = g_variant {
                booked_given = v;
            }
        }
        1 => {
            if let Some(pa) = &patro
                && !booked_given.contains(pa.as_str())
            {
                booked_given = format!("{booked_given} {pa}");
            }
        }
        _ => {}
    }
    let title = match (age, gender) {
        (Age::Infant, _) => None,
        (Age::Child, Gender::F) => Some("MISS"),
        (Age::Child, _) => Some("MSTR"),
        (Age::Adult, _) if rng.chance(0.02) => Some("DR"),
        (Age::Adult, Gender::F) => Some(if years > 25 && rng.chance(0.6) {
            "MRS"
        } else {
            "MS"
        }),
        (Age::Adult, _) => Some("MR"),
    };
    let places = birth_places(family.nationality);
    let birth_place = if places.is_empty() {
        family.nationality.to_string()
    } else {
        rng.pick(places).to_string()
    };
    let passport = document(rng, family.nationality, "P", birth, travel);
    let phone = phone(rng, family.residence);
    let email = (age == Age::Adult && rng.chance(0.6))
        .then(|| email(rng, &given, &surname, family.residence, birth));
    Person {
        origin,
        gender,
        age,
        birth,
        nationality: family.nationality,
        residence: family.residence,
        birth_place,
        native_surname: native_surname.clone(),
        native_given,
        surname,
        given,
        booked_surname,
        booked_given,
        title,
        passport,
        phone,
        email,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_are_valid_on_the_travel_day() {
        let mut rng = Rng::new(3);
        let travel = Date::from_calendar_date(2026, time::Month::November, 21).unwrap();
        for _ in 0..500 {
            let fam = Family::new(&mut rng, Origin::Azerbaijani, "TUR");
            let p = person(&mut rng, &fam, Gender::F, Age::Infant, travel);
            assert!(p.passport.expiry > travel);
            assert!(p.passport.issued <= travel);
            assert!(p.birth < travel);
            assert!(p.surname.is_ascii() && p.booked_surname.is_ascii());
        }
    }
}

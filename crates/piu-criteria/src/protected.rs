//! Protected characteristics: what no criterion may be based on.
//!
//! Article 6(4) of Directive (EU) 2016/681 forbids assessing travellers on
//! criteria based on racial or ethnic origin, political opinions, religion or
//! philosophical beliefs, trade union membership, health, sexual life or sexual
//! orientation; the Court of Justice (C-817/19, Ligue des droits humains)
//! requires criteria to be non-discriminatory and specific. A criterion whose
//! expression names any of these — by an identifier or in a string literal, in
//! words or through a proxy (meal and medical SSR codes, free-text fields) — is
//! refused when loaded and never evaluated.
//!
//! The scan is deliberately broad: it refuses a word even where it might mean
//! something harmless (a literal `"PARTY TOURS"` is refused for `party`). An
//! analyst rewrites such a criterion with codes instead of words.

use std::fmt;

use serde::Serialize;

/// A protected characteristic.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    RacialOrEthnicOrigin,
    ReligionOrBelief,
    PoliticalOpinion,
    TradeUnionMembership,
    Health,
    SexLifeOrSexualOrientation,
    /// Free text (SSR text, remarks, OSI): it can carry any of the others.
    FreeText,
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Category::RacialOrEthnicOrigin => "racial or ethnic origin",
            Category::ReligionOrBelief => "religion or belief",
            Category::PoliticalOpinion => "political opinion",
            Category::TradeUnionMembership => "trade union membership",
            Category::Health => "health",
            Category::SexLifeOrSexualOrientation => "sex life or sexual orientation",
            Category::FreeText => "free text, which can reveal any protected characteristic",
        })
    }
}

/// Something in an expression that touches a protected characteristic.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The word or code as written in the expression.
    pub term: String,
    /// What it is: "a word about …", "a meal SSR code", "a medical SSR code" …
    pub what: &'static str,
    pub categories: Vec<Category>,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?} ({}), which touches ", self.term, self.what)?;
        for (i, c) in self.categories.iter().enumerate() {
            if i > 0 {
                f.write_str(if i + 1 == self.categories.len() {
                    " and "
                } else {
                    ", "
                })?;
            }
            write!(f, "{c}")?;
        }
        Ok(())
    }
}

use Category::*;

/// IATA special meal codes. Meal preferences reveal religion (MOML, KSML,
/// HNML, VJML …) or health (DBML, GFML, LSML …), so all of them are refused
/// and never copied into facts; any other four-letter code ending in ML is
/// treated the same.
pub const MEAL_CODES: &[&str] = &[
    "AVML", "BBML", "BLML", "CHML", "CNML", "DBML", "FPML", "FSML", "GFML", "HFML", "HNML", "JNML",
    "JPML", "KSML", "LCML", "LFML", "LPML", "LSML", "MOML", "NBML", "NFML", "NLML", "NSML", "ORML",
    "PFML", "PRML", "RVML", "SFML", "SPML", "VGML", "VJML", "VLML", "VOML",
];

/// SSR codes about health or disability: wheelchairs (every WCxx code),
/// medical clearance, stretchers, oxygen, blind or deaf passengers, disabled
/// passengers needing assistance, service and emotional-support animals,
/// meet-and-assist. Pets (PETC, AVIH) are not protected and stay.
pub const MEDICAL_CODES: &[&str] = &[
    "MEDA", "MEDIF", "WCHR", "WCHS", "WCHC", "WCBD", "WCBW", "WCMP", "WCOB", "WCLB", "BLND",
    "DEAF", "DPNA", "OXYG", "POXY", "PPOC", "STCR", "MAAS", "SVAN", "ESAN", "LEGL",
];

/// Whole words.
const WORDS: &[(&str, &[Category])] = &[
    // racial or ethnic origin
    ("race", &[RacialOrEthnicOrigin]),
    ("races", &[RacialOrEthnicOrigin]),
    ("tribe", &[RacialOrEthnicOrigin]),
    ("tribal", &[RacialOrEthnicOrigin]),
    ("caste", &[RacialOrEthnicOrigin]),
    ("skin", &[RacialOrEthnicOrigin]),
    ("ancestry", &[RacialOrEthnicOrigin]),
    ("roma", &[RacialOrEthnicOrigin]),
    // religion or belief
    ("faith", &[ReligionOrBelief]),
    ("belief", &[ReligionOrBelief]),
    ("beliefs", &[ReligionOrBelief]),
    ("believer", &[ReligionOrBelief]),
    ("islam", &[ReligionOrBelief]),
    ("islamic", &[ReligionOrBelief]),
    ("moslem", &[ReligionOrBelief]),
    ("jew", &[ReligionOrBelief]),
    ("jews", &[ReligionOrBelief]),
    ("jewish", &[ReligionOrBelief]),
    ("catholic", &[ReligionOrBelief]),
    ("protestant", &[ReligionOrBelief]),
    ("orthodox", &[ReligionOrBelief]),
    ("evangelical", &[ReligionOrBelief]),
    ("hindu", &[ReligionOrBelief]),
    ("sikh", &[ReligionOrBelief]),
    ("jain", &[ReligionOrBelief]),
    ("atheist", &[ReligionOrBelief]),
    ("agnostic", &[ReligionOrBelief]),
    ("church", &[ReligionOrBelief]),
    ("mosque", &[ReligionOrBelief]),
    ("synagogue", &[ReligionOrBelief]),
    ("ramadan", &[ReligionOrBelief]),
    ("hajj", &[ReligionOrBelief]),
    ("umrah", &[ReligionOrBelief]),
    ("shia", &[ReligionOrBelief]),
    ("shiite", &[ReligionOrBelief]),
    ("sunni", &[ReligionOrBelief]),
    ("salafi", &[ReligionOrBelief]),
    ("mormon", &[ReligionOrBelief]),
    ("imam", &[ReligionOrBelief]),
    ("rabbi", &[ReligionOrBelief]),
    ("priest", &[ReligionOrBelief]),
    // political opinion
    ("party", &[PoliticalOpinion]),
    ("parties", &[PoliticalOpinion]),
    ("partisan", &[PoliticalOpinion]),
    ("opposition", &[PoliticalOpinion]),
    ("protester", &[PoliticalOpinion]),
    ("protesters", &[PoliticalOpinion]),
    ("communist", &[PoliticalOpinion]),
    ("socialist", &[PoliticalOpinion]),
    ("anarchist", &[PoliticalOpinion]),
    ("separatist", &[PoliticalOpinion]),
    // trade union membership
    ("union", &[TradeUnionMembership]),
    ("unions", &[TradeUnionMembership]),
    ("syndicate", &[TradeUnionMembership]),
    // health
    ("health", &[Health]),
    ("disease", &[Health]),
    ("illness", &[Health]),
    ("sick", &[Health]),
    ("sickness", &[Health]),
    ("impaired", &[Health]),
    ("impairment", &[Health]),
    ("blind", &[Health]),
    ("deaf", &[Health]),
    ("hiv", &[Health]),
    ("cancer", &[Health]),
    ("gluten", &[Health]),
    ("lactose", &[Health]),
    ("oxygen", &[Health]),
    ("stretcher", &[Health]),
    ("patient", &[Health]),
    ("clinic", &[Health]),
    ("mental", &[Health]),
    ("dementia", &[Health]),
    ("epilepsy", &[Health]),
    ("dialysis", &[Health]),
    ("covid", &[Health]),
    ("maternity", &[Health]),
    // meals: religion and health
    ("meal", &[ReligionOrBelief, Health]),
    ("meals", &[ReligionOrBelief, Health]),
    ("diet", &[ReligionOrBelief, Health]),
    ("dietary", &[ReligionOrBelief, Health]),
    ("vegetarian", &[ReligionOrBelief, Health]),
    ("vegan", &[ReligionOrBelief, Health]),
    // sex life or sexual orientation
    ("gay", &[SexLifeOrSexualOrientation]),
    ("gays", &[SexLifeOrSexualOrientation]),
    ("queer", &[SexLifeOrSexualOrientation]),
    ("orientation", &[SexLifeOrSexualOrientation]),
];

/// Word beginnings: any word starting so.
const STEMS: &[(&str, &[Category])] = &[
    ("ethnic", &[RacialOrEthnicOrigin]),
    ("racial", &[RacialOrEthnicOrigin]),
    ("racis", &[RacialOrEthnicOrigin]),
    ("religio", &[ReligionOrBelief]),
    ("muslim", &[ReligionOrBelief]),
    ("islamis", &[ReligionOrBelief]),
    ("judais", &[ReligionOrBelief]),
    ("christian", &[ReligionOrBelief]),
    ("hinduis", &[ReligionOrBelief]),
    ("sikhis", &[ReligionOrBelief]),
    ("buddhis", &[ReligionOrBelief]),
    ("halal", &[ReligionOrBelief]),
    ("kosher", &[ReligionOrBelief]),
    ("pilgrim", &[ReligionOrBelief]),
    ("politic", &[PoliticalOpinion]),
    ("activis", &[PoliticalOpinion]),
    ("dissident", &[PoliticalOpinion]),
    ("unionis", &[TradeUnionMembership]),
    ("unionized", &[TradeUnionMembership]),
    ("syndicalis", &[TradeUnionMembership]),
    ("medic", &[Health]),
    ("diagnos", &[Health]),
    ("disab", &[Health]),
    ("handicap", &[Health]),
    ("wheelchair", &[Health]),
    ("pregnan", &[Health]),
    ("diabet", &[Health]),
    ("allerg", &[Health]),
    ("psychiatr", &[Health]),
    ("vaccin", &[Health]),
    ("therap", &[Health]),
    ("hospital", &[Health]),
    ("sexual", &[SexLifeOrSexualOrientation]),
    ("homosexu", &[SexLifeOrSexualOrientation]),
    ("bisexu", &[SexLifeOrSexualOrientation]),
    ("heterosexu", &[SexLifeOrSexualOrientation]),
    ("transgend", &[SexLifeOrSexualOrientation]),
    ("transsexu", &[SexLifeOrSexualOrientation]),
    ("lesbian", &[SexLifeOrSexualOrientation]),
    ("lgbt", &[SexLifeOrSexualOrientation]),
];

/// Two words together.
const PAIRS: &[(&str, &str, &[Category])] = &[
    ("sex", "life", &[SexLifeOrSexualOrientation]),
    ("trade", "union", &[TradeUnionMembership]),
    ("blood", "group", &[Health]),
    ("blood", "type", &[Health]),
];

/// Names of free-text fields, refused as identifiers (the model keeps such text
/// but facts never carry it).
const FREE_TEXT_WORDS: &[&str] = &[
    "remark",
    "remarks",
    "osi",
    "text",
    "freetext",
    "comment",
    "comments",
    "note",
    "notes",
    "lines",
    "raw",
    "ssrs",
    "narrative",
];

/// Whether an SSR code is a meal or medical code (and so never exposed).
pub fn is_protected_ssr_code(code: &str) -> bool {
    ssr_code_finding(&code.to_ascii_lowercase()).is_some()
}

fn ssr_code_finding(token: &str) -> Option<(&'static str, &'static [Category])> {
    let upper = token.to_ascii_uppercase();
    let b = upper.as_bytes();
    let meal_shape = b.len() == 4 && b[..2].iter().all(u8::is_ascii_alphabetic) && &b[2..] == b"ML";
    if MEAL_CODES.contains(&upper.as_str()) || meal_shape {
        return Some(("a meal SSR code", &[ReligionOrBelief, Health]));
    }
    let wheelchair_shape =
        b.len() == 4 && b.starts_with(b"WC") && b.iter().all(u8::is_ascii_alphabetic);
    if MEDICAL_CODES.contains(&upper.as_str()) || wheelchair_shape {
        return Some(("a medical or assistance SSR code", &[Health]));
    }
    None
}

/// What a piece of text in an expression touches. `identifier` marks names
/// (variables, fields, functions) rather than string literals: only names are
/// checked against free-text field names.
pub fn scan(text: &str, identifier: bool) -> Vec<Finding> {
    let words = words(text);
    let mut found: Vec<Finding> = Vec::new();
    // a part of a run (`ssr` and `Text` of `ssrText`) counts only when the
    // whole run did not
    let mut run_found = false;
    for (i, (word, lower, part)) in words.iter().enumerate() {
        if *part && run_found {
            continue;
        }
        let before = found.len();
        let mut add = |term: &str, what: &'static str, categories: &[Category]| {
            if !found.iter().any(|f| f.term == term) {
                found.push(Finding {
                    term: term.to_string(),
                    what,
                    categories: categories.to_vec(),
                });
            }
        };
        if let Some((what, cats)) = ssr_code_finding(lower) {
            add(word, what, cats);
        } else if let Some((_, cats)) = WORDS.iter().find(|(w, _)| w == lower) {
            add(word, "a word about a protected characteristic", cats);
        } else if let Some((_, cats)) = STEMS.iter().find(|(s, _)| lower.starts_with(s)) {
            add(word, "a word about a protected characteristic", cats);
        } else if let Some((next, next_lower, _)) = words.get(i + 1)
            && let Some((_, _, cats)) = PAIRS.iter().find(|(a, b, _)| a == lower && b == next_lower)
        {
            add(
                &format!("{word} {next}"),
                "words about a protected characteristic",
                cats,
            );
        } else if identifier && FREE_TEXT_WORDS.contains(&lower.as_str()) {
            add(word, "a free-text field", &[FreeText]);
        }
        if !*part {
            run_found = found.len() > before;
        }
    }
    found
}

/// Words of a text, as written and lower-cased: runs of letters and digits,
/// and, where a run changes from lower to upper case (`ssrText`), its parts too.
fn words(text: &str) -> Vec<(String, String, bool)> {
    let mut out: Vec<(String, bool)> = Vec::new();
    for run in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|r| !r.is_empty())
    {
        out.push((run.to_string(), false));
        let mut parts = Vec::new();
        let mut cur = String::new();
        let mut prev_lower = false;
        for c in run.chars() {
            if c.is_uppercase() && prev_lower {
                parts.push(std::mem::take(&mut cur));
            }
            prev_lower = c.is_lowercase();
            cur.push(c);
        }
        if !parts.is_empty() {
            parts.push(cur);
            out.extend(parts.into_iter().map(|p| (p, true)));
        }
    }
    out.into_iter()
        .map(|(w, part)| {
            let lower = w.to_lowercase();
            (w, lower, part)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str, identifier: bool) -> Vec<String> {
        scan(text, identifier).into_iter().map(|f| f.term).collect()
    }

    #[test]
    fn words_codes_and_stems() {
        assert_eq!(terms("MOML", false), ["MOML"]);
        assert_eq!(terms("xxML", false), ["xxML"]);
        assert_eq!(terms("wchr", false), ["wchr"]);
        assert_eq!(terms("Halal meal please", false), ["Halal", "meal"]);
        assert_eq!(
            terms("religiousAffiliation", true),
            ["religiousAffiliation"]
        );
        assert_eq!(terms("halalMOML", false), ["halalMOML"]);
        assert_eq!(terms("xxMOML", false), ["MOML"]);
        assert_eq!(terms("sex_life", true), ["sex life"]);
        assert_eq!(terms("ssr_text", true), ["text"]);
        assert_eq!(terms("PARTY TOURS", false), ["PARTY"]);
    }

    #[test]
    fn harmless_words_pass() {
        for t in [
            "embrace",
            "trace",
            "jewellery",
            "reunion",
            "Islamabad",
            "origin",
            "DOCS",
            "FOID",
            "PETC",
            "HTM",
            "sex",
            "gender",
            "party_size",
            "IST",
        ] {
            // party_size is a known field; as text its first word is still refused
            if t == "party_size" {
                continue;
            }
            assert!(scan(t, true).is_empty(), "{t}: {:?}", scan(t, true));
        }
        assert!(!is_protected_ssr_code("DOCS"));
        assert!(is_protected_ssr_code("KSML"));
        assert!(is_protected_ssr_code("WCHC"));
    }
}

//! Reading the person fields every message format shares: sex codes, passenger
//! types and titles glued to given names.

use piu_model::{Gender, PassengerType};
use piu_names::{GLUED_TITLES, TITLES};

/// Sex code as sent, and whether it marks an infant (SSR DOCS `MI`, `FI`).
pub fn gender(code: &str) -> (Option<Gender>, bool) {
    let code = code.trim_ascii();
    let is = |s: &str| code.eq_ignore_ascii_case(s);
    if is("M") || is("MALE") {
        (Some(Gender::M), false)
    } else if is("F") || is("FEMALE") {
        (Some(Gender::F), false)
    } else if is("X") {
        (Some(Gender::X), false)
    } else if is("U") || is("UNKNOWN") || is("UNSPECIFIED") {
        (Some(Gender::U), false)
    } else if is("MI") {
        (Some(Gender::M), true)
    } else if is("FI") {
        (Some(Gender::F), true)
    } else if is("UI") {
        (Some(Gender::U), true)
    } else {
        (None, false)
    }
}

/// PNR passenger type code (TIF 6353, XML PassengerTypeCode).
pub fn passenger_type(code: &str) -> Option<PassengerType> {
    let code = code.trim_ascii();
    let any = |names: &[&str]| names.iter().any(|n| n.eq_ignore_ascii_case(code));
    Some(if code.is_empty() {
        return None;
    } else if any(&["A", "ADT", "ADULT"]) {
        PassengerType::Adult
    } else if any(&["C", "CH", "CHD", "CNN", "CHILD"]) {
        PassengerType::Child
    } else if any(&["IN", "INF", "INFANT"]) {
        PassengerType::Infant
    } else if any(&["G", "GRP", "GROUP"]) {
        PassengerType::Group
    } else {
        PassengerType::Other(code.to_ascii_uppercase())
    })
}

/// Splits a trailing title off a given name as reservation systems send it:
/// `JOHN MR`, `KONG CHUN MRS`, `SEJOONMR`. Returns the name and the title.
pub fn split_title(given: &str) -> (String, Option<String>) {
    let given = given.trim_ascii();
    if let Some((head, last)) = given.rsplit_once(' ')
        && !head.trim_ascii().is_empty()
        && let Some(t) = TITLES.iter().find(|t| t.eq_ignore_ascii_case(last))
    {
        return (head.trim_ascii().to_string(), Some(t.to_string()));
    }
    for t in GLUED_TITLES.iter().copied() {
        let cut = given.len().wrapping_sub(t.len());
        if given.len() > t.len() + 1
            && given.is_char_boundary(cut)
            && given[cut..].eq_ignore_ascii_case(t)
        {
            return (given[..cut].to_string(), Some(t.to_string()));
        }
    }
    (given.to_string(), None)
}

/// Splits a glued title off when another source confirms the bare name: the
/// given name in SSR DOCS is `KAYLA`, the one in TIF `KAYLAMS`.
pub fn title_confirmed_by(given: &str, bare: &str) -> Option<String> {
    let (given, bare) = (given.trim_ascii(), bare.trim_ascii());
    let head = given.get(..bare.len())?;
    if !head.eq_ignore_ascii_case(bare) {
        return None;
    }
    let rest = given[bare.len()..].trim_ascii();
    TITLES
        .iter()
        .find(|t| t.eq_ignore_ascii_case(rest))
        .map(|t| t.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles() {
        assert_eq!(split_title("JOHN MR"), ("JOHN".into(), Some("MR".into())));
        assert_eq!(
            split_title("KONG CHUN MRS"),
            ("KONG CHUN".into(), Some("MRS".into()))
        );
        assert_eq!(
            split_title("SEJOONMR"),
            ("SEJOON".into(), Some("MR".into()))
        );
        assert_eq!(split_title("WILLIAMS"), ("WILLIAMS".into(), None));
        assert_eq!(split_title("ALEXANDR"), ("ALEXANDR".into(), None));
        assert_eq!(split_title("MR"), ("MR".into(), None));
        assert_eq!(title_confirmed_by("KAYLAMS", "KAYLA"), Some("MS".into()));
        assert_eq!(title_confirmed_by("KAYLA", "KAYLA"), None);
    }

    #[test]
    fn genders() {
        assert_eq!(gender("FI"), (Some(Gender::F), true));
        assert_eq!(gender("m"), (Some(Gender::M), false));
        assert_eq!(gender("Q"), (None, false));
    }
}

//! Small values every format carries: sex, countries, lists of names.

use piu_model::{Gender, country};

/// Sex as lists write it, in English, Azerbaijani, Russian and as codes.
/// `Err` for a value not understood.
pub(crate) fn gender(value: &str) -> Result<Option<Gender>, ()> {
    let v = value.trim().to_lowercase();
    Ok(match v.as_str() {
        "" => None,
        "m" | "male" | "man" | "kişi" | "kisi" | "м" | "муж" | "мужской" => {
            Some(Gender::M)
        }
        "f" | "female" | "woman" | "w" | "qadın" | "qadin" | "ж" | "жен" | "женский" => {
            Some(Gender::F)
        }
        "x" | "other" | "diverse" => Some(Gender::X),
        "u" | "unknown" | "unspecified" => Some(Gender::U),
        _ => return Err(()),
    })
}

/// Splits a field that holds several values separated by `;` or `|`,
/// trimmed, empty ones dropped.
pub(crate) fn split_list(value: &str) -> impl Iterator<Item = &str> {
    value
        .split([';', '|'])
        .map(str::trim)
        .filter(|v| !v.is_empty())
}

/// Alpha-3 for a country given any way, or the value back when unknown.
pub(crate) fn country(value: &str) -> Result<String, String> {
    country::alpha3(value)
        .map(str::to_string)
        .ok_or_else(|| value.trim().to_string())
}

/// Several countries; the first unknown one is the error.
pub(crate) fn countries(value: &str) -> Result<Vec<String>, String> {
    let mut out: Vec<String> = Vec::new();
    for v in split_list(value) {
        let c = country(v)?;
        if !out.contains(&c) {
            out.push(c);
        }
    }
    Ok(out)
}

/// Adds a name unless it is already there (compared without case and with
/// blanks collapsed); returns its index either way.
pub(crate) fn push_name(names: &mut Vec<String>, name: &str) -> Option<usize> {
    let name = collapse(name);
    if name.is_empty() {
        return None;
    }
    let key = name.to_lowercase();
    if let Some(i) = names.iter().position(|n| n.to_lowercase() == key) {
        return Some(i);
    }
    names.push(name);
    Some(names.len() - 1)
}

/// Blanks (including line breaks and tabs) collapsed to one space, trimmed.
pub(crate) fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// "Last, First Middle" from parts, or the parts there are.
pub(crate) fn joined_name(first: &str, middle: &str, last: &str) -> String {
    let given = collapse(&format!("{first} {middle}"));
    let last = collapse(last);
    match (last.is_empty(), given.is_empty()) {
        (false, false) => format!("{last}, {given}"),
        (false, true) => last,
        _ => given,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn genders() {
        assert_eq!(gender("M"), Ok(Some(Gender::M)));
        assert_eq!(gender(" female "), Ok(Some(Gender::F)));
        assert_eq!(gender("Qadın"), Ok(Some(Gender::F)));
        assert_eq!(gender(""), Ok(None));
        assert_eq!(gender("maybe"), Err(()));
    }

    #[test]
    fn country_lists() {
        assert_eq!(
            countries("az; Russia|AZE"),
            Ok(vec!["AZE".into(), "RUS".into()])
        );
        assert_eq!(countries("AZ;Narnia"), Err("Narnia".into()));
    }

    #[test]
    fn names_dedupe_and_join() {
        let mut n = vec!["ALIYEV, Rashad".to_string()];
        assert_eq!(push_name(&mut n, "aliyev,  rashad"), Some(0));
        assert_eq!(push_name(&mut n, " R. Aliyev "), Some(1));
        assert_eq!(push_name(&mut n, "  "), None);
        assert_eq!(n, ["ALIYEV, Rashad", "R. Aliyev"]);
        assert_eq!(
            joined_name("Rashad", "Elchin", "Aliyev"),
            "Aliyev, Rashad Elchin"
        );
        assert_eq!(joined_name("", "", "Aliyev"), "Aliyev");
        assert_eq!(joined_name("Rashad", "", ""), "Rashad");
    }
}

//! How the parts of a name become one string: given name first or surname
//! first, "SURNAME, GIVEN" as lists write it, "SURNAME/GIVEN" as PNRs do,
//! capitals or title case.

use super::person::Person;
use super::spelling::title_case;

/// The order and punctuation of a name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Order {
    /// RASHAD ELCHIN OGLU MAMMADOV
    GivenFirst,
    /// MAMMADOV RASHAD ELCHIN OGLU
    SurnameFirst,
    /// MAMMADOV, RASHAD ELCHIN OGLU
    Listed,
    /// MAMMADOV/RASHAD ELCHIN OGLU
    Pnr,
}

impl Order {
    pub(super) fn surname_first(self) -> bool {
        self != Order::GivenFirst
    }
}

/// Texts of a name's parts, to lay out; a copy so that one part can be
/// changed without touching the person.
#[derive(Clone, Debug)]
pub(super) struct Texts {
    pub given: Vec<String>,
    pub middle: Vec<String>,
    pub surname: String,
}

impl Texts {
    pub(super) fn of(person: &Person) -> Self {
        Texts {
            given: person.given.iter().map(|p| p.text.clone()).collect(),
            middle: person.middle.iter().map(|p| p.text.clone()).collect(),
            surname: person.surname.text.clone(),
        }
    }

    /// Given names and middle names, blank-separated.
    pub(super) fn forenames(&self) -> String {
        self.given
            .iter()
            .chain(&self.middle)
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(" ")
    }

    pub(super) fn lay_out(&self, order: Order) -> String {
        let fore = self.forenames();
        match order {
            Order::GivenFirst => format!("{fore} {}", self.surname),
            Order::SurnameFirst => format!("{} {fore}", self.surname),
            Order::Listed => format!("{}, {fore}", self.surname),
            Order::Pnr => format!("{}/{fore}", self.surname),
        }
    }

    /// Part by index in given–middle–surname order.
    pub(super) fn get(&self, i: usize) -> &str {
        let (g, m) = (self.given.len(), self.middle.len());
        if i < g {
            &self.given[i]
        } else if i < g + m {
            &self.middle[i - g]
        } else {
            &self.surname
        }
    }

    /// The same part, to change it.
    pub(super) fn get_mut(&mut self, i: usize) -> &mut String {
        let (g, m) = (self.given.len(), self.middle.len());
        if i < g {
            &mut self.given[i]
        } else if i < g + m {
            &mut self.middle[i - g]
        } else {
            &mut self.surname
        }
    }
}

/// Capitals, or title case (the texts are plain Latin).
pub(super) fn cased(s: String, title: bool) -> String {
    if title { title_case(&s, false) } else { s }
}

/// Whether two names are the same as lists deduplicate them: case and runs
/// of blanks aside.
pub(super) fn same(a: &str, b: &str) -> bool {
    fn folded(s: &str) -> impl Iterator<Item = char> + '_ {
        s.split_whitespace()
            .flat_map(|w| std::iter::once(' ').chain(w.chars()))
            .skip(1)
            .flat_map(char::to_lowercase)
    }
    folded(a).eq(folded(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_compare_as_lists_dedupe_them() {
        assert!(same("MAMMADOV  Rashad", "mammadov rashad"));
        assert!(same("Məmmədov Rəşad", "MƏMMƏDOV RƏŞAD"));
        assert!(!same("MAMMADOV RASHAD", "MAMEDOV RASHAD"));
    }
}

//! Named groups of airports and of countries, defined in a criteria file and
//! used in expressions as `in_group(value, "group-name")`.

use std::collections::{BTreeMap, BTreeSet};

use cel::{ExecutionError, Value};

use crate::file::CriteriaError;

/// Which kind of codes a group holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GroupKind {
    Airports,
    Countries,
}

impl GroupKind {
    fn name(self) -> &'static str {
        match self {
            GroupKind::Airports => "airports",
            GroupKind::Countries => "countries",
        }
    }

    /// Airports and ports: IATA (3) or UN/LOCODE (5). Countries: ISO 3166 alpha-2 or alpha-3.
    fn valid(self, code: &str) -> bool {
        let len_ok = match self {
            GroupKind::Airports => matches!(code.len(), 3..=5),
            GroupKind::Countries => matches!(code.len(), 2 | 3),
        };
        len_ok && code.bytes().all(|b| b.is_ascii_alphanumeric())
    }
}

/// A named set of codes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    pub name: String,
    pub kind: GroupKind,
    pub codes: BTreeSet<String>,
}

/// The groups of one criteria file. Names are unique across both kinds.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Groups {
    groups: BTreeMap<String, Group>,
}

impl Groups {
    /// Builds and checks groups: names are non-empty and unique, codes are
    /// airport or country codes (compared upper-case).
    pub(crate) fn build(
        airports: BTreeMap<String, Vec<String>>,
        countries: BTreeMap<String, Vec<String>>,
        errors: &mut Vec<CriteriaError>,
    ) -> Groups {
        let mut groups = BTreeMap::new();
        for (kind, defs) in [
            (GroupKind::Airports, airports),
            (GroupKind::Countries, countries),
        ] {
            for (name, codes) in defs {
                let mut err = |message: String| {
                    errors.push(CriteriaError::Group {
                        group: name.clone(),
                        message,
                    })
                };
                if name.trim().is_empty() || name.chars().any(char::is_control) {
                    err("a group needs a name".into());
                    continue;
                }
                if groups.contains_key(&name) {
                    err("the name is used by an airport group and a country group".into());
                    continue;
                }
                let mut set = BTreeSet::new();
                for c in codes {
                    let code = c.trim().to_ascii_uppercase();
                    if kind.valid(&code) {
                        set.insert(code);
                    } else {
                        err(format!("{c:?} is not a code for {}", kind.name()));
                    }
                }
                groups.insert(
                    name.clone(),
                    Group {
                        name,
                        kind,
                        codes: set,
                    },
                );
            }
        }
        Groups { groups }
    }

    pub fn get(&self, name: &str) -> Option<&Group> {
        self.groups.get(name)
    }

    pub fn iter(&self) -> impl Iterator<Item = &Group> {
        self.groups.values()
    }

    pub(crate) fn names(&self) -> impl Iterator<Item = &str> {
        self.groups.keys().map(String::as_str)
    }

    /// `in_group(value, name)`: a code in the group, or a list with any code in it.
    pub(crate) fn contains(&self, value: &Value, name: &str) -> Result<bool, ExecutionError> {
        let group = self.groups.get(name).ok_or_else(|| {
            ExecutionError::function_error("in_group", format!("no group named {name:?}"))
        })?;
        let has = |s: &str| {
            if s.bytes().any(|b| b.is_ascii_lowercase()) {
                group.codes.contains(&s.to_ascii_uppercase())
            } else {
                group.codes.contains(s)
            }
        };
        match value {
            Value::String(s) => Ok(has(s)),
            Value::List(items) => Ok(items.iter().any(|i| match i {
                Value::String(s) => has(s),
                _ => false,
            })),
            other => Err(ExecutionError::function_error(
                "in_group",
                format!("takes a code or a list of codes, not {}", other.type_of()),
            )),
        }
    }
}

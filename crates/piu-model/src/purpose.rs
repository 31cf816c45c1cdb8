//! Why data are processed and how urgent a result is: shared by watchlists,
//! criteria and hits.

use std::fmt;

use serde::{Deserialize, Serialize};

/// The lawful purpose of processing. PNR data may be screened only for
/// terrorism and serious crime (EU PNR Directive, C-817/19); border and
/// migration work uses API data only. Lists and criteria each declare one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Purpose {
    SeriousCrime,
    BorderMigration,
}

impl fmt::Display for Purpose {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Purpose::SeriousCrime => "serious-crime",
            Purpose::BorderMigration => "border-migration",
        })
    }
}

/// How urgent a hit is for the reviewer, from its list or criterion.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    Low,
    Medium,
    High,
    Critical,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        })
    }
}

//! Hits: one per traveller and watchlist entry, lost document or criterion,
//! with everything a reviewer needs to judge it.

use piu_names::{Explanation, Role};
use piu_watchlist::{Purpose, Severity};
use serde::Serialize;

use crate::person::Factor;

/// What a hit is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum HitKind {
    /// A person on a watchlist.
    Person,
    /// A document on a list of lost, stolen or invalid documents.
    Document,
    /// A pre-determined criterion.
    Criterion,
}

/// The name comparison behind a hit, in words.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NameEvidence {
    /// The traveller's name as screened.
    pub traveller: String,
    /// The entry's name or alias that matched best.
    pub entry: String,
    pub alias: bool,
    pub score: f32,
    /// Each pair of parts: "RASHAD = Rəşad 1.00 (same name in another transliteration)".
    pub pairs: Vec<String>,
    pub unmatched: Vec<String>,
    pub caps: Vec<String>,
}

impl NameEvidence {
    pub fn new(traveller: &str, entry: &str, alias: bool, e: &Explanation) -> Self {
        let role = |r: Role| r.as_str();
        NameEvidence {
            traveller: traveller.to_string(),
            entry: entry.to_string(),
            alias,
            score: e.score,
            pairs: e.pairs.iter().map(ToString::to_string).collect(),
            unmatched: e
                .unmatched
                .iter()
                .map(|(t, r)| format!("{t} ({})", role(*r)))
                .collect(),
            caps: e.caps.clone(),
        }
    }
}

/// Why a hit was raised.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct HitExplanation {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<NameEvidence>,
    /// Every factor beside the name, with its effect.
    pub factors: Vec<Factor>,
    /// The score the hit had to reach.
    pub threshold: f32,
    /// Criterion hits: the expression and the values it saw.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub criterion: Option<String>,
    /// Where the entry is in its source file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provenance: Option<String>,
}

/// One hit.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Hit {
    /// The traveller as the caller refers to it (CSV row, message and position).
    pub input_ref: String,
    pub kind: HitKind,
    /// The entry, document entry or criterion id.
    pub entry_id: String,
    /// The list name (or "criteria" for criterion hits).
    pub list: String,
    /// The list content version, or the criterion version.
    pub version: String,
    pub score: f32,
    pub severity: Severity,
    pub purpose: Purpose,
    /// The agency the hit is for: the list's owner or the criterion's target.
    pub target_agency: String,
    pub explanation: HitExplanation,
    /// The traveller on this journey, stable across pushes.
    pub identity: String,
    /// The traveller's and the entry's data as screened; a reviewed false
    /// positive is raised again only when this changes.
    pub fingerprint: String,
}

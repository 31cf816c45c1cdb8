//! Keys that recognise the same traveller again: in the next version of a
//! manifest or booking, in the other kind of record on the same flight, and on
//! other flights. Only hashes are stored, so the keys hold no readable name.

use piu_model::Traveller;
use piu_store::RecordSource;
use sha2::{Digest, Sha256};

/// A key as stored: the first 16 bytes of a SHA-256.
pub type KeyHash = [u8; 16];

/// What a match key is made of, strongest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KeyKind {
    /// Document number and issuing state.
    Document,
    /// Record locator and name.
    LocatorName,
    /// Name and date of birth.
    NameBirth,
    /// Name alone: links records on one flight only when nothing stronger does.
    Name,
}

impl KeyKind {
    pub fn as_str(self) -> &'static str {
        match self {
            KeyKind::Document => "document",
            KeyKind::LocatorName => "locator_name",
            KeyKind::NameBirth => "name_birth",
            KeyKind::Name => "name",
        }
    }

    /// How sure a link on this key alone is.
    pub fn confidence(self) -> f64 {
        match self {
            KeyKind::Document => 0.99,
            KeyKind::LocatorName => 0.95,
            KeyKind::NameBirth => 0.9,
            KeyKind::Name => 0.6,
        }
    }

    /// Whether the key may join records across flights into a travel history.
    pub fn identifies_person(self) -> bool {
        matches!(self, KeyKind::Document | KeyKind::NameBirth)
    }
}

pub type MatchKey = (KeyKind, KeyHash);

pub fn sha256(bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(bytes).into()
}

fn hash(parts: &[&str]) -> KeyHash {
    let mut digest = Sha256::new();
    for part in parts {
        digest.update(part.as_bytes());
        // A separator no part contains, so ("AB","C") and ("A","BC") differ.
        digest.update([0x1f]);
    }
    let full: [u8; 32] = digest.finalize().into();
    let mut key = [0; 16];
    key.copy_from_slice(&full[..16]);
    key
}

/// Upper case, letters and digits only: spacing, hyphens and apostrophes vary
/// between a passport and a booking.
fn fold(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_uppercase)
        .collect()
}

/// Surname and first given name, folded: a booking often leaves out middle names.
fn name(t: &Traveller) -> Option<String> {
    let surname = fold(&t.surname);
    if surname.is_empty() {
        return None;
    }
    let given = t
        .given_names
        .split_whitespace()
        .next()
        .map(fold)
        .unwrap_or_default();
    Some(format!("{surname}/{given}"))
}

/// The best document: a passport when there is one, else the first with a number.
fn document(t: &Traveller) -> Option<(String, String)> {
    let numbered = || t.documents.iter().filter(|d| d.number.is_some());
    let chosen = numbered()
        .find(|d| d.kind.as_deref().is_some_and(|k| k.starts_with('P')))
        .or_else(|| numbered().next())?;
    let number = fold(chosen.number.as_deref()?);
    if number.is_empty() {
        return None;
    }
    Some((
        number,
        chosen
            .issuing_country
            .clone()
            .unwrap_or_default()
            .to_uppercase(),
    ))
}

/// The key under which the traveller is kept on a flight: the same person sent
/// again by the same source gets the same key.
pub fn traveller_key(source: RecordSource, t: &Traveller, locator: Option<&str>) -> KeyHash {
    let name = name(t).unwrap_or_else(|| fold(&t.name_as_sent));
    match source {
        RecordSource::Api => match document(t) {
            Some((number, country)) => hash(&["api-document", &number, &country]),
            None => hash(&[
                "api-name",
                &name,
                &t.date_of_birth.map(|d| d.to_string()).unwrap_or_default(),
            ]),
        },
        RecordSource::Pnr => {
            let locator = locator.map(fold).unwrap_or_default();
            match &t.passenger_ref {
                Some(reference) => hash(&["pnr-ref", &locator, &fold(reference)]),
                None => hash(&["pnr-name", &locator, &name]),
            }
        }
    }
}

/// The hash of what screening and linking look at, plus everything else sent:
/// a traveller whose hash is unchanged needs neither.
pub fn content_hash(t: &Traveller, locator: Option<&str>) -> [u8; 32] {
    let json = serde_json::to_string(t).unwrap_or_default();
    let mut digest = Sha256::new();
    digest.update(json.as_bytes());
    digest.update([0x1f]);
    digest.update(locator.unwrap_or("").as_bytes());
    digest.finalize().into()
}

/// Every match key the traveller has.
pub fn match_keys(t: &Traveller, locator: Option<&str>) -> Vec<MatchKey> {
    let mut keys = Vec::with_capacity(4);
    if let Some((number, country)) = document(t) {
        keys.push((KeyKind::Document, hash(&["document", &number, &country])));
    }
    if let Some(name) = name(t) {
        if let Some(locator) = locator.map(fold).filter(|l| !l.is_empty()) {
            keys.push((KeyKind::LocatorName, hash(&["locator", &locator, &name])));
        }
        if let Some(birth) = t.date_of_birth {
            keys.push((
                KeyKind::NameBirth,
                hash(&["name-birth", &name, &birth.to_string()]),
            ));
        }
        keys.push((KeyKind::Name, hash(&["name", &name])));
    }
    keys
}

/// A flight number without leading zeros or spaces: `0123` and `123` are the
/// same flight.
pub fn flight_number(number: &str) -> String {
    let number = number.trim().to_uppercase();
    let trimmed = number.trim_start_matches('0');
    if trimmed.is_empty() {
        number
    } else {
        trimmed.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use piu_model::TravelDocument;

    fn traveller(surname: &str, given: &str) -> Traveller {
        Traveller {
            surname: surname.into(),
            given_names: given.into(),
            ..Traveller::default()
        }
    }

    #[test]
    fn spelling_details_do_not_change_keys() {
        let a = traveller("Al-Rashid", "Omar Khalid");
        let b = traveller("ALRASHID", "OMAR");
        assert_eq!(
            match_keys(&a, Some("ABC123")),
            match_keys(&b, Some("abc123"))
        );
        assert_ne!(
            match_keys(&a, Some("ABC123")),
            match_keys(&b, Some("XYZ999"))
        );
    }

    #[test]
    fn api_key_follows_the_document_then_the_name() {
        let mut a = traveller("IVANOV", "IVAN");
        let by_name = traveller_key(RecordSource::Api, &a, None);
        a.documents.push(TravelDocument {
            kind: Some("P".into()),
            number: Some("C1234567".into()),
            issuing_country: Some("AZE".into()),
            ..TravelDocument::default()
        });
        let by_document = traveller_key(RecordSource::Api, &a, None);
        assert_ne!(by_name, by_document);
        let mut renamed = a.clone();
        renamed.given_names = "IVANN".into();
        assert_eq!(
            by_document,
            traveller_key(RecordSource::Api, &renamed, None)
        );
    }

    #[test]
    fn flight_numbers_lose_leading_zeros() {
        assert_eq!(flight_number("0063"), "63");
        assert_eq!(flight_number(" 63 "), "63");
        assert_eq!(flight_number("000"), "000");
    }
}

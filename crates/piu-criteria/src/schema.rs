//! The facts a criterion may name: four variables and their fields, each with
//! its kind. A criterion naming anything else is refused when loaded.

use std::fmt;

use crate::facts::Fact;

/// The four variables criteria see.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Root {
    Traveller,
    Booking,
    Flight,
    History,
}

impl Root {
    pub const ALL: [Root; 4] = [Root::Traveller, Root::Booking, Root::Flight, Root::History];

    pub fn name(self) -> &'static str {
        match self {
            Root::Traveller => "traveller",
            Root::Booking => "booking",
            Root::Flight => "flight",
            Root::History => "history",
        }
    }

    pub fn parse(s: &str) -> Option<Root> {
        Root::ALL.into_iter().find(|r| r.name() == s)
    }
}

/// What a field holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Text,
    Int,
    Float,
    Bool,
    /// A list of codes.
    TextList,
    /// `history.trips`: a list of maps with `origin`, `destination`, `date`, `carrier`.
    Trips,
}

impl Kind {
    pub(crate) fn admits(self, f: &Fact) -> bool {
        match (self, f) {
            (Kind::Text, Fact::Text(_))
            | (Kind::Int, Fact::Int(_))
            | (Kind::Float, Fact::Float(_))
            | (Kind::Bool, Fact::Bool(_)) => true,
            (Kind::TextList, Fact::List(l)) => l.iter().all(|i| matches!(i, Fact::Text(_))),
            (Kind::Trips, Fact::List(l)) => l.iter().all(|i| match i {
                Fact::Map(m) => m
                    .iter()
                    .all(|(k, v)| TRIP_FIELDS.contains(&k.as_str()) && matches!(v, Fact::Text(_))),
                _ => false,
            }),
            _ => false,
        }
    }

    /// A value of this kind, for checking expressions when they are loaded.
    pub(crate) fn example(self) -> Fact {
        match self {
            Kind::Text => Fact::from("XXX"),
            Kind::Int => Fact::Int(1),
            Kind::Float => Fact::Float(1.5),
            Kind::Bool => Fact::Bool(true),
            Kind::TextList => Fact::from(vec!["XXX".to_string(), "YYY".to_string()]),
            Kind::Trips => Fact::List(vec![Fact::Map(
                TRIP_FIELDS
                    .iter()
                    .map(|k| (k.to_string(), Fact::from("XXX")))
                    .collect(),
            )]),
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Kind::Text => "text",
            Kind::Int => "a whole number",
            Kind::Float => "a number",
            Kind::Bool => "true or false",
            Kind::TextList => "a list of codes",
            Kind::Trips => "a list of trips",
        })
    }
}

/// One fact a criterion may name.
#[derive(Clone, Copy, Debug)]
pub struct Field {
    pub root: Root,
    pub name: &'static str,
    pub kind: Kind,
    pub doc: &'static str,
}

impl Field {
    pub fn path(&self) -> String {
        format!("{}.{}", self.root.name(), self.name)
    }
}

/// The fields of one element of `history.trips`.
pub const TRIP_FIELDS: [&str; 4] = ["origin", "destination", "date", "carrier"];

const fn f(root: Root, name: &'static str, kind: Kind, doc: &'static str) -> Field {
    Field {
        root,
        name,
        kind,
        doc,
    }
}

use Kind::*;
use Root::*;

/// Every fact, in the order the documentation lists them.
pub const FIELDS: &[Field] = &[
    f(
        Traveller,
        "nationality",
        Text,
        "nationality as sent (else the passport's), ISO 3166 code",
    ),
    f(Traveller, "residence_country", Text, "country of residence"),
    f(Traveller, "gender", Text, "sex as recorded: M, F, X or U"),
    f(
        Traveller,
        "age",
        Int,
        "whole years at departure, when the date of birth is known",
    ),
    f(
        Traveller,
        "document_type",
        Text,
        "type code of the main document: P passport, I identity card …",
    ),
    f(
        Traveller,
        "document_country",
        Text,
        "issuing state of the main document",
    ),
    f(
        Traveller,
        "document_expires_in_days",
        Int,
        "days from departure to the main document's expiry (negative when expired)",
    ),
    f(
        Traveller,
        "documents",
        Int,
        "number of travel documents sent",
    ),
    f(
        Traveller,
        "has_visa",
        Bool,
        "a visa (document type V) was sent",
    ),
    f(
        Traveller,
        "role",
        Text,
        "passenger, crew, transit_passenger or transit_crew",
    ),
    f(
        Traveller,
        "passenger_type",
        Text,
        "adult, child, infant or group (PNR)",
    ),
    f(Traveller, "seat", Text, "seat, as assigned or at check-in"),
    f(Traveller, "bags", Int, "number of checked bags"),
    f(
        Traveller,
        "bag_weight_kg",
        Float,
        "weight of checked bags in kilograms",
    ),
    f(
        Traveller,
        "checked_in",
        Bool,
        "departure control data were sent",
    ),
    f(
        Traveller,
        "frequent_flyer",
        Bool,
        "a frequent flyer account was sent",
    ),
    f(
        Traveller,
        "embarkation",
        Text,
        "where the traveller boards (else the flight's origin)",
    ),
    f(
        Traveller,
        "disembarkation",
        Text,
        "where the traveller leaves (else the flight's destination)",
    ),
    f(
        Traveller,
        "has_booking",
        Bool,
        "a booking (PNR) for the traveller is in the message",
    ),
    f(
        Booking,
        "record_locator",
        Text,
        "the booking's record locator",
    ),
    f(
        Booking,
        "created",
        Text,
        "when the booking was made, YYYY-MM-DD or YYYY-MM-DDTHH:MM",
    ),
    f(
        Booking,
        "ticketed",
        Text,
        "when it was ticketed, YYYY-MM-DD or YYYY-MM-DDTHH:MM",
    ),
    f(
        Booking,
        "hours_booked_before_departure",
        Float,
        "hours from booking to departure, when both times are known",
    ),
    f(
        Booking,
        "days_booked_before_departure",
        Int,
        "days from the booking date to the departure date",
    ),
    f(
        Booking,
        "hours_ticketed_before_departure",
        Float,
        "hours from ticketing to departure, when both times are known",
    ),
    f(
        Booking,
        "days_ticketed_before_departure",
        Int,
        "days from the ticketing date to the departure date",
    ),
    f(Booking, "segments", Int, "number of itinerary segments"),
    f(
        Booking,
        "one_way",
        Bool,
        "no segment returns to the first origin",
    ),
    f(
        Booking,
        "return_trip",
        Bool,
        "a segment returns to the first origin",
    ),
    f(
        Booking,
        "route",
        TextList,
        "airports of the itinerary in order, e.g. [\"GYD\", \"IST\", \"FRA\"]",
    ),
    f(
        Booking,
        "airports",
        TextList,
        "distinct airports of the itinerary",
    ),
    f(
        Booking,
        "carriers",
        TextList,
        "distinct marketing and operating carriers of the itinerary",
    ),
    f(
        Booking,
        "payment_types",
        TextList,
        "forms of payment: CA cash, CC card, MS miscellaneous, GR government receipt …",
    ),
    f(
        Booking,
        "paid_cash",
        Bool,
        "a payment was in cash (present only when payments were sent)",
    ),
    f(
        Booking,
        "travel_agency",
        Text,
        "agency number (IATA) or office of the travel agency that made the booking",
    ),
    f(
        Booking,
        "booked_by",
        Text,
        "who made the booking: A airline, T travel agency, or as sent",
    ),
    f(
        Booking,
        "booking_country",
        Text,
        "country of the booking office",
    ),
    f(Booking, "party_size", Int, "travellers in the booking"),
    f(
        Booking,
        "itinerary_changes",
        Int,
        "changes in the booking's history",
    ),
    f(Booking, "split", Bool, "the booking was split from another"),
    f(
        Booking,
        "contacts",
        Int,
        "number of contact details (phone, e-mail …)",
    ),
    f(Booking, "cancelled", Bool, "the push cancelled the booking"),
    f(
        Booking,
        "ssr_codes",
        TextList,
        "SSR codes of the booking and the traveller (DOCS, FOID, CHLD, INFT, TKNE …), never meal or medical codes",
    ),
    f(Flight, "carrier", Text, "operating carrier"),
    f(
        Flight,
        "number",
        Text,
        "flight or voyage number, without leading zeros",
    ),
    f(Flight, "origin", Text, "first airport or port"),
    f(Flight, "destination", Text, "last airport or port"),
    f(
        Flight,
        "final_destination",
        Text,
        "final destination beyond the last leg, when sent",
    ),
    f(Flight, "departure_date", Text, "YYYY-MM-DD, local"),
    f(
        Flight,
        "departure_hour",
        Int,
        "hour of departure, local, 0–23",
    ),
    f(
        Flight,
        "hours_until_departure",
        Float,
        "hours from screening to departure",
    ),
    f(Flight, "mode", Text, "air, sea, rail, road or inland_water"),
    f(Flight, "legs", Int, "number of legs"),
    f(
        History,
        "trips",
        Trips,
        "earlier trips: maps with origin, destination, date, carrier",
    ),
    f(History, "count", Int, "number of earlier trips"),
    f(
        History,
        "visited",
        TextList,
        "distinct airports of earlier trips",
    ),
];

/// The field a path such as `booking.paid_cash` names.
pub fn field(path: &str) -> Option<&'static Field> {
    let (root, name) = path.split_once('.')?;
    let root = Root::parse(root)?;
    FIELDS.iter().find(|f| f.root == root && f.name == name)
}

pub(crate) fn fields_of(root: Root) -> impl Iterator<Item = &'static Field> {
    FIELDS.iter().filter(move |f| f.root == root)
}

/// The known name closest to `name`, if one is close enough to be a slip.
pub(crate) fn closest<'a>(
    name: &str,
    candidates: impl Iterator<Item = &'a str>,
) -> Option<&'a str> {
    let name = name.to_ascii_lowercase();
    candidates
        .map(|c| (distance(&name, c), c))
        .filter(|(d, c)| *d <= 3.max(c.len() / 3) || c.contains(name.as_str()) && name.len() >= 3)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Damerau–Levenshtein distance (adjacent swaps count one), on bytes.
fn distance(a: &str, b: &str) -> usize {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() > 64 || b.len() > 64 {
        return usize::MAX;
    }
    let w = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * w];
    for i in 0..=a.len() {
        d[i * w] = i;
    }
    for (j, cell) in d.iter_mut().enumerate().take(w) {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[(i - 1) * w + j] + 1)
                .min(d[i * w + j - 1] + 1)
                .min(d[(i - 1) * w + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[(i - 2) * w + j - 2] + 1);
            }
            d[i * w + j] = v;
        }
    }
    d[a.len() * w + b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_unique() {
        let mut paths: Vec<_> = FIELDS.iter().map(Field::path).collect();
        paths.sort();
        let n = paths.len();
        paths.dedup();
        assert_eq!(paths.len(), n);
    }

    #[test]
    fn slips_find_the_field() {
        let names = || fields_of(Root::Booking).map(|f| f.name);
        assert_eq!(
            closest("hours_before_departre", names()),
            Some("hours_booked_before_departure")
        );
        assert_eq!(closest("paidcash", names()), Some("paid_cash"));
        assert_eq!(closest("zzzzzzzz", names()), None);
    }
}

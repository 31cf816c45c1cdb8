//! Persons on board: passengers and crew, with their documents and baggage.

use serde::{Deserialize, Serialize};

use crate::moment::opt_date;
use crate::{Date, LocalDateTime, RawSegment, Ssr};

/// Why the person is on board (PAXLST NAD 3035).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// FL, or a PNR passenger.
    #[default]
    Passenger,
    /// FM.
    Crew,
    /// DDU: passenger in transit.
    TransitPassenger,
    /// DDT: crew member in transit.
    TransitCrew,
}

/// Sex as sent: ICAO 9303 M, F, X, or U (unspecified).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Gender {
    M,
    F,
    X,
    U,
}

impl Gender {
    /// The one-letter code messages use.
    pub fn code(self) -> &'static str {
        match self {
            Gender::M => "M",
            Gender::F => "F",
            Gender::X => "X",
            Gender::U => "U",
        }
    }
}

/// PNR passenger type (TIF 6353).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PassengerType {
    Adult,
    Child,
    Infant,
    Group,
    Other(String),
}

/// A travel document: passport, identity card, visa, residence permit …
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TravelDocument {
    /// Document type code as sent: P passport, I identity card, V visa, …
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub number: Option<String>,
    /// Issuing state (ISO 3166 alpha-3 as sent; some senders use alpha-2).
    pub issuing_country: Option<String>,
    #[serde(with = "opt_date", default)]
    pub expiry: Option<Date>,
    #[serde(with = "opt_date", default, skip_serializing_if = "Option::is_none")]
    pub issue_date: Option<Date>,
    /// Nationality printed in the document (PNR SSR DOCS).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nationality: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place_of_issue: Option<String>,
    /// The state the document is valid for (SSR DOCO).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub applicable_country: Option<String>,
    /// Where the document data came from: `DOC`, `SSR DOCS`, `SSR DOCO`, `XML DOCS` …
    pub source: String,
}

/// A postal address.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Address {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub street: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub postcode: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
}

/// One bag tag or a run of consecutive tags.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BagTag {
    pub first: String,
    pub count: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub carrier: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub destination: Option<String>,
}

/// Checked baggage.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Bags {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub count: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weight: Option<f64>,
    /// KGM, LBR, or as sent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weight_unit: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<BagTag>,
    /// Baggage pool role: HP head of pool, MP member of pool.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pool: Option<String>,
}

/// Weights are finite numbers (readers refuse NaN), so equality is total.
impl Eq for Bags {}

/// Departure control data for one flight.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckIn {
    /// The flight the check-in is for (carrier and number), when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub flight: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sequence: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seat: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cabin: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time: Option<LocalDateTime>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bags: Option<Bags>,
}

/// A frequent flyer account.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FrequentFlyer {
    pub airline: String,
    pub number: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tier: Option<String>,
}

/// A reference that the model does not type (RFF qualifier and value).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reference {
    pub qualifier: String,
    pub value: String,
}

/// A person on board, as one message describes them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Traveller {
    pub surname: String,
    pub given_names: String,
    #[serde(with = "opt_date", default)]
    pub date_of_birth: Option<Date>,
    pub gender: Option<Gender>,
    pub nationality: Option<String>,
    pub role: Role,
    pub documents: Vec<TravelDocument>,
    /// Record locator of the booking (PAXLST RFF AVF, PNR RCI).
    pub booking_ref: Option<String>,
    /// The name exactly as the message carried it.
    pub name_as_sent: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub passenger_type: Option<PassengerType>,
    /// Unique passenger reference (PAXLST RFF ABO, PNR REF) or PNR traveller number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub passenger_ref: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub residence_country: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub birth_place: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address: Option<Address>,
    /// Where the person boards and leaves this conveyance.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub embarkation: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub disembarkation: Option<String>,
    /// Place of customs and immigration clearance (PAXLST LOC 22).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub clearance_place: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seat: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ticket: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bags: Option<Bags>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub check_in: Vec<CheckIn>,
    /// Whether the data were verified against the document (GEI 173/174).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verified: Option<bool>,
    /// Crew function (EMP), such as CR1 cockpit or CR2 cabin.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub crew_function: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub frequent_flyer: Vec<FrequentFlyer>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contacts: Vec<crate::Contact>,
    /// Index of the infant travelling on this person's lap, among the message's travellers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub infant: Option<usize>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub references: Vec<Reference>,
    /// Special service requests for this person.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ssrs: Vec<Ssr>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other: Vec<RawSegment>,
}

//! Bookings (passenger name records) and what they hold: contacts, payments,
//! tickets, itinerary, history.

use serde::{Deserialize, Serialize};

use crate::moment::opt_date;
use crate::{Address, Date, ItinerarySegment, LocalDateTime, RawSegment, is_false};

/// A record locator in another system (RCI).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Locator {
    pub carrier: String,
    pub locator: String,
}

/// Who created the booking (ORG): a reservation system, an airline office, a travel agency.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Originator {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub system: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    /// IATA or agency number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agency_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub office: Option<String>,
    /// A airline, T travel agent, or as sent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agent: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContactKind {
    Phone,
    Email,
    Address,
    Other,
}

/// A way to reach someone, and whose it is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    pub kind: ContactKind,
    pub value: String,
    /// Where it came from: `ADD`, `IFT CTCE`, `SSR CTCM`, `COM` …
    pub source: String,
}

/// An amount of money.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Money {
    pub amount: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
}

/// Amounts are finite numbers (readers refuse NaN), so equality is total.
impl Eq for Money {}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PaymentMethod {
    Cash,
    Card,
    Miscellaneous,
    GovernmentReceipt,
    Other(String),
}

/// A form of payment (FOP) with its payer and billing address.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Payment {
    pub method: PaymentMethod,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount: Option<Money>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub card_vendor: Option<String>,
    /// Card number as sent (carriers mask most digits).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub card_number: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub card_expiry: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payer: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub billing_address: Option<String>,
    /// Index of the traveller whose ticket this paid, among the message's travellers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub traveller: Option<usize>,
}

/// A ticket or ticketless document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ticket {
    pub number: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    #[serde(with = "opt_date", default, skip_serializing_if = "Option::is_none")]
    pub issued: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total: Option<Money>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub traveller: Option<usize>,
}

/// A special service request (SSR) or other service information.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ssr {
    pub code: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub carrier: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// Seat or other value per traveller, when the SSR names travellers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
}

/// A free-text remark (OSI, general remark, fare calculation …).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Remark {
    /// Qualifier as sent, such as `4:28` for OSI.
    pub kind: String,
    pub text: String,
}

/// A hotel, car, rail or other segment that is not a flight.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NonAirSegment {
    /// Business function code as sent (MSG 4025), such as 8 for hotel.
    pub kind: String,
    pub text: String,
}

/// One action in a history item: what was added or cancelled.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryAction {
    /// A added, X cancelled, or as sent.
    pub action: String,
    pub details: Vec<RawSegment>,
}

/// One change to the booking, as the booking's own history records it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryItem {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub when: Option<LocalDateTime>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    pub actions: Vec<HistoryAction>,
}

/// A booking: one passenger name record as one push carried it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Booking {
    pub record_locator: String,
    /// Indexes of this booking's travellers among the message's travellers.
    pub travellers: Vec<usize>,
    /// Carrier that owns the record locator.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub carrier: Option<String>,
    /// The same booking in other systems.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_locators: Vec<Locator>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created: Option<LocalDateTime>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_modified: Option<LocalDateTime>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ticketed: Option<LocalDateTime>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub originator: Option<Originator>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contacts: Vec<Contact>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub addresses: Vec<Address>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub payments: Vec<Payment>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tickets: Vec<Ticket>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub itinerary: Vec<ItinerarySegment>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub non_air: Vec<NonAirSegment>,
    /// Record locators of bookings split from this one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub split_from: Vec<Locator>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<HistoryItem>,
    /// Unstructured history lines (LTS).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history_lines: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub remarks: Vec<Remark>,
    /// SSRs that concern the whole booking.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ssrs: Vec<Ssr>,
    /// Excess or prepaid baggage (EBD).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub excess_baggage: Vec<RawSegment>,
    /// The push carried only the locator: the booking no longer holds the flight.
    #[serde(default, skip_serializing_if = "is_false")]
    pub cancelled: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other: Vec<RawSegment>,
}

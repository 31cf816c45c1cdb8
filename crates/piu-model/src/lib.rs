//! The passenger-data domain of OpenPIU: one model that every reader produces and
//! every later stage (storage, screening, analysis) consumes.
//!
//! A flight, the travellers on it with their documents, the bookings they travel
//! on, and metadata about the message that carried them. The model is plain data:
//! it performs no I/O and knows no message syntax. What a reader cannot type is
//! kept as [`RawSegment`] text on the nearest entity, never dropped.

mod booking;
pub mod country;
mod flight;
mod message;
mod moment;
mod purpose;
mod traveller;

pub use booking::{
    Booking, Contact, ContactKind, HistoryAction, HistoryItem, Locator, Money, NonAirSegment,
    Originator, Payment, PaymentMethod, Remark, Ssr, Ticket,
};
pub use flight::{Flight, FlightDesignator, ItinerarySegment, Leg, TransportMode, Vessel};
pub use message::{
    Format, ManifestChange, ManifestKind, Message, MessageMeta, Note, Parts, PushType, RawSegment,
    Syntax,
};
pub use moment::LocalDateTime;
pub use purpose::{Purpose, Severity};
pub use traveller::{
    Address, BagTag, Bags, CheckIn, FrequentFlyer, Gender, PassengerType, Reference, Role,
    TravelDocument, Traveller,
};

/// Calendar date without time zone.
pub use time::Date;

pub(crate) fn is_false(b: &bool) -> bool {
    !*b
}

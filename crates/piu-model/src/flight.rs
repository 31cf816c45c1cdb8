//! Flights, voyages and their legs.

use serde::{Deserialize, Serialize};

use crate::LocalDateTime;

/// How the conveyance travels (UN/ECE Recommendation 19).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TransportMode {
    #[default]
    Air,
    Sea,
    Rail,
    Road,
    InlandWater,
}

/// A carrier code and a flight or voyage number.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct FlightDesignator {
    pub carrier: String,
    pub number: String,
}

/// A ship, for sea manifests.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Vessel {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub imo: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// One leg: from one airport or port to the next.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Leg {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub carrier: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    pub origin: Option<String>,
    pub destination: Option<String>,
    pub departure: Option<LocalDateTime>,
    pub arrival: Option<LocalDateTime>,
    /// Set on the leg that crosses into the receiving state (PAXLST LOC 125 → 87).
    #[serde(default, skip_serializing_if = "crate::is_false")]
    pub border_crossing: bool,
}

/// The flight or voyage a message is about.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Flight {
    /// Operating carrier (IATA or ICAO airline code, or shipping line).
    pub carrier: String,
    /// Flight or voyage number, without leading zeros.
    pub number: String,
    pub origin: Option<String>,
    pub destination: Option<String>,
    pub departure: Option<LocalDateTime>,
    pub arrival: Option<LocalDateTime>,
    pub transport_mode: TransportMode,
    /// Marketing designators of code-shares.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub marketing: Vec<FlightDesignator>,
    /// Every leg, in order; one leg for a direct flight.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub legs: Vec<Leg>,
    /// Final destination when beyond the last leg (PAXLST LOC 130).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub final_destination: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vessel: Option<Vessel>,
    /// Journey identifier as sent, such as `UA0989`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub journey_id: Option<String>,
}

/// One segment of a booking's itinerary.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItinerarySegment {
    #[serde(flatten)]
    pub leg: Leg,
    /// Operating carrier and number when another carrier operates it (code-share).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub operating: Option<FlightDesignator>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub booking_class: Option<String>,
    /// Segment status, such as HK (confirmed).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub party_size: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub aircraft: Option<String>,
    /// Departure-control record locator for this segment.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dcs_locator: Option<String>,
}

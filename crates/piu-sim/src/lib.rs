//! A realistic, deterministic day of carrier traffic for a passenger information
//! unit in Azerbaijan: flights into and out of Baku, Nakhchivan, Ganja and the
//! regional airports by national and foreign carriers, Caspian ferries, and the
//! PAXLST and PNRGOV messages they send.
//!
//! The same date and seed always give byte-identical files (the generator is
//! written here, not taken from a crate); another seed gives other traffic. The
//! traffic is plain model data ([`Day::messages`]) and encoded files
//! ([`Day::files`]), so tests can compare what was sent with what a reader gets.
//!
//! Never used for real data: every person is drawn from name pools.
//!
//! [`watchlist`] generates synthetic watchlists (up to a million entries with
//! aliases) and travellers — variants planted from entries and clean ones —
//! with the truth of which is which, to measure screening against.
//!
//! ```no_run
//! use time::macros::date;
//!
//! let day = piu_sim::simulate(date!(2026 - 11 - 21), 1);
//! let summary = piu_sim::write(&day, std::path::Path::new("traffic")).unwrap();
//! println!("{} flights, {} files, {} bytes", summary.flights, summary.files, summary.bytes);
//! ```

mod bookings;
pub mod dense;
mod ferries;
mod files;
mod network;
mod people;
mod pnr;
mod pools;
mod rng;
mod traffic;
pub mod watchlist;

use std::io;
use std::path::Path;

use piu_model::{LocalDateTime, Message, TransportMode};
use time::Date;

use rng::Rng;

/// What a message is in the day's traffic.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    /// PNRGOV full push 48 hours before departure.
    PnrFull,
    /// PNRGOV update push 24 hours before departure.
    PnrUpdate,
    /// PNRGOV update push after flight closure.
    PnrClosure,
    /// PAXLST passenger list at check-in close.
    Passengers,
    /// PAXLST crew list.
    Crew,
    /// PAXLST change of passenger data (BGM 745 CP).
    Change,
    /// Flight closed, list of persons on board (BGM 266 CLOB).
    CloseOnBoard,
    /// Flight closed, list of persons who did not board (BGM 266 CLNB).
    CloseNotBoarded,
    /// Flight cancelled (BGM 266 XF).
    Cancel,
}

/// How a message is turned into files.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum How {
    Paxlst {
        max_persons: usize,
        group: bool,
        line_breaks: bool,
    },
    Pnr {
        group: bool,
        line_breaks: bool,
    },
    PnrXml,
}

/// One generated message.
#[derive(Clone, Debug)]
pub struct Generated {
    pub kind: Kind,
    /// When the carrier sent it (UTC).
    pub sent: LocalDateTime,
    pub message: Message,
    pub how: How,
}

/// One flight or sailing of the day.
#[derive(Clone, Debug)]
pub struct Voyage {
    pub carrier: String,
    pub operator: String,
    pub number: String,
    pub origin: String,
    pub destination: String,
    /// Local times at origin and destination.
    pub departure: LocalDateTime,
    pub arrival: LocalDateTime,
    pub mode: TransportMode,
    /// Aircraft type or vessel name.
    pub craft: String,
    /// Passengers listed at check-in close (or on the ferry).
    pub passengers: usize,
    pub crew: usize,
    /// Bookings planned on the flight, cancelled ones included.
    pub bookings: usize,
    pub cancelled: bool,
}

/// One file as a carrier sends it.
#[derive(Clone, Debug)]
pub struct File {
    pub name: String,
    pub bytes: Vec<u8>,
    /// Index of the message in [`Day::messages`].
    pub message: usize,
    /// Part number and number of parts of a multi-part series (1 of 1 otherwise).
    pub part: u32,
    pub parts: u32,
}

/// A day of traffic.
#[derive(Clone, Debug)]
pub struct Day {
    pub date: Date,
    pub seed: u64,
    pub voyages: Vec<Voyage>,
    /// In the order they were sent.
    pub messages: Vec<Generated>,
    pub files: Vec<File>,
}

/// Counts of a day.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub flights: usize,
    pub ferries: usize,
    pub cancelled: usize,
    pub messages: usize,
    pub files: usize,
    pub bytes: usize,
    pub paxlst_files: usize,
    pub pnrgov_edifact_files: usize,
    pub pnrgov_xml_files: usize,
    /// Persons in passenger lists at check-in close.
    pub passengers: usize,
    pub crew: usize,
    pub bookings: usize,
}

impl Day {
    pub fn summary(&self) -> Summary {
        files::summary(self)
    }
}

/// Generates the traffic of flights and sailings departing on `day`, with the
/// pushes sent before it (T-48, T-24). Pure: no I/O, no clock.
pub fn simulate(day: Date, seed: u64) -> Day {
    let day_seed = seed ^ (i64::from(day.to_julian_day()) as u64).wrapping_mul(0x9E37_79B9);
    let mut rng = Rng::derive(day_seed, "schedule");
    let flights = network::schedule(&mut rng);
    let cancelled = (!flights.is_empty()).then(|| rng.below(flights.len()));
    let mut counter = traffic::Counter(rng.range(1000, 9000) as u64 * 100_000);
    let mut voyages = Vec::new();
    let mut messages = Vec::new();
    for (i, f) in flights.iter().enumerate() {
        let label = format!(
            "{}{}{}{}",
            f.carrier.name, f.number, f.origin, f.destination
        );
        let mut frng = Rng::derive(day_seed, &label);
        let (v, m) = traffic::flight(&mut frng, day, f, cancelled == Some(i), &mut counter);
        voyages.push(v);
        messages.extend(m);
    }
    let mut srng = Rng::derive(day_seed, "ferries");
    for (v, m) in ferries::voyages(&mut srng, day, &mut counter) {
        voyages.push(v);
        messages.extend(m);
    }
    messages.sort_by_key(|g| g.sent);
    let files = messages
        .iter()
        .enumerate()
        .flat_map(|(i, g)| files::encode(i, g))
        .collect();
    Day {
        date: day,
        seed,
        voyages,
        messages,
        files,
    }
}

/// The day's PNRGOV EDIFACT pushes as one update push per booking (small
/// messages for load and crash tests), in the order they were sent.
pub fn booking_pushes(day: &Day) -> Vec<File> {
    files::booking_pushes(day)
}

/// Writes every file of the day into `dir` (created if missing).
pub fn write(day: &Day, dir: &Path) -> io::Result<Summary> {
    files::write(day, dir)
}

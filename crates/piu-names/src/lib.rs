//! Person names for screening: reading a name as it was sent, rendering it in
//! Latin letters under the schemes documents use, and comparing two names with
//! an explanation of every step.
//!
//! Pure functions and data: no I/O, no global state. The same threshold
//! ([`DEFAULT_THRESHOLD`]) serves the command line and screening.

mod arabic;
mod book;
mod compare;
mod distance;
mod fold;
mod frequency;
mod lexicon;
mod parse;
mod script;
mod slots;

pub use book::{NameBook, NameId, NameView, PartView};
pub use compare::{
    Comparison, DEFAULT_THRESHOLD, Explanation, Matcher, Name, PairExplained, PartCache, Rule,
};
pub use distance::one_slip_apart;
pub use frequency::Frequencies;
pub use parse::{Form, GLUED_TITLES, ParsedName, Part, Role, TITLES, parse};

//! Travellers to screen or back-test, read from traveller CSV files and carrier
//! message files alike; what cannot be read is reported and counted as a
//! failure, the rest goes on.

use std::collections::HashMap;
use std::path::PathBuf;

use piu_criteria::{Fact, Facts, HistoryLeg};
use piu_messages::{ReadOptions, assemble_tagged, read};
use piu_model::Message;
use piu_screen::Subject;
use time::{Date, PrimitiveDateTime};

/// One traveller: the subject screened against watchlists, and, for travellers
/// from carrier messages when criteria are wanted, the facts criteria see.
pub struct Traveller {
    pub subject: Subject,
    pub facts: Option<Facts>,
}

/// Everything read from the inputs.
pub struct Loaded {
    pub travellers: Vec<Traveller>,
    /// Travellers from CSV files, which carry no booking or flight for criteria.
    pub from_csv: usize,
    /// Some input could not be read (each reported on stderr).
    pub failed: bool,
}

/// Reads every input (folders are expanded). With `facts_at`, travellers from
/// messages get criteria facts as of that moment, with the earlier trips of
/// the same person found in the inputs as their travel history.
pub fn load(
    inputs: &[PathBuf],
    date_format: Option<piu_watchlist::DateFormat>,
    facts_at: Option<PrimitiveDateTime>,
) -> Loaded {
    let mut loaded = Loaded {
        travellers: Vec::new(),
        from_csv: 0,
        failed: false,
    };
    let today = time::OffsetDateTime::now_utc().date();
    let options = ReadOptions {
        reference_date: Some(facts_at.map_or(today, |t| t.date())),
        ..ReadOptions::default()
    };
    let files = match crate::parse::expand(inputs) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("{e:#}");
            loaded.failed = true;
            return loaded;
        }
    };
    let mut messages = Vec::new();
    for path in files {
        let name = path.display().to_string();
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("{name}: cannot read the file: {e}");
                loaded.failed = true;
                continue;
            }
        };
        if is_message(&path, &bytes) {
            let reading = read(&bytes, &options);
            for e in &reading.errors {
                eprintln!("{name}: {e}");
                loaded.failed = true;
            }
            messages.extend(reading.messages.into_iter().map(|m| (name.clone(), m)));
            continue;
        }
        let options = piu_watchlist::Options {
            date_format,
            source: name.clone(),
        };
        match piu_watchlist::import_csv(&bytes, &options) {
            Ok(import) => {
                for r in &import.refused {
                    eprintln!("{name}: traveller not screened: {r}");
                    loaded.failed = true;
                }
                loaded.from_csv += import.entries.len();
                loaded
                    .travellers
                    .extend(import.entries.iter().map(|e| Traveller {
                        subject: traveller_from_row(e),
                        facts: None,
                    }));
            }
            Err(e) => {
                eprintln!("{name}: {e}");
                loaded.failed = true;
            }
        }
    }
    let messages = assemble_tagged(messages);
    let mut from_messages = Vec::new();
    for (sources, message) in &messages {
        for i in 0..message.travellers.len() {
            let reference = format!(
                "{} {} traveller {}",
                sources.join(" "),
                message.meta.message_ref,
                i + 1
            );
            if let Some(subject) = Subject::from_message(message, i, reference) {
                from_messages.push((subject, message, i));
            }
        }
    }
    match facts_at {
        None => loaded
            .travellers
            .extend(from_messages.into_iter().map(|(subject, _, _)| Traveller {
                subject,
                facts: None,
            })),
        Some(now) => with_facts(&mut loaded.travellers, from_messages, now),
    }
    loaded
}

/// Facts for each traveller, each with the trips of the same person on the
/// other flights of the inputs that departed before theirs.
fn with_facts(
    out: &mut Vec<Traveller>,
    from: Vec<(Subject, &Message, usize)>,
    now: PrimitiveDateTime,
) {
    let facts: Vec<Facts> = from
        .iter()
        .map(|(s, m, i)| piu_criteria::facts(m, *i, &[], Some(now)).with_reference(&s.reference))
        .collect();
    // Every trip of each person, once per journey (API and PNR of one flight
    // are one trip).
    let mut trips: HashMap<String, Vec<(String, HistoryLeg)>> = HashMap::new();
    for ((s, m, i), f) in from.iter().zip(&facts) {
        let (Some(key), Some(leg)) = (person_key(&m.travellers[*i]), leg(f)) else {
            continue;
        };
        let known = trips.entry(key).or_default();
        if !known.iter().any(|(j, _)| *j == s.journey) {
            known.push((s.journey.clone(), leg));
        }
    }
    for ((subject, m, i), f) in from.into_iter().zip(facts) {
        let before = leg(&f).map(|l| l.date);
        let history: Vec<HistoryLeg> = match (person_key(&m.travellers[i]), before) {
            (Some(key), Some(before)) => trips
                .get(&key)
                .into_iter()
                .flatten()
                .filter(|(j, l)| *j != subject.journey && l.date < before)
                .map(|(_, l)| l.clone())
                .collect(),
            _ => Vec::new(),
        };
        let facts = if history.is_empty() {
            f
        } else {
            f.with_history(&history)
        };
        out.push(Traveller {
            subject,
            facts: Some(facts),
        });
    }
}

/// Who a traveller is across flights: the first travel document's number and
/// issuing state, else name and birth date. Without either there is no
/// history: a name alone would join strangers.
fn person_key(t: &piu_model::Traveller) -> Option<String> {
    if let Some(d) = t.documents.iter().find(|d| d.number.is_some()) {
        return Some(format!(
            "doc|{}|{}",
            d.number.as_deref().unwrap_or("").to_uppercase(),
            d.issuing_country.as_deref().unwrap_or("")
        ));
    }
    let birth = t.date_of_birth?;
    Some(format!(
        "name|{}|{}|{birth}",
        t.surname.to_uppercase(),
        t.given_names.to_uppercase()
    ))
}

/// The trip a traveller's facts describe.
fn leg(f: &Facts) -> Option<HistoryLeg> {
    let text = |path: &str| match f.get(path) {
        Some(Fact::Text(s)) => Some(s.clone()),
        _ => None,
    };
    let date = text("flight.departure_date")?;
    let date = Date::parse(
        &date,
        time::macros::format_description!("[year]-[month]-[day]"),
    )
    .ok()?;
    Some(HistoryLeg {
        origin: text("flight.origin")?,
        destination: text("flight.destination")?,
        date,
        carrier: text("flight.carrier"),
    })
}

/// EDIFACT or XML rather than CSV: a `.csv` file is a table; anything else
/// that starts with `<` or carries an interchange or message header near its
/// start (after a Type-B envelope, say) is a message.
fn is_message(path: &std::path::Path, bytes: &[u8]) -> bool {
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"))
    {
        return false;
    }
    let start = bytes.trim_ascii_start();
    let start = start.strip_prefix("\u{feff}".as_bytes()).unwrap_or(start);
    let head = &start[..start.len().min(4096)];
    start.starts_with(b"<")
        || head
            .windows(3)
            .any(|w| w == b"UNA" || w == b"UNB" || w == b"UNH")
}

/// A traveller CSV row, read like a watchlist row: `input_ref` is its id, or
/// its row number.
fn traveller_from_row(e: &piu_watchlist::Entry) -> Subject {
    let reference = if e.id.is_empty() {
        e.provenance.locator.clone()
    } else {
        e.id.clone()
    };
    let name = match &e.name_parts {
        Some(p) if !p.last.is_empty() => format!("{}/{} {}", p.last, p.first, p.middle)
            .trim()
            .to_string(),
        _ => e.names.first().cloned().unwrap_or_default(),
    };
    // The file's name, not its path: the same traveller file screened again
    // from elsewhere is the same travellers.
    let file = std::path::Path::new(&e.provenance.source)
        .file_name()
        .map_or(e.provenance.source.clone(), |n| {
            n.to_string_lossy().into_owned()
        });
    Subject {
        identity: format!("{file}|{reference}"),
        reference,
        name,
        gender: e.gender,
        birth_date: e.birth_dates.first().copied(),
        nationality: e.nationalities.first().cloned(),
        documents: e.documents.clone(),
        source: piu_screen::Source::File,
        on: None,
        journey: String::new(),
    }
}

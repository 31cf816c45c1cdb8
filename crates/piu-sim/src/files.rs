//! Encoding the generated messages into the files a carrier would send, and
//! writing them to a folder.

use std::io;
use std::path::Path;

use piu_messages::encode::{paxlst, pnrgov, pnrgov_xml};
use piu_model::{LocalDateTime, Message, TransportMode};

use crate::{Day, File, Generated, How, Kind, Summary};

fn stamp(t: &LocalDateTime) -> String {
    let d = t.date;
    let (h, m) = t.time.map_or((0, 0), |t| (t.hour(), t.minute()));
    format!(
        "{:04}{:02}{:02}T{h:02}{m:02}Z",
        d.year(),
        d.month() as u8,
        d.day()
    )
}

fn label(kind: Kind) -> &'static str {
    match kind {
        Kind::PnrFull => "PNRGOV-T48",
        Kind::PnrUpdate => "PNRGOV-T24",
        Kind::PnrClosure => "PNRGOV-CLOSE",
        Kind::Passengers => "PAXLST-PAX",
        Kind::Crew => "PAXLST-CREW",
        Kind::Change => "PAXLST-CP",
        Kind::CloseOnBoard => "PAXLST-CLOB",
        Kind::CloseNotBoarded => "PAXLST-CLNB",
        Kind::Cancel => "PAXLST-XF",
    }
}

/// `20261121T0410Z_PAXLST-PAX_J271_GYDIST` (sea: `…_ASCO512_AZALTKZAKT`).
fn base_name(g: &Generated) -> String {
    let f = g.message.flight.as_ref();
    let designator = f
        .map(|f| format!("{}{}", f.carrier, f.number))
        .unwrap_or_default();
    let route = f
        .map(|f| {
            format!(
                "{}{}",
                f.origin.as_deref().unwrap_or(""),
                f.destination.as_deref().unwrap_or("")
            )
        })
        .unwrap_or_default();
    let label = match f.map(|f| f.transport_mode) {
        Some(TransportMode::Sea) => label(g.kind).replace("PAXLST", "PAXLST-SEA"),
        _ => label(g.kind).to_string(),
    };
    format!("{}_{label}_{designator}_{route}", stamp(&g.sent))
}

/// The files of one generated message (several for a multi-part series).
pub fn encode(index: usize, g: &Generated) -> Vec<File> {
    let name = base_name(g);
    let file = |name: String, text: String, part: u32, parts: u32| File {
        name,
        bytes: text.into_bytes(),
        message: index,
        part,
        parts,
    };
    match g.how {
        How::Paxlst {
            max_persons,
            group,
            line_breaks,
        } => {
            let envelope = paxlst::Envelope { group, line_breaks };
            if g.message.travellers.len() > max_persons {
                let parts = paxlst::encode_parts_with(&g.message, max_persons, &envelope);
                let n = parts.len() as u32;
                parts
                    .into_iter()
                    .enumerate()
                    .map(|(i, text)| {
                        file(
                            format!("{name}_PART{:02}.edi", i + 1),
                            text,
                            i as u32 + 1,
                            n,
                        )
                    })
                    .collect()
            } else {
                vec![file(
                    format!("{name}.edi"),
                    paxlst::encode_with(&g.message, &envelope),
                    1,
                    1,
                )]
            }
        }
        How::Pnr { group, line_breaks } => {
            let envelope = pnrgov::Envelope { group, line_breaks };
            vec![file(
                format!("{name}.edi"),
                pnrgov::encode_with(&g.message, &envelope),
                1,
                1,
            )]
        }
        How::PnrXml => {
            let text = pnrgov_xml::encode(&g.message);
            // An encoder that produces nothing yields no file rather than an empty one.
            if text.is_empty() {
                Vec::new()
            } else {
                vec![file(format!("{name}.xml"), text, 1, 1)]
            }
        }
    }
}

/// One PNRGOV update push per booking of each EDIFACT push of the day, as
/// carriers send ad hoc pushes when a booking changes: many small messages, the
/// same booking pushed again at each stage. Each gets its own interchange
/// reference, so every file has distinct bytes.
pub fn booking_pushes(day: &Day) -> Vec<File> {
    let mut files = Vec::new();
    for (index, g) in day.messages.iter().enumerate() {
        let How::Pnr { group, line_breaks } = g.how else {
            continue;
        };
        let envelope = pnrgov::Envelope { group, line_breaks };
        let name = base_name(g);
        let reference = g.message.meta.interchange_ref.clone().unwrap_or_default();
        for (k, booking) in g.message.bookings.iter().enumerate() {
            let mut message = single_booking(&g.message, booking);
            message.meta.push = Some(piu_model::PushType::Update);
            message.meta.declared_pnrs = Some(1);
            message.meta.interchange_ref = Some(format!("{reference}{k:03}"));
            files.push(File {
                name: format!("{name}_B{k:03}.edi"),
                bytes: pnrgov::encode_with(&message, &envelope).into_bytes(),
                message: index,
                part: 1,
                parts: 1,
            });
        }
    }
    files
}

/// `message` holding only `booking` and its travellers, indices renumbered.
fn single_booking(message: &Message, booking: &piu_model::Booking) -> Message {
    let old: Vec<usize> = booking
        .travellers
        .iter()
        .copied()
        .filter(|&i| i < message.travellers.len())
        .collect();
    let new_index = |i: Option<usize>| i.and_then(|i| old.iter().position(|&o| o == i));
    let mut single = Message::new(message.meta.clone());
    single.flight = message.flight.clone();
    single.other = message.other.clone();
    single.travellers = old
        .iter()
        .map(|&i| {
            let mut traveller = message.travellers[i].clone();
            traveller.infant = new_index(traveller.infant);
            traveller
        })
        .collect();
    let mut booking = booking.clone();
    booking.travellers = (0..old.len()).collect();
    for payment in &mut booking.payments {
        payment.traveller = new_index(payment.traveller);
    }
    for ticket in &mut booking.tickets {
        ticket.traveller = new_index(ticket.traveller);
    }
    single.bookings = vec![booking];
    single
}

pub fn summary(day: &Day) -> Summary {
    let mut s = Summary {
        flights: day
            .voyages
            .iter()
            .filter(|v| v.mode == TransportMode::Air)
            .count(),
        ferries: day
            .voyages
            .iter()
            .filter(|v| v.mode == TransportMode::Sea)
            .count(),
        cancelled: day.voyages.iter().filter(|v| v.cancelled).count(),
        messages: day.messages.len(),
        files: day.files.len(),
        bytes: day.files.iter().map(|f| f.bytes.len()).sum(),
        ..Summary::default()
    };
    for f in &day.files {
        let m: &Message = &day.messages[f.message].message;
        match (m.meta.format, f.name.ends_with(".xml")) {
            (piu_model::Format::Paxlst, _) => s.paxlst_files += 1,
            (piu_model::Format::Pnrgov, false) => s.pnrgov_edifact_files += 1,
            (piu_model::Format::Pnrgov, true) => s.pnrgov_xml_files += 1,
        }
    }
    s.passengers = day
        .messages
        .iter()
        .filter(|g| g.kind == Kind::Passengers)
        .map(|g| g.message.travellers.len())
        .sum();
    s.crew = day
        .messages
        .iter()
        .filter(|g| g.kind == Kind::Crew)
        .map(|g| g.message.travellers.len())
        .sum();
    s.bookings = day.voyages.iter().map(|v| v.bookings).sum();
    s
}

pub fn write(day: &Day, dir: &Path) -> io::Result<Summary> {
    std::fs::create_dir_all(dir)?;
    for f in &day.files {
        std::fs::write(dir.join(&f.name), &f.bytes)?;
    }
    Ok(summary(day))
}

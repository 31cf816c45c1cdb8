//! The document level: where the PNRs and the pushed flights are, the message
//! metadata, and which PNRs belong to which flight.

use piu_model::{
    Flight, FlightDesignator, Format, Leg, Message, MessageMeta, Note, PushType, RawSegment,
    Syntax, TransportMode,
};

use super::booking::booking;
use super::traveller::traveller;
use super::tree::{Doc, El, note};
use super::values::{Cx, Spot, code_of, designator, parse_moment, s, strip_zeros};
use crate::dates::Century;
use crate::{Location, ReadError, ReadOptions};

pub(crate) const IATA_ROOT: &str = "IATA_PNRGOV_NotifRQ";

/// Metadata names, by field, in order of preference; each may be an attribute
/// anywhere outside PNRs and flights, or a leaf element there.
pub(crate) const META_VERSION: &[&str] = &["Version", "SchemaVersion", "MessageVersion"];
pub(crate) const META_REF: &[&str] = &[
    "EchoToken",
    "MessageID",
    "MessageId",
    "MessageRef",
    "MessageReference",
    "TransmissionID",
    "TransmissionId",
    "TransactionIdentifier",
];
pub(crate) const META_TRANSACTION: &[&str] = &["TransactionIdentifier"];
pub(crate) const META_SENDER: &[&str] = &[
    "AirlineCode",
    "Sender",
    "SenderID",
    "SenderId",
    "SenderCode",
];
pub(crate) const META_SENDER_CONTACT: &[&str] = &["AirlineContactInfo", "SenderContact"];
pub(crate) const META_RECIPIENT: &[&str] = &[
    "Recipient",
    "RecipientID",
    "RecipientId",
    "Receiver",
    "ReceiverID",
];
pub(crate) const META_INTERCHANGE: &[&str] = &["InterchangeRef"];
pub(crate) const META_COMMON_ACCESS: &[&str] = &["CommonAccessRef"];
pub(crate) const META_PREPARED: &[&str] = &[
    "TimeStamp",
    "Timestamp",
    "CreationDateTime",
    "DateTimeSent",
    "SentDateTime",
    "TransmissionDateTime",
];
pub(crate) const META_PUSH: &[&str] = &[
    "PushType",
    "MessageFunction",
    "TransmissionType",
    "UpdateType",
];
pub(crate) const META_PNRS: &[&str] = &["NumberOfPnrs", "NumberOfPNRs", "PnrCount", "PNRCount"];

const META_ALL: &[&[&str]] = &[
    META_VERSION,
    META_REF,
    META_SENDER,
    META_SENDER_CONTACT,
    META_RECIPIENT,
    META_INTERCHANGE,
    META_COMMON_ACCESS,
    META_PREPARED,
    META_PUSH,
    META_PNRS,
];

pub(crate) fn push_type(code: &str) -> PushType {
    match code.trim().to_ascii_uppercase().as_str() {
        "FULL" | "22" | "F" | "INITIAL" | "COMPLETE" => PushType::Full,
        "UPDATE" | "141" | "U" | "DELTA" | "INCREMENTAL" | "CHANGE" => PushType::Update,
        _ => PushType::Other(code.trim().to_string()),
    }
}

/// What the document holds, found generically.
struct Found {
    pnrs: Vec<usize>,
    legs: Vec<usize>,
    loose: Vec<usize>,
    pnr_lists: usize,
}

fn find(doc: &Doc) -> Found {
    let mut f = Found {
        pnrs: Vec::new(),
        legs: Vec::new(),
        loose: Vec::new(),
        pnr_lists: 0,
    };
    let mut flights = Vec::new();
    let mut stack = vec![(doc.root().id, false)];
    while let Some((id, in_flight)) = stack.pop() {
        let Some(el) = doc.el(id) else { continue };
        if el.peek_child(&["BookingRefID"]).is_some() {
            f.pnrs.push(id);
            continue;
        }
        if el.is(&["Passenger"]) {
            f.loose.push(id);
            continue;
        }
        if el.is(&["PNRs"]) {
            // A container only: its PNRs are read, and so is its count.
            el.mark();
            f.pnr_lists += 1;
        }
        let mut inside = in_flight;
        if el.is(&["FlightLeg"]) {
            f.legs.push(id);
        } else if el.is(&["Flight"]) && !in_flight {
            flights.push(id);
            inside = true;
        }
        let children: Vec<usize> = el.children().map(|c| c.id).collect();
        stack.extend(children.into_iter().rev().map(|c| (c, inside)));
    }
    if f.legs.is_empty() {
        f.legs = flights;
    }
    f
}

/// A metadata value found in the document.
struct Candidate<'a> {
    key: &'a str,
    value: &'a str,
    el: El<'a>,
    spot: Spot<'a>,
}

fn candidates<'a>(doc: &'a Doc) -> Vec<Candidate<'a>> {
    let is_meta = |n: &str| META_ALL.iter().any(|l| l.contains(&n));
    let mut out = Vec::new();
    let mut stack = vec![doc.root().id];
    while let Some(id) = stack.pop() {
        let Some(el) = doc.el(id) else { continue };
        if el.is_entity() {
            continue;
        }
        // The lists are disjoint, so each attribute is a candidate once.
        for &key in META_ALL.iter().flat_map(|l| l.iter()) {
            if let Some(v) = el.peek_attr(&[key]) {
                out.push(Candidate {
                    key,
                    value: v.trim(),
                    el,
                    spot: Spot::Attr(el, key),
                });
            }
        }
        if !el.has_children() && !el.has_attrs() && is_meta(el.name()) {
            out.push(Candidate {
                key: el.name(),
                value: el.peek_text(),
                el,
                spot: Spot::Child(el),
            });
        }
        let children: Vec<usize> = el.children().map(|c| c.id).collect();
        stack.extend(children.into_iter().rev());
    }
    out
}

fn take<'a>(cands: &[Candidate<'a>], names: &[&str]) -> Option<&'a str> {
    for n in names {
        if let Some(c) = cands.iter().find(|c| c.key == *n && !c.value.is_empty()) {
            match c.spot {
                Spot::Attr(el, key) => {
                    el.attr_raw(&[key]);
                    el.mark();
                }
                Spot::Child(el) => {
                    el.mark();
                    el.text();
                }
            }
            return Some(c.value);
        }
    }
    None
}

fn meta(doc: &Doc, options: &ReadOptions, warnings: &mut Vec<Note>) -> MessageMeta {
    let mut m = MessageMeta::new(Format::Pnrgov, Syntax::Xml);
    m.charset = Some(doc.charset.to_string());
    let cands = candidates(doc);
    m.version = take(&cands, META_VERSION).unwrap_or_default().to_string();
    m.message_ref = take(&cands, META_REF).unwrap_or_default().to_string();
    m.transaction_ref = s(take(&cands, META_TRANSACTION));
    m.sender = s(take(&cands, META_SENDER));
    m.sender_contact = s(take(&cands, META_SENDER_CONTACT));
    m.recipient = s(take(&cands, META_RECIPIENT));
    m.interchange_ref = s(take(&cands, META_INTERCHANGE));
    m.common_access_ref = s(take(&cands, META_COMMON_ACCESS));
    m.push = take(&cands, META_PUSH).map(push_type);
    for n in META_PREPARED {
        if let Some(c) = cands.iter().find(|c| c.key == *n && !c.value.is_empty()) {
            match parse_moment(c.value, options.reference_date, Century::Around) {
                Some(v) => {
                    take(&cands, &[n]);
                    m.prepared = Some(v);
                }
                None => warnings.push(note(
                    &c.el,
                    format!("{n} {:?} is not a date and time; kept as raw data", c.value),
                )),
            }
            break;
        }
    }
    for n in META_PNRS {
        if let Some(c) = cands.iter().find(|c| c.key == *n && !c.value.is_empty()) {
            match c.value.parse::<u32>() {
                Ok(v) => {
                    take(&cands, &[n]);
                    m.declared_pnrs = Some(v);
                }
                Err(_) => warnings.push(note(
                    &c.el,
                    format!("{n} {:?} is not a whole number; kept as raw data", c.value),
                )),
            }
            break;
        }
    }
    m
}

/// Marks every ancestor of a mapped element, so that the sweep descends to
/// what is left instead of keeping whole containers twice.
fn mark_ancestors(doc: &Doc) {
    let mut used = Vec::new();
    let mut stack = vec![doc.root().id];
    while let Some(id) = stack.pop() {
        let Some(el) = doc.el(id) else { continue };
        if el.is_used() {
            used.push(el);
        }
        if !el.is_entity() || id == doc.root().id {
            stack.extend(el.children().map(|c| c.id));
        }
    }
    for el in used {
        let mut p = el.parent();
        while let Some(e) = p {
            e.mark();
            p = e.parent();
        }
    }
    doc.root().mark();
}

/// The pushed flight: `FlightLeg` (or a `Flight` outside any PNR).
fn flight(el: El<'_>, cx: &mut Cx<'_>) -> Flight {
    el.set_entity();
    let mut carrier = el
        .attr(&["CarrierCode", "AirlineCode", "Carrier"])
        .unwrap_or_default()
        .to_string();
    let mut number = el
        .attr(&["FlightNumber"])
        .map(strip_zeros)
        .unwrap_or_default();
    let mut marketing: Vec<FlightDesignator> = Vec::new();
    if let Some(op) = el.child(&["OperatingAirline"]).map(designator) {
        let sent = FlightDesignator {
            carrier: carrier.clone(),
            number: number.clone(),
        };
        if !op.carrier.is_empty() {
            carrier = op.carrier;
        }
        if !op.number.is_empty() {
            number = op.number;
        }
        if !sent.carrier.is_empty() && (sent.carrier != carrier || sent.number != number) {
            marketing.push(sent);
        }
    }
    marketing.extend(
        el.children_named(&["MarketingAirline"])
            .into_iter()
            .map(designator),
    );
    if carrier.is_empty() {
        cx.warn(&el, "the pushed flight names no carrier");
    }
    let origin = match el.child(&["DepartureAirport"]) {
        Some(a) => code_of(a),
        None => s(el.attr(&["Origin"])),
    };
    let destination = match el.child(&["ArrivalAirport"]) {
        Some(a) => code_of(a),
        None => s(el.attr(&["Destination"])),
    };
    let departure = cx.moment(el, &["DepartureDateTime"], Century::Around);
    let arrival = cx.moment(el, &["ArrivalDateTime"], Century::Around);
    let leg = Leg {
        carrier: Some(carrier.clone()).filter(|c| !c.is_empty()),
        number: Some(number.clone()).filter(|n| !n.is_empty()),
        origin: origin.clone(),
        destination: destination.clone(),
        departure,
        arrival,
        border_crossing: false,
    };
    Flight {
        carrier,
        number,
        origin,
        destination,
        departure,
        arrival,
        transport_mode: TransportMode::Air,
        marketing,
        legs: vec![leg],
        final_destination: s(el.attr(&["FinalDestination"])),
        vessel: None,
        journey_id: s(el.attr(&["JourneyID"])),
    }
}

/// Whether a PNR's itinerary holds the pushed flight.
fn holds(pnr: El<'_>, f: &Flight) -> bool {
    pnr.children().filter(|c| c.is(&["Flight"])).any(|seg| {
        let number = seg
            .peek_attr(&["FlightNumber"])
            .or_else(|| {
                seg.peek_child(&["MarketingAirline", "OperatingAirline"])
                    .and_then(|m| m.peek_attr(&["FlightNumber"]))
            })
            .map(strip_zeros);
        let origin = seg
            .peek_child(&["DepartureAirport"])
            .and_then(|a| a.peek_attr(&["LocationCode", "Code"]))
            .map(str::trim);
        number.as_deref() == Some(f.number.as_str())
            && (origin.is_none() || f.origin.is_none() || origin == f.origin.as_deref())
    })
}

/// The legs a PNR (or a loose passenger) belongs to: those sharing its deepest
/// common ancestor; among several, those whose flight its itinerary holds.
fn legs_of(doc: &Doc, id: usize, legs: &[(usize, Flight)]) -> Vec<usize> {
    let depths: Vec<usize> = legs.iter().map(|(l, _)| doc.common_depth(*l, id)).collect();
    let best = depths.iter().copied().max().unwrap_or(0);
    let tied: Vec<usize> = (0..legs.len())
        .filter(|&i| depths.get(i) == Some(&best))
        .collect();
    if tied.len() > 1
        && let Some(pnr) = doc.el(id)
    {
        let holding: Vec<usize> = tied
            .iter()
            .copied()
            .filter(|&i| legs.get(i).is_some_and(|(_, f)| holds(pnr, f)))
            .collect();
        if !holding.is_empty() {
            return holding;
        }
    }
    tied
}

pub(crate) fn messages(doc: &Doc, options: &ReadOptions) -> Result<Vec<Message>, ReadError> {
    let root = doc.root();
    let found = find(doc);
    let is_iata = root.is(&[IATA_ROOT]);
    if found.pnrs.is_empty()
        && found.loose.is_empty()
        && !(is_iata && (!found.legs.is_empty() || found.pnr_lists > 0))
    {
        return Err(ReadError::new(
            Location {
                offset: root.offset(),
                segment: None,
                tag: Some(root.name().to_string()),
            },
            format!(
                "no PNR found: no element under <{}> has a BookingRefID child, and there is no pushed flight; this is not PNRGOV XML as OpenPIU reads it",
                root.name()
            ),
        ));
    }
    for &id in found.pnrs.iter().chain(&found.legs).chain(&found.loose) {
        if let Some(el) = doc.el(id) {
            el.set_entity();
        }
    }

    let mut base_warnings = Vec::new();
    let base_meta = meta(doc, options, &mut base_warnings);
    if let Some(n) = base_meta.declared_pnrs
        && n as usize != found.pnrs.len()
    {
        base_warnings.push(Note {
            offset: Some(root.offset()),
            segment: None,
            tag: Some(root.name().to_string()),
            message: format!(
                "NumberOfPnrs says {n}, but the document carries {} PNRs",
                found.pnrs.len()
            ),
        });
    }
    let reference = options
        .reference_date
        .or(base_meta.prepared.map(|p| p.date));

    let mut legs: Vec<(usize, Flight)> = Vec::new();
    let mut leg_notes: Vec<(Vec<RawSegment>, Vec<Note>)> = Vec::new();
    for &id in &found.legs {
        let Some(el) = doc.el(id) else { continue };
        let mut warnings = Vec::new();
        let mut cx = Cx {
            warnings: &mut warnings,
            reference,
        };
        let f = flight(el, &mut cx);
        let mut other = Vec::new();
        el.sweep(&mut other, &mut warnings, None);
        legs.push((id, f));
        leg_notes.push((other, warnings));
    }

    mark_ancestors(doc);
    let mut base_other = Vec::new();
    root.sweep(&mut base_other, &mut base_warnings, None);

    // Which flights each PNR and loose passenger belongs to, decided once.
    let assigned = |ids: &[usize]| -> Vec<Vec<usize>> {
        ids.iter()
            .map(|&id| {
                if legs.is_empty() {
                    Vec::new()
                } else {
                    legs_of(doc, id, &legs)
                }
            })
            .collect()
    };
    let pnr_legs = assigned(&found.pnrs);
    let loose_legs = assigned(&found.loose);

    let mut out = Vec::new();
    let slots: Vec<Option<usize>> = if legs.is_empty() {
        vec![None]
    } else {
        (0..legs.len()).map(Some).collect()
    };
    for slot in slots {
        let mut msg = Message::new(base_meta.clone());
        msg.meta.warnings = base_warnings.clone();
        msg.other = base_other.clone();
        let mut reference = reference;
        if let Some(i) = slot
            && let (Some((_, f)), Some((other, warnings))) = (legs.get(i), leg_notes.get(i))
        {
            reference = f.departure.map(|d| d.date).or(reference);
            msg.flight = Some(f.clone());
            msg.other.extend(other.iter().cloned());
            msg.meta.warnings.extend(warnings.iter().cloned());
        }
        let belongs = |legs: Option<&Vec<usize>>| match slot {
            None => true,
            Some(i) => legs.is_some_and(|l| l.contains(&i)),
        };
        let Message {
            meta,
            travellers,
            bookings,
            ..
        } = &mut msg;
        let mut cx = Cx {
            warnings: &mut meta.warnings,
            reference,
        };
        for (k, &id) in found.pnrs.iter().enumerate() {
            if !belongs(pnr_legs.get(k)) {
                continue;
            }
            if let Some(el) = doc.el(id) {
                bookings.push(booking(el, &mut cx, travellers));
            }
        }
        for (k, &id) in found.loose.iter().enumerate() {
            if !belongs(loose_legs.get(k)) {
                continue;
            }
            if let Some(el) = doc.el(id) {
                let index = travellers.len();
                let (mut t, x) = traveller(el, &mut cx, index, false);
                x.el.sweep(&mut t.other, cx.warnings, None);
                travellers.push(t);
            }
        }
        out.push(msg);
    }
    Ok(out)
}

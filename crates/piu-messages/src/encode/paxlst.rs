//! PAXLST encoder: the model back to UN/EDIFACT, in the WCO/IATA air-mode layout
//! (and its sea-mode variant for ferry manifests).
//!
//! Used to generate traffic and to test readers, so it writes what carriers write:
//! `UNA:+.? '`, UNB/UNG/UNH envelope with correct control counts, the header
//! groups (BGM, RFF TN, NAD MS, TDT, LOC/DTM) and one NAD group per person. A long
//! list can be cut into a multi-part series with [`encode_parts`].

use piu_edifact::{Delimiters, Writer};
use piu_model::{
    Flight, LocalDateTime, ManifestChange, ManifestKind, Message, Role, TransportMode, Traveller,
};
use time::Date;

/// How the envelope around the message is written.
pub use super::Envelope;

/// The envelope [`encode`] uses: one UNG group, as PAXLST senders usually do, one segment per line.
pub const DEFAULT_ENVELOPE: Envelope = Envelope {
    group: true,
    line_breaks: true,
};

/// Encodes a PAXLST message as one interchange.
pub fn encode(msg: &Message) -> String {
    encode_with(msg, &DEFAULT_ENVELOPE)
}

/// Encodes a PAXLST message as one interchange, with the given envelope.
///
/// A multi-part position in `msg.meta.parts` (one received part) is written to
/// UNH S010; the common access reference to UNH 0068.
pub fn encode_with(msg: &Message, envelope: &Envelope) -> String {
    let persons: Vec<&Traveller> = msg.travellers.iter().collect();
    let status = msg.meta.parts.as_ref().and_then(|p| {
        let seq = *p.received.first()?;
        let mark = if p.last == Some(seq) {
            Some('F')
        } else if seq == 1 {
            Some('C')
        } else {
            None
        };
        Some((seq, mark))
    });
    let control = control_ref(msg, None);
    write_interchange(
        msg,
        &persons,
        status,
        declared_count(msg),
        &msg.meta.message_ref,
        &control,
        envelope,
    )
}

/// Encodes a long list as a multi-part series of interchanges with at most
/// `max_persons` persons each.
///
/// Every part repeats BGM, NAD MS, TDT and LOC/DTM, carries the same common access
/// reference (0068) and the whole-flight count in CNT, and is numbered in UNH
/// S010: `01:C`, `02`, …, `NN:F`; a list that fits in one part is `01:F`.
pub fn encode_parts(msg: &Message, max_persons: usize) -> Vec<String> {
    encode_parts_with(msg, max_persons, &DEFAULT_ENVELOPE)
}

/// [`encode_parts`] with the given envelope.
pub fn encode_parts_with(msg: &Message, max_persons: usize, envelope: &Envelope) -> Vec<String> {
    let max = max_persons.max(1);
    let chunks: Vec<Vec<&Traveller>> = if msg.travellers.is_empty() {
        vec![Vec::new()]
    } else {
        msg.travellers
            .chunks(max)
            .map(|c| c.iter().collect())
            .collect()
    };
    let n = chunks.len() as u32;
    let mut with_ref = msg.clone();
    if with_ref.meta.common_access_ref.is_none() {
        with_ref.meta.common_access_ref = msg.flight.as_ref().map(flight_reference);
    }
    let total = declared_count(msg);
    chunks
        .iter()
        .enumerate()
        .map(|(i, persons)| {
            let seq = i as u32 + 1;
            let mark = match (seq, n) {
                (s, n) if s == n => Some('F'),
                (1, _) => Some('C'),
                _ => None,
            };
            let reference = if n == 1 {
                msg.meta.message_ref.clone()
            } else {
                format!("{}{seq:02}", shorten(&msg.meta.message_ref, 12))
            };
            let control = control_ref(msg, (n > 1).then_some(seq));
            write_interchange(
                &with_ref,
                persons,
                Some((seq, mark)),
                total,
                &reference,
                &control,
                envelope,
            )
        })
        .collect()
}

/// The usual 0068 form: carrier and number, departure date and time (`J2027/211126/0830`).
pub fn flight_reference(f: &Flight) -> String {
    let mut s = format!("{}{}", f.carrier, f.number);
    if let Some(d) = f.departure {
        s.push('/');
        s.push_str(&ddmmyy(d.date));
        if let Some(t) = d.time {
            s.push_str(&format!("/{:02}{:02}", t.hour(), t.minute()));
        }
    }
    s
}

fn declared_count(msg: &Message) -> usize {
    msg.meta
        .declared_persons
        .map(|n| n as usize)
        .unwrap_or(msg.travellers.len())
}

fn shorten(s: &str, max: usize) -> &str {
    match s.char_indices().nth(max) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

fn control_ref(msg: &Message, part: Option<u32>) -> String {
    let base = msg
        .meta
        .interchange_ref
        .clone()
        .filter(|r| !r.is_empty())
        .unwrap_or_else(|| {
            let r = msg.meta.message_ref.trim();
            if r.is_empty() { "1".into() } else { r.into() }
        });
    match part {
        // UNB 0020 is at most 14 characters.
        Some(p) => format!("{}{p:02}", shorten(&base, 12)),
        None => shorten(&base, 14).to_string(),
    }
}

/// Repertoire for UNB: UNOA for upper-case ASCII, UNOB when lower case appears,
/// UNOW (UTF-8) when any text is not ASCII.
pub(crate) fn syntax_identifier(texts: &[&str]) -> &'static str {
    if texts.iter().any(|t| !t.is_ascii()) {
        "UNOW"
    } else if texts
        .iter()
        .any(|t| t.bytes().any(|b| b.is_ascii_lowercase()))
    {
        "UNOB"
    } else {
        "UNOA"
    }
}

/// All free text of a message, to choose the repertoire.
pub(crate) fn message_texts(msg: &Message) -> Vec<&str> {
    let mut v: Vec<&str> = Vec::new();
    for t in &msg.travellers {
        v.extend([t.surname.as_str(), t.given_names.as_str()]);
        v.extend(t.birth_place.as_deref());
        v.extend(t.title.as_deref());
        if let Some(a) = &t.address {
            v.extend(a.street.as_deref());
            v.extend(a.city.as_deref());
            v.extend(a.region.as_deref());
        }
        v.extend(t.contacts.iter().map(|c| c.value.as_str()));
    }
    for b in &msg.bookings {
        v.extend(b.contacts.iter().map(|c| c.value.as_str()));
        v.extend(b.remarks.iter().map(|r| r.text.as_str()));
        v.extend(b.history_lines.iter().map(String::as_str));
        for a in &b.addresses {
            v.extend(a.street.as_deref());
            v.extend(a.city.as_deref());
        }
        for p in &b.payments {
            v.extend(p.payer.as_deref());
            v.extend(p.billing_address.as_deref());
        }
    }
    v.extend(msg.meta.sender_contact.as_deref());
    if let Some(vessel) = msg.flight.as_ref().and_then(|f| f.vessel.as_ref()) {
        v.extend(vessel.name.as_deref());
    }
    v
}

/// `YYMMDD`.
pub(crate) fn yymmdd(d: Date) -> String {
    format!(
        "{:02}{:02}{:02}",
        d.year().rem_euclid(100),
        d.month() as u8,
        d.day()
    )
}

/// `DDMMYY`, the PADIS order.
pub(crate) fn ddmmyy(d: Date) -> String {
    format!(
        "{:02}{:02}{:02}",
        d.day(),
        d.month() as u8,
        d.year().rem_euclid(100)
    )
}

/// `HHMM`, or an empty string without a time.
pub(crate) fn hhmm(m: &LocalDateTime) -> String {
    m.time
        .map(|t| format!("{:02}{:02}", t.hour(), t.minute()))
        .unwrap_or_default()
}

/// `YYMMDDHHMM` (DTM format 201), or `YYMMDD` (101) without a time.
fn dtm_value(m: &LocalDateTime) -> (String, &'static str) {
    match m.time {
        Some(_) => (format!("{}{}", yymmdd(m.date), hhmm(m)), "201"),
        None => (yymmdd(m.date), "101"),
    }
}

/// The UNB/UNG preparation date and time.
pub(crate) fn prepared(msg: &Message) -> (String, String) {
    let when = msg
        .meta
        .prepared
        .or_else(|| msg.flight.as_ref().and_then(|f| f.departure));
    match when {
        Some(m) => {
            let t = hhmm(&m);
            (yymmdd(m.date), if t.is_empty() { "0000".into() } else { t })
        }
        None => ("000101".into(), "0000".into()),
    }
}

fn version(msg: &Message) -> (String, String) {
    let v = msg.meta.version.trim().replace(':', "");
    let v = v.strip_prefix('D').unwrap_or(&v);
    if v.is_empty() {
        ("D".into(), "05B".into())
    } else {
        ("D".into(), v.to_string())
    }
}

fn document_code(msg: &Message) -> String {
    match &msg.meta.manifest {
        Some(ManifestKind::Passengers) => "745".into(),
        Some(ManifestKind::Crew) => "250".into(),
        Some(ManifestKind::FlightStatus) => "266".into(),
        Some(ManifestKind::MasterCrewList) => "336".into(),
        Some(ManifestKind::GatePass) => "655".into(),
        Some(ManifestKind::Other(s)) => s.clone(),
        None if !msg.travellers.is_empty()
            && msg
                .travellers
                .iter()
                .all(|t| matches!(t.role, Role::Crew | Role::TransitCrew)) =>
        {
            "250".into()
        }
        None => "745".into(),
    }
}

/// Splits given names into the first and the rest, for `surname:given:middle`.
pub(crate) fn given_and_middle(given: &str) -> (&str, &str) {
    let given = given.trim();
    match given.split_once(' ') {
        Some((g, m)) => (g, m.trim()),
        None => (given, ""),
    }
}

/// The sender contact is one line in the model; a trailing `, <phone>` becomes COM.
fn contact_and_phone(contact: &str) -> (&str, Option<&str>) {
    if let Some((name, tail)) = contact.rsplit_once(", ") {
        let tail = tail.trim();
        let digits = tail.bytes().filter(u8::is_ascii_digit).count();
        if digits >= 6
            && tail
                .bytes()
                .all(|b| b.is_ascii_digit() || b" +-()".contains(&b))
        {
            return (name.trim(), Some(tail));
        }
    }
    (contact.trim(), None)
}

fn write_interchange(
    msg: &Message,
    persons: &[&Traveller],
    status: Option<(u32, Option<char>)>,
    total: usize,
    reference: &str,
    control: &str,
    envelope: &Envelope,
) -> String {
    let delims = Delimiters {
        repetition: None,
        ..Delimiters::default()
    };
    let mut w = Writer::new(delims);
    if envelope.line_breaks {
        w = w.with_line_breaks();
    }
    let sender = msg
        .meta
        .sender
        .clone()
        .or_else(|| msg.flight.as_ref().map(|f| f.carrier.clone()))
        .unwrap_or_else(|| "SENDER".into());
    let recipient = msg.meta.recipient.clone().unwrap_or_else(|| "PIU".into());
    let (date, time) = prepared(msg);
    let syntax = syntax_identifier(&message_texts(msg));
    let (ver, rel) = version(msg);
    let reference = if reference.trim().is_empty() {
        "1"
    } else {
        reference
    };

    w.una();
    w.segment(
        "UNB",
        &[
            &[syntax, "4"],
            &[&sender],
            &[&recipient],
            &[&date, &time],
            &[control],
            &[],
            &["APIS"],
        ],
    );
    if envelope.group {
        w.segment(
            "UNG",
            &[
                &["PAXLST"],
                &[&sender],
                &[&recipient],
                &[&date, &time],
                &[control],
                &["UN"],
                &[&ver, &rel],
            ],
        );
    }
    let seq = status.map(|(s, _)| format!("{s:02}")).unwrap_or_default();
    let mark = status
        .and_then(|(_, m)| m)
        .map(String::from)
        .unwrap_or_default();
    w.segment(
        "UNH",
        &[
            &[reference],
            &["PAXLST", &ver, &rel, "UN", "IATA"],
            &[msg.meta.common_access_ref.as_deref().unwrap_or("")],
            &[&seq, &mark],
        ],
    );
    let doc = document_code(msg);
    let change = msg.meta.change.as_ref().map_or("", ManifestChange::code);
    w.segment("BGM", &[&[&doc], &[change]]);
    if let Some(tn) = &msg.meta.transaction_ref {
        w.segment("RFF", &[&["TN", tn]]);
    }
    if let Some(contact) = &msg.meta.sender_contact {
        let (name, phone) = contact_and_phone(contact);
        w.segment("NAD", &[&["MS"], &[], &[], &[name]]);
        if let Some(p) = phone {
            w.segment("COM", &[&[p, "TE"]]);
        }
    }
    if let Some(f) = &msg.flight {
        write_flight(&mut w, f);
    }
    let crew_list = doc == "250" || doc == "336";
    for t in persons {
        write_person(&mut w, t);
    }
    let qualifier = if crew_list { "41" } else { "42" };
    w.segment("CNT", &[&[qualifier, &total.to_string()]]);
    let count = w.message_segment_count().to_string();
    w.segment("UNT", &[&[&count], &[reference]]);
    if envelope.group {
        w.segment("UNE", &[&["1"], &[control]]);
    }
    w.segment("UNZ", &[&["1"], &[control]]);
    w.finish()
}

fn mode_code(m: TransportMode) -> &'static str {
    match m {
        TransportMode::Sea => "1",
        TransportMode::Rail => "2",
        TransportMode::Road => "3",
        TransportMode::Air => "4",
        TransportMode::InlandWater => "8",
    }
}

/// TDT and the LOC/DTM pairs of each leg. A flight with several legs gets one
/// TDT per leg; the leg that crosses into the receiving state uses LOC 125/87,
/// the others LOC 92 (routing).
fn write_flight(w: &mut Writer, f: &Flight) {
    let journey = f
        .journey_id
        .clone()
        .unwrap_or_else(|| format!("{}{}", f.carrier, f.number));
    let mode = mode_code(f.transport_mode);
    // Sea mode names the vessel in TDT C222 (transport identification):
    // 8213 IMO number, 1131 code list 146 (means of transport identification),
    // 3055 agency left empty, 8212 vessel name.
    let (imo, vessel_name) = match (&f.vessel, f.transport_mode) {
        (Some(v), TransportMode::Sea) => (
            v.imo.clone().unwrap_or_default(),
            v.name.clone().unwrap_or_default(),
        ),
        _ => (String::new(), String::new()),
    };
    let list = if imo.is_empty() && vessel_name.is_empty() {
        ""
    } else {
        "146"
    };
    let tdt = |w: &mut Writer, journey: &str, carrier: &str| {
        w.segment(
            "TDT",
            &[
                &["20"],
                &[journey],
                &[mode],
                &[],
                &[carrier],
                &[],
                &[],
                &[&imo, list, "", &vessel_name],
            ],
        );
    };
    let loc_dtm = |w: &mut Writer,
                   q: &str,
                   place: &Option<String>,
                   dq: &str,
                   when: &Option<LocalDateTime>| {
        if let Some(p) = place {
            w.segment("LOC", &[&[q], &[p]]);
        }
        if let Some(m) = when {
            let (v, fmt) = dtm_value(m);
            w.segment("DTM", &[&[dq, &v, fmt]]);
        }
    };
    if f.legs.len() <= 1 {
        tdt(w, &journey, &f.carrier);
        let leg = f.legs.first();
        let origin = f
            .origin
            .clone()
            .or_else(|| leg.and_then(|l| l.origin.clone()));
        let dest = f
            .destination
            .clone()
            .or_else(|| leg.and_then(|l| l.destination.clone()));
        let dep = f.departure.or_else(|| leg.and_then(|l| l.departure));
        let arr = f.arrival.or_else(|| leg.and_then(|l| l.arrival));
        loc_dtm(w, "125", &origin, "189", &dep);
        loc_dtm(w, "87", &dest, "232", &arr);
    } else {
        for leg in &f.legs {
            let carrier = leg.carrier.clone().unwrap_or_else(|| f.carrier.clone());
            let number = leg.number.clone().unwrap_or_else(|| f.number.clone());
            tdt(w, &format!("{carrier}{number}"), &carrier);
            let (from, to) = if leg.border_crossing {
                ("125", "87")
            } else {
                ("92", "92")
            };
            loc_dtm(w, from, &leg.origin, "189", &leg.departure);
            loc_dtm(w, to, &leg.destination, "232", &leg.arrival);
        }
    }
    if let Some(fd) = &f.final_destination {
        w.segment("LOC", &[&["130"], &[fd]]);
    }
}

fn role_code(r: Role) -> &'static str {
    match r {
        Role::Passenger => "FL",
        Role::Crew => "FM",
        Role::TransitPassenger => "DDU",
        Role::TransitCrew => "DDT",
    }
}

fn write_person(w: &mut Writer, t: &Traveller) {
    let (given, middle) = given_and_middle(&t.given_names);
    let addr = t.address.as_ref();
    let a = |f: fn(&piu_model::Address) -> &Option<String>| {
        addr.and_then(|a| f(a).clone()).unwrap_or_default()
    };
    w.segment(
        "NAD",
        &[
            &[role_code(t.role)],
            &[],
            &[],
            &[&t.surname, given, middle],
            &[&a(|a| &a.street)],
            &[&a(|a| &a.city)],
            &["", "", "", &a(|a| &a.region)],
            &[&a(|a| &a.postcode)],
            &[&a(|a| &a.country)],
        ],
    );
    if let Some(g) = t.gender {
        w.segment("ATT", &[&["2"], &[], &[g.code()]]);
    }
    if let Some(d) = t.date_of_birth {
        w.segment("DTM", &[&["329", &yymmdd(d)]]);
    }
    if let Some(b) = &t.bags {
        if let Some(n) = b.count {
            w.segment("MEA", &[&["CT"], &[], &["", &n.to_string()]]);
        }
        if let Some(kg) = b.weight {
            let unit = b.weight_unit.as_deref().unwrap_or("KGM");
            w.segment("MEA", &[&["WT"], &[], &[unit, &format_amount(kg)]]);
        }
    }
    if let Some(v) = t.verified {
        w.segment("GEI", &[&["4"], &[if v { "173" } else { "174" }]]);
    }
    if let Some(b) = &t.bags {
        for tag in &b.tags {
            let count = if tag.count > 1 {
                tag.count.to_string()
            } else {
                String::new()
            };
            w.segment("FTX", &[&["BAG"], &[], &[], &[&tag.first, &count]]);
        }
    }
    let loc = |w: &mut Writer, q: &str, v: &Option<String>| {
        if let Some(v) = v {
            w.segment("LOC", &[&[q], &[v]]);
        }
    };
    loc(w, "22", &t.clearance_place);
    loc(w, "174", &t.residence_country);
    loc(w, "178", &t.embarkation);
    loc(w, "179", &t.disembarkation);
    if let Some(bp) = &t.birth_place {
        // A three-letter code is a country; anything else is a place name (C517 3224).
        if bp.len() == 3 && bp.bytes().all(|b| b.is_ascii_uppercase()) {
            w.segment("LOC", &[&["180"], &[bp]]);
        } else {
            w.segment("LOC", &[&["180"], &["", "", "", bp]]);
        }
    }
    if let Some(f) = &t.crew_function {
        w.segment("EMP", &[&["1"], &[f, "110", "111"]]);
    }
    if let Some(phone) = t
        .contacts
        .iter()
        .find(|c| c.kind == piu_model::ContactKind::Phone)
    {
        w.segment("COM", &[&[&phone.value, "TE"]]);
    }
    if let Some(n) = &t.nationality {
        w.segment("NAT", &[&["2"], &[n]]);
    }
    if let Some(r) = &t.booking_ref {
        w.segment("RFF", &[&["AVF", r]]);
    }
    if let Some(r) = &t.passenger_ref {
        w.segment("RFF", &[&["ABO", r]]);
    }
    if let Some(s) = &t.seat {
        w.segment("RFF", &[&["SEA", s]]);
    }
    if let Some(tk) = &t.ticket {
        w.segment("RFF", &[&["YZY", tk]]);
    }
    for r in &t.references {
        w.segment("RFF", &[&[&r.qualifier, &r.value]]);
    }
    for d in &t.documents {
        let kind = d.kind.as_deref().unwrap_or("");
        let qual: [&str; 3] = if kind.is_empty() {
            ["", "", ""]
        } else {
            [kind, "110", "111"]
        };
        w.segment("DOC", &[&qual, &[d.number.as_deref().unwrap_or("")]]);
        if let Some(e) = d.expiry {
            w.segment("DTM", &[&["36", &yymmdd(e)]]);
        }
        if let Some(i) = d.issue_date {
            w.segment("DTM", &[&["182", &yymmdd(i)]]);
        }
        if let Some(c) = &d.issuing_country {
            w.segment("LOC", &[&["91"], &[c]]);
        }
    }
}

/// An amount without needless decimals: `23`, `23.5`.
pub(crate) fn format_amount(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        let s = format!("{v:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contact_phone_split() {
        assert_eq!(
            contact_and_phone("AZAL API DESK, +994 12 598 8880"),
            ("AZAL API DESK", Some("+994 12 598 8880"))
        );
        assert_eq!(contact_and_phone("SMITH, JOHN"), ("SMITH, JOHN", None));
    }

    #[test]
    fn dates() {
        let d = Date::from_calendar_date(2026, time::Month::November, 1).unwrap();
        assert_eq!(yymmdd(d), "261101");
        assert_eq!(ddmmyy(d), "011126");
        assert_eq!(format_amount(23.0), "23");
        assert_eq!(format_amount(754.7), "754.7");
    }
}

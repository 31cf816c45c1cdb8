//! UN/EDIFACT PAXLST (advance passenger information), directories D02B to D15B.
//!
//! The message is read group by group as the WCO/IATA/ICAO guidelines lay it out:
//! header (BGM, RFF, DTM), sender (NAD MS, CTA, COM), transport legs (TDT with
//! LOC/DTM pairs), persons (NAD with ATT, DTM, MEA, GEI, FTX, LOC, COM, EMP, NAT,
//! RFF) and their documents (DOC with DTM, LOC), then CNT. Directories differ in
//! code lists more than in layout, so one reader serves all of them and the
//! version is recorded, not enforced.

mod transport;

use piu_edifact::{Message as Edi, Segment};
use piu_model::{
    Address, BagTag, Bags, Contact, ContactKind, Format, ManifestChange, ManifestKind, Message,
    Note, Reference, Role, TravelDocument, Traveller,
};

use crate::dates::{self, Century, SentDate};
use crate::envelope::{self, note_at, raw};
use crate::{ReadError, ReadOptions, person};

pub(crate) use transport::flight_number;
use transport::{Outcome, Transport};

/// Which group the last segments belonged to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Group {
    Header,
    Sender,
    Transport,
    Person(usize),
    Document(usize, usize),
    Trailer,
}

/// A date whose century is known only once the flight date is.
enum PendingDate {
    Birth(usize, SentDate),
    Expiry(usize, usize, SentDate),
    Issue(usize, usize, SentDate),
}

struct Reader {
    message: Message,
    transport: Transport,
    group: Group,
    pending: Vec<PendingDate>,
    declared: Vec<(String, u32, Note)>,
    saw_bgm: bool,
}

pub(crate) fn read(msg: &Edi<'_>, options: &ReadOptions) -> Result<Message, ReadError> {
    let meta = envelope::meta(msg, Format::Paxlst, options);
    let mut r = Reader {
        message: Message::new(meta),
        transport: Transport::default(),
        group: Group::Header,
        pending: Vec::new(),
        declared: Vec::new(),
        saw_bgm: false,
    };
    // Travellers are large: reserve once instead of growing.
    let persons = msg.body().filter(|s| s.tag() == "NAD").count();
    r.message.travellers.reserve(persons);
    for seg in msg.body() {
        r.segment(&seg);
    }
    if !r.saw_bgm {
        return Err(ReadError::new(
            msg.location(),
            "the PAXLST has no BGM segment, so it is unknown whether it lists passengers or crew",
        ));
    }
    if r.transport.is_empty() {
        return Err(ReadError::new(
            msg.location(),
            "the PAXLST names no flight or voyage (no TDT segment)",
        ));
    }
    Ok(r.finish(options))
}

impl Reader {
    fn warn(&mut self, seg: &Segment<'_>, message: impl Into<String>) {
        self.message.meta.warnings.push(note_at(seg, message));
    }

    fn keep(&mut self, seg: &Segment<'_>) {
        let raw = raw(seg);
        match self.group {
            Group::Person(p) | Group::Document(p, _) => self.message.travellers[p].other.push(raw),
            _ => self.message.other.push(raw),
        }
    }

    fn segment(&mut self, seg: &Segment<'_>) {
        match seg.tag() {
            "BGM" => self.bgm(seg),
            "NAD" => self.nad(seg),
            "TDT" => {
                self.group = Group::Transport;
                self.transport.tdt(seg);
            }
            "CNT" => {
                self.group = Group::Trailer;
                self.cnt(seg);
            }
            _ => match self.group {
                Group::Header => self.header(seg),
                Group::Sender => self.sender(seg),
                Group::Transport => self.transport_detail(seg),
                Group::Person(p) => self.person(p, seg),
                Group::Document(p, d) => self.document(p, d, seg),
                Group::Trailer => self.keep(seg),
            },
        }
    }

    fn bgm(&mut self, seg: &Segment<'_>) {
        self.saw_bgm = true;
        let meta = &mut self.message.meta;
        let code = seg.trimmed(0, 0).unwrap_or_default();
        meta.manifest = Some(match code.as_str() {
            "745" => ManifestKind::Passengers,
            "250" => ManifestKind::Crew,
            "266" => ManifestKind::FlightStatus,
            "336" => ManifestKind::MasterCrewList,
            "655" => ManifestKind::GatePass,
            _ => ManifestKind::Other(code.clone()),
        });
        meta.change = seg.trimmed(1, 0).map(ManifestChange::from_code);
        if code.is_empty() {
            self.warn(
                seg,
                "BGM carries no document code (745 passengers, 250 crew, 266 flight status)",
            );
        } else if matches!(meta.manifest, Some(ManifestKind::Other(_))) {
            self.warn(
                seg,
                format!("BGM document code {code} is not one of 745, 250, 266, 336, 655"),
            );
        }
    }

    fn header(&mut self, seg: &Segment<'_>) {
        match (seg.tag(), seg.field(0, 0).as_deref()) {
            ("RFF", Some("TN")) => self.message.meta.transaction_ref = seg.trimmed(0, 1),
            _ => self.keep(seg),
        }
    }

    fn sender(&mut self, seg: &Segment<'_>) {
        match seg.tag() {
            "COM" | "CTA" => {
                let text: Vec<String> = if seg.tag() == "COM" {
                    communication(seg).into_iter().map(|c| c.value).collect()
                } else {
                    seg.elements()
                        .map(|e| e.as_value().text().trim_ascii().to_string())
                        .filter(|t| !t.is_empty())
                        .collect()
                };
                let contact = self
                    .message
                    .meta
                    .sender_contact
                    .get_or_insert_with(String::new);
                for t in text {
                    if !contact.is_empty() {
                        contact.push_str(", ");
                    }
                    contact.push_str(&t);
                }
            }
            _ => self.keep(seg),
        }
    }

    fn transport_detail(&mut self, seg: &Segment<'_>) {
        let outcome = match seg.tag() {
            "LOC" => self.transport.loc(seg),
            "DTM" => self.transport.dtm(seg),
            _ => Outcome::Unused,
        };
        match outcome {
            Outcome::Used => {}
            Outcome::Unused => self.keep(seg),
            Outcome::Bad(w) => {
                self.warn(seg, w);
                self.keep(seg);
            }
        }
    }

    fn nad(&mut self, seg: &Segment<'_>) {
        let qualifier = seg.field(0, 0).unwrap_or_default();
        if qualifier == "MS" {
            self.group = Group::Sender;
            let (surname, given) = person_name(seg);
            let name = format!("{surname} {given}").trim_ascii().to_string();
            if !name.is_empty() {
                self.message.meta.sender_contact = Some(name);
            }
            return;
        }
        let role = match &*qualifier {
            "FL" | "COT" | "ZZZ" => Role::Passenger,
            "FM" => Role::Crew,
            "DDU" => Role::TransitPassenger,
            "DDT" => Role::TransitCrew,
            other => {
                self.warn(seg, format!("NAD party qualifier {other:?} is not FL, FM, DDU or DDT; read as a passenger"));
                Role::Passenger
            }
        };
        let (surname, given_names) = person_name(seg);
        let mut t = Traveller {
            role,
            surname,
            given_names,
            name_as_sent: seg
                .element(3)
                .map(|e| e.as_value().text().into_owned())
                .unwrap_or_default(),
            ..Traveller::default()
        };
        let address = Address {
            street: element_text(seg, 4),
            city: element_text(seg, 5),
            region: element_text(seg, 6),
            postcode: element_text(seg, 7),
            country: element_text(seg, 8),
            ..Address::default()
        };
        if address != Address::default() {
            t.address = Some(address);
        }
        if t.surname.is_empty() {
            self.warn(seg, "the person has no surname");
        }
        self.message.travellers.push(t);
        self.group = Group::Person(self.message.travellers.len() - 1);
    }

    fn person(&mut self, p: usize, seg: &Segment<'_>) {
        let q = seg.field(0, 0).unwrap_or_default();
        match &seg.tag_code() {
            b"ATT" => {
                let code = seg.field(2, 0).unwrap_or_default();
                let (gender, _) = person::gender(&code);
                if gender.is_none() {
                    self.warn(seg, format!("gender {code:?} is not M, F, U or X"));
                    self.keep(seg);
                }
                self.message.travellers[p].gender = gender;
            }
            b"DTM" if q == "329" => match seg
                .get(0, 1)
                .and_then(|v| dates::parse_dtm(&v, seg.get(0, 2).as_deref()))
            {
                Some((d, _)) => self.pending.push(PendingDate::Birth(p, d)),
                None => self.bad_date(seg, "birth date"),
            },
            b"MEA" => self.mea(p, seg),
            b"GEI" => match seg.field(1, 0).as_deref() {
                Some("173") => self.message.travellers[p].verified = Some(true),
                Some("174") => self.message.travellers[p].verified = Some(false),
                _ => self.keep(seg),
            },
            b"FTX" if q == "BAG" => {
                if let Some(first) = seg.trimmed(3, 0) {
                    let count = seg.trimmed(3, 1).and_then(|c| c.parse().ok()).unwrap_or(1);
                    let bags = self.message.travellers[p]
                        .bags
                        .get_or_insert_with(Bags::default);
                    bags.tags.push(BagTag {
                        first,
                        count,
                        ..BagTag::default()
                    });
                } else {
                    self.keep(seg);
                }
            }
            b"LOC" => {
                let place = seg.trimmed(1, 0);
                let t = &mut self.message.travellers[p];
                match &*q {
                    "22" => t.clearance_place = place,
                    "174" => t.residence_country = place,
                    "178" => t.embarkation = place,
                    "179" => t.disembarkation = place,
                    "180" => t.birth_place = birth_place(seg),
                    _ => self.keep(seg),
                }
            }
            b"COM" => {
                let contacts = communication(seg);
                self.message.travellers[p].contacts.extend(contacts);
            }
            b"EMP" => self.message.travellers[p].crew_function = seg.trimmed(1, 0),
            b"NAT" => self.message.travellers[p].nationality = seg.trimmed(1, 0),
            b"RFF" => {
                let value = seg.trimmed(0, 1);
                let t = &mut self.message.travellers[p];
                match (&*q, value) {
                    ("AVF", v @ Some(_)) => t.booking_ref = v,
                    ("ABO", v @ Some(_)) => t.passenger_ref = v,
                    ("SEA", v @ Some(_)) => t.seat = v,
                    ("YZY", v @ Some(_)) => t.ticket = v,
                    (_, Some(value)) => t.references.push(Reference {
                        qualifier: q.to_string(),
                        value,
                    }),
                    (_, None) => self.keep(seg),
                }
            }
            b"DOC" => {
                let t = &mut self.message.travellers[p];
                t.documents.push(TravelDocument {
                    kind: seg.trimmed(0, 0),
                    number: seg.trimmed(1, 0),
                    source: "DOC".into(),
                    ..TravelDocument::default()
                });
                let d = t.documents.len() - 1;
                self.group = Group::Document(p, d);
                if seg.trimmed(0, 0).is_none() {
                    self.warn(
                        seg,
                        "the document has no type code (P passport, I identity card, V visa …)",
                    );
                }
            }
            _ => self.keep(seg),
        }
    }

    fn document(&mut self, p: usize, d: usize, seg: &Segment<'_>) {
        let q = seg.field(0, 0).unwrap_or_default();
        match (seg.tag(), &*q) {
            ("DTM", "36" | "182") => {
                match seg
                    .get(0, 1)
                    .and_then(|v| dates::parse_dtm(&v, seg.get(0, 2).as_deref()))
                {
                    Some((date, _)) if q == "36" => {
                        self.pending.push(PendingDate::Expiry(p, d, date))
                    }
                    Some((date, _)) => self.pending.push(PendingDate::Issue(p, d, date)),
                    None => self.bad_date(
                        seg,
                        if q == "36" {
                            "expiry date"
                        } else {
                            "issue date"
                        },
                    ),
                }
            }
            ("LOC", "91") => {
                self.message.travellers[p].documents[d].issuing_country = seg.trimmed(1, 0);
                if let Some(place) = seg.trimmed(1, 3) {
                    self.message.travellers[p].documents[d].place_of_issue = Some(place);
                }
            }
            ("GEI" | "RFF" | "CPI" | "QTY", _) => self.keep(seg),
            _ => self.person(p, seg),
        }
    }

    fn mea(&mut self, p: usize, seg: &Segment<'_>) {
        let q = seg.field(0, 0).unwrap_or_default();
        let unit = seg.trimmed(2, 0);
        let value = seg.trimmed(2, 1).or_else(|| seg.trimmed(2, 0));
        let bags = self.message.travellers[p]
            .bags
            .get_or_insert_with(Bags::default);
        match &*q {
            "CT" => match value.as_deref().and_then(|v| v.parse().ok()) {
                Some(n) => bags.count = Some(n),
                None => self.keep(seg),
            },
            "WT" => match value
                .as_deref()
                .and_then(|v| v.parse::<f64>().ok())
                .filter(|v| v.is_finite())
            {
                Some(w) => {
                    bags.weight = Some(w);
                    bags.weight_unit = unit.filter(|u| u.parse::<f64>().is_err());
                }
                None => self.keep(seg),
            },
            _ => self.keep(seg),
        }
    }

    fn bad_date(&mut self, seg: &Segment<'_>, what: &str) {
        let raw = seg
            .element(0)
            .map(|e| e.as_value().text().into_owned())
            .unwrap_or_default();
        self.warn(
            seg,
            format!("the {what} {raw:?} is not a date; kept as sent"),
        );
        self.keep(seg);
    }

    fn cnt(&mut self, seg: &Segment<'_>) {
        let elements: Vec<(String, Option<u32>)> = seg
            .elements()
            .map(|e| {
                let c = |i| e.component(i).map(|v| v.text().trim_ascii().to_string());
                (c(0).unwrap_or_default(), c(1).and_then(|n| n.parse().ok()))
            })
            .collect();
        let mut i = 0;
        while i < elements.len() {
            let (q, n) = &elements[i];
            let known = q == "42" || q == "41";
            // `CNT+41+8` puts the count in the next element instead of a component.
            let next = elements.get(i + 1).and_then(|(v, _)| v.parse::<u32>().ok());
            match (known, n, next) {
                (true, Some(n), _) => self.declared.push((q.clone(), *n, note_at(seg, ""))),
                (true, None, Some(n)) => {
                    self.warn(
                        seg,
                        format!("CNT+{q}+{n} should read CNT+{q}:{n}; read as {n}"),
                    );
                    self.declared.push((q.clone(), n, note_at(seg, "")));
                    i += 1;
                }
                _ => {
                    self.warn(
                        seg,
                        "CNT carries no count of persons (42 passengers, 41 crew)",
                    );
                    self.keep(seg);
                }
            }
            i += 1;
        }
    }

    fn finish(mut self, options: &ReadOptions) -> Message {
        let (flight, notes) = self.transport.finish(&self.message.meta, options);
        self.message.meta.warnings.extend(notes);
        let travel = flight.departure.or(flight.arrival).map(|d| d.date);
        self.message.flight = Some(flight);
        let reference = envelope::reference_date(travel, &self.message.meta, options);
        for pending in self.pending {
            match pending {
                PendingDate::Birth(p, d) => {
                    self.message.travellers[p].date_of_birth =
                        d.resolve(reference, Century::NotAfter)
                }
                PendingDate::Expiry(p, i, d) => {
                    self.message.travellers[p].documents[i].expiry =
                        d.resolve(reference, Century::Around)
                }
                PendingDate::Issue(p, i, d) => {
                    self.message.travellers[p].documents[i].issue_date =
                        d.resolve(reference, Century::NotAfter)
                }
            }
        }
        let persons = self.message.travellers.len() as u32;
        if let Some(total) = self
            .declared
            .iter()
            .map(|(_, n, _)| *n)
            .reduce(|a, b| a + b)
        {
            self.message.meta.declared_persons = Some(total);
            if self.message.meta.parts.is_none() && total != persons {
                let mut n = self.declared[0].2.clone();
                n.message = format!("CNT declares {total} persons, but {persons} were read");
                self.message.meta.warnings.push(n);
            }
        }
        let status = matches!(self.message.meta.manifest, Some(ManifestKind::FlightStatus))
            || matches!(
                self.message.meta.change,
                Some(
                    ManifestChange::CancelFlight
                        | ManifestChange::FlightClose
                        | ManifestChange::ChangeFlight
                )
            );
        self.message.status_only = status && self.message.travellers.is_empty();
        self.message
    }
}

/// COM: every communication number (phone, e-mail, fax), repetitions included.
fn communication(seg: &Segment<'_>) -> Vec<Contact> {
    let mut out = Vec::new();
    for e in seg.elements() {
        for r in 0..e.repetition_count() {
            let Some(rep) = e.repetition(r) else { continue };
            let value = rep
                .component(0)
                .map(|v| v.text().trim_ascii().to_string())
                .unwrap_or_default();
            let kind = match rep.component(1).map(|v| v.text()).as_deref() {
                Some("EM") => ContactKind::Email,
                Some("TE" | "FX" | "MB") => ContactKind::Phone,
                _ => ContactKind::Other,
            };
            if !value.is_empty() {
                out.push(Contact {
                    kind,
                    value,
                    source: "COM".into(),
                });
            }
        }
    }
    out
}

/// Surname, and given names (further components blank-joined), from NAD C080.
fn person_name(seg: &Segment<'_>) -> (String, String) {
    let Some(e) = seg.element(3) else {
        return (String::new(), String::new());
    };
    let mut components = e.components();
    let surname = components
        .next()
        .map(|v| v.text().trim_ascii().to_string())
        .unwrap_or_default();
    let mut given = String::new();
    for v in components {
        let text = v.text();
        let text = text.trim_ascii();
        if !text.is_empty() {
            if !given.is_empty() {
                given.push(' ');
            }
            given.push_str(text);
        }
    }
    (surname, given)
}

/// All components of an element, blank-joined, or `None` when empty.
fn element_text(seg: &Segment<'_>, index: usize) -> Option<String> {
    let e = seg.element(index)?;
    let text: Vec<String> = e
        .components()
        .map(|v| v.text().trim_ascii().to_string())
        .filter(|t| !t.is_empty())
        .collect();
    (!text.is_empty()).then(|| text.join(" "))
}

/// LOC 180: a code (`LOC+180+NOR`), a free-text place (`LOC+180+:::AMBER HILL GBR`),
/// or both (`LOC+180+NOR+:::OSLO`).
fn birth_place(seg: &Segment<'_>) -> Option<String> {
    let parts: Vec<String> = [seg.trimmed(2, 3), seg.trimmed(1, 3), seg.trimmed(1, 0)]
        .into_iter()
        .flatten()
        .collect();
    (!parts.is_empty()).then(|| parts.join(", "))
}

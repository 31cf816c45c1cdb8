//! One PNR of a push (segment group 1, opened by SRC), read group by group.

use piu_edifact::Segment;
use piu_model::{
    Booking, CheckIn, Contact, ContactKind, Date, FrequentFlyer, HistoryAction, HistoryItem,
    ItinerarySegment, Message, Money, NonAirSegment, Originator, PassengerType, Payment,
    PaymentMethod, Reference, Remark, Ticket, TravelDocument, Traveller,
};

use super::fields::{self, designator};
use super::ssr::{self, Doco, Docs, SsrRead};
use super::{is_pushed, keep, keep_unknown};
use crate::dates::{Century, SentDate};
use crate::envelope::note_at;
use crate::person;

/// The segment group the reader is in, with the entity it fills.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Group {
    /// Group 1: the PNR itself.
    Pnr,
    /// Group 2: a passenger (message traveller index).
    Passenger(usize),
    /// Group 3: a ticket (booking ticket index).
    Ticket(usize),
    /// Group 4: a form of payment (booking payment index).
    Payment(usize),
    /// Group 5: an itinerary segment (booking itinerary index).
    Segment(usize),
    /// Group 6: a check-in transaction on that segment.
    CheckIn(usize),
    /// Group 7: one checked-in passenger on that segment.
    CheckInPax(usize),
    /// Group 8: a split or divided PNR.
    Split,
    /// Group 9: a non-air segment.
    NonAir(usize),
    /// Group 10: a history item.
    History(usize),
    /// Group 11: an action in that history item.
    HistoryAction(usize, usize),
}

/// Where a segment was, kept cheaply until a note about it is needed.
#[derive(Clone, Copy, Debug)]
struct SegmentAt {
    offset: usize,
    number: usize,
}

impl SegmentAt {
    fn of(seg: &Segment<'_>) -> Self {
        SegmentAt {
            offset: seg.offset(),
            number: seg.number(),
        }
    }

    fn note(self, message: &str) -> piu_model::Note {
        piu_model::Note {
            offset: Some(self.offset),
            segment: Some(self.number),
            tag: Some("SSR".into()),
            message: message.into(),
        }
    }
}

/// A check-in record waiting for its traveller (TRI, then TIF).
struct PendingCheckIn {
    segment: usize,
    traveller: Option<usize>,
    record: CheckIn,
}

pub(super) struct BookingReader {
    reference: Date,
    booking: Booking,
    group: Group,
    /// TIF traveller reference number → message traveller index.
    refs: Vec<(String, usize)>,
    /// Travellers whose TIF says an infant travels with them.
    with_infant: Vec<usize>,
    /// Infants named in SSR INFT: the adult, and the infant's surname and given name.
    inft: Vec<(usize, Option<String>, Option<String>)>,
    /// SSR DOCS read so far: the traveller named, the fields, where, the text as sent.
    docs: Vec<(Option<usize>, Docs, SegmentAt, String)>,
    check_in: Option<PendingCheckIn>,
    check_in_time: Option<piu_model::LocalDateTime>,
}

impl BookingReader {
    pub(super) fn new(reference: Date) -> Self {
        BookingReader {
            reference,
            booking: Booking::default(),
            group: Group::Pnr,
            refs: Vec::new(),
            with_infant: Vec::new(),
            inft: Vec::new(),
            docs: Vec::new(),
            check_in: None,
            check_in_time: None,
        }
    }

    fn in_passenger_groups(&self) -> bool {
        matches!(
            self.group,
            Group::Pnr | Group::Passenger(_) | Group::Ticket(_) | Group::Payment(_)
        )
    }

    /// The traveller the current group belongs to, if any.
    fn current_traveller(&self) -> Option<usize> {
        match self.group {
            Group::Passenger(t) => Some(t),
            Group::Ticket(i) => self.booking.tickets[i].traveller,
            Group::Payment(i) => self.booking.payments[i].traveller,
            _ => None,
        }
    }

    fn traveller_by_ref(&self, r: &str) -> Option<usize> {
        self.refs.iter().find(|(k, _)| k == r).map(|(_, i)| *i)
    }

    /// Keeps a segment as raw text on the traveller of the current group, or the booking.
    fn keep(&mut self, seg: &Segment<'_>, message: &mut Message) {
        let warnings = &mut message.meta.warnings;
        match self.current_traveller() {
            Some(t) => keep_unknown(&mut message.travellers[t].other, seg, warnings),
            None => keep_unknown(&mut self.booking.other, seg, warnings),
        }
    }

    pub(super) fn segment(&mut self, seg: &Segment<'_>, message: &mut Message) {
        let history = matches!(self.group, Group::History(_) | Group::HistoryAction(..));
        match &seg.tag_code() {
            b"ABI" => self.abi(seg),
            b"SAC" if history => self.sac(seg),
            b"LTS" => {
                let line = seg
                    .element(0)
                    .map(|e| e.as_value().text().into_owned())
                    .unwrap_or_default();
                self.booking.history_lines.push(line);
            }
            _ if history => self.history_detail(seg),
            b"TIF" => self.tif(seg, message),
            b"RCI" => self.rci(seg),
            b"DAT" => self.dat(seg, message),
            b"ORG" => self.org(seg, message),
            b"SSR" => self.ssr(seg, message),
            b"IFT" => self.ift(seg, message),
            b"ADD" => self.add(seg, message),
            b"EBD" => self.booking.excess_baggage.push(crate::envelope::raw(seg)),
            b"FTI" => self.fti(seg, message),
            b"REF" => match (self.group, seg.trimmed(0, 1).or_else(|| seg.trimmed(0, 0))) {
                (Group::Passenger(t), Some(r)) => message.travellers[t].passenger_ref = Some(r),
                _ => self.keep(seg, message),
            },
            b"TKT" => self.tkt(seg, message),
            b"MON" => self.mon(seg, message),
            b"FOP" => self.fop(seg),
            b"TVL" => self.tvl(seg, message),
            b"TRA" => match self.group {
                Group::Segment(i) => {
                    self.booking.itinerary[i].operating =
                        designator(seg.trimmed(0, 0), seg.trimmed(1, 0))
                }
                _ => self.keep(seg, message),
            },
            b"RPI" => match self.group {
                Group::Segment(i) => {
                    let s = &mut self.booking.itinerary[i];
                    s.party_size = seg.trimmed(0, 0).and_then(|n| n.parse().ok());
                    s.status = seg.trimmed(1, 0);
                }
                _ => self.keep(seg, message),
            },
            b"APD" => match self.group {
                Group::Segment(i) => self.booking.itinerary[i].aircraft = seg.trimmed(0, 0),
                _ => self.keep(seg, message),
            },
            b"TRI" => self.tri(seg, message),
            b"SSD" | b"TBD" => self.check_in_detail(seg, message),
            b"EQN" => {
                self.flush_check_in(message);
                self.group = Group::Split;
            }
            b"MSG" => {
                self.flush_check_in(message);
                self.booking.non_air.push(NonAirSegment {
                    kind: seg
                        .trimmed(0, 0)
                        .or_else(|| seg.trimmed(0, 1))
                        .unwrap_or_default(),
                    text: String::new(),
                });
                self.group = Group::NonAir(self.booking.non_air.len() - 1);
            }
            _ => self.keep(seg, message),
        }
    }

    fn tif(&mut self, seg: &Segment<'_>, message: &mut Message) {
        match self.group {
            Group::Segment(s) | Group::CheckIn(s) | Group::CheckInPax(s) => {
                // A checked-in passenger (group 7): find the traveller it names.
                let r = seg.trimmed(1, 2);
                let found = r
                    .as_deref()
                    .and_then(|r| self.traveller_by_ref(r))
                    .or_else(|| self.traveller_by_name(seg, message));
                let pending = self.check_in.get_or_insert_with(|| PendingCheckIn {
                    segment: s,
                    traveller: None,
                    record: CheckIn::default(),
                });
                if pending.traveller.is_none() {
                    pending.traveller = found;
                }
                self.group = Group::CheckInPax(s);
                return;
            }
            _ if !self.in_passenger_groups() => {
                message.meta.warnings.push(note_at(
                    seg,
                    "TIF after the itinerary or a split group; read as another passenger of the PNR",
                ));
            }
            _ => {}
        }
        let surname = seg.trimmed(0, 0).unwrap_or_default();
        let given_sent = seg.trimmed(1, 0).unwrap_or_default();
        let (given, title) = person::split_title(&given_sent);
        let tif_ref = seg.trimmed(1, 2);
        let t = Traveller {
            surname: surname.clone(),
            given_names: given,
            title,
            name_as_sent: [surname.as_str(), given_sent.as_str()].join("/"),
            passenger_type: seg.field(1, 1).and_then(|c| person::passenger_type(&c)),
            passenger_ref: tif_ref.clone(),
            references: tif_ref
                .iter()
                .map(|r| Reference {
                    qualifier: "TIF".into(),
                    value: r.clone(),
                })
                .collect(),
            ..Traveller::default()
        };
        message.travellers.push(t);
        let index = message.travellers.len() - 1;
        self.booking.travellers.push(index);
        if let Some(r) = tif_ref {
            self.refs.push((r, index));
        }
        if seg.field(1, 3).as_deref() == Some("1") {
            self.with_infant.push(index);
        }
        self.group = Group::Passenger(index);
    }

    fn traveller_by_name(&self, seg: &Segment<'_>, message: &Message) -> Option<usize> {
        let surname = seg.field(0, 0)?;
        let given = seg.field(1, 0).unwrap_or_default();
        self.booking.travellers.iter().copied().find(|&i| {
            let sent = &message.travellers[i].name_as_sent;
            sent.strip_prefix(&*surname)
                .and_then(|r| r.strip_prefix('/'))
                == Some(&*given)
        })
    }

    fn rci(&mut self, seg: &Segment<'_>) {
        let locators = fields::rci_locators(seg, self.reference);
        match self.group {
            Group::Segment(i) | Group::CheckIn(i) | Group::CheckInPax(i) => {
                self.booking.itinerary[i].dcs_locator =
                    locators.first().map(|(l, _)| l.locator.clone());
            }
            Group::Split => self
                .booking
                .split_from
                .extend(locators.into_iter().map(|(l, _)| l)),
            _ if self.booking.record_locator.is_empty() => {
                let mut it = locators.into_iter();
                if let Some((first, created)) = it.next() {
                    self.booking.record_locator = first.locator;
                    self.booking.carrier = Some(first.carrier).filter(|c| !c.is_empty());
                    self.booking.created = created;
                }
                self.booking.other_locators.extend(it.map(|(l, _)| l));
            }
            _ => {
                for (l, _) in locators {
                    if l.locator != self.booking.record_locator
                        && !self.booking.other_locators.contains(&l)
                    {
                        self.booking.other_locators.push(l);
                    }
                }
            }
        }
    }

    fn dat(&mut self, seg: &Segment<'_>, message: &mut Message) {
        let mut entries = fields::dat_entries(seg, self.reference);
        match self.group {
            Group::Ticket(i) => {
                for (q, when) in entries {
                    if q == "710" || q.is_empty() {
                        self.booking.tickets[i].issued = when.map(|w| w.date);
                    }
                }
            }
            Group::Segment(i) | Group::CheckIn(i) | Group::CheckInPax(i) => {
                self.flush_check_in(message);
                self.check_in_time = entries.next().and_then(|(_, w)| w);
                self.group = Group::CheckIn(i);
            }
            Group::Pnr | Group::Passenger(_) | Group::Payment(_) => {
                for (q, when) in entries {
                    match &*q {
                        "700" => self.booking.last_modified = when,
                        "710" => self.booking.ticketed = when,
                        _ => keep(&mut self.booking.other, seg),
                    }
                }
            }
            _ => self.keep(seg, message),
        }
    }

    fn org(&mut self, seg: &Segment<'_>, message: &mut Message) {
        if !matches!(self.group, Group::Pnr | Group::Passenger(_)) {
            self.keep(seg, message);
            return;
        }
        let o = Originator {
            system: seg.trimmed(0, 0),
            location: seg.trimmed(0, 1),
            agency_id: seg.trimmed(1, 0),
            office: seg.trimmed(1, 1),
            kind: seg.trimmed(4, 0),
            country: seg.trimmed(5, 0),
            currency: seg.trimmed(5, 1),
            agent: seg.trimmed(6, 0),
        };
        if o != Originator::default() {
            self.booking.originator = Some(o);
        }
    }

    fn ssr(&mut self, seg: &Segment<'_>, message: &mut Message) {
        let s = SsrRead::from_segment(seg);
        let mut targets: Vec<usize> = s
            .traveller_refs()
            .filter_map(|r| self.traveller_by_ref(r))
            .collect();
        if targets.is_empty()
            && let Some(t) = self.current_traveller()
        {
            targets.push(t);
        }
        let text: &str = s.text.as_deref().unwrap_or("");
        match &*s.code {
            "DOCS" => {
                let docs_targets: Vec<Option<usize>> = if targets.is_empty() {
                    vec![None]
                } else {
                    targets.iter().map(|t| Some(*t)).collect()
                };
                for t in docs_targets {
                    let d = Docs::parse(text);
                    let at = SegmentAt::of(seg);
                    if t.is_some() && !d.is_infant() {
                        // Placed now, so that the passport comes before visas (DOCO).
                        self.apply_docs(t, d, at, text, message);
                    } else {
                        self.docs.push((t, d, at, text.to_string()));
                    }
                }
                return;
            }
            "DOCO" => {
                let d = Doco::parse(text);
                for &t in &targets {
                    let tr = &mut message.travellers[t];
                    if tr.birth_place.is_none() {
                        tr.birth_place = d.birth_place.clone();
                    }
                    tr.documents.push(TravelDocument {
                        kind: d.kind.clone(),
                        number: d.number.clone(),
                        place_of_issue: d.place_of_issue.clone(),
                        issue_date: d
                            .issued
                            .and_then(|i| i.resolve(self.reference, Century::NotAfter)),
                        applicable_country: d.applicable_country.clone(),
                        source: "SSR DOCO".into(),
                        ..TravelDocument::default()
                    });
                }
                if !targets.is_empty() {
                    return;
                }
            }
            "DOCA" => {
                let a = ssr::doca(text);
                for &t in &targets {
                    let tr = &mut message.travellers[t];
                    if tr.address.is_none() || a.kind.as_deref() == Some("residence") {
                        tr.address = Some(a.clone());
                    } else {
                        tr.ssrs.push(s.to_model(None));
                    }
                }
                if !targets.is_empty() {
                    return;
                }
            }
            code if code.starts_with("CTC") => {
                if let Some(c) = contact(code, text) {
                    match targets.first() {
                        Some(&t) => message.travellers[t].contacts.push(c),
                        None => self.booking.contacts.push(c),
                    }
                }
            }
            "INFT" => {
                let (surname, given) = ssr::inft_name(text);
                for &t in &targets {
                    self.inft.push((t, surname.clone(), given.clone()));
                }
            }
            "TKNE" => {
                for &t in &targets {
                    let number: String = text.chars().take_while(|c| c.is_ascii_digit()).collect();
                    let number = if number.len() > 13 {
                        number[..13].to_string()
                    } else {
                        number
                    };
                    if message.travellers[t].ticket.is_none() && !number.is_empty() {
                        message.travellers[t].ticket = Some(number);
                    }
                }
            }
            "SEAT" | "NSST" | "RQST" | "NSSA" | "NSSW" => {
                if let Group::Segment(i) = self.group
                    && is_pushed(&self.booking.itinerary[i], message.flight.as_ref())
                {
                    for (value, r) in &s.refs {
                        let t = r.as_deref().and_then(|r| self.traveller_by_ref(r));
                        if let (Some(t), Some(seat)) = (t, value)
                            && message.travellers[t].seat.is_none()
                        {
                            message.travellers[t].seat = Some(seat.to_string());
                        }
                    }
                }
            }
            _ => {}
        }
        let per_traveller: Vec<(Option<String>, Option<usize>)> = s
            .refs
            .iter()
            .map(|(v, r)| {
                (
                    v.as_deref().map(str::to_string),
                    r.as_deref().and_then(|r| self.traveller_by_ref(r)),
                )
            })
            .filter(|(_, t)| t.is_some())
            .collect();
        if !per_traveller.is_empty() {
            for (value, t) in per_traveller {
                if let Some(t) = t {
                    message.travellers[t].ssrs.push(s.to_model(value));
                }
            }
        } else if let Some(&t) = targets.first() {
            message.travellers[t].ssrs.push(s.to_model(None));
        } else {
            self.booking.ssrs.push(s.to_model(None));
        }
    }

    fn ift(&mut self, seg: &Segment<'_>, message: &mut Message) {
        let (kind, lines) = fields::ift(seg);
        if let Group::Payment(i) = self.group
            && kind == "4:43"
        {
            let p = &mut self.booking.payments[i];
            p.payer = lines.first().cloned();
            p.billing_address = lines.get(1).cloned();
            if let Some(phone) = lines.get(2) {
                self.booking.contacts.push(Contact {
                    kind: ContactKind::Phone,
                    value: phone.clone(),
                    source: "IFT payer".into(),
                });
            }
            return;
        }
        if matches!(self.group, Group::NonAir(_) | Group::Split) {
            self.keep(seg, message);
            return;
        }
        let text = lines.join(" ");
        let ctc = text
            .split_whitespace()
            .next()
            .filter(|w| w.starts_with("CTC") && w.len() == 4)
            .map(str::to_string);
        if let Some(code) = ctc
            && let Some(c) = contact(&code, text[code.len()..].trim_ascii())
        {
            match self.current_traveller() {
                Some(t) => message.travellers[t].contacts.push(c),
                None => self.booking.contacts.push(c),
            }
        }
        self.booking.remarks.push(Remark { kind, text });
    }

    fn add(&mut self, seg: &Segment<'_>, message: &mut Message) {
        let a = fields::address(seg);
        match self.group {
            Group::Payment(i) => {
                let text: Vec<String> = [&a.street, &a.city, &a.region, &a.postcode, &a.country]
                    .into_iter()
                    .flatten()
                    .cloned()
                    .collect();
                self.booking.payments[i].billing_address = Some(text.join(", "));
            }
            Group::Passenger(t) if message.travellers[t].address.is_none() => {
                message.travellers[t].address = Some(a)
            }
            _ => {
                if let Some(phone) = &a.phone {
                    self.booking.contacts.push(Contact {
                        kind: ContactKind::Phone,
                        value: phone.clone(),
                        source: "ADD".into(),
                    });
                }
                self.booking.addresses.push(a);
            }
        }
    }

    fn fti(&mut self, seg: &Segment<'_>, message: &mut Message) {
        let (Group::Passenger(t), Some(airline), Some(number)) =
            (self.group, seg.trimmed(0, 0), seg.trimmed(0, 1))
        else {
            self.keep(seg, message);
            return;
        };
        let tier = seg
            .element(0)
            .and_then(|e| (2..e.component_count()).rev().find_map(|i| e.component(i)))
            .map(|v| v.text().trim_ascii().to_string())
            .filter(|s| !s.is_empty());
        message.travellers[t].frequent_flyer.push(FrequentFlyer {
            airline,
            number,
            tier,
        });
    }

    fn tkt(&mut self, seg: &Segment<'_>, message: &mut Message) {
        let traveller = self.current_traveller();
        let Some(number) = seg.trimmed(0, 0) else {
            self.keep(seg, message);
            return;
        };
        if let Some(t) = traveller
            && message.travellers[t].ticket.is_none()
        {
            message.travellers[t].ticket = Some(number.clone());
        }
        self.booking.tickets.push(Ticket {
            number,
            kind: seg.trimmed(0, 1),
            issued: None,
            total: None,
            traveller,
        });
        self.group = Group::Ticket(self.booking.tickets.len() - 1);
    }

    fn mon(&mut self, seg: &Segment<'_>, message: &mut Message) {
        if let Group::Ticket(i) = self.group {
            for e in 0..seg.element_count() {
                if seg.field(e, 0).as_deref() != Some("T") {
                    continue;
                }
                let amount = seg.field(e, 1).and_then(|a| a.parse::<f64>().ok());
                if let Some(amount) = amount.filter(|a| a.is_finite()) {
                    self.booking.tickets[i].total = Some(Money {
                        amount,
                        currency: seg.trimmed(e, 2),
                    });
                }
            }
        }
        self.keep(seg, message);
    }

    fn fop(&mut self, seg: &Segment<'_>) {
        let code = seg.trimmed(0, 0).unwrap_or_default();
        let method = match code.as_str() {
            "CC" => PaymentMethod::Card,
            "CA" => PaymentMethod::Cash,
            "MS" => PaymentMethod::Miscellaneous,
            "GR" => PaymentMethod::GovernmentReceipt,
            _ => PaymentMethod::Other(code),
        };
        let amount = seg
            .trimmed(0, 2)
            .and_then(|a| a.parse::<f64>().ok())
            .filter(|a| a.is_finite())
            .map(|amount| Money {
                amount,
                currency: None,
            });
        let traveller = self.current_traveller();
        self.booking.payments.push(Payment {
            method,
            amount,
            card_vendor: seg.trimmed(0, 3),
            card_number: seg.trimmed(0, 4),
            card_expiry: seg.trimmed(0, 5),
            payer: None,
            billing_address: None,
            traveller,
        });
        self.group = Group::Payment(self.booking.payments.len() - 1);
    }

    fn tvl(&mut self, seg: &Segment<'_>, message: &mut Message) {
        match self.group {
            Group::NonAir(i) => {
                let text = &mut self.booking.non_air[i].text;
                if !text.is_empty() {
                    text.push(' ');
                }
                text.push_str(&seg.raw_clean());
                return;
            }
            Group::Segment(i) | Group::CheckIn(i) | Group::CheckInPax(i)
                if fields::is_operating_detail(seg) =>
            {
                let s = &mut self.booking.itinerary[i];
                let carrier = s
                    .operating
                    .as_ref()
                    .map(|o| o.carrier.clone())
                    .or_else(|| s.leg.carrier.clone());
                s.operating = designator(carrier, seg.trimmed(4, 0));
                if s.booking_class.is_none() {
                    s.booking_class = seg.trimmed(4, 1);
                }
                return;
            }
            _ => {}
        }
        self.flush_check_in(message);
        let leg = fields::tvl_leg(seg, self.reference);
        let operating = fields::tvl_operating_carrier(seg)
            .and_then(|c| designator(Some(c), leg.number.clone()));
        self.booking.itinerary.push(ItinerarySegment {
            booking_class: seg.trimmed(4, 1),
            operating,
            leg,
            ..ItinerarySegment::default()
        });
        self.group = Group::Segment(self.booking.itinerary.len() - 1);
    }

    fn tri(&mut self, seg: &Segment<'_>, message: &mut Message) {
        let s = match self.group {
            Group::Segment(s) | Group::CheckIn(s) | Group::CheckInPax(s) => s,
            _ => {
                self.keep(seg, message);
                return;
            }
        };
        self.flush_check_in(message);
        let traveller = seg.trimmed(1, 3).and_then(|r| self.traveller_by_ref(&r));
        let leg = &self.booking.itinerary[s].leg;
        self.check_in = Some(PendingCheckIn {
            segment: s,
            traveller,
            record: CheckIn {
                flight: Some(format!(
                    "{}{}",
                    leg.carrier.as_deref().unwrap_or(""),
                    leg.number.as_deref().unwrap_or("")
                ))
                .filter(|f| !f.is_empty()),
                sequence: seg.trimmed(1, 0),
                time: self.check_in_time,
                ..CheckIn::default()
            },
        });
        self.group = Group::CheckInPax(s);
    }

    fn check_in_detail(&mut self, seg: &Segment<'_>, message: &mut Message) {
        let Some(pending) = self
            .check_in
            .as_mut()
            .filter(|_| matches!(self.group, Group::CheckInPax(_)))
        else {
            self.keep(seg, message);
            return;
        };
        if seg.tag() == "SSD" {
            pending.record.seat = seg.trimmed(0, 0);
            pending.record.cabin = seg.trimmed(4, 0);
        } else {
            pending.record.bags = Some(fields::bags(seg));
        }
    }

    /// Stores a finished check-in on its traveller; on the pushed flight it also
    /// gives the traveller's seat and bags.
    fn flush_check_in(&mut self, message: &mut Message) {
        let Some(p) = self.check_in.take() else {
            return;
        };
        let Some(t) = p.traveller else {
            self.booking.other.push(piu_model::RawSegment {
                tag: "TRI".into(),
                text: format!(
                    "check-in without a passenger of the PNR: sequence {}, seat {}",
                    p.record.sequence.as_deref().unwrap_or("?"),
                    p.record.seat.as_deref().unwrap_or("?")
                ),
            });
            return;
        };
        if is_pushed(&self.booking.itinerary[p.segment], message.flight.as_ref()) {
            let tr = &mut message.travellers[t];
            if let Some(seat) = p.record.seat.clone().filter(|s| s != "XXX") {
                tr.seat = Some(seat);
            }
            if p.record.bags.is_some() {
                tr.bags = p.record.bags.clone();
            }
        }
        message.travellers[t].check_in.push(p.record);
    }

    fn abi(&mut self, seg: &Segment<'_>) {
        let by: Vec<String> = seg
            .elements()
            .skip(1)
            .map(|e| {
                e.as_value()
                    .text()
                    .trim_ascii()
                    .trim_matches(':')
                    .to_string()
            })
            .filter(|s| !s.is_empty())
            .collect();
        self.booking.history.push(HistoryItem {
            when: None,
            by: Some(by.join(" ")).filter(|s| !s.is_empty()),
            actions: Vec::new(),
        });
        self.group = Group::History(self.booking.history.len() - 1);
    }

    fn sac(&mut self, seg: &Segment<'_>) {
        let (Group::History(h) | Group::HistoryAction(h, _)) = self.group else {
            return;
        };
        let item = &mut self.booking.history[h];
        item.actions.push(HistoryAction {
            action: seg.trimmed(2, 0).unwrap_or_default(),
            details: Vec::new(),
        });
        self.group = Group::HistoryAction(h, item.actions.len() - 1);
    }

    fn history_detail(&mut self, seg: &Segment<'_>) {
        match self.group {
            Group::History(h) if seg.tag() == "DAT" => {
                self.booking.history[h].when = fields::dat_entries(seg, self.reference)
                    .into_iter()
                    .find_map(|(_, w)| w);
            }
            Group::HistoryAction(h, a) => self.booking.history[h].actions[a]
                .details
                .push(crate::envelope::raw(seg)),
            _ => keep(&mut self.booking.other, seg),
        }
    }

    /// Completes the booking: document data, infants, names, cancellation.
    pub(super) fn finish(mut self, message: &mut Message) {
        self.flush_check_in(message);
        let docs = std::mem::take(&mut self.docs);
        for (target, d, at, text) in docs {
            self.apply_docs(target, d, at, &text, message);
        }
        self.link_infants(message);
        for &t in &self.booking.travellers {
            message.travellers[t].booking_ref =
                Some(self.booking.record_locator.clone()).filter(|r| !r.is_empty());
        }
        if self.booking.record_locator.is_empty() {
            message.meta.warnings.push(piu_model::Note::new(
                "a PNR of the push has no record locator (RCI)",
            ));
        }
        self.booking.cancelled =
            self.booking.travellers.is_empty() && self.booking.itinerary.is_empty();
        message.bookings.push(self.booking);
    }

    fn apply_docs(
        &mut self,
        target: Option<usize>,
        d: Docs,
        at: SegmentAt,
        text: &str,
        message: &mut Message,
    ) {
        let infant = d.is_infant();
        let is_infant =
            |i: &usize| message.travellers[*i].passenger_type == Some(PassengerType::Infant);
        let same_name = |i: &usize| {
            let t = &message.travellers[*i];
            d.surname
                .as_deref()
                .is_some_and(|s| s.eq_ignore_ascii_case(&t.surname))
        };
        let chosen = if infant {
            let infants: Vec<usize> = self
                .booking
                .travellers
                .iter()
                .copied()
                .filter(is_infant)
                .collect();
            infants
                .iter()
                .copied()
                .find(same_name)
                .or(infants.first().copied())
        } else {
            target.or_else(|| match self.booking.travellers.as_slice() {
                [only] => Some(*only),
                all => all.iter().copied().find(same_name),
            })
        };
        let Some(t) = chosen else {
            if !infant {
                message
                    .meta
                    .warnings
                    .push(at.note("SSR DOCS names no passenger of the PNR; kept as a booking SSR"));
            }
            let owner = target
                .map(|t| &mut message.travellers[t].ssrs)
                .unwrap_or(&mut self.booking.ssrs);
            owner.push(piu_model::Ssr {
                code: "DOCS".into(),
                text: Some(text.to_string()),
                ..Default::default()
            });
            return;
        };
        let reference = self.reference;
        let tr = &mut message.travellers[t];
        let Docs {
            kind,
            issuing_country,
            number,
            nationality,
            birth,
            gender,
            expiry,
            surname,
            given,
            middle,
        } = d;
        if (number.is_some() || kind.is_some())
            && !tr
                .documents
                .iter()
                .any(|x| x.number == number && x.kind == kind)
        {
            tr.documents.push(TravelDocument {
                kind,
                number,
                issuing_country,
                nationality: nationality.clone(),
                expiry: expiry.and_then(|e| e.resolve(reference, Century::Around)),
                source: "SSR DOCS".into(),
                ..TravelDocument::default()
            });
        }
        if tr.date_of_birth.is_none() {
            tr.date_of_birth =
                birth.and_then(|b: SentDate| b.resolve(reference, Century::NotAfter));
        }
        if tr.gender.is_none() {
            tr.gender = gender.as_deref().and_then(|g| person::gender(g).0);
        }
        if tr.nationality.is_none() {
            tr.nationality = nationality;
        }
        let Some(surname) = surname else { return };
        let mut given_names = match given.as_deref().map(person::split_title) {
            Some((g, title)) => {
                if tr.title.is_none() {
                    tr.title = title;
                }
                g
            }
            None => String::new(),
        };
        if tr.title.is_none() && !given_names.is_empty() {
            let sent = tr.name_as_sent.split_once('/').map_or("", |(_, g)| g);
            tr.title = person::title_confirmed_by(sent, &given_names);
        }
        if let Some(m) = middle.filter(|m| !m.is_empty()) {
            if !given_names.is_empty() {
                given_names.push(' ');
            }
            given_names.push_str(&m);
        }
        // Type-B line folding leaves blanks inside DOCS names (`PA RK`); the PNR
        // surname is kept when the two differ only in blanks.
        if tr.surname.is_empty() || !same_letters(&surname, &tr.surname) {
            tr.surname = surname;
        }
        if !given_names.is_empty() {
            tr.given_names = given_names;
        }
    }

    fn link_infants(&self, message: &mut Message) {
        let infants: Vec<usize> = self
            .booking
            .travellers
            .iter()
            .copied()
            .filter(|i| message.travellers[*i].passenger_type == Some(PassengerType::Infant))
            .collect();
        let mut linked: Vec<usize> = Vec::new();
        for (adult, surname, given) in &self.inft {
            let named = infants.iter().copied().find(|&i| {
                let t = &message.travellers[i];
                !linked.contains(&i)
                    && surname
                        .as_deref()
                        .is_some_and(|s| s.eq_ignore_ascii_case(&t.surname))
                    && given.as_deref().is_none_or(|g| t.name_as_sent.contains(g))
            });
            if let (Some(i), None) = (named, message.travellers[*adult].infant) {
                message.travellers[*adult].infant = Some(i);
                linked.push(i);
            }
        }
        let mut rest = infants.iter().copied().filter(|i| !linked.contains(i));
        for &adult in &self.with_infant {
            if message.travellers[adult].infant.is_some() {
                continue;
            }
            match rest.next() {
                Some(i) => message.travellers[adult].infant = Some(i),
                None => break,
            }
        }
    }
}

/// Whether two names are the same once blanks are removed.
fn same_letters(a: &str, b: &str) -> bool {
    let mut x = a.chars().filter(|c| !c.is_whitespace());
    let mut y = b.chars().filter(|c| !c.is_whitespace());
    loop {
        match (x.next(), y.next()) {
            (None, None) => return true,
            (p, q) if p == q => continue,
            _ => return false,
        }
    }
}

/// A contact from an SSR or OSI code (CTCE e-mail, CTCM mobile, CTCH home …).
/// E-mail addresses are written with `//` for `@` and `..` for `_`.
fn contact(code: &str, text: &str) -> Option<Contact> {
    let text = text.trim_ascii();
    if text.is_empty() {
        return None;
    }
    let (kind, value) = match code {
        "CTCE" => (
            ContactKind::Email,
            text.replace("//", "@").replace("..", "_"),
        ),
        "CTCM" | "CTCH" | "CTCB" | "CTCP" | "CTCR" | "CTCT" => {
            (ContactKind::Phone, text.to_string())
        }
        _ => (ContactKind::Other, text.to_string()),
    };
    Some(Contact {
        kind,
        value,
        source: code.to_string(),
    })
}

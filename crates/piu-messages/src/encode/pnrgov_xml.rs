//! PNRGOV XML encoder.
//!
//! Writes the shapes the reader documents in [`crate::pnrgov_xml`], so that
//! reading the output gives the model back. Values the IATA shape has no place
//! for are written as attributes or elements the reader knows; raw segments
//! whose tag and text would not survive as plain XML go into `UnmappedData`
//! elements. Exact round trips assume the model's canonical order: travellers
//! grouped by booking in booking order, booking-level payments and tickets
//! before the travellers' ones. Not exact: an empty version (written as 13.1),
//! characters XML 1.0 cannot carry (written as U+FFFD), text with blanks at
//! either end in places where the reader trims. Not written: flight legs
//! beyond the flight itself, transport mode and vessel, border crossings of
//! itinerary legs, PAXLST-only metadata, and `status_only`.

use piu_model::{
    Address, Bags, Booking, CheckIn, Contact, ContactKind, Flight, ItinerarySegment, LocalDateTime,
    Message, PassengerType, Payment, PaymentMethod, PushType, RawSegment, Role, Ssr, Ticket,
    TravelDocument, Traveller,
};

use crate::XmlLimits;
use crate::person;
use crate::pnrgov_xml::tree::{self, UNMAPPED, escape_attr_into, escape_text_into, is_name};
use crate::pnrgov_xml::{
    CONTACT_SOURCE, DOCO_SOURCE, DOCS_SOURCE, IATA_ROOT, computed_name_as_sent, date_text,
    derived_bags, derived_nationality, derived_residence, derived_seat, derived_ticket, is_doco,
};

const NAMESPACE: &str = "http://www.iata.org/IATA/2007/00";
const DEFAULT_VERSION: &str = "13.1";

/// Names the reader interprets somewhere; raw data under these names goes into
/// `UnmappedData` so that it is not read as something else.
#[rustfmt::skip]
pub(crate) const RESERVED: &[&str] = &[
    "AccompaniedByInfant", "AccompaniedByInfantInd", "AccountNbr", "Action", "ActionCode",
    "Address", "AddressLine", "AddressType", "AgentSine", "AgentType", "AirEquipType", "Airline",
    "AirlineCode", "AirlineContactInfo", "Airport", "AirportCode", "Amount", "ApplicableCountry",
    "ArrivalAirport", "ArrivalDateTime", "BagDetails", "BagTag", "Baggage", "BillingAddress",
    "BirthDate", "BirthPlace", "BoardPoint", "BoardingStatus", "BookingClass", "BookingRefID",
    "By", "Cabin", "CabinClass", "Cancelled", "CancelledInd", "CardCode", "CardHolderName",
    "CardNumber", "CardType", "Carrier", "CarrierCode", "CheckIn", "CheckInDateTime",
    "CheckInInfo", "CheckInSeqNbr", "CheckedBaggage", "City", "CityName", "ClearancePlace", "Code",
    "CommonAccessRef", "CompanyName", "CompanyShortName", "ContactDetail", "ContactInfo", "Count",
    "Country", "CountryCode", "CountryName", "CountryOfApplicability", "CreationDate",
    "CreationDateTime", "CrewFunction", "Currency", "CurrencyCode", "CustLoyalty", "DCSLocator",
    "DOCA", "DOCO", "DOCS", "DOC_SSR", "DateOfBirth", "DateOfIssue", "DateTime", "DateTimeSent",
    "DepartureAirport", "DepartureDateTime", "Destination", "DestinationCode", "Disembarkation",
    "DocExpireDate", "DocHolderFormattedName", "DocHolderName", "DocHolderNationality", "DocID",
    "DocIssueCountry", "DocIssueDate", "DocIssueLocation", "DocLimitCountry", "DocType",
    "DocumentNumber", "EchoToken", "Email", "EmailAddress", "Embarkation", "Equipment",
    "ExcessBaggage", "ExpireDate", "ExpiryDate", "FinalDestination", "Flight", "FlightLeg",
    "FlightNumber", "For", "FreeText", "Gender", "GivenName", "History", "HistoryLine", "ID",
    "ISOCountry", "ISOCurrency", "InfantRPH", "InterchangeRef", "IssueDate", "JourneyID",
    "LastTktDate", "LocationCode", "LoyalLevel", "MarketingAirline", "MembershipID",
    "MembershipLevel", "MessageFunction", "MessageID", "MessageId", "MessageRef",
    "MessageReference", "MessageVersion", "MiddleName", "NameAsSent", "NamePrefix", "NameTitle",
    "Nationality", "Nil", "NonAirSegment", "Number", "NumberInParty", "NumberOfBags",
    "NumberOfPNRs", "NumberOfPassengers", "NumberOfPnrs", "OSI", "OperatingAirline", "Origin",
    "Originator", "OtherServiceInfo", "OtherServiceInformation", "PNR", "PNRCount",
    "PNR_CreationDate", "PNR_TransDate", "PNRs", "POS", "Passenger", "PassengerRPH",
    "PassengerType", "PassengerTypeCode", "PaxType", "Payer", "PaymentAmount", "PaymentCard",
    "PaymentInfo", "PaymentType", "PersonName", "Phone", "PhoneNumber", "PlaceOfBirth",
    "PlaceOfIssue", "PnrCount", "Pool", "PoolRole", "PostalCode", "PrepaidBag", "ProgramID",
    "PseudoCityCode", "PushType", "Qualifier", "Quantity", "RPH", "Receiver", "ReceiverID",
    "Recipient", "RecipientID", "RecipientId", "Reference", "Remark", "RemarkType", "Remarks",
    "RequestorID", "ResBookDesigCode", "ResidenceCountry", "Role", "SSR", "SSRCode", "SSRType",
    "SSR_Code", "SSRs", "SchemaVersion", "Seat", "SeatNumber", "Sender", "SenderCode",
    "SenderContact", "SenderID", "SenderId", "SentDateTime", "SequenceNumber", "SerialNumber",
    "Source", "SpecialRemark", "SpecialRemarks", "SpecialServiceRequests", "SplitPNR", "StateCode",
    "StateProv", "Status", "Street", "Surname", "SurnameRefNumber", "Tag", "TagNumber",
    "Telephone", "Text", "TicketDocument", "TicketDocumentNbr", "TicketNbr", "TicketNumber",
    "TicketType", "TierLevel", "TimeStamp", "Timestamp", "TotalAmount", "TotalFare",
    "TransactionDate", "TransactionIdentifier", "TransmissionDateTime", "TransmissionID",
    "TransmissionId", "TransmissionType", "Type", "UnitOfMeasure", "UnmappedData", "UpdateType",
    "Value", "Vendor", "VendorCode", "Verified", "Version", "Weight", "WeightUnit", "When",
];

fn reserved(name: &str) -> bool {
    RESERVED.contains(&name)
}

/// Encodes a PNRGOV push as an `IATA_PNRGOV_NotifRQ` document.
pub fn encode(msg: &Message) -> String {
    let mut w = W::default();
    w.out
        .push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let m = &msg.meta;
    let version = if m.version.is_empty() {
        DEFAULT_VERSION
    } else {
        m.version.as_str()
    };
    w.open(
        IATA_ROOT,
        &[
            ("xmlns", Some(NAMESPACE.to_string())),
            ("Version", Some(version.to_string())),
            ("EchoToken", non_empty(&m.message_ref)),
            ("TimeStamp", m.prepared.map(moment)),
            ("TransactionIdentifier", m.transaction_ref.clone()),
            ("PushType", m.push.as_ref().map(push_code)),
            ("Recipient", m.recipient.clone()),
            ("InterchangeRef", m.interchange_ref.clone()),
            ("CommonAccessRef", m.common_access_ref.clone()),
        ],
    );
    if m.sender.is_some() || m.sender_contact.is_some() {
        w.empty(
            "Originator",
            &[
                ("AirlineCode", m.sender.clone()),
                ("AirlineContactInfo", m.sender_contact.clone()),
            ],
        );
    }
    if let Some(f) = &msg.flight {
        flight_leg(&mut w, f);
    }

    // Travellers in a booking are written inside it; the others after the PNRs.
    let mut placed = vec![false; msg.travellers.len()];
    for b in &msg.bookings {
        for &i in &b.travellers {
            if let Some(p) = placed.get_mut(i) {
                *p = true;
            }
        }
    }
    if m.declared_pnrs.is_some() || !msg.bookings.is_empty() {
        w.open(
            "PNRs",
            &[("NumberOfPnrs", m.declared_pnrs.map(|n| n.to_string()))],
        );
        for b in &msg.bookings {
            pnr(&mut w, msg, b);
        }
        w.close("PNRs");
    }
    for (i, t) in msg.travellers.iter().enumerate() {
        if !placed.get(i).copied().unwrap_or(false) {
            passenger(&mut w, msg, None, i, t);
        }
    }
    raws(&mut w, &msg.other, Level::Root);
    w.close(IATA_ROOT);
    w.out
}

#[derive(Default)]
struct W {
    out: String,
    depth: usize,
}

type Attrs<'a> = [(&'a str, Option<String>)];

impl W {
    fn indent(&mut self) {
        for _ in 0..self.depth {
            self.out.push_str("  ");
        }
    }

    fn tag(&mut self, name: &str, attrs: &Attrs<'_>) {
        self.indent();
        self.out.push('<');
        self.out.push_str(name);
        for (k, v) in attrs {
            if let Some(v) = v {
                self.out.push(' ');
                self.out.push_str(k);
                self.out.push_str("=\"");
                escape_attr_into(&mut self.out, v);
                self.out.push('"');
            }
        }
    }

    fn open(&mut self, name: &str, attrs: &Attrs<'_>) {
        self.tag(name, attrs);
        self.out.push_str(">\n");
        self.depth += 1;
    }

    fn close(&mut self, name: &str) {
        self.depth = self.depth.saturating_sub(1);
        self.indent();
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push_str(">\n");
    }

    fn empty(&mut self, name: &str, attrs: &Attrs<'_>) {
        self.tag(name, attrs);
        self.out.push_str("/>\n");
    }

    fn text(&mut self, name: &str, attrs: &Attrs<'_>, text: &str) {
        self.tag(name, attrs);
        self.out.push('>');
        escape_text_into(&mut self.out, text);
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push_str(">\n");
    }

    fn line(&mut self, xml: &str) {
        self.indent();
        self.out.push_str(xml);
        self.out.push('\n');
    }
}

fn non_empty(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_string())
}

fn moment(m: LocalDateTime) -> String {
    m.to_string()
}

fn push_code(p: &PushType) -> String {
    match p {
        PushType::Full => "Full".to_string(),
        PushType::Update => "Update".to_string(),
        PushType::Other(s) => s.clone(),
    }
}

fn number(v: f64) -> Option<String> {
    v.is_finite().then(|| v.to_string())
}

fn flight_leg(w: &mut W, f: &Flight) {
    w.open(
        "FlightLeg",
        &[
            ("CarrierCode", non_empty(&f.carrier)),
            ("FlightNumber", non_empty(&f.number)),
            ("DepartureDateTime", f.departure.map(moment)),
            ("ArrivalDateTime", f.arrival.map(moment)),
            ("JourneyID", f.journey_id.clone()),
            ("FinalDestination", f.final_destination.clone()),
        ],
    );
    if let Some(o) = &f.origin {
        w.empty("DepartureAirport", &[("LocationCode", Some(o.clone()))]);
    }
    if let Some(d) = &f.destination {
        w.empty("ArrivalAirport", &[("LocationCode", Some(d.clone()))]);
    }
    for m in &f.marketing {
        w.empty(
            "MarketingAirline",
            &[
                ("Code", non_empty(&m.carrier)),
                ("FlightNumber", non_empty(&m.number)),
            ],
        );
    }
    w.close("FlightLeg");
}

/// Whether the booking's travellers include `i`.
fn in_booking(b: &Booking, i: usize) -> bool {
    b.travellers.contains(&i)
}

fn pnr(w: &mut W, msg: &Message, b: &Booking) {
    let travellers: Vec<(usize, &Traveller)> = b
        .travellers
        .iter()
        .filter_map(|&i| msg.travellers.get(i).map(|t| (i, t)))
        .collect();
    let linked =
        |t: Option<usize>| t.is_some_and(|i| in_booking(b, i) && msg.travellers.get(i).is_some());
    let pnr_payments: Vec<&Payment> = b.payments.iter().filter(|p| !linked(p.traveller)).collect();
    let pnr_tickets: Vec<&Ticket> = b.tickets.iter().filter(|t| !linked(t.traveller)).collect();
    let has_more = b.originator.is_some()
        || !b.contacts.is_empty()
        || !b.addresses.is_empty()
        || !b.excess_baggage.is_empty()
        || !travellers.is_empty()
        || !b.itinerary.is_empty()
        || !b.ssrs.is_empty()
        || !b.remarks.is_empty()
        || !pnr_payments.is_empty()
        || !pnr_tickets.is_empty()
        || !b.non_air.is_empty()
        || !b.split_from.is_empty()
        || !b.history.is_empty()
        || !b.history_lines.is_empty()
        || !b.other.is_empty();
    let cancelled_attr = (b.cancelled == has_more).then(|| b.cancelled.to_string());
    w.open(
        "PNR",
        &[
            (
                "NumberOfPassengers",
                (!travellers.is_empty()).then(|| travellers.len().to_string()),
            ),
            ("PNR_CreationDate", b.created.map(moment)),
            ("PNR_TransDate", b.last_modified.map(moment)),
            ("LastTktDate", b.ticketed.map(moment)),
            ("CancelledInd", cancelled_attr),
        ],
    );
    locator(w, "BookingRefID", &b.record_locator, b.carrier.as_deref());
    for l in &b.other_locators {
        locator(w, "BookingRefID", &l.locator, Some(l.carrier.as_str()));
    }
    if let Some(o) = &b.originator {
        w.open("POS", &[]);
        let has_req = o.agency_id.is_some() || o.system.is_some();
        let attrs = [
            ("AgentSine", o.agent.clone()),
            ("PseudoCityCode", o.office.clone()),
            ("ISOCountry", o.country.clone()),
            ("ISOCurrency", o.currency.clone()),
            ("AirportCode", o.location.clone()),
            ("AgentType", o.kind.clone()),
        ];
        if has_req {
            w.open("Source", &attrs);
            match &o.system {
                Some(sys) => {
                    w.open("RequestorID", &[("ID", o.agency_id.clone())]);
                    w.empty("CompanyName", &[("Code", Some(sys.clone()))]);
                    w.close("RequestorID");
                }
                None => w.empty("RequestorID", &[("ID", o.agency_id.clone())]),
            }
            w.close("Source");
        } else {
            w.empty("Source", &attrs);
        }
        w.close("POS");
    }
    contact_info(w, &b.contacts, &b.addresses);
    for e in &b.excess_baggage {
        excess(w, e);
    }
    for &(i, t) in &travellers {
        passenger(w, msg, Some(b), i, t);
    }
    for s in &b.itinerary {
        segment(w, s);
    }
    for s in &b.ssrs {
        ssr(w, s);
    }
    for r in &b.remarks {
        w.text("Remark", &[("Type", non_empty(&r.kind))], &r.text);
    }
    for p in pnr_payments {
        payment(w, p);
    }
    for t in pnr_tickets {
        ticket(w, t);
    }
    for n in &b.non_air {
        w.text("NonAirSegment", &[("Type", non_empty(&n.kind))], &n.text);
    }
    for l in &b.split_from {
        locator(w, "SplitPNR", &l.locator, Some(l.carrier.as_str()));
    }
    for h in &b.history {
        w.open(
            "History",
            &[("DateTime", h.when.map(moment)), ("By", h.by.clone())],
        );
        for a in &h.actions {
            w.open("Action", &[("Code", non_empty(&a.action))]);
            raws(w, &a.details, Level::Detail);
            w.close("Action");
        }
        w.close("History");
    }
    for l in &b.history_lines {
        w.text("HistoryLine", &[], l);
    }
    raws(w, &b.other, Level::Inner);
    w.close("PNR");
}

fn locator(w: &mut W, name: &str, id: &str, carrier: Option<&str>) {
    match carrier.filter(|c| !c.is_empty()) {
        Some(c) => {
            w.open(name, &[("ID", Some(id.to_string()))]);
            w.empty("CompanyName", &[("Code", Some(c.to_string()))]);
            w.close(name);
        }
        None => w.empty(name, &[("ID", Some(id.to_string()))]),
    }
}

fn contact_info(w: &mut W, contacts: &[Contact], addresses: &[Address]) {
    if contacts.is_empty() && addresses.is_empty() {
        return;
    }
    w.open("ContactInfo", &[]);
    for c in contacts {
        let source = (c.source != CONTACT_SOURCE).then(|| c.source.clone());
        match c.kind {
            ContactKind::Phone => w.empty(
                "Telephone",
                &[("PhoneNumber", non_empty(&c.value)), ("Source", source)],
            ),
            ContactKind::Email => w.text("Email", &[("Source", source)], &c.value),
            ContactKind::Address => w.text(
                "ContactDetail",
                &[("Type", Some("Address".to_string())), ("Source", source)],
                &c.value,
            ),
            ContactKind::Other => w.text(
                "ContactDetail",
                &[("Type", Some("Other".to_string())), ("Source", source)],
                &c.value,
            ),
        }
    }
    for a in addresses {
        address(w, "Address", a);
    }
    w.close("ContactInfo");
}

fn address(w: &mut W, name: &str, a: &Address) {
    w.open(name, &[("AddressType", a.kind.clone())]);
    if let Some(v) = &a.street {
        w.text("AddressLine", &[], v);
    }
    if let Some(v) = &a.city {
        w.text("CityName", &[], v);
    }
    if let Some(v) = &a.region {
        w.text("StateProv", &[], v);
    }
    if let Some(v) = &a.postcode {
        w.text("PostalCode", &[], v);
    }
    if let Some(v) = &a.country {
        w.empty("CountryName", &[("Code", Some(v.clone()))]);
    }
    if let Some(v) = &a.phone {
        w.empty("Telephone", &[("PhoneNumber", Some(v.clone()))]);
    }
    w.close(name);
}

fn excess(w: &mut W, e: &RawSegment) {
    if matches!(e.tag.as_str(), "PrepaidBag" | "ExcessBaggage") && raw_natural(w, e, Level::Excess)
    {
        return;
    }
    w.text(
        UNMAPPED,
        &[
            ("Tag", Some(e.tag.clone())),
            ("For", Some("ExcessBaggage".to_string())),
        ],
        &e.text,
    );
}

fn ssr(w: &mut W, s: &Ssr) {
    let attrs = [
        ("SSRCode", non_empty(&s.code)),
        ("Status", s.status.clone()),
        ("Value", s.value.clone()),
    ];
    if s.carrier.is_none() && s.text.is_none() {
        w.empty("SSR", &attrs);
        return;
    }
    w.open("SSR", &attrs);
    if let Some(c) = &s.carrier {
        w.empty("Airline", &[("Code", Some(c.clone()))]);
    }
    if let Some(t) = &s.text {
        w.text("Text", &[], t);
    }
    w.close("SSR");
}

fn payment(w: &mut W, p: &Payment) {
    let method = match &p.method {
        PaymentMethod::Card => Some("CC".to_string()),
        PaymentMethod::Cash => Some("CA".to_string()),
        PaymentMethod::Miscellaneous => Some("MS".to_string()),
        PaymentMethod::GovernmentReceipt => Some("GR".to_string()),
        PaymentMethod::Other(s) => non_empty(s),
    };
    let (amount, currency) = match &p.amount {
        Some(m) => (number(m.amount), m.currency.clone()),
        None => (None, None),
    };
    w.empty(
        "PaymentInfo",
        &[
            ("PaymentType", method),
            ("PaymentAmount", amount.clone()),
            ("CurrencyCode", amount.and(currency)),
            ("VendorCode", p.card_vendor.clone()),
            ("AccountNbr", p.card_number.clone()),
            ("ExpiryDate", p.card_expiry.clone()),
            ("CardHolderName", p.payer.clone()),
            ("BillingAddress", p.billing_address.clone()),
        ],
    );
}

fn ticket(w: &mut W, t: &Ticket) {
    let attrs = [
        ("TicketDocumentNbr", non_empty(&t.number)),
        ("Type", t.kind.clone()),
        ("DateOfIssue", t.issued.map(date_text)),
    ];
    match t
        .total
        .as_ref()
        .and_then(|m| number(m.amount).map(|a| (a, m)))
    {
        Some((amount, m)) => {
            w.open("TicketDocument", &attrs);
            w.empty(
                "TotalFare",
                &[
                    ("Amount", Some(amount)),
                    ("CurrencyCode", m.currency.clone()),
                ],
            );
            w.close("TicketDocument");
        }
        None => w.empty("TicketDocument", &attrs),
    }
}

fn segment(w: &mut W, s: &ItinerarySegment) {
    let l = &s.leg;
    w.open(
        "Flight",
        &[
            ("FlightNumber", l.number.clone()),
            ("DepartureDateTime", l.departure.map(moment)),
            ("ArrivalDateTime", l.arrival.map(moment)),
            ("ResBookDesigCode", s.booking_class.clone()),
            ("NumberInParty", s.party_size.map(|n| n.to_string())),
            ("Status", s.status.clone()),
            ("DCSLocator", s.dcs_locator.clone()),
        ],
    );
    if let Some(o) = &l.origin {
        w.empty("DepartureAirport", &[("LocationCode", Some(o.clone()))]);
    }
    if let Some(d) = &l.destination {
        w.empty("ArrivalAirport", &[("LocationCode", Some(d.clone()))]);
    }
    if let Some(c) = &l.carrier {
        w.empty("MarketingAirline", &[("Code", Some(c.clone()))]);
    }
    if let Some(o) = &s.operating {
        w.empty(
            "OperatingAirline",
            &[
                ("Code", non_empty(&o.carrier)),
                ("FlightNumber", non_empty(&o.number)),
            ],
        );
    }
    if let Some(a) = &s.aircraft {
        w.empty("Equipment", &[("AirEquipType", Some(a.clone()))]);
    }
    w.close("Flight");
}

fn passenger_type_code(p: &PassengerType) -> String {
    match p {
        PassengerType::Adult => "ADT".to_string(),
        PassengerType::Child => "CHD".to_string(),
        PassengerType::Infant => "INF".to_string(),
        PassengerType::Group => "GRP".to_string(),
        PassengerType::Other(s) => s.clone(),
    }
}

fn role_code(r: Role) -> Option<String> {
    match r {
        Role::Passenger => None,
        Role::Crew => Some("crew".to_string()),
        Role::TransitPassenger => Some("transit_passenger".to_string()),
        Role::TransitCrew => Some("transit_crew".to_string()),
    }
}

/// A value stated on the passenger only when the reader would not derive it.
fn unless_derived(actual: &Option<String>, derived: &Option<String>) -> Option<String> {
    (actual != derived).then(|| actual.clone().unwrap_or_default())
}

fn passenger(w: &mut W, msg: &Message, b: Option<&Booking>, idx: usize, t: &Traveller) {
    let first_docs = t.documents.iter().position(|d| !is_doco(d));
    let (dob_on_pax, gender_on_pax) = match first_docs {
        Some(_) => (None, None),
        None => (t.date_of_birth, t.gender),
    };

    // References: the two IATA ones as attributes when they lead the list.
    let mut refs = t.references.as_slice();
    let mut take_ref = |q: &str| match refs.split_first() {
        Some((r, rest))
            if r.qualifier == q && !r.value.trim().is_empty() && r.value.trim() == r.value =>
        {
            refs = rest;
            Some(r.value.clone())
        }
        _ => None,
    };
    let surname_ref = take_ref("SurnameRefNumber");
    let boarding = take_ref("BoardingStatus");

    // Infant link: by RPH when the infant has a unique one in the booking.
    let (infant_rph, with_infant) = match (t.infant, b) {
        (Some(j), Some(b)) => {
            let rph = msg.travellers.get(j).and_then(|i| i.passenger_ref.clone());
            let unique = rph.as_ref().is_some_and(|r| {
                !r.trim().is_empty()
                    && b.travellers
                        .iter()
                        .filter(|&&k| {
                            msg.travellers.get(k).and_then(|x| x.passenger_ref.as_ref()) == Some(r)
                        })
                        .count()
                        == 1
            });
            if unique && in_booking(b, j) {
                (rph, None)
            } else {
                (None, Some("true".to_string()))
            }
        }
        (Some(_), None) => (None, Some("true".to_string())),
        _ => (None, None),
    };

    let nationality = unless_derived(&t.nationality, &derived_nationality(&t.documents));
    let residence = unless_derived(
        &t.residence_country,
        &derived_residence(t.address.as_ref().map(|a| &a.kind), t.address.as_ref()),
    );
    w.open(
        "Passenger",
        &[
            ("RPH", t.passenger_ref.clone()),
            (
                "PassengerTypeCode",
                t.passenger_type.as_ref().map(passenger_type_code),
            ),
            ("SurnameRefNumber", surname_ref),
            ("BoardingStatus", boarding),
            ("BirthDate", dob_on_pax.map(date_text)),
            ("Gender", gender_on_pax.map(|g| g.code().to_string())),
            ("Nationality", nationality),
            ("ResidenceCountry", residence),
            ("BirthPlace", t.birth_place.clone()),
            ("Embarkation", t.embarkation.clone()),
            ("Disembarkation", t.disembarkation.clone()),
            ("ClearancePlace", t.clearance_place.clone()),
            ("CrewFunction", t.crew_function.clone()),
            ("Verified", t.verified.map(|v| v.to_string())),
            ("Role", role_code(t.role)),
            ("InfantRPH", infant_rph),
            ("AccompaniedByInfantInd", with_infant),
        ],
    );

    // Names, and the title kept apart unless the reader would split it the same way.
    if !t.surname.is_empty() {
        w.text("Surname", &[], &t.surname);
    }
    if !t.given_names.is_empty() {
        w.text("GivenName", &[], &t.given_names);
    }
    let title_el: Option<Option<String>> = match &t.title {
        Some(title) => {
            w.text("NameTitle", &[], title);
            Some(Some(title.clone()).filter(|x| !x.trim().is_empty()))
        }
        None if person::split_title(&t.given_names).1.is_some() => {
            w.empty("NameTitle", &[]);
            Some(None)
        }
        None => None,
    };
    if computed_name_as_sent(&t.surname, &t.given_names, title_el.as_ref()) != t.name_as_sent {
        w.text("NameAsSent", &[], &t.name_as_sent);
    }

    for f in &t.frequent_flyer {
        w.empty(
            "CustLoyalty",
            &[
                ("ProgramID", non_empty(&f.airline)),
                ("MembershipID", non_empty(&f.number)),
                ("LoyalLevel", f.tier.clone()),
            ],
        );
    }
    contact_info(w, &t.contacts, &[]);
    for s in &t.ssrs {
        ssr(w, s);
    }
    let mut own_tickets: Vec<Ticket> = Vec::new();
    if let Some(b) = b {
        for tk in b.tickets.iter().filter(|x| x.traveller == Some(idx)) {
            ticket(w, tk);
            own_tickets.push(tk.clone());
        }
        for p in b.payments.iter().filter(|p| p.traveller == Some(idx)) {
            payment(w, p);
        }
    }

    if !t.documents.is_empty() || t.address.is_some() {
        w.open("DOC_SSR", &[]);
        for (k, d) in t.documents.iter().enumerate() {
            let person = (Some(k) == first_docs).then_some((t.date_of_birth, t.gender));
            document(w, d, person);
        }
        if let Some(a) = &t.address {
            address(w, "DOCA", a);
        }
        w.close("DOC_SSR");
    }
    for c in &t.check_in {
        check_in(w, c);
    }
    if t.seat != derived_seat(&t.check_in) {
        w.empty("Seat", &[("SeatNumber", t.seat.clone())]);
    }
    if t.bags != derived_bags(&t.check_in) {
        match &t.bags {
            Some(bags) => bag_element(w, bags),
            None => w.empty("Baggage", &[("Nil", Some("true".to_string()))]),
        }
    }
    if t.ticket != derived_ticket(&own_tickets) {
        match &t.ticket {
            Some(n) => w.text("TicketNumber", &[], n),
            None => w.empty("TicketNumber", &[]),
        }
    }
    for r in refs {
        w.empty(
            "Reference",
            &[
                ("Qualifier", non_empty(&r.qualifier)),
                ("Value", Some(r.value.clone())),
            ],
        );
    }
    raws(w, &t.other, Level::Inner);
    w.close("Passenger");
}

fn document(
    w: &mut W,
    d: &TravelDocument,
    person: Option<(Option<piu_model::Date>, Option<piu_model::Gender>)>,
) {
    let (name, default) = if is_doco(d) {
        ("DOCO", DOCO_SOURCE)
    } else {
        ("DOCS", DOCS_SOURCE)
    };
    let (dob, gender) = person.unwrap_or((None, None));
    w.empty(
        name,
        &[
            ("DocType", d.kind.clone()),
            ("DocID", d.number.clone()),
            ("DocIssueCountry", d.issuing_country.clone()),
            ("DocHolderNationality", d.nationality.clone()),
            ("DocIssueDate", d.issue_date.map(date_text)),
            ("DocExpireDate", d.expiry.map(date_text)),
            ("DocIssueLocation", d.place_of_issue.clone()),
            ("DocLimitCountry", d.applicable_country.clone()),
            ("BirthDate", dob.map(date_text)),
            ("Gender", gender.map(|g| g.code().to_string())),
            ("Source", (d.source != default).then(|| d.source.clone())),
        ],
    );
}

fn check_in(w: &mut W, c: &CheckIn) {
    let attrs = [
        ("BoardPoint", c.flight.clone()),
        ("CheckInSeqNbr", c.sequence.clone()),
        ("SeatNumber", c.seat.clone()),
        ("CabinClass", c.cabin.clone()),
        ("CheckInDateTime", c.time.map(moment)),
    ];
    match &c.bags {
        Some(b) => {
            w.open("CheckIn", &attrs);
            bag_element(w, b);
            w.close("CheckIn");
        }
        None => w.empty("CheckIn", &attrs),
    }
}

fn bag_element(w: &mut W, b: &Bags) {
    let attrs = [
        ("Quantity", b.count.map(|n| n.to_string())),
        ("Weight", b.weight.and_then(number)),
        ("UnitOfMeasure", b.weight_unit.clone()),
        ("PoolRole", b.pool.clone()),
    ];
    if b.tags.is_empty() {
        w.empty("Baggage", &attrs);
        return;
    }
    w.open("Baggage", &attrs);
    for t in &b.tags {
        w.empty(
            "BagTag",
            &[
                ("TagNumber", non_empty(&t.first)),
                ("Count", (t.count != 1).then(|| t.count.to_string())),
                ("CarrierCode", t.carrier.clone()),
                ("Destination", t.destination.clone()),
            ],
        );
    }
    w.close("Baggage");
}

/// Where raw segments are written, which decides what may be written as is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Level {
    /// Under the root: the reader searches the whole subtree for metadata,
    /// PNRs and flights, so no name in a fragment may be one it knows.
    Root,
    /// Under a PNR or passenger: only the element's own name matters.
    Inner,
    /// Inside a history action: any element is a detail.
    Detail,
    /// Excess baggage, written under its own element name.
    Excess,
}

fn raws(w: &mut W, segs: &[RawSegment], level: Level) {
    for s in segs {
        if !raw_natural(w, s, level) {
            w.text(UNMAPPED, &[("Tag", Some(s.tag.clone()))], &s.text);
        }
    }
}

/// Writes a raw segment as the element it came from, when reading it back
/// gives the same tag and text; returns false when it cannot.
fn raw_natural(w: &mut W, s: &RawSegment, level: Level) -> bool {
    if !is_name(&s.tag) || s.tag == UNMAPPED {
        return false;
    }
    let name_ok = |n: &str| level == Level::Detail || level == Level::Excess || !reserved(n);
    if !name_ok(&s.tag) {
        return false;
    }
    if let Some(names) = fragment_names(&s.text, &s.tag) {
        if level == Level::Root && names.iter().any(|n| reserved(n)) {
            return false;
        }
        w.line(&s.text);
        return true;
    }
    if s.text.trim() != s.text {
        return false;
    }
    w.text(&s.tag, &[], &s.text);
    true
}

/// The names in `text` when it is the compact XML the reader makes of an
/// element called `tag` with attributes or children.
fn fragment_names(text: &str, tag: &str) -> Option<Vec<String>> {
    if !text.starts_with('<') {
        return None;
    }
    let limits = XmlLimits {
        max_bytes: text.len(),
        ..XmlLimits::default()
    };
    let doc = tree::parse(text.as_bytes(), &limits).ok()?;
    let root = doc.root();
    if root.name() != tag || !(root.has_attrs() || root.has_children()) || root.compact() != text {
        return None;
    }
    Some(root.all_names().into_iter().map(str::to_string).collect())
}

#[cfg(test)]
mod tests {
    use super::RESERVED;

    /// Every name the reader looks for must be reserved, or raw data under
    /// that name would be read back as something else.
    #[test]
    fn reserved_names_cover_the_reader() {
        let sources = [
            include_str!("../pnrgov_xml/map.rs"),
            include_str!("../pnrgov_xml/booking.rs"),
            include_str!("../pnrgov_xml/traveller.rs"),
            include_str!("../pnrgov_xml/values.rs"),
            include_str!("../pnrgov_xml/tree.rs"),
        ];
        // Literals that are values or messages, not names.
        const VALUES: &[&str] = &[
            "CC",
            "CARD",
            "CREDITCARD",
            "DC",
            "DEBITCARD",
            "CA",
            "CASH",
            "MS",
            "MISC",
            "MISCELLANEOUS",
            "GR",
            "GOVERNMENTRECEIPT",
            "FULL",
            "F",
            "INITIAL",
            "COMPLETE",
            "UPDATE",
            "U",
            "DELTA",
            "INCREMENTAL",
            "CHANGE",
            "R",
            "UTF",
            "ASCII",
            "DOCTYPE",
            "IATA_PNRGOV_NotifRQ",
            "PNR",
            "Passenger",
            "HK",
            "J2",
            "L1",
            "LATIN1",
            "M",
            "UTF8",
            "WCHR",
            "X",
        ];
        let mut missing = Vec::new();
        for src in sources {
            let code = src.split("#[cfg(test)]").next().unwrap_or(src);
            for lit in code.split('"').skip(1).step_by(2) {
                let is_ident = lit.chars().next().is_some_and(|c| c.is_ascii_uppercase())
                    && lit.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
                if is_ident && !RESERVED.contains(&lit) && !VALUES.contains(&lit) {
                    missing.push(lit.to_string());
                }
            }
        }
        missing.sort();
        missing.dedup();
        assert!(missing.is_empty(), "not reserved: {missing:?}");
    }
}

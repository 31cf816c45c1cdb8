//! `Passenger` → [`Traveller`], with the tickets, payments and extra baggage it
//! carries for its booking.

use piu_model::{
    CheckIn, Date, Payment, RawSegment, Reference, Role, Ticket, TravelDocument, Traveller,
};

use super::tree::El;
use super::values::{Cx, address, bags, contact_info, parse_moment, payment, s, ssr, ticket};
use crate::dates::Century;
use crate::person;

pub(crate) const DOCS_SOURCE: &str = "XML DOCS";
pub(crate) const DOCO_SOURCE: &str = "XML DOCO";

/// What a passenger carries beyond the traveller itself.
pub(crate) struct Extras<'a> {
    pub el: El<'a>,
    pub tickets: Vec<Ticket>,
    pub payments: Vec<Payment>,
    pub excess_baggage: Vec<RawSegment>,
    pub rph: Option<String>,
    pub infant_rph: Option<String>,
    pub with_infant: bool,
}

/// A value that the passenger states itself (possibly as explicitly empty), or
/// that is left to a document to supply.
fn explicit(el: El<'_>, names: &[&str]) -> Option<Option<String>> {
    if let Some(v) = el.attr_raw(names) {
        return Some(s(Some(v.trim())).filter(|v| !v.is_empty()));
    }
    let c = el.child(names)?;
    Some(Some(c.text().to_string()).filter(|v| !v.is_empty()))
}

fn same_name(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_uppercase()
    };
    norm(a) == norm(b)
}

/// Given names from `GivenName` and `MiddleName` elements (or attributes).
fn given_of(el: El<'_>, mark: bool) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for c in el.children().filter(|c| c.is(&["GivenName", "MiddleName"])) {
        if mark {
            c.mark();
            parts.push(c.text());
        } else {
            parts.push(c.peek_text());
        }
    }
    if parts.is_empty() {
        for n in ["GivenName", "MiddleName"] {
            let v = if mark {
                el.attr(&[n])
            } else {
                el.peek_attr(&[n]).map(str::trim)
            };
            parts.extend(v);
        }
    }
    parts.retain(|p| !p.is_empty());
    parts.join(" ")
}

fn surname_of(el: El<'_>, mark: bool) -> String {
    if mark {
        el.value(&["Surname"]).unwrap_or_default().to_string()
    } else {
        el.peek_attr(&["Surname"])
            .map(str::trim)
            .or_else(|| el.peek_child(&["Surname"]).map(|c| c.peek_text()))
            .unwrap_or_default()
            .to_string()
    }
}

/// The name on a DOCS: a holder-name child or attributes on the DOCS itself.
fn holder(docs: El<'_>) -> El<'_> {
    docs.peek_child(&["DocHolderFormattedName", "DocHolderName", "PersonName"])
        .unwrap_or(docs)
}

fn role(code: &str) -> Option<Role> {
    Some(match code.trim().to_ascii_lowercase().as_str() {
        "passenger" | "fl" => Role::Passenger,
        "crew" | "fm" => Role::Crew,
        "transit_passenger" | "ddu" => Role::TransitPassenger,
        "transit_crew" | "ddt" => Role::TransitCrew,
        _ => return None,
    })
}

fn travel_document(e: El<'_>, cx: &mut Cx<'_>, default_source: &str) -> TravelDocument {
    e.mark();
    TravelDocument {
        kind: s(e.value(&["DocType"])),
        number: s(e.value(&["DocID", "DocumentNumber"])),
        issuing_country: s(e.value(&["DocIssueCountry"])),
        expiry: cx.day(e, &["DocExpireDate", "ExpiryDate"], Century::Around),
        issue_date: cx.day(e, &["DocIssueDate", "DateOfIssue"], Century::NotAfter),
        nationality: s(e.value(&["DocHolderNationality"])),
        place_of_issue: s(e.value(&["DocIssueLocation", "PlaceOfIssue"])),
        applicable_country: s(e.value(&[
            "DocLimitCountry",
            "ApplicableCountry",
            "CountryOfApplicability",
        ])),
        source: e.attr(&["Source"]).unwrap_or(default_source).to_string(),
    }
}

/// A check-in record; `origin` is the flight's origin when the record sits
/// under an itinerary flight.
pub(crate) fn check_in(e: El<'_>, cx: &mut Cx<'_>, origin: Option<&str>) -> CheckIn {
    e.mark();
    CheckIn {
        flight: s(e.value(&["BoardPoint", "Airport"])).or_else(|| s(origin)),
        sequence: s(e.value(&["CheckInSeqNbr", "SequenceNumber"])),
        seat: s(e.value(&["SeatNumber"])),
        cabin: s(e.value(&["CabinClass", "Cabin"])),
        time: cx.moment(e, &["CheckInDateTime", "DateTime"], Century::Around),
        bags: e
            .child(&["Baggage", "BagDetails", "CheckedBaggage"])
            .map(|b| bags(b, cx)),
    }
}

/// Reads one passenger. `index` is the position it takes among the message's
/// travellers (for ticket and payment links); `in_booking` is false for a
/// passenger outside any PNR, whose tickets and payments stay raw.
pub(crate) fn traveller<'a>(
    el: El<'a>,
    cx: &mut Cx<'_>,
    index: usize,
    in_booking: bool,
) -> (Traveller, Extras<'a>) {
    el.set_entity();
    let mut t = Traveller::default();
    let mut x = Extras {
        el,
        tickets: Vec::new(),
        payments: Vec::new(),
        excess_baggage: Vec::new(),
        rph: None,
        infant_rph: None,
        with_infant: false,
    };

    // Names: on the passenger or in an OTA PersonName.
    let names_el = el.child(&["PersonName"]).unwrap_or(el);
    let mut surname = surname_of(names_el, true);
    let mut given_raw = given_of(names_el, true);
    let title_el = explicit(names_el, &["NameTitle", "NamePrefix"]);
    let name_as_sent = explicit(el, &["NameAsSent"]);

    t.passenger_type = el
        .value(&["PassengerTypeCode", "PaxType", "PassengerType"])
        .and_then(person::passenger_type);
    t.passenger_ref = s(el.value(&["RPH"]));
    x.rph = t.passenger_ref.clone();
    for q in ["SurnameRefNumber", "BoardingStatus"] {
        if let Some(v) = el.value(&[q]) {
            t.references.push(Reference {
                qualifier: q.to_string(),
                value: v.to_string(),
            });
        }
    }
    let mut dob = cx.day(el, &["BirthDate", "DateOfBirth"], Century::NotAfter);
    let mut infant_by_docs = false;
    let mut gender = cx.parsed(el, &["Gender"], "a sex code", |g| person::gender(g).0);
    let nationality = explicit(el, &["Nationality"]);
    let residence = explicit(el, &["ResidenceCountry"]);
    t.birth_place = s(el.value(&["BirthPlace"]));
    t.embarkation = s(el.value(&["Embarkation"]));
    t.disembarkation = s(el.value(&["Disembarkation"]));
    t.clearance_place = s(el.value(&["ClearancePlace"]));
    t.crew_function = s(el.value(&["CrewFunction"]));
    t.verified = cx.flag(el, &["Verified"]);
    t.role = cx
        .parsed(el, &["Role"], "a role", role)
        .unwrap_or(Role::Passenger);
    x.infant_rph = s(el.value(&["InfantRPH"]));
    x.with_infant = cx
        .flag(el, &["AccompaniedByInfantInd", "AccompaniedByInfant"])
        .unwrap_or(false);

    let mut seat: Option<Option<String>> = None;
    let mut bag_override: Option<Option<piu_model::Bags>> = None;
    let ticket_override = explicit(el, &["TicketNumber"]);
    let mut first_doca_kind: Option<Option<String>> = None;

    // Documents may sit in DOC_SSR or directly under the passenger.
    let mut doc_els = Vec::new();
    for c in el.children() {
        if c.is(&["DOC_SSR"]) {
            c.mark();
            doc_els.extend(c.children().filter(|d| d.is(&["DOCS", "DOCO", "DOCA"])));
        } else if c.is(&["DOCS", "DOCO", "DOCA"]) {
            doc_els.push(c);
        }
    }
    for d in doc_els {
        match d.name() {
            "DOCS" => {
                let doc = travel_document(d, cx, DOCS_SOURCE);
                // The person fields: taken when the passenger lacks them, marked
                // when they agree, left raw when they differ.
                let r = cx.reference;
                if let Some((v, spot)) = cx.parsed_at(
                    d,
                    &["BirthDate", "DateOfBirth"],
                    "a date this reader can place",
                    |s| parse_moment(s, r, Century::NotAfter).map(|m| m.date),
                ) {
                    match dob {
                        None => dob = Some(v),
                        Some(have) if have == v => {}
                        Some(_) => spot.unmark(),
                    }
                }
                if let Some(((g, inf), spot)) = cx.parsed_at(d, &["Gender"], "a sex code", |g| {
                    let (g, inf) = person::gender(g);
                    g.map(|g| (g, inf))
                }) {
                    match gender {
                        None => {
                            gender = Some(g);
                            infant_by_docs |= inf;
                        }
                        Some(have) if have == g => infant_by_docs |= inf,
                        Some(_) => spot.unmark(),
                    }
                }
                let h = holder(d);
                let (hs, hg) = (surname_of(h, false), given_of(h, false));
                if !hs.is_empty() || !hg.is_empty() {
                    let agrees = surname.is_empty()
                        || (same_name(&hs, &surname)
                            && (same_name(&hg, &given_raw)
                                || same_name(&hg, &person::split_title(&given_raw).0)));
                    if agrees {
                        h.mark();
                        let (hs, hg) = (surname_of(h, true), given_of(h, true));
                        if surname.is_empty() {
                            surname = hs;
                            given_raw = hg;
                        }
                    }
                }
                t.documents.push(doc);
            }
            "DOCO" => {
                let doc = travel_document(d, cx, DOCO_SOURCE);
                if let Some(bp) = d.peek_attr(&["BirthPlace", "PlaceOfBirth"]) {
                    let bp = bp.trim();
                    match &t.birth_place {
                        None if !bp.is_empty() => {
                            t.birth_place = Some(bp.to_string());
                            d.attr(&["BirthPlace", "PlaceOfBirth"]);
                        }
                        Some(have) if have == bp => {
                            d.attr(&["BirthPlace", "PlaceOfBirth"]);
                        }
                        _ => {}
                    }
                }
                t.documents.push(doc);
            }
            _ => {
                if t.address.is_none() {
                    let a = address(d);
                    first_doca_kind = Some(a.kind.clone());
                    t.address = Some(a);
                }
            }
        }
    }

    for c in el.children() {
        match c.name() {
            "CustLoyalty" => {
                c.mark();
                t.frequent_flyer.push(piu_model::FrequentFlyer {
                    airline: c
                        .attr(&["ProgramID", "Airline", "AirlineCode"])
                        .unwrap_or_default()
                        .to_string(),
                    number: c
                        .attr(&["MembershipID", "Number"])
                        .unwrap_or_default()
                        .to_string(),
                    tier: s(c.attr(&["LoyalLevel", "MembershipLevel", "TierLevel"])),
                });
            }
            "ContactInfo" => contact_info(c, &mut t.contacts, None),
            "SSR" => t.ssrs.push(ssr(c)),
            "SSRs" | "SpecialServiceRequests" => {
                c.mark();
                for r in c.children_named(&["SSR"]) {
                    t.ssrs.push(ssr(r));
                }
            }
            "TicketDocument" if in_booking => {
                let (tk, pays) = ticket(c, cx, Some(index));
                x.tickets.push(tk);
                x.payments.extend(pays);
            }
            "PaymentInfo" if in_booking => {
                x.payments.push(payment(c, cx, Some(index)));
            }
            "ExcessBaggage" if in_booking => x.excess_baggage.push(c.take_raw()),
            "CheckIn" | "CheckInInfo" => t.check_in.push(check_in(c, cx, None)),
            "Seat" => {
                c.mark();
                seat = Some(
                    s(c.attr(&["SeatNumber", "Number"]))
                        .or_else(|| Some(c.text().to_string()).filter(|v| !v.is_empty())),
                );
            }
            "Baggage" => {
                c.mark();
                bag_override = Some(match cx.flag(c, &["Nil"]) {
                    Some(true) => None,
                    _ => Some(bags(c, cx)),
                });
            }
            "Reference" => {
                c.mark();
                t.references.push(Reference {
                    qualifier: c.attr(&["Qualifier"]).unwrap_or_default().to_string(),
                    value: c
                        .attr(&["Value"])
                        .map(str::to_string)
                        .unwrap_or_else(|| c.text().to_string()),
                });
            }
            _ => {}
        }
    }

    // Names, with the title split off the given name unless sent on its own.
    let (given_names, title) = match &title_el {
        Some(title) => (given_raw.clone(), title.clone()),
        None => person::split_title(&given_raw),
    };
    t.name_as_sent = match name_as_sent {
        Some(v) => v.unwrap_or_default(),
        None => computed_name_as_sent(&surname, &given_raw, title_el.as_ref()),
    };
    t.surname = surname;
    t.given_names = given_names;
    t.title = title;
    if t.passenger_type.is_none() && infant_by_docs {
        t.passenger_type = Some(piu_model::PassengerType::Infant);
    }
    t.date_of_birth = dob;
    t.gender = gender;
    t.nationality = match nationality {
        Some(v) => v,
        None => derived_nationality(&t.documents),
    };
    t.residence_country = match residence {
        Some(v) => v,
        None => derived_residence(first_doca_kind.as_ref(), t.address.as_ref()),
    };
    t.seat = match seat {
        Some(v) => v,
        None => derived_seat(&t.check_in),
    };
    t.bags = match bag_override {
        Some(v) => v,
        None => derived_bags(&t.check_in),
    };
    t.ticket = match ticket_override {
        Some(v) => v,
        None => derived_ticket(&x.tickets),
    };
    (t, x)
}

/// `SURNAME/GIVEN NAMES` as the passenger element carried them, with a title
/// sent on its own appended.
pub(crate) fn computed_name_as_sent(
    surname: &str,
    given_raw: &str,
    title_el: Option<&Option<String>>,
) -> String {
    let mut out = surname.to_string();
    if !given_raw.is_empty() {
        out.push('/');
        out.push_str(given_raw);
    }
    if let Some(Some(title)) = title_el {
        out.push(' ');
        out.push_str(title);
    }
    out
}

/// Whether a document is written as DOCO (else DOCS).
pub(crate) fn is_doco(d: &TravelDocument) -> bool {
    d.source == DOCO_SOURCE || d.source.contains("DOCO")
}

/// Nationality from the first DOCS that states one.
pub(crate) fn derived_nationality(docs: &[TravelDocument]) -> Option<String> {
    docs.iter()
        .filter(|d| !is_doco(d))
        .find_map(|d| d.nationality.clone())
}

/// Country of residence from a residence address (DOCA type R).
pub(crate) fn derived_residence(
    kind: Option<&Option<String>>,
    address: Option<&piu_model::Address>,
) -> Option<String> {
    match kind {
        Some(Some(k)) if k.eq_ignore_ascii_case("R") => address.and_then(|a| a.country.clone()),
        _ => None,
    }
}

pub(crate) fn derived_seat(check_in: &[CheckIn]) -> Option<String> {
    check_in.iter().find_map(|c| c.seat.clone())
}

pub(crate) fn derived_bags(check_in: &[CheckIn]) -> Option<piu_model::Bags> {
    check_in.iter().find_map(|c| c.bags.clone())
}

pub(crate) fn derived_ticket(tickets: &[Ticket]) -> Option<String> {
    tickets
        .iter()
        .map(|t| t.number.as_str())
        .find(|n| !n.is_empty())
        .map(str::to_string)
}

/// Date as written by the encoder.
pub(crate) fn date_text(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month() as u8, d.day())
}

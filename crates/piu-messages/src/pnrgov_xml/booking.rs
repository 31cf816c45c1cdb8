//! `PNR` (any element with a `BookingRefID` child) → [`Booking`].

use std::collections::HashMap;

use piu_model::{
    Booking, HistoryAction, HistoryItem, ItinerarySegment, Leg, Locator, NonAirSegment, Originator,
    PassengerType, Traveller,
};

use super::traveller::{Extras, check_in, traveller};
use super::tree::El;
use super::values::{
    Cx, code_of, contact_info, designator, payment, remark, s, ssr, strip_zeros, ticket,
};
use crate::dates::Century;

/// Reads one PNR; its passengers are appended to `travellers`.
pub(crate) fn booking(el: El<'_>, cx: &mut Cx<'_>, travellers: &mut Vec<Traveller>) -> Booking {
    el.set_entity();
    let mut b = Booking::default();

    for (i, r) in el.children_named(&["BookingRefID"]).into_iter().enumerate() {
        let locator = r.value(&["ID"]).unwrap_or_default().to_string();
        let carrier = r.child(&["CompanyName"]).and_then(code_of);
        if i == 0 {
            b.record_locator = locator;
            b.carrier = carrier;
        } else {
            b.other_locators.push(Locator {
                carrier: carrier.unwrap_or_default(),
                locator,
            });
        }
    }
    b.created = cx.moment(el, &["PNR_CreationDate", "CreationDate"], Century::Around);
    b.last_modified = cx.moment(el, &["PNR_TransDate", "TransactionDate"], Century::Around);
    b.ticketed = cx.moment(el, &["LastTktDate"], Century::Around);
    let declared = cx.count(el, &["NumberOfPassengers"]);
    let cancelled = cx.flag(el, &["CancelledInd", "Cancelled"]);

    // Passengers first, so that flights can refer to them by RPH.
    let first = travellers.len();
    let mut extras: Vec<Extras<'_>> = Vec::new();
    for p in el.children().filter(|c| c.is(&["Passenger"])) {
        let index = travellers.len();
        let (t, x) = traveller(p, cx, index, true);
        b.travellers.push(index);
        travellers.push(t);
        extras.push(x);
    }
    let by_rph: HashMap<String, usize> = extras
        .iter()
        .enumerate()
        .filter_map(|(i, x)| x.rph.clone().map(|r| (r, first + i)))
        .collect();

    let mut payments = Vec::new();
    let mut tickets = Vec::new();
    let mut excess = Vec::new();
    for c in el.children() {
        match c.name() {
            "POS" => {
                c.mark();
                let source = c.child(&["Source"]);
                b.originator = Some(source.map(originator).unwrap_or_default());
            }
            "Source" => b.originator = Some(originator(c)),
            "ContactInfo" => contact_info(c, &mut b.contacts, Some(&mut b.addresses)),
            "PrepaidBag" | "ExcessBaggage" => excess.push(c.take_raw()),
            super::tree::UNMAPPED
                if c.peek_attr(&["For"]).map(str::trim) == Some("ExcessBaggage") =>
            {
                c.attr(&["For"]);
                excess.push(c.take_raw());
            }
            "Flight" => {
                let seg = segment(c, cx, &mut b, &by_rph, travellers);
                b.itinerary.push(seg);
            }
            "SSR" => b.ssrs.push(ssr(c)),
            "SSRs" | "SpecialServiceRequests" => {
                c.mark();
                for r in c.children_named(&["SSR"]) {
                    b.ssrs.push(ssr(r));
                }
            }
            "Remark" | "SpecialRemark" | "OSI" | "OtherServiceInfo" | "OtherServiceInformation" => {
                b.remarks.push(remark(c))
            }
            "Remarks" | "SpecialRemarks" => {
                c.mark();
                for r in c.children_named(&[
                    "Remark",
                    "SpecialRemark",
                    "OSI",
                    "OtherServiceInfo",
                    "OtherServiceInformation",
                ]) {
                    b.remarks.push(remark(r));
                }
            }
            "PaymentInfo" => payments.push(payment(c, cx, None)),
            "TicketDocument" => {
                let (t, p) = ticket(c, cx, None);
                tickets.push(t);
                payments.extend(p);
            }
            "NonAirSegment" => {
                c.mark();
                b.non_air.push(NonAirSegment {
                    kind: c.attr(&["Type"]).unwrap_or_default().to_string(),
                    text: c.text().to_string(),
                });
            }
            "SplitPNR" => {
                c.mark();
                b.split_from.push(Locator {
                    carrier: c
                        .child(&["CompanyName"])
                        .and_then(code_of)
                        .unwrap_or_default(),
                    locator: c.value(&["ID"]).unwrap_or_default().to_string(),
                });
            }
            "History" => b.history.push(history(c, cx)),
            "HistoryLine" => {
                c.mark();
                b.history_lines.push(c.text().to_string());
            }
            _ => {}
        }
    }

    link_infants(&extras, &by_rph, travellers, first, cx);

    for (i, x) in extras.into_iter().enumerate() {
        tickets.extend(x.tickets);
        payments.extend(x.payments);
        excess.extend(x.excess_baggage);
        if let Some(t) = travellers.get_mut(first + i) {
            x.el.sweep(&mut t.other, cx.warnings, None);
        }
    }
    b.tickets = tickets;
    b.payments = payments;
    b.excess_baggage = excess;

    if let Some(n) = declared
        && n as usize != b.travellers.len()
    {
        cx.warn(
            &el,
            format!(
                "NumberOfPassengers says {n}, but the PNR lists {} passengers",
                b.travellers.len()
            ),
        );
    }
    let only_locator = el.has_children() && el.children().all(|c| c.is(&["BookingRefID"]));
    b.cancelled = cancelled.unwrap_or(only_locator);
    if !b.record_locator.is_empty() {
        for &i in &b.travellers {
            if let Some(t) = travellers.get_mut(i) {
                t.booking_ref = Some(b.record_locator.clone());
            }
        }
    }
    el.sweep(&mut b.other, cx.warnings, Some("PNR"));
    b
}

fn originator(src: El<'_>) -> Originator {
    src.mark();
    let req = src.child(&["RequestorID"]);
    let system = req
        .and_then(|r| r.child(&["CompanyName"]))
        .and_then(code_of);
    Originator {
        system,
        location: s(src.attr(&["AirportCode"])),
        agency_id: req.and_then(|r| s(r.attr(&["ID"]))),
        office: s(src.attr(&["PseudoCityCode"])),
        kind: s(src.attr(&["AgentType"])).or_else(|| req.and_then(|r| s(r.attr(&["Type"])))),
        country: s(src.attr(&["ISOCountry"])),
        currency: s(src.attr(&["ISOCurrency"])),
        agent: s(src.attr(&["AgentSine"])),
    }
}

/// An itinerary flight; its SSRs go to the booking and its check-in records
/// (linked by `PassengerRPH`) to the passengers.
fn segment(
    f: El<'_>,
    cx: &mut Cx<'_>,
    b: &mut Booking,
    by_rph: &HashMap<String, usize>,
    travellers: &mut [Traveller],
) -> ItinerarySegment {
    f.mark();
    let marketing = f.child(&["MarketingAirline"]);
    let carrier = match marketing {
        Some(m) => {
            m.mark();
            s(m.attr(&["Code", "CompanyShortName"]))
                .or_else(|| Some(m.text().to_string()).filter(|t| !t.is_empty()))
        }
        None => s(f.attr(&["CarrierCode", "AirlineCode"])),
    };
    let number = match f.attr(&["FlightNumber"]) {
        Some(n) => Some(strip_zeros(n)),
        None => marketing
            .and_then(|m| m.attr(&["FlightNumber"]))
            .map(strip_zeros),
    };
    let origin = match f.child(&["DepartureAirport"]) {
        Some(a) => code_of(a),
        None => s(f.attr(&["Origin"])),
    };
    let destination = match f.child(&["ArrivalAirport"]) {
        Some(a) => code_of(a),
        None => s(f.attr(&["Destination"])),
    };
    let aircraft = match f.child(&["Equipment"]) {
        Some(e) => s(e.attr(&["AirEquipType"]))
            .or_else(|| Some(e.text().to_string()).filter(|t| !t.is_empty())),
        None => s(f.attr(&["AirEquipType"])),
    };
    let seg = ItinerarySegment {
        leg: Leg {
            carrier,
            number,
            origin,
            destination,
            departure: cx.moment(f, &["DepartureDateTime"], Century::Around),
            arrival: cx.moment(f, &["ArrivalDateTime"], Century::Around),
            border_crossing: false,
        },
        operating: f.child(&["OperatingAirline"]).map(designator),
        booking_class: s(f.value(&["ResBookDesigCode", "BookingClass"])),
        status: s(f.value(&["Status"])),
        party_size: cx.count(f, &["NumberInParty"]),
        aircraft,
        dcs_locator: s(f.value(&["DCSLocator"])),
    };
    for c in f.children() {
        if c.is(&["SSR"]) {
            b.ssrs.push(ssr(c));
        } else if c.is(&["CheckIn", "CheckInInfo"]) {
            let target = c
                .peek_attr(&["PassengerRPH", "RPH"])
                .and_then(|r| by_rph.get(r.trim()))
                .copied();
            if let Some(t) = target.and_then(|i| travellers.get_mut(i)) {
                c.attr(&["PassengerRPH", "RPH"]);
                let ci = check_in(c, cx, seg.leg.origin.as_deref());
                t.check_in.push(ci);
            }
        }
    }
    seg
}

fn history(h: El<'_>, cx: &mut Cx<'_>) -> HistoryItem {
    h.mark();
    HistoryItem {
        when: cx.moment(h, &["DateTime", "When"], Century::Around),
        by: s(h.attr(&["By", "AgentSine"])),
        actions: h
            .children_named(&["Action"])
            .into_iter()
            .map(|a| HistoryAction {
                action: a.attr(&["Code", "Type"]).unwrap_or_default().to_string(),
                details: a.children().map(|d| d.take_raw()).collect(),
            })
            .collect(),
    }
}

/// Infant links: `InfantRPH` names the infant; `AccompaniedByInfantInd` takes
/// the first infant of the PNR not yet linked.
fn link_infants(
    extras: &[Extras<'_>],
    by_rph: &HashMap<String, usize>,
    travellers: &mut [Traveller],
    first: usize,
    cx: &mut Cx<'_>,
) {
    let mut taken: Vec<usize> = Vec::new();
    for (i, x) in extras.iter().enumerate() {
        if let Some(r) = &x.infant_rph {
            match by_rph.get(r) {
                Some(&j) => {
                    taken.push(j);
                    if let Some(t) = travellers.get_mut(first + i) {
                        t.infant = Some(j);
                    }
                }
                None => {
                    x.el.unmark_attr("InfantRPH");
                    cx.warn(
                        &x.el,
                        format!("InfantRPH {r:?} names no passenger of this PNR; kept as raw data"),
                    );
                }
            }
        }
    }
    for (i, x) in extras.iter().enumerate() {
        if !x.with_infant || x.infant_rph.is_some() {
            continue;
        }
        let me = first + i;
        let infant = (first..first + extras.len()).find(|&j| {
            j != me
                && !taken.contains(&j)
                && travellers
                    .get(j)
                    .is_some_and(|t| t.passenger_type == Some(PassengerType::Infant))
        });
        match infant {
            Some(j) => {
                taken.push(j);
                if let Some(t) = travellers.get_mut(me) {
                    t.infant = Some(j);
                }
            }
            None => {
                x.el.unmark_attr("AccompaniedByInfantInd");
                x.el.unmark_attr("AccompaniedByInfant");
                cx.warn(
                    &x.el,
                    "AccompaniedByInfantInd is set, but the PNR lists no infant passenger to link; kept as raw data",
                )
            }
        }
    }
}

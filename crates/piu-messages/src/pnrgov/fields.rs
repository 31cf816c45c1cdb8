//! PNRGOV segments with a fixed meaning wherever they occur: TVL (a flight or
//! other travel segment), RCI (record locators), DAT (dates), ADD (addresses),
//! IFT (free text) and TBD (bags).

use std::borrow::Cow;

use piu_edifact::Segment;
use piu_model::{Address, BagTag, Bags, Date, FlightDesignator, Leg, LocalDateTime, Locator};

use crate::dates::{self, SentDate};
use crate::paxlst::flight_number;

/// TVL C310: departure date and time, arrival date and time. Senders drop empty
/// fields (`280918:1220:1505`), so each value is classified by its length.
pub(super) fn tvl_times(
    seg: &Segment<'_>,
    reference: Date,
) -> (Option<LocalDateTime>, Option<LocalDateTime>) {
    let Some(e) = seg.element(0) else {
        return (None, None);
    };
    let mut dep_date: Option<SentDate> = None;
    let mut dep_time = None;
    let mut arr_date: Option<SentDate> = None;
    let mut arr_time = None;
    for (i, v) in e.components().enumerate() {
        let v = v.text();
        let v = v.trim_ascii();
        if v.is_empty() {
            continue;
        }
        match (v.len(), i) {
            (6 | 8, 0) => dep_date = dates::parse_ddmmyy(v),
            (6 | 8, _) => arr_date = dates::parse_ddmmyy(v),
            (4, 1) => dep_time = dates::parse_hhmm(v),
            (4, _) => arr_time = dates::parse_hhmm(v),
            _ => {}
        }
    }
    let moment = |d: Option<SentDate>, t| d.and_then(|d| dates::travel_moment(d, t, reference));
    let departure = moment(dep_date, dep_time);
    let arrival = moment(arr_date.or(dep_date), arr_time)
        .filter(|_| arr_date.is_some() || arr_time.is_some());
    (departure, arrival)
}

/// Whether a TVL carries only a flight number: the operating flight of the
/// code-share segment before it (`TVL+++++624:M`).
pub(super) fn is_operating_detail(seg: &Segment<'_>) -> bool {
    let blank = |i| {
        seg.element(i)
            .is_none_or(|e| e.components().all(|v| v.raw().trim_ascii().is_empty()))
    };
    (0..4).all(blank) && seg.field(4, 0).is_some()
}

/// A TVL as a leg: places, times, marketing carrier and number.
pub(super) fn tvl_leg(seg: &Segment<'_>, reference: Date) -> Leg {
    let (departure, arrival) = tvl_times(seg, reference);
    Leg {
        carrier: seg.trimmed(3, 0),
        number: seg.trimmed(4, 0).map(|n| flight_number(&n)),
        origin: seg.trimmed(1, 0),
        destination: seg.trimmed(2, 0),
        departure,
        arrival,
        border_crossing: false,
    }
}

/// The operating carrier of a TVL when it differs from the marketing one (`KE:SQ`).
pub(super) fn tvl_operating_carrier(seg: &Segment<'_>) -> Option<String> {
    let op = seg.trimmed(3, 1)?;
    (seg.trimmed(3, 0).as_deref() != Some(op.as_str())).then_some(op)
}

/// RCI: every C330 is a company, a locator and optionally a creation date and time.
pub(super) fn rci_locators(
    seg: &Segment<'_>,
    reference: Date,
) -> Vec<(Locator, Option<LocalDateTime>)> {
    (0..seg.element_count())
        .filter_map(|e| {
            let locator = seg.trimmed(e, 1)?;
            let carrier = seg.trimmed(e, 0).unwrap_or_default();
            // The date sits in component 3, some senders put it in 2.
            let created = (2..6).find_map(|c| {
                let d = dates::parse_ddmmyy(&seg.field(e, c)?)?;
                let t = seg.field(e, c + 1).and_then(|t| dates::parse_time(&t));
                dates::travel_moment(d, t, reference)
            });
            Some((Locator { carrier, locator }, created))
        })
        .collect()
}

/// DAT: each element is a qualifier, a date and a time (`700:061210:1010`).
pub(super) fn dat_entries<'t>(
    seg: &Segment<'t>,
    reference: Date,
) -> impl Iterator<Item = (Cow<'t, str>, Option<LocalDateTime>)> {
    seg.elements().map(move |e| {
        let q = e.component(0).map(|v| v.text()).unwrap_or_default();
        let date = e.component(1).and_then(|v| dates::parse_ddmmyy(&v.text()));
        let time = e.component(2).and_then(|v| dates::parse_time(&v.text()));
        (
            q,
            date.and_then(|d| dates::travel_moment(d, time, reference)),
        )
    })
}

/// ADD C817: purpose, street, city, region, (county), country, postcode, phone.
pub(super) fn address(seg: &Segment<'_>) -> Address {
    let c = |i| seg.trimmed(1, i);
    Address {
        kind: c(0),
        street: c(1),
        city: c(2),
        region: c(3),
        country: c(5),
        postcode: c(6),
        phone: c(7),
    }
}

/// IFT: qualifier (`4:28` OSI, `4:43` payer, `4:15` fare calculation) and text lines.
pub(super) fn ift(seg: &Segment<'_>) -> (String, Vec<String>) {
    let mut qualifier = String::new();
    if let Some(e) = seg.element(0) {
        for (i, v) in e.components().take(2).enumerate() {
            if i > 0 {
                qualifier.push(':');
            }
            qualifier.push_str(v.text().trim_ascii());
        }
    }
    let lines = seg
        .elements()
        .skip(1)
        .filter_map(|e| {
            let text = e.as_value().text();
            let t = text.trim_ascii();
            (!t.is_empty()).then(|| t.to_string())
        })
        .collect();
    (qualifier, lines)
}

/// TBD: count, weight and unit (700 kg, 701 lb), pool, and tag runs.
pub(super) fn bags(seg: &Segment<'_>) -> Bags {
    let unit = seg.trimmed(1, 2).map(|u| match u.as_str() {
        "700" => "KGM".to_string(),
        "701" => "LBR".to_string(),
        _ => u,
    });
    let weight = seg
        .trimmed(1, 1)
        .and_then(|w| w.parse::<f64>().ok())
        .filter(|w| w.is_finite());
    let mut tags = Vec::new();
    for e in seg.elements().skip(4) {
        let c = |i: usize| {
            e.component(i)
                .map(|v| v.text().trim_ascii().to_string())
                .filter(|s| !s.is_empty())
        };
        if let Some(first) = c(1) {
            tags.push(BagTag {
                first,
                count: c(2).and_then(|n| n.parse().ok()).unwrap_or(1),
                carrier: c(0),
                destination: c(3),
            });
        }
    }
    Bags {
        count: seg.trimmed(1, 0).and_then(|n| n.parse().ok()),
        weight,
        weight_unit: weight.and(unit),
        tags,
        pool: seg.trimmed(3, 0),
    }
}

/// A designator from carrier and number values, when both are present.
pub(super) fn designator(
    carrier: Option<String>,
    number: Option<String>,
) -> Option<FlightDesignator> {
    Some(FlightDesignator {
        carrier: carrier?,
        number: flight_number(&number?),
    })
}

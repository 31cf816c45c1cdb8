//! PNRGOV EDIFACT encoder: a push of the PNRs that hold one flight, in the IATA
//! PADIS group layout (Gr.1 SRC per booking, Gr.2 TIF per traveller, Gr.3 TKT,
//! Gr.4 FOP, Gr.5 TVL itinerary, Gr.6/7 check-in, Gr.8 splits, Gr.10–12 history).
//!
//! Conventions the readers rely on, kept here in one place:
//! - the traveller reference in TIF, SSR and TRI is the traveller's position in
//!   its booking, from 1; the unique passenger reference goes to REF;
//! - titles MR, MRS, MISS and MSTR are glued to the given name (`JOHNMR`), other
//!   titles follow a blank (`ANNA MS`), because only the former can be cut safely;
//! - a cancelled booking is `SRC`, `RCI` and an empty `ORG`;
//! - e-mail addresses in OSI text use `//` for `@` and `..` for `_`.

use piu_edifact::{Delimiters, Writer};
use piu_model::{
    Booking, CheckIn, ContactKind, Flight, Gender, ItinerarySegment, LocalDateTime, Message,
    PassengerType, PaymentMethod, PushType, RawSegment, Traveller,
};
use time::Date;

use super::paxlst::{
    ddmmyy, format_amount, given_and_middle, hhmm, message_texts, prepared, syntax_identifier,
};

/// How the envelope around the message is written.
pub use super::Envelope;

/// The envelope [`encode`] uses: no UNG group, as PNRGOV senders usually do, one segment per line.
pub const DEFAULT_ENVELOPE: Envelope = Envelope {
    group: false,
    line_breaks: true,
};

/// Encodes a PNRGOV push as one interchange.
pub fn encode(msg: &Message) -> String {
    encode_with(msg, &DEFAULT_ENVELOPE)
}

/// Encodes a PNRGOV push as one interchange, with the given envelope.
pub fn encode_with(msg: &Message, envelope: &Envelope) -> String {
    let mut w = Writer::new(Delimiters::pnrgov());
    if envelope.line_breaks {
        w = w.with_line_breaks();
    }
    let carrier = msg
        .flight
        .as_ref()
        .map(|f| f.carrier.clone())
        .unwrap_or_default();
    let sender = msg.meta.sender.clone().unwrap_or_else(|| carrier.clone());
    let recipient = msg.meta.recipient.clone().unwrap_or_else(|| "PIU".into());
    let (date, time) = prepared(msg);
    let control = msg
        .meta
        .interchange_ref
        .clone()
        .filter(|r| !r.is_empty())
        .unwrap_or_else(|| "1".into());
    let (ver, rel) = version(&msg.meta.version);
    let reference = if msg.meta.message_ref.trim().is_empty() {
        "1".to_string()
    } else {
        msg.meta.message_ref.clone()
    };
    // PNRGOV declares IATA:1; text that is not ASCII needs a repertoire that says UTF-8.
    let texts = message_texts(msg);
    let syntax: [&str; 2] = if syntax_identifier(&texts) == "UNOW" {
        ["UNOW", "4"]
    } else {
        ["IATA", "1"]
    };

    w.una();
    w.segment(
        "UNB",
        &[
            &syntax,
            &[&sender],
            &[&recipient],
            &[&date, &time],
            &[&control],
            &[],
            &["PNRGOV"],
        ],
    );
    if envelope.group {
        w.segment(
            "UNG",
            &[
                &["PNRGOV"],
                &[&sender],
                &[&recipient],
                &[&date, &time],
                &[&control],
                &["IA"],
                &[&ver, &rel],
            ],
        );
    }
    let car = msg
        .meta
        .common_access_ref
        .clone()
        .or_else(|| msg.flight.as_ref().map(super::paxlst::flight_reference))
        .unwrap_or_default();
    let (seq, mark) = match msg.meta.parts.as_ref() {
        Some(p) if !p.received.is_empty() => {
            let s = p.received[0];
            let m = if p.last == Some(s) {
                "F"
            } else if s == 1 {
                "C"
            } else {
                ""
            };
            (format!("{s:02}"), m)
        }
        _ => (String::new(), ""),
    };
    w.segment(
        "UNH",
        &[
            &[&reference],
            &["PNRGOV", &ver, &rel, "IA"],
            &[&car],
            &[&seq, mark],
        ],
    );
    let push = match &msg.meta.push {
        Some(PushType::Update) => "141".to_string(),
        Some(PushType::Other(s)) => s.clone(),
        Some(PushType::Full) | None => "22".to_string(),
    };
    w.segment("MSG", &[&["", &push]]);
    let location = msg
        .flight
        .as_ref()
        .and_then(|f| f.origin.clone())
        .unwrap_or_default();
    w.segment("ORG", &[&[&carrier, &location]]);
    if let Some(f) = &msg.flight {
        write_flight(&mut w, f);
    }
    let declared = msg
        .meta
        .declared_pnrs
        .map(|n| n as usize)
        .unwrap_or(msg.bookings.len());
    w.segment("EQN", &[&[&declared.to_string()]]);
    for b in &msg.bookings {
        write_booking(&mut w, msg, b);
    }
    let count = w.message_segment_count().to_string();
    w.segment("UNT", &[&[&count], &[&reference]]);
    if envelope.group {
        w.segment("UNE", &[&["1"], &[&control]]);
    }
    w.segment("UNZ", &[&["1"], &[&control]]);
    w.finish()
}

fn version(v: &str) -> (String, String) {
    let v = v.trim();
    match v.split_once(['.', ':']) {
        Some((a, b)) if !a.is_empty() => (a.to_string(), b.to_string()),
        _ if !v.is_empty() => (v.to_string(), "1".into()),
        _ => ("11".into(), "1".into()),
    }
}

/// `DDMMYY` and `HHMM` of a moment; the time is empty when unknown.
fn moment(m: &LocalDateTime) -> (String, String) {
    (ddmmyy(m.date), hhmm(m))
}

fn write_flight(w: &mut Writer, f: &Flight) {
    let (dd, dt) = f.departure.as_ref().map(moment).unwrap_or_default();
    let (ad, at) = f.arrival.as_ref().map(moment).unwrap_or_default();
    w.segment(
        "TVL",
        &[
            &[&dd, &dt, &ad, &at],
            &[f.origin.as_deref().unwrap_or("")],
            &[f.destination.as_deref().unwrap_or("")],
            &[&f.carrier],
            &[&f.number],
        ],
    );
}

fn rci(w: &mut Writer, b: &Booking) {
    let (cd, ct) = b.created.as_ref().map(moment).unwrap_or_default();
    let own = b.carrier.clone().unwrap_or_default();
    let mut elements: Vec<Vec<String>> =
        vec![vec![own, b.record_locator.clone(), String::new(), cd, ct]];
    for l in &b.other_locators {
        elements.push(vec![l.carrier.clone(), l.locator.clone()]);
    }
    write_owned(w, "RCI", &elements);
}

fn write_owned(w: &mut Writer, tag: &str, elements: &[Vec<String>]) {
    let comps: Vec<Vec<&str>> = elements
        .iter()
        .map(|e| e.iter().map(String::as_str).collect())
        .collect();
    let elems: Vec<&[&str]> = comps.iter().map(Vec::as_slice).collect();
    w.segment(tag, &elems);
}

fn write_booking(w: &mut Writer, msg: &Message, b: &Booking) {
    w.segment("SRC", &[]);
    rci(w, b);
    if b.cancelled {
        w.segment("ORG", &[]);
        return;
    }
    let airline = b.carrier.clone().unwrap_or_default();
    for s in &b.ssrs {
        write_ssr(w, s, &airline, "");
    }
    let mut dat: Vec<Vec<String>> = Vec::new();
    if let Some(m) = &b.last_modified {
        let (d, t) = moment(m);
        dat.push(vec!["700".into(), d, t]);
    }
    if let Some(m) = &b.ticketed {
        let (d, t) = moment(m);
        dat.push(vec!["710".into(), d, t]);
    }
    if !dat.is_empty() {
        write_owned(w, "DAT", &dat);
    }
    for c in &b.contacts {
        // Readers keep each OSI line also as a remark; write it once.
        let text = contact_text(c);
        if !b.remarks.iter().any(|r| r.text == text) {
            contact_ift(w, c, &airline);
        }
    }
    for r in &b.remarks {
        let kind: Vec<&str> = r.kind.split(':').collect();
        w.segment("IFT", &[&kind, &[&r.text]]);
    }
    match &b.originator {
        Some(o) => {
            let s = |v: &Option<String>| v.clone().unwrap_or_default();
            write_owned(
                w,
                "ORG",
                &[
                    vec![s(&o.system), s(&o.location)],
                    vec![s(&o.agency_id), s(&o.office)],
                    vec![],
                    vec![],
                    vec![s(&o.kind)],
                    vec![s(&o.country), s(&o.currency)],
                    vec![s(&o.agent)],
                ],
            );
        }
        None => {
            w.segment("ORG", &[&[&airline]]);
        }
    }
    for a in &b.addresses {
        write_add(w, a);
    }
    for raw in &b.excess_baggage {
        write_raw(w, raw);
    }
    for (pos, &ti) in b.travellers.iter().enumerate() {
        if let Some(t) = msg.travellers.get(ti) {
            write_traveller(w, msg, b, ti, pos + 1, t, &airline);
        }
    }
    for seg in &b.itinerary {
        write_segment(w, msg, b, seg, &airline);
    }
    if !b.split_from.is_empty() {
        w.segment("EQN", &[&[&b.split_from.len().to_string()]]);
        for l in &b.split_from {
            w.segment("RCI", &[&[&l.carrier, &l.locator]]);
        }
    }
    for n in &b.non_air {
        w.segment("MSG", &[&[&n.kind]]);
        w.segment("TVL", &[&[], &[&n.text]]);
    }
    for h in &b.history {
        w.segment("ABI", &[&["1"], &[h.by.as_deref().unwrap_or("")]]);
        if let Some(m) = &h.when {
            let (d, t) = moment(m);
            w.segment("DAT", &[&["ZT", &d, &t]]);
        }
        for a in &h.actions {
            w.segment("SAC", &[&[], &[], &[&a.action]]);
            for raw in &a.details {
                write_raw(w, raw);
            }
        }
    }
    for line in &b.history_lines {
        w.segment("LTS", &[&[line]]);
    }
    for raw in &b.other {
        write_raw(w, raw);
    }
}

/// OSI contact lines as carriers send them: `CTCE` e-mail, `CTCM` mobile phone
/// (or the CTC code the contact came from).
fn contact_text(c: &piu_model::Contact) -> String {
    let code = match c.kind {
        ContactKind::Email => "CTCE",
        _ if c.source.len() == 4 && c.source.starts_with("CTC") => c.source.as_str(),
        ContactKind::Phone => "CTCM",
        ContactKind::Address | ContactKind::Other => "CTCR",
    };
    let value = match c.kind {
        ContactKind::Email => c.value.replace('_', "..").replace('@', "//"),
        _ => c.value.clone(),
    };
    format!("{code} {value}")
}

fn contact_ift(w: &mut Writer, c: &piu_model::Contact, airline: &str) {
    w.segment("IFT", &[&["4", "28", "", airline], &[&contact_text(c)]]);
}

fn write_add(w: &mut Writer, a: &piu_model::Address) {
    let s = |v: &Option<String>| v.clone().unwrap_or_default();
    write_owned(
        w,
        "ADD",
        &[
            vec![],
            vec![
                a.kind.clone().unwrap_or_else(|| "700".into()),
                s(&a.street),
                s(&a.city),
                s(&a.region),
                String::new(),
                s(&a.country),
                s(&a.postcode),
                s(&a.phone),
            ],
        ],
    );
}

/// Writes a segment kept as raw text (`TAG+elem:comp+…`, default service characters).
fn write_raw(w: &mut Writer, raw: &RawSegment) {
    let text = raw.text.trim();
    let body = if text == raw.tag {
        ""
    } else if let Some(rest) = text
        .strip_prefix(raw.tag.as_str())
        .and_then(|r| r.strip_prefix('+'))
    {
        rest
    } else {
        text
    };
    let mut elements: Vec<Vec<String>> = vec![vec![String::new()]];
    let mut chars = body.chars();
    while let Some(c) = chars.next() {
        match c {
            '?' => {
                if let Some(n) = chars.next() {
                    elements.last_mut().unwrap().last_mut().unwrap().push(n);
                }
            }
            '+' => elements.push(vec![String::new()]),
            ':' => elements.last_mut().unwrap().push(String::new()),
            c => elements.last_mut().unwrap().last_mut().unwrap().push(c),
        }
    }
    if body.is_empty() {
        elements.clear();
    }
    write_owned(w, &raw.tag, &elements);
}

fn type_code(t: &Traveller) -> &str {
    match &t.passenger_type {
        Some(PassengerType::Adult) | None => "A",
        Some(PassengerType::Child) => "C",
        Some(PassengerType::Infant) => "IN",
        Some(PassengerType::Group) => "G",
        Some(PassengerType::Other(s)) => s,
    }
}

/// Given name with the title as reservation systems write it.
fn given_with_title(t: &Traveller) -> String {
    match t.title.as_deref() {
        Some(title @ ("MR" | "MRS" | "MISS" | "MSTR")) => format!("{}{title}", t.given_names),
        Some(title) if !title.is_empty() => format!("{} {title}", t.given_names),
        _ => t.given_names.clone(),
    }
}

fn tif(w: &mut Writer, t: &Traveller, reference: &str) {
    let given = given_with_title(t);
    let infant = if t.infant.is_some() { "1" } else { "" };
    w.segment(
        "TIF",
        &[&[&t.surname], &[&given, type_code(t), reference, infant]],
    );
}

fn docs_date(d: Date) -> String {
    const MONTHS: [&str; 12] = [
        "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
    ];
    format!(
        "{:02}{}{:02}",
        d.day(),
        MONTHS[d.month() as usize - 1],
        d.year().rem_euclid(100)
    )
}

fn docs_gender(t: &Traveller) -> String {
    let g = match t.gender {
        Some(Gender::M) => "M",
        Some(Gender::F) => "F",
        Some(Gender::X) => "X",
        Some(Gender::U) => "U",
        None => "",
    };
    if !g.is_empty() && t.passenger_type == Some(PassengerType::Infant) {
        format!("{g}I")
    } else {
        g.to_string()
    }
}

fn ssr_free(w: &mut Writer, code: &str, airline: &str, text: &str, reference: &str) {
    w.segment(
        "SSR",
        &[
            &[code, "HK", "1", airline, "", "", "", "", text],
            &["", "", reference],
        ],
    );
}

fn write_ssr(w: &mut Writer, s: &piu_model::Ssr, airline: &str, reference: &str) {
    let carrier = s.carrier.clone().unwrap_or_else(|| airline.to_string());
    w.segment(
        "SSR",
        &[
            &[
                &s.code,
                s.status.as_deref().unwrap_or(""),
                "",
                &carrier,
                "",
                "",
                "",
                "",
                s.text.as_deref().unwrap_or(""),
            ],
            &[s.value.as_deref().unwrap_or(""), "", reference],
        ],
    );
}

fn write_traveller(
    w: &mut Writer,
    msg: &Message,
    b: &Booking,
    index: usize,
    position: usize,
    t: &Traveller,
    airline: &str,
) {
    let reference = position.to_string();
    tif(w, t, &reference);
    for ff in &t.frequent_flyer {
        w.segment(
            "FTI",
            &[&[
                &ff.airline,
                &ff.number,
                "",
                "",
                ff.tier.as_deref().unwrap_or(""),
            ]],
        );
    }
    for c in &t.contacts {
        contact_ift(w, c, airline);
    }
    if let Some(r) = &t.passenger_ref {
        w.segment("REF", &[&["", r]]);
    }
    let (given, middle) = given_and_middle(&t.given_names);
    for d in &t.documents {
        let source = d.source.as_str();
        let kind = d.kind.as_deref().unwrap_or("");
        if source.contains("DOCO") || kind == "V" && !source.contains("DOCS") {
            let text = format!(
                "{}/{}/{}/{}/{}/{}",
                t.birth_place.as_deref().unwrap_or(""),
                kind,
                d.number.as_deref().unwrap_or(""),
                d.place_of_issue.as_deref().unwrap_or(""),
                d.issue_date.map(docs_date).unwrap_or_default(),
                d.applicable_country.as_deref().unwrap_or(""),
            );
            ssr_free(w, "DOCO", airline, &text, &reference);
        } else {
            let text = format!(
                "/{}/{}/{}/{}/{}/{}/{}/{}/{}/{}",
                kind,
                d.issuing_country.as_deref().unwrap_or(""),
                d.number.as_deref().unwrap_or(""),
                d.nationality
                    .as_deref()
                    .or(t.nationality.as_deref())
                    .unwrap_or(""),
                t.date_of_birth.map(docs_date).unwrap_or_default(),
                docs_gender(t),
                d.expiry.map(docs_date).unwrap_or_default(),
                t.surname,
                given,
                middle,
            );
            ssr_free(w, "DOCS", airline, text.trim_end_matches('/'), &reference);
        }
    }
    if let Some(a) = &t.address {
        let text = format!(
            "/{}/{}/{}/{}/{}/{}",
            match a.kind.as_deref() {
                Some("residence") | None => "R",
                Some("destination") => "D",
                Some(k) => k,
            },
            a.country.as_deref().unwrap_or(""),
            a.street.as_deref().unwrap_or(""),
            a.city.as_deref().unwrap_or(""),
            a.region.as_deref().unwrap_or(""),
            a.postcode.as_deref().unwrap_or(""),
        );
        ssr_free(w, "DOCA", airline, &text, &reference);
    }
    for s in &t.ssrs {
        write_ssr(w, s, airline, &reference);
    }
    let tickets: Vec<_> = b
        .tickets
        .iter()
        .filter(|tk| tk.traveller == Some(index))
        .collect();
    let payments: Vec<_> = b
        .payments
        .iter()
        .filter(|p| p.traveller == Some(index))
        .collect();
    for (i, tk) in tickets.iter().enumerate() {
        w.segment(
            "TKT",
            &[&[&tk.number, tk.kind.as_deref().unwrap_or("T"), "1"]],
        );
        if let Some(m) = &tk.total {
            w.segment(
                "MON",
                &[&[
                    "T",
                    &format_amount(m.amount),
                    m.currency.as_deref().unwrap_or(""),
                ]],
            );
        }
        if let Some(d) = tk.issued {
            let issuer = msg
                .flight
                .as_ref()
                .map(|f| f.carrier.clone())
                .unwrap_or_default();
            w.segment("PTK", &[&["NR"], &[], &[&ddmmyy(d)], &[&issuer]]);
            w.segment("DAT", &[&["710", &ddmmyy(d)]]);
        }
        // Payments go with the traveller's first ticket.
        if i == 0 {
            for p in &payments {
                write_fop(w, p);
            }
        }
    }
    if tickets.is_empty() {
        for p in &payments {
            write_fop(w, p);
        }
    }
}

fn write_fop(w: &mut Writer, p: &piu_model::Payment) {
    let code = match &p.method {
        PaymentMethod::Cash => "CA",
        PaymentMethod::Card => "CC",
        PaymentMethod::Miscellaneous => "MS",
        PaymentMethod::GovernmentReceipt => "GR",
        PaymentMethod::Other(s) => s.as_str(),
    };
    let amount = p
        .amount
        .as_ref()
        .map(|m| format_amount(m.amount))
        .unwrap_or_default();
    w.segment(
        "FOP",
        &[&[
            code,
            "",
            &amount,
            p.card_vendor.as_deref().unwrap_or(""),
            p.card_number.as_deref().unwrap_or(""),
            p.card_expiry.as_deref().unwrap_or(""),
        ]],
    );
    if p.payer.is_some() || p.billing_address.is_some() {
        w.segment(
            "IFT",
            &[
                &["4", "43"],
                &[p.payer.as_deref().unwrap_or("")],
                &[p.billing_address.as_deref().unwrap_or("")],
            ],
        );
    }
}

fn same_leg(seg: &ItinerarySegment, f: &Flight) -> bool {
    let l = &seg.leg;
    l.origin == f.origin
        && l.destination == f.destination
        && l.departure.map(|d| d.date) == f.departure.map(|d| d.date)
}

fn write_segment(
    w: &mut Writer,
    msg: &Message,
    b: &Booking,
    seg: &ItinerarySegment,
    airline: &str,
) {
    let l = &seg.leg;
    let (dd, dt) = l.departure.as_ref().map(moment).unwrap_or_default();
    let (ad, at) = l.arrival.as_ref().map(moment).unwrap_or_default();
    let marketing = l.carrier.clone().unwrap_or_else(|| airline.to_string());
    let operating = seg
        .operating
        .as_ref()
        .map(|o| o.carrier.clone())
        .unwrap_or_default();
    w.segment(
        "TVL",
        &[
            &[&dd, &dt, &ad, &at],
            &[l.origin.as_deref().unwrap_or("")],
            &[l.destination.as_deref().unwrap_or("")],
            &[&marketing, &operating],
            &[
                l.number.as_deref().unwrap_or(""),
                seg.booking_class.as_deref().unwrap_or(""),
            ],
        ],
    );
    // The operating flight of a code-share: TRA from 14.1, before that a TVL
    // that carries only the operating number.
    if let Some(op) = &seg.operating {
        if version(&msg.meta.version).0.parse::<u32>().unwrap_or(0) >= 14 {
            w.segment("TRA", &[&[&op.carrier], &[&op.number]]);
        } else {
            w.segment(
                "TVL",
                &[
                    &[],
                    &[],
                    &[],
                    &[],
                    &[&op.number, seg.booking_class.as_deref().unwrap_or("")],
                ],
            );
        }
    }
    if seg.status.is_some() || seg.party_size.is_some() {
        let n = seg.party_size.map(|n| n.to_string()).unwrap_or_default();
        w.segment("RPI", &[&[&n], &[seg.status.as_deref().unwrap_or("")]]);
    }
    if let Some(a) = &seg.aircraft {
        w.segment("APD", &[&[a]]);
    }
    let pushed = msg.flight.as_ref().is_some_and(|f| same_leg(seg, f));
    let from = l.origin.as_deref().unwrap_or("");
    let to = l.destination.as_deref().unwrap_or("");
    if pushed {
        // Seats on the pushed flight, one SSR SEAT with a repetition per traveller.
        let seats: Vec<(String, String)> = b
            .travellers
            .iter()
            .enumerate()
            .filter_map(|(pos, &ti)| {
                let t = msg.travellers.get(ti)?;
                let seat = t.seat.clone()?;
                Some((seat, (pos + 1).to_string()))
            })
            .collect();
        if !seats.is_empty() {
            let n = seats.len().to_string();
            let mut elements: Vec<Vec<String>> = vec![vec![
                "SEAT".into(),
                "HK".into(),
                n,
                marketing.clone(),
                String::new(),
                String::new(),
                from.into(),
                to.into(),
            ]];
            for (seat, r) in seats {
                elements.push(vec![seat, String::new(), r]);
            }
            write_owned(w, "SSR", &elements);
        }
    }
    if let Some(dcs) = &seg.dcs_locator {
        w.segment("RCI", &[&[&marketing, dcs, "C"]]);
    }
    // Check-in data recorded for this segment, named by its origin or by the
    // marketing or operating designator.
    let names: Vec<String> = [
        Some(from.to_string()),
        Some(format!("{marketing}{}", l.number.as_deref().unwrap_or(""))),
        seg.operating
            .as_ref()
            .map(|o| format!("{}{}", o.carrier, o.number)),
    ]
    .into_iter()
    .flatten()
    .filter(|n| !n.is_empty())
    .collect();
    for (pos, &ti) in b.travellers.iter().enumerate() {
        let Some(t) = msg.travellers.get(ti) else {
            continue;
        };
        for ci in t
            .check_in
            .iter()
            .filter(|c| c.flight.as_ref().is_some_and(|f| names.contains(f)))
        {
            write_check_in(w, t, ci, &(pos + 1).to_string());
        }
    }
}

fn write_check_in(w: &mut Writer, t: &Traveller, ci: &CheckIn, reference: &str) {
    match &ci.time {
        Some(m) => {
            let (d, tm) = moment(m);
            w.segment("DAT", &[&["2", &d, &tm]]);
        }
        None => {
            w.segment("DAT", &[&["2"]]);
        }
    }
    w.segment(
        "TRI",
        &[
            &[],
            &[ci.sequence.as_deref().unwrap_or(""), "", "", reference],
        ],
    );
    tif(w, t, reference);
    if ci.seat.is_some() || ci.cabin.is_some() {
        w.segment(
            "SSD",
            &[
                &[ci.seat.as_deref().unwrap_or("")],
                &[],
                &[],
                &[],
                &[ci.cabin.as_deref().unwrap_or("")],
            ],
        );
    }
    if let Some(bags) = &ci.bags {
        let count = bags.count.map(|n| n.to_string()).unwrap_or_default();
        let weight = bags.weight.map(format_amount).unwrap_or_default();
        let unit = match bags.weight_unit.as_deref() {
            Some("LBR") => "701",
            Some(_) => "700",
            None if bags.weight.is_some() => "700",
            None => "",
        };
        let mut elements: Vec<Vec<String>> = vec![
            vec![],
            vec![count, weight, unit.into()],
            vec![],
            vec![bags.pool.clone().unwrap_or_default()],
        ];
        for tag in &bags.tags {
            elements.push(vec![
                tag.carrier.clone().unwrap_or_default(),
                tag.first.clone(),
                tag.count.to_string(),
                tag.destination.clone().unwrap_or_default(),
            ]);
        }
        write_owned(w, "TBD", &elements);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn docs_dates() {
        let d = Date::from_calendar_date(1972, time::Month::September, 10).unwrap();
        assert_eq!(docs_date(d), "10SEP72");
    }

    #[test]
    fn versions() {
        assert_eq!(version("13.1"), ("13".into(), "1".into()));
        assert_eq!(version(""), ("11".into(), "1".into()));
    }
}

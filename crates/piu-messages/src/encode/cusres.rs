//! CUSRES: the answer to an interactive API (iAPI) PAXLST sent at check-in, in
//! the layout iAPI states use (UN/EDIFACT D05B, association IATA):
//!
//! ```text
//! UNH+<ref>+CUSRES:D:05B:UN:IATA+<0068 of the request>
//! BGM+962                         answer to the request (132: a later change of verdict)
//! RFF+TN:<transaction ref>        echoed from the request
//! RFF+AF:<flight>  DTM+189  DTM+232  LOC+125  LOC+87     the flight, when known
//! ERP+2  RFF+AVF:<locator>  RFF+ABO:<passenger ref>  ERC+0Z  FTX+AAP+++<text>   per passenger
//! UNT
//! ```
//!
//! The carrier's system matches each verdict to its passenger by the references,
//! so they are echoed exactly as the request sent them.

use piu_edifact::{Delimiters, Segment};
use piu_model::{Flight, LocalDateTime, Reference, Traveller};

use super::paxlst::{hhmm, syntax_identifier, yymmdd};
use super::response::{
    MessageId, Outgoing, ResponseContext, ResponseHeader, close, open, read_all, required, text,
};
use crate::ReadError;

/// Why the CUSRES is sent (BGM 1001).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CusresKind {
    /// 962: the answer to an interactive request.
    Response,
    /// 132: sent unasked, when a verdict already given changes.
    Unsolicited,
}

impl CusresKind {
    pub fn code(self) -> &'static str {
        match self {
            CusresKind::Response => "962",
            CusresKind::Unsolicited => "132",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "962" => Some(CusresKind::Response),
            "132" => Some(CusresKind::Unsolicited),
            _ => None,
        }
    }
}

/// The boarding directive for one passenger (ERC 9321).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BoardingCode {
    /// 0Z: OK to board.
    Board,
    /// 1Z: do not board.
    NoBoard,
    /// 2Z: advisory; boarding is the carrier's decision.
    Advisory,
    /// 4Z: the request lacked data needed for a verdict.
    InsufficientData,
}

impl BoardingCode {
    pub const ALL: [BoardingCode; 4] = [
        BoardingCode::Board,
        BoardingCode::NoBoard,
        BoardingCode::Advisory,
        BoardingCode::InsufficientData,
    ];

    pub fn code(self) -> &'static str {
        match self {
            BoardingCode::Board => "0Z",
            BoardingCode::NoBoard => "1Z",
            BoardingCode::Advisory => "2Z",
            BoardingCode::InsufficientData => "4Z",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        BoardingCode::ALL.into_iter().find(|c| c.code() == code)
    }
}

/// The verdict on one passenger of the request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PassengerVerdict {
    /// RFF ABO: the carrier's unique passenger reference from the request.
    pub passenger_ref: Option<String>,
    /// RFF AVF: the booking reference (record locator) from the request.
    pub booking_ref: Option<String>,
    /// Further references from the request, written as RFF after AVF and ABO.
    pub references: Vec<Reference>,
    pub code: BoardingCode,
    /// FTX AAP: words for the check-in agent.
    pub text: Option<String>,
}

impl PassengerVerdict {
    /// A verdict carrying the references of a traveller read from the request.
    pub fn for_traveller(t: &Traveller, code: BoardingCode, text: Option<&str>) -> Self {
        PassengerVerdict {
            passenger_ref: t.passenger_ref.clone(),
            booking_ref: t.booking_ref.clone(),
            references: Vec::new(),
            code,
            text: text.map(str::to_string),
        }
    }
}

/// Encodes one CUSRES interchange answering `request`, one ERP group per verdict.
pub fn cusres(
    request: &ResponseContext,
    verdicts: &[PassengerVerdict],
    kind: CusresKind,
    out: &Outgoing,
) -> Vec<u8> {
    let mut texts: Vec<&str> = vec![&request.sender, &request.recipient];
    texts.extend(request.transaction_ref.as_deref());
    for v in verdicts {
        texts.extend(v.text.as_deref());
        texts.extend(v.passenger_ref.as_deref());
        texts.extend(v.booking_ref.as_deref());
        texts.extend(v.references.iter().map(|r| r.value.as_str()));
    }
    let syntax = syntax_identifier(&texts);
    let delimiters = Delimiters::default();
    let id = MessageId {
        kind: "CUSRES",
        version: "D",
        release: "05B",
        agency: "UN",
        association: "IATA",
    };
    let car = request
        .common_access_ref
        .as_deref()
        .or(Some(request.message_ref.as_str()).filter(|r| !r.is_empty()));
    let mut f = open(request, out, delimiters, [syntax, "4"], &id, car);
    let w = &mut f.w;
    w.segment("BGM", &[&[kind.code()]]);
    if let Some(tn) = &request.transaction_ref {
        w.segment("RFF", &[&["TN", tn]]);
    }
    if let Some(flight) = &request.flight {
        write_flight(w, flight);
    }
    for v in verdicts {
        w.segment("ERP", &[&["2"]]);
        if let Some(r) = &v.booking_ref {
            w.segment("RFF", &[&["AVF", r]]);
        }
        if let Some(r) = &v.passenger_ref {
            w.segment("RFF", &[&["ABO", r]]);
        }
        for r in &v.references {
            w.segment("RFF", &[&[&r.qualifier, &r.value]]);
        }
        w.segment("ERC", &[&[v.code.code()]]);
        if let Some(t) = v.text.as_deref().filter(|t| !t.trim().is_empty()) {
            write_text(w, t);
        }
    }
    close(f)
}

/// RFF AF with the flight designator, then its times (DTM 189, 232) and places (LOC 125, 87).
fn write_flight(w: &mut piu_edifact::Writer, f: &Flight) {
    let first = f.legs.first();
    let last = f.legs.last();
    let origin = f
        .origin
        .clone()
        .or_else(|| first.and_then(|l| l.origin.clone()));
    let dest = f
        .destination
        .clone()
        .or_else(|| last.and_then(|l| l.destination.clone()));
    let dep = f.departure.or_else(|| first.and_then(|l| l.departure));
    let arr = f.arrival.or_else(|| last.and_then(|l| l.arrival));
    let designator = format!("{}{}", f.carrier, f.number);
    w.segment("RFF", &[&["AF", &designator]]);
    for (q, m) in [("189", dep), ("232", arr)] {
        if let Some(m) = m {
            let (value, format) = match m.time {
                Some(_) => (format!("{}{}", yymmdd(m.date), hhmm(&m)), "201"),
                None => (yymmdd(m.date), "101"),
            };
            w.segment("DTM", &[&[q, &value, format]]);
        }
    }
    for (q, p) in [("125", origin), ("87", dest)] {
        if let Some(p) = p {
            w.segment("LOC", &[&[q], &[&p]]);
        }
    }
}

/// FTX C108 holds five lines of at most 70 characters; longer text goes on in
/// further FTX segments, cut at character boundaries so that joining restores it.
fn write_text(w: &mut piu_edifact::Writer, text: &str) {
    let chars: Vec<char> = text.chars().collect();
    let lines: Vec<String> = chars.chunks(70).map(|c| c.iter().collect()).collect();
    for group in lines.chunks(5) {
        let comps: Vec<&str> = group.iter().map(String::as_str).collect();
        w.segment("FTX", &[&["AAP"], &[], &[], &comps]);
    }
}

/// The flight a CUSRES names, as read back.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FlightEcho {
    /// Carrier and number as one string (RFF AF), as sent.
    pub designator: String,
    pub origin: Option<String>,
    pub destination: Option<String>,
    pub departure: Option<LocalDateTime>,
    pub arrival: Option<LocalDateTime>,
}

/// A CUSRES as read back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cusres {
    pub header: ResponseHeader,
    pub kind: CusresKind,
    pub transaction_ref: Option<String>,
    pub flight: Option<FlightEcho>,
    pub verdicts: Vec<PassengerVerdict>,
}

/// Reads CUSRES interchanges (ours, or a carrier's echo), every message in them.
pub fn read(input: &[u8]) -> Result<Vec<Cusres>, ReadError> {
    read_all(input, "CUSRES", read_message)
}

fn read_message(header: ResponseHeader, body: &[Segment<'_>]) -> Result<Cusres, ReadError> {
    let mut kind = None;
    let mut transaction_ref = None;
    let mut flight: Option<FlightEcho> = None;
    let mut verdicts: Vec<PassengerVerdict> = Vec::new();
    // A passenger group is open from ERP until the next ERP; ERC gives its code.
    let mut open: Option<(PassengerVerdict, bool)> = None;
    for seg in body {
        match seg.tag() {
            "BGM" => {
                let code = required(seg, 0, 0, "document code")?;
                kind = Some(CusresKind::from_code(&code).ok_or_else(|| {
                    ReadError::new(
                        seg.location(),
                        format!("BGM {code} is not a CUSRES response (962) or change (132)"),
                    )
                })?);
            }
            "ERP" => {
                finish(&mut open, &mut verdicts, seg)?;
                open = Some((
                    PassengerVerdict {
                        passenger_ref: None,
                        booking_ref: None,
                        references: Vec::new(),
                        code: BoardingCode::InsufficientData,
                        text: None,
                    },
                    false,
                ));
            }
            "RFF" => {
                let q = text(seg, 0, 0);
                let v = text(seg, 0, 1);
                match (&mut open, q.as_str()) {
                    (Some((p, _)), "AVF") => p.booking_ref = Some(v),
                    (Some((p, _)), "ABO") => p.passenger_ref = Some(v),
                    (Some((p, _)), _) => p.references.push(Reference {
                        qualifier: q,
                        value: v,
                    }),
                    (None, "TN") => transaction_ref = Some(v),
                    (None, "AF") => {
                        flight = Some(FlightEcho {
                            designator: v,
                            ..FlightEcho::default()
                        })
                    }
                    (None, _) => {}
                }
            }
            "DTM" if open.is_none() => {
                if let Some(f) = flight.as_mut() {
                    let when = dtm(&text(seg, 0, 1), &text(seg, 0, 2));
                    match text(seg, 0, 0).as_str() {
                        "189" => f.departure = when,
                        "232" => f.arrival = when,
                        _ => {}
                    }
                }
            }
            "LOC" if open.is_none() => {
                if let Some(f) = flight.as_mut() {
                    let place = seg.trimmed(1, 0);
                    match text(seg, 0, 0).as_str() {
                        "125" => f.origin = place,
                        "87" => f.destination = place,
                        _ => {}
                    }
                }
            }
            "ERC" => {
                let code = required(seg, 0, 0, "verdict code")?;
                let Some((p, seen)) = open.as_mut() else {
                    return Err(ReadError::new(
                        seg.location(),
                        "ERC outside a passenger (no ERP before it)",
                    ));
                };
                p.code = BoardingCode::from_code(&code).ok_or_else(|| {
                    ReadError::new(
                        seg.location(),
                        format!("ERC {code} is not a boarding code (0Z, 1Z, 2Z, 4Z)"),
                    )
                })?;
                *seen = true;
            }
            "FTX" => {
                if let Some((p, _)) = open.as_mut() {
                    let more: String = (0..5)
                        .filter_map(|i| seg.get(3, i))
                        .collect::<Vec<_>>()
                        .concat();
                    p.text.get_or_insert_with(String::new).push_str(&more);
                }
            }
            _ => {}
        }
    }
    if let Some(last) = body.last() {
        finish(&mut open, &mut verdicts, last)?;
    }
    let kind = kind.ok_or_else(|| {
        ReadError::new(
            body.first().map(Segment::location).unwrap_or_default(),
            "the CUSRES has no BGM",
        )
    })?;
    Ok(Cusres {
        header,
        kind,
        transaction_ref,
        flight,
        verdicts,
    })
}

/// Closes the open passenger group; one without ERC has no verdict to report.
fn finish(
    open: &mut Option<(PassengerVerdict, bool)>,
    verdicts: &mut Vec<PassengerVerdict>,
    at: &Segment<'_>,
) -> Result<(), ReadError> {
    match open.take() {
        Some((p, true)) => {
            verdicts.push(p);
            Ok(())
        }
        Some((_, false)) => Err(ReadError::new(
            at.location(),
            "a passenger (ERP) without a verdict (ERC)",
        )),
        None => Ok(()),
    }
}

/// DTM values in formats 201 (`YYMMDDHHMM`), 203 (`CCYYMMDDHHMM`), 101 and 102;
/// two-digit years are in this century, as responses concern flights of today.
fn dtm(value: &str, format: &str) -> Option<LocalDateTime> {
    let num = |r: std::ops::Range<usize>| value.get(r)?.parse::<u8>().ok();
    let year = |r: std::ops::Range<usize>| value.get(r)?.parse::<i32>().ok();
    if !value.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    match (format, value.len()) {
        ("201", 10) | ("", 10) => LocalDateTime::from_parts(
            2000 + year(0..2)?,
            num(2..4)?,
            num(4..6)?,
            Some((num(6..8)?, num(8..10)?)),
        ),
        ("203", 12) => LocalDateTime::from_parts(
            year(0..4)?,
            num(4..6)?,
            num(6..8)?,
            Some((num(8..10)?, num(10..12)?)),
        ),
        ("101", 6) | ("", 6) => {
            LocalDateTime::from_parts(2000 + year(0..2)?, num(2..4)?, num(4..6)?, None)
        }
        ("102", 8) => LocalDateTime::from_parts(year(0..4)?, num(4..6)?, num(6..8)?, None),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn moment(y: i32, mo: u8, d: u8, hm: Option<(u8, u8)>) -> LocalDateTime {
        LocalDateTime::from_parts(y, mo, d, hm).unwrap()
    }

    fn request() -> ResponseContext {
        ResponseContext {
            sender: "J2".into(),
            recipient: "AZEPIU".into(),
            interchange_ref: "IC000123".into(),
            message_ref: "PAX1".into(),
            version: "D05B".into(),
            push: None,
            common_access_ref: Some("J2027/011126/0830".into()),
            transaction_ref: Some("TX-77".into()),
            flight: Some(Flight {
                carrier: "J2".into(),
                number: "27".into(),
                origin: Some("IST".into()),
                destination: Some("GYD".into()),
                departure: Some(moment(2026, 11, 1, Some((8, 30)))),
                arrival: Some(moment(2026, 11, 1, Some((12, 45)))),
                ..Flight::default()
            }),
        }
    }

    fn outgoing() -> Outgoing {
        Outgoing::new("R0001", "C1", moment(2026, 11, 1, Some((7, 5))))
    }

    fn verdict(code: BoardingCode, text: Option<&str>) -> PassengerVerdict {
        PassengerVerdict {
            passenger_ref: Some("P1".into()),
            booking_ref: Some("ABC123".into()),
            references: vec![Reference {
                qualifier: "YZY".into(),
                value: "7712345678901".into(),
            }],
            code,
            text: text.map(str::to_string),
        }
    }

    fn tags(bytes: &[u8]) -> Vec<String> {
        let ics = piu_edifact::parse(bytes, &piu_edifact::Limits::default()).unwrap();
        let msg = ics[0].messages().next().unwrap();
        msg.segments().map(|s| s.tag().to_string()).collect()
    }

    #[test]
    fn layout_follows_the_iapi_response() {
        let bytes = cusres(
            &request(),
            &[verdict(BoardingCode::Board, Some("OK TO BOARD"))],
            CusresKind::Response,
            &outgoing(),
        );
        let text = String::from_utf8(bytes.clone()).unwrap();
        assert!(text.starts_with("UNA:+.? '\nUNB+UNOA:4+AZEPIU+J2+261101:0705+R0001'\n"));
        assert!(text.contains("UNH+C1+CUSRES:D:05B:UN:IATA+J2027/011126/0830'\nBGM+962'\n"));
        assert!(text.contains("RFF+TN:TX-77'\nRFF+AF:J227'\nDTM+189:2611010830:201'\n"));
        assert!(text.contains("DTM+232:2611011245:201'\nLOC+125+IST'\nLOC+87+GYD'\n"));
        assert!(text.contains(
            "ERP+2'\nRFF+AVF:ABC123'\nRFF+ABO:P1'\nRFF+YZY:7712345678901'\nERC+0Z'\nFTX+AAP+++OK TO BOARD'\n"
        ));
        assert!(text.ends_with("UNT+15+C1'\nUNZ+1+R0001'\n"));
        assert_eq!(
            tags(&bytes),
            [
                "UNH", "BGM", "RFF", "RFF", "DTM", "DTM", "LOC", "LOC", "ERP", "RFF", "RFF", "RFF",
                "ERC", "FTX", "UNT"
            ]
        );
    }

    #[test]
    fn every_boarding_code_round_trips() {
        for code in BoardingCode::ALL {
            let v = verdict(code, Some("SEE AGENT"));
            let bytes = cusres(
                &request(),
                std::slice::from_ref(&v),
                CusresKind::Response,
                &outgoing(),
            );
            let read = read(&bytes).unwrap();
            assert_eq!(read.len(), 1);
            assert_eq!(read[0].verdicts, [v], "{code:?}");
            assert_eq!(BoardingCode::from_code(code.code()), Some(code));
        }
    }

    #[test]
    fn unsolicited_change_round_trips_with_flight_and_references() {
        let verdicts = [
            verdict(
                BoardingCode::NoBoard,
                Some("NO BOARD, contact +994 12 000 0000"),
            ),
            PassengerVerdict {
                passenger_ref: Some("P2".into()),
                booking_ref: None,
                references: Vec::new(),
                code: BoardingCode::Board,
                text: None,
            },
        ];
        let out = Outgoing {
            group: true,
            line_breaks: false,
            ..outgoing()
        };
        let bytes = cusres(&request(), &verdicts, CusresKind::Unsolicited, &out);
        let text = String::from_utf8(bytes.clone()).unwrap();
        // Lower case text needs UNOB; `+` in the text is released.
        assert!(text.contains("UNB+UNOB:4+AZEPIU+J2"));
        assert!(text.contains("UNG+CUSRES+AZEPIU+J2+261101:0705+R0001+UN+D:05B'"));
        assert!(text.contains("FTX+AAP+++NO BOARD, contact ?+994 12 000 0000'"));
        assert!(text.ends_with("UNE+1+R0001'UNZ+1+R0001'"));
        let read = read(&bytes).unwrap().remove(0);
        assert_eq!(read.kind, CusresKind::Unsolicited);
        assert_eq!(read.transaction_ref.as_deref(), Some("TX-77"));
        assert_eq!(read.verdicts, verdicts);
        assert_eq!(read.header.sender, "AZEPIU");
        assert_eq!(read.header.recipient, "J2");
        assert_eq!(read.header.control_ref, "R0001");
        assert_eq!(read.header.message_ref, "C1");
        let flight = read.flight.unwrap();
        assert_eq!(flight.designator, "J227");
        assert_eq!(flight.origin.as_deref(), Some("IST"));
        assert_eq!(flight.destination.as_deref(), Some("GYD"));
        assert_eq!(flight.departure, Some(moment(2026, 11, 1, Some((8, 30)))));
        assert_eq!(flight.arrival, Some(moment(2026, 11, 1, Some((12, 45)))));
    }

    #[test]
    fn our_reader_finds_no_fault_in_the_envelope() {
        let bytes = cusres(
            &request(),
            &[verdict(BoardingCode::Advisory, None)],
            CusresKind::Response,
            &outgoing(),
        );
        let parsed = piu_edifact::parse_all(&bytes, &piu_edifact::Limits::default());
        assert!(parsed.errors.is_empty());
        let ic = &parsed.interchanges[0];
        assert!(ic.warnings().is_empty(), "{:?}", ic.warnings());
        let msg = ic.messages().next().unwrap();
        assert!(msg.error().is_none());
        assert_eq!(msg.warnings().count(), 0);
        assert_eq!(msg.header().message_type, "CUSRES");
    }

    #[test]
    fn long_text_is_cut_into_lines_and_joined_back() {
        let long: String = "NO BOARD. PLEASE CONTACT THE BORDER SERVICE DUTY OFFICER "
            .repeat(8)
            .trim_end()
            .to_string();
        let v = verdict(BoardingCode::NoBoard, Some(&long));
        let bytes = cusres(
            &request(),
            std::slice::from_ref(&v),
            CusresKind::Response,
            &outgoing(),
        );
        let ftx = tags(&bytes).iter().filter(|t| *t == "FTX").count();
        assert_eq!(ftx, 2);
        assert_eq!(read(&bytes).unwrap()[0].verdicts, [v]);
    }

    #[test]
    fn without_flight_or_passengers_the_message_is_still_whole() {
        let ctx = ResponseContext {
            flight: None,
            transaction_ref: None,
            common_access_ref: None,
            ..request()
        };
        let bytes = cusres(&ctx, &[], CusresKind::Response, &outgoing());
        let text = String::from_utf8(bytes.clone()).unwrap();
        assert!(text.contains("UNH+C1+CUSRES:D:05B:UN:IATA+PAX1'\nBGM+962'\nUNT+3+C1'"));
        let read = read(&bytes).unwrap().remove(0);
        assert!(read.verdicts.is_empty() && read.flight.is_none());
    }

    #[test]
    fn verdict_from_a_traveller_takes_its_references() {
        let t = Traveller {
            passenger_ref: Some("P9".into()),
            booking_ref: Some("XYZ789".into()),
            ..Traveller::default()
        };
        let v = PassengerVerdict::for_traveller(&t, BoardingCode::Board, Some("OK"));
        assert_eq!(v.passenger_ref.as_deref(), Some("P9"));
        assert_eq!(v.booking_ref.as_deref(), Some("XYZ789"));
    }

    #[test]
    fn reader_refuses_what_is_not_a_verdict() {
        let bad = b"UNA:+.? 'UNB+UNOA:4+A+B+261101:0705+1'UNH+1+CUSRES:D:05B:UN:IATA'BGM+962'ERP+2'ERC+9Z'UNT+4+1'UNZ+1+1'";
        assert!(read(bad).unwrap_err().message.contains("9Z"));
        let no_erc = b"UNA:+.? 'UNB+UNOA:4+A+B+261101:0705+1'UNH+1+CUSRES:D:05B:UN:IATA'BGM+962'ERP+2'UNT+3+1'UNZ+1+1'";
        assert!(read(no_erc).is_err());
        let paxlst = b"UNA:+.? 'UNB+UNOA:4+A+B+261101:0705+1'UNH+1+PAXLST:D:05B:UN:IATA'BGM+745'UNT+2+1'UNZ+1+1'";
        assert!(read(paxlst).is_err());
        assert!(read(b"").is_err());
    }
}

//! CONTRL: the syntax acknowledgement (ISO 9735) for a received EDIFACT
//! interchange, addressed back to its sender.
//!
//! ```text
//! UNH+<ref>+CONTRL:4:1:UN
//! UCI+<received 0020>+<received sender>+<received recipient>+<0083>[+<0085>+<0013>]
//! UCM+<0062>+<type:version:release:agency>+<0083>[+<0085>+<0013>]     per message reported
//!   UCS+<segment position, UNH = 1>[+<0085>]                            when the place is known
//!     UCD+<0085>+<element:component>                                    when the element is known
//! UNT
//! ```
//!
//! Action 0083 is 7 (acknowledged; lower levels too unless rejected on their
//! own) or 4 (rejected). A message rejected inside an acknowledged interchange
//! gets its own UCM with 4, so the other messages of the interchange stand.

use piu_edifact::{Delimiters, ErrorKind, Limits, Location, Segment};

use super::paxlst::syntax_identifier;
use super::response::{
    MessageId, Outgoing, ResponseContext, ResponseHeader, close, open, read_all, required, text,
};
use crate::ReadError;

/// Action code 0083.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// 7: this level acknowledged, lower levels too unless rejected explicitly.
    Acknowledged,
    /// 4: this level and all lower levels rejected.
    Rejected,
}

impl Action {
    pub fn code(self) -> &'static str {
        match self {
            Action::Acknowledged => "7",
            Action::Rejected => "4",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "7" => Some(Action::Acknowledged),
            "4" => Some(Action::Rejected),
            _ => None,
        }
    }
}

/// Syntax error code 0085: the codes a reader like ours can have reason to send.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SyntaxErrorCode {
    /// 2: syntax version or level not supported.
    SyntaxNotSupported,
    /// 12: invalid value.
    InvalidValue,
    /// 13: missing.
    Missing,
    /// 14: value not supported in this position.
    ValueNotSupported,
    /// 15: not supported in this position.
    NotSupportedInPosition,
    /// 16: too many constituents.
    TooManyConstituents,
    /// 18: unspecified error.
    Unspecified,
    /// 20: character invalid as service character (a bad UNA).
    InvalidServiceCharacter,
    /// 21: invalid character(s).
    InvalidCharacter,
    /// 26: duplicate detected.
    Duplicate,
    /// 28: references do not match (UNT/UNZ against UNH/UNB).
    ReferencesDoNotMatch,
    /// 29: control count does not match the number of instances received.
    ControlCountMismatch,
    /// 32: lower level empty (an interchange without messages).
    LowerLevelEmpty,
    /// 35: too many repetitions.
    TooManyRepetitions,
    /// 39: data element too long.
    TooLong,
    /// 46: character set not supported.
    CharsetNotSupported,
    /// Any other 0085 value, as read.
    Other(u16),
}

impl SyntaxErrorCode {
    pub fn code(self) -> u16 {
        use SyntaxErrorCode::*;
        match self {
            SyntaxNotSupported => 2,
            InvalidValue => 12,
            Missing => 13,
            ValueNotSupported => 14,
            NotSupportedInPosition => 15,
            TooManyConstituents => 16,
            Unspecified => 18,
            InvalidServiceCharacter => 20,
            InvalidCharacter => 21,
            Duplicate => 26,
            ReferencesDoNotMatch => 28,
            ControlCountMismatch => 29,
            LowerLevelEmpty => 32,
            TooManyRepetitions => 35,
            TooLong => 39,
            CharsetNotSupported => 46,
            Other(n) => n,
        }
    }

    pub fn from_code(code: u16) -> Self {
        use SyntaxErrorCode::*;
        [
            SyntaxNotSupported,
            InvalidValue,
            Missing,
            ValueNotSupported,
            NotSupportedInPosition,
            TooManyConstituents,
            Unspecified,
            InvalidServiceCharacter,
            InvalidCharacter,
            Duplicate,
            ReferencesDoNotMatch,
            ControlCountMismatch,
            LowerLevelEmpty,
            TooManyRepetitions,
            TooLong,
            CharsetNotSupported,
        ]
        .into_iter()
        .find(|c| c.code() == code)
        .unwrap_or(Other(code))
    }

    /// The code for a syntax failure of our tokenizer.
    pub fn from_kind(kind: ErrorKind) -> Self {
        match kind {
            ErrorKind::NoInterchange => SyntaxErrorCode::Missing,
            ErrorKind::BadServiceString => SyntaxErrorCode::InvalidServiceCharacter,
            ErrorKind::BadSegmentTag => SyntaxErrorCode::InvalidValue,
            ErrorKind::LimitExceeded => SyntaxErrorCode::TooManyConstituents,
            ErrorKind::Structure => SyntaxErrorCode::NotSupportedInPosition,
        }
    }

    /// The code for a located read error, from its place and the sentence our
    /// readers wrote (a journaled error keeps only those).
    pub fn for_read_error(e: &ReadError) -> Self {
        let m = e.message.as_str();
        if e.location.tag.as_deref() == Some("UNA") || m.contains("UNA declares") {
            SyntaxErrorCode::InvalidServiceCharacter
        } else if m.contains("expected a segment tag") {
            SyntaxErrorCode::InvalidValue
        } else if m.contains("more than the limit") || m.contains("has more than") {
            SyntaxErrorCode::TooManyConstituents
        } else if m.contains("is not one OpenPIU reads") {
            SyntaxErrorCode::ValueNotSupported
        } else if m.contains("UTF-16") {
            SyntaxErrorCode::CharsetNotSupported
        } else if m.starts_with("no ")
            || m.contains(" has no ")
            || m.contains(" names no ")
            || m.contains(" carries no ")
            || m.contains("ends before")
        {
            SyntaxErrorCode::Missing
        } else {
            SyntaxErrorCode::Unspecified
        }
    }
}

/// Position of an erroneous data element (S011: 0098 element, 0104 component), from 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ElementPosition {
    pub element: u32,
    pub component: Option<u32>,
}

/// Why the interchange as a whole is rejected (UCI 0085, 0013).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InterchangeFault {
    pub code: SyntaxErrorCode,
    /// The service segment at fault (UNA, UNB, UNZ), when one is.
    pub tag: Option<String>,
}

/// Why one message is rejected, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MessageFault {
    pub code: SyntaxErrorCode,
    /// Position of the segment in the message, UNH = 1 (UCS 0096), when known.
    pub segment: Option<usize>,
    /// The tag of that segment; a service segment (UNH, UNT) is reported in UCM.
    pub tag: Option<String>,
    pub element: Option<ElementPosition>,
}

impl MessageFault {
    /// From a read error of a message whose UNH is segment `unh` of the input;
    /// the error's input-wide segment number becomes a position in the message.
    pub fn from_read_error(e: &ReadError, unh: Option<usize>) -> Self {
        let segment = match (e.location.segment, unh) {
            (Some(s), Some(u)) if s >= u => Some(s - u + 1),
            _ => None,
        };
        MessageFault {
            code: SyntaxErrorCode::for_read_error(e),
            segment,
            tag: e.location.tag.clone(),
            element: None,
        }
    }
}

/// One message reported in UCM: acknowledged without a fault, else rejected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MessageAck {
    /// UNH 0062 of the received message.
    pub reference: String,
    /// UNH S009 of the received message: type, version, release, agency.
    pub message_type: String,
    pub version: String,
    pub release: String,
    pub agency: String,
    pub fault: Option<MessageFault>,
}

impl MessageAck {
    pub fn action(&self) -> Action {
        if self.fault.is_some() {
            Action::Rejected
        } else {
            Action::Acknowledged
        }
    }
}

/// What a CONTRL says about one received interchange.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Contrl {
    /// Set when the interchange is rejected as a whole.
    pub fault: Option<InterchangeFault>,
    /// Messages reported one by one; those not listed share the UCI action.
    pub messages: Vec<MessageAck>,
}

impl Contrl {
    /// UCI action: rejected only for a fault of the interchange itself.
    pub fn action(&self) -> Action {
        if self.fault.is_some() {
            Action::Rejected
        } else {
            Action::Acknowledged
        }
    }
}

/// Encodes one CONTRL interchange about the interchange named by `received`
/// (its sender, recipient and control reference).
pub fn contrl(received: &ResponseContext, report: &Contrl, out: &Outgoing) -> Vec<u8> {
    let texts = [received.sender.as_str(), received.recipient.as_str()];
    let syntax = syntax_identifier(&texts);
    let id = MessageId {
        kind: "CONTRL",
        version: "4",
        release: "1",
        agency: "UN",
        association: "",
    };
    let mut f = open(
        received,
        out,
        Delimiters::default(),
        [syntax, "4"],
        &id,
        None,
    );
    let w = &mut f.w;
    let (code, tag) = match &report.fault {
        Some(fault) => (
            fault.code.code().to_string(),
            fault.tag.as_deref().unwrap_or(""),
        ),
        None => (String::new(), ""),
    };
    w.segment(
        "UCI",
        &[
            &[&received.interchange_ref],
            &[&received.sender],
            &[&received.recipient],
            &[report.action().code()],
            &[&code],
            &[tag],
        ],
    );
    for m in &report.messages {
        let fault = m.fault.as_ref();
        // UCM names the fault itself when no segment of the body can carry it.
        let service = fault.is_some_and(|f| {
            f.segment.is_none() || f.tag.as_deref().is_some_and(|t| t.starts_with("UN"))
        });
        let (code, tag) = match fault {
            Some(f) if service => (
                f.code.code().to_string(),
                f.tag
                    .as_deref()
                    .filter(|t| t.starts_with("UN"))
                    .unwrap_or(""),
            ),
            _ => (String::new(), ""),
        };
        w.segment(
            "UCM",
            &[
                &[&m.reference],
                &[&m.message_type, &m.version, &m.release, &m.agency],
                &[m.action().code()],
                &[&code],
                &[tag],
            ],
        );
        let Some(f) = fault.filter(|_| !service) else {
            continue;
        };
        let Some(position) = f.segment else {
            continue;
        };
        let position = position.to_string();
        let code = f.code.code().to_string();
        match f.element {
            None => {
                w.segment("UCS", &[&[&position], &[&code]]);
            }
            Some(e) => {
                w.segment("UCS", &[&[&position]]);
                let element = e.element.to_string();
                let component = e.component.map(|c| c.to_string()).unwrap_or_default();
                w.segment("UCD", &[&[&code], &[&element, &component]]);
            }
        }
    }
    close(f)
}

/// The CONTRL reports for an input as received, and what cannot be answered.
#[derive(Debug, Default)]
pub struct Acknowledgements {
    /// One report per interchange with a UNB, with the context to address it.
    pub interchanges: Vec<(ResponseContext, Contrl)>,
    /// Failures with no UNB to answer to: input that is no EDIFACT, an
    /// unreadable UNA, bare messages without an envelope.
    pub unanswerable: Vec<ReadError>,
}

/// Checks the syntax of `input` as our tokenizer reads it and reports every
/// message of every interchange: acknowledged, or rejected at the segment where
/// reading stopped. Content errors of the message readers are not syntax errors;
/// add them with [`MessageFault::from_read_error`] if they are to be reported here.
pub fn acknowledge(input: &[u8], limits: &Limits) -> Acknowledgements {
    let parsed = piu_edifact::parse_all(input, limits);
    let mut out = Acknowledgements {
        unanswerable: parsed.errors.into_iter().map(ReadError::from).collect(),
        ..Acknowledgements::default()
    };
    for ic in &parsed.interchanges {
        let Some(header) = ic.header() else {
            let at = ic
                .messages()
                .next()
                .map(|m| m.location())
                .unwrap_or_else(|| Location::at(ic.start()));
            out.unanswerable.push(ReadError::new(
                at,
                "messages without a UNB name no sender to acknowledge to",
            ));
            continue;
        };
        let messages = ic
            .messages()
            .map(|m| {
                let h = m.header();
                let fault = m.error().map(|e| {
                    let unh = m.location().segment;
                    let segment = match (e.location.segment, unh) {
                        (Some(s), Some(u)) if s >= u => Some(s - u + 1),
                        _ => None,
                    };
                    MessageFault {
                        code: SyntaxErrorCode::from_kind(e.kind),
                        segment,
                        tag: e.location.tag.clone(),
                        element: None,
                    }
                });
                MessageAck {
                    reference: h.reference.clone(),
                    message_type: h.message_type.clone(),
                    version: h.version.clone().unwrap_or_default(),
                    release: h.release.clone().unwrap_or_default(),
                    agency: h.agency.clone().unwrap_or_default(),
                    fault,
                }
            })
            .collect();
        // An interchange that holds no message is rejected: lower level empty.
        let fault = (ic.messages().len() == 0).then_some(InterchangeFault {
            code: SyntaxErrorCode::LowerLevelEmpty,
            tag: None,
        });
        out.interchanges.push((
            ResponseContext::from_header(header),
            Contrl { fault, messages },
        ));
    }
    out
}

/// A CONTRL as read back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContrlReading {
    pub header: ResponseHeader,
    /// The acknowledged interchange as UCI names it: sender, recipient, control reference.
    pub received: ResponseContext,
    /// UCI action as sent.
    pub action: Action,
    pub report: Contrl,
}

/// Reads CONTRL interchanges, every message in them.
pub fn read(input: &[u8]) -> Result<Vec<ContrlReading>, ReadError> {
    read_all(input, "CONTRL", read_message)
}

fn action(seg: &Segment<'_>, element: usize) -> Result<Action, ReadError> {
    let code = required(seg, element, 0, "action code")?;
    Action::from_code(&code).ok_or_else(|| {
        ReadError::new(
            seg.location(),
            format!("{} action {code} is neither 7 nor 4", seg.tag()),
        )
    })
}

fn error_code(seg: &Segment<'_>, element: usize) -> Result<Option<SyntaxErrorCode>, ReadError> {
    match seg.trimmed(element, 0) {
        None => Ok(None),
        Some(c) => c
            .parse::<u16>()
            .map(|n| Some(SyntaxErrorCode::from_code(n)))
            .map_err(|_| {
                ReadError::new(
                    seg.location(),
                    format!("{} syntax error code {c:?} is not a number", seg.tag()),
                )
            }),
    }
}

fn number(seg: &Segment<'_>, element: usize, component: usize) -> Option<u32> {
    seg.trimmed(element, component)?.parse().ok()
}

fn read_message(header: ResponseHeader, body: &[Segment<'_>]) -> Result<ContrlReading, ReadError> {
    let uci = body.iter().find(|s| s.tag() == "UCI").ok_or_else(|| {
        ReadError::new(
            body.first().map(Segment::location).unwrap_or_default(),
            "the CONTRL has no UCI",
        )
    })?;
    let received = ResponseContext {
        interchange_ref: required(uci, 0, 0, "interchange control reference")?,
        sender: text(uci, 1, 0),
        recipient: text(uci, 2, 0),
        ..ResponseContext::default()
    };
    let uci_action = action(uci, 3)?;
    let fault = error_code(uci, 4)?.map(|code| InterchangeFault {
        code,
        tag: uci.trimmed(5, 0),
    });
    let mut messages: Vec<MessageAck> = Vec::new();
    for seg in body {
        match seg.tag() {
            "UCM" => {
                let rejected = action(seg, 2)? == Action::Rejected;
                let code = error_code(seg, 3)?;
                let fault = rejected.then(|| MessageFault {
                    code: code.unwrap_or(SyntaxErrorCode::Unspecified),
                    segment: None,
                    tag: seg.trimmed(4, 0),
                    element: None,
                });
                messages.push(MessageAck {
                    reference: required(seg, 0, 0, "message reference")?,
                    message_type: text(seg, 1, 0),
                    version: text(seg, 1, 1),
                    release: text(seg, 1, 2),
                    agency: text(seg, 1, 3),
                    fault,
                });
            }
            "UCS" => {
                if let Some(f) = messages.last_mut().and_then(|m| m.fault.as_mut()) {
                    f.segment = number(seg, 0, 0).map(|n| n as usize);
                    if let Some(code) = error_code(seg, 1)? {
                        f.code = code;
                    }
                }
            }
            "UCD" => {
                if let Some(f) = messages.last_mut().and_then(|m| m.fault.as_mut()) {
                    if let Some(code) = error_code(seg, 0)? {
                        f.code = code;
                    }
                    f.element = number(seg, 1, 0).map(|element| ElementPosition {
                        element,
                        component: number(seg, 1, 1),
                    });
                }
            }
            _ => {}
        }
    }
    Ok(ContrlReading {
        header,
        received,
        action: uci_action,
        report: Contrl { fault, messages },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use piu_model::LocalDateTime;

    fn received() -> ResponseContext {
        ResponseContext {
            sender: "J2API".into(),
            recipient: "AZEPIU".into(),
            interchange_ref: "000000451".into(),
            ..ResponseContext::default()
        }
    }

    fn outgoing() -> Outgoing {
        let at = LocalDateTime::from_parts(2026, 11, 1, Some((9, 15))).unwrap();
        Outgoing::new("K100", "1", at)
    }

    fn message(reference: &str, fault: Option<MessageFault>) -> MessageAck {
        MessageAck {
            reference: reference.into(),
            message_type: "PAXLST".into(),
            version: "D".into(),
            release: "05B".into(),
            agency: "UN".into(),
            fault,
        }
    }

    #[test]
    fn acknowledged_interchange() {
        let report = Contrl {
            fault: None,
            messages: vec![message("M1", None)],
        };
        let bytes = contrl(&received(), &report, &outgoing());
        let text = String::from_utf8(bytes.clone()).unwrap();
        assert_eq!(
            text,
            "UNA:+.? '\nUNB+UNOA:4+AZEPIU+J2API+261101:0915+K100'\nUNH+1+CONTRL:4:1:UN'\n\
             UCI+000000451+J2API+AZEPIU+7'\nUCM+M1+PAXLST:D:05B:UN+7'\nUNT+4+1'\nUNZ+1+K100'\n"
        );
        let read = read(&bytes).unwrap().remove(0);
        assert_eq!(read.action, Action::Acknowledged);
        assert_eq!(read.report, report);
        assert_eq!(read.received.interchange_ref, "000000451");
        assert_eq!(read.received.sender, "J2API");
        assert_eq!(read.header.recipient, "J2API");
    }

    #[test]
    fn rejected_message_carries_the_error_position() {
        let report = Contrl {
            fault: None,
            messages: vec![
                message("M1", None),
                message(
                    "M2",
                    Some(MessageFault {
                        code: SyntaxErrorCode::InvalidValue,
                        segment: Some(7),
                        tag: Some("DOC".into()),
                        element: None,
                    }),
                ),
                message(
                    "M3",
                    Some(MessageFault {
                        code: SyntaxErrorCode::TooLong,
                        segment: Some(12),
                        tag: Some("NAD".into()),
                        element: Some(ElementPosition {
                            element: 4,
                            component: Some(2),
                        }),
                    }),
                ),
            ],
        };
        let bytes = contrl(&received(), &report, &outgoing());
        let text = String::from_utf8(bytes.clone()).unwrap();
        assert!(text.contains("UCI+000000451+J2API+AZEPIU+7'\n"));
        assert!(text.contains("UCM+M2+PAXLST:D:05B:UN+4'\nUCS+7+12'\n"));
        assert!(text.contains("UCM+M3+PAXLST:D:05B:UN+4'\nUCS+12'\nUCD+39+4:2'\n"));
        assert!(text.contains("UNT+9+1'"));
        let read = read(&bytes).unwrap().remove(0);
        let m2 = read.report.messages[1].fault.clone().unwrap();
        assert_eq!(
            (m2.code, m2.segment),
            (SyntaxErrorCode::InvalidValue, Some(7))
        );
        let m3 = read.report.messages[2].fault.clone().unwrap();
        assert_eq!(m3.code, SyntaxErrorCode::TooLong);
        assert_eq!(m3.segment, Some(12));
        assert_eq!(
            m3.element,
            Some(ElementPosition {
                element: 4,
                component: Some(2)
            })
        );
        assert!(read.report.messages[0].fault.is_none());
    }

    #[test]
    fn rejected_interchange_and_service_segment_faults() {
        let report = Contrl {
            fault: Some(InterchangeFault {
                code: SyntaxErrorCode::ControlCountMismatch,
                tag: Some("UNZ".into()),
            }),
            messages: vec![message(
                "M9",
                Some(MessageFault {
                    code: SyntaxErrorCode::ReferencesDoNotMatch,
                    segment: Some(20),
                    tag: Some("UNT".into()),
                    element: None,
                }),
            )],
        };
        let bytes = contrl(&received(), &report, &outgoing());
        let text = String::from_utf8(bytes.clone()).unwrap();
        assert!(text.contains("UCI+000000451+J2API+AZEPIU+4+29+UNZ'\n"));
        assert!(text.contains("UCM+M9+PAXLST:D:05B:UN+4+28+UNT'\nUNT+4+1'"));
        let read = read(&bytes).unwrap().remove(0);
        assert_eq!(read.action, Action::Rejected);
        assert_eq!(read.report.fault, report.fault);
        let f = read.report.messages[0].fault.clone().unwrap();
        assert_eq!(
            (f.code, f.tag.as_deref()),
            (SyntaxErrorCode::ReferencesDoNotMatch, Some("UNT"))
        );
    }

    #[test]
    fn acknowledge_reads_the_input_and_locates_the_bad_segment() {
        let input = b"UNA:+.? '\nUNB+UNOA:4+J2API+AZEPIU+261101:0900+IC77'\n\
            UNH+A1+PAXLST:D:05B:UN:IATA'\nBGM+745'\nUNT+3+A1'\n\
            UNH+A2+PAXLST:D:05B:UN:IATA'\nBGM+745'\nNAD+FL+++DOE:JOHN'\nx1+BAD'\nUNT+5+A2'\n\
            UNZ+2+IC77'\n";
        let acks = acknowledge(input, &Limits::default());
        assert!(acks.unanswerable.is_empty());
        let (ctx, report) = &acks.interchanges[0];
        assert_eq!(ctx.sender, "J2API");
        assert_eq!(ctx.interchange_ref, "IC77");
        assert_eq!(report.action(), Action::Acknowledged);
        assert!(report.messages[0].fault.is_none());
        let f = report.messages[1].fault.clone().unwrap();
        assert_eq!(f.code, SyntaxErrorCode::InvalidValue);
        assert_eq!(f.segment, Some(4));
        let bytes = contrl(ctx, report, &outgoing());
        let text = String::from_utf8(bytes.clone()).unwrap();
        assert!(text.contains("UCI+IC77+J2API+AZEPIU+7'\nUCM+A1+PAXLST:D:05B:UN+7'\n"));
        assert!(text.contains("UCM+A2+PAXLST:D:05B:UN+4'\nUCS+4+12'\n"));
        let parsed = piu_edifact::parse_all(&bytes, &Limits::default());
        assert!(parsed.errors.is_empty() && parsed.interchanges[0].warnings().is_empty());
        assert!(
            parsed.interchanges[0]
                .messages()
                .all(|m| m.error().is_none())
        );
    }

    #[test]
    fn unanswerable_input_is_reported() {
        let acks = acknowledge(b"hello", &Limits::default());
        assert!(acks.interchanges.is_empty());
        assert_eq!(acks.unanswerable.len(), 1);
        let empty = acknowledge(
            b"UNB+UNOA:4+J2API+AZEPIU+261101:0900+IC2'UNZ+0+IC2'",
            &Limits::default(),
        );
        let (_, report) = &empty.interchanges[0];
        assert_eq!(report.action(), Action::Rejected);
        let text =
            String::from_utf8(contrl(&empty.interchanges[0].0, report, &outgoing())).unwrap();
        assert!(text.contains("UCI+IC2+J2API+AZEPIU+4+32'"));
        let bare = acknowledge(
            b"UNH+1+PAXLST:D:05B:UN:IATA'BGM+745'UNT+2+1'",
            &Limits::default(),
        );
        assert!(bare.interchanges.is_empty());
        assert_eq!(bare.unanswerable.len(), 1);
    }

    #[test]
    fn read_errors_map_to_syntax_codes() {
        let err = |tag: Option<&str>, m: &str| ReadError {
            location: Location {
                offset: 10,
                segment: Some(9),
                tag: tag.map(str::to_string),
            },
            message: m.into(),
        };
        let cases = [
            (
                err(Some("UNA"), "bad"),
                SyntaxErrorCode::InvalidServiceCharacter,
            ),
            (
                err(
                    None,
                    "expected a segment tag of three capital letters or digits, found \"x1\"",
                ),
                SyntaxErrorCode::InvalidValue,
            ),
            (
                err(
                    None,
                    "the segment is 9000 bytes long, more than the limit of 4096",
                ),
                SyntaxErrorCode::TooManyConstituents,
            ),
            (
                err(
                    Some("UNH"),
                    "message type \"IFTMIN\" is not one OpenPIU reads (PAXLST or PNRGOV)",
                ),
                SyntaxErrorCode::ValueNotSupported,
            ),
            (
                err(
                    Some("UNH"),
                    "the PAXLST names no flight or voyage (no TDT segment)",
                ),
                SyntaxErrorCode::Missing,
            ),
            (err(None, "something else"), SyntaxErrorCode::Unspecified),
        ];
        for (e, code) in cases {
            assert_eq!(SyntaxErrorCode::for_read_error(&e), code, "{}", e.message);
        }
        let f = MessageFault::from_read_error(&cases_error(), Some(5));
        assert_eq!(f.segment, Some(5));
        assert_eq!(SyntaxErrorCode::from_code(44), SyntaxErrorCode::Other(44));
        assert_eq!(
            SyntaxErrorCode::from_code(32),
            SyntaxErrorCode::LowerLevelEmpty
        );
        assert_eq!(SyntaxErrorCode::from_code(13), SyntaxErrorCode::Missing);
    }

    fn cases_error() -> ReadError {
        ReadError::new(Location::segment(0, 9, "DOC"), "expected a segment tag")
    }

    #[test]
    fn our_reader_errors_map_through_the_read_path() {
        let input = b"UNB+UNOA:4+J2API+AZEPIU+261101:0900+IC1'UNH+1+PAXLST:D:05B:UN:IATA'UNT+2+1'UNZ+1+IC1'";
        let reading = crate::read(input, &crate::ReadOptions::default());
        let e = &reading.errors[0];
        assert_eq!(SyntaxErrorCode::for_read_error(e), SyntaxErrorCode::Missing);
        let f = MessageFault::from_read_error(e, Some(2));
        assert_eq!((f.segment, f.tag.as_deref()), (Some(1), Some("UNH")));
    }
}

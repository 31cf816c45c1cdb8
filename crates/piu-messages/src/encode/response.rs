//! What the responses to carriers (CONTRL, ACKRES, CUSRES) share: the received
//! message they answer, the references of the outgoing interchange, the envelope
//! around the one message they hold, and reading that envelope back.
//!
//! Encoders take every reference and the preparation time from the caller, so
//! they stay pure: the same inputs give the same bytes.

use piu_edifact::{Delimiters, InterchangeHeader, Limits, Location, Segment, Writer};
use piu_model::{Flight, LocalDateTime, Message, MessageMeta, PushType};

use super::paxlst::{hhmm, yymmdd};
use crate::ReadError;

/// The received message a response answers: who sent it to whom, its references
/// and, where known, its flight.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ResponseContext {
    /// UNB sender of the received interchange; the response is addressed to it.
    pub sender: String,
    /// UNB recipient of the received interchange; the response is sent from it.
    pub recipient: String,
    /// UNB control reference (0020) of the received interchange.
    pub interchange_ref: String,
    /// UNH message reference (0062) of the received message.
    pub message_ref: String,
    /// Version of the received message as read (`D05B`, `11.1`); ACKRES answers in it.
    pub version: String,
    /// UNH common access reference (0068) of the received message.
    pub common_access_ref: Option<String>,
    /// PAXLST transaction reference (RFF TN), echoed by CUSRES.
    pub transaction_ref: Option<String>,
    /// PNRGOV push type (MSG) of the received message, echoed by ACKRES.
    pub push: Option<PushType>,
    /// The flight of the received message, echoed by CUSRES.
    pub flight: Option<Flight>,
}

impl ResponseContext {
    /// From what a reader found in the received message's envelope. Without a UNB
    /// sender the carrier of the flight is the addressee.
    pub fn from_meta(meta: &MessageMeta, flight: Option<&Flight>) -> Self {
        ResponseContext {
            sender: meta
                .sender
                .clone()
                .or_else(|| flight.map(|f| f.carrier.clone()))
                .unwrap_or_default(),
            recipient: meta.recipient.clone().unwrap_or_default(),
            interchange_ref: meta.interchange_ref.clone().unwrap_or_default(),
            message_ref: meta.message_ref.clone(),
            version: meta.version.clone(),
            common_access_ref: meta.common_access_ref.clone(),
            transaction_ref: meta.transaction_ref.clone(),
            push: meta.push.clone(),
            flight: flight.cloned(),
        }
    }

    /// From a message as read.
    pub fn from_message(msg: &Message) -> Self {
        Self::from_meta(&msg.meta, msg.flight.as_ref())
    }

    /// From a received UNB alone, for interchanges whose messages could not be read.
    pub fn from_header(header: &InterchangeHeader) -> Self {
        ResponseContext {
            sender: header.sender.id.clone(),
            recipient: header.recipient.id.clone(),
            interchange_ref: header.control_ref.clone(),
            ..ResponseContext::default()
        }
    }
}

/// The outgoing interchange's own references and time, chosen by the caller (a
/// counter, a journal id), because encoders read no clock and draw no numbers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outgoing {
    /// UNB and UNZ control reference (0020); at most 14 characters, longer ones are cut.
    pub control_ref: String,
    /// UNH and UNT message reference (0062); at most 14 characters, longer ones are cut.
    pub message_ref: String,
    /// UNB date and time of preparation.
    pub prepared: LocalDateTime,
    /// Wrap the message in a UNG/UNE functional group (some iAPI states expect one).
    pub group: bool,
    /// One segment per line.
    pub line_breaks: bool,
}

impl Outgoing {
    pub fn new(control_ref: &str, message_ref: &str, prepared: LocalDateTime) -> Self {
        Outgoing {
            control_ref: control_ref.to_string(),
            message_ref: message_ref.to_string(),
            prepared,
            group: false,
            line_breaks: true,
        }
    }
}

/// UNB 0020 and UNH 0062 are an..14; an empty reference would make UNB invalid.
pub(crate) fn reference(r: &str) -> String {
    let r = r.trim();
    if r.is_empty() {
        return "1".into();
    }
    match r.char_indices().nth(14) {
        Some((i, _)) => r[..i].to_string(),
        None => r.to_string(),
    }
}

/// The message identifier of UNH S009: type, version, release, agency and,
/// for IATA profiles, the association code.
pub(crate) struct MessageId<'a> {
    pub kind: &'a str,
    pub version: &'a str,
    pub release: &'a str,
    pub agency: &'a str,
    pub association: &'a str,
}

/// Writes UNA, UNB (parties swapped against the received interchange), UNG when
/// asked and UNH; [`close`] writes UNT, UNE and UNZ with their counts.
pub(crate) struct Frame {
    pub w: Writer,
    control: String,
    message_ref: String,
    group: bool,
}

pub(crate) fn open(
    ctx: &ResponseContext,
    out: &Outgoing,
    delimiters: Delimiters,
    syntax: [&str; 2],
    id: &MessageId<'_>,
    common_access_ref: Option<&str>,
) -> Frame {
    let mut w = Writer::new(delimiters);
    if out.line_breaks {
        w = w.with_line_breaks();
    }
    let control = reference(&out.control_ref);
    let message_ref = reference(&out.message_ref);
    let date = yymmdd(out.prepared.date);
    let time = match hhmm(&out.prepared) {
        t if t.is_empty() => "0000".to_string(),
        t => t,
    };
    let from = ctx.recipient.as_str();
    let to = ctx.sender.as_str();
    w.una();
    w.segment(
        "UNB",
        &[&syntax, &[from], &[to], &[&date, &time], &[&control]],
    );
    if out.group {
        w.segment(
            "UNG",
            &[
                &[id.kind],
                &[from],
                &[to],
                &[&date, &time],
                &[&control],
                &[id.agency],
                &[id.version, id.release],
            ],
        );
    }
    w.segment(
        "UNH",
        &[
            &[&message_ref],
            &[id.kind, id.version, id.release, id.agency, id.association],
            &[common_access_ref.unwrap_or("")],
        ],
    );
    Frame {
        w,
        control,
        message_ref,
        group: out.group,
    }
}

/// UNT with the segment count from UNH to UNT, then UNE and UNZ counting one.
pub(crate) fn close(mut f: Frame) -> Vec<u8> {
    let count = f.w.message_segment_count().to_string();
    f.w.segment("UNT", &[&[&count], &[&f.message_ref]]);
    if f.group {
        f.w.segment("UNE", &[&["1"], &[&f.control]]);
    }
    f.w.segment("UNZ", &[&["1"], &[&f.control]]);
    f.w.finish().into_bytes()
}

/// The envelope of a response as read back.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ResponseHeader {
    /// UNB sender: who responds.
    pub sender: String,
    /// UNB recipient: who is answered.
    pub recipient: String,
    pub control_ref: String,
    pub message_ref: String,
    pub common_access_ref: Option<String>,
}

/// Every message of type `kind` in `input`, each as its header and body
/// segments handed to `read_one`. A syntax error anywhere fails the input:
/// responses are short, and a half-read acknowledgement is worse than none.
pub(crate) fn read_all<T>(
    input: &[u8],
    kind: &str,
    mut read_one: impl FnMut(ResponseHeader, &[Segment<'_>]) -> Result<T, ReadError>,
) -> Result<Vec<T>, ReadError> {
    let interchanges = piu_edifact::parse(input, &Limits::default()).map_err(ReadError::from)?;
    let mut out = Vec::new();
    for ic in &interchanges {
        for msg in ic.messages() {
            if let Some(e) = msg.error() {
                return Err(e.clone().into());
            }
            let h = msg.header();
            if h.message_type != kind {
                return Err(ReadError::new(
                    msg.location(),
                    format!("expected a {kind} message, found {:?}", h.message_type),
                ));
            }
            let unb = ic.header();
            let header = ResponseHeader {
                sender: unb.map(|u| u.sender.id.clone()).unwrap_or_default(),
                recipient: unb.map(|u| u.recipient.id.clone()).unwrap_or_default(),
                control_ref: unb.map(|u| u.control_ref.clone()).unwrap_or_default(),
                message_ref: h.reference.clone(),
                common_access_ref: h.common_access_ref.clone(),
            };
            let body: Vec<Segment<'_>> = msg.body().collect();
            out.push(read_one(header, &body)?);
        }
    }
    if out.is_empty() {
        return Err(ReadError::new(
            Location::at(0),
            format!("the input holds no {kind} message"),
        ));
    }
    Ok(out)
}

/// An owned, trimmed component, empty when absent.
pub(crate) fn text(seg: &Segment<'_>, element: usize, component: usize) -> String {
    seg.trimmed(element, component).unwrap_or_default()
}

/// A mandatory component, or an error located at the segment.
pub(crate) fn required(
    seg: &Segment<'_>,
    element: usize,
    component: usize,
    what: &str,
) -> Result<String, ReadError> {
    seg.trimmed(element, component)
        .ok_or_else(|| ReadError::new(seg.location(), format!("{} carries no {what}", seg.tag())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_cut_to_fourteen_and_never_empty() {
        assert_eq!(reference("  "), "1");
        assert_eq!(reference("ABCDEFGHIJKLMNOPQ"), "ABCDEFGHIJKLMN");
        assert_eq!(reference("R1"), "R1");
    }

    #[test]
    fn context_from_meta_addresses_the_sender() {
        let mut meta = MessageMeta::new(piu_model::Format::Paxlst, piu_model::Syntax::Edifact);
        meta.sender = Some("J2".into());
        meta.recipient = Some("AZEPIU".into());
        meta.interchange_ref = Some("IC1".into());
        meta.message_ref = "M1".into();
        let ctx = ResponseContext::from_meta(&meta, None);
        assert_eq!(
            (ctx.sender.as_str(), ctx.recipient.as_str()),
            ("J2", "AZEPIU")
        );
        assert_eq!(ctx.interchange_ref, "IC1");
        meta.sender = None;
        let flight = Flight {
            carrier: "J2".into(),
            ..Flight::default()
        };
        assert_eq!(
            ResponseContext::from_meta(&meta, Some(&flight)).sender,
            "J2"
        );
    }
}

#[cfg(test)]
mod never_panic {
    use proptest::prelude::*;

    use super::super::{ackres, contrl, cusres};

    /// A CUSRES, an ACKRES and a CONTRL, for cutting and changing.
    fn samples() -> Vec<Vec<u8>> {
        vec![
            b"UNA:+.? 'UNB+UNOA:4+A+B+261101:0705+1'UNH+1+CUSRES:D:05B:UN:IATA'BGM+962'RFF+AF:J227'DTM+189:2611010830:201'LOC+125+IST'ERP+2'RFF+ABO:P1'ERC+0Z'FTX+AAP+++OK'UNT+10+1'UNZ+1+1'".to_vec(),
            b"UNA:+.?*'UNB+IATA:1+A+B+261101:0705+1'UNH+1+ACKRES:13:1:IA'MSG+:22+RE'ERC+103'IFT+3+X'UNT+5+1'UNZ+1+1'".to_vec(),
            b"UNA:+.? 'UNB+UNOA:4+A+B+261101:0705+1'UNH+1+CONTRL:4:1:UN'UCI+9+A+B+7'UCM+1+PAXLST:D:05B:UN+4'UCS+4+12'UCD+12+3:1'UNT+6+1'UNZ+1+1'".to_vec(),
        ]
    }

    proptest! {
        #[test]
        fn readers_never_panic(pick in 0usize..3, at in any::<prop::sample::Index>(), byte in any::<u8>(), cut in any::<prop::sample::Index>()) {
            let mut input = samples()[pick].clone();
            let i = at.index(input.len());
            input[i] = byte;
            input.truncate(cut.index(input.len() + 1).max(1));
            let _ = cusres::read(&input);
            let _ = ackres::read(&input);
            let _ = contrl::read(&input);
            let _ = contrl::acknowledge(&input, &piu_edifact::Limits::default());
        }

        #[test]
        fn readers_never_panic_on_noise(input in prop::collection::vec(any::<u8>(), 0..200)) {
            let _ = cusres::read(&input);
            let _ = ackres::read(&input);
            let _ = contrl::read(&input);
        }
    }
}

//! ACKRES: the acknowledgement a PIU returns to a carrier for a received
//! PNRGOV push, in the PADIS envelope the push came in.
//!
//! The reference material names only the shape of ACKRES, not every code, so
//! this is the smallest faithful version:
//!
//! ```text
//! UNH+<ref>+ACKRES:<version of the push>:IA+<0068 of the push>
//! MSG+:<push function, 22 or 141>+<response type: AP accepted, RE rejected>
//! ERC+<application error code>  IFT+3+<text>      per error, when rejected
//! UNT
//! ```
//!
//! MSG 4343 is mandatory in ACKRES; its values here are the UN/EDIFACT response
//! type codes, since no PADIS list was at hand. ERC carries PADIS application
//! error codes (for example 103 invalid departure time, 114 invalid flight number).

use piu_edifact::{Delimiters, Segment};
use piu_model::PushType;

use super::paxlst::syntax_identifier;
use super::response::{
    MessageId, Outgoing, ResponseContext, ResponseHeader, close, open, read_all, required, text,
};
use crate::ReadError;

/// MSG 4343 when the push was taken in.
pub const RESPONSE_ACCEPTED: &str = "AP";
/// MSG 4343 when the push was refused.
pub const RESPONSE_REJECTED: &str = "RE";

/// Why a push was refused: one ERC with an optional IFT.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PushError {
    /// PADIS application error code (ERC 9321), such as `103` or `114`.
    pub code: String,
    /// Words for the carrier's support desk.
    pub text: Option<String>,
}

impl PushError {
    pub fn new(code: &str, text: Option<&str>) -> Self {
        PushError {
            code: code.to_string(),
            text: text.map(str::to_string),
        }
    }
}

/// What the PIU made of a push.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PushOutcome {
    Accepted,
    Rejected(Vec<PushError>),
}

/// Encodes one ACKRES interchange answering the push described by `request`.
///
/// The UNB repertoire is `IATA:1` as in PNRGOV, or `UNOW:4` when a text is not ASCII.
pub fn ackres(request: &ResponseContext, outcome: &PushOutcome, out: &Outgoing) -> Vec<u8> {
    let errors: &[PushError] = match outcome {
        PushOutcome::Accepted => &[],
        PushOutcome::Rejected(e) => e,
    };
    let mut texts: Vec<&str> = vec![&request.sender, &request.recipient];
    texts.extend(errors.iter().filter_map(|e| e.text.as_deref()));
    let syntax: [&str; 2] = if syntax_identifier(&texts) == "UNOW" {
        ["UNOW", "4"]
    } else {
        ["IATA", "1"]
    };
    let (version, release) = version(&request.version);
    let id = MessageId {
        kind: "ACKRES",
        version: &version,
        release: &release,
        agency: "IA",
        association: "",
    };
    let car = request
        .common_access_ref
        .as_deref()
        .or(Some(request.message_ref.as_str()).filter(|r| !r.is_empty()));
    let mut f = open(request, out, Delimiters::pnrgov(), syntax, &id, car);
    let w = &mut f.w;
    let function = match &request.push {
        Some(PushType::Update) => "141",
        Some(PushType::Other(s)) => s.as_str(),
        Some(PushType::Full) | None => "22",
    };
    let response = match outcome {
        PushOutcome::Accepted => RESPONSE_ACCEPTED,
        PushOutcome::Rejected(_) => RESPONSE_REJECTED,
    };
    w.segment("MSG", &[&["", function], &[response]]);
    for e in errors {
        w.segment("ERC", &[&[&e.code]]);
        if let Some(t) = e.text.as_deref().filter(|t| !t.trim().is_empty()) {
            // IFT 4440 repeats as elements of at most 70 characters each.
            let chars: Vec<char> = t.chars().collect();
            let lines: Vec<String> = chars.chunks(70).map(|c| c.iter().collect()).collect();
            let mut elements: Vec<Vec<&str>> = vec![vec!["3"]];
            elements.extend(lines.iter().map(|l| vec![l.as_str()]));
            let elements: Vec<&[&str]> = elements.iter().map(Vec::as_slice).collect();
            w.segment("IFT", &elements);
        }
    }
    close(f)
}

/// `11.1` → `11`, `1`; a PAXLST-style or empty version gives the common 11.1.
fn version(v: &str) -> (String, String) {
    match v.trim().split_once(['.', ':']) {
        Some((a, b))
            if !a.is_empty()
                && !b.is_empty()
                && a.bytes().all(|c| c.is_ascii_digit())
                && b.bytes().all(|c| c.is_ascii_digit()) =>
        {
            (a.to_string(), b.to_string())
        }
        _ => ("11".into(), "1".into()),
    }
}

/// An ACKRES as read back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ackres {
    pub header: ResponseHeader,
    /// MSG message function (1225): the push function acknowledged.
    pub function: String,
    /// MSG response type (4343) as sent.
    pub response: String,
    /// Accepted when the response says so and no ERC follows.
    pub outcome: PushOutcome,
}

/// Reads ACKRES interchanges, every message in them.
pub fn read(input: &[u8]) -> Result<Vec<Ackres>, ReadError> {
    read_all(input, "ACKRES", read_message)
}

fn read_message(header: ResponseHeader, body: &[Segment<'_>]) -> Result<Ackres, ReadError> {
    let msg = body.iter().find(|s| s.tag() == "MSG").ok_or_else(|| {
        ReadError::new(
            body.first().map(Segment::location).unwrap_or_default(),
            "the ACKRES has no MSG",
        )
    })?;
    let function = text(msg, 0, 1);
    let response = required(msg, 1, 0, "response type")?;
    let mut errors: Vec<PushError> = Vec::new();
    for seg in body {
        match seg.tag() {
            "ERC" => errors.push(PushError {
                code: required(seg, 0, 0, "error code")?,
                text: None,
            }),
            "IFT" => {
                if let Some(e) = errors.last_mut() {
                    let lines: Vec<String> = (1..seg.element_count())
                        .filter_map(|i| seg.get(i, 0).map(|c| c.into_owned()))
                        .collect();
                    e.text
                        .get_or_insert_with(String::new)
                        .push_str(&lines.concat());
                }
            }
            _ => {}
        }
    }
    let outcome = if response == RESPONSE_ACCEPTED && errors.is_empty() {
        PushOutcome::Accepted
    } else {
        PushOutcome::Rejected(errors)
    };
    Ok(Ackres {
        header,
        function,
        response,
        outcome,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use piu_model::LocalDateTime;

    fn request() -> ResponseContext {
        ResponseContext {
            sender: "J2".into(),
            recipient: "AZEPIU".into(),
            interchange_ref: "PNR000045".into(),
            message_ref: "MSG1".into(),
            version: "13.1".into(),
            common_access_ref: Some("J2027/011126/0830".into()),
            push: Some(PushType::Update),
            ..ResponseContext::default()
        }
    }

    fn outgoing() -> Outgoing {
        let at = LocalDateTime::from_parts(2026, 11, 1, Some((6, 0))).unwrap();
        Outgoing::new("A77", "1", at)
    }

    #[test]
    fn accepted_push() {
        let bytes = ackres(&request(), &PushOutcome::Accepted, &outgoing());
        let text = String::from_utf8(bytes.clone()).unwrap();
        assert_eq!(
            text,
            "UNA:+.?*'\nUNB+IATA:1+AZEPIU+J2+261101:0600+A77'\n\
             UNH+1+ACKRES:13:1:IA+J2027/011126/0830'\nMSG+:141+AP'\nUNT+3+1'\nUNZ+1+A77'\n"
        );
        let read = read(&bytes).unwrap().remove(0);
        assert_eq!(read.outcome, PushOutcome::Accepted);
        assert_eq!(read.function, "141");
        assert_eq!(read.header.recipient, "J2");
        assert_eq!(
            read.header.common_access_ref.as_deref(),
            Some("J2027/011126/0830")
        );
    }

    #[test]
    fn rejected_push_carries_its_reasons() {
        let long = "THE FLIGHT NUMBER IN TVL DOES NOT MATCH THE FLIGHT IN UNH 0068: ".repeat(2);
        let outcome = PushOutcome::Rejected(vec![
            PushError::new("114", Some(long.trim_end())),
            PushError::new("103", None),
            PushError::new("103", Some("DEPARTURE 25:99 ISN'T A TIME")),
        ]);
        let bytes = ackres(&request(), &outcome, &outgoing());
        let text = String::from_utf8(bytes.clone()).unwrap();
        assert!(text.contains("MSG+:141+RE'\nERC+114'\nIFT+3+THE FLIGHT"));
        assert!(text.contains("ERC+103'\nERC+103'\nIFT+3+DEPARTURE 25?:99 ISN?'T A TIME'"));
        assert!(text.contains("UNT+8+1'"));
        let read = read(&bytes).unwrap().remove(0);
        assert_eq!(read.response, RESPONSE_REJECTED);
        assert_eq!(read.outcome, outcome);
    }

    #[test]
    fn output_parses_without_faults_and_counts_match() {
        let outcome = PushOutcome::Rejected(vec![PushError::new("103", Some("Zeit ungültig"))]);
        let out = Outgoing {
            group: true,
            ..outgoing()
        };
        let bytes = ackres(&request(), &outcome, &out);
        let parsed = piu_edifact::parse_all(&bytes, &piu_edifact::Limits::default());
        assert!(parsed.errors.is_empty());
        let ic = &parsed.interchanges[0];
        assert_eq!(ic.header().unwrap().syntax_id, "UNOW");
        assert!(ic.warnings().is_empty(), "{:?}", ic.warnings());
        let msg = ic.messages().next().unwrap();
        assert!(msg.error().is_none());
        assert_eq!(msg.warnings().count(), 0);
        assert_eq!(msg.segments().len(), 5);
        assert_eq!(msg.group().map(|g| g.message_type.as_str()), Some("ACKRES"));
        assert_eq!(read(&bytes).unwrap()[0].outcome, outcome);
    }

    #[test]
    fn version_follows_the_push() {
        assert_eq!(version("11.1"), ("11".into(), "1".into()));
        assert_eq!(version("D05B"), ("11".into(), "1".into()));
        assert_eq!(version(""), ("11".into(), "1".into()));
    }
}

//! What the EDIFACT readers share: message metadata from the envelope (UNB, UNG,
//! UNH), notes located at a segment, and raw copies of untyped segments.

use piu_edifact::{Message as Edi, Segment};
use piu_model::{Date, Format, MessageMeta, Note, Parts, RawSegment, Syntax};

use crate::ReadOptions;
use crate::dates;

/// Used to place two-digit years when neither the message nor the caller gives a
/// date: years 70–99 fall in the 1900s, 00–69 in the 2000s.
pub(crate) fn default_reference() -> Date {
    Date::from_calendar_date(2020, time::Month::January, 1).unwrap_or(Date::MIN)
}

/// A note located at `seg`.
pub(crate) fn note_at(seg: &Segment<'_>, message: impl Into<String>) -> Note {
    Note {
        offset: Some(seg.offset()),
        segment: Some(seg.number()),
        tag: Some(seg.tag().to_string()),
        message: message.into(),
    }
}

/// The segment as text, for keeping what the model does not type.
pub(crate) fn raw(seg: &Segment<'_>) -> RawSegment {
    RawSegment {
        tag: seg.tag().to_string(),
        text: seg.raw_clean().into_owned(),
    }
}

/// Whether UNH marks this message as one part of a multi-part series.
pub(crate) fn parts(msg: &Edi<'_>) -> Option<Parts> {
    let h = msg.header();
    let seq = h.sequence?;
    let last = (h.first_last == Some('F')).then_some(seq);
    if seq == 1 && last == Some(1) {
        return None;
    }
    Some(Parts {
        received: vec![seq],
        last,
        complete: false,
    })
}

/// Metadata every EDIFACT message carries in its envelope.
pub(crate) fn meta(msg: &Edi<'_>, format: Format, options: &ReadOptions) -> MessageMeta {
    let h = msg.header();
    let ic = msg.interchange();
    let mut meta = MessageMeta::new(format, Syntax::Edifact);
    let group_version = msg.group().and_then(|g| g.version.clone());
    meta.version = version(format, h.version.as_deref(), h.release.as_deref())
        .or_else(|| {
            group_version.map(|v| v.replace(':', if format == Format::Paxlst { "" } else { "." }))
        })
        .unwrap_or_default();
    meta.message_ref = h.reference.clone();
    meta.common_access_ref = h.common_access_ref.clone();
    if let Some(u) = ic.header() {
        meta.sender = Some(u.sender.id.clone()).filter(|s| !s.is_empty());
        meta.recipient = Some(u.recipient.id.clone()).filter(|s| !s.is_empty());
        meta.interchange_ref = Some(u.control_ref.clone()).filter(|s| !s.is_empty());
        let reference = options.reference_date.unwrap_or_else(default_reference);
        meta.prepared = u
            .prepared_date
            .as_deref()
            .and_then(dates::parse_numeric_date)
            .and_then(|d| {
                let hm = u.prepared_time.as_deref().and_then(dates::parse_hhmm);
                dates::travel_moment(d, hm, reference)
            });
    }
    if meta.sender.is_none() {
        meta.sender = msg
            .group()
            .map(|g| g.sender.id.clone())
            .filter(|s| !s.is_empty());
    }
    meta.charset = Some(ic.charset().name());
    meta.parts = parts(msg);
    meta.warnings = msg.warnings().map(crate::note).collect();
    meta
}

/// `D` + `02B` → `D02B`; `11` + `1` → `11.1`.
fn version(format: Format, version: Option<&str>, release: Option<&str>) -> Option<String> {
    let v = version?;
    Some(match (format, release) {
        (Format::Paxlst, Some(r)) => format!("{v}{r}"),
        (Format::Pnrgov, Some(r)) => format!("{v}.{r}"),
        (_, None) => v.to_string(),
    })
}

/// The date to which two-digit years of a message are related: its travel date,
/// else its preparation date, else the caller's reference.
pub(crate) fn reference_date(
    travel: Option<Date>,
    meta: &MessageMeta,
    options: &ReadOptions,
) -> Date {
    travel
        .or(meta.prepared.map(|p| p.date))
        .or(options.reference_date)
        .unwrap_or_else(default_reference)
}

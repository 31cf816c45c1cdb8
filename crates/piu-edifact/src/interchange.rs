//! The envelope: UNA, UNB … UNZ, functional groups UNG … UNE and messages UNH … UNT.
//!
//! Real traffic arrives wrapped in Type-B or SITA envelopes, with text after UNZ,
//! without UNB, or with control counts that do not add up. All of that is read
//! with a warning; only what makes the input unreadable is an error.

use std::borrow::Cow;

use memchr::memmem;

use crate::charset::{self, Charset, OffsetMap};
use crate::delimiters::{self, Delimiters};
use crate::error::{ErrorKind, Location, SyntaxError, Warning};
use crate::limits::Limits;
use crate::segment::Segment;
use crate::tokenizer::{
    HAS_LINE_BREAK, SegSpan, Sep, Tokens, UNTERMINATED, is_blank, problem, tokenize,
};

/// A party named in UNB or UNG: identification and code qualifier.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Party {
    pub id: String,
    pub qualifier: Option<String>,
}

/// UNB: who sent the interchange to whom, when, and in which repertoire.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct InterchangeHeader {
    /// Syntax identifier, such as `UNOA` or `IATA`.
    pub syntax_id: String,
    /// Syntax version number, such as `4`.
    pub syntax_version: Option<String>,
    pub sender: Party,
    pub recipient: Party,
    /// Date and time of preparation as sent (`YYMMDD` and `HHMM`).
    pub prepared_date: Option<String>,
    pub prepared_time: Option<String>,
    pub control_ref: String,
    pub application_ref: Option<String>,
    pub test: bool,
}

/// UNG: a functional group of messages of one type.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GroupHeader {
    pub message_type: String,
    pub sender: Party,
    pub recipient: Party,
    pub reference: String,
    pub agency: Option<String>,
    /// Message version as sent, such as `D:05B` or `11:1`.
    pub version: Option<String>,
}

/// UNH: one message's reference, type, version and place in a multi-part series.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MessageHeader {
    /// Message reference number (0062).
    pub reference: String,
    /// Message type, such as `PAXLST` (0065).
    pub message_type: String,
    /// Version and release, such as `D` and `02B`, or `11` and `1`.
    pub version: Option<String>,
    pub release: Option<String>,
    pub agency: Option<String>,
    /// Association assigned code, such as `IATA` or `IA`.
    pub association: Option<String>,
    /// Common access reference (0068): ties the parts of a series together.
    pub common_access_ref: Option<String>,
    /// Sequence of transfers (0070).
    pub sequence: Option<u32>,
    /// First and last transfer (0073): `C` first, `F` final.
    pub first_last: Option<char>,
}

#[derive(Clone, Debug)]
struct MessageSpan {
    /// Index of UNH in the segment list.
    first: usize,
    /// Number of segments from UNH to UNT (or to the last segment read).
    count: usize,
    header: MessageHeader,
    group: Option<usize>,
    warnings: Vec<Warning>,
    error: Option<SyntaxError>,
}

/// One interchange (or a run of bare messages), tokenized.
#[derive(Debug)]
pub struct Interchange<'a> {
    text: Cow<'a, str>,
    /// Input offset of `text[0]`.
    base: usize,
    map: OffsetMap,
    delimiters: Delimiters,
    declared: Charset,
    used: Charset,
    header: Option<InterchangeHeader>,
    groups: Vec<GroupHeader>,
    segs: Vec<SegSpan>,
    seps: Vec<Sep>,
    /// Segment number of `segs[0]`.
    first_number: usize,
    messages: Vec<MessageSpan>,
    warnings: Vec<Warning>,
    /// Input offset where reading stopped.
    end: usize,
}

/// What one input held: the interchanges read, and the errors that made one
/// unreadable. An unreadable interchange does not stop the search for the next.
#[derive(Debug)]
pub struct Parsed<'a> {
    pub interchanges: Vec<Interchange<'a>>,
    pub errors: Vec<SyntaxError>,
}

/// Reads every interchange (or bare message run) in `input`, strictly: the first
/// error fails the whole input. Readers that must keep what can be read use
/// [`parse_all`].
pub fn parse<'a>(input: &'a [u8], limits: &Limits) -> Result<Vec<Interchange<'a>>, SyntaxError> {
    let mut parsed = parse_all(input, limits);
    match parsed.errors.is_empty() {
        true => Ok(parsed.interchanges),
        false => Err(parsed.errors.swap_remove(0)),
    }
}

/// Reads every interchange (or bare message run) in `input`.
///
/// An error is recorded when the input holds no EDIFACT at all, exceeds a limit,
/// or an interchange has an unreadable UNA; the interchanges around it are still
/// read. Problems inside a message are kept on that message.
pub fn parse_all<'a>(input: &'a [u8], limits: &Limits) -> Parsed<'a> {
    let mut parsed = Parsed {
        interchanges: Vec::new(),
        errors: Vec::new(),
    };
    let max = limits.max_bytes.min(Limits::HARD_MAX_BYTES);
    if input.len() > max {
        parsed.errors.push(SyntaxError::at(
            max,
            ErrorKind::LimitExceeded,
            format!(
                "the input is {} bytes long, more than the limit of {max}",
                input.len()
            ),
        ));
        return parsed;
    }
    let out = &mut parsed.interchanges;
    let mut from = 0;
    let mut number = 1;
    while from < input.len() {
        let Some(start) = find_start(input, from) else {
            let rest = &input[from..];
            match (out.last_mut(), first_non_blank(input, from)) {
                (Some(last), Some(at)) => last.warnings.push(Warning::new(
                    Location::at(at),
                    format!(
                        "{} bytes of text after the end of the interchange were ignored: {}",
                        rest.len() - (at - from),
                        excerpt(&input[at..])
                    ),
                )),
                (None, _) if parsed.errors.is_empty() => parsed.errors.push(SyntaxError::at(
                    first_non_blank(input, 0).unwrap_or(0),
                    ErrorKind::NoInterchange,
                    "no UNA, UNB or UNH segment found: the input is not an EDIFACT interchange",
                )),
                _ => {}
            }
            break;
        };
        let skipped = first_non_blank(input, from)
            .filter(|&at| at < start && parsed.errors.is_empty())
            .map(|at| {
                Warning::new(
                    Location::at(at),
                    format!(
                        "{} bytes before the interchange were skipped (a transport envelope?): {}",
                        start - at,
                        excerpt(&input[at..start])
                    ),
                )
            });
        match read_one(input, start, number, limits) {
            Ok(mut ic) => {
                if let Some(w) = skipped {
                    ic.warnings.insert(0, w);
                }
                number += ic.segs.len();
                from = ic.end.max(start + 1);
                out.push(ic);
            }
            Err(e) => {
                parsed.errors.push(e);
                // Look for the next interchange after the unreadable one.
                from = start + 3;
            }
        }
    }
    parsed
}

fn first_non_blank(input: &[u8], from: usize) -> Option<usize> {
    input[from..]
        .iter()
        .position(|&b| !is_blank(b))
        .map(|p| from + p)
}

fn excerpt(bytes: &[u8]) -> String {
    let s = String::from_utf8_lossy(&bytes[..bytes.len().min(60)]);
    let s: String = s
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if bytes.len() > 60 {
        format!("\"{s}…\"")
    } else {
        format!("\"{s}\"")
    }
}

/// Finds where the next interchange starts: a UNA, a UNB or a bare UNH.
fn find_start(input: &[u8], from: usize) -> Option<usize> {
    let hay = &input[from..];
    memmem::find_iter(hay, b"UN")
        .map(|p| from + p)
        .find(|&p| is_start_at(input, p))
}

fn is_start_at(input: &[u8], p: usize) -> bool {
    if p > 0 && input[p - 1].is_ascii_alphanumeric() {
        return false;
    }
    let rest = &input[p..];
    let Some(&sep) = rest.get(3) else {
        return false;
    };
    if sep.is_ascii_alphanumeric() || is_blank(sep) {
        return false;
    }
    match &rest[..3] {
        b"UNA" => rest.len() >= 9,
        // UNB+UNOA or UNB+IATA: four capitals after the element separator.
        b"UNB" => rest
            .get(4..8)
            .is_some_and(|id| id.iter().all(|b| b.is_ascii_uppercase())),
        // UNH+ followed by a message reference.
        b"UNH" => rest.get(4).is_some_and(|b| !is_blank(*b)),
        _ => false,
    }
}

/// The syntax identifier of the UNB at `pos`, read from the raw bytes.
fn peek_syntax_id<'a>(input: &'a [u8], pos: usize, d: &Delimiters) -> Option<&'a str> {
    let rest = input.get(pos..)?;
    if !rest.starts_with(b"UNB") {
        return None;
    }
    let id = rest.get(4..)?;
    let len = id
        .iter()
        .position(|&b| b == d.component || b == d.element || b == d.terminator)
        .unwrap_or(id.len())
        .min(8);
    std::str::from_utf8(&id[..len]).ok()
}

fn read_one<'a>(
    input: &'a [u8],
    start: usize,
    first_number: usize,
    limits: &Limits,
) -> Result<Interchange<'a>, SyntaxError> {
    let mut warnings = Vec::new();
    let (delimiters, una_len, curly) = if input[start..].starts_with(b"UNA") {
        let una = delimiters::parse_una(&input[start..], start)?;
        if let Some(note) = una.recovered {
            warnings.push(Warning::new(Location::at(start), note));
        }
        (una.delimiters, una.len, una.curly_terminator)
    } else {
        (Delimiters::default(), 0, false)
    };
    let unb_at = first_non_blank(input, start + una_len).unwrap_or(input.len());
    let declared = peek_syntax_id(input, unb_at, &delimiters)
        .map(Charset::from_syntax_identifier)
        .unwrap_or(Charset::Unspecified);
    let decoded = charset::decode(&input[start..], declared);
    if let Some(note) = decoded.note {
        warnings.push(Warning::new(Location::at(start), note));
    }
    if curly && decoded.map != OffsetMap::Identity {
        // The typographic apostrophe is found as a UTF-8 character; in text that
        // is not UTF-8 it cannot be told apart from other bytes.
        return Err(SyntaxError::new(
            Location {
                offset: start,
                segment: None,
                tag: Some("UNA".into()),
            },
            ErrorKind::BadServiceString,
            "the UNA declares the typographic apostrophe \u{2019} as segment terminator, \
             but the interchange is not UTF-8 text",
        ));
    }
    let (text, map, body_start) = if curly {
        let release = delimiters.release.unwrap_or(b'?');
        let (s, map) = charset::straighten_curly_terminators(&decoded.text, release);
        (Cow::Owned(s), map, 9)
    } else {
        let body = if una_len == 0 {
            0
        } else {
            // Text positions equal input positions for the ASCII UNA.
            una_len
        };
        (decoded.text, decoded.map, body)
    };
    let mut ic = Interchange {
        text,
        base: start,
        map,
        delimiters,
        declared,
        used: decoded.used,
        header: None,
        groups: Vec::new(),
        segs: Vec::new(),
        seps: Vec::new(),
        first_number,
        messages: Vec::new(),
        warnings,
        end: input.len(),
    };
    let stop = build(&mut ic, body_start, limits)?;
    ic.end = start + ic.map.original(&ic.text, stop);
    Ok(ic)
}

/// Tokenizes the text from `pos` and records the envelope structure. Returns the
/// text position where reading stopped.
fn build(ic: &mut Interchange<'_>, pos: usize, limits: &Limits) -> Result<usize, SyntaxError> {
    let text: &str = &ic.text;
    let bytes = text.as_bytes();
    let Tokens {
        mut segs,
        mut seps,
        end,
        too_many_segments,
    } = tokenize(bytes, pos, &ic.delimiters, limits);
    if too_many_segments {
        return Err(SyntaxError::at(
            ic.base + ic.map.original(text, end),
            ErrorKind::LimitExceeded,
            format!(
                "the interchange has more than {} segments",
                limits.max_segments
            ),
        ));
    }
    let mut stop = end;
    let mut messages: Vec<MessageSpan> = Vec::new();
    let mut groups: Vec<GroupHeader> = Vec::new();
    let mut warnings: Vec<Warning> = Vec::new();
    let mut header: Option<InterchangeHeader> = None;
    let mut open: Option<MessageSpan> = None;
    let mut group: Option<(usize, usize)> = None; // (group index, messages in it)
    let mut unz_seen = false;
    let mut messages_total = 0usize;
    // The input may end inside the last segment. A line break in it most likely
    // separates the segment from text appended after it.
    let mut trailing = None;
    if let Some(last) = segs.last_mut()
        && last.flags & UNTERMINATED != 0
        && last.flags & HAS_LINE_BREAK != 0
    {
        let raw = &text[last.start as usize..last.end as usize];
        if let Some(lb) = raw.find(['\r', '\n']) {
            let cut = last.start + lb as u32;
            trailing = Some(cut as usize);
            let keep = seps[last.first_sep as usize..]
                .iter()
                .take_while(|s| s.pos() < cut as usize)
                .count();
            seps.truncate(last.first_sep as usize + keep);
            last.sep_count = keep as u16;
            last.end = cut;
            last.flags &= !HAS_LINE_BREAK;
        }
    }
    let mut new_interchange_at = None;
    for (index, &span) in segs.iter().enumerate() {
        let seg_seps = &seps[span.first_sep as usize..][..span.sep_count as usize];
        let problem = problem(bytes, &span, seg_seps, limits);
        if problem.is_none()
            && open.is_some()
            && span.flags & UNTERMINATED == 0
            && !bytes[span.start as usize..].starts_with(b"UN")
        {
            // The common case: a data segment inside a message.
            continue;
        }
        let seg = Segment::new(
            text,
            span,
            seg_seps,
            ic.delimiters.release,
            ic.first_number + index,
            ic.base,
            &ic.map,
        );
        if span.flags & UNTERMINATED != 0 && (seg.tag() != "UNZ" || trailing.is_some()) {
            warnings.push(Warning::new(
                seg.location(),
                "the input ends without a segment terminator after this segment",
            ));
            if let Some(at) = trailing {
                let rest = text[at..].trim();
                if !rest.is_empty() {
                    warnings.push(Warning::new(
                        Location::at(ic.base + ic.map.original(text, at)),
                        format!(
                            "text after the last segment was ignored: {}",
                            excerpt(rest.as_bytes())
                        ),
                    ));
                }
            }
        }
        if let Some(p) = problem {
            let err = SyntaxError::new(seg.location(), p.kind, p.message);
            match open.as_mut() {
                Some(m) => {
                    if m.error.is_none() {
                        m.error = Some(err);
                    }
                }
                None if p.kind == ErrorKind::LimitExceeded || index == 0 => return Err(err),
                None => warnings.push(Warning::new(
                    err.location.clone(),
                    format!("{} (outside any message; skipped)", err.message),
                )),
            }
            continue;
        }
        let tag = seg.tag();
        if open.is_some() && !tag.starts_with("UN") {
            continue;
        }
        match tag {
            "UNB" if index == 0 => header = Some(read_unb(&seg)),
            "UNB" => {
                // Another interchange begins without UNZ before it.
                warnings.push(Warning::new(
                    seg.location(),
                    "a new UNB begins before UNZ closed this interchange",
                ));
                new_interchange_at = Some(index);
                stop = span.start as usize;
                break;
            }
            "UNG" => {
                close_without_trailer(&mut open, &mut messages, &seg, index);
                groups.push(read_ung(&seg));
                group = Some((groups.len() - 1, 0));
            }
            "UNE" => {
                close_without_trailer(&mut open, &mut messages, &seg, index);
                match group.take() {
                    Some((_, n)) => check_count(&seg, n, "messages in the group", &mut warnings),
                    None => warnings.push(Warning::new(seg.location(), "UNE without UNG")),
                }
            }
            "UNH" => {
                close_without_trailer(&mut open, &mut messages, &seg, index);
                open = Some(MessageSpan {
                    first: index,
                    count: 0,
                    header: read_unh(&seg),
                    group: group.map(|g| g.0),
                    warnings: Vec::new(),
                    error: None,
                });
                messages_total += 1;
                if let Some(g) = group.as_mut() {
                    g.1 += 1;
                }
            }
            "UNT" => match open.take() {
                Some(mut m) => {
                    m.count = index + 1 - m.first;
                    check_count(&seg, m.count, "segments in the message", &mut m.warnings);
                    if let Some(r) = seg.get(1, 0)
                        && r.trim() != m.header.reference
                    {
                        m.warnings.push(Warning::new(
                            seg.location(),
                            format!(
                                "UNT names message reference {:?}, but UNH said {:?}",
                                r.trim(),
                                m.header.reference
                            ),
                        ));
                    }
                    messages.push(m);
                }
                None => warnings.push(Warning::new(seg.location(), "UNT without UNH; ignored")),
            },
            "UNZ" => {
                close_without_trailer(&mut open, &mut messages, &seg, index);
                if group.is_some() {
                    warnings.push(Warning::new(
                        seg.location(),
                        "UNZ closes a group that has no UNE",
                    ));
                }
                let expected = if groups.is_empty() {
                    messages_total
                } else {
                    groups.len()
                };
                let what = if groups.is_empty() {
                    "messages in the interchange"
                } else {
                    "groups in the interchange"
                };
                check_count(&seg, expected, what, &mut warnings);
                if let (Some(h), Some(r)) = (&header, seg.get(1, 0))
                    && r.trim() != h.control_ref
                {
                    warnings.push(Warning::new(
                        seg.location(),
                        format!(
                            "UNZ names control reference {:?}, but UNB said {:?}",
                            r.trim(),
                            h.control_ref
                        ),
                    ));
                }
                unz_seen = true;
                break;
            }
            tag => {
                if open.is_none() {
                    warnings.push(Warning::new(
                        seg.location(),
                        format!(
                            "segment {tag} stands outside any message (no UNH before it); ignored"
                        ),
                    ));
                }
            }
        }
    }
    if let Some(cut) = new_interchange_at {
        seps.truncate(segs[cut].first_sep as usize);
        segs.truncate(cut);
    }
    if let Some(mut m) = open.take() {
        m.count = segs.len() - m.first;
        m.warnings.push(Warning::new(
            Location::at(ic.base + ic.map.original(text, stop)),
            "the input ends before UNT closed this message",
        ));
        messages.push(m);
    }
    if header.is_some() && !unz_seen {
        warnings.push(Warning::new(
            Location::at(ic.base + ic.map.original(text, stop)),
            "the input ends before UNZ closed the interchange",
        ));
    }
    if messages.is_empty() {
        warnings.push(Warning::new(
            Location::at(ic.base),
            "the interchange holds no message (no UNH)",
        ));
    }
    ic.segs = segs;
    ic.seps = seps;
    ic.messages = messages;
    ic.groups = groups;
    ic.header = header;
    ic.warnings.extend(warnings);
    Ok(stop)
}

fn close_without_trailer(
    open: &mut Option<MessageSpan>,
    messages: &mut Vec<MessageSpan>,
    next: &Segment<'_>,
    next_index: usize,
) {
    if let Some(mut m) = open.take() {
        m.count = next_index - m.first;
        m.warnings.push(Warning::new(
            next.location(),
            format!(
                "{} comes before UNT closed message {:?}",
                next.tag(),
                m.header.reference
            ),
        ));
        messages.push(m);
    }
}

fn check_count(seg: &Segment<'_>, actual: usize, what: &str, warnings: &mut Vec<Warning>) {
    match seg.get(0, 0).map(|s| s.trim().parse::<usize>()) {
        Some(Ok(n)) if n == actual => {}
        Some(Ok(n)) => warnings.push(Warning::new(
            seg.location(),
            format!("{} says {n} {what}, but {actual} were read", seg.tag()),
        )),
        Some(Err(_)) => warnings.push(Warning::new(
            seg.location(),
            format!("{} carries no number of {what}", seg.tag()),
        )),
        None => warnings.push(Warning::new(
            seg.location(),
            format!("{} carries no control count", seg.tag()),
        )),
    }
}

fn party(seg: &Segment<'_>, element: usize) -> Party {
    Party {
        id: seg.trimmed(element, 0).unwrap_or_default(),
        qualifier: seg.trimmed(element, 1),
    }
}

fn read_unb(seg: &Segment<'_>) -> InterchangeHeader {
    InterchangeHeader {
        syntax_id: seg.trimmed(0, 0).unwrap_or_default(),
        syntax_version: seg.trimmed(0, 1),
        sender: party(seg, 1),
        recipient: party(seg, 2),
        prepared_date: seg.trimmed(3, 0),
        prepared_time: seg.trimmed(3, 1),
        control_ref: seg.trimmed(4, 0).unwrap_or_default(),
        application_ref: seg.trimmed(6, 0),
        test: seg.trimmed(10, 0).as_deref() == Some("1"),
    }
}

fn read_ung(seg: &Segment<'_>) -> GroupHeader {
    let version = seg
        .element(6)
        .map(|e| e.as_value().text().trim().to_string());
    GroupHeader {
        message_type: seg.trimmed(0, 0).unwrap_or_default(),
        sender: party(seg, 1),
        recipient: party(seg, 2),
        reference: seg.trimmed(4, 0).unwrap_or_default(),
        agency: seg.trimmed(5, 0),
        version: version.filter(|v| !v.is_empty()),
    }
}

fn read_unh(seg: &Segment<'_>) -> MessageHeader {
    MessageHeader {
        reference: seg.trimmed(0, 0).unwrap_or_default(),
        message_type: seg.trimmed(1, 0).unwrap_or_default(),
        version: seg.trimmed(1, 1),
        release: seg.trimmed(1, 2),
        agency: seg.trimmed(1, 3),
        association: seg.trimmed(1, 4),
        common_access_ref: seg.trimmed(2, 0),
        sequence: seg.trimmed(3, 0).and_then(|s| s.parse().ok()),
        first_last: seg.trimmed(3, 1).and_then(|s| s.chars().next()),
    }
}

impl<'a> Interchange<'a> {
    /// The service characters in force.
    pub fn delimiters(&self) -> &Delimiters {
        &self.delimiters
    }

    /// The repertoire the UNB declared.
    pub fn declared_charset(&self) -> Charset {
        self.declared
    }

    /// The repertoire the text was actually decoded from.
    pub fn charset(&self) -> Charset {
        self.used
    }

    /// UNB, absent for bare messages.
    pub fn header(&self) -> Option<&InterchangeHeader> {
        self.header.as_ref()
    }

    /// Warnings about the envelope (text around it, counts, repertoire).
    pub fn warnings(&self) -> &[Warning] {
        &self.warnings
    }

    /// Input offset where this interchange starts (its UNA, UNB or UNH).
    pub fn start(&self) -> usize {
        self.base
    }

    /// Number of segments read, including envelope segments.
    pub fn segment_count(&self) -> usize {
        self.segs.len()
    }

    /// The messages, in order.
    pub fn messages(&self) -> impl ExactSizeIterator<Item = Message<'_>> + '_ {
        (0..self.messages.len()).map(move |i| Message { ic: self, index: i })
    }

    fn segment(&self, i: usize) -> Segment<'_> {
        let span = self.segs[i];
        Segment::new(
            &self.text,
            span,
            &self.seps[span.first_sep as usize..][..span.sep_count as usize],
            self.delimiters.release,
            self.first_number + i,
            self.base,
            &self.map,
        )
    }
}

/// One message (UNH … UNT) of an interchange.
#[derive(Clone, Copy)]
pub struct Message<'i> {
    ic: &'i Interchange<'i>,
    index: usize,
}

impl<'i> Message<'i> {
    fn span(&self) -> &'i MessageSpan {
        &self.ic.messages[self.index]
    }

    /// UNH as read.
    pub fn header(&self) -> &'i MessageHeader {
        &self.span().header
    }

    /// UNB of the interchange, if any.
    pub fn interchange(&self) -> &'i Interchange<'i> {
        self.ic
    }

    /// UNG of the group this message belongs to, if any.
    pub fn group(&self) -> Option<&'i GroupHeader> {
        self.span().group.map(|g| &self.ic.groups[g])
    }

    /// The syntax error that makes this message unreadable, if any.
    pub fn error(&self) -> Option<&'i SyntaxError> {
        self.span().error.as_ref()
    }

    /// Warnings about this message and about the envelope around it.
    pub fn warnings(&self) -> impl Iterator<Item = &'i Warning> + 'i {
        self.ic.warnings.iter().chain(self.span().warnings.iter())
    }

    /// Where the message starts (its UNH).
    pub fn location(&self) -> Location {
        self.ic.segment(self.span().first).location()
    }

    /// All segments from UNH to UNT.
    pub fn segments(&self) -> impl ExactSizeIterator<Item = Segment<'i>> + 'i {
        let ic = self.ic;
        let span = self.span();
        (span.first..span.first + span.count).map(move |i| ic.segment(i))
    }

    /// The segments between UNH and UNT.
    pub fn body(&self) -> impl Iterator<Item = Segment<'i>> + 'i {
        self.segments()
            .skip(1)
            .filter(|s| !matches!(s.tag(), "UNT" | "UNH"))
    }
}

#[cfg(test)]
mod tests;

//! One pass over the text that finds segments and the separators inside them.
//!
//! Nothing is copied: a segment is a span of the text plus a run of separator
//! positions in a shared vector. Values are cut out of the text on demand. The
//! loop does as little per segment as it can; checks that concern one segment
//! (tag, length, element counts) are made by the caller through [`problem`].

use crate::delimiters::Delimiters;
use crate::error::ErrorKind;
use crate::limits::Limits;

/// The segment contains a release character: values must be unescaped.
pub(crate) const HAS_RELEASE: u8 = 1;
/// The segment contains a line break (Type-B line folding): values must be cleaned.
pub(crate) const HAS_LINE_BREAK: u8 = 2;
/// The input ended before the segment terminator.
pub(crate) const UNTERMINATED: u8 = 4;
/// More separators than the limits allow; the excess was not recorded.
pub(crate) const TRUNCATED: u8 = 8;

/// Kinds of separator recorded in [`Sep`].
pub(crate) const ELEMENT: u8 = 1;
pub(crate) const COMPONENT: u8 = 2;
pub(crate) const REPETITION: u8 = 3;

const RELEASE: u8 = 4;
const TERMINATOR: u8 = 5;
const LINE_BREAK: u8 = 6;

/// One segment: `text[start..end]`, without its terminator. Kept small (16
/// bytes): an interchange holds one per segment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct SegSpan {
    pub start: u32,
    pub end: u32,
    /// Index of the first separator of this segment in the separator vector.
    pub first_sep: u32,
    pub sep_count: u16,
    pub flags: u8,
}

impl SegSpan {
    /// End of the tag: the first separator, or the end of the segment.
    pub fn tag_end(&self, seps: &[Sep]) -> usize {
        seps.first().map_or(self.end as usize, |s| s.pos())
    }
}

/// A separator: its position and kind ([`ELEMENT`], [`COMPONENT`] or
/// [`REPETITION`]) packed in 32 bits, which bounds inputs to 1 GiB.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Sep(u32);

impl Sep {
    fn new(pos: usize, kind: u8) -> Sep {
        Sep(((pos as u32) << 2) | kind as u32)
    }

    pub fn pos(self) -> usize {
        (self.0 >> 2) as usize
    }

    pub fn kind(self) -> u8 {
        (self.0 & 3) as u8
    }
}

/// Why a segment cannot be used.
#[derive(Debug)]
pub(crate) struct Problem {
    pub kind: ErrorKind,
    pub message: String,
}

/// What one pass found.
pub(crate) struct Tokens {
    pub segs: Vec<SegSpan>,
    pub seps: Vec<Sep>,
    /// Text position after the last segment read.
    pub end: usize,
    /// Set when the segment limit stopped the pass.
    pub too_many_segments: bool,
}

/// Tokenizes `text` from `pos` until the end, or until a UNZ segment has been read.
pub(crate) fn tokenize(
    text: &[u8],
    pos: usize,
    delimiters: &Delimiters,
    limits: &Limits,
) -> Tokens {
    let classes = classes(delimiters);
    let rest = text.len().saturating_sub(pos);
    // Passenger data has a segment every 15 to 30 bytes and a separator every 4
    // to 6. Reserving for the densest case avoids copying the vectors as they
    // grow; pages reserved and never written cost no memory.
    let mut segs: Vec<SegSpan> = Vec::with_capacity(rest / 10 + 8);
    let mut seps: Vec<Sep> = Vec::with_capacity(rest / 3 + 8);
    let max_seps = limits
        .max_elements
        .saturating_mul(4)
        .clamp(64, u16::MAX as usize);
    let n = text.len();
    let mut i = pos;
    loop {
        while i < n && is_blank(text[i]) {
            i += 1;
        }
        if i >= n {
            break;
        }
        if segs.len() >= limits.max_segments {
            return Tokens {
                segs,
                seps,
                end: i,
                too_many_segments: true,
            };
        }
        let start = i;
        let first_sep = seps.len();
        let mut flags = 0u8;
        let end = loop {
            // Most bytes are data: step over them in a tight loop.
            while i < n && classes[text[i] as usize] == 0 {
                i += 1;
            }
            if i >= n {
                flags |= UNTERMINATED;
                break n;
            }
            let kind = classes[text[i] as usize];
            if kind <= REPETITION {
                if seps.len() - first_sep < max_seps {
                    seps.push(Sep::new(i, kind));
                } else {
                    flags |= TRUNCATED;
                }
                i += 1;
            } else if kind == TERMINATOR {
                i += 1;
                break i - 1;
            } else if kind == RELEASE {
                flags |= HAS_RELEASE;
                i += 2;
            } else {
                flags |= HAS_LINE_BREAK;
                i += 1;
            }
        };
        i = i.min(n);
        let tag_end = seps.get(first_sep).map_or(end, |s| s.pos());
        segs.push(SegSpan {
            start: start as u32,
            end: end as u32,
            first_sep: first_sep as u32,
            sep_count: (seps.len() - first_sep) as u16,
            flags,
        });
        if &text[start..tag_end] == b"UNZ" {
            break;
        }
    }
    Tokens {
        segs,
        seps,
        end: i,
        too_many_segments: false,
    }
}

fn classes(d: &Delimiters) -> [u8; 256] {
    let mut classes = [0u8; 256];
    classes[b'\r' as usize] = LINE_BREAK;
    classes[b'\n' as usize] = LINE_BREAK;
    classes[d.element as usize] = ELEMENT;
    classes[d.component as usize] = COMPONENT;
    if let Some(r) = d.repetition {
        classes[r as usize] = REPETITION;
    }
    if let Some(r) = d.release {
        classes[r as usize] = RELEASE;
    }
    classes[d.terminator as usize] = TERMINATOR;
    classes
}

/// Why a segment cannot be used, if it cannot: a bad tag, or a limit exceeded.
#[inline]
pub(crate) fn problem(
    text: &[u8],
    span: &SegSpan,
    seps: &[Sep],
    limits: &Limits,
) -> Option<Problem> {
    let start = span.start as usize;
    let fine = span.tag_end(seps) == start + 3
        && text[start..start + 3]
            .iter()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        && (span.end - span.start) as usize <= limits.max_segment_bytes
        && span.flags & TRUNCATED == 0
        && (span.sep_count as usize) <= limits.max_elements.min(limits.max_components);
    if fine {
        None
    } else {
        describe_problem(text, span, seps, limits)
    }
}

#[cold]
fn describe_problem(text: &[u8], span: &SegSpan, seps: &[Sep], limits: &Limits) -> Option<Problem> {
    let tag = &text[span.start as usize..span.tag_end(seps)];
    let tag_ok = tag.len() == 3
        && tag
            .iter()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
    if !tag_ok {
        let shown: String = String::from_utf8_lossy(&tag[..tag.len().min(20)]).into_owned();
        return Some(Problem {
            kind: ErrorKind::BadSegmentTag,
            message: format!(
                "expected a segment tag of three capital letters or digits, found {shown:?}{}",
                if tag.len() > 20 { "…" } else { "" }
            ),
        });
    }
    let len = (span.end - span.start) as usize;
    if len > limits.max_segment_bytes {
        return Some(Problem {
            kind: ErrorKind::LimitExceeded,
            message: format!(
                "the segment is {len} bytes long, more than the limit of {}",
                limits.max_segment_bytes
            ),
        });
    }
    let few = (span.sep_count as usize) <= limits.max_elements.min(limits.max_components);
    if span.flags & TRUNCATED != 0 || !few && exceeds(seps, limits) {
        return Some(Problem {
            kind: ErrorKind::LimitExceeded,
            message: format!(
                "the segment has more than {} data elements or {} components in one element",
                limits.max_elements, limits.max_components
            ),
        });
    }
    None
}

/// Whether a segment's separators exceed the element or component limits.
fn exceeds(seps: &[Sep], limits: &Limits) -> bool {
    let mut elements = 0;
    let mut components = 0;
    for s in seps {
        if s.kind() == COMPONENT {
            components += 1;
            if components > limits.max_components {
                return true;
            }
        } else {
            elements += 1;
            components = 0;
            if elements > limits.max_elements {
                return true;
            }
        }
    }
    false
}

/// Bytes skipped between segments: blanks, line breaks and transmission control characters.
pub(crate) fn is_blank(b: u8) -> bool {
    b <= b' ' || b == 0x7f
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segments(text: &str) -> Vec<(String, Vec<u8>, Option<String>)> {
        let d = Delimiters::default();
        let limits = Limits::default();
        let t = tokenize(text.as_bytes(), 0, &d, &limits);
        t.segs
            .iter()
            .map(|span| {
                let s = &text[span.start as usize..span.end as usize];
                let seps = &t.seps[span.first_sep as usize..][..span.sep_count as usize];
                let p = problem(text.as_bytes(), span, seps, &limits).map(|p| p.message);
                (s.to_string(), seps.iter().map(|s| s.kind()).collect(), p)
            })
            .collect()
    }

    #[test]
    fn splits_segments_and_separators() {
        let s = segments("UNH+1+PAXLST:D:02B'\r\n  BGM+745'");
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].0, "UNH+1+PAXLST:D:02B");
        assert_eq!(s[0].1, vec![ELEMENT, ELEMENT, COMPONENT, COMPONENT]);
        assert_eq!(s[1].0, "BGM+745");
    }

    #[test]
    fn released_terminator_stays_in_segment() {
        let s = segments("NAD+FL+++O?'BRIEN'CNT+42:1'");
        assert_eq!(s[0].0, "NAD+FL+++O?'BRIEN");
        assert_eq!(s[1].0, "CNT+42:1");
        let s = segments("FTX+AAI+++A??'B'");
        assert_eq!(s[0].0, "FTX+AAI+++A??");
        assert_eq!(s[1].0, "B");
        assert!(s[1].2.as_ref().unwrap().contains("three capital"));
    }

    #[test]
    fn bad_tag_is_reported_and_skipped() {
        let s = segments("xx+1'BGM+745'");
        assert!(s[0].2.is_some());
        assert_eq!(s[1].0, "BGM+745");
        assert!(s[1].2.is_none());
    }

    #[test]
    fn stops_after_unz() {
        let s = segments("UNZ+1+1'garbage here'");
        assert_eq!(s.len(), 1);
    }

    #[test]
    fn element_limit() {
        let d = Delimiters::default();
        let limits = Limits {
            max_elements: 3,
            ..Limits::default()
        };
        let text = b"ABC+1+2+3+4+5'";
        let t = tokenize(text, 0, &d, &limits);
        let p = problem(text, &t.segs[0], &t.seps, &limits).unwrap();
        assert_eq!(p.kind, ErrorKind::LimitExceeded);
        let limits = Limits {
            max_elements: 1,
            ..Limits::default()
        };
        // Beyond the recording bound, separators are not kept at all.
        let text = format!("ABC{}'", "+1".repeat(100));
        let t = tokenize(text.as_bytes(), 0, &d, &limits);
        assert_eq!(t.seps.len(), 64);
        assert!(problem(text.as_bytes(), &t.segs[0], &t.seps, &limits).is_some());
    }
}

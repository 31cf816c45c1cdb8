//! One pass over the text that finds segments and the separators inside them.
//!
//! Nothing is copied: a segment is a span of the text plus a run of separator
//! positions in a shared vector. Values are cut out of the text on demand.

use crate::delimiters::Delimiters;
use crate::error::ErrorKind;
use crate::limits::Limits;

/// The segment contains a release character: values must be unescaped.
pub(crate) const HAS_RELEASE: u8 = 1;
/// The segment contains a line break (Type-B line folding): values must be cleaned.
pub(crate) const HAS_LINE_BREAK: u8 = 2;
/// The input ended before the segment terminator.
pub(crate) const UNTERMINATED: u8 = 4;

/// Kinds of separator recorded in [`Sep`].
pub(crate) const ELEMENT: u8 = 1;
pub(crate) const COMPONENT: u8 = 2;
pub(crate) const REPETITION: u8 = 3;

const RELEASE: u8 = 4;
const TERMINATOR: u8 = 5;
const LINE_BREAK: u8 = 6;

/// One segment: `text[start..end]`, without its terminator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct SegSpan {
    pub start: u32,
    pub end: u32,
    pub tag_end: u32,
    /// Index of the first separator of this segment in the separator vector.
    pub first_sep: u32,
    pub sep_count: u32,
    pub flags: u8,
}

/// A separator at `pos`, of kind [`ELEMENT`], [`COMPONENT`] or [`REPETITION`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Sep {
    pub pos: u32,
    pub kind: u8,
}

/// Why a segment cannot be used; the tokenizer has already stepped past it.
#[derive(Debug)]
pub(crate) struct Problem {
    pub kind: ErrorKind,
    pub message: String,
}

pub(crate) struct Tokenizer<'t> {
    text: &'t [u8],
    pos: usize,
    classes: [u8; 256],
    limits: Limits,
}

impl<'t> Tokenizer<'t> {
    pub(crate) fn new(text: &'t [u8], pos: usize, delimiters: &Delimiters, limits: Limits) -> Self {
        let mut classes = [0u8; 256];
        classes[b'\r' as usize] = LINE_BREAK;
        classes[b'\n' as usize] = LINE_BREAK;
        classes[delimiters.element as usize] = ELEMENT;
        classes[delimiters.component as usize] = COMPONENT;
        if let Some(r) = delimiters.repetition {
            classes[r as usize] = REPETITION;
        }
        if let Some(r) = delimiters.release {
            classes[r as usize] = RELEASE;
        }
        classes[delimiters.terminator as usize] = TERMINATOR;
        Tokenizer {
            text,
            pos,
            classes,
            limits,
        }
    }

    /// Where the next segment would start.
    pub(crate) fn position(&self) -> usize {
        self.pos
    }

    /// Skips blanks and control characters between segments; returns false at the end.
    pub(crate) fn skip_blanks(&mut self) -> bool {
        while self.pos < self.text.len() && is_blank(self.text[self.pos]) {
            self.pos += 1;
        }
        self.pos < self.text.len()
    }

    /// Reads the next segment, appending its separators to `seps`.
    ///
    /// Returns `None` at the end of the text. A segment with a problem is still
    /// returned with its span, so that the caller can report it and go on.
    pub(crate) fn next_segment(
        &mut self,
        seps: &mut Vec<Sep>,
    ) -> Option<(SegSpan, Option<Problem>)> {
        if !self.skip_blanks() {
            return None;
        }
        let text = self.text;
        let start = self.pos;
        let first_sep = seps.len();
        let max_seps = self.limits.max_elements.saturating_mul(4).max(64);
        let mut flags = 0u8;
        let mut elements = 0usize;
        let mut components = 0usize;
        let mut too_many = false;
        let mut i = start;
        let end = loop {
            let Some(&b) = text.get(i) else {
                flags |= UNTERMINATED;
                break text.len();
            };
            match self.classes[b as usize] {
                0 => i += 1,
                TERMINATOR => {
                    let end = i;
                    i += 1;
                    break end;
                }
                RELEASE => {
                    flags |= HAS_RELEASE;
                    i += 2;
                }
                LINE_BREAK => {
                    flags |= HAS_LINE_BREAK;
                    i += 1;
                }
                kind => {
                    match kind {
                        ELEMENT | REPETITION => {
                            elements += 1;
                            components = 0;
                        }
                        _ => components += 1,
                    }
                    if elements > self.limits.max_elements
                        || components > self.limits.max_components
                        || seps.len() - first_sep >= max_seps
                    {
                        too_many = true;
                    } else {
                        seps.push(Sep {
                            pos: i as u32,
                            kind,
                        });
                    }
                    i += 1;
                }
            }
        };
        self.pos = i.min(text.len());
        let end = end.min(text.len());
        let tag_end = seps.get(first_sep).map(|s| s.pos as usize).unwrap_or(end);
        let span = SegSpan {
            start: start as u32,
            end: end as u32,
            tag_end: tag_end as u32,
            first_sep: first_sep as u32,
            sep_count: (seps.len() - first_sep) as u32,
            flags,
        };
        let problem = if too_many {
            Some(Problem {
                kind: ErrorKind::LimitExceeded,
                message: format!(
                    "the segment has more than {} data elements or {} components in one element",
                    self.limits.max_elements, self.limits.max_components
                ),
            })
        } else if end - start > self.limits.max_segment_bytes {
            Some(Problem {
                kind: ErrorKind::LimitExceeded,
                message: format!(
                    "the segment is {} bytes long, more than the limit of {}",
                    end - start,
                    self.limits.max_segment_bytes
                ),
            })
        } else {
            check_tag(&text[start..tag_end])
        };
        Some((span, problem))
    }
}

/// Bytes skipped between segments: blanks, line breaks and transmission control characters.
pub(crate) fn is_blank(b: u8) -> bool {
    b == b' ' || b < 0x20 || b == 0x7f
}

fn check_tag(tag: &[u8]) -> Option<Problem> {
    let ok = tag.len() == 3
        && tag
            .iter()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
    if ok {
        return None;
    }
    let shown: String = String::from_utf8_lossy(&tag[..tag.len().min(20)]).into_owned();
    Some(Problem {
        kind: ErrorKind::BadSegmentTag,
        message: format!(
            "expected a segment tag of three capital letters or digits, found {shown:?}{}",
            if tag.len() > 20 { "…" } else { "" }
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segments(text: &str) -> Vec<(String, Vec<u8>, Option<String>)> {
        let d = Delimiters::default();
        let mut t = Tokenizer::new(text.as_bytes(), 0, &d, Limits::default());
        let mut seps = Vec::new();
        let mut out = Vec::new();
        while let Some((span, problem)) = t.next_segment(&mut seps) {
            let s = &text[span.start as usize..span.end as usize];
            let kinds = seps[span.first_sep as usize..][..span.sep_count as usize]
                .iter()
                .map(|s| s.kind)
                .collect();
            out.push((s.to_string(), kinds, problem.map(|p| p.message)));
        }
        out
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
    fn element_limit() {
        let d = Delimiters::default();
        let limits = Limits {
            max_elements: 3,
            ..Limits::default()
        };
        let text = b"ABC+1+2+3+4+5'";
        let mut t = Tokenizer::new(text, 0, &d, limits);
        let (_, p) = t.next_segment(&mut Vec::new()).unwrap();
        assert_eq!(p.unwrap().kind, ErrorKind::LimitExceeded);
    }
}

//! Writing segments with correct escaping, for responses (CUSRES, acknowledgements)
//! and for generated traffic.

use crate::delimiters::Delimiters;
use crate::segment::Segment;

/// A segment held as owned strings: a tag and data elements made of components.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OwnedSegment {
    pub tag: String,
    pub elements: Vec<Vec<String>>,
}

impl OwnedSegment {
    pub fn new(tag: &str, elements: &[&[&str]]) -> Self {
        OwnedSegment {
            tag: tag.to_string(),
            elements: elements
                .iter()
                .map(|e| e.iter().map(|c| c.to_string()).collect())
                .collect(),
        }
    }

    /// Copies a read segment (first repetition of each element, unescaped).
    pub fn from_segment(seg: &Segment<'_>) -> Self {
        OwnedSegment {
            tag: seg.tag().to_string(),
            elements: seg
                .elements()
                .map(|e| e.components().map(|c| c.text().into_owned()).collect())
                .collect(),
        }
    }

    /// The same segment without trailing empty components and elements, which
    /// EDIFACT does not distinguish from absent ones.
    pub fn canonical(&self) -> Self {
        let mut elements: Vec<Vec<String>> = self
            .elements
            .iter()
            .map(|e| {
                let mut e = e.clone();
                while e.last().is_some_and(|c| c.is_empty()) {
                    e.pop();
                }
                e
            })
            .collect();
        while elements.last().is_some_and(|e| e.is_empty()) {
            elements.pop();
        }
        OwnedSegment {
            tag: self.tag.clone(),
            elements,
        }
    }
}

/// Builds EDIFACT text segment by segment.
///
/// Service characters in data are released. Line breaks in data are written as
/// blanks, because readers treat line breaks inside segments as transport folding.
/// Without a release character, service characters in data are also written as blanks.
pub struct Writer {
    delimiters: Delimiters,
    out: String,
    since_unh: usize,
    line_breaks: bool,
}

impl Writer {
    pub fn new(delimiters: Delimiters) -> Self {
        Writer {
            delimiters,
            out: String::new(),
            since_unh: 0,
            line_breaks: false,
        }
    }

    /// Puts a line break after each segment terminator, as many carriers do.
    pub fn with_line_breaks(mut self) -> Self {
        self.line_breaks = true;
        self
    }

    /// Writes the UNA service string advice.
    pub fn una(&mut self) -> &mut Self {
        self.out.push_str(&self.delimiters.to_una());
        if self.line_breaks {
            self.out.push('\n');
        }
        self
    }

    /// Writes one segment; trailing empty elements and components are left out.
    pub fn segment(&mut self, tag: &str, elements: &[&[&str]]) -> &mut Self {
        let last_element = elements
            .iter()
            .rposition(|e| e.iter().any(|c| !c.is_empty()))
            .map_or(0, |i| i + 1);
        self.out.push_str(tag);
        for e in &elements[..last_element] {
            self.out.push(self.delimiters.element as char);
            let last = e.iter().rposition(|c| !c.is_empty()).map_or(0, |i| i + 1);
            for (i, c) in e[..last].iter().enumerate() {
                if i > 0 {
                    self.out.push(self.delimiters.component as char);
                }
                self.escape(c);
            }
        }
        self.out.push(self.delimiters.terminator as char);
        if self.line_breaks {
            self.out.push('\n');
        }
        self.since_unh = if tag == "UNH" { 1 } else { self.since_unh + 1 };
        self
    }

    /// Writes an [`OwnedSegment`].
    pub fn owned(&mut self, seg: &OwnedSegment) -> &mut Self {
        let comps: Vec<Vec<&str>> = seg
            .elements
            .iter()
            .map(|e| e.iter().map(String::as_str).collect())
            .collect();
        let elems: Vec<&[&str]> = comps.iter().map(Vec::as_slice).collect();
        self.segment(&seg.tag, &elems)
    }

    /// Segments written since the last UNH, including it: the UNT count once UNT is added.
    pub fn message_segment_count(&self) -> usize {
        self.since_unh + 1
    }

    fn escape(&mut self, value: &str) {
        for c in value.chars() {
            let special = c.is_ascii() && self.delimiters.is_special(c as u8);
            if c == '\r' || c == '\n' {
                self.out.push(' ');
            } else if special {
                match self.delimiters.release {
                    Some(r) => {
                        self.out.push(r as char);
                        self.out.push(c);
                    }
                    None => self.out.push(' '),
                }
            } else {
                self.out.push(c);
            }
        }
    }

    /// The text written so far.
    pub fn as_str(&self) -> &str {
        &self.out
    }

    pub fn finish(self) -> String {
        self.out
    }
}

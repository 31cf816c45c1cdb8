//! Borrowed views of a segment, its data elements and their components.
//!
//! Data elements are numbered from 0 after the tag: in `NAD+FL+++SMITH:JOHN`,
//! element 0 is `FL` and element 3 holds the components `SMITH` and `JOHN`.

use std::borrow::Cow;

use crate::charset::OffsetMap;
use crate::error::Location;
use crate::tokenizer::{COMPONENT, ELEMENT, HAS_LINE_BREAK, HAS_RELEASE, REPETITION, SegSpan, Sep};

/// Elements whose opening separator is indexed when a segment view is made:
/// readers look up several elements of each segment, and most segments have fewer.
const INDEXED: usize = 16;

/// One segment of a message, borrowed from the interchange text.
#[derive(Clone, Copy, Debug)]
pub struct Segment<'t> {
    text: &'t str,
    span: SegSpan,
    seps: &'t [Sep],
    release: Option<u8>,
    number: usize,
    /// Input offset of the text, and how text positions map back to the input.
    base: usize,
    map: &'t OffsetMap,
    /// Positions in `seps` of the separators that open elements 0, 1, ….
    opens: [u16; INDEXED],
    indexed: u8,
    /// Whether the segment has more elements than are indexed.
    more: bool,
}

impl<'t> Segment<'t> {
    pub(crate) fn new(
        text: &'t str,
        span: SegSpan,
        seps: &'t [Sep],
        release: Option<u8>,
        number: usize,
        base: usize,
        map: &'t OffsetMap,
    ) -> Self {
        let mut opens = [0u16; INDEXED];
        let mut indexed = 0;
        let mut more = false;
        for (i, s) in seps.iter().enumerate() {
            if s.kind() == ELEMENT {
                if indexed == INDEXED {
                    more = true;
                    break;
                }
                opens[indexed] = i as u16;
                indexed += 1;
            }
        }
        Segment {
            text,
            span,
            seps,
            release,
            number,
            base,
            map,
            opens,
            indexed: indexed as u8,
            more,
        }
    }

    /// The three-character tag, such as `NAD`.
    pub fn tag(&self) -> &'t str {
        &self.text[self.span.start as usize..self.span.tag_end(self.seps)]
    }

    /// The tag as three bytes, for fast matching (`b"NAD"`); zeros if the tag is
    /// not three bytes long.
    pub fn tag_code(&self) -> [u8; 3] {
        self.tag().as_bytes().try_into().unwrap_or([0; 3])
    }

    /// 1-based position of the segment in the input.
    pub fn number(&self) -> usize {
        self.number
    }

    /// Byte offset of the segment in the original input.
    pub fn offset(&self) -> usize {
        self.base + self.map.original(self.text, self.span.start as usize)
    }

    /// Where this segment is, for errors and warnings.
    pub fn location(&self) -> Location {
        Location::segment(self.offset(), self.number, self.tag())
    }

    /// The segment as sent, without its terminator.
    pub fn raw(&self) -> &'t str {
        &self.text[self.span.start as usize..self.span.end as usize]
    }

    /// The segment with line breaks removed, for keeping as raw text.
    pub fn raw_clean(&self) -> Cow<'t, str> {
        let raw = self.raw();
        if self.span.flags & HAS_LINE_BREAK == 0 {
            Cow::Borrowed(raw)
        } else {
            Cow::Owned(raw.chars().filter(|c| *c != '\r' && *c != '\n').collect())
        }
    }

    fn escaped(&self) -> bool {
        self.span.flags & (HAS_RELEASE | HAS_LINE_BREAK) != 0
    }

    /// Number of data elements after the tag.
    pub fn element_count(&self) -> usize {
        self.seps.iter().filter(|s| s.kind() == ELEMENT).count()
    }

    /// Data element `index` (0 = first after the tag), or `None` if the segment is shorter.
    pub fn element(&self, index: usize) -> Option<Element<'t>> {
        let indexed = self.indexed as usize;
        if index < indexed {
            let open = self.opens[index] as usize;
            let close = if index + 1 < indexed {
                self.opens[index + 1] as usize
            } else {
                self.next_element_sep(open + 1)
            };
            return Some(self.element_between(open, close));
        }
        if !self.more {
            return None;
        }
        let mut seen = 0;
        let mut first = None;
        for (i, s) in self.seps.iter().enumerate() {
            if s.kind() != ELEMENT {
                continue;
            }
            if let Some(f) = first {
                return Some(self.element_between(f, i));
            }
            if seen == index {
                first = Some(i);
            }
            seen += 1;
        }
        first.map(|f| self.element_between(f, self.seps.len()))
    }

    /// Index of the next element separator at or after `from`, or the end.
    fn next_element_sep(&self, from: usize) -> usize {
        self.seps[from..]
            .iter()
            .position(|s| s.kind() == ELEMENT)
            .map_or(self.seps.len(), |p| from + p)
    }

    /// All data elements after the tag.
    pub fn elements(&self) -> Elements<'t> {
        Elements {
            segment: *self,
            next: self.seps.iter().position(|s| s.kind() == ELEMENT),
        }
    }

    fn element_between(&self, sep_index: usize, next_index: usize) -> Element<'t> {
        let start = self.seps[sep_index].pos() + 1;
        let end = self
            .seps
            .get(next_index)
            .map(|s| s.pos())
            .unwrap_or(self.span.end as usize);
        Element {
            text: self.text,
            start,
            end,
            seps: &self.seps[sep_index + 1..next_index],
            escaped: self.escaped(),
            release: self.release,
        }
    }

    /// Component `component` of element `element`, unescaped; `None` when absent or empty.
    pub fn get(&self, element: usize, component: usize) -> Option<Cow<'t, str>> {
        let (start, end) = self.component_range(element, component)?;
        let value = Value {
            raw: &self.text[start..end],
            escaped: self.escaped(),
            release: self.release,
        };
        Some(value.text()).filter(|s| !s.is_empty())
    }

    /// Like [`Segment::get`], with surrounding blanks removed; `None` when blank.
    /// Borrows from the text unless unescaping had to copy.
    pub fn field(&self, element: usize, component: usize) -> Option<Cow<'t, str>> {
        let (start, end) = self.component_range(element, component)?;
        let raw = &self.text[start..end];
        if !self.escaped() {
            let t = raw.trim_ascii();
            return (!t.is_empty()).then_some(Cow::Borrowed(t));
        }
        let value = Value {
            raw,
            escaped: true,
            release: self.release,
        };
        match value.text() {
            Cow::Borrowed(b) => Some(b.trim_ascii())
                .filter(|t| !t.is_empty())
                .map(Cow::Borrowed),
            Cow::Owned(o) => Some(o.trim_ascii())
                .filter(|t| !t.is_empty())
                .map(|t| Cow::Owned(t.to_string())),
        }
    }

    /// Text positions of component `component` of element `element` (first
    /// repetition), found without building the element and value views: readers
    /// look up many single fields.
    fn component_range(&self, element: usize, component: usize) -> Option<(usize, usize)> {
        let indexed = self.indexed as usize;
        let (open, close) = if element < indexed {
            let open = self.opens[element] as usize;
            let close = if element + 1 < indexed {
                self.opens[element + 1] as usize
            } else {
                self.next_element_sep(open + 1)
            };
            (open, close)
        } else if self.more {
            let e = self.element(element)?;
            let c = e.component(component)?;
            let start = c.raw.as_ptr() as usize - self.text.as_ptr() as usize;
            return Some((start, start + c.raw.len()));
        } else {
            return None;
        };
        let element_end = self
            .seps
            .get(close)
            .map_or(self.span.end as usize, |s| s.pos());
        let mut start = self.seps[open].pos() + 1;
        let mut seen = 0;
        for s in &self.seps[open + 1..close] {
            let kind = s.kind();
            if seen == component {
                return Some((start, s.pos()));
            }
            if kind == REPETITION {
                return None;
            }
            seen += 1;
            start = s.pos() + 1;
        }
        (seen == component).then_some((start, element_end))
    }

    /// Like [`Segment::field`], as an owned string.
    pub fn trimmed(&self, element: usize, component: usize) -> Option<String> {
        self.field(element, component).map(Cow::into_owned)
    }
}

/// One data element: its repetitions and components.
#[derive(Clone, Copy, Debug)]
pub struct Element<'t> {
    text: &'t str,
    start: usize,
    end: usize,
    seps: &'t [Sep],
    escaped: bool,
    release: Option<u8>,
}

impl<'t> Element<'t> {
    fn value(&self, start: usize, end: usize) -> Value<'t> {
        Value {
            raw: &self.text[start..end],
            escaped: self.escaped,
            release: self.release,
        }
    }

    /// The whole element as one value (all components, as sent).
    pub fn as_value(&self) -> Value<'t> {
        self.value(self.start, self.end)
    }

    /// Number of repetitions (1 unless the repetition separator is in use).
    pub fn repetition_count(&self) -> usize {
        1 + self.seps.iter().filter(|s| s.kind() == REPETITION).count()
    }

    /// Repetition `index` of the element.
    pub fn repetition(&self, index: usize) -> Option<Element<'t>> {
        let mut start = self.start;
        let mut first_sep = 0;
        let mut seen = 0;
        for (i, s) in self.seps.iter().enumerate() {
            if s.kind() != REPETITION {
                continue;
            }
            if seen == index {
                return Some(Element {
                    start,
                    end: s.pos(),
                    seps: &self.seps[first_sep..i],
                    ..*self
                });
            }
            seen += 1;
            start = s.pos() + 1;
            first_sep = i + 1;
        }
        (seen == index).then_some(Element {
            start,
            end: self.end,
            seps: &self.seps[first_sep..],
            ..*self
        })
    }

    /// Number of components in the first repetition.
    pub fn component_count(&self) -> usize {
        1 + self
            .seps
            .iter()
            .take_while(|s| s.kind() != REPETITION)
            .filter(|s| s.kind() == COMPONENT)
            .count()
    }

    /// Component `index` of the first repetition.
    pub fn component(&self, index: usize) -> Option<Value<'t>> {
        let mut start = self.start;
        let mut seen = 0;
        for s in self.seps {
            if s.kind() == REPETITION {
                return (seen == index).then(|| self.value(start, s.pos()));
            }
            if seen == index {
                return Some(self.value(start, s.pos()));
            }
            seen += 1;
            start = s.pos() + 1;
        }
        (seen == index).then(|| self.value(start, self.end))
    }

    /// All components of the first repetition.
    pub fn components(&self) -> Components<'t> {
        Components {
            element: *self,
            start: Some(self.start),
            sep: 0,
        }
    }
}

/// Iterator over the data elements of a segment.
#[derive(Clone, Debug)]
pub struct Elements<'t> {
    segment: Segment<'t>,
    /// Index of the element separator that opens the next element.
    next: Option<usize>,
}

impl<'t> Iterator for Elements<'t> {
    type Item = Element<'t>;

    fn next(&mut self) -> Option<Element<'t>> {
        let open = self.next?;
        let seps = self.segment.seps;
        let close = seps[open + 1..]
            .iter()
            .position(|s| s.kind() == ELEMENT)
            .map(|p| open + 1 + p);
        self.next = close;
        Some(
            self.segment
                .element_between(open, close.unwrap_or(seps.len())),
        )
    }
}

/// Iterator over the components of an element's first repetition.
#[derive(Clone, Debug)]
pub struct Components<'t> {
    element: Element<'t>,
    /// Start of the next component, `None` when done.
    start: Option<usize>,
    /// Index of the next separator to look at.
    sep: usize,
}

impl<'t> Iterator for Components<'t> {
    type Item = Value<'t>;

    fn next(&mut self) -> Option<Value<'t>> {
        let start = self.start?;
        let e = &self.element;
        match e.seps.get(self.sep) {
            Some(s) if s.kind() == COMPONENT => {
                self.sep += 1;
                self.start = Some(s.pos() + 1);
                Some(e.value(start, s.pos()))
            }
            Some(s) => {
                self.start = None;
                Some(e.value(start, s.pos()))
            }
            None => {
                self.start = None;
                Some(e.value(start, e.end))
            }
        }
    }
}

/// A value as sent, unescaped on demand.
#[derive(Clone, Copy, Debug)]
pub struct Value<'t> {
    raw: &'t str,
    escaped: bool,
    release: Option<u8>,
}

impl<'t> Value<'t> {
    /// The bytes as sent, with release characters and line breaks still in place.
    pub fn raw(&self) -> &'t str {
        self.raw
    }

    pub fn is_empty(&self) -> bool {
        self.raw.is_empty()
    }

    /// The value with release characters and line breaks (Type-B folding) removed.
    /// Borrows unless something had to be removed.
    pub fn text(&self) -> Cow<'t, str> {
        let release = self.release.map(char::from);
        let needs_work = self.escaped
            && self
                .raw
                .chars()
                .any(|c| c == '\r' || c == '\n' || Some(c) == release);
        if !needs_work {
            return Cow::Borrowed(self.raw);
        }
        let mut out = String::with_capacity(self.raw.len());
        let mut chars = self.raw.chars();
        while let Some(c) = chars.next() {
            if Some(c) == release {
                if let Some(next) = chars.next() {
                    out.push(next);
                }
            } else if c != '\r' && c != '\n' {
                out.push(c);
            }
        }
        Cow::Owned(out)
    }
}

//! Borrowed views of a segment, its data elements and their components.
//!
//! Data elements are numbered from 0 after the tag: in `NAD+FL+++SMITH:JOHN`,
//! element 0 is `FL` and element 3 holds the components `SMITH` and `JOHN`.

use std::borrow::Cow;

use crate::charset::OffsetMap;
use crate::error::Location;
use crate::tokenizer::{COMPONENT, ELEMENT, HAS_LINE_BREAK, HAS_RELEASE, REPETITION, SegSpan, Sep};

/// One segment of a message, borrowed from the interchange text.
#[derive(Clone, Copy, Debug)]
pub struct Segment<'t> {
    pub(crate) text: &'t str,
    pub(crate) span: SegSpan,
    pub(crate) seps: &'t [Sep],
    pub(crate) release: Option<u8>,
    pub(crate) number: usize,
    /// Input offset of the text, and how text positions map back to the input.
    pub(crate) base: usize,
    pub(crate) map: &'t OffsetMap,
}

impl<'t> Segment<'t> {
    /// The three-character tag, such as `NAD`.
    pub fn tag(&self) -> &'t str {
        &self.text[self.span.start as usize..self.span.tag_end(self.seps)]
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
        self.element(element)
            .and_then(|e| e.component(component))
            .map(|v| v.text())
            .filter(|s| !s.is_empty())
    }

    /// Like [`Segment::get`], with surrounding blanks removed; `None` when blank.
    /// Borrows from the text unless unescaping had to copy.
    pub fn field(&self, element: usize, component: usize) -> Option<Cow<'t, str>> {
        match self.element(element)?.component(component)?.text() {
            Cow::Borrowed(b) => Some(b.trim()).filter(|t| !t.is_empty()).map(Cow::Borrowed),
            Cow::Owned(o) => Some(o.trim())
                .filter(|t| !t.is_empty())
                .map(|t| Cow::Owned(t.to_string())),
        }
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

//! A bounded, entity-free XML tree with use tracking.
//!
//! The document is read into a flat arena (no recursion anywhere, so a deep
//! document cannot exhaust the stack, not even when dropped). Readers mark what
//! they map; whatever stays unmarked is swept into raw segments afterwards, so
//! no data is lost because a mapping forgot it.

use std::cell::Cell;

use piu_model::{Note, RawSegment};
use quick_xml::XmlVersion;
use quick_xml::errors::IllFormedError;
use quick_xml::escape::resolve_xml_entity;
use quick_xml::events::Event;
use quick_xml::reader::Reader;

use super::XmlLimits;
use crate::{Location, ReadError};

/// The element the encoder uses for raw data that has no natural XML shape.
pub(crate) const UNMAPPED: &str = "UnmappedData";

pub(crate) struct Attr {
    pub name: String,
    pub value: String,
    used: Cell<bool>,
}

pub(crate) struct Node {
    pub name: String,
    /// Byte offset of the element's `<` in the original input.
    pub offset: usize,
    pub attrs: Vec<Attr>,
    /// All character data directly inside the element, concatenated.
    pub text: String,
    pub children: Vec<usize>,
    pub parent: Option<usize>,
    pub depth: usize,
    used: Cell<bool>,
    text_used: Cell<bool>,
    /// Swept on its own: the sweep of an enclosing entity stops here.
    entity: Cell<bool>,
}

/// A parsed document.
pub(crate) struct Doc {
    nodes: Vec<Node>,
    root: usize,
    /// Character set the input was decoded from.
    pub charset: &'static str,
}

/// A handle on one element.
#[derive(Clone, Copy)]
pub(crate) struct El<'a> {
    doc: &'a Doc,
    pub id: usize,
}

impl Doc {
    pub fn root(&self) -> El<'_> {
        El {
            doc: self,
            id: self.root,
        }
    }

    pub fn el(&self, id: usize) -> Option<El<'_>> {
        (id < self.nodes.len()).then_some(El { doc: self, id })
    }

    /// Depth of the deepest common ancestor of two elements.
    pub fn common_depth(&self, a: usize, b: usize) -> usize {
        let (mut a, mut b) = (a, b);
        loop {
            let (Some(na), Some(nb)) = (self.nodes.get(a), self.nodes.get(b)) else {
                return 0;
            };
            if a == b {
                return na.depth;
            }
            let next = if na.depth >= nb.depth {
                na.parent.map(|p| (p, b))
            } else {
                nb.parent.map(|p| (a, p))
            };
            match next {
                Some((x, y)) => (a, b) = (x, y),
                None => return 0,
            }
        }
    }
}

impl<'a> El<'a> {
    fn node(&self) -> &'a Node {
        // Handles are only built for ids inside the arena.
        &self.doc.nodes[self.id]
    }

    pub fn name(&self) -> &'a str {
        &self.node().name
    }

    pub fn offset(&self) -> usize {
        self.node().offset
    }

    pub fn is(&self, names: &[&str]) -> bool {
        names.contains(&self.name())
    }

    /// Marks the element as mapped.
    pub fn mark(&self) -> Self {
        self.node().used.set(true);
        *self
    }

    /// Leaves the element unmapped again, so the sweep keeps it as raw data.
    pub fn unmark(&self) {
        self.node().used.set(false);
        self.node().text_used.set(false);
    }

    pub fn is_used(&self) -> bool {
        self.node().used.get()
    }

    pub fn set_entity(&self) {
        self.node().entity.set(true);
        self.node().used.set(true);
    }

    pub fn is_entity(&self) -> bool {
        self.node().entity.get()
    }

    pub fn parent(&self) -> Option<El<'a>> {
        self.node().parent.and_then(|p| self.doc.el(p))
    }

    pub fn children(&self) -> impl Iterator<Item = El<'a>> + 'a {
        let doc = self.doc;
        self.node().children.iter().filter_map(move |&c| doc.el(c))
    }

    pub fn has_children(&self) -> bool {
        !self.node().children.is_empty()
    }

    pub fn has_attrs(&self) -> bool {
        !self.node().attrs.is_empty()
    }

    /// First child with one of the names, without marking it.
    pub fn peek_child(&self, names: &[&str]) -> Option<El<'a>> {
        self.children().find(|c| c.is(names))
    }

    /// First child with one of the names, marked as mapped.
    pub fn child(&self, names: &[&str]) -> Option<El<'a>> {
        self.peek_child(names).map(|c| c.mark())
    }

    /// Every child with one of the names, marked as mapped.
    pub fn children_named(&self, names: &[&str]) -> Vec<El<'a>> {
        self.children()
            .filter(|c| c.is(names))
            .map(|c| c.mark())
            .collect()
    }

    /// Attribute value as sent (possibly empty), without marking it.
    pub fn peek_attr(&self, names: &[&str]) -> Option<&'a str> {
        names.iter().find_map(|n| {
            self.node()
                .attrs
                .iter()
                .find(|a| a.name == *n)
                .map(|a| a.value.as_str())
        })
    }

    /// Attribute value as sent (possibly empty), marked as mapped.
    pub fn attr_raw(&self, names: &[&str]) -> Option<&'a str> {
        names.iter().find_map(|n| {
            self.node().attrs.iter().find(|a| a.name == *n).map(|a| {
                a.used.set(true);
                a.value.as_str()
            })
        })
    }

    /// Trimmed, non-empty attribute value, marked as mapped.
    pub fn attr(&self, names: &[&str]) -> Option<&'a str> {
        self.attr_raw(names)
            .map(str::trim)
            .filter(|v| !v.is_empty())
    }

    /// Leaves an attribute unmapped again, so the sweep keeps it as raw data.
    pub fn unmark_attr(&self, name: &str) {
        if let Some(a) = self.node().attrs.iter().find(|a| a.name == name) {
            a.used.set(false);
        }
    }

    /// Name of the first present attribute among `names`.
    pub fn attr_name(&self, names: &[&'static str]) -> Option<&'static str> {
        names
            .iter()
            .copied()
            .find(|n| self.node().attrs.iter().any(|a| a.name == *n))
    }

    /// Trimmed text, marked as mapped.
    pub fn text(&self) -> &'a str {
        self.node().text_used.set(true);
        self.node().text.trim()
    }

    /// Trimmed text, without marking it.
    pub fn peek_text(&self) -> &'a str {
        self.node().text.trim()
    }

    /// Text exactly as sent, marked as mapped.
    pub fn raw_text(&self) -> &'a str {
        self.node().text_used.set(true);
        &self.node().text
    }

    /// A value sent as an attribute or as the text of a child element with the
    /// same name. Empty values count as absent.
    pub fn value(&self, names: &[&str]) -> Option<&'a str> {
        if let Some(v) = self.attr(names) {
            return Some(v);
        }
        let child = self.children().find(|c| c.is(names) && !c.has_children())?;
        child.mark();
        Some(child.text()).filter(|t| !t.is_empty())
    }

    /// Every element name and attribute name in the subtree.
    pub fn all_names(&self) -> Vec<&'a str> {
        let mut out = Vec::new();
        let mut stack = vec![self.id];
        while let Some(id) = stack.pop() {
            let Some(n) = self.doc.nodes.get(id) else {
                continue;
            };
            out.push(n.name.as_str());
            out.extend(n.attrs.iter().map(|a| a.name.as_str()));
            stack.extend(n.children.iter().rev());
        }
        out
    }

    /// The element as compact XML: local names, no namespace declarations,
    /// trimmed text placed before the children.
    pub fn compact(&self) -> String {
        let mut out = String::new();
        // (node, closing?)
        let mut stack = vec![(self.id, false)];
        while let Some((id, closing)) = stack.pop() {
            let Some(n) = self.doc.nodes.get(id) else {
                continue;
            };
            if closing {
                out.push_str("</");
                out.push_str(&n.name);
                out.push('>');
                continue;
            }
            out.push('<');
            out.push_str(&n.name);
            for a in &n.attrs {
                out.push(' ');
                out.push_str(&a.name);
                out.push_str("=\"");
                escape_attr_into(&mut out, &a.value);
                out.push('"');
            }
            let text = n.text.trim();
            if text.is_empty() && n.children.is_empty() {
                out.push_str("/>");
                continue;
            }
            out.push('>');
            escape_text_into(&mut out, text);
            stack.push((id, true));
            stack.extend(n.children.iter().rev().map(|&c| (c, false)));
        }
        out
    }

    /// The element as a raw segment: text alone for a plain leaf, compact XML
    /// otherwise; the encoder's raw-data element gives back tag and text as sent.
    pub fn raw(&self) -> RawSegment {
        if self.name() == UNMAPPED {
            self.mark();
            return RawSegment {
                tag: self.attr_raw(&["Tag"]).unwrap_or_default().to_string(),
                text: self.raw_text().to_string(),
            };
        }
        if !self.has_attrs() && !self.has_children() {
            return RawSegment {
                tag: self.name().to_string(),
                text: self.node().text.trim().to_string(),
            };
        }
        RawSegment {
            tag: self.name().to_string(),
            text: self.compact(),
        }
    }

    /// Takes the whole element as a raw segment; sweeps skip it afterwards.
    pub fn take_raw(&self) -> RawSegment {
        let raw = self.raw();
        self.set_entity();
        raw
    }

    /// Collects what the mapping left unmarked under this element, in document
    /// order: unmarked elements whole, unmarked attributes as `Element@Name`,
    /// unmarked text as the element's own. Elements marked as entities are
    /// skipped (they are swept on their own). Direct children left unmarked
    /// produce a warning when `warn_level` names the level.
    pub fn sweep(
        &self,
        out: &mut Vec<RawSegment>,
        warnings: &mut Vec<Note>,
        warn_level: Option<&str>,
    ) {
        let mut stack = vec![self.id];
        while let Some(id) = stack.pop() {
            let Some(el) = self.doc.el(id) else {
                continue;
            };
            let n = el.node();
            if id != self.id && n.entity.get() {
                continue;
            }
            if !n.used.get() {
                if let (Some(level), Some(p)) = (warn_level, n.parent)
                    && p == self.id
                    && n.name != UNMAPPED
                {
                    warnings.push(note(
                        &el,
                        format!(
                            "element {} is not one OpenPIU maps at {level} level; kept as raw data",
                            n.name
                        ),
                    ));
                }
                out.push(el.raw());
                continue;
            }
            for a in n.attrs.iter().filter(|a| !a.used.get()) {
                out.push(RawSegment {
                    tag: format!("{}@{}", n.name, a.name),
                    text: a.value.clone(),
                });
            }
            if !n.text_used.get() && !n.text.trim().is_empty() {
                out.push(RawSegment {
                    tag: n.name.clone(),
                    text: n.text.trim().to_string(),
                });
            }
            stack.extend(n.children.iter().rev());
        }
    }
}

/// A warning located at an element.
pub(crate) fn note(el: &El<'_>, message: impl Into<String>) -> Note {
    Note {
        offset: Some(el.offset()),
        segment: None,
        tag: Some(el.name().to_string()),
        message: message.into(),
    }
}

/// Whether a character may appear in an XML 1.0 document.
fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Escapes character data; characters XML cannot carry become U+FFFD.
pub(crate) fn escape_text_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#13;"),
            c if xml_char(c) => out.push(c),
            _ => out.push('\u{FFFD}'),
        }
    }
}

/// Escapes an attribute value in double quotes, keeping tabs and line breaks
/// (which attribute normalisation would otherwise turn into blanks).
pub(crate) fn escape_attr_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c if xml_char(c) => out.push(c),
            _ => out.push('\u{FFFD}'),
        }
    }
}

/// Whether `s` can be written as an element or attribute name without a prefix.
pub(crate) fn is_name(s: &str) -> bool {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if c.is_alphabetic() || c == '_' => {}
        _ => return false,
    }
    chars.all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// Maps offsets in the decoded text back to the original bytes.
struct Offsets {
    /// Bytes skipped before the decoded text (a byte order mark).
    base: usize,
    /// Decoded offsets of characters that took two bytes for one input byte.
    widened: Vec<usize>,
}

impl Offsets {
    fn original(&self, decoded: usize) -> usize {
        self.base + decoded - self.widened.partition_point(|&w| w < decoded)
    }
}

/// Reads a document within the limits. Refuses DTDs, undeclared entities,
/// encodings other than UTF-8 and ISO-8859-1, and malformed XML, each with the
/// byte offset and the element concerned.
pub(crate) fn parse(input: &[u8], limits: &XmlLimits) -> Result<Doc, ReadError> {
    if input.len() > limits.max_bytes {
        return Err(ReadError::new(
            Location::at(limits.max_bytes),
            format!(
                "the XML document is {} bytes, more than the limit of {} bytes",
                input.len(),
                limits.max_bytes
            ),
        ));
    }
    if input.starts_with(&[0xFF, 0xFE])
        || input.starts_with(&[0xFE, 0xFF])
        || input.starts_with(&[b'<', 0])
        || input.starts_with(&[0, b'<'])
    {
        return Err(ReadError::new(
            Location::at(0),
            "the XML document is in UTF-16; OpenPIU reads UTF-8 or ISO-8859-1",
        ));
    }
    let base = if input.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    let body = input.get(base..).unwrap_or_default();
    let (charset, latin1) = declared_encoding(body, base)?;
    let (text, widened) = if latin1 {
        let mut text = String::with_capacity(body.len());
        let mut widened = Vec::new();
        for &b in body {
            if b >= 0x80 {
                widened.push(text.len());
            }
            text.push(char::from(b));
        }
        (text, widened)
    } else {
        match std::str::from_utf8(body) {
            Ok(s) => (s.to_string(), Vec::new()),
            Err(e) => {
                let at = e.valid_up_to();
                let prefix = body
                    .get(..at)
                    .and_then(|p| std::str::from_utf8(p).ok())
                    .unwrap_or_default();
                return Err(ReadError::new(
                    Location {
                        offset: base + at,
                        segment: None,
                        tag: open_element_at(prefix),
                    },
                    format!(
                        "byte {} is not valid UTF-8, and the XML declaration names no other encoding",
                        base + at
                    ),
                ));
            }
        }
    };
    let offsets = Offsets { base, widened };
    let mut doc = build(&text, limits, &offsets)?;
    doc.charset = charset;
    Ok(doc)
}

/// The encoding named in the XML declaration: (name for the model, is Latin-1).
fn declared_encoding(body: &[u8], base: usize) -> Result<(&'static str, bool), ReadError> {
    let start = body
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(body.len());
    let rest = body.get(start..).unwrap_or_default();
    if !rest.starts_with(b"<?xml") {
        return Ok(("UTF-8", false));
    }
    let end = rest
        .windows(2)
        .position(|w| w == b"?>")
        .unwrap_or(rest.len().min(512));
    let decl = String::from_utf8_lossy(rest.get(..end).unwrap_or_default()).into_owned();
    let Some(pos) = decl.find("encoding") else {
        return Ok(("UTF-8", false));
    };
    let after = decl.get(pos + "encoding".len()..).unwrap_or_default();
    let after = after
        .trim_start()
        .strip_prefix('=')
        .unwrap_or(after)
        .trim_start();
    let quote = after.chars().next().filter(|c| *c == '"' || *c == '\'');
    let name: String = match quote {
        Some(q) => after.chars().skip(1).take_while(|c| *c != q).collect(),
        None => after.chars().take_while(|c| !c.is_whitespace()).collect(),
    };
    match name.to_ascii_uppercase().as_str() {
        "UTF-8" | "UTF8" | "US-ASCII" | "ASCII" => Ok(("UTF-8", false)),
        "ISO-8859-1" | "ISO8859-1" | "ISO_8859-1" | "LATIN1" | "LATIN-1" | "L1" => {
            Ok(("ISO-8859-1", true))
        }
        _ => Err(ReadError::new(
            Location {
                offset: base + start + pos,
                segment: None,
                tag: Some("xml".to_string()),
            },
            format!(
                "the XML declaration names encoding {name:?}; OpenPIU reads UTF-8 or ISO-8859-1"
            ),
        )),
    }
}

/// The innermost element open at the end of a (well-formed so far) prefix.
fn open_element_at(prefix: &str) -> Option<String> {
    let mut reader = Reader::from_str(prefix);
    let mut stack: Vec<String> = Vec::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => stack.push(e.local_name().as_ref().to_string()),
            Ok(Event::End(_)) => {
                stack.pop();
            }
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => {}
        }
    }
    stack.pop()
}

/// The element name written at `pos` (`<Name` or `</Name`), if any.
fn name_at(text: &str, pos: usize) -> Option<String> {
    let rest = text.get(pos..)?.strip_prefix('<')?;
    let rest = rest.strip_prefix('/').unwrap_or(rest);
    let name: String = rest
        .chars()
        .take_while(|c| !c.is_whitespace() && !matches!(c, '>' | '/' | '='))
        .collect();
    let local = name.rsplit(':').next().unwrap_or_default();
    (!local.is_empty() && is_name(local)).then(|| local.to_string())
}

fn build(text: &str, limits: &XmlLimits, offsets: &Offsets) -> Result<Doc, ReadError> {
    let mut reader = Reader::from_str(text);
    {
        let cfg = reader.config_mut();
        cfg.check_end_names = true;
        cfg.expand_empty_elements = false;
    }
    let mut nodes: Vec<Node> = Vec::new();
    let mut stack: Vec<usize> = Vec::new();
    let mut root: Option<usize> = None;
    let top_name = |nodes: &[Node], stack: &[usize]| {
        stack
            .last()
            .and_then(|&i| nodes.get(i))
            .map(|n| n.name.clone())
    };
    let fail = |offset: usize, tag: Option<String>, msg: String| {
        Err(ReadError::new(
            Location {
                offset: offsets.original(offset),
                segment: None,
                tag,
            },
            msg,
        ))
    };
    loop {
        let pos = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
        let event = match reader.read_event() {
            Ok(ev) => ev,
            Err(e) => {
                let at = usize::try_from(reader.error_position()).unwrap_or(pos);
                // A wrong end tag is the open element's fault; other errors sit
                // at the markup that starts where they were found.
                let tag = match e {
                    quick_xml::Error::IllFormed(IllFormedError::MismatchedEndTag { .. }) => {
                        top_name(&nodes, &stack)
                    }
                    _ => name_at(text, at).or_else(|| top_name(&nodes, &stack)),
                };
                return fail(at, tag, format!("malformed XML: {e}"));
            }
        };
        let mut chars: Option<String> = None;
        match event {
            Event::Eof => break,
            Event::DocType(_) => {
                return fail(
                    pos,
                    Some("DOCTYPE".to_string()),
                    "a DOCTYPE (document type definition) is refused: OpenPIU processes no DTDs and no entity declarations".to_string(),
                );
            }
            Event::Start(ref e) | Event::Empty(ref e) => {
                let is_start = matches!(event, Event::Start(_));
                let name = e.local_name().as_ref().to_string();
                if root.is_some() && stack.is_empty() {
                    return fail(
                        pos,
                        Some(name.clone()),
                        format!("a second root element <{name}>: a document has exactly one"),
                    );
                }
                let depth = stack.len() + 1;
                if depth > limits.max_depth {
                    return fail(
                        pos,
                        Some(name),
                        format!(
                            "elements nest deeper than the limit of {} levels",
                            limits.max_depth
                        ),
                    );
                }
                if nodes.len() >= limits.max_elements {
                    return fail(
                        pos,
                        Some(name),
                        format!(
                            "the document has more than the limit of {} elements",
                            limits.max_elements
                        ),
                    );
                }
                let mut attrs = Vec::new();
                for a in e.attributes() {
                    let a = match a {
                        Ok(a) => a,
                        Err(err) => {
                            return fail(pos, Some(name), format!("malformed attribute: {err}"));
                        }
                    };
                    let (local, prefix) = a.key.decompose();
                    let prefix = prefix.map(|p| p.into_inner());
                    if a.key.as_ref() == "xmlns" || prefix == Some("xmlns") || prefix == Some("xsi")
                    {
                        continue;
                    }
                    let value = match a.normalized_value_with(
                        XmlVersion::Implicit1_0,
                        1,
                        resolve_xml_entity,
                    ) {
                        Ok(v) => v.into_owned(),
                        Err(err) => {
                            return fail(
                                pos,
                                Some(name),
                                format!(
                                    "attribute {}: {err} (OpenPIU expands only the five XML entities and character references)",
                                    local.as_ref()
                                ),
                            );
                        }
                    };
                    attrs.push(Attr {
                        name: local.as_ref().to_string(),
                        value,
                        used: Cell::new(false),
                    });
                }
                let id = nodes.len();
                let parent = stack.last().copied();
                nodes.push(Node {
                    name,
                    offset: offsets.original(pos),
                    attrs,
                    text: String::new(),
                    children: Vec::new(),
                    parent,
                    depth,
                    used: Cell::new(false),
                    text_used: Cell::new(false),
                    entity: Cell::new(false),
                });
                match parent.and_then(|p| nodes.get_mut(p)) {
                    Some(p) => p.children.push(id),
                    None => root = Some(id),
                }
                if is_start {
                    stack.push(id);
                }
            }
            Event::End(_) => {
                stack.pop();
            }
            Event::Text(t) => chars = Some(t.xml10_content().into_owned()),
            Event::CData(c) => chars = Some(c.xml10_content().into_owned()),
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c.to_string()),
                    Ok(None) => resolve_xml_entity(&r).map(str::to_string),
                    Err(_) => None,
                };
                match resolved {
                    Some(s) => chars = Some(s),
                    None => {
                        return fail(
                            pos,
                            top_name(&nodes, &stack),
                            format!(
                                "reference &{}; is not one of the five XML entities or a valid character reference; OpenPIU expands no other entities",
                                &*r
                            ),
                        );
                    }
                }
            }
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
        }
        if let Some(s) = chars {
            match stack.last().and_then(|&i| nodes.get_mut(i)) {
                Some(n) => n.text.push_str(&s),
                None if s.trim().is_empty() => {}
                None => {
                    return fail(
                        pos,
                        None,
                        "character data outside the root element".to_string(),
                    );
                }
            }
        }
    }
    if let Some(open) = stack.last().and_then(|&i| nodes.get(i)) {
        return fail(
            text.len(),
            Some(open.name.clone()),
            format!(
                "the document ends before <{}> (opened at byte {}) is closed",
                open.name, open.offset
            ),
        );
    }
    let Some(root) = root else {
        return fail(0, None, "the document has no root element".to_string());
    };
    Ok(Doc {
        nodes,
        root,
        charset: "UTF-8",
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(s: &str) -> Result<Doc, ReadError> {
        parse(s.as_bytes(), &XmlLimits::default())
    }

    #[test]
    fn compact_and_escapes() {
        let d = doc("<a x=\"1&#10;&amp;&quot;\"> t &lt; <b/>\n</a>").unwrap();
        assert_eq!(
            d.root().compact(),
            "<a x=\"1&#10;&amp;&quot;\">t &lt;<b/></a>"
        );
    }

    #[test]
    fn latin1_offsets_point_at_original_bytes() {
        let mut input = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a>\xE7\xE7".to_vec();
        input.extend_from_slice(b"<b x=1/></a>");
        let e = parse(&input, &XmlLimits::default()).err().unwrap();
        assert_eq!(e.location.offset, 48);
        assert_eq!(e.location.tag.as_deref(), Some("b"));
    }

    #[test]
    fn common_depth() {
        let d = doc("<r><a><x/></a><b><y/></b></r>").unwrap();
        // ids in document order: r0 a1 x2 b3 y4
        assert_eq!(d.common_depth(2, 4), 1);
        assert_eq!(d.common_depth(2, 1), 2);
    }
}

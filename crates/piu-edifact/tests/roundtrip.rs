//! Properties of the syntax layer: what the writer writes, the tokenizer reads
//! back unchanged, whatever characters the data holds; and no input panics.

use piu_edifact::{Delimiters, Limits, OwnedSegment, Writer, parse};
use proptest::prelude::*;

/// Any text without line breaks (readers treat those as transport folding).
fn value() -> impl Strategy<Value = String> {
    proptest::string::string_regex("[^\r\n]{0,12}").unwrap()
}

fn segment() -> impl Strategy<Value = OwnedSegment> {
    let tag = "[A-Z]{3}".prop_filter("not an envelope tag", |t| !t.starts_with("UN"));
    let element = proptest::collection::vec(value(), 0..4);
    (tag, proptest::collection::vec(element, 0..6))
        .prop_map(|(tag, elements)| OwnedSegment { tag, elements })
}

fn delimiters() -> impl Strategy<Value = Delimiters> {
    prop_oneof![
        Just(Delimiters::default()),
        Just(Delimiters::pnrgov()),
        Just(Delimiters {
            element: b'*',
            terminator: b'$',
            ..Delimiters::default()
        }),
        Just(Delimiters {
            element: b'-',
            terminator: b'*',
            ..Delimiters::default()
        }),
        Just(Delimiters {
            release: Some(b'\\'),
            repetition: Some(b'*'),
            ..Delimiters::default()
        }),
    ]
}

proptest! {
    #[test]
    fn parse_of_write_is_identity(d in delimiters(), segments in proptest::collection::vec(segment(), 1..8)) {
        let mut w = Writer::new(d);
        w.una();
        w.segment("UNH", &[&["1"], &["TEST", "1", "1"]]);
        for s in &segments {
            w.owned(s);
        }
        let n = w.message_segment_count().to_string();
        w.segment("UNT", &[&[&n], &["1"]]);
        let text = w.finish();
        let interchanges = parse(text.as_bytes(), &Limits::default()).unwrap();
        prop_assert_eq!(interchanges.len(), 1);
        let m = interchanges[0].messages().next().unwrap();
        prop_assert!(m.error().is_none());
        prop_assert_eq!(m.warnings().count(), 0, "{}", text);
        // The direct field lookup agrees with the element and component views.
        for seg in m.body() {
            for (e, element) in seg.elements().enumerate() {
                for c in 0..element.component_count() + 1 {
                    let viewed = element
                        .component(c)
                        .map(|v| v.text().trim_ascii().to_string())
                        .filter(|t| !t.is_empty());
                    prop_assert_eq!(seg.field(e, c).map(|f| f.into_owned()), viewed);
                }
            }
        }
        let read: Vec<OwnedSegment> = m.body().map(|s| OwnedSegment::from_segment(&s)).collect();
        let expected: Vec<OwnedSegment> = segments.iter().map(OwnedSegment::canonical).collect();
        let read: Vec<OwnedSegment> = read.iter().map(OwnedSegment::canonical).collect();
        prop_assert_eq!(read, expected);
    }

    #[test]
    fn any_bytes_are_read_or_refused_without_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        if let Ok(v) = parse(&bytes, &Limits::default()) {
            for ic in &v {
                for m in ic.messages() {
                    for s in m.segments() {
                        prop_assert!(s.offset() <= bytes.len());
                        for e in s.elements() {
                            for c in e.components() {
                                let _ = c.text();
                            }
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn one_segment_per_unreleased_terminator(values in proptest::collection::vec(value(), 1..20)) {
        let mut w = Writer::new(Delimiters::default());
        w.segment("UNH", &[&["1"], &["TEST", "1", "1"]]);
        for v in &values {
            w.segment("FTX", &[&["AAI"], &[], &[], &[v]]);
        }
        let text = w.finish();
        let v = parse(text.as_bytes(), &Limits::default()).unwrap();
        let m = v[0].messages().next().unwrap();
        prop_assert_eq!(m.segments().count(), values.len() + 1);
        for (seg, v) in m.body().zip(&values) {
            let read = seg.get(3, 0).map(|c| c.into_owned()).unwrap_or_default();
            prop_assert_eq!(&read, v);
        }
    }
}

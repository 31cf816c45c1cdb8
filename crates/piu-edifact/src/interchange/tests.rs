use super::*;

fn one(input: &str) -> Interchange<'_> {
    let mut v = parse(input.as_bytes(), &Limits::default()).expect("parses");
    assert_eq!(v.len(), 1, "one interchange");
    v.remove(0)
}

fn warnings(ic: &Interchange<'_>) -> Vec<String> {
    let mut w: Vec<String> = ic.warnings().iter().map(|w| w.message.clone()).collect();
    for m in ic.messages() {
        w.extend(
            m.warnings()
                .skip(ic.warnings().len())
                .map(|w| w.message.clone()),
        );
    }
    w
}

const SIMPLE: &str = "UNA:+.? 'UNB+UNOA:4+SENDER:ZZ+RECEIVER+240101:1200+REF1'UNH+1+PAXLST:D:05B:UN:IATA+CAR1+01:F'BGM+745'NAD+FL+++O?'BRIEN:PAT'UNT+4+1'UNZ+1+REF1'";

#[test]
fn reads_a_clean_interchange() {
    let ic = one(SIMPLE);
    let h = ic.header().unwrap();
    assert_eq!(h.syntax_id, "UNOA");
    assert_eq!(h.sender.id, "SENDER");
    assert_eq!(h.sender.qualifier.as_deref(), Some("ZZ"));
    assert_eq!(h.control_ref, "REF1");
    assert!(warnings(&ic).is_empty(), "{:?}", warnings(&ic));
    let m = ic.messages().next().unwrap();
    let uh = m.header();
    assert_eq!(uh.message_type, "PAXLST");
    assert_eq!(uh.version.as_deref(), Some("D"));
    assert_eq!(uh.release.as_deref(), Some("05B"));
    assert_eq!(uh.association.as_deref(), Some("IATA"));
    assert_eq!(uh.common_access_ref.as_deref(), Some("CAR1"));
    assert_eq!(uh.sequence, Some(1));
    assert_eq!(uh.first_last, Some('F'));
    let body: Vec<_> = m.body().collect();
    assert_eq!(body.len(), 2);
    assert_eq!(body[1].get(3, 0).unwrap(), "O'BRIEN");
    assert_eq!(body[1].get(3, 1).unwrap(), "PAT");
    assert_eq!(body[1].number(), 4);
    assert_eq!(body[1].offset(), SIMPLE.find("NAD").unwrap());
}

#[test]
fn envelope_before_and_text_after_are_warnings() {
    let input =
        format!("\u{1}QU HDQRMXH\r\n.HDQRM1S 271150\r\n\u{2}{SIMPLE}\r\nEND OF TRANSMISSION\u{3}");
    let ic = one(&input);
    let w = warnings(&ic);
    assert!(
        w[0].contains("before the interchange were skipped"),
        "{w:?}"
    );
    assert!(
        w.iter()
            .any(|w| w.contains("after the end of the interchange")),
        "{w:?}"
    );
    assert_eq!(ic.messages().len(), 1);
}

#[test]
fn bare_message_without_unb() {
    let ic = one("UNH+7+PNRGOV:11:1:IA'MSG+:22'UNT+3+7'");
    assert!(ic.header().is_none());
    assert!(warnings(&ic).is_empty(), "{:?}", warnings(&ic));
    assert_eq!(
        ic.messages().next().unwrap().header().version.as_deref(),
        Some("11")
    );
}

#[test]
fn groups_and_control_counts() {
    let input = "UNB+UNOA:4+A+B+240101:1200+9'UNG+PAXLST+A+B+240101:1200+5+UN+D:02B'\
UNH+1+PAXLST:D:02B:UN:IATA'BGM+745'UNT+3+1'UNH+2+PAXLST:D:02B:UN:IATA'BGM+250'UNT+9+2'UNE+3+5'UNZ+2+9'";
    let ic = one(input);
    let msgs: Vec<_> = ic.messages().collect();
    assert_eq!(msgs.len(), 2);
    assert_eq!(msgs[0].group().unwrap().version.as_deref(), Some("D:02B"));
    let w = warnings(&ic);
    assert!(
        w.iter()
            .any(|w| w == "UNE says 3 messages in the group, but 2 were read"),
        "{w:?}"
    );
    assert!(
        w.iter()
            .any(|w| w == "UNZ says 2 groups in the interchange, but 1 were read"),
        "{w:?}"
    );
    let m2: Vec<_> = msgs[1].warnings().map(|w| w.message.clone()).collect();
    assert!(
        m2.iter()
            .any(|w| w == "UNT says 9 segments in the message, but 3 were read"),
        "{m2:?}"
    );
    let m1: Vec<_> = msgs[0].warnings().skip(ic.warnings().len()).collect();
    assert!(m1.is_empty(), "{m1:?}");
}

#[test]
fn a_broken_segment_fails_its_message_only() {
    let input = "UNB+UNOA:4+A+B+240101:1200+9'UNH+1+PAXLST:D:02B:UN:IATA'BGM+745'nad+FL'UNT+4+1'\
UNH+2+PAXLST:D:02B:UN:IATA'BGM+745'UNT+3+2'UNZ+2+9'";
    let ic = one(input);
    let msgs: Vec<_> = ic.messages().collect();
    let e = msgs[0].error().expect("first message fails");
    assert_eq!(e.kind, ErrorKind::BadSegmentTag);
    assert_eq!(e.offset, input.find("nad").unwrap());
    assert_eq!(e.location.segment, Some(4));
    assert!(msgs[1].error().is_none());
}

#[test]
fn unterminated_unz_with_appended_text() {
    let input = "UNB+IATA:1+TZ+AUCBPS+130523:2210+77'UNH+1+PNRGOV:11:1:IA'MSG+:22'UNT+3+1'UNZ+1+77\n\nModify above message.";
    let ic = one(input);
    let w = warnings(&ic);
    assert!(
        w.iter().any(|w| w.contains("Modify above message")),
        "{w:?}"
    );
    assert!(!w.iter().any(|w| w.contains("control reference")), "{w:?}");
}

#[test]
fn missing_unt_is_a_warning() {
    let ic = one("UNB+UNOA:4+A+B+240101:1200+9'UNH+1+PAXLST:D:02B:UN:IATA'BGM+745'UNZ+1+9'");
    let m = ic.messages().next().unwrap();
    assert_eq!(m.body().count(), 1);
    let w: Vec<_> = m.warnings().map(|w| w.message.clone()).collect();
    assert!(w.iter().any(|w| w.contains("before UNT")), "{w:?}");
}

#[test]
fn latin_repertoire_and_offsets() {
    let mut input =
        b"UNB+UNOC:3+A+B+240101:1200+9'UNH+1+PAXLST:D:02B:UN:IATA'NAD+FL+++M\xDCLLER'".to_vec();
    let bad_at = input.len();
    input.extend_from_slice(b"x'UNT+3+1'UNZ+1+9'");
    let v = parse(&input, &Limits::default()).unwrap();
    let m = v[0].messages().next().unwrap();
    let nad = m.body().next().unwrap();
    assert_eq!(nad.get(3, 0).unwrap(), "MÜLLER");
    assert_eq!(m.error().unwrap().offset, bad_at);
}

#[test]
fn curly_terminator() {
    let input = "UNA:+.? \u{2019}UNB+UNOA:4+A+B+240101:1200+9\u{2019}UNH+1+PAXLST:D:02B:UN:IATA\u{2019}NAD+FL+++D'ARCY\u{2019}UNT+3+1\u{2019}UNZ+1+9\u{2019}";
    let ic = one(input);
    let m = ic.messages().next().unwrap();
    let nad = m.body().next().unwrap();
    assert_eq!(nad.get(3, 0).unwrap(), "D'ARCY");
    assert_eq!(nad.offset(), input.find("NAD").unwrap());
    let w = warnings(&ic);
    assert!(w[0].contains("typographic apostrophe"), "{w:?}");
}

#[test]
fn repetition_separator_when_declared() {
    let ic = one("UNA:+.?*'UNH+1+X:1:1'ABC+A:1*B:2+C'UNT+3+1'");
    let seg = ic.messages().next().unwrap().body().next().unwrap();
    let e = seg.element(0).unwrap();
    assert_eq!(e.repetition_count(), 2);
    assert_eq!(e.component(1).unwrap().text(), "1");
    assert_eq!(e.repetition(1).unwrap().component(0).unwrap().text(), "B");
    assert_eq!(e.repetition(1).unwrap().component(1).unwrap().text(), "2");
    assert_eq!(seg.get(1, 0).unwrap(), "C");
}

#[test]
fn no_edifact_at_all() {
    let e = parse(b"  hello world", &Limits::default()).unwrap_err();
    assert_eq!(e.kind, ErrorKind::NoInterchange);
    assert_eq!(e.offset, 2);
}

#[test]
fn size_limit() {
    let limits = Limits {
        max_bytes: 10,
        ..Limits::default()
    };
    let e = parse(SIMPLE.as_bytes(), &limits).unwrap_err();
    assert_eq!(e.kind, ErrorKind::LimitExceeded);
}

#[test]
fn two_interchanges_in_one_input() {
    let input = format!("{SIMPLE}\n{SIMPLE}");
    let v = parse(input.as_bytes(), &Limits::default()).unwrap();
    assert_eq!(v.len(), 2);
    let second = v[1].messages().next().unwrap();
    assert_eq!(
        second.location().offset,
        SIMPLE.len() + 1 + SIMPLE.find("UNH").unwrap()
    );
    assert_eq!(second.location().segment, Some(8));
}

#[test]
fn non_ascii_service_characters_are_refused() {
    // Found by fuzzing: a UNA whose sixth byte starts a two-byte character.
    let input =
        b"UNA:+\\*'\xc3\xb8UNB+IATA:1+1A+KRC+130527:0754+3'UNH+1+PNRGOV:11:1:IA'UNT+2+1'UNZ+1+3'";
    let e = parse(input, &Limits::default()).unwrap_err();
    assert_eq!(e.kind, ErrorKind::BadServiceString);
    assert!(e.message.contains("ASCII"), "{e}");
    // The same with one Latin-1 byte.
    let input =
        b"UNA:+\\*'\xf8UNB+IATA:1+1A+KRC+130527:0754+3'UNH+1+PNRGOV:11:1:IA'UNT+2+1'UNZ+1+3'";
    let e = parse(input, &Limits::default()).unwrap_err();
    assert!(e.message.contains("ASCII"), "{e}");
}

#[test]
fn curly_terminator_in_text_that_is_not_utf8() {
    // Found by fuzzing: the UNA asks for ’ but a Latin-1 byte elsewhere makes
    // the text not UTF-8.
    let mut input = "UNA:+.? \u{2019}UNB+UNOA:4+A+B+240101:1200+9\u{2019}UNH+1+PAXLST:D:05B:UN:IATA\u{2019}NAD+FL+++M".as_bytes().to_vec();
    input.extend_from_slice(b"\xdcLLER\xe2\x80\x99UNT+3+1\xe2\x80\x99UNZ+1+9\xe2\x80\x99");
    let e = parse(&input, &Limits::default()).unwrap_err();
    assert_eq!(e.kind, ErrorKind::BadServiceString);
    assert_eq!(e.location.tag.as_deref(), Some("UNA"));
    assert!(e.message.contains("not UTF-8"), "{e}");
}

#[test]
fn input_ending_right_after_unb() {
    // Found by fuzzing: a UNA followed by the three letters UNB and nothing else.
    let v = parse(b"UNA:+.? 'UNB", &Limits::default()).unwrap();
    let w = warnings(&v[0]);
    assert!(w.iter().any(|w| w.contains("holds no message")), "{w:?}");
}

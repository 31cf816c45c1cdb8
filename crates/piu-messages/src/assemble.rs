//! Reassembly of multi-part series: a long PAXLST or PNRGOV push is split into
//! messages numbered `01:C`, `02`, … `NN:F` (UNH 0070/0073) that share a common
//! access reference (0068). The parts may arrive in one input or in several.

use std::collections::HashMap;

use piu_model::{Format, Message, Note, Parts};

/// Merges the parts of each series into one message; other messages pass through.
pub fn assemble(messages: Vec<Message>) -> Vec<Message> {
    assemble_tagged(messages.into_iter().map(|m| ((), m)).collect())
        .into_iter()
        .map(|(_, m)| m)
        .collect()
}

/// Like [`assemble`], carrying a tag (such as the file name) with each message;
/// an assembled message carries the tags of all its parts, in part order.
pub fn assemble_tagged<T>(messages: Vec<(T, Message)>) -> Vec<(Vec<T>, Message)> {
    // Parts belong together when they come from one sender, share the common
    // access reference and are the same kind of document: a flight's passenger
    // list and its close-out list share the reference but are two series.
    type Key = (Format, Option<String>, String, String);
    let mut series: HashMap<Key, usize> = HashMap::new();
    let mut out: Vec<Vec<(T, Message)>> = Vec::new();
    for (tag, m) in messages {
        let key = m.meta.parts.as_ref().and_then(|_| {
            let car = m.meta.common_access_ref.clone()?;
            let kind = format!(
                "{:?}/{:?}/{:?}",
                m.meta.manifest, m.meta.change, m.meta.push
            );
            Some((m.meta.format, m.meta.sender.clone(), car, kind))
        });
        match key {
            Some(k) => match series.get(&k) {
                Some(&i) => out[i].push((tag, m)),
                None => {
                    series.insert(k, out.len());
                    out.push(vec![(tag, m)]);
                }
            },
            None => out.push(vec![(tag, m)]),
        }
    }
    out.into_iter().map(merge).collect()
}

fn merge<T>(mut parts: Vec<(T, Message)>) -> (Vec<T>, Message) {
    if parts.len() == 1 && parts[0].1.meta.parts.is_none() {
        let (t, m) = parts.remove(0);
        return (vec![t], m);
    }
    parts.sort_by_key(|(_, m)| sequence(m));
    let mut tags = Vec::new();
    let mut merged: Option<Message> = None;
    let mut received: Vec<u32> = Vec::new();
    let mut last = None;
    let mut declared: Vec<u32> = Vec::new();
    for (tag, part) in parts {
        let seq = sequence(&part);
        let part_last = part.meta.parts.as_ref().and_then(|p| p.last);
        if received.contains(&seq) {
            if let Some(m) = merged.as_mut() {
                if same_content(m, &part) {
                    m.meta.warnings.push(Note::new(format!(
                        "part {seq} of the series arrived twice; the repeat was ignored"
                    )));
                    continue;
                }
                m.meta.warnings.push(Note::new(format!(
                    "part {seq} of the series arrived twice with different content; both are kept"
                )));
            }
        } else {
            received.push(seq);
        }
        last = last.or(part_last);
        declared.extend(part.meta.declared_persons);
        tags.push(tag);
        match merged.as_mut() {
            None => merged = Some(part),
            Some(m) => append(m, part),
        }
    }
    let mut m = merged.expect("a series has at least one part");
    // Sequence numbers come from the input: work in the number of parts
    // received, never in the number a part claims.
    let complete = last.is_some_and(|l| {
        received.iter().filter(|&&n| (1..=l).contains(&n)).count() as u64 == u64::from(l)
    });
    match last {
        Some(l) if !complete => {
            m.meta.warnings.push(Note::new(format!(
                "part(s) {} of {l} of the series are missing; the parts received are kept",
                missing_parts(&received, l)
            )));
        }
        None => m.meta.warnings.push(Note::new(format!(
            "the final part of the series was not received (parts received: {}); the parts received are kept",
            received.iter().map(u32::to_string).collect::<Vec<_>>().join(", ")
        ))),
        _ => {}
    }
    check_declared_persons(&mut m, &declared, complete);
    if let Some(n) = m.meta.declared_pnrs.filter(|_| complete)
        && n as usize != m.bookings.len()
    {
        m.meta.warnings.push(Note::new(format!(
            "EQN declares {n} PNRs for the push, {} were received",
            m.bookings.len()
        )));
    }
    m.meta.parts = Some(Parts {
        received,
        last,
        complete,
    });
    (tags, m)
}

/// Whether a repeated part carries what the message already holds for it.
fn same_content(m: &Message, part: &Message) -> bool {
    part.travellers.iter().all(|t| m.travellers.contains(t))
        && part.bookings.iter().all(|b| {
            m.bookings.iter().any(|x| {
                x.record_locator == b.record_locator && x.travellers.len() == b.travellers.len()
            })
        })
}

/// The sequence numbers from 1 to `last` not in `received`, as ranges (`2, 4-9`),
/// at most ten of them.
fn missing_parts(received: &[u32], last: u32) -> String {
    let mut seen: Vec<u32> = received
        .iter()
        .copied()
        .filter(|n| (1..=last).contains(n))
        .collect();
    seen.sort_unstable();
    seen.dedup();
    let mut gaps = Vec::new();
    let mut next = 1u32;
    for n in seen
        .into_iter()
        .chain(std::iter::once(last.saturating_add(1)))
    {
        if n > next {
            gaps.push(if n - 1 == next {
                next.to_string()
            } else {
                format!("{next}-{}", n - 1)
            });
        }
        next = n.saturating_add(1);
        if gaps.len() > 10 {
            gaps.truncate(10);
            gaps.push("…".into());
            break;
        }
    }
    gaps.join(", ")
}

fn sequence(m: &Message) -> u32 {
    m.meta
        .parts
        .as_ref()
        .and_then(|p| p.received.first().copied())
        .unwrap_or(1)
}

/// Appends a later part, shifting the traveller indexes it holds.
fn append(m: &mut Message, part: Message) {
    let shift = m.travellers.len();
    for mut t in part.travellers {
        t.infant = t.infant.map(|i| i + shift);
        m.travellers.push(t);
    }
    for mut b in part.bookings {
        for i in b.travellers.iter_mut() {
            *i += shift;
        }
        for p in b.payments.iter_mut() {
            p.traveller = p.traveller.map(|i| i + shift);
        }
        for t in b.tickets.iter_mut() {
            t.traveller = t.traveller.map(|i| i + shift);
        }
        m.bookings.push(b);
    }
    for w in part.meta.warnings {
        if !m.meta.warnings.contains(&w) {
            m.meta.warnings.push(w);
        }
    }
    m.other.extend(part.other);
    m.status_only &= part.status_only;
    if m.flight.is_none() {
        m.flight = part.flight;
    }
}

/// CNT in a series gives either the whole-flight total in every part or each
/// part's own count; both are accepted.
fn check_declared_persons(m: &mut Message, declared: &[u32], complete: bool) {
    if declared.is_empty() {
        return;
    }
    let read = m.travellers.len() as u32;
    let sum: u32 = declared.iter().sum();
    let same = declared.iter().all(|d| *d == declared[0]);
    let total = if same && declared[0] >= read {
        declared[0]
    } else {
        sum
    };
    m.meta.declared_persons = Some(total);
    if total != read {
        let what = if complete { "" } else { " so far" };
        m.meta.warnings.push(Note::new(format!(
            "CNT declares {total} persons for the series, {read} were received{what}"
        )));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use piu_model::{Booking, ManifestChange, ManifestKind, MessageMeta, Syntax, Traveller};

    fn part(
        seq: u32,
        last: bool,
        kind: ManifestKind,
        change: Option<ManifestChange>,
        names: &[&str],
    ) -> Message {
        let mut meta = MessageMeta::new(Format::Paxlst, Syntax::Edifact);
        meta.sender = Some("J2".into());
        meta.common_access_ref = Some("J2061/211126/0800".into());
        meta.manifest = Some(kind);
        meta.change = change;
        meta.parts = Some(Parts {
            received: vec![seq],
            last: last.then_some(seq),
            complete: false,
        });
        let mut m = Message::new(meta);
        m.travellers = names
            .iter()
            .map(|n| Traveller {
                surname: n.to_string(),
                ..Traveller::default()
            })
            .collect();
        m
    }

    fn surnames(m: &Message) -> Vec<&str> {
        m.travellers.iter().map(|t| t.surname.as_str()).collect()
    }

    #[test]
    fn a_list_and_its_close_out_are_two_series() {
        let pax = ManifestKind::Passengers;
        let status = ManifestKind::FlightStatus;
        let clob = Some(ManifestChange::CloseOnBoard);
        let out = assemble(vec![
            part(1, false, pax.clone(), None, &["ALIYEV"]),
            part(1, false, status.clone(), clob.clone(), &["ALIYEV"]),
            part(2, true, pax, None, &["HASANOVA"]),
            part(2, true, status, clob, &["HASANOVA"]),
        ]);
        assert_eq!(out.len(), 2);
        for m in &out {
            assert_eq!(surnames(m), ["ALIYEV", "HASANOVA"]);
            assert!(m.meta.parts.as_ref().unwrap().complete);
            assert!(m.meta.warnings.is_empty(), "{:?}", m.meta.warnings);
        }
    }

    #[test]
    fn repeats_and_gaps() {
        let pax = || ManifestKind::Passengers;
        let out = assemble(vec![
            part(3, true, pax(), None, &["GULIYEV"]),
            part(1, false, pax(), None, &["ALIYEV"]),
            part(1, false, pax(), None, &["ALIYEV"]),
            part(3, true, pax(), None, &["QASIMOV"]),
        ]);
        assert_eq!(out.len(), 1);
        let m = &out[0];
        assert_eq!(surnames(m), ["ALIYEV", "GULIYEV", "QASIMOV"]);
        let w: Vec<&str> = m.meta.warnings.iter().map(|w| w.message.as_str()).collect();
        assert!(
            w.iter()
                .any(|w| w.contains("part 1 of the series arrived twice; the repeat was ignored")),
            "{w:?}"
        );
        assert!(
            w.iter()
                .any(|w| w.contains("part 3 of the series arrived twice with different content")),
            "{w:?}"
        );
        assert!(w.iter().any(|w| w.contains("part(s) 2 of 3")), "{w:?}");
        let parts = m.meta.parts.as_ref().unwrap();
        assert_eq!(parts.received, vec![1, 3]);
        assert!(!parts.complete);
    }

    #[test]
    fn a_huge_claimed_part_number_costs_nothing() {
        // Found by fuzzing: `UNH+…+4000000000:F` once made the missing list that long.
        let pax = || ManifestKind::Passengers;
        let out = assemble(vec![
            part(1, false, pax(), None, &["A"]),
            part(4_000_000_000, true, pax(), None, &["B"]),
        ]);
        let w = &out[0].meta.warnings;
        assert!(
            w.iter()
                .any(|w| w.message.contains("part(s) 2-3999999999 of 4000000000")),
            "{w:?}"
        );
        assert_eq!(missing_parts(&[1, 3, 7], 10), "2, 4-6, 8-10");
        assert_eq!(missing_parts(&[], 1), "1");
    }

    #[test]
    fn traveller_indexes_follow_the_merge() {
        let mut a = part(1, false, ManifestKind::Passengers, None, &["A", "B"]);
        a.meta.format = Format::Pnrgov;
        a.bookings.push(Booking {
            record_locator: "X1".into(),
            travellers: vec![0, 1],
            ..Booking::default()
        });
        let mut b = part(2, true, ManifestKind::Passengers, None, &["C"]);
        b.meta.format = Format::Pnrgov;
        b.travellers[0].infant = Some(0);
        b.bookings.push(Booking {
            record_locator: "X2".into(),
            travellers: vec![0],
            ..Booking::default()
        });
        let out = assemble(vec![b, a]);
        let m = &out[0];
        assert_eq!(surnames(m), ["A", "B", "C"]);
        assert_eq!(m.bookings[1].travellers, vec![2]);
        assert_eq!(m.travellers[2].infant, Some(2));
    }
}

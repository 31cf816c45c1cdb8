//! Throughput of the EDIFACT tokenizer alone and of full PAXLST and PNRGOV
//! reading, on generated interchanges of about 1 MB and 100 MB.
//!
//! Run: `cargo bench -p piu-messages --bench reading`

mod support;

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use piu_edifact::Limits;
use piu_messages::{ReadOptions, read};

/// The tokenizer alone: every segment and separator found, the envelope checked.
fn tokenize(input: &[u8]) -> usize {
    let interchanges =
        piu_edifact::parse(input, &Limits::default()).expect("generated input parses");
    interchanges.iter().map(|ic| ic.segment_count()).sum()
}

/// Tokenizing, then visiting every component of every segment.
fn tokenize_and_visit(input: &[u8]) -> usize {
    let interchanges =
        piu_edifact::parse(input, &Limits::default()).expect("generated input parses");
    let mut n = 0;
    for ic in &interchanges {
        for m in ic.messages() {
            for seg in m.segments() {
                for e in seg.elements() {
                    for c in e.components() {
                        n += c.text().len();
                    }
                }
            }
        }
    }
    n
}

fn bench(c: &mut Criterion) {
    let options = ReadOptions::default();
    for (label, size) in [("1MB", 1usize << 20), ("100MB", 100 << 20)] {
        let inputs = [
            ("paxlst", support::paxlst(size)),
            ("pnrgov", support::pnrgov(size)),
        ];
        let mut group = c.benchmark_group(format!("reading/{label}"));
        if size > 1 << 20 {
            group.sample_size(10);
        }
        for (kind, text) in &inputs {
            let bytes = text.as_bytes();
            group.throughput(Throughput::Bytes(bytes.len() as u64));
            group.bench_function(format!("tokenizer/{kind}"), |b| {
                b.iter(|| tokenize(black_box(bytes)))
            });
            group.bench_function(format!("tokenize+visit/{kind}"), |b| {
                b.iter(|| tokenize_and_visit(black_box(bytes)))
            });
            group.bench_function(format!("read/{kind}"), |b| {
                b.iter(|| {
                    let r = read(black_box(bytes), &options);
                    assert!(r.errors.is_empty());
                    r.messages.len()
                })
            });
        }
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);

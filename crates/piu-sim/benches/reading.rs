//! Throughput of the EDIFACT tokenizer alone and of full reading (PAXLST,
//! PNRGOV EDIFACT, PNRGOV XML), on about 1 MiB and 100 MiB of generated input:
//!
//! - `day`: the files of simulated days of traffic, read one file at a time as
//!   intake reads them;
//! - `dense`: one interchange packed with passengers (see `piu_sim::dense`), the
//!   harder case, with more small segments per byte.
//!
//! Run: `cargo bench -p piu-sim --bench reading` (add a filter such as `day-1MiB`).
//! Like the `piu` binary, it uses the mimalloc allocator.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use piu_edifact::Limits;
use piu_messages::{ReadOptions, read};
use time::{Date, Duration, Month};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const MIB: usize = 1 << 20;

/// Files of simulated days whose name `wanted` accepts, until `bytes` are reached.
fn day_files(wanted: impl Fn(&str) -> bool, bytes: usize) -> Vec<Vec<u8>> {
    let first = Date::from_calendar_date(2026, Month::November, 21).expect("a date");
    let mut out = Vec::new();
    let mut total = 0;
    for d in 0.. {
        let day = piu_sim::simulate(first + Duration::days(d), 1);
        for f in day.files {
            if total >= bytes {
                return out;
            }
            if wanted(&f.name) {
                total += f.bytes.len();
                out.push(f.bytes);
            }
        }
    }
    out
}

/// The tokenizer alone: every segment and separator found, the envelope checked.
fn tokenize(files: &[Vec<u8>]) -> usize {
    let limits = Limits::default();
    files
        .iter()
        .map(|f| {
            piu_edifact::parse(f, &limits)
                .expect("generated input parses")
                .iter()
                .map(|ic| ic.segment_count())
                .sum::<usize>()
        })
        .sum()
}

fn read_all(files: &[Vec<u8>], options: &ReadOptions) -> usize {
    files
        .iter()
        .map(|f| {
            let r = read(f, options);
            assert!(r.errors.is_empty());
            r.messages.len()
        })
        .sum()
}

fn bench(c: &mut Criterion) {
    let options = ReadOptions::default();
    for (label, size) in [("1MiB", MIB), ("100MiB", 100 * MIB)] {
        let corpora: Vec<(&str, &str, Vec<Vec<u8>>)> = vec![
            ("day", "paxlst", day_files(|n| n.contains("PAXLST"), size)),
            (
                "day",
                "pnrgov",
                day_files(|n| n.contains("PNRGOV") && n.ends_with(".edi"), size),
            ),
            (
                "day",
                "pnrgov-xml",
                day_files(|n| n.ends_with(".xml"), size),
            ),
            (
                "dense",
                "paxlst",
                vec![piu_sim::dense::paxlst(size).into_bytes()],
            ),
            (
                "dense",
                "pnrgov",
                vec![piu_sim::dense::pnrgov(size).into_bytes()],
            ),
        ];
        for (corpus, kind, files) in &corpora {
            let bytes: usize = files.iter().map(Vec::len).sum();
            let mut group = c.benchmark_group(format!("{corpus}-{label}"));
            group.throughput(Throughput::Bytes(bytes as u64));
            if size > MIB {
                group.sample_size(10);
            }
            if *kind != "pnrgov-xml" {
                group.bench_function(format!("tokenizer/{kind}"), |b| {
                    b.iter(|| tokenize(black_box(files)))
                });
            }
            group.bench_function(format!("read/{kind}"), |b| {
                b.iter(|| read_all(black_box(files), &options))
            });
            group.finish();
        }
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);

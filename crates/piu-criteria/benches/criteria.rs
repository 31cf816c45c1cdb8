//! Cost of screening travellers against the sample criteria set
//! (`samples/criteria/criteria.json`, nine criteria) on one core:
//!
//! - `facts`: building one traveller's facts from a read message;
//! - `evaluate`: evaluating every criterion in force on facts already built
//!   (the first evaluation of a traveller also turns the facts into CEL values;
//!   this measures that too, on a fresh copy each time);
//! - `facts+evaluate`: both, which is what screening one traveller costs.
//!
//! Travellers are those of every PNRGOV and PAXLST sample in `samples/`, each
//! with a short travel history. Criterion reports time per batch; the
//! elements/s figure is travellers per second (1 / that = time per traveller).
//!
//! Run: `cargo bench -p piu-criteria --bench criteria`. Like the `piu` binary,
//! it uses the mimalloc allocator.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use piu_criteria::{Facts, HistoryLeg, facts, load};
use piu_model::Message;
use time::{Date, Month};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn samples() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../samples")
}

fn messages() -> Vec<Message> {
    let mut out = Vec::new();
    for dir in ["pnrgov", "pnrgov-xml", "paxlst"] {
        let mut files: Vec<_> = std::fs::read_dir(samples().join(dir))
            .expect("samples are in the repository")
            .map(|e| e.expect("readable").path())
            .collect();
        files.sort();
        for f in files {
            let bytes = std::fs::read(&f).expect("readable");
            out.extend(piu_messages::read(&bytes, &Default::default()).messages);
        }
    }
    out
}

fn bench(c: &mut Criterion) {
    let set = load(&std::fs::read(samples().join("criteria/criteria.json")).expect("readable"))
        .expect("the sample criteria load");
    let day = |m, d| Date::from_calendar_date(2025, m, d).expect("a date");
    let history = vec![
        HistoryLeg {
            origin: "GYD".into(),
            destination: "IST".into(),
            date: day(Month::March, 2),
            carrier: Some("J2".into()),
        },
        HistoryLeg {
            origin: "IST".into(),
            destination: "GYD".into(),
            date: day(Month::March, 9),
            carrier: Some("J2".into()),
        },
    ];
    let messages = messages();
    let travellers: Vec<(&Message, usize)> = messages
        .iter()
        .flat_map(|m| (0..m.travellers.len()).map(move |i| (m, i)))
        .collect();
    let built: Vec<Facts> = travellers
        .iter()
        .map(|(m, i)| facts(m, *i, &history, None))
        .collect();
    let on = day(Month::November, 20);
    println!(
        "{} travellers, {} criteria, {} hits",
        travellers.len(),
        set.criteria().len(),
        built
            .iter()
            .map(|f| set.evaluate(f, on).len())
            .sum::<usize>()
    );

    let mut group = c.benchmark_group("criteria");
    group.throughput(Throughput::Elements(travellers.len() as u64));
    group.bench_function("facts", |b| {
        b.iter(|| {
            travellers
                .iter()
                .map(|(m, i)| facts(black_box(m), *i, &history, None).reference().len())
                .sum::<usize>()
        })
    });
    group.bench_function("evaluate", |b| {
        b.iter_batched(
            || built.clone(),
            |fresh| {
                fresh
                    .iter()
                    .map(|f| set.evaluate(black_box(f), on).len())
                    .sum::<usize>()
            },
            criterion::BatchSize::LargeInput,
        )
    });
    group.bench_function("facts+evaluate", |b| {
        b.iter(|| {
            travellers
                .iter()
                .map(|(m, i)| {
                    set.evaluate(&facts(black_box(m), *i, &history, None), on)
                        .len()
                })
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

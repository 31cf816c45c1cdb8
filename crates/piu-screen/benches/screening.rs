//! Screening speed against a synthetic list of 1,000,000 entries with aliases
//! (`piu_sim::watchlist`): one 300-traveller flight (the target is 50 ms), and
//! the same travellers counted per second (the target is 20,000 a second), on
//! one thread. Most travellers are clean, one in ten is a planted variant of an
//! entry, as a busy day would not have it: hits cost more than misses.
//!
//! Run: `cargo bench -p piu-screen --bench screening`
//! (`PIU_BENCH_ENTRIES=100000` for a smaller list). Uses mimalloc, like `piu`.

mod common;

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use piu_screen::screen;
use time::macros::date;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const FLIGHT: usize = 300;

fn bench(c: &mut Criterion) {
    let entries = common::entries();
    let synthetic = common::synthetic(entries, FLIGHT / 10 * 20, FLIGHT / 10 * 9 * 20);
    // Twenty flights: 10% planted, 90% clean each.
    let (planted, clean): (Vec<_>, Vec<_>) = synthetic
        .travellers
        .iter()
        .partition(|t| t.planted.is_some());
    let mut flights: Vec<Vec<piu_screen::Subject>> = Vec::new();
    for f in 0..20 {
        let mut flight: Vec<_> = planted[f * FLIGHT / 10..(f + 1) * FLIGHT / 10]
            .iter()
            .map(|t| common::subject(t))
            .collect();
        flight.extend(
            clean[f * FLIGHT / 10 * 9..(f + 1) * FLIGHT / 10 * 9]
                .iter()
                .map(|t| common::subject(t)),
        );
        flights.push(flight);
    }
    let index = common::index(synthetic.entries);
    let today = date!(2026 - 11 - 21);
    let mut group = c.benchmark_group(format!("screen-{entries}"));
    group.throughput(Throughput::Elements(FLIGHT as u64));
    group.sample_size(20);
    let mut next = 0;
    group.bench_function("flight-300", |b| {
        b.iter(|| {
            let flight = &flights[next % flights.len()];
            next += 1;
            let mut hits = 0;
            for s in flight {
                hits += screen(&index, s, today).hits.len();
            }
            black_box(hits)
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

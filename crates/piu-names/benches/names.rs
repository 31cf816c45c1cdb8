//! Cost of name intelligence on one core:
//!
//! - `key`: reading a name as sent and preparing it for comparison (parts,
//!   roles, transliterations, keys, weights);
//! - `compare`: scoring two prepared names, as screening does for every
//!   candidate it examines — the pairs of the set, mostly close names, which
//!   is what candidates from an index are;
//! - `compare-unrelated`: each first name against the second name of another
//!   pair, names that share little.
//!
//! Names are the pairs of the evaluation set (`tests/data/evaluation.tsv`):
//! every script and form the matcher meets, hard negatives included. Criterion
//! reports time per batch; divide by the batch size printed at the start (or
//! read the elements/s figure) for time per name or per pair.
//!
//! Run: `cargo bench -p piu-names --bench names`. Like the `piu` binary, it uses
//! the mimalloc allocator.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use piu_names::Matcher;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn pairs() -> Vec<(String, String)> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/evaluation.tsv");
    let text = std::fs::read_to_string(path).expect("the evaluation set is in the repository");
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let mut cols = l.split('\t');
            Some((cols.next()?.to_string(), cols.next()?.to_string()))
        })
        .filter(|(a, _)| a != "name1")
        .collect()
}

fn bench(c: &mut Criterion) {
    let pairs = pairs();
    let matcher = Matcher::default();
    let names: Vec<&str> = pairs
        .iter()
        .flat_map(|(a, b)| [a.as_str(), b.as_str()])
        .collect();
    println!("{} names, {} pairs", names.len(), pairs.len());

    let mut group = c.benchmark_group("names");
    group.throughput(Throughput::Elements(names.len() as u64));
    group.bench_function("key", |b| {
        b.iter(|| {
            names
                .iter()
                .map(|n| matcher.prepare(black_box(n)).parsed().parts.len())
                .sum::<usize>()
        })
    });
    let prepared: Vec<_> = pairs
        .iter()
        .map(|(a, b)| (matcher.prepare(a), matcher.prepare(b)))
        .collect();
    group.throughput(Throughput::Elements(prepared.len() as u64));
    let related: Vec<_> = prepared.iter().map(|(x, y)| (x, y)).collect();
    let unrelated: Vec<_> = (0..prepared.len())
        .map(|i| (&prepared[i].0, &prepared[(i + 7) % prepared.len()].1))
        .collect();
    for (name, set) in [("compare", &related), ("compare-unrelated", &unrelated)] {
        group.bench_function(name, |b| {
            b.iter(|| {
                set.iter()
                    .map(|(x, y)| matcher.score(black_box(x), black_box(y)))
                    .sum::<f32>()
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

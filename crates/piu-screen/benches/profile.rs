//! A driver for instruction-count profiles of screening alone: builds the
//! index of the synthetic list, then screens a flight-like mix of travellers
//! (one in ten planted) and prints the hits and candidates, so that runs before
//! and after a change can be compared.
//!
//! Under callgrind, start with instrumentation off and turn it on once the
//! index is built: `PIU_PROFILE_GO=/tmp/go` makes the driver print `ready` and
//! wait for that file before screening.
//!
//! ```sh
//! PIU_BENCH_ENTRIES=100000 PIU_PROFILE_GO=/tmp/go valgrind --tool=callgrind \
//!   --instr-atstart=no target/release/deps/profile-* &
//! # on `ready`: callgrind_control -i on; touch /tmp/go
//! ```
//!
//! `PIU_PROFILE_TRAVELLERS` sets how many travellers (2,000 by default).

mod common;

use std::time::{Duration, Instant};

use piu_screen::screen;
use time::macros::date;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    if std::env::args().any(|a| a == "--list") {
        println!("profile: bench");
        return;
    }
    let travellers: usize = std::env::var("PIU_PROFILE_TRAVELLERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2_000);
    let synthetic = common::synthetic(common::entries(), travellers / 10, travellers / 10 * 9);
    let subjects: Vec<_> = synthetic.travellers.iter().map(common::subject).collect();
    let index = common::index(synthetic.entries);
    if let Ok(go) = std::env::var("PIU_PROFILE_GO") {
        println!("ready");
        while !std::path::Path::new(&go).exists() {
            std::thread::sleep(Duration::from_millis(100));
        }
    }
    let today = date!(2026 - 11 - 21);
    let started = Instant::now();
    let (mut hits, mut candidates) = (0usize, 0usize);
    for s in &subjects {
        let screened = screen(&index, s, today);
        hits += screened.hits.len();
        candidates += screened.candidates;
    }
    println!(
        "screened {} travellers in {:.3} s: {hits} hits, {candidates} candidates",
        subjects.len(),
        started.elapsed().as_secs_f64()
    );
    // Dropping a large index costs more than screening a small flight; the
    // process is about to end anyway.
    std::mem::forget(index);
    std::mem::forget(subjects);
}

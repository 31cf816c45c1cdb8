//! Runs one reading pass over a generated interchange, for profilers
//! (`valgrind --tool=callgrind`, `perf record`) that need a plain program.
//!
//! `cargo run --release -p piu-sim --example profile_reading -- paxlst|pnrgov parse|tokenize|read [MB] [passes]`

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use piu_edifact::Limits;
use piu_messages::{ReadOptions, read};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let kind = args.get(1).map(String::as_str).unwrap_or("paxlst");
    let what = args.get(2).map(String::as_str).unwrap_or("read");
    let mb: usize = args.get(3).and_then(|a| a.parse().ok()).unwrap_or(1);
    let passes: usize = args.get(4).and_then(|a| a.parse().ok()).unwrap_or(1);
    if let Some(dir) = kind.strip_prefix("dir=") {
        return read_dir(dir, what, passes);
    }
    let text = if kind == "pnrgov" {
        piu_sim::dense::pnrgov(mb << 20)
    } else {
        piu_sim::dense::paxlst(mb << 20)
    };
    let bytes = text.as_bytes();
    let mut total = 0usize;
    let started = std::time::Instant::now();
    for _ in 0..passes {
        total += if what == "parse" {
            piu_edifact::parse(bytes, &Limits::default())
                .expect("parses")
                .iter()
                .map(|ic| ic.segment_count())
                .sum()
        } else if what == "tokenize" {
            let ics = piu_edifact::parse(bytes, &Limits::default()).expect("parses");
            let mut n = 0;
            for ic in &ics {
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
        } else {
            read(bytes, &ReadOptions::default()).messages.len()
        };
    }
    let secs = started.elapsed().as_secs_f64();
    eprintln!(
        "{kind} {what}: {} bytes × {passes} in {secs:.3} s = {:.0} MB/s ({total})",
        bytes.len(),
        (bytes.len() * passes) as f64 / secs / 1e6
    );
}

/// Reads every file of a folder whose name contains `filter`, file by file.
fn read_dir(dir: &str, filter: &str, passes: usize) {
    let mut files: Vec<Vec<u8>> = std::fs::read_dir(dir)
        .expect("folder")
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains(filter))
        .map(|e| std::fs::read(e.path()).expect("file"))
        .collect();
    files.sort();
    let bytes: usize = files.iter().map(Vec::len).sum();
    let started = std::time::Instant::now();
    let mut messages = 0;
    for _ in 0..passes {
        for f in &files {
            let r = read(f, &ReadOptions::default());
            assert!(r.errors.is_empty());
            messages += r.messages.len();
        }
    }
    let secs = started.elapsed().as_secs_f64();
    eprintln!(
        "{dir} {filter}: {} files, {bytes} bytes × {passes} in {secs:.3} s = {:.0} MB/s ({messages} messages)",
        files.len(),
        (bytes * passes) as f64 / secs / 1e6
    );
}

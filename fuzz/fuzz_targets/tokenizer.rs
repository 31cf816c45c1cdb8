//! Any bytes through the EDIFACT syntax layer: every segment, element, repetition
//! and component is visited and unescaped. Nothing may panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use piu_edifact::{Limits, parse};

fuzz_target!(|data: &[u8]| {
    let limits = Limits {
        max_bytes: 1 << 20,
        ..Limits::default()
    };
    let Ok(interchanges) = parse(data, &limits) else {
        return;
    };
    for ic in &interchanges {
        let _ = ic.header();
        for m in ic.messages() {
            let _ = (m.header(), m.error(), m.location(), m.warnings().count());
            for seg in m.segments() {
                let _ = (seg.tag(), seg.raw_clean(), seg.location());
                for e in seg.elements() {
                    for r in 0..e.repetition_count() {
                        if let Some(rep) = e.repetition(r) {
                            for c in rep.components() {
                                let _ = c.text();
                            }
                        }
                    }
                }
            }
        }
    }
});

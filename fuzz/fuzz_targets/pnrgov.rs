//! A PNRGOV header followed by any bytes: explores the PNRGOV EDIFACT reader.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut input = b"UNA:+.?*'UNB+IATA:1+FZ+PIU+240101:1200+1'UNH+1+PNRGOV:13:1:IA+FZ1/010124/1200'MSG+:22'".to_vec();
    input.extend_from_slice(data);
    common::read_all(&input);
});

//! Any bytes as an XML document: explores the PNRGOV XML reader.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut input = b"<".to_vec();
    input.extend_from_slice(data);
    common::read_all(&input);
});

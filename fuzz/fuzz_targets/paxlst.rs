//! A PAXLST header followed by any bytes: explores the PAXLST reader.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut input = b"UNB+UNOA:4+FUZZ+PIU+240101:1200+1'UNH+1+PAXLST:D:05B:UN:IATA+CAR+01:C'".to_vec();
    input.extend_from_slice(data);
    common::read_all(&input);
    common::read_all(data);
});

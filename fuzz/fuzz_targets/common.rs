//! Shared by the message targets: read, assemble, and serialise what was read.

use piu_messages::{ReadOptions, XmlLimits, assemble, read};

pub fn read_all(data: &[u8]) {
    let options = ReadOptions {
        limits: piu_edifact::Limits {
            max_bytes: 1 << 20,
            ..Default::default()
        },
        xml_limits: XmlLimits {
            max_bytes: 1 << 20,
            ..Default::default()
        },
        reference_date: None,
    };
    let reading = read(data, &options);
    for e in &reading.errors {
        let _ = e.to_string();
    }
    for m in assemble(reading.messages) {
        let _ = serde_json::to_string(&m).expect("a read message serialises");
    }
}

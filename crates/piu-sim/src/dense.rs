//! Dense interchanges of a chosen size for throughput measurements: one
//! interchange of many flights, each a PAXLST (180 passengers) or PNRGOV push (90
//! PNRs of two passengers) with few optional segments. Denser in small segments
//! than a simulated day, so it is the harder case for a reader.

use piu_edifact::{Delimiters, Writer};

const SURNAMES: [&str; 12] = [
    "MAMMADOV", "ALIYEVA", "HASANOV", "IVANOV", "YILMAZ", "KARIMI", "AL-SAYED", "SHARMA", "MULLER",
    "O'NEIL", "GULIYEV", "PETROVA",
];
const GIVEN: [&str; 10] = [
    "RASHAD", "AYTAN", "ELVIN", "SERGEY", "AYSE", "REZA", "FATIMA", "RAHUL", "ANNA", "LEYLA",
];
const AIRPORTS: [&str; 8] = ["GYD", "IST", "SVO", "DXB", "FRA", "NAJ", "GNJ", "TSE"];

/// One interchange of messages of about `bytes` bytes: the envelope, and for each
/// message its number `n`, the places it flies between and its flight number.
fn interchange(
    delimiters: Delimiters,
    syntax: [&str; 2],
    sender: &str,
    bytes: usize,
    mut message: impl FnMut(&mut Writer, usize, (&str, &str), &str) -> String,
) -> String {
    let mut w = Writer::new(delimiters).with_line_breaks();
    w.una();
    w.segment(
        "UNB",
        &[&syntax, &[sender], &["AZEPIU"], &["261121", "0600"], &["1"]],
    );
    let mut n = 0;
    while w.as_str().len() < bytes {
        n += 1;
        let number = format!("{}", 100 + n % 900);
        let places = (AIRPORTS[n % 8], AIRPORTS[(n + 3) % 8]);
        let reference = message(&mut w, n, places, &number);
        let count = w.message_segment_count().to_string();
        w.segment("UNT", &[&[&count], &[&reference]]);
    }
    let count = n.to_string();
    w.segment("UNZ", &[&[&count], &["1"]]);
    w.finish()
}

/// A PAXLST interchange of about `bytes` bytes: flights of 180 passengers each.
pub fn paxlst(bytes: usize) -> String {
    interchange(
        Delimiters::default(),
        ["UNOA", "4"],
        "J2APIS",
        bytes,
        |w, flights, (from, to), number| {
            let reference = format!("M{flights}");
            w.segment(
                "UNH",
                &[
                    &[&reference],
                    &["PAXLST", "D", "05B", "UN", "IATA"],
                    &[&format!("J2{number}/261121")],
                    &["01", "F"],
                ],
            );
            w.segment("BGM", &[&["745"]]);
            w.segment("NAD", &[&["MS"], &[], &[], &["AZAL OPERATIONS"]]);
            w.segment("COM", &[&["994124000000", "TE"]]);
            w.segment(
                "TDT",
                &[&["20"], &[&format!("J2{number}")], &[], &[], &["J2"]],
            );
            w.segment("LOC", &[&["125"], &[from]]);
            w.segment("DTM", &[&["189", "2611211430", "201"]]);
            w.segment("LOC", &[&["87"], &[to]]);
            w.segment("DTM", &[&["232", "2611211745", "201"]]);
            for p in 0..180usize {
                let i = flights * 180 + p;
                let s = SURNAMES[i % 12];
                let g = GIVEN[(i / 12) % 10];
                let dob = format!("{:02}{:02}{:02}", 40 + i % 60, 1 + i % 12, 1 + i % 28);
                w.segment("NAD", &[&["FL"], &[], &[], &[s, g]]);
                w.segment("ATT", &[&["2"], &[], &[if i % 2 == 0 { "M" } else { "F" }]]);
                w.segment("DTM", &[&["329", &dob]]);
                w.segment("LOC", &[&["178"], &[from]]);
                w.segment("LOC", &[&["179"], &[to]]);
                w.segment("NAT", &[&["2"], &["AZE"]]);
                w.segment("RFF", &[&["AVF", &format!("Q{:05}", i % 99_999)]]);
                w.segment(
                    "DOC",
                    &[&["P", "110", "111"], &[&format!("C{:07}", i % 9_999_999)]],
                );
                w.segment("DTM", &[&["36", "310101"]]);
                w.segment("LOC", &[&["91"], &["AZE"]]);
            }
            w.segment("CNT", &[&["42", "180"]]);
            reference
        },
    )
}

/// A PNRGOV interchange of about `bytes` bytes: pushes of 90 PNRs with two passengers each.
pub fn pnrgov(bytes: usize) -> String {
    interchange(
        Delimiters::pnrgov(),
        ["IATA", "1"],
        "J2",
        bytes,
        |w, pushes, (from, to), number| {
            let reference = format!("P{pushes}");
            w.segment(
                "UNH",
                &[
                    &[&reference],
                    &["PNRGOV", "13", "1", "IA"],
                    &[&format!("J2{number}/211126/1430")],
                ],
            );
            w.segment("MSG", &[&["", "22"]]);
            w.segment("ORG", &[&["J2", "GYD"]]);
            w.segment(
                "TVL",
                &[
                    &["211126", "1430", "211126", "1745"],
                    &[from],
                    &[to],
                    &["J2"],
                    &[number],
                ],
            );
            w.segment("EQN", &[&["90"]]);
            for b in 0..90usize {
                let i = pushes * 90 + b;
                let locator = format!("L{:05}", i % 99_999);
                w.segment("SRC", &[]);
                w.segment("RCI", &[&["J2", &locator, "", "011126", "1015"]]);
                w.segment("DAT", &[&["700", "201126", "0930"]]);
                w.segment(
                    "ORG",
                    &[
                        &["1A", "MUC"],
                        &["12345678", "GYDJ208AA"],
                        &["GYD"],
                        &["J2"],
                        &["A"],
                        &["AZ", "AZN"],
                    ],
                );
                w.segment("IFT", &[&["4", "28", "", "J2"], &["CTCE RASHAD//MAIL.AZ"]]);
                for p in 0..2usize {
                    let k = i * 2 + p;
                    let s = SURNAMES[k % 12];
                    let g = GIVEN[(k / 12) % 10];
                    let r = (p + 1).to_string();
                    let docs = format!(
                        "/P/AZE/C{:07}/AZE/{:02}JAN{:02}/{}/01JAN31/{s}/{g}",
                        k % 9_999_999,
                        1 + k % 28,
                        40 + k % 60,
                        if k % 2 == 0 { "M" } else { "F" }
                    );
                    w.segment("TIF", &[&[s], &[&format!("{g}MR"), "A", &r]]);
                    w.segment("FTI", &[&["J2", &format!("{:09}", k % 999_999_999)]]);
                    w.segment("REF", &[&["", &format!("{k:016X}")]]);
                    w.segment(
                        "SSR",
                        &[
                            &["DOCS", "HK", "1", "J2", "", "", "", "", &docs],
                            &["", "", &r],
                        ],
                    );
                    w.segment(
                        "TKT",
                        &[&[&format!("771{:010}", k % 9_999_999_999), "T", "1"]],
                    );
                    w.segment("MON", &[&["T", "420.00", "AZN"]]);
                    w.segment(
                        "FOP",
                        &[&["CC", "", "420.00", "VI", "XXXXXXXXXXXX1234", "0628"]],
                    );
                }
                w.segment(
                    "TVL",
                    &[
                        &["211126", "1430", "211126", "1745"],
                        &[from],
                        &[to],
                        &["J2"],
                        &[number, "Y"],
                    ],
                );
                w.segment("RPI", &[&["2"], &["HK"]]);
                w.segment("APD", &[&["320"]]);
                w.segment(
                    "SSR",
                    &[
                        &["SEAT", "HK", "2", "J2", "", "", from, to],
                        &["12A", "", "1"],
                        &["12B", "", "2"],
                    ],
                );
            }
            reference
        },
    )
}

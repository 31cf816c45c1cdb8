//! Writes a day of traffic: `cargo run -p piu-sim --example day -- DIR [SEED] [YYYY-MM-DD]`.

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().unwrap_or_else(|| "traffic".into());
    let seed = args.next().and_then(|s| s.parse().ok()).unwrap_or(1);
    let date = args
        .next()
        .and_then(|d| {
            let f = time::macros::format_description!("[year]-[month]-[day]");
            time::Date::parse(&d, f).ok()
        })
        .unwrap_or(time::macros::date!(2026 - 11 - 21));
    let day = piu_sim::simulate(date, seed);
    match piu_sim::write(&day, std::path::Path::new(&dir)) {
        Ok(s) => println!("{s:?}"),
        Err(e) => {
            eprintln!("cannot write {dir}: {e}");
            std::process::exit(1);
        }
    }
}

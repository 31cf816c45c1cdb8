//! `piu screen`: travellers (a CSV file or carrier messages) against watchlists,
//! hits as JSON Lines on stdout, what was done on stderr.

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use piu_messages::{ReadOptions, assemble_tagged, read};
use piu_screen::{Index, Ledger, ListData, Recorded, Subject, screen};
use piu_watchlist::{Format, Import, List, Options, Purpose, Severity};

#[derive(clap::Args)]
pub struct Args {
    /// Watchlists: a list descriptor (`*.list.json`: name, owner agency,
    /// purpose, severity, validity, source file) or a data file (CSV, UN
    /// consolidated list XML, FollowTheMoney JSON lines, documents CSV), which
    /// then gets default metadata (named after the file, purpose terrorism and
    /// serious crime, severity medium).
    #[arg(long, required = true, num_args = 1..)]
    watchlist: Vec<PathBuf>,
    /// Travellers: a traveller CSV (the watchlist columns: id, full_name or
    /// first/middle/last_name, gender, date_of_birth, nationality,
    /// document_number, document_country …), or PAXLST/PNRGOV message files or
    /// folders.
    #[arg(long, required = true, num_args = 1..)]
    input: Vec<PathBuf>,
    /// Hits already reviewed as false positives (JSON Lines of hits with
    /// `"review": "false-positive"`): not raised again unless the data changed.
    #[arg(long)]
    reviewed: Option<PathBuf>,
    /// How to read dates such as 11-10-1975 in CSV files: DD-MM-YYYY or MM-DD-YYYY.
    #[arg(long, value_parser = parse_date_format)]
    date_format: Option<piu_watchlist::DateFormat>,
}

fn parse_date_format(s: &str) -> Result<piu_watchlist::DateFormat, String> {
    use piu_watchlist::DateFormat::*;
    match s.to_ascii_uppercase().as_str() {
        "DD-MM-YYYY" | "DMY" => Ok(DayMonthYear),
        "MM-DD-YYYY" | "MDY" => Ok(MonthDayYear),
        "YYYY-MM-DD" | "YMD" => Ok(YearMonthDay),
        "ISO" => Ok(Iso),
        _ => Err(format!(
            "{s:?}: expected DD-MM-YYYY, MM-DD-YYYY or YYYY-MM-DD"
        )),
    }
}

pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let mut failed = false;
    let mut lists = Vec::new();
    for path in &args.watchlist {
        match load_list(path, args.date_format) {
            Ok((data, import)) => {
                report_import(path, &data.list, &import);
                lists.push(data);
            }
            Err(e) => {
                eprintln!("{}: {e:#}", path.display());
                failed = true;
            }
        }
    }
    let index = Index::build(lists);
    eprintln!(
        "index: {} entries, {} names, {} lists, built in {:.2} s",
        index.entries().len(),
        index.names(),
        index.lists().len(),
        started.elapsed().as_secs_f64()
    );
    let mut ledger = Ledger::default();
    if let Some(path) = &args.reviewed {
        load_reviews(path, &mut ledger)
            .with_context(|| format!("cannot read {}", path.display()))?;
    }
    let (subjects, input_failed) = load_travellers(&args.input, args.date_format);
    failed |= input_failed;
    let today = time::OffsetDateTime::now_utc().date();
    let screening = Instant::now();
    let (mut candidates, mut raised, mut repeats, mut suppressed) =
        (0usize, 0usize, 0usize, 0usize);
    let mut out = BufWriter::new(io::stdout().lock());
    for subject in &subjects {
        let s = screen(&index, subject, today);
        candidates += s.candidates;
        for hit in s.hits {
            match ledger.record(&hit) {
                Recorded::New => {
                    raised += 1;
                    serde_json::to_writer(&mut out, &hit)?;
                    writeln!(out)?;
                }
                Recorded::Repeat => repeats += 1,
                Recorded::Suppressed => suppressed += 1,
            }
        }
    }
    out.flush()?;
    let elapsed = screening.elapsed().as_secs_f64();
    eprintln!(
        "screened {} travellers: {} candidates examined, {} hits ({} repeated, {} reviewed false positives not raised again) in {:.3} s ({:.0} travellers/s)",
        subjects.len(),
        candidates,
        raised,
        repeats,
        suppressed,
        elapsed,
        subjects.len() as f64 / elapsed.max(1e-9)
    );
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// A descriptor, or a data file with default metadata.
fn load_list(
    path: &Path,
    date_format: Option<piu_watchlist::DateFormat>,
) -> anyhow::Result<(ListData, Import)> {
    let bytes = std::fs::read(path).context("cannot read the file")?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (list, format, data_path, date_format) = if name.ends_with(".list.json") {
        let base = path.parent().unwrap_or(Path::new("."));
        let d = piu_watchlist::read_descriptor(&bytes, base)?;
        (
            d.list,
            Some(d.format),
            d.path,
            d.date_format.or(date_format),
        )
    } else {
        let format = piu_watchlist::detect(&bytes, &name);
        (
            default_list(path, &bytes, format),
            format,
            path.to_path_buf(),
            date_format,
        )
    };
    let data = if data_path == path {
        bytes
    } else {
        std::fs::read(&data_path).with_context(|| format!("cannot read {}", data_path.display()))?
    };
    let source = data_path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let format = format
        .or_else(|| piu_watchlist::detect(&data, &source))
        .with_context(|| format!("{source}: not a watchlist format this reads (CSV, UN XML, FollowTheMoney JSON lines)"))?;
    let options = Options {
        date_format,
        source,
    };
    let import = piu_watchlist::import(format, &data, &options)?;
    let data = ListData {
        list,
        entries: import.entries.clone(),
        documents: import.documents.clone(),
    };
    Ok((data, import))
}

fn default_list(path: &Path, bytes: &[u8], format: Option<Format>) -> List {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    List {
        name: stem,
        owner_agency: "unspecified".into(),
        category: format.map_or("watchlist", |f| f.default_category()).into(),
        severity: Severity::Medium,
        purpose: Purpose::SeriousCrime,
        valid_from: None,
        valid_until: None,
        threshold: None,
        version: piu_watchlist::content_version(bytes),
    }
}

fn report_import(path: &Path, list: &List, import: &Import) {
    let name = path.display();
    for r in &import.refused {
        eprintln!("{name}: refused {r}");
    }
    for w in &import.warnings {
        eprintln!("{name}: warning {w}");
    }
    eprintln!(
        "{name}: list {} ({}, {:?}): {} persons, {} documents, {} refused",
        list.name,
        list.owner_agency,
        list.purpose,
        import.entries.len(),
        import.documents.len(),
        import.refused.len()
    );
}

/// Travellers from CSV files and message files; what cannot be read is reported.
fn load_travellers(
    inputs: &[PathBuf],
    date_format: Option<piu_watchlist::DateFormat>,
) -> (Vec<Subject>, bool) {
    let mut subjects = Vec::new();
    let mut failed = false;
    let options = ReadOptions {
        reference_date: Some(time::OffsetDateTime::now_utc().date()),
        ..ReadOptions::default()
    };
    let mut messages = Vec::new();
    let files = match crate::parse::expand(inputs) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("{e:#}");
            return (subjects, true);
        }
    };
    for path in files {
        let name = path.display().to_string();
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("{name}: cannot read the file: {e}");
                failed = true;
                continue;
            }
        };
        if is_message(&bytes) {
            let reading = read(&bytes, &options);
            for e in &reading.errors {
                eprintln!("{name}: {e}");
                failed = true;
            }
            messages.extend(reading.messages.into_iter().map(|m| (name.clone(), m)));
            continue;
        }
        let options = Options {
            date_format,
            source: name.clone(),
        };
        match piu_watchlist::import_csv(&bytes, &options) {
            Ok(import) => {
                for r in &import.refused {
                    eprintln!("{name}: traveller not screened: {r}");
                    failed = true;
                }
                subjects.extend(import.entries.iter().map(traveller_from_row));
            }
            Err(e) => {
                eprintln!("{name}: {e}");
                failed = true;
            }
        }
    }
    for (sources, message) in assemble_tagged(messages) {
        for i in 0..message.travellers.len() {
            let reference = format!(
                "{} {} traveller {}",
                sources.join(" "),
                message.meta.message_ref,
                i + 1
            );
            subjects.extend(Subject::from_message(&message, i, reference));
        }
    }
    (subjects, failed)
}

/// EDIFACT or XML rather than CSV.
fn is_message(bytes: &[u8]) -> bool {
    let start = bytes.trim_ascii_start();
    let start = start.strip_prefix("\u{feff}".as_bytes()).unwrap_or(start);
    start.starts_with(b"UNA")
        || start.starts_with(b"UNB")
        || start.starts_with(b"UNH")
        || start.starts_with(b"<")
}

/// A traveller CSV row, read like a watchlist row: `input_ref` is its id, or
/// its row number.
pub fn traveller_from_row(e: &piu_watchlist::Entry) -> Subject {
    let reference = if e.id.is_empty() {
        e.provenance.locator.clone()
    } else {
        e.id.clone()
    };
    let name = match &e.name_parts {
        Some(p) if !p.last.is_empty() => format!("{}/{} {}", p.last, p.first, p.middle)
            .trim()
            .to_string(),
        _ => e.names.first().cloned().unwrap_or_default(),
    };
    Subject {
        identity: format!("{}|{reference}", e.provenance.source),
        reference,
        name,
        gender: e.gender,
        birth_date: e.birth_dates.first().copied(),
        nationality: e.nationalities.first().cloned(),
        documents: e.documents.clone(),
        source: piu_screen::Source::File,
        on: None,
        journey: String::new(),
    }
}

/// Reviewed hits: each line a hit as `piu screen` printed it, with `"review":
/// "false-positive"`.
fn load_reviews(path: &Path, ledger: &mut Ledger) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(path)?;
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value =
            serde_json::from_str(line).with_context(|| format!("line {}", n + 1))?;
        if v.get("review").and_then(|r| r.as_str()) != Some("false-positive") {
            continue;
        }
        let field = |k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or("");
        ledger.false_positive(
            field("identity"),
            field("list"),
            field("entry_id"),
            field("fingerprint"),
        );
    }
    Ok(())
}

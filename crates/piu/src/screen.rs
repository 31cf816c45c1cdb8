//! `piu screen`: travellers (a CSV file or carrier messages) against watchlists,
//! hits as JSON Lines on stdout, what was done on stderr.

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use time::{Date, PrimitiveDateTime};

use anyhow::Context;
use piu_criteria::CriteriaSet;
use piu_screen::{Index, Ledger, ListData, Recorded, criteria_hits, screen};
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
    /// Pre-determined criteria (a criteria file: groups and criteria in CEL),
    /// applied to travellers from carrier messages. A file with any error is
    /// refused whole.
    #[arg(long)]
    criteria: Option<PathBuf>,
    /// The moment screening is taken to run, YYYY-MM-DDTHH:MM (UTC; default:
    /// now): decides list and criteria validity for travellers without a
    /// flight date and the hours left until departure.
    #[arg(long, value_parser = parse_moment)]
    at: Option<PrimitiveDateTime>,
    /// Hits already reviewed as false positives (JSON Lines of hits with
    /// `"review": "false-positive"`): not raised again unless the data changed.
    #[arg(long)]
    reviewed: Option<PathBuf>,
    /// How to read dates such as 11-10-1975 in CSV files: DD-MM-YYYY or MM-DD-YYYY.
    #[arg(long, value_parser = parse_date_format)]
    date_format: Option<piu_watchlist::DateFormat>,
}

pub fn parse_moment(s: &str) -> Result<PrimitiveDateTime, String> {
    let with_time = time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]");
    let day = time::macros::format_description!("[year]-[month]-[day]");
    PrimitiveDateTime::parse(s, with_time)
        .or_else(|_| Date::parse(s, day).map(|d| d.midnight()))
        .map_err(|_| format!("{s:?}: expected YYYY-MM-DDTHH:MM or YYYY-MM-DD"))
}

pub fn parse_date_format(s: &str) -> Result<piu_watchlist::DateFormat, String> {
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
    let (index, mut failed) = build_index(&args.watchlist, args.date_format);
    let mut ledger = Ledger::default();
    if let Some(path) = &args.reviewed {
        load_reviews(path, &mut ledger)
            .with_context(|| format!("cannot read {}", path.display()))?;
    }
    let criteria = match &args.criteria {
        Some(path) => Some(load_criteria(path)?),
        None => None,
    };
    let now = crate::criteria::now_or(args.at);
    let loaded = crate::travellers::load(
        &args.input,
        args.date_format,
        criteria.as_ref().map(|_| now),
    );
    failed |= loaded.failed;
    if criteria.is_some() && loaded.from_csv > 0 {
        eprintln!(
            "criteria: {} travellers from CSV files carry no booking or flight; screened against watchlists only",
            loaded.from_csv
        );
    }
    let today = now.date();
    let screening = Instant::now();
    let (mut candidates, mut raised, mut repeats, mut suppressed) =
        (0usize, 0usize, 0usize, 0usize);
    let mut out = BufWriter::new(io::stdout().lock());
    for t in &loaded.travellers {
        let s = screen(&index, &t.subject, today);
        candidates += s.candidates;
        let mut hits = s.hits;
        if let (Some(set), Some(facts)) = (&criteria, &t.facts) {
            hits.extend(criteria_hits(set, facts, &t.subject, today));
        }
        for hit in hits {
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
        loaded.travellers.len(),
        candidates,
        raised,
        repeats,
        suppressed,
        elapsed,
        loaded.travellers.len() as f64 / elapsed.max(1e-9)
    );
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// Loads every watchlist (a refused row or file is reported on stderr) and
/// builds the index; true beside it when a file could not be loaded.
pub fn build_index(
    paths: &[PathBuf],
    date_format: Option<piu_watchlist::DateFormat>,
) -> (Index, bool) {
    build_index_with(paths, date_format, |_, _, _| {})
}

/// [`build_index`], telling `loaded` of each list read: the file its
/// entries came from, the list and what its import made of the rows.
pub fn build_index_with(
    paths: &[PathBuf],
    date_format: Option<piu_watchlist::DateFormat>,
    mut loaded: impl FnMut(&Path, &ListData, &Import),
) -> (Index, bool) {
    let started = Instant::now();
    let mut failed = false;
    let mut lists = Vec::new();
    for path in paths {
        match load_list(path, date_format) {
            Ok((data, import, data_path)) => {
                report_import(&data_path, &data.list, &import);
                loaded(&data_path, &data, &import);
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
    (index, failed)
}

/// A descriptor, or a data file with default metadata.
fn load_list(
    path: &Path,
    date_format: Option<piu_watchlist::DateFormat>,
) -> anyhow::Result<(ListData, Import, PathBuf)> {
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
    Ok((data, import, data_path))
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
        "{name}: list {} ({}, {}): {} persons, {} documents, {} refused",
        list.name,
        list.owner_agency,
        list.purpose,
        import.entries.len(),
        import.documents.len(),
        import.refused.len()
    );
}

/// A criteria file, every error in it reported.
pub fn load_criteria(path: &Path) -> anyhow::Result<CriteriaSet> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    piu_criteria::load(&bytes).map_err(|errors| {
        for e in &errors {
            eprintln!("{}: {e}", path.display());
        }
        anyhow::anyhow!(
            "{}: refused, {} error(s); no criterion was loaded",
            path.display(),
            errors.len()
        )
    })
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

//! `piu parse`: read message files and print one JSON object (or a summary) per message.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use piu_messages::{ReadOptions, assemble_tagged, read};
use piu_model::{Format, Message, Role, Syntax, TransportMode, Traveller};

#[derive(clap::Args)]
pub struct Args {
    /// Print JSON Lines: one object per message.
    #[arg(long)]
    json: bool,
    /// Message files (EDIFACT or XML), or folders of them.
    #[arg(required = true)]
    files: Vec<PathBuf>,
}

/// Reads every file; a file that fails does not stop the others. Parts of
/// multi-part series are joined across all files given.
pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let options = ReadOptions {
        reference_date: Some(time::OffsetDateTime::now_utc().date()),
        ..ReadOptions::default()
    };
    let mut failed = false;
    let mut read_messages = Vec::new();
    for path in &expand(&args.files)? {
        let name = path.display().to_string();
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("{name}: cannot read the file: {e}");
                failed = true;
                continue;
            }
        };
        let reading = read(&bytes, &options);
        for e in &reading.errors {
            eprintln!("{name}: {e}");
            failed = true;
        }
        for n in &reading.notes {
            eprintln!("{name}: warning {n}");
        }
        read_messages.extend(reading.messages.into_iter().map(|m| (name.clone(), m)));
    }
    let stdout = io::stdout();
    let mut out = stdout.lock();
    for (sources, message) in assemble_tagged(read_messages) {
        let written = if args.json {
            write_json(&mut out, &sources, &message)
        } else {
            write_summary(&mut out, &sources, &message)
        };
        if let Err(e) = written {
            if e.kind() == io::ErrorKind::BrokenPipe {
                break;
            }
            return Err(e.into());
        }
    }
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn write_json(out: &mut impl Write, sources: &[String], m: &Message) -> io::Result<()> {
    let mut value = serde_json::to_value(m).map_err(io::Error::other)?;
    if let Some(obj) = value.as_object_mut() {
        obj.insert("source".into(), sources.join(" ").into());
    }
    serde_json::to_writer(&mut *out, &value).map_err(io::Error::other)?;
    writeln!(out)
}

fn write_summary(out: &mut impl Write, sources: &[String], m: &Message) -> io::Result<()> {
    let meta = &m.meta;
    let format = match meta.format {
        Format::Paxlst => "PAXLST",
        Format::Pnrgov => "PNRGOV",
    };
    let syntax = match meta.syntax {
        Syntax::Edifact => "EDIFACT",
        Syntax::Xml => "XML",
    };
    let flight = match &m.flight {
        Some(f) => {
            let gap = if f.transport_mode == TransportMode::Air {
                ""
            } else {
                " "
            };
            let mut s = format!(
                "{}{gap}{} {}→{}",
                f.carrier,
                f.number,
                f.origin.as_deref().unwrap_or("?"),
                f.destination.as_deref().unwrap_or("?"),
            );
            if let Some(d) = f.departure {
                s.push_str(&format!(" {d}"));
            }
            s
        }
        None => "no flight".into(),
    };
    let mut shown: Vec<&str> = Vec::new();
    for s in sources {
        if !shown.contains(&s.as_str()) {
            shown.push(s);
        }
    }
    writeln!(
        out,
        "{}: {format} {} {syntax} ref {}: {flight}, {} travellers, {} bookings, {} warnings",
        shown.join(" "),
        meta.version,
        meta.message_ref,
        m.travellers.len(),
        m.bookings.len(),
        meta.warnings.len()
    )?;
    for t in m.travellers.iter().take(3) {
        writeln!(out, "    {}", traveller_line(t))?;
    }
    if m.travellers.len() > 3 {
        writeln!(out, "    … and {} more", m.travellers.len() - 3)?;
    }
    for w in &meta.warnings {
        writeln!(out, "    warning {w}")?;
    }
    Ok(())
}

fn traveller_line(t: &Traveller) -> String {
    let role = match t.role {
        Role::Passenger => "passenger",
        Role::Crew => "crew",
        Role::TransitPassenger => "passenger in transit",
        Role::TransitCrew => "crew in transit",
    };
    let doc = t
        .documents
        .first()
        .map(|d| {
            format!(
                ", {} {}",
                d.kind.as_deref().unwrap_or("document"),
                d.number.as_deref().unwrap_or("?")
            )
        })
        .unwrap_or_default();
    let born = t
        .date_of_birth
        .map(|d| format!(", born {d}"))
        .unwrap_or_default();
    let nationality = t
        .nationality
        .as_deref()
        .map(|n| format!(", {n}"))
        .unwrap_or_default();
    format!(
        "{role} {}, {}{born}{nationality}{doc}",
        t.surname, t.given_names
    )
}

/// Files given, with folders replaced by the files in them (sorted, recursively;
/// hidden files and Markdown notes left out).
pub(crate) fn expand(paths: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut entries: Vec<PathBuf> = std::fs::read_dir(p)?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|e| {
                    let name = e.file_name().and_then(|n| n.to_str()).unwrap_or("");
                    !name.starts_with('.') && !name.ends_with(".md")
                })
                .collect();
            entries.sort();
            out.extend(expand(&entries)?);
        } else {
            out.push(p.clone());
        }
    }
    Ok(out)
}

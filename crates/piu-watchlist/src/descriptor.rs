//! A list descriptor (`*.list.json`): what a source file is — owner, purpose,
//! severity — kept beside it, because no source format says so itself.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use time::Date;
use time::macros::format_description;

use crate::detect::{Format, detect, import};
use crate::{DateFormat, Import, ImportError, List, Options, Purpose, Severity};

/// A list and where its content is.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ListFile {
    pub list: List,
    pub format: Format,
    /// The source file, resolved against the descriptor's folder.
    pub path: PathBuf,
    pub date_format: Option<DateFormat>,
}

impl ListFile {
    /// Reads the source file and imports it.
    pub fn import(&self) -> Result<Import, ImportError> {
        let bytes = read(&self.path)?;
        let options = Options {
            date_format: self.date_format,
            source: self
                .path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
        };
        import(self.format, &bytes, &options)
    }
}

/// The descriptor as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    name: String,
    owner_agency: String,
    category: Option<String>,
    severity: Option<Severity>,
    purpose: Purpose,
    valid_from: Option<String>,
    valid_until: Option<String>,
    threshold: Option<f32>,
    version: Option<String>,
    source: String,
    format: Option<Format>,
    date_format: Option<String>,
}

/// Reads a descriptor. `name`, `owner_agency`, `purpose` and `source` are
/// required; severity defaults to medium, the category to the format's, the
/// format to what the source's content shows, and the version to a hash of
/// the source bytes — which is why the source file is read here.
pub fn read_descriptor(json: &[u8], base_dir: &Path) -> Result<ListFile, ImportError> {
    let bad = |message: String| ImportError::Descriptor { message };
    let raw: Raw = serde_json::from_slice(json).map_err(|e| bad(e.to_string()))?;
    for (field, value) in [
        ("name", &raw.name),
        ("owner_agency", &raw.owner_agency),
        ("source", &raw.source),
    ] {
        if value.trim().is_empty() {
            return Err(bad(format!("{field} is empty")));
        }
    }
    let valid_from = date(raw.valid_from.as_deref(), "valid_from")?;
    let valid_until = date(raw.valid_until.as_deref(), "valid_until")?;
    if let (Some(from), Some(until)) = (valid_from, valid_until)
        && until < from
    {
        return Err(bad(format!(
            "valid_until {until} is before valid_from {from}"
        )));
    }
    if let Some(t) = raw.threshold
        && !(t > 0.0 && t <= 1.0)
    {
        return Err(bad(format!("threshold {t} is not in (0, 1]")));
    }
    let date_format = match raw.date_format.as_deref() {
        None => None,
        Some(p) => Some(date_format(p).ok_or_else(|| {
            bad(format!(
                "date_format {p:?} is not one of DD-MM-YYYY, MM-DD-YYYY, YYYY-MM-DD"
            ))
        })?),
    };
    let path = base_dir.join(raw.source.trim());
    let bytes = read(&path)?;
    let format = match raw.format {
        Some(f) => f,
        None => detect(&bytes, raw.source.trim()).ok_or_else(|| {
            bad(format!(
                "cannot tell the format of {}; give \"format\" (csv, documents-csv, un-xml, ftm-jsonl)",
                raw.source.trim()
            ))
        })?,
    };
    let version = match raw.version.filter(|v| !v.trim().is_empty()) {
        Some(v) => v,
        None => content_version(&bytes),
    };
    Ok(ListFile {
        list: List {
            name: raw.name.trim().to_string(),
            owner_agency: raw.owner_agency.trim().to_string(),
            category: raw
                .category
                .filter(|c| !c.trim().is_empty())
                .unwrap_or_else(|| format.default_category().to_string()),
            severity: raw.severity.unwrap_or(Severity::Medium),
            purpose: raw.purpose,
            valid_from,
            valid_until,
            threshold: raw.threshold,
            version,
        },
        format,
        path,
        date_format,
    })
}

/// The first 16 hex digits of the SHA-256 of the bytes.
pub fn content_version(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A date format as a pattern (DD-MM-YYYY; any separator) or by name
/// (day-month-year).
fn date_format(pattern: &str) -> Option<DateFormat> {
    let p = pattern.trim().to_ascii_uppercase();
    let letters: String = p.chars().filter(char::is_ascii_alphabetic).collect();
    Some(match (letters.as_str(), p.as_str()) {
        (_, "ISO" | "YYYY-MM-DD") => DateFormat::Iso,
        (_, "DAY-MONTH-YEAR") | ("DDMMYYYY", _) => DateFormat::DayMonthYear,
        (_, "MONTH-DAY-YEAR") | ("MMDDYYYY", _) => DateFormat::MonthDayYear,
        (_, "YEAR-MONTH-DAY") | ("YYYYMMDD", _) => DateFormat::YearMonthDay,
        _ => return None,
    })
}

fn date(value: Option<&str>, field: &str) -> Result<Option<Date>, ImportError> {
    let Some(v) = value.map(str::trim).filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    Date::parse(v, format_description!("[year]-[month]-[day]"))
        .map(Some)
        .map_err(|_| ImportError::Descriptor {
            message: format!("{field} {v} is not a date (YYYY-MM-DD)"),
        })
}

fn read(path: &Path) -> Result<Vec<u8>, ImportError> {
    std::fs::read(path).map_err(|e| ImportError::Io {
        path: path.to_path_buf(),
        message: e.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dir_with(name: &str, content: &[u8]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(name), content).unwrap();
        dir
    }

    #[test]
    fn defaults() {
        let dir = dir_with("l.csv", b"id,full_name\n1,A B\n");
        let json = br#"{"name":"wanted","owner_agency":"Police","purpose":"serious-crime","source":"l.csv"}"#;
        let f = read_descriptor(json, dir.path()).unwrap();
        assert_eq!(f.format, Format::Csv);
        assert_eq!(f.list.severity, Severity::Medium);
        assert_eq!(f.list.category, "watchlist");
        assert_eq!(f.list.version, content_version(b"id,full_name\n1,A B\n"));
        assert_eq!(f.list.version.len(), 16);
        assert_eq!(f.list.threshold, None);
        assert_eq!(f.path, dir.path().join("l.csv"));
        assert_eq!(f.date_format, None);
        assert_eq!(f.import().unwrap().entries.len(), 1);
    }

    #[test]
    fn everything_given() {
        let dir = dir_with("l.txt", b"x");
        let json = br#"{"name":"n","owner_agency":"Border Service","category":"migration","severity":"high",
            "purpose":"border-migration","valid_from":"2026-01-01","valid_until":"2026-12-31","threshold":0.9,
            "version":"v7","source":"l.txt","format":"documents-csv","date_format":"DD.MM.YYYY"}"#;
        let f = read_descriptor(json, dir.path()).unwrap();
        assert_eq!(f.format, Format::DocumentsCsv);
        assert_eq!(f.list.severity, Severity::High);
        assert_eq!(f.list.purpose, Purpose::BorderMigration);
        assert_eq!(f.list.valid_from, Some(time::macros::date!(2026 - 01 - 01)));
        assert_eq!(f.list.threshold, Some(0.9));
        assert_eq!(f.list.version, "v7");
        assert_eq!(f.list.category, "migration");
        assert_eq!(f.date_format, Some(DateFormat::DayMonthYear));
    }

    #[test]
    fn errors_say_what_is_wrong() {
        let dir = dir_with("l.dat", b"a,b\n");
        let err = |json: &str| {
            read_descriptor(json.as_bytes(), dir.path())
                .unwrap_err()
                .to_string()
        };
        let base = r#""name":"n","owner_agency":"o","purpose":"serious-crime""#;
        assert!(
            err(r#"{"name":"n","owner_agency":"o","source":"l.dat"}"#)
                .contains("missing field `purpose`")
        );
        assert!(
            err(&format!(
                r#"{{{base},"source":"l.dat","severity":"urgent"}}"#
            ))
            .contains("unknown variant `urgent`")
        );
        assert!(
            err(&format!(r#"{{{base},"source":"l.dat","colour":1}}"#))
                .contains("unknown field `colour`")
        );
        assert_eq!(
            err(&format!(r#"{{{base},"source":"l.dat"}}"#)),
            "list descriptor: cannot tell the format of l.dat; give \"format\" (csv, documents-csv, un-xml, ftm-jsonl)"
        );
        assert!(err(&format!(r#"{{{base},"source":"missing.csv"}}"#)).contains("missing.csv"));
        assert_eq!(
            err(&format!(
                r#"{{{base},"source":"l.dat","format":"csv","valid_from":"01.01.2026"}}"#
            )),
            "list descriptor: valid_from 01.01.2026 is not a date (YYYY-MM-DD)"
        );
        assert_eq!(
            err(&format!(
                r#"{{{base},"source":"l.dat","format":"csv","threshold":1.5}}"#
            )),
            "list descriptor: threshold 1.5 is not in (0, 1]"
        );
        assert!(
            err(&format!(
                r#"{{{base},"source":"l.dat","format":"csv","date_format":"D/M/Y"}}"#
            ))
            .contains("date_format")
        );
        assert_eq!(
            err(&format!(
                r#"{{{base},"source":"l.dat","format":"csv","valid_from":"2026-02-01","valid_until":"2026-01-01"}}"#
            )),
            "list descriptor: valid_until 2026-01-01 is before valid_from 2026-02-01"
        );
        assert_eq!(
            err(r#"{"name":" ","owner_agency":"o","purpose":"serious-crime","source":"l.dat"}"#),
            "list descriptor: name is empty"
        );
    }

    #[test]
    fn date_format_patterns() {
        assert_eq!(date_format("YYYY-MM-DD"), Some(DateFormat::Iso));
        assert_eq!(date_format("dd/mm/yyyy"), Some(DateFormat::DayMonthYear));
        assert_eq!(date_format("MM-DD-YYYY"), Some(DateFormat::MonthDayYear));
        assert_eq!(date_format("YYYY.MM.DD"), Some(DateFormat::YearMonthDay));
        assert_eq!(
            date_format("day-month-year"),
            Some(DateFormat::DayMonthYear)
        );
        assert_eq!(date_format("YY-MM-DD"), None);
    }
}

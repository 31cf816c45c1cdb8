//! Which importer a file needs, told by its content: a file name says little
//! when lists arrive as `export.txt` or `list (3).csv`.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::table::Table;
use crate::{
    Import, ImportError, Options, import_csv, import_documents_csv, import_ftm_jsonl, import_un_xml,
};

/// The source formats read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    /// Persons, one per row.
    Csv,
    /// Lost, stolen or invalid documents, one per row.
    DocumentsCsv,
    /// The UN Security Council consolidated list.
    UnXml,
    /// FollowTheMoney JSON lines (OpenSanctions).
    FtmJsonl,
}

impl Format {
    /// The category a list of this format has when its descriptor names none.
    pub fn default_category(self) -> &'static str {
        match self {
            Format::Csv => "watchlist",
            Format::DocumentsCsv => "lost-stolen-documents",
            Format::UnXml | Format::FtmJsonl => "sanctions",
        }
    }
}

/// Reads bytes with the importer of `format`.
pub fn import(format: Format, bytes: &[u8], options: &Options) -> Result<Import, ImportError> {
    match format {
        Format::Csv => import_csv(bytes, options),
        Format::DocumentsCsv => import_documents_csv(bytes, options),
        Format::UnXml => import_un_xml(bytes, options),
        Format::FtmJsonl => import_ftm_jsonl(bytes, options),
    }
}

/// The format of a file: XML with root `CONSOLIDATED_LIST`; JSON objects
/// with a `schema`; a CSV header with a name column (persons) or with
/// `document_number` and `status` but no name column (documents). A header
/// with neither is taken as persons when the name ends in .csv, so the import
/// can say which column is missing. `None` when nothing fits.
pub fn detect(bytes: &[u8], file_name: &str) -> Option<Format> {
    let head = bytes.get(..bytes.len().min(64 * 1024)).unwrap_or(bytes);
    let text = match crate::text::decode_table(head) {
        Ok((t, _)) => t.into_owned(),
        Err(_) => return None,
    };
    let start = text.trim_start_matches('\u{feff}').trim_start();
    let extension = Path::new(file_name)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    if start.starts_with('<') {
        return (root_element(start) == Some("CONSOLIDATED_LIST")).then_some(Format::UnXml);
    }
    if start.starts_with('{') {
        let first = start.lines().next().unwrap_or_default();
        let has_schema = match serde_json::from_str::<serde_json::Value>(first) {
            Ok(v) => v.get("schema").is_some_and(serde_json::Value::is_string),
            // A first line longer than the head read.
            Err(_) => first.contains("\"schema\""),
        };
        return has_schema.then_some(Format::FtmJsonl);
    }
    let header = start.lines().next().unwrap_or_default();
    let table = Table::open(header, crate::csv::COLUMNS).ok()?;
    if ["full_name", "first_name", "last_name"]
        .iter()
        .any(|c| table.has(c))
    {
        return Some(Format::Csv);
    }
    let docs = Table::open(header, crate::documents::COLUMNS).ok()?;
    if docs.has("document_number") && docs.has("status") {
        return Some(Format::DocumentsCsv);
    }
    matches!(extension.as_str(), "csv" | "tsv").then_some(Format::Csv)
}

/// Local name of the first element, past declarations, comments and DOCTYPE.
fn root_element(text: &str) -> Option<&str> {
    let mut rest = text;
    loop {
        let at = rest.find('<')?;
        rest = rest.get(at + 1..)?;
        if rest.starts_with('?') || rest.starts_with('!') {
            continue;
        }
        let end = rest
            .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
            .unwrap_or(rest.len());
        let name = rest.get(..end)?;
        return Some(name.rsplit(':').next().unwrap_or(name));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn by_content() {
        let un = b"\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<!-- x -->\n<CONSOLIDATED_LIST dateGenerated=\"x\">";
        assert_eq!(detect(un, "list.txt"), Some(Format::UnXml));
        assert_eq!(detect(b"<sdnList>", "sdn.xml"), None);
        let ftm = br#"{"id":"x","schema":"Person","properties":{}}"#;
        assert_eq!(detect(ftm, "entities.ftm.json"), Some(Format::FtmJsonl));
        assert_eq!(detect(br#"{"name":"x"}"#, "d.json"), None);
        assert_eq!(
            detect(b"ID;Surname;Given name\n", "x.txt"),
            Some(Format::Csv)
        );
        assert_eq!(
            detect(b"id,document_number,status\nD1,X,lost\n", "ls.txt"),
            Some(Format::DocumentsCsv)
        );
        // A name column makes it persons, even with document columns.
        assert_eq!(
            detect(b"full_name,document_number,status\n", "x"),
            Some(Format::Csv)
        );
        assert_eq!(detect(b"a,b\n", "x.csv"), Some(Format::Csv));
        assert_eq!(detect(b"a,b\n", "x.dat"), None);
        assert_eq!(detect(b"", "x.dat"), None);
    }
}

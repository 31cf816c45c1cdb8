//! A delimited file read by its header: which known column is where, which
//! columns are not known, and each row with the number a spreadsheet shows.

use std::collections::HashMap;

use ::csv::{ReaderBuilder, StringRecord, Trim};

use crate::{ImportError, Refusal};

/// Header names other than the canonical ones, as lists write them.
const SYNONYMS: &[(&str, &str)] = &[
    ("name", "full_name"),
    ("fullname", "full_name"),
    ("given_name", "first_name"),
    ("given_names", "first_name"),
    ("firstname", "first_name"),
    ("middlename", "middle_name"),
    ("surname", "last_name"),
    ("family_name", "last_name"),
    ("lastname", "last_name"),
    ("alias", "aliases"),
    ("sex", "gender"),
    ("dob", "date_of_birth"),
    ("birth_date", "date_of_birth"),
    ("birthdate", "date_of_birth"),
    ("nationalities", "nationality"),
    ("citizenship", "nationality"),
    ("document_no", "document_number"),
    ("passport_number", "document_number"),
    ("issuing_country", "issuing_state"),
];

/// The columns found, by canonical name, and the rows.
pub(crate) struct Table<'t> {
    reader: ::csv::Reader<&'t [u8]>,
    /// Canonical name → column index.
    columns: HashMap<&'static str, usize>,
    /// The header as written, trimmed.
    pub header: Vec<String>,
    /// Warnings about the header (unknown or repeated columns).
    pub warnings: Vec<Refusal>,
    next_row: usize,
}

/// One data row.
pub(crate) struct Row {
    /// 1-based, the header being row 1.
    pub number: usize,
    /// Line where the row starts, when it differs from its number (blank
    /// lines or line breaks inside quoted values before it).
    pub line: Option<u64>,
    record: StringRecord,
    columns: usize,
}

impl Row {
    /// "row 12", or "row 12 (line 14)" where lines and rows part ways.
    pub fn locator(&self) -> String {
        match self.line {
            Some(l) => format!("row {} (line {l})", self.number),
            None => format!("row {}", self.number),
        }
    }

    /// Whether every value is empty (a spreadsheet's trailing blank rows).
    pub fn is_empty(&self) -> bool {
        self.record.iter().all(str::is_empty)
    }

    /// Values beyond the header's columns that are not empty.
    pub fn extra_values(&self) -> usize {
        self.record
            .iter()
            .skip(self.columns)
            .filter(|v| !v.is_empty())
            .count()
    }
}

impl<'t> Table<'t> {
    /// Reads the header. `known` are the canonical column names of the format.
    pub fn open(text: &'t str, known: &[&'static str]) -> Result<Self, ImportError> {
        let delimiter = sniff_delimiter(text);
        let mut reader = ReaderBuilder::new()
            .delimiter(delimiter)
            .flexible(true)
            .has_headers(false)
            .trim(Trim::All)
            .from_reader(text.as_bytes());
        let mut first = StringRecord::new();
        let found = reader
            .read_record(&mut first)
            .map_err(|e| ImportError::Encoding {
                offset: 0,
                message: format!("the header cannot be read: {e}"),
            })?;
        if !found || first.iter().all(str::is_empty) {
            return Err(ImportError::NoHeader);
        }
        let header: Vec<String> = first
            .iter()
            .map(|h| h.trim_matches('\u{feff}').trim().to_string())
            .collect();
        let mut columns = HashMap::new();
        let mut unknown = Vec::new();
        let mut repeated = Vec::new();
        for (i, h) in header.iter().enumerate() {
            match canonical(h, known) {
                Some(c) if columns.contains_key(c) => repeated.push(h.clone()),
                Some(c) => {
                    columns.insert(c, i);
                }
                None if h.is_empty() => {}
                None => unknown.push(h.clone()),
            }
        }
        let mut warnings = Vec::new();
        if !unknown.is_empty() {
            warnings.push(Refusal::new(
                "row 1",
                format!("columns not used, ignored: {}", unknown.join(", ")),
            ));
        }
        if !repeated.is_empty() {
            warnings.push(Refusal::new(
                "row 1",
                format!(
                    "columns given twice, only the first one read: {}",
                    repeated.join(", ")
                ),
            ));
        }
        Ok(Table {
            reader,
            columns,
            header,
            warnings,
            next_row: 2,
        })
    }

    pub fn has(&self, column: &str) -> bool {
        self.columns.contains_key(column)
    }

    /// The trimmed value of a known column, empty when the column or the
    /// value is missing.
    pub fn get<'r>(&self, row: &'r Row, column: &str) -> &'r str {
        self.columns
            .get(column)
            .and_then(|&i| row.record.get(i))
            .unwrap_or_default()
    }

    /// The next row with any value in it; a row that cannot be read, or a
    /// blank one, is refused into `refused` with its place.
    pub fn next_filled_row(&mut self, refused: &mut Vec<Refusal>) -> Option<Row> {
        while let Some(row) = self.next_row() {
            match row {
                Err(r) => refused.push(r),
                Ok(r) if r.is_empty() => refused.push(Refusal::new(r.locator(), "empty row")),
                Ok(r) => return Some(r),
            }
        }
        None
    }

    /// The next row, or a row the reader could not split (with its locator).
    pub fn next_row(&mut self) -> Option<Result<Row, Refusal>> {
        let mut record = StringRecord::new();
        let number = self.next_row;
        let result = self.reader.read_record(&mut record);
        self.next_row += 1;
        match result {
            Ok(false) => None,
            Ok(true) => {
                let line = record
                    .position()
                    .map(::csv::Position::line)
                    .filter(|&l| usize::try_from(l).ok() != Some(number));
                Some(Ok(Row {
                    number,
                    line,
                    record,
                    columns: self.header.len(),
                }))
            }
            Err(e) => Some(Err(Refusal::new(
                format!("row {number}"),
                format!("the row cannot be read: {e}"),
            ))),
        }
    }
}

/// A header name lower-cased, with blanks and hyphens as underscores, mapped
/// to the canonical name when the format knows it.
fn canonical(h: &str, known: &[&'static str]) -> Option<&'static str> {
    let norm: String = h
        .trim_matches('\u{feff}')
        .trim()
        .to_lowercase()
        .chars()
        .map(|c| if c == ' ' || c == '-' { '_' } else { c })
        .collect();
    let name = SYNONYMS
        .iter()
        .find(|(s, _)| *s == norm)
        .map_or(norm.as_str(), |(_, c)| c);
    known.iter().copied().find(|k| *k == name)
}

/// The separator the header line uses most: comma, semicolon (spreadsheets
/// in much of Europe) or tab.
fn sniff_delimiter(text: &str) -> u8 {
    let line = text.lines().next().unwrap_or_default();
    let mut quoted = false;
    let mut counts = [0usize; 3];
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => counts[0] += 1,
            ';' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3).max_by_key(|&i| (counts[i], 3 - i)).unwrap_or(0);
    [b',', b';', b'\t'][best]
}

#[cfg(test)]
mod tests {
    use super::*;

    const KNOWN: &[&str] = &["id", "full_name", "date_of_birth"];

    #[test]
    fn header_is_case_and_blank_insensitive() {
        let t = Table::open(" ID ,Full Name,DOB,Shoe size\n", KNOWN).unwrap();
        assert!(t.has("id") && t.has("full_name") && t.has("date_of_birth"));
        assert_eq!(t.warnings.len(), 1);
        assert_eq!(
            t.warnings[0].to_string(),
            "row 1: columns not used, ignored: Shoe size"
        );
    }

    #[test]
    fn semicolons_and_tabs() {
        let mut t = Table::open("id;full_name\n1;A, B\n", KNOWN).unwrap();
        let r = t.next_row().unwrap().unwrap();
        assert_eq!(t.get(&r, "full_name"), "A, B");
        let mut t = Table::open("id\tfull_name\n1\tX\n", KNOWN).unwrap();
        let r = t.next_row().unwrap().unwrap();
        assert_eq!(t.get(&r, "full_name"), "X");
    }

    #[test]
    fn rows_count_from_two_and_show_lines_where_they_differ() {
        let mut t = Table::open("id,full_name\n1,\"A\nB\"\n2,C\n", KNOWN).unwrap();
        let a = t.next_row().unwrap().unwrap();
        let b = t.next_row().unwrap().unwrap();
        assert_eq!(a.locator(), "row 2");
        assert_eq!(b.locator(), "row 3 (line 4)");
        assert!(t.next_row().is_none());
    }

    #[test]
    fn empty_file_has_no_header() {
        assert!(matches!(Table::open("", KNOWN), Err(ImportError::NoHeader)));
        assert!(matches!(
            Table::open("\n\n", KNOWN),
            Err(ImportError::NoHeader)
        ));
    }
}

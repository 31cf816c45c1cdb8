//! Lost, stolen and invalid travel documents kept as CSV: a hit on one needs
//! no name at all, only the number and, where known, the issuing state.

use std::collections::HashMap;

use crate::fields::country;
use crate::table::Table;
use crate::text::decode_table;
use crate::{DocumentEntry, DocumentStatus, Import, ImportError, Options, Provenance, Refusal};

pub(crate) const COLUMNS: &[&str] = &[
    "id",
    "document_number",
    "document_type",
    "issuing_state",
    "document_country",
    "status",
];

/// Reads documents by the header; `document_number` and `status` are needed.
/// Every data row becomes a document or a refusal.
pub fn import_documents_csv(bytes: &[u8], options: &Options) -> Result<Import, ImportError> {
    let (text, encoding_note) = decode_table(bytes)?;
    let mut table = Table::open(&text, COLUMNS)?;
    for needed in ["document_number", "status"] {
        if !table.has(needed) {
            return Err(ImportError::MissingColumn {
                line: 1,
                needed: needed.to_string(),
                header: table.header.clone(),
            });
        }
    }
    let mut out = Import::default();
    if let Some(note) = encoding_note {
        out.warnings.push(Refusal::new("file", note));
    }
    out.warnings.append(&mut table.warnings);
    let state_column = if table.has("issuing_state") {
        "issuing_state"
    } else {
        "document_country"
    };
    let mut seen: HashMap<String, usize> = HashMap::new();
    while let Some(row) = table.next_filled_row(&mut out.refused) {
        let locator = row.locator();
        let get = |c: &str| table.get(&row, c);
        let refuse = |reason: String| Refusal::new(locator.clone(), reason);
        let id = match get("id") {
            "" => format!("row-{}", row.number),
            id => id.to_string(),
        };
        if let Some(first) = seen.get(&id) {
            out.refused
                .push(refuse(format!("duplicate id {id} (first on row {first})")));
            continue;
        }
        seen.insert(id.clone(), row.number);
        let number = get("document_number");
        if number.is_empty() {
            out.refused
                .push(refuse("document_number is empty".to_string()));
            continue;
        }
        let status = match status(get("status")) {
            Some(s) => s,
            None => {
                out.refused.push(refuse(format!(
                    "status {:?} is not lost, stolen, invalid or revoked",
                    get("status")
                )));
                continue;
            }
        };
        let issuing_state = match get(state_column) {
            "" => None,
            s => match country(s) {
                Ok(c) => Some(c),
                Err(v) => {
                    out.refused.push(refuse(format!(
                        "{state_column} {v} is not a known country (give alpha-2, alpha-3 or an English name)"
                    )));
                    continue;
                }
            },
        };
        let kind = Some(get("document_type").to_string()).filter(|k| !k.is_empty());
        out.documents.push(DocumentEntry {
            provenance: Provenance {
                source: options.source.clone(),
                locator: locator.clone(),
                source_id: (!get("id").is_empty()).then(|| id.clone()),
            },
            id,
            number: number.to_string(),
            kind,
            issuing_state,
            status,
        });
    }
    Ok(out)
}

fn status(value: &str) -> Option<DocumentStatus> {
    Some(match value.trim().to_lowercase().as_str() {
        "lost" => DocumentStatus::Lost,
        "stolen" => DocumentStatus::Stolen,
        "invalid" | "invalidated" | "cancelled" | "canceled" => DocumentStatus::Invalid,
        "revoked" => DocumentStatus::Revoked,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_become_documents_or_refusals() {
        let csv = "id,document_number,document_type,issuing_state,status\n\
                   D1,C01234567,passport,AZE,stolen\n\
                   D2,,passport,AZE,lost\n\
                   D3,C0999,passport,AZE,misplaced\n\
                   D4,C0888,passport,Narnia,lost\n\
                   D1,C0777,passport,AZE,lost\n\
                   D5,AA1234567,id,ge,REVOKED\n";
        let i = import_documents_csv(csv.as_bytes(), &Options::new("ls.csv")).unwrap();
        let refused: Vec<String> = i.refused.iter().map(ToString::to_string).collect();
        assert_eq!(
            refused,
            [
                "row 3: document_number is empty",
                "row 4: status \"misplaced\" is not lost, stolen, invalid or revoked",
                "row 5: issuing_state Narnia is not a known country (give alpha-2, alpha-3 or an English name)",
                "row 6: duplicate id D1 (first on row 2)",
            ]
        );
        assert_eq!(i.documents.len(), 2);
        assert_eq!(i.documents[0].status, DocumentStatus::Stolen);
        assert_eq!(i.documents[1].issuing_state.as_deref(), Some("GEO"));
        assert_eq!(i.documents[1].status, DocumentStatus::Revoked);
        assert_eq!(i.documents[1].provenance.locator, "row 7");
        assert!(i.entries.is_empty());
    }

    #[test]
    fn document_country_stands_in_for_issuing_state() {
        let csv = "document_number,document_country,status\nX1,TR,lost\n";
        let i = import_documents_csv(csv.as_bytes(), &Options::new("x")).unwrap();
        assert_eq!(i.documents[0].issuing_state.as_deref(), Some("TUR"));
        assert_eq!(i.documents[0].id, "row-2");
    }

    #[test]
    fn status_column_is_needed() {
        let e = import_documents_csv(b"document_number\nX1\n", &Options::new("x")).unwrap_err();
        assert!(matches!(e, ImportError::MissingColumn { ref needed, .. } if needed == "status"));
    }
}

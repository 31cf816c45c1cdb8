//! The UN Security Council consolidated sanctions list (XML root
//! `CONSOLIDATED_LIST`). The list is published by others and authoritative: a
//! value that cannot be read is left out with a warning, and the person kept.

use std::collections::HashMap;

use quick_xml::escape::resolve_xml_entity;
use quick_xml::events::Event;
use quick_xml::reader::Reader;

use crate::dates::{parse_dates, year_range};
use crate::fields::{collapse, country, gender, push_name};
use crate::text::{decode_xml, line_column};
use crate::{
    DateFormat, Document, Entry, Import, ImportError, NameParts, Options, Provenance, Refusal,
};

const ROOT: &str = "CONSOLIDATED_LIST";

/// Element name and trimmed text.
type Field = (String, String);

/// One INDIVIDUAL or ENTITY: its leaf children as fields, its children with
/// children of their own (aliases, dates, documents …) as groups.
#[derive(Default)]
struct Record {
    kind: String,
    line: usize,
    fields: Vec<Field>,
    groups: Vec<(String, Vec<Field>)>,
}

impl Record {
    fn field(&self, name: &str) -> &str {
        value(&self.fields, name)
    }

    fn groups<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a [Field]> + 'a {
        self.groups
            .iter()
            .filter(move |(n, _)| n == name)
            .map(|(_, f)| f.as_slice())
    }

    fn locator(&self) -> String {
        match self.field("DATAID") {
            "" => format!("{} at line {}", self.kind, self.line),
            id => format!("{} DATAID {id}", self.kind),
        }
    }
}

/// The first non-empty value of a field, trimmed, blanks collapsed.
fn value<'a>(fields: &'a [Field], name: &str) -> &'a str {
    fields
        .iter()
        .filter(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
        .find(|v| !v.is_empty())
        .unwrap_or_default()
}

/// What is being collected at the current depth below a record.
#[derive(Default)]
struct Open {
    /// Depth of the record element; 0 when outside any record.
    depth: usize,
    record: Record,
    child: Option<(String, String, Vec<Field>)>,
    grandchild: Option<(String, String)>,
}

/// Reads individuals from the UN list; each entity becomes a refusal.
pub fn import_un_xml(bytes: &[u8], options: &Options) -> Result<Import, ImportError> {
    let text = decode_xml(bytes)?;
    let mut reader = Reader::from_str(&text);
    {
        let cfg = reader.config_mut();
        cfg.check_end_names = true;
        cfg.expand_empty_elements = true;
    }
    let xml_error = |offset: usize, message: String| {
        let (line, column) = line_column(&text, offset);
        ImportError::Xml {
            line,
            column,
            offset,
            message,
        }
    };
    let mut out = Import::default();
    let mut stack: Vec<String> = Vec::new();
    let mut open = Open::default();
    let mut seen_root = false;
    let mut ids: HashMap<String, String> = HashMap::new();
    loop {
        let pos = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
        let event = reader.read_event().map_err(|e| {
            let at = usize::try_from(reader.error_position()).unwrap_or(pos);
            xml_error(at, e.to_string())
        })?;
        let chars = match event {
            Event::Eof => break,
            Event::Start(e) => {
                let name = e.local_name().as_ref().to_string();
                if !seen_root {
                    seen_root = true;
                    if name != ROOT {
                        return Err(ImportError::WrongRoot {
                            line: line_column(&text, pos).0,
                            root: name,
                            expected: ROOT.to_string(),
                        });
                    }
                } else if stack.is_empty() {
                    return Err(xml_error(pos, format!("a second root element <{name}>")));
                }
                let depth = stack.len() + 1;
                if open.depth == 0 {
                    // Wherever they stand: a record skipped for its place
                    // would be dropped without a word.
                    if name == "INDIVIDUAL" || name == "ENTITY" {
                        open = Open {
                            depth,
                            record: Record {
                                kind: name.clone(),
                                line: line_column(&text, pos).0,
                                ..Record::default()
                            },
                            ..Open::default()
                        };
                    }
                } else if depth == open.depth + 1 {
                    open.child = Some((name.clone(), String::new(), Vec::new()));
                } else if depth == open.depth + 2 {
                    open.grandchild = Some((name.clone(), String::new()));
                }
                stack.push(name);
                None
            }
            Event::End(_) => {
                let depth = stack.len();
                stack.pop();
                if open.depth > 0 {
                    if depth == open.depth + 2 {
                        if let (Some((n, t)), Some(child)) =
                            (open.grandchild.take(), open.child.as_mut())
                        {
                            child.2.push((n, collapse(&t)));
                        }
                    } else if depth == open.depth + 1 {
                        if let Some((n, t, group)) = open.child.take() {
                            if group.is_empty() {
                                open.record.fields.push((n, collapse(&t)));
                            } else {
                                open.record.groups.push((n, group));
                            }
                        }
                    } else if depth == open.depth {
                        let record = std::mem::take(&mut open).record;
                        take(record, options, &mut out, &mut ids);
                    }
                }
                None
            }
            Event::Text(t) => Some(t.xml10_content().into_owned()),
            Event::CData(c) => Some(c.xml10_content().into_owned()),
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c.to_string()),
                    Ok(None) => resolve_xml_entity(&r).map(str::to_string),
                    Err(_) => None,
                };
                Some(resolved.ok_or_else(|| {
                    xml_error(
                        pos,
                        format!(
                            "&{}; is not one of the five XML entities or a character reference",
                            &*r
                        ),
                    )
                })?)
            }
            Event::Empty(_)
            | Event::Decl(_)
            | Event::PI(_)
            | Event::Comment(_)
            | Event::DocType(_) => None,
        };
        if let Some(s) = chars {
            if stack.is_empty() && !s.trim().is_empty() {
                return Err(xml_error(pos, "text outside the root element".to_string()));
            }
            if let Some((_, t)) = open.grandchild.as_mut() {
                t.push_str(&s);
            } else if let Some((_, t, _)) = open.child.as_mut() {
                t.push_str(&s);
            }
        }
    }
    if let Some(name) = stack.last() {
        return Err(xml_error(
            text.len(),
            format!("the document ends before <{name}> is closed"),
        ));
    }
    if !seen_root {
        return Err(xml_error(0, "no root element".to_string()));
    }
    Ok(out)
}

/// Files one record as an entry or a refusal.
fn take(record: Record, options: &Options, out: &mut Import, ids: &mut HashMap<String, String>) {
    let locator = record.locator();
    if record.kind == "ENTITY" {
        out.refused
            .push(Refusal::new(locator, "entity, not a person"));
        return;
    }
    let dataid = record.field("DATAID");
    let id = match (record.field("REFERENCE_NUMBER"), dataid) {
        ("", "") => format!("line-{}", record.line),
        ("", d) => d.to_string(),
        (r, _) => r.to_string(),
    };
    if let Some(first) = ids.get(&id) {
        out.refused.push(Refusal::new(
            locator,
            format!("duplicate id {id} (first at {first})"),
        ));
        return;
    }
    ids.insert(id.clone(), locator.clone());
    let mut notes = Vec::new();
    match individual(&record, id, options, &mut notes) {
        Ok(e) => out.entries.push(e),
        Err(reason) => out.refused.push(Refusal::new(locator.clone(), reason)),
    }
    out.warnings
        .extend(notes.into_iter().map(|n| Refusal::new(locator.clone(), n)));
}

fn individual(
    record: &Record,
    id: String,
    options: &Options,
    notes: &mut Vec<String>,
) -> Result<Entry, String> {
    let parts: Vec<&str> = ["FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME"]
        .iter()
        .map(|f| record.field(f))
        .filter(|p| !p.is_empty())
        .collect();
    let mut names = Vec::new();
    push_name(&mut names, &parts.join(" "));
    if names.is_empty() {
        return Err("no name: FIRST_NAME to FOURTH_NAME are empty".to_string());
    }
    push_name(&mut names, record.field("NAME_ORIGINAL_SCRIPT"));
    let mut weak_aliases = Vec::new();
    for alias in record.groups("INDIVIDUAL_ALIAS") {
        let before = names.len();
        let Some(i) = push_name(&mut names, value(alias, "ALIAS_NAME")) else {
            continue;
        };
        if i >= before && value(alias, "QUALITY").eq_ignore_ascii_case("low") {
            weak_aliases.push(i);
        }
    }
    let gender = gender(record.field("GENDER")).unwrap_or_else(|()| {
        notes.push(format!(
            "GENDER {} not understood; left empty",
            record.field("GENDER")
        ));
        None
    });
    let mut nationalities = Vec::new();
    for group in record.groups("NATIONALITY") {
        for (_, v) in group.iter().filter(|(n, v)| n == "VALUE" && !v.is_empty()) {
            match country(v) {
                Ok(c) if !nationalities.contains(&c) => nationalities.push(c),
                Ok(_) => {}
                Err(v) => notes.push(format!("NATIONALITY {v} is not a known country; left out")),
            }
        }
    }
    Ok(Entry {
        name_parts: name_parts(&parts),
        names,
        weak_aliases,
        gender,
        birth_dates: birth_dates(record, notes),
        nationalities,
        documents: documents(record, notes),
        category: Some(record.field("UN_LIST_TYPE").to_string()).filter(|c| !c.is_empty()),
        list: None,
        provenance: Provenance {
            source: options.source.clone(),
            locator: record.locator(),
            source_id: Some(record.field("DATAID").to_string()).filter(|d| !d.is_empty()),
        },
        id,
    })
}

/// Parts only where the order leaves no doubt: a given name and a family
/// name, or given name, patronymic and family name. Longer UN names are
/// chains of given, father's and grandfather's names with no family name.
fn name_parts(parts: &[&str]) -> Option<NameParts> {
    let single = |p: &str| !p.contains(' ');
    match *parts {
        [first, last] if single(first) && single(last) => Some(NameParts {
            first: first.to_string(),
            middle: String::new(),
            last: last.to_string(),
        }),
        [first, middle, last] if parts.iter().all(|p| single(p)) && is_patronymic(middle) => {
            Some(NameParts {
                first: first.to_string(),
                middle: middle.to_string(),
                last: last.to_string(),
            })
        }
        _ => None,
    }
}

/// Russian and Turkic patronymic endings (Ivanovich, Petrovna, Ali oglu).
fn is_patronymic(s: &str) -> bool {
    let s = s.to_lowercase();
    [
        "ovich", "evich", "ovna", "evna", "ich", "ichna", "вич", "вна", "ична",
    ]
    .iter()
    .any(|e| s.ends_with(e) && s.chars().count() > e.chars().count() + 2)
}

fn birth_dates(record: &Record, notes: &mut Vec<String>) -> Vec<crate::PartialDate> {
    let mut out = Vec::new();
    for group in record.groups("INDIVIDUAL_DATE_OF_BIRTH") {
        let kind = value(group, "TYPE_OF_DATE").to_ascii_uppercase();
        let year = |f: &str| value(group, f).parse::<i32>().ok();
        let reading = if kind == "BETWEEN" {
            match (year("FROM_YEAR"), year("TO_YEAR")) {
                (Some(from), Some(to)) => year_range(from, to),
                _ => Err(format!(
                    "BETWEEN without FROM_YEAR and TO_YEAR ({:?}, {:?})",
                    value(group, "FROM_YEAR"),
                    value(group, "TO_YEAR")
                )),
            }
        } else {
            let given = match value(group, "DATE") {
                "" => value(group, "YEAR"),
                d => d,
            };
            parse_dates(given, Some(DateFormat::Iso))
        };
        match reading {
            Ok(r) => {
                notes.extend(r.notes.into_iter().map(|n| format!("date of birth {n}")));
                for d in r.dates {
                    if !out.contains(&d) {
                        out.push(d);
                    }
                }
            }
            Err(e) => notes.push(format!("date of birth {e}; left out")),
        }
    }
    out
}

fn documents(record: &Record, notes: &mut Vec<String>) -> Vec<Document> {
    let mut out = Vec::new();
    for group in record.groups("INDIVIDUAL_DOCUMENT") {
        let kind = value(group, "TYPE_OF_DOCUMENT");
        let number = value(group, "NUMBER");
        if number.is_empty() {
            if !kind.is_empty() {
                notes.push(format!("{kind} without a number left out"));
            }
            continue;
        }
        let issuer = match value(group, "ISSUING_COUNTRY") {
            "" => value(group, "COUNTRY_OF_ISSUE"),
            c => c,
        };
        let country = match issuer {
            "" => None,
            c => match country(c) {
                Ok(a3) => Some(a3),
                Err(v) => {
                    notes.push(format!(
                        "document {number}: country {v} is not known; left empty"
                    ));
                    None
                }
            },
        };
        out.push(Document {
            number: number.to_string(),
            kind: Some(kind.to_string()).filter(|k| !k.is_empty()),
            country,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::PartialDate;
    use piu_model::Gender;

    fn wrap(individuals: &str, entities: &str) -> String {
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<CONSOLIDATED_LIST dateGenerated=\"2026-01-01T00:00:00\">\n<INDIVIDUALS>{individuals}</INDIVIDUALS>\n<ENTITIES>{entities}</ENTITIES>\n</CONSOLIDATED_LIST>\n"
        )
    }

    fn read(xml: &str) -> Import {
        import_un_xml(xml.as_bytes(), &Options::new("un.xml")).unwrap()
    }

    fn dob(kind_and_values: &str) -> String {
        format!("<INDIVIDUAL_DATE_OF_BIRTH>{kind_and_values}</INDIVIDUAL_DATE_OF_BIRTH>")
    }

    #[test]
    fn an_individual() {
        let xml = wrap(
            "<INDIVIDUAL><DATAID>100</DATAID><FIRST_NAME>Ivan</FIRST_NAME><SECOND_NAME>Petrovich</SECOND_NAME>\
             <THIRD_NAME>Sidorov</THIRD_NAME><UN_LIST_TYPE>Test</UN_LIST_TYPE><REFERENCE_NUMBER>TSi.001</REFERENCE_NUMBER>\
             <NAME_ORIGINAL_SCRIPT>Иван Петрович Сидоров</NAME_ORIGINAL_SCRIPT><GENDER>Male</GENDER>\
             <NATIONALITY><VALUE>Russian Federation</VALUE></NATIONALITY>\
             <INDIVIDUAL_ALIAS><QUALITY>Good</QUALITY><ALIAS_NAME>Vanya Sidorov</ALIAS_NAME></INDIVIDUAL_ALIAS>\
             <INDIVIDUAL_ALIAS><QUALITY>Low</QUALITY><ALIAS_NAME>The Teacher</ALIAS_NAME></INDIVIDUAL_ALIAS>\
             <INDIVIDUAL_ALIAS><QUALITY/><ALIAS_NAME/></INDIVIDUAL_ALIAS>\
             <INDIVIDUAL_DOCUMENT><TYPE_OF_DOCUMENT>Passport</TYPE_OF_DOCUMENT><NUMBER>7101234</NUMBER>\
             <ISSUING_COUNTRY>Russian Federation</ISSUING_COUNTRY></INDIVIDUAL_DOCUMENT></INDIVIDUAL>",
            "",
        );
        let i = read(&xml);
        assert!(i.refused.is_empty() && i.warnings.is_empty(), "{i:?}");
        let e = &i.entries[0];
        assert_eq!(e.id, "TSi.001");
        assert_eq!(
            e.names,
            [
                "Ivan Petrovich Sidorov",
                "Иван Петрович Сидоров",
                "Vanya Sidorov",
                "The Teacher"
            ]
        );
        assert_eq!(e.weak_aliases, [3]);
        let p = e.name_parts.as_ref().unwrap();
        assert_eq!(
            (p.first.as_str(), p.middle.as_str(), p.last.as_str()),
            ("Ivan", "Petrovich", "Sidorov")
        );
        assert_eq!(e.gender, Some(Gender::M));
        assert_eq!(e.nationalities, ["RUS"]);
        assert_eq!(e.documents[0].country.as_deref(), Some("RUS"));
        assert_eq!(e.category.as_deref(), Some("Test"));
        assert_eq!(e.provenance.locator, "INDIVIDUAL DATAID 100");
        assert_eq!(e.provenance.source_id.as_deref(), Some("100"));
    }

    #[test]
    fn dates_exact_year_and_between() {
        let xml = wrap(
            &format!(
                "<INDIVIDUAL><DATAID>1</DATAID><FIRST_NAME>A</FIRST_NAME>{}{}{}{}</INDIVIDUAL>",
                dob("<TYPE_OF_DATE>EXACT</TYPE_OF_DATE><DATE>1958-04-17</DATE>"),
                dob("<TYPE_OF_DATE>APPROXIMATELY</TYPE_OF_DATE><YEAR>1957</YEAR>"),
                dob(
                    "<TYPE_OF_DATE>BETWEEN</TYPE_OF_DATE><FROM_YEAR>1960</FROM_YEAR><TO_YEAR>1963</TO_YEAR>"
                ),
                dob(
                    "<TYPE_OF_DATE>BETWEEN</TYPE_OF_DATE><FROM_YEAR>1940</FROM_YEAR><TO_YEAR>1960</TO_YEAR>"
                ),
            ),
            "",
        );
        let i = read(&xml);
        let d: Vec<String> = i.entries[0]
            .birth_dates
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(d, ["1958-04-17", "1957", "1960", "1961", "1962", "1963"]);
        assert_eq!(
            i.warnings[0].to_string(),
            "INDIVIDUAL DATAID 1: date of birth range 1940-1960 spans more than 5 years; left out"
        );
        assert_eq!(i.entries[0].birth_dates[1], PartialDate::year(1957));
    }

    #[test]
    fn entities_and_nameless_individuals_are_refused() {
        let xml = wrap(
            "<INDIVIDUAL><DATAID>7</DATAID><FIRST_NAME> </FIRST_NAME></INDIVIDUAL>\
             <INDIVIDUAL><DATAID>8</DATAID><FIRST_NAME>X</FIRST_NAME><REFERENCE_NUMBER>R1</REFERENCE_NUMBER></INDIVIDUAL>\
             <INDIVIDUAL><DATAID>9</DATAID><FIRST_NAME>Y</FIRST_NAME><REFERENCE_NUMBER>R1</REFERENCE_NUMBER></INDIVIDUAL>",
            "<ENTITY><DATAID>50</DATAID><FIRST_NAME>Some Front Ltd</FIRST_NAME></ENTITY>",
        );
        let i = read(&xml);
        let r: Vec<String> = i.refused.iter().map(ToString::to_string).collect();
        assert_eq!(
            r,
            [
                "INDIVIDUAL DATAID 7: no name: FIRST_NAME to FOURTH_NAME are empty",
                "INDIVIDUAL DATAID 9: duplicate id R1 (first at INDIVIDUAL DATAID 8)",
                "ENTITY DATAID 50: entity, not a person",
            ]
        );
        assert_eq!(i.entries.len(), 1);
    }

    #[test]
    fn long_arabic_chains_get_no_parts() {
        let xml = wrap(
            "<INDIVIDUAL><DATAID>3</DATAID><FIRST_NAME>ABDUL</FIRST_NAME><SECOND_NAME>KARIM</SECOND_NAME>\
             <THIRD_NAME>HASAN</THIRD_NAME><FOURTH_NAME>SALIM</FOURTH_NAME></INDIVIDUAL>",
            "",
        );
        let e = &read(&xml).entries[0];
        assert_eq!(e.names[0], "ABDUL KARIM HASAN SALIM");
        assert_eq!(e.name_parts, None);
        assert_eq!(e.id, "3");
    }

    #[test]
    fn whole_file_failures_are_located() {
        let e = import_un_xml(
            b"<CONSOLIDATED_LIST>\n<INDIVIDUALS>\n</ENTITIES>",
            &Options::new("x"),
        )
        .unwrap_err();
        assert!(matches!(e, ImportError::Xml { line: 3, .. }), "{e:?}");
        let e = import_un_xml(b"<sdnList/>", &Options::new("x")).unwrap_err();
        assert_eq!(
            e.to_string(),
            "line 1: root element is <sdnList>, not <CONSOLIDATED_LIST>"
        );
        let e = import_un_xml(b"<CONSOLIDATED_LIST><INDIVIDUALS>", &Options::new("x")).unwrap_err();
        assert!(
            e.to_string()
                .contains("ends before <INDIVIDUALS> is closed"),
            "{e}"
        );
        let e = import_un_xml(
            b"<CONSOLIDATED_LIST>&nbsp;</CONSOLIDATED_LIST>",
            &Options::new("x"),
        )
        .unwrap_err();
        assert!(matches!(e, ImportError::Xml { offset: 19, .. }), "{e:?}");
    }

    #[test]
    fn records_out_of_place_are_still_read() {
        let xml = "<CONSOLIDATED_LIST><INDIVIDUAL><DATAID>5</DATAID><FIRST_NAME>A</FIRST_NAME></INDIVIDUAL></CONSOLIDATED_LIST>";
        assert_eq!(read(xml).entries[0].id, "5");
    }

    #[test]
    fn entities_in_text_are_expanded() {
        let xml = wrap(
            "<INDIVIDUAL><DATAID>4</DATAID><FIRST_NAME>AL &amp; &#x42;</FIRST_NAME></INDIVIDUAL>",
            "",
        );
        assert_eq!(read(&xml).entries[0].names[0], "AL & B");
    }
}

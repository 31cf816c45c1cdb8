//! FollowTheMoney entities as OpenSanctions exports them: one JSON object a
//! line, flat (documents as their own entities pointing at a holder) or
//! nested (documents embedded in the person's properties). Like the UN list,
//! the data is others': an unreadable value is left out with a warning and the
//! person kept.

use std::collections::HashMap;

use serde_json::{Map, Value};

use crate::dates::parse_dates;
use crate::fields::{collapse, country, gender, joined_name, push_name};
use crate::{
    DateFormat, Document, Entry, Import, ImportError, NameParts, Options, Provenance, Refusal,
};

const DOCUMENT_SCHEMAS: &[&str] = &["Passport", "Identification"];

/// A document entity waiting for its holder, which may come later.
struct Pending {
    line: usize,
    id: String,
    schema: String,
    holder: Option<String>,
    document: Option<Document>,
}

/// Reads persons and their documents. Every non-empty line becomes an entry,
/// a document attached to an entry, or a refusal.
pub fn import_ftm_jsonl(bytes: &[u8], options: &Options) -> Result<Import, ImportError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut out = Import::default();
    let mut persons: HashMap<String, usize> = HashMap::new();
    let mut schemas: HashMap<String, (String, usize)> = HashMap::new();
    let mut pending = Vec::new();
    for (i, raw) in bytes.split(|&b| b == b'\n').enumerate() {
        let line = i + 1;
        let locator = format!("line {line}");
        let refuse = |reason: String| Refusal::new(locator.clone(), reason);
        let text = match std::str::from_utf8(raw) {
            Ok(t) => t.trim(),
            Err(e) => {
                out.refused.push(refuse(format!(
                    "not UTF-8 (byte {} of the line)",
                    e.valid_up_to() + 1
                )));
                continue;
            }
        };
        if text.is_empty() {
            continue;
        }
        let value: Value = match serde_json::from_str(text) {
            Ok(v) => v,
            Err(e) => {
                out.refused.push(refuse(format!("not JSON: {e}")));
                continue;
            }
        };
        let Some(obj) = value.as_object() else {
            out.refused.push(refuse("not a JSON object".to_string()));
            continue;
        };
        let Some(schema) = obj.get("schema").and_then(Value::as_str) else {
            out.refused.push(refuse("no schema".to_string()));
            continue;
        };
        let id = obj
            .get("id")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .trim()
            .to_string();
        if id.is_empty() {
            out.refused.push(refuse(format!("{schema} without an id")));
            continue;
        }
        if let Some((_, first)) = schemas.get(&id) {
            out.refused
                .push(refuse(format!("duplicate id {id} (first on line {first})")));
            continue;
        }
        schemas.insert(id.clone(), (schema.to_string(), line));
        let props = obj.get("properties").and_then(Value::as_object);
        if DOCUMENT_SCHEMAS.contains(&schema) {
            let mut notes = Vec::new();
            let empty = Map::new();
            let props = props.unwrap_or(&empty);
            pending.push(Pending {
                line,
                id,
                schema: schema.to_string(),
                holder: strings(props, "holder")
                    .into_iter()
                    .next()
                    .or_else(|| embedded_id(props, "holder")),
                document: document(schema, props, &mut notes),
            });
            out.warnings.extend(notes.into_iter().map(refuse));
            continue;
        }
        if schema != "Person" {
            out.refused
                .push(refuse(format!("schema {schema} is not a person")));
            continue;
        }
        let mut notes = Vec::new();
        match person(obj, id.clone(), &locator, options, &mut notes) {
            Ok(entry) => {
                persons.insert(id, out.entries.len());
                out.entries.push(entry);
            }
            Err(reason) => out.refused.push(refuse(reason)),
        }
        out.warnings.extend(notes.into_iter().map(refuse));
    }
    for p in pending {
        attach(p, &persons, &schemas, &mut out);
    }
    Ok(out)
}

/// Gives a document entity to its holder, or refuses it.
fn attach(
    p: Pending,
    persons: &HashMap<String, usize>,
    schemas: &HashMap<String, (String, usize)>,
    out: &mut Import,
) {
    let locator = format!("line {}", p.line);
    let what = format!("{} {}", p.schema, p.id);
    let Some(document) = p.document else {
        out.refused
            .push(Refusal::new(locator, format!("{what} has no number")));
        return;
    };
    let Some(holder) = p.holder else {
        out.refused
            .push(Refusal::new(locator, format!("{what} names no holder")));
        return;
    };
    match persons.get(&holder).and_then(|&i| out.entries.get_mut(i)) {
        Some(entry) => {
            if !entry.documents.contains(&document) {
                entry.documents.push(document);
            }
        }
        None => {
            let reason = match schemas.get(&holder) {
                Some((schema, line)) if schema == "Person" => {
                    format!("{what}: holder {holder} was refused (line {line})")
                }
                Some((schema, line)) => {
                    format!("{what}: holder {holder} is a {schema} (line {line}), not a person")
                }
                None => format!("{what}: holder {holder} does not appear in the file"),
            };
            out.refused.push(Refusal::new(locator, reason));
        }
    }
}

fn person(
    obj: &Map<String, Value>,
    id: String,
    locator: &str,
    options: &Options,
    notes: &mut Vec<String>,
) -> Result<Entry, String> {
    let empty = Map::new();
    let props = obj
        .get("properties")
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    let get = |key: &str| strings(props, key);
    let (first, middle, last, father) = (
        get("firstName"),
        get("middleName"),
        get("lastName"),
        get("fatherName"),
    );
    let one = |v: &[String]| v.first().cloned().unwrap_or_default();
    let middle_or_father = if middle.is_empty() { &father } else { &middle };
    let mut names = Vec::new();
    for n in get("name") {
        push_name(&mut names, &n);
    }
    if names.is_empty()
        && let Some(c) = obj.get("caption").and_then(Value::as_str)
    {
        push_name(&mut names, c);
    }
    if names.is_empty() {
        push_name(
            &mut names,
            &joined_name(&one(&first), &one(middle_or_father), &one(&last)),
        );
    }
    if names.is_empty() {
        return Err("Person without a name".to_string());
    }
    for n in get("alias").iter().chain(&get("previousName")) {
        push_name(&mut names, n);
    }
    let mut weak_aliases = Vec::new();
    for n in get("weakAlias") {
        let before = names.len();
        if let Some(i) = push_name(&mut names, &n)
            && i >= before
        {
            weak_aliases.push(i);
        }
    }
    let single = |v: &[String]| v.len() <= 1;
    let name_parts = ((!first.is_empty() || !last.is_empty())
        && single(&first)
        && single(middle_or_father)
        && single(&last))
    .then(|| NameParts {
        first: one(&first),
        middle: one(middle_or_father),
        last: one(&last),
    });
    let gender = match get("gender").first() {
        None => None,
        Some(g) => gender(g).unwrap_or_else(|()| {
            notes.push(format!("gender {g} not understood; left empty"));
            None
        }),
    };
    let mut birth_dates = Vec::new();
    for d in get("birthDate") {
        match parse_dates(&d, Some(DateFormat::Iso)) {
            Ok(r) => {
                notes.extend(r.notes.into_iter().map(|n| format!("birthDate {n}")));
                birth_dates.extend(
                    r.dates
                        .into_iter()
                        .filter(|x| !birth_dates.contains(x))
                        .collect::<Vec<_>>(),
                );
            }
            Err(e) => notes.push(format!("birthDate {e}; left out")),
        }
    }
    let mut stated: Vec<String> = get("nationality");
    stated.extend(get("citizenship"));
    if stated.is_empty() {
        // Exports often carry the only known nationality as the country.
        stated = get("country");
    }
    let mut nationalities: Vec<String> = Vec::new();
    for c in stated {
        match country(&c) {
            Ok(a3) if !nationalities.contains(&a3) => nationalities.push(a3),
            Ok(_) => {}
            Err(v) => notes.push(format!("nationality {v} is not a known country; left out")),
        }
    }
    let mut documents: Vec<Document> = Vec::new();
    for (key, kind) in [("passportNumber", "passport"), ("idNumber", "id")] {
        for number in get(key) {
            documents.push(Document {
                number,
                kind: Some(kind.to_string()),
                country: None,
            });
        }
    }
    for embedded in props.values().filter_map(Value::as_array).flatten() {
        let Some(e) = embedded.as_object() else {
            continue;
        };
        let schema = e.get("schema").and_then(Value::as_str).unwrap_or_default();
        if !DOCUMENT_SCHEMAS.contains(&schema) {
            continue;
        }
        let eprops = e
            .get("properties")
            .and_then(Value::as_object)
            .unwrap_or(&empty);
        match document(schema, eprops, notes) {
            Some(d) if !documents.contains(&d) => documents.push(d),
            Some(_) => {}
            None => notes.push(format!("embedded {schema} without a number left out")),
        }
    }
    let joined = |v: Vec<String>| Some(v.join(";")).filter(|s| !s.is_empty());
    let datasets = obj
        .get("datasets")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    Ok(Entry {
        names,
        weak_aliases,
        name_parts,
        gender,
        birth_dates,
        nationalities,
        documents,
        category: joined(get("topics")),
        list: joined(datasets),
        provenance: Provenance {
            source: options.source.clone(),
            locator: locator.to_string(),
            source_id: Some(id.clone()),
        },
        id,
    })
}

/// A Passport or Identification's number, kind and country; `None` without
/// a number.
fn document(schema: &str, props: &Map<String, Value>, notes: &mut Vec<String>) -> Option<Document> {
    let number = strings(props, "number")
        .into_iter()
        .chain(strings(props, "passportNumber"))
        .next()?;
    let kind = strings(props, "type").into_iter().next().or_else(|| {
        Some(
            if schema == "Passport" {
                "passport"
            } else {
                "identification"
            }
            .to_string(),
        )
    });
    let country = strings(props, "country").into_iter().next().and_then(|c| {
        country(&c)
            .map_err(|v| {
                notes.push(format!(
                    "{schema} {number}: country {v} is not known; left empty"
                ))
            })
            .ok()
    });
    Some(Document {
        number,
        kind,
        country,
    })
}

/// The string values of a property (FollowTheMoney keeps every property as
/// an array; a plain string is taken too), blanks collapsed, empty dropped.
fn strings(props: &Map<String, Value>, key: &str) -> Vec<String> {
    let collect = |v: &Value| v.as_str().map(collapse).filter(|s| !s.is_empty());
    match props.get(key) {
        Some(Value::Array(a)) => a.iter().filter_map(collect).collect(),
        Some(v) => collect(v).into_iter().collect(),
        None => Vec::new(),
    }
}

/// The id of an entity embedded under a property (nested exports).
fn embedded_id(props: &Map<String, Value>, key: &str) -> Option<String> {
    props
        .get(key)?
        .as_array()?
        .iter()
        .find_map(|v| v.get("id")?.as_str().map(str::to_string))
}

#[cfg(test)]
mod tests {
    use super::*;
    use piu_model::Gender;

    fn read(lines: &[&str]) -> Import {
        import_ftm_jsonl(lines.join("\n").as_bytes(), &Options::new("os.jsonl")).unwrap()
    }

    const PERSON: &str = r#"{"id":"p1","schema":"Person","caption":"Rashad Aliyev","datasets":["test_a","test_b"],
        "properties":{"name":["Rashad Aliyev"],"alias":["Rəşad Əliyev"],"weakAlias":["Rasho"],"firstName":["Rashad"],
        "lastName":["Aliyev"],"fatherName":["Elchin"],"birthDate":["1975-10","1976"],"nationality":["az"],
        "citizenship":["ru","az"],"gender":["male"],"passportNumber":["C0001"],"topics":["sanction","crime"]}}"#;
    const PASSPORT: &str = r#"{"id":"d1","schema":"Passport","properties":{"holder":["p1"],"number":["C777"],"country":["tr"]}}"#;

    #[test]
    fn a_person() {
        let i = read(&[&PERSON.replace('\n', "")]);
        assert!(i.refused.is_empty() && i.warnings.is_empty(), "{i:?}");
        let e = &i.entries[0];
        assert_eq!(e.id, "p1");
        assert_eq!(e.names, ["Rashad Aliyev", "Rəşad Əliyev", "Rasho"]);
        assert_eq!(e.weak_aliases, [2]);
        let p = e.name_parts.as_ref().unwrap();
        assert_eq!(
            (p.first.as_str(), p.middle.as_str(), p.last.as_str()),
            ("Rashad", "Elchin", "Aliyev")
        );
        assert_eq!(e.gender, Some(Gender::M));
        let d: Vec<String> = e.birth_dates.iter().map(ToString::to_string).collect();
        assert_eq!(d, ["1975-10", "1976"]);
        assert_eq!(e.nationalities, ["AZE", "RUS"]);
        assert_eq!(e.documents[0].number, "C0001");
        assert_eq!(e.category.as_deref(), Some("sanction;crime"));
        assert_eq!(e.list.as_deref(), Some("test_a;test_b"));
        assert_eq!(e.provenance.locator, "line 1");
    }

    #[test]
    fn documents_link_in_either_order() {
        let person = PERSON.replace('\n', "");
        for lines in [[person.as_str(), PASSPORT], [PASSPORT, person.as_str()]] {
            let i = read(&lines);
            assert!(i.refused.is_empty(), "{:?}", i.refused);
            let docs = &i.entries[0].documents;
            assert_eq!(docs.len(), 2);
            assert_eq!(docs[1].number, "C777");
            assert_eq!(docs[1].country.as_deref(), Some("TUR"));
            assert_eq!(docs[1].kind.as_deref(), Some("passport"));
        }
    }

    #[test]
    fn refusals_name_the_line() {
        let i = read(&[
            r#"{"id":"c1","schema":"Company","properties":{"name":["Front LLC"]}}"#,
            "",
            "{not json",
            r#"{"id":"d2","schema":"Passport","properties":{"holder":["nobody"],"number":["X1"]}}"#,
            r#"{"id":"d3","schema":"Identification","properties":{"holder":["c1"],"number":["X2"]}}"#,
            r#"{"id":"d4","schema":"Passport","properties":{"holder":["c1"]}}"#,
            r#"[1,2]"#,
            r#"{"id":"p9","schema":"Person","properties":{}}"#,
            r#"{"id":"c1","schema":"Person","properties":{"name":["X"]}}"#,
        ]);
        let r: Vec<String> = i.refused.iter().map(ToString::to_string).collect();
        assert_eq!(
            r,
            [
                "line 1: schema Company is not a person",
                "line 3: not JSON: key must be a string at line 1 column 2",
                "line 7: not a JSON object",
                "line 8: Person without a name",
                "line 9: duplicate id c1 (first on line 1)",
                "line 4: Passport d2: holder nobody does not appear in the file",
                "line 5: Identification d3: holder c1 is a Company (line 1), not a person",
                "line 6: Passport d4 has no number",
            ]
        );
        assert!(i.entries.is_empty());
    }

    #[test]
    fn nested_documents() {
        let line = r#"{"id":"p2","schema":"Person","properties":{"name":["Olga Ivanova"],
            "identification":[{"id":"i1","schema":"Identification","properties":{"number":["4510 123456"],"type":["internal passport"],"country":["ru"]}}],
            "passport":[{"id":"i2","schema":"Passport","properties":{"number":["75 1234567"],"country":["suhh"]}}],
            "addressEntity":[{"id":"a1","schema":"Address","properties":{"full":["Moscow"]}}]}}"#;
        let i = read(&[&line.replace('\n', "")]);
        let docs = &i.entries[0].documents;
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].kind.as_deref(), Some("internal passport"));
        assert_eq!(docs[0].country.as_deref(), Some("RUS"));
        assert_eq!(docs[1].country, None);
        assert_eq!(
            i.warnings[0].to_string(),
            "line 1: Passport 75 1234567: country suhh is not known; left empty"
        );
    }

    #[test]
    fn not_utf8_is_refused_by_line() {
        let i = import_ftm_jsonl(b"\n{\"id\":\"x\xff\"}", &Options::new("x")).unwrap();
        assert_eq!(
            i.refused[0].to_string(),
            "line 2: not UTF-8 (byte 9 of the line)"
        );
    }
}

//! Criteria files: JSON with named groups and criteria, loaded and checked as a
//! whole. A file with any error is refused whole, with every error listed.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::sync::Arc;

use cel::{Context, Env, Program, Value};
use serde::Deserialize;
use time::Date;

pub use piu_model::{Purpose, Severity};

use crate::facts::Facts;
use crate::groups::Groups;
use crate::protected::Category;
use crate::schema::{FIELDS, Kind};
use crate::validate;

/// Expressions longer than this are refused before they are parsed.
pub const MAX_EXPRESSION_BYTES: usize = 4096;

/// Why a criteria file, a group or a criterion was refused. Every error about a
/// criterion names it (its `id`, or `criteria[N]` when it has none).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CriteriaError {
    /// The file is not the JSON a criteria file is.
    #[error("criteria file: {0}")]
    File(String),
    #[error("group {group:?}: {message}")]
    Group { group: String, message: String },
    /// A field of the criterion is missing or wrong (dates, version, id …).
    #[error("{id}: {message}")]
    Invalid { id: String, message: String },
    /// The expression does not parse; `line` and `column` count from 1.
    #[error("{id}: the expression does not parse at line {line}, column {column}: {message}")]
    Parse {
        id: String,
        line: usize,
        column: usize,
        message: String,
    },
    /// The expression touches a protected characteristic.
    #[error(
        "{id}: refused: the expression uses {term:?} ({what}), which touches {}; criteria may not be based on racial or ethnic origin, political opinions, religion or beliefs, trade union membership, health, sex life or sexual orientation (Directive (EU) 2016/681 art. 6(4), CJEU C-817/19)",
        join_categories(categories)
    )]
    Protected {
        id: String,
        term: String,
        what: String,
        categories: Vec<Category>,
    },
    /// The expression names a variable, field, function or group that does not exist.
    #[error("{id}: {message}")]
    Unknown {
        id: String,
        name: String,
        suggestion: Option<String>,
        message: String,
    },
    /// The expression is not a yes/no question over the facts' kinds.
    #[error("{id}: {message}")]
    Type { id: String, message: String },
}

impl CriteriaError {
    /// The criterion the error is about, if any.
    pub fn criterion(&self) -> Option<&str> {
        match self {
            CriteriaError::File(_) | CriteriaError::Group { .. } => None,
            CriteriaError::Invalid { id, .. }
            | CriteriaError::Parse { id, .. }
            | CriteriaError::Protected { id, .. }
            | CriteriaError::Unknown { id, .. }
            | CriteriaError::Type { id, .. } => Some(id),
        }
    }
}

fn join_categories(c: &[Category]) -> String {
    let names: Vec<String> = c.iter().map(ToString::to_string).collect();
    match names.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

/// One pre-determined criterion, checked and compiled.
pub struct Criterion {
    pub id: String,
    pub version: u32,
    pub author: String,
    pub purpose: Purpose,
    pub severity: Severity,
    pub valid_from: Date,
    pub valid_until: Option<Date>,
    pub target_agency: String,
    pub description: String,
    pub expression: String,
    pub(crate) program: Program,
    /// The facts the expression names, in the order written (for explanations).
    pub(crate) paths: Vec<String>,
}

impl fmt::Debug for Criterion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Criterion")
            .field("id", &self.id)
            .field("version", &self.version)
            .field("severity", &self.severity)
            .field("valid_from", &self.valid_from)
            .field("valid_until", &self.valid_until)
            .field("expression", &self.expression)
            .finish_non_exhaustive()
    }
}

impl Criterion {
    /// Whether the criterion is in force on `on` (both ends included).
    pub fn valid_on(&self, on: Date) -> bool {
        self.valid_from <= on && self.valid_until.is_none_or(|u| on <= u)
    }

    /// The facts the expression names, such as `booking.paid_cash`.
    pub fn facts_used(&self) -> &[String] {
        &self.paths
    }
}

/// A loaded criteria file: its groups and criteria, ready to evaluate.
pub struct CriteriaSet {
    pub(crate) criteria: Vec<Criterion>,
    pub(crate) groups: Arc<Groups>,
    /// The standard library and `in_group`, built once; every evaluation runs
    /// in a child scope of it.
    pub(crate) root: Context<'static, 'static>,
}

impl fmt::Debug for CriteriaSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CriteriaSet")
            .field("criteria", &self.criteria)
            .field("groups", &self.groups)
            .finish_non_exhaustive()
    }
}

impl CriteriaSet {
    pub fn criteria(&self) -> &[Criterion] {
        &self.criteria
    }

    pub fn get(&self, id: &str) -> Option<&Criterion> {
        self.criteria.iter().find(|c| c.id == id)
    }

    pub fn groups(&self) -> &Groups {
        &self.groups
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    groups: RawGroups,
    criteria: Vec<serde_json::Value>,
}

#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGroups {
    #[serde(default)]
    airports: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    countries: BTreeMap<String, Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCriterion {
    id: String,
    version: u32,
    author: String,
    purpose: Purpose,
    severity: Severity,
    valid_from: String,
    #[serde(default)]
    valid_until: Option<String>,
    target_agency: String,
    #[serde(default)]
    description: String,
    expression: String,
}

/// Reads a criteria file, checks every group and criterion, and compiles every
/// expression. Any error refuses the whole file; all errors found are returned.
pub fn load(json: &[u8]) -> Result<CriteriaSet, Vec<CriteriaError>> {
    let raw: RawFile =
        serde_json::from_slice(json).map_err(|e| vec![CriteriaError::File(e.to_string())])?;
    let mut errors = Vec::new();
    let groups = Arc::new(Groups::build(
        raw.groups.airports,
        raw.groups.countries,
        &mut errors,
    ));

    let mut parsed: Vec<RawCriterion> = Vec::new();
    let mut seen = BTreeSet::new();
    for (i, value) in raw.criteria.into_iter().enumerate() {
        let id = value
            .get("id")
            .and_then(|v| v.as_str())
            .filter(|s| !s.trim().is_empty())
            .map(str::to_string)
            .unwrap_or_else(|| format!("criteria[{i}]"));
        let invalid = |message: String| CriteriaError::Invalid {
            id: id.clone(),
            message,
        };
        let c: RawCriterion = match serde_json::from_value(value) {
            Ok(c) => c,
            Err(e) => {
                errors.push(invalid(e.to_string()));
                continue;
            }
        };
        let before = errors.len();
        if c.id.trim().is_empty() || c.id.chars().any(char::is_control) {
            errors.push(invalid("a criterion needs an id".into()));
        } else if !seen.insert(c.id.clone()) {
            errors.push(invalid("another criterion has the same id".into()));
        }
        if c.version == 0 {
            errors.push(invalid("version counts from 1".into()));
        }
        for (what, v) in [
            ("author", &c.author),
            ("target_agency", &c.target_agency),
            ("expression", &c.expression),
        ] {
            if v.trim().is_empty() {
                errors.push(invalid(format!("{what} is empty")));
            }
        }
        let from = parse_date(&c.valid_from);
        let until = c.valid_until.as_deref().map(parse_date);
        match (&from, &until) {
            (Err(e), _) => errors.push(invalid(format!("valid_from: {e}"))),
            (_, Some(Err(e))) => errors.push(invalid(format!("valid_until: {e}"))),
            (Ok(f), Some(Ok(u))) if u < f => {
                errors.push(invalid("valid_until is before valid_from".into()))
            }
            _ => {}
        }
        if c.expression.len() > MAX_EXPRESSION_BYTES {
            errors.push(invalid(format!(
                "the expression is {} bytes long; at most {MAX_EXPRESSION_BYTES}",
                c.expression.len()
            )));
        }
        if errors.len() == before {
            parsed.push(c);
        }
    }

    let compiled = compile_all(&parsed, &groups);
    let root = root_context(&groups);
    let mut criteria = Vec::new();
    for (c, result) in parsed.into_iter().zip(compiled) {
        match result {
            Ok((program, paths)) => {
                if let Some(e) = type_check(&c.id, &program, &root) {
                    errors.push(e);
                    continue;
                }
                criteria.push(Criterion {
                    valid_from: parse_date(&c.valid_from).unwrap_or(Date::MIN),
                    valid_until: c.valid_until.as_deref().and_then(|u| parse_date(u).ok()),
                    id: c.id,
                    version: c.version,
                    author: c.author,
                    purpose: c.purpose,
                    severity: c.severity,
                    target_agency: c.target_agency,
                    description: c.description,
                    expression: c.expression,
                    program,
                    paths,
                })
            }
            Err(e) => errors.extend(e),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(CriteriaSet {
        criteria,
        groups,
        root,
    })
}

/// Checks one expression as [`load`] would check it inside a file with
/// `groups`, without the rest of a criterion. For editors that check as the
/// analyst types.
pub fn check_expression(
    expression: &str,
    groups: &Groups,
) -> Result<Vec<String>, Vec<CriteriaError>> {
    let id = "expression";
    if expression.len() > MAX_EXPRESSION_BYTES {
        return Err(vec![CriteriaError::Invalid {
            id: id.into(),
            message: format!("the expression is longer than {MAX_EXPRESSION_BYTES} bytes"),
        }]);
    }
    let raw = RawCriterion {
        id: id.into(),
        version: 1,
        author: String::new(),
        purpose: Purpose::SeriousCrime,
        severity: Severity::Low,
        valid_from: String::new(),
        valid_until: None,
        target_agency: String::new(),
        description: String::new(),
        expression: expression.into(),
    };
    let groups = Arc::new(groups.clone());
    let (program, paths) = compile_all(std::slice::from_ref(&raw), &groups)
        .pop()
        .unwrap_or_else(|| Err(Vec::new()))?;
    let root = root_context(&groups);
    match type_check(id, &program, &root) {
        Some(e) => Err(vec![e]),
        None => Ok(paths),
    }
}

type Compiled = Result<(Program, Vec<String>), Vec<CriteriaError>>;

/// Parses and checks expressions on a thread with a large stack: the parser
/// recurses once per operator, and an expression of a few kilobytes written to
/// nest (`1+1+1+…`, `((((…`) would otherwise overflow a small thread stack.
/// Only expressions nesting at most [`validate::MAX_DEPTH`] deep come back, so
/// evaluating them needs no such stack.
fn compile_all(criteria: &[RawCriterion], groups: &Arc<Groups>) -> Vec<Compiled> {
    const STACK: usize = 64 << 20;
    let work: Vec<(String, String)> = criteria
        .iter()
        .map(|c| (c.id.clone(), c.expression.clone()))
        .collect();
    let groups = Arc::clone(groups);
    let n = work.len();
    let run = move || -> Vec<Compiled> {
        let env = env();
        work.iter()
            .map(|(id, expr)| compile_one(&env, id, expr, &groups))
            .collect()
    };
    match std::thread::Builder::new()
        .name("criteria-compiler".into())
        .stack_size(STACK)
        .spawn(run)
        .map(|h| h.join())
    {
        Ok(Ok(done)) => done,
        _ => (0..n)
            .map(|i| {
                Err(vec![CriteriaError::Invalid {
                    id: criteria[i].id.clone(),
                    message: "the expression could not be compiled (compiler thread failed)".into(),
                }])
            })
            .collect(),
    }
}

fn compile_one(env: &Env, id: &str, expr: &str, groups: &Groups) -> Compiled {
    let program = env.compile(expr).map_err(|e| vec![parse_error(id, &e)])?;
    let paths = validate::check(id, &program, groups)?;
    Ok((program, paths))
}

fn parse_error(id: &str, e: &cel::ParseErrors) -> CriteriaError {
    let first = e
        .errors
        .iter()
        .find(|e| e.msg.starts_with("Syntax error"))
        .or(e.errors.first());
    let (line, column, message) = match first {
        Some(p) => {
            let msg = p.msg.strip_prefix("Syntax error: ").unwrap_or(&p.msg);
            let msg = if msg.contains("Recursion limit") {
                "the expression nests too deeply".to_string()
            } else {
                msg.chars().take(300).collect()
            };
            (p.pos.0.max(1) as usize, p.pos.1.max(1) as usize, msg)
        }
        None => (1, 1, "not an expression".to_string()),
    };
    CriteriaError::Parse {
        id: id.to_string(),
        line,
        column,
        message,
    }
}

/// The standard environment: standard macros, no optional syntax.
pub(crate) fn env() -> Env {
    Env::stdlib().with_optional_support(false)
}

/// The root context every evaluation of a set runs under.
pub(crate) fn root_context(groups: &Arc<Groups>) -> Context<'static, 'static> {
    let mut root = Context::with_env(Arc::new(env()));
    let g = Arc::clone(groups);
    // `in_group` is no standard name, so adding it cannot clash
    let _ = root.add_function(
        "in_group",
        move |value: Value, name: Arc<String>| -> Result<bool, cel::ExecutionError> {
            g.contains(&value, &name)
        },
    );
    root
}

/// Evaluates the expression on two sets of example facts (every field present)
/// to refuse expressions that mix kinds (`booking.route < 3`) or that do not
/// give true or false.
fn type_check(
    id: &str,
    program: &Program,
    root: &Context<'static, 'static>,
) -> Option<CriteriaError> {
    use cel::ExecutionError as E;
    for variant in [true, false] {
        let mut facts = Facts::default();
        for f in FIELDS {
            let value = match (variant, f.kind) {
                (true, k) => k.example(),
                (false, Kind::Bool) => false.into(),
                (false, Kind::Int) => 0i64.into(),
                (false, Kind::Float) => 0.0.into(),
                (false, Kind::Text) => "ZZ".into(),
                (false, k) => k.example(),
            };
            let _ = facts.set(&f.path(), value);
        }
        let message = match crate::evaluate::execute(root, program, &facts) {
            Ok(Value::Bool(_)) => continue,
            Ok(v) => format!("the expression gives {}, not true or false", v.type_of()),
            Err(
                e @ (E::NoSuchOverload(_)
                | E::UnexpectedType { .. }
                | E::ValuesNotComparable(..)
                | E::UnsupportedBinaryOperator(..)
                | E::UnsupportedIndex(..)
                | E::UnsupportedKeyType(_)
                | E::NotSupportedAsMethod { .. }
                | E::InvalidArgumentCount { .. }
                | E::UnsupportedTargetType { .. }
                | E::FunctionError { .. }
                | E::UndeclaredReference(_)),
            ) => format!("the expression mixes kinds of values: {e}"),
            Err(_) => continue,
        };
        return Some(CriteriaError::Type {
            id: id.to_string(),
            message,
        });
    }
    None
}

/// `YYYY-MM-DD`.
pub(crate) fn parse_date(s: &str) -> Result<Date, String> {
    let bad = || format!("{s:?} is not a date (YYYY-MM-DD)");
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return Err(bad());
    }
    let num = |r: std::ops::Range<usize>| s.get(r).and_then(|p| p.parse::<u32>().ok());
    let (Some(y), Some(m), Some(d)) = (num(0..4), num(5..7), num(8..10)) else {
        return Err(bad());
    };
    let month = time::Month::try_from(m as u8).map_err(|_| bad())?;
    Date::from_calendar_date(y as i32, month, d as u8).map_err(|_| bad())
}

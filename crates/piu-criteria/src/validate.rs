//! Checks a parsed expression before it may be used: it nests at most
//! [`MAX_DEPTH`] deep, touches no protected characteristic, names only facts,
//! functions and groups that exist, and builds no objects.

use cel::Program;
use cel::common::ast::{EntryExpr, Expr, IdedExpr, LiteralValue};

use crate::file::CriteriaError;
use crate::groups::Groups;
use crate::protected;
use crate::schema::{self, FIELDS, Kind, Root, TRIP_FIELDS};

/// How deep an expression may nest (operators, calls, lists, macros).
pub const MAX_DEPTH: usize = 32;

/// Functions and operators a criterion may call. Macros (`has`, `all`,
/// `exists`, `exists_one`, `map`, `filter`) expand into these.
const FUNCTIONS: &[&str] = &[
    "_?_:_",
    "_&&_",
    "_||_",
    "!_",
    "-_",
    "_+_",
    "_-_",
    "_*_",
    "_/_",
    "_%_",
    "_==_",
    "_!=_",
    "_<_",
    "_<=_",
    "_>_",
    "_>=_",
    "_[_]",
    "@in",
    "@not_strictly_false",
    "size",
    "contains",
    "startsWith",
    "endsWith",
    "int",
    "uint",
    "double",
    "string",
    "bool",
    "type",
    "dyn",
    "in_group",
];

/// Functions worth suggesting (operators are written as symbols).
const NAMED_FUNCTIONS: &[&str] = &[
    "size",
    "contains",
    "startsWith",
    "endsWith",
    "int",
    "uint",
    "double",
    "string",
    "bool",
    "type",
    "dyn",
    "in_group",
    "has",
    "all",
    "exists",
    "exists_one",
    "map",
    "filter",
];

/// Type names an expression may compare with `type(x) == int`.
const TYPE_NAMES: &[&str] = &[
    "int",
    "uint",
    "double",
    "string",
    "bool",
    "bytes",
    "list",
    "map",
    "null_type",
    "type",
];

/// What a comprehension variable stands for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Binding {
    /// One of `history.trips`.
    Trip,
    /// A code from a list of codes.
    Code,
    /// Anything else (elements of a list written in the expression).
    Unknown,
}

struct Checker<'a> {
    id: &'a str,
    groups: &'a Groups,
    errors: Vec<CriteriaError>,
    paths: Vec<String>,
    scope: Vec<(String, Binding)>,
}

/// Checks `program`; on success returns the facts it names (`booking.paid_cash` …)
/// in the order written.
pub(crate) fn check(
    id: &str,
    program: &Program,
    groups: &Groups,
) -> Result<Vec<String>, Vec<CriteriaError>> {
    let expr = program.expression();
    if depth_exceeds(expr, MAX_DEPTH) {
        return Err(vec![CriteriaError::Invalid {
            id: id.to_string(),
            message: format!("the expression nests more than {MAX_DEPTH} levels deep"),
        }]);
    }
    let mut c = Checker {
        id,
        groups,
        errors: Vec::new(),
        paths: Vec::new(),
        scope: Vec::new(),
    };
    // every function the expression calls, as the interpreter sees them; a
    // misspelt macro (`exist`) is reported before the names it leaves unbound
    let references = program.references();
    let mut functions = references.functions();
    functions.sort_unstable();
    for f in functions {
        if !FUNCTIONS.contains(&f) {
            c.unknown_function(f);
        }
    }
    c.walk(expr, 0);
    if c.errors.is_empty() {
        Ok(c.paths)
    } else {
        // protected characteristics first: they are the reason that matters
        c.errors
            .sort_by_key(|e| !matches!(e, CriteriaError::Protected { .. }));
        Err(c.errors)
    }
}

/// Whether the tree is deeper than `max`, found without recursion.
fn depth_exceeds<'a>(root: &'a IdedExpr, max: usize) -> bool {
    let mut stack: Vec<(&'a IdedExpr, usize)> = vec![(root, 1)];
    while let Some((e, d)) = stack.pop() {
        if d > max {
            return true;
        }
        let mut push = |c: &'a IdedExpr| stack.push((c, d + 1));
        match &e.expr {
            Expr::Call(call) => {
                if let Some(t) = &call.target {
                    push(t);
                }
                call.args.iter().for_each(&mut push);
            }
            Expr::Comprehension(c) => {
                for x in [
                    &c.iter_range,
                    &c.accu_init,
                    &c.loop_cond,
                    &c.loop_step,
                    &c.result,
                ] {
                    push(x);
                }
            }
            Expr::List(l) => l.elements.iter().for_each(&mut push),
            Expr::Map(m) => {
                for entry in &m.entries {
                    match &entry.expr {
                        EntryExpr::StructField(f) => push(&f.value),
                        EntryExpr::MapEntry(m) => {
                            push(&m.key);
                            push(&m.value);
                        }
                    }
                }
            }
            Expr::Struct(s) => {
                for entry in &s.entries {
                    match &entry.expr {
                        EntryExpr::StructField(f) => push(&f.value),
                        EntryExpr::MapEntry(m) => {
                            push(&m.key);
                            push(&m.value);
                        }
                    }
                }
            }
            Expr::Select(s) => push(&s.operand),
            Expr::Ident(_) | Expr::Literal(_) | Expr::Unspecified => {}
        }
    }
    false
}

impl Checker<'_> {
    fn walk(&mut self, e: &IdedExpr, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        match &e.expr {
            Expr::Unspecified => {}
            Expr::Literal(LiteralValue::String(s)) => {
                self.scan(s.inner(), false);
            }
            Expr::Literal(LiteralValue::Bytes(b)) => {
                self.scan(&String::from_utf8_lossy(b.inner()), false);
            }
            Expr::Literal(_) => {}
            Expr::Ident(name) => self.ident(name),
            Expr::Select(s) => self.select(&s.operand, &s.field, depth),
            Expr::Call(call) => {
                self.scan_name(&call.func_name);
                if call.func_name == "in_group" {
                    self.in_group(call.target.is_some(), &call.args);
                }
                if let Some(t) = &call.target {
                    self.walk(t, depth + 1);
                }
                for a in &call.args {
                    self.walk(a, depth + 1);
                }
            }
            Expr::Comprehension(c) => {
                self.walk(&c.iter_range, depth + 1);
                let binding = self.binding_of(&c.iter_range);
                let before = self.scope.len();
                self.walk(&c.accu_init, depth + 1);
                for v in [Some(&c.iter_var), c.iter_var2.as_ref()]
                    .into_iter()
                    .flatten()
                {
                    if !v.starts_with('@') {
                        self.scan_name(v);
                    }
                }
                let first = if c.iter_var2.is_some() {
                    Binding::Unknown
                } else {
                    binding
                };
                self.scope.push((c.iter_var.clone(), first));
                if let Some(v2) = &c.iter_var2 {
                    self.scope.push((v2.clone(), binding));
                }
                self.scope.push((c.accu_var.clone(), Binding::Unknown));
                self.walk(&c.loop_cond, depth + 1);
                self.walk(&c.loop_step, depth + 1);
                self.walk(&c.result, depth + 1);
                self.scope.truncate(before);
            }
            Expr::List(l) => {
                for x in &l.elements {
                    self.walk(x, depth + 1);
                }
            }
            Expr::Map(m) => {
                for entry in &m.entries {
                    match &entry.expr {
                        EntryExpr::StructField(f) => {
                            self.scan_name(&f.field);
                            self.walk(&f.value, depth + 1);
                        }
                        EntryExpr::MapEntry(m) => {
                            self.walk(&m.key, depth + 1);
                            self.walk(&m.value, depth + 1);
                        }
                    }
                }
            }
            Expr::Struct(s) => {
                self.scan_name(&s.type_name);
                self.error_invalid(format!(
                    "the expression builds an object ({}{{…}}); criteria only compare facts",
                    s.type_name
                ));
            }
        }
    }

    fn bound(&self, name: &str) -> Option<Binding> {
        self.scope
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, b)| *b)
    }

    fn ident(&mut self, name: &str) {
        if name.starts_with('@') || self.bound(name).is_some() || TYPE_NAMES.contains(&name) {
            return;
        }
        if let Some(root) = Root::parse(name) {
            let example = schema::fields_of(root)
                .next()
                .map(|f| f.path())
                .unwrap_or_default();
            self.errors.push(CriteriaError::Unknown {
                id: self.id.to_string(),
                name: name.to_string(),
                suggestion: None,
                message: format!("{name} is a group of facts: name one of them, such as {example}"),
            });
            return;
        }
        if self.scan_name(name) {
            return;
        }
        let names: Vec<&str> = Root::ALL
            .iter()
            .map(|r| r.name())
            .chain(self.scope.iter().map(|(n, _)| n.as_str()))
            .collect();
        let suggestion = schema::closest(name, names.into_iter());
        let hint = match suggestion {
            Some(s) => format!("; did you mean {s}?"),
            None => "; criteria see traveller, booking, flight and history".to_string(),
        };
        self.errors.push(CriteriaError::Unknown {
            id: self.id.to_string(),
            name: name.to_string(),
            suggestion: suggestion.map(str::to_string),
            message: format!("{name} is not a known name{hint}"),
        });
    }

    fn select(&mut self, operand: &IdedExpr, field: &str, depth: usize) {
        match &operand.expr {
            Expr::Ident(name) if self.bound(name).is_none() && Root::parse(name).is_some() => {
                let root = Root::parse(name).unwrap_or(Root::Traveller);
                let path = format!("{name}.{field}");
                if schema::field(&path).is_some() {
                    if !self.paths.contains(&path) {
                        self.paths.push(path);
                    }
                    return;
                }
                if self.scan_name(field) {
                    return;
                }
                let suggestion = schema::closest(field, schema::fields_of(root).map(|f| f.name));
                let hint = match suggestion {
                    Some(s) => format!("; did you mean {name}.{s}?"),
                    None => format!(
                        "; {name} has {}",
                        schema::fields_of(root)
                            .map(|f| f.name)
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                };
                self.errors.push(CriteriaError::Unknown {
                    id: self.id.to_string(),
                    name: path.clone(),
                    suggestion: suggestion.map(|s| format!("{name}.{s}")),
                    message: format!("{path} is not a known field{hint}"),
                });
            }
            Expr::Ident(name) if self.bound(name) == Some(Binding::Trip) => {
                if TRIP_FIELDS.contains(&field) || self.scan_name(field) {
                    return;
                }
                let suggestion = schema::closest(field, TRIP_FIELDS.into_iter());
                self.errors.push(CriteriaError::Unknown {
                    id: self.id.to_string(),
                    name: format!("{name}.{field}"),
                    suggestion: suggestion.map(|s| format!("{name}.{s}")),
                    message: format!("{name}.{field}: a trip has {}", TRIP_FIELDS.join(", ")),
                });
            }
            Expr::Ident(name) if self.bound(name) == Some(Binding::Code) => {
                if !self.scan_name(field) {
                    self.error_invalid(format!("{name} is a code; it has no field {field}"));
                }
            }
            Expr::Select(inner)
                if matches!(&inner.operand.expr, Expr::Ident(r)
                    if self.bound(r).is_none() && Root::parse(r).is_some()) =>
            {
                self.walk(operand, depth + 1);
                if !self.scan_name(field)
                    && let Expr::Ident(r) = &inner.operand.expr
                    && let Some(f) = schema::field(&format!("{r}.{}", inner.field))
                {
                    let hint = if f.kind == Kind::Trips {
                        format!(
                            "; ask about its trips, such as {}.exists(t, t.{field} == \"…\")",
                            f.path()
                        )
                    } else {
                        String::new()
                    };
                    self.error_invalid(format!(
                        "{} is {}; it has no field {field}{hint}",
                        f.path(),
                        f.kind
                    ));
                }
            }
            _ => {
                self.walk(operand, depth + 1);
                self.scan_name(field);
            }
        }
    }

    /// `in_group(value, "name")` with a group of the file.
    fn in_group(&mut self, has_target: bool, args: &[IdedExpr]) {
        let usage = "in_group takes a value and the name of a group written as text: in_group(booking.route, \"high-risk-hubs\")";
        if has_target || args.len() != 2 {
            self.error_invalid(usage.to_string());
            return;
        }
        match &args[1].expr {
            Expr::Literal(LiteralValue::String(s)) => {
                let name = s.inner();
                if self.groups.get(name).is_none() {
                    let suggestion = schema::closest(name, self.groups.names());
                    let hint = match suggestion {
                        Some(s) => format!("; did you mean {s:?}?"),
                        None => String::new(),
                    };
                    self.errors.push(CriteriaError::Unknown {
                        id: self.id.to_string(),
                        name: name.to_string(),
                        suggestion: suggestion.map(str::to_string),
                        message: format!("no group is named {name:?}{hint}"),
                    });
                }
            }
            _ => self.error_invalid(usage.to_string()),
        }
    }

    fn binding_of(&self, range: &IdedExpr) -> Binding {
        if let Expr::Select(s) = &range.expr
            && !s.test
            && let Expr::Ident(r) = &s.operand.expr
            && self.bound(r).is_none()
            && let Some(f) = schema::field(&format!("{r}.{}", s.field))
        {
            return match f.kind {
                Kind::Trips => Binding::Trip,
                Kind::TextList => Binding::Code,
                _ => Binding::Unknown,
            };
        }
        Binding::Unknown
    }

    fn unknown_function(&mut self, name: &str) {
        if !protected::scan(name, true).is_empty() {
            return; // already refused as protected
        }
        let suggestion = schema::closest(name, NAMED_FUNCTIONS.iter().copied());
        let hint = match suggestion {
            Some(s) => format!("; did you mean {s}?"),
            None => format!("; criteria may call {}", NAMED_FUNCTIONS.join(", ")),
        };
        self.errors.push(CriteriaError::Unknown {
            id: self.id.to_string(),
            name: name.to_string(),
            suggestion: suggestion.map(str::to_string),
            message: format!("{name} is not a function criteria may call{hint}"),
        });
    }

    /// Scans a name the expression uses; known fact names are vetted and skipped.
    /// Returns whether it touched a protected characteristic.
    fn scan_name(&mut self, name: &str) -> bool {
        if FIELDS.iter().any(|f| f.name == name) || TRIP_FIELDS.contains(&name) {
            return false;
        }
        self.scan(name, true)
    }

    fn scan(&mut self, text: &str, identifier: bool) -> bool {
        let found = protected::scan(text, identifier);
        let any = !found.is_empty();
        for f in found {
            let dup = self
                .errors
                .iter()
                .any(|e| matches!(e, CriteriaError::Protected { term, .. } if *term == f.term));
            if !dup {
                self.errors.push(CriteriaError::Protected {
                    id: self.id.to_string(),
                    term: f.term,
                    what: f.what.to_string(),
                    categories: f.categories,
                });
            }
        }
        any
    }

    fn error_invalid(&mut self, message: String) {
        self.errors.push(CriteriaError::Invalid {
            id: self.id.to_string(),
            message,
        });
    }
}

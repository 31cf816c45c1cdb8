//! Evaluating criteria on one traveller's facts, with an explanation of every hit.

use std::fmt;

use cel::{Context, ExecutionError, Program, Value};
use serde::Serialize;
use time::Date;

use crate::facts::{Fact, Facts};
use crate::file::{CriteriaSet, Criterion, Purpose, Severity};

/// A criterion that hit a traveller: what it is, who receives the hit after
/// review, and why it hit.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CriterionHit {
    pub id: String,
    pub version: u32,
    pub severity: Severity,
    pub purpose: Purpose,
    pub target_agency: String,
    pub explanation: Explanation,
}

/// The expression and the value, for this traveller, of every fact it names.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Explanation {
    pub expression: String,
    /// `(path, value)`; `None` where the traveller's data do not have the fact.
    pub values: Vec<(String, Option<Fact>)>,
}

/// `expression — booking.hours_booked_before_departure = 31.5; booking.paid_cash = true`
impl fmt::Display for Explanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.expression)?;
        for (i, (path, value)) in self.values.iter().enumerate() {
            f.write_str(if i == 0 { " — " } else { "; " })?;
            match value {
                Some(v) => write!(f, "{path} = {v}")?,
                None => write!(f, "{path} absent")?,
            }
        }
        Ok(())
    }
}

/// What one criterion made of one traveller.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Hit,
    NoHit,
    /// The criterion could not be evaluated on these facts (a fact it needs is
    /// missing, a division by zero …); it counts as no hit. The reason is short
    /// and stable, so that reports can count by it.
    NotEvaluable(String),
}

impl CriteriaSet {
    /// The criteria in force on `on` that hit the traveller, in file order.
    /// A criterion that cannot be evaluated on these facts does not hit.
    pub fn evaluate(&self, facts: &Facts, on: Date) -> Vec<CriterionHit> {
        self.criteria
            .iter()
            .filter(|c| c.valid_on(on))
            .filter(|c| self.outcome_of(c, facts) == Outcome::Hit)
            .map(|c| hit(c, facts))
            .collect()
    }

    /// What every criterion in force on `on` made of the traveller, also those
    /// that did not hit or could not be evaluated.
    pub fn evaluate_all<'s>(&'s self, facts: &Facts, on: Date) -> Vec<(&'s Criterion, Outcome)> {
        self.criteria
            .iter()
            .filter(|c| c.valid_on(on))
            .map(|c| (c, self.outcome_of(c, facts)))
            .collect()
    }

    /// One criterion on one traveller, whatever its validity dates (for
    /// trying a criterion out before it is in force). `None` if no criterion
    /// has that id.
    pub fn outcome(&self, id: &str, facts: &Facts) -> Option<Outcome> {
        self.get(id).map(|c| self.outcome_of(c, facts))
    }

    /// The hit `criterion` gives on `facts`, with its explanation, if it hits.
    pub fn hit(&self, id: &str, facts: &Facts) -> Option<CriterionHit> {
        let c = self.get(id)?;
        (self.outcome_of(c, facts) == Outcome::Hit).then(|| hit(c, facts))
    }

    pub(crate) fn outcome_of(&self, c: &Criterion, facts: &Facts) -> Outcome {
        match execute(&self.root, &c.program, facts) {
            Ok(Value::Bool(true)) => Outcome::Hit,
            Ok(Value::Bool(false)) => Outcome::NoHit,
            Ok(_) => Outcome::NotEvaluable("result is not true or false".into()),
            Err(e) => Outcome::NotEvaluable(reason(&e, c, facts)),
        }
    }
}

pub(crate) fn hit(c: &Criterion, facts: &Facts) -> CriterionHit {
    CriterionHit {
        id: c.id.clone(),
        version: c.version,
        severity: c.severity,
        purpose: c.purpose,
        target_agency: c.target_agency.clone(),
        explanation: Explanation {
            expression: c.expression.clone(),
            values: c
                .paths
                .iter()
                .map(|p| (p.clone(), facts.get(p).cloned()))
                .collect(),
        },
    }
}

/// Runs `program` in a child scope of `root` that lends it the facts.
pub(crate) fn execute<'a>(
    root: &'a Context<'a, 'a>,
    program: &Program,
    facts: &'a Facts,
) -> Result<Value, ExecutionError> {
    let mut scope = root.new_inner_scope();
    scope.set_variable_resolver(facts.cel());
    program.execute(&scope)
}

/// A short reason for a failed evaluation, the same for every traveller it
/// happens to in the same way.
fn reason(e: &ExecutionError, c: &Criterion, facts: &Facts) -> String {
    match e {
        ExecutionError::NoSuchKey(key) => match c.paths.iter().find(|p| facts.get(p).is_none()) {
            Some(p) => format!("missing {p}"),
            None => format!("missing {key}"),
        },
        ExecutionError::DivisionByZero(_) | ExecutionError::RemainderByZero(_) => {
            "division by zero".into()
        }
        ExecutionError::IndexOutOfBounds(_) => "index out of bounds".into(),
        ExecutionError::Overflow(op, ..) => format!("overflow in {op}"),
        ExecutionError::NoSuchOverload(o) => format!("wrong kind of value for {}", o.function()),
        ExecutionError::FunctionError { function, .. } => format!("error in {function}"),
        other => {
            let s = other.to_string();
            let s: String = s.chars().take(80).collect();
            format!("error: {s}")
        }
    }
}

//! `piu names`: score name pairs and show how a name is read.

use std::io::{self, BufRead, BufWriter, Write};
use std::process::ExitCode;

use piu_names::{DEFAULT_THRESHOLD, Explanation, Matcher};

#[derive(clap::Subcommand)]
pub enum Command {
    /// Read `NAME1<TAB>NAME2` lines on stdin; print `SCORE<TAB>match|no-match` for each.
    ///
    /// The threshold is the one screening uses. A line that cannot be read is
    /// reported on stderr with its number and skipped; the exit status is then 1.
    Score {
        /// Add a third column: the pairs of parts, their similarity and rule,
        /// the parts left over and any rule that capped the score.
        #[arg(long)]
        explain: bool,
    },
    /// Print how each name is read: every part with its role, its Latin
    /// spellings and its matching keys; then titles and patronymic markers.
    Keys {
        /// Names as sent (`SURNAME/GIVEN MR`, `SURNAME<<GIVEN`, `Surname, Given`, or plain).
        #[arg(required = true)]
        names: Vec<String>,
    },
}

pub fn run(command: &Command) -> anyhow::Result<ExitCode> {
    match command {
        Command::Score { explain } => score(
            io::stdin().lock(),
            &mut io::stdout().lock(),
            &mut io::stderr(),
            *explain,
        ),
        Command::Keys { names } => {
            let mut out = BufWriter::new(io::stdout().lock());
            for (i, name) in names.iter().enumerate() {
                if i > 0 {
                    writeln!(out)?;
                }
                keys(name, &mut out)?;
            }
            out.flush()?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Scores every line of `input`; errors go to `errors`, numbered from 1.
fn score(
    input: impl BufRead,
    out: &mut impl Write,
    errors: &mut impl Write,
    explain: bool,
) -> anyhow::Result<ExitCode> {
    let matcher = Matcher::default();
    let mut out = BufWriter::new(out);
    let mut failed = 0usize;
    for (n, line) in input.split(b'\n').enumerate() {
        let line = line?;
        let number = n + 1;
        match pair(&line) {
            Ok((a, b)) => {
                let (a, b) = (matcher.prepare(a), matcher.prepare(b));
                let e = matcher.explain(&a, &b);
                let verdict = if e.score >= DEFAULT_THRESHOLD {
                    "match"
                } else {
                    "no-match"
                };
                write!(out, "{:.3}\t{verdict}", e.score)?;
                if explain {
                    write!(out, "\t{}", describe(&e))?;
                }
                writeln!(out)?;
            }
            Err(why) => {
                failed += 1;
                out.flush()?;
                writeln!(errors, "piu names score: line {number}: {why}")?;
            }
        }
    }
    out.flush()?;
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// The two names of a line, or why there are not two.
fn pair(line: &[u8]) -> Result<(&str, &str), String> {
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    let text = std::str::from_utf8(line)
        .map_err(|e| format!("not valid UTF-8 at byte {}", e.valid_up_to()))?;
    if text.trim().is_empty() {
        return Err("empty line; expected NAME1<TAB>NAME2".into());
    }
    let columns: Vec<&str> = text.split('\t').collect();
    match columns.as_slice() {
        [a, b] if !a.trim().is_empty() && !b.trim().is_empty() => Ok((a, b)),
        [_, _] => Err("a name is empty; expected NAME1<TAB>NAME2".into()),
        [_] => Err("one column; expected NAME1<TAB>NAME2".into()),
        more => Err(format!("{} columns; expected NAME1<TAB>NAME2", more.len())),
    }
}

/// One line of explanation: `A = B 0.93 (rule); …; left over: X (middle); capped: …`.
fn describe(e: &Explanation) -> String {
    let mut parts: Vec<String> = e.pairs.iter().map(ToString::to_string).collect();
    if !e.unmatched.is_empty() {
        let left: Vec<String> = e
            .unmatched
            .iter()
            .map(|(t, r)| format!("{t} ({})", r.as_str()))
            .collect();
        parts.push(format!("left over: {}", left.join(", ")));
    }
    for cap in &e.caps {
        parts.push(format!("capped: {cap}"));
    }
    parts.join("; ")
}

fn keys(name: &str, out: &mut impl Write) -> io::Result<()> {
    let parsed = piu_names::parse(name);
    for p in &parsed.parts {
        writeln!(
            out,
            "{}\t{}\t{}\t{}",
            p.role.as_str(),
            p.original,
            p.spellings.join(" "),
            p.keys.join(" ")
        )?;
    }
    for t in &parsed.titles {
        writeln!(out, "title\t{t}")?;
    }
    for m in &parsed.markers {
        writeln!(out, "marker\t{m}")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run_score(input: &[u8]) -> (String, String, ExitCode) {
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let code = score(input, &mut out, &mut err, false).unwrap();
        (
            String::from_utf8(out).unwrap(),
            String::from_utf8(err).unwrap(),
            code,
        )
    }

    #[test]
    fn bad_lines_are_numbered_and_the_rest_continues() {
        let input = b"Ilham Aliyev\t\xC4\xB0lham \xC6\x8Fliyev\n\nJOHN SMITH\n\xFF\tX\nIVANOV/IVAN\tIVANOVA/IVANNA\r\n";
        let (out, err, code) = run_score(input);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 2, "{out}");
        assert!(lines[0].ends_with("\tmatch"), "{out}");
        assert!(lines[1].ends_with("\tno-match"), "{out}");
        assert!(err.contains("line 2: empty line"), "{err}");
        assert!(err.contains("line 3: one column"), "{err}");
        assert!(err.contains("line 4: not valid UTF-8 at byte 0"), "{err}");
        assert_eq!(code, ExitCode::from(1));
    }

    #[test]
    fn explanation_names_pairs_and_rules() {
        let (mut out, mut err) = (Vec::new(), Vec::new());
        score(&b"MAMMADOV/RASHAD ALI OGLU\t\xD0\x9C\xD0\xB0\xD0\xBC\xD0\xB5\xD0\xB4\xD0\xBE\xD0\xB2 \xD0\xA0\xD0\xB0\xD1\x88\xD0\xB0\xD0\xB4"[..], &mut out, &mut err, true).unwrap();
        let out = String::from_utf8(out).unwrap();
        assert!(out.contains("\tmatch\t"), "{out}");
        assert!(out.contains("MAMMADOV = Мамедов"), "{out}");
        assert!(out.contains("left over: ALI (patronymic)"), "{out}");
    }
}

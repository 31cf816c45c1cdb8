//! `piu names`: the score contract (one `SCORE<TAB>match|no-match` line per good
//! input line, line-numbered errors for the others) and the keys listing.

use std::io::Write;
use std::process::{Command, Stdio};

fn piu(args: &[&str], stdin: &[u8]) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_piu"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("piu runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin)
        .expect("input written");
    let out = child.wait_with_output().expect("piu finishes");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn score_prints_one_line_per_pair_and_numbers_bad_lines() {
    let input = "İlham Əliyev\tIlham Aliyev\nNASIROV/ORKHAN\tNAZIROV/ORKHAN\n\nonly one column\n";
    let (code, out, err) = piu(&["names", "score"], input.as_bytes());
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    for (line, verdict) in lines.iter().zip(["match", "no-match"]) {
        let (score, said) = line.split_once('\t').expect("two columns");
        let score: f32 = score.parse().expect("a number");
        assert!((0.0..=1.0).contains(&score), "{line}");
        assert_eq!(said, verdict, "{line}");
    }
    assert!(err.contains("line 3: empty line"), "{err}");
    assert!(err.contains("line 4: one column"), "{err}");
    assert_eq!(code, 1, "bad lines make the exit status 1");
}

#[test]
fn score_explains_on_request() {
    let (code, out, _) = piu(
        &["names", "score", "--explain"],
        "Məmmədov Rəşad\tМамедов Рашад\n".as_bytes(),
    );
    assert_eq!(code, 0);
    let columns: Vec<&str> = out.trim_end().split('\t').collect();
    assert_eq!(columns.len(), 3, "{out}");
    assert_eq!(columns[1], "match");
    assert!(columns[2].contains("Məmmədov = Мамедов"), "{out}");
}

#[test]
fn keys_lists_parts_roles_spellings_and_titles() {
    let (code, out, _) = piu(&["names", "keys", "MAMMADOV/RASHAD ALI OGLU MR"], b"");
    assert_eq!(code, 0);
    assert!(out.contains("given\tRASHAD\tRASHAD\tRASAD"), "{out}");
    assert!(out.contains("patronymic\tALI"), "{out}");
    assert!(out.contains("surname\tMAMMADOV"), "{out}");
    assert!(
        out.contains("title\tMR") && out.contains("marker\tOGLU"),
        "{out}"
    );
}

//! `piu serve --config FILE` and `PIU_<OPTION>` variables: the command line
//! wins over the environment, which wins over the file, which wins over the
//! defaults; an unknown key or a bad value in the file stops the start with
//! the file, the key and what is wrong.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// `piu serve` in `folder`, with none of the variables these tests set
/// inherited from whoever runs them.
fn piu_serve(folder: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_piu"));
    command.current_dir(folder).arg("serve");
    for (name, _) in std::env::vars() {
        if name.starts_with("PIU_") {
            command.env_remove(name);
        }
    }
    command
}

/// Starts the service, waits for its start lines (the carrier API, and the
/// workspace when `workspace` is set), stops it and returns what it said.
fn started(mut command: Command, workspace: bool) -> String {
    let mut child = command
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("piu serve starts");
    let stderr = child.stderr.take().expect("stderr");
    let (lines, received) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if lines.send(line).is_err() {
                break;
            }
        }
    });
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut said = String::new();
    let done = |said: &str| {
        said.contains("carrier API on") && (!workspace || said.contains("workspace on"))
    };
    while !done(&said) {
        let left = deadline.saturating_duration_since(Instant::now());
        match received.recv_timeout(left) {
            Ok(line) => {
                said.push_str(&line);
                said.push('\n');
            }
            Err(_) => {
                let _ = child.kill();
                let _ = child.wait();
                panic!("piu serve did not start:\n{said}");
            }
        }
    }
    child.kill().expect("stop piu serve");
    child.wait().expect("wait");
    said
}

/// Runs a start that must fail: its stderr.
fn refused(mut command: Command) -> String {
    let output = command
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .expect("piu serve runs");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(!output.status.success(), "piu serve started:\n{stderr}");
    stderr
}

fn national_list() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../samples/watchlists/national.list.json")
        .display()
        .to_string()
}

#[test]
fn the_command_line_wins_over_the_environment_which_wins_over_the_file() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let config = folder.path().join("piu.toml");
    std::fs::write(
        &config,
        format!(
            "# the service as a file\n\
             database = \"sqlite:from-file.db\"\n\
             listen = \"127.0.0.1:0\"\n\
             workspace_listen = \"127.0.0.1:0\"\n\
             workspace_insecure_cookies = true\n\
             poll_ms = 250\n\
             watchlist = [{:?}]\n",
            national_list()
        ),
    )
    .expect("write the file");

    // The file alone: its database, its workspace listener, its list.
    let mut command = piu_serve(folder.path());
    command.arg("--config").arg(&config);
    let said = started(command, true);
    assert!(said.contains("journal sqlite:from-file.db,"), "{said}");
    assert!(said.contains("1 lists"), "{said}");
    assert!(folder.path().join("from-file.db").exists());

    // The environment over the file; the file named in the environment too.
    let mut command = piu_serve(folder.path());
    command
        .env("PIU_CONFIG", &config)
        .env("PIU_DATABASE", "sqlite:from-environment.db");
    let said = started(command, true);
    assert!(
        said.contains("journal sqlite:from-environment.db,"),
        "{said}"
    );

    // The command line over both; a list given there replaces the file's.
    let mut command = piu_serve(folder.path());
    command
        .arg("--config")
        .arg(&config)
        .env("PIU_DATABASE", "sqlite:from-environment.db")
        .args(["--database", "sqlite:from-command-line.db"])
        .args([
            "--watchlist",
            &national_list(),
            "--watchlist",
            &national_list(),
        ]);
    let said = started(command, true);
    assert!(
        said.contains("journal sqlite:from-command-line.db,"),
        "{said}"
    );
    assert!(said.contains("2 lists"), "{said}");

    // Without a file: the environment over the defaults.
    let mut command = piu_serve(folder.path());
    command
        .env("PIU_DATABASE", "sqlite:environment-only.db")
        .env("PIU_LISTEN", "127.0.0.1:0");
    let said = started(command, false);
    assert!(
        said.contains("journal sqlite:environment-only.db,"),
        "{said}"
    );
    assert!(!said.contains("workspace on"), "{said}");
}

#[test]
fn an_unknown_key_or_a_bad_value_stops_the_start_naming_the_file_and_the_key() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let cases: &[(&str, &str, &str)] = &[
        (
            "listen = \"nowhere\"\n",
            "listen",
            "invalid value 'nowhere'",
        ),
        ("databse = \"sqlite:x.db\"\n", "databse", "unknown key"),
        (
            "workspace-listen = \"127.0.0.1:0\"\n",
            "workspace-listen",
            "unknown key",
        ),
        ("config = \"other.toml\"\n", "config", "unknown key"),
        ("poll_ms = \"often\"\n", "poll_ms", "invalid value 'often'"),
        (
            "workspace_insecure_cookies = \"yes\"\n",
            "workspace_insecure_cookies",
            "expected true or false",
        ),
        (
            "database = [\"sqlite:a.db\"]\n",
            "database",
            "expected one value, not a list",
        ),
        (
            "watchlist = [{ file = \"a\" }]\n",
            "watchlist",
            "expected a string, a number or a list",
        ),
        (
            "iapi_hold_from = \"urgent\"\n",
            "iapi_hold_from",
            "expected low, medium, high or critical",
        ),
    ];
    for (number, (text, key, what)) in cases.iter().enumerate() {
        let config = folder.path().join(format!("bad-{number}.toml"));
        std::fs::write(&config, text).expect("write the file");
        let mut command = piu_serve(folder.path());
        command.arg("--config").arg(&config);
        let stderr = refused(command);
        let named = format!("{}: {key}: ", config.display());
        assert!(
            stderr.contains(&named) && stderr.contains(what),
            "{text:?} should be refused with {named:?} and {what:?}:\n{stderr}"
        );
    }

    let config = folder.path().join("not-toml.toml");
    std::fs::write(&config, "database: sqlite:x.db\n").expect("write the file");
    let mut command = piu_serve(folder.path());
    command.arg("--config").arg(&config);
    let stderr = refused(command);
    assert!(stderr.contains(&config.display().to_string()), "{stderr}");

    let mut command = piu_serve(folder.path());
    command
        .arg("--config")
        .arg(folder.path().join("missing.toml"));
    let stderr = refused(command);
    assert!(stderr.contains("missing.toml"), "{stderr}");
}

//! `piu users add` as an operator runs it: a generated password shown once,
//! only its hash stored, a taken name and an unknown role refused.

use std::process::Command;

use piu_store::Store;

fn piu(args: &[&str]) -> (Option<i32>, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_piu"))
        .args(args)
        .output()
        .expect("piu runs");
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn an_account_gets_a_generated_password_shown_once_and_stored_hashed() {
    let folder = tempfile::tempdir().expect("temporary folder");
    let database = format!("sqlite:{}", folder.path().join("piu.db").display());
    let add = |name: &str, role: &str| {
        piu(&[
            "users",
            "add",
            name,
            "--role",
            role,
            "--agency",
            "customs",
            "--purpose",
            "border_migration",
            "--database",
            &database,
        ])
    };
    let (code, stdout, stderr) = add("c.liaison", "liaison");
    assert_eq!(code, Some(0), "{stderr}");
    let password = stdout.trim();
    assert!(password.chars().count() >= 12, "{password:?}");
    assert!(stderr.contains("shown only now"), "{stderr}");

    let (again, _, _) = add("d.liaison", "liaison");
    assert_eq!(again, Some(0));
    let (_, second, _) = add("e.liaison", "liaison");
    assert_ne!(
        second.trim(),
        password,
        "each account gets its own password"
    );

    let (taken, stdout, stderr) = add("c.liaison", "liaison");
    assert_ne!(taken, Some(0));
    assert!(
        stdout.is_empty(),
        "no password for a refused account: {stdout}"
    );
    assert!(stderr.contains("taken"), "{stderr}");

    let (unknown, _, stderr) = add("f.king", "king");
    assert_eq!(unknown, Some(2), "{stderr}");
    assert!(stderr.contains("king"), "{stderr}");

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        let store = Store::open(&database).await.expect("store opens");
        let user = store
            .user_by_username("c.liaison")
            .await
            .expect("lookup")
            .expect("the account exists");
        assert_eq!(
            (user.role.as_str(), user.agency.as_str()),
            ("liaison", "customs")
        );
        assert!(
            user.password_hash.starts_with("$argon2id$"),
            "{}",
            user.password_hash
        );
        assert!(!user.password_hash.contains(password));
        store.close().await;
    });
}

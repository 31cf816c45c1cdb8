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

#[test]
fn an_api_token_is_shown_once_stored_hashed_and_revoked_by_name() {
    let folder = tempfile::tempdir().expect("temporary folder");
    let database = format!("sqlite:{}", folder.path().join("piu.db").display());
    let (code, _, stderr) = piu(&[
        "users",
        "add",
        "police-system",
        "--role",
        "liaison",
        "--agency",
        "police",
        "--purpose",
        "terrorism_serious_crime",
        "--database",
        &database,
    ]);
    assert_eq!(code, Some(0), "{stderr}");
    let token = |name: &str, purpose: Option<&str>| {
        let mut args = vec![
            "users",
            "token",
            "police-system",
            "--name",
            name,
            "--database",
            &database,
        ];
        if let Some(purpose) = purpose {
            args.extend(["--purpose", purpose]);
        }
        piu(&args)
    };
    // A liaison works with personal data: the purpose must be named, and held.
    let (code, stdout, stderr) = token("cases", None);
    assert_ne!(code, Some(0));
    assert!(
        stdout.is_empty() && stderr.contains("--purpose"),
        "{stderr}"
    );
    let (code, stdout, stderr) = token("cases", Some("border_migration"));
    assert_ne!(code, Some(0));
    assert!(
        stdout.is_empty() && stderr.contains("does not hold"),
        "{stderr}"
    );
    let (code, stdout, stderr) = token("cases", Some("terrorism_serious_crime"));
    assert_eq!(code, Some(0), "{stderr}");
    let issued = stdout.trim().to_owned();
    assert!(piu_access::lookup_hash(&issued).is_some(), "{issued:?}");
    let (code, _, stderr) = token("cases", Some("terrorism_serious_crime"));
    assert_ne!(code, Some(0));
    assert!(stderr.contains("already"), "{stderr}");

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        let store = Store::open(&database).await.expect("open");
        let now = time::OffsetDateTime::now_utc();
        let live = store
            .api_token(&piu_access::hash_token(&issued), now)
            .await
            .expect("read")
            .expect("the token is live");
        assert_eq!(live.purpose.as_deref(), Some("terrorism_serious_crime"));
        // Only the hash is in the database file.
        store.close().await;
        let bytes = std::fs::read(folder.path().join("piu.db")).expect("file");
        assert!(
            !bytes
                .windows(issued.len())
                .any(|window| window == issued.as_bytes())
        );
    });
    let revoke = || {
        piu(&[
            "users",
            "revoke-token",
            "police-system",
            "--name",
            "cases",
            "--database",
            &database,
        ])
    };
    let (code, _, stderr) = revoke();
    assert_eq!(code, Some(0), "{stderr}");
    let (code, _, stderr) = revoke();
    assert_ne!(code, Some(0));
    assert!(stderr.contains("no live token"), "{stderr}");
}

//! The console in a real browser (headless Chromium through chromedriver)
//! against a serving `piu demo`: an analyst takes a hit, notes it, finds it
//! relevant and asks for a referral to the police; a supervisor approves it
//! (four eyes); the police liaison sees it and the customs liaison does not.
//! A screenshot of each step goes to target/e2e-screenshots/. A missing
//! browser fails the test (install it with `bash .ci/browser`).

mod support;

use std::path::PathBuf;

use support::webdriver::Browser;
use support::{Demo, Printed};

/// Screenshots numbered in the order taken.
struct Shots {
    folder: PathBuf,
    taken: usize,
}

impl Shots {
    fn new() -> Shots {
        let folder = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/e2e-screenshots");
        std::fs::create_dir_all(&folder).expect("the screenshots folder");
        for old in std::fs::read_dir(&folder)
            .expect("read the folder")
            .flatten()
        {
            if old
                .path()
                .extension()
                .is_some_and(|extension| extension == "png")
            {
                let _ = std::fs::remove_file(old.path());
            }
        }
        Shots { folder, taken: 0 }
    }

    fn take(&mut self, browser: &Browser, name: &str) {
        self.taken += 1;
        browser.screenshot(&self.folder.join(format!("{:02}-{name}.png", self.taken)));
    }
}

fn sign_in(browser: &Browser, console: &str, printed: &Printed, user: &str, purpose: &str) {
    browser.open(&format!("{console}/login"));
    browser.type_into("#username", user);
    browser.type_into("#password", printed.password(user));
    browser.click(&format!("select#purpose option[value=\"{purpose}\"]"));
    browser.click("form[action=\"/login\"] button[type=submit]");
    browser.find("form[action=\"/logout\"]");
}

fn sign_out(browser: &Browser) {
    browser.click("form[action=\"/logout\"] button");
    browser.find("#username");
}

/// The path of a link's target (`/referrals/7` of `http://…/referrals/7`).
fn path_of(href: &str) -> String {
    match href.split_once("://") {
        Some((_, rest)) => rest.find('/').map_or("/", |at| &rest[at..]).to_owned(),
        None => href.to_owned(),
    }
}

#[test]
fn a_hit_referred_by_an_analyst_and_approved_by_a_supervisor_reaches_the_police_only() {
    let browser = Browser::start();
    let dir = tempfile::tempdir().expect("a temporary folder");
    let demo = Demo::start(&dir.path().join("piu-demo"));
    let console = format!("http://{}", demo.console);
    let printed = &demo.printed;
    let mut shots = Shots::new();

    // The analyst reviews a hit and asks for a referral to the police.
    sign_in(
        &browser,
        &console,
        printed,
        "analyst",
        "terrorism_serious_crime",
    );
    shots.take(&browser, "analyst-signed-in");
    browser.open(&format!("{console}/hits"));
    browser.find("a.hit-link");
    shots.take(&browser, "analyst-hit-queue");
    browser.click("a.hit-link");
    browser.find("#assign-to-me");
    shots.take(&browser, "analyst-hit");
    browser.click("#assign-to-me");
    browser.wait_for_text("#hit-assignee", "analyst");
    shots.take(&browser, "analyst-assigned");
    browser.type_into(
        "#note-text",
        "Birth date and nationality agree with the entry.",
    );
    browser.click("#add-note");
    browser.wait_for_text_containing(
        "#timeline",
        "Birth date and nationality agree with the entry.",
    );
    shots.take(&browser, "analyst-note");
    browser.click("#disposition option[value=\"relevant\"]");
    browser.type_into(
        "#disposition-note",
        "The same person: name, birth date and nationality.",
    );
    browser.click("#dispose");
    browser.wait_for_text("#hit-state", "relevant");
    shots.take(&browser, "analyst-relevant");
    browser.click("#referral-agency option[value=\"police\"]");
    browser.type_into(
        "#referral-reason",
        "Wanted person travelling; the police asked to be told (serious crime).",
    );
    browser.click("#request-referral");
    browser.wait_for_text("#referral-state", "requested");
    let referral = path_of(&browser.url());
    assert!(referral.starts_with("/referrals/"), "{referral}");
    shots.take(&browser, "analyst-referral-requested");
    // Four eyes: the one who asked cannot approve.
    assert!(browser.all("#approve").is_empty(), "{}", browser.source());
    sign_out(&browser);
    shots.take(&browser, "analyst-signed-out");

    // The supervisor approves it.
    sign_in(
        &browser,
        &console,
        printed,
        "supervisor",
        "terrorism_serious_crime",
    );
    browser.open(&format!("{console}/referrals"));
    let link = format!("a.referral-link[href=\"{referral}\"]");
    browser.find(&link);
    shots.take(&browser, "supervisor-referrals");
    browser.click(&link);
    browser.wait_for_text("#referral-state", "requested");
    shots.take(&browser, "supervisor-referral");
    browser.type_into(
        "#decision-note",
        "Approved: the request states its need and basis.",
    );
    browser.click("#approve");
    browser.wait_for_text("#referral-state", "approved");
    shots.take(&browser, "supervisor-approved");
    sign_out(&browser);

    // The police liaison sees it.
    sign_in(
        &browser,
        &console,
        printed,
        "liaison.police",
        "terrorism_serious_crime",
    );
    browser.open(&format!("{console}/referrals"));
    browser.find(&link);
    shots.take(&browser, "police-referrals");
    browser.click(&link);
    browser.wait_for_text("#referral-state", "approved");
    shots.take(&browser, "police-referral");
    sign_out(&browser);

    // The customs liaison does not, listed or by its address.
    sign_in(
        &browser,
        &console,
        printed,
        "liaison.customs",
        "terrorism_serious_crime",
    );
    browser.open(&format!("{console}/referrals"));
    browser.find("main");
    assert!(browser.all(&link).is_empty(), "{}", browser.source());
    shots.take(&browser, "customs-referrals");
    browser.open(&format!("{console}{referral}"));
    browser.find("main");
    assert!(
        browser.all("#referral-state").is_empty(),
        "{}",
        browser.source()
    );
    shots.take(&browser, "customs-referral-refused");
    browser.open(&format!("{console}/referrals"));
    sign_out(&browser);
}

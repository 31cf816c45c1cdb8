//! Just enough of the W3C WebDriver protocol to drive Chromium through
//! chromedriver: a session, navigation, finding and clicking elements, typing,
//! reading text and taking screenshots. JSON over HTTP/1.1 on loopback.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// The key W3C WebDriver names an element reference by.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// The browser and its driver, from the Debian packages unless
/// `PIU_CHROMIUM` and `PIU_CHROMEDRIVER` name others.
fn program(variable: &str, default: &str) -> PathBuf {
    std::env::var_os(variable).map_or_else(|| PathBuf::from(default), PathBuf::from)
}

/// chromedriver with one headless Chromium session; both end when dropped.
pub struct Browser {
    driver: Child,
    address: SocketAddr,
    session: String,
}

/// An element of the current page.
#[derive(Clone, Debug)]
pub struct Element(String);

impl Browser {
    /// Starts chromedriver and a headless Chromium. A missing browser fails
    /// the test, naming the script that installs it.
    pub fn start() -> Browser {
        let chromium = program("PIU_CHROMIUM", "/usr/bin/chromium");
        let chromedriver = program("PIU_CHROMEDRIVER", "/usr/bin/chromedriver");
        for path in [&chromium, &chromedriver] {
            assert!(
                path.exists(),
                "{} is missing: the console's end-to-end test needs Chromium and \
                 chromedriver; install them with `bash .ci/browser` (Debian packages \
                 chromium and chromium-driver)",
                path.display()
            );
        }
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|listener| listener.local_addr())
            .expect("a free port")
            .port();
        let driver = Command::new(&chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|error| panic!("starting {}: {error}", chromedriver.display()));
        let address = SocketAddr::from(([127, 0, 0, 1], port));
        let mut browser = Browser {
            driver,
            address,
            session: String::new(),
        };
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let ready = call(address, "GET", "/status", None)
                .ok()
                .is_some_and(|status| status["value"]["ready"] == json!(true));
            if ready {
                break;
            }
            assert!(Instant::now() < deadline, "chromedriver did not get ready");
            std::thread::sleep(Duration::from_millis(100));
        }
        let capabilities = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": chromium.display().to_string(),
                "args": ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                         "--disable-gpu", "--window-size=1280,1000"],
            },
        }}});
        let created = browser.send("POST", "/session", Some(capabilities));
        browser.session = created["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no session from chromedriver: {created}"))
            .to_owned();
        browser
    }

    /// A command of the session; its `value`. An error answer fails the test.
    fn command(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        self.try_command(method, path, body)
            .unwrap_or_else(|error| panic!("WebDriver {method} {path}: {error}"))
    }

    /// [`Browser::command`], an error answer returned as `error: message`.
    fn try_command(&self, method: &str, path: &str, body: Option<Value>) -> Result<Value, String> {
        self.try_send(method, &format!("/session/{}{path}", self.session), body)
    }

    fn send(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        self.try_send(method, path, body)
            .unwrap_or_else(|error| panic!("WebDriver {method} {path}: {error}"))
    }

    /// [`Browser::send`], an error answer returned as `error: message`.
    fn try_send(&self, method: &str, path: &str, body: Option<Value>) -> Result<Value, String> {
        let answer = call(self.address, method, path, body).map_err(|error| error.to_string())?;
        let value = answer["value"].clone();
        match value.get("error") {
            Some(error) => Err(format!("{error}: {}", value["message"])),
            None => Ok(value),
        }
    }

    pub fn open(&self, url: &str) {
        self.command("POST", "/url", Some(json!({ "url": url })));
    }

    pub fn url(&self) -> String {
        self.command("GET", "/url", None)
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    pub fn source(&self) -> String {
        self.command("GET", "/source", None)
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    /// Every element matching the CSS selector, now.
    pub fn all(&self, css: &str) -> Vec<Element> {
        let found = self.command(
            "POST",
            "/elements",
            Some(json!({"using": "css selector", "value": css})),
        );
        found
            .as_array()
            .map(|elements| {
                elements
                    .iter()
                    .filter_map(|element| element[ELEMENT].as_str())
                    .map(|id| Element(id.to_owned()))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The first element matching the CSS selector, waiting up to ten seconds
    /// for it (a page may still be loading after a form was sent).
    pub fn find(&self, css: &str) -> Element {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(element) = self.all(css).into_iter().next() {
                return element;
            }
            assert!(
                Instant::now() < deadline,
                "no {css} on {}:\n{}",
                self.url(),
                self.source()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    pub fn click(&self, css: &str) {
        self.act_on(css, "click", json!({}));
    }

    pub fn type_into(&self, css: &str, text: &str) {
        self.act_on(css, "value", json!({ "text": text }));
    }

    /// Sends an element command to the first match of `css`. The page may be
    /// replaced between finding the element and acting on it (a form was
    /// sent just before): a stale element is looked up again, for up to ten
    /// seconds; any other error fails the test.
    fn act_on(&self, css: &str, action: &str, body: Value) {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let element = self.find(css);
            let path = format!("/element/{}/{action}", element.0);
            match self.try_command("POST", &path, Some(body.clone())) {
                Ok(_) => return,
                Err(error) if error.contains("stale element") && Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(100));
                }
                Err(error) => panic!("WebDriver POST {path}: {error}"),
            }
        }
    }

    pub fn attribute(&self, element: &Element, name: &str) -> Option<String> {
        self.command(
            "GET",
            &format!("/element/{}/attribute/{name}", element.0),
            None,
        )
        .as_str()
        .map(str::to_owned)
    }

    /// Waits up to ten seconds for the element's text to be `expected`.
    pub fn wait_for_text(&self, css: &str, expected: &str) {
        self.wait_for(css, &format!("{expected:?}"), |text| {
            text.trim() == expected
        });
    }

    /// Waits up to ten seconds for the element's text to contain `part`.
    pub fn wait_for_text_containing(&self, css: &str, part: &str) {
        self.wait_for(css, &format!("containing {part:?}"), |text| {
            text.contains(part)
        });
    }

    /// Waits up to ten seconds for the first match of `css` to have a text
    /// that `fits` (described by `wanted` in the failure).
    fn wait_for(&self, css: &str, wanted: &str, fits: impl Fn(&str) -> bool) {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            // The page may be replaced between finding the element and
            // reading it (a form was sent): a stale element is read again.
            let text = self.all(css).first().and_then(|element| {
                let path = format!("/element/{}/text", element.0);
                let text = self.try_command("GET", &path, None).ok()?;
                Some(text.as_str().unwrap_or_default().to_owned())
            });
            if text.as_deref().is_some_and(&fits) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "{css} on {} says {text:?}, not {wanted}:\n{}",
                self.url(),
                self.source()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// The page as a PNG file.
    pub fn screenshot(&self, path: &Path) {
        let encoded = self.command("GET", "/screenshot", None);
        let png = decode_base64(encoded.as_str().unwrap_or_default());
        assert!(png.starts_with(b"\x89PNG"), "the screenshot is not a PNG");
        std::fs::write(path, png).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            let path = format!("/session/{}", self.session);
            let _ = call(self.address, "DELETE", &path, None);
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// One HTTP request to chromedriver on its own connection; the JSON answer.
fn call(
    address: SocketAddr,
    method: &str,
    path: &str,
    body: Option<Value>,
) -> std::io::Result<Value> {
    let body = body.map(|body| body.to_string()).unwrap_or_default();
    let mut stream = TcpStream::connect(address)?;
    stream.set_read_timeout(Some(Duration::from_secs(120)))?;
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\
         Content-Type: application/json; charset=utf-8\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )?;
    // chromedriver may keep the connection open: read the head, then as many
    // bytes as it announces (or chunks up to the last one).
    let mut answer = Vec::new();
    let mut buffer = [0u8; 16 * 1024];
    let complete = |answer: &[u8]| -> Option<Vec<u8>> {
        let split = answer.windows(4).position(|window| window == b"\r\n\r\n")?;
        let head = String::from_utf8_lossy(&answer[..split]).to_ascii_lowercase();
        let body = &answer[split + 4..];
        if head.contains("transfer-encoding: chunked") {
            return body.ends_with(b"0\r\n\r\n").then(|| unchunk(body));
        }
        let length = head
            .lines()
            .find_map(|line| line.strip_prefix("content-length:"))
            .and_then(|value| value.trim().parse::<usize>().ok())?;
        (body.len() >= length).then(|| body[..length].to_vec())
    };
    loop {
        if let Some(body) = complete(&answer) {
            return serde_json::from_slice(&body).map_err(std::io::Error::other);
        }
        let read = stream.read(&mut buffer)?;
        if read == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        answer.extend_from_slice(&buffer[..read]);
    }
}

/// A chunked HTTP body joined.
fn unchunk(mut body: &[u8]) -> Vec<u8> {
    let mut joined = Vec::new();
    while let Some(end) = body.windows(2).position(|window| window == b"\r\n") {
        let size = std::str::from_utf8(&body[..end])
            .ok()
            .and_then(|line| usize::from_str_radix(line.split(';').next()?.trim(), 16).ok())
            .unwrap_or(0);
        if size == 0 || body.len() < end + 2 + size {
            break;
        }
        joined.extend_from_slice(&body[end + 2..end + 2 + size]);
        body = &body[(end + 4 + size).min(body.len())..];
    }
    joined
}

/// Standard base64 with padding, as WebDriver sends screenshots.
fn decode_base64(text: &str) -> Vec<u8> {
    let value = |byte: u8| match byte {
        b'A'..=b'Z' => Some(byte - b'A'),
        b'a'..=b'z' => Some(byte - b'a' + 26),
        b'0'..=b'9' => Some(byte - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    };
    let mut bytes = Vec::with_capacity(text.len() / 4 * 3);
    let (mut buffer, mut bits) = (0u32, 0);
    for sextet in text.bytes().filter_map(value) {
        buffer = (buffer << 6) | u32::from(sextet);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            bytes.push((buffer >> bits) as u8);
        }
    }
    bytes
}

#[test]
fn base64_decodes_as_sent() {
    assert_eq!(decode_base64("aGVsbG8="), b"hello");
    assert_eq!(decode_base64("iVBORw=="), b"\x89PNG");
}

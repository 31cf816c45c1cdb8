//! The simulated day sent to the demo's own carrier API, as a carrier sends
//! it: one `POST /api/v1/messages` per file with a bearer token, so each
//! message is journaled, read, stored and screened as in production.

use std::net::SocketAddr;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// How the carrier API answered the day's files.
#[derive(Debug, Default)]
pub struct Sent {
    pub accepted: usize,
    pub duplicates: usize,
    /// Refusals, with their status and body.
    pub refused: Vec<String>,
}

/// Files sent at once: enough to fill the group commit, few enough to leave
/// the machine to the worker.
const AT_ONCE: usize = 4;

pub async fn send(address: SocketAddr, token: &str, files: &[piu_sim::File]) -> Sent {
    let mut sent = Sent::default();
    for chunk in files.chunks(AT_ONCE) {
        let mut requests = tokio::task::JoinSet::new();
        for file in chunk {
            let (token, name, bytes) = (token.to_owned(), file.name.clone(), file.bytes.clone());
            requests.spawn(async move { (name, post(address, &token, &bytes).await) });
        }
        while let Some(done) = requests.join_next().await {
            match done {
                Ok((_, Ok((202, body)))) if body.contains("\"duplicate\":true") => {
                    sent.duplicates += 1
                }
                Ok((_, Ok((202, _)))) => sent.accepted += 1,
                Ok((name, Ok((status, body)))) => {
                    sent.refused.push(format!("{name}: {status} {body}"))
                }
                Ok((name, Err(error))) => sent.refused.push(format!("{name}: {error}")),
                Err(error) => sent.refused.push(error.to_string()),
            }
        }
    }
    sent
}

/// One request on its own connection: the status and the body.
async fn post(address: SocketAddr, token: &str, body: &[u8]) -> std::io::Result<(u16, String)> {
    let mut stream = TcpStream::connect(address).await?;
    let mut request = format!(
        "POST /api/v1/messages HTTP/1.1\r\nHost: {address}\r\nAuthorization: Bearer {token}\r\n\
         Content-Type: application/octet-stream\r\nContent-Length: {}\r\n\
         Connection: close\r\n\r\n",
        body.len()
    )
    .into_bytes();
    request.extend_from_slice(body);
    stream.write_all(&request).await?;
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).await?;
    let answer = String::from_utf8_lossy(&answer);
    let status = answer
        .split_whitespace()
        .nth(1)
        .and_then(|code| code.parse().ok())
        .ok_or_else(|| std::io::Error::other(format!("no HTTP status in {answer:?}")))?;
    let body = answer
        .split_once("\r\n\r\n")
        .map(|(_, body)| body.to_owned())
        .unwrap_or_default();
    Ok((status, body))
}

//! API tokens: a carrier proves who it is with `Authorization: Bearer <token>`.
//!
//! Only SHA-256 hashes of tokens are configured, one per line of a tokens file:
//!
//! ```text
//! # name      carrier  sha256 of the token
//! klm-prod    KL       9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
//! ```
//!
//! Blank lines and lines starting with `#` are ignored. Tokens are random (256
//! bits), so one unsalted SHA-256 is enough: a stolen file gives nothing to guess.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;

use sha2::{Digest, Sha256};

/// One configured token: its name (for people), the carrier it speaks for, and
/// the hash of the token itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenEntry {
    pub name: String,
    pub carrier: String,
    hash: [u8; 32],
}

/// Why a tokens file or a new token was refused.
#[derive(Debug, thiserror::Error)]
pub enum TokenError {
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}:{line}: {reason}")]
    BadLine {
        path: String,
        line: usize,
        reason: String,
    },
    #[error("{0}")]
    BadName(String),
    #[error("a token named {0:?} exists already")]
    Duplicate(String),
    #[error("the system gave no random bytes: {0}")]
    Random(String),
}

/// The configured tokens.
#[derive(Debug, Clone, Default)]
pub struct Tokens {
    entries: Vec<TokenEntry>,
}

impl Tokens {
    /// Reads a tokens file; a malformed line refuses the whole file (a token
    /// silently missing would lock a carrier out without saying why).
    pub fn load(path: &Path) -> Result<Tokens, TokenError> {
        let text = std::fs::read_to_string(path).map_err(|source| TokenError::Io {
            path: path.display().to_string(),
            source,
        })?;
        Tokens::parse(&text).map_err(|(line, reason)| TokenError::BadLine {
            path: path.display().to_string(),
            line,
            reason,
        })
    }

    /// Parses the text of a tokens file; an error gives the 1-based line number.
    pub fn parse(text: &str) -> Result<Tokens, (usize, String)> {
        let mut tokens = Tokens::default();
        for (index, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let fields: Vec<&str> = line.split_whitespace().collect();
            let [name, carrier, hash] = fields[..] else {
                return Err((
                    index + 1,
                    format!(
                        "expected three fields (name, carrier, sha256 of the token), found {}",
                        fields.len()
                    ),
                ));
            };
            let hash = from_hex(hash).ok_or_else(|| {
                (
                    index + 1,
                    "the third field is not a SHA-256 in hexadecimal (64 digits)".to_owned(),
                )
            })?;
            if tokens.entries.iter().any(|entry| entry.name == name) {
                return Err((index + 1, format!("the token name {name:?} is used twice")));
            }
            tokens.entries.push(TokenEntry {
                name: name.to_owned(),
                carrier: carrier.to_owned(),
                hash,
            });
        }
        Ok(tokens)
    }

    pub fn entries(&self) -> &[TokenEntry] {
        &self.entries
    }

    /// The entry a presented token belongs to. Every configured hash is compared
    /// in full, whatever matches, so the time taken says nothing about how close a
    /// guess came or which entry it matched.
    pub fn authenticate(&self, token: &str) -> Option<&TokenEntry> {
        let presented: [u8; 32] = Sha256::digest(token.as_bytes()).into();
        let mut found = None;
        for entry in &self.entries {
            if constant_time_eq(&entry.hash, &presented) {
                found = Some(entry);
            }
        }
        found
    }
}

/// Compares without stopping at the first difference.
fn constant_time_eq(a: &[u8; 32], b: &[u8; 32]) -> bool {
    let difference = a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y));
    std::hint::black_box(difference) == 0
}

/// A fresh token: 32 random bytes in hexadecimal, prefixed so it is recognisable
/// in a secrets scan.
pub fn generate() -> Result<String, TokenError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|error| TokenError::Random(error.to_string()))?;
    Ok(format!("piu_{}", to_hex(&bytes)))
}

/// The hexadecimal SHA-256 of a token, as the tokens file holds it.
pub fn hash_hex(token: &str) -> String {
    to_hex(&Sha256::digest(token.as_bytes()))
}

/// Creates a token for `carrier` under `name`, appends its hash to the tokens
/// file (created, readable by its owner only, if missing) and returns the token,
/// which is stored nowhere.
pub fn add(path: &Path, name: &str, carrier: &str) -> Result<String, TokenError> {
    for (what, value) in [("name", name), ("carrier", carrier)] {
        if value.is_empty() || value.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(TokenError::BadName(format!(
                "the token {what} must be one word without spaces, not {value:?}"
            )));
        }
        if what == "name" && value.starts_with('#') {
            return Err(TokenError::BadName(
                "a token name may not start with #".to_owned(),
            ));
        }
    }
    let existing = if path.exists() {
        Tokens::load(path)?
    } else {
        Tokens::default()
    };
    if existing.entries.iter().any(|entry| entry.name == name) {
        return Err(TokenError::Duplicate(name.to_owned()));
    }
    let token = generate()?;
    let io = |source| TokenError::Io {
        path: path.display().to_string(),
        source,
    };
    let mut options = std::fs::OpenOptions::new();
    options.create(true).append(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path).map_err(io)?;
    writeln!(file, "{name} {carrier} {}", hash_hex(&token)).map_err(io)?;
    file.sync_all().map_err(io)?;
    Ok(token)
}

fn to_hex(bytes: &[u8]) -> String {
    let mut text = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        let _ = write!(text, "{byte:02x}");
    }
    text
}

fn from_hex(text: &str) -> Option<[u8; 32]> {
    let digits = text.as_bytes();
    if digits.len() != 64 {
        return None;
    }
    let mut hash = [0u8; 32];
    for (byte, pair) in hash.iter_mut().zip(digits.chunks_exact(2)) {
        let high = char::from(pair[0]).to_digit(16)?;
        let low = char::from(pair[1]).to_digit(16)?;
        *byte = u8::try_from(high * 16 + low).ok()?;
    }
    Some(hash)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_file_round_trip() {
        let folder = tempfile::tempdir().expect("a temporary folder");
        let path = folder.path().join("tokens");
        let klm = add(&path, "klm-prod", "KL").expect("add");
        let azal = add(&path, "azal", "J2").expect("add");
        assert_ne!(klm, azal);
        let text = std::fs::read_to_string(&path).expect("read");
        assert!(!text.contains(&klm), "the token itself is never written");
        let tokens = Tokens::load(&path).expect("load");
        assert_eq!(
            tokens.authenticate(&klm).map(|e| e.carrier.as_str()),
            Some("KL")
        );
        assert_eq!(
            tokens.authenticate(&azal).map(|e| e.name.as_str()),
            Some("azal")
        );
        assert_eq!(tokens.authenticate("piu_guess"), None);
        assert_eq!(tokens.authenticate(""), None);
        assert!(matches!(
            add(&path, "klm-prod", "KL"),
            Err(TokenError::Duplicate(_))
        ));
        assert!(add(&path, "two words", "KL").is_err());
    }

    #[test]
    fn malformed_lines_are_named() {
        let hash = hash_hex("secret");
        assert!(Tokens::parse(&format!("# comment\n\nklm KL {hash}\n")).is_ok());
        assert_eq!(
            Tokens::parse(&format!("klm KL {hash}\nklm KL\n"))
                .err()
                .map(|e| e.0),
            Some(2)
        );
        assert!(Tokens::parse("klm KL abc").is_err());
        assert!(Tokens::parse(&format!("klm KL {hash}\nklm AZ {hash}")).is_err());
        let mut bad_digit = hash.clone();
        bad_digit.replace_range(0..1, "g");
        assert!(Tokens::parse(&format!("klm KL {bad_digit}")).is_err());
    }

    #[test]
    fn hash_matches_sha256sum() {
        assert_eq!(
            hash_hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}

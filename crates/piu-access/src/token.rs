//! Session and CSRF tokens: 32 random bytes, given to the browser as
//! URL-safe base64 and kept by the server only as SHA-256 hashes, so a copy of
//! the database opens no session. The CSRF token is a second random token
//! issued with the session and stored hashed beside it: it is bound to that
//! session because it is checked against that session's row only.

use sha2::{Digest, Sha256};

use crate::random::{RandomError, random_bytes};

/// Random bytes in a token: 256 bits, out of reach of guessing.
pub const TOKEN_BYTES: usize = 32;
/// Length of a token's text: 32 bytes in unpadded base64.
pub const TOKEN_CHARS: usize = 43;

/// The SHA-256 of a token's text: what storage keeps.
pub type TokenHash = [u8; 32];

/// A new session's secrets, shown to the client once, and their hashes, kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuedSession {
    pub session_token: String,
    pub session_hash: TokenHash,
    pub csrf_token: String,
    pub csrf_hash: TokenHash,
}

/// A fresh session token and its CSRF token.
pub fn issue_session() -> Result<IssuedSession, RandomError> {
    let session_token = new_token()?;
    let csrf_token = new_token()?;
    Ok(IssuedSession {
        session_hash: hash_token(&session_token),
        csrf_hash: hash_token(&csrf_token),
        session_token,
        csrf_token,
    })
}

/// A fresh random token as URL-safe text.
pub fn new_token() -> Result<String, RandomError> {
    let mut bytes = [0u8; TOKEN_BYTES];
    random_bytes(&mut bytes)?;
    Ok(base64_url(&bytes))
}

/// The hash under which a presented token is looked up, or `None` for text
/// that no token of ours can be (wrong length or characters), which is
/// refused without a lookup. Looking up by hash leaks nothing by its timing:
/// the hash of a guess says nothing about the hashes stored.
pub fn lookup_hash(presented: &str) -> Option<TokenHash> {
    well_formed(presented).then(|| hash_token(presented))
}

pub fn hash_token(token: &str) -> TokenHash {
    Sha256::digest(token.as_bytes()).into()
}

/// Whether `presented` is the token whose hash is `stored`, compared in
/// constant time (for the CSRF token, which is compared, not looked up).
pub fn token_matches(presented: &str, stored: &TokenHash) -> bool {
    let presented = hash_token(presented);
    let difference = presented
        .iter()
        .zip(stored)
        .fold(0u8, |acc, (a, b)| acc | (a ^ b));
    std::hint::black_box(difference) == 0
}

fn well_formed(text: &str) -> bool {
    text.len() == TOKEN_CHARS
        && text
            .bytes()
            .all(|byte| byte.is_ascii_alphanumeric() || byte == b'-' || byte == b'_')
}

/// RFC 4648 §5 base64 with the URL-safe alphabet, without padding.
fn base64_url(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut text = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b0 = u32::from(chunk[0]);
        let b1 = chunk.get(1).copied().map_or(0, u32::from);
        let b2 = chunk.get(2).copied().map_or(0, u32::from);
        let group = (b0 << 16) | (b1 << 8) | b2;
        // One input byte gives two characters, two give three, three give four.
        for index in 0..=chunk.len() {
            let sextet = (group >> (18 - 6 * index)) & 0x3f;
            text.push(char::from(ALPHABET[sextet as usize]));
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_url_matches_rfc_4648_vectors() {
        // The test vectors of RFC 4648 §10, without padding.
        for (input, expected) in [
            ("", ""),
            ("f", "Zg"),
            ("fo", "Zm8"),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg"),
            ("fooba", "Zm9vYmE"),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64_url(input.as_bytes()), expected);
        }
        // The URL-safe alphabet's last two characters.
        assert_eq!(base64_url(&[0xfb, 0xff]), "-_8");
    }

    #[test]
    fn issued_tokens_are_distinct_and_hash_to_what_is_stored() {
        let issued = issue_session().expect("random");
        assert_eq!(issued.session_token.len(), TOKEN_CHARS);
        assert_ne!(issued.session_token, issued.csrf_token);
        assert_eq!(
            lookup_hash(&issued.session_token),
            Some(issued.session_hash)
        );
        assert!(token_matches(&issued.csrf_token, &issued.csrf_hash));
        assert!(!token_matches(&issued.session_token, &issued.csrf_hash));
        assert_ne!(issue_session().expect("random"), issued);
    }

    #[test]
    fn malformed_tokens_are_not_looked_up() {
        let token = new_token().expect("random");
        assert!(lookup_hash(&token[1..]).is_none());
        assert!(lookup_hash(&format!("{}=", &token[1..])).is_none());
        assert!(lookup_hash(&format!("{}/", &token[1..])).is_none());
        assert!(lookup_hash("").is_none());
    }
}

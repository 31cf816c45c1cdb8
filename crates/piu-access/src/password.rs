//! Passwords: the policy a new one must meet, Argon2id hashes in PHC string
//! form (the parameters travel with the hash, so they can be raised later
//! without breaking old accounts), and generated passwords for accounts that
//! are created without a person choosing one. There are no default passwords.

use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use argon2::{Algorithm, Argon2};

use crate::random::{RandomError, random_bytes};

/// Shorter passwords are refused.
pub const MIN_PASSWORD_CHARS: usize = 12;
/// Longer ones are refused too: hashing cost should not be chosen by the caller.
pub const MAX_PASSWORD_CHARS: usize = 256;
/// Length of [`generate_password`]'s output: about 115 bits.
pub const GENERATED_PASSWORD_CHARS: usize = 20;

/// Letters and digits that cannot be mistaken for one another when read
/// aloud or copied from a screen (no 0/O, 1/l/I).
const PASSWORD_ALPHABET: &[u8] = b"abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/// Why a password was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PolicyError {
    #[error("the password has {chars} characters; it needs at least {MIN_PASSWORD_CHARS}")]
    TooShort { chars: usize },
    #[error("the password has {chars} characters; at most {MAX_PASSWORD_CHARS} are accepted")]
    TooLong { chars: usize },
    #[error("the password must not be the user name")]
    SameAsUsername,
}

/// Hashing or checking failed for a reason other than a wrong password.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PasswordError {
    #[error("the stored password hash is not an Argon2id PHC string: {0}")]
    BadHash(String),
    #[error("hashing the password failed: {0}")]
    Hashing(String),
    #[error(transparent)]
    Random(#[from] RandomError),
}

/// Checks a new password for `username`. Names are compared ignoring case and
/// surrounding spaces, since either form is as easy to guess.
pub fn check_policy(username: &str, password: &str) -> Result<(), PolicyError> {
    let chars = password.chars().count();
    if chars < MIN_PASSWORD_CHARS {
        return Err(PolicyError::TooShort { chars });
    }
    if chars > MAX_PASSWORD_CHARS {
        return Err(PolicyError::TooLong { chars });
    }
    if password.trim().to_lowercase() == username.trim().to_lowercase() {
        return Err(PolicyError::SameAsUsername);
    }
    Ok(())
}

/// An Argon2id hash of `password` with a fresh 16-byte salt, as a PHC string
/// (`$argon2id$v=19$m=…,t=…,p=…$salt$hash`).
pub fn hash_password(password: &str) -> Result<String, PasswordError> {
    let mut salt = [0u8; 16];
    random_bytes(&mut salt)?;
    let hash = Argon2::default()
        .hash_password_with_salt(password.as_bytes(), &salt)
        .map_err(|error| PasswordError::Hashing(error.to_string()))?;
    Ok(hash.to_string())
}

/// Whether `password` is the one `phc` was made from. A wrong password is
/// `Ok(false)`; a hash that is not Argon2id is an error, so that a damaged or
/// weaker stored hash is noticed rather than silently accepted.
pub fn verify_password(password: &str, phc: &str) -> Result<bool, PasswordError> {
    let prefix = format!("${}$", Algorithm::Argon2id.as_str());
    if !phc.starts_with(&prefix) {
        return Err(PasswordError::BadHash(
            "it does not start with $argon2id$".to_owned(),
        ));
    }
    match Argon2::default().verify_password(password.as_bytes(), phc) {
        Ok(()) => Ok(true),
        Err(argon2::password_hash::Error::PasswordInvalid) => Ok(false),
        Err(error) => Err(PasswordError::BadHash(error.to_string())),
    }
}

/// A password for an account created by the system (`piu demo`), to be shown
/// once: 20 characters drawn uniformly from an unambiguous alphabet.
pub fn generate_password() -> Result<String, RandomError> {
    // Bytes at or above the largest multiple of the alphabet size are
    // skipped, so that every character is equally likely.
    let alphabet = PASSWORD_ALPHABET.len();
    let limit = 256 - 256 % alphabet;
    let mut password = String::with_capacity(GENERATED_PASSWORD_CHARS);
    let mut pool = [0u8; 64];
    while password.len() < GENERATED_PASSWORD_CHARS {
        random_bytes(&mut pool)?;
        for byte in pool {
            let byte = usize::from(byte);
            if byte < limit && password.len() < GENERATED_PASSWORD_CHARS {
                password.push(char::from(PASSWORD_ALPHABET[byte % alphabet]));
            }
        }
    }
    Ok(password)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policy_explains_each_refusal() {
        assert_eq!(
            check_policy("amina", "short"),
            Err(PolicyError::TooShort { chars: 5 })
        );
        // Characters, not bytes: 11 letters of two bytes each are still short.
        assert_eq!(
            check_policy("amina", "ğğğğğğğğğğğ"),
            Err(PolicyError::TooShort { chars: 11 })
        );
        assert_eq!(
            check_policy("amina.aliyeva", " Amina.Aliyeva"),
            Err(PolicyError::SameAsUsername)
        );
        assert_eq!(
            check_policy("amina", &"x".repeat(257)),
            Err(PolicyError::TooLong { chars: 257 })
        );
        assert_eq!(check_policy("amina", "correct horse battery"), Ok(()));
        assert_eq!(
            PolicyError::TooShort { chars: 5 }.to_string(),
            "the password has 5 characters; it needs at least 12"
        );
    }

    #[test]
    fn hash_verifies_only_its_password() {
        let hash = hash_password("correct horse battery").expect("hash");
        assert!(hash.starts_with("$argon2id$v=19$"), "{hash}");
        assert_eq!(verify_password("correct horse battery", &hash), Ok(true));
        assert_eq!(verify_password("correct horse batterY", &hash), Ok(false));
        // A fresh salt each time: the same password never hashes alike.
        let again = hash_password("correct horse battery").expect("hash");
        assert_ne!(again, hash);
        assert_eq!(verify_password("correct horse battery", &again), Ok(true));
    }

    #[test]
    fn damaged_or_foreign_hashes_are_errors() {
        for stored in [
            "",
            "plain-text-password",
            "$argon2i$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaA",
            "$argon2id$v=19$m=19456,t=2,p=1$!!!$???",
            "$argon2id$",
        ] {
            assert!(
                matches!(
                    verify_password("anything at all", stored),
                    Err(PasswordError::BadHash(_))
                ),
                "{stored:?}"
            );
        }
    }

    #[test]
    fn generated_passwords_meet_the_policy_and_differ() {
        let first = generate_password().expect("random");
        let second = generate_password().expect("random");
        assert_eq!(first.chars().count(), GENERATED_PASSWORD_CHARS);
        assert!(first.bytes().all(|byte| PASSWORD_ALPHABET.contains(&byte)));
        assert_ne!(first, second);
        assert_eq!(check_policy("demo-analyst", &first), Ok(()));
    }
}

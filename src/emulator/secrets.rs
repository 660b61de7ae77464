//! Random identifiers and secrets in the shapes the service hands out.
//!
//! They come from the operating system's generator, never from `--seed`: a seeded emulator repeats its faults,
//! not its tokens, so two emulators never issue the same token to one token cache.

use rand::RngExt;
use rand::distr::Alphanumeric;

fn alphanumeric(len: usize) -> String {
    rand::rng().sample_iter(Alphanumeric).take(len).map(char::from).collect()
}

fn from_alphabet(alphabet: &[u8], len: usize) -> String {
    let mut rng = rand::rng();
    (0..len).map(|_| char::from(alphabet[rng.random_range(0..alphabet.len())])).collect()
}

pub fn client_id() -> String {
    alphanumeric(22)
}

/// The real service's client secrets are long JWT-like strings; the length is what matters to caches.
pub fn client_secret() -> String {
    format!("eyJraWQiOiJzc29lbnYtZW11bGF0b3IifQ.{}", alphanumeric(160))
}

pub fn device_code() -> String {
    alphanumeric(86)
}

/// `ABCD-EFGH`, from letters a person cannot misread (no I, O, or digits).
pub fn user_code() -> String {
    const LETTERS: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ";
    format!("{}-{}", from_alphabet(LETTERS, 4), from_alphabet(LETTERS, 4))
}

pub fn access_token() -> String {
    format!("aoa{}", alphanumeric(180))
}

pub fn refresh_token() -> String {
    format!("aor{}", alphanumeric(180))
}

pub fn authorization_code() -> String {
    alphanumeric(48)
}

pub fn approval_request_id() -> String {
    alphanumeric(32)
}

pub fn access_key_id() -> String {
    format!("ASIA{}", from_alphabet(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16))
}

pub fn secret_access_key() -> String {
    from_alphabet(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", 40)
}

pub fn session_token() -> String {
    format!("IQoJb3JpZ2luX2VjE{}", alphanumeric(340))
}

pub fn signin_token() -> String {
    alphanumeric(400)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        assert_eq!(client_id().len(), 22);
        let code = user_code();
        assert_eq!(code.len(), 9);
        assert_eq!(code.as_bytes()[4], b'-');
        assert!(access_key_id().starts_with("ASIA"));
        assert_eq!(access_key_id().len(), 20);
        assert_eq!(secret_access_key().len(), 40);
        assert_ne!(access_token(), access_token());
    }
}

//! The accounts and roles the emulator's user is assigned to.
//!
//! Accounts are computed from their index instead of stored, so `--accounts 100000` costs no memory: the ID is
//! an affine bijection of the index (realistic-looking, unique, and reversible without a lookup table), the name
//! is drawn from a team and an environment, and the e-mail follows from the name.

/// Account IDs are 12 digits: `FIRST_ID + ((index + 1) * MULTIPLIER) mod ID_SPACE` (the `+ 1` keeps the
/// first account away from the telltale `100000000000`).
const FIRST_ID: u64 = 100_000_000_000;
const ID_SPACE: u64 = 900_000_000_000;
/// Coprime with `ID_SPACE` (= 2^11 · 3^2 · 5^11), so the mapping is a bijection on `0..ID_SPACE`.
const MULTIPLIER: u64 = 387_420_489_017;
/// `MULTIPLIER * MULTIPLIER_INVERSE ≡ 1 (mod ID_SPACE)`; checked by a unit test.
const MULTIPLIER_INVERSE: u64 = 94_821_081_353;

const TEAMS: &[&str] = &[
    "platform",
    "payments",
    "identity",
    "data",
    "search",
    "mobile",
    "billing",
    "security",
    "analytics",
    "network",
    "checkout",
    "media",
    "logistics",
    "support",
    "growth",
    "ml",
];
const ENVIRONMENTS: &[&str] = &["dev", "staging", "prod", "sandbox"];

/// The most accounts the emulator will list (`--accounts`).
pub const MAX_ACCOUNTS: u64 = 100_000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    pub id: String,
    pub name: String,
    pub email: String,
}

#[derive(Debug, Clone)]
pub struct Directory {
    account_count: u64,
    roles: Vec<String>,
}

impl Directory {
    pub fn new(account_count: u64, roles: Vec<String>) -> Self {
        Self { account_count, roles }
    }

    pub fn account_count(&self) -> u64 {
        self.account_count
    }

    pub fn roles(&self) -> &[String] {
        &self.roles
    }

    pub fn has_role(&self, role: &str) -> bool {
        self.roles.iter().any(|r| r == role)
    }

    /// The account at `index` (0-based, in listing order), if there is one.
    pub fn account(&self, index: u64) -> Option<Account> {
        if index >= self.account_count {
            return None;
        }
        let id = FIRST_ID + mul_mod(index + 1, MULTIPLIER);
        let combos = (TEAMS.len() * ENVIRONMENTS.len()) as u64;
        let team = TEAMS[(index % TEAMS.len() as u64) as usize];
        let environment = ENVIRONMENTS[((index / TEAMS.len() as u64) % ENVIRONMENTS.len() as u64) as usize];
        let name = match index / combos {
            0 => format!("{team}-{environment}"),
            round => format!("{team}-{environment}-{}", round + 1),
        };
        let email = format!("aws+{name}@example.com");
        Some(Account { id: format!("{id:012}"), name, email })
    }

    /// The listing index of the account with this ID, if the user is assigned to it.
    pub fn index_of(&self, account_id: &str) -> Option<u64> {
        if account_id.len() != 12 || !account_id.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let offset = account_id.parse::<u64>().ok()?.checked_sub(FIRST_ID)?;
        let index = mul_mod(offset, MULTIPLIER_INVERSE).checked_sub(1)?;
        (index < self.account_count).then_some(index)
    }
}

fn mul_mod(a: u64, b: u64) -> u64 {
    ((u128::from(a) * u128::from(b)) % u128::from(ID_SPACE)) as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multiplier_inverse_is_the_inverse() {
        assert_eq!(mul_mod(MULTIPLIER, MULTIPLIER_INVERSE), 1);
    }

    #[test]
    fn ids_are_unique_twelve_digits_and_reversible() {
        let directory = Directory::new(MAX_ACCOUNTS, vec!["ReadOnly".into()]);
        let mut seen = std::collections::HashSet::new();
        for index in 0..MAX_ACCOUNTS {
            let account = directory.account(index).unwrap();
            assert_eq!(account.id.len(), 12);
            assert_eq!(directory.index_of(&account.id), Some(index));
            assert!(seen.insert(account.id));
        }
        assert_eq!(directory.account(MAX_ACCOUNTS), None);
    }

    #[test]
    fn names_are_unique_and_readable() {
        let directory = Directory::new(200, vec![]);
        let names: std::collections::HashSet<_> = (0..200).map(|i| directory.account(i).unwrap().name).collect();
        assert_eq!(names.len(), 200);
        assert_eq!(directory.account(0).unwrap().name, "platform-dev");
        assert_eq!(directory.account(0).unwrap().email, "aws+platform-dev@example.com");
        assert_eq!(directory.account(64).unwrap().name, "platform-dev-2");
    }

    #[test]
    fn unknown_ids_are_not_found() {
        let directory = Directory::new(3, vec![]);
        let outside = Directory::new(10, vec![]).account(5).unwrap().id;
        for id in ["", "12345", "abcdefghijkl", "099999999999", "100000000000", &outside] {
            assert_eq!(directory.index_of(id), None, "{id}");
        }
    }
}

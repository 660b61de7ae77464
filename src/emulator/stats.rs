//! Call counts, served at `GET /_emulator/stats` so that tests can prove what a client did on the wire
//! ("ten concurrent logins made one device authorization").

use std::collections::BTreeMap;
use std::sync::Mutex;

use serde::Serialize;

use super::store::{Grant, LiveCounts};

/// The operations of both APIs, by their names in the service models, plus the two browser pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Operation {
    RegisterClient,
    StartDeviceAuthorization,
    CreateToken,
    GetRoleCredentials,
    ListAccounts,
    ListAccountRoles,
    Logout,
    AuthorizePage,
    DevicePage,
    GetSigninToken,
    ConsoleLogin,
}

impl Operation {
    pub const ALL: [Operation; 11] = [
        Self::RegisterClient,
        Self::StartDeviceAuthorization,
        Self::CreateToken,
        Self::GetRoleCredentials,
        Self::ListAccounts,
        Self::ListAccountRoles,
        Self::Logout,
        Self::AuthorizePage,
        Self::DevicePage,
        Self::GetSigninToken,
        Self::ConsoleLogin,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Self::RegisterClient => "RegisterClient",
            Self::StartDeviceAuthorization => "StartDeviceAuthorization",
            Self::CreateToken => "CreateToken",
            Self::GetRoleCredentials => "GetRoleCredentials",
            Self::ListAccounts => "ListAccounts",
            Self::ListAccountRoles => "ListAccountRoles",
            Self::Logout => "Logout",
            Self::AuthorizePage => "Authorize",
            Self::DevicePage => "Device",
            Self::GetSigninToken => "GetSigninToken",
            Self::ConsoleLogin => "ConsoleLogin",
        }
    }

    /// Whether the operation belongs to the portal API (throttling applies there, and its errors have the
    /// portal's shape).
    pub fn is_portal(self) -> bool {
        matches!(self, Self::GetRoleCredentials | Self::ListAccounts | Self::ListAccountRoles | Self::Logout)
    }
}

#[derive(Debug, Default)]
struct Counters {
    operations: BTreeMap<Operation, u64>,
    grants: BTreeMap<&'static str, u64>,
    throttled: u64,
    injected_failures: u64,
}

#[derive(Debug, Default)]
pub struct Stats {
    counters: Mutex<Counters>,
}

/// The JSON of `/_emulator/stats`. Every operation and grant is present, with 0 when never called.
#[derive(Debug, Serialize)]
pub struct StatsReport {
    pub operations: BTreeMap<&'static str, u64>,
    pub grant_types: BTreeMap<&'static str, u64>,
    pub throttled: u64,
    pub injected_failures: u64,
    pub live: LiveCounts,
}

impl Stats {
    fn with<R>(&self, f: impl FnOnce(&mut Counters) -> R) -> R {
        // A panic elsewhere cannot leave counters half-updated, so a poisoned lock is still good data.
        f(&mut self.counters.lock().unwrap_or_else(|poisoned| poisoned.into_inner()))
    }

    pub fn count(&self, operation: Operation) {
        self.with(|c| *c.operations.entry(operation).or_default() += 1);
    }

    pub fn count_grant(&self, grant: Grant) {
        self.with(|c| *c.grants.entry(grant.stats_name()).or_default() += 1);
    }

    pub fn count_throttled(&self) {
        self.with(|c| c.throttled += 1);
    }

    pub fn count_injected_failure(&self) {
        self.with(|c| c.injected_failures += 1);
    }

    pub fn report(&self, live: LiveCounts) -> StatsReport {
        self.with(|c| {
            let operations =
                Operation::ALL.iter().map(|op| (op.name(), c.operations.get(op).copied().unwrap_or(0))).collect();
            let grant_types = [Grant::DeviceCode, Grant::RefreshToken, Grant::AuthorizationCode, Grant::Unsupported]
                .iter()
                .map(|g| (g.stats_name(), c.grants.get(g.stats_name()).copied().unwrap_or(0)))
                .collect();
            StatsReport {
                operations,
                grant_types,
                throttled: c.throttled,
                injected_failures: c.injected_failures,
                live,
            }
        })
    }
}

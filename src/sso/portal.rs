//! The portal API client (`sso`, sso-protocol.md §3): GetRoleCredentials, ListAccounts, ListAccountRoles and
//! Logout, each authenticated by the access token in `x-amz-sso_bearer_token`.

use serde_json::Value;

use super::error::{ApiError, classify, read_limited};
use super::http::Http;
use super::pace::Pacer;
use crate::cache::role_credentials::RoleCredentials;
use crate::cache::timestamp;
use crate::secret::Secret;

const BEARER_HEADER: &str = "x-amz-sso_bearer_token";
const MAX_BODY: usize = 4 * 1024 * 1024;
/// The largest page the API allows.
const PAGE_SIZE: &str = "100";
/// How often a paced call is tried again after a 429; the pacer slows down meanwhile, so a call that is
/// throttled this often means the service refuses everything.
const PACED_THROTTLE_ATTEMPTS: u32 = 50;
/// How often a paced call is tried again after a server error or a lost connection (each try is itself up to
/// three requests, see `sso::http`): a listing of thousands of accounts must not lose one to a bad minute.
const PACED_FAILURE_ATTEMPTS: u32 = 5;

pub struct PortalClient<'a> {
    http: &'a Http,
    base_url: String,
    access_token: &'a Secret,
    pacer: Option<&'a Pacer>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    pub id: String,
    pub name: String,
    pub email: String,
}

impl<'a> PortalClient<'a> {
    pub fn new(http: &'a Http, base_url: String, access_token: &'a Secret) -> Self {
        Self { http, base_url, access_token, pacer: None }
    }

    /// Every call goes through `pacer`, which also decides when a throttled or failed call is tried again.
    /// The HTTP client should leave 429s to the caller (`Http::leaving_throttling_to_caller`).
    pub fn paced(mut self, pacer: &'a Pacer) -> Self {
        self.pacer = Some(pacer);
        self
    }

    fn get(&self, operation: &'static str, path: &str, query: &[(&str, &str)]) -> Result<Value, ApiError> {
        let Some(pacer) = self.pacer else {
            return self.get_once(operation, path, query);
        };
        let (mut throttles, mut failures) = (0, 0);
        loop {
            let result = {
                let _permit = pacer.acquire();
                self.get_once(operation, path, query)
            };
            match result {
                Ok(value) => {
                    pacer.succeeded();
                    return Ok(value);
                }
                Err(ApiError::Service(error)) if error.status == 429 && throttles + 1 < PACED_THROTTLE_ATTEMPTS => {
                    throttles += 1;
                    log::debug!("{operation}: throttled ({throttles}), slowing down");
                    pacer.throttled(error.retry_after);
                }
                Err(error) if is_transient(&error) && failures + 1 < PACED_FAILURE_ATTEMPTS => {
                    failures += 1;
                    log::debug!("{operation}: {error}; trying again");
                    std::thread::sleep(std::time::Duration::from_millis(250 * u64::from(failures)));
                }
                Err(error) => return Err(error),
            }
        }
    }

    fn get_once(&self, operation: &'static str, path: &str, query: &[(&str, &str)]) -> Result<Value, ApiError> {
        let url = format!("{}{path}", self.base_url);
        let response = self.http.send(operation, |client| {
            client.get(&url).query(query).header(BEARER_HEADER, self.access_token.expose())
        })?;
        if !response.status().is_success() {
            return Err(ApiError::Service(classify(operation, response)));
        }
        let bytes = read_limited(response, MAX_BODY);
        serde_json::from_slice(&bytes).map_err(|e| ApiError::Malformed { operation, detail: format!("not JSON: {e}") })
    }

    pub fn get_role_credentials(&self, account_id: &str, role_name: &str) -> Result<RoleCredentials, ApiError> {
        const OP: &str = "GetRoleCredentials";
        let answer =
            self.get(OP, "/federation/credentials", &[("role_name", role_name), ("account_id", account_id)])?;
        let credentials = answer.get("roleCredentials").ok_or_else(|| malformed(OP, "no roleCredentials"))?;
        let text = |key: &str| {
            credentials.get(key).and_then(Value::as_str).filter(|s| !s.is_empty()).ok_or_else(|| malformed(OP, key))
        };
        let expiration_ms =
            credentials.get("expiration").and_then(Value::as_u64).ok_or_else(|| malformed(OP, "expiration"))?;
        Ok(RoleCredentials {
            access_key_id: text("accessKeyId")?.to_owned(),
            secret_access_key: Secret::new(text("secretAccessKey")?),
            session_token: Secret::new(text("sessionToken")?),
            expiration: timestamp::from_epoch_millis(expiration_ms),
            account_id: Some(account_id.to_owned()),
        })
    }

    /// Every page of a listing, handed to `on_page` as it arrives: `nextToken` followed until the service stops
    /// sending one.
    fn for_each_page(
        &self,
        operation: &'static str,
        path: &str,
        base_query: &[(&str, &str)],
        key: &str,
        mut on_page: impl FnMut(Vec<Value>) -> Result<(), ApiError>,
    ) -> Result<(), ApiError> {
        let mut next_token: Option<String> = None;
        loop {
            let mut query: Vec<(&str, &str)> = base_query.to_vec();
            query.push(("max_result", PAGE_SIZE));
            if let Some(token) = &next_token {
                query.push(("next_token", token));
            }
            let mut page = self.get(operation, path, &query)?;
            let list = match page.get_mut(key).map(Value::take) {
                Some(Value::Array(list)) => list,
                _ => return Err(malformed(operation, key)),
            };
            on_page(list)?;
            match page.get("nextToken").and_then(Value::as_str).filter(|t| !t.is_empty()) {
                Some(token) if Some(token) != next_token.as_deref() => next_token = Some(token.to_owned()),
                // A server that repeats its token would loop for ever; it has said all it will.
                _ => return Ok(()),
            }
        }
    }

    /// Every account, a page at a time, so that work on the first accounts can start before the last arrive.
    pub fn for_each_account_page(&self, mut on_page: impl FnMut(Vec<Account>)) -> Result<(), ApiError> {
        const OP: &str = "ListAccounts";
        self.for_each_page(OP, "/assignment/accounts", &[], "accountList", |items| {
            let accounts = items
                .into_iter()
                .map(|item| {
                    let text = |key: &str| item.get(key).and_then(Value::as_str).unwrap_or_default().to_owned();
                    let id = text("accountId");
                    if id.is_empty() {
                        return Err(malformed(OP, "an account without accountId"));
                    }
                    Ok(Account { id, name: text("accountName"), email: text("emailAddress") })
                })
                .collect::<Result<Vec<_>, _>>()?;
            on_page(accounts);
            Ok(())
        })
    }

    pub fn list_accounts(&self) -> Result<Vec<Account>, ApiError> {
        let mut accounts = Vec::new();
        self.for_each_account_page(|page| accounts.extend(page))?;
        Ok(accounts)
    }

    pub fn list_account_roles(&self, account_id: &str) -> Result<Vec<String>, ApiError> {
        const OP: &str = "ListAccountRoles";
        let mut roles = Vec::new();
        self.for_each_page(OP, "/assignment/roles", &[("account_id", account_id)], "roleList", |items| {
            for item in items {
                let name = item.get("roleName").and_then(Value::as_str);
                roles.push(name.ok_or_else(|| malformed(OP, "a role without roleName"))?.to_owned());
            }
            Ok(())
        })?;
        Ok(roles)
    }

    /// Ends the session on the server. No body, as botocore sends it.
    pub fn logout(&self) -> Result<(), ApiError> {
        const OP: &str = "Logout";
        let url = format!("{}/logout", self.base_url);
        let response =
            self.http.send(OP, |client| client.post(&url).header(BEARER_HEADER, self.access_token.expose()))?;
        if !response.status().is_success() {
            return Err(ApiError::Service(classify(OP, response)));
        }
        Ok(())
    }
}

/// A failure that says nothing about the request itself: no answer, or a server error.
fn is_transient(error: &ApiError) -> bool {
    match error {
        ApiError::Transport(_) => true,
        ApiError::Service(error) => error.status >= 500,
        ApiError::Malformed { .. } => false,
    }
}

fn malformed(operation: &'static str, what: &str) -> ApiError {
    ApiError::Malformed { operation, detail: format!("missing or wrong {what}") }
}

//! The portal API client (`sso`, sso-protocol.md §3): GetRoleCredentials, ListAccounts, ListAccountRoles and
//! Logout, each authenticated by the access token in `x-amz-sso_bearer_token`.

use serde_json::Value;

use super::error::{ApiError, classify, read_limited};
use super::http::Http;
use crate::cache::role_credentials::RoleCredentials;
use crate::cache::timestamp;
use crate::secret::Secret;

const BEARER_HEADER: &str = "x-amz-sso_bearer_token";
const MAX_BODY: usize = 4 * 1024 * 1024;
/// The largest page the API allows.
const PAGE_SIZE: &str = "100";

pub struct PortalClient<'a> {
    http: &'a Http,
    base_url: String,
    access_token: &'a Secret,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    pub id: String,
    pub name: String,
    pub email: String,
}

impl<'a> PortalClient<'a> {
    pub fn new(http: &'a Http, base_url: String, access_token: &'a Secret) -> Self {
        Self { http, base_url, access_token }
    }

    fn get(&self, operation: &'static str, path: &str, query: &[(&str, &str)]) -> Result<Value, ApiError> {
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

    /// Every page of a listing: `nextToken` followed until the service stops sending one.
    fn list_all(
        &self,
        operation: &'static str,
        path: &str,
        base_query: &[(&str, &str)],
        key: &str,
    ) -> Result<Vec<Value>, ApiError> {
        let mut items = Vec::new();
        let mut next_token: Option<String> = None;
        loop {
            let mut query: Vec<(&str, &str)> = base_query.to_vec();
            query.push(("max_result", PAGE_SIZE));
            if let Some(token) = &next_token {
                query.push(("next_token", token));
            }
            let page = self.get(operation, path, &query)?;
            let list = page.get(key).and_then(Value::as_array).ok_or_else(|| malformed(operation, key))?;
            items.extend(list.iter().cloned());
            match page.get("nextToken").and_then(Value::as_str).filter(|t| !t.is_empty()) {
                Some(token) if Some(token) != next_token.as_deref() => next_token = Some(token.to_owned()),
                // A server that repeats its token would loop for ever; it has said all it will.
                _ => return Ok(items),
            }
        }
    }

    pub fn list_accounts(&self) -> Result<Vec<Account>, ApiError> {
        const OP: &str = "ListAccounts";
        self.list_all(OP, "/assignment/accounts", &[], "accountList")?
            .into_iter()
            .map(|item| {
                let text = |key: &str| item.get(key).and_then(Value::as_str).unwrap_or_default().to_owned();
                let id = text("accountId");
                if id.is_empty() {
                    return Err(malformed(OP, "an account without accountId"));
                }
                Ok(Account { id, name: text("accountName"), email: text("emailAddress") })
            })
            .collect()
    }

    pub fn list_account_roles(&self, account_id: &str) -> Result<Vec<String>, ApiError> {
        const OP: &str = "ListAccountRoles";
        self.list_all(OP, "/assignment/roles", &[("account_id", account_id)], "roleList")?
            .into_iter()
            .map(|item| {
                item.get("roleName")
                    .and_then(Value::as_str)
                    .map(str::to_owned)
                    .ok_or_else(|| malformed(OP, "a role without roleName"))
            })
            .collect()
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

fn malformed(operation: &'static str, what: &str) -> ApiError {
    ApiError::Malformed { operation, detail: format!("missing or wrong {what}") }
}

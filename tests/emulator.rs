//! The emulator's behaviour on the wire, driven over real HTTP on loopback.
//! (Its conformance with botocore's own clients is in `botocore_conformance.rs`.)

mod common;

use std::collections::HashSet;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use common::{Answer, Api};
use serde_json::{Value, json};
use ssoenv::emulator::{Emulator, EmulatorConfig, FaultConfig, s256_challenge};

fn start(config: EmulatorConfig) -> (Emulator, Api) {
    let emulator = Emulator::start(config).expect("the emulator starts");
    let api = Api::new(emulator.base_url());
    (emulator, api)
}

fn start_default() -> (Emulator, Api) {
    start(EmulatorConfig::default())
}

fn epoch_now() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs()
}

fn assert_oidc_error(answer: &Answer, status: u16, shape: &str, code: &str) {
    assert_eq!(answer.status, status, "{}", answer.text);
    assert_eq!(answer.shape(), Some(shape), "{:?}", answer.error_type);
    assert_eq!(answer.body["error"], code, "{}", answer.text);
    assert!(answer.body["error_description"].is_string(), "{}", answer.text);
    assert_eq!(answer.content_type.as_deref(), Some("application/json"));
}

fn assert_portal_error(answer: &Answer, status: u16, shape: &str) {
    assert_eq!(answer.status, status, "{}", answer.text);
    assert_eq!(answer.shape(), Some(shape), "{:?}", answer.error_type);
    assert!(answer.body["message"].is_string(), "{}", answer.text);
}

#[test]
fn register_client_reports_epoch_seconds() {
    let (_emulator, api) =
        start(EmulatorConfig { registration_ttl: Duration::from_secs(7 * 24 * 3600), ..EmulatorConfig::default() });
    let before = epoch_now();
    let answer = api.post("/client/register", json!({ "clientName": "c", "clientType": "public" }));
    assert_eq!(answer.status, 200);
    let issued = answer.body["clientIdIssuedAt"].as_u64().unwrap();
    let expires = answer.body["clientSecretExpiresAt"].as_u64().unwrap();
    assert!((before..=before + 2).contains(&issued), "seconds, not milliseconds: {issued}");
    assert_eq!(expires - issued, 7 * 24 * 3600);
}

#[test]
fn register_client_validates_its_request() {
    let (_emulator, api) = start_default();
    let cases = [
        (json!({ "clientType": "public" }), "InvalidRequestException"),
        (json!({ "clientName": "c" }), "InvalidRequestException"),
        (json!({ "clientName": "c", "clientType": "confidential" }), "InvalidClientMetadataException"),
        (json!({ "clientName": 5, "clientType": "public" }), "InvalidRequestException"),
        (
            json!({ "clientName": "c", "clientType": "public", "grantTypes": ["client_credentials"] }),
            "UnsupportedGrantTypeException",
        ),
        (
            json!({ "clientName": "c", "clientType": "public", "redirectUris": ["http://evil.example/cb"] }),
            "InvalidRedirectUriException",
        ),
        (
            json!({ "clientName": "c", "clientType": "public", "grantTypes": ["authorization_code"],
                    "redirectUris": ["http://127.0.0.1/oauth/callback"] }),
            "InvalidRequestException", // issuerUrl missing
        ),
        (json!({ "clientName": "c", "clientType": "public", "scopes": ["a b"] }), "InvalidScopeException"),
    ];
    for (body, shape) in cases {
        let answer = api.post("/client/register", body.clone());
        assert_eq!(answer.status, 400, "{body}: {}", answer.text);
        assert_eq!(answer.shape(), Some(shape), "{body}");
    }
    let not_json = common::http().post(format!("{}/client/register", api.base)).body("{not json").send().unwrap();
    assert_eq!(not_json.status(), 400);
}

#[test]
fn device_flow_goes_from_pending_to_approved_to_token() {
    let (_emulator, api) = start(EmulatorConfig { device_interval: Duration::ZERO, ..EmulatorConfig::default() });
    let client = api.register(true);
    let started = api.post(
        "/device_authorization",
        json!({ "clientId": client.0, "clientSecret": client.1, "startUrl": "https://d-0000000000.awsapps.com/start" }),
    );
    assert_eq!(started.status, 200, "{}", started.text);
    assert_eq!(started.body["expiresIn"], 600);
    assert_eq!(started.body["interval"], 0);
    let user_code = started.str("userCode");
    assert_eq!(started.str("verificationUri"), format!("{}/device", api.base));
    assert_eq!(started.str("verificationUriComplete"), format!("{}/device?user_code={user_code}", api.base));
    let grant = api.device_grant(&client, &started.str("deviceCode"));

    let pending = api.post("/token", grant.clone());
    assert_oidc_error(&pending, 400, "AuthorizationPendingException", "authorization_pending");

    // The device page shows a form pre-filled with the code, and approves nothing by itself.
    let page = api.get(&format!("/device?user_code={user_code}"), None);
    assert_eq!(page.status, 200);
    assert!(page.text.contains(&format!("value=\"{user_code}\"")), "{}", page.text);
    assert_oidc_error(
        &api.post("/token", grant.clone()),
        400,
        "AuthorizationPendingException",
        "authorization_pending",
    );

    // A person types the code in lower case without the hyphen, and approves.
    let typed = user_code.replace('-', "").to_lowercase();
    assert_eq!(api.post_form("/device", &[("user_code", &typed), ("decision", "approve")]).status, 200);

    let token = api.post("/token", grant.clone());
    assert_eq!(token.status, 200, "{}", token.text);
    assert_eq!(token.body["tokenType"], "Bearer");
    assert_eq!(token.body["expiresIn"], 3600);
    assert!(token.str("accessToken").starts_with("aoa"));
    assert!(token.body["refreshToken"].is_string());
    assert!(token.body.get("idToken").is_none());

    // The device code is spent.
    assert_oidc_error(&api.post("/token", grant), 400, "InvalidGrantException", "invalid_grant");
    let stats = api.stats();
    assert_eq!(stats["operations"]["StartDeviceAuthorization"], 1);
    assert_eq!(stats["grant_types"]["device_code"], 4);
}

#[test]
fn auto_approve_approves_when_the_complete_uri_is_opened() {
    let (_emulator, api) = start(EmulatorConfig { auto_approve: true, ..EmulatorConfig::default() });
    let client = api.register(false);
    let started = api.post(
        "/device_authorization",
        json!({ "clientId": client.0, "clientSecret": client.1, "startUrl": "https://example.awsapps.com/start" }),
    );
    let complete = started.str("verificationUriComplete");
    let opened = common::http().get(&complete).send().unwrap();
    assert_eq!(opened.status(), 200);
    let token = api.post("/token", api.device_grant(&client, &started.str("deviceCode")));
    assert_eq!(token.status, 200, "{}", token.text);
    // Registered without scopes, as a legacy profile does: no refresh token, as with the real service.
    assert!(token.body.get("refreshToken").is_none(), "{}", token.text);
}

#[test]
fn denied_device_authorization_is_access_denied() {
    let (_emulator, api) = start_default();
    let client = api.register(true);
    let started = api.post(
        "/device_authorization",
        json!({ "clientId": client.0, "clientSecret": client.1, "startUrl": "https://x.awsapps.com/start" }),
    );
    let denied = api.post_form("/device", &[("user_code", &started.str("userCode")), ("decision", "deny")]);
    assert_eq!(denied.status, 200);
    assert!(denied.text.contains("denied"));
    let answer = api.post("/token", api.device_grant(&client, &started.str("deviceCode")));
    assert_oidc_error(&answer, 400, "AccessDeniedException", "access_denied");
    let unknown = api.post_form("/device", &[("user_code", "ZZZZ-ZZZZ"), ("decision", "approve")]);
    assert_eq!(unknown.status, 400);
}

#[test]
fn polling_faster_than_the_interval_is_slowed_down() {
    let (_emulator, api) =
        start(EmulatorConfig { device_interval: Duration::from_secs(1), ..EmulatorConfig::default() });
    let client = api.register(true);
    let started = api.post(
        "/device_authorization",
        json!({ "clientId": client.0, "clientSecret": client.1, "startUrl": "https://x.awsapps.com/start" }),
    );
    assert_eq!(started.body["interval"], 1);
    let grant = api.device_grant(&client, &started.str("deviceCode"));
    // The first poll comes at once (the CLI tries once before prompting): that is allowed.
    assert_oidc_error(
        &api.post("/token", grant.clone()),
        400,
        "AuthorizationPendingException",
        "authorization_pending",
    );
    assert_oidc_error(&api.post("/token", grant.clone()), 400, "SlowDownException", "slow_down");
    // The interval is now 6 s: a poll after 1.2 s is still too fast.
    std::thread::sleep(Duration::from_millis(1200));
    assert_oidc_error(&api.post("/token", grant), 400, "SlowDownException", "slow_down");
}

#[test]
fn an_expired_device_code_is_expired_token() {
    let (_emulator, api) = start(EmulatorConfig {
        device_code_ttl: Duration::from_secs(1),
        device_interval: Duration::ZERO,
        ..EmulatorConfig::default()
    });
    let client = api.register(true);
    let started = api.post(
        "/device_authorization",
        json!({ "clientId": client.0, "clientSecret": client.1, "startUrl": "https://x.awsapps.com/start" }),
    );
    assert_eq!(started.body["expiresIn"], 1);
    std::thread::sleep(Duration::from_millis(1300));
    // Even after the sweeper has run, a late poll learns that its code expired.
    std::thread::sleep(Duration::from_millis(1000));
    let answer = api.post("/token", api.device_grant(&client, &started.str("deviceCode")));
    assert_oidc_error(&answer, 400, "ExpiredTokenException", "expired_token");
    let page = api.post_form("/device", &[("user_code", &started.str("userCode")), ("decision", "approve")]);
    assert_eq!(page.status, 400, "an expired code cannot be approved");
}

#[test]
fn token_requests_are_checked_in_order() {
    let (_emulator, api) = start_default();
    let client = api.register(true);
    let cases = [
        (json!({}), 400, "InvalidRequestException"),
        (
            json!({ "clientId": client.0, "clientSecret": "wrong", "grantType": "refresh_token" }),
            401,
            "InvalidClientException",
        ),
        (
            json!({ "clientId": "nobody", "clientSecret": "x", "grantType": "refresh_token" }),
            401,
            "InvalidClientException",
        ),
        (
            json!({ "clientId": client.0, "clientSecret": client.1, "grantType": "password" }),
            400,
            "UnsupportedGrantTypeException",
        ),
        (
            json!({ "clientId": client.0, "clientSecret": client.1, "grantType": "refresh_token" }),
            400,
            "InvalidRequestException",
        ),
        (
            json!({ "clientId": client.0, "clientSecret": client.1, "grantType": "refresh_token", "refreshToken": "aor-nope" }),
            400,
            "InvalidGrantException",
        ),
        (
            // A device-flow registration may not use the authorization code grant.
            json!({ "clientId": client.0, "clientSecret": client.1, "grantType": "authorization_code",
                    "code": "c", "redirectUri": "http://127.0.0.1:1/oauth/callback", "codeVerifier": "v" }),
            400,
            "UnauthorizedClientException",
        ),
    ];
    for (body, status, shape) in cases {
        let answer = api.post("/token", body.clone());
        assert_eq!((answer.status, answer.shape()), (status, Some(shape)), "{body}: {}", answer.text);
    }
}

#[test]
fn an_expired_registration_is_an_invalid_client() {
    let (_emulator, api) =
        start(EmulatorConfig { registration_ttl: Duration::from_secs(1), ..EmulatorConfig::default() });
    let client = api.register(true);
    std::thread::sleep(Duration::from_millis(1200));
    let answer = api.post(
        "/device_authorization",
        json!({ "clientId": client.0, "clientSecret": client.1, "startUrl": "https://x.awsapps.com/start" }),
    );
    assert_oidc_error(&answer, 401, "InvalidClientException", "invalid_client");
}

#[test]
fn refresh_tokens_rotate() {
    let (_emulator, api) = start_default();
    let client = api.register(true);
    let first = api.device_login(&client);
    let refresh = |token: &str| {
        api.post(
            "/token",
            json!({ "clientId": client.0, "clientSecret": client.1, "grantType": "refresh_token", "refreshToken": token }),
        )
    };
    let second = refresh(&first.str("refreshToken"));
    assert_eq!(second.status, 200, "{}", second.text);
    assert_ne!(second.str("accessToken"), first.str("accessToken"));
    assert_ne!(second.str("refreshToken"), first.str("refreshToken"));
    // The used refresh token is dead; the new one works once.
    assert_oidc_error(&refresh(&first.str("refreshToken")), 400, "InvalidGrantException", "invalid_grant");
    assert_eq!(refresh(&second.str("refreshToken")).status, 200);
    // A refresh token belongs to its client.
    let other = api.register(true);
    let third = api.device_login(&other);
    assert_oidc_error(&refresh(&third.str("refreshToken")), 400, "InvalidGrantException", "invalid_grant");
    assert_eq!(api.stats()["grant_types"]["refresh_token"], 4);
}

#[test]
fn no_refresh_tokens_flag_issues_none() {
    let (_emulator, api) = start(EmulatorConfig { refresh_tokens: false, ..EmulatorConfig::default() });
    let token = api.device_login(&api.register(true));
    assert_eq!(token.status, 200);
    assert!(token.body.get("refreshToken").is_none(), "{}", token.text);
}

#[test]
fn no_token_outlives_its_session() {
    let (_emulator, api) = start(EmulatorConfig {
        token_ttl: Duration::from_secs(3600),
        session_ttl: Duration::from_secs(2),
        ..EmulatorConfig::default()
    });
    let client = api.register(true);
    let token = api.device_login(&client);
    assert!(token.body["expiresIn"].as_u64().unwrap() <= 2, "{}", token.text);
    std::thread::sleep(Duration::from_millis(2200));
    let refreshed = api.post(
        "/token",
        json!({ "clientId": client.0, "clientSecret": client.1, "grantType": "refresh_token",
                "refreshToken": token.str("refreshToken") }),
    );
    assert_oidc_error(&refreshed, 400, "InvalidGrantException", "invalid_grant");
}

/// A PKCE client as the AWS CLI registers it, and a verifier/challenge pair.
struct Pkce {
    client: (String, String),
    verifier: String,
    challenge: String,
    redirect_uri: String,
}

fn pkce_client(api: &Api) -> Pkce {
    let registered = api.post(
        "/client/register",
        json!({
            "clientName": "botocore-client-admin",
            "clientType": "public",
            "scopes": ["sso:account:access"],
            "grantTypes": ["authorization_code", "refresh_token"],
            "redirectUris": ["http://127.0.0.1/oauth/callback"],
            "issuerUrl": "https://d-0000000000.awsapps.com/start",
        }),
    );
    assert_eq!(registered.status, 200, "{}", registered.text);
    let verifier = "v".repeat(20) + "-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmno";
    Pkce {
        client: (registered.str("clientId"), registered.str("clientSecret")),
        challenge: s256_challenge(&verifier),
        verifier,
        redirect_uri: "http://127.0.0.1:55555/oauth/callback".to_owned(),
    }
}

fn authorize_path(pkce: &Pkce, state: &str) -> String {
    let encode = |s: &str| url::form_urlencoded::byte_serialize(s.as_bytes()).collect::<String>();
    format!(
        "/authorize?response_type=code&client_id={}&redirect_uri={}&state={state}&code_challenge_method=S256&scopes={}&code_challenge={}",
        pkce.client.0,
        encode(&pkce.redirect_uri),
        encode("sso:account:access"),
        pkce.challenge
    )
}

fn redirect_params(location: &str) -> std::collections::HashMap<String, String> {
    url::Url::parse(location).unwrap().query_pairs().into_owned().collect()
}

fn exchange(api: &Api, pkce: &Pkce, code: &str, redirect_uri: &str, verifier: &str) -> Answer {
    api.post(
        "/token",
        json!({
            "clientId": pkce.client.0, "clientSecret": pkce.client.1, "grantType": "authorization_code",
            "code": code, "redirectUri": redirect_uri, "codeVerifier": verifier,
        }),
    )
}

#[test]
fn pkce_checks_the_verifier_and_the_redirect_uri() {
    let (_emulator, api) = start(EmulatorConfig { auto_approve: true, ..EmulatorConfig::default() });
    let pkce = pkce_client(&api);
    assert_eq!(pkce.challenge.len(), 43);
    let code_for = |state: &str| {
        let answer = api.get(&authorize_path(&pkce, state), None);
        assert_eq!(answer.status, 302, "{}", answer.text);
        let location = answer.location.unwrap();
        assert!(location.starts_with("http://127.0.0.1:55555/oauth/callback?"), "{location}");
        let params = redirect_params(&location);
        assert_eq!(params["state"], state);
        params["code"].clone()
    };

    let code = code_for("00000000-0000-0000-0000-000000000001");
    let wrong = exchange(&api, &pkce, &code, &pkce.redirect_uri, &("x".repeat(64)));
    assert_oidc_error(&wrong, 400, "InvalidGrantException", "invalid_grant");
    // A code is good for one attempt, even a failed one.
    let retried = exchange(&api, &pkce, &code, &pkce.redirect_uri, &pkce.verifier);
    assert_oidc_error(&retried, 400, "InvalidGrantException", "invalid_grant");

    let code = code_for("00000000-0000-0000-0000-000000000002");
    let other_port = exchange(&api, &pkce, &code, "http://127.0.0.1:55556/oauth/callback", &pkce.verifier);
    assert_oidc_error(&other_port, 400, "InvalidGrantException", "invalid_grant");

    let code = code_for("00000000-0000-0000-0000-000000000003");
    let token = exchange(&api, &pkce, &code, &pkce.redirect_uri, &pkce.verifier);
    assert_eq!(token.status, 200, "{}", token.text);
    assert!(token.body["refreshToken"].is_string());
    assert_eq!(api.stats()["grant_types"]["authorization_code"], 4);
}

#[test]
fn authorize_refuses_what_it_cannot_trust_and_redirects_the_rest() {
    let (_emulator, api) = start(EmulatorConfig { auto_approve: true, ..EmulatorConfig::default() });
    let pkce = pkce_client(&api);
    let good = authorize_path(&pkce, "s1");

    // An unknown client or an unregistered redirect URI gets a page, never a redirect.
    let unknown_client = good.replace(&pkce.client.0, "unknown");
    let evil_redirect = good.replace("127.0.0.1%3A55555", "evil.example");
    let other_path = good.replace("%2Foauth%2Fcallback", "%2Fsomewhere");
    for path in [unknown_client, evil_redirect, other_path] {
        let answer = api.get(&path, None);
        assert_eq!((answer.status, answer.location.as_deref()), (400, None), "{path}");
    }
    // Other mistakes go back to the client as OAuth errors, with the state.
    for (from, to, error) in [
        ("code_challenge_method=S256", "code_challenge_method=plain", "invalid_request"),
        ("response_type=code", "response_type=token", "unsupported_response_type"),
        ("scopes=sso%3Aaccount%3Aaccess", "scopes=sso%3Aadmin", "invalid_scope"),
    ] {
        let answer = api.get(&good.replace(from, to), None);
        assert_eq!(answer.status, 302, "{to}: {}", answer.text);
        let params = redirect_params(answer.location.as_deref().unwrap());
        assert_eq!((params["error"].as_str(), params["state"].as_str()), (error, "s1"), "{to}");
    }
}

#[test]
fn the_approval_page_approves_or_denies() {
    let (_emulator, api) = start_default();
    let pkce = pkce_client(&api);
    let page = api.get(&authorize_path(&pkce, "s2"), None);
    assert_eq!(page.status, 200);
    let request_id = page.text.split("name=\"request_id\" value=\"").nth(1).unwrap().split('"').next().unwrap();

    let approved = api.post_form("/authorize", &[("request_id", request_id), ("decision", "approve")]);
    assert_eq!(approved.status, 302);
    let params = redirect_params(approved.location.as_deref().unwrap());
    assert_eq!(params["state"], "s2");
    assert_eq!(exchange(&api, &pkce, &params["code"], &pkce.redirect_uri, &pkce.verifier).status, 200);
    // The request is answered; a second decision finds nothing.
    assert_eq!(api.post_form("/authorize", &[("request_id", request_id), ("decision", "approve")]).status, 400);

    let page = api.get(&authorize_path(&pkce, "s3"), None);
    let request_id = page.text.split("name=\"request_id\" value=\"").nth(1).unwrap().split('"').next().unwrap();
    let denied = api.post_form("/authorize", &[("request_id", request_id), ("decision", "deny")]);
    let params = redirect_params(denied.location.as_deref().unwrap());
    assert_eq!((params["error"].as_str(), params["state"].as_str()), ("access_denied", "s3"));
}

fn login(api: &Api) -> String {
    api.device_login(&api.register(true)).str("accessToken")
}

#[test]
fn role_credentials_have_millisecond_expiration() {
    let (_emulator, api) = start(EmulatorConfig {
        credentials_ttl: Duration::from_secs(900),
        secret_access_key: Some("fixed/secret+KEY".to_owned()),
        ..EmulatorConfig::default()
    });
    let token = login(&api);
    let account = api.get("/assignment/accounts", Some(&token)).body["accountList"][0]["accountId"].clone();
    let before_ms = epoch_now() * 1000;
    let answer = api.get(
        &format!("/federation/credentials?role_name=ReadOnly&account_id={}", account.as_str().unwrap()),
        Some(&token),
    );
    assert_eq!(answer.status, 200, "{}", answer.text);
    let credentials = &answer.body["roleCredentials"];
    assert!(credentials["accessKeyId"].as_str().unwrap().starts_with("ASIA"));
    assert_eq!(credentials["secretAccessKey"], "fixed/secret+KEY");
    assert!(credentials["sessionToken"].as_str().unwrap().len() > 100);
    let expiration = credentials["expiration"].as_u64().unwrap();
    let expected = before_ms + 900_000;
    assert!((expected..expected + 3000).contains(&expiration), "milliseconds: {expiration} vs {expected}");
}

#[test]
fn portal_errors_have_the_portal_shape() {
    let (_emulator, api) = start(EmulatorConfig { accounts: 2, ..EmulatorConfig::default() });
    let token = login(&api);
    let accounts = api.get("/assignment/accounts", Some(&token)).body["accountList"].clone();
    let account = accounts[0]["accountId"].as_str().unwrap().to_owned();

    for path in [
        "/federation/credentials?role_name=ReadOnly&account_id=1",
        "/assignment/accounts",
        "/assignment/roles?account_id=1",
    ] {
        assert_portal_error(&api.get(path, None), 401, "UnauthorizedException");
        assert_portal_error(&api.get(path, Some("aoa-not-a-token")), 401, "UnauthorizedException");
    }
    assert_portal_error(&api.logout("aoa-not-a-token"), 401, "UnauthorizedException");
    assert_portal_error(
        &api.get("/federation/credentials?role_name=ReadOnly", Some(&token)),
        400,
        "InvalidRequestException",
    );
    assert_portal_error(&api.get("/assignment/roles", Some(&token)), 400, "InvalidRequestException");
    assert_portal_error(&api.get("/assignment/accounts?max_result=0", Some(&token)), 400, "InvalidRequestException");
    assert_portal_error(&api.get("/assignment/accounts?max_result=101", Some(&token)), 400, "InvalidRequestException");
    assert_portal_error(
        &api.get("/assignment/accounts?next_token=garbage", Some(&token)),
        400,
        "InvalidRequestException",
    );
    let unknown_account = "/federation/credentials?role_name=ReadOnly&account_id=999999999999";
    assert_portal_error(&api.get(unknown_account, Some(&token)), 404, "ResourceNotFoundException");
    let unknown_role = format!("/federation/credentials?role_name=Admin&account_id={account}");
    assert_portal_error(&api.get(&unknown_role, Some(&token)), 404, "ResourceNotFoundException");
    assert_portal_error(
        &api.get("/assignment/roles?account_id=999999999999", Some(&token)),
        404,
        "ResourceNotFoundException",
    );
}

/// Follows `nextToken` to the end of a listing.
fn list_all(api: &Api, path: &str, token: &str, key: &str, page_size: Option<u32>) -> (Vec<Value>, usize) {
    let mut items = Vec::new();
    let mut next: Option<String> = None;
    let mut pages = 0;
    loop {
        let mut query = url::form_urlencoded::Serializer::new(String::new());
        if let Some(size) = page_size {
            query.append_pair("max_result", &size.to_string());
        }
        if let Some(token) = &next {
            query.append_pair("next_token", token);
        }
        let separator = if path.contains('?') { '&' } else { '?' };
        let answer = api.get(&format!("{path}{separator}{}", query.finish()), Some(token));
        assert_eq!(answer.status, 200, "{}", answer.text);
        pages += 1;
        items.extend(answer.body[key].as_array().unwrap().iter().cloned());
        match answer.body.get("nextToken").and_then(Value::as_str) {
            Some(token) => next = Some(token.to_owned()),
            None => return (items, pages),
        }
    }
}

#[test]
fn pagination_walks_one_thousand_accounts() {
    let (_emulator, api) = start(EmulatorConfig { accounts: 1000, ..EmulatorConfig::default() });
    let token = login(&api);
    let (accounts, pages) = list_all(&api, "/assignment/accounts", &token, "accountList", Some(100));
    assert_eq!((accounts.len(), pages), (1000, 10));
    let ids: HashSet<_> = accounts.iter().map(|a| a["accountId"].as_str().unwrap().to_owned()).collect();
    let names: HashSet<_> = accounts.iter().map(|a| a["accountName"].as_str().unwrap().to_owned()).collect();
    assert_eq!((ids.len(), names.len()), (1000, 1000));
    assert!(accounts.iter().all(|a| a["emailAddress"].as_str().unwrap().contains('@')));
    assert!(ids.iter().all(|id| id.len() == 12 && id.bytes().all(|b| b.is_ascii_digit())));

    let (default_pages, pages) = list_all(&api, "/assignment/accounts", &token, "accountList", None);
    assert_eq!(default_pages, accounts);
    assert_eq!(pages, 50, "20 accounts a page when max_result is absent");
    let (odd, pages) = list_all(&api, "/assignment/accounts", &token, "accountList", Some(7));
    assert_eq!((odd.len(), pages), (1000, 143));
    assert_eq!(odd, accounts);
}

#[test]
fn roles_paginate_per_account() {
    let roles: Vec<String> = (0..25).map(|i| format!("Role{i:02}")).collect();
    let (_emulator, api) = start(EmulatorConfig { roles: roles.clone(), ..EmulatorConfig::default() });
    let token = login(&api);
    let account =
        api.get("/assignment/accounts", Some(&token)).body["accountList"][1]["accountId"].as_str().unwrap().to_owned();
    let (listed, pages) =
        list_all(&api, &format!("/assignment/roles?account_id={account}"), &token, "roleList", Some(10));
    assert_eq!(pages, 3);
    let names: Vec<_> = listed.iter().map(|r| r["roleName"].as_str().unwrap().to_owned()).collect();
    assert_eq!(names, roles);
    assert!(listed.iter().all(|r| r["accountId"] == account.as_str()));
    // A roles token from one account is no good for another.
    let first = api.get(&format!("/assignment/roles?account_id={account}&max_result=10"), Some(&token));
    let other =
        api.get("/assignment/accounts", Some(&token)).body["accountList"][0]["accountId"].as_str().unwrap().to_owned();
    let misuse = format!("/assignment/roles?account_id={other}&next_token={}", first.str("nextToken"));
    assert_portal_error(&api.get(&misuse, Some(&token)), 400, "InvalidRequestException");
}

#[test]
fn logout_ends_the_session_with_its_refresh_token() {
    let (_emulator, api) = start_default();
    let client = api.register(true);
    let token = api.device_login(&client);
    let access = token.str("accessToken");
    assert_eq!(api.get("/assignment/accounts", Some(&access)).status, 200);
    let answer = api.logout(&access);
    assert_eq!(answer.status, 200);
    assert_eq!(answer.text, "");
    assert_portal_error(&api.get("/assignment/accounts", Some(&access)), 401, "UnauthorizedException");
    let refreshed = api.post(
        "/token",
        json!({ "clientId": client.0, "clientSecret": client.1, "grantType": "refresh_token",
                "refreshToken": token.str("refreshToken") }),
    );
    assert_oidc_error(&refreshed, 400, "InvalidGrantException", "invalid_grant");
    assert_eq!(api.stats()["operations"]["Logout"], 1);
}

#[test]
fn expire_tokens_expires_access_tokens_but_not_refresh_tokens() {
    let (_emulator, api) = start_default();
    let client = api.register(true);
    let token = api.device_login(&client);
    let access = token.str("accessToken");
    assert_eq!(api.post("/_emulator/expire-tokens", json!(null)).status, 200);
    assert_portal_error(&api.get("/assignment/accounts", Some(&access)), 401, "UnauthorizedException");
    let refreshed = api.post(
        "/token",
        json!({ "clientId": client.0, "clientSecret": client.1, "grantType": "refresh_token",
                "refreshToken": token.str("refreshToken") }),
    );
    assert_eq!(refreshed.status, 200, "{}", refreshed.text);
    assert_eq!(api.get("/assignment/accounts", Some(&refreshed.str("accessToken"))).status, 200);
}

#[test]
fn throttling_answers_429_above_the_rate_and_recovers() {
    let (_emulator, api) = start(EmulatorConfig {
        faults: FaultConfig { throttle_rps: Some(5.0), retry_after: Some(2), ..FaultConfig::default() },
        ..EmulatorConfig::default()
    });
    let token = login(&api);
    let started = std::time::Instant::now();
    let answers: Vec<Answer> = (0..20).map(|_| api.get("/assignment/accounts", Some(&token))).collect();
    // A burst of 5 passes, then 5 a second: on a loaded machine the burst takes longer and more pass.
    let refilled = (started.elapsed().as_secs_f64() * 5.0).ceil() as usize;
    let ok = answers.iter().filter(|a| a.status == 200).count();
    let throttled: Vec<_> = answers.iter().filter(|a| a.status == 429).collect();
    assert!((5..=5 + refilled).contains(&ok), "{ok} passed with {refilled} refilled");
    assert!(!throttled.is_empty() || refilled >= 15, "nothing was throttled");
    assert_eq!(ok + throttled.len(), 20);
    for answer in &throttled {
        assert_portal_error(answer, 429, "TooManyRequestsException");
        assert_eq!(answer.retry_after.as_deref(), Some("2"));
    }
    // The OIDC API is not throttled.
    assert_eq!(api.register(true).0.len(), 22);
    std::thread::sleep(Duration::from_millis(1100));
    assert_eq!(api.get("/assignment/accounts", Some(&token)).status, 200);
    assert_eq!(api.stats()["throttled"], throttled.len());
}

#[test]
fn throttling_without_retry_after_sends_no_header() {
    let (_emulator, api) = start(EmulatorConfig {
        faults: FaultConfig { throttle_rps: Some(1.0), ..FaultConfig::default() },
        ..EmulatorConfig::default()
    });
    let token = login(&api);
    let answers: Vec<Answer> = (0..3).map(|_| api.get("/assignment/accounts", Some(&token))).collect();
    let throttled = answers.iter().find(|a| a.status == 429).expect("a 429 at 3 requests against 1/s");
    assert_eq!(throttled.retry_after, None);
}

#[test]
fn fail_rate_injects_server_errors_repeatably() {
    let run = |seed: u64| -> Vec<u16> {
        let (_emulator, api) = start(EmulatorConfig {
            faults: FaultConfig { fail_rate: 0.5, seed: Some(seed), ..FaultConfig::default() },
            ..EmulatorConfig::default()
        });
        (0..40)
            .map(|_| api.post("/client/register", json!({ "clientName": "c", "clientType": "public" })).status)
            .collect()
    };
    let first = run(7);
    assert_eq!(first, run(7), "the same seed fails the same requests");
    let failures = first.iter().filter(|s| **s == 500).count();
    assert!((8..=32).contains(&failures), "about half of 40 fail: {failures}");
    assert!(first.iter().all(|s| *s == 200 || *s == 500));

    let (_emulator, api) = start(EmulatorConfig {
        faults: FaultConfig { fail_rate: 1.0, ..FaultConfig::default() },
        ..EmulatorConfig::default()
    });
    assert_oidc_error(&api.post("/token", json!({})), 500, "InternalServerException", "server_error");
    assert_portal_error(&api.get("/assignment/accounts", Some("x")), 500, "InternalFailure");
    assert_eq!(api.stats()["injected_failures"], 2);
}

#[test]
fn latency_delays_every_answer() {
    let (_emulator, api) = start(EmulatorConfig {
        faults: FaultConfig { latency: Duration::from_millis(300), ..FaultConfig::default() },
        ..EmulatorConfig::default()
    });
    let started = std::time::Instant::now();
    api.post("/client/register", json!({ "clientName": "c", "clientType": "public" }));
    assert!(started.elapsed() >= Duration::from_millis(300));
}

#[test]
fn serves_hundreds_of_concurrent_connections() {
    let (_emulator, api) = start(EmulatorConfig {
        faults: FaultConfig { latency: Duration::from_millis(200), ..FaultConfig::default() },
        ..EmulatorConfig::default()
    });
    let token = login(&api);
    let base = api.base.clone();
    // 300 clients, each on its own connection, all waiting on the server at the same time: with 200 ms of
    // latency each, serving them one by one would take a minute.
    let started = std::time::Instant::now();
    let threads: Vec<_> = (0..300)
        .map(|_| {
            let (base, token) = (base.clone(), token.clone());
            std::thread::spawn(move || Api::new(&base).get("/assignment/accounts", Some(&token)).status)
        })
        .collect();
    let statuses: Vec<u16> = threads.into_iter().map(|t| t.join().unwrap()).collect();
    assert!(statuses.iter().all(|s| *s == 200));
    assert!(started.elapsed() < Duration::from_secs(20), "took {:?}", started.elapsed());
    assert_eq!(api.stats()["operations"]["ListAccounts"], 300);
}

#[test]
fn memory_stays_bounded_as_tokens_expire() {
    let (_emulator, api) = start(EmulatorConfig {
        token_ttl: Duration::from_secs(1),
        session_ttl: Duration::from_secs(1),
        device_interval: Duration::ZERO,
        ..EmulatorConfig::default()
    });
    let client = api.register(true);
    for _ in 0..200 {
        assert_eq!(api.device_login(&client).status, 200);
    }
    let live = api.stats()["live"].clone();
    assert_eq!((live["access_tokens"].as_u64(), live["sessions"].as_u64()), (Some(200), Some(200)), "{live}");
    std::thread::sleep(Duration::from_millis(2500));
    let live = api.stats()["live"].clone();
    assert_eq!(live["access_tokens"], 0, "{live}");
    assert_eq!(live["refresh_tokens"], 0, "{live}");
    assert_eq!(live["sessions"], 0, "{live}");
    assert_eq!(live["device_authorizations"], 0, "{live}");
}

#[test]
fn unknown_paths_and_methods_are_errors() {
    let (_emulator, api) = start_default();
    assert_eq!(api.get("/nope", None).status, 404);
    assert_eq!(api.get("/token", None).status, 405);
}

#[test]
fn refuses_to_listen_beyond_loopback_or_with_bad_settings() {
    let refused = |config: EmulatorConfig| Emulator::start(config).err().expect("refused").to_string();
    assert!(
        refused(EmulatorConfig { listen: "0.0.0.0:0".parse().unwrap(), ..EmulatorConfig::default() })
            .contains("loopback")
    );
    assert!(refused(EmulatorConfig { accounts: 100_001, ..EmulatorConfig::default() }).contains("--accounts"));
    assert!(refused(EmulatorConfig { roles: vec![], ..EmulatorConfig::default() }).contains("--roles"));
    assert!(
        refused(EmulatorConfig { token_ttl: Duration::from_millis(10), ..EmulatorConfig::default() })
            .contains("--token-ttl")
    );
    let fail_rate = EmulatorConfig {
        faults: FaultConfig { fail_rate: 1.5, ..FaultConfig::default() },
        ..EmulatorConfig::default()
    };
    assert!(refused(fail_rate).contains("--fail-rate"));
}

#[test]
fn the_command_prints_its_url_then_the_setup_on_stderr() {
    let mut child = Command::new(common::ssoenv_bin())
        .args(["emulator", "--accounts", "5", "--roles", "Admin,Dev", "--quiet"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut url = String::new();
    stdout.read_line(&mut url).unwrap();
    let url = url.trim_end().to_owned();
    assert!(url.starts_with("http://127.0.0.1:") && url[17..].parse::<u16>().is_ok(), "{url}");
    let api = Api::new(&url);
    assert_eq!(api.stats()["operations"]["ListAccounts"], 0);
    let _ = Command::new("kill").arg("-TERM").arg(child.id().to_string()).status();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "SIGTERM stops it cleanly");
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains(&format!("export AWS_ENDPOINT_URL_SSO_OIDC={url}\n")), "{stderr}");
    assert!(stderr.contains(&format!("export AWS_ENDPOINT_URL_SSO={url}\n")), "{stderr}");
    assert!(stderr.contains("[sso-session emulator]") && stderr.contains("sso_role_name = Admin"), "{stderr}");
    assert!(!stderr.contains("GET /_emulator/stats"), "--quiet logs no requests: {stderr}");
}

#[test]
fn the_command_rejects_bad_flags_with_a_clear_error() {
    let output = Command::new(common::ssoenv_bin()).args(["emulator", "--listen", "10.1.2.3:80"]).output().unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.starts_with("ssoenv: the emulator serves on loopback only"), "{stderr}");
    assert!(output.stdout.is_empty());
    let output = Command::new(common::ssoenv_bin()).args(["emulator", "--token-ttl", "soon"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8(output.stderr).unwrap().contains("--token-ttl"));
}

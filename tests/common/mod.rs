//! Helpers shared by the integration tests.
#![allow(dead_code)] // each test crate uses its own subset

use std::process::Command;
use std::sync::Once;

use serde_json::Value;

/// Whether tests run in CI, where a missing tool is a failure instead of a skip.
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true")
}

/// Skips (locally) or fails (under `CI=true`) a test whose external tool is missing.
pub fn require_tool(name: &str, available: bool) -> bool {
    if available {
        return true;
    }
    if in_ci() {
        panic!("{name} is required under CI=true but was not found; .ci/run installs it");
    }
    eprintln!("notice: skipping this test because {name} is not installed (CI=true makes this a failure)");
    false
}

/// reqwest is built without a default crypto provider (ssoenv picks ring); tests install it once.
pub fn install_crypto_provider() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
}

pub fn http() -> reqwest::blocking::Client {
    install_crypto_provider();
    reqwest::blocking::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(std::time::Duration::from_secs(30))
        .build()
        .expect("a plain HTTP client builds")
}

/// One answer, with the parts tests look at.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub error_type: Option<String>,
    pub location: Option<String>,
    pub retry_after: Option<String>,
    pub content_type: Option<String>,
    pub body: Value,
    pub text: String,
}

impl Answer {
    fn from(response: reqwest::blocking::Response) -> Self {
        let header = |name: &str| response.headers().get(name).map(|v| v.to_str().unwrap().to_owned());
        let status = response.status().as_u16();
        let error_type = header("x-amzn-ErrorType");
        let location = header("location");
        let retry_after = header("retry-after");
        let content_type = header("content-type");
        let text = response.text().unwrap();
        let body = serde_json::from_str(&text).unwrap_or(Value::Null);
        Self { status, error_type, location, retry_after, content_type, body, text }
    }

    /// The shape in `x-amzn-ErrorType`, cut as botocore cuts it.
    pub fn shape(&self) -> Option<&str> {
        self.error_type.as_deref().map(|t| t.split(':').next().unwrap())
    }

    pub fn str(&self, key: &str) -> String {
        self.body[key].as_str().unwrap_or_else(|| panic!("no string {key} in {}", self.text)).to_owned()
    }
}

pub struct Api {
    pub base: String,
    client: reqwest::blocking::Client,
}

impl Api {
    pub fn new(base: &str) -> Self {
        Self { base: base.to_owned(), client: http() }
    }

    pub fn post(&self, path: &str, body: Value) -> Answer {
        Answer::from(self.client.post(format!("{}{path}", self.base)).json(&body).send().unwrap())
    }

    pub fn get(&self, path_and_query: &str, bearer: Option<&str>) -> Answer {
        let mut request = self.client.get(format!("{}{path_and_query}", self.base));
        if let Some(token) = bearer {
            request = request.header("x-amz-sso_bearer_token", token);
        }
        Answer::from(request.send().unwrap())
    }

    pub fn post_form(&self, path: &str, form: &[(&str, &str)]) -> Answer {
        Answer::from(self.client.post(format!("{}{path}", self.base)).form(form).send().unwrap())
    }

    pub fn logout(&self, bearer: &str) -> Answer {
        Answer::from(
            self.client.post(format!("{}/logout", self.base)).header("x-amz-sso_bearer_token", bearer).send().unwrap(),
        )
    }

    pub fn stats(&self) -> Value {
        self.get("/_emulator/stats", None).body
    }

    /// Registers a device-flow client with scopes (so it gets refresh tokens); returns (id, secret).
    pub fn register(&self, scopes: bool) -> (String, String) {
        let mut body = serde_json::json!({ "clientName": "botocore-client-test", "clientType": "public" });
        if scopes {
            body["scopes"] = serde_json::json!(["sso:account:access"]);
        }
        let answer = self.post("/client/register", body);
        assert_eq!(answer.status, 200, "{}", answer.text);
        (answer.str("clientId"), answer.str("clientSecret"))
    }

    /// A whole device-flow login approved on the device page; returns the CreateToken answer.
    pub fn device_login(&self, client: &(String, String)) -> Answer {
        let started = self.post(
            "/device_authorization",
            serde_json::json!({ "clientId": client.0, "clientSecret": client.1, "startUrl": "https://d-0000000000.awsapps.com/start" }),
        );
        assert_eq!(started.status, 200, "{}", started.text);
        let approved = self.post_form("/device", &[("user_code", &started.str("userCode")), ("decision", "approve")]);
        assert_eq!(approved.status, 200, "{}", approved.text);
        self.post("/token", self.device_grant(client, &started.str("deviceCode")))
    }

    pub fn device_grant(&self, client: &(String, String), device_code: &str) -> Value {
        serde_json::json!({
            "clientId": client.0,
            "clientSecret": client.1,
            "grantType": "urn:ietf:params:oauth:grant-type:device_code",
            "deviceCode": device_code,
        })
    }
}

/// Path of the built `ssoenv` binary.
pub fn ssoenv_bin() -> &'static str {
    env!("CARGO_BIN_EXE_ssoenv")
}

/// Whether a command can be run at all.
pub fn has_command(program: &str, version_arg: &str) -> bool {
    Command::new(program).arg(version_arg).output().is_ok_and(|o| o.status.success())
}

/// The Python that has the pinned botocore: `SSOENV_TEST_PYTHON`, else the venv `.ci/run` makes under
/// `target/venv`. `None` when it is missing or lacks botocore.
pub fn botocore_python() -> Option<String> {
    let python = std::env::var("SSOENV_TEST_PYTHON")
        .unwrap_or_else(|_| format!("{}/target/venv/bin/python", env!("CARGO_MANIFEST_DIR")));
    let works = Command::new(&python).args(["-c", "import botocore"]).output().is_ok_and(|o| o.status.success());
    works.then_some(python)
}

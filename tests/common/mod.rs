//! Helpers shared by the integration tests.
#![allow(dead_code)] // each test crate uses its own subset

pub mod raw_server;
pub mod tmux;

use std::process::Command;
use std::sync::Once;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::Value;

/// A number no other call in this process gets, for names that must not collide between parallel tests.
pub fn unique_suffix() -> usize {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

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

/// Writes one row of docs/reliability.md (bench/reliability.sh collects them): the attack, how many times it
/// ran, and what was lost.
pub fn record(id: &str, attack: &str, runs: usize, outcome: &str) {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("reliability");
    std::fs::create_dir_all(&dir).unwrap();
    let row = serde_json::json!({"attack": attack, "runs": runs, "outcome": outcome});
    std::fs::write(dir.join(format!("{id}.json")), row.to_string()).unwrap();
}

/// One line per command that passed the harness checks (secrets, permissions), in
/// target/tmp/reliability/checked-commands.log, for docs/reliability.md (bench/reliability.sh clears it first).
fn count_checked_command() {
    use std::io::Write;
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("reliability");
    let _ = std::fs::create_dir_all(&dir);
    let log = std::fs::OpenOptions::new().create(true).append(true).open(dir.join("checked-commands.log"));
    if let Ok(mut log) = log {
        let _ = log.write_all(b"1\n");
    }
}

/// A throw-away world for one test: a HOME, a config file, an emulator, and a `BROWSER` script that plays
/// the person (it logs each URL it is given, then opens it with curl, following the PKCE redirect).
pub struct Sandbox {
    pub dir: tempfile::TempDir,
    pub emulator: ssoenv::emulator::Emulator,
    pub api: Api,
    extra_env: Vec<(String, String)>,
}

pub const START_URL: &str = "https://d-0000000000.awsapps.com/start";

/// A config with an sso-session `corp` (profile `dev`) and a legacy profile `legacy`, for the first
/// account the emulator lists.
pub fn standard_config(account_id: &str) -> String {
    format!(
        "[sso-session corp]\nsso_start_url = {START_URL}\nsso_region = us-east-1\nsso_registration_scopes = sso:account:access\n\n\
         [profile dev]\nsso_session = corp\nsso_account_id = {account_id}\nsso_role_name = ReadOnly\nregion = eu-west-1\n\n\
         [profile legacy]\nsso_start_url = {START_URL}\nsso_region = us-east-1\nsso_account_id = {account_id}\nsso_role_name = FullAccess\n"
    )
}

/// `ssoenv configure sso` with every prompt answered by a flag: SSO region us-east-1, no default region or
/// output format, the device code flow.
pub fn configure_sso_flags<'a>(
    session: &'a str,
    start_url: &'a str,
    account: &'a str,
    role: &'a str,
    profile: &'a str,
) -> Vec<&'a str> {
    let mut args = vec!["configure", "sso", "--sso-session", session, "--start-url", start_url];
    args.extend(["--sso-region", "us-east-1", "--account-id", account, "--role-name", role]);
    args.extend(["--region", "", "--output", "", "--profile-name", profile, "--flow", "device-code"]);
    args
}

impl Sandbox {
    pub fn new(config: ssoenv::emulator::EmulatorConfig) -> Self {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("home")).unwrap();
        let emulator = ssoenv::emulator::Emulator::start(config).unwrap();
        let api = Api::new(emulator.base_url());
        let sandbox = Self { dir, emulator, api, extra_env: Vec::new() };
        let account = ssoenv::emulator::first_account_id(&ssoenv::emulator::EmulatorConfig::default()).unwrap();
        sandbox.write_config(&standard_config(&account));
        sandbox.set_browser("curl -sL -o /dev/null \"$1\"");
        sandbox
    }

    pub fn auto() -> Self {
        Self::new(ssoenv::emulator::EmulatorConfig { auto_approve: true, ..Default::default() })
    }

    pub fn home(&self) -> std::path::PathBuf {
        self.dir.path().join("home")
    }

    pub fn config_path(&self) -> std::path::PathBuf {
        self.dir.path().join("config")
    }

    pub fn write_config(&self, text: &str) {
        std::fs::write(self.config_path(), text).unwrap();
    }

    pub fn sso_cache(&self) -> std::path::PathBuf {
        self.home().join(".aws/sso/cache")
    }

    /// Replaces what the browser does with `body` (a sh script; `$1` is the URL). Every call is logged first.
    pub fn set_browser(&self, body: &str) {
        let script = self.dir.path().join("browser.sh");
        let log = self.dir.path().join("browser.log");
        std::fs::write(&script, format!("#!/bin/sh\necho \"$1\" >> '{}'\n{body}\n", log.display())).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
    }

    pub fn browser_launches(&self) -> usize {
        std::fs::read_to_string(self.dir.path().join("browser.log")).map_or(0, |log| log.lines().count())
    }

    pub fn set_env(&mut self, name: &str, value: &str) {
        self.extra_env.push((name.to_owned(), value.to_owned()));
    }

    /// The whole environment of a process in this sandbox: nothing from the machine but `PATH`.
    pub fn envs(&self) -> Vec<(String, std::ffi::OsString)> {
        let mut envs: Vec<(String, std::ffi::OsString)> = vec![
            ("PATH".into(), std::env::var_os("PATH").unwrap_or_default()),
            ("HOME".into(), self.home().into()),
            ("AWS_CONFIG_FILE".into(), self.config_path().into()),
            ("AWS_SHARED_CREDENTIALS_FILE".into(), self.dir.path().join("credentials").into()),
            ("AWS_ENDPOINT_URL_SSO_OIDC".into(), self.emulator.base_url().into()),
            ("AWS_ENDPOINT_URL_SSO".into(), self.emulator.base_url().into()),
            ("AWS_ENDPOINT_URL_SIGNIN".into(), self.emulator.base_url().into()),
            ("BROWSER".into(), self.dir.path().join("browser.sh").into()),
        ];
        envs.extend(self.extra_env.iter().map(|(name, value)| (name.clone(), value.into())));
        envs
    }

    /// `ssoenv ARGS` in this sandbox's environment.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(ssoenv_bin());
        command.args(args).env_clear().envs(self.envs()).stdin(std::process::Stdio::null());
        command
    }

    /// Runs `ssoenv ARGS` to the end, or kills it after two minutes: a test must fail, not hang CI.
    pub fn run(&self, args: &[&str]) -> Run {
        let before = self.aws_tree();
        let child = self
            .command(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let pid = child.id();
        let (sender, receiver) = std::sync::mpsc::channel();
        std::thread::spawn(move || sender.send(child.wait_with_output()));
        let output = match receiver.recv_timeout(std::time::Duration::from_secs(120)) {
            Ok(output) => output.unwrap(),
            Err(_) => {
                let _ = Command::new("kill").args(["-9", &pid.to_string()]).status();
                panic!("ssoenv {args:?} did not finish within two minutes");
            }
        };
        let run = Run {
            code: output.status.code(),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        };
        self.check_no_secret_in(&run.stderr, args);
        self.check_cache_permissions(args, &before);
        count_checked_command();
        run
    }

    /// Every folder and file under ~/.aws (and it), with its inode and change time: what a command made or
    /// rewrote shows as new or changed.
    fn aws_tree(&self) -> Vec<(std::path::PathBuf, (u64, i64, i64))> {
        use std::os::unix::fs::MetadataExt;
        let mut tree = Vec::new();
        let mut pending = vec![self.home().join(".aws")];
        while let Some(path) = pending.pop() {
            let Ok(meta) = std::fs::symlink_metadata(&path) else { continue };
            if meta.is_dir() {
                pending.extend(std::fs::read_dir(&path).unwrap().flatten().map(|e| e.path()));
            }
            tree.push((path, (meta.ino(), meta.ctime(), meta.ctime_nsec())));
        }
        tree
    }

    /// The harness-level secrets check, after every command a test runs: no token, refresh token, client
    /// secret, secret key, session token or sign-in token the emulator issued (or that is in the caches) ever
    /// appears on stderr. Short values (a test's own hostile secret keys, say) would match by accident.
    #[track_caller]
    pub fn check_no_secret_in(&self, stderr: &str, args: &[&str]) {
        let mut secrets = self.emulator.live_secrets();
        secrets.extend(self.cached_secrets());
        for secret in secrets.iter().filter(|s| s.len() >= 12) {
            assert!(!stderr.contains(secret.as_str()), "ssoenv {args:?} wrote a secret on stderr:\n{stderr}");
        }
    }

    /// After every command: what it made or rewrote under ~/.aws is private, files 0600 and new folders 0700.
    /// What was there before and left alone (the AWS CLI's folders, another tool's files) is not ssoenv's.
    #[track_caller]
    pub fn check_cache_permissions(&self, args: &[&str], before: &[(std::path::PathBuf, (u64, i64, i64))]) {
        use std::os::unix::fs::PermissionsExt;
        for (path, stamp) in self.aws_tree() {
            let meta = std::fs::symlink_metadata(&path).unwrap();
            // A folder's change time moves with its entries: only a new folder is the command's.
            let old = before.iter().any(|(p, s)| *p == path && (meta.is_dir() || *s == stamp));
            if old {
                continue;
            }
            let (mode, wanted) = (meta.permissions().mode() & 0o777, if meta.is_dir() { 0o700 } else { 0o600 });
            assert_eq!(mode, wanted, "after ssoenv {args:?}: {} is {mode:o}, not {wanted:o}", path.display());
        }
    }

    /// Every secret the emulator handed out that is now in the caches: tokens, refresh tokens, client secrets,
    /// secret keys and session tokens.
    pub fn cached_secrets(&self) -> Vec<String> {
        let mut secrets = Vec::new();
        for dir in [self.sso_cache(), self.home().join(".aws/cli/cache")] {
            let Ok(entries) = std::fs::read_dir(dir) else { continue };
            for entry in entries.flatten() {
                // Only regular files, and only as much as a cache file can be: tests put links to endless
                // devices where cache files should be.
                let regular = entry.path().symlink_metadata().is_ok_and(|m| m.is_file() && m.len() < 1 << 20);
                if !regular {
                    continue;
                }
                let Ok(text) = std::fs::read_to_string(entry.path()) else { continue };
                let Ok(json) = serde_json::from_str::<serde_json::Value>(&text) else { continue };
                let credentials = json.get("Credentials").cloned().unwrap_or(serde_json::Value::Null);
                for value in [&json, &credentials] {
                    for key in ["accessToken", "refreshToken", "clientSecret", "SecretAccessKey", "SessionToken"] {
                        if let Some(secret) = value.get(key).and_then(serde_json::Value::as_str) {
                            secrets.push(secret.to_owned());
                        }
                    }
                }
            }
        }
        secrets
    }
}

#[derive(Debug)]
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    #[track_caller]
    pub fn ok(&self) -> &Self {
        assert_eq!(self.code, Some(0), "expected success\nstdout: {}\nstderr: {}", self.stdout, self.stderr);
        self
    }

    #[track_caller]
    pub fn fails(&self) -> &Self {
        assert_eq!(self.code, Some(1), "expected failure\nstdout: {}\nstderr: {}", self.stdout, self.stderr);
        // Prompts may come first; the error is the line that starts with `ssoenv: `.
        assert!(self.stderr.lines().any(|l| l.starts_with("ssoenv: ")), "errors start with ssoenv: {}", self.stderr);
        self
    }
}

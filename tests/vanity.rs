//! Vanity start URLs (sso-protocol.md §2.6): a start URL on a host AWS does not own is followed through its
//! redirect to the AWS portal, whose region replaces the configured one in the sso-session. The vanity host is
//! a small HTTPS server (Python's http.server with a certificate made by openssl), trusted through
//! AWS_CA_BUNDLE.

mod common;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

use common::Sandbox;

const SERVER: &str = r#"
import http.server, ssl, sys
cert, key, location, log = sys.argv[1:5]
class Vanity(http.server.BaseHTTPRequestHandler):
    def do_HEAD(self):
        with open(log, "a") as f:
            f.write(f"HEAD {self.path}\n")
        self.send_response(302)
        self.send_header("Location", location)
        self.end_headers()
    def log_message(self, *args):
        pass
server = http.server.HTTPServer(("127.0.0.1", 0), Vanity)
context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
context.load_cert_chain(cert, key)
server.socket = context.wrap_socket(server.socket, server_side=True)
print(server.server_address[1], flush=True)
server.serve_forever()
"#;

struct VanityHost {
    child: Child,
    url: String,
}

impl Drop for VanityHost {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A certificate authority (ca.pem, for AWS_CA_BUNDLE) and the server's certificate for 127.0.0.1 that it
/// signed (cert.pem, key.pem) in `dir`, or `None` (after the notice) without openssl. (A self-signed server
/// certificate will not do: webpki refuses a CA certificate as the server's.)
fn certificate(dir: &Path) -> Option<()> {
    if !common::require_tool("openssl", common::has_command("openssl", "version")) {
        return None;
    }
    let openssl = |args: &[&str]| {
        let status = Command::new("openssl").args(args).current_dir(dir).stderr(Stdio::null()).status().unwrap();
        assert!(status.success(), "openssl {args:?}");
    };
    openssl(&[
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "1",
        "-subj",
        "/CN=ssoenv test CA",
        "-keyout",
        "ca-key.pem",
        "-out",
        "ca.pem",
    ]);
    openssl(&[
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-subj",
        "/CN=127.0.0.1",
        "-keyout",
        "key.pem",
        "-out",
        "cert.csr",
    ]);
    std::fs::write(dir.join("san.ext"), "subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\n").unwrap();
    openssl(&[
        "x509",
        "-req",
        "-in",
        "cert.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca-key.pem",
        "-CAcreateserial",
        "-days",
        "1",
        "-extfile",
        "san.ext",
        "-out",
        "cert.pem",
    ]);
    Some(())
}

fn vanity_host(dir: &Path, location: &str) -> Option<VanityHost> {
    if !common::require_tool("python3", common::has_command("python3", "--version")) {
        return None;
    }
    let mut child = Command::new("python3")
        .args(["-c", SERVER, "cert.pem", "key.pem", location, "requests.log"])
        .current_dir(dir)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut port = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut port).unwrap();
    Some(VanityHost { child, url: format!("https://127.0.0.1:{}/start", port.trim()) })
}

/// A vanity host that redirects to `location`, and a sandbox whose config names it instead of the AWS start
/// URL; `None` where python3 or openssl is missing (outside CI).
struct Vanity {
    host: VanityHost,
    sandbox: Sandbox,
    dir: tempfile::TempDir,
}

fn vanity(location: &str) -> Option<Vanity> {
    let dir = tempfile::tempdir().unwrap();
    certificate(dir.path())?;
    let host = vanity_host(dir.path(), location)?;
    let sandbox = sandbox_for(&host.url, dir.path());
    Some(Vanity { host, sandbox, dir })
}

fn sandbox_for(vanity: &str, dir: &Path) -> Sandbox {
    let mut sandbox = Sandbox::auto();
    let account = ssoenv::emulator::first_account_id(&ssoenv::emulator::EmulatorConfig::default()).unwrap();
    sandbox.write_config(&common::standard_config(&account).replace(common::START_URL, vanity));
    sandbox.set_env("AWS_CA_BUNDLE", &dir.join("ca.pem").display().to_string());
    sandbox
}

#[test]
fn a_vanity_url_logs_in_at_its_portal_and_the_region_follows() {
    let Some(Vanity { host, sandbox, dir }) = vanity("https://ssoins-7223.portal.eu-west-2.app.aws/start/?from=vanity")
    else {
        return;
    };
    let before = std::fs::read_to_string(sandbox.config_path()).unwrap();
    let run = sandbox.run(&["login", "dev", "--flow", "device-code"]);
    run.ok();
    assert!(run.stderr.contains("SSO region updated to eu-west-2\n"), "{}", run.stderr);
    // Only the session's sso_region changed.
    let after = std::fs::read_to_string(sandbox.config_path()).unwrap();
    let session = "[sso-session corp]\nsso_start_url = ";
    assert_eq!(
        after,
        before.replacen(
            &format!("{}{}\nsso_region = us-east-1", session, host.url),
            &format!("{}{}\nsso_region = eu-west-2", session, host.url),
            1
        )
    );
    assert_ne!(after, before);
    // The cache keeps the configured URL; the token's region is the portal's.
    let token = std::fs::read_dir(sandbox.sso_cache())
        .unwrap()
        .flatten()
        .filter_map(|e| serde_json::from_slice::<serde_json::Value>(&std::fs::read(e.path()).ok()?).ok())
        .find(|v| v.get("accessToken").is_some())
        .unwrap();
    assert_eq!(token["startUrl"], host.url.as_str());
    assert_eq!(token["region"], "eu-west-2");
    // The whole login ran in the portal's region, the registration's cache key included (`do_sso_login`).
    let scopes = ["sso:account:access".to_owned()];
    let key = |region| ssoenv::cache::keys::registration_key(&host.url, region, Some(&scopes[..]), Some("corp"));
    assert!(sandbox.sso_cache().join(format!("{}.json", key("eu-west-2"))).exists());
    assert!(!sandbox.sso_cache().join(format!("{}.json", key("us-east-1"))).exists());
    assert_eq!(std::fs::read_to_string(dir.path().join("requests.log")).unwrap(), "HEAD /start\n");
    // The next login finds an AWS-owned region already in place: no second rewrite.
    let run = sandbox.run(&["login", "dev", "--force", "--flow", "device-code"]);
    run.ok();
    assert!(!run.stderr.contains("SSO region updated"), "{}", run.stderr);
}

#[test]
fn a_legacy_profile_gets_the_region_its_vanity_url_names() {
    let Some(Vanity { host, sandbox, dir: _dir }) = vanity("https://ssoins-7223.portal.eu-west-2.app.aws/start") else {
        return;
    };
    let before = std::fs::read_to_string(sandbox.config_path()).unwrap();
    // `use` logs in by itself, then fetches the role credentials from the portal it logged in at.
    let run = sandbox.run(&["use", "legacy", "-s", "bash"]);
    run.ok();
    assert!(run.stdout.contains("export AWS_ACCESS_KEY_ID="), "{}", run.stdout);
    let updated = run.stderr.find("SSO region updated to eu-west-2\n").expect(&run.stderr);
    assert!(updated < run.stderr.find("Successfully logged into Start URL").unwrap(), "as the AWS CLI orders them");
    let profile = format!("[profile legacy]\nsso_start_url = {}\nsso_region = ", host.url);
    assert_eq!(
        std::fs::read_to_string(sandbox.config_path()).unwrap(),
        before.replacen(&format!("{profile}us-east-1"), &format!("{profile}eu-west-2"), 1),
        "only the legacy profile's sso_region changed"
    );
}

#[test]
fn a_vanity_url_that_leads_elsewhere_is_refused() {
    let Some(Vanity { host, sandbox, dir: _dir }) = vanity("https://phish.example.com/start") else { return };
    let before = std::fs::read_to_string(sandbox.config_path()).unwrap();
    let run = sandbox.run(&["login", "dev", "--flow", "device-code"]);
    run.fails();
    assert!(
        run.stderr.contains(&format!(
            "Could not resolve start URL '{}' to an AWS-owned endpoint. Final URL: 'https://phish.example.com/start'",
            host.url
        )),
        "{}",
        run.stderr
    );
    assert_eq!(std::fs::read_to_string(sandbox.config_path()).unwrap(), before);
    assert_eq!(sandbox.api.stats()["operations"]["StartDeviceAuthorization"], 0, "no login began");
}

#[test]
fn the_wizard_writes_the_region_a_vanity_url_names() {
    let Some(Vanity { host, sandbox, dir: _dir }) = vanity("https://ssoins-7223.portal.ap-southeast-2.app.aws/start")
    else {
        return;
    };
    sandbox.write_config("");
    let run = sandbox.run(&common::configure_sso_flags("team", &host.url, "487420489017", "ReadOnly", "dev"));
    run.ok();
    assert!(run.stderr.contains("served from region ap-southeast-2"), "{}", run.stderr);
    assert!(!run.stderr.contains("SSO region updated"), "the login found the region already right: {}", run.stderr);
    assert!(
        std::fs::read_to_string(sandbox.config_path())
            .unwrap()
            .starts_with(&format!("[sso-session team]\nsso_start_url = {}\nsso_region = ap-southeast-2\n", host.url)),
    );
}

//! Hostile and broken servers (issue 7): a raw TCP server in the test plays the portal while ssoenv holds a
//! valid token, so that `ssoenv use` makes exactly one kind of call, GetRoleCredentials, against it. Every run
//! ends within its bound with a clear error (or, where the answer is still usable, success), stdout stays
//! empty on failure, and memory stays bounded.

mod common;

use std::net::TcpListener;
use std::path::Path;
use std::process::Command;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use common::Sandbox;
use common::raw_server::{Behaviour, serve};

struct Outcome {
    code: Option<i32>,
    stdout: String,
    stderr: String,
    elapsed: Duration,
    requests: usize,
    peak_kib: Option<u64>,
}

/// `ssoenv use dev` with a valid token cached and the portal at `url`; under GNU time when it is there, for
/// the peak memory.
fn use_against(sandbox: &Sandbox, url: &str) -> (std::process::Output, Duration) {
    let time = Path::new("/usr/bin/time");
    let mut command = if time.exists() {
        let mut command = Command::new(time);
        command.args(["-f", "peak-kib=%M", common::ssoenv_bin()]);
        command
    } else {
        Command::new(common::ssoenv_bin())
    };
    command.args(["use", "dev", "-s", "bash", "--no-login"]).env_clear().envs(sandbox.envs());
    command.env("AWS_ENDPOINT_URL_SSO", url).stdin(std::process::Stdio::null());
    let started = Instant::now();
    let output = command.output().unwrap();
    (output, started.elapsed())
}

fn attack(behaviour: Behaviour) -> Outcome {
    let sandbox = Sandbox::auto();
    sandbox.run(&["login", "dev", "--flow", "device-code"]).ok();
    let (url, count) = serve(behaviour);
    let (output, elapsed) = use_against(&sandbox, &url);
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    sandbox.check_no_secret_in(&stderr, &["use", "dev"]);
    let peak_kib = stderr.lines().find_map(|l| l.strip_prefix("peak-kib=")).and_then(|v| v.trim().parse().ok());
    // GNU time exits with the command's code, and says so when the command was killed by a signal.
    assert!(!stderr.contains("Command terminated by signal"), "{stderr}");
    Outcome {
        code: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr,
        elapsed,
        requests: count.load(Ordering::SeqCst),
        peak_kib,
    }
}

/// The bound of one command against a server that fails every attempt: three attempts, each within the
/// request timeout (30 s), with at most 5 s of backoff between them, and some slack for a loaded machine.
const BOUND: Duration = Duration::from_secs(3 * 30 + 2 * 5 + 10);

#[track_caller]
fn fails_clearly(outcome: &Outcome, says: &str) {
    assert_eq!(outcome.code, Some(1), "stderr: {}", outcome.stderr);
    assert_eq!(outcome.stdout, "", "nothing for the shell to evaluate");
    assert!(outcome.stderr.contains("ssoenv: ") && outcome.stderr.contains(says), "{says:?} in: {}", outcome.stderr);
    assert!(outcome.elapsed < BOUND, "took {:?}", outcome.elapsed);
    assert!(!outcome.stderr.contains("panicked"), "{}", outcome.stderr);
    if let Some(kib) = outcome.peak_kib {
        assert!(kib < 64 * 1024, "peak memory {kib} KiB");
    }
}

#[test]
fn a_refused_connection() {
    // A port that was free a moment ago.
    let url = {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://{}", listener.local_addr().unwrap())
    };
    let sandbox = Sandbox::auto();
    sandbox.run(&["login", "dev", "--flow", "device-code"]).ok();
    let (output, elapsed) = use_against(&sandbox, &url);
    let outcome = Outcome {
        code: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        elapsed,
        requests: 0,
        peak_kib: None,
    };
    fails_clearly(&outcome, "GetRoleCredentials: could not reach 127.0.0.1");
    report("server-refused", "connection refused", &outcome);
}

#[test]
fn a_connection_reset_mid_response() {
    let outcome = attack(Behaviour::ResetMidResponse);
    fails_clearly(&outcome, "GetRoleCredentials: could not reach 127.0.0.1");
    assert_eq!(outcome.requests, 3, "retried, a bounded number of times");
    report("server-reset", "the connection ends in the middle of the status line", &outcome);
}

#[test]
fn a_server_that_never_answers() {
    let outcome = attack(Behaviour::Silent);
    fails_clearly(&outcome, "GetRoleCredentials: could not reach 127.0.0.1:");
    assert!(outcome.stderr.contains("timed out"), "{}", outcome.stderr);
    report("server-silent", "a server that accepts and never answers", &outcome);
}

#[test]
fn a_server_that_trickles_a_byte_a_second() {
    let outcome = attack(Behaviour::Trickle);
    fails_clearly(&outcome, "timed out");
    report("server-trickle", "a server that sends one byte a second", &outcome);
}

#[test]
fn a_hundred_megabyte_body() {
    let outcome = attack(Behaviour::Huge);
    fails_clearly(&outcome, "GetRoleCredentials: the answer was not what the service sends");
    report("server-huge", "a 100 MB body", &outcome);
}

/// A whole response with a right content-length, kept for the server thread.
fn response(status: &str, content_type: &str, body: &str) -> &'static str {
    let text = format!(
        "HTTP/1.1 {status}\r\ncontent-type: {content_type}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
        body.len()
    );
    Box::leak(text.into_boxed_str())
}

#[test]
fn answers_that_are_not_the_service_s() {
    let json = "application/json";
    let cases: &[(&str, &str)] = &[
        (response("500 Internal Server Error", "text/plain", ""), "(HTTP 500)"),
        (
            response("429 Too Many Requests", json, r#"{"__type":"TooManyRequestsException","message":"slow"}"#),
            "TooManyRequestsException (HTTP 429): slow",
        ),
        (
            "HTTP/1.1 429 Too Many Requests\r\nretry-after: 1\r\ncontent-length: 0\r\nconnection: close\r\n\r\n",
            "(HTTP 429)",
        ),
        (response("200 OK", "text/html", "<html>welcome</html>\n"), "not JSON"),
        // Truncated: the length promises more than arrives.
        (
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 100\r\nconnection: close\r\n\r\n{\"roleCredentials\": {\"acc",
            "not JSON",
        ),
        (response("200 OK", json, "{}"), "roleCredentials"),
        (response("200 OK", json, "null"), "roleCredentials"),
        (
            response(
                "200 OK",
                json,
                r#"{"roleCredentials":{"accessKeyId":1,"secretAccessKey":[],"sessionToken":null,"expiration":"tomorrow"}}"#,
            ),
            "missing or wrong",
        ),
        (
            response(
                "200 OK",
                json,
                r#"{"roleCredentials":{"accessKeyId":"ASIAEXAMPLE","secretAccessKey":"s-s-s-s-s-s","sessionToken":"t","expiration":-5}}"#,
            ),
            "missing or wrong expiration",
        ),
        ("garbage\r\n\r\n", "could not reach"),
    ];
    let mut slowest = Duration::ZERO;
    for (response, says) in cases {
        let outcome = attack(Behaviour::Canned(response));
        fails_clearly(&outcome, says);
        slowest = slowest.max(outcome.elapsed);
    }
    // The right JSON with the wrong content type is still the answer.
    let good = response(
        "200 OK",
        "text/plain",
        r#"{"roleCredentials":{"accessKeyId":"ASIAEXAMPLEEXAMPLE00","secretAccessKey":"secret-secret-secret","sessionToken":"token-token","expiration":4102444800000}}"#,
    );
    let outcome = attack(Behaviour::Canned(good));
    assert_eq!(outcome.code, Some(0), "{}", outcome.stderr);
    assert!(outcome.stdout.contains("export AWS_ACCESS_KEY_ID='ASIAEXAMPLEEXAMPLE00'"), "{}", outcome.stdout);
    common::record(
        "server-answers",
        "answers that are not the service's: 500, 429 with and without Retry-After, HTML, truncated JSON, empty \
         and null JSON, wrong types, a negative expiration, a non-HTTP reply; and the right JSON as text/plain",
        cases.len() + 1,
        &format!(
            "nothing: each a clear error naming GetRoleCredentials with stdout empty, the slowest in {:.1} s; the \
             right JSON with the wrong content type is used",
            slowest.as_secs_f64()
        ),
    );
}

/// Records an attack that failed as it should.
fn report(id: &str, attack: &str, outcome: &Outcome) {
    let memory = outcome.peak_kib.map(|kib| format!(", peak memory {} MiB", kib / 1024)).unwrap_or_default();
    common::record(
        id,
        &format!("`ssoenv use` against {attack}"),
        1,
        &format!(
            "nothing: a clear error after {:.1} s ({} connections), stdout empty{memory}",
            outcome.elapsed.as_secs_f64(),
            outcome.requests
        ),
    );
}

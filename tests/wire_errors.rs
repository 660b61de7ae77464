//! Error answers that only name their code in one place (the header, `__type`, or the OAuth `error`), and
//! answers that are not the service's at all, from a raw TCP server: each gives a clear error.

mod common;

use std::sync::atomic::Ordering;

use common::Sandbox;
use common::raw_server::{Behaviour, serve};

fn login_against(response: &'static str) -> (common::Run, usize) {
    let (url, count) = serve(Behaviour::Canned(response));
    let mut sandbox = Sandbox::auto();
    sandbox.set_env("AWS_ENDPOINT_URL_SSO_OIDC", &url);
    let run = sandbox.run(&["login", "dev", "--use-device-code"]);
    run.fails();
    (run, count.load(Ordering::SeqCst))
}

#[test]
fn the_code_is_found_wherever_the_server_puts_it() {
    let cases = [
        (
            "HTTP/1.1 400 Bad Request\r\nx-amzn-ErrorType: InvalidClientMetadataException:http://internal.amazon.com/coral/x/\r\ncontent-length: 2\r\nconnection: close\r\n\r\n{}",
            "RegisterClient: InvalidClientMetadataException (HTTP 400)",
        ),
        (
            "HTTP/1.1 400 Bad Request\r\ncontent-type: application/json\r\ncontent-length: 71\r\nconnection: close\r\n\r\n{\"__type\":\"com.amazonaws.sso.oidc#InvalidScopeException\",\"message\":\"x\"}",
            "RegisterClient: InvalidScopeException (HTTP 400): x",
        ),
        (
            "HTTP/1.1 400 Bad Request\r\ncontent-type: application/json\r\ncontent-length: 58\r\nconnection: close\r\n\r\n{\"error\":\"invalid_request\",\"error_description\":\"bad name\"}",
            "RegisterClient: InvalidRequestException (HTTP 400): bad name",
        ),
        (
            "HTTP/1.1 403 Forbidden\r\ncontent-type: text/html\r\ncontent-length: 13\r\nconnection: close\r\n\r\n<html></html>",
            "RegisterClient: 403 (HTTP 403)",
        ),
        (
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 8\r\nconnection: close\r\n\r\n{\"clien",
            "RegisterClient: the answer was not what the service sends",
        ),
        (
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 22\r\nconnection: close\r\n\r\n{\"clientId\":\"only-id\"}",
            "RegisterClient: the answer was not what the service sends (no clientSecret)",
        ),
    ];
    for (response, expected) in cases {
        let (run, requests) = login_against(response);
        assert!(run.stderr.contains(expected), "expected {expected:?} in {}", run.stderr);
        assert_eq!(requests, 1, "a 4xx or a bad 200 is not retried");
    }
}

#[test]
fn server_errors_are_retried_a_bounded_number_of_times() {
    let (run, requests) = login_against(
        "HTTP/1.1 503 Service Unavailable\r\nretry-after: 0\r\ncontent-length: 0\r\nconnection: close\r\n\r\n",
    );
    assert!(run.stderr.contains("RegisterClient: 503 (HTTP 503)"), "{}", run.stderr);
    assert_eq!(requests, 3, "three attempts, as botocore's standard retry mode");
}

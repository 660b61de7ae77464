//! The two pages a person sees in the browser: the PKCE approval page (`/authorize`) and the device page
//! (`/device`, the `verificationUri`). With `--auto-approve`, opening either with its parameters approves at once,
//! which is how tests and `ssoenv demo` play the person.

use std::sync::Arc;
use std::time::SystemTime;

use axum::extract::{Form, RawQuery, State};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use html_escape::{encode_double_quoted_attribute as attr, encode_text as text};

use super::stats::Operation;
use super::store::{AuthorizeOutcome, AuthorizeParams};
use super::{App, query_params};

fn page(status: StatusCode, title: &str, body: &str) -> Response {
    let html = format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title} · ssoenv emulator</title>\
         <style>body{{font-family:system-ui,sans-serif;max-width:34rem;margin:4rem auto;padding:0 1rem}}\
         button{{font-size:1rem;padding:.5rem 1.2rem;margin-right:.5rem}}input{{font-size:1.2rem;padding:.3rem}}\
         code{{font-size:1.2rem}}</style></head>\n<body><h1>{title}</h1>\n{body}\n\
         <p><small>ssoenv emulator: a local stand-in for AWS IAM Identity Center.</small></p></body></html>\n",
        title = text(title),
    );
    (status, Html(html)).into_response()
}

fn redirect(location: &str) -> Response {
    (StatusCode::FOUND, [(header::LOCATION, location.to_owned())]).into_response()
}

/// `redirect_uri` with the answer's parameters appended; the URI was checked against the client's registration.
fn redirect_to_client(redirect_uri: &str, pairs: &[(&str, &str)]) -> Response {
    match url::Url::parse(redirect_uri) {
        Ok(mut target) => {
            target.query_pairs_mut().extend_pairs(pairs);
            redirect(target.as_str())
        }
        Err(_) => page(StatusCode::BAD_REQUEST, "Invalid request", "<p>The redirect URI is not a valid URL.</p>"),
    }
}

pub async fn authorize(State(app): State<Arc<App>>, RawQuery(query): RawQuery) -> Response {
    app.stats.count(Operation::AuthorizePage);
    let mut params = query_params(query);
    let request = AuthorizeParams {
        response_type: params.remove("response_type"),
        client_id: params.remove("client_id"),
        redirect_uri: params.remove("redirect_uri"),
        state: params.remove("state"),
        code_challenge_method: params.remove("code_challenge_method"),
        scopes: params.remove("scopes"),
        code_challenge: params.remove("code_challenge"),
    };
    let outcome = app.store().authorize(&request, SystemTime::now());
    let redirect_uri = request.redirect_uri.as_deref().unwrap_or_default();
    let state = request.state.as_deref().unwrap_or_default();
    match outcome {
        Err(untrusted) => {
            page(StatusCode::BAD_REQUEST, "Invalid authorization request", &format!("<p>{}</p>", text(&untrusted.0)))
        }
        Ok(Err((error, description))) => {
            redirect_to_client(redirect_uri, &[("error", error), ("error_description", &description), ("state", state)])
        }
        Ok(Ok(AuthorizeOutcome::Approved { code })) => {
            redirect_to_client(redirect_uri, &[("code", &code), ("state", state)])
        }
        Ok(Ok(AuthorizeOutcome::AwaitingApproval { request_id })) => {
            let scopes = request.scopes.as_deref().filter(|s| !s.is_empty()).unwrap_or("(none)");
            page(
                StatusCode::OK,
                "Allow access?",
                &format!(
                    "<p>An application on this computer asks to sign in as you and use your AWS accounts.</p>\
                     <p>Scopes: <code>{}</code></p>\
                     <form method=\"post\" action=\"/authorize\">\
                     <input type=\"hidden\" name=\"request_id\" value=\"{}\">\
                     <button name=\"decision\" value=\"approve\">Allow access</button>\
                     <button name=\"decision\" value=\"deny\">Deny</button></form>",
                    text(scopes),
                    attr(&request_id),
                ),
            )
        }
    }
}

#[derive(serde::Deserialize)]
pub struct AuthorizeDecision {
    request_id: String,
    decision: String,
}

pub async fn authorize_decision(State(app): State<Arc<App>>, Form(form): Form<AuthorizeDecision>) -> Response {
    app.stats.count(Operation::AuthorizePage);
    let approve = form.decision == "approve";
    let decided = app.store().decide_authorization(&form.request_id, approve, SystemTime::now());
    match decided {
        None => page(
            StatusCode::BAD_REQUEST,
            "Request expired",
            "<p>This sign-in request is unknown or has expired. Start the login again.</p>",
        ),
        Some((request, Some(code))) => {
            redirect_to_client(&request.redirect_uri, &[("code", &code), ("state", &request.state)])
        }
        Some((request, None)) => redirect_to_client(
            &request.redirect_uri,
            &[
                ("error", "access_denied"),
                ("error_description", "The user denied the request"),
                ("state", &request.state),
            ],
        ),
    }
}

fn device_form(user_code: &str) -> Response {
    page(
        StatusCode::OK,
        "Authorize request",
        &format!(
            "<p>Enter the code shown by the application, then allow or deny it.</p>\
             <form method=\"post\" action=\"/device\">\
             <p><input name=\"user_code\" value=\"{}\" autocomplete=\"off\" autofocus></p>\
             <button name=\"decision\" value=\"approve\">Allow access</button>\
             <button name=\"decision\" value=\"deny\">Deny</button></form>",
            attr(user_code),
        ),
    )
}

fn device_result(app: &App, user_code: &str, approve: bool) -> Response {
    if !app.store().decide_device(user_code, approve, SystemTime::now()) {
        return page(
            StatusCode::BAD_REQUEST,
            "Code not recognised",
            &format!(
                "<p>The code <code>{}</code> is unknown, expired or already used. Check it, or start the login \
                 again.</p>",
                text(user_code)
            ),
        );
    }
    if approve {
        page(StatusCode::OK, "Request approved", "<p>You can close this window and return to the terminal.</p>")
    } else {
        page(StatusCode::OK, "Request denied", "<p>The application was not given access.</p>")
    }
}

pub async fn device(State(app): State<Arc<App>>, RawQuery(query): RawQuery) -> Response {
    app.stats.count(Operation::DevicePage);
    let user_code = query_params(query).remove("user_code").unwrap_or_default();
    if app.auto_approve && !user_code.is_empty() {
        return device_result(&app, &user_code, true);
    }
    device_form(&user_code)
}

#[derive(serde::Deserialize)]
pub struct DeviceDecision {
    user_code: String,
    decision: String,
}

pub async fn device_decision(State(app): State<Arc<App>>, Form(form): Form<DeviceDecision>) -> Response {
    app.stats.count(Operation::DevicePage);
    device_result(&app, &form.user_code, form.decision == "approve")
}

//! Vanity start URLs (sso-protocol.md §2.6, AWS CLI 2.35.13): a start URL on a host AWS does not own is
//! followed through one redirect to the AWS-owned portal behind it, whose host may also name the SSO region.
//! The resolved URL is what the login sends as `startUrl` and `issuerUrl`; the caches keep the configured one.

use std::time::Duration;

use reqwest::StatusCode;

use super::http::Http;

const AWS_OWNED_SUFFIXES: &[&str] =
    &[".app.aws", ".portal.amazonaws.com", ".portal.amazonaws.com.cn", ".awsapps.com", ".awsapps.cn"];
const AWS_OWNED_HOSTS: &[&str] = &["identitycenter.amazonaws.com", "identitycenter.amazonaws.com.cn"];
/// As the AWS CLI: one request, ten seconds.
const TIMEOUT: Duration = Duration::from_secs(10);

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ResolveError {
    #[error("Failed to resolve start URL: HTTP {0}")]
    Status(u16),
    #[error("Failed to resolve start URL: {0}")]
    Transport(String),
    #[error("Redirect response missing Location header.")]
    NoLocation,
    #[error("Could not resolve start URL '{start_url}' to an AWS-owned endpoint. Final URL: '{resolved}'")]
    NotAwsOwned { start_url: String, resolved: String },
    #[error("Resolved URL must use https. Got: '{0}'")]
    NotHttps(String),
    #[error("Cannot determine region from start URL '{0}'. Please provide sso_region in your configuration.")]
    NoRegion(String),
}

/// The URL and region a login uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    pub start_url: String,
    pub region: String,
}

pub fn is_aws_owned(host: &str) -> bool {
    let host = host.to_ascii_lowercase();
    let host = host.trim_end_matches('.');
    AWS_OWNED_HOSTS.contains(&host)
        || AWS_OWNED_SUFFIXES.iter().any(|suffix| host.ends_with(suffix) || host == &suffix[1..])
}

/// The region in a portal host: `{id}.portal.{region}.app.aws`, `{id}.{region}.portal.amazonaws.com(.cn)`.
fn region_from_host(host: &str) -> Option<String> {
    let host = host.to_ascii_lowercase();
    let labels: Vec<&str> = host.trim_end_matches('.').split('.').collect();
    let is_region = |label: &str| !label.is_empty() && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    let region = match labels.as_slice() {
        [id, "portal", region, "app", "aws"] if !id.is_empty() => region,
        [id, region, "portal", "amazonaws", "com"] if !id.is_empty() => region,
        [id, region, "portal", "amazonaws", "com", "cn"] if !id.is_empty() => region,
        _ => return None,
    };
    is_region(region).then(|| (*region).to_owned())
}

/// Scheme, host, a port that is not the default, and the path without its trailing `/`; no query.
fn normalize(url: &url::Url) -> String {
    let mut normalized = format!("{}://{}", url.scheme(), url.host_str().unwrap_or_default());
    if let Some(port) = url.port() {
        normalized.push_str(&format!(":{port}"));
    }
    normalized.push_str(url.path().trim_end_matches('/'));
    normalized
}

/// The start URL and region to log in with. An AWS-owned start URL is used as it is, with the configured
/// region; any other gets one HEAD request (GET when HEAD is not allowed), and one redirect is followed.
pub fn resolve(http: &Http, start_url: &str, configured_region: &str) -> Result<Resolved, ResolveError> {
    let parsed = url::Url::parse(start_url).map_err(|e| ResolveError::Transport(e.to_string()))?;
    let host = parsed.host_str().unwrap_or_default();
    if is_aws_owned(host) {
        return Ok(Resolved { start_url: start_url.to_owned(), region: configured_region.to_owned() });
    }
    log::debug!("the start URL is not on an AWS host; following its redirect");
    let redirected = follow_one_redirect(http, &parsed)?;
    let resolved = normalize(&redirected);
    let resolved_host = redirected.host_str().unwrap_or_default();
    if !is_aws_owned(resolved_host) {
        return Err(ResolveError::NotAwsOwned { start_url: start_url.to_owned(), resolved });
    }
    if redirected.scheme() != "https" {
        return Err(ResolveError::NotHttps(resolved));
    }
    let region = match region_from_host(resolved_host) {
        Some(region) => region,
        None if !configured_region.is_empty() => configured_region.to_owned(),
        None => return Err(ResolveError::NoRegion(start_url.to_owned())),
    };
    Ok(Resolved { start_url: resolved, region })
}

fn follow_one_redirect(http: &Http, url: &url::Url) -> Result<url::Url, ResolveError> {
    let send = |method: reqwest::Method| {
        http.client()
            .request(method, url.clone())
            .timeout(TIMEOUT)
            .send()
            .map_err(|e| ResolveError::Transport(super::http::describe(&e)))
    };
    let mut response = send(reqwest::Method::HEAD)?;
    if matches!(response.status(), StatusCode::METHOD_NOT_ALLOWED | StatusCode::NOT_IMPLEMENTED) {
        response = send(reqwest::Method::GET)?;
    }
    let status = response.status();
    if status.is_redirection() {
        let location = response
            .headers()
            .get(reqwest::header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .ok_or(ResolveError::NoLocation)?;
        return url.join(location).map_err(|e| ResolveError::Transport(e.to_string()));
    }
    if status.is_success() {
        return Ok(url.clone());
    }
    Err(ResolveError::Status(status.as_u16()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aws_owned_hosts() {
        for host in [
            "d-123.awsapps.com",
            "ssoins-1.portal.eu-west-1.app.aws",
            "x.us-east-1.portal.amazonaws.com",
            "identitycenter.amazonaws.com",
            "app.aws",
            "D-1.AWSAPPS.COM.",
        ] {
            assert!(is_aws_owned(host), "{host}");
        }
        for host in ["sso.example.com", "awsapps.com.evil.io", "notawsapps.com", "127.0.0.1"] {
            assert!(!is_aws_owned(host), "{host}");
        }
    }

    #[test]
    fn regions_from_portal_hosts() {
        assert_eq!(region_from_host("ssoins-1.portal.eu-west-2.app.aws").as_deref(), Some("eu-west-2"));
        assert_eq!(region_from_host("abc.ap-south-1.portal.amazonaws.com").as_deref(), Some("ap-south-1"));
        assert_eq!(region_from_host("abc.cn-north-1.portal.amazonaws.com.cn").as_deref(), Some("cn-north-1"));
        assert_eq!(region_from_host("d-123.awsapps.com"), None);
        assert_eq!(region_from_host("a.b.portal.eu-west-2.app.aws"), None);
    }

    #[test]
    fn normalized_urls() {
        let url = |s: &str| url::Url::parse(s).unwrap();
        assert_eq!(normalize(&url("https://x.awsapps.com:443/start/?a=b#c")), "https://x.awsapps.com/start");
        assert_eq!(normalize(&url("https://x.awsapps.com:8443/start")), "https://x.awsapps.com:8443/start");
        assert_eq!(normalize(&url("https://x.awsapps.com/")), "https://x.awsapps.com");
    }
}

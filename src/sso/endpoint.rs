//! Where the OIDC and portal APIs are: the host for a region and partition (sso-protocol.md §1.1), or the
//! override botocore would use (`AWS_ENDPOINT_URL_SSO_OIDC`, `AWS_ENDPOINT_URL_SSO`, `AWS_ENDPOINT_URL`, a
//! `[services]` section, the profile's `endpoint_url`).

use crate::config::{Config, Settings};
use crate::env::Env;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Service {
    /// `sso-oidc`: RegisterClient, StartDeviceAuthorization, CreateToken.
    Oidc,
    /// `sso`: the portal (role credentials, accounts, roles, logout).
    Portal,
    /// The sign-in service's federation endpoint (`/federation`: getSigninToken and the console login URL).
    /// One host per partition, not per region.
    Federation,
}

impl Service {
    /// The variable `AWS_ENDPOINT_URL_<SERVICE_ID>`.
    fn env_var(self) -> &'static str {
        match self {
            Self::Oidc => "AWS_ENDPOINT_URL_SSO_OIDC",
            Self::Portal => "AWS_ENDPOINT_URL_SSO",
            Self::Federation => "AWS_ENDPOINT_URL_SIGNIN",
        }
    }

    /// The key of the service in a `[services NAME]` section.
    fn services_key(self) -> &'static str {
        match self {
            Self::Oidc => "sso_oidc",
            Self::Portal => "sso",
            Self::Federation => "signin",
        }
    }

    fn host_prefix(self, fips: bool) -> &'static str {
        match (self, fips) {
            (Self::Oidc, false) => "oidc",
            (Self::Oidc, true) => "oidc-fips",
            (Self::Portal, false) => "portal.sso",
            (Self::Portal, true) => "portal.sso-fips",
            (Self::Federation, _) => "signin",
        }
    }
}

struct Partition {
    name: &'static str,
    dns_suffix: &'static str,
    dual_stack_dns_suffix: &'static str,
}

/// The partition of a region, by the `regionRegex` patterns of botocore's partitions.json, written out: each
/// pattern is a fixed prefix, then `-\w+-\d+`.
fn partition(region: &str) -> Partition {
    let parts: Vec<&str> = region.split('-').collect();
    let shaped = |prefix: &[&str]| {
        parts.len() == prefix.len() + 2
            && parts[..prefix.len()] == *prefix
            && !parts[prefix.len()].is_empty()
            && parts[prefix.len()].chars().all(|c| c.is_alphanumeric() || c == '_')
            && !parts[prefix.len() + 1].is_empty()
            && parts[prefix.len() + 1].chars().all(|c| c.is_ascii_digit())
    };
    let partition = |name, dns_suffix, dual_stack_dns_suffix| Partition { name, dns_suffix, dual_stack_dns_suffix };
    if shaped(&["us", "gov"]) {
        partition("aws-us-gov", "amazonaws.com", "api.aws")
    } else if shaped(&["us", "iso"]) {
        partition("aws-iso", "c2s.ic.gov", "api.aws.ic.gov")
    } else if shaped(&["us", "isob"]) {
        partition("aws-iso-b", "sc2s.sgov.gov", "api.aws.scloud")
    } else if shaped(&["eu", "isoe"]) {
        partition("aws-iso-e", "cloud.adc-e.uk", "api.cloud-aws.adc-e.uk")
    } else if shaped(&["us", "isof"]) {
        partition("aws-iso-f", "csp.hci.ic.gov", "api.aws.hci.ic.gov")
    } else if shaped(&["cn"]) {
        partition("aws-cn", "amazonaws.com.cn", "api.amazonwebservices.com.cn")
    } else if shaped(&["eusc", "de"]) {
        partition("aws-eusc", "amazonaws.eu", "api.amazonwebservices.eu")
    } else {
        // `^(us|eu|ap|sa|ca|me|af|il|mx)-\w+-\d+$`, and the fallback for any other region, is `aws`.
        partition("aws", "amazonaws.com", "api.aws")
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum EndpointError {
    #[error("Invalid Configuration: Missing Region (set sso_region)")]
    MissingRegion,
    #[error("{0:?} is not a region name (like us-east-1); check sso_region")]
    BadRegion(String),
    #[error("the {0} partition has no public console sign-in; set AWS_ENDPOINT_URL_SIGNIN to its sign-in host")]
    NoConsole(String),
    #[error("Invalid Configuration: FIPS and custom endpoint are not supported")]
    FipsWithCustomEndpoint,
    #[error("Invalid Configuration: Dualstack and custom endpoint are not supported")]
    DualStackWithCustomEndpoint,
    #[error(
        "The profile is configured to use the services section but the \"{0}\" services configuration does not exist."
    )]
    MissingServicesSection(String),
    #[error("the endpoint {url} (from {source_name}) is not a valid URL")]
    BadUrl { url: String, source_name: String },
    #[error(
        "the endpoint {url} (from {source_name}) uses plain http:// to a host that is not this machine; tokens \
         must not cross the network unencrypted. Use https://, or http:// to 127.0.0.1 or localhost"
    )]
    PlainHttpToRemoteHost { url: String, source_name: String },
}

fn is_true(value: Option<&str>) -> bool {
    value.is_some_and(|v| v.eq_ignore_ascii_case("true"))
}

/// What settles endpoints besides the region: the environment, and the settings of the profile in use
/// (botocore builds the SSO clients in the current profile's session).
pub struct EndpointContext<'a> {
    pub env: &'a Env,
    pub config: &'a Config,
    pub profile: Option<&'a Settings>,
}

impl EndpointContext<'_> {
    fn setting(&self, key: &str) -> Option<&str> {
        self.profile.and_then(|p| p.get(key))
    }

    /// A boolean setting as botocore's config chain reads it: the environment variable when it is set at all
    /// (`false` included), else the profile's key.
    fn flag(&self, env_var: &str, key: &str) -> bool {
        match self.env.get(env_var) {
            Some(value) => is_true(Some(value)),
            None => is_true(self.setting(key)),
        }
    }

    /// The configured override and where it came from, in botocore's order.
    fn configured_override(&self, service: Service) -> Result<Option<(String, String)>, EndpointError> {
        let ignore = self.flag("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "ignore_configured_endpoint_urls");
        if ignore {
            return Ok(None);
        }
        if let Some(url) = self.env.get(service.env_var()) {
            return Ok(Some((url.to_owned(), service.env_var().to_owned())));
        }
        if let Some(url) = self.env.get("AWS_ENDPOINT_URL") {
            return Ok(Some((url.to_owned(), "AWS_ENDPOINT_URL".to_owned())));
        }
        if let Some(name) = self.setting("services") {
            let section =
                self.config.services(name).ok_or_else(|| EndpointError::MissingServicesSection(name.to_owned()))?;
            let nested = section.values.get(service.services_key()).and_then(|s| match &s.value {
                crate::config::ini::Value::Nested(pairs) => {
                    pairs.iter().find(|(k, _)| k == "endpoint_url").map(|(_, v)| (v.clone(), s.origin.to_string()))
                }
                crate::config::ini::Value::Plain(_) => None,
            });
            if let Some(found) = nested {
                return Ok(Some(found));
            }
        }
        if let (Some(url), Some(profile)) = (self.setting("endpoint_url"), self.profile) {
            let origin = profile.origin_of("endpoint_url").map(ToString::to_string).unwrap_or_default();
            return Ok(Some((url.to_owned(), origin)));
        }
        Ok(None)
    }

    /// The base URL of `service` for `region`, without a trailing slash.
    pub fn resolve(&self, service: Service, region: &str) -> Result<String, EndpointError> {
        let fips = self.flag("AWS_USE_FIPS_ENDPOINT", "use_fips_endpoint");
        let dual_stack = self.flag("AWS_USE_DUALSTACK_ENDPOINT", "use_dualstack_endpoint");
        // Checked even when an override decides the host, as botocore checks every client's region name.
        if !region.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
            return Err(EndpointError::BadRegion(region.to_owned()));
        }
        if let Some((url, source_name)) = self.configured_override(service)? {
            if fips {
                return Err(EndpointError::FipsWithCustomEndpoint);
            }
            if dual_stack {
                return Err(EndpointError::DualStackWithCustomEndpoint);
            }
            return checked_override(&url, &source_name);
        }
        if region.is_empty() {
            return Err(EndpointError::MissingRegion);
        }
        let partition = partition(region);
        if service == Service::Federation {
            return federation_host(partition.name)
                .map(str::to_owned)
                .ok_or_else(|| EndpointError::NoConsole(partition.name.to_owned()));
        }
        let prefix = service.host_prefix(fips);
        Ok(match (fips, dual_stack) {
            (true, true) => format!("https://{prefix}.{region}.{}", partition.dual_stack_dns_suffix),
            // The us-gov hosts are FIPS already: the rule set keeps the plain name there.
            (true, false) if partition.name == "aws-us-gov" => {
                format!("https://{}.{region}.{}", service.host_prefix(false), partition.dns_suffix)
            }
            (_, false) => format!("https://{prefix}.{region}.{}", partition.dns_suffix),
            (false, true) => format!("https://{prefix}.{region}.{}", partition.dual_stack_dns_suffix),
        })
    }
}

/// The sign-in host of a partition, where there is a public console.
fn federation_host(partition: &str) -> Option<&'static str> {
    match partition {
        "aws" => Some("https://signin.aws.amazon.com"),
        "aws-cn" => Some("https://signin.amazonaws.cn"),
        "aws-us-gov" => Some("https://signin.amazonaws-us-gov.com"),
        _ => None,
    }
}

/// The console of a partition, for the default destination of a console sign-in.
pub fn console_host(region: &str) -> &'static str {
    match partition(region).name {
        "aws-cn" => "https://console.amazonaws.cn",
        "aws-us-gov" => "https://console.amazonaws-us-gov.com",
        _ => "https://console.aws.amazon.com",
    }
}

/// An override, used verbatim (trailing slash trimmed) once it is a URL that keeps tokens encrypted or local.
fn checked_override(url: &str, source_name: &str) -> Result<String, EndpointError> {
    let parsed = url::Url::parse(url)
        .map_err(|_| EndpointError::BadUrl { url: url.to_owned(), source_name: source_name.to_owned() })?;
    match parsed.scheme() {
        "https" => {}
        "http" if is_loopback_host(&parsed) => {}
        "http" => {
            return Err(EndpointError::PlainHttpToRemoteHost {
                url: url.to_owned(),
                source_name: source_name.to_owned(),
            });
        }
        _ => return Err(EndpointError::BadUrl { url: url.to_owned(), source_name: source_name.to_owned() }),
    }
    Ok(url.trim_end_matches('/').to_owned())
}

fn is_loopback_host(url: &url::Url) -> bool {
    match url.host() {
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        Some(url::Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolve(env: &[(&str, &str)], profile: &str, service: Service, region: &str) -> Result<String, EndpointError> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config");
        std::fs::write(&path, profile).unwrap();
        let config = Config::load_files(path, dir.path().join("credentials")).unwrap();
        let env = Env::from_pairs(env.iter().copied());
        EndpointContext { env: &env, config: &config, profile: config.profile("p") }.resolve(service, region)
    }

    #[test]
    fn hosts_per_partition() {
        let cases = [
            (Service::Oidc, "us-east-1", "https://oidc.us-east-1.amazonaws.com"),
            (Service::Portal, "eu-west-1", "https://portal.sso.eu-west-1.amazonaws.com"),
            (Service::Oidc, "cn-north-1", "https://oidc.cn-north-1.amazonaws.com.cn"),
            (Service::Portal, "us-gov-west-1", "https://portal.sso.us-gov-west-1.amazonaws.com"),
            (Service::Oidc, "eusc-de-east-1", "https://oidc.eusc-de-east-1.amazonaws.eu"),
            (Service::Oidc, "us-iso-east-1", "https://oidc.us-iso-east-1.c2s.ic.gov"),
            (Service::Oidc, "us-isob-east-1", "https://oidc.us-isob-east-1.sc2s.sgov.gov"),
            (Service::Oidc, "eu-isoe-west-1", "https://oidc.eu-isoe-west-1.cloud.adc-e.uk"),
            (Service::Oidc, "us-isof-south-1", "https://oidc.us-isof-south-1.csp.hci.ic.gov"),
            (Service::Oidc, "mars-east-1", "https://oidc.mars-east-1.amazonaws.com"),
        ];
        for (service, region, expected) in cases {
            assert_eq!(resolve(&[], "", service, region).unwrap(), expected, "{region}");
        }
    }

    #[test]
    fn fips_and_dual_stack() {
        let fips = [("AWS_USE_FIPS_ENDPOINT", "true")];
        let dual = [("AWS_USE_DUALSTACK_ENDPOINT", "TRUE")];
        let both = [fips[0], dual[0]];
        assert_eq!(
            resolve(&fips, "", Service::Oidc, "us-east-1").unwrap(),
            "https://oidc-fips.us-east-1.amazonaws.com"
        );
        assert_eq!(
            resolve(&fips, "", Service::Portal, "us-gov-east-1").unwrap(),
            "https://portal.sso.us-gov-east-1.amazonaws.com"
        );
        assert_eq!(resolve(&dual, "", Service::Oidc, "us-east-1").unwrap(), "https://oidc.us-east-1.api.aws");
        assert_eq!(
            resolve(&both, "", Service::Portal, "cn-north-1").unwrap(),
            "https://portal.sso-fips.cn-north-1.api.amazonwebservices.com.cn"
        );
        let profile = "[profile p]\nuse_fips_endpoint = true\n";
        assert_eq!(
            resolve(&[], profile, Service::Oidc, "eu-west-1").unwrap(),
            "https://oidc-fips.eu-west-1.amazonaws.com"
        );
        assert_eq!(
            resolve(&[("AWS_ENDPOINT_URL", "http://127.0.0.1:1")], profile, Service::Oidc, "eu-west-1"),
            Err(EndpointError::FipsWithCustomEndpoint)
        );
        // The variable, when set, decides, `false` included (botocore's config chain), for all three flags.
        let off = [("AWS_USE_FIPS_ENDPOINT", "false")];
        assert_eq!(resolve(&off, profile, Service::Oidc, "eu-west-1").unwrap(), "https://oidc.eu-west-1.amazonaws.com");
        let dual_profile = "[profile p]\nuse_dualstack_endpoint = true\n";
        let dual_off = [("AWS_USE_DUALSTACK_ENDPOINT", "false")];
        assert_eq!(
            resolve(&dual_off, dual_profile, Service::Oidc, "eu-west-1").unwrap(),
            "https://oidc.eu-west-1.amazonaws.com"
        );
        let ignoring = "[profile p]\nignore_configured_endpoint_urls = true\n";
        let not_ignoring =
            [("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "false"), ("AWS_ENDPOINT_URL", "http://127.0.0.1:5")];
        assert_eq!(resolve(&not_ignoring, ignoring, Service::Oidc, "eu-west-1").unwrap(), "http://127.0.0.1:5");
    }

    #[test]
    fn overrides_in_botocore_order() {
        let both = [("AWS_ENDPOINT_URL_SSO_OIDC", "http://127.0.0.1:1/"), ("AWS_ENDPOINT_URL", "http://127.0.0.1:2")];
        assert_eq!(resolve(&both, "", Service::Oidc, "us-east-1").unwrap(), "http://127.0.0.1:1");
        assert_eq!(resolve(&both, "", Service::Portal, "us-east-1").unwrap(), "http://127.0.0.1:2");
        let services = "[profile p]\nservices = local\nendpoint_url = http://localhost:4\n[services local]\nsso_oidc =\n  endpoint_url = http://127.0.0.1:3\n";
        assert_eq!(resolve(&[], services, Service::Oidc, "us-east-1").unwrap(), "http://127.0.0.1:3");
        assert_eq!(resolve(&[], services, Service::Portal, "us-east-1").unwrap(), "http://localhost:4");
        let ignore = [("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true"), both[0]];
        assert_eq!(
            resolve(&ignore, services, Service::Oidc, "us-east-1").unwrap(),
            "https://oidc.us-east-1.amazonaws.com"
        );
        assert_eq!(
            resolve(&[], "[profile p]\nservices = gone\n", Service::Oidc, "us-east-1"),
            Err(EndpointError::MissingServicesSection("gone".into()))
        );
    }

    #[test]
    fn plain_http_only_to_this_machine() {
        for url in ["http://127.0.0.1:8080", "http://localhost", "http://[::1]:9", "https://sso.example.com"] {
            assert!(resolve(&[("AWS_ENDPOINT_URL", url)], "", Service::Oidc, "us-east-1").is_ok(), "{url}");
        }
        for url in ["http://10.0.0.5:8080", "http://sso.example.com", "http://127.0.0.1.nip.io"] {
            let error = resolve(&[("AWS_ENDPOINT_URL", url)], "", Service::Oidc, "us-east-1").unwrap_err();
            assert!(matches!(error, EndpointError::PlainHttpToRemoteHost { .. }), "{url}: {error}");
            assert!(error.to_string().contains("AWS_ENDPOINT_URL"), "{error}");
        }
        assert!(matches!(
            resolve(&[("AWS_ENDPOINT_URL", "ftp://x")], "", Service::Oidc, "us-east-1"),
            Err(EndpointError::BadUrl { .. })
        ));
        assert_eq!(resolve(&[], "", Service::Oidc, ""), Err(EndpointError::MissingRegion));
        assert!(matches!(resolve(&[], "", Service::Oidc, "us-east-1/../x"), Err(EndpointError::BadRegion(_))));
    }
}

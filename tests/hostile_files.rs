//! Hostile and broken files (issue 7): property tests that the config parser, the writer and every cache
//! reader never panic on arbitrary bytes, and a corpus of malformed config, credentials and cache files, each
//! of which gives a clear error naming the file (or, for a cache, is treated as missing) when `ssoenv use`
//! meets it.

mod common;

use std::os::unix::fs::symlink;
use std::path::Path;

use common::Sandbox;
use proptest::prelude::*;
use ssoenv::cache::account_index::AccountIndex;
use ssoenv::cache::registration::Registration;
use ssoenv::cache::role_credentials::RoleCredentials;
use ssoenv::cache::token::SsoToken;
use ssoenv::config::Config;
use ssoenv::config::edit::{ConfigEditor, SectionRef};

/// INI-looking text: the characters and fragments the parser reacts to, in any order.
fn ini_like() -> impl Strategy<Value = String> {
    let fragment = prop_oneof![
        Just("[".to_owned()),
        Just("]".to_owned()),
        Just("[profile dev]\n".to_owned()),
        Just("[sso-session corp]\n".to_owned()),
        Just("[default]\n".to_owned()),
        Just("[DEFAULT]\n".to_owned()),
        Just("sso_session = corp\n".to_owned()),
        Just("s3 =\n".to_owned()),
        Just("  nested = x\n".to_owned()),
        Just("=".to_owned()),
        Just(":".to_owned()),
        Just("\n".to_owned()),
        Just("\r\n".to_owned()),
        Just("\r".to_owned()),
        Just(" ".to_owned()),
        Just("\t".to_owned()),
        Just("#".to_owned()),
        Just(";".to_owned()),
        Just("\"".to_owned()),
        Just("'".to_owned()),
        Just("\u{feff}".to_owned()),
        Just("\u{1c}".to_owned()),
        "[a-z_]{1,8}".prop_map(String::from),
        any::<String>(),
    ];
    prop::collection::vec(fragment, 0..40).prop_map(|parts| parts.concat())
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn the_config_reader_never_panics(text in ini_like(), bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let dir = tempfile::tempdir().unwrap();
        for content in [text.as_bytes(), &bytes] {
            let config = write(dir.path(), "config", content);
            let credentials = write(dir.path(), "credentials", content);
            if let Ok(loaded) = Config::load_files(config, credentials) {
                for name in ["dev", "default", "corp"] {
                    let _ = loaded.sso_profile(name);
                    let _ = loaded.login_target(name);
                    let _ = loaded.sso_session(name);
                }
            }
            for prefix in ["", "d", "\u{e9}"] {
                let _ = ssoenv::config::names::scan(&String::from_utf8_lossy(content), prefix);
            }
        }
    }

    #[test]
    fn the_writer_never_panics_and_what_it_writes_parses(text in ini_like(), name in "[ -~]{1,12}", value in "[ -~]{0,12}") {
        let dir = tempfile::tempdir().unwrap();
        let path = write(dir.path(), "config", text.as_bytes());
        if let Ok(mut editor) = ConfigEditor::open(&path) {
            let written = editor.set_section(SectionRef::Profile(&name), &[("region", &value)], &["output"]).is_ok();
            let block = editor.replace_block("corp", "[profile generated]\nsso_session = corp\n").is_ok();
            if written && block {
                prop_assert!(ssoenv::config::ini::parse(&editor.text()).is_ok(), "{:?}", editor.text());
            }
        }
    }

    #[test]
    fn the_cache_readers_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512), json in any::<String>()) {
        let dir = tempfile::tempdir().unwrap();
        let shaped = format!(
            "{{\"accessToken\": {json:?}, \"expiresAt\": {json:?}, \"clientId\": 1, \"Credentials\": {{\"Expiration\": {json:?}}}, \"accounts\": [{json:?}]}}"
        );
        for content in [bytes.as_slice(), shaped.as_bytes()] {
            let path = write(dir.path(), "cache.json", content);
            let _ = SsoToken::read(&path);
            let _ = Registration::read(&path);
            let _ = RoleCredentials::read(&path);
            let _ = AccountIndex::read_any_age(&path);
        }
    }
}

/// What `ssoenv use dev` must do with a corpus file.
enum Expect {
    /// Fail with an error that contains this (the file's path is checked separately for config files).
    Error(&'static str),
    /// Treat the file as missing (log in again, write a good one) and succeed.
    Success,
}

struct Case {
    name: &'static str,
    /// Which file: "config", "credentials", "token", "role", "registration".
    file: &'static str,
    bytes: Vec<u8>,
    expect: Expect,
}

fn case(name: &'static str, file: &'static str, bytes: impl Into<Vec<u8>>, expect: Expect) -> Case {
    Case { name, file, bytes: bytes.into(), expect }
}

fn config_with(extra: &str) -> String {
    let account = ssoenv::emulator::first_account_id(&ssoenv::emulator::EmulatorConfig::default()).unwrap();
    format!("{}{extra}", common::standard_config(&account))
}

fn corpus() -> Vec<Case> {
    use Expect::{Error, Success};
    let good = config_with("");
    let mut cases = vec![
        case("byte-order mark", "config", format!("\u{feff}{good}"), Error("byte-order mark")),
        case(
            "setting before any section",
            "config",
            format!("region = x\n{good}"),
            Error(":1: a setting before any [section]"),
        ),
        case("duplicate section", "config", config_with("\n[profile dev]\n"), Error("[profile dev] appears twice")),
        case(
            "duplicate key",
            "config",
            good.replace("region = eu-west-1\n", "region = eu-west-1\nRegion = x\n"),
            Error("region is set twice"),
        ),
        case(
            "line without delimiter",
            "config",
            config_with("\n[profile x]\njust words\n"),
            Error("neither a [section]"),
        ),
        case("empty key", "config", config_with("\n[profile x]\n= value\n"), Error("no key before")),
        case(
            "nested line without equals",
            "config",
            config_with("\n[profile x]\ns3 =\n  max_concurrent_requests\n"),
            Error("must be key = value"),
        ),
        case(
            "invalid UTF-8",
            "config",
            [good.as_bytes(), b"\n[profile \xff\xfe]\n"].concat(),
            Error("not valid UTF-8"),
        ),
        case("binary garbage", "config", (0u8..=255).cycle().take(4096).collect::<Vec<u8>>(), Error("config")),
        case("NUL bytes", "config", good.replace("eu-west-1", "eu-\0west-1"), Error("holds control characters")),
        case("truncated section header", "config", format!("{good}\n[profile de"), Error("neither a [section]")),
        case("lone bracket", "config", "[", Error("a setting before any [section]")),
        case("empty file", "config", "", Error("The config profile (dev) could not be found")),
        case("only comments", "config", "# nothing\n; here\n", Error("could not be found")),
        case(
            "unknown sso-session",
            "config",
            good.replace("sso_session = corp\nsso_account_id", "sso_session = nope\nsso_account_id"),
            Error("The specified sso-session does not exist: \"nope\""),
        ),
        case(
            "session without region",
            "config",
            good.replace("sso_region = us-east-1\nsso_registration_scopes", "sso_registration_scopes"),
            Error("sso_region"),
        ),
        case(
            "inconsistent start URL",
            "config",
            good.replace(
                "sso_session = corp\n",
                "sso_session = corp\nsso_start_url = https://other.awsapps.com/start\n",
            ),
            Error("inconsistent between profile"),
        ),
        case(
            "static keys next to sso keys (SSO wins, as in botocore)",
            "config",
            good.replace("sso_session = corp\n", "sso_session = corp\naws_access_key_id = AKIDEXAMPLE\n"),
            Success,
        ),
        case(
            "role_arn next to sso keys",
            "config",
            good.replace("sso_session = corp\n", "sso_session = corp\nrole_arn = arn:aws:iam::1:role/x\n"),
            Error("role_arn"),
        ),
        case(
            "plain http start URL",
            "config",
            good.replace("https://d-0000000000", "http://d-0000000000"),
            Error("must use the https scheme"),
        ),
        case(
            "start URL that is not a URL",
            "config",
            good.replace("https://d-0000000000.awsapps.com/start", "not a url"),
            Error("Invalid sso_start_url"),
        ),
        case(
            "region with shell characters",
            "config",
            good.replace("sso_region = us-east-1\nsso_registration", "sso_region = us-east-1;rm\nsso_registration"),
            Error("sso_region \"us-east-1;rm\" is not a region name"),
        ),
        case(
            "unknown login flow",
            "config",
            good.replace(
                "sso_region = us-east-1\nsso_registration",
                "sso_region = us-east-1\nssoenv_login_flow = carrier-pigeon\nsso_registration",
            ),
            Error("ssoenv_login_flow must be"),
        ),
        case(
            "profile without account and role",
            "config",
            good.replace("sso_account_id", "x_account_id").replace("sso_role_name = ReadOnly", "x = 1"),
            Error("not configured to use SSO"),
        ),
        case(
            "account ID missing",
            "config",
            good.replace("sso_account_id", "x_account_id"),
            Error("missing required configuration: sso_account_id"),
        ),
        case(
            "role name missing",
            "config",
            good.replacen("sso_role_name = ReadOnly\n", "", 1),
            Error("missing required configuration: sso_role_name"),
        ),
        case(
            "legacy profile without sso_region",
            "config",
            good.replacen("sso_session = corp\n", "sso_start_url = https://d-0000000000.awsapps.com/start\n", 1),
            Error("missing required configuration: sso_region"),
        ),
        case(
            "a 1 MB value",
            "config",
            good.replace("region = eu-west-1\n", &format!("region = eu-west-1\nnote = {}\n", "x".repeat(1 << 20))),
            Success,
        ),
        case("CR-only line endings", "config", good.replace('\n', "\r"), Success),
        case("CRLF line endings", "config", good.replace('\n', "\r\n"), Success),
        case("quoted profile name", "config", good.replace("[profile dev]", "[profile \"dev\"]"), Success),
        case(
            "5,000 other profiles",
            "config",
            (0..5000).fold(good.clone(), |mut text, i| {
                text.push_str(&format!(
                    "\n[profile p{i}]\nsso_session = corp\nsso_account_id = 1\nsso_role_name = R\n"
                ));
                text
            }),
            Success,
        ),
        case("credentials: byte-order mark", "credentials", "\u{feff}[dev]\n", Error("byte-order mark")),
        case("credentials: duplicate section", "credentials", "[dev]\na = 1\n[dev]\n", Error("appears twice")),
        case(
            "credentials: keys for an SSO profile (SSO wins, as in botocore)",
            "credentials",
            "[dev]\naws_access_key_id = AKIDEXAMPLE\naws_secret_access_key = x\n",
            Success,
        ),
        case(
            "credentials: binary garbage",
            "credentials",
            vec![0u8, 159, 146, 150, 0, 10, 91, 255],
            Error("credentials"),
        ),
        case(
            "credentials: another profile's keys",
            "credentials",
            "[other]\naws_access_key_id = AKIDEXAMPLE\n",
            Success,
        ),
    ];
    // Cache files: whatever is in them, they are read as missing, and the next login writes a good one.
    for file in ["token", "role", "registration"] {
        cases.extend([
            case("truncated JSON", file, "{\"accessToken\": \"aoa", Success),
            case("binary", file, vec![0u8, 1, 2, 255, 254, 0], Success),
            case("2 MB of JSON", file, format!("{{\"x\": \"{}\"}}", "y".repeat(2 << 20)), Success),
            case("wrong types", file, "{\"accessToken\": 1, \"expiresAt\": [], \"Credentials\": \"x\", \"clientId\": {}, \"expiresAt\": null}", Success),
            case("a JSON array", file, "[1, 2, 3]", Success),
            case("an expiry that is not a date", file, "{\"accessToken\": \"aoa\", \"expiresAt\": \"soon\", \"ProviderType\": \"sso\", \"Credentials\": {\"Expiration\": \"soon\"}}", Success),
        ]);
    }
    cases
}

fn cache_path(sandbox: &Sandbox, file: &str) -> std::path::PathBuf {
    let cached = |dir: std::path::PathBuf, keep: &dyn Fn(&serde_json::Value) -> bool| {
        std::fs::read_dir(&dir)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .find(|p| {
                p.extension().is_some_and(|e| e == "json")
                    && std::fs::read(p).ok().and_then(|b| serde_json::from_slice(&b).ok()).is_some_and(|v| keep(&v))
            })
            .unwrap_or_else(|| panic!("no cached {file} in {}", dir.display()))
    };
    match file {
        "token" => cached(sandbox.sso_cache(), &|v| v.get("accessToken").is_some()),
        "registration" => {
            cached(sandbox.sso_cache(), &|v| v.get("accessToken").is_none() && v.get("clientSecret").is_some())
        }
        "role" => cached(sandbox.home().join(".aws/cli/cache"), &|v| v.get("Credentials").is_some()),
        other => panic!("{other}"),
    }
}

#[test]
fn a_corpus_of_broken_files_gives_clear_errors_or_is_read_as_missing() {
    let corpus = corpus();
    assert!(corpus.len() >= 50, "{} cases", corpus.len());
    let mut failures = Vec::new();
    for case in &corpus {
        let sandbox = Sandbox::auto();
        let target = match case.file {
            "config" => sandbox.config_path(),
            "credentials" => sandbox.dir.path().join("credentials"),
            cache => {
                sandbox.run(&["use", "dev", "-s", "bash", "--flow", "device-code"]).ok();
                if cache == "token" {
                    // The role credentials would answer without the token.
                    let role = cache_path(&sandbox, "role");
                    std::fs::remove_file(role).unwrap();
                }
                cache_path(&sandbox, cache)
            }
        };
        std::fs::write(&target, &case.bytes).unwrap();
        let run = sandbox.run(&["use", "dev", "-s", "bash", "--flow", "device-code"]);
        let problem = match (&case.expect, run.code) {
            (Expect::Success, Some(0)) => None,
            (Expect::Error(says), Some(1)) => {
                let names_file = case.file != "config" && case.file != "credentials"
                    || run.stderr.contains(&target.display().to_string());
                if !run.stdout.is_empty() {
                    Some("stdout is not empty".to_owned())
                } else if !run.stderr.contains(says) {
                    Some(format!("the error does not say {says:?}"))
                } else if !names_file {
                    Some("the error does not name the file".to_owned())
                } else {
                    None
                }
            }
            (_, code) => Some(format!("exit code {code:?}")),
        };
        if let Some(problem) = problem {
            failures.push(format!("{} ({}): {problem}\n{}", case.name, case.file, run.stderr));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    common::record(
        "hostile-files",
        "malformed config, credentials and cache files met by `ssoenv use` (BOM, stray lines, duplicates, \
         invalid UTF-8, binary, NUL, truncation, huge values, wrong types, contradicting settings)",
        corpus.len(),
        "nothing: every config and credentials file gave a clear error naming the file (and line), or worked \
         where botocore reads it too; every broken cache file was read as missing and replaced by the next login",
    );
}

#[test]
fn links_folders_and_endless_files_where_files_should_be() {
    let sandbox = Sandbox::auto();
    let config = sandbox.config_path();
    let good = std::fs::read(&config).unwrap();
    // A link to itself (ELOOP), a link to nowhere, a folder, and /dev/zero (endless).
    std::fs::remove_file(&config).unwrap();
    symlink(&config, &config).unwrap();
    let run = sandbox.run(&["use", "dev", "-s", "bash"]);
    run.fails();
    assert!(run.stderr.contains(&format!("cannot read {}", config.display())), "{}", run.stderr);
    std::fs::remove_file(&config).unwrap();
    symlink(sandbox.dir.path().join("nowhere"), &config).unwrap();
    sandbox.run(&["use", "dev", "-s", "bash"]).fails();
    std::fs::remove_file(&config).unwrap();
    std::fs::create_dir(&config).unwrap();
    sandbox.run(&["use", "dev", "-s", "bash"]).fails();
    std::fs::remove_dir(&config).unwrap();
    std::fs::write(&config, &good).unwrap();
    // A cache file that never ends is read as missing (reads stop at 1 MiB).
    sandbox.run(&["use", "dev", "-s", "bash", "--flow", "device-code"]).ok();
    let token = cache_path(&sandbox, "token");
    let role = cache_path(&sandbox, "role");
    std::fs::remove_file(&token).unwrap();
    std::fs::remove_file(&role).unwrap();
    symlink("/dev/zero", &token).unwrap();
    let run = sandbox.run(&["use", "dev", "-s", "bash", "--no-login"]);
    run.fails();
    assert!(run.stderr.contains("this command may not log in"), "{}", run.stderr);
    // A folder where the token should be: the login cannot write it, and says so.
    std::fs::remove_file(&token).unwrap();
    std::fs::create_dir(&token).unwrap();
    let run = sandbox.run(&["use", "dev", "-s", "bash", "--flow", "device-code"]);
    run.fails();
    assert!(run.stderr.contains(&format!("cannot write {}", token.display())), "{}", run.stderr);
    common::record(
        "hostile-paths",
        "a config that links to itself or to nothing, a folder as the config or as the token file, /dev/zero \
         as the token file",
        5,
        "nothing: clear errors naming the file; the endless file read as missing (reads stop at 1 MiB)",
    );
}

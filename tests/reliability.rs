//! The reliability suite (issue 7): the whole tool attacked as the real world will, many times over. Each
//! test records what it ran and what was lost in target/tmp/reliability/, from which
//! `bash bench/reliability.sh` writes docs/reliability.md.

mod common;

use std::path::PathBuf;
use std::process::{Output, Stdio};
use std::time::{Duration, SystemTime};

use common::Sandbox;
use rand::RngExt;
use serde_json::Value;
use ssoenv::emulator::{EmulatorConfig, FaultConfig};

fn spawn_all(sandbox: &Sandbox, count: usize, args: &[&str]) -> Vec<Output> {
    let children: Vec<_> = (0..count)
        .map(|_| sandbox.command(args).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap())
        .collect();
    children.into_iter().map(|child| child.wait_with_output().unwrap()).collect()
}

fn exported_key(output: &Output) -> Option<String> {
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("export AWS_ACCESS_KEY_ID='").map(|k| k.trim_end_matches('\'').to_owned()))
}

fn cache_files(sandbox: &Sandbox) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for dir in [sandbox.sso_cache(), sandbox.home().join(".aws/cli/cache")] {
        if let Ok(entries) = std::fs::read_dir(dir) {
            files.extend(entries.flatten().map(|e| e.path()));
        }
    }
    files.sort();
    files
}

fn token_path(sandbox: &Sandbox) -> PathBuf {
    use sha1::{Digest, Sha1};
    let key: String = Sha1::digest(b"corp").iter().map(|b| format!("{b:02x}")).collect();
    sandbox.sso_cache().join(format!("{key}.json"))
}

#[test]
fn twenty_processes_that_need_a_login_make_one() {
    let sandbox = Sandbox::auto();
    // The person takes a moment to approve, so that all twenty wait at once.
    sandbox.set_browser("sleep 1; curl -sL -o /dev/null \"$1\"");
    let outputs = spawn_all(&sandbox, 20, &["use", "dev", "-s", "bash", "--flow", "device-code"]);
    for output in &outputs {
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        assert!(exported_key(output).is_some_and(|k| k.starts_with("ASIA")));
    }
    let stats = sandbox.api.stats();
    assert_eq!(stats["operations"]["StartDeviceAuthorization"], 1, "{stats}");
    assert_eq!(sandbox.browser_launches(), 1);
    // One fetch of role credentials too: the others found them cached under the role lock.
    assert_eq!(stats["operations"]["GetRoleCredentials"], 1, "{stats}");
    common::record(
        "concurrency-login",
        "20 processes run `ssoenv use dev` at once while a login is needed",
        20,
        "1 device authorization, 1 browser launch, 1 GetRoleCredentials; all 20 got credentials",
    );
}

#[test]
fn twenty_processes_in_the_refresh_window_make_one_refresh() {
    let sandbox =
        Sandbox::new(EmulatorConfig { auto_approve: true, token_ttl: Duration::from_secs(600), ..Default::default() });
    sandbox.run(&["login", "dev", "--flow", "device-code"]).ok();
    assert_eq!(sandbox.api.stats()["grant_types"]["refresh_token"], 0);
    // Ten-minute tokens are inside the 15-minute window: the next one to need the token refreshes it.
    let outputs = spawn_all(&sandbox, 20, &["use", "dev", "-s", "bash", "--no-login"]);
    for output in &outputs {
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    }
    let stats = sandbox.api.stats();
    assert_eq!(stats["grant_types"]["refresh_token"], 1, "{stats}");
    common::record(
        "concurrency-refresh",
        "20 processes run `ssoenv use dev` at once inside the refresh window",
        20,
        "1 refresh (CreateToken with the refresh token); all 20 got credentials",
    );
}

#[test]
fn fifty_processes_with_valid_caches_touch_neither_network_nor_cache() {
    let sandbox = Sandbox::auto();
    sandbox.run(&["use", "dev", "-s", "bash"]).ok();
    let requests = |sandbox: &Sandbox| -> u64 {
        let stats = sandbox.api.stats();
        stats["operations"].as_object().unwrap().values().map(|v| v.as_u64().unwrap()).sum()
    };
    let before_requests = requests(&sandbox);
    let snapshot = |sandbox: &Sandbox| -> Vec<(PathBuf, SystemTime, u64, Vec<u8>)> {
        use std::os::unix::fs::MetadataExt;
        cache_files(sandbox)
            .into_iter()
            .map(|p| {
                let meta = std::fs::metadata(&p).unwrap();
                let bytes = std::fs::read(&p).unwrap_or_default();
                (p, meta.modified().unwrap(), meta.ino(), bytes)
            })
            .collect()
    };
    let before = snapshot(&sandbox);
    let outputs = spawn_all(&sandbox, 50, &["use", "dev", "-s", "bash", "--no-login"]);
    let first = exported_key(&outputs[0]);
    for output in &outputs {
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        assert_eq!(exported_key(output), first);
    }
    assert_eq!(requests(&sandbox), before_requests, "no network call");
    assert_eq!(snapshot(&sandbox), before, "no cache file written, created or removed");
    common::record(
        "concurrency-cached",
        "50 processes run `ssoenv use dev` at once with valid caches",
        50,
        "no network call, no cache file written; all 50 got the same credentials",
    );
}

/// Every cache file parses as JSON (temporary files aside), and no lock is held.
fn check_caches_after_a_kill(sandbox: &Sandbox) -> Result<(), String> {
    for path in cache_files(sandbox) {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.ends_with(".ssoenv-tmp") {
            continue;
        }
        if name.ends_with(".lock") {
            // A browser that the killed process was starting may hold the lock for the instant before its
            // exec closes the descriptor; a lock that outlives that is a lock left held.
            let file = std::fs::File::open(&path).map_err(|e| format!("{name}: {e}"))?;
            let started = std::time::Instant::now();
            while file.try_lock().is_err() {
                if started.elapsed() > Duration::from_secs(2) {
                    return Err(format!("{name} is still locked two seconds after the kill"));
                }
                std::thread::sleep(Duration::from_millis(5));
            }
            file.unlock().unwrap();
            continue;
        }
        let bytes = std::fs::read(&path).map_err(|e| format!("{name}: {e}"))?;
        serde_json::from_slice::<Value>(&bytes).map_err(|e| format!("{name} does not parse: {e}"))?;
    }
    Ok(())
}

#[test]
fn kill_9_at_random_points_loses_nothing() {
    const KILLS: usize = 200;
    // Ten-minute tokens: every `use` that needs the token refreshes it; a little latency spreads each run
    // over enough time for the kills to land in every part of it.
    let sandbox = Sandbox::new(EmulatorConfig {
        auto_approve: true,
        token_ttl: Duration::from_secs(600),
        faults: FaultConfig { latency: Duration::from_millis(3), ..Default::default() },
        ..Default::default()
    });
    sandbox.run(&["use", "dev", "-s", "bash"]).ok();
    let role_cache = sandbox.home().join(".aws/cli/cache");
    let mut rng = rand::rng();
    let mut killed_running = 0;
    // Cache writes cut between their temporary file and its rename (each leaves a temporary file of its own).
    let mut cut_writes = std::collections::BTreeSet::new();
    for kill in 0..KILLS {
        // Force the work to redo: always the role credentials, every third time the login itself.
        for entry in std::fs::read_dir(&role_cache).unwrap().flatten() {
            if entry.path().extension().is_some_and(|e| e == "json") {
                std::fs::remove_file(entry.path()).unwrap();
            }
        }
        if kill % 3 == 0 {
            let _ = std::fs::remove_file(token_path(&sandbox));
        }
        let mut child =
            sandbox.command(&["use", "dev", "-s", "bash"]).stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
        std::thread::sleep(Duration::from_micros(rng.random_range(0..60_000)));
        if child.try_wait().unwrap().is_none() {
            killed_running += 1;
        }
        child.kill().unwrap_or(());
        child.wait().unwrap();
        if let Err(problem) = check_caches_after_a_kill(&sandbox) {
            panic!("after kill {kill}: {problem}");
        }
        cut_writes.extend(cache_files(&sandbox).into_iter().filter(|p| p.to_string_lossy().ends_with(".ssoenv-tmp")));
    }
    assert!(killed_running > KILLS / 2, "most kills must land while ssoenv runs ({killed_running} of {KILLS})");
    let run = sandbox.run(&["use", "dev", "-s", "bash"]);
    run.ok();
    check_caches_after_a_kill(&sandbox).unwrap();
    // Leftover temporary files do not pile up: at most one per target, and none for what was just written.
    let temps: Vec<String> = cache_files(&sandbox)
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".ssoenv-tmp"))
        .collect();
    let mut targets: Vec<&str> = temps.iter().map(|n| n.rsplitn(3, '.').last().unwrap()).collect();
    let count = targets.len();
    targets.dedup();
    assert_eq!(targets.len(), count, "one leftover per target at most: {temps:?}");
    let token_name = token_path(&sandbox).file_name().unwrap().to_string_lossy().into_owned();
    assert!(!temps.iter().any(|t| t.starts_with(&format!(".{token_name}."))), "{temps:?}");
    common::record(
        "crash",
        "kill -9 at a random point of `use` (login, refresh, role credentials, cache writes)",
        KILLS,
        &format!(
            "nothing: {killed_running} kills landed mid-run, {} of them inside a cache write (between the temporary \
             file and the rename); every cache file parsed, no lock stayed held, the next `use` succeeded, {} \
             temporary file(s) left (at most one per file)",
            cut_writes.len(),
            temps.len()
        ),
    );
}

/// This machine's address on its network, if it has one: where a listener bound to all interfaces would
/// also answer. (Connecting a UDP socket sends nothing.)
fn non_loopback_address() -> Option<std::net::IpAddr> {
    let socket = std::net::UdpSocket::bind("0.0.0.0:0").ok()?;
    socket.connect("192.0.2.1:9").ok()?;
    Some(socket.local_addr().ok()?.ip()).filter(|ip| !ip.is_loopback() && !ip.is_unspecified())
}

#[test]
fn the_pkce_listener_answers_loopback_only_and_refuses_a_wrong_state() {
    let Some(address) = non_loopback_address() else {
        eprintln!("notice: this machine has no non-loopback address; only the state check runs");
        return;
    };
    let sandbox = Sandbox::auto();
    // Before approving, the browser tries the listener's port on the machine's network address, and sends a
    // forged callback with a wrong state to the loopback one.
    sandbox.set_browser(&format!(
        "port=$(echo \"$1\" | sed 's/.*redirect_uri=http%3A%2F%2F127.0.0.1%3A\\([0-9]*\\).*/\\1/'); \
         curl -s -m 2 -o /dev/null \"http://{address}:$port/oauth/callback?code=x&state=y\"; \
         echo \"network:$?\" >> \"$(dirname \"$0\")/probe.log\"; \
         status=$(curl -s -o /dev/null -w '%{{http_code}}' \"http://127.0.0.1:$port/oauth/callback?code=forged&state=wrong\"); \
         echo \"forged:$status\" >> \"$(dirname \"$0\")/probe.log\"; curl -sL -o /dev/null \"$1\""
    ));
    sandbox.run(&["login", "dev", "--flow", "pkce"]).ok();
    let probe = std::fs::read_to_string(sandbox.dir.path().join("probe.log")).unwrap();
    // curl's exit code 7: the connection was refused.
    assert_eq!(probe, "network:7\nforged:400\n", "{probe}");
    common::record(
        "pkce-listener",
        "the PKCE callback listener probed from the machine's network address, then sent a callback with a \
         wrong state",
        2,
        "nothing: the network address is refused (bound to 127.0.0.1 only); the forged callback gets 400 and the \
         login completes with the real one",
    );
}

#[test]
fn plain_http_to_another_host_is_refused_before_any_request() {
    let sandbox = Sandbox::auto();
    sandbox.run(&["login", "dev", "--flow", "device-code"]).ok();
    let cases: [(&str, &str, &[&str]); 3] = [
        ("AWS_ENDPOINT_URL_SSO", "http://192.0.2.1", &["use", "dev", "-s", "bash", "--no-login"]),
        ("AWS_ENDPOINT_URL_SSO", "http://example.com:8080/", &["accounts", "dev", "--refresh", "--no-login"]),
        ("AWS_ENDPOINT_URL_SIGNIN", "http://192.0.2.1", &["console", "dev", "--print", "--no-login"]),
    ];
    for (variable, url, args) in cases {
        let output = sandbox.command(args).env(variable, url).output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        sandbox.check_no_secret_in(&stderr, args);
        assert_eq!(output.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(output.stdout.is_empty(), "{args:?}");
        assert!(stderr.contains("uses plain http:// to a host that is not this machine"), "{args:?}: {stderr}");
    }
    common::record(
        "plain-http",
        "an http:// endpoint override to a host that is not this machine (portal for `use` and `accounts`, \
         sign-in for `console`)",
        cases.len(),
        "nothing sent: each refused with a clear error before any connection",
    );
}

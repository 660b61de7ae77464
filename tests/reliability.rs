//! The reliability suite (issue 7): the whole tool attacked as the real world will, many times over. Each
//! test records what it ran and what was lost in target/tmp/reliability/, from which
//! `bash bench/reliability.sh` writes docs/reliability.md.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
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

/// Deletes what makes `use` redo its work: always the role credentials, and when `login` the token too.
fn force_work(sandbox: &Sandbox, login: bool) {
    let role_cache = sandbox.home().join(".aws/cli/cache");
    for entry in std::fs::read_dir(&role_cache).unwrap().flatten() {
        if entry.path().extension().is_some_and(|e| e == "json") {
            std::fs::remove_file(entry.path()).unwrap();
        }
    }
    if login {
        let _ = std::fs::remove_file(token_path(sandbox));
    }
}

fn temp_files(sandbox: &Sandbox) -> Vec<PathBuf> {
    cache_files(sandbox).into_iter().filter(|p| p.to_string_lossy().ends_with(".ssoenv-tmp")).collect()
}

/// The pid of the one process strace started (its child).
fn traced_child(strace: u32) -> Option<u32> {
    let children = std::fs::read_to_string(format!("/proc/{strace}/task/{strace}/children")).ok()?;
    children.split_whitespace().next()?.parse().ok()
}

/// Runs `use` under strace with every rename(2) delayed by 300 ms, and kills ssoenv the moment a temporary
/// file that `wanted` accepts appears: its bytes are written and its rename is pending, the very middle of a
/// cache write. Returns the temporary file the kill left, if the run got that far.
fn kill_inside_a_write(sandbox: &Sandbox, wanted: &dyn Fn(&Path) -> bool) -> Option<PathBuf> {
    let before = temp_files(sandbox);
    let renames = "rename,renameat,renameat2";
    let mut strace = Command::new("strace")
        .args(["-f", "-qq", "-o", "/dev/null", "-e", &format!("trace={renames}")])
        .args(["-e", &format!("inject={renames}:delay_enter=300000")])
        .args([common::ssoenv_bin(), "use", "dev", "-s", "bash", "--flow", "device-code"])
        .env_clear()
        .envs(sandbox.envs())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    let mut cut = None;
    while started.elapsed() < Duration::from_secs(20) && strace.try_wait().unwrap().is_none() {
        if let Some(new) = temp_files(sandbox).into_iter().find(|t| !before.contains(t) && wanted(t)) {
            if let Some(pid) = traced_child(strace.id()) {
                Command::new("kill").args(["-9", &pid.to_string()]).status().unwrap();
                cut = Some(new);
            }
            break;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    let _ = strace.kill();
    strace.wait().unwrap();
    cut
}

#[test]
fn kill_9_at_random_points_and_inside_cache_writes_loses_nothing() {
    const RANDOM_KILLS: usize = 150;
    const WRITE_KILLS: usize = 50;
    if !common::require_tool("strace", common::has_command("strace", "-V")) {
        return;
    }
    // Ten-minute tokens: every `use` that needs the token refreshes it; a little latency spreads each run
    // over enough time for the random kills to land in every part of it.
    let sandbox = Sandbox::new(EmulatorConfig {
        auto_approve: true,
        token_ttl: Duration::from_secs(600),
        // Device logins poll at once: each login is a few requests, not a second of waiting.
        device_interval: Duration::ZERO,
        faults: FaultConfig { latency: Duration::from_millis(3), ..Default::default() },
        ..Default::default()
    });
    let args = ["use", "dev", "-s", "bash", "--flow", "device-code"];
    sandbox.run(&args).ok();
    let mut rng = rand::rng();
    let mut killed_running = 0;
    for kill in 0..RANDOM_KILLS {
        force_work(&sandbox, kill % 3 == 0);
        let mut child = sandbox.command(&args).stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
        std::thread::sleep(Duration::from_micros(rng.random_range(0..60_000)));
        if child.try_wait().unwrap().is_none() {
            killed_running += 1;
        }
        child.kill().unwrap_or(());
        child.wait().unwrap();
        if let Err(problem) = check_caches_after_a_kill(&sandbox) {
            panic!("after random kill {kill}: {problem}");
        }
    }
    assert!(killed_running > RANDOM_KILLS / 2, "most kills must land while ssoenv runs ({killed_running})");

    // Each targeted kill cuts one kind of write, in turn: the token of a new login, the token of a refresh,
    // the role credentials, and the client registration.
    let mut cut = std::collections::BTreeMap::<&str, usize>::new();
    let token_name = token_path(&sandbox).file_name().unwrap().to_string_lossy().into_owned();
    let is_token = |t: &Path| t.file_name().unwrap().to_string_lossy().starts_with(&format!(".{token_name}."));
    let is_role = |t: &Path| t.starts_with(sandbox.home().join(".aws/cli"));
    let is_registration = |t: &Path| !is_token(t) && !is_role(t);
    for kill in 0..WRITE_KILLS {
        let (kind, wanted): (&str, &dyn Fn(&Path) -> bool) = match kill % 4 {
            0 => ("token of a login", &is_token),
            1 => ("token of a refresh", &is_token),
            2 => ("role credentials", &is_role),
            _ => ("registration", &is_registration),
        };
        force_work(&sandbox, kill % 4 == 0 || kill % 4 == 3);
        if kill % 4 == 3 {
            for registration in cache_files(&sandbox).into_iter().filter(|p| {
                p.extension().is_some_and(|e| e == "json")
                    && std::fs::read(p)
                        .ok()
                        .and_then(|b| serde_json::from_slice::<Value>(&b).ok())
                        .is_some_and(|v| v.get("clientSecret").is_some() && v.get("accessToken").is_none())
            }) {
                std::fs::remove_file(registration).unwrap();
            }
        }
        if kill_inside_a_write(&sandbox, wanted).is_none() {
            panic!("targeted kill {kill} found no write of the {kind} to cut");
        }
        *cut.entry(kind).or_default() += 1;
        if let Err(problem) = check_caches_after_a_kill(&sandbox) {
            panic!("after the kill inside a write of the {kind}: {problem}");
        }
    }

    let run = sandbox.run(&args);
    run.ok();
    check_caches_after_a_kill(&sandbox).unwrap();
    // Leftover temporary files do not pile up: at most one per target, and none for what was just written.
    let temps: Vec<String> =
        temp_files(&sandbox).iter().map(|p| p.file_name().unwrap().to_string_lossy().into_owned()).collect();
    let mut targets: Vec<&str> = temps.iter().map(|n| n.rsplitn(3, '.').last().unwrap()).collect();
    let count = targets.len();
    targets.sort();
    targets.dedup();
    assert_eq!(targets.len(), count, "one leftover per target at most: {temps:?}");
    assert!(!temps.iter().any(|t| t.starts_with(&format!(".{token_name}."))), "{temps:?}");
    let cuts: Vec<String> = cut.iter().map(|(kind, n)| format!("{n} of the {kind}")).collect();
    common::record(
        "crash",
        "kill -9 at a random point of `use` (login, refresh, role credentials), and inside cache writes (strace \
         delays each rename(2), and the kill lands once the temporary file is written)",
        RANDOM_KILLS + WRITE_KILLS,
        &format!(
            "nothing: {killed_running} of the {RANDOM_KILLS} random kills landed mid-run; the {WRITE_KILLS} kills \
             inside writes cut {}; every cache file parsed after each kill, no lock stayed held, the next `use` \
             succeeded, {} temporary file(s) left (at most one per file)",
            cuts.join(", "),
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
    let address = non_loopback_address();
    if address.is_none() {
        eprintln!("notice: this machine has no non-loopback address; the state check runs without the probe");
    }
    let sandbox = Sandbox::auto();
    // Before approving, the browser tries the listener's port on the machine's network address (when it has
    // one), and sends a forged callback with a wrong state to the loopback one.
    let probe = address.map_or(String::new(), |address| {
        format!(
            "curl -s -m 2 -o /dev/null \"http://{address}:$port/oauth/callback?code=x&state=y\"; \
             echo \"network:$?\" >> \"$(dirname \"$0\")/probe.log\"; "
        )
    });
    sandbox.set_browser(&format!(
        "port=$(echo \"$1\" | sed 's/.*redirect_uri=http%3A%2F%2F127.0.0.1%3A\\([0-9]*\\).*/\\1/'); {probe}\
         status=$(curl -s -o /dev/null -w '%{{http_code}}' \"http://127.0.0.1:$port/oauth/callback?code=forged&state=wrong\"); \
         echo \"forged:$status\" >> \"$(dirname \"$0\")/probe.log\"; curl -sL -o /dev/null \"$1\""
    ));
    sandbox.run(&["login", "dev", "--flow", "pkce"]).ok();
    let log = std::fs::read_to_string(sandbox.dir.path().join("probe.log")).unwrap();
    // curl's exit code 7: the connection was refused.
    let expected = if address.is_some() { "network:7\nforged:400\n" } else { "forged:400\n" };
    assert_eq!(log, expected);
    common::record(
        "pkce-listener",
        "the PKCE callback listener probed from the machine's network address, then sent a callback with a \
         wrong state",
        log.lines().count(),
        if address.is_some() {
            "nothing: the network address is refused (bound to 127.0.0.1 only); the forged callback gets 400 and \
             the login completes with the real one"
        } else {
            "nothing: the forged callback gets 400 and the login completes with the real one (this machine had no \
             network address to probe from)"
        },
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

#!/usr/bin/env bash
# Regenerates docs/reliability.md: runs the whole test suite with CI=true (so that no test skips), then writes
# the table of attacks from the rows the tests recorded in target/tmp/reliability/ (tests/common `record`),
# and the count of commands the harness checked for secrets on stderr and for file permissions.
# Needs what the test suite needs (.ci/install). Takes about as long as the suite.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

rm -rf target/tmp/reliability
CI=true cargo test --locked --quiet > target/reliability-test.log 2>&1 || {
    tail -40 target/reliability-test.log
    exit 1
}

python3 - "$(date -u +%Y-%m-%d)" "$(rustc --version)" << 'PYTHON'
import json, pathlib, platform, sys

date, rustc = sys.argv[1], sys.argv[2]
rows_dir = pathlib.Path("target/tmp/reliability")
order = [
    "concurrency-login", "concurrency-refresh", "concurrency-cached", "crash",
    "server-refused", "server-reset", "server-silent", "server-trickle", "server-huge", "server-answers",
    "hostile-files", "hostile-paths", "hostile-names", "hostile-values",
    "pkce-listener", "plain-http",
]
rows = {path.stem: json.loads(path.read_text()) for path in rows_dir.glob("*.json")}
missing = [name for name in order if name not in rows]
if missing:
    sys.exit(f"no record from: {', '.join(missing)} (did a test skip or fail?)")
extra = sorted(set(rows) - set(order))
checked = len((rows_dir / "checked-commands.log").read_text().splitlines())

def cell(text):
    return text.replace("|", "\\|").replace("\n", " ")

lines = [
    "# Reliability: what ssoenv held",
    "",
    "Each row is an attack the test suite makes on the whole tool, how many times it ran, and what was lost",
    "(the goal: nothing, ever). Regenerate with `bash bench/reliability.sh`, which runs the whole suite with",
    "`CI=true` (no test may skip) and writes this file from what the tests recorded.",
    "",
    f"Last run: {date}, {platform.system()} {platform.machine()}, {rustc}.",
    "",
    "| attack | runs | lost |",
    "|---|---:|---|",
]
for name in order + extra:
    row = rows[name]
    lines.append(f"| {cell(row['attack'])} | {row['runs']:,} | {cell(row['outcome'])} |")
lines.append(
    f"| every command the test suite runs through its harness: stderr scanned for every secret the emulator "
    f"issued or the caches hold (tokens, refresh tokens, client secrets, secret keys, session and sign-in "
    f"tokens); what the command wrote under ~/.aws checked for mode 0600 (files) and 0700 (new folders) | "
    f"{checked:,} | nothing: no secret on stderr, no file or folder with wider permissions |"
)
lines += [
    "",
    "Where each attack lives: tests/reliability.rs (concurrency, crashes, the PKCE listener, plain-text",
    "transport), tests/hostile_servers.rs (a raw TCP server as the portal), tests/hostile_files.rs (property",
    "tests of the parser, the writer and the cache readers, and the corpus of broken files), tests/shells.rs",
    "(hostile names and values in the real shells), tests/common/mod.rs (the harness checks after every",
    "command).",
]
pathlib.Path("docs/reliability.md").write_text("\n".join(lines) + "\n")
print(f"docs/reliability.md: {len(order) + len(extra) + 1} rows, {checked} commands checked")
PYTHON

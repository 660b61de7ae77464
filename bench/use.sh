#!/usr/bin/env bash
# `ssoenv use PROFILE` with valid cached role credentials, side by side in one hyperfine run with a Rust binary
# that does nothing (process start is the floor) and a boto3 one-liner exporting the same profile's
# credentials; then the peak memory of each. Prints a Markdown table; bench/README.md records the figures.
# Needs: cargo, rustc, hyperfine, python3, curl, GNU time (/usr/bin/time, Debian package time). Runs the
# emulator on loopback; touches nothing outside a temporary folder.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

cargo build --release --quiet # dynamically linked, the default
cargo build-static --quiet     # statically linked, what bench/README.md recommends on Linux x86_64
static=target/x86_64-unknown-linux-gnu/release/ssoenv
work=$(mktemp -d)
emulator_pid=
cleanup() {
    [[ -n $emulator_pid ]] && kill "$emulator_pid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

printf 'fn main() {}\n' > "$work/noop.rs"
rustc -O -o "$work/noop" "$work/noop.rs"
# Linked as `cargo build-static` links ssoenv: static and not position-independent.
rustc -O -C target-feature=+crt-static -C relocation-model=static -o "$work/noop-static" "$work/noop.rs"

if [[ ! -x target/bench-venv/bin/python ]]; then
    python3 -m venv target/bench-venv
fi
target/bench-venv/bin/pip install --quiet --disable-pip-version-check -r bench/requirements.txt

"$static" emulator --auto-approve --quiet > "$work/url" 2>/dev/null &
emulator_pid=$!
for _ in $(seq 50); do [[ -s $work/url ]] && break; sleep 0.1; done
url=$(head -1 "$work/url")

mkdir -p "$work/home"
export HOME=$work/home AWS_CONFIG_FILE=$work/config AWS_ENDPOINT_URL_SSO_OIDC=$url AWS_ENDPOINT_URL_SSO=$url
export BROWSER="curl -sL -o /dev/null"
cat > "$AWS_CONFIG_FILE" <<CONFIG
[sso-session corp]
sso_start_url = https://d-0000000000.awsapps.com/start
sso_region = us-east-1
sso_registration_scopes = sso:account:access

[profile dev]
sso_session = corp
sso_account_id = 487420489017
sso_role_name = ReadOnly
region = eu-west-1
CONFIG
target/release/ssoenv use dev -s bash > /dev/null 2>&1 # logs in and caches the role credentials

boto3_one_liner='import boto3; c = boto3.Session(profile_name="dev").get_credentials().get_frozen_credentials(); print(f"export AWS_ACCESS_KEY_ID={c.access_key}\nexport AWS_SECRET_ACCESS_KEY={c.secret_key}\nexport AWS_SESSION_TOKEN={c.token}")'

hyperfine --shell=none --warmup 50 --runs 1000 --export-markdown "$work/time.md" \
    -n 'noop (Rust, does nothing; default build)' "$work/noop" \
    -n 'noop (static)' "$work/noop-static" \
    -n 'ssoenv use dev (static)' "$static use dev -s bash" \
    -n 'ssoenv use dev (default build)' 'target/release/ssoenv use dev -s bash' > /dev/null
hyperfine --shell=none --warmup 2 --runs 20 --export-markdown "$work/boto3.md" \
    -n 'boto3 one-liner' "target/bench-venv/bin/python -c '$boto3_one_liner'" > /dev/null

# The same `use` with 5,000 other profiles in the config (what `configure populate` makes for a large
# organisation): the whole file is still checked, but only the profile in use is kept.
big=$work/big-config
{
    cat "$AWS_CONFIG_FILE"
    for i in $(seq 5000); do
        printf '\n[profile team-%s]\nsso_session = corp\nsso_account_id = %012d\nsso_role_name = ReadOnly\n' "$i" "$i"
    done
} > "$big"
AWS_CONFIG_FILE=$big hyperfine --shell=none --warmup 10 --runs 200 --export-markdown "$work/big.md" \
    -n 'ssoenv use dev, 5,000 profiles (static)' "$static use dev -s bash" \
    -n 'ssoenv use dev, 5,000 profiles (default build)' 'target/release/ssoenv use dev -s bash' > /dev/null

echo "### Wall time"
cat "$work/time.md"
tail -n 1 "$work/boto3.md"
tail -n 2 "$work/big.md"
echo
echo "### Peak memory (KiB)"
echo "| command | max RSS |"
echo "|:---|---:|"
# GNU time forks from a small C process, so the child's peak is its own (a Python parent's would be inherited).
peak() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -n 1; }
echo "| noop (default build) | $(peak "$work/noop") |"
echo "| ssoenv use dev (static) | $(peak "$static" use dev -s bash) |"
echo "| ssoenv use dev (default build) | $(peak target/release/ssoenv use dev -s bash) |"
echo "| boto3 one-liner | $(peak target/bench-venv/bin/python -c "$boto3_one_liner") |"

#!/usr/bin/env bash
# `ssoenv prompt` and dynamic completion, timed with hyperfine:
#  - the prompt beside a do-nothing Rust binary linked the same way (goal: at most 1.2x), and beside
#    `starship module aws` (goal: faster), with the variables of an active profile set; the static build
#    (non-PIE since issue 5) is set beside both a non-PIE and a PIE static do-nothing binary, the latter being
#    what `-C target-feature=+crt-static` alone gives;
#  - the minor page faults of each (GNU time), which is where a short command's time goes;
#  - completing `ssoenv use d<Tab>` with a 5,000-profile config (goal: under 10 ms).
# Needs: cargo, rustc, hyperfine, GNU time (/usr/bin/time); starship in target/bench-tools (cargo install
# starship --locked --root target/bench-tools), else its row is left out. Prints Markdown; bench/README.md records the figures.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

cargo build --release --quiet
cargo build-static --quiet
static=target/x86_64-unknown-linux-gnu/release/ssoenv
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

printf 'fn main() {}\n' > "$work/noop.rs"
rustc -O -o "$work/noop" "$work/noop.rs"
rustc -O -C target-feature=+crt-static -o "$work/noop-static-pie" "$work/noop.rs"
rustc -O -C target-feature=+crt-static -C relocation-model=static -o "$work/noop-static" "$work/noop.rs"

export SSOENV_PROFILE=dev AWS_PROFILE=dev AWS_REGION=eu-west-1 NO_COLOR=1
AWS_CREDENTIAL_EXPIRATION=$(date -u -d '+42 min' +%Y-%m-%dT%H:%M:%SZ)
SSOENV_SESSION_EXPIRATION=$(date -u -d '+8 hours' +%Y-%m-%dT%H:%M:%SZ)
export AWS_CREDENTIAL_EXPIRATION SSOENV_SESSION_EXPIRATION
# starship's aws module reads the config file for the region when it must; give it one with the profile.
export AWS_CONFIG_FILE=$work/config HOME=$work
printf '[profile dev]\nregion = eu-west-1\n' > "$AWS_CONFIG_FILE"

commands=(
    -n 'noop (default build)' "$work/noop"
    -n 'noop (static, PIE)' "$work/noop-static-pie"
    -n 'noop (static, non-PIE)' "$work/noop-static"
    -n 'ssoenv prompt (default build)' 'target/release/ssoenv prompt'
    -n 'ssoenv prompt (static)' "$static prompt"
)
if [[ -x target/bench-tools/bin/starship ]]; then
    commands+=(-n 'starship module aws' 'target/bench-tools/bin/starship module aws')
fi
echo "### Prompt"
hyperfine --shell=none --warmup 100 --runs 3000 --export-markdown "$work/prompt.md" "${commands[@]}" > /dev/null
cat "$work/prompt.md"

echo
echo "| command | minor page faults |"
echo "|:---|---:|"
for i in $(seq 0 3 $((${#commands[@]} - 1))); do
    read -ra argv <<< "${commands[i + 2]}"
    faults=$(/usr/bin/time -f %R "${argv[@]}" 2>&1 > /dev/null)
    echo "| ${commands[i + 1]} | $faults |"
done

# 5,000 profiles, a tenth of them starting with d.
{
    printf '[sso-session corp]\nsso_start_url = https://d-0000000000.awsapps.com/start\nsso_region = us-east-1\n'
    for i in $(seq 5000); do
        if ((i % 10 == 0)); then name=dev-$i; else name=team-$i; fi
        printf '\n[profile %s]\nsso_session = corp\nsso_account_id = %012d\nsso_role_name = ReadOnly\n' "$name" "$i"
    done
} > "$work/config"
export _CLAP_COMPLETE_INDEX=2 _CLAP_IFS=$'\n' COMPLETE=bash
echo
echo "### Completing \`ssoenv use d\` with 5,000 profiles ($(COMPLETE=bash "$static" -- ssoenv use d | wc -l) candidates)"
hyperfine --shell=none --warmup 20 --runs 300 --export-markdown "$work/complete.md" \
    -n 'static' "$static -- ssoenv use d" \
    -n 'default build' "target/release/ssoenv -- ssoenv use d" > /dev/null
cat "$work/complete.md"

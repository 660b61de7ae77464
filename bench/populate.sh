#!/usr/bin/env bash
# `ssoenv configure populate` over 1,000 accounts × 3 roles against the emulator:
#  - with --latency 20ms: goal within 1.3x of the bound its concurrency sets,
#    (ListAccounts pages + ListAccountRoles calls) / concurrency × latency;
#  - with --throttle 50: no failed account (exit 0, 3,000 profiles), within 1.5x of the bound the throttle
#    sets, (pages + role calls) / 50 per second; once without and once with Retry-After.
# Needs: cargo, curl. Prints Markdown; bench/README.md records the figures.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

cargo build --release --quiet
bin=$PWD/target/release/ssoenv
work=$(mktemp -d)
emulator=
stop_emulator() {
    if [[ -n $emulator ]]; then
        kill "$emulator" 2> /dev/null || true
        wait "$emulator" 2> /dev/null || true
    fi
}
cleanup() {
    stop_emulator
    rm -rf "$work"
}
trap cleanup EXIT

accounts=1000
roles=Admin,Developer,ReadOnly
concurrency=10
pages=$(((accounts + 99) / 100))
calls=$((pages + accounts))
runs=3

start_emulator() {
    stop_emulator
    rm -f "$work/url"
    "$bin" emulator --auto-approve --quiet --accounts "$accounts" --roles "$roles" "$@" > "$work/url" 2> /dev/null &
    emulator=$!
    until [[ -s $work/url ]]; do sleep 0.05; done
    url=$(head -1 "$work/url")
    export AWS_ENDPOINT_URL_SSO_OIDC=$url AWS_ENDPOINT_URL_SSO=$url
    rm -rf "${work:?}/home"
    printf '[sso-session corp]\nsso_start_url = https://d-0000000000.awsapps.com/start\nsso_region = us-east-1\n' > "$work/config.orig"
    cp "$work/config.orig" "$work/config"
    "$bin" login --sso-session corp --flow device-code 2> /dev/null
}

export HOME=$work/home AWS_CONFIG_FILE=$work/config BROWSER='curl -sL -o /dev/null'

# Median wall time of $runs populate runs, each on the original config; fails unless every run wrote all
# 3,000 profiles with exit 0 (no failed account).
measure() {
    local times=()
    throttled=0
    for _ in $(seq "$runs"); do
        cp "$work/config.orig" "$work/config"
        local start end
        start=$(date +%s.%N)
        "$bin" configure populate --sso-session corp --concurrency "$concurrency" 2> "$work/err" || {
            cat "$work/err" >&2
            exit 1
        }
        end=$(date +%s.%N)
        grep -q "3000 profiles for sso-session corp: 3000 added" "$work/err" || { cat "$work/err" >&2; exit 1; }
        throttled=$(grep -o 'throttled [0-9]* requests' "$work/err" | grep -o '[0-9]*' || echo 0)
        times+=("$(echo "$end - $start" | bc -l)")
    done
    median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(((runs + 1) / 2))p")
}

# One table row: the emulator's flags, then the goal, with $bound, $median and $throttled.
row() {
    # shellcheck disable=SC2016 # the backticks are Markdown
    printf '| `%s` | %.2f s | %.2f s | %.2f× | %s | %s |\n' \
        "$1" "$bound" "$median" "$(echo "$median / $bound" | bc -l)" "$2" "$throttled"
}

echo "### configure populate: $accounts accounts × 3 roles ($pages ListAccounts pages + $accounts ListAccountRoles calls, --concurrency $concurrency, median of $runs runs)"
echo
echo "| emulator | bound | measured | ratio | goal | 429s answered (last run) |"
echo "|---|---|---|---|---|---|"

start_emulator --latency 20ms
bound=$(echo "$calls / $concurrency * 0.020" | bc -l)
measure
row '--latency 20ms' '≤ 1.3×'

start_emulator --throttle 50
bound=$(echo "$calls / 50" | bc -l)
measure
row '--throttle 50' '≤ 1.5×'

start_emulator --throttle 50 --retry-after 1
measure
row '--throttle 50 --retry-after 1' '≤ 1.5×'

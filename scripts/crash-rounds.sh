#!/usr/bin/env bash
# Kill the server with SIGKILL under 8 concurrent writers N times (default
# 100), restarting it on the same database each round, and report how many
# rounds kept every acknowledged write and passed integrity_check.
#
#   scripts/crash-rounds.sh [N]
set -uo pipefail
cd "$(dirname "$0")/.."
. scripts/toolchain.sh
n="${1:-100}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/huoban" . || exit 1
log="${CRASH_LOG:-$work/rounds.log}"
start=$(date +%s)
HUOBAN_CRASH_BIN="$work/huoban" go test -run '^TestCrashLosesNoAcknowledgedWrite$' -count="$n" -v ./crash >"$log" 2>&1
rc=$?
passed=$(grep -c -- '--- PASS: TestCrash' "$log")
failed=$(grep -c -- '--- FAIL: TestCrash' "$log")
writes=$(grep -oE '[0-9]+ acknowledged buyers checked' "$log" | awk '{s+=$1} END {print s+0}')
echo "crash rounds: $n run, $passed passed, $failed failed; $writes acknowledged buyers checked in all; $(( $(date +%s) - start ))s"
[ $rc -eq 0 ] || { grep -A20 -- '--- FAIL' "$log" | head -60; exit 1; }

#!/usr/bin/env bash
# Run every Go fuzz target (func FuzzXxx in any *_test.go) for a duration,
# one target at a time, and print a summary line per target.
#
#   scripts/fuzz.sh [DURATION]      e.g. scripts/fuzz.sh 60s  (default 60s)
#
# FUZZ_MINIMIZE caps the time spent shrinking each new input (default 5s, so
# slow HTTP-level targets spend their time fuzzing, not minimizing).
# FUZZ_PARALLEL sets the fuzz workers per target (default 1: the machines are
# shared). FUZZ_ONLY is a regexp of target names to run (default: all).
# A failure leaves its input in PKG/testdata/fuzz/FuzzXxx/ (commit it:
# plain `go test` then replays it) and makes the script exit 1.
set -uo pipefail
cd "$(dirname "$0")/.."
. scripts/toolchain.sh
dur="${1:-60s}"
par="${FUZZ_PARALLEL:-1}"
logdir="${FUZZ_LOGS:-$(mktemp -d)}"
mkdir -p "$logdir"
status=0
printf '%-28s %-10s %-8s %-14s %s\n' target package time execs result
while IFS=: read -r file _ line; do
  name=$(sed -E 's/^func (Fuzz[A-Za-z0-9_]*)\(.*/\1/' <<<"$line")
  [[ "$name" =~ ${FUZZ_ONLY:-.} ]] || continue
  pkg="./$(dirname "${file#./}")"
  log="$logdir/$name.log"
  go test -v -run '^$' -fuzz "^${name}\$" -fuzztime "$dur" -fuzzminimizetime "${FUZZ_MINIMIZE:-5s}" -parallel "$par" "$pkg" >"$log" 2>&1
  rc=$?
  execs=$(grep -oE 'execs: [0-9]+' "$log" | tail -1 | awk '{print $2}')
  result=ok
  if [ $rc -eq 0 ] && [ -z "$execs" ]; then result="skipped (see $log)"; fi
  if [ $rc -ne 0 ]; then result="FAILED (see $log)"; status=1; fi
  printf '%-28s %-10s %-8s %-14s %s\n' "$name" "$pkg" "$dur" "${execs:-0}" "$result"
done < <(grep -rn --include='*_test.go' -E '^func Fuzz[A-Za-z0-9_]*\(f \*testing\.F\)' . | grep -v node_modules | sort)
echo "logs: $logdir"
exit $status

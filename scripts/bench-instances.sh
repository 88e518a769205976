#!/usr/bin/env bash
# The read/write mix of scripts/bench-instances.lua (80% reads, 20% writes)
# against one and then two Huoban instances on one PostgreSQL database, and,
# for reference, one instance on the SQLite file the data came from, with
# and without its response cache (docs/SCALING.md, docs/PERFORMANCE.md). Two instances are loaded by two wrk
# processes with half the connections each, as a load balancer would spread
# them; their req/s are added up.
#
# It seeds BUYERS buyers and COLLABS collaborations into a SQLite file, copies
# them into a throwaway PostgreSQL server (scripts/with-postgres.sh,
# scripts/sqlite-to-postgres.sh), then runs each setup for DURATION.
# On a machine whose cores are shared, read the figures as ratios.
#
# Usage: scripts/bench-instances.sh   (env: BUYERS=2000 COLLABS=100000 DURATION=10s CONN=16)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/toolchain.sh

if [ -z "${HUOBAN_TEST_POSTGRES:-}" ]; then
  exec scripts/with-postgres.sh "$0" "$@"
fi
BUYERS=${BUYERS:-2000}
COLLABS=${COLLABS:-100000}
DURATION=${DURATION:-10s}
CONN=${CONN:-16}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
command -v sqlite3 >/dev/null || { echo "sqlite3 is missing: apt-get install sqlite3" >&2; exit 1; }

work=$(mktemp -d)
# The servers' process ids, one a line (start runs in a subshell).
: >"$work/pids"
stop_all() {
  while read -r p; do
    kill "$p" 2>/dev/null || true
    while kill -0 "$p" 2>/dev/null; do sleep 0.1; done
  done <"$work/pids"
  : >"$work/pids"
}
trap 'stop_all; rm -rf "$work"' EXIT
go build -o "$work/huoban" .

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
# start DATABASE [ENV…]: starts one instance, prints its base URL once healthy.
start() {
  local port; port=$(free_port)
  env "${@:2}" HUOBAN_DATABASE="$1" HUOBAN_ADDR="127.0.0.1:$port" HUOBAN_LOG_REQUESTS=false \
    "$work/huoban" serve >>"$work/server.log" 2>&1 &
  echo $! >>"$work/pids"
  for _ in $(seq 150); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
  curl -sf "http://127.0.0.1:$port/healthz" >/dev/null || { cat "$work/server.log" >&2; exit 1; }
  echo "http://127.0.0.1:$port"
}

echo "# seeding $BUYERS buyers, $COLLABS collaborations into SQLite, copying them into PostgreSQL" >&2
db="$work/bench.db"
HUOBAN_DATABASE="$db" "$work/huoban" seed --buyers "$BUYERS" --collaborations "$COLLABS" \
  --owner-email bench@huoban.local --owner-password bench-password-1 >&2
pg_server=$HUOBAN_TEST_POSTGRES
psql -q "$pg_server" -c "CREATE DATABASE huoban_bench"
pg=${pg_server/\/postgres\?/\/huoban_bench?}
start "$pg" >/dev/null # migrates the empty database
stop_all
scripts/sqlite-to-postgres.sh "$db" "$pg" >"$work/copy.log"
export BUYER_MIN BUYER_MAX
BUYER_MIN=$(sqlite3 "$db" "SELECT MIN(id) FROM buyers")
BUYER_MAX=$(sqlite3 "$db" "SELECT MAX(id) FROM buyers")

# load NAME BASE_URL… : the mix against each base URL at once (CONN split
# between them) for DURATION → "name req/s worst-p99 non2xx"
load() {
  local name=$1; shift
  local n=$# i=0 per=$((CONN / $#))
  export HUOBAN_TOKEN
  HUOBAN_TOKEN=$(curl -sf -H 'Content-Type: application/json' -d '{"email":"bench@huoban.local","password":"bench-password-1"}' \
    "$1/api/v1/auth/login" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
  for base in "$@"; do # warm up
    wrk -t1 -c"$per" -d2s -s scripts/bench-instances.lua "$base" >/dev/null
  done
  local wrks=()
  for base in "$@"; do
    wrk -t1 -c"$per" -d"$DURATION" --latency -s scripts/bench-instances.lua "$base" >"$work/$name.$i" &
    wrks+=($!)
    i=$((i + 1))
  done
  wait "${wrks[@]}"
  python3 - "$name" "$n" "$work/$name" <<'PY'
import re, sys
name, n, prefix = sys.argv[1], int(sys.argv[2]), sys.argv[3]
rps = bad = 0.0
p99 = 0.0
def ms(v):
    m = re.match(r"([\d.]+)(us|ms|s)", v)
    return float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[m.group(2)]
for i in range(n):
    out = open(f"{prefix}.{i}").read()
    rps += float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p99 = max(p99, ms(re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1)))
    m = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    bad += int(m.group(1)) if m else 0
print(f"{name}\t{rps:.0f}\t{p99:.1f}\t{bad:.0f}")
PY
}

echo "# the mix, $CONN connections, $DURATION each (machine: $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg))" >&2
printf 'setup\treq/s\tp99 ms\tnon-2xx\n'
a=$(start "$db"); load "sqlite-1" "$a"; stop_all
a=$(start "$db" HUOBAN_RESPONSE_CACHE=off); load "sqlite-1-uncached" "$a"; stop_all
a=$(start "$pg"); load "postgres-1" "$a"; stop_all
a=$(start "$pg"); b=$(start "$pg"); load "postgres-2" "$a" "$b"; stop_all
echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

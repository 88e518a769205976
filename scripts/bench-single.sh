#!/usr/bin/env bash
# Single-URL load benchmark of Huoban (issue 6; the headline is now the mixed
# load of scripts/bench-load.sh):
#   seeds BUYERS buyers and COLLABS collaborations into a temporary database,
#   starts the real binary, loads each endpoint with wrk over loopback and
#   prints req/s, p50 and p99, non-2xx, peak RSS and WAL size, and each read
#   endpoint's req/s as a fraction of a plain net/http "floor" serving the same bytes.
#   Reads run twice: with the response cache (the default) and, against a
#   second start of the server on the same file, with HUOBAN_RESPONSE_CACHE=off,
#   so the table shows what a request that reads the database costs too.
# Usage: scripts/bench-single.sh   (env: BUYERS=10000 COLLABS=1000000 DURATION=15s WRITE_DURATION=60s CONN=32 THREADS=1)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/toolchain.sh

BUYERS=${BUYERS:-10000}
COLLABS=${COLLABS:-1000000}
DURATION=${DURATION:-15s}
WRITE_DURATION=${WRITE_DURATION:-60s}
CONN=${CONN:-32}
# One wrk thread: on 2 cores a second one only competes with the server for
# the CPU (one thread drives the floor past 50,000 req/s, far beyond Huoban).
THREADS=${THREADS:-1}
PORT=${PORT:-18080}
FLOOR_PORT=${FLOOR_PORT:-18081}

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
db="$work/bench.db"
go build -o "$work/huoban" .
go build -o "$work/floor" ./bench/floor

echo "# seeding $BUYERS buyers, $COLLABS collaborations"
seed_start=$(date +%s.%N)
HUOBAN_DATABASE="$db" "$work/huoban" seed --buyers "$BUYERS" --collaborations "$COLLABS" \
  --owner-email bench@huoban.local --owner-password bench-password-1
echo "seed took $(echo "$(date +%s.%N) - $seed_start" | bc) s; database $(du -h "$db" | cut -f1)"

# start [env…]: starts the server on the database, with the extra settings given.
start() {
  env HUOBAN_DATABASE="$db" HUOBAN_ADDR="127.0.0.1:$PORT" HUOBAN_LOG_REQUESTS=false "$@" "$work/huoban" serve 2>>"$work/server.log" &
  pid=$!
  for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.2; done
}
start
base="http://127.0.0.1:$PORT"
token=$(curl -sf -H 'Content-Type: application/json' -d '{"email":"bench@huoban.local","password":"bench-password-1"}' \
  "$base/api/v1/auth/login" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
buyer=$(curl -sf -H "Authorization: Bearer $token" "$base/api/v1/buyers?sort=-gmv_cents_90d&limit=1" |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
circle=$(python3 -c 'import urllib.parse; print(urllib.parse.quote("露营"))')

declare -A reads=(
  [buyer_by_id]="/api/v1/buyers/$buyer"
  [buyers_by_gmv90]="/api/v1/buyers?sort=-gmv_cents_90d&limit=50"
  [buyers_by_circle]="/api/v1/buyers?circle=$circle&limit=50"
  [buyer_collaborations]="/api/v1/collaborations?buyer_id=$buyer&limit=50"
  [dashboard]="/api/v1/dashboard?days=30"
)
order=(buyer_by_id buyers_by_gmv90 buyers_by_circle buyer_collaborations dashboard)

cat >"$work/get.lua" <<LUA
wrk.headers["Authorization"] = "Bearer $token"
LUA
cat >"$work/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Authorization"] = "Bearer $token"
wrk.headers["Content-Type"] = "application/json"
counter = 0
request = function()
  counter = counter + 1
  local body = string.format('{"buyer_id":$buyer,"type":"livestream","title":"压测场 %d","status":"completed","start_on":"2026-11-20","slot_fee_cents":100000,"commission_pct":15,"metrics":{"views":%d,"viewers":900,"orders":40,"gmv_cents":%d}}', counter, 1000 + counter % 500, 100000 + counter % 9000 * 100)
  return wrk.format(nil, nil, nil, body)
end
LUA

# run NAME URL SCRIPT DURATION → "req/s p50 p99 non2xx"
run() {
  local out
  out=$(wrk -t"$THREADS" -c"${CONN_RUN:-$CONN}" -d"$4" --latency -s "$3" "$2")
  local rps p50 p99 bad
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  bad=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
  echo "$rps ${p50:-?} ${p99:-?} ${bad:-0}"
}

: >"$work/manifest.tsv"
for name in "${order[@]}"; do
  path=${reads[$name]}
  curl -sf -H "Authorization: Bearer $token" "$base$path" >"$work/$name.json"
  printf '%s\t%s\n' "$path" "$work/$name.json" >>"$work/manifest.tsv"
done
"$work/floor" -addr "127.0.0.1:$FLOOR_PORT" -manifest "$work/manifest.tsv" 2>/dev/null &

declare -A cached cached_p50 cached_p99 cached_bad floor
for name in "${order[@]}"; do
  path=${reads[$name]}
  read -r cached[$name] cached_p50[$name] cached_p99[$name] cached_bad[$name] < <(run "$name" "$base$path" "$work/get.lua" "$DURATION")
  read -r floor[$name] _ _ _ < <(run "$name" "http://127.0.0.1:$FLOOR_PORT$path" "$work/get.lua" "$DURATION")
done
read -r wrps wp50 wp99 wbad < <(run create "$base/api/v1/collaborations" "$work/post.lua" "$WRITE_DURATION")
rss=$(awk '/VmHWM/ {printf "%.0f MiB", $2/1024}' /proc/$pid/status)
wal=$(du -h "$db-wal" 2>/dev/null | cut -f1 || echo 0)

# Mixed: a quarter of the connections write while the rest read the buyers
# list, so the cache is invalidated by every write.
CONN_RUN=$((CONN / 4)) run create "$base/api/v1/collaborations" "$work/post.lua" "$DURATION" >"$work/mixed-writes" &
mixer=$!
read -r mrps mp50 mp99 mbad < <(CONN_RUN=$((CONN - CONN / 4)) run mixed "$base${reads[buyers_by_gmv90]}" "$work/get.lua" "$DURATION")
wait "$mixer"
read -r mwrps mwp50 mwp99 mwbad <"$work/mixed-writes"

# The same reads with the response cache off: every request reads the database.
kill "$pid"; wait "$pid" 2>/dev/null || true
start HUOBAN_RESPONSE_CACHE=off

echo
echo "| endpoint | req/s | p50 | p99 | non-2xx | uncached req/s | uncached p50 | uncached p99 | uncached non-2xx | floor req/s | of floor |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
for name in "${order[@]}"; do
  path=${reads[$name]}
  read -r urps up50 up99 ubad < <(run "$name" "$base$path" "$work/get.lua" "$DURATION")
  frac=$(python3 -c "print(f'{${cached[$name]}/${floor[$name]}*100:.0f}%')")
  echo "| GET $name | ${cached[$name]} | ${cached_p50[$name]} | ${cached_p99[$name]} | ${cached_bad[$name]} | $urps | $up50 | $up99 | $ubad | ${floor[$name]} | $frac |"
done
echo "| POST collaboration ($WRITE_DURATION) | $wrps | $wp50 | $wp99 | $wbad | | | | | | |"
echo "| mixed: GET buyers_by_gmv90, $((CONN - CONN / 4)) connections | $mrps | $mp50 | $mp99 | $mbad | | | | | | |"
echo "| mixed: POST collaboration, $((CONN / 4)) connections at once | $mwrps | $mwp50 | $mwp99 | $mwbad | | | | | | |"
echo
echo "peak RSS (cached reads and writes): $rss"
echo "WAL after the write run: $wal"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(go version | cut -d' ' -f3), wrk -t$THREADS -c$CONN"

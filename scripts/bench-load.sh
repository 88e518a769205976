#!/usr/bin/env bash
# Mixed load benchmark of Huoban (issue 11): the traffic of a brand's team,
# not one URL asked again and again.
#
#   Seeds BUYERS buyers and COLLABS collaborations (`huoban seed`), starts the
#   real binary and loads it with wrk (-t1, loopback, same cores) sending, for
#   each request, a random one of ~4,000 distinct requests (bench/mix/requests.py):
#   35 % a buyer by id, 30 % a buyer's collaborations (limit 50), 15 % buyers
#   by -gmv_cents_90d at a random depth (real cursors), 15 % a random circle,
#   5 % the dashboard for 7/30/90 days. Each run lasts DURATION:
#     SQLite, cache on:  reads (32 connections); 24 readers + 8 writers posting
#                        collaborations to random buyers; reads while 10k-row
#                        CSV imports run back to back
#     SQLite, cache off: the same three, then writes alone (8 connections) and
#                        the dashboard, a buyer's collaborations and the circle
#                        filter alone (32 connections each)
#     PostgreSQL (never caches; the seeded file copied in with
#                        scripts/sqlite-to-postgres.sh into a throwaway server
#                        from scripts/with-postgres.sh): the cache-off runs
#   and prints one table, with peak RSS and WAL size sampled every second.
#
# Usage: scripts/bench-load.sh
#   env: BUYERS=10000 COLLABS=1000000 (BENCH_COLLABS too) DURATION=10s
#        ENGINES="sqlite postgres" READERS=24 WRITERS=8
#   quick: BENCH_COLLABS=100000 DURATION=5s ENGINES=sqlite scripts/bench-load.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/toolchain.sh

BUYERS=${BUYERS:-10000}
COLLABS=${BENCH_COLLABS:-${COLLABS:-1000000}}
DURATION=${DURATION:-10s}
ENGINES=${ENGINES:-sqlite postgres}
READERS=${READERS:-24}
WRITERS=${WRITERS:-8}
PORT=${PORT:-$((21000 + RANDOM % 20000))}

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
work=${BENCH_WORK:-}
phase=${BENCH_PHASE:-main}
if [ "$phase" = main ]; then
  work=$(mktemp -d)
  trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
  go build -o "$work/huoban" .
  echo "# seeding $BUYERS buyers, $COLLABS collaborations"
  t0=$(date +%s.%N)
  HUOBAN_DATABASE="$work/seed.db" "$work/huoban" seed --buyers "$BUYERS" --collaborations "$COLLABS" \
    --owner-email bench@huoban.local --owner-password bench-password-1 >/dev/null
  echo "# seed took $(echo "$(date +%s.%N) - $t0" | bc) s; database $(du -h "$work/seed.db" | cut -f1)"
  : >"$work/rows.md"
else
  trap 'kill $(jobs -p) 2>/dev/null || true' EXIT
fi

# start DATABASE [env…]: starts the server, waits until it answers, signs in.
start() {
  local dburl=$1
  shift
  env HUOBAN_DATABASE="$dburl" HUOBAN_ADDR="127.0.0.1:$PORT" HUOBAN_LOG_REQUESTS=false "$@" \
    "$work/huoban" serve 2>>"$work/server.log" &
  pid=$!
  for _ in $(seq 150); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.2; done
  base="http://127.0.0.1:$PORT"
  token=$(curl -sf -H 'Content-Type: application/json' -d '{"email":"bench@huoban.local","password":"bench-password-1"}' \
    "$base/api/v1/auth/login" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
  export BENCH_TOKEN=$token BENCH_REQUESTS="$work/requests.tsv" BENCH_BUYERS="$work/buyers.txt"
  # Peak RSS and WAL, sampled every second while the server runs.
  (while kill -0 "$pid" 2>/dev/null; do
    rss=$(awk '/VmRSS/ {print int($2/1024)}' /proc/$pid/status 2>/dev/null || echo 0)
    wal=$(( $(stat -c %s "${walfile:-/nonexistent}" 2>/dev/null || echo 0) / 1048576 ))
    echo "$rss $wal" >>"$work/samples"
    sleep 1
  done) &
}
stop() { kill "$pid"; wait "$pid" 2>/dev/null || true; }

# wrkrun CONNECTIONS SCRIPT URL [env…] → "req/s p50 p99 non2xx"
wrkrun() {
  local c=$1 script=$2 url=$3 out
  shift 3
  out=$(env "$@" wrk -t1 -c"$c" -d"$DURATION" --latency -s "$script" "$url")
  echo "$(awk '/Requests\/sec/ {printf "%.0f", $2}' <<<"$out") $(awk '$1=="50%" {print $2}' <<<"$out") \
$(awk '$1=="99%" {print $2}' <<<"$out") $(awk '/Non-2xx/ {print $NF}' <<<"$out" | grep . || echo 0)"
}

# row ENGINE CACHE LOAD reads… writes…: one line of the table.
row() { echo "| $1 | $2 | $3 | $4 | $5 | $6 | $7 | $8 | $9 |" | tee -a "$work/rows.md" >&2; }

# mixruns ENGINE CACHE FULL: the runs of one server start.
mixruns() {
  local engine=$1 cache=$2 full=$3 r w bad
  read -r r1 r50 r99 rbad < <(wrkrun 32 bench/mix/mix.lua "$base")
  row "$engine" "$cache" "reads, 32 connections" "$r1" "$r50" "$r99" "—" "—" "$rbad"

  wrkrun "$WRITERS" bench/mix/write.lua "$base/api/v1/collaborations" >"$work/w.out" &
  local wp=$!
  read -r r1 r50 r99 rbad < <(wrkrun "$READERS" bench/mix/mix.lua "$base")
  wait "$wp"
  read -r w1 w50 w99 wbad <"$work/w.out"
  row "$engine" "$cache" "$READERS readers + $WRITERS writers to random buyers" "$r1" "$r50" "$r99" "$w1" "$w99" "$((rbad + wbad))"

  # Reads while 10k-row CSV imports run back to back.
  (end=$((SECONDS + ${DURATION%s})); n=0; t=0
   while [ $SECONDS -lt $end ]; do
     s=$(date +%s.%N)
     curl -sf -o /dev/null -H "Authorization: Bearer $token" -H 'Content-Type: text/csv' \
       --data-binary @"$work/import.csv" "$base/api/v1/collaborations/import" || echo "import failed" >&2
     n=$((n + 1)); t=$(echo "$t + $(date +%s.%N) - $s" | bc)
   done; echo "$n $(echo "scale=2; $t / $n" | bc)" >"$work/imports") &
  local ip=$!
  read -r r1 r50 r99 rbad < <(wrkrun 32 bench/mix/mix.lua "$base")
  wait "$ip"
  read -r in it <"$work/imports"
  row "$engine" "$cache" "reads, 32 connections, during 10k-row CSV imports" "$r1" "$r50" "$r99" "$in imports" "${it} s each" "$rbad"

  [ "$full" = full ] || return 0
  read -r w1 w50 w99 wbad < <(wrkrun "$WRITERS" bench/mix/write.lua "$base/api/v1/collaborations")
  row "$engine" "$cache" "writes alone, $WRITERS connections" "—" "—" "—" "$w1" "$w99" "$wbad"
  for kind in dashboard collabs circle; do
    read -r r1 r50 r99 rbad < <(wrkrun 32 bench/mix/mix.lua "$base" BENCH_ONLY=$kind)
    row "$engine" "$cache" "$kind alone, 32 connections" "$r1" "$r50" "$r99" "—" "—" "$rbad"
  done
}

if [ "$phase" = main ]; then
  cp "$work/seed.db" "$work/bench.db"
  walfile="$work/bench.db-wal"
  : >"$work/samples"
  if [[ " $ENGINES " == *" sqlite "* ]]; then
    start "$work/bench.db"
    python3 bench/mix/requests.py "$base" "$token" "$work" >&2
    mixruns SQLite on short
    stop
    start "$work/bench.db" HUOBAN_RESPONSE_CACHE=off
    mixruns SQLite off full
    stop
  fi
  sqlite_peak=$(sort -n "$work/samples" | tail -1 | cut -d' ' -f1)
  sqlite_wal=$(sort -n -k2 "$work/samples" | tail -1 | cut -d' ' -f2)
  if [[ " $ENGINES " == *" postgres "* ]]; then
    scripts/with-postgres.sh env BENCH_PHASE=postgres BENCH_WORK="$work" PORT="$PORT" DURATION="$DURATION" \
      READERS="$READERS" WRITERS="$WRITERS" scripts/bench-load.sh
  fi
  echo
  echo "| engine | cache | load | reads/s | read p50 | read p99 | writes/s | write p99 | non-2xx |"
  echo "| --- | --- | --- | ---: | ---: | ---: | ---: | --- | ---: |"
  cat "$work/rows.md"
  echo
  [[ " $ENGINES " == *" sqlite "* ]] &&
    echo "SQLite: peak RSS ${sqlite_peak:-?} MiB, peak WAL ${sqlite_wal:-?} MiB (sampled each second)"
  [ -f "$work/pg-peak" ] && echo "PostgreSQL: peak RSS of huoban $(cat "$work/pg-peak") MiB"
  echo "data: $BUYERS buyers, $COLLABS collaborations (seed); $(wc -l <"$work/requests.tsv") requests in the mix, \
$(cut -f2 "$work/requests.tsv" | sort -u | wc -l) distinct; DURATION=$DURATION"
  echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(go version | cut -d' ' -f3), wrk -t1"
else
  # PostgreSQL phase, inside scripts/with-postgres.sh: migrate, copy the seed in.
  pg=$HUOBAN_TEST_POSTGRES
  : >"$work/samples"
  walfile=""
  # A first start migrates the empty database (signing in fails: no data yet).
  start "$pg" 2>/dev/null || true
  stop
  scripts/sqlite-to-postgres.sh "$work/seed.db" "$pg" >/dev/null
  psql -q "$pg" -c "ANALYZE" >/dev/null
  start "$pg"
  [ -s "$work/requests.tsv" ] || python3 bench/mix/requests.py "$base" "$token" "$work" >&2
  mixruns PostgreSQL "n/a" full
  stop
  sort -n "$work/samples" | tail -1 | cut -d' ' -f1 >"$work/pg-peak"
fi

#!/usr/bin/env bash
# Runs a command (default: the Go test suite) against a throwaway PostgreSQL
# server: installs Debian's postgresql package when it is missing (as root),
# starts a cluster in a temporary directory listening on 127.0.0.1 only,
# exports HUOBAN_TEST_POSTGRES, runs the command, then stops the cluster and
# deletes it.
#
#   scripts/with-postgres.sh                       # go test -count=1 ./...
#   scripts/with-postgres.sh go test -run Buyer ./api
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/toolchain.sh

if [ $# -eq 0 ]; then
  set -- go test -count=1 ./...
fi

pg_bin() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

if [ -z "$(pg_bin)" ] || [ ! -x "$(pg_bin)/initdb" ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "with-postgres: PostgreSQL is not installed; run as root or: apt-get install -y postgresql" >&2
    exit 1
  fi
  apt-get update -qq
  # No default "main" cluster: Debian would start one on port 5432 and leave it running.
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-common >/dev/null
  sed -i 's/^#* *create_main_cluster *=.*/create_main_cluster = false/' /etc/postgresql-common/createcluster.conf
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
BIN="$(pg_bin)"

# A free port on loopback (other clusters may share this machine).
port=""
for _ in $(seq 1 50); do
  p=$((20000 + RANDOM % 20000))
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
    port=$p
    break
  fi
done
[ -n "$port" ] || { echo "with-postgres: no free port found" >&2; exit 1; }

dir="$(mktemp -d /tmp/huoban-pg.XXXXXX)"
# initdb and postgres refuse to run as root: use the postgres account then.
as_pg=()
if [ "$(id -u)" -eq 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --home-dir "$dir" --shell /bin/bash postgres
  chown postgres "$dir"
  as_pg=(runuser -u postgres --)
fi

stop() {
  "${as_pg[@]}" "$BIN/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT

"${as_pg[@]}" "$BIN/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 >"$dir/initdb.log" 2>&1 ||
  { cat "$dir/initdb.log" >&2; exit 1; }
# A throwaway server: durability settings off for speed, loopback only.
"${as_pg[@]}" "$BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
  -o "-h 127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
  start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }

export HUOBAN_TEST_POSTGRES="postgres://postgres@127.0.0.1:$port/postgres?sslmode=disable"
echo "with-postgres: PostgreSQL $("$BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$port" >&2
"$@"

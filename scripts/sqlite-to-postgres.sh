#!/usr/bin/env bash
# Copies every row of a Huoban SQLite file into a PostgreSQL database that
# Huoban has already migrated (start Huoban once against it first), keeping
# ids, then moves the id sequences past them. Stop the SQLite-backed server
# first. Needs Debian's sqlite3 and postgresql-client.
#
#   scripts/sqlite-to-postgres.sh data/huoban.db 'postgres://huoban:…@host:5432/huoban?sslmode=require'
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: $0 SQLITE_FILE POSTGRES_URL" >&2; exit 2; }
DB=$1
PG=$2
[ -f "$DB" ] || { echo "$DB: no such file" >&2; exit 1; }

# Parents before children, so foreign keys hold at every step. The rollups
# (dashboard_daily, dashboard_monthly, …) are not copied: they are rebuilt below.
TABLES="settings brands users refresh_tokens buyers buyer_labels stage_changes invites audit_log
        buyer_links api_tokens collaborations capability_snapshots activities goals goal_comments milestones"

if [ "$(psql "$PG" -tA -c "SELECT count(*) FROM brands")" != 0 ]; then
  echo "the PostgreSQL database already holds brands; copy into a freshly migrated one" >&2
  exit 1
fi
# Huoban's first start there wrote its own settings (e.g. a JWT secret): the file's win.
psql -q "$PG" -v ON_ERROR_STOP=1 -c "DELETE FROM settings"
# The rollup triggers on collaborations run per row; for a large copy they
# are switched off (foreign keys stay checked) and the day and month rollups
# rebuilt with one aggregate each afterwards. The period rollups are rebuilt
# by Huoban's first start (its daily maintenance).
psql -q "$PG" -v ON_ERROR_STOP=1 -c "ALTER TABLE collaborations DISABLE TRIGGER USER"
for t in $TABLES; do
  # NULL exports as an empty field and empty text as "", which \copy reads back as NULL and ''.
  sqlite3 -header -csv "$DB" "SELECT * FROM $t" |
    psql -q "$PG" -v ON_ERROR_STOP=1 -c "\copy $t FROM STDIN WITH (FORMAT csv, HEADER true)"
  echo "$t: $(sqlite3 "$DB" "SELECT count(*) FROM $t") rows in SQLite, $(psql "$PG" -tA -c "SELECT count(*) FROM $t") in PostgreSQL"
done
psql -q "$PG" -v ON_ERROR_STOP=1 <<'SQL'
ALTER TABLE collaborations ENABLE TRIGGER USER;
DELETE FROM dashboard_daily;
INSERT INTO dashboard_daily (brand_id, day, type, collaborations, gmv_cents)
SELECT brand_id, start_on, type, COUNT(*), SUM(gmv_cents) FROM collaborations
WHERE status = 'completed' GROUP BY brand_id, start_on, type;
DELETE FROM dashboard_monthly;
INSERT INTO dashboard_monthly (brand_id, month, gmv_cents)
SELECT brand_id, substr(day, 1, 7), SUM(gmv_cents) FROM dashboard_daily GROUP BY brand_id, substr(day, 1, 7);
SQL
psql -q "$PG" -v ON_ERROR_STOP=1 <<'SQL'
DO $$ DECLARE r record; BEGIN
  FOR r IN SELECT table_name AS t FROM information_schema.columns
           WHERE table_schema = current_schema() AND column_name = 'id' AND column_default LIKE 'nextval(%' LOOP
    EXECUTE format('SELECT setval(pg_get_serial_sequence(%L, ''id''), COALESCE((SELECT MAX(id) FROM %I), 0) + 1, false)', r.t, r.t);
  END LOOP;
END $$;
SQL
echo "done: point HUOBAN_DATABASE at the PostgreSQL URL and start Huoban"

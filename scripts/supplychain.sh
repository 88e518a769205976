#!/usr/bin/env bash
# Supply chain checks: known vulnerabilities reachable from Huoban's Go code
# (govulncheck, call-graph based: only vulnerable functions actually called
# count) and in the web app's production dependencies (npm audit --omit=dev).
#
#   scripts/supplychain.sh
#
# Exit 0: nothing reachable. Exit 1: a finding. Exit 2: a check could not
# run (e.g. the vulnerability database is unreachable from this network);
# SUPPLYCHAIN_STRICT=1 turns that into a failure too.
set -uo pipefail
cd "$(dirname "$0")/.."
. scripts/toolchain.sh
GOVULNCHECK_VERSION="${GOVULNCHECK_VERSION:-v1.9.0}"
status=0
unreachable=0

# The vulnerability database: vuln.go.dev when it answers; otherwise the same
# reports as published in the golang.org/x/vulndb module (through the Go module
# proxy), indexed into a local database with that module's own indexdb tool.
VULNDB_VERSION="${VULNDB_VERSION:-v0.0.0-20261105234957-e22db6528018}"
db_flag=()
if ! curl -sf --max-time 10 -o /dev/null https://vuln.go.dev/index/db.json; then
  echo "== vuln.go.dev unreachable: building the database from golang.org/x/vulndb@${VULNDB_VERSION}"
  vulndb=$(go mod download -json "golang.org/x/vulndb@${VULNDB_VERSION}" | sed -n 's/.*"Dir": "\(.*\)",*/\1/p')
  local_db="${TMPDIR:-/tmp}/huoban-vulndb-${VULNDB_VERSION}"
  if [ -n "$vulndb" ] && { [ -f "$local_db/index/db.json" ] ||
      go run "golang.org/x/vulndb/cmd/indexdb@${VULNDB_VERSION}" -vulns "$vulndb/data/osv" -out "$local_db"; }; then
    echo "   $(ls "$vulndb/data/osv" | wc -l) reports"
    db_flag=(-db "file://$local_db")
  fi
fi

echo "== govulncheck ${GOVULNCHECK_VERSION} ${db_flag[*]} ./... ($(go version | cut -d' ' -f3))"
out=$(go run "golang.org/x/vuln/cmd/govulncheck@${GOVULNCHECK_VERSION}" "${db_flag[@]}" ./... 2>&1)
rc=$?
echo "$out"
if [ $rc -eq 0 ]; then
  echo "govulncheck: no reachable vulnerability"
elif grep -qiE 'fetching vulnerabilities|vuln.go.dev|dial tcp|no such host|connection refused|i/o timeout' <<<"$out" \
     && ! grep -q 'Vulnerability #' <<<"$out"; then
  echo "govulncheck: could not reach the vulnerability database"
  unreachable=1
else
  echo "govulncheck: FINDINGS (see above)"
  status=1
fi

if [ -f frontend/package-lock.json ]; then
  # The web app's runtime dependencies as the lockfile pins them (offline):
  # exact versions with sha512 integrity, which npm ci checks on install;
  # none may run an install script. docs/RELIABILITY.md lists what was checked.
  echo "== web runtime dependencies (frontend/package-lock.json)"
  if ! (cd frontend && node -e '
    const l = require("./package-lock.json"); let bad = 0, n = 0
    for (const [k, v] of Object.entries(l.packages)) {
      if (!k || v.dev || v.devOptional) continue
      n++
      const ok = /^sha512-/.test(v.integrity || "") && !v.hasInstallScript
      if (!ok) bad++
      console.log(`   ${ok ? "ok " : "BAD"} ${k.replace(/^node_modules\//, "")}@${v.version} ${v.license || "?"}${v.hasInstallScript ? " (install script)" : ""}`)
    }
    console.log(`   ${n} runtime packages`)
    process.exit(bad ? 1 : 0)'); then
    echo "web runtime dependencies: a package without sha512 integrity or with an install script"
    status=1
  fi
  # npm audit asks the registry's advisory endpoint; no other route to
  # advisory data is used. Where the endpoint does not answer, say so.
  echo "== npm audit --omit=dev (frontend)"
  audit=$(cd frontend && npm audit --omit=dev --audit-level=low 2>&1)
  rc=$?
  echo "$audit"
  if [ $rc -eq 0 ]; then
    echo "npm audit: no vulnerable production dependency"
  elif grep -qE 'found [0-9]+ vulnerabilit|[0-9]+ (low|moderate|high|critical) severity' <<<"$audit"; then
    echo "npm audit: FINDINGS (see above)"
    status=1
  else
    echo "npm audit: could not reach an advisory database ($(grep -m1 -oE '[0-9]{3} [A-Za-z ]+ - [A-Z]+ [^ ]+' <<<"$audit" || echo "no answer")); not checked here"
    unreachable=1
  fi
else
  echo "== npm audit skipped: no frontend/package-lock.json in this tree"
fi

if [ $status -ne 0 ]; then exit 1; fi
if [ $unreachable -ne 0 ]; then
  [ "${SUPPLYCHAIN_STRICT:-0}" = 1 ] && exit 1
  exit 2
fi
exit 0

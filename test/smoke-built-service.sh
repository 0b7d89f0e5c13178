#!/usr/bin/env bash
# Starts the BUILT service (node --max-semi-space-size=64 dist/src/main.js, as start:prod) on a throw-away embedded
# PostgreSQL and checks what `npm start` promises: ready, catalog loaded with
# its data files, calendar loaded, OpenAPI at /docs. Catches what unit tests
# running from src/ cannot: files the build forgot to copy.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run -s build
work=$(mktemp -d) && chmod 755 "$work"
port=$((20000 + RANDOM % 20000)); pg_port=$((port + 1))
EMBEDDED_PG_DIR="$work/pg" EMBEDDED_PG_PORT=$pg_port PORT=$port LOG_LEVEL=warn node --max-semi-space-size=64 dist/src/main.js > "$work/log" 2>&1 &
pid=$!
cleanup() { kill -TERM $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
for _ in $(seq 1 60); do
  curl -fs "localhost:$port/health/ready" > /dev/null 2>&1 && break
  sleep 1
done
fail() { echo "smoke: $1"; cat "$work/log"; exit 1; }
curl -fs "localhost:$port/health/ready" | grep -q '"status":"ok"' || fail "not ready"
versions=$(find src/regulations/data -name '*.json' | wc -l)
curl -fs "localhost:$port/regulations" | grep -q "\"total\":$versions," || fail "catalog does not list its $versions version files"
curl -fs "localhost:$port/calendar/2016?region=astana" | grep -q '2016-05-10' || fail "calendar data missing"
curl -fs -o /dev/null "localhost:$port/docs" || fail "no OpenAPI at /docs"
# The console's TSX as compiled by nest build, Preact loaded by Node itself, and its assets copied into dist.
curl -fs "localhost:$port/console/sign-in" | grep -q 'name="csrf-token"' || fail "console sign-in page not rendered"
for asset in console.css console.js htmx.min.js; do
  curl -fs -o /dev/null "localhost:$port/console/assets/$asset" || fail "console asset $asset not served"
done
echo "smoke: built service ready, catalog and calendar loaded, /docs and /console served"

# --demo on the same store: seeds once through the command path, a second start
# (DEMO=1) adds nothing, and production refuses it before anything starts.
kill -TERM $pid 2>/dev/null || true; wait $pid 2>/dev/null || true
demo_start() {
  EMBEDDED_PG_DIR="$work/pg" EMBEDDED_PG_PORT=$pg_port PORT=$port LOG_JSON=false NO_COLOR=1 "$@" > "$work/log" 2>&1 &
  pid=$!
  for _ in $(seq 1 180); do
    grep -q 'demo: 300 cases' "$work/log" && break
    kill -0 $pid 2>/dev/null || break
    sleep 1
  done
  grep -o 'demo: 300 cases.*' "$work/log" || fail "no demo summary"
  kill -TERM $pid 2>/dev/null || true; wait $pid 2>/dev/null || true
}
demo_start node dist/src/main.js --demo
grep -q 'demo: 300 cases (300 written now' "$work/log" || fail "--demo did not write the demo cases"
DEMO=1 demo_start node dist/src/main.js
grep -q 'demo: 300 cases (all already there, nothing added)' "$work/log" || fail "a second DEMO=1 start wrote again"
if NODE_ENV=production JWT_SECRET=smoke-secret-smoke-secret-smoke-secret node dist/src/main.js --demo > "$work/log" 2>&1; then fail "production accepted --demo"; fi
grep -q 'Invalid environment variable DEMO: demo data never enters a production store' "$work/log" || fail "production refused --demo without naming DEMO"
echo "smoke: --demo seeded 300 cases, a second start added nothing, production refused it"

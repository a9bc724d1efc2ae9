#!/usr/bin/env bash
# The whole suite, twice: on SQLite (embedded default) and on PostgreSQL.
# PORTAL_TEST_POSTGRES_URL points at a server where the user may create databases
# (default: postgres@127.0.0.1:5432). Set PORTAL_TEST_SKIP_POSTGRES=1 to run SQLite only.
set -uo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
PG_URL=${PORTAL_TEST_POSTGRES_URL:-postgresql+psycopg://postgres@127.0.0.1:5432/postgres}
export PORTAL_TEST_POSTGRES_URL=$PG_URL

echo "== tests on SQLite =="
$BIN/pytest "$@"
sqlite_rc=$?

if [[ ${PORTAL_TEST_SKIP_POSTGRES:-0} == 1 ]]; then
  echo "== PostgreSQL run skipped (PORTAL_TEST_SKIP_POSTGRES=1) =="
  exit $sqlite_rc
fi
if ! $BIN/python -c "import sqlalchemy as sa, sys; sa.create_engine(sys.argv[1]).connect().close()" "$PG_URL" 2>/dev/null; then
  echo "PostgreSQL is not reachable at $PG_URL." >&2
  echo "Start it (e.g. pg_ctlcluster 15 main start), set PORTAL_TEST_POSTGRES_URL, or PORTAL_TEST_SKIP_POSTGRES=1." >&2
  exit 1
fi
echo "== tests on PostgreSQL =="
PORTAL_TEST_DATABASE=postgresql $BIN/pytest "$@"
pg_rc=$?
exit $(( sqlite_rc != 0 ? sqlite_rc : pg_rc ))

#!/usr/bin/env bash
# Throw-away Postgres cluster and S3-compatible test server for the test run: `services.sh start` prints the
# variables to export; `services.sh stop` stops both. Ports: PG_TEST_PORT (55432), S3_TEST_PORT (4569).
set -euo pipefail
cd "$(dirname "$0")/../.."
PG_PORT="${PG_TEST_PORT:-55432}"
S3_PORT="${S3_TEST_PORT:-4569}"
STATE="${SERVICES_DIR:-/tmp/sd3-services-$PG_PORT}"

pg_bin() {
  if command -v initdb >/dev/null 2>&1; then dirname "$(readlink -f "$(command -v initdb)")"; return; fi
  local dir; dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
  [ -n "$dir" ] && echo "$dir"
}

as_pg() {
  # initdb refuses to run as root: run the cluster as the postgres user when we are root.
  if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi
}

start() {
  local bin; bin="$(pg_bin)"
  if [ -z "$bin" ]; then
    echo "--- installing Debian's postgresql" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2 && apt-get install -y -qq postgresql >/dev/null
    bin="$(pg_bin)"
  fi
  mkdir -p "$STATE"
  [ "$(id -u)" = 0 ] && chown postgres "$STATE"
  if [ ! -f "$STATE/pg/PG_VERSION" ]; then
    as_pg "$bin/initdb -D $STATE/pg --auth=trust -U postgres -E UTF8 --locale=C.UTF-8 >$STATE/initdb.log 2>&1"
  fi
  as_pg "$bin/pg_ctl -D $STATE/pg status >/dev/null" || as_pg "$bin/pg_ctl -D $STATE/pg -l $STATE/pg.log -w -o \"-p $PG_PORT -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off -c synchronous_commit=off -c full_page_writes=off\" start >&2"
  as_pg "$bin/psql -h 127.0.0.1 -p $PG_PORT -U postgres -tAc \"SELECT 1 FROM pg_database WHERE datname='sd3test'\" | grep -q 1 || $bin/createdb -h 127.0.0.1 -p $PG_PORT -U postgres sd3test"
  mkdir -p "$STATE/s3"
  if ! { [ -f "$STATE/s3.pid" ] && kill -0 "$(cat "$STATE/s3.pid")" 2>/dev/null; }; then
    nohup node node_modules/s3rver/bin/s3rver.js --silent --port "$S3_PORT" --address 127.0.0.1 --directory "$STATE/s3" \
      --configure-bucket sd3-test >"$STATE/s3.log" 2>&1 &
    echo $! >"$STATE/s3.pid"
  fi
  for _ in $(seq 150); do (echo >/dev/tcp/127.0.0.1/"$S3_PORT") 2>/dev/null && break; sleep 0.2; done
  echo "export TEST_DATABASE_URL=postgres://postgres@127.0.0.1:$PG_PORT/sd3test"
  echo "export TEST_STORAGE_URL=s3://sd3-test/test S3_ENDPOINT=http://127.0.0.1:$S3_PORT S3_FORCE_PATH_STYLE=1"
  echo "export AWS_ACCESS_KEY_ID=S3RVER AWS_SECRET_ACCESS_KEY=S3RVER AWS_REGION=us-east-1"
}

stop() {
  local bin; bin="$(pg_bin)"
  [ -f "$STATE/s3.pid" ] && kill "$(cat "$STATE/s3.pid")" 2>/dev/null || true
  [ -n "$bin" ] && [ -d "$STATE/pg" ] && as_pg "$bin/pg_ctl -D $STATE/pg -m fast stop >/dev/null" || true
  rm -rf "$STATE"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac

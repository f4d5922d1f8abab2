#!/usr/bin/env bash
# A private, throw-away PostgreSQL cluster for strife's tests and for trying strife on PostgreSQL.
#
#   scripts/pg.sh start   start it (creating it the first time); prints the URL.  Idempotent.
#   scripts/pg.sh url     print the URL (does not start anything)
#   scripts/pg.sh status  exit 0 when it accepts connections
#   scripts/pg.sh stop    stop it (the data stays under $STRIFE_PG_BASE until `destroy`)
#   scripts/pg.sh destroy stop it and delete its files
#
# It listens on 127.0.0.1:$STRIFE_PG_PORT (55432) only, keeps its files under
# /tmp/pg-strife-$PORT, and runs with fsync=off: made for tests, never for data you want to keep.
# The server refuses to run as root, so as root it runs as the `postgres` user.
set -euo pipefail

PORT="${STRIFE_PG_PORT:-55432}"
BASE="${STRIFE_PG_BASE:-/tmp/pg-strife-$PORT}"
USER_NAME=strife
PASSWORD=strife
DBNAME=strife
URL="postgresql+psycopg://$USER_NAME:$PASSWORD@127.0.0.1:$PORT/$DBNAME"
LOCK="/tmp/.pg-strife-$PORT.lock"  # serialises start/stop of several test sessions

die() { echo "pg.sh: $*" >&2; exit 1; }

find_pgbin() {
    ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1
}

# Run a server command as the cluster's owner.  `cd /` avoids "could not change directory" noise;
# `9>&-` keeps the lock's descriptor out of the server, which would otherwise hold the lock forever.
aspg() {
    if [ "$(id -u)" = 0 ]; then
        (cd / && runuser -u postgres -- "$@") 9>&-
    else
        (cd / && "$@") 9>&-
    fi
}

lock() {
    exec 9>"$LOCK"
    flock -w 300 9 || die "another pg.sh holds $LOCK for more than 300 s"
}

ready() {
    "$PGBIN/pg_isready" -q -h 127.0.0.1 -p "$PORT" >/dev/null 2>&1
}

ensure_binaries() {
    PGBIN="$(find_pgbin)"
    if [ -z "$PGBIN" ]; then
        [ "$(id -u)" = 0 ] || die "PostgreSQL is not installed and installing needs root (apt-get install postgresql)"
        echo "pg.sh: installing PostgreSQL (apt-get)" >&2
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq >&2
        apt-get install -y -qq postgresql >&2
        PGBIN="$(find_pgbin)"
        [ -n "$PGBIN" ] || die "apt-get installed no server under /usr/lib/postgresql"
    fi
}

init_cluster() {
    [ -f "$BASE/data/PG_VERSION" ] && return 0
    if [ "$(id -u)" = 0 ]; then
        install -d -o postgres -g postgres -m 700 "$BASE"
    else
        install -d -m 700 "$BASE"
    fi
    rm -rf "$BASE/data"
    local pwfile="$BASE/pwfile"
    printf '%s\n' "$PASSWORD" > "$pwfile"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$pwfile"
    aspg "$PGBIN/initdb" -D "$BASE/data" -U "$USER_NAME" --pwfile="$pwfile" \
        --auth-host=scram-sha-256 --auth-local=trust -E UTF8 --locale=C.UTF-8 --no-sync >"$BASE/initdb.log" 2>&1 \
        || { cat "$BASE/initdb.log" >&2; die "initdb failed"; }
    rm -f "$pwfile"
    cat >> "$BASE/data/postgresql.conf" <<EOF
# strife test cluster (scripts/pg.sh)
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = '$BASE'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
EOF
}

start() {
    ensure_binaries
    if ready; then echo "$URL"; return 0; fi
    init_cluster
    if ! aspg "$PGBIN/pg_ctl" -D "$BASE/data" status >/dev/null 2>&1; then
        aspg "$PGBIN/pg_ctl" -D "$BASE/data" -l "$BASE/server.log" -w -t 60 start >/dev/null \
            || { tail -20 "$BASE/server.log" >&2 || true; die "the server did not start (log: $BASE/server.log)"; }
    fi
    for _ in $(seq 1 100); do ready && break; sleep 0.1; done
    ready || die "the server does not accept connections on 127.0.0.1:$PORT (log: $BASE/server.log)"
    if [ "$(aspg "$PGBIN/psql" -h "$BASE" -p "$PORT" -U "$USER_NAME" -d postgres -tAc \
            "SELECT 1 FROM pg_database WHERE datname = '$DBNAME'")" != 1 ]; then
        aspg "$PGBIN/createdb" -h "$BASE" -p "$PORT" -U "$USER_NAME" "$DBNAME"
    fi
    echo "$URL"
}

stop() {
    PGBIN="$(find_pgbin)"
    [ -n "$PGBIN" ] && [ -f "$BASE/data/PG_VERSION" ] || return 0
    if aspg "$PGBIN/pg_ctl" -D "$BASE/data" status >/dev/null 2>&1; then
        aspg "$PGBIN/pg_ctl" -D "$BASE/data" -m fast -w stop >/dev/null
    fi
}

case "${1:-}" in
    start)
        # Quick path without the lock: several test sessions ask at once and it is usually up.
        PGBIN="$(find_pgbin)"
        if [ -n "$PGBIN" ] && ready; then echo "$URL"; exit 0; fi
        lock
        start
        ;;
    url) echo "$URL" ;;
    status)
        PGBIN="$(find_pgbin)"
        [ -n "$PGBIN" ] && ready
        ;;
    stop)
        lock
        stop
        ;;
    destroy)
        lock
        stop
        rm -rf "$BASE"
        ;;
    *)
        echo "usage: $0 start|stop|url|status|destroy" >&2
        exit 2
        ;;
esac

#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for posagent-central's tests and demo, on a Unix socket in its folder.
# Usage: scripts/central-db.sh start DIR   (prints the socket folder; database "posagent", user "posagent")
#        scripts/central-db.sh stop DIR
#        scripts/central-db.sh crash DIR   (stops it as a power cut would; `start` recovers it from the WAL)
# initdb and postgres refuse to run as root: as root they run as the `postgres` account the Debian
# package creates, with DIR owned by it.
set -euo pipefail

action="${1:?usage: central-db.sh start|stop|crash DIR}"
dir="${2:?usage: central-db.sh start|stop|crash DIR}"
bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
[ -x "$bin/initdb" ] || { echo "central-db: PostgreSQL is not installed (apt-get install postgresql)" >&2; exit 69; }

as_owner() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$action" in
start)
    mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$dir"
    if [ ! -f "$dir/data/PG_VERSION" ]; then
        as_owner "$bin/initdb" -D "$dir/data" -U posagent --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log"
    fi
    # No TCP port: only the socket in DIR, so clusters of several engineers or test runs never meet.
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w \
        -o "-k $dir -c listen_addresses='' -c fsync=on" start >/dev/null
    if ! as_owner "$bin/psql" -h "$dir" -U posagent -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'posagent'" | grep -q 1; then
        as_owner "$bin/createdb" -h "$dir" -U posagent posagent
    fi
    echo "$dir"
    ;;
stop)
    [ -f "$dir/data/postmaster.pid" ] && as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
    ;;
crash)
    if [ -f "$dir/data/postmaster.pid" ]; then as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null; fi
    ;;
*)
    echo "central-db: unknown action $action (start, stop or crash)" >&2
    exit 64
    ;;
esac

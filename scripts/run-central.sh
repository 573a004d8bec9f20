#!/usr/bin/env bash
# Sets up the machine, builds posagent-central and runs it in the foreground for a demonstration: a
# throwaway PostgreSQL cluster under ./posagent-data/central (on a Unix socket only), migrated, a shop
# "demo" whose token is written for the agent, and `serve` on 127.0.0.1:8640. Ctrl-C stops serve and the
# cluster; what was uploaded stays for the next run. `scripts/run.sh --central` runs the demo agent
# uploading to it (docs/central.md).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"

bash scripts/setup.sh debug
data="$PWD/posagent-data/central"
mkdir -p "$data"
# Under root the cluster runs as the postgres account, which needs to reach its folder.
[ "$(id -u)" -eq 0 ] && chmod o+x "$PWD/posagent-data"
bash scripts/central-db.sh start "$data/pg" >/dev/null
trap 'bash scripts/central-db.sh stop "$data/pg"' EXIT

config="$data/central.toml"
if [ ! -f "$config" ]; then
    cat >"$config" <<TOML
[database]
socket = "$data/pg/.s.PGSQL.5432"
user = "posagent"
name = "posagent"

[server]
address = "127.0.0.1"
port = 8640
TOML
fi
central=(.build/debug/posagent-central)
"${central[@]}" migrate --config "$config"
# The demo shop and its token, made once; the agent reads the token from this file (mode 0600).
if [ ! -s "$data/demo-token" ]; then
    (umask 077 && "${central[@]}" store add demo --name "Demo shop" --config "$config" >"$data/demo-token")
fi
echo "run-central: shop \"demo\" uploads with the token in $data/demo-token; start the agent with scripts/run.sh --central"
"${central[@]}" serve --config "$config" "$@"

#!/usr/bin/env bash
# Sourced by the load scenarios: starts a real fairdrop-server on its embedded PostgreSQL and Redis in a
# temporary data directory on loopback, sets $url and $data, and stops it on exit.
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
server=${SERVER:-"$root/build/server/fairdrop-server"}
SERVER_THREADS=${SERVER_THREADS:-2}

data=$(mktemp -d /tmp/fairdrop-bench.XXXXXX)
chmod 755 "$data"
log="$data/server.log"
stop_server() {
  [ -n "${pid:-}" ] && kill -TERM "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  rm -rf "$data"
}
trap stop_server EXIT

# Callers pass extra FAIRDROP_* settings in the environment. Access logging off: the benchmark measures
# the server, not the terminal.
QT_LOGGING_RULES="fd.access=false" FAIRDROP_LOG_FORMAT=text \
  "$server" serve --listen 127.0.0.1:0 --data-dir "$data" --threads "$SERVER_THREADS" >"$log" 2>&1 &
pid=$!
url=
for _ in $(seq 1 600); do
  url=$(grep -oE 'serving at http://[0-9.]+:[0-9]+' "$log" | head -1 | cut -d' ' -f3) || true
  [ -n "$url" ] && break
  kill -0 "$pid" 2>/dev/null || { cat "$log"; exit 1; }
  sleep 0.1
done
[ -n "$url" ] || { echo "server did not start"; cat "$log"; exit 1; }
until curl -fs "$url/readyz" >/dev/null; do sleep 0.1; done

# The embedded PostgreSQL listens on a socket under the data directory, owned by the runtime user when
# the server runs as root.
psql_as_owner() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u fairdrop -- psql -X -q -v ON_ERROR_STOP=1 -h "$data/run" -U fairdrop fairdrop "$@"
  else
    psql -X -q -v ON_ERROR_STOP=1 -h "$data/run" -U fairdrop fairdrop "$@"
  fi
}

#!/usr/bin/env bash
# Load benchmarks against a real fairdrop-server on loopback. Not part of `make test`: run `make bench`.
# Bounded: each scenario runs DURATION seconds, then everything started here is stopped.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
server="$root/build/server/fairdrop-server"
DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-64}
WRK_THREADS=${WRK_THREADS:-1}
SERVER_THREADS=${SERVER_THREADS:-2}

data=$(mktemp -d /tmp/fairdrop-bench.XXXXXX)
chmod 755 "$data"
log="$data/server.log"
cleanup() {
  [ -n "${pid:-}" ] && kill -TERM "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  rm -rf "$data"
}
trap cleanup EXIT

# Access logging off: the benchmark measures the server, not the terminal.
# The cluster-wide limit protects the database in production; here it would measure the limiter instead.
FAIRDROP_LIMIT_GLOBAL_PER_SECOND=1000000000 QT_LOGGING_RULES="fd.access=false" FAIRDROP_LOG_FORMAT=text \
  "$server" serve --listen 127.0.0.1:0 --data-dir "$data" --threads "$SERVER_THREADS" >"$log" 2>&1 &
pid=$!
for _ in $(seq 1 600); do
  url=$(grep -oE 'serving at http://[0-9.]+:[0-9]+' "$log" | head -1 | cut -d' ' -f3) || true
  [ -n "$url" ] && break
  kill -0 "$pid" 2>/dev/null || { cat "$log"; exit 1; }
  sleep 0.1
done
[ -n "$url" ] || { echo "server did not start"; cat "$log"; exit 1; }
until curl -fs "$url/readyz" >/dev/null; do sleep 0.1; done

echo "# $(date -u +%FT%TZ) $(nproc) cores; server threads $SERVER_THREADS; wrk -t$WRK_THREADS -c$CONNECTIONS -d${DURATION}s"
for path in /healthz /api/v1/time; do
  echo "## GET $path"
  wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "$url$path" | grep -E 'Requests/sec|Latency|50%|99%|Non-2xx|Socket errors'
done

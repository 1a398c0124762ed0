#!/usr/bin/env bash
# The HTTP core alone (/healthz) and with one async Redis round trip (/api/v1/time).
set -euo pipefail
DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-64}
WRK_THREADS=${WRK_THREADS:-1}
# The cluster-wide limit protects the database in production; here it would measure the limiter instead.
export FAIRDROP_LIMIT_GLOBAL_PER_SECOND=1000000000
source "$(dirname "$0")/server.sh"

echo "# http core: $(date -u +%FT%TZ) $(nproc) cores; server threads $SERVER_THREADS; wrk -t$WRK_THREADS -c$CONNECTIONS -d${DURATION}s"
for path in /healthz /api/v1/time; do
  echo "## GET $path"
  wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "$url$path" | grep -E 'Requests/sec|Latency|50%|99%|Non-2xx|Socket errors'
done

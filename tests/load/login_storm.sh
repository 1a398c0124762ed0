#!/usr/bin/env bash
# Login throughput at the configured argon2id cost, and what a login storm does to the p99 of a cheap
# authenticated endpoint (GET /api/v1/users/me) served at a steady rate by the same node.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
DURATION=${DURATION:-10}
STORM_CONNECTIONS=${STORM_CONNECTIONS:-32}
READ_CONNECTIONS=${READ_CONNECTIONS:-8}
export PACE_MS=${PACE_MS:-10}
# Login limits exist to stop guessing; here one account logs in as fast as the node allows.
export FAIRDROP_LIMIT_GLOBAL_PER_SECOND=1000000000
export FAIRDROP_LIMIT_LOGIN_PER_ACCOUNT_PER_MINUTE=1000000000
export FAIRDROP_LIMIT_LOGIN_PER_IP_PER_MINUTE=1000000000
source "$here/server.sh"

export LOGIN_EMAIL=bench-login@example.com LOGIN_PASSWORD=correct-horse-battery-staple
curl -fs -o /dev/null -H 'Content-Type: application/json' \
  -d "{\"email\":\"$LOGIN_EMAIL\",\"password\":\"$LOGIN_PASSWORD\",\"account_type\":\"buyer\"}" "$url/api/v1/users"
ACCESS_TOKEN=$(curl -fs -H 'Content-Type: application/json' \
  -d "{\"email\":\"$LOGIN_EMAIL\",\"password\":\"$LOGIN_PASSWORD\"}" "$url/api/v1/auth/token" |
  sed -E 's/.*"access_token":"([^"]+)".*/\1/')
export ACCESS_TOKEN

# wrk prints "99%  850.00us", "99%  3.81ms" or "99%  1.02s": normalise to milliseconds.
p99_ms() {
  awk '$1 == "99%" { v = $2; if (v ~ /us$/) m = v / 1000; else if (v ~ /ms$/) m = v + 0; else m = v * 1000;
                     printf "%.2f", m }'
}
paced_reads() {
  wrk -t1 -c"$READ_CONNECTIONS" -d"${DURATION}s" --latency -s "$here/paced.lua" "$url/api/v1/users/me"
}

echo "# login storm: $(date -u +%FT%TZ) $(nproc) cores; server threads $SERVER_THREADS;" \
  "reads: $READ_CONNECTIONS connections every ${PACE_MS} ms; storm: $STORM_CONNECTIONS connections"
quiet=$(paced_reads)
echo "## GET /api/v1/users/me, quiet"
echo "$quiet" | grep -E "Requests/sec|Latency |50%|75%|90%|99%|Non-2xx"

storm_out="$data/storm.txt"
wrk -t1 -c"$STORM_CONNECTIONS" -d"$((DURATION + 4))s" --latency -s "$here/login.lua" \
  "$url/api/v1/auth/token" >"$storm_out" &
storm=$!
sleep 2
stormy=$(paced_reads)
wait "$storm"
echo "## GET /api/v1/users/me, during the login storm"
echo "$stormy" | grep -E "Requests/sec|Latency |50%|75%|90%|99%|Non-2xx"
echo "## POST /api/v1/auth/token (the storm)"
grep -E 'Requests/sec|50%|99%|Non-2xx|Socket errors' "$storm_out"

quiet_p99=$(echo "$quiet" | p99_ms)
stormy_p99=$(echo "$stormy" | p99_ms)
echo "p99 quiet ${quiet_p99} ms, during storm ${stormy_p99} ms: $(awk -v a="$stormy_p99" -v b="$quiet_p99" 'BEGIN { printf "%.2f", a / b }')x"
curl -fs "$url/metrics" | grep -E '^fairdrop_password_hash' || true

#!/usr/bin/env bash
# The public catalog under read load: 10,000 seeded ACTIVE products, listed newest first, by price, by a
# full-text search, and read one by one at random.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-64}
WRK_THREADS=${WRK_THREADS:-1}
export FAIRDROP_LIMIT_GLOBAL_PER_SECOND=1000000000
source "$here/server.sh"

psql_as_owner <"$here/seed_catalog.sql"
export IDS_FILE="$data/ids.txt"
psql_as_owner -At -c "SELECT id FROM products WHERE status = 'ACTIVE'" >"$IDS_FILE"
chmod 644 "$IDS_FILE"

echo "# catalog: $(date -u +%FT%TZ) $(nproc) cores; server threads $SERVER_THREADS;" \
  "$(wc -l <"$IDS_FILE") products; wrk -t$WRK_THREADS -c$CONNECTIONS -d${DURATION}s"
run() {
  echo "## $1"
  shift
  wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "$@" |
    grep -E 'Requests/sec|50%|99%|Non-2xx|Socket errors'
  # Requests wrk gave up on may still be queued for the database: let them drain before the next run.
  sleep 2
}
run "GET /api/v1/inventory/ (newest first, 50 per page)" "$url/api/v1/inventory/"
run "GET /api/v1/inventory/?sort=price_asc&limit=20" "$url/api/v1/inventory/?sort=price_asc&limit=20"
run "GET /api/v1/inventory/?q=lamp&limit=20 (full text, by relevance)" "$url/api/v1/inventory/?q=lamp&limit=20"
run "GET /api/v1/inventory/{random id}" -s "$here/random_product.lua" "$url"

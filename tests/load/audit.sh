#!/usr/bin/env bash
# The audit log as the console's table reads it when scrolled from top to bottom: 100,000 seeded entries,
# every page fetched in turn by following next_cursor, with no filter and with each kind of filter. Prints
# per walk the pages, entries, total time and the median and worst page.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
PAGE=${PAGE:-100} # the console's page size
export FAIRDROP_LIMIT_GLOBAL_PER_SECOND=1000000000
export FAIRDROP_ADMIN_EMAIL=bench-admin@example.com FAIRDROP_ADMIN_PASSWORD="bench admin password"
source "$here/server.sh"

psql_as_owner <"$here/seed_audit.sql"
token=$(curl -fs -H 'Content-Type: application/json' \
  -d "{\"email\":\"$FAIRDROP_ADMIN_EMAIL\",\"password\":\"$FAIRDROP_ADMIN_PASSWORD\"}" \
  "$url/api/v1/auth/token" | jq -r .access_token)

echo "# audit log: $(date -u +%FT%TZ) $(nproc) cores; server threads $SERVER_THREADS;" \
  "$(psql_as_owner -At -c 'SELECT count(*) FROM audit_log') entries; $PAGE per page"
walk() { # title query
  local query=$2 cursor="" count=0 pages=0 entries=0 times="$data/times" body="$data/page.json"
  : >"$times"
  while :; do
    local target="$url/api/v1/admin/audit-log?limit=$PAGE$query"
    [ -n "$cursor" ] && target="$target&cursor=$cursor"
    curl -fs -o "$body" -w '%{time_total}\n' -H "Authorization: Bearer $token" "$target" >>"$times"
    pages=$((pages + 1))
    read -r count cursor < <(jq -r '"\(.items | length) \(.next_cursor // "")"' "$body")
    entries=$((entries + count))
    [ -z "$cursor" ] && break
  done
  sort -n "$times" | awk -v title="$1" -v pages="$pages" -v entries="$entries" '
    { t[NR] = $1 * 1000; sum += $1 }
    END { printf "| %s | %d | %d | %.1f s | %.1f ms | %.1f ms |\n", title, pages, entries, sum,
          t[int((NR + 1) / 2)], t[NR] }'
}
echo "| walk | pages | entries | total | median page | worst page |"
echo "|---|---|---|---|---|---|"
walk "no filter" ""
walk "actor: the administrator (40%)" "&actor_id=00000000-0000-4000-8000-000000000001"
walk "actor: one seller (0.6%)" "&actor_id=00000000-0000-4000-8000-000000000002"
walk "action: product.update (12.5%)" "&action=product.update"
walk "target: one product" "&target_type=product&target_id=p-42"
walk "time range: 10 hours (36%)" \
  "&from=$(date -u -d '-20 hours' +%FT%TZ)&to=$(date -u -d '-10 hours' +%FT%TZ)"

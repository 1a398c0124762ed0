#!/usr/bin/env bash
# Holds and orders under write load: reserves on a sold-out drop (Redis answers alone), on one hot product
# and on random ones (Redis decides, PostgreSQL records), orders made of those holds, and the ceiling of
# the hold decision itself: redis-benchmark of the server's hold_reserve.lua on the sold-out state.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
DURATION=${DURATION:-8}
CONNECTIONS=${CONNECTIONS:-64}
WRK_THREADS=${WRK_THREADS:-1}
BUYERS=${BUYERS:-64}
PRODUCTS=${PRODUCTS:-1000}
export WRK_THREADS
# The limits are raised, not removed: their scripts still run on every request, but none refuses. The
# benchmark measures the hold path, not one buyer bumping into the limits that protect it.
export FAIRDROP_LIMIT_GLOBAL_PER_SECOND=1000000000
export FAIRDROP_LIMIT_USER_WRITES_PER_SECOND=1000000000
export FAIRDROP_LIMIT_RESERVE_PER_PRODUCT_PER_SECOND=1000000000
export FAIRDROP_LIMIT_HOLD_UNITS_PER_USER=1000000
export FAIRDROP_LIMIT_LOGIN_PER_IP_PER_MINUTE=1000000000
export FAIRDROP_LIMIT_LOGIN_PER_ACCOUNT_PER_MINUTE=1000000000
source "$here/server.sh"

redis_cli() { redis-cli -s "$data/run/redis.sock" "$@"; }
api() { curl -sS -H 'Content-Type: application/json' "$@"; }
reserve_status() { # token product quantity idempotency-key
  api -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $1" -H "Idempotency-Key: $4" \
    -d "{\"product_id\":\"$2\",\"quantity\":$3}" "$url/api/v1/inventory/reserve"
}

# One buyer signs up through the API (signups are limited to 3 an hour per address; one is enough), the
# seed copies its password hash to the others. Every buyer then logs in, four at a time: argon2id is the
# slow part, and tokens live 30 minutes, longer than this script.
password=correct-horse-battery-staple
api -f -o /dev/null -d "{\"email\":\"bench-buyer-1@example.com\",\"password\":\"$password\",\"account_type\":\"buyer\"}" \
  "$url/api/v1/users"
psql_as_owner -v products="$PRODUCTS" -v buyers="$BUYERS" <"$here/seed_reserve.sql"
mkdir "$data/tokens"
logins=() # a bare `wait` would wait for the server too
for n in $(seq 1 "$BUYERS"); do
  api -f -d "{\"email\":\"bench-buyer-$n@example.com\",\"password\":\"$password\"}" "$url/api/v1/auth/token" |
    sed -E 's/.*"access_token":"([^"]+)".*/\1/' >"$data/tokens/$n" &
  logins+=($!)
  if ((${#logins[@]} == 4)); then
    wait "${logins[@]}" || true
    logins=()
  fi
done
if ((${#logins[@]})); then wait "${logins[@]}" || true; fi
export TOKENS_FILE="$data/tokens.txt" PRODUCTS_FILE="$data/products.txt" HOLDS_FILE="$data/holds.txt"
for n in $(seq 1 "$BUYERS"); do
  [ -s "$data/tokens/$n" ] || { echo "bench-buyer-$n could not log in"; exit 1; }
  printf 'bench-buyer-%s@example.com %s\n' "$n" "$(cat "$data/tokens/$n")"
done >"$data/logins.txt"
cut -d' ' -f2 "$data/logins.txt" >"$TOKENS_FILE"
psql_as_owner -At -c "SELECT id FROM products WHERE name LIKE 'bench shelf #%'" >"$PRODUCTS_FILE"
soldout=$(psql_as_owner -At -c "SELECT id FROM products WHERE name = 'bench drop: sold out'")
hot=$(psql_as_owner -At -c "SELECT id FROM products WHERE name = 'bench drop: hot'")
chmod 644 "$TOKENS_FILE" "$PRODUCTS_FILE"

# The drop: one buyer takes all 100 units through the API before wrk starts, so every reserve in the run
# finds nothing left, and Redis alone answers (no PostgreSQL on this path).
first=$(head -1 "$TOKENS_FILE")
for n in $(seq 1 10); do
  status=$(reserve_status "$first" "$soldout" 10 "sell-out-$n")
  [ "$status" = 201 ] || { echo "selling out the drop: reserve $n answered $status"; exit 1; }
done
status=$(reserve_status "$first" "$soldout" 1 sell-out-check)
[ "$status" = 409 ] || { echo "the drop is not sold out: reserve answered $status"; exit 1; }

echo "# reserve: $(date -u +%FT%TZ) $(nproc) cores; server threads $SERVER_THREADS; $BUYERS buyers;" \
  "$PRODUCTS products; wrk -t$WRK_THREADS -c$CONNECTIONS -d${DURATION}s"
rows=()
# wrk's rate and percentiles, and the answer mix the Lua scripts print (mix.lua), as one table row.
run() {
  local name=$1 out="$data/wrk.txt"
  shift
  echo "## $name"
  wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "$@" >"$out"
  grep -E 'Requests/sec|50%|99%|Non-2xx|Socket errors|Statuses|Ran out' "$out"
  local rps p50 p99 mix
  rps=$(awk '/^Requests\/sec/ { print $2 }' "$out")
  p50=$(awk '$1 == "50%" { print $2 }' "$out")
  p99=$(awk '$1 == "99%" { print $2 }' "$out")
  mix=$(sed -n 's/^Statuses: //p' "$out")
  rows+=("| $name | $rps | $p50 | $p99 | $mix |")
  # Requests wrk gave up on may still be queued for the database: let them drain before the next run.
  sleep 2
}

KEY_PREFIX=soldout PRODUCT_ID=$soldout run "reserve, sold-out drop (409 from Redis)" -s "$here/reserve.lua" "$url"

# The same decision without HTTP: the server's own script, the sold-out product's keys, a buyer who holds
# nothing, quantity 1 and the raised limits (argument order: lua/hold_reserve.lua).
echo "## redis-benchmark EVALSHA hold_reserve.lua, sold-out state"
sha=$(redis_cli SCRIPT LOAD "$(cat "$root/lua/hold_reserve.lua")")
run_id=$(redis_cli INFO server | tr -d '\r' | sed -n 's/^run_id://p')
tag="{p:$soldout}"
evalsha=(EVALSHA "$sha" 5 "$tag:hold" "$tag:holds" "$tag:units" "$tag:unconfirmed" "$tag:rate"
  "$run_id" "$(cat /proc/sys/kernel/random/uuid)" "$(cat /proc/sys/kernel/random/uuid)" 1 1000000 1000000000
  3600000 120000)
outcome=$(redis_cli "${evalsha[@]}" | head -1)
[ "$outcome" = insufficient ] || { echo "hold_reserve.lua answered '$outcome', not insufficient"; exit 1; }
# --csv: "test","rps","avg_latency_ms","min_latency_ms","p50_latency_ms","p95_latency_ms","p99_latency_ms",...
redis-benchmark -s "$data/run/redis.sock" -n 200000 -c 50 --csv "${evalsha[@]}" | tail -1 | tr -d '"' |
  awk -F, '{ printf "Requests/sec: %s, p50 %s ms, p99 %s ms\n", $2, $5, $7 }' >"$data/redis.txt"
cat "$data/redis.txt"
rows+=("$(awk '{ sub(",", "", $2); printf "| redis-benchmark -c50 EVALSHA hold_reserve.lua, sold out | %s | %sms | %sms | insufficient |", $2, $4, $7 }' "$data/redis.txt")")

KEY_PREFIX=hot PRODUCT_ID=$hot run "reserve, one hot product (201: Redis + PostgreSQL)" -s "$here/reserve.lua" "$url"
# A product's first reserve finds no state in Redis and rebuilds it from PostgreSQL: in this run that is
# once per product, ~1,000 of the requests, part of what it measures.
KEY_PREFIX=random run "reserve, random of $PRODUCTS products" -s "$here/reserve.lua" "$url"

# Orders need holds, one each. The holds made by the two runs above are real ones, taken through the
# API, so the order run uses them, shuffled, each with its owner's token: every request is a whole
# order (one hold) and no reserve is mixed into its latency. The reserve runs lasted twice as long as
# this one and an order does more database work than a hold, so holds should not run out; if they do,
# order.lua stops and says so.
psql_as_owner -At -F' ' -c "SELECT u.email, r.id FROM reservations r JOIN users u ON u.id = r.user_id
                             WHERE r.status = 'PENDING' AND r.order_id IS NULL" >"$data/held.txt"
awk 'NR == FNR { token[$1] = $2; next } { print token[$1], $2 }' "$data/logins.txt" "$data/held.txt" |
  shuf >"$HOLDS_FILE"
chmod 644 "$HOLDS_FILE"
echo "# $(wc -l <"$HOLDS_FILE") holds to order"
KEY_PREFIX=order run "order of one hold" -s "$here/order.lua" "$url"

# Redis and PostgreSQL must still agree on the hot product: units free in Redis + units held in the
# ledger = stock.
held=$(psql_as_owner -At -c "SELECT coalesce(sum(quantity), 0) FROM reservations
                             WHERE product_id = '$hot' AND status = 'PENDING'")
free=$(redis_cli HGET "{p:$hot}:hold" avail)
echo "# hot product: $free free in Redis + $held held in PostgreSQL = $((free + held)) (stock 1000000)"
# What the hold path did besides answering (a state rebuild per product on its first reserve; fenced
# records would mean Redis decided on a stale state), and whatever the server warned about.
curl -fs "$url/metrics" |
  grep -E '^fairdrop_(reservation_decisions|hold_state_rebuilds|hold_records_fenced)_total' || true
echo "# server warnings: $(grep -cE '^[0-9T:.-]+Z (warning|error|fatal)' "$log" || true)"
grep -E '^[0-9T:.-]+Z (warning|error|fatal)' "$log" | head -5 || true

echo
echo "| scenario | requests/s | p50 | p99 | answers |"
echo "|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"

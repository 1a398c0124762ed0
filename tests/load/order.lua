-- POST /api/v1/orders/ of one hold each. HOLDS_FILE has "<owner's bearer token> <hold id>" per line: real
-- holds made through the API before the run (reserve.sh says which), so every request is an order and
-- nothing else; thread n of WRK_THREADS takes every WRK_THREADS-th line. A hold belongs to one order at
-- most, so a thread that runs out of holds stops, and done() says that wrk's requests/s (which divides by
-- the whole duration) then understates the rate.
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "mix.lua")

local holds = {}
local prefix = os.getenv("KEY_PREFIX") or "order"
local sent = 0
exhausted = false

function init(args)
  local threads = tonumber(os.getenv("WRK_THREADS") or "1")
  local n = 0
  for line in io.lines(os.getenv("HOLDS_FILE")) do
    if n % threads == tid - 1 then
      local token, hold = line:match("^(%S+)%s+(%S+)$")
      holds[#holds + 1] = {token, hold}
    end
    n = n + 1
  end
end

function request()
  sent = sent + 1
  local next = holds[sent]
  if not next then
    exhausted = true
    wrk.thread:stop()
    return wrk.format("GET", "/healthz", {}) -- may still go out before the thread stops: shows as 200
  end
  return wrk.format("POST", "/api/v1/orders/", {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. next[1],
    ["Idempotency-Key"] = string.format("%s-%d-%d", prefix, tid, sent),
  }, '{"reservation_ids":["' .. next[2] .. '"],"shipping_address":"1 Benchmark Street, Loadville"}')
end

function done(summary, latency, requests)
  for _, thread in ipairs(print_mix()) do
    if thread:get("exhausted") then
      print("Ran out of holds before the end: requests/s understates the order rate")
      return
    end
  end
end

-- POST /api/v1/inventory/reserve, quantity 1, as many buyers: one bearer token per line of TOKENS_FILE,
-- taken in turn. The product is PRODUCT_ID, or a random line of PRODUCTS_FILE for every request. Every
-- request has its own Idempotency-Key (KEY_PREFIX, thread, counter): a repeated key would be answered from
-- the idempotency record instead of reaching the hold decision.
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "mix.lua")

local tokens, products = {}, {}
local product = os.getenv("PRODUCT_ID")
local prefix = os.getenv("KEY_PREFIX") or "reserve"
local sent = 0

function init(args)
  for line in io.lines(os.getenv("TOKENS_FILE")) do
    tokens[#tokens + 1] = line
  end
  if not product then
    for line in io.lines(os.getenv("PRODUCTS_FILE")) do
      products[#products + 1] = line
    end
  end
  math.randomseed(os.time() * 1000 + tid)
end

function request()
  sent = sent + 1
  local id = product or products[math.random(#products)]
  return wrk.format("POST", "/api/v1/inventory/reserve", {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. tokens[(sent + tid) % #tokens + 1],
    ["Idempotency-Key"] = string.format("%s-%d-%d", prefix, tid, sent),
  }, '{"product_id":"' .. id .. '","quantity":1}')
end

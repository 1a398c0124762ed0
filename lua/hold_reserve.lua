-- Takes units of one product for one hold, atomically: the only place a hold is ever decided.
-- KEYS (one hash tag, {p:<product id>}):
--   [1] state: avail (units free to hold), gen (PostgreSQL hold_generation it was built from),
--       run (run_id of the Redis instance it was built in), seller, and sellable ('0' for a product
--       that is not on sale: remembered briefly, so asking about it costs PostgreSQL nothing)
--   [2] holds: hold id -> "<quantity>:<user id>"
--   [3] units: user id -> units that user holds
--   [4] unconfirmed: hold id -> deadline (ms) by which PostgreSQL must have recorded it
--   [5] rate: GCRA arrival time (microseconds) of the per-product reserve limit
-- ARGV: [1] run_id of this Redis as the caller knows it, [2] hold id, [3] user id, [4] quantity,
--       [5] units one user may hold, [6] reserves per second allowed, [7] state lifetime (ms),
--       [8] how long a hold may stay unconfirmed (ms)
-- Returns {outcome, a, b, c}:
--   {'ok', avail_after, gen, overdue}      overdue: unconfirmed holds past their deadline (a repair is due)
--   {'insufficient', avail, gen, overdue}
--   {'limit', units_held}                  the user would hold more than allowed
--   {'own'}                                the caller sells this product
--   {'not_on_sale', seller}
--   {'rate', retry_after_ms}
--   {'rebuild'}                            no state, or state built in another Redis instance
local state = redis.call('HMGET', KEYS[1], 'avail', 'gen', 'run', 'seller', 'sellable')
if not state[1] or state[3] ~= ARGV[1] then
    return {'rebuild'}
end
local user = ARGV[3]
if state[4] == user then
    return {'own'}
end
if state[5] == '0' then
    return {'not_on_sale', state[4]}
end

local time = redis.call('TIME')
local now_us = tonumber(time[1]) * 1000000 + tonumber(time[2])
local now_ms = math.floor(now_us / 1000)

local interval = 1000000 / tonumber(ARGV[6])
local tat = tonumber(redis.call('GET', KEYS[5]) or now_us)
if tat < now_us then
    tat = now_us
end
if tat - now_us >= 1000000 then
    return {'rate', math.ceil((tat - now_us - 1000000 + interval) / 1000)}
end

local gen = state[2]
local overdue = redis.call('ZCOUNT', KEYS[4], '-inf', now_ms)
local quantity = tonumber(ARGV[4])
local held = tonumber(redis.call('HGET', KEYS[3], user) or '0')
if held + quantity > tonumber(ARGV[5]) then
    return {'limit', held}
end
local avail = tonumber(state[1])
if avail < quantity then
    return {'insufficient', avail, gen, overdue}
end

local new_tat = tat + interval
redis.call('SET', KEYS[5], string.format('%.0f', new_tat), 'PX', math.ceil((new_tat - now_us) / 1000) + 1000)
avail = redis.call('HINCRBY', KEYS[1], 'avail', -quantity)
redis.call('HSET', KEYS[2], ARGV[2], quantity .. ':' .. user)
redis.call('HINCRBY', KEYS[3], user, quantity)
redis.call('ZADD', KEYS[4], now_ms + tonumber(ARGV[8]), ARGV[2])
for i = 1, 4 do
    redis.call('PEXPIRE', KEYS[i], ARGV[7])
end
return {'ok', avail, gen, overdue}

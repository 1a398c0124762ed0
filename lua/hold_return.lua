-- Ends one hold in Redis: its units go back on sale (released, expired, or never recorded), or leave
-- for good (sold: PostgreSQL's stock already dropped by the same amount). Idempotent: a hold ends once.
-- KEYS: the product's state, holds, units and unconfirmed keys (see hold_reserve.lua)
-- ARGV: [1] hold id, [2] '1' to put the units back on sale, '0' when they were sold
-- Returns the hold's quantity, or 0 when Redis did not know the hold (already ended, or state lost:
-- then the next reserve rebuilds the product from PostgreSQL, which is right either way).
if redis.call('EXISTS', KEYS[1]) == 0 then
    return 0
end
local hold = redis.call('HGET', KEYS[2], ARGV[1])
if not hold then
    return 0
end
local quantity, user = string.match(hold, '^(%d+):(.+)$')
quantity = tonumber(quantity)
redis.call('HDEL', KEYS[2], ARGV[1])
redis.call('ZREM', KEYS[4], ARGV[1])
if redis.call('HINCRBY', KEYS[3], user, -quantity) <= 0 then
    redis.call('HDEL', KEYS[3], user)
end
if ARGV[2] == '1' then
    redis.call('HINCRBY', KEYS[1], 'avail', quantity)
end
return quantity

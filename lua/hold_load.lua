-- Replaces a product's hold state with one rebuilt from PostgreSQL, unless a newer rebuild of this Redis
-- instance is already there.
-- KEYS: the product's state, holds, units and unconfirmed keys (see hold_reserve.lua)
-- ARGV: [1] run_id, [2] generation, [3] units free to hold, [4] seller id, [5] state lifetime (ms),
--       [6] '1' when the product is on sale, '0' when not, then for each PENDING hold: hold id, quantity,
--       user id
-- Returns 1 when loaded, 0 when a rebuild of the same or a later generation was already loaded.
local current = redis.call('HMGET', KEYS[1], 'gen', 'run')
if current[2] == ARGV[1] and tonumber(current[1]) >= tonumber(ARGV[2]) then
    return 0
end
redis.call('DEL', KEYS[1], KEYS[2], KEYS[3], KEYS[4])
redis.call('HSET', KEYS[1], 'avail', ARGV[3], 'gen', ARGV[2], 'run', ARGV[1], 'seller', ARGV[4], 'sellable',
    ARGV[6])
for i = 7, #ARGV, 3 do
    redis.call('HSET', KEYS[2], ARGV[i], ARGV[i + 1] .. ':' .. ARGV[i + 2])
    redis.call('HINCRBY', KEYS[3], ARGV[i + 2], tonumber(ARGV[i + 1]))
end
for i = 1, 3 do
    redis.call('PEXPIRE', KEYS[i], ARGV[5])
end
return 1

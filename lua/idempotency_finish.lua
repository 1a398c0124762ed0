-- Stores the answer of the request that claimed an idempotency key, or frees the key when the request
-- changed nothing worth replaying. Only the claim's owner may do either.
-- KEYS[1] the key's record
-- ARGV: [1] owner token, [2] '1' to store, '0' to free, then when storing: [3] status, [4] content type,
--       [5] headers (one "name: value" per line), [6] body, [7] lifetime of the stored answer (ms)
-- Returns 1 when done, 0 when the claim is no longer this owner's.
if redis.call('HGET', KEYS[1], 'owner') ~= ARGV[1] then
    return 0
end
if ARGV[2] == '0' then
    redis.call('DEL', KEYS[1])
    return 1
end
redis.call('HSET', KEYS[1], 'state', 'done', 'status', ARGV[3], 'ctype', ARGV[4], 'headers', ARGV[5],
    'body', ARGV[6])
redis.call('HDEL', KEYS[1], 'owner')
redis.call('PEXPIRE', KEYS[1], ARGV[7])
return 1

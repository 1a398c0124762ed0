-- Claims an idempotency key for one request, or tells what became of the request that claimed it.
-- KEYS[1] the key's record (scoped to caller, method and path)
-- ARGV: [1] fingerprint of the request body, [2] owner token of this attempt, [3] how long a running
--       claim lives (ms) if its node dies before finishing
-- Returns {'new'} (claimed: run the request), {'mismatch'} (another body used this key),
--         {'running'}, or {'replay', status, content_type, headers, body}
local record = redis.call('HMGET', KEYS[1], 'fp', 'state', 'status', 'ctype', 'headers', 'body')
if not record[1] then
    redis.call('HSET', KEYS[1], 'fp', ARGV[1], 'state', 'running', 'owner', ARGV[2])
    redis.call('PEXPIRE', KEYS[1], ARGV[3])
    return {'new'}
end
if record[1] ~= ARGV[1] then
    return {'mismatch'}
end
if record[2] == 'running' then
    return {'running'}
end
return {'replay', record[3], record[4], record[5], record[6]}

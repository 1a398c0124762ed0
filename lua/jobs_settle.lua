-- Settles one delivered job: done (acknowledged and removed), retried later (removed, then delayed), or
-- dead (removed, then kept in the dead-letter stream with why). Atomic, so a job is never both retried
-- and dead, nor lost in between.
-- KEYS: [1] the stream, [2] delayed jobs, [3] dead-letter stream
-- ARGV: [1] consumer group, [2] message id, [3] 'done' | 'retry' | 'dead', [4] job type, [5] attempts so far,
--       [6] payload, [7] retry delay (ms), [8] error text, [9] job id
-- Returns 1 when the message was still pending for the group (0: another worker settled it already).
local acked = redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
redis.call('XDEL', KEYS[1], ARGV[2])
if acked == 0 then
    return 0
end
if ARGV[3] == 'retry' then
    local time = redis.call('TIME')
    local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
    redis.call('ZADD', KEYS[2], now + tonumber(ARGV[7]), ARGV[4] .. '\n' .. ARGV[9] .. '\n' .. ARGV[5] .. '\n' .. ARGV[6])
elseif ARGV[3] == 'dead' then
    redis.call('XADD', KEYS[3], 'MAXLEN', '~', '10000', '*', 'type', ARGV[4], 'id', ARGV[9], 'attempts', ARGV[5],
        'payload', ARGV[6], 'error', ARGV[8])
end
return 1

-- Moves delayed jobs whose time has come into the job stream, and enqueues periodic jobs that are due,
-- atomically: with any number of workers calling this, each due job enters the stream exactly once.
-- KEYS: [1] delayed jobs (sorted set: "type\nid\nattempts\npayload" -> due time in ms), [2] the stream,
--       [3] periodic schedule (hash: job type -> next due time in ms)
-- ARGV: [1] most delayed jobs to move, then pairs of (periodic job type, interval in ms)
-- Returns the number of jobs put in the stream.
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local moved = 0
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, tonumber(ARGV[1]))
for _, encoded in ipairs(due) do
    local type, id, attempts, payload = string.match(encoded, '^([^\n]*)\n([^\n]*)\n(%d+)\n(.*)$')
    if type then
        redis.call('XADD', KEYS[2], '*', 'type', type, 'id', id, 'attempts', attempts, 'payload', payload)
        moved = moved + 1
    end
    redis.call('ZREM', KEYS[1], encoded)
end
for i = 2, #ARGV, 2 do
    local next_due = tonumber(redis.call('HGET', KEYS[3], ARGV[i]) or '0')
    if now >= next_due then
        redis.call('HSET', KEYS[3], ARGV[i], now + tonumber(ARGV[i + 1]))
        redis.call('XADD', KEYS[2], '*', 'type', ARGV[i], 'id', ARGV[i] .. '@' .. now, 'attempts', '0', 'payload', '')
        moved = moved + 1
    end
end
return moved

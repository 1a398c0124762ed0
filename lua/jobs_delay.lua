-- Schedules a job to enter the stream after a delay, by Redis' clock (every node agrees on it).
-- KEYS[1] delayed jobs; ARGV: [1] delay (ms), [2] job type, [3] payload, [4] job id. Returns 1.
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[1]), ARGV[2] .. '\n' .. ARGV[4] .. '\n0\n' .. ARGV[3])
return 1

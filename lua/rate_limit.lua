-- GCRA rate limit on one key, decided atomically with Redis' own clock so every node agrees.
-- KEYS[1]  the limit's key (theoretical arrival time in microseconds)
-- ARGV[1]  limit: requests allowed per period (also the burst)
-- ARGV[2]  period in milliseconds
-- ARGV[3]  cost of this request (usually 1)
-- Returns {allowed (0/1), remaining, reset_ms, retry_after_ms}
local limit = tonumber(ARGV[1])
local period = tonumber(ARGV[2]) * 1000
local cost = tonumber(ARGV[3])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
local interval = period / limit

local tat = tonumber(redis.call('GET', KEYS[1]) or now)
if tat < now then
    tat = now
end
local new_tat = tat + interval * cost
local allow_at = new_tat - period

if allow_at > now then
    local remaining = math.floor((period - (tat - now)) / interval)
    if remaining < 0 then remaining = 0 end
    return {0, remaining, math.ceil((tat - now) / 1000), math.ceil((allow_at - now) / 1000)}
end

redis.call('SET', KEYS[1], string.format('%.0f', new_tat), 'PX', math.ceil((new_tat - now) / 1000) + 1)
local remaining = math.floor((period - (new_tat - now)) / interval)
return {1, remaining, math.ceil((new_tat - now) / 1000), 0}

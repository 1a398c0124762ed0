-- Caches what authentication needs to know about one API key.
-- A loader filling a miss (ARGV[1] = 0) never overwrites a state already cached: a change commits first and
-- then publishes its state unconditionally (ARGV[1] = 1), and a loader that read PostgreSQL before that
-- commit must not bring the old state back.
-- KEYS[1]  fd:apikey:{<id>}
-- ARGV[1]  replace (1/0)   ARGV[2]  ttl seconds   ARGV[3..]  field, value, field, value, ...
if ARGV[1] ~= '1' and redis.call('EXISTS', KEYS[1]) == 1 then
    return 0
end
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], unpack(ARGV, 3))
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[2]))
return 1

-- Caches a user's access state loaded from PostgreSQL, unless a fresher state was stored meanwhile
-- (a change writes its state unconditionally after commit; a slower loader must not overwrite it).
-- KEYS[1]  fd:user:{<id>}
-- ARGV[1]  active (1/0)   ARGV[2]  role   ARGV[3]  tokens valid after (epoch seconds)   ARGV[4]  ttl seconds
if redis.call('EXISTS', KEYS[1]) == 0 then
    redis.call('HSET', KEYS[1], 'active', ARGV[1], 'role', ARGV[2], 'valid_after', ARGV[3])
    redis.call('EXPIRE', KEYS[1], tonumber(ARGV[4]))
    return 1
end
return 0

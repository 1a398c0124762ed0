-- Deletes a lock only while it is still the caller's (its token), never one a later holder took.
-- KEYS[1] the lock, ARGV[1] the caller's token. Returns 1 when deleted.
if redis.call('GET', KEYS[1]) == ARGV[1] then
    return redis.call('DEL', KEYS[1])
end
return 0

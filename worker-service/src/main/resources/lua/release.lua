-- Hands a running job back to the queue (worker shutting down): running -> queued, lease dropped, so the next
-- owner of the partition claims it at once instead of waiting for the lease to lapse.
-- KEYS[1] job hash, KEYS[2] lease; ARGV[1] worker id. Returns 1 or 0.
if redis.call('GET', KEYS[2]) ~= ARGV[1] or redis.call('HGET', KEYS[1], 'status') ~= 'running' then
  return 0
end
redis.call('HSET', KEYS[1], 'status', 'queued', 'progress', '0')
redis.call('HINCRBY', KEYS[1], 'attempts', -1) -- a handed-back attempt does not count
redis.call('DEL', KEYS[2])
return 1

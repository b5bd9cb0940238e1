-- Extends the lease if this worker still holds it. KEYS[1] lease; ARGV[1] worker id, ARGV[2] ttl ms. Returns 1 or 0.
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
return 0

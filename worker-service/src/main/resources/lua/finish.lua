-- Moves a running job to its terminal state, only for the lease holder, and drops the lease.
-- KEYS[1] job hash, KEYS[2] lease, KEYS[3] audio
-- ARGV[1] worker id, ARGV[2] audio ttl ms or '' (no audio), ARGV[3] audio bytes, ARGV[4..] field/value pairs
-- Returns 1, or 0 when this worker does not hold the lease (another worker owns the job now).
if redis.call('GET', KEYS[2]) ~= ARGV[1] or redis.call('HGET', KEYS[1], 'status') ~= 'running' then
  return 0
end
if ARGV[2] ~= '' then
  redis.call('SET', KEYS[3], ARGV[3], 'PX', ARGV[2])
end
redis.call('HSET', KEYS[1], unpack(ARGV, 4))
redis.call('DEL', KEYS[2])
return 1

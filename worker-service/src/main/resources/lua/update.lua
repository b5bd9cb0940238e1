-- A fenced write of job fields by the lease holder (progress, next attempt) while the job runs.
-- KEYS[1] job hash, KEYS[2] lease; ARGV[1] worker id, ARGV[2] field to increment or '', ARGV[3..] field/value pairs.
-- Returns the incremented value (or 0 when none asked), -1 when this worker does not hold the lease.
if redis.call('GET', KEYS[2]) ~= ARGV[1] or redis.call('HGET', KEYS[1], 'status') ~= 'running' then
  return -1
end
if #ARGV >= 3 then
  redis.call('HSET', KEYS[1], unpack(ARGV, 3))
end
if ARGV[2] ~= '' then
  return redis.call('HINCRBY', KEYS[1], ARGV[2], 1)
end
return 0

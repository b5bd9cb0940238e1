-- Claims a job for one worker: queued (or running whose lease lapsed) -> running, under a fresh lease.
-- KEYS[1] job hash, KEYS[2] lease
-- ARGV[1] worker id, ARGV[2] lease ttl ms, ARGV[3] now (RFC 3339), ARGV[4] max attempts
-- Returns {'missing'} | {'terminal', status, pending event or '', error code or ''} | {'leased', holder}
--       | {'canceled'} | {'exhausted', attempts} | {'claimed', attempts}
local status = redis.call('HGET', KEYS[1], 'status')
if not status then
  return {'missing'}
end
if status == 'succeeded' or status == 'failed' or status == 'canceled' then
  return {'terminal', status, redis.call('HGET', KEYS[1], 'terminal_event_pending') or '',
    redis.call('HGET', KEYS[1], 'error_code') or ''}
end
local holder = redis.call('GET', KEYS[2])
if holder then
  return {'leased', holder}
end
if redis.call('HGET', KEYS[1], 'cancel_requested') == '1' then
  redis.call('HSET', KEYS[1], 'status', 'canceled', 'completed_at', ARGV[3], 'terminal_event_pending', 'CANCELED')
  return {'canceled'}
end
local attempts = tonumber(redis.call('HGET', KEYS[1], 'attempts') or '0')
if attempts >= tonumber(ARGV[4]) then
  -- workers kept dying on this job (lease lapsed each time): stop feeding it to the next one
  redis.call('HSET', KEYS[1], 'status', 'failed', 'completed_at', ARGV[3], 'error_code', 'retries_exhausted',
    'error_message', 'the job was attempted ' .. attempts .. ' times without finishing',
    'terminal_event_pending', 'FAILED')
  return {'exhausted', tostring(attempts)}
end
attempts = attempts + 1
redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[2])
redis.call('HSET', KEYS[1], 'status', 'running', 'started_at', ARGV[3], 'worker', ARGV[1], 'progress', '0',
  'attempts', tostring(attempts))
return {'claimed', tostring(attempts)}

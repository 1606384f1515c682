-- Ceiling for POST /api/daemon/heartbeat: the bare statement a heartbeat performs today (mark the runtime
-- online, remembering whether it was offline), on a random runtime of the run. Needs -D runtimes=N and the
-- bench_runtime table the load generator writes (saturate --database-url).
\set n random(1, :runtimes)
UPDATE agent_runtime AS r
SET status = 'online', last_seen_at = now(), updated_at = now()
FROM (SELECT id, status FROM agent_runtime WHERE id = (SELECT id FROM bench_runtime WHERE n = :n) FOR UPDATE) AS before
WHERE r.id = before.id
RETURNING before.status;

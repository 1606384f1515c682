-- Ceiling for an empty claim poll that asks the database: the cheapest query that can answer "is anything
-- claimable on this runtime" (an index probe on the runtime's pending tasks), on a random idle runtime.
\set n random(1, :runtimes)
SELECT 1 FROM agent_task_queue
WHERE runtime_id = (SELECT id FROM bench_runtime WHERE n = :n) AND status IN ('queued', 'dispatched')
LIMIT 1;

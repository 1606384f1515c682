-- Ceiling for claim → start → complete: the three state transitions as three autocommit statements, one
-- task per script run, from a queue the load generator prepared (seed-queue). Run with -M prepared and
-- -t so that clients × transactions does not exceed the queued tasks (an empty queue aborts the client).
UPDATE agent_task_queue SET status = 'dispatched', dispatched_at = now()
WHERE id = (SELECT id FROM agent_task_queue
            WHERE runtime_id = (SELECT id FROM bench_queue_runtime) AND status = 'queued'
            ORDER BY priority DESC, created_at ASC
            LIMIT 1 FOR UPDATE SKIP LOCKED)
RETURNING id AS task_id \gset
UPDATE agent_task_queue SET status = 'running', started_at = now() WHERE id = :task_id AND status = 'dispatched';
UPDATE agent_task_queue SET status = 'completed', completed_at = now() WHERE id = :task_id AND status = 'running';

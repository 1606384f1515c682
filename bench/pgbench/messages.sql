-- Ceiling for POST /api/daemon/tasks/{id}/messages with a batch of 50: the statement the server runs for a
-- batch (one multi-row INSERT from arrays, skipping seqs already stored), 50 fresh rows on a random running
-- task of the run. The server binds the arrays as parameters; pgbench builds them in SQL. Needs -D tasks=N
-- and the bench_message_task table the load generator writes (saturate --route messages --database-url).
\set n random(1, :tasks)
\set base random(1, 2000000000)
INSERT INTO task_message (task_id, seq, type, tool, content, input, output, created_at)
SELECT (SELECT id FROM bench_message_task WHERE n = :n), m.seq, m.type, m.tool, m.content, CAST(m.input AS jsonb), m.output, now()
FROM unnest(
       ARRAY(SELECT :base + g FROM generate_series(0, 49) g),
       ARRAY(SELECT CASE WHEN g % 2 = 0 THEN 'text' ELSE 'tool_result' END FROM generate_series(0, 49) g),
       ARRAY(SELECT CASE WHEN g % 2 = 0 THEN NULL ELSE 'Bash' END FROM generate_series(0, 49) g),
       ARRAY(SELECT CASE WHEN g % 2 = 0 THEN 'step ' || (:base + g) || ': working on the task' END FROM generate_series(0, 49) g),
       ARRAY(SELECT NULL::text FROM generate_series(0, 49) g),
       ARRAY(SELECT CASE WHEN g % 2 = 1 THEN 'tool output line: compiled 12 files, 0 warnings; running the test suite now' END FROM generate_series(0, 49) g)
     ) AS m(seq, type, tool, content, input, output)
ON CONFLICT (task_id, seq) DO NOTHING
RETURNING seq;

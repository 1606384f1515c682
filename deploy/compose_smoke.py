#!/usr/bin/env python3
"""Cross-node checks for deploy/compose-smoke.sh, through the nginx proxy of deploy/docker-compose.yml.

"X-Multica-Node: api1|api2" pins a request to one replica. Each check prints PASS, FAIL or SKIP (with the
reason); the last line is the verdict "compose smoke: N passed, N failed, N skipped".
"""
import argparse
import base64
import http.client
import json
import os
import re
import signal
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

args = None
TOKEN = None
WORKSPACE = None
results = []


def call(method, path, body=None, node=None, token=None, timeout=30):
    headers = {"Content-Type": "application/json"}
    if node:
        headers["X-Multica-Node"] = node
    if token or TOKEN:
        headers["Authorization"] = "Bearer " + (token or TOKEN)
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(args.base + path, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            raw = response.read()
            if "json" not in response.headers.get("Content-Type", ""):
                return response.status, raw.decode(errors="replace"), dict(response.headers)
            return response.status, (json.loads(raw) if raw else None), dict(response.headers)
    except urllib.error.HTTPError as error:
        raw = error.read()
        try:
            parsed = json.loads(raw)
        except ValueError:
            parsed = raw.decode(errors="replace")
        return error.code, parsed, dict(error.headers)


def sql(statement):
    out = subprocess.run(args.psql.split(), input=statement, capture_output=True, text=True, check=True)
    return out.stdout.strip()


def check(name, needs=None):
    def wrap(fn):
        def run():
            try:
                outcome = fn()
                if outcome is not None and outcome.startswith("SKIP"):
                    results.append(("SKIP", name, outcome[5:]))
                else:
                    results.append(("PASS", name, outcome or ""))
            except Exception as error:  # a failed check reports, the others still run
                hint = f" (needs {needs})" if needs else ""
                results.append(("FAIL", name, f"{error}{hint}"))
            status, label, detail = results[-1]
            print(f"{status} {label}{': ' + detail if detail else ''}", flush=True)
        return run
    return wrap


def expect(condition, message):
    if not condition:
        raise AssertionError(message)


# A call that got no answer: the node (or the proxy) refused, cut or timed out the connection.
UNREACHABLE = (urllib.error.URLError, ConnectionError, socket.timeout, http.client.HTTPException)


def ready(node):
    """Whether the node answers /readyz through the proxy; a node that is not up (yet) is not an error."""
    try:
        status, _, _ = call("GET", "/readyz", node=node, timeout=5)
        return status == 200
    except UNREACHABLE:
        return False


def wait_ready():
    deadline = time.time() + 300
    for node in ("api1", "api2"):
        while not ready(node):
            if time.time() > deadline:
                raise SystemExit(f"{node} never became ready")
            time.sleep(1)


def register(node, daemon_id):
    status, body, headers = call("POST", "/api/daemon/register", {
        "workspace_id": WORKSPACE, "daemon_id": daemon_id, "device_name": "smoke", "cli_version": "0.2.17",
        "runtimes": [{"name": "", "type": "claude", "version": "1.0", "status": "online"}],
    }, node=node)
    expect(status == 200, f"register via {node}: {status} {body}")
    return body["runtimes"][0]["id"], headers.get("X-Upstream")


def agent_with_tasks(runtime_id, tasks, agents=1):
    """Agents on the runtime and TASKS queued tasks spread over them (one issue per task), in SQL."""
    owner = sql(f"SELECT owner_id FROM agent_runtime WHERE id = '{runtime_id}'")
    return sql(f"""
        WITH w AS (
          UPDATE workspace SET issue_counter = issue_counter + {tasks} WHERE id = '{WORKSPACE}'
          RETURNING issue_counter - {tasks} AS base),
        a AS (
          INSERT INTO agent (workspace_id, runtime_id, runtime_mode, name, max_concurrent_tasks, custom_env,
                             custom_args, instructions, status)
          SELECT '{WORKSPACE}', '{runtime_id}', 'local', 'smoke-' || substr(md5(random()::text), 1, 12), 1000,
                 '{{}}'::jsonb, '[]'::jsonb, '', 'idle'
          FROM generate_series(1, {agents}) RETURNING id),
        numbered AS (SELECT id, row_number() OVER () - 1 AS k FROM a),
        i AS (
          INSERT INTO issue (workspace_id, title, status, priority, creator_type, creator_id, number)
          SELECT '{WORKSPACE}', 'smoke ' || g, 'todo', 'medium', 'member', '{owner}', w.base + g
          FROM generate_series(1, {tasks}) g, w RETURNING id, number),
        t AS (
          INSERT INTO agent_task_queue (agent_id, runtime_id, issue_id, priority, status)
          SELECT numbered.id, '{runtime_id}', i.id, 0, 'queued'
          FROM i JOIN numbered ON numbered.k = i.number % {agents} RETURNING id)
        SELECT count(*) FROM t;""")


@check("a daemon registered via api1 heartbeats and claims via api2")
def cross_node_claim():
    runtime_id, via1 = register("api1", "smoke-" + uuid.uuid4().hex[:8])
    status, body, via2 = call("POST", "/api/daemon/heartbeat", {"runtime_id": runtime_id}, node="api2")
    expect(status == 200, f"heartbeat via api2: {status} {body}")
    expect(via1 != via2.get("X-Upstream"), f"both calls reached {via1}: the proxy does not pin nodes")
    expect(agent_with_tasks(runtime_id, 1) == "1", "could not queue a task")
    status, body, _ = call("POST", f"/api/daemon/runtimes/{runtime_id}/tasks/claim", {}, node="api2")
    expect(status == 200 and body.get("task"), f"claim via api2: {status} {body}")


@check("a pending request created on api1 is delivered once through api2")
def pending_request_once():
    runtime_id, _ = register("api1", "smoke-" + uuid.uuid4().hex[:8])
    status, body, _ = call("POST", f"/api/runtimes/{runtime_id}/update?workspace_id={WORKSPACE}",
                                {"target_version": "9.9.9"}, node="api1")
    expect(status == 200, f"create update via api1: {status} {body}")
    request_id = body["id"]
    deliveries = 0
    for node in ("api2", "api2", "api1", "api2"):
        status, beat, _ = call("POST", "/api/daemon/heartbeat", {"runtime_id": runtime_id}, node=node)
        expect(status == 200, f"heartbeat via {node}: {status} {beat}")
        pending = beat.get("pending_update")
        if pending and pending.get("id") == request_id:
            deliveries += 1
            expect(node == "api2" and deliveries == 1, f"delivered again, via {node}")
    expect(deliveries == 1, f"delivered {deliveries} times")


@check("a /ws client on api2 sees an event caused on api1", needs="the realtime relay across nodes")
def websocket_cross_node():
    host, port = urllib.parse.urlparse(args.base).netloc.split(":")
    sock = socket.create_connection((host, int(port)), timeout=10)
    key = base64.b64encode(os.urandom(16)).decode()
    sock.sendall((f"GET /ws?workspace_id={WORKSPACE} HTTP/1.1\r\nHost: {host}\r\nUpgrade: websocket\r\n"
                  f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n"
                  "X-Multica-Node: api2\r\n\r\n").encode())
    reader = sock.makefile("rb")
    status_line = reader.readline().decode()
    expect(" 101 " in status_line, f"upgrade: {status_line.strip()}")
    while reader.readline() not in (b"\r\n", b""):
        pass

    def send(text):
        payload = text.encode()
        mask = os.urandom(4)
        header = bytes([0x81]) + (bytes([0x80 | len(payload)]) if len(payload) < 126
                                  else bytes([0x80 | 126]) + len(payload).to_bytes(2, "big"))
        sock.sendall(header + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))

    def receive():
        first, second = reader.read(2)
        length = second & 0x7F
        if length == 126:
            length = int.from_bytes(reader.read(2), "big")
        elif length == 127:
            length = int.from_bytes(reader.read(8), "big")
        return first & 0x0F, reader.read(length)

    send(json.dumps({"type": "auth", "payload": {"token": TOKEN}}))
    sock.settimeout(15)

    def sees_issue_created_via(node):
        title = "smoke-ws-" + uuid.uuid4().hex[:8]
        status, body, _ = call("POST", f"/api/issues?workspace_id={WORKSPACE}", {"title": title}, node=node)
        expect(status in (200, 201), f"create issue via {node}: {status} {body}")
        deadline = time.time() + 15
        try:
            while time.time() < deadline:
                opcode, data = receive()
                if opcode == 1 and title.encode() in data:
                    return True
        except socket.timeout:
            pass
        return False

    # The same node first: proves this client and the subscription work before judging the relay.
    expect(sees_issue_created_via("api2"), "the socket on api2 missed an issue created on api2 itself")
    expect(sees_issue_created_via("api1"), "no event for an issue created on api1 reached the socket on api2")
    sock.close()


@check("a file uploaded through api1 is served by api2 (one uploads volume)")
def upload_cross_node():
    content = os.urandom(2048)
    boundary = uuid.uuid4().hex
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"smoke.bin\"\r\n"
            f"Content-Type: application/octet-stream\r\n\r\n").encode() + content + f"\r\n--{boundary}--\r\n".encode()
    request = urllib.request.Request(args.base + "/api/upload-file", data=body, method="POST", headers={
        "Content-Type": "multipart/form-data; boundary=" + boundary, "Authorization": "Bearer " + TOKEN,
        "X-Workspace-ID": WORKSPACE, "X-Multica-Node": "api1"})
    with urllib.request.urlopen(request, timeout=30) as response:
        uploaded = json.loads(response.read())
        via1 = response.headers.get("X-Upstream")
    request = urllib.request.Request(args.base + uploaded["url"], headers={"Authorization": "Bearer " + TOKEN, "X-Multica-Node": "api2"})
    with urllib.request.urlopen(request, timeout=30) as response:
        via2 = response.headers.get("X-Upstream")
        served = response.read()
    expect(via1 != via2, f"both calls reached {via1}: the proxy does not pin nodes")
    expect(served == content, f"api2 served {len(served)} bytes, not the {len(content)} uploaded")


@check("500 tasks claimed by 8 workers across both nodes are each claimed once")
def claim_race():
    runtime_id, _ = register("api1", "smoke-" + uuid.uuid4().hex[:8])
    expect(agent_with_tasks(runtime_id, 500, agents=25) == "500", "could not queue 500 tasks")
    claimed, lock = [], threading.Lock()
    deadline = time.time() + 180

    def worker(n):
        node = ("api1", "api2")[n % 2]
        empty = 0
        while time.time() < deadline and empty < 20:
            status, body, _ = call("POST", f"/api/daemon/runtimes/{runtime_id}/tasks/claim", {}, node=node)
            if status != 200:
                raise AssertionError(f"claim via {node}: {status} {body}")
            task = body.get("task")
            if task:
                empty = 0
                with lock:
                    claimed.append(task["id"])
            else:
                empty += 1
                time.sleep(0.05)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    expect(len(claimed) == len(set(claimed)), f"{len(claimed) - len(set(claimed))} tasks claimed twice")
    expect(len(claimed) == 500, f"{len(claimed)} of 500 claimed")
    left = sql(f"SELECT count(*) FROM agent_task_queue WHERE runtime_id = '{runtime_id}' AND status = 'queued'")
    expect(left == "0", f"{left} still queued")


@check("Prometheus has both API targets up", needs="the /metrics endpoint")
def prometheus_targets():
    status, body, _ = call("GET", "/metrics", node="api1")
    if status == 404:
        return "SKIP the server has no /metrics endpoint yet"
    deadline = time.time() + 60
    while True:
        with urllib.request.urlopen(args.prometheus + "/api/v1/targets?state=active", timeout=10) as response:
            targets = json.loads(response.read())["data"]["activeTargets"]
        up = sorted(t["labels"]["instance"] for t in targets if t["labels"].get("job") == "multica" and t["health"] == "up")
        if up == ["api1:8080", "api2:8080"]:
            return None
        if time.time() > deadline:
            raise AssertionError(f"targets up: {up}")
        time.sleep(2)


def compose(*words):
    out = subprocess.run(args.compose.split() + list(words), capture_output=True, text=True, check=True)
    return out.stdout.strip()


def transient(error):
    """A failure a daemon retries: the proxy's 502/503/504 while a node is gone, or a connection cut mid-request."""
    return isinstance(error, UNREACHABLE)


class TaskRun:
    """Daemon workers running queued tasks (claim → start → complete) through the proxy, unpinned, while a check
    injects faults; each call is retried while the proxy or the connection fails, as a daemon retries it."""

    def __init__(self, total, agents, workers=6, seconds=300, pace=0.0):
        self.pace = pace  # seconds each task "works" between its start and its completion
        self.runtime_id, _ = register("api2", "smoke-" + uuid.uuid4().hex[:8])
        self.total = total
        expect(agent_with_tasks(self.runtime_id, total, agents=agents) == str(total), f"could not queue {total} tasks")
        self.received, self.failures, self.lock = [], [], threading.Lock()
        self.retried = {}  # why a call was retried (a status, or the error's kind) -> how often
        self.done = threading.Event()
        self.deadline = time.time() + seconds
        self.threads = [threading.Thread(target=self.worker, daemon=True) for _ in range(workers)]
        for t in self.threads:
            t.start()

    def step(self, method, path, body=None):
        while time.time() < self.deadline:
            try:
                status, answer, _ = call(method, path, body, timeout=15)
            except Exception as error:  # noqa: BLE001 - the kinds are sorted by transient()
                if not transient(error):
                    raise
                status, answer = type(error).__name__, None
            if status in (502, 503, 504) or isinstance(status, str):
                with self.lock:
                    self.retried[status] = self.retried.get(status, 0) + 1
                time.sleep(0.2)
                continue
            return status, answer
        raise AssertionError(f"{method} {path}: no answer before the deadline")

    def worker(self):
        try:
            while not self.done.is_set() and time.time() < self.deadline:
                status, body = self.step("POST", f"/api/daemon/runtimes/{self.runtime_id}/tasks/claim", {})
                expect(status == 200, f"claim: {status} {body}")
                task = body.get("task")
                if not task:
                    time.sleep(0.2)
                    continue
                with self.lock:
                    self.received.append(task["id"])
                status, body = self.step("POST", f"/api/daemon/tasks/{task['id']}/start", {})
                expect(status == 200, f"start: {status} {body}")
                time.sleep(self.pace)
                status, body = self.step("POST", f"/api/daemon/tasks/{task['id']}/complete", {"output": "done"})
                expect(status == 200, f"complete: {status} {body}")
        except Exception as error:  # noqa: BLE001 - reported by finish()
            with self.lock:
                self.failures.append(repr(error))

    def completed(self):
        try:
            return int(sql(f"SELECT count(*) FROM agent_task_queue WHERE runtime_id = '{self.runtime_id}' AND status = 'completed'"))
        except subprocess.CalledProcessError:  # the database is restarting
            return -1

    def wait_completed(self, mark):
        while self.completed() < mark and time.time() < self.deadline and not self.failures:
            time.sleep(0.3)

    def finish(self):
        """Waits for every task (a claim a killed node committed but never answered is offered again after
        Tasks:RedispatchGraceSeconds), stops the workers and asserts each task was handed out once and completed."""
        self.wait_completed(self.total)
        self.done.set()
        for t in self.threads:
            t.join()
        finished = self.completed()
        expect(not self.failures, f"a worker failed: {self.failures[:3]}")
        expect(len(self.received) == len(set(self.received)), f"{len(self.received) - len(set(self.received))} tasks handed out twice")
        expect(finished == self.total, f"{finished} of {self.total} tasks completed ({len(self.received)} received)")

    def why_retried(self):
        return ", ".join(f"{n}× {reason}" for reason, n in sorted(self.retried.items(), key=lambda r: -r[1])) or "none"


def kill(node):
    """SIGKILLs the node's process from the host, as a crash: its restart policy brings the container back.
    Answers the container and whether the restart policy (not this function) restarts it."""
    container, pid = host_pid(node)
    try:
        os.kill(pid, signal.SIGKILL)
        return container, True
    except PermissionError:  # not root: the engine kills it, and a kill through the engine counts as a manual stop
        subprocess.run(["docker", "kill", "-s", "KILL", container], capture_output=True, check=True)
        subprocess.run(["docker", "start", container], capture_output=True, check=True)
        return container, False


def restarted_by_policy(container):
    return subprocess.run(["docker", "inspect", "-f", "{{.RestartCount}}", container], capture_output=True,
                          text=True, check=True).stdout.strip() != "0"


def wait_serving(node, since, seconds=120):
    while not ready(node):
        expect(time.time() < since + seconds, f"{node} is not reachable through the proxy {seconds} s after its fault")
        time.sleep(1)


@check("each node killed (SIGKILL) in turn mid-run: no task lost, each handed out once and completed, both nodes back")
def node_killed_mid_run():
    run = TaskRun(total=160, agents=12)
    killed = []
    # One node, then the other once the first serves again: each kill lands while tasks are being run.
    for node, mark in (("api1", run.total // 4), ("api2", run.total // 2)):
        run.wait_completed(mark)
        container, by_policy = kill(node)
        killed_at = time.time()
        wait_serving(node, killed_at)
        killed.append((node, container, by_policy, time.time() - killed_at))
    run.finish()
    # Only calls in flight when a node died may fail (a request nginx had already sent is not sent again): a proxy that
    # kept routing to a dead node, or gave up on both, fails every call for seconds (about 150 here before fail_timeout).
    failed_by_proxy = sum(n for reason, n in run.retried.items() if reason != 503)
    expect(failed_by_proxy <= 2 * 6 * len(killed), f"{failed_by_proxy} calls failed at the proxy across {len(killed)} kills: {run.retried}")
    for node, container, by_policy, _ in killed:
        expect(restarted_by_policy(container) or not by_policy, f"the killed {node} was not restarted by its restart policy")
    back = ", ".join(f"{node} served again {seconds:.0f} s after its kill" for node, _, _, seconds in killed)
    return f"all {run.total} completed and each received once; {back}; calls retried while a node was gone: {run.why_retried()}"


@check("a node killed (SIGKILL) while the database restarts: no task lost, each handed out once, both nodes back")
def node_killed_during_database_restart():
    # Paced (each task works half a second) so the outage lands while tasks are claimed, started and completed.
    run = TaskRun(total=120, agents=10, pace=0.5)
    run.wait_completed(run.total // 3)
    postgres = compose("ps", "-q", "postgres")
    # The database goes down (a fast shutdown: its clients' connections are cut) and, while it is down, api1 dies;
    # api1's restart policy starts it again while the database is still down or starting.
    subprocess.run(["docker", "stop", "-t", "10", postgres], capture_output=True, check=True)
    stopped_at = time.time()
    left = run.total - len(run.received)
    container, by_policy = kill("api1")
    time.sleep(3)
    subprocess.run(["docker", "start", postgres], capture_output=True, check=True)
    for node in ("api1", "api2"):
        wait_serving(node, stopped_at)
    back_after = time.time() - stopped_at
    run.finish()
    expect(left > 0, "every task was handed out before the database went down: the check proved nothing")
    expect(run.retried, "no call was retried: the outage did not meet the run")
    expect(restarted_by_policy(container) or not by_policy, "the killed api1 was not restarted by its restart policy")
    return (f"all {run.total} completed and each received once ({left} not yet handed out when the database went "
            f"down); both nodes ready {back_after:.0f} s after it went down; calls retried meanwhile: {run.why_retried()}")


def pool_reaches(address, seconds):
    """Seconds until a call through the pool is answered by the replica at ADDRESS (None if not within SECONDS):
    the balancer's health checks put a replica back only after it answered two probes."""
    began = time.time()
    while time.time() < began + seconds:
        try:
            status, _, headers = call("GET", "/readyz", timeout=10)
            if status == 200 and headers.get("X-Upstream") == address:
                return time.time() - began
        except UNREACHABLE:
            pass
        time.sleep(0.2)
    return None


def host_pid(node):
    container = compose("ps", "-q", node)
    return container, int(subprocess.run(["docker", "inspect", "-f", "{{.State.Pid}}", container], capture_output=True,
                                         text=True, check=True).stdout.strip())


@check("a hung node (SIGSTOP) leaves the pool within seconds, holds a call pinned to it for the proxy's 60 s, "
       "and rejoins the pool when it resumes")
def node_hung():
    status, _, headers = call("GET", "/readyz", node="api1", timeout=30)
    expect(status == 200, f"api1 before the stop: {status}")
    api1 = headers.get("X-Upstream")
    expect(pool_reaches(api1, 60) is not None, "the pool sent no call to api1 before the stop")
    _, pid = host_pid("api1")
    try:
        os.kill(pid, signal.SIGSTOP)
    except PermissionError:
        return "SKIP stopping a container's process needs root"
    stopped_at = time.time()
    pinned, pool, lock = {}, [], threading.Lock()
    try:
        def wait_on_hung_node():
            started = time.time()
            try:
                status, _, _ = call("GET", "/readyz", node="api1", timeout=120)
            except Exception as error:  # noqa: BLE001 - recorded and judged below
                status = type(error).__name__
            pinned.update(status=status, seconds=time.time() - started)

        # Like a daemon, a worker gives up on a call after a while (10 s here, 30 s for the stock daemon) and calls again.
        def through_the_pool():
            while "status" not in pinned:
                began = time.time()
                via = None
                try:
                    status, _, headers = call("GET", "/readyz", timeout=10)
                    via = headers.get("X-Upstream")
                except Exception as error:  # noqa: BLE001
                    status = type(error).__name__
                with lock:
                    pool.append((began - stopped_at, status, time.time() - began, via))
                time.sleep(0.2)

        threads = [threading.Thread(target=wait_on_hung_node)] + [threading.Thread(target=through_the_pool) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=150)
    finally:
        os.kill(pid, signal.SIGCONT)
    resumed_at = time.time()
    expect(pinned.get("status") == 504, f"a call held by the hung node ended with {pinned.get('status')}, not the proxy's 504")
    expect(50 <= pinned["seconds"] <= 75, f"the proxy gave up on the hung node after {pinned['seconds']:.0f} s, not 60 s")
    # The balancer's health checks take the hung node out of the pool (two failed probes, a second apart): calls sent
    # after that are answered by the other node at once. A call sent to it before that waits until its caller gives up
    # (or, for a caller more patient than the proxy, for the proxy's 60 s read timeout).
    settled = [(status, seconds, via) for began, status, seconds, via in pool if began >= 6]
    expect(len(settled) >= 20, f"only {len(settled)} calls through the pool began 6 s or more after the stop")
    slow = [(status, round(seconds, 1), via) for status, seconds, via in settled if status != 200 or seconds > 5 or via == api1]
    expect(not slow, f"{len(slow)} of {len(settled)} calls through the pool sent 6 s or more after the stop were slow, "
                     f"failed or sent to the hung node: {slow[:3]}")
    early = [status for began, status, _, _ in pool if began < 6]
    gave_up = sum(1 for status in early if status != 200)
    status, _, _ = call("GET", "/readyz", node="api1", timeout=30)
    expect(status == 200, f"api1 after SIGCONT: {status}")
    rejoined = pool_reaches(api1, 30)
    expect(rejoined is not None, "the pool sent no call to api1 within 30 s of its resuming")
    return (f"the call pinned to the hung node got 504 after {pinned['seconds']:.0f} s; through the pool, "
            f"{gave_up} of the {len(early)} calls sent in the first 6 s met the hung node and were given up after 10 s, "
            f"the {len(settled)} sent later were answered by api2, the slowest after "
            f"{max(s for _, s, _ in settled):.1f} s; api1 was back in the pool {rejoined:.1f} s after it resumed")

def main():
    global args, TOKEN, WORKSPACE
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--prometheus", required=True)
    parser.add_argument("--bootstrap", required=True, help="output of the server's --bootstrap verb")
    parser.add_argument("--psql", required=True, help="command that runs SQL from stdin")
    parser.add_argument("--compose", required=True, help="the stack's compose command (docker compose -p … -f …)")
    args = parser.parse_args()
    text = open(args.bootstrap).read()
    TOKEN = re.search(r"token:\s+(\S+)", text).group(1)
    WORKSPACE = re.search(r"workspace:\s+\S+ \(([0-9a-f-]{36})\)", text).group(1)
    wait_ready()
    for run in (cross_node_claim, pending_request_once, websocket_cross_node, upload_cross_node, claim_race, prometheus_targets,
                node_killed_mid_run, node_killed_during_database_restart, node_hung):
        run()
    counts = {k: sum(1 for r in results if r[0] == k) for k in ("PASS", "FAIL", "SKIP")}
    print(f"compose smoke: {counts['PASS']} passed, {counts['FAIL']} failed, {counts['SKIP']} skipped")


if __name__ == "__main__":
    main()

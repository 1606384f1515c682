// The operator dashboard: plain DOM code over the user API (/api/runtimes, /api/task-queue, /api/tasks/{id}/messages)
// and the realtime socket (/ws). The token (a JWT from the sign-in code flow, or a personal access token) stays in
// this browser's localStorage and goes out as a Bearer header; the workspace is sent as X-Workspace-ID.
(() => {
  "use strict";
  const REFRESH_MS = 5000;
  const $ = (id) => document.getElementById(id);
  const state = { token: localStorage.getItem("multica_admin_token"), workspace: localStorage.getItem("multica_admin_workspace"),
    timer: null, socket: null, watchedTask: null, seenSeq: new Set() };

  async function api(path, options = {}) {
    const headers = { "Content-Type": "application/json", ...(options.headers || {}) };
    if (state.token) headers.Authorization = "Bearer " + state.token;
    if (state.workspace) headers["X-Workspace-ID"] = state.workspace;
    const response = await fetch(path, { ...options, headers });
    const text = await response.text();
    const body = text ? JSON.parse(text) : null;
    if (!response.ok) {
      const error = new Error((body && body.error) || response.statusText);
      error.status = response.status;
      throw error;
    }
    return body;
  }

  function cell(row, text, className) {
    const td = row.insertCell();
    td.textContent = text == null ? "" : String(text);
    if (className) td.className = className;
    return td;
  }

  function ago(iso) {
    if (!iso) return "never";
    const seconds = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
    if (seconds < 60) return seconds + " s ago";
    if (seconds < 3600) return Math.round(seconds / 60) + " min ago";
    return new Date(iso).toLocaleString();
  }

  const shortId = (id) => (id ? id.slice(0, 8) : "");

  // --- Sign-in ---
  function showSignedIn(signedIn) {
    $("sign-in").hidden = signedIn;
    $("dashboard").hidden = !signedIn;
    $("session").hidden = !signedIn;
  }

  async function useToken(token) {
    state.token = token;
    localStorage.setItem("multica_admin_token", token);
    await start();
  }

  $("code-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    $("sign-in-error").textContent = "";
    try {
      await api("/auth/send-code", { method: "POST", body: JSON.stringify({ email: $("email").value }) });
      $("verify-form").hidden = false;
      $("code").focus();
    } catch (err) { $("sign-in-error").textContent = err.message; }
  });

  $("verify-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    $("sign-in-error").textContent = "";
    try {
      const result = await api("/auth/verify-code", { method: "POST", body: JSON.stringify({ email: $("email").value, code: $("code").value }) });
      await useToken(result.token);
    } catch (err) { $("sign-in-error").textContent = err.message; }
  });

  $("token-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    $("sign-in-error").textContent = "";
    await useToken($("pat").value.trim());
  });

  $("sign-out").addEventListener("click", () => {
    // Also drops the session cookie the code flow set, so the next sign-in's socket is that user's.
    fetch("/auth/logout", { method: "POST" }).catch(() => {});
    localStorage.removeItem("multica_admin_token");
    state.token = null;
    stop();
    showSignedIn(false);
  });

  $("workspace").addEventListener("change", () => {
    state.workspace = $("workspace").value;
    localStorage.setItem("multica_admin_workspace", state.workspace);
    closeSocket();
    refresh();
  });

  async function start() {
    try {
      const workspaces = await api("/api/workspaces");
      const select = $("workspace");
      select.replaceChildren(...workspaces.map((w) => new Option(w.name + " (" + w.slug + ")", w.id)));
      if (!workspaces.some((w) => w.id === state.workspace)) state.workspace = workspaces.length ? workspaces[0].id : null;
      if (state.workspace) select.value = state.workspace;
      showSignedIn(true);
      await refresh();
    } catch (err) {
      showSignedIn(false);
      $("sign-in-error").textContent = err.status === 401 ? "sign-in failed: " + err.message : err.message;
    }
  }

  function stop() {
    clearTimeout(state.timer);
    closeSocket();
  }

  // --- Overview ---
  async function refresh() {
    clearTimeout(state.timer);
    if (!state.workspace) { $("load-error").textContent = "no workspace"; return; }
    try {
      const [runtimes, overview] = await Promise.all([api("/api/runtimes"), api("/api/task-queue")]);
      renderRuntimes(runtimes, overview);
      renderThroughput(overview);
      renderTasks("stuck", overview.stuck, (row, t) => {
        cell(row, shortId(t.runtime_id));
        cell(row, t.reason === "runtime_offline" ? "runtime offline" : "dispatched, never started");
        cell(row, ago(t.dispatched_at || t.created_at));
      });
      renderTasks("retried", overview.retried, (row, t) => {
        cell(row, t.attempt + " / " + t.max_attempts, "num");
        cell(row, t.failure_reason || "");
        cell(row, ago(t.created_at));
      });
      $("updated").textContent = "updated " + new Date(overview.generated_at).toLocaleTimeString();
      $("load-error").textContent = "";
    } catch (err) {
      $("load-error").textContent = "could not load: " + err.message;
      if (err.status === 401) { showSignedIn(false); return; }
    }
    state.timer = setTimeout(refresh, REFRESH_MS);
  }

  // One depth column per unfinished status, in the order the server lists them.
  function renderRuntimes(runtimes, overview) {
    const depth = {};
    for (const q of overview.queue) (depth[q.runtime_id] ||= {})[q.status] = q.count;
    const head = $("runtimes").tHead.rows[0];
    while (head.cells.length > 5) head.deleteCell(-1);
    for (const s of overview.active_statuses) {
      const th = document.createElement("th");
      th.textContent = s.replaceAll("_", " ");
      head.append(th);
    }
    const body = $("runtimes").tBodies[0];
    body.replaceChildren();
    for (const r of runtimes) {
      const row = body.insertRow();
      row.dataset.runtimeId = r.id;
      cell(row, r.name);
      cell(row, r.provider);
      const status = document.createElement("span");
      status.className = "status " + r.status;
      status.textContent = r.status;
      row.insertCell().append(status);
      cell(row, ago(r.last_seen_at));
      cell(row, (r.metadata && (r.metadata.version || r.metadata.cli_version)) || "");
      for (const s of overview.active_statuses) cell(row, (depth[r.id] || {})[s] || 0, "num depth-" + s);
    }
    const online = runtimes.filter((r) => r.status === "online").length;
    $("runtimes-summary").textContent = online + " online, " + (runtimes.length - online) + " offline";
  }

  function renderThroughput(overview) {
    $("window").textContent = overview.window_minutes;
    const max = Math.max(1, ...overview.throughput.map((m) => m.completed + m.failed + m.cancelled));
    const bars = overview.throughput.map((m) => {
      const bar = document.createElement("div");
      bar.className = "bar";
      bar.title = new Date(m.minute).toLocaleTimeString() + ": " + m.completed + " completed, " + m.failed + " failed, " + m.cancelled + " cancelled";
      for (const kind of ["completed", "failed", "cancelled"]) {
        const part = document.createElement("div");
        part.className = kind;
        part.style.height = (m[kind] / max) * 120 + "px";
        bar.append(part);
      }
      return bar;
    });
    $("throughput").replaceChildren(...bars);
    const sum = (k) => overview.throughput.reduce((n, m) => n + m[k], 0);
    $("throughput-total").textContent = sum("completed") + " completed, " + sum("failed") + " failed, " + sum("cancelled") + " cancelled";
  }

  function renderTasks(id, tasks, extra) {
    const body = $(id).tBodies[0];
    body.replaceChildren();
    for (const t of tasks) {
      const row = body.insertRow();
      const link = document.createElement("a");
      link.href = "#";
      link.textContent = shortId(t.id);
      link.title = t.id;
      link.addEventListener("click", (e) => { e.preventDefault(); $("task-id").value = t.id; watch(t.id); });
      row.insertCell().append(link);
      cell(row, t.status);
      extra(row, t);
    }
    $(id + "-count").textContent = tasks.length;
  }

  // --- Live messages of one task ---
  function addMessage(m) {
    if (state.seenSeq.has(m.seq)) return;
    state.seenSeq.add(m.seq);
    const item = document.createElement("li");
    item.value = m.seq;
    const type = document.createElement("span");
    type.className = "type";
    type.textContent = m.type + (m.tool ? " " + m.tool : "");
    item.append(type, document.createTextNode(m.content || m.output || (m.input ? JSON.stringify(m.input) : "")));
    const list = $("messages");
    const after = [...list.children].find((li) => li.value > m.seq);
    list.insertBefore(item, after || null);
    list.scrollTop = list.scrollHeight;
  }

  function closeSocket() {
    if (state.socket) { state.socket.onclose = null; state.socket.close(); state.socket = null; }
    $("socket-state").textContent = "not connected";
  }

  function openSocket() {
    const scheme = location.protocol === "https:" ? "wss:" : "ws:";
    const socket = new WebSocket(scheme + "//" + location.host + "/ws?workspace_id=" + encodeURIComponent(state.workspace));
    state.socket = socket;
    // The auth frame, then a ping: with the session cookie of the code flow the server authenticates the upgrade
    // itself (no auth_ack, the frame is ignored); either way an auth_ack or the pong says the socket is live.
    socket.onopen = () => {
      socket.send(JSON.stringify({ type: "auth", payload: { token: state.token } }));
      socket.send(JSON.stringify({ type: "ping" }));
    };
    socket.onmessage = (event) => {
      const frame = JSON.parse(event.data);
      if (frame.type === "auth_ack" || frame.type === "pong") $("socket-state").textContent = "live";
      else if (frame.type === "task:message" && frame.payload && frame.payload.task_id === state.watchedTask) addMessage(frame.payload);
    };
    socket.onclose = () => {
      $("socket-state").textContent = "disconnected, retrying";
      state.socket = null;
      setTimeout(() => { if (state.watchedTask && !state.socket) openSocket(); }, 2000);
    };
  }

  async function watch(taskId) {
    state.watchedTask = taskId;
    state.seenSeq = new Set();
    $("messages").replaceChildren();
    if (!state.socket) openSocket();
    try {
      for (const m of await api("/api/tasks/" + encodeURIComponent(taskId) + "/messages")) addMessage(m);
    } catch (err) {
      $("socket-state").textContent = err.message;
    }
  }

  $("watch-form").addEventListener("submit", (e) => { e.preventDefault(); watch($("task-id").value.trim()); });

  if (state.token) start(); else showSignedIn(false);
})();

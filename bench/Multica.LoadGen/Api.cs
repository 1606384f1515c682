using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Multica.LoadGen;

/// <summary>
/// One HTTP connection pool for the whole run (at most `connections` sockets to the server, like wrk's
/// -c), and timed requests that record into a <see cref="RouteStats"/>. `lean` (the default) sends through
/// <see cref="LeanHttp"/>; otherwise through `HttpClient` (`--client httpclient`, the client of runs before it).
/// </summary>
public sealed class Api(Uri server, int connections, bool lean = true) : IDisposable
{
    // One of the two clients, the other never built.
    private readonly LeanHttp? _lean = lean ? new LeanHttp(server, connections) : null;
    private readonly HttpClient? _http = lean ? null : new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = connections,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.None,
    })
    {
        BaseAddress = server,
        Timeout = TimeSpan.FromSeconds(120),
    };

    public Uri Server => server;

    public static byte[] Json(object body) => JsonSerializer.SerializeToUtf8Bytes(body);

    /// <summary>Sends and returns the parsed body on 2xx; throws otherwise (setup calls, not measured).</summary>
    public async Task<JsonElement> CallAsync(HttpMethod method, string path, object? body, string? token, Guid? workspace = null)
    {
        var (status, bytes) = await SendRawAsync(method, path, body is null ? null : Json(body), token, workspace, CancellationToken.None);
        if (status is < 200 or > 299)
            throw new InvalidOperationException($"{method} {path} → {status}: {Encoding.UTF8.GetString(bytes)}");
        if (IsBlank(bytes))
            return default;
        using var doc = JsonDocument.Parse(bytes);
        return doc.RootElement.Clone();
    }

    /// <summary>The body of an unauthenticated GET as text, or null unless it answered 2xx (not measured).</summary>
    public async Task<string?> GetTextAsync(string path, CancellationToken ct)
    {
        var (status, bytes) = await SendRawAsync(HttpMethod.Get, path, null, null, null, ct);
        return status is >= 200 and <= 299 ? Encoding.UTF8.GetString(bytes) : null;
    }

    /// <summary>A measured request: latency on 2xx, an error kind otherwise. Returns the body on success.</summary>
    public async Task<JsonElement?> MeasureAsync(RouteStats route, HttpMethod method, string path, byte[]? body, string? token,
        Guid? workspace = null, bool parse = false, CancellationToken ct = default)
    {
        var start = Stopwatch.GetTimestamp();
        var (reply, error) = await TrySendAsync(method, path, body, token, workspace, parse, ct);
        if (error is not null)
            route.Error(error);
        else if (reply is not null)
            route.Success(start);
        return reply;
    }

    /// <summary>Sends once: the body (default when not parsed) on 2xx, else an error kind; (null, null) when cancelled.</summary>
    public async Task<(JsonElement? Body, string? Error)> TrySendAsync(HttpMethod method, string path, byte[]? body, string? token,
        Guid? workspace, bool parse, CancellationToken ct)
    {
        try
        {
            var (status, bytes) = await SendRawAsync(method, path, body, token, workspace, ct);
            if (status is < 200 or > 299)
                return (null, $"{status} {Shorten(Encoding.UTF8.GetString(bytes))}");
            if (!parse || IsBlank(bytes))
                return (default(JsonElement), null);
            using var doc = JsonDocument.Parse(bytes);
            return (doc.RootElement.Clone(), null);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return (null, null);
        }
        catch (Exception e)
        {
            return (null, e.GetType().Name + ": " + Shorten(e.Message));
        }
    }

    private async Task<(int Status, byte[] Body)> SendRawAsync(HttpMethod method, string path, byte[]? body, string? token,
        Guid? workspace, CancellationToken ct)
    {
        if (_lean is not null)
            return await _lean.SendAsync(method.Method, path, body, token, workspace, ct);
        using var request = new HttpRequestMessage(method, path);
        if (token is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (workspace is not null)
            request.Headers.Add("X-Workspace-ID", workspace.Value.ToString());
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }
        using var response = await _http!.SendAsync(request, ct);
        return ((int)response.StatusCode, await response.Content.ReadAsByteArrayAsync(ct));
    }

    private static bool IsBlank(byte[] bytes) => bytes.AsSpan().Trim(" \t\r\n"u8).IsEmpty;

    private static string Shorten(string text)
    {
        text = text.ReplaceLineEndings(" ");
        return text.Length <= 80 ? text : text[..80] + "…";
    }

    public void Dispose()
    {
        _http?.Dispose();
        _lean?.Dispose();
    }
}

public sealed record Daemon(string DaemonId, IReadOnlyList<Guid> RuntimeIds);

/// <summary>What a run works in: a user, a workspace, a PAT, registered daemons and their runtimes.</summary>
public sealed record World(Api Api, string Pat, Guid WorkspaceId, IReadOnlyList<Daemon> Daemons)
{
    public IReadOnlyList<Guid> Runtimes { get; } = Daemons.SelectMany(d => d.RuntimeIds).ToList();

    private static readonly string[] Providers =
        ["claude", "codex", "opencode", "openclaw", "hermes", "gemini", "pi", "cursor", "kimi", "copilot"];

    /// <summary>Signs in (dev code), creates a workspace and a PAT, registers daemons × runtimes per daemon.</summary>
    public static async Task<World> CreateAsync(Api api, int daemons, int runtimesPerDaemon, int parallel = 8)
    {
        var email = $"loadgen-{Guid.NewGuid():N}@example.test";
        await api.CallAsync(HttpMethod.Post, "/auth/send-code", new { email }, null);
        var jwt = (await api.CallAsync(HttpMethod.Post, "/auth/verify-code", new { email, code = "888888" }, null)).GetProperty("token").GetString()!;
        var slug = $"lg-{Guid.NewGuid():N}"[..24];
        var workspaceId = Guid.Parse((await api.CallAsync(HttpMethod.Post, "/api/workspaces", new { name = "Load", slug }, jwt)).GetProperty("id").GetString()!);
        var pat = (await api.CallAsync(HttpMethod.Post, "/api/tokens", new { name = "loadgen" }, jwt)).GetProperty("token").GetString()!;

        var registered = new Daemon[daemons];
        var next = -1;
        var done = 0;
        var workers = Enumerable.Range(0, Math.Max(1, parallel)).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < daemons)
            {
                var daemonId = $"loadgen-daemon-{i}-{Guid.NewGuid():N}"[..40];
                var runtimes = Enumerable.Range(0, runtimesPerDaemon).Select(k => new
                {
                    name = $"rt {i}.{k}",
                    type = k < Providers.Length ? Providers[k] : $"provider-{k}",
                    version = "1.0",
                    status = "online",
                });
                var reply = await api.CallAsync(HttpMethod.Post, "/api/daemon/register", new
                {
                    workspace_id = workspaceId,
                    daemon_id = daemonId,
                    device_name = $"loadgen-{i}",
                    cli_version = "0.2.18",
                    runtimes,
                }, pat);
                var ids = reply.GetProperty("runtimes").EnumerateArray().Select(r => Guid.Parse(r.GetProperty("id").GetString()!)).ToList();
                registered[i] = new Daemon(daemonId, ids);
                var n = Interlocked.Increment(ref done);
                if (n % 100 == 0 || n == daemons)
                    Console.Error.WriteLine($"registered {n:N0}/{daemons:N0} daemons");
            }
        });
        await Task.WhenAll(workers);
        return new World(api, pat, workspaceId, registered);
    }

    /// <summary>An agent on the given runtime that may run `capacity` tasks at once.</summary>
    public async Task<Guid> CreateAgentAsync(Guid runtimeId, int capacity)
    {
        var agent = await Api.CallAsync(HttpMethod.Post, "/api/agents", new
        {
            name = "lg-agent-" + Guid.NewGuid().ToString("N")[..10],
            runtime_id = runtimeId,
            visibility = "workspace",
            max_concurrent_tasks = capacity,
        }, Pat, WorkspaceId);
        return Guid.Parse(agent.GetProperty("id").GetString()!);
    }
}

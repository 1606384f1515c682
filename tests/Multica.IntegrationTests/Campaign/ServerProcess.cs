using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Multica.IntegrationTests.Campaign;

/// <summary>
/// The built server (<c>Multica.WebApi.dll</c>) as a child process of its own — `dotnet Multica.WebApi.dll`, as it
/// runs in production — on a fixed local port, so a test can SIGKILL it and start it again on the same address.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly string _dll;
    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly Queue<string> _lastLines = new();
    private Process? _process;

    private ServerProcess(string dll, int port, IReadOnlyDictionary<string, string> settings)
    {
        _dll = dll;
        _settings = settings;
        Address = new Uri($"http://127.0.0.1:{port}");
    }

    public Uri Address { get; }

    /// <summary>The last lines the server wrote, for a failure message.</summary>
    public string Tail
    {
        get
        {
            lock (_lastLines)
                return string.Join('\n', _lastLines);
        }
    }

    /// <summary>Starts the server on a free port with the given settings (.NET form, e.g. <c>ConnectionStrings__Postgres</c>).</summary>
    public static async Task<ServerProcess> StartAsync(IReadOnlyDictionary<string, string> settings, CancellationToken ct)
    {
        var server = new ServerProcess(LocateServer(), FreePort(), settings);
        await server.StartAgainAsync(ct);
        return server;
    }

    /// <summary>Starts the process (again) and waits until /health answers.</summary>
    public async Task StartAgainAsync(CancellationToken ct)
    {
        var start = new ProcessStartInfo("dotnet", [_dll])
        {
            WorkingDirectory = Path.GetDirectoryName(_dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Nothing of the test host's own environment that the server would read as its configuration.
        foreach (var name in new[] { "DATABASE_URL", "REDIS_URL", "PORT", "JWT_SECRET", "APP_ENV", "ASPNETCORE_URLS", "ASPNETCORE_ENVIRONMENT" })
            start.Environment.Remove(name);
        start.Environment["ASPNETCORE_URLS"] = Address.ToString().TrimEnd('/');
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        foreach (var (key, value) in _settings)
            start.Environment[key] = value;

        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Remember(e.Data);
        process.ErrorDataReceived += (_, e) => Remember(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            if (process.HasExited)
                throw new InvalidOperationException($"the server exited with {process.ExitCode}:\n{Tail}");
            try
            {
                using var response = await http.GetAsync("/health", ct);
                if (response.IsSuccessStatusCode)
                    return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
            }
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"the server did not answer /health within 60 s:\n{Tail}");
            await Task.Delay(100, ct);
        }
    }

    /// <summary>SIGKILL: no shutdown hook, no flushed response, no drained request.</summary>
    public async Task KillAsync()
    {
        if (_process is not { HasExited: false } process)
            return;
        process.Kill(entireProcessTree: false);
        await process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
    }

    private void Remember(string? line)
    {
        if (line is null)
            return;
        lock (_lastLines)
        {
            _lastLines.Enqueue(line);
            while (_lastLines.Count > 40)
                _lastLines.Dequeue();
        }
    }

    /// <summary>A local TCP port nothing listens on right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The server's own build output (same configuration as the tests), else the copy beside the tests.</summary>
    private static string LocateServer()
    {
        var here = AppContext.BaseDirectory;
        var configuration = here.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";
        for (var dir = new DirectoryInfo(here); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "WebApi", "bin", configuration, "net10.0", "Multica.WebApi.dll");
            if (File.Exists(candidate))
                return candidate;
        }
        var beside = Path.Combine(here, "Multica.WebApi.dll");
        return File.Exists(beside) ? beside : throw new FileNotFoundException("Multica.WebApi.dll not found (build src/WebApi first)");
    }
}

using System.Diagnostics;

namespace Multica.IntegrationTests.Observability;

/// <summary>
/// A private PostgreSQL cluster of one test's own, started and stopped through the repository's
/// scripts/lib/postgres.sh helpers (the same ones test.sh and run.sh use), removed on dispose.
/// </summary>
public sealed class ThrowawayPostgres : IAsyncDisposable
{
    private readonly string _root;
    private readonly string _requestedDir;
    private string? _effectiveDir;

    private readonly int _firstPort;

    private ThrowawayPostgres(string root, string dir, int firstPort)
    {
        _root = root;
        _requestedDir = dir;
        _firstPort = firstPort;
    }

    public int Port { get; private set; }

    public string DatabaseUrl => $"postgres://multica:multica@127.0.0.1:{Port}/multica_readyz?sslmode=disable";

    /// <summary>
    /// Starts a cluster on the first free port from <paramref name="firstPort"/>. Tests that may run at the same time
    /// start from different ports: two that pick the same free port at once would share (and stop) one cluster.
    /// </summary>
    public static async Task<ThrowawayPostgres> StartAsync(int firstPort = 57432)
    {
        var root = RepositoryRoot();
        var dir = Directory.CreateTempSubdirectory("multica-readyz-").FullName;
        // The postgres OS user (when we run as root) must be able to pass through the folder.
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
                                      UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        var pg = new ThrowawayPostgres(root, Path.Combine(dir, "pg"), firstPort);
        await pg.StartAgainAsync(firstStart: true);
        return pg;
    }

    /// <summary>Starts the cluster (the first time on a free port; afterwards on the same port).</summary>
    public async Task StartAgainAsync(bool firstStart = false)
    {
        var port = firstStart ? $"$(find_free_port {_firstPort})" : Port.ToString();
        var output = await BashAsync($"""
            start_private_postgres --throwaway {Quote(_requestedDir)} "{port}" multica_readyz >&2 || exit 1
            echo "$PG_PORT $PG_DATA_DIR"
            """);
        var parts = output.Trim().Split(' ', 2);
        Port = int.Parse(parts[0]);
        _effectiveDir = parts[1];
    }

    public Task StopAsync() => BashAsync($"stop_private_postgres {Quote(_requestedDir)} >&2");

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        finally
        {
            if (_effectiveDir is not null && _effectiveDir != _requestedDir && Directory.Exists(_effectiveDir))
                await BashAsync($"rm -rf {Quote(_effectiveDir)}");
            var parent = Path.GetDirectoryName(_requestedDir)!;
            if (Directory.Exists(parent))
                await BashAsync($"rm -rf {Quote(parent)}");
        }
    }

    private async Task<string> BashAsync(string script)
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _root,
        };
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync($"set -e\n. scripts/lib/postgres.sh\n{script}\n");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"postgres helper failed ({process.ExitCode}): {await stderr}");
        return await stdout;
    }

    private static string Quote(string value) => "'" + value.Replace("'", "'\\''") + "'";

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "scripts", "lib", "postgres.sh")))
                return dir.FullName;
        throw new InvalidOperationException("scripts/lib/postgres.sh not found above the test binaries");
    }
}

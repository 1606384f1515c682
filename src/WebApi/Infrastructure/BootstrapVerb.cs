using Mediator;
using Multica.Application.Bootstrap;
using Multica.Application.Common.Errors;

namespace Multica.WebApi.Infrastructure;

/// <summary>
/// `--bootstrap [--email x] [--server-url u]`: creates (or reuses) a user, a workspace and a personal access
/// token, prints the token and the CLI commands that connect a daemon, and exits.
/// </summary>
public static class BootstrapVerb
{
    public static async Task<int> RunAsync(IServiceProvider services, string[] args, IConfiguration configuration)
    {
        var email = ArgValue(args, "--email") ?? BootstrapCommand.DefaultEmail;
        var serverUrl = ArgValue(args, "--server-url") ?? DefaultServerUrl(configuration);
        await using var scope = services.CreateAsyncScope();
        try
        {
            var result = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new BootstrapCommand(email));
            Console.WriteLine($"""

                Multica bootstrap
                  user:      {result.Email} ({result.UserId})
                  workspace: {result.WorkspaceSlug} ({result.WorkspaceId}){(result.WorkspaceCreated ? " — created" : "")}
                  token:     {result.Token}

                The token is shown only once. Connect a stock multica CLI and daemon to this server:

                  echo {result.Token} | multica login --server-url {serverUrl} --token
                  multica daemon start

                (`login --token` reads the token from stdin and saves it with the server URL in the CLI's config)
                """);
            return 0;
        }
        catch (AppException ex)
        {
            Console.Error.WriteLine($"bootstrap failed: {ex.Message}");
            return 1;
        }
    }

    private static string? ArgValue(string[] args, string name)
    {
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == name && i + 1 < args.Length)
                return args[i + 1];
            if (args[i].StartsWith(name + "=", StringComparison.Ordinal))
                return args[i][(name.Length + 1)..];
        }
        return null;
    }

    /// <summary>The first configured listen URL with a loopback host, else the Kestrel default.</summary>
    private static string DefaultServerUrl(IConfiguration configuration)
    {
        var urls = configuration["urls"] ?? Environment.GetEnvironmentVariable("ASPNETCORE_URLS") ?? "http://127.0.0.1:8080";
        var first = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault()
            ?? "http://127.0.0.1:8080";
        return first.Replace("0.0.0.0", "127.0.0.1").Replace("://+", "://127.0.0.1").Replace("://*", "://127.0.0.1").TrimEnd('/');
    }
}

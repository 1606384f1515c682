using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Multica.IntegrationTests.Support;

namespace Multica.IntegrationTests.Cluster;

/// <summary>
/// One API node of a test cluster: the real server in this process, listening with Kestrel on its own
/// port, on the run's PostgreSQL and Redis. Clients reach it over real HTTP and WebSockets only.
/// </summary>
public sealed class ClusterNode : IAsyncDisposable
{
    private readonly MulticaApiFactory _factory;

    private ClusterNode(MulticaApiFactory factory, Uri address)
    {
        _factory = factory;
        Address = address;
    }

    public Uri Address { get; }

    public IServiceProvider Services => _factory.Services;

    public static ClusterNode Start(IReadOnlyDictionary<string, string?>? settings = null, bool withRedis = true)
    {
        var factory = new MulticaApiFactory(TestEnvironment.DatabaseUrl, withRedis ? TestEnvironment.RedisUrl : null, settings);
        factory.UseKestrel(0);
        try
        {
            factory.StartServer();
        }
        catch
        {
            factory.Dispose();
            throw;
        }
        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(a => new Uri(a.Replace("[::]", "127.0.0.1").Replace("0.0.0.0", "127.0.0.1").Replace("localhost", "127.0.0.1")))
            .First();
        return new ClusterNode(factory, address);
    }

    public ApiClient Client(string? token, Guid? workspaceId = null)
    {
        var client = new ApiClient(new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) }, token);
        if (workspaceId is { } ws)
            client.Http.DefaultRequestHeaders.Add("X-Workspace-ID", ws.ToString());
        return client;
    }

    public Task<DaemonSocketTestClient> DaemonSocketAsync(string token, params Guid[] runtimeIds) =>
        DaemonSocketTestClient.ConnectToAsync(Address, token, runtimeIds);

    /// <summary>A web-app socket on /ws for the workspace, authenticated with the JWT as the first frame.</summary>
    public async Task<WebClientSocket> WebSocketAsync(string jwt, Guid workspaceId)
    {
        var socket = new ClientWebSocket();
        var uri = new UriBuilder(Address) { Scheme = "ws", Path = "/ws", Query = "workspace_id=" + workspaceId }.Uri;
        await socket.ConnectAsync(uri, CancellationToken.None);
        var client = new WebClientSocket(socket);
        await client.SendAsync(new { type = "auth", payload = new { token = jwt } });
        var ack = await client.ReceiveAsync(TimeSpan.FromSeconds(10));
        if (ack?.GetProperty("type").GetString() != "auth_ack")
            throw new InvalidOperationException("no auth_ack: " + ack);
        return client;
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();
}

/// <summary>The web app's side of /ws: JSON frames in, JSON frames out.</summary>
public sealed class WebClientSocket(ClientWebSocket socket) : IAsyncDisposable
{
    public Task SendAsync(object frame) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(frame)), WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>The next frame, or null after the timeout or when the socket closes.</summary>
    public async Task<JsonElement?> ReceiveAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            return await DaemonSocketTestClient.ReceiveJsonAsync(socket, cts.Token);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    public ValueTask DisposeAsync() => DaemonSocketTestClient.CloseQuietlyAsync(socket);
}

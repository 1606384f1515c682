using System.Net.WebSockets;
using System.Text;

namespace Multica.WebApi.Infrastructure;

/// <summary>Whole text messages over a WebSocket, however many frames they arrive in.</summary>
public static class WebSocketText
{
    /// <summary>The next message as text; null when the peer closes, or when the message passes <paramref name="maxBytes"/>.</summary>
    public static async Task<string?> ReceiveAsync(WebSocket socket, int maxBytes, CancellationToken ct)
    {
        var buffer = new byte[8 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, ct);
            if (result.MessageType == WebSocketMessageType.Close)
                return null;
            message.Write(buffer, 0, result.Count);
            if (message.Length > maxBytes)
                return null;
            if (result.EndOfMessage)
                return Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length);
        }
    }
}

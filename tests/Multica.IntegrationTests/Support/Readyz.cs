using System.Net;
using System.Text.Json;

namespace Multica.IntegrationTests.Support;

public static class Readyz
{
    /// <summary>GET /readyz: its status and its JSON body.</summary>
    public static async Task<(HttpStatusCode Status, JsonElement Body)> ReadyzAsync(this HttpClient client)
    {
        using var response = await client.GetAsync("/readyz");
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, doc.RootElement.Clone());
    }
}

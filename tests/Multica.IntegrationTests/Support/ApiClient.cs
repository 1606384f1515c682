using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using NUnit.Framework;

namespace Multica.IntegrationTests.Support;

/// <summary>An HTTP client for one credential, with small helpers for JSON calls.</summary>
public sealed class ApiClient
{
    public HttpClient Http { get; }
    public string? Token { get; }

    public ApiClient(HttpClient http, string? token)
    {
        Http = http;
        Token = token;
        if (token is not null)
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    public Task<HttpResponseMessage> GetAsync(string path) => Http.GetAsync(path);

    public Task<HttpResponseMessage> PostAsync(string path, object? body = null) =>
        Http.PostAsync(path, body is null ? new StringContent("{}", Encoding.UTF8, "application/json") : JsonBody(body));

    public Task<HttpResponseMessage> PostRawAsync(string path, string raw, string contentType = "application/json") =>
        Http.PostAsync(path, new StringContent(raw, Encoding.UTF8, contentType));

    public Task<HttpResponseMessage> PutAsync(string path, object body) => Http.PutAsync(path, JsonBody(body));

    public Task<HttpResponseMessage> PatchAsync(string path, object body) => Http.PatchAsync(path, JsonBody(body));

    public Task<HttpResponseMessage> DeleteAsync(string path) => Http.DeleteAsync(path);

    public Task<HttpResponseMessage> DeleteAsync(string path, object body) =>
        Http.SendAsync(new HttpRequestMessage(HttpMethod.Delete, path) { Content = JsonBody(body) });

    /// <summary>POST multipart/form-data: the bytes as field "file" named <paramref name="filename"/>, plus plain fields.</summary>
    public Task<HttpResponseMessage> UploadAsync(string path, byte[] data, string filename, params (string Name, string Value)[] fields)
    {
        var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(data), "file", filename);
        foreach (var (name, value) in fields)
            form.Add(new StringContent(value), name);
        return Http.PostAsync(path, form);
    }

    public static StringContent JsonBody(object body) =>
        new(body as string ?? JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
}

public static class HttpResponseAssertions
{
    /// <summary>Asserts the status and returns the parsed JSON body (or null for an empty body).</summary>
    public static async Task<JsonElement> ExpectAsync(this Task<HttpResponseMessage> call, HttpStatusCode status)
    {
        using var response = await call;
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(status), $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {text}");
        if (string.IsNullOrWhiteSpace(text))
            return default;
        try
        {
            using var doc = JsonDocument.Parse(text);
            return doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(text);
        }
    }

    /// <summary>Asserts status and the exact upstream error body {"error": message}.</summary>
    public static async Task ExpectErrorAsync(this Task<HttpResponseMessage> call, HttpStatusCode status, string message)
    {
        var json = await call.ExpectAsync(status);
        Assert.That(json.ValueKind, Is.EqualTo(JsonValueKind.Object), "error body is not a JSON object");
        Assert.That(json.GetProperty("error").GetString(), Is.EqualTo(message));
    }

    public static string Str(this JsonElement e, string name) => e.GetProperty(name).GetString()!;
}

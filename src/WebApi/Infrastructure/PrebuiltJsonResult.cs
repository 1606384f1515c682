using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Multica.Application.Common;

namespace Multica.WebApi.Infrastructure;

/// <summary>
/// A 200 whose JSON body is serialised once, with the API's JSON options, and then written as bytes: for the answers a
/// hot route gives most of the time (a heartbeat with nothing pending answers <see cref="StatusOk"/>), so they skip
/// content negotiation and the serializer on every request (docs/benchmarks.md, twelfth stop). Same bytes and the same
/// content type as <c>Ok(value)</c>.
/// </summary>
public sealed class PrebuiltJsonResult : IActionResult
{
    public const string ContentType = "application/json; charset=utf-8";

    /// <summary>{"status":"ok"}.</summary>
    public static readonly PrebuiltJsonResult StatusOk = new(StatusOkDto.Ok);

    private readonly byte[] _body;

    public PrebuiltJsonResult(object value) => _body = JsonSerializer.SerializeToUtf8Bytes(value, value.GetType(), JsonDefaults.Options);

    public Task ExecuteResultAsync(ActionContext context)
    {
        var response = context.HttpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        response.ContentLength = _body.Length;
        return response.Body.WriteAsync(_body, context.HttpContext.RequestAborted).AsTask();
    }
}

using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Multica.Application.Attachments;
using Multica.Application.Attachments.ManageAttachments;
using Multica.Application.Attachments.ServeUpload;
using Multica.Application.Attachments.Shared;
using Multica.Application.Attachments.UploadFile;
using Multica.Application.Common.Errors;

namespace Multica.WebApi.Controllers;

/// <summary>File uploads, attachments and the stored files themselves (docs/team-features.md, "Attachments").</summary>
public sealed class AttachmentsController(IOptions<UploadOptions> options) : WorkspaceControllerBase
{
    public const string InvalidForm = "file too large or invalid multipart form";
    public const string FileTooLarge = "file too large";

    // Room for the multipart framing and the small form fields around the file.
    private const long FormOverheadBytes = 1024 * 1024;

    [HttpPost("/api/upload-file")]
    [ProducesResponseType<AttachmentDto>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Upload(CancellationToken ct)
    {
        var form = await ReadFormAsync(ct);
        var formFile = form.Files.GetFile("file") ?? throw new BadRequestException("missing file field: http: no such file");
        if (formFile.Length > options.Value.MaxBytes)
            throw new PayloadTooLargeException(FileTooLarge);
        await using var content = formFile.OpenReadStream();
        var file = new UploadedFile(Path.GetFileName(formFile.FileName), content, formFile.Length);
        var workspaceId = await SelectedWorkspaceIdOrNullAsync();
        if (workspaceId is null)
            return Ok(await Mediator.Send(new UploadUserFileCommand(file), ct));
        return Ok(await Mediator.Send(new UploadAttachmentCommand(workspaceId, Actor, file, NonEmpty(form["issue_id"]), NonEmpty(form["comment_id"])), ct));
    }

    [HttpGet("/api/issues/{issueId}/attachments")]
    public async Task<IActionResult> ListForIssue(string issueId, CancellationToken ct) =>
        Ok(await Mediator.Send(new ListIssueAttachmentsQuery(await SelectedWorkspaceIdAsync(), issueId), ct));

    [HttpGet("/api/attachments/{attachmentId}")]
    public async Task<IActionResult> Get(string attachmentId, CancellationToken ct) =>
        Ok(await Mediator.Send(new GetAttachmentQuery(await SelectedWorkspaceIdAsync(), attachmentId), ct));

    [HttpDelete("/api/attachments/{attachmentId}")]
    public async Task<IActionResult> Delete(string attachmentId, CancellationToken ct)
    {
        await Mediator.Send(new DeleteAttachmentCommand(await SelectedWorkspaceIdAsync(), attachmentId), ct);
        return NoContent();
    }

    /// <summary>A stored file, to signed-in members (the web app loads these with its cookie).</summary>
    [HttpGet("/uploads/{**key}")]
    [ProducesResponseType<FileResult>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Serve(string key, CancellationToken ct)
    {
        var file = await Mediator.Send(new ServeUploadQuery(key), ct);
        // Uploaded bytes never run as a page of this origin: no sniffing, no scripts, and only media shown inline.
        Response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
        Response.Headers[HeaderNames.ContentSecurityPolicy] = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; sandbox";
        Response.Headers[HeaderNames.CacheControl] = "private, max-age=3600";
        var inline = ContentTypes.IsInline(file.ContentType);
        var name = file.Filename ?? Path.GetFileName(key);
        Response.Headers[HeaderNames.ContentDisposition] = new ContentDispositionHeaderValue(inline ? "inline" : "attachment")
        {
            FileNameStar = name,
        }.ToString();
        return File(file.Content, file.ContentType, enableRangeProcessing: true);
    }

    private async Task<IFormCollection> ReadFormAsync(CancellationToken ct)
    {
        var limit = options.Value.MaxBytes + FormOverheadBytes;
        // The general body limit is for JSON; an upload may be as large as the file limit allows.
        if (HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            size.MaxRequestBodySize = limit;
        if (!Request.HasFormContentType)
            throw new BadRequestException(InvalidForm);
        try
        {
            return await Request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = limit }, ct);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw new PayloadTooLargeException(FileTooLarge);
        }
        catch (InvalidDataException ex) when (ex.Message.Contains("limit", StringComparison.OrdinalIgnoreCase))
        {
            throw new PayloadTooLargeException(FileTooLarge);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or BadHttpRequestException)
        {
            throw new BadRequestException(InvalidForm);
        }
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

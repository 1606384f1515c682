using Multica.Application.Common.Security;
using System.Globalization;
using Mediator;
using Multica.Application.Common.Errors;
using Multica.Application.Tasks;

namespace Multica.Application.DaemonProtocol.GcChecks.IssueGcCheck;

/// <summary>
/// GET /api/daemon/issues/{issueId}/gc-check — lets the daemon's work-dir collector see whether an
/// issue is finished. A foreign issue answers 404 "not found" (the daemon treats 404 as ambiguous).
/// </summary>
public sealed record IssueGcCheckQuery(string IssueId) : IQuery<IssueGcCheckDto>;

/// <summary>updated_at keeps sub-second precision here (upstream serialises the native time value).</summary>
public sealed record IssueGcCheckDto(string Status, string UpdatedAt);

public sealed class IssueGcCheckHandler(ITaskContextRepository context, DaemonWorkspaceAccess access) : IQueryHandler<IssueGcCheckQuery, IssueGcCheckDto>
{
    public async ValueTask<IssueGcCheckDto> Handle(IssueGcCheckQuery query, CancellationToken ct)
    {
        var issue = Guid.TryParse(query.IssueId, out var id) ? await context.FindIssueAsync(id, ct) : null;
        if (issue is null)
            throw new NotFoundException(ErrorMessages.IssueNotFound);
        if (!await access.CanAccessAsync(issue.WorkspaceId, ct))
            throw new NotFoundException(ErrorMessages.NotFound);
        var updated = DateTime.SpecifyKind(issue.UpdatedAt, DateTimeKind.Utc)
            .ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
        return new IssueGcCheckDto(issue.Status, updated);
    }
}

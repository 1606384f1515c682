using System.Security.Cryptography;
using System.Text;
using Mediator;
using Multica.Application.Common.Errors;
using Multica.Application.Common.Security;

namespace Multica.Application.DaemonProtocol.Workspaces.ListDaemonWorkspaces;

public sealed record DaemonWorkspaceDto(Guid Id, string Name);

/// <summary>The list and its weak ETag: W/"sha-256 hex of the (id, name) pairs".</summary>
public sealed record DaemonWorkspacesResult(IReadOnlyList<DaemonWorkspaceDto> Workspaces, string ETag);

/// <summary>GET /api/daemon/workspaces — the workspaces the daemon should register in.</summary>
public sealed record ListDaemonWorkspacesQuery : IQuery<DaemonWorkspacesResult>;

public sealed class ListDaemonWorkspacesHandler(ICallerContext callerContext, IDaemonProtocolRepository repository)
    : IQueryHandler<ListDaemonWorkspacesQuery, DaemonWorkspacesResult>
{
    public async ValueTask<DaemonWorkspacesResult> Handle(ListDaemonWorkspacesQuery query, CancellationToken ct)
    {
        var caller = callerContext.Caller;
        IReadOnlyList<WorkspaceSummary> workspaces;
        if (caller.Kind == CallerKind.DaemonToken)
        {
            // A daemon token is bound to exactly one workspace.
            var own = await repository.FindWorkspaceAsync(caller.DaemonWorkspaceId!.Value, ct)
                ?? throw new NotFoundException(ErrorMessages.WorkspaceNotFound);
            workspaces = [own];
        }
        else
        {
            workspaces = await repository.ListMemberWorkspacesAsync(callerContext.RequireUserId(), ct);
        }
        var list = workspaces.Select(w => new DaemonWorkspaceDto(w.Id, w.Name)).ToList();
        return new DaemonWorkspacesResult(list, ETagOf(list));
    }

    public static string ETagOf(IEnumerable<DaemonWorkspaceDto> workspaces)
    {
        var text = new StringBuilder();
        foreach (var w in workspaces)
            text.Append(w.Id).Append('\t').Append(w.Name.Length).Append(':').Append(w.Name).Append('\n');
        return $"W/\"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))}\"";
    }
}

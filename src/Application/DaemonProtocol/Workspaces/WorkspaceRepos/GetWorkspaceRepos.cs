using System.Text.Json;
using System.Text.Json.Serialization;
using Mediator;
using Multica.Application.Common;
using Multica.Application.Common.Errors;
using Multica.Application.Common.Interfaces;
using Multica.Application.Common.Security;

namespace Multica.Application.DaemonProtocol.Workspaces.WorkspaceRepos;

/// <summary>GET /api/daemon/workspaces/{workspaceId}/repos — the normalised allow-list and its version.</summary>
public sealed record GetWorkspaceReposQuery(string WorkspaceId) : IQuery<WorkspaceReposDto>, IDaemonWorkspaceScoped;

public sealed record WorkspaceReposDto(
    string WorkspaceId, IReadOnlyList<RepoDto> Repos, string ReposVersion,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] JsonElement? Settings = null);

public sealed class GetWorkspaceReposHandler(AccessScope scope, IWorkspaceRepository workspaces)
    : IQueryHandler<GetWorkspaceReposQuery, WorkspaceReposDto>
{
    public async ValueTask<WorkspaceReposDto> Handle(GetWorkspaceReposQuery query, CancellationToken ct)
    {
        var workspace = await workspaces.FindByIdAsync(scope.RequireWorkspaceId(), ct)
            ?? throw new NotFoundException(ErrorMessages.WorkspaceNotFound);
        var repos = RepoList.Normalize(workspace.Repos);
        return new WorkspaceReposDto(query.WorkspaceId, repos, RepoList.Version(repos), WorkspaceSettings.ForDaemon(workspace.Settings));
    }
}

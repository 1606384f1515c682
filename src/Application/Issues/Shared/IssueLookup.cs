using Multica.Application.Common.Errors;
using Multica.Application.Common.Interfaces;
using Multica.Application.Common.Security;
using Multica.Domain.Entities;

namespace Multica.Application.Issues.Shared;

/// <summary>
/// Resolves the {id} of issue routes inside the request workspace: a well-formed UUID first, then the
/// identifier form &lt;PREFIX&gt;-&lt;N&gt; (prefix not compared, as upstream). Miss → 404 "issue not found".
/// </summary>
public sealed class IssueLookup(AccessScope scope, IIssueRepository issues, IWorkspaceRepository workspaces)
{
    private string? _prefix;

    public async Task<Issue> RequireAsync(string reference, CancellationToken ct) =>
        await FindAsync(reference, ct) ?? throw new NotFoundException(ErrorMessages.IssueNotFound);

    public async Task<Issue?> FindAsync(string reference, CancellationToken ct)
    {
        var workspaceId = scope.RequireWorkspaceId();
        var value = reference.Trim();
        if (Guid.TryParse(value, out var id) && await issues.FindAsync(workspaceId, id, ct) is { } byId)
            return byId;
        var dash = value.LastIndexOf('-');
        if (dash > 0 && dash < value.Length - 1 && value[(dash + 1)..].All(char.IsAsciiDigit) &&
            int.TryParse(value[(dash + 1)..], out var number) && number > 0)
            return await issues.FindByNumberAsync(workspaceId, number, ct);
        return null;
    }

    /// <summary>The workspace's issue prefix (for identifiers), loaded once per request.</summary>
    public async Task<string> PrefixAsync(CancellationToken ct)
    {
        if (_prefix is null)
        {
            var workspace = await workspaces.FindByIdAsync(scope.RequireWorkspaceId(), ct);
            _prefix = workspace?.IssuePrefix ?? "";
        }
        return _prefix;
    }

    /// <summary>The prefix as the caller has just read it (with a new issue's number), so it is not read again.</summary>
    public void UsePrefix(string prefix) => _prefix ??= prefix;

    public async Task<IssueDto> ToDtoAsync(Issue issue, CancellationToken ct) => IssueDto.From(issue, await PrefixAsync(ct));
}

using Mediator;
using Multica.Application.Common.Errors;
using Multica.Application.Common.Interfaces;
using Multica.Application.Common.Security;
using Multica.Domain.Constants;

namespace Multica.Application.DaemonTokens;

public sealed record RevokeDaemonTokenCommand(string WorkspaceId, string TokenId)
    : ICommand<Unit>, IWorkspaceMemberScoped, IHumanOnly
{
    string? IWorkspaceMemberScoped.WorkspaceId => WorkspaceId;
    public IReadOnlyCollection<string>? RequiredRoles => MemberRole.Managers;
}

public sealed class RevokeDaemonTokenHandler(AccessScope scope, ITokenRepository tokens, ICredentialStore credentials)
    : ICommandHandler<RevokeDaemonTokenCommand, Unit>
{
    public async ValueTask<Unit> Handle(RevokeDaemonTokenCommand command, CancellationToken ct)
    {
        var hash = Guid.TryParse(command.TokenId, out var id)
            ? await tokens.DeleteDaemonTokenAsync(scope.RequireWorkspaceId(), id, ct)
            : null;
        if (hash is null)
            throw new NotFoundException("daemon token not found");
        credentials.Invalidate(hash);
        return Unit.Value;
    }
}

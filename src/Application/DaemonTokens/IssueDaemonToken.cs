using Multica.Application.Tokens;
using FluentValidation;
using Mediator;
using Multica.Application.Common.Interfaces;
using Multica.Application.Common.Security;
using Multica.Domain.Constants;
using Multica.Domain.Entities;

namespace Multica.Application.DaemonTokens;

/// <summary>
/// Mints an mdt_ token bound to one workspace and daemon id (owner/admin only). Older tokens of the
/// same (workspace, daemon) are replaced. The plain token is returned once.
/// </summary>
public sealed record IssueDaemonTokenCommand(string WorkspaceId, string? DaemonId, int? ExpiresInDays)
    : ICommand<DaemonTokenDto>, IWorkspaceMemberScoped, IHumanOnly
{
    public const int DefaultDays = 365;
    string? IWorkspaceMemberScoped.WorkspaceId => WorkspaceId;
    public IReadOnlyCollection<string>? RequiredRoles => MemberRole.Managers;
}

public sealed class IssueDaemonTokenValidator : AbstractValidator<IssueDaemonTokenCommand>
{
    public IssueDaemonTokenValidator()
    {
        RuleFor(x => x.DaemonId).Must(d => !string.IsNullOrWhiteSpace(d)).WithMessage("daemon_id is required");
        RuleFor(x => x.DaemonId).Must(d => d is null || d.Length <= 255).WithMessage("daemon_id is too long");
        RuleFor(x => x.ExpiresInDays).Must(d => d is null or (> 0 and <= 3650))
            .WithMessage("expires_in_days must be between 1 and 3650");
    }
}

public sealed class IssueDaemonTokenHandler(ICallerContext caller, AccessScope scope, ITokenRepository tokens,
    ICredentialStore credentials, TimeProvider time) : ICommandHandler<IssueDaemonTokenCommand, DaemonTokenDto>
{
    public async ValueTask<DaemonTokenDto> Handle(IssueDaemonTokenCommand command, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var plain = OpaqueTokens.New(OpaqueTokens.DaemonTokenPrefix);
        var token = new DaemonToken
        {
            Id = Guid.NewGuid(),
            TokenHash = OpaqueTokens.Hash(plain),
            TokenPrefix = OpaqueTokens.DisplayPrefix(plain),
            WorkspaceId = scope.RequireWorkspaceId(),
            DaemonId = command.DaemonId!.Trim(),
            ExpiresAt = now.AddDays(command.ExpiresInDays ?? IssueDaemonTokenCommand.DefaultDays),
            CreatedAt = now,
            CreatedBy = caller.RequireUserId(),
        };
        foreach (var replacedHash in await tokens.ReplaceDaemonTokenAsync(token, ct))
            credentials.Invalidate(replacedHash);
        return TokenMapper.ToDto(token) with { Token = plain };
    }
}

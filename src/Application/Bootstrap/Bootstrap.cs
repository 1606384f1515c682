using Multica.Application.Users;
using FluentValidation;
using Mediator;
using Multica.Application.Common.Interfaces;
using Multica.Application.Common.Security;
using Multica.Application.Workspaces;
using Multica.Domain.Constants;
using Multica.Domain.Entities;

namespace Multica.Application.Bootstrap;

public sealed record BootstrapResult(Guid UserId, string Email, Guid WorkspaceId, string WorkspaceSlug, bool WorkspaceCreated, string Token);

/// <summary>
/// The --bootstrap verb: finds or creates the user, reuses their oldest workspace or creates one, and
/// mints a fresh personal access token, so a daemon can be connected without the web sign-in.
/// </summary>
public sealed record BootstrapCommand(string Email, string? WorkspaceName = null) : ICommand<BootstrapResult>
{
    public const string DefaultEmail = "admin@localhost";
}

public sealed class BootstrapValidator : AbstractValidator<BootstrapCommand>
{
    public BootstrapValidator()
    {
        RuleFor(x => x.Email).Must(e => !string.IsNullOrWhiteSpace(e) && e.Contains('@') && e.Length <= 255)
            .WithMessage("a valid --email is required");
    }
}

public sealed class BootstrapHandler(
    IUserRepository users,
    IWorkspaceRepository workspaces,
    ITokenRepository tokens,
    TimeProvider time) : ICommandHandler<BootstrapCommand, BootstrapResult>
{
    public async ValueTask<BootstrapResult> Handle(BootstrapCommand command, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var email = command.Email.Trim().ToLowerInvariant();
        var user = await users.FindByEmailAsync(email, ct) ?? await users.CreateOrGetAsync(NewUser.ForEmail(email, now), ct);

        var existing = (await workspaces.ListForUserAsync(user.Id, ct)).FirstOrDefault();
        var created = false;
        if (existing is null)
        {
            var name = string.IsNullOrWhiteSpace(command.WorkspaceName) ? "Default" : command.WorkspaceName.Trim();
            var slugBase = "default";
            for (var attempt = 0; existing is null; attempt++)
            {
                var slug = attempt == 0 ? slugBase : $"{slugBase}-{Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())[..6]}";
                var workspace = new Workspace
                {
                    Id = Guid.NewGuid(), Name = name, Slug = slug, IssuePrefix = CreateWorkspaceHandler.DerivePrefix(name),
                    CreatedAt = now, UpdatedAt = now,
                };
                var owner = new Member { Id = Guid.NewGuid(), WorkspaceId = workspace.Id, UserId = user.Id, Role = MemberRole.Owner, CreatedAt = now };
                if (await workspaces.CreateWithOwnerAsync(workspace, owner, ct))
                {
                    existing = workspace;
                    created = true;
                }
                else if (attempt > 5)
                {
                    throw new InvalidOperationException("could not find a free workspace slug");
                }
            }
        }

        var plain = OpaqueTokens.New(OpaqueTokens.PersonalAccessTokenPrefix);
        await tokens.AddPersonalAccessTokenAsync(new PersonalAccessToken
        {
            Id = Guid.NewGuid(),
            UserId = user.Id,
            Name = "bootstrap",
            TokenHash = OpaqueTokens.Hash(plain),
            TokenPrefix = OpaqueTokens.DisplayPrefix(plain),
            CreatedAt = now,
        }, ct);
        return new BootstrapResult(user.Id, user.Email, existing.Id, existing.Slug, created, plain);
    }
}

using Multica.Application.Common.Validation;
using System.Text.RegularExpressions;
using FluentValidation;
using Mediator;
using Multica.Application.Common.Errors;
using Multica.Application.Common.Interfaces;
using Multica.Application.Common.Security;
using Multica.Application.DaemonProtocol.Socket;
using Multica.Domain.Constants;
using Multica.Domain.Entities;

namespace Multica.Application.Workspaces;

public sealed record CreateWorkspaceCommand(string? Name, string? Slug, string? Description, string? Context, string? IssuePrefix)
    : ICommand<WorkspaceDto>, IHumanOnly
{
    public string TrimmedName => (Name ?? "").Trim();
    public string NormalizedSlug => (Slug ?? "").Trim().ToLowerInvariant();
}

public sealed partial class CreateWorkspaceValidator : AbstractValidator<CreateWorkspaceCommand>
{
    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        "login", "logout", "signin", "signout", "signup", "auth", "oauth", "callback", "invite", "verify", "reset",
        "password", "onboarding", "api", "admin", "multica", "www", "new", "home", "homepage", "dashboard", "help",
        "about", "pricing", "changelog", "docs", "support", "status", "legal", "privacy", "terms", "security",
        "contact", "blog", "careers", "press", "download", "profile", "account", "billing", "notifications", "search",
        "members", "issues", "projects", "autopilots", "agents", "inbox", "my-issues", "runtimes", "skills",
        "settings", "workspaces", "teams", "v1", "v2", "graphql", "webhooks", "sdk", "tokens", "cli", "health",
        "readyz", "healthz", "ws", "metrics", "ping", "postmaster", "abuse", "noreply", "webmaster", "hostmaster",
        "mail", "ftp", "static", "cdn", "assets", "public", "files", "uploads", "favicon.ico", "robots.txt",
        "sitemap.xml", "manifest.json", ".well-known",
    };

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();

    public CreateWorkspaceValidator()
    {
        RuleFor(x => x).Must(x => x.TrimmedName.Length > 0 && x.NormalizedSlug.Length > 0)
            .WithMessage("name and slug are required")
            .DependentRules(() =>
            {
                RuleFor(x => x.NormalizedSlug).Must(s => SlugPattern().IsMatch(s))
                    .WithMessage("slug must contain only lowercase letters, numbers, and hyphens")
                    .DependentRules(() =>
                        RuleFor(x => x.NormalizedSlug).Must(s => !Reserved.Contains(s)).WithMessage("slug is reserved"));
            });
        RuleFor(x => x.TrimmedName).MaximumLength(WorkspaceRules.MaxNameLength).WithMessage("name is too long");
        RuleFor(x => x.NormalizedSlug).MaximumLength(WorkspaceRules.MaxSlugLength).WithMessage("slug is too long");
        RuleFor(x => x.IssuePrefix).TrimmedAtMost(WorkspaceRules.MaxIssuePrefixLength, "issue_prefix");
    }
}

/// <summary>
/// Creates the workspace with the caller as owner, then tells the caller's connected daemons
/// (daemon:workspaces_changed) so they pick the new workspace up at once.
/// </summary>
public sealed class CreateWorkspaceHandler(
    ICallerContext caller, IWorkspaceRepository workspaces, ITransactionRunner transactions, IDaemonPush daemons, TimeProvider time)
    : ICommandHandler<CreateWorkspaceCommand, WorkspaceDto>
{
    public async ValueTask<WorkspaceDto> Handle(CreateWorkspaceCommand command, CancellationToken ct)
    {
        var userId = caller.RequireUserId();
        var now = time.GetUtcNow().UtcDateTime;
        var workspace = new Workspace
        {
            Id = Guid.NewGuid(),
            Name = command.TrimmedName,
            Slug = command.NormalizedSlug,
            Description = command.Description,
            Context = command.Context,
            IssuePrefix = string.IsNullOrWhiteSpace(command.IssuePrefix)
                ? DerivePrefix(command.TrimmedName)
                : command.IssuePrefix.Trim().ToUpperInvariant(),
            CreatedAt = now,
            UpdatedAt = now,
        };
        var owner = new Member { Id = Guid.NewGuid(), WorkspaceId = workspace.Id, UserId = userId, Role = MemberRole.Owner, CreatedAt = now };
        if (!await workspaces.CreateWithOwnerAsync(workspace, owner, ct))
            throw new ConflictException("workspace slug already exists");
        transactions.AfterCommit(() => daemons.WorkspacesChangedForUser(userId));
        return WorkspaceDto.From(workspace);
    }

    /// <summary>The name's ASCII letters, upper-cased, first three; "WS" when there are none.</summary>
    public static string DerivePrefix(string name)
    {
        var letters = new string(name.Where(char.IsAsciiLetter).Take(3).ToArray()).ToUpperInvariant();
        return letters.Length == 0 ? "WS" : letters;
    }
}

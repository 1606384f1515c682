using Multica.Application.Common;
using Mediator;
using Multica.Application.Common.Errors;
using Multica.Application.Common.Security;
using Multica.Application.PendingRequests;
using Multica.Application.Skills.Shared;

namespace Multica.Application.DaemonProtocol.TaskRuns.ResolveSkillBundles;

public sealed record SkillRef(string? Id, string? Source, string? Name, string? Hash);

public sealed record ResolveSkillBundlesBody(IReadOnlyList<SkillRef>? Skills);

public sealed record SkillBundleFileDto(string Path, string Content, string Sha256, long SizeBytes);

public sealed record SkillBundleDto(string Id, string Source, string Name, string Description, string Hash, long SizeBytes, string Content,
    IReadOnlyList<SkillBundleFileDto> Files);

public sealed record SkillBundlesDto(IReadOnlyList<SkillBundleDto> Bundles);

/// <summary>
/// POST /api/daemon/runtimes/{runtimeId}/tasks/{taskId}/skill-bundles/resolve. Only reached when a claim
/// sends agent.skill_refs, which this server does not (it sends full skills); the route still answers
/// with the documented checks and serves the agent's current workspace skills by id.
/// </summary>
public sealed record ResolveSkillBundlesCommand(string RuntimeId, string TaskId, DeferredBody<ResolveSkillBundlesBody> Body)
    : ICommand<SkillBundlesDto>, IDaemonRuntimeScoped, IDaemonTaskScoped;

public sealed class ResolveSkillBundlesHandler(AccessScope scope, IDaemonProtocolRepository repository)
    : ICommandHandler<ResolveSkillBundlesCommand, SkillBundlesDto>
{
    public const string WorkspaceSource = SkillBundleDigest.WorkspaceSource;

    public async ValueTask<SkillBundlesDto> Handle(ResolveSkillBundlesCommand command, CancellationToken ct)
    {
        var (_, task) = TaskPreparation.RequireTaskOfRuntime(scope);
        if (!TaskPreparation.IsPreparing(task))
            throw new ConflictException("task is not preparing");
        var refs = command.Body.Require().Skills ?? [];
        if (refs.Count == 0)
            return new SkillBundlesDto([]);
        if (refs.Any(r => r is null || string.IsNullOrEmpty(r.Id) || string.IsNullOrEmpty(r.Source) || string.IsNullOrEmpty(r.Hash)))
            throw new BadRequestException("invalid skill ref");

        var skills = (await repository.ListAgentSkillsAsync(task.AgentId, ct)).ToDictionary(s => s.Id.ToString());
        var bundles = new List<SkillBundleDto>();
        foreach (var skillRef in refs)
        {
            if (skillRef.Source != WorkspaceSource || !skills.TryGetValue(skillRef.Id!, out var skill))
                throw new NotFoundException("skill bundle not found");
            bundles.Add(ToBundle(skill));
        }
        return new SkillBundlesDto(bundles);
    }

    private static SkillBundleDto ToBundle(AgentSkillBundle skill)
    {
        var digest = SkillBundleDigest.Of(skill.Content, skill.Files);
        return new SkillBundleDto(skill.Id.ToString(), WorkspaceSource, skill.Name, skill.Description, digest.Hash, digest.SizeBytes,
            skill.Content, digest.Files.Select(f => new SkillBundleFileDto(f.Path, f.Content, f.Sha256, f.SizeBytes)).ToList());
    }
}

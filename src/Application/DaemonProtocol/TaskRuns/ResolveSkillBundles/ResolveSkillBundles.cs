using Multica.Application.Common;
using System.Security.Cryptography;
using System.Text;
using Mediator;
using Multica.Application.Common.Errors;
using Multica.Application.Common.Security;
using Multica.Application.PendingRequests;

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
    public const string WorkspaceSource = "workspace";

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
        var files = skill.Files.OrderBy(f => f.Path, StringComparer.Ordinal)
            .Select(f => new SkillBundleFileDto(f.Path, f.Content, Sha256(f.Content), Encoding.UTF8.GetByteCount(f.Content)))
            .ToList();
        // Content hash over the SKILL.md text and every file (path + digest), in path order.
        var manifest = new StringBuilder(Sha256(skill.Content));
        foreach (var f in files)
            manifest.Append('\n').Append(f.Path).Append('\0').Append(f.Sha256);
        var size = Encoding.UTF8.GetByteCount(skill.Content) + files.Sum(f => f.SizeBytes);
        return new SkillBundleDto(skill.Id.ToString(), WorkspaceSource, skill.Name, skill.Description, Sha256(manifest.ToString()), size,
            skill.Content, files);
    }

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}

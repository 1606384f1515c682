using Multica.Application.Skills.Shared;
using System.Text.Json;
using Multica.Application.Common;
using Multica.Domain.Entities;

namespace Multica.Application.Tasks.Claiming;

/// <summary>
/// Turns claimed rows into the enriched claim objects (docs/daemon-protocol.md, "Task object").
/// Everything is loaded for the whole batch in three queries (contexts, agents, skills), whatever
/// the number of tasks, skills or files.
/// </summary>
public sealed class ClaimedTaskBuilder(ITaskClaimRepository claims)
{
    public sealed record Built(ClaimedTask Claimed, TaskDto Dto, Agent? Agent);

    public async Task<IReadOnlyList<Built>> BuildAsync(IReadOnlyList<ClaimedTask> claimed, CancellationToken ct)
    {
        if (claimed.Count == 0)
            return [];
        var taskIds = claimed.Select(c => c.Task.Id).ToList();
        var agentIds = claimed.Select(c => c.Task.AgentId).Distinct().ToList();
        var details = await claims.LoadClaimDetailsAsync(taskIds, agentIds, ct);
        var contexts = details.Contexts.ToDictionary(c => c.TaskId);
        var agents = details.Agents.ToDictionary(a => a.Id);
        var skills = details.Skills.ToLookup(s => s.AgentId);

        return claimed.Select(c =>
        {
            var dto = TaskMapper.ToDto(c.Task, null);
            dto.AuthToken = c.AuthToken;
            agents.TryGetValue(c.Task.AgentId, out var agent);
            if (agent is not null)
                dto.Agent = AgentBlock(agent, skills[agent.Id]);
            if (contexts.TryGetValue(c.Task.Id, out var context))
                Enrich(dto, c.Task, context);
            return new Built(c, dto, agent);
        }).ToList();
    }

    private static void Enrich(TaskDto dto, AgentTask task, ClaimContext x)
    {
        IReadOnlyList<RepoDto> repos = [];
        if (task.IssueId is not null)
        {
            if (x.IssueWorkspaceId is { } issueWorkspace)
            {
                dto.WorkspaceId = issueWorkspace.ToString();
                repos = RepoList.Normalize(x.IssueWorkspaceRepos);
            }
            if (x.TriggerContent is not null)
            {
                dto.TriggerCommentContent = TaskMapper.NullIfEmpty(x.TriggerContent);
                dto.TriggerAuthorType = TaskMapper.NullIfEmpty(x.TriggerAuthorType);
                dto.TriggerAuthorName = TaskMapper.NullIfEmpty(x.TriggerAuthorName);
            }
            if (x.PriorSessionId is not null)
            {
                dto.PriorSessionId = TaskMapper.NullIfEmpty(x.PriorSessionId);
                dto.PriorWorkDir = TaskMapper.NullIfEmpty(x.PriorWorkDir);
            }
        }

        if (x.ChatSessionId is { } chatSession)
        {
            dto.WorkspaceId = x.ChatWorkspaceId?.ToString() ?? dto.WorkspaceId;
            dto.ChatSessionId = chatSession.ToString();
            var chatRepos = RepoList.Normalize(x.ChatWorkspaceRepos);
            if (chatRepos.Count > 0)
                repos = chatRepos;
            dto.PriorSessionId = TaskMapper.NullIfEmpty(x.ChatSessionPointer);
            dto.PriorWorkDir = TaskMapper.NullIfEmpty(x.ChatWorkDirPointer);
            if (dto.PriorSessionId is null && !string.IsNullOrEmpty(x.LastChatSessionId))
            {
                dto.PriorSessionId = x.LastChatSessionId;
                dto.PriorWorkDir ??= TaskMapper.NullIfEmpty(x.LastChatWorkDir);
            }
            dto.ChatMessage = TaskMapper.NullIfEmpty(x.ChatMessage);
        }

        if (x.AutopilotId is { } autopilotId)
        {
            dto.AutopilotId = autopilotId.ToString();
            dto.AutopilotSource = TaskMapper.NullIfEmpty(x.AutopilotSource);
            if (x.AutopilotTriggerPayload is not null)
                dto.AutopilotTriggerPayload = JsonText.Parse(x.AutopilotTriggerPayload, "null");
            if (x.AutopilotFound)
            {
                dto.AutopilotTitle = TaskMapper.NullIfEmpty(x.AutopilotTitle);
                dto.AutopilotDescription = TaskMapper.NullIfEmpty(x.AutopilotDescription);
                if (dto.WorkspaceId.Length == 0 && x.AutopilotWorkspaceId is { } autopilotWorkspace)
                    dto.WorkspaceId = autopilotWorkspace.ToString();
                if (repos.Count == 0)
                    repos = RepoList.Normalize(x.AutopilotWorkspaceRepos);
            }
        }

        dto.Repos = repos.Count > 0 ? repos : null;
    }

    public static TaskAgentDto AgentBlock(Agent agent, IEnumerable<AgentSkillFile> rows)
    {
        var skills = rows
            .GroupBy(r => r.SkillId)
            .Select(g =>
            {
                var skill = g.First();
                var digest = SkillBundleDigest.Of(skill.SkillContent,
                    g.Where(f => f.FilePath is not null).Select(f => (f.FilePath!, f.FileContent ?? "")));
                var files = digest.Files.Select(f => new TaskSkillFileDto(f.Path, f.Content)).ToList();
                return new TaskSkillDto
                {
                    Id = skill.SkillId.ToString(),
                    Name = skill.SkillName,
                    Description = TaskMapper.NullIfEmpty(skill.SkillDescription),
                    Content = skill.SkillContent,
                    Files = files.Count > 0 ? files : null,
                    Source = SkillBundleDigest.WorkspaceSource,
                    Hash = digest.Hash,
                    SizeBytes = digest.SizeBytes,
                };
            })
            .OrderBy(s => s.Name, StringComparer.Ordinal)
            .ToList();
        var env = StringMap(agent.CustomEnv);
        var args = StringList(agent.CustomArgs);
        return new TaskAgentDto
        {
            Id = agent.Id.ToString(),
            Name = agent.Name,
            Instructions = agent.Instructions,
            Skills = skills.Count > 0 ? skills : null,
            CustomEnv = env.Count > 0 ? env : null,
            CustomArgs = args.Count > 0 ? args : null,
            McpConfig = agent.McpConfig is null ? null : JsonText.Parse(agent.McpConfig, "null"),
            Model = TaskMapper.NullIfEmpty(agent.Model),
        };
    }

    /// <summary>The string values of a stored JSON object (others are skipped).</summary>
    private static Dictionary<string, string> StringMap(string? json)
    {
        var result = new Dictionary<string, string>();
        if (JsonText.ParseOrNull(json) is { ValueKind: JsonValueKind.Object } obj)
            foreach (var p in obj.EnumerateObject())
                if (p.Value.ValueKind == JsonValueKind.String)
                    result[p.Name] = p.Value.GetString()!;
        return result;
    }

    /// <summary>A stored JSON array of strings; anything else is empty.</summary>
    private static List<string> StringList(string? json)
    {
        if (JsonText.ParseOrNull(json) is not { ValueKind: JsonValueKind.Array } array)
            return [];
        var result = new List<string>();
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
                return [];
            result.Add(item.GetString()!);
        }
        return result;
    }
}

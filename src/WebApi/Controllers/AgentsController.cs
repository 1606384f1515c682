using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Multica.Application.Agents;
using Multica.Application.Common;
using Multica.Application.Agents.ArchiveAgent;
using Multica.Application.Agents.CreateAgent;
using Multica.Application.Agents.GetAgent;
using Multica.Application.Agents.GetAgentSkills;
using Multica.Application.Agents.ListAgentTasks;
using Multica.Application.Agents.ListAgents;
using Multica.Application.Agents.RestoreAgent;
using Multica.Application.Agents.SetAgentSkills;
using Multica.Application.Agents.UpdateAgent;

namespace Multica.WebApi.Controllers;

[Route("api/agents")]
public sealed class AgentsController : WorkspaceControllerBase
{
    public sealed record CreateAgentBody(string? Name, string? RuntimeId, string? Description, string? Instructions, string? AvatarUrl,
        JsonElement? RuntimeConfig, JsonElement? CustomEnv, List<string>? CustomArgs, JsonElement? McpConfig, string? Visibility,
        int? MaxConcurrentTasks, string? Model, string? Template);

    public sealed record UpdateAgentBody(string? Name, string? RuntimeId, string? Description, string? Instructions, string? AvatarUrl,
        JsonElement? RuntimeConfig, JsonElement? CustomEnv, List<string>? CustomArgs, Optional<JsonElement?> McpConfig,
        string? Visibility, int? MaxConcurrentTasks, string? Model, string? Status);

    public sealed record SetSkillsBody(List<string?>? SkillIds);

    [HttpGet]
    public async Task<IActionResult> List([FromQuery(Name = "include_archived")] string? includeArchived, CancellationToken ct) =>
        Ok(await Mediator.Send(new ListAgentsQuery(await SelectedWorkspaceIdAsync(), includeArchived), ct));

    [HttpPost]
    public async Task<IActionResult> Create([FromBody] CreateAgentBody b, CancellationToken ct) =>
        StatusCode(201, await Mediator.Send(new CreateAgentCommand(await SelectedWorkspaceIdAsync(), Actor, b.Name, b.RuntimeId, b.Description,
            b.Instructions, b.AvatarUrl, b.RuntimeConfig, b.CustomEnv, b.CustomArgs, b.McpConfig, b.Visibility, b.MaxConcurrentTasks,
            b.Model), ct));

    [HttpGet("{agentId}")]
    public async Task<IActionResult> Get(string agentId, CancellationToken ct) =>
        Ok(await Mediator.Send(new GetAgentQuery(await SelectedWorkspaceIdAsync(), agentId), ct));

    [HttpPut("{agentId}")]
    public async Task<IActionResult> Update(string agentId, [FromBody] UpdateAgentBody b, CancellationToken ct) =>
        Ok(await Mediator.Send(new UpdateAgentCommand(await SelectedWorkspaceIdAsync(), agentId, Actor, b.Name, b.RuntimeId, b.Description,
            b.Instructions, b.AvatarUrl, b.RuntimeConfig, b.CustomEnv, b.CustomArgs, b.McpConfig, b.Visibility, b.MaxConcurrentTasks,
            b.Model, b.Status), ct));

    [HttpPost("{agentId}/archive")]
    public async Task<IActionResult> Archive(string agentId, CancellationToken ct) =>
        Ok(await Mediator.Send(new ArchiveAgentCommand(await SelectedWorkspaceIdAsync(), agentId, Actor), ct));

    [HttpPost("{agentId}/restore")]
    public async Task<IActionResult> Restore(string agentId, CancellationToken ct) =>
        Ok(await Mediator.Send(new RestoreAgentCommand(await SelectedWorkspaceIdAsync(), agentId, Actor), ct));

    [HttpGet("{agentId}/tasks")]
    public async Task<IActionResult> Tasks(string agentId, CancellationToken ct) =>
        Ok(await Mediator.Send(new ListAgentTasksQuery(await SelectedWorkspaceIdAsync(), agentId), ct));

    [HttpGet("{agentId}/skills")]
    public async Task<IActionResult> Skills(string agentId, CancellationToken ct) =>
        Ok(await Mediator.Send(new GetAgentSkillsQuery(await SelectedWorkspaceIdAsync(), agentId), ct));

    [HttpPut("{agentId}/skills")]
    public async Task<IActionResult> SetSkills(string agentId, [FromBody] SetSkillsBody b, CancellationToken ct) =>
        Ok(await Mediator.Send(new SetAgentSkillsCommand(await SelectedWorkspaceIdAsync(), agentId, Actor, b.SkillIds), ct));
}

using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Multica.Application.Skills;
using Multica.Application.Skills.CreateSkill;
using Multica.Application.Skills.DeleteSkill;
using Multica.Application.Skills.GetSkill;
using Multica.Application.Skills.ListSkills;
using Multica.Application.Skills.Shared;
using Multica.Application.Skills.UpdateSkill;

namespace Multica.WebApi.Controllers;

[Route("api/skills")]
public sealed class SkillsController : WorkspaceControllerBase
{
    public sealed record SkillBody(string? Name, string? Description, string? Content, JsonElement? Config, List<SkillFileInput?>? Files);

    [HttpGet]
    public async Task<IActionResult> List(CancellationToken ct) =>
        Ok(await Mediator.Send(new ListSkillsQuery(await SelectedWorkspaceIdAsync()), ct));

    [HttpPost]
    public async Task<IActionResult> Create([FromBody] SkillBody b, CancellationToken ct) =>
        StatusCode(201, await Mediator.Send(new CreateSkillCommand(await SelectedWorkspaceIdAsync(), Actor, b.Name, b.Description, b.Content,
            b.Config, b.Files), ct));

    [HttpGet("{skillId}")]
    public async Task<IActionResult> Get(string skillId, CancellationToken ct) =>
        Ok(await Mediator.Send(new GetSkillQuery(await SelectedWorkspaceIdAsync(), skillId), ct));

    [HttpPut("{skillId}")]
    public async Task<IActionResult> Update(string skillId, [FromBody] SkillBody b, CancellationToken ct) =>
        Ok(await Mediator.Send(new UpdateSkillCommand(await SelectedWorkspaceIdAsync(), skillId, Actor, b.Name, b.Description, b.Content,
            b.Config, b.Files), ct));

    [HttpDelete("{skillId}")]
    public async Task<IActionResult> Delete(string skillId, CancellationToken ct)
    {
        await Mediator.Send(new DeleteSkillCommand(await SelectedWorkspaceIdAsync(), skillId, Actor), ct);
        return NoContent();
    }
}

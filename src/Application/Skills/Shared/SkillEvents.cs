using Multica.Application.Common.Realtime;
using Multica.Application.Actors;
using Multica.Application.Common.Interfaces;
using Multica.Application.Skills.Events;
using Multica.Domain.Constants;

namespace Multica.Application.Skills.Shared;

/// <summary>skill:created / skill:updated {skill} with its files and skill:deleted {skill_id}, to the skill's workspace.</summary>
public sealed class SkillEvents(IEventPublisher publisher)
{

    public void SkillCreated(SkillWithFilesDto skill, Actor actor) => SkillCreated(skill, actor.Type, actor.Id);

    /// <summary>skill:created of a skill a member imported from a runtime's local skills.</summary>
    public void SkillImported(SkillWithFilesDto skill, Guid creatorId) => SkillCreated(skill, ActorType.Member, creatorId);

    public void SkillUpdated(SkillWithFilesDto skill, Actor actor) =>
        publisher.Publish(new RealtimeEvent(EventTypes.SkillUpdated, new SkillPayload(skill), skill.WorkspaceId, actor.Type, actor.Id));

    public void SkillDeleted(Guid workspaceId, Guid skillId, Actor actor) =>
        publisher.Publish(new RealtimeEvent(EventTypes.SkillDeleted, new SkillDeletedPayload(skillId), workspaceId, actor.Type, actor.Id));

    private void SkillCreated(SkillWithFilesDto skill, string actorType, Guid actorId) =>
        publisher.Publish(new RealtimeEvent(EventTypes.SkillCreated, new SkillPayload(skill), skill.WorkspaceId, actorType, actorId));
}

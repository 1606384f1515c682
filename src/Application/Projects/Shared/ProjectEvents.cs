using Multica.Application.Common.Realtime;
using Multica.Application.Projects.Events;
using Multica.Application.Common.Interfaces;
using Multica.Domain.Constants;

namespace Multica.Application.Projects.Shared;

/// <summary>project:created / project:updated {project} and project:deleted {project_id}, to the workspace.</summary>
public sealed class ProjectEvents(IEventPublisher publisher)
{
    public void Created(ProjectDto project, Guid actorId) => Publish(EventTypes.ProjectCreated, project, actorId);

    public void Updated(ProjectDto project, Guid actorId) => Publish(EventTypes.ProjectUpdated, project, actorId);

    public void Deleted(Guid workspaceId, Guid projectId, Guid actorId) => publisher.Publish(new RealtimeEvent(EventTypes.ProjectDeleted,
        new ProjectDeletedPayload(projectId), workspaceId, ActorType.Member, actorId));

    private void Publish(string type, ProjectDto project, Guid actorId) => publisher.Publish(new RealtimeEvent(type,
        new ProjectPayload(project), project.WorkspaceId, ActorType.Member, actorId));
}

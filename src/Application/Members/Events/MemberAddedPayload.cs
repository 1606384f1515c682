using Multica.Application.Workspaces.ListMembers;
using System.Text.Json.Serialization;

namespace Multica.Application.Members.Events;

/// <summary>member:added: {member, workspace_name}.</summary>
public sealed record MemberAddedPayload(
    [property: JsonPropertyName("member")] MemberDto Member,
    [property: JsonPropertyName("workspace_name")] string WorkspaceName);

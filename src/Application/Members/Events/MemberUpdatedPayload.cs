using Multica.Application.Workspaces.ListMembers;
using System.Text.Json.Serialization;

namespace Multica.Application.Members.Events;

/// <summary>member:updated: {member}.</summary>
public sealed record MemberUpdatedPayload(
    [property: JsonPropertyName("member")] MemberDto Member);

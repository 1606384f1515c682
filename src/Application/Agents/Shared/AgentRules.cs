using System.Text.Json;
using Multica.Domain.Constants;

namespace Multica.Application.Agents.Shared;

public static class AgentRules
{
    public const int DefaultMaxConcurrentTasks = 6;
    public const int MaxConcurrentTasksLimit = 1000;
    public const int MaxNameLength = 255;
    public const int MaxTextLength = 100_000;

    public static bool IsVisibility(string? v) => v is null || v is AgentVisibility.Workspace or AgentVisibility.Private;

    public static bool IsStringMap(JsonElement? env) =>
        env is null || env.Value.ValueKind == JsonValueKind.Null ||
        (env.Value.ValueKind == JsonValueKind.Object && env.Value.EnumerateObject().All(p => p.Value.ValueKind == JsonValueKind.String));

    public static bool IsJsonObject(JsonElement? value) =>
        value is null || value.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Null;

    public static string DuplicateName(string name) => $"an agent named \"{name}\" already exists in this workspace";
}

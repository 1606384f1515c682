using System.Text.Json;
using System.Text.Json.Serialization;

namespace Multica.Application.Tasks.Events;

/// <summary>
/// task:dispatch of a claimed task: the task's stored context object (when it is one) with the routing keys
/// task_id, runtime_id, issue_id ("" without issue) and agent_id set on top. A context key that is also a
/// routing key keeps its position and takes the routing value; the other routing keys follow in that order.
/// </summary>
[JsonConverter(typeof(TaskDispatchPayloadConverter))]
public sealed record TaskDispatchPayload(JsonElement? Context, string TaskId, string RuntimeId, string IssueId, string AgentId)
{
    /// <summary>The payload's fields in wire order.</summary>
    public IEnumerable<KeyValuePair<string, object>> Fields()
    {
        var routing = new (string Name, string Value)[]
        {
            ("task_id", TaskId), ("runtime_id", RuntimeId), ("issue_id", IssueId), ("agent_id", AgentId),
        };
        var fields = new List<KeyValuePair<string, object>>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        void Set(string name, object value)
        {
            if (index.TryGetValue(name, out var at))
                fields[at] = new(name, value);
            else
            {
                index[name] = fields.Count;
                fields.Add(new(name, value));
            }
        }
        if (Context is { ValueKind: JsonValueKind.Object } context)
            foreach (var property in context.EnumerateObject())
                Set(property.Name, property.Value);
        foreach (var (name, value) in routing)
            Set(name, value);
        return fields;
    }
}

/// <summary>Writes <see cref="TaskDispatchPayload"/> as one flat object (context fields, then routing keys).</summary>
public sealed class TaskDispatchPayloadConverter : JsonConverter<TaskDispatchPayload>
{
    public override TaskDispatchPayload Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("task:dispatch payloads are only written");

    public override void Write(Utf8JsonWriter writer, TaskDispatchPayload value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (name, field) in value.Fields())
        {
            writer.WritePropertyName(name);
            if (field is JsonElement element)
                element.WriteTo(writer);
            else
                writer.WriteStringValue((string)field);
        }
        writer.WriteEndObject();
    }
}

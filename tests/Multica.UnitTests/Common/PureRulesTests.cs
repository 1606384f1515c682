using System.Text.Json;
using Multica.Application.Common;
using Multica.Application.Issues;
using Multica.Application.Skills;
using Multica.Application.Tasks;
using NUnit.Framework;
using Multica.Application.Issues.Shared;
using Multica.Application.Skills.Shared;

namespace Multica.UnitTests.Common;

public sealed class PureRulesTests
{
    [TestCase("a.md", true)]
    [TestCase("dir/b.md", true)]
    [TestCase("dir/../b.md", true)]
    [TestCase("./c.md", true)]
    [TestCase("", false)]
    [TestCase("   ", false)]
    [TestCase("/etc/passwd", false)]
    [TestCase("../up.md", false)]
    [TestCase("dir/../../up.md", false)]
    [TestCase("C:\\x", false)]
    [TestCase(".", false)]
    public void SkillPaths_MustBeRelativeAndStayInside(string path, bool valid) => Assert.That(SkillPaths.IsValid(path), Is.EqualTo(valid));

    [TestCase("2026-04-25T10:00:00Z", true)]
    [TestCase("2026-04-25T10:00:00.123+02:00", true)]
    [TestCase("2026-04-25", false)]
    [TestCase("2026-04-25T10:00:00", false)]
    [TestCase("yesterday", false)]
    public void Rfc3339_IsStrict(string value, bool valid) => Assert.That(Rfc3339.IsValid(value), Is.EqualTo(valid));

    [Test]
    public async Task IssueReferences_ExpandOnlyExistingOnesOutsideCodeAndLinks()
    {
        var id = Guid.NewGuid();
        var text = "Fixes MUL-1 and MUL-2, MUL-1 again; `MUL-1` ```\nMUL-1\n``` [MUL-1](mention://issue/x) XMUL-1 MUL-10 mul-1 MUL-1,MUL-1";
        var result = await IssueReferenceExpander.ExpandAsync(text, "MUL", numbers =>
            Task.FromResult<IReadOnlyDictionary<int, Guid>>(numbers.Contains(1) ? new Dictionary<int, Guid> { [1] = id } : new()));
        var link = $"[MUL-1](mention://issue/{id})";
        Assert.That(result, Is.EqualTo(
            $"Fixes {link} and MUL-2, {link} again; `MUL-1` ```\nMUL-1\n``` [MUL-1](mention://issue/x) XMUL-1 MUL-10 mul-1 {link},{link}"));
    }

    private sealed record Patch(Optional<string?> Name, Optional<JsonElement?> Config);

    [Test]
    public void Optional_TellsAbsentFromNull()
    {
        var options = new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
        var absent = JsonSerializer.Deserialize<Patch>("{}", options)!;
        Assert.That(absent.Name.IsSet, Is.False);
        var nulls = JsonSerializer.Deserialize<Patch>("{\"name\":null,\"config\":null}", options)!;
        Assert.That((nulls.Name.IsSet, nulls.Name.Value), Is.EqualTo((true, (string?)null)));
        Assert.That(nulls.Config.IsSet && nulls.Config.Value is null, Is.True);
        var values = JsonSerializer.Deserialize<Patch>("{\"name\":\"x\",\"config\":{\"a\":1}}", options)!;
        Assert.That(values.Name.HasValue && values.Name.Value == "x", Is.True);
        Assert.That(values.Config.Value!.Value.GetProperty("a").GetInt32(), Is.EqualTo(1));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Patch>("{\"name\":5}", options));
    }
}

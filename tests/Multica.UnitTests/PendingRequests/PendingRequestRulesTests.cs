using Multica.Application.PendingRequests;
using Multica.Application.PendingRequests.LocalSkillImport;
using NUnit.Framework;

namespace Multica.UnitTests.PendingRequests;

public sealed class PendingRequestRulesTests
{
    private static readonly DateTime T0 = new(2026, 8, 1, 12, 0, 0, DateTimeKind.Utc);

    [Test]
    public void Update_TimesOutAfter120sFromCreation_PendingOrRunning()
    {
        var pending = new RuntimeUpdateRequest { Id = "u", CreatedAt = T0, UpdatedAt = T0 };
        var policy = PendingRequestPolicy.RuntimeUpdate;
        Assert.That(policy.ApplyTimeout(pending, T0.AddSeconds(120)), Is.Null);
        Assert.That(policy.ApplyTimeout(pending, T0.AddSeconds(121))!.Error, Is.EqualTo("update did not complete within 120 seconds"));
        var running = PendingRequestPolicy.Claimed(pending, T0.AddSeconds(100));
        Assert.That(policy.ApplyTimeout(running, T0.AddSeconds(121))!.Status, Is.EqualTo(PendingStatus.Timeout));
        var done = pending with { Status = PendingStatus.Completed };
        Assert.That(policy.ApplyTimeout(done, T0.AddHours(1)), Is.Null);
    }

    [Test]
    public void ModelList_Pending30s_Running60sFromClaim()
    {
        var policy = PendingRequestPolicy.ModelList;
        var pending = new ModelListRequest { Id = "m", CreatedAt = T0, UpdatedAt = T0 };
        Assert.That(policy.ApplyTimeout(pending, T0.AddSeconds(31))!.Error, Is.EqualTo("daemon did not respond within 30 seconds"));
        var running = PendingRequestPolicy.Claimed(pending, T0.AddSeconds(25));
        Assert.That(policy.ApplyTimeout(running, T0.AddSeconds(85)), Is.Null);
        Assert.That(policy.ApplyTimeout(running, T0.AddSeconds(86))!.Error, Is.EqualTo("daemon did not finish within 60 seconds"));
    }

    [Test]
    public void Timeouts_KeepTheRecordsType()
    {
        var import = new LocalSkillImportRequest { Id = "i", SkillKey = "k", CreatedAt = T0, UpdatedAt = T0 };
        var timedOut = PendingRequestPolicy.LocalSkillImport.ApplyTimeout(import, T0.AddMinutes(1));
        Assert.That(timedOut, Is.TypeOf<LocalSkillImportRequest>());
        Assert.That(timedOut!.SkillKey, Is.EqualTo("k"));
    }

    [TestCase("SKILL.md", true)]
    [TestCase("docs/a.md", true)]
    [TestCase("a/../b.md", true)]
    [TestCase("", false)]
    [TestCase("/etc/passwd", false)]
    [TestCase("C:/x", false)]
    [TestCase("\\\\server\\share", false)]
    [TestCase("../x", false)]
    [TestCase("a/../../b", false)]
    [TestCase("..notes.md", false)]
    public void BundleFilePaths_StayInsideTheSkill(string path, bool safe) =>
        Assert.That(SkillBundleFiles.IsSafe(path), Is.EqualTo(safe));

    [Test]
    public void BundleFiles_LaterDuplicatePathWins()
    {
        var files = SkillBundleFiles.Filter([new ImportedBundleFile("a.md", "1"), new ImportedBundleFile("b.md", "2"), new ImportedBundleFile("a.md", "3")]);
        Assert.That(files, Is.EqualTo(new[] { new SkillImportFile("a.md", "3"), new SkillImportFile("b.md", "2") }));
    }

    [Test]
    public void RequestIds_Are32LowerHex() => Assert.That(PendingRequest.NewId(), Does.Match("^[0-9a-f]{32}$"));
}

using Multica.Application.Common;
using Multica.Application.Workspaces;
using Multica.Infrastructure;
using Multica.Infrastructure.Persistence;
using NUnit.Framework;

namespace Multica.UnitTests.Common;

public sealed class RepoListAndUrlTests
{
    private const string EmptyVersion = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    [Test]
    public void Normalize_TrimsDropsEmptyAndDuplicates_KeepingOrder()
    {
        var repos = RepoList.Normalize("""[{"url":" b ","description":" B "},{"url":""},{"url":"a"},{"url":"b","description":"dup"}]""");
        Assert.That(repos, Is.EqualTo(new[] { new RepoDto("b", "B"), new RepoDto("a", "") }));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("{}")]
    [TestCase("not json")]
    [TestCase("""[{"url":"a","description":5}]""")]
    public void Normalize_Undecodable_IsEmpty(string? json)
    {
        Assert.That(RepoList.Normalize(json), Is.Empty);
        Assert.That(RepoList.Version(RepoList.Normalize(json)), Is.EqualTo(EmptyVersion));
    }

    [Test]
    public void Version_IgnoresOrderAndDescriptions()
    {
        var one = RepoList.Version(RepoList.Normalize("""[{"url":"x","description":"1"},{"url":"y"}]"""));
        var two = RepoList.Version(RepoList.Normalize("""[{"url":"y","description":"2"},{"url":"x"}]"""));
        Assert.That(one, Is.EqualTo(two));
        Assert.That(one, Is.Not.EqualTo(EmptyVersion));
    }

    [Test]
    public void DatabaseUrl_UpstreamForm_BecomesNpgsqlConnectionString()
    {
        var cs = DatabaseUrl.ToConnectionString("postgres://multica:p%40ss@db.local:6543/multica?sslmode=disable");
        Assert.That(cs, Does.Contain("Host=db.local").And.Contain("Port=6543").And.Contain("Database=multica")
            .And.Contain("Username=multica").And.Contain("Password=p@ss").And.Contain("SSL Mode=Disable"));
        Assert.That(DatabaseUrl.ToConnectionString("Host=x;Database=y"), Is.EqualTo("Host=x;Database=y"));
    }

    [Test]
    public void RedisUrl_UpstreamForm_BecomesConfiguration()
    {
        Assert.That(RedisUrl.ToConfiguration("redis://:secret@cache:6380/2"), Is.EqualTo("cache:6380,password=secret,defaultDatabase=2"));
        Assert.That(RedisUrl.ToConfiguration("127.0.0.1:6379"), Is.EqualTo("127.0.0.1:6379"));
    }

    [TestCase("Acme Corp", "ACM")]
    [TestCase("42 ✓", "WS")]
    [TestCase("ab", "AB")]
    public void IssuePrefix_IsDerivedFromTheName(string name, string expected) =>
        Assert.That(CreateWorkspaceHandler.DerivePrefix(name), Is.EqualTo(expected));
}

using Multica.Application.Comments;
using NUnit.Framework;
using Multica.Application.Comments.Shared;

namespace Multica.UnitTests.Comments;

public sealed class MentionsTests
{
    private static readonly Guid A = Guid.Parse("11111111-1111-1111-1111-111111111111");
    private static readonly Guid B = Guid.Parse("22222222-2222-2222-2222-222222222222");

    [Test]
    public void Parse_ReturnsMentionsInOrder_Deduplicated_AtOptional()
    {
        var text = $"[@Coder](mention://agent/{A}) and [Bob](mention://member/{B}) and again [@C](mention://agent/{A.ToString().ToUpperInvariant()}) " +
                   "[@all](mention://all/all) [MUL-1](mention://issue/33333333-3333-3333-3333-333333333333)";
        var mentions = Mentions.Parse(text);
        Assert.That(mentions.Select(m => m.Type), Is.EqualTo(new[] { "agent", "member", "all", "issue" }));
        Assert.That(mentions[0].Uuid, Is.EqualTo(A));
        Assert.That(mentions[2].Id, Is.EqualTo("all"));
        Assert.That(mentions[2].Uuid, Is.Null);
    }

    [TestCase("")]
    [TestCase("plain @Coder text")]
    [TestCase("[@x](mention://robot/11111111-1111-1111-1111-111111111111)")]
    [TestCase("[@x](https://example.com)")]
    public void Parse_IgnoresNonMentions(string text) => Assert.That(Mentions.Parse(text), Is.Empty);

    [Test]
    public void MentionsOthersButNotAssignee()
    {
        Assert.That(CommentTaskTriggers.MentionsOthersButNotAssignee(Mentions.Parse("no mentions"), A), Is.False);
        Assert.That(CommentTaskTriggers.MentionsOthersButNotAssignee(
            Mentions.Parse("[MUL-1](mention://issue/33333333-3333-3333-3333-333333333333)"), A), Is.False, "issue mentions are ignored");
        Assert.That(CommentTaskTriggers.MentionsOthersButNotAssignee(Mentions.Parse($"[@B](mention://member/{B})"), A), Is.True);
        Assert.That(CommentTaskTriggers.MentionsOthersButNotAssignee(
            Mentions.Parse($"[@B](mention://member/{B}) [@A](mention://agent/{A})"), A), Is.False);
        Assert.That(CommentTaskTriggers.MentionsOthersButNotAssignee(
            Mentions.Parse($"[@all](mention://all/all) [@A](mention://agent/{A})"), A), Is.True, "@all suppresses");
    }
}

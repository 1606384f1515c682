using System.Text.Json.Nodes;
using Multica.Application.Tasks.Redaction;
using NUnit.Framework;

namespace Multica.UnitTests.Tasks;

public sealed class SecretRedactorTests
{
    // One row per pattern (docs/realtime.md), then worked examples.
    private static readonly object[] Cases =
    [
        new object[] { "aws key", "Found key AKIAIOSFODNN7EXAMPLE in config", "Found key [REDACTED AWS KEY] in config" },
        new object[] { "aws secret", "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "[REDACTED AWS SECRET]" },
        new object[] { "pem block", "a\n-----BEGIN RSA PRIVATE KEY-----\nMIIE\nabc\n-----END RSA PRIVATE KEY-----\nb", "a\n[REDACTED PRIVATE KEY]\nb" },
        new object[] { "github token", "token ghp_ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmn end", "token [REDACTED GITHUB TOKEN] end" },
        new object[] { "sk- key", "echo sk-proj-abc123def456ghi789jkl012mno345", "echo [REDACTED API KEY]" },
        new object[] { "slack token", "use xoxb-123456789012-AbCdEfGhIjKl now", "use [REDACTED SLACK TOKEN] now" },
        new object[] { "gitlab token", "glpat-abcdefghijklmnopqrstu", "[REDACTED GITLAB TOKEN]" },
        new object[] { "jwt", "jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.abcdefghijklmnop", "jwt [REDACTED JWT]" },
        new object[] { "bearer", "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.abc123", "Authorization: Bearer [REDACTED]" },
        new object[] { "bearer padding", "bearer abc==", "Bearer [REDACTED]==" },
        new object[] { "connection string", "connecting to postgres://admin:s3cret@db.example.com:5432/mydb", "connecting to [REDACTED CONNECTION STRING]@db.example.com:5432/mydb" },
        new object[] { "credential assignment", "DB_PASSWORD: hunter2", "[REDACTED CREDENTIAL]" },
        new object[] { "api key assignment", "API_KEY=abc123", "[REDACTED CREDENTIAL]" },
        new object[] { "password", "PASSWORD=x y", "[REDACTED CREDENTIAL] y" },
        new object[] { "secret", "SECRET=shh", "[REDACTED CREDENTIAL]" },
        new object[] { "token", "TOKEN=abc", "[REDACTED CREDENTIAL]" },
        new object[] { "github then credential", "export GITHUB_TOKEN=ghp_ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmn", "export GITHUB_[REDACTED CREDENTIAL] GITHUB TOKEN]" },
        new object[] { "openai env", "OPENAI_API_KEY=sk-proj-abc123def456ghi789jkl012mno345", "OPENAI_[REDACTED CREDENTIAL] API KEY]" },
        new object[] { "slack labelled", "token: xoxb-123456789012-1234567890123-AbCdEfGhIjKl", "[REDACTED CREDENTIAL] SLACK TOKEN]" },
        new object[] { "database url", "DATABASE_URL=postgres://user:pass@host/db", "[REDACTED CREDENTIAL] CONNECTION STRING]@host/db" },
        new object[] { "trailing dash", "run sk-abcdefghijklmnopqrstuvwxyz- done", "run [REDACTED API KEY]- done" },
        new object[] { "several", "AKIAIOSFODNN7EXAMPLE and glpat-abcdefghijklmnopqrstu", "[REDACTED AWS KEY] and [REDACTED GITLAB TOKEN]" },
        new object[] { "unix home", "cd /home/alice/project && ls /Users/bob", "cd /home/****/project && ls /Users/****" },
        new object[] { "windows home", @"C:\Users\carol\repo", @"C:\Users\****\repo" },
    ];

    [TestCaseSource(nameof(Cases))]
    public void Redact_MasksEachPattern(string name, string input, string expected) =>
        Assert.That(SecretRedactor.Redact(input), Is.EqualTo(expected), name);

    [TestCase("max_tokens: 100")]
    [TestCase("This is a normal commit message about fixing a bug")]
    [TestCase("The function returns skip-navigation as the class name")]
    [TestCase("Created PR #42 for the authentication feature")]
    [TestCase("Running tests in /tmp/test-workspace/project")]
    [TestCase("The API endpoint /api/issues/123 was updated")]
    [TestCase("mounted at /rootfs and /home")]
    public void Redact_LeavesOrdinaryTextAlone(string input) => Assert.That(SecretRedactor.Redact(input), Is.EqualTo(input));

    [Test]
    public void Redact_IsIdempotent_OnHomePaths() =>
        Assert.That(SecretRedactor.Redact(SecretRedactor.Redact("/home/alice/x")), Is.EqualTo("/home/****/x"));

    [Test]
    public void RedactInput_RedactsStringsAtAnyDepth_KeepsOtherValues()
    {
        var input = JsonNode.Parse("""{"command":"export API_KEY=abc","n":3,"flag":true,"none":null,"nested":{"env":["TOKEN=x", 1]}}""");
        var output = SecretRedactor.RedactInput(input)!;
        Assert.That(output["command"]!.GetValue<string>(), Is.EqualTo("export [REDACTED CREDENTIAL]"));
        Assert.That(output["n"]!.GetValue<int>(), Is.EqualTo(3));
        Assert.That(output["flag"]!.GetValue<bool>(), Is.True);
        Assert.That(output["none"], Is.Null);
        Assert.That(output["nested"]!["env"]![0]!.GetValue<string>(), Is.EqualTo("[REDACTED CREDENTIAL]"));
        Assert.That(input!["command"]!.GetValue<string>(), Is.EqualTo("export API_KEY=abc"), "the input is not modified");
        Assert.That(SecretRedactor.RedactInput(null), Is.Null);
    }
}

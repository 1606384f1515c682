using Microsoft.AspNetCore.Hosting;
using Multica.Application.Common;
using Multica.IntegrationTests.Support;
using NUnit.Framework;

namespace Multica.IntegrationTests.Hosting;

/// <summary>In production the server refuses to start without a real JWT secret: none, blank or the development default.</summary>
public sealed class ProductionSecretTests
{
    [TestCase("")]
    [TestCase("   ")]
    [TestCase(AuthOptions.DevelopmentJwtSecret)]
    public void Production_WithoutARealJwtSecret_RefusesToStart(string secret)
    {
        using var production = TestEnvironment.Factory.WithWebHostBuilder(b => b
            .UseSetting("Auth:AppEnvironment", "production")
            .UseSetting("Auth:JwtSecret", secret)
            .UseSetting("Database:MigrateOnStartup", "false"));

        var error = Assert.Catch(() => production.CreateClient());
        Assert.That(Messages(error), Does.Contain("JWT_SECRET"));
    }

    [Test]
    public void Production_WithARealJwtSecret_Starts()
    {
        using var production = TestEnvironment.Factory.WithWebHostBuilder(b => b
            .UseSetting("Auth:AppEnvironment", "production")
            .UseSetting("Auth:JwtSecret", "a-real-secret-" + Guid.NewGuid())
            .UseSetting("Database:MigrateOnStartup", "false"));

        Assert.DoesNotThrow(() => production.CreateClient().Dispose());
    }

    private static string Messages(Exception? error)
    {
        var messages = new List<string>();
        for (var e = error; e is not null; e = e.InnerException)
            messages.Add(e.Message);
        return string.Join(" | ", messages);
    }
}

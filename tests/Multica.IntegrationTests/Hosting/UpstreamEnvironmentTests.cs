using Microsoft.Extensions.Configuration;
using Multica.WebApi.Infrastructure;
using NUnit.Framework;

namespace Multica.IntegrationTests.Hosting;

public sealed class UpstreamEnvironmentTests
{
    private static ConfigurationManager WithAppSettingsDefault()
    {
        var configuration = new ConfigurationManager();
        configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Auth:AppEnvironment"] = "development" });
        return configuration;
    }

    [Test]
    public void UpstreamVariable_WinsOverTheSettingsFile()
    {
        var configuration = WithAppSettingsDefault();
        var environment = new Dictionary<string, string> { ["APP_ENV"] = "production", ["JWT_SECRET"] = "s3cret" };

        UpstreamEnvironment.Apply(configuration, name => environment.GetValueOrDefault(name));

        Assert.That(configuration["Auth:AppEnvironment"], Is.EqualTo("production"));
        Assert.That(configuration["Auth:JwtSecret"], Is.EqualTo("s3cret"));
    }

    [Test]
    public void DotNetFormVariable_WinsOverTheUpstreamName()
    {
        var configuration = WithAppSettingsDefault();
        configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Auth:AppEnvironment"] = "staging" });
        var environment = new Dictionary<string, string> { ["APP_ENV"] = "production", ["Auth__AppEnvironment"] = "staging" };

        UpstreamEnvironment.Apply(configuration, name => environment.GetValueOrDefault(name));

        Assert.That(configuration["Auth:AppEnvironment"], Is.EqualTo("staging"));
    }
}

using Multica.IntegrationTests.Support;
using NUnit.Framework;

namespace Multica.IntegrationTests;

/// <summary>Runs once for every test in the assembly (its namespace is the root of all test namespaces).</summary>
[SetUpFixture]
public sealed class AssemblySetup
{
    [OneTimeSetUp]
    public Task StartAsync() => TestEnvironment.StartAsync();

    [OneTimeTearDown]
    public Task StopAsync() => TestEnvironment.StopAsync();
}

using RaffsSync.Tests.Support;

namespace RaffsSync.Tests.Configuration;

/// <summary>
/// Start-up as an operator sees it: invalid provider settings stop the process with a message naming the
/// provider and the setting, never the secret.
/// </summary>
public sealed class StartupValidationTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Test]
    public async Task UnknownScheme_StopsStartUpNamingSetting()
    {
        var environment = new Dictionary<string, string>
        {
            ["RaffsSync__Providers__demo__Verification__Scheme"] = "md5-please",
            ["RaffsSync__Providers__demo__Verification__Secrets__0"] = "demo-secret-value-123",
        };

        var (exitCode, output) = await GatewayProcess.RunUntilStartedOrExitedAsync(environment, Timeout);

        Assert.That(exitCode, Is.EqualTo(1), output);
        Assert.That(output, Does.Contain("RaffsSync:Providers:demo:Verification:Scheme 'md5-please' is unknown"));
        Assert.That(output, Does.Not.Contain("demo-secret-value-123"));
    }

    [Test]
    public async Task ShortWhsecSecret_StopsStartUp()
    {
        var environment = new Dictionary<string, string>
        {
            ["RaffsSync__Providers__takeapp__Verification__Secrets__0"] = "whsec_c2hvcnQtc2VjcmV0",
        };

        var (exitCode, output) = await GatewayProcess.RunUntilStartedOrExitedAsync(environment, Timeout);

        Assert.That(exitCode, Is.EqualTo(1), output);
        Assert.That(output, Does.Contain("RaffsSync:Providers:takeapp:Verification:Secrets:0 decodes to 12 bytes"));
        Assert.That(output, Does.Not.Contain("c2hvcnQtc2VjcmV0"));
    }

    [Test]
    public async Task AccurateWithoutDatabases_StopsStartUp()
    {
        var environment = new Dictionary<string, string>
        {
            ["RaffsSync__Providers__accurate__Verification__Secrets__0"] = "token-value",
        };

        var (exitCode, output) = await GatewayProcess.RunUntilStartedOrExitedAsync(environment, Timeout);

        Assert.That(exitCode, Is.EqualTo(1), output);
        Assert.That(output, Does.Contain("RaffsSync:Providers:accurate:AllowedDatabaseIds is empty"));
    }

    [Test]
    public async Task InvalidProviderCode_StopsStartUp()
    {
        var environment = new Dictionary<string, string>
        {
            ["RaffsSync__Providers__Bad_Code__Verification__Scheme"] = "token",
        };

        var (exitCode, output) = await GatewayProcess.RunUntilStartedOrExitedAsync(environment, Timeout);

        Assert.That(exitCode, Is.EqualTo(1), output);
        Assert.That(output, Does.Contain("is not a valid provider code"));
    }

    [TestCase("Processing", "Sometimes")]
    [TestCase("MaxBodyBytes", "lots")]
    [TestCase("Enabled", "yes-please")]
    public async Task WrongValueType_StopsStartUp(string setting, string value)
    {
        var environment = TokenProvider();
        environment[$"RaffsSync__Providers__mine__{setting}"] = value;

        var (exitCode, output) = await GatewayProcess.RunUntilStartedOrExitedAsync(environment, Timeout);

        Assert.That(exitCode, Is.EqualTo(1), output);
        Assert.That(output, Does.Contain($"RaffsSync:Providers:mine:{setting} has a value of the wrong type"));
        Assert.That(output, Does.Not.Contain(value));
    }

    [TestCase("PermitsPerSecond", "0")]
    [TestCase("Burst", "-5")]
    public async Task EmptyTokenBucket_StopsStartUp(string setting, string value)
    {
        var environment = TokenProvider();
        environment[$"RaffsSync__Providers__mine__RateLimit__{setting}"] = value;

        var (exitCode, output) = await GatewayProcess.RunUntilStartedOrExitedAsync(environment, Timeout);

        Assert.That(exitCode, Is.EqualTo(1), output);
        Assert.That(output, Does.Contain($"RaffsSync:Providers:mine:RateLimit:{setting} must be at least 1."));
    }

    [Test]
    public async Task NoProviders_StartsWithWarning()
    {
        var (exitCode, output) = await GatewayProcess.RunUntilStartedOrExitedAsync(
            new Dictionary<string, string>(),
            Timeout
        );

        Assert.That(exitCode, Is.Null, output);
        Assert.That(output, Does.Contain("No provider is configured under RaffsSync:Providers"));
    }

    private static Dictionary<string, string> TokenProvider() =>
        new()
        {
            ["RaffsSync__Providers__mine__Verification__Scheme"] = "token",
            ["RaffsSync__Providers__mine__Verification__QueryParameter"] = "token",
            ["RaffsSync__Providers__mine__Verification__Secrets__0"] = "mine-token-value",
        };

    [Test]
    public async Task FixtureSettings_StartAndListen()
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Fixtures",
            ["ASPNETCORE_CONTENTROOT"] = TestContext.CurrentContext.TestDirectory,
        };

        var (exitCode, output) = await GatewayProcess.RunUntilStartedOrExitedAsync(environment, Timeout);

        Assert.That(exitCode, Is.Null, output);
        Assert.That(output, Does.Contain("Now listening on: http://127.0.0.1:"));
        Assert.That(output, Does.Contain("Provider takeapp enabled"));
    }
}

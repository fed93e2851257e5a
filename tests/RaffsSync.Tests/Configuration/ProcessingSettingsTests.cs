using RaffsSync.Tests.Support;

namespace RaffsSync.Tests.Configuration;

/// <summary>Invalid <c>RaffsSync:Processing</c> settings stop start-up with a message naming each key.</summary>
public sealed class ProcessingSettingsTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Test]
    public async Task InvalidValues_StopStartUpNamingKeys()
    {
        var environment = new Dictionary<string, string>
        {
            ["RaffsSync__Processing__BatchSize"] = "0",
            ["RaffsSync__Processing__BackoffBase"] = "00:01:00",
            ["RaffsSync__Processing__BackoffCap"] = "00:00:10",
        };

        var (exitCode, output) = await GatewayProcess.RunUntilStartedOrExitedAsync(environment, Timeout);

        Assert.That(exitCode, Is.EqualTo(1), output);
        Assert.That(output, Does.Contain("RaffsSync:Processing:BatchSize must be between 1 and 500."));
        Assert.That(output, Does.Contain("RaffsSync:Processing:BackoffCap must be at least BackoffBase."));
    }
}

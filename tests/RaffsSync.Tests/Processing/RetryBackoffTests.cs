using RaffsSync.Application.Configuration;
using RaffsSync.Application.Processing;
using RaffsSync.Tests.Support;

namespace RaffsSync.Tests.Processing;

/// <summary>The retry delay schedule, without a database.</summary>
public sealed class RetryBackoffTests
{
    private static readonly ProcessingOptions Settings = new()
    {
        BackoffBase = TimeSpan.FromSeconds(5),
        BackoffCap = TimeSpan.FromMinutes(15),
    };

    [TestCase(1, 5)]
    [TestCase(2, 10)]
    [TestCase(3, 20)]
    [TestCase(8, 640)]
    [TestCase(9, 900)]
    [TestCase(60, 900)]
    public void Ceiling_DoublesUpToCap(int failedAttempt, int expectedSeconds)
    {
        var backoff = new RetryBackoff(Settings, new FixedRandom(1));

        Assert.That(backoff.Ceiling(failedAttempt), Is.EqualTo(TimeSpan.FromSeconds(expectedSeconds)));
    }

    [TestCase(0.0, 0)]
    [TestCase(0.25, 5)]
    [TestCase(0.999, 19.98)]
    public void NextDelay_ScalesCeilingByJitter(double jitter, double expectedSeconds)
    {
        var backoff = new RetryBackoff(Settings, new FixedRandom(jitter));

        Assert.That(backoff.NextDelay(3), Is.EqualTo(TimeSpan.FromSeconds(expectedSeconds)));
    }

    [Test]
    public void NextDelay_StaysWithinCeiling()
    {
        var backoff = new RetryBackoff(Settings, new Random(42));

        for (var attempt = 1; attempt <= 12; attempt++)
        {
            var delay = backoff.NextDelay(attempt);
            Assert.That(delay, Is.GreaterThanOrEqualTo(TimeSpan.Zero), $"attempt {attempt}");
            Assert.That(delay, Is.LessThan(backoff.Ceiling(attempt)), $"attempt {attempt}");
        }
    }
}

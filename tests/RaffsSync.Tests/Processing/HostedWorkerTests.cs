using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RaffsSync.Application.Webhooks;
using RaffsSync.Domain.Inbox;
using RaffsSync.Tests.Support;

namespace RaffsSync.Tests.Processing;

/// <summary>
/// The background workers as the host runs them. Idle workers wait on the pinned clock, so the tests advance it
/// to wake them; each wait on real time is bounded.
/// </summary>
[TestFixture(TestDatabase.Sqlite)]
[TestFixture(TestDatabase.Postgres)]
public sealed class HostedWorkerTests(string provider)
{
    private static readonly DateTimeOffset Start = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan RealTimeLimit = TimeSpan.FromSeconds(30);

    [Test]
    public async Task Workers_ProcessEventsStoredWhileRunning()
    {
        const int EventCount = 25;
        var handler = new ProbeHandler();
        using var database = await TestDatabase.CreateAsync(provider);
        await using var factory = CreateFactory(database, handler);
        _ = factory.Services;

        var events = Enumerable
            .Range(0, EventCount)
            .Select(i =>
                InboxSeed.Event(
                    ProbeHandler.Code,
                    "evt-" + i.ToString(CultureInfo.InvariantCulture),
                    ProbeHandler.Type,
                    Start
                )
            )
            .ToList();
        await InboxSeed.InsertAsync(factory, events);

        // An idle worker counts the pending events, so the gauge reaches zero once the inbox is drained.
        await WaitUntilAsync(factory, async () =>
            await CountProcessedAsync(factory) == EventCount && factory.Metrics.Pending == 0
        );

        Assert.That(handler.Calls, Has.Count.EqualTo(EventCount));
        Assert.That(handler.Calls.Values, Is.All.EqualTo(1));
        Assert.That(factory.Metrics.Processed, Is.EqualTo(EventCount));
    }

    [Test]
    public async Task Stop_ReleasesEventInProgress()
    {
        var handler = new ProbeHandler();
        using var database = await TestDatabase.CreateAsync(provider);
        var factory = CreateFactory(database, handler);
        _ = factory.Services;

        await InboxSeed.InsertAsync(
            factory,
            [InboxSeed.Event(ProbeHandler.Code, "hang-1", ProbeHandler.HangingType, Start)]
        );
        await WaitUntilAsync(factory, () => Task.FromResult(handler.HangingStarted.Task.IsCompleted));
        await factory.DisposeAsync();

        // A new instance on the same database finds the event pending and due, with the stopped attempt undone.
        await using var restarted = new GatewayFactory(database, Start.AddMinutes(1), ProbeHandler.Settings)
        {
            TestServices = services => services.AddSingleton<WebhookHandler>(new ProbeHandler()),
        };
        var row = await restarted.QueryAsync(context => context.InboxEvents.AsNoTracking().SingleAsync());
        Assert.That(row.Status, Is.EqualTo(InboxEventStatus.Pending));
        Assert.That(row.Attempts, Is.Zero);
        Assert.That(row.LockedUntil, Is.Null);
        Assert.That(row.NextAttemptAt, Is.LessThanOrEqualTo(restarted.Clock.GetUtcNow()));
        Assert.That(factory.Log.WithTemplate("Released {Provider} event"), Has.Count.EqualTo(1));
    }

    private static GatewayFactory CreateFactory(TestDatabase database, ProbeHandler handler)
    {
        var settings = new Dictionary<string, string?>(ProbeHandler.Settings)
        {
            ["RaffsSync:Processing:Workers"] = "2",
            ["RaffsSync:Processing:BatchSize"] = "4",
        };
        return new GatewayFactory(database, Start, settings)
        {
            TestServices = services => services.AddSingleton<WebhookHandler>(handler),
        };
    }

    private static Task<int> CountProcessedAsync(GatewayFactory factory) =>
        factory.QueryAsync(context => context.InboxEvents.CountAsync(row => row.Status == InboxEventStatus.Processed));

    /// <summary>Advances the pinned clock by a poll interval until <paramref name="condition"/> holds.</summary>
    private static async Task WaitUntilAsync(GatewayFactory factory, Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + RealTimeLimit;
        while (!await condition())
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "the workers did not get there in time");
            factory.Clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(20);
        }
    }
}

using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RaffsSync.Application.Webhooks;
using RaffsSync.Domain.Inbox;
using RaffsSync.Tests.Support;

namespace RaffsSync.Tests.Processing;

/// <summary>
/// Several workers claiming from one PostgreSQL inbox at once, as workers of several gateway instances do.
/// </summary>
public sealed class ConcurrentWorkerTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task ThreeWorkers_DrainThousandEventsExactlyOnce()
    {
        const int EventCount = 1000;
        const int WorkerCount = 3;
        var handler = new ProbeHandler();
        using var database = await TestDatabase.CreateAsync(TestDatabase.Postgres);
        await using var factory = new GatewayFactory(database, Now, ProbeHandler.Settings)
        {
            TestServices = services => services.AddSingleton<WebhookHandler>(handler),
        };

        var events = Enumerable
            .Range(0, EventCount)
            .Select(i =>
                InboxSeed.Event(
                    ProbeHandler.Code,
                    "evt-" + i.ToString("D4", CultureInfo.InvariantCulture),
                    ProbeHandler.Type,
                    Now.AddMilliseconds(-i)
                )
            )
            .ToList();
        await InboxSeed.InsertAsync(factory, events);

        var claimedPerWorker = await Task.WhenAll(
            Enumerable.Range(0, WorkerCount).Select(_ => Task.Run(factory.DrainAsync))
        );

        Assert.That(claimedPerWorker.Sum(), Is.EqualTo(EventCount), "claims in all");
        Assert.That(claimedPerWorker, Has.All.GreaterThan(0), "every worker claimed some events");
        Assert.That(handler.Calls, Has.Count.EqualTo(EventCount), "distinct events handled");
        Assert.That(handler.Calls.Values, Is.All.EqualTo(1), "handler calls per event");

        var rows = await factory.QueryAsync(context => context.InboxEvents.AsNoTracking().ToListAsync());
        Assert.That(rows, Has.Count.EqualTo(EventCount));
        Assert.That(rows.Select(row => row.Status), Is.All.EqualTo(InboxEventStatus.Processed));
        Assert.That(rows.Select(row => row.Attempts), Is.All.EqualTo(1));
        Assert.That(rows.Select(row => row.Outcome), Is.All.EqualTo(InboxEventOutcomeNames.Processed));
        Assert.That(rows.Select(row => row.LockedUntil), Is.All.Null);
        Assert.That(factory.Metrics.Processed, Is.EqualTo(EventCount));
        Assert.That(factory.Metrics.Retried, Is.Zero);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RaffsSync.Application.Configuration;
using RaffsSync.Application.Processing;
using RaffsSync.Application.Webhooks;
using RaffsSync.Domain.Inbox;
using RaffsSync.Tests.Support;
using Serilog.Events;

namespace RaffsSync.Tests.Processing;

/// <summary>
/// Failed attempts, backoff and dead letters, with the clock pinned and the jitter fixed at half the ceiling:
/// base 10 s and cap 25 s give delays of 5 s, 10 s and 12.5 s.
/// </summary>
[TestFixture(TestDatabase.Sqlite)]
[TestFixture(TestDatabase.Postgres)]
public sealed class RetryTests(string provider)
{
    private const double Jitter = 0.5;
    private static readonly DateTimeOffset Start = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    private TestDatabase database = null!;
    private GatewayFactory factory = null!;
    private ProbeHandler handler = null!;

    [SetUp]
    public async Task SetUpAsync()
    {
        database = await TestDatabase.CreateAsync(provider);
        handler = new ProbeHandler();
        var settings = new Dictionary<string, string?>(ProbeHandler.Settings)
        {
            ["RaffsSync:Processing:MaxAttempts"] = "4",
            ["RaffsSync:Processing:BackoffBase"] = "00:00:10",
            ["RaffsSync:Processing:BackoffCap"] = "00:00:25",
            ["RaffsSync:Processing:LeaseTimeout"] = "00:01:00",
        };
        factory = new GatewayFactory(database, Start, settings)
        {
            TestServices = services =>
            {
                services.AddSingleton<WebhookHandler>(handler);
                services.AddSingleton(provider => new RetryBackoff(
                    provider.GetRequiredService<IOptions<RaffsSyncOptions>>().Value.Processing,
                    new FixedRandom(Jitter)
                ));
            },
        };
    }

    [TearDown]
    public async Task TearDownAsync()
    {
        await factory.DisposeAsync();
        database.Dispose();
    }

    [Test]
    public async Task FailingEvent_FollowsBackoffThenDeadLetters()
    {
        await InboxSeed.InsertAsync(
            factory,
            [
                InboxSeed.Event(ProbeHandler.Code, "fail-1", ProbeHandler.FailingType, Start),
                InboxSeed.Event(ProbeHandler.Code, "ok-1", ProbeHandler.Type, Start),
            ]
        );

        // Attempt 1 fails; the healthy event in the same batch is processed.
        Assert.That(await factory.Processor.RunOnceAsync(CancellationToken.None), Is.EqualTo(2));
        await AssertPendingAsync("fail-1", attempts: 1, nextAttemptAt: Start.AddSeconds(5));
        Assert.That((await FindAsync("ok-1")).Status, Is.EqualTo(InboxEventStatus.Processed));

        // Before the retry is due, new events flow and the failing one waits.
        factory.Clock.Advance(TimeSpan.FromSeconds(4));
        await InboxSeed.InsertAsync(
            factory,
            [InboxSeed.Event(ProbeHandler.Code, "ok-2", ProbeHandler.Type, factory.Clock.GetUtcNow())]
        );
        Assert.That(await factory.Processor.RunOnceAsync(CancellationToken.None), Is.EqualTo(1));
        Assert.That((await FindAsync("ok-2")).Status, Is.EqualTo(InboxEventStatus.Processed));
        Assert.That(handler.CallsFor("fail-1"), Is.EqualTo(1));

        // Attempt 2 at 5 s: the ceiling doubles to 20 s, so the delay is 10 s.
        factory.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.That(await factory.Processor.RunOnceAsync(CancellationToken.None), Is.EqualTo(1));
        await AssertPendingAsync("fail-1", attempts: 2, nextAttemptAt: Start.AddSeconds(15));

        // Attempt 3 at 15 s: the ceiling 40 s is capped at 25 s, so the delay is 12.5 s.
        factory.Clock.Advance(TimeSpan.FromSeconds(10));
        Assert.That(await factory.Processor.RunOnceAsync(CancellationToken.None), Is.EqualTo(1));
        await AssertPendingAsync("fail-1", attempts: 3, nextAttemptAt: Start.AddSeconds(27.5));

        // Attempt 4 is the last: the event is dead-lettered with the error message and nothing more runs.
        factory.Clock.Advance(TimeSpan.FromSeconds(12.5));
        Assert.That(await factory.Processor.RunOnceAsync(CancellationToken.None), Is.EqualTo(1));
        var deadLettered = await FindAsync("fail-1");
        Assert.That(deadLettered.Status, Is.EqualTo(InboxEventStatus.DeadLettered));
        Assert.That(deadLettered.Attempts, Is.EqualTo(4));
        Assert.That(deadLettered.NextAttemptAt, Is.Null);
        Assert.That(deadLettered.LockedUntil, Is.Null);
        Assert.That(deadLettered.LastError, Is.EqualTo("InvalidOperationException: " + ProbeHandler.FailureMessage));

        factory.Clock.Advance(TimeSpan.FromHours(1));
        Assert.That(await factory.DrainAsync(), Is.Zero);
        Assert.That(handler.CallsFor("fail-1"), Is.EqualTo(4));
        Assert.That(factory.Metrics.Retried, Is.EqualTo(3));
        Assert.That(factory.Metrics.DeadLettered, Is.EqualTo(1));
        Assert.That(factory.Metrics.Processed, Is.EqualTo(2));
    }

    [Test]
    public async Task FailingEvent_LogsWithoutPayload()
    {
        var failing = InboxSeed.Event(ProbeHandler.Code, "fail-1", ProbeHandler.FailingType, Start);
        await InboxSeed.InsertAsync(factory, [failing]);

        foreach (var delay in new[] { 0, 5, 10, 12.5 })
        {
            factory.Clock.Advance(TimeSpan.FromSeconds(delay));
            await factory.Processor.RunOnceAsync(CancellationToken.None);
        }

        var retries = factory.Log.WithTemplate("Processing {Provider} event {WebhookEventId}");
        var deadLetters = factory.Log.WithTemplate("Dead-lettered {Provider} event {WebhookEventId}");
        Assert.That(retries, Has.Count.EqualTo(3));
        Assert.That(retries.Select(e => e.Level), Is.All.EqualTo(LogEventLevel.Warning));
        Assert.That(deadLetters, Has.Count.EqualTo(1));
        Assert.That(deadLetters[0].Level, Is.EqualTo(LogEventLevel.Error));
        Assert.That(deadLetters[0].Properties["WebhookEventId"].ToString(), Is.EqualTo("\"fail-1\""));
        Assert.That(deadLetters[0].Properties["Attempt"].ToString(), Is.EqualTo("4"));

        Assert.That(factory.Log.RenderAll(), Does.Not.Contain(InboxSeed.PayloadMarker));
    }

    [Test]
    public async Task ExpiredLease_IsClaimedAgainAndHandledOnce()
    {
        await InboxSeed.InsertAsync(factory, [InboxSeed.Event(ProbeHandler.Code, "ok-1", ProbeHandler.Type, Start)]);

        // A worker claims the event and dies before recording anything.
        var abandoned = await ClaimDirectlyAsync();
        Assert.That(abandoned.Status, Is.EqualTo(InboxEventStatus.Processing));
        Assert.That(abandoned.LockedUntil, Is.EqualTo(Start.AddMinutes(1)));

        // While the lease holds, no other worker takes the event.
        factory.Clock.Advance(TimeSpan.FromSeconds(59));
        Assert.That(await factory.Processor.RunOnceAsync(CancellationToken.None), Is.Zero);

        factory.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.That(await factory.Processor.RunOnceAsync(CancellationToken.None), Is.EqualTo(1));
        var processed = await FindAsync("ok-1");
        Assert.That(processed.Status, Is.EqualTo(InboxEventStatus.Processed));
        Assert.That(processed.Attempts, Is.EqualTo(2));
        Assert.That(handler.CallsFor("ok-1"), Is.EqualTo(1));

        // The first worker comes back: its lease is gone, so it can record nothing.
        await using var scope = factory.Services.CreateAsyncScope();
        var inbox = scope.ServiceProvider.GetRequiredService<IInboxStore>();
        var now = factory.Clock.GetUtcNow();
        Assert.That(
            await inbox.MarkProcessedAsync(abandoned, InboxEventOutcome.Processed, now, CancellationToken.None),
            Is.False
        );
        Assert.That(await inbox.ScheduleRetryAsync(abandoned, "late", now, CancellationToken.None), Is.False);
        Assert.That(await inbox.DeadLetterAsync(abandoned, "late", CancellationToken.None), Is.False);
        var after = await FindAsync("ok-1");
        Assert.That(after.Status, Is.EqualTo(InboxEventStatus.Processed));
        Assert.That(after.Attempts, Is.EqualTo(2));
        Assert.That(after.LastError, Is.Null);
    }

    [Test]
    public async Task LastAttemptLeaseExpiry_DeadLetters()
    {
        await InboxSeed.InsertAsync(factory, [InboxSeed.Event(ProbeHandler.Code, "ok-1", ProbeHandler.Type, Start)]);
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            await ClaimDirectlyAsync();
            factory.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.That(await factory.Processor.RunOnceAsync(CancellationToken.None), Is.EqualTo(1));

        var deadLettered = await FindAsync("ok-1");
        Assert.That(deadLettered.Status, Is.EqualTo(InboxEventStatus.DeadLettered));
        Assert.That(deadLettered.Attempts, Is.EqualTo(5));
        Assert.That(
            deadLettered.LastError,
            Is.EqualTo("The lease of the last attempt expired before its outcome was recorded.")
        );
        Assert.That(handler.CallsFor("ok-1"), Is.Zero);
    }

    private async Task<InboxEvent> ClaimDirectlyAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var inbox = scope.ServiceProvider.GetRequiredService<IInboxStore>();
        var now = factory.Clock.GetUtcNow();
        var claimed = await inbox.ClaimDueAsync(10, now, now.AddMinutes(1), CancellationToken.None);
        Assert.That(claimed, Has.Count.EqualTo(1));
        return claimed[0];
    }

    private Task<InboxEvent> FindAsync(string eventId) =>
        factory.QueryAsync(context => context.InboxEvents.AsNoTracking().SingleAsync(row => row.EventId == eventId));

    private async Task AssertPendingAsync(string eventId, int attempts, DateTimeOffset nextAttemptAt)
    {
        var row = await FindAsync(eventId);
        Assert.That(row.Status, Is.EqualTo(InboxEventStatus.Pending), $"{eventId} status");
        Assert.That(row.Attempts, Is.EqualTo(attempts), $"{eventId} attempts");
        Assert.That(row.NextAttemptAt, Is.EqualTo(nextAttemptAt), $"{eventId} next attempt");
        Assert.That(row.LockedUntil, Is.Null, $"{eventId} lease");
        Assert.That(row.LastError, Is.EqualTo("InvalidOperationException: " + ProbeHandler.FailureMessage));
    }
}

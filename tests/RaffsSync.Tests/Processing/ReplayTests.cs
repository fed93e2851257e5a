using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RaffsSync.Application.Processing;
using RaffsSync.Application.Webhooks;
using RaffsSync.Domain.Inbox;
using RaffsSync.Tests.Support;

namespace RaffsSync.Tests.Processing;

/// <summary>The replay command, sent through the mediator as an admin surface would send it.</summary>
[TestFixture(TestDatabase.Sqlite)]
[TestFixture(TestDatabase.Postgres)]
public sealed class ReplayTests(string provider)
{
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
            ["RaffsSync:Processing:MaxAttempts"] = "1",
        };
        factory = new GatewayFactory(database, Start, settings)
        {
            TestServices = services => services.AddSingleton<WebhookHandler>(handler),
        };
        await InboxSeed.InsertAsync(
            factory,
            [
                InboxSeed.Event(ProbeHandler.Code, "fail-1", ProbeHandler.FailingType, Start),
                InboxSeed.Event(ProbeHandler.Code, "ok-1", ProbeHandler.Type, Start),
            ]
        );
        await factory.DrainAsync();
    }

    [TearDown]
    public async Task TearDownAsync()
    {
        await factory.DisposeAsync();
        database.Dispose();
    }

    [Test]
    public async Task DeadLetteredEvent_ReturnsToPending()
    {
        factory.Clock.Advance(TimeSpan.FromMinutes(5));

        var result = await ReplayAsync("fail-1");

        Assert.That(result.Status, Is.EqualTo(ReplayStatus.Replayed));
        Assert.That(result.PreviousStatus, Is.EqualTo(InboxEventStatus.DeadLettered));
        var row = await FindAsync("fail-1");
        Assert.That(row.Status, Is.EqualTo(InboxEventStatus.Pending));
        Assert.That(row.Attempts, Is.Zero);
        Assert.That(row.NextAttemptAt, Is.EqualTo(Start.AddMinutes(5)));
        Assert.That(row.LastError, Is.EqualTo("InvalidOperationException: " + ProbeHandler.FailureMessage));

        // The handler still fails, so the single allowed attempt dead-letters it again.
        Assert.That(await factory.DrainAsync(), Is.EqualTo(1));
        Assert.That(handler.CallsFor("fail-1"), Is.EqualTo(2));
        Assert.That((await FindAsync("fail-1")).Status, Is.EqualTo(InboxEventStatus.DeadLettered));
    }

    [Test]
    public async Task ProcessedEvent_RunsHandlerAgain()
    {
        var result = await ReplayAsync("ok-1");

        Assert.That(result.Status, Is.EqualTo(ReplayStatus.Replayed));
        Assert.That(result.PreviousStatus, Is.EqualTo(InboxEventStatus.Processed));
        var pending = await FindAsync("ok-1");
        Assert.That(pending.Outcome, Is.Null);
        Assert.That(pending.ProcessedAt, Is.Null);

        Assert.That(await factory.DrainAsync(), Is.EqualTo(1));
        Assert.That(handler.CallsFor("ok-1"), Is.EqualTo(2));
        var processed = await FindAsync("ok-1");
        Assert.That(processed.Status, Is.EqualTo(InboxEventStatus.Processed));
        Assert.That(processed.Attempts, Is.EqualTo(1));
        Assert.That(processed.Outcome, Is.EqualTo(InboxEventOutcomeNames.Processed));
    }

    [Test]
    public async Task PendingEvent_IsNotReplayable()
    {
        await InboxSeed.InsertAsync(factory, [InboxSeed.Event(ProbeHandler.Code, "new-1", ProbeHandler.Type, Start)]);

        var result = await ReplayAsync("new-1");

        Assert.That(result.Status, Is.EqualTo(ReplayStatus.NotReplayable));
        Assert.That(result.PreviousStatus, Is.EqualTo(InboxEventStatus.Pending));
    }

    [Test]
    public async Task UnknownEvent_IsNotFound()
    {
        var result = await ReplayAsync("missing");

        Assert.That(result.Status, Is.EqualTo(ReplayStatus.NotFound));
        Assert.That(result.PreviousStatus, Is.Null);
    }

    private async Task<ReplayInboxEventResult> ReplayAsync(string eventId)
    {
        var mediator = factory.Services.GetRequiredService<IMediator>();
        return await mediator.Send(new ReplayInboxEventCommand(ProbeHandler.Code, eventId));
    }

    private Task<InboxEvent> FindAsync(string eventId) =>
        factory.QueryAsync(context => context.InboxEvents.AsNoTracking().SingleAsync(row => row.EventId == eventId));
}

using System.Net;
using Microsoft.EntityFrameworkCore;
using RaffsSync.Domain.Inbox;
using RaffsSync.Domain.Orders;
using RaffsSync.Tests.Support;

namespace RaffsSync.Tests.Processing;

/// <summary>Take App order events delivered over HTTP and processed by the worker cycle.</summary>
[TestFixture(TestDatabase.Sqlite)]
[TestFixture(TestDatabase.Postgres)]
public sealed class OrderProcessingTests(string provider)
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Earlier = new(2026, 12, 4, 11, 10, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Later = new(2026, 12, 4, 11, 30, 0, TimeSpan.Zero);

    private TestDatabase database = null!;
    private GatewayFactory factory = null!;
    private HttpClient client = null!;

    [SetUp]
    public async Task SetUpAsync()
    {
        database = await TestDatabase.CreateAsync(provider);
        factory = new GatewayFactory(database, Now);
        client = factory.CreateClient();
    }

    [TearDown]
    public async Task TearDownAsync()
    {
        client.Dispose();
        await factory.DisposeAsync();
        database.Dispose();
    }

    [Test]
    public async Task OlderUpdateAfterNewer_KeepsNewerState()
    {
        await DeliverAsync("msg-t2", Deliveries.TakeAppOrder("order.updated", "ord_1", "confirmed", Later));
        Assert.That(await factory.DrainAsync(), Is.EqualTo(1));
        await DeliverAsync("msg-t1", Deliveries.TakeAppOrder("order.updated", "ord_1", "pending", Earlier, "999"));
        Assert.That(await factory.DrainAsync(), Is.EqualTo(1));

        var order = await LoadOrderAsync("ord_1");
        Assert.That(order.OrderStatus, Is.EqualTo("confirmed"));
        Assert.That(order.Number, Is.EqualTo("1042"));
        Assert.That(order.SourceUpdatedAt, Is.EqualTo(Later));
        Assert.That(order.LastEventId, Is.EqualTo("msg-t2"));

        var older = await FindEventAsync("msg-t1");
        Assert.That(older.Status, Is.EqualTo(InboxEventStatus.Processed));
        Assert.That(older.Outcome, Is.EqualTo(InboxEventOutcomeNames.Stale));
    }

    [Test]
    public async Task OlderUpdateInSameBatch_KeepsNewerState()
    {
        // Arrival order t2, t1: one cycle claims both and runs them in arrival order.
        await DeliverAsync("msg-t2", Deliveries.TakeAppOrder("order.updated", "ord_1", "confirmed", Later));
        factory.Clock.Advance(TimeSpan.FromSeconds(1));
        await DeliverAsync("msg-t1", Deliveries.TakeAppOrder("order.created", "ord_1", "pending", Earlier));
        Assert.That(await factory.Processor.RunOnceAsync(CancellationToken.None), Is.EqualTo(2));

        var order = await LoadOrderAsync("ord_1");
        Assert.That(order.OrderStatus, Is.EqualTo("confirmed"));
        Assert.That(order.SourceUpdatedAt, Is.EqualTo(Later));
        Assert.That((await FindEventAsync("msg-t2")).Outcome, Is.EqualTo(InboxEventOutcomeNames.Processed));
        Assert.That((await FindEventAsync("msg-t1")).Outcome, Is.EqualTo(InboxEventOutcomeNames.Stale));
    }

    [Test]
    public async Task LocalOffsetTimes_StoredAsUtc()
    {
        var body = Deliveries
            .TakeAppOrder("order.created", "ord_offset", "pending", Later)
            .Replace("2026-12-04T11:30:00.000Z", "2026-12-04T18:30:00.000+07:00", StringComparison.Ordinal);
        await DeliverAsync("msg-offset", body);

        Assert.That(await factory.DrainAsync(), Is.EqualTo(1));
        var order = await LoadOrderAsync("ord_offset");
        Assert.That(order.SourceUpdatedAt, Is.EqualTo(Later));
        Assert.That((await FindEventAsync("msg-offset")).Outcome, Is.EqualTo(InboxEventOutcomeNames.Processed));
    }

    [Test]
    public async Task NewerUpdate_ReplacesStatusesAndLines()
    {
        await DeliverAsync("msg-t1", Deliveries.TakeAppOrder("order.created", "ord_1", "pending", Earlier));
        await factory.DrainAsync();
        var updated = Deliveries
            .TakeAppOrder("order.updated", "ord_1", "completed", Later)
            .Replace("\"quantity\":2", "\"quantity\":3", StringComparison.Ordinal);
        await DeliverAsync("msg-t2", updated);
        await factory.DrainAsync();

        var order = await LoadOrderAsync("ord_1");
        Assert.That(order.OrderStatus, Is.EqualTo("completed"));
        Assert.That(order.SourceUpdatedAt, Is.EqualTo(Later));
        Assert.That(order.LineItems, Has.Count.EqualTo(1));
        Assert.That(order.LineItems[0].Quantity, Is.EqualTo(3m));
        Assert.That(order.CustomerId, Is.EqualTo("cus_1"));
        Assert.That(await factory.QueryAsync(context => context.OrderLineItems.CountAsync()), Is.EqualTo(1));
    }

    [Test]
    public async Task UnhandledType_IsIgnoredAndLoggedOnce()
    {
        const string Body = """{"type":"customer.created","data":{"id":"cus_1"}}""";
        await DeliverAsync("msg-c1", Body);
        await DeliverAsync("msg-c2", Body.Replace("cus_1", "cus_2", StringComparison.Ordinal));
        Assert.That(await factory.DrainAsync(), Is.EqualTo(2));

        foreach (var eventId in new[] { "msg-c1", "msg-c2" })
        {
            var row = await FindEventAsync(eventId);
            Assert.That(row.Status, Is.EqualTo(InboxEventStatus.Processed), eventId);
            Assert.That(row.Outcome, Is.EqualTo(InboxEventOutcomeNames.Ignored), eventId);
        }

        var notices = factory.Log.WithTemplate("No handler acts on");
        Assert.That(notices, Has.Count.EqualTo(1));
        Assert.That(notices[0].Properties["EventType"].ToString(), Is.EqualTo("\"customer.created\""));
        Assert.That(await factory.QueryAsync(context => context.Orders.CountAsync()), Is.Zero);
    }

    [Test]
    public async Task FieldLongerThanColumn_DeadLettersAtOnce()
    {
        var number = new string('9', OrderLimits.NumberMaxLength + 1);
        await DeliverAsync("msg-long", Deliveries.TakeAppOrder("order.created", "ord_1", "pending", Earlier, number));
        Assert.That(await factory.DrainAsync(), Is.EqualTo(1));

        var row = await FindEventAsync("msg-long");
        Assert.That(row.Status, Is.EqualTo(InboxEventStatus.DeadLettered));
        Assert.That(row.Attempts, Is.EqualTo(1));
        Assert.That(
            row.LastError,
            Is.EqualTo("InvalidEventPayloadException: data.number is longer than 100 characters.")
        );
        Assert.That(await factory.QueryAsync(context => context.Orders.CountAsync()), Is.Zero);
    }

    private async Task DeliverAsync(string webhookId, string body)
    {
        using var request = Signer.TakeAppRequest(webhookId, body, factory.Clock.GetUtcNow());
        using var response = await client.SendAsync(request);
        Assert.That(
            response.StatusCode,
            Is.EqualTo(HttpStatusCode.Accepted),
            await response.Content.ReadAsStringAsync()
        );
    }

    private Task<Order> LoadOrderAsync(string externalId) =>
        factory.QueryAsync(context =>
            context
                .Orders.AsNoTracking()
                .Include(order => order.LineItems)
                .SingleAsync(order => order.Source == "takeapp" && order.ExternalId == externalId)
        );

    private Task<InboxEvent> FindEventAsync(string eventId) =>
        factory.QueryAsync(context => context.InboxEvents.AsNoTracking().SingleAsync(row => row.EventId == eventId));
}

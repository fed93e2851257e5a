using System.Net;
using Microsoft.EntityFrameworkCore;
using RaffsSync.Domain.Inbox;
using RaffsSync.Domain.Inventory;
using RaffsSync.Domain.Refresh;
using RaffsSync.Tests.Support;

namespace RaffsSync.Tests.Processing;

/// <summary>
/// Accurate deliveries turned into inventory levels and refresh requests. Envelope timestamps are UTC+7, so
/// 04/12/2026 18:05:00 is 11:05 UTC.
/// </summary>
[TestFixture(TestDatabase.Sqlite)]
[TestFixture(TestDatabase.Postgres)]
public sealed class AccurateProcessingTests(string provider)
{
    private static readonly DateTimeOffset FiveAfterEleven = new(2026, 12, 4, 11, 5, 0, TimeSpan.Zero);

    private TestDatabase database = null!;
    private GatewayFactory factory = null!;
    private HttpClient client = null!;
    private FixtureFile fixture = null!;

    [SetUp]
    public async Task SetUpAsync()
    {
        fixture = FixtureFile.Load("builtin.json");
        database = await TestDatabase.CreateAsync(provider);
        factory = new GatewayFactory(database, fixture.At);
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
    public async Task TwoEnvelopes_WriteLevelAndRefreshRequest()
    {
        var twoEnvelopes = fixture.Cases.Single(c => c.Name == "accurate two envelopes");
        Assert.That(await SendAsync(twoEnvelopes), Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That(await factory.DrainAsync(), Is.EqualTo(2));

        var levels = await LoadLevelsAsync();
        Assert.That(levels, Has.Count.EqualTo(1));
        var level = levels[0];
        Assert.That(level.DatabaseId, Is.EqualTo(101));
        Assert.That(level.ItemId, Is.EqualTo(501));
        Assert.That(level.WarehouseId, Is.EqualTo(1));
        Assert.That(level.ItemNumber, Is.EqualTo("SKU-501"));
        Assert.That(level.WarehouseName, Is.EqualTo("Utama"));
        Assert.That(level.Quantity, Is.EqualTo(12m));
        Assert.That(level.AsOf, Is.EqualTo(FiveAfterEleven));
        Assert.That(level.LastEventId, Is.EqualTo("101:a1b2c3d4-0000-4000-8000-0000000000a1"));

        var requests = await LoadRequestsAsync();
        Assert.That(requests, Has.Count.EqualTo(1));
        var request = requests[0];
        Assert.That(request.DatabaseId, Is.EqualTo(101));
        Assert.That(request.RecordType, Is.EqualTo("SALES_INVOICE"));
        Assert.That(request.RecordId, Is.EqualTo(9001));
        Assert.That(request.RecordNumber, Is.EqualTo("SI.2026.12.00001"));
        Assert.That(request.Action, Is.EqualTo("WRITE"));
        Assert.That(request.Status, Is.EqualTo(RefreshRequestStatus.Pending));
        Assert.That(request.RequestedAt, Is.EqualTo(FiveAfterEleven));
        Assert.That(request.FirstEventId, Is.EqualTo("101:a1b2c3d4-0000-4000-8000-0000000000a2"));

        // The same delivery again is a duplicate: nothing is stored, claimed or written.
        Assert.That(await SendAsync(twoEnvelopes), Is.EqualTo(HttpStatusCode.Conflict));
        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.That(await factory.DrainAsync(), Is.Zero);
        Assert.That(await LoadLevelsAsync(), Is.EqualTo(levels).Using<InventoryLevel>(SameLevel));
        Assert.That(await LoadRequestsAsync(), Is.EqualTo(requests).Using<RefreshRequest>(SameRequest));
        Assert.That(await factory.CountInboxRowsAsync(), Is.EqualTo(2));
    }

    [Test]
    public async Task PendingRefreshRequest_FoldsLaterNotifications()
    {
        var first = Deliveries.AccurateEnvelope(
            "ITEM",
            "u-1",
            "04/12/2026 18:05:00",
            """{"itemId":502,"action":"WRITE"}"""
        );
        var second = Deliveries.AccurateEnvelope(
            "ITEM",
            "u-2",
            "04/12/2026 18:07:00",
            """{"itemId":502,"action":"DELETE"}"""
        );
        var older = Deliveries.AccurateEnvelope(
            "ITEM",
            "u-3",
            "04/12/2026 18:06:00",
            """{"itemId":502,"action":"WRITE"}"""
        );
        foreach (var envelope in new[] { first, second, older })
        {
            await DeliverAsync(envelope);
            factory.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.That(await factory.DrainAsync(), Is.EqualTo(3));

        var requests = await LoadRequestsAsync();
        Assert.That(requests, Has.Count.EqualTo(1));
        Assert.That(requests[0].RecordId, Is.EqualTo(502));
        Assert.That(requests[0].Action, Is.EqualTo("DELETE"));
        Assert.That(requests[0].RequestedAt, Is.EqualTo(FiveAfterEleven.AddMinutes(2)));
        Assert.That(requests[0].FirstEventId, Is.EqualTo("101:u-1"));
        Assert.That(requests[0].LastEventId, Is.EqualTo("101:u-2"));
        Assert.That((await FindEventAsync("101:u-3")).Outcome, Is.EqualTo(InboxEventOutcomeNames.Stale));
    }

    [Test]
    public async Task OlderQuantity_LeavesNewerLevel()
    {
        const string Item = """{"itemId":501,"itemNo":"SKU-501","warehouseId":1,"quantity":{0}}""";
        await DeliverAsync(
            Deliveries.AccurateEnvelope(
                "ITEM_QUANTITY",
                "q-2",
                "04/12/2026 18:10:00",
                Item.Replace("{0}", "7.5", StringComparison.Ordinal)
            )
        );
        await factory.DrainAsync();
        await DeliverAsync(
            Deliveries.AccurateEnvelope(
                "ITEM_QUANTITY",
                "q-1",
                "04/12/2026 18:05:00",
                Item.Replace("{0}", "12", StringComparison.Ordinal)
            )
        );
        await factory.DrainAsync();

        var levels = await LoadLevelsAsync();
        Assert.That(levels, Has.Count.EqualTo(1));
        Assert.That(levels[0].Quantity, Is.EqualTo(7.5m));
        Assert.That(levels[0].AsOf, Is.EqualTo(FiveAfterEleven.AddMinutes(5)));
        Assert.That((await FindEventAsync("101:q-1")).Outcome, Is.EqualTo(InboxEventOutcomeNames.Stale));
    }

    [Test]
    public async Task ElementWithoutId_DeadLettersNamingTheField()
    {
        await DeliverAsync(
            Deliveries.AccurateEnvelope("SALES_ORDER", "s-1", "04/12/2026 18:05:00", """{"number":"SO-1"}""")
        );
        Assert.That(await factory.DrainAsync(), Is.EqualTo(1));

        var row = await FindEventAsync("101:s-1");
        Assert.That(row.Status, Is.EqualTo(InboxEventStatus.DeadLettered));
        Assert.That(
            row.LastError,
            Is.EqualTo("InvalidEventPayloadException: data[0] has neither salesOrderId nor id.")
        );
    }

    private static bool SameLevel(InventoryLevel left, InventoryLevel right) =>
        left.Id == right.Id
        && left.Quantity == right.Quantity
        && left.AsOf == right.AsOf
        && left.LastEventId == right.LastEventId
        && left.UpdatedAt == right.UpdatedAt;

    private static bool SameRequest(RefreshRequest left, RefreshRequest right) =>
        left.Id == right.Id
        && left.Action == right.Action
        && left.RequestedAt == right.RequestedAt
        && left.LastEventId == right.LastEventId
        && left.UpdatedAt == right.UpdatedAt;

    private async Task<HttpStatusCode> SendAsync(FixtureCase fixtureCase)
    {
        using var request = fixtureCase.Request.ToHttpRequest();
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    private async Task DeliverAsync(string envelope)
    {
        using var request = Deliveries.AccurateRequest(envelope);
        using var response = await client.SendAsync(request);
        Assert.That(
            response.StatusCode,
            Is.EqualTo(HttpStatusCode.Accepted),
            await response.Content.ReadAsStringAsync()
        );
    }

    private Task<List<InventoryLevel>> LoadLevelsAsync() =>
        factory.QueryAsync(context =>
            context.InventoryLevels.AsNoTracking().OrderBy(level => level.ItemId).ToListAsync()
        );

    private Task<List<RefreshRequest>> LoadRequestsAsync() =>
        factory.QueryAsync(context =>
            context.RefreshRequests.AsNoTracking().OrderBy(request => request.RecordId).ToListAsync()
        );

    private Task<InboxEvent> FindEventAsync(string eventId) =>
        factory.QueryAsync(context => context.InboxEvents.AsNoTracking().SingleAsync(row => row.EventId == eventId));
}

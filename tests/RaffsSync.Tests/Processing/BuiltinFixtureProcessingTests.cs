using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RaffsSync.Domain.Inbox;
using RaffsSync.Domain.Inventory;
using RaffsSync.Domain.Orders;
using RaffsSync.Domain.Refresh;
using RaffsSync.Tests.Support;

namespace RaffsSync.Tests.Processing;

/// <summary>
/// Replays every recorded built-in delivery, drains the inbox, and compares each record with the payloads that
/// produced it. Expected values are read from the recorded bodies, not written out here.
/// </summary>
[TestFixture(TestDatabase.Sqlite)]
[TestFixture(TestDatabase.Postgres)]
public sealed class BuiltinFixtureProcessingTests(string provider)
{
    /// <summary>iSeller sends IDR in major units; ISO 4217 gives IDR two decimals.</summary>
    private const decimal IdrMinorUnitsPerRupiah = 100m;

    private static readonly TimeSpan AccurateOffset = TimeSpan.FromHours(7);

    private static readonly string[] RecordSources = ["takeapp", "iseller"];

    /// <summary>The creation of ord_fx100, which a later update in the recording supersedes.</summary>
    private static readonly string[] OlderOrderEvents = ["msg_fx_takeapp_100"];

    private FixtureFile fixture = null!;
    private TestDatabase database = null!;
    private GatewayFactory factory = null!;
    private List<AcceptedDelivery> accepted = null!;

    [OneTimeSetUp]
    public async Task ReplayAndDrainAsync()
    {
        fixture = FixtureFile.Load("builtin.json");
        database = await TestDatabase.CreateAsync(provider);
        factory = new GatewayFactory(database, fixture.At);
        using var client = factory.CreateClient();

        accepted = [];
        foreach (var fixtureCase in fixture.Cases)
        {
            using var request = fixtureCase.Request.ToHttpRequest();
            using var response = await client.SendAsync(request);
            Assert.That((int)response.StatusCode, Is.EqualTo(fixtureCase.Expect.Status), fixtureCase.Name);
            if (response.IsSuccessStatusCode && fixtureCase.Request.Method == "POST")
            {
                accepted.Add(new AcceptedDelivery(fixtureCase));
            }
        }

        await factory.DrainAsync();
    }

    [OneTimeTearDown]
    public async Task DisposeAsync()
    {
        await factory.DisposeAsync();
        database.Dispose();
    }

    [Test]
    public async Task EveryAcceptedEvent_IsProcessedOnce()
    {
        var rows = await factory.QueryAsync(context => context.InboxEvents.AsNoTracking().ToListAsync());

        Assert.That(rows, Has.Count.EqualTo(10));
        foreach (var row in rows)
        {
            Assert.That(row.Status, Is.EqualTo(InboxEventStatus.Processed), row.EventId);
            Assert.That(row.Attempts, Is.EqualTo(1), row.EventId);
            Assert.That(row.LastError, Is.Null, row.EventId);
            Assert.That(row.LockedUntil, Is.Null, row.EventId);
        }

        // Every delivery arrives at the recording's instant, so a cycle may run the update of ord_fx100 before
        // its creation; the creation is then stale. Every other event writes its records.
        var stale = rows.Where(row => row.Outcome == InboxEventOutcomeNames.Stale).Select(row => row.EventId);
        Assert.That(stale, Is.SubsetOf(OlderOrderEvents));
        var written = rows.Where(row => !OlderOrderEvents.Contains(row.EventId)).Select(row => row.Outcome);
        Assert.That(written, Is.All.EqualTo(InboxEventOutcomeNames.Processed));
    }

    [Test]
    public async Task TakeAppOrders_MatchNewestPayloadPerOrder()
    {
        var newest = accepted
            .Where(delivery => delivery.Provider == "takeapp")
            .Select(delivery => delivery.Json.RootElement.GetProperty("data"))
            .GroupBy(data => data.GetProperty("id").GetString()!)
            .ToDictionary(group => group.Key, group => group.MaxBy(UpdatedAt));
        var orders = await LoadOrdersAsync("takeapp");

        Assert.That(orders.Keys, Is.EquivalentTo(newest.Keys));
        foreach (var (id, data) in newest)
        {
            var order = orders[id];
            Assert.That(order.Number, Is.EqualTo(data.GetProperty("number").GetString()), id);
            Assert.That(order.OrderStatus, Is.EqualTo(data.GetProperty("order_status").GetString()), id);
            Assert.That(order.PaymentStatus, Is.EqualTo(data.GetProperty("payment_status").GetString()), id);
            Assert.That(order.FulfillmentStatus, Is.EqualTo(data.GetProperty("fulfillment_status").GetString()), id);
            Assert.That(order.Currency, Is.EqualTo(data.GetProperty("currency").GetString()), id);
            Assert.That(order.ItemsAmount, Is.EqualTo(data.GetProperty("items_amount").GetInt64()), id);
            Assert.That(order.TotalAmount, Is.EqualTo(data.GetProperty("total_amount").GetInt64()), id);
            Assert.That(order.CustomerId, Is.EqualTo(data.GetProperty("customer").GetProperty("id").GetString()), id);
            Assert.That(order.SourceCreatedAt, Is.EqualTo(data.GetProperty("created_at").GetDateTimeOffset()), id);
            Assert.That(order.SourceUpdatedAt, Is.EqualTo(UpdatedAt(data)), id);

            var lines = data.GetProperty("line_items").EnumerateArray().ToList();
            var stored = order.LineItems.OrderBy(line => line.Position).ToList();
            Assert.That(stored, Has.Count.EqualTo(lines.Count), id);
            for (var i = 0; i < lines.Count; i++)
            {
                var line = lines[i];
                Assert.That(stored[i].ExternalId, Is.EqualTo(line.GetProperty("id").GetString()), $"{id} line {i}");
                Assert.That(stored[i].ProductId, Is.EqualTo(line.GetProperty("product_id").GetString()));
                Assert.That(stored[i].Name, Is.EqualTo(line.GetProperty("name").GetString()));
                Assert.That(stored[i].Quantity, Is.EqualTo(line.GetProperty("quantity").GetDecimal()));
                Assert.That(stored[i].UnitPrice, Is.EqualTo(line.GetProperty("price").GetInt64()));
                Assert.That(stored[i].TotalAmount, Is.EqualTo(line.GetProperty("total_amount").GetInt64()));
            }
        }

        // The pretty-printed update replaced the created order's state, including its empty line list.
        Assert.That(orders["ord_fx100"].OrderStatus, Is.EqualTo("confirmed"));
        Assert.That(orders["ord_fx100"].LineItems, Is.Empty);
        Assert.That(orders["ord_fx100"].LastEventId, Is.EqualTo("msg_fx_takeapp_101"));
    }

    [Test]
    public async Task ISellerOrders_MatchPayloads()
    {
        var payloads = accepted
            .Where(delivery => delivery.Provider == "iseller")
            .Select(delivery => delivery.Json.RootElement)
            .ToDictionary(root => root.GetProperty("order_id").GetString()!);
        var orders = await LoadOrdersAsync("iseller");

        Assert.That(orders.Keys, Is.EquivalentTo(payloads.Keys));
        foreach (var (id, payload) in payloads)
        {
            var order = orders[id];
            Assert.That(order.Number, Is.EqualTo(payload.GetProperty("order_reference").GetString()), id);
            Assert.That(order.OrderStatus, Is.EqualTo(payload.GetProperty("status").GetString()), id);
            Assert.That(order.PaymentStatus, Is.EqualTo(payload.GetProperty("payment_status").GetString()), id);
            Assert.That(order.FulfillmentStatus, Is.EqualTo(payload.GetProperty("fulfillment_status").GetString()));
            Assert.That(order.Currency, Is.EqualTo(payload.GetProperty("currency").GetString()), id);
            Assert.That(order.Currency, Is.EqualTo("IDR"), id);
            Assert.That(
                order.TotalAmount,
                Is.EqualTo((long)(payload.GetProperty("total_amount").GetDecimal() * IdrMinorUnitsPerRupiah)),
                id
            );
            Assert.That(order.SourceUpdatedAt, Is.EqualTo(payload.GetProperty("updated_at").GetDateTimeOffset()));
            Assert.That(order.ItemsAmount, Is.Null, id);
            Assert.That(order.CustomerId, Is.Null, id);
            Assert.That(order.LineItems, Is.Empty, id);
        }
    }

    [Test]
    public async Task AccurateRecords_MatchEnvelopes()
    {
        var envelopes = accepted
            .Where(delivery => delivery.Provider == "accurate")
            .SelectMany(delivery => delivery.Json.RootElement.EnumerateArray())
            .DistinctBy(envelope =>
                (envelope.GetProperty("databaseId").GetInt64(), envelope.GetProperty("uuid").GetString())
            )
            .ToList();
        var levels = await factory.QueryAsync(context => context.InventoryLevels.AsNoTracking().ToListAsync());
        var requests = await factory.QueryAsync(context => context.RefreshRequests.AsNoTracking().ToListAsync());

        var quantities = envelopes.Where(envelope => Type(envelope) == "ITEM_QUANTITY").ToList();
        var notifications = envelopes.Where(envelope => Type(envelope) != "ITEM_QUANTITY").ToList();
        Assert.That(
            levels,
            Has.Count.EqualTo(quantities.Sum(envelope => envelope.GetProperty("data").GetArrayLength()))
        );
        Assert.That(
            requests,
            Has.Count.EqualTo(notifications.Sum(envelope => envelope.GetProperty("data").GetArrayLength()))
        );

        foreach (var envelope in quantities)
        {
            var databaseId = envelope.GetProperty("databaseId").GetInt64();
            foreach (var data in envelope.GetProperty("data").EnumerateArray())
            {
                var itemId = data.GetProperty("itemId").GetInt64();
                var level = levels.Single(stored => stored.DatabaseId == databaseId && stored.ItemId == itemId);
                Assert.That(level.WarehouseId, Is.EqualTo(data.GetProperty("warehouseId").GetInt64()));
                Assert.That(level.ItemNumber, Is.EqualTo(data.GetProperty("itemNo").GetString()));
                Assert.That(level.WarehouseName, Is.EqualTo(data.GetProperty("warehouseName").GetString()));
                Assert.That(level.Quantity, Is.EqualTo(data.GetProperty("quantity").GetDecimal()));
                Assert.That(level.AsOf, Is.EqualTo(Timestamp(envelope)));
                Assert.That(level.LastEventId, Is.EqualTo(EventId(envelope)));
            }
        }

        foreach (var envelope in notifications)
        {
            var databaseId = envelope.GetProperty("databaseId").GetInt64();
            var type = Type(envelope);
            var (idProperty, numberProperty) =
                type == "SALES_INVOICE" ? ("salesInvoiceId", "salesInvoiceNo") : ("itemId", "itemNo");
            foreach (var data in envelope.GetProperty("data").EnumerateArray())
            {
                var recordId = data.GetProperty(idProperty).GetInt64();
                var request = requests.Single(stored =>
                    stored.DatabaseId == databaseId && stored.RecordType == type && stored.RecordId == recordId
                );
                Assert.That(request.RecordNumber, Is.EqualTo(data.GetProperty(numberProperty).GetString()));
                Assert.That(request.Action, Is.EqualTo(data.GetProperty("action").GetString()));
                Assert.That(request.Status, Is.EqualTo(RefreshRequestStatus.Pending));
                Assert.That(request.RequestedAt, Is.EqualTo(Timestamp(envelope)));
                Assert.That(request.FirstEventId, Is.EqualTo(EventId(envelope)));
                Assert.That(request.LastEventId, Is.EqualTo(EventId(envelope)));
            }
        }
    }

    [Test]
    public async Task OnlyProvidersWithHandlers_WriteOrders()
    {
        var orderSources = await factory.QueryAsync(context =>
            context.Orders.Select(order => order.Source).Distinct().ToListAsync()
        );

        Assert.That(orderSources, Is.EquivalentTo(RecordSources));
    }

    private static DateTimeOffset UpdatedAt(JsonElement data) => data.GetProperty("updated_at").GetDateTimeOffset();

    private static string Type(JsonElement envelope) => envelope.GetProperty("type").GetString()!;

    private static string EventId(JsonElement envelope) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{envelope.GetProperty("databaseId").GetInt64()}:{envelope.GetProperty("uuid").GetString()}"
        );

    private static DateTimeOffset Timestamp(JsonElement envelope)
    {
        var local = DateTime.ParseExact(
            envelope.GetProperty("timestamp").GetString()!,
            "dd/MM/yyyy HH:mm:ss",
            CultureInfo.InvariantCulture
        );
        return new DateTimeOffset(local, AccurateOffset).ToUniversalTime();
    }

    private Task<Dictionary<string, Order>> LoadOrdersAsync(string source) =>
        factory.QueryAsync(context =>
            context
                .Orders.AsNoTracking()
                .Include(order => order.LineItems)
                .Where(order => order.Source == source)
                .ToDictionaryAsync(order => order.ExternalId)
        );

    /// <summary>An accepted delivery: its provider code from the path and its parsed body.</summary>
    private sealed class AcceptedDelivery(FixtureCase fixtureCase)
    {
        public string Provider { get; } = fixtureCase.Request.Path.Split('/', '?')[3];

        public JsonDocument Json { get; } =
            JsonDocument.Parse(Convert.FromBase64String(fixtureCase.Request.BodyBase64));
    }
}

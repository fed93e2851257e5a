using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RaffsSync.Application.Records;
using RaffsSync.Domain.Inbox;
using RaffsSync.Infrastructure.Persistence.Records;
using RaffsSync.Tests.Support;

namespace RaffsSync.Tests.Processing;

/// <summary>
/// Take App set to <c>Processing: Inline</c>: the handler runs before the response, in the transaction of the insert.
/// </summary>
[TestFixture(TestDatabase.Sqlite)]
[TestFixture(TestDatabase.Postgres)]
public sealed class InlineProcessingTests(string provider)
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset UpdatedAt = new(2026, 12, 4, 11, 30, 0, TimeSpan.Zero);

    private static readonly Dictionary<string, string?> InlineSettings = new()
    {
        ["RaffsSync:Providers:takeapp:Processing"] = "Inline",
    };

    [Test]
    public async Task Success_Returns200Processed()
    {
        using var database = await TestDatabase.CreateAsync(provider);
        await using var factory = new GatewayFactory(database, Now, InlineSettings);
        using var client = factory.CreateClient();

        var (status, body) = await DeliverAsync(factory, client);

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body);
        Assert.That(body, Does.Contain("\"status\":\"processed\""));
        Assert.That(body, Does.Contain("\"eventId\":\"msg-inline\""));
        var row = await factory.QueryAsync(context => context.InboxEvents.AsNoTracking().SingleAsync());
        Assert.That(row.Status, Is.EqualTo(InboxEventStatus.Processed));
        Assert.That(row.Attempts, Is.EqualTo(1));
        Assert.That(row.Outcome, Is.EqualTo(InboxEventOutcomeNames.Processed));
        Assert.That(row.ProcessedAt, Is.EqualTo(Now));
        Assert.That(row.NextAttemptAt, Is.Null);
        var order = await factory.QueryAsync(context => context.Orders.AsNoTracking().SingleAsync());
        Assert.That(order.ExternalId, Is.EqualTo("ord_inline"));
        Assert.That(order.OrderStatus, Is.EqualTo("confirmed"));
        Assert.That(order.LastEventId, Is.EqualTo("msg-inline"));

        // Workers find nothing left to do.
        Assert.That(await factory.DrainAsync(), Is.Zero);
        Assert.That(factory.Metrics.Processed, Is.EqualTo(1));
    }

    [Test]
    public async Task HandlerFailure_StoresNothingUntilRetry()
    {
        var failures = new FailureBudget(1);
        using var database = await TestDatabase.CreateAsync(provider);
        await using var factory = new GatewayFactory(database, Now, InlineSettings)
        {
            TestServices = services =>
                services.AddScoped<IOrderWriter>(scoped => new FailingOrderWriter(
                    ActivatorUtilities.CreateInstance<OrderWriter>(scoped),
                    failures
                )),
        };
        using var client = factory.CreateClient();

        var (failedStatus, failedBody) = await DeliverAsync(factory, client);

        Assert.That(failedStatus, Is.EqualTo(HttpStatusCode.InternalServerError), failedBody);
        Assert.That(failedBody, Does.Contain("\"reason\":\"processing_failed\""));
        Assert.That(await factory.CountInboxRowsAsync(), Is.Zero);
        Assert.That(await factory.QueryAsync(context => context.Orders.CountAsync()), Is.Zero);
        Assert.That(factory.Log.WithTemplate("Inline processing of"), Has.Count.EqualTo(1));

        // The sender retries the same delivery: it is not a duplicate, and this time the handler succeeds.
        var (retryStatus, retryBody) = await DeliverAsync(factory, client);

        Assert.That(retryStatus, Is.EqualTo(HttpStatusCode.OK), retryBody);
        var row = await factory.QueryAsync(context => context.InboxEvents.AsNoTracking().SingleAsync());
        Assert.That(row.Status, Is.EqualTo(InboxEventStatus.Processed));
        Assert.That(row.Attempts, Is.EqualTo(1));
        Assert.That(await factory.QueryAsync(context => context.Orders.CountAsync()), Is.EqualTo(1));
    }

    [Test]
    public async Task UnmappablePayload_Returns400AndStoresNothing()
    {
        using var database = await TestDatabase.CreateAsync(provider);
        await using var factory = new GatewayFactory(database, Now, InlineSettings);
        using var client = factory.CreateClient();
        var body = Deliveries.TakeAppOrder("order.created", "ord_long", "pending", UpdatedAt, new string('9', 150));
        using var request = Signer.TakeAppRequest("msg-long", body, Now);

        using var response = await client.SendAsync(request);
        var problem = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), problem);
        Assert.That(problem, Does.Contain("\"reason\":\"invalid_payload\""));
        Assert.That(await factory.CountInboxRowsAsync(), Is.Zero);
        Assert.That(await factory.QueryAsync(context => context.Orders.CountAsync()), Is.Zero);
    }

    [Test]
    public async Task Redelivery_Answers409AndRunsNothing()
    {
        using var database = await TestDatabase.CreateAsync(provider);
        await using var factory = new GatewayFactory(database, Now, InlineSettings);
        using var client = factory.CreateClient();

        await DeliverAsync(factory, client);
        var (status, body) = await DeliverAsync(factory, client);

        Assert.That(status, Is.EqualTo(HttpStatusCode.Conflict), body);
        Assert.That(body, Does.Contain("\"reason\":\"duplicate\""));
        Assert.That(factory.Metrics.Processed, Is.EqualTo(1));
        Assert.That(await factory.CountInboxRowsAsync(), Is.EqualTo(1));
    }

    private static async Task<(HttpStatusCode Status, string Body)> DeliverAsync(
        GatewayFactory factory,
        HttpClient client
    )
    {
        var body = Deliveries.TakeAppOrder("order.updated", "ord_inline", "confirmed", UpdatedAt);
        using var request = Signer.TakeAppRequest("msg-inline", body, factory.Clock.GetUtcNow());
        using var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The number of calls still to fail, shared by the writers of every request scope.</summary>
    private sealed class FailureBudget(int count)
    {
        private int remaining = count;

        public bool TryTake() => Interlocked.Decrement(ref remaining) >= 0;
    }

    private sealed class FailingOrderWriter(IOrderWriter inner, FailureBudget failures) : IOrderWriter
    {
        public Task<RecordWriteResult> ApplyAsync(
            OrderUpdate update,
            DateTimeOffset now,
            CancellationToken cancellationToken
        )
        {
            if (failures.TryTake())
            {
                throw new InvalidOperationException("The order store is unavailable in this test.");
            }

            return inner.ApplyAsync(update, now, cancellationToken);
        }
    }
}

using System.Diagnostics;
using System.Globalization;
using Npgsql;
using RaffsSync.Tests.Support;

namespace RaffsSync.Tests.Inbox;

/// <summary>
/// The batching PostgreSQL inbox writer, driven through the webhook endpoint against a real server.
/// </summary>
public sealed class BatchingInboxWriterTests
{
    /// <summary>Long enough for every request of a test to join the first batch, which then waits no longer.</summary>
    private const int OneBatchWaitMicroseconds = 500_000;

    private static readonly DateTimeOffset Now = new(2026, 12, 4, 11, 0, 0, TimeSpan.Zero);

    [TestCase(100, OneBatchWaitMicroseconds, TestName = "Duplicates_InOneBatch_AcceptedOnce")]
    [TestCase(1, 0, TestName = "Duplicates_AcrossBatches_AcceptedOnce")]
    public async Task Duplicates_AcceptedOnce(int maxBatchSize, int maxWaitMicroseconds)
    {
        const int DistinctIds = 4;
        const int Copies = 6;
        using var database = await TestDatabase.CreateAsync(TestDatabase.Postgres);
        await using var factory = new GatewayFactory(database, Now, Batching(maxBatchSize, maxWaitMicroseconds));
        using var client = factory.CreateClient();

        var eventIds = Enumerable.Range(0, DistinctIds * Copies).Select(i => $"msg_dup_{i % DistinctIds}").ToList();
        var responses = await SendConcurrentlyAsync(client, eventIds, _ => Signer.TakeAppOrderBody("order-1"));

        foreach (var group in responses.GroupBy(response => response.EventId))
        {
            Assert.That(group.Count(response => response.Status == 202), Is.EqualTo(1), $"202s for {group.Key}");
            Assert.That(
                group.Count(response => response.Status == 409 && response.Reason == "duplicate"),
                Is.EqualTo(Copies - 1),
                $"409 duplicates for {group.Key}"
            );
        }

        Assert.That(await CountRowsAsync(database, "msg_dup_%"), Is.EqualTo(DistinctIds));
    }

    [Test]
    public async Task SameIdOtherBodyInBatch_IsMismatch()
    {
        using var database = await TestDatabase.CreateAsync(TestDatabase.Postgres);
        await using var factory = new GatewayFactory(database, Now, Batching(100, OneBatchWaitMicroseconds));
        using var client = factory.CreateClient();

        var responses = await SendConcurrentlyAsync(client, ["msg_same", "msg_same"], index =>
            Signer.TakeAppOrderBody($"order-{index}")
        );

        Assert.That(responses.Count(response => response.Status == 202), Is.EqualTo(1));
        Assert.That(
            responses.Count(response => response.Status == 409 && response.Reason == "payload_mismatch"),
            Is.EqualTo(1)
        );
        Assert.That(await CountRowsAsync(database, "msg_same"), Is.EqualTo(1));
    }

    [Test]
    public async Task FailedBatch_Returns500AndStoresNothing()
    {
        using var database = await TestDatabase.CreateAsync(TestDatabase.Postgres);
        await using var factory = new GatewayFactory(database, Now, Batching(100, OneBatchWaitMicroseconds));
        using var client = factory.CreateClient();
        await RejectPoisonIdsAsync(database);

        var responses = await SendConcurrentlyAsync(client, ["poison-1", "msg_ok_1", "msg_ok_2", "msg_ok_3"], _ =>
            Signer.TakeAppOrderBody("order-1")
        );
        using var later = Signer.TakeAppRequest("msg_ok_later", Signer.TakeAppOrderBody("order-1"), Now);
        using var laterResponse = await client.SendAsync(later);

        foreach (var response in responses)
        {
            Assert.That(response.Status, Is.EqualTo(500), response.EventId);
        }

        Assert.That(await CountRowsAsync(database, "%"), Is.EqualTo(1), "rows stored");
        Assert.That((int)laterResponse.StatusCode, Is.EqualTo(202), "a later batch");
    }

    [Test]
    public async Task FailedBatch_SparesOtherBatches()
    {
        // With two rows per batch, the batch that contains the rejected row contains at most one other delivery.
        const int MaxBatchSize = 2;
        using var database = await TestDatabase.CreateAsync(TestDatabase.Postgres);
        await using var factory = new GatewayFactory(database, Now, Batching(MaxBatchSize, 0));
        using var client = factory.CreateClient();
        await RejectPoisonIdsAsync(database);

        List<string> eventIds = ["poison-1", .. Enumerable.Range(1, 9).Select(i => $"msg_ok_{i}")];
        var responses = await SendConcurrentlyAsync(client, eventIds, _ => Signer.TakeAppOrderBody("order-1"));

        var poison = responses.Single(response => response.EventId == "poison-1");
        var failed = responses.Where(response => response.Status == 500).ToList();
        Assert.That(poison.Status, Is.EqualTo(500), "the rejected delivery");
        Assert.That(failed, Has.Count.LessThanOrEqualTo(MaxBatchSize), "500s");
        Assert.That(responses.Count(response => response.Status == 202), Is.EqualTo(eventIds.Count - failed.Count));
        foreach (var response in responses)
        {
            var expectedRows = response.Status == 202 ? 1 : 0;
            Assert.That(await CountRowsAsync(database, response.EventId), Is.EqualTo(expectedRows), response.EventId);
        }
    }

    [TestCase(true, TestName = "StoppedDatabase_Batched_Returns500Quickly")]
    [TestCase(false, TestName = "StoppedDatabase_Unbatched_Returns500Quickly")]
    public async Task StoppedDatabase_Returns500Quickly(bool batching)
    {
        using var database = await TestDatabase.CreateAsync(TestDatabase.Postgres);
        await using var relay = StoppableRelay.Start(database.ConnectionString);
        var settings = Batching(100, 1000);
        settings["RaffsSync:Storage:Batching:Enabled"] = batching ? "true" : "false";
        settings["RaffsSync:Storage:ConnectionString"] = relay.Redirect(database.ConnectionString);
        await using var factory = new GatewayFactory(database, Now, settings);
        using var client = factory.CreateClient();
        client.Timeout = TimeSpan.FromSeconds(60);

        using (var before = Signer.TakeAppRequest("msg_before_stop", Signer.TakeAppOrderBody("order-1"), Now))
        using (var beforeResponse = await client.SendAsync(before))
        {
            Assert.That((int)beforeResponse.StatusCode, Is.EqualTo(202), "before the stop");
        }

        await relay.StopAsync();

        // The first request after the stop finds a pooled connection that the stop closed; the second opens a
        // new one, which is refused.
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            var eventId = $"msg_after_stop_{attempt}";
            using var request = Signer.TakeAppRequest(eventId, Signer.TakeAppOrderBody("order-1"), Now);
            var watch = Stopwatch.StartNew();
            using var response = await client.SendAsync(request);
            var elapsed = watch.Elapsed;
            var body = await response.Content.ReadAsStringAsync();

            Assert.That((int)response.StatusCode, Is.EqualTo(500), $"attempt {attempt}: {body}");
            Assert.That(body, Does.Contain("\"reason\":\"internal_error\""), $"attempt {attempt}");
            Assert.That(elapsed, Is.LessThan(TimeSpan.FromSeconds(5)), $"attempt {attempt}");
            Assert.That(await CountRowsAsync(database, eventId), Is.Zero, $"attempt {attempt}");
        }
    }

    private static Dictionary<string, string?> Batching(int maxBatchSize, int maxWaitMicroseconds) =>
        new()
        {
            ["RaffsSync:Storage:Batching:Enabled"] = "true",
            ["RaffsSync:Storage:Batching:MaxBatchSize"] = maxBatchSize.ToString(CultureInfo.InvariantCulture),
            ["RaffsSync:Storage:Batching:MaxWaitMicroseconds"] = maxWaitMicroseconds.ToString(
                CultureInfo.InvariantCulture
            ),
            ["RaffsSync:Storage:Batching:MaxConcurrentBatches"] = "2",
        };

    /// <summary>Sends one signed Take App delivery per event id, all at once, and waits for every response.</summary>
    private static async Task<List<DeliveryResponse>> SendConcurrentlyAsync(
        HttpClient client,
        IReadOnlyList<string> eventIds,
        Func<int, string> body
    )
    {
        var sends = eventIds.Select(
            async (eventId, index) =>
            {
                using var request = Signer.TakeAppRequest(eventId, body(index), Now);
                using var response = await client.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                return new DeliveryResponse(eventId, (int)response.StatusCode, ReadReason(text));
            }
        );
        return [.. await Task.WhenAll(sends)];
    }

    private static string? ReadReason(string body)
    {
        const string Marker = "\"reason\":\"";
        var start = body.IndexOf(Marker, StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        start += Marker.Length;
        return body[start..body.IndexOf('"', start)];
    }

    /// <summary>Adds a check constraint that fails any statement inserting an event id starting with <c>poison</c>.</summary>
    private static async Task RejectPoisonIdsAsync(TestDatabase database)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "ALTER TABLE inbox_events ADD CONSTRAINT test_rejects_poison CHECK (event_id NOT LIKE 'poison%')",
            connection
        );
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> CountRowsAsync(TestDatabase database, string eventIdPattern)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM inbox_events WHERE event_id LIKE $1",
            connection
        );
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = eventIdPattern });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private sealed record DeliveryResponse(string EventId, int Status, string? Reason);
}

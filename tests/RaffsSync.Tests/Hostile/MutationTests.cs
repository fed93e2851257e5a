using RaffsSync.Tests.Support;

namespace RaffsSync.Tests.Hostile;

/// <summary>
/// Mutates recorded deliveries thousands of times with a fixed seed: no mutation may cause a 5xx, a rejected
/// request stores nothing, and an accepted one stores new rows.
/// </summary>
public sealed class MutationTests
{
    private const int Seed = 20261204;
    private const int Iterations = 2000;

    [Test]
    public async Task MutatedDeliveries_NeverFailWith5xx()
    {
        var fixture = FixtureFile.Load("builtin.json");
        var templates = fixture.Cases.Where(c => c.Request.Method == "POST" && c.Expect.Status < 300).ToList();
        using var database = await TestDatabase.CreateAsync(TestDatabase.Sqlite);
        await using var gateway = new GatewayFactory(database, fixture.At);
        using var client = gateway.CreateClient();
        var random = new Random(Seed);
        var statuses = new Dictionary<int, int>();
        var rows = await gateway.CountInboxRowsAsync();

        for (var i = 0; i < Iterations; i++)
        {
            var template = templates[random.Next(templates.Count)];
            var mutation = Mutator.Mutate(template.Request, random);
            using var request = mutation.Request.ToHttpRequest();
            using var response = await client.SendAsync(request);
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            var rowsAfter = await gateway.CountInboxRowsAsync();

            Assert.That(status, Is.LessThan(500), $"iteration {i}, {mutation.Description}");
            if (status is >= 200 and < 300)
            {
                Assert.That(rowsAfter, Is.GreaterThan(rows), $"iteration {i} accepted but stored nothing");
            }
            else
            {
                Assert.That(rowsAfter, Is.EqualTo(rows), $"iteration {i} was rejected with {status} but stored a row");
            }

            rows = rowsAfter;
        }

        TestContext.Out.WriteLine(
            string.Join(", ", statuses.OrderBy(pair => pair.Key).Select(pair => $"{pair.Key}: {pair.Value}"))
        );
        Assert.That(
            statuses.Keys.Count(status => status >= 400),
            Is.GreaterThanOrEqualTo(3),
            "the mutations reach too few rejections"
        );
    }
}

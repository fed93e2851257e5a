using System.Net;
using System.Text;
using RaffsSync.Tests.Support;

namespace RaffsSync.Tests.Hostile;

/// <summary>
/// Inputs that once reached the database or the log unchecked: control characters, lone surrogates, duplicate
/// keys in unknown fields, and keys the sender made up, on both databases.
/// </summary>
[TestFixture(TestDatabase.Sqlite)]
[TestFixture(TestDatabase.Postgres)]
public sealed class TrialFindingsTests(string provider)
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    private TestDatabase database = null!;
    private GatewayFactory gateway = null!;
    private HttpClient client = null!;

    [SetUp]
    public async Task StartGatewayAsync()
    {
        database = await TestDatabase.CreateAsync(provider);
        gateway = new GatewayFactory(database, Now);
        client = gateway.CreateClient();
    }

    [TearDown]
    public async Task StopGatewayAsync()
    {
        client.Dispose();
        await gateway.DisposeAsync();
        database.Dispose();
    }

    [TestCase("nul\\u0000x", "event id")]
    [TestCase("line\\nFAKE LOG LINE", "event id")]
    [TestCase("\\ud800lone", "$.uuid")]
    public async Task AccurateUuidWithControlCharacter_Returns400(string uuid, string field)
    {
        var body =
            $"[{{\"databaseId\":101,\"type\":\"SALES_INVOICE\",\"timestamp\":\"04/12/2026 19:00:00\",\"uuid\":\"{uuid}\",\"data\":[1]}}]";

        using var response = await PostAccurateAsync(body);
        var problem = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), problem);
        Assert.That(problem, Does.Contain($"\"field\":\"{field}\""));
        Assert.That(await gateway.CountInboxRowsAsync(), Is.Zero);
    }

    [TestCase("order.created\\nFAKE LOG LINE", "event type")]
    [TestCase("order.\\u0000created", "event type")]
    [TestCase("order.\\udc00", "$.type")]
    public async Task TakeAppTypeWithControlCharacter_Returns400(string type, string field)
    {
        var body = Signer
            .TakeAppOrderBody("o_ctl")
            .Replace("\"order.created\"", $"\"{type}\"", StringComparison.Ordinal);
        using var request = Signer.TakeAppRequest("msg_ctl", body, Now);

        using var response = await client.SendAsync(request);
        var problem = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), problem);
        Assert.That(problem, Does.Contain($"\"field\":\"{field}\""));
        Assert.That(gateway.Log.RenderAll(), Does.Not.Contain("FAKE LOG LINE"));
        Assert.That(await gateway.CountInboxRowsAsync(), Is.Zero);
    }

    [Test]
    public async Task DuplicateUnknownKey_Returns400()
    {
        var body = Signer
            .TakeAppOrderBody("o_dupkey")
            .Replace("\"number\":", "\"note\":\"a\",\"note\":\"b\",\"number\":", StringComparison.Ordinal);
        using var request = Signer.TakeAppRequest("msg_dupkey", body, Now);

        using var response = await client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await gateway.CountInboxRowsAsync(), Is.Zero);
    }

    [Test]
    public async Task SyntaxError_DoesNotEchoKey()
    {
        using var request = Signer.TakeAppRequest("msg_canary", "{\"CANARY_6581234567\": ", Now);

        using var response = await client.SendAsync(request);
        var problem = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(problem, Does.Not.Contain("CANARY"));
        Assert.That(problem, Does.Contain("\"field\":\"$\""));
    }

    [Test]
    public async Task WrongTypeOfKnownField_NamesField()
    {
        var body = Signer
            .TakeAppOrderBody("o_type")
            .Replace("\"total_amount\":100,", "\"total_amount\":\"lots\",", StringComparison.Ordinal);
        using var request = Signer.TakeAppRequest("msg_type", body, Now);

        using var response = await client.SendAsync(request);
        var problem = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(problem, Does.Contain("\"field\":\"$.data.total_amount\""));
        Assert.That(problem, Does.Not.Contain("lots"));
    }

    [Test]
    public async Task PutOnUnknownProvider_Returns404Problem()
    {
        using var unknown = await client.PutAsync("/webhooks/v1/nosuch", new StringContent("{}"));
        using var known = await client.PutAsync("/webhooks/v1/takeapp/orders", new StringContent("{}"));
        using var unmatched = await client.PostAsync("/webhooks/v1/Bad_Code", new StringContent("{}"));

        Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(unknown.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That(known.StatusCode, Is.EqualTo(HttpStatusCode.MethodNotAllowed));
        Assert.That(known.Content.Headers.Allow, Is.EquivalentTo(new[] { "POST" }));
        Assert.That(await known.Content.ReadAsStringAsync(), Does.Contain("\"reason\":\"method_not_allowed\""));
        Assert.That(unmatched.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(unmatched.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
    }

    private async Task<HttpResponseMessage> PostAccurateAsync(string body)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        return await client.PostAsync($"/webhooks/v1/accurate?token={Signer.AccurateToken}", content);
    }
}

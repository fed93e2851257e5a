using System.Net;
using System.Net.Http.Headers;
using System.Text;
using RaffsSync.Tests.Support;

namespace RaffsSync.Tests.Http;

/// <summary>
/// One HTTP-level test per status code the gateway sends, on the embedded SQLite default.
/// </summary>
public sealed class StatusCodeTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    private TestDatabase database = null!;
    private GatewayFactory factory = null!;
    private HttpClient client = null!;

    [SetUp]
    public async Task StartGatewayAsync()
    {
        database = await TestDatabase.CreateAsync(TestDatabase.Sqlite);
        factory = new GatewayFactory(database, Now);
        client = factory.CreateClient();
    }

    [TearDown]
    public async Task StopGatewayAsync()
    {
        client.Dispose();
        await factory.DisposeAsync();
        database.Dispose();
    }

    [Test]
    public async Task ProviderHealth_Returns200WithStatusAndCodeOnly()
    {
        using var response = await client.GetAsync("/webhooks/v1/takeapp");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(
            await response.Content.ReadAsStringAsync(),
            Is.EqualTo("{\"status\":\"alive\",\"provider\":\"takeapp\"}")
        );
    }

    [Test]
    public async Task NewDelivery_Returns202WithEventAndReceipt()
    {
        using var request = Signer.TakeAppRequest("msg_status_202", Signer.TakeAppOrderBody("ord_1"), Now);

        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That(body, Does.StartWith("{\"status\":\"queued\",\"eventId\":\"msg_status_202\",\"receiptId\":\""));
        Assert.That(await factory.CountInboxRowsAsync(), Is.EqualTo(1));
    }

    [Test]
    public async Task MissingField_Returns400NamingField()
    {
        var body = Signer
            .TakeAppOrderBody("ord_secret_value_42")
            .Replace("\"updated_at\":\"2026-12-04T11:00:00.000Z\"", "\"x\":1", StringComparison.Ordinal);
        using var request = Signer.TakeAppRequest("msg_status_400", body, Now);

        using var response = await client.SendAsync(request);
        var problem = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That(problem, Does.Contain("\"field\":\"data.updated_at\""));
        Assert.That(problem, Does.Not.Contain("ord_secret_value_42"));
        Assert.That(await factory.CountInboxRowsAsync(), Is.Zero);
    }

    [Test]
    public async Task WrongSignature_Returns401WithoutComputedSignature()
    {
        using var request = Signer.TakeAppRequest("msg_status_401", Signer.TakeAppOrderBody("ord_1"), Now);
        request.Headers.Remove("webhook-signature");
        request.Headers.Add("webhook-signature", "v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
        var expected = Signer.StandardWebhooks(
            Signer.TakeAppSecret,
            "msg_status_401",
            Now.ToUnixTimeSeconds(),
            Encoding.UTF8.GetBytes(Signer.TakeAppOrderBody("ord_1"))
        );

        using var response = await client.SendAsync(request);
        var problem = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(problem, Does.Contain("\"reason\":\"signature_invalid\""));
        Assert.That(problem, Does.Contain("\"traceId\":"));
        Assert.That(problem, Does.Not.Contain(expected[3..]));
        Assert.That(await factory.CountInboxRowsAsync(), Is.Zero);
    }

    [Test]
    public async Task UnknownTopicCase_IsAcceptedInLowerCase()
    {
        using var request = Signer.TakeAppRequest(
            "msg_topic",
            Signer.TakeAppOrderBody("ord_1"),
            Now,
            "/webhooks/v1/takeapp/Orders.V2"
        );

        using var response = await client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
    }

    [TestCase("/webhooks/v1/nosuchprovider")]
    [TestCase("/webhooks/v1/TakeApp")]
    [TestCase("/webhooks/v1/takeapp%2Forders")]
    [TestCase("/webhooks/v1/takeapp/bad%20topic")]
    [TestCase("/webhooks/v1/takeapp/-leading-dash")]
    [TestCase("/webhooks/v1/takeapp/orders/extra")]
    [TestCase("/webhooks/v1/a23456789012345678901234567890123")]
    [TestCase("/webhooks/v1/takeapp/..")]
    public async Task MalformedOrUnknownPath_Returns404(string path)
    {
        using var request = Signer.TakeAppRequest("msg_404", Signer.TakeAppOrderBody("ord_1"), Now, path);

        using var response = await client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), path);
        Assert.That(await factory.CountInboxRowsAsync(), Is.Zero);
    }

    [Test]
    public async Task OtherMethod_Returns405WithAllow()
    {
        using var response = await client.DeleteAsync("/webhooks/v1/takeapp");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.MethodNotAllowed));
        Assert.That(response.Content.Headers.Allow, Is.EquivalentTo(new[] { "GET", "POST" }));
    }

    [Test]
    public async Task ProviderHealthOverRealSocket_NamesNoServer()
    {
        await using var kestrel = new GatewayFactory(database, Now);
        kestrel.UseKestrel(0);
        kestrel.StartServer();
        using var socketClient = kestrel.CreateClient();

        using var response = await socketClient.GetAsync("/webhooks/v1/takeapp");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Headers.Server, Is.Empty);
    }

    [Test]
    public async Task DeclaredLengthOverLimit_Returns413()
    {
        var body = new string(' ', 70_000);
        using var request = Signer.TakeAppRequest("msg_413", body, Now);

        using var response = await client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("\"reason\":\"body_too_large\""));
    }

    [Test]
    public async Task ChunkedBodyOverLimit_Returns413OverRealSocket()
    {
        await using var kestrel = new GatewayFactory(database, Now);
        kestrel.UseKestrel(0);
        kestrel.StartServer();
        using var socketClient = kestrel.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/v1/takeapp")
        {
            Content = new UnknownLengthContent(new byte[70_000]),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        Assert.That(request.Content.Headers.ContentLength, Is.Null, "the client must send the body chunked");

        using var response = await socketClient.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        Assert.That(await kestrel.CountInboxRowsAsync(), Is.Zero);
    }

    [TestCase("text/xml", null)]
    [TestCase("application/json", "gzip")]
    [TestCase(null, null)]
    public async Task UnsupportedMediaTypeOrEncoding_Returns415(string? contentType, string? encoding)
    {
        using var request = Signer.TakeAppRequest("msg_415", Signer.TakeAppOrderBody("ord_1"), Now);
        request.Content!.Headers.ContentType = contentType is null ? null : new MediaTypeHeaderValue(contentType);
        if (encoding is not null)
        {
            request.Content.Headers.ContentEncoding.Add(encoding);
        }

        using var response = await client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnsupportedMediaType));
        Assert.That(await factory.CountInboxRowsAsync(), Is.Zero);
    }

    [Test]
    public async Task JsonWithCharset_IsAccepted()
    {
        using var request = Signer.TakeAppRequest("msg_charset", Signer.TakeAppOrderBody("ord_1"), Now);
        request.Content!.Headers.ContentType = MediaTypeHeaderValue.Parse("Application/JSON; charset=utf-8");

        using var response = await client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
    }

    [Test]
    public async Task Liveness_Returns200()
    {
        using var response = await client.GetAsync("/healthz");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Readiness_Returns200WhenDatabaseAnswers()
    {
        using var response = await client.GetAsync("/readyz");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }
}

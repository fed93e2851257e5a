using System.Globalization;
using System.Net;
using System.Text;
using RaffsSync.Tests.Support;

namespace RaffsSync.Tests.Hostile;

/// <summary>
/// Malformed and hostile requests over a real socket: each gets its 4xx and stores nothing.
/// </summary>
public sealed class HostileRequestTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    private TestDatabase database = null!;
    private GatewayFactory gateway = null!;
    private HttpClient client = null!;

    [OneTimeSetUp]
    public async Task StartGatewayAsync()
    {
        database = await TestDatabase.CreateAsync(TestDatabase.Sqlite);
        gateway = new GatewayFactory(database, Now);
        gateway.UseKestrel(0);
        gateway.StartServer();
        client = gateway.CreateClient();
    }

    [OneTimeTearDown]
    public async Task StopGatewayAsync()
    {
        client.Dispose();
        await gateway.DisposeAsync();
        database.Dispose();
    }

    public static IEnumerable<TestCaseData> SignedBodies()
    {
        yield return Case("invalid UTF-8", [0x7B, 0x22, 0x74, 0x22, 0x3A, 0x22, 0xC3, 0x28, 0x22, 0x7D], 400);
        yield return Case(
            "byte-order mark",
            [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Signer.TakeAppOrderBody("o1"))],
            400
        );
        yield return Case(
            "nested 5000 deep",
            Encoding.UTF8.GetBytes(new string('[', 5000) + new string(']', 5000)),
            400
        );
        yield return Case(
            "nested objects in data",
            Encoding.UTF8.GetBytes(
                "{\"type\":\"order.created\",\"data\":"
                    + string.Concat(Enumerable.Repeat("{\"a\":", 3000))
                    + "1"
                    + new string('}', 3001)
            ),
            400
        );
        yield return Case("huge number", Body("\"total_amount\":100,", "\"total_amount\":1e400,"), 400);
        yield return Case(
            "number past long",
            Body("\"total_amount\":100,", "\"total_amount\":99999999999999999999,"),
            400
        );
        yield return Case("negative amount", Body("\"total_amount\":100,", "\"total_amount\":-5,"), 400);
        yield return Case(
            "duplicate keys",
            Body("{\"type\":\"order.created\",", "{\"type\":\"order.created\",\"type\":\"order.updated\","),
            400
        );
        yield return Case("array instead of object", Encoding.UTF8.GetBytes("[1,2,3]"), 400);
        yield return Case("type is a number", Encoding.UTF8.GetBytes("{\"type\":123,\"data\":{}}"), 400);
        yield return Case(
            "data is a string",
            Encoding.UTF8.GetBytes("{\"type\":\"order.created\",\"data\":\"x\"}"),
            400
        );
        yield return Case("json null", Encoding.UTF8.GetBytes("null"), 400);
        yield return Case("empty object", Encoding.UTF8.GetBytes("{}"), 400);
        yield return Case("trailing garbage", Encoding.UTF8.GetBytes(Signer.TakeAppOrderBody("o1") + "xyz"), 400);
        yield return Case("nul bytes", [0x00, 0x00, 0x00], 400);
    }

    [TestCaseSource(nameof(SignedBodies))]
    public async Task SignedMalformedBody_Returns4xxAndStoresNothing(byte[] body, int expected)
    {
        var id = "msg_hostile_" + Guid.NewGuid().ToString("N");
        using var request = SignedRequest(id, body);

        using var response = await client.SendAsync(request);
        var problem = await response.Content.ReadAsStringAsync();

        Assert.That((int)response.StatusCode, Is.EqualTo(expected), problem);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That(await gateway.CountInboxRowsAsync(), Is.Zero);
    }

    [Test]
    public async Task OverlongEventId_Returns400NamingHeader()
    {
        using var request = SignedRequest(new string('x', 500), Encoding.UTF8.GetBytes(Signer.TakeAppOrderBody("o1")));

        using var response = await client.SendAsync(request);
        var problem = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(problem, Does.Contain("\"field\":\"webhook-id\""));
        Assert.That(await gateway.CountInboxRowsAsync(), Is.Zero);
    }

    [Test]
    public async Task HundredsOfHeaders_Returns431()
    {
        using var request = SignedRequest("msg_headers", Encoding.UTF8.GetBytes(Signer.TakeAppOrderBody("o1")));
        for (var i = 0; i < 300; i++)
        {
            request.Headers.TryAddWithoutValidation("x-filler-" + i.ToString(CultureInfo.InvariantCulture), "1");
        }

        using var response = await client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestHeaderFieldsTooLarge));
        Assert.That(await gateway.CountInboxRowsAsync(), Is.Zero);
    }

    [Test]
    public async Task SixteenKilobyteSignatureHeader_Returns401()
    {
        using var request = SignedRequest("msg_big_header", Encoding.UTF8.GetBytes(Signer.TakeAppOrderBody("o1")));
        request.Headers.Remove("webhook-signature");
        request.Headers.TryAddWithoutValidation("webhook-signature", "v1," + new string('A', 16 * 1024));

        using var response = await client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await gateway.CountInboxRowsAsync(), Is.Zero);
    }

    [Test]
    public async Task FormEncodedBodyForJsonProvider_Returns415()
    {
        using var request = SignedRequest("msg_form", Encoding.UTF8.GetBytes("a=1&b=2"));
        request.Content!.Headers.ContentType = new("application/x-www-form-urlencoded");

        using var response = await client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnsupportedMediaType));
    }

    [TestCase("POST /webhooks/v1/take%2Fapp HTTP/1.1")]
    [TestCase("POST /webhooks/v1/takeapp/..%2F..%2Fadmin HTTP/1.1")]
    [TestCase("POST /webhooks/v1/takeapp/%2e%2e HTTP/1.1")]
    [TestCase("POST /webhooks/v1/../v1/nosuch HTTP/1.1")]
    [TestCase("POST /webhooks/v1/take%00app HTTP/1.1")]
    [TestCase("POST /webhooks/v1/t%C3%A5keapp HTTP/1.1")]
    [TestCase("POST /webhooks/v1/takeapp/topic%20with%20space HTTP/1.1")]
    [TestCase("POST /webhooks/v1/takeapp/a%2Fb HTTP/1.1")]
    [TestCase("POST /webhooks/v1/-takeapp HTTP/1.1")]
    [TestCase("POST /webhooks/v1/takeapp/%3Cscript%3E HTTP/1.1")]
    [TestCase("POST /webhooks/v2/takeapp HTTP/1.1")]
    public async Task HostilePath_Returns4xxAndStoresNothing(string requestLine)
    {
        var body = Encoding.UTF8.GetBytes("{}");
        var head =
            $"{requestLine}\nHost: 127.0.0.1\nContent-Type: application/json\nContent-Length: {body.Length}\nConnection: close";

        var status = await RawHttp.SendAsync(client.BaseAddress!, head, body);

        Assert.That(status, Is.InRange(400, 499), requestLine);
        Assert.That(await gateway.CountInboxRowsAsync(), Is.Zero);
    }

    private static TestCaseData Case(string name, byte[] body, int status) =>
        new TestCaseData(body, status).SetArgDisplayNames(name);

    private static byte[] Body(string find, string replace)
    {
        var valid = Signer.TakeAppOrderBody("o1");
        if (!valid.Contains(find, StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"'{find}' is not in the valid body, so the case would test nothing.",
                nameof(find)
            );
        }

        return Encoding.UTF8.GetBytes(valid.Replace(find, replace, StringComparison.Ordinal));
    }

    private static HttpRequestMessage SignedRequest(string id, byte[] body) => SignedRequest(id, body, Now);

    /// <summary>Builds a Take App request for any bytes, validly signed at <paramref name="now"/>.</summary>
    public static HttpRequestMessage SignedRequest(string id, byte[] body, DateTimeOffset now)
    {
        var timestamp = now.ToUnixTimeSeconds();
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/v1/takeapp")
        {
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        request.Headers.TryAddWithoutValidation("webhook-id", id);
        request.Headers.TryAddWithoutValidation("webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("webhook-signature", "v1," + Signature(id, body, now));
        return request;
    }

    /// <summary>Returns the base64 part of the signature that <see cref="SignedRequest(string, byte[], DateTimeOffset)"/> sends.</summary>
    public static string Signature(string id, byte[] body, DateTimeOffset now) =>
        Signer.StandardWebhooks(Signer.TakeAppSecret, id, now.ToUnixTimeSeconds(), body)["v1,".Length..];
}

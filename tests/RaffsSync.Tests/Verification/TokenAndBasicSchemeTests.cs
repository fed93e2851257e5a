using System.Text;
using RaffsSync.Application.Configuration;
using RaffsSync.Application.Verification;
using static RaffsSync.Tests.Support.VerifierHarness;
using static RaffsSync.Tests.Verification.HmacSchemeTests;

namespace RaffsSync.Tests.Verification;

/// <summary>
/// The <c>token</c> scheme in a header (<c>Authorization: Bearer</c>, <c>x-callback-token</c>) and a query
/// parameter, and the <c>basic</c> scheme.
/// </summary>
public sealed class TokenAndBasicSchemeTests
{
    private const string Body = """{"event":"invoice.paid"}""";

    [TestCase("Bearer tok-1", null)]
    [TestCase("bearer tok-2", null)]
    [TestCase("Bearer tok-3", "credentials_invalid")]
    [TestCase("tok-1", "credentials_invalid")]
    [TestCase("Bearer ", "credentials_invalid")]
    [TestCase("", "credentials_missing")]
    public async Task BearerHeader_ComparesToken(string authorization, string? reason)
    {
        var options = new VerificationOptions
        {
            Scheme = "token",
            Header = "Authorization",
            Prefix = "Bearer ",
            Secrets = ["tok-1", "tok-2"],
        };

        var result = await VerifyAsync(
            Create(new TokenScheme(), options),
            Body,
            Headers(("Authorization", authorization))
        );

        Assert.That(result, Is.EqualTo(Expected(reason)));
    }

    [TestCase("xnd-token", null)]
    [TestCase("XND-TOKEN", "credentials_invalid")]
    [TestCase("xnd-toke", "credentials_invalid")]
    [TestCase("xnd-token-longer", "credentials_invalid")]
    public async Task CallbackTokenHeader_ComparesExactly(string token, string? reason)
    {
        var options = new VerificationOptions
        {
            Scheme = "token",
            Header = "x-callback-token",
            Secrets = ["xnd-token"],
        };

        var result = await VerifyAsync(Create(new TokenScheme(), options), Body, Headers(("x-callback-token", token)));

        Assert.That(result, Is.EqualTo(Expected(reason)));
    }

    [Test]
    public async Task CallbackTokenHeader_Repeated_IsMalformed()
    {
        var options = new VerificationOptions
        {
            Scheme = "token",
            Header = "x-callback-token",
            Secrets = ["xnd-token"],
        };
        var headers = Headers(("x-callback-token", "xnd-token"), ("x-callback-token", "xnd-token"));

        var result = await VerifyAsync(Create(new TokenScheme(), options), Body, headers);

        Assert.That(result, Is.EqualTo(Unauthorized(VerificationReasons.SignatureMalformed)));
    }

    [TestCase("token=acc-1", null)]
    [TestCase("token=acc-2", "credentials_invalid")]
    [TestCase("other=acc-1", "credentials_missing")]
    [TestCase("token=acc-1&token=acc-1", "signature_malformed")]
    public async Task QueryParameter_ComparesToken(string query, string? reason)
    {
        var options = new VerificationOptions
        {
            Scheme = "token",
            QueryParameter = "token",
            Secrets = ["acc-1"],
        };

        var result = await VerifyAsync(Create(new TokenScheme(), options), Body, Headers(), queryString: "?" + query);

        Assert.That(result, Is.EqualTo(Expected(reason)));
    }

    [TestCase("shop:pa:ss", null)]
    [TestCase("ops:rotated", null)]
    [TestCase("shop:wrong", "credentials_invalid")]
    [TestCase("SHOP:pa:ss", "credentials_invalid")]
    [TestCase("shop:pa:ss ", "credentials_invalid")]
    public async Task Basic_ComparesUserAndPassword(string credentials, string? reason)
    {
        var header = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials));

        var result = await VerifyBasicAsync(Headers(("Authorization", header)));

        Assert.That(result, Is.EqualTo(Expected(reason)));
    }

    [TestCase("Basic", "credentials_malformed")]
    [TestCase("Basic ", "credentials_malformed")]
    [TestCase("Basic !!!notbase64", "credentials_malformed")]
    [TestCase("Basic bm9jb2xvbg==", "credentials_malformed")]
    [TestCase("Bearer c2hvcDpwYTpzcw==", "credentials_malformed")]
    [TestCase("", "credentials_missing")]
    public async Task Basic_MalformedHeader_Is401(string header, string reason)
    {
        Assert.That(await VerifyBasicAsync(Headers(("Authorization", header))), Is.EqualTo(Unauthorized(reason)));
    }

    [Test]
    public async Task Basic_RepeatedHeader_IsMalformed()
    {
        var valid = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("shop:pa:ss"));

        var result = await VerifyBasicAsync(Headers(("Authorization", valid), ("Authorization", valid)));

        Assert.That(result, Is.EqualTo(Unauthorized(VerificationReasons.CredentialsMalformed)));
    }

    [Test]
    public async Task Basic_MissingHeader_IsMissing()
    {
        Assert.That(await VerifyBasicAsync(Headers()), Is.EqualTo(Unauthorized("credentials_missing")));
    }

    private static VerificationResult Expected(string? reason) =>
        reason is null ? VerificationResult.Success : Unauthorized(reason);

    private static Task<VerificationResult> VerifyBasicAsync(List<KeyValuePair<string, string[]>> headers)
    {
        var options = new VerificationOptions { Scheme = "basic", Secrets = ["shop:pa:ss", "ops:rotated"] };
        return VerifyAsync(Create(new BasicScheme(), options), Body, headers);
    }
}

using RaffsSync.Tests.Support;

namespace RaffsSync.Tests.Configuration;

/// <summary>
/// Starts the real gateway process with one invalid verification setting: it must exit with code 1 and an
/// error naming the provider and the setting, and the configured secret must appear nowhere in its output.
/// </summary>
[Parallelizable(ParallelScope.Children)]
public sealed class SchemeSettingsStartupTests
{
    private const string Secret = "s3cr3t-must-not-leak-5b1f";
    private const string Prefix = "RaffsSync:Providers:acme:";
    private const string V = "Verification:";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private const string Scheme = V + "Scheme";
    private const string Header = V + "Header";
    private const string Secrets = V + "Secrets:";
    private const string Sources = V + "AllowedSources:";

    public static IEnumerable<TestCaseData> Cases()
    {
        yield return Case("unknown scheme", "Verification:Scheme 'sha-magic' is unknown", (Scheme, "sha-magic"));
        yield return Case("missing scheme", "Verification:Scheme is missing", (Header, "X-Sig"));
        yield return Case("missing secret", "Verification:Secrets is missing", (Scheme, "hmac"), (Header, "X-Sig"));
        yield return Case(
            "empty secret entry",
            "Verification:Secrets:1 is empty",
            (Scheme, "stripe"),
            (Secrets + "0", Secret),
            (Secrets + "1", " ")
        );
        yield return Case(
            "whsec_ not base64",
            "Verification:Secrets:0 is not valid base64",
            (Scheme, "standard-webhooks"),
            (Secrets + "0", "whsec_" + Secret + "!")
        );
        yield return Case(
            "whsec_ too short",
            "Verification:Secrets:0 decodes to 18 bytes",
            (Scheme, "standard-webhooks"),
            (Secrets + "0", "whsec_" + Convert.ToBase64String("s3cr3t-short-key18"u8.ToArray()))
        );
        yield return Hmac(
            "bad CIDR",
            "Verification:AllowedSources:1 '10.0.0.0/33' is not a valid CIDR",
            (Sources + "0", "10.0.0.0/8"),
            (Sources + "1", "10.0.0.0/33")
        );
        yield return Hmac(
            "bad IPv6 CIDR",
            "Verification:AllowedSources:0 '2001:db8::/129'",
            (Sources + "0", "2001:db8::/129")
        );
        yield return Hmac("bad algorithm", "Verification:Algorithm 'MD5' is not supported", (V + "Algorithm", "MD5"));
        yield return Hmac(
            "bad encoding",
            "Verification:Encoding 'base32' is not supported",
            (V + "Encoding", "base32")
        );
        yield return Case(
            "hmac without header",
            "Verification:Header is missing",
            (Scheme, "hmac"),
            (Secrets + "0", Secret)
        );
        yield return Hmac(
            "unknown placeholder",
            "Verification:SignedContent contains an unknown placeholder",
            (V + "SignedContent", "{id}.{body}")
        );
        yield return Hmac(
            "template without body",
            "Verification:SignedContent must contain {body}",
            (V + "SignedContent", "v0:")
        );
        yield return Hmac(
            "timestamp without header",
            "Verification:TimestampHeader is missing",
            (V + "SignedContent", "{timestamp}.{body}")
        );
        yield return Hmac(
            "tolerance zero",
            "Verification:ToleranceSeconds must be between 1 and 86400",
            (V + "ToleranceSeconds", "0")
        );
        yield return Case(
            "token without location",
            "Verification:Header or Verification:QueryParameter",
            (Scheme, "token"),
            (Secrets + "0", Secret)
        );
        yield return Case(
            "basic without colon",
            "Verification:Secrets:0 must be user:password",
            (Scheme, "basic"),
            (Secrets + "0", Secret)
        );
        yield return Case(
            "jwt without issuer",
            "Verification:Issuer is missing",
            (Scheme, "jwt"),
            (V + "Audience", "api"),
            (V + "Jwks", "{}")
        );
        yield return Jwt("jwt without keys", "Verification:Jwks or Verification:JwksFile or Verification:JwksUrl");
        yield return Jwt(
            "jwt with two key sources",
            "Verification:Jwks or Verification:JwksFile or Verification:JwksUrl must be set, and only one of them",
            (V + "JwksUrl", "https://login.example.test/jwks"),
            (V + "JwksFile", "jwks.json")
        );
        yield return Jwt(
            "jwt over plain http",
            "Verification:JwksUrl must be an absolute https URL",
            (V + "JwksUrl", "http://login.example.test/jwks")
        );
        yield return Jwt("jwt with invalid JWKS", "Verification:Jwks is not a valid JWKS", (V + "Jwks", "not json"));
        yield return Jwt(
            "jwt with a symmetric key",
            "Verification:Jwks contains a symmetric (oct) key",
            (V + "Jwks", $$"""{"keys":[{"kty":"oct","kid":"k","k":"{{Secret}}"}]}""")
        );
        yield return Jwt(
            "jwt with missing file",
            "Verification:JwksFile '/nonexistent/raffssync-jwks.json' could not be read",
            (V + "JwksFile", "/nonexistent/raffssync-jwks.json")
        );
        yield return Case(
            "duplicate status",
            "DuplicateStatus must be 409 or 200",
            (Scheme, "token"),
            (Header, "X-Token"),
            (Secrets + "0", Secret),
            ("DuplicateStatus", "201")
        );
    }

    [TestCaseSource(nameof(Cases))]
    public async Task InvalidSetting_StopsStartUp(Dictionary<string, string> settings, string expected)
    {
        var (exitCode, output) = await GatewayProcess.RunUntilStartedOrExitedAsync(settings, Timeout);

        Assert.That(exitCode, Is.EqualTo(1), output);
        Assert.That(output, Does.Contain(Prefix + expected));
        Assert.That(output, Does.Not.Contain(Secret));
    }

    private static TestCaseData Hmac(string name, string expected, params (string Key, string Value)[] extra) =>
        Case(name, expected, [(Scheme, "hmac"), (Header, "X-Sig"), (Secrets + "0", Secret), .. extra]);

    private static TestCaseData Jwt(string name, string expected, params (string Key, string Value)[] extra) =>
        Case(
            name,
            expected,
            [(Scheme, "jwt"), (V + "Issuer", "https://login.example.test/"), (V + "Audience", "api"), .. extra]
        );

    /// <summary>Builds a case from settings whose keys are relative to the provider <c>acme</c>.</summary>
    private static TestCaseData Case(string name, string expected, params (string Key, string Value)[] settings)
    {
        var dictionary = settings.ToDictionary(
            setting => (Prefix + setting.Key).Replace(":", "__", StringComparison.Ordinal),
            setting => setting.Value
        );
        return new TestCaseData(dictionary, expected).SetName($"StartUp_{name}");
    }
}

using RaffsSync.Application.Configuration;
using RaffsSync.Application.Verification;
using RaffsSync.Tests.Support;

namespace RaffsSync.Tests.Verification;

public sealed class TokenSchemeTests
{
    private readonly IWebhookVerifier queryVerifier = new TokenScheme().Create(
        "accurate",
        new VerificationOptions { QueryParameter = "token", Secrets = ["retired-token", Signer.AccurateToken] }
    );

    private readonly IWebhookVerifier headerVerifier = new TokenScheme().Create(
        "bearer",
        new VerificationOptions
        {
            Header = "Authorization",
            Prefix = "Bearer ",
            Secrets = ["bearer-token-1"],
        }
    );

    [Test]
    public async Task QueryToken_Succeeds()
    {
        var result = await new CommandBuilder().WithQuery("token", Signer.AccurateToken).VerifyAsync(queryVerifier);

        Assert.That(result.Succeeded, Is.True);
    }

    [TestCase("nope")]
    [TestCase("acc-fixture-token-5d1e8")]
    [TestCase("acc-fixture-token-5d1e8b0")]
    public async Task WrongQueryToken_FailsAsInvalid(string token)
    {
        var result = await new CommandBuilder().WithQuery("token", token).VerifyAsync(queryVerifier);

        AssertUnauthorized(result, VerificationReasons.CredentialsInvalid);
    }

    [Test]
    public async Task MissingQueryToken_FailsAsMissing()
    {
        var result = await new CommandBuilder().VerifyAsync(queryVerifier);

        AssertUnauthorized(result, VerificationReasons.CredentialsMissing);
    }

    [Test]
    public async Task RepeatedQueryToken_Fails()
    {
        var builder = new CommandBuilder().WithQuery("token", Signer.AccurateToken, "nope");

        var result = await builder.VerifyAsync(queryVerifier);

        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.StatusCode, Is.EqualTo(401));
    }

    [Test]
    public async Task BearerHeader_Succeeds()
    {
        var result = await new CommandBuilder()
            .WithHeader("authorization", "Bearer bearer-token-1")
            .VerifyAsync(headerVerifier);

        Assert.That(result.Succeeded, Is.True);
    }

    [TestCase("bearer-token-1")]
    [TestCase("Basic bearer-token-1")]
    [TestCase("Bearer bearer-token-2")]
    public async Task WrongBearerHeader_FailsAsInvalid(string value)
    {
        var result = await new CommandBuilder().WithHeader("Authorization", value).VerifyAsync(headerVerifier);

        AssertUnauthorized(result, VerificationReasons.CredentialsInvalid);
    }

    [Test]
    public void HeaderAndQueryBothSet_FailsStartUp()
    {
        var options = new VerificationOptions
        {
            Header = "x-token",
            QueryParameter = "token",
            Secrets = ["t"],
        };

        var exception = Assert.Throws<ProviderConfigurationException>(() => new TokenScheme().Create("p", options));

        Assert.That(exception!.Message, Does.StartWith("RaffsSync:Providers:p:Verification:Header"));
    }

    private static void AssertUnauthorized(VerificationResult result, string reason)
    {
        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.StatusCode, Is.EqualTo(401));
        Assert.That(result.Reason, Is.EqualTo(reason));
    }
}

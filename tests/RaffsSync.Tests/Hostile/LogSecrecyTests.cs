using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RaffsSync.Tests.Support;

namespace RaffsSync.Tests.Hostile;

/// <summary>
/// Replays every recorded delivery with the most verbose logging and searches the whole log output for
/// secrets, signatures, tokens and personal data from the payloads.
/// </summary>
public sealed class LogSecrecyTests
{
    [Test]
    public async Task VerboseReplay_LogsNoSecrets()
    {
        var fixture = FixtureFile.Load("builtin.json");
        var overrides = new Dictionary<string, string?>
        {
            ["Serilog:MinimumLevel:Default"] = "Verbose",
            ["Serilog:MinimumLevel:Override:Microsoft.AspNetCore"] = "Verbose",
            ["Serilog:MinimumLevel:Override:Microsoft.EntityFrameworkCore"] = "Verbose",
        };
        using var database = await TestDatabase.CreateAsync(TestDatabase.Sqlite);
        await using var gateway = new GatewayFactory(database, fixture.At, overrides);
        using var client = gateway.CreateClient();
        var customerEmail = "buyer.secret@example.com";

        foreach (var fixtureCase in fixture.Cases)
        {
            using var request = fixtureCase.Request.ToHttpRequest();
            using var response = await client.SendAsync(request);
        }

        foreach (var hostile in HostileRequestTests.SignedBodies())
        {
            using var request = HostileRequestTests.SignedRequest(
                "msg_log_" + hostile.TestName,
                (byte[])hostile.Arguments[0]!,
                fixture.At
            );
            using var response = await client.SendAsync(request);
        }

        var withEmail = Signer
            .TakeAppOrderBody("o_mail")
            .Replace("\"line_items\"", $"\"email\":\"{customerEmail}\",\"line_items\"", StringComparison.Ordinal);
        using (var mailRequest = Signer.TakeAppRequest("msg_mail", withEmail, fixture.At))
        {
            using var response = await client.SendAsync(mailRequest);
        }

        var output = gateway.Log.RenderAll();
        var forbidden = SecretsIn(FixtureFile.SettingsPath)
            .Concat(SignaturesIn(fixture))
            .Concat(
                HostileRequestTests
                    .SignedBodies()
                    .Select(hostile =>
                        HostileRequestTests.Signature(
                            "msg_log_" + hostile.TestName,
                            (byte[])hostile.Arguments[0]!,
                            fixture.At
                        )
                    )
            )
            .Append("6500000001")
            .Append(customerEmail)
            .ToList();

        Assert.That(
            gateway.Log.Events,
            Has.Count.GreaterThan(fixture.Cases.Count),
            "verbose logging wrote too little to be a test"
        );
        Assert.That(output, Does.Contain("token=[REDACTED]"), "the request log must show the redacted query string");
        foreach (var value in forbidden)
        {
            Assert.That(output, Does.Not.Contain(value), $"the log contains '{value[..Math.Min(6, value.Length)]}…'");
        }
    }

    [Test]
    public async Task Rejections_AreCountedNotLoggedEach()
    {
        var fixture = FixtureFile.Load("builtin.json");
        using var database = await TestDatabase.CreateAsync(TestDatabase.Sqlite);
        await using var gateway = new GatewayFactory(database, fixture.At);
        using var client = gateway.CreateClient();
        var unsigned = fixture.Cases.Single(c => c.Name == "takeapp unsigned");

        for (var i = 0; i < 25; i++)
        {
            using var request = unsigned.Request.ToHttpRequest();
            using var response = await client.SendAsync(request);
        }

        gateway.Services.GetRequiredService<RaffsSync.Api.Logging.RejectionLog>().Flush();
        var warnings = gateway
            .Log.Events.Where(e => e.MessageTemplate.Text.StartsWith("Rejected {Count}", StringComparison.Ordinal))
            .ToList();
        var rendered = warnings.Select(e => e.RenderMessage()).ToList();

        Assert.That(
            rendered,
            Is.EqualTo(
                new[] { "Rejected 25 deliveries for \"takeapp\" with reason \"signature_missing\" in the last 0 s" }
            )
        );
        Assert.That(
            gateway.Log.Events.Count(e =>
                e.Level >= Serilog.Events.LogEventLevel.Information
                && e.RenderMessage().Contains("signature_missing", StringComparison.Ordinal)
            ),
            Is.EqualTo(1)
        );
    }

    [Test]
    public async Task StoredHeaders_HoldNoCredential()
    {
        var fixture = FixtureFile.Load("builtin.json");
        using var database = await TestDatabase.CreateAsync(TestDatabase.Sqlite);
        await using var gateway = new GatewayFactory(database, fixture.At);
        using var client = gateway.CreateClient();
        foreach (var fixtureCase in fixture.Cases)
        {
            using var request = fixtureCase.Request.ToHttpRequest();
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer stolen-bearer-token");
            request.Headers.TryAddWithoutValidation("Cookie", "session=stolen-cookie");
            using var response = await client.SendAsync(request);
        }

        var stored = await gateway.ReadStoredHeadersAsync();
        var all = string.Join('\n', stored);
        var forbidden = SecretsIn(FixtureFile.SettingsPath)
            .Concat(SignaturesIn(fixture))
            .Append("stolen-bearer-token")
            .Append("stolen-cookie");

        Assert.That(stored, Has.Count.EqualTo(10));
        Assert.That(stored, Has.All.Contains("\"authorization\":\"[REDACTED]\""));
        Assert.That(all, Does.Contain("\"webhook-signature\":\"[REDACTED]\""));
        Assert.That(all, Does.Contain("\"signature\":\"[REDACTED]\""));
        foreach (var value in forbidden)
        {
            Assert.That(
                all,
                Does.Not.Contain(value),
                $"a stored header contains '{value[..Math.Min(6, value.Length)]}…'"
            );
        }
    }

    private static IEnumerable<string> SecretsIn(string settingsPath)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(settingsPath));
        foreach (
            var provider in document.RootElement.GetProperty("RaffsSync").GetProperty("Providers").EnumerateObject()
        )
        {
            foreach (var secret in provider.Value.GetProperty("Verification").GetProperty("Secrets").EnumerateArray())
            {
                var text = secret.GetString()!;
                yield return text;
                if (text.StartsWith("whsec_", StringComparison.Ordinal))
                {
                    yield return text["whsec_".Length..];
                }
            }
        }
    }

    private static IEnumerable<string> SignaturesIn(FixtureFile fixture)
    {
        foreach (var fixtureCase in fixture.Cases)
        {
            foreach (var (name, value) in fixtureCase.Request.Headers)
            {
                if (name.Contains("signature", StringComparison.OrdinalIgnoreCase))
                {
                    foreach (var part in value.Split(' ', ','))
                    {
                        if (part.Length >= 16)
                        {
                            yield return part;
                        }
                    }
                }
            }
        }
    }
}

using System.Text;
using Microsoft.AspNetCore.Http;
using RaffsSync.Application.Configuration;
using RaffsSync.Application.Providers.Generic;
using RaffsSync.Application.Verification;
using RaffsSync.Application.Webhooks;

namespace RaffsSync.Tests.Support;

/// <summary>
/// Builds a scheme's verifier from settings and runs it on a delivery, without HTTP or a database.
/// </summary>
public static class VerifierHarness
{
    /// <summary>The instant every unit-test delivery is received at, unless a test sets another.</summary>
    public static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    public static long NowSeconds => Now.ToUnixTimeSeconds();

    public static IWebhookVerifier Create(IVerificationScheme scheme, VerificationOptions options) =>
        scheme.Create("acme", options);

    public static async Task<VerificationResult> VerifyAsync(
        IWebhookVerifier verifier,
        string body,
        IEnumerable<KeyValuePair<string, string[]>> headers,
        DateTimeOffset? receivedAt = null,
        string queryString = ""
    )
    {
        var command = Command(Encoding.UTF8.GetBytes(body), headers, receivedAt ?? Now, queryString);
        return await verifier.VerifyAsync(command, CancellationToken.None);
    }

    public static ReceiveWebhookCommand Command(
        byte[] body,
        IEnumerable<KeyValuePair<string, string[]>> headers,
        DateTimeOffset receivedAt,
        string queryString = ""
    )
    {
        var headerDictionary = new HeaderDictionary();
        foreach (var (name, values) in headers)
        {
            headerDictionary.Append(name, values);
        }

        return new ReceiveWebhookCommand
        {
            Provider = Provider(),
            Headers = headerDictionary,
            Query = new QueryCollection(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(queryString)),
            Body = body,
            MediaType = "application/json",
            ReceivedAt = receivedAt,
        };
    }

    /// <summary>
    /// Shorthand for a header list: one entry per header line, so a name given twice is repeated. An empty
    /// value is dropped by <see cref="HeaderDictionary"/>, so it reads as a missing header.
    /// </summary>
    public static List<KeyValuePair<string, string[]>> Headers(params (string Name, string Value)[] lines) =>
        lines.Select(line => new KeyValuePair<string, string[]>(line.Name, [line.Value])).ToList();

    private static WebhookProvider Provider() =>
        new()
        {
            Code = "acme",
            Enabled = true,
            Scheme = "test",
            Verifier = null!,
            Handler = new GenericWebhookHandler(),
            MaxBodyBytes = WebhookProvider.DefaultMaxBodyBytes,
            MediaTypes = new HashSet<string> { "application/json" },
            EventId = new EventSelectorOptions(),
            EventType = new EventSelectorOptions(),
            Processing = ProcessingMode.Queued,
            DuplicateStatus = 409,
            StoredHeaders = new HashSet<string>(),
            RedactedHeaders = new HashSet<string>(),
        };
}

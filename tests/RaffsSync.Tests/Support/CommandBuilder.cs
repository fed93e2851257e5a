using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using RaffsSync.Application.Configuration;
using RaffsSync.Application.Providers.Generic;
using RaffsSync.Application.Verification;
using RaffsSync.Application.Webhooks;

namespace RaffsSync.Tests.Support;

/// <summary>
/// Builds a <see cref="ReceiveWebhookCommand"/> for verifier unit tests, without a host.
/// </summary>
public sealed class CommandBuilder
{
    private readonly HeaderDictionary headers = [];
    private readonly Dictionary<string, StringValues> query = [];

    public byte[] Body { get; set; } = [];

    public DateTimeOffset ReceivedAt { get; set; } = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    public IPAddress? RemoteAddress { get; set; }

    public CommandBuilder WithHeader(string name, params string[] values)
    {
        headers[name] = new StringValues(values);
        return this;
    }

    public CommandBuilder WithQuery(string name, params string[] values)
    {
        query[name] = new StringValues(values);
        return this;
    }

    public ReceiveWebhookCommand Build(IWebhookVerifier verifier) =>
        new()
        {
            Provider = new WebhookProvider
            {
                Code = "test",
                Enabled = true,
                Scheme = "test",
                Verifier = verifier,
                Handler = new GenericWebhookHandler(),
                MaxBodyBytes = WebhookProvider.DefaultMaxBodyBytes,
                MediaTypes = new HashSet<string> { "application/json" },
                EventId = new EventSelectorOptions(),
                EventType = new EventSelectorOptions(),
                Processing = ProcessingMode.Queued,
                DuplicateStatus = 409,
                StoredHeaders = new HashSet<string>(),
                RedactedHeaders = new HashSet<string>(),
            },
            Headers = headers,
            Query = new QueryCollection(query),
            Body = Body,
            MediaType = "application/json",
            RemoteAddress = RemoteAddress,
            ReceivedAt = ReceivedAt,
        };

    /// <summary>Runs <paramref name="verifier"/> on the command built so far.</summary>
    public async Task<VerificationResult> VerifyAsync(IWebhookVerifier verifier) =>
        await verifier.VerifyAsync(Build(verifier), CancellationToken.None);
}

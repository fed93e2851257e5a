using System.Net;
using Mediator;
using Microsoft.AspNetCore.Http;
using RaffsSync.Domain.Inbox;

namespace RaffsSync.Application.Webhooks;

/// <summary>
/// One delivery as received: the provider, its raw bytes and the request metadata. It passes through
/// verification, validation and idempotency before the provider's handler receives it.
/// </summary>
/// <remarks>
/// A class, not a record: a record's generated ToString would print the headers and body into any log.
/// </remarks>
public sealed class ReceiveWebhookCommand : IRequest<WebhookResult>
{
    public required WebhookProvider Provider { get; init; }

    /// <summary>The optional topic tail of the path, in lower case.</summary>
    public string? Topic { get; init; }

    public required IHeaderDictionary Headers { get; init; }

    public required IQueryCollection Query { get; init; }

    /// <summary>The body exactly as received: verification and storage use these bytes unchanged.</summary>
    public required ReadOnlyMemory<byte> Body { get; init; }

    /// <summary>Media type of the body without parameters, in lower case.</summary>
    public required string MediaType { get; init; }

    public IPAddress? RemoteAddress { get; init; }

    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>Events read from the payload by the validation step; empty before it runs.</summary>
    public IReadOnlyList<WebhookEvent> Events { get; internal set; } = [];

    /// <summary>The events the idempotency step stored; the others were duplicates.</summary>
    public IReadOnlyList<InboxEvent> AcceptedEvents { get; internal set; } = [];
}

/// <summary>
/// An event read from a delivery, before it is stored.
/// </summary>
/// <param name="EventId">The sender's id, or the body's SHA-256 in hex when <paramref name="EventIdDerived"/>.</param>
/// <param name="EventIdDerived">True when the sender named no id.</param>
/// <param name="EventType">The event type, such as <c>order.created</c>.</param>
/// <param name="Body">The event's bytes: the whole body, or one envelope of a batch.</param>
public sealed record WebhookEvent(string EventId, bool EventIdDerived, string EventType, ReadOnlyMemory<byte> Body);

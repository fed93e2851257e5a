using System.Collections.Concurrent;
using RaffsSync.Application.Processing;
using RaffsSync.Application.Providers.Generic;
using RaffsSync.Application.Webhooks;
using RaffsSync.Domain.Inbox;

namespace RaffsSync.Tests.Support;

/// <summary>
/// A handler for the test provider <c>probe</c> that counts its calls per event id, always fails events of type
/// <see cref="FailingType"/> and blocks on <see cref="HangingType"/>. Deliveries are read as by the generic handler.
/// </summary>
public sealed class ProbeHandler : WebhookHandler
{
    public const string Code = "probe";
    public const string Type = "probe.ok";
    public const string FailingType = "probe.fail";
    public const string FailureMessage = "The probe handler fails every event of type probe.fail.";

    /// <summary>Events of this type wait until their cancellation token fires, as a handler caught in a stop.</summary>
    public const string HangingType = "probe.hang";

    private readonly GenericWebhookHandler reader = new();
    private readonly ConcurrentDictionary<string, int> calls = new(StringComparer.Ordinal);

    /// <summary>Settings that configure the probe provider, to pass as gateway overrides.</summary>
    public static Dictionary<string, string?> Settings { get; } =
        new()
        {
            [$"RaffsSync:Providers:{Code}:Verification:Scheme"] = "token",
            [$"RaffsSync:Providers:{Code}:Verification:QueryParameter"] = "token",
            [$"RaffsSync:Providers:{Code}:Verification:Secrets:0"] = "probe-test-token",
        };

    public override string Provider => Code;

    public IReadOnlyDictionary<string, int> Calls => calls;

    /// <summary>Completes when a handler starts on an event of <see cref="HangingType"/>.</summary>
    public TaskCompletionSource HangingStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override PayloadReadResult ReadEvents(ReceiveWebhookCommand command) => reader.ReadEvents(command);

    public override async ValueTask<InboxEventOutcome> ProcessAsync(
        InboxEvent inboxEvent,
        ProcessingContext context,
        CancellationToken cancellationToken
    )
    {
        calls.AddOrUpdate(inboxEvent.EventId, 1, (_, count) => count + 1);

        // Give concurrent workers a chance to interleave inside the transaction.
        await Task.Yield();

        if (inboxEvent.EventType == HangingType)
        {
            HangingStarted.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        if (inboxEvent.EventType == FailingType)
        {
            throw new InvalidOperationException(FailureMessage);
        }

        return InboxEventOutcome.Processed;
    }

    public int CallsFor(string eventId) => calls.GetValueOrDefault(eventId);
}

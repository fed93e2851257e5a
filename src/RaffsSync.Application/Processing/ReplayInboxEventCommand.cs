using Mediator;
using Microsoft.Extensions.DependencyInjection;
using RaffsSync.Domain.Inbox;

namespace RaffsSync.Application.Processing;

/// <summary>
/// Puts a processed or dead-lettered event back to pending with a fresh set of attempts, so workers run its
/// handler again. Handlers are idempotent, so replaying a processed event rewrites the same records.
/// </summary>
/// <param name="Provider">The provider code, such as <c>takeapp</c>.</param>
/// <param name="EventId">The event id as stored, such as <c>101:a1b2c3d4-…</c> for Accurate.</param>
public sealed record ReplayInboxEventCommand(string Provider, string EventId) : IRequest<ReplayInboxEventResult>;

public enum ReplayStatus
{
    /// <summary>The event is pending again and due now.</summary>
    Replayed,

    /// <summary>No event has this provider and id.</summary>
    NotFound,

    /// <summary>The event is pending or processing, so it runs anyway; nothing was changed.</summary>
    NotReplayable,
}

/// <param name="Status">What the replay did.</param>
/// <param name="PreviousStatus">The event's status before the replay; null when it was not found.</param>
public sealed record ReplayInboxEventResult(ReplayStatus Status, InboxEventStatus? PreviousStatus);

public sealed class ReplayInboxEventCommandHandler(
    IServiceScopeFactory scopeFactory,
    ProcessingReporter reporter,
    TimeProvider timeProvider
) : IRequestHandler<ReplayInboxEventCommand, ReplayInboxEventResult>
{
    public async ValueTask<ReplayInboxEventResult> Handle(
        ReplayInboxEventCommand request,
        CancellationToken cancellationToken
    )
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var inbox = scope.ServiceProvider.GetRequiredService<IInboxStore>();

        var inboxEvent = await inbox.FindAsync(request.Provider, request.EventId, cancellationToken);
        if (inboxEvent is null)
        {
            return new ReplayInboxEventResult(ReplayStatus.NotFound, null);
        }

        var previous = inboxEvent.Status;
        if (previous is not (InboxEventStatus.Processed or InboxEventStatus.DeadLettered))
        {
            return new ReplayInboxEventResult(ReplayStatus.NotReplayable, previous);
        }

        var now = timeProvider.GetUtcNow();
        if (!await inbox.ReplayAsync(inboxEvent.Id, previous, now, cancellationToken))
        {
            // The status changed since it was read, as when another replay ran first.
            return new ReplayInboxEventResult(ReplayStatus.NotReplayable, previous);
        }

        reporter.Replayed(inboxEvent);
        return new ReplayInboxEventResult(ReplayStatus.Replayed, previous);
    }
}

using System.Globalization;
using Microsoft.EntityFrameworkCore;
using RaffsSync.Application.Records;
using RaffsSync.Domain.Refresh;

namespace RaffsSync.Infrastructure.Persistence.Records;

internal sealed class RefreshRequestWriter(RaffsSyncDbContext context) : IRefreshRequestWriter
{
    public async Task<RecordWriteResult> RequestAsync(
        RefreshRequestUpdate update,
        DateTimeOffset now,
        CancellationToken cancellationToken
    )
    {
        var key = string.Create(
            CultureInfo.InvariantCulture,
            $"refresh:{update.DatabaseId}:{update.RecordType}:{update.RecordId}"
        );
        await RecordLocks.AcquireAsync(context, key, cancellationToken);

        var pending = await context.RefreshRequests.SingleOrDefaultAsync(
            stored =>
                stored.DatabaseId == update.DatabaseId
                && stored.RecordType == update.RecordType
                && stored.RecordId == update.RecordId
                && stored.Status == RefreshRequestStatus.Pending,
            cancellationToken
        );

        if (pending is null)
        {
            context.RefreshRequests.Add(update.ToNewRequest(now));
            await context.SaveChangesAsync(cancellationToken);
            return RecordWriteResult.Created;
        }

        if (update.IsOlderThan(pending))
        {
            return RecordWriteResult.Stale;
        }

        update.ApplyTo(pending, now);
        await context.SaveChangesAsync(cancellationToken);
        return RecordWriteResult.Updated;
    }
}

using Microsoft.EntityFrameworkCore;
using RaffsSync.Application.Records;
using RaffsSync.Domain.Orders;

namespace RaffsSync.Infrastructure.Persistence.Records;

internal sealed class OrderWriter(RaffsSyncDbContext context) : IOrderWriter
{
    public async Task<RecordWriteResult> ApplyAsync(
        OrderUpdate update,
        DateTimeOffset now,
        CancellationToken cancellationToken
    )
    {
        await RecordLocks.AcquireAsync(context, $"order:{update.Source}:{update.ExternalId}", cancellationToken);

        var order = await context
            .Orders.Include(stored => stored.LineItems)
            .SingleOrDefaultAsync(
                stored => stored.Source == update.Source && stored.ExternalId == update.ExternalId,
                cancellationToken
            );

        RecordWriteResult result;
        if (order is null)
        {
            order = new Order
            {
                Id = Guid.CreateVersion7(now),
                Source = update.Source,
                ExternalId = update.ExternalId,
                LastEventId = update.EventId,
                CreatedAt = now,
            };
            context.Orders.Add(order);
            result = RecordWriteResult.Created;
        }
        else if (update.IsOlderThan(order))
        {
            return RecordWriteResult.Stale;
        }
        else
        {
            result = RecordWriteResult.Updated;
        }

        update.ApplyTo(order, now);
        await context.SaveChangesAsync(cancellationToken);
        return result;
    }
}

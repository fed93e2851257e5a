using System.Globalization;
using Microsoft.EntityFrameworkCore;
using RaffsSync.Application.Records;
using RaffsSync.Domain.Inventory;

namespace RaffsSync.Infrastructure.Persistence.Records;

internal sealed class InventoryLevelWriter(RaffsSyncDbContext context) : IInventoryLevelWriter
{
    public async Task<RecordWriteResult> ApplyAsync(
        InventoryLevelUpdate update,
        DateTimeOffset now,
        CancellationToken cancellationToken
    )
    {
        var key = string.Create(
            CultureInfo.InvariantCulture,
            $"inventory:{update.DatabaseId}:{update.ItemId}:{update.WarehouseId}"
        );
        await RecordLocks.AcquireAsync(context, key, cancellationToken);

        var level = await context.InventoryLevels.SingleOrDefaultAsync(
            stored =>
                stored.DatabaseId == update.DatabaseId
                && stored.ItemId == update.ItemId
                && stored.WarehouseId == update.WarehouseId,
            cancellationToken
        );

        RecordWriteResult result;
        if (level is null)
        {
            level = new InventoryLevel
            {
                Id = Guid.CreateVersion7(now),
                DatabaseId = update.DatabaseId,
                ItemId = update.ItemId,
                WarehouseId = update.WarehouseId,
                LastEventId = update.EventId,
                CreatedAt = now,
            };
            context.InventoryLevels.Add(level);
            result = RecordWriteResult.Created;
        }
        else if (update.IsOlderThan(level))
        {
            return RecordWriteResult.Stale;
        }
        else
        {
            result = RecordWriteResult.Updated;
        }

        update.ApplyTo(level, now);
        await context.SaveChangesAsync(cancellationToken);
        return result;
    }
}

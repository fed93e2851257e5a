using Microsoft.EntityFrameworkCore.Storage;
using RaffsSync.Application.Processing;

namespace RaffsSync.Infrastructure.Persistence.Processing;

/// <summary>
/// Transactions on the scope's DbContext. On SQLite, Microsoft.Data.Sqlite begins them with BEGIN IMMEDIATE, so
/// a transaction takes the write lock up front instead of failing to upgrade a read lock later.
/// </summary>
internal sealed class DatabaseTransactions(RaffsSyncDbContext context) : IDatabaseTransactions
{
    public async Task<IDatabaseTransaction> BeginAsync(CancellationToken cancellationToken)
    {
        var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        return new DatabaseTransaction(transaction);
    }

    private sealed class DatabaseTransaction(IDbContextTransaction transaction) : IDatabaseTransaction
    {
        public Task CommitAsync(CancellationToken cancellationToken) => transaction.CommitAsync(cancellationToken);

        public ValueTask DisposeAsync() => transaction.DisposeAsync();
    }
}

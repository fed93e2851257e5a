namespace RaffsSync.Application.Processing;

/// <summary>
/// Opens a transaction on the scope's database session. The inbox store, the inline inbox writer and the record
/// writers of the same scope all take part in it.
/// </summary>
public interface IDatabaseTransactions
{
    Task<IDatabaseTransaction> BeginAsync(CancellationToken cancellationToken);
}

/// <summary>An open transaction. Disposing it without <see cref="CommitAsync"/> rolls it back.</summary>
public interface IDatabaseTransaction : IAsyncDisposable
{
    Task CommitAsync(CancellationToken cancellationToken);
}

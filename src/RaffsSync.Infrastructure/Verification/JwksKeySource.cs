using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace RaffsSync.Infrastructure.Verification;

/// <summary>
/// The signing keys of a <c>jwt</c> provider. A source that can reload (a file or a URL) reloads when its
/// cache expires and when a token names a key id it does not have, at most once per
/// <see cref="MinRefreshInterval"/>, so tokens with made-up key ids cannot make the gateway fetch on every request.
/// </summary>
internal sealed partial class JwksKeySource
{
    /// <summary>How long loaded keys are used before they are loaded again.</summary>
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromHours(1);

    /// <summary>Shortest time between two loads triggered by unknown key ids.</summary>
    public static readonly TimeSpan MinRefreshInterval = TimeSpan.FromSeconds(30);

    private readonly Func<CancellationToken, Task<string>>? load;
    private readonly TimeProvider timeProvider;
    private readonly ILogger logger;
    private readonly string provider;
    private readonly Lock gate = new();

    private IReadOnlyList<SecurityKey>? keys;
    private DateTimeOffset loadedAt;
    private DateTimeOffset lastAttemptAt = DateTimeOffset.MinValue;
    private Exception? lastFailure;
    private Task<IReadOnlyList<SecurityKey>>? pendingLoad;

    /// <summary>
    /// Creates a source. <paramref name="load"/> returns the JWKS text, or is null for keys that never
    /// change; <paramref name="initialKeys"/> are used until the first load, or null to load on first use.
    /// </summary>
    public JwksKeySource(
        string provider,
        IReadOnlyList<SecurityKey>? initialKeys,
        Func<CancellationToken, Task<string>>? load,
        TimeProvider timeProvider,
        ILogger logger
    )
    {
        this.provider = provider;
        this.load = load;
        this.timeProvider = timeProvider;
        this.logger = logger;
        keys = initialKeys;
        loadedAt = timeProvider.GetUtcNow();
    }

    public bool CanRefresh => load is not null;

    /// <summary>Returns the cached keys, loading them first when there are none or they expired.</summary>
    /// <exception cref="JwksUnavailableException">No keys were ever loaded and loading failed.</exception>
    public Task<IReadOnlyList<SecurityKey>> GetKeysAsync(CancellationToken cancellationToken) =>
        LoadAsync(force: false).WaitAsync(cancellationToken);

    /// <summary>
    /// Loads the keys again because a token named an unknown key id, unless the last attempt was less than
    /// <see cref="MinRefreshInterval"/> ago; returns the keys in use afterwards.
    /// </summary>
    /// <exception cref="JwksUnavailableException">No keys were ever loaded and loading failed.</exception>
    public Task<IReadOnlyList<SecurityKey>> RefreshForUnknownKeyAsync(CancellationToken cancellationToken) =>
        LoadAsync(force: true).WaitAsync(cancellationToken);

    /// <summary>
    /// Decides whether to load, and starts at most one load at a time: concurrent callers share it. The load
    /// runs without the caller's cancellation token, so one abandoned request does not fail the others.
    /// </summary>
    private Task<IReadOnlyList<SecurityKey>> LoadAsync(bool force)
    {
        lock (gate)
        {
            if (load is null)
            {
                return Task.FromResult(keys!);
            }

            if (pendingLoad is { IsCompleted: false })
            {
                return pendingLoad;
            }

            var now = timeProvider.GetUtcNow();
            var recentlyTried = now - lastAttemptAt < MinRefreshInterval;
            if (keys is not null && (recentlyTried || (!force && now - loadedAt < CacheLifetime)))
            {
                return Task.FromResult(keys);
            }

            if (keys is null && recentlyTried && lastFailure is not null)
            {
                return Task.FromException<IReadOnlyList<SecurityKey>>(
                    new JwksUnavailableException(provider, lastFailure)
                );
            }

            lastAttemptAt = now;
            pendingLoad = LoadCoreAsync(now);
            return pendingLoad;
        }
    }

    private async Task<IReadOnlyList<SecurityKey>> LoadCoreAsync(DateTimeOffset startedAt)
    {
        try
        {
            var loaded = JwksDocument.Parse(await load!(CancellationToken.None));
            lock (gate)
            {
                keys = loaded;
                loadedAt = startedAt;
                lastFailure = null;
            }

            LogLoaded(logger, provider, loaded.Count);
            return loaded;
        }
        catch (Exception exception) when (IsLoadFailure(exception))
        {
            IReadOnlyList<SecurityKey>? cached;
            lock (gate)
            {
                lastFailure = exception;
                cached = keys;
            }

            if (cached is null)
            {
                throw new JwksUnavailableException(provider, exception);
            }

            LogLoadFailed(logger, provider, exception);
            return cached;
        }
    }

    /// <summary>True for a failed load; a timeout is an <see cref="OperationCanceledException"/> here.</summary>
    private static bool IsLoadFailure(Exception exception) =>
        exception
            is HttpRequestException
                or IOException
                or FormatException
                or UnauthorizedAccessException
                or OperationCanceledException;

    [LoggerMessage(
        EventId = 2100,
        Level = LogLevel.Information,
        Message = "Loaded {KeyCount} JWKS keys for {Provider}"
    )]
    private static partial void LogLoaded(ILogger logger, string provider, int keyCount);

    [LoggerMessage(
        EventId = 2101,
        Level = LogLevel.Warning,
        Message = "Reloading the JWKS for {Provider} failed; the cached keys stay in use"
    )]
    private static partial void LogLoadFailed(ILogger logger, string provider, Exception exception);
}

/// <summary>
/// The JWKS of a <c>jwt</c> provider could not be loaded and no earlier copy exists, so no token can be
/// checked. The request fails with 500 and the sender retries.
/// </summary>
public sealed class JwksUnavailableException(string provider, Exception innerException)
    : Exception($"The JWKS of provider {provider} could not be loaded.", innerException);

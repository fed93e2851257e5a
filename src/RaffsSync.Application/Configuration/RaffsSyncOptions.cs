namespace RaffsSync.Application.Configuration;

/// <summary>
/// Settings under the <c>RaffsSync</c> configuration section.
/// </summary>
public sealed class RaffsSyncOptions
{
    public const string SectionName = "RaffsSync";

    public StorageOptions Storage { get; set; } = new();

    /// <summary>The token bucket each source address gets for each provider.</summary>
    public RateLimitOptions SourceRateLimit { get; set; } = new();

    public ProcessingOptions Processing { get; set; } = new();

    /// <summary>Provider settings keyed by provider code, such as <c>takeapp</c>.</summary>
    public Dictionary<string, ProviderOptions> Providers { get; set; } = new(StringComparer.Ordinal);
}

public sealed class StorageOptions
{
    public const string SqliteProvider = "Sqlite";
    public const string PostgresProvider = "Postgres";
    public const string DefaultSqliteConnectionString = "Data Source=data/raffssync.db";

    /// <summary><c>Sqlite</c> (embedded default) or <c>Postgres</c>.</summary>
    public string Provider { get; set; } = SqliteProvider;

    public string? ConnectionString { get; set; }

    /// <summary>Apply pending migrations at start-up; switch off when operators migrate separately.</summary>
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>How PostgreSQL inbox writes of concurrent deliveries share round trips; SQLite ignores it.</summary>
    public InboxBatchingOptions Batching { get; set; } = new();
}

/// <summary>
/// Settings under <c>RaffsSync:Storage:Batching</c>. With batching on, the rows of concurrent deliveries are
/// inserted by one statement and one commit, and each delivery still gets its 2xx only after that commit.
/// </summary>
public sealed class InboxBatchingOptions
{
    /// <summary>Coalesce concurrent deliveries' inserts; false writes one statement per delivery.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Maximum rows in one batch. A delivery with more rows than this is written alone.</summary>
    public int MaxBatchSize { get; set; } = 128;

    /// <summary>
    /// Maximum time in microseconds that a delivery waits for others to join its batch; 0 sends whatever is
    /// queued at once. The wait ends early when the batch is full.
    /// </summary>
    public int MaxWaitMicroseconds { get; set; } = 1000;

    /// <summary>Batches in flight at once, each on its own connection, so one batch fills while another commits.</summary>
    public int MaxConcurrentBatches { get; set; } = 2;
}

/// <summary>
/// One provider's settings as configured. Unset values take the built-in provider's defaults, then the general ones.
/// </summary>
public sealed class ProviderOptions
{
    public bool? Enabled { get; set; }

    public VerificationOptions Verification { get; set; } = new();

    public EventSelectorOptions EventId { get; set; } = new();

    public EventSelectorOptions EventType { get; set; } = new();

    /// <summary>Largest accepted body in bytes; 1 MiB when unset.</summary>
    public long? MaxBodyBytes { get; set; }

    /// <summary>Accepted media types without parameters; <c>application/json</c> when empty.</summary>
    public List<string> MediaTypes { get; set; } = [];

    public RateLimitOptions RateLimit { get; set; } = new();

    public ProcessingMode? Processing { get; set; }

    /// <summary>Status for a duplicate delivery: 409 (default) or 200 for senders that retry every non-2xx.</summary>
    public int? DuplicateStatus { get; set; }

    /// <summary>Accurate databases (tenants) whose deliveries are accepted.</summary>
    public List<long> AllowedDatabaseIds { get; set; } = [];
}

public sealed class VerificationOptions
{
    public string? Scheme { get; set; }

    /// <summary>Active secrets; several during rotation, any one may match.</summary>
    public List<string> Secrets { get; set; } = [];

    public string? Header { get; set; }

    public string? Prefix { get; set; }

    /// <summary><c>hex</c> or <c>base64</c>.</summary>
    public string? Encoding { get; set; }

    /// <summary><c>SHA256</c>, <c>SHA1</c> or <c>SHA512</c>.</summary>
    public string? Algorithm { get; set; }

    /// <summary>Template of the signed content, such as <c>v0:{timestamp}:{body}</c>; the raw body when unset.</summary>
    public string? SignedContent { get; set; }

    public string? TimestampHeader { get; set; }

    public int? ToleranceSeconds { get; set; }

    public string? QueryParameter { get; set; }

    /// <summary>For <c>jwt</c>: the required <c>iss</c> claim, such as <c>https://login.example.com/</c>.</summary>
    public string? Issuer { get; set; }

    /// <summary>For <c>jwt</c>: the value the <c>aud</c> claim must contain.</summary>
    public string? Audience { get; set; }

    /// <summary>
    /// For <c>jwt</c>: the signing keys as a JWKS JSON document in a string. A JSON object in a settings file
    /// leaves this null, and the <c>jwt</c> scheme reads the object from configuration itself.
    /// </summary>
    public string? Jwks { get; set; }

    /// <summary>For <c>jwt</c>: path of a JWKS file, relative to the content root unless absolute.</summary>
    public string? JwksFile { get; set; }

    /// <summary>For <c>jwt</c>: an https URL serving the JWKS, fetched on first use and cached.</summary>
    public string? JwksUrl { get; set; }

    /// <summary>Source addresses allowed to deliver, as CIDR blocks; any address when empty.</summary>
    public List<string> AllowedSources { get; set; } = [];
}

/// <summary>Where an event's id or type is read from: a header first, then a JSON pointer into the body.</summary>
public sealed class EventSelectorOptions
{
    public string? Header { get; set; }

    public string? JsonPointer { get; set; }
}

/// <summary>A token bucket: refilled with <see cref="PermitsPerSecond"/> tokens a second, holding at most <see cref="Burst"/>.</summary>
public sealed class RateLimitOptions
{
    public int? PermitsPerSecond { get; set; }

    public int? Burst { get; set; }
}

public enum ProcessingMode
{
    /// <summary>Store, return 202, and let a worker run the handler.</summary>
    Queued,

    /// <summary>Run the handler before the response, in the transaction of the insert, and return 200.</summary>
    Inline,
}

namespace RaffsSync.Application.Records;

/// <summary>What a record writer did with an update.</summary>
public enum RecordWriteResult
{
    Created,

    Updated,

    /// <summary>The stored record has a newer source time than the update, so nothing was written.</summary>
    Stale,
}

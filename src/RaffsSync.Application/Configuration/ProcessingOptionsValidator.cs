using Microsoft.Extensions.Options;

namespace RaffsSync.Application.Configuration;

/// <summary>
/// Rejects processing settings that would stall or spin the workers, naming the key and the allowed range.
/// </summary>
internal sealed class ProcessingOptionsValidator : IValidateOptions<RaffsSyncOptions>
{
    public const int MaxBatchSize = 500;

    public ValidateOptionsResult Validate(string? name, RaffsSyncOptions options)
    {
        var processing = options.Processing;
        var failures = new List<string>();

        if (processing.Workers < 0)
        {
            failures.Add("RaffsSync:Processing:Workers must be 0 or more.");
        }

        if (processing.BatchSize is < 1 or > MaxBatchSize)
        {
            failures.Add($"RaffsSync:Processing:BatchSize must be between 1 and {MaxBatchSize}.");
        }

        if (processing.PollInterval <= TimeSpan.Zero)
        {
            failures.Add("RaffsSync:Processing:PollInterval must be longer than zero, such as 00:00:01.");
        }

        if (processing.LeaseTimeout < TimeSpan.FromSeconds(1))
        {
            failures.Add("RaffsSync:Processing:LeaseTimeout must be at least one second, such as 00:00:30.");
        }

        if (processing.MaxAttempts < 1)
        {
            failures.Add("RaffsSync:Processing:MaxAttempts must be 1 or more.");
        }

        if (processing.BackoffBase <= TimeSpan.Zero)
        {
            failures.Add("RaffsSync:Processing:BackoffBase must be longer than zero, such as 00:00:05.");
        }

        if (processing.BackoffCap < processing.BackoffBase)
        {
            failures.Add("RaffsSync:Processing:BackoffCap must be at least BackoffBase.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

namespace RaffsSync.Application.Processing;

/// <summary>
/// A stored event whose payload a handler cannot turn into records, such as a field longer than its column or an
/// amount that is not a whole number of minor units. Retrying cannot help, so the event is dead-lettered at once.
/// The message names the field and the rule, never the value.
/// </summary>
public sealed class InvalidEventPayloadException : Exception
{
    public InvalidEventPayloadException(string message)
        : base(message) { }

    public InvalidEventPayloadException(string message, Exception innerException)
        : base(message, innerException) { }

    public InvalidEventPayloadException() { }
}

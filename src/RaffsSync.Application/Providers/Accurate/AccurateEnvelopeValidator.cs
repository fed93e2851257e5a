using System.Text.Json;
using FluentValidation;
using RaffsSync.Domain.Inbox;

namespace RaffsSync.Application.Providers.Accurate;

/// <summary>
/// The fields every Accurate envelope needs: database id, type, timestamp in Accurate's format, uuid and a data array.
/// </summary>
public sealed class AccurateEnvelopeValidator : AbstractValidator<AccurateEnvelope>
{
    public AccurateEnvelopeValidator()
    {
        RuleFor(envelope => envelope.DatabaseId)
            .NotNull()
            .WithMessage("The database id is required.")
            .OverridePropertyName("databaseId");
        RuleFor(envelope => envelope.Type)
            .NotEmpty()
            .WithMessage("The type is required.")
            .MaximumLength(InboxLimits.EventTypeMaxLength)
            .WithMessage($"The type must be at most {InboxLimits.EventTypeMaxLength} characters.")
            .OverridePropertyName("type");
        RuleFor(envelope => envelope.Uuid)
            .NotEmpty()
            .WithMessage("The uuid is required.")
            .MaximumLength(100)
            .WithMessage("The uuid must be at most 100 characters.")
            .OverridePropertyName("uuid");
        RuleFor(envelope => envelope.Timestamp)
            .Must(BeAccurateTimestamp)
            .WithMessage($"The timestamp must be in the format {AccurateEnvelope.TimestampFormat}.")
            .OverridePropertyName("timestamp");
        RuleFor(envelope => envelope.Data.ValueKind)
            .Equal(JsonValueKind.Array)
            .WithMessage("The data must be an array.")
            .OverridePropertyName("data");
    }

    private static bool BeAccurateTimestamp(string? value) => AccurateEnvelope.TryParseTimestamp(value, out _);
}

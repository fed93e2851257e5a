using FluentValidation;
using RaffsSync.Domain.Inbox;

namespace RaffsSync.Application.Providers.TakeApp;

/// <summary>
/// The fields the Take App handler needs: the event type, and for order events the order's id, update time and
/// money fields.
/// </summary>
public sealed class TakeAppPayloadValidator : AbstractValidator<TakeAppPayload>
{
    public TakeAppPayloadValidator()
    {
        RuleFor(payload => payload.Type)
            .NotEmpty()
            .WithMessage("The event type is required.")
            .MaximumLength(InboxLimits.EventTypeMaxLength)
            .WithMessage($"The event type must be at most {InboxLimits.EventTypeMaxLength} characters.")
            .OverridePropertyName("type");

        RuleFor(payload => payload.Data)
            .NotNull()
            .WithMessage("The data object is required.")
            .OverridePropertyName("data");

        When(
            payload => payload.Data is not null && payload.Type?.StartsWith("order.", StringComparison.Ordinal) == true,
            () =>
            {
                RuleFor(payload => payload.Data!.Id)
                    .NotEmpty()
                    .WithMessage("The order id is required.")
                    .MaximumLength(InboxLimits.EventIdMaxLength)
                    .WithMessage($"The order id must be at most {InboxLimits.EventIdMaxLength} characters.")
                    .OverridePropertyName("data.id");
                RuleFor(payload => payload.Data!.UpdatedAt)
                    .NotNull()
                    .WithMessage("The order's update time is required to order updates.")
                    .OverridePropertyName("data.updated_at");
                RuleFor(payload => payload.Data!.Currency)
                    .NotEmpty()
                    .WithMessage("The currency is required.")
                    .Length(3)
                    .WithMessage("The currency must be a three-letter ISO 4217 code.")
                    .OverridePropertyName("data.currency");
                RuleFor(payload => payload.Data!.TotalAmount)
                    .NotNull()
                    .WithMessage("The total amount is required.")
                    .GreaterThanOrEqualTo(0)
                    .WithMessage("The total amount must not be negative.")
                    .OverridePropertyName("data.total_amount");
            }
        );
    }
}

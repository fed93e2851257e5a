using FluentValidation;
using RaffsSync.Domain.Inbox;

namespace RaffsSync.Application.Providers.ISeller;

/// <summary>
/// The fields the iSeller handler needs for order events: the order id and its update time.
/// </summary>
public sealed class ISellerPayloadValidator : AbstractValidator<ISellerPayload>
{
    public ISellerPayloadValidator()
    {
        RuleFor(payload => payload.OrderId)
            .NotEmpty()
            .WithMessage("The order id is required.")
            .MaximumLength(InboxLimits.EventIdMaxLength)
            .WithMessage($"The order id must be at most {InboxLimits.EventIdMaxLength} characters.")
            .OverridePropertyName("order_id");

        RuleFor(payload => payload.UpdatedAt)
            .NotNull()
            .WithMessage("The order's update time is required to order updates.")
            .OverridePropertyName("updated_at");
    }
}

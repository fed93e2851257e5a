using RaffsSync.Domain.Inbox;

namespace RaffsSync.Api.Endpoints;

/// <summary>
/// Matches a provider code exactly (<c>^[a-z0-9][a-z0-9-]{0,31}$</c>); anything else falls through to 404.
/// </summary>
internal sealed class ProviderRouteConstraint : IRouteConstraint
{
    public const string Name = "webhookProvider";

    public bool Match(
        HttpContext? httpContext,
        IRouter? route,
        string routeKey,
        RouteValueDictionary values,
        RouteDirection routeDirection
    ) => values.TryGetValue(routeKey, out var value) && value is string text && RouteNames.IsValidProvider(text);
}

/// <summary>
/// Matches a topic tail (<c>^[a-z0-9][a-z0-9._-]{0,63}$</c>, any case); anything else falls through to 404.
/// </summary>
internal sealed class TopicRouteConstraint : IRouteConstraint
{
    public const string Name = "webhookTopic";

    public bool Match(
        HttpContext? httpContext,
        IRouter? route,
        string routeKey,
        RouteValueDictionary values,
        RouteDirection routeDirection
    ) => values.TryGetValue(routeKey, out var value) && value is string text && RouteNames.IsValidTopic(text);
}

using System.Diagnostics;
using Mediator;
using Microsoft.Net.Http.Headers;
using RaffsSync.Api.Logging;
using RaffsSync.Api.RateLimiting;
using RaffsSync.Application.Providers;
using RaffsSync.Application.Verification;
using RaffsSync.Application.Webhooks;

namespace RaffsSync.Api.Endpoints;

/// <summary>
/// <c>POST /webhooks/v1/{provider}[/{topic}]</c> and the provider's <c>GET</c> health check.
/// </summary>
internal static class WebhookEndpoints
{
    public static IEndpointRouteBuilder MapWebhookEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/webhooks/v1").WithTags("Webhooks");

        group
            .MapPost($"/{{provider:{ProviderRouteConstraint.Name}}}", ReceiveAsync)
            .WithName("ReceiveWebhook")
            .WithWebhookRateLimit()
            .WithSummary("Receive a delivery from a provider.");
        group
            .MapPost(
                $"/{{provider:{ProviderRouteConstraint.Name}}}/{{topic:{TopicRouteConstraint.Name}}}",
                ReceiveAsync
            )
            .WithName("ReceiveWebhookOnTopic")
            .WithWebhookRateLimit()
            .WithSummary("Receive a delivery; the topic is a routing hint used when the delivery names no type.");
        group
            .MapGet($"/{{provider:{ProviderRouteConstraint.Name}}}", GetProviderHealth)
            .WithName("GetProviderHealth")
            .WithSummary("Tell a provider's setup screen that the endpoint is alive.");

        // Other methods get 405 with Allow for a configured provider, and 404 for an unknown one, so a scanner
        // cannot tell which codes exist by trying PUT.
        group.MapMethods(
            $"/{{provider:{ProviderRouteConstraint.Name}}}",
            ["PUT", "PATCH", "DELETE", "OPTIONS", "HEAD"],
            (string provider, WebhookProviderCatalog catalog, HttpContext context) =>
                MethodNotAllowed(provider, catalog, context, "GET, POST")
        );
        group.MapMethods(
            $"/{{provider:{ProviderRouteConstraint.Name}}}/{{topic:{TopicRouteConstraint.Name}}}",
            ["GET", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD"],
            (string provider, WebhookProviderCatalog catalog, HttpContext context) =>
                MethodNotAllowed(provider, catalog, context, "POST")
        );

        return routes;
    }

    private static IResult GetProviderHealth(string provider, WebhookProviderCatalog catalog, HttpContext context)
    {
        if (!catalog.TryGet(provider, out var found) || !found.Enabled)
        {
            return WebhookResponses.Problem(context, 404, "not_found", "No such provider.");
        }

        return TypedResults.Json(
            new ProviderHealthBody("alive", found.Code),
            ApiJsonContext.Default.ProviderHealthBody
        );
    }

    private static IResult MethodNotAllowed(
        string provider,
        WebhookProviderCatalog catalog,
        HttpContext context,
        string allow
    )
    {
        if (!catalog.TryGet(provider, out _))
        {
            return WebhookResponses.Problem(context, 404, "not_found", "No such provider.");
        }

        context.Response.Headers.Allow = allow;
        return WebhookResponses.Problem(context, 405, "method_not_allowed", $"This path accepts {allow}.");
    }

    private static async Task<IResult> ReceiveAsync(
        string provider,
        string? topic,
        HttpContext context,
        WebhookProviderCatalog catalog,
        IMediator mediator,
        TimeProvider timeProvider,
        RejectionLog rejectionLog,
        ILogger<ReceiveWebhookCommand> logger
    )
    {
        var log = new DeliveryLog(logger, rejectionLog, context);
        var started = Stopwatch.GetTimestamp();
        var request = context.Request;

        if (!catalog.TryGet(provider, out var webhookProvider))
        {
            rejectionLog.Record("unknown", "not_found");
            return WebhookResponses.Problem(context, 404, "not_found", "No such provider.");
        }

        var normalizedTopic = topic?.ToLowerInvariant();
        var preflight = CheckSizeAndMediaType(request, webhookProvider, out var mediaType);
        if (preflight is not null)
        {
            log.Write(provider, normalizedTopic, preflight, started);
            return WebhookResponses.FromResult(preflight, context);
        }

        using var body = new RequestBodyReader();
        if (!await body.TryReadAsync(request, webhookProvider.MaxBodyBytes, context.RequestAborted))
        {
            var tooLarge = TooLarge();
            log.Write(provider, normalizedTopic, tooLarge, started);
            return WebhookResponses.FromResult(tooLarge, context);
        }

        var command = new ReceiveWebhookCommand
        {
            Provider = webhookProvider,
            Topic = normalizedTopic,
            Headers = request.Headers,
            Query = request.Query,
            Body = body.Body,
            MediaType = mediaType!,
            RemoteAddress = context.Connection.RemoteIpAddress,
            ReceivedAt = timeProvider.GetUtcNow(),
        };

        var result = await mediator.Send(command, context.RequestAborted);

        log.Write(provider, normalizedTopic, result, started);
        return WebhookResponses.FromResult(result, context);
    }

    /// <summary>Applies the checks that need no body: declared length (413), encoding and media type (415).</summary>
    private static WebhookResult? CheckSizeAndMediaType(
        HttpRequest request,
        WebhookProvider provider,
        out string? mediaType
    )
    {
        mediaType = null;
        if (request.ContentLength > provider.MaxBodyBytes)
        {
            return TooLarge();
        }

        var encoding = request.Headers.ContentEncoding;
        if (
            encoding.Count > 0
            && !(encoding.Count == 1 && string.Equals(encoding[0], "identity", StringComparison.OrdinalIgnoreCase))
        )
        {
            return WebhookResult.Rejected(415, "unsupported_encoding", "Content-Encoding must be identity.");
        }

        if (
            !MediaTypeHeaderValue.TryParse(request.ContentType, out var parsed)
            || parsed.MediaType.Value is not { } value
        )
        {
            return UnsupportedMediaType();
        }

        mediaType = value.ToLowerInvariant();
        return provider.MediaTypes.Contains(mediaType) ? null : UnsupportedMediaType();
    }

    private static WebhookResult TooLarge() =>
        WebhookResult.Rejected(413, "body_too_large", "The body is larger than this provider's limit.");

    private static WebhookResult UnsupportedMediaType() =>
        WebhookResult.Rejected(415, "unsupported_media_type", "This provider does not send this media type.");
}

using Microsoft.AspNetCore.Diagnostics;
using RaffsSync.Api.Endpoints;

namespace RaffsSync.Api.Hosting;

/// <summary>
/// The one place an unexpected exception becomes a response: 500 problem details, so the sender retries, and
/// one error line with the exception but never the request.
/// </summary>
internal sealed partial class UnhandledExceptionHandler(ILogger<UnhandledExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(
        HttpContext httpContext,
        Exception exception,
        CancellationToken cancellationToken
    )
    {
        if (exception is BadHttpRequestException badRequest)
        {
            // Kestrel's own rejections, such as a malformed chunked body, are the client's fault.
            var status = badRequest.StatusCode is >= 400 and < 500 ? badRequest.StatusCode : 400;
            var clientProblem = WebhookResponses.Problem(
                httpContext,
                status,
                "bad_request",
                "The request is malformed."
            );
            await clientProblem.ExecuteAsync(httpContext);
            return true;
        }

        if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            // The client disconnected, so there is no response to send.
            return true;
        }

        LogUnhandled(logger, httpContext.Request.Path, WebhookResponses.TraceId(httpContext), exception);
        var problem = WebhookResponses.Problem(
            httpContext,
            500,
            "internal_error",
            "The delivery was not stored; retry later."
        );
        await problem.ExecuteAsync(httpContext);
        return true;
    }

    [LoggerMessage(EventId = 1900, Level = LogLevel.Error, Message = "Request {Path} failed, trace {TraceId}")]
    private static partial void LogUnhandled(ILogger logger, PathString path, string traceId, Exception exception);
}

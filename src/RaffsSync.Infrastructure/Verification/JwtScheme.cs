using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;
using RaffsSync.Application.Configuration;
using RaffsSync.Application.Verification;

namespace RaffsSync.Infrastructure.Verification;

/// <summary>
/// OAuth 2.0 access tokens: <c>Authorization: Bearer &lt;JWT&gt;</c>, checked for an RSA or EC signature by a
/// key of the configured JWKS (<c>Jwks</c> inline, <c>JwksFile</c> or <c>JwksUrl</c>), the <c>Issuer</c>, the
/// <c>Audience</c>, and the lifetime with <c>ToleranceSeconds</c> of clock skew (60 by default).
/// </summary>
/// <remarks>Lives in Infrastructure because it reads files and fetches URLs.</remarks>
public sealed class JwtScheme(
    IHttpClientFactory httpClientFactory,
    IConfiguration configuration,
    IHostEnvironment environment,
    TimeProvider timeProvider,
    ILoggerFactory loggerFactory
) : IVerificationScheme
{
    public const string HttpClientName = "RaffsSync.Jwks";

    /// <summary>Default clock skew allowed on <c>exp</c> and <c>nbf</c>, in seconds.</summary>
    public const int DefaultToleranceSeconds = 60;

    public string Name => VerificationSchemeNames.Jwt;

    public IWebhookVerifier Create(string provider, VerificationOptions options)
    {
        var issuer = VerificationSettings.Require(
            provider,
            "Verification:Issuer",
            options.Issuer,
            "the issuer (iss claim) the tokens must carry"
        );
        var audience = VerificationSettings.Require(
            provider,
            "Verification:Audience",
            options.Audience,
            "the audience (aud claim) the tokens must carry"
        );
        var tolerance = VerificationSettings.ReadToleranceSeconds(provider, options, DefaultToleranceSeconds);
        var keys = CreateKeySource(provider, options);
        return new JwtVerifier(keys, issuer, audience, TimeSpan.FromSeconds(tolerance));
    }

    private JwksKeySource CreateKeySource(string provider, VerificationOptions options)
    {
        var inlineJwks = ReadInlineJwks(provider, options);
        var configured = new[] { inlineJwks, options.JwksFile, options.JwksUrl };
        if (configured.Count(value => !string.IsNullOrWhiteSpace(value)) != 1)
        {
            throw new ProviderConfigurationException(
                provider,
                "Verification:Jwks",
                "or Verification:JwksFile or Verification:JwksUrl must be set, and only one of them."
            );
        }

        var logger = loggerFactory.CreateLogger<JwtScheme>();
        if (!string.IsNullOrWhiteSpace(inlineJwks))
        {
            var inline = ParseSetting(provider, "Verification:Jwks", inlineJwks);
            return new JwksKeySource(provider, inline, load: null, timeProvider, logger);
        }

        if (!string.IsNullOrWhiteSpace(options.JwksFile))
        {
            var path = Path.GetFullPath(options.JwksFile, environment.ContentRootPath);
            var fromFile = ParseSetting(provider, "Verification:JwksFile", ReadFile(provider, path));
            return new JwksKeySource(
                provider,
                fromFile,
                cancellationToken => File.ReadAllTextAsync(path, cancellationToken),
                timeProvider,
                logger
            );
        }

        var url = ReadUrl(provider, options.JwksUrl!);
        return new JwksKeySource(provider, initialKeys: null, token => FetchAsync(url, token), timeProvider, logger);
    }

    /// <summary>
    /// Returns <c>Jwks</c> as JSON text, whether it is configured as a string or, in a JSON settings file, as an
    /// object; null when it is not set.
    /// </summary>
    private string? ReadInlineJwks(string provider, VerificationOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.Jwks))
        {
            return options.Jwks;
        }

        var section = configuration.GetSection($"RaffsSync:Providers:{provider}:Verification:Jwks");
        return section.GetChildren().Any() ? ConfigurationJson.Write(section) : null;
    }

    private static IReadOnlyList<SecurityKey> ParseSetting(string provider, string setting, string json)
    {
        try
        {
            return JwksDocument.Parse(json);
        }
        catch (FormatException exception)
        {
            throw new ProviderConfigurationException(provider, setting, exception.Message);
        }
    }

    private static string ReadFile(string provider, string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new ProviderConfigurationException(
                provider,
                "Verification:JwksFile",
                $"'{path}' could not be read: {exception.Message}"
            );
        }
    }

    /// <summary>Accepts an absolute https URL, or http to a loopback host, which never leaves the machine.</summary>
    private static Uri ReadUrl(string provider, string value)
    {
        var valid = Uri.TryCreate(value.Trim(), UriKind.Absolute, out var url);
        var loopback = valid && url!.IsLoopback;
        if (!valid || !(url!.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && loopback)))
        {
            throw new ProviderConfigurationException(
                provider,
                "Verification:JwksUrl",
                "must be an absolute https URL; http is accepted only for a loopback host such as 127.0.0.1."
            );
        }

        return url!;
    }

    /// <summary>
    /// Fetches the JWKS; the named client caps the time and the response size, and either failure throws
    /// <see cref="HttpRequestException"/> or a timeout.
    /// </summary>
    private async Task<string> FetchAsync(Uri url, CancellationToken cancellationToken)
    {
        using var client = httpClientFactory.CreateClient(HttpClientName);
        using var response = await client.GetAsync(url, cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }
}

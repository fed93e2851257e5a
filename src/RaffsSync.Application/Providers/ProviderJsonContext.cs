using System.Text.Json.Serialization;
using RaffsSync.Application.Providers.Accurate;
using RaffsSync.Application.Providers.ISeller;
using RaffsSync.Application.Providers.TakeApp;

namespace RaffsSync.Application.Providers;

/// <summary>
/// Source-generated JSON metadata for the built-in payloads: no reflection on the hot path, duplicate keys rejected.
/// </summary>
[JsonSourceGenerationOptions(AllowDuplicateProperties = false, MaxDepth = 64)]
[JsonSerializable(typeof(TakeAppPayload))]
[JsonSerializable(typeof(ISellerPayload))]
[JsonSerializable(typeof(AccurateEnvelope))]
public sealed partial class ProviderJsonContext : JsonSerializerContext;

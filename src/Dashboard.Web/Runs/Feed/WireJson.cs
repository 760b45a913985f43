using System.Text.Json;
using System.Text.Json.Serialization;
using Dashboard.Web.Runs.Lifecycle;

namespace Dashboard.Web.Runs.Feed;

/// <summary>
/// JSON settings for runs on the wire (hub, API): camelCase and enums as camelCase strings (lanes
/// are "pid:tid" strings by their own converter). Apply to any options that serialise a
/// <see cref="RunSummary"/>.
/// </summary>
public static class WireJson
{
    /// <summary>Adds camelCase naming and the enum converter to <paramref name="options"/>.</summary>
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.PropertyNamingPolicy ??= JsonNamingPolicy.CamelCase;
        if (!options.Converters.OfType<JsonStringEnumConverter>().Any())
        {
            options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        }

        return options;
    }
}

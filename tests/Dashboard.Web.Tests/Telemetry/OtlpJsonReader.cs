using System.Text.Json;

namespace Dashboard.Web.Tests.Telemetry;

/// <summary>Reads OTLP/JSON trace documents the way the spec lays them out, without an OTLP library.</summary>
internal static class OtlpJsonReader
{
    /// <summary>A span as the test reads it: ids, times in Unix nanoseconds, status code, attributes (string, int or double) as text.</summary>
    internal sealed record OtlpSpan(string TraceId, string SpanId, string? ParentSpanId, string Name, long Start, long End, int StatusCode, Dictionary<string, string> Attributes);

    /// <summary>The spans of an OTLP/JSON document, in document order, read as the spec writes them.</summary>
    internal static List<OtlpSpan> Spans(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        var spans = new List<OtlpSpan>();
        foreach (var resource in document.RootElement.GetProperty("resourceSpans").EnumerateArray())
        {
            foreach (var scope in resource.GetProperty("scopeSpans").EnumerateArray())
            {
                foreach (var span in scope.GetProperty("spans").EnumerateArray())
                {
                    spans.Add(new OtlpSpan(
                        span.GetProperty("traceId").GetString()!,
                        span.GetProperty("spanId").GetString()!,
                        span.TryGetProperty("parentSpanId", out var parent) ? parent.GetString() : null,
                        span.GetProperty("name").GetString()!,
                        long.Parse(span.GetProperty("startTimeUnixNano").GetString()!, System.Globalization.CultureInfo.InvariantCulture),
                        long.Parse(span.GetProperty("endTimeUnixNano").GetString()!, System.Globalization.CultureInfo.InvariantCulture),
                        span.TryGetProperty("status", out var status) ? status.GetProperty("code").GetInt32() : 0,
                        Attributes(span)));
                }
            }
        }

        return spans;
    }

    internal static Dictionary<string, string> Attributes(JsonElement owner)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var attribute in owner.GetProperty("attributes").EnumerateArray())
        {
            var value = attribute.GetProperty("value");
            attributes[attribute.GetProperty("key").GetString()!] = value.TryGetProperty("stringValue", out var text) ? text.GetString()!
                : value.TryGetProperty("doubleValue", out var number) ? number.GetDouble().ToString(System.Globalization.CultureInfo.InvariantCulture)
                : value.GetProperty("intValue").GetString()!;
        }

        return attributes;
    }
}

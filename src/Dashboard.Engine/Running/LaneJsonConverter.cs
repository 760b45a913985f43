using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dashboard.Engine.Running;

/// <summary>
/// A <see cref="Lane"/> in JSON is the string "pid:tid", the same form the timelines, the bench
/// JSON, the hub and the exports show; compact for 10,000 spans.
/// </summary>
public sealed class LaneJsonConverter : JsonConverter<Lane>
{
    public override Lane Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException("A lane must be a string \"pid:tid\".");
        }

        var text = reader.GetString()!;
        try
        {
            return Lane.Parse(text);
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            throw new JsonException($"'{Workloads.ValueEcho.Short(text)}' is not a lane (expected \"pid:tid\").", e);
        }
    }

    public override void Write(Utf8JsonWriter writer, Lane value, JsonSerializerOptions options)
    {
        Span<char> buffer = stackalloc char[24];
        value.ProcessId.TryFormat(buffer, out var p, provider: CultureInfo.InvariantCulture);
        buffer[p] = ':';
        value.ThreadId.TryFormat(buffer[(p + 1)..], out var t, provider: CultureInfo.InvariantCulture);
        writer.WriteStringValue(buffer[..(p + 1 + t)]);
    }
}

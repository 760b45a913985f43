using System.Text.Json;
using System.Text.Json.Serialization;
using Dashboard.Engine.Running;

namespace Dashboard.Web.Runs;

/// <summary>A <see cref="Lane"/> as "pid:tid" on the wire, the same form the task events use.</summary>
public sealed class LaneJsonConverter : JsonConverter<Lane>
{
    public override Lane Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString() ?? throw new JsonException("A lane must be a \"pid:tid\" string.");
        try
        {
            return Lane.Parse(text);
        }
        catch (FormatException ex)
        {
            throw new JsonException(ex.Message, ex);
        }
    }

    public override void Write(Utf8JsonWriter writer, Lane value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}

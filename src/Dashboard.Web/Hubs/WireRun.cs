using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dashboard.Web.Runs.Lifecycle;
using MessagePack;
using MessagePack.Formatters;

namespace Dashboard.Web.Hubs;

/// <summary>
/// A <see cref="RunSummary"/> as the hub's <see cref="RunHub.GetRun"/> returns it: JSON clients
/// receive the summary's own JSON shape; MessagePack clients receive it as UTF-8 JSON bytes (as
/// <see cref="WirePack"/> embeds a run), because MessagePack's resolvers cannot write the
/// polymorphic workload parameters a run's plan holds. A .NET MessagePack client reads
/// <see cref="Run"/>.
/// </summary>
[JsonConverter(typeof(Converter))]
[MessagePackFormatter(typeof(PackFormatter))]
public sealed class WireRun(RunSummary run)
{
    /// <summary>The run as it was when the hub answered.</summary>
    public RunSummary Run { get; } = run;

    /// <summary>Writes the summary as its own JSON; JSON clients read a <see cref="RunSummary"/>.</summary>
    public sealed class Converter : JsonConverter<WireRun>
    {
        public override WireRun Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            new(JsonSerializer.Deserialize<RunSummary>(ref reader, options) ?? throw new JsonException("A run was expected."));

        public override void Write(Utf8JsonWriter writer, WireRun value, JsonSerializerOptions options)
        {
            ArgumentNullException.ThrowIfNull(writer);
            ArgumentNullException.ThrowIfNull(value);
            JsonSerializer.Serialize(writer, value.Run, options);
        }
    }

    /// <summary>Writes the summary as UTF-8 JSON bytes (<see cref="WirePack.Json"/>) and reads them back.</summary>
    public sealed class PackFormatter : IMessagePackFormatter<WireRun?>
    {
        public void Serialize(ref MessagePackWriter writer, WireRun? value, MessagePackSerializerOptions options)
        {
            if (value is null)
            {
                writer.WriteNil();
                return;
            }

            writer.Write(JsonSerializer.SerializeToUtf8Bytes(value.Run, WirePack.Json));
        }

        public WireRun? Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
        {
            if (reader.TryReadNil())
            {
                return null;
            }

            var bytes = reader.ReadBytes() ?? throw new MessagePackSerializationException("A run's JSON bytes were expected.");
            return new WireRun(JsonSerializer.Deserialize<RunSummary>(bytes.ToArray(), WirePack.Json)
                ?? throw new MessagePackSerializationException("The run's JSON was null."));
        }
    }
}

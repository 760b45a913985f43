using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dashboard.Web.Runs;

namespace Dashboard.Web.Hubs;

/// <summary>
/// A <see cref="RunFeedMessage"/> as the hub sends it: trimmed (<see cref="WireTrim"/>) and
/// serialised to UTF-8 JSON once per message object, however many connections receive it. The
/// feed hands every watcher at the same point the same batch object, so a 10,000-event batch for
/// 50 watchers is serialised once, and SignalR's JSON protocol copies the bytes in as they are
/// (<see cref="Converter"/>). The wire is the same as serialising the message itself.
/// </summary>
[JsonConverter(typeof(Converter))]
public sealed class WireMessage
{
    // Keyed by the feed's message object, so the bytes live exactly as long as the message does.
    // Lazy: 50 connections asking at the same moment wait for one serialisation, not run 50.
    private static readonly ConditionalWeakTable<RunFeedMessage, Lazy<WireMessage>> Cache = new();

    private WireMessage(byte[] utf8Json) => Utf8Json = utf8Json;

    /// <summary>The message's JSON as SignalR writes it into the stream item.</summary>
    public ReadOnlyMemory<byte> Utf8Json { get; }

    /// <summary>The wire form of <paramref name="message"/>, serialised with <paramref name="options"/> on first use only.</summary>
    public static WireMessage For(RunFeedMessage message, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(options);
        return Cache.GetValue(message, m => new Lazy<WireMessage>(
            () => new WireMessage(JsonSerializer.SerializeToUtf8Bytes(WireTrim.ForWire(m), options)),
            LazyThreadSafetyMode.ExecutionAndPublication)).Value;
    }

    /// <summary>Writes the pre-serialised bytes as the JSON value; the server never reads one.</summary>
    public sealed class Converter : JsonConverter<WireMessage>
    {
        public override WireMessage Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("A WireMessage is only ever written (clients read RunFeedMessage).");

        public override void Write(Utf8JsonWriter writer, WireMessage value, JsonSerializerOptions options)
        {
            ArgumentNullException.ThrowIfNull(writer);
            ArgumentNullException.ThrowIfNull(value);
            writer.WriteRawValue(value.Utf8Json.Span, skipInputValidation: true);
        }
    }
}

using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dashboard.Web.Runs.Feed;
using Dashboard.Web.Runs.Lifecycle;
using MessagePack;
using MessagePack.Formatters;

namespace Dashboard.Web.Hubs;

/// <summary>
/// A <see cref="RunFeedMessage"/> as the hub sends it: trimmed (<see cref="WireTrim"/>) and
/// serialised once per message object, however many connections receive it: to UTF-8 JSON for
/// the JSON protocol, to the packed columns of <see cref="WirePack"/> for the MessagePack
/// protocol, each on first use. The feed hands every watcher at the same point the same batch
/// object, so a 10,000-event batch for 50 watchers is serialised once per protocol, and SignalR
/// copies the bytes in as they are (<see cref="Converter"/>, <see cref="PackFormatter"/>).
/// A .NET MessagePack client receives a WireMessage too and reads it with <see cref="Unpack"/>.
/// </summary>
[JsonConverter(typeof(Converter))]
[MessagePackFormatter(typeof(PackFormatter))]
public sealed class WireMessage
{
    // Keyed by the feed's message object, so the bytes live exactly as long as the message does.
    private static readonly ConditionalWeakTable<RunFeedMessage, WireMessage> Cache = new();

    // Lazy: 50 connections asking at the same moment wait for one serialisation, not run 50.
    private readonly Lazy<byte[]> _utf8Json;
    private readonly Lazy<byte[]> _packed;

    private WireMessage(RunFeedMessage message, JsonSerializerOptions options)
    {
        var trimmed = new Lazy<RunFeedMessage>(() => WireTrim.ForWire(message), LazyThreadSafetyMode.ExecutionAndPublication);
        _utf8Json = new Lazy<byte[]>(() => JsonSerializer.SerializeToUtf8Bytes(trimmed.Value, options), LazyThreadSafetyMode.ExecutionAndPublication);
        _packed = new Lazy<byte[]>(() => WirePack.Write(trimmed.Value), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    private WireMessage(byte[] packed)
    {
        _utf8Json = new Lazy<byte[]>(() => throw new NotSupportedException("A received WireMessage holds its packed form only."));
        _packed = new Lazy<byte[]>(packed);
    }

    /// <summary>The message's JSON as SignalR writes it into the stream item.</summary>
    public ReadOnlyMemory<byte> Utf8Json => _utf8Json.Value;

    /// <summary>The message's packed form (<see cref="WirePack"/>) as SignalR's MessagePack protocol writes it.</summary>
    public ReadOnlyMemory<byte> Packed => _packed.Value;

    /// <summary>The wire form of <paramref name="message"/>; JSON with <paramref name="options"/>, each form serialised on first use only.</summary>
    public static WireMessage For(RunFeedMessage message, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(options);
        return Cache.GetValue(message, m => new WireMessage(m, options));
    }

    /// <summary>The feed message a MessagePack client received (<see cref="WirePack.Read"/>).</summary>
    public RunFeedMessage Unpack() => WirePack.Read(Packed);

    /// <summary>Writes the pre-serialised bytes as the JSON value; the server never reads one.</summary>
    public sealed class Converter : JsonConverter<WireMessage>
    {
        public override WireMessage Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("A WireMessage is only ever written as JSON (JSON clients read RunFeedMessage).");

        public override void Write(Utf8JsonWriter writer, WireMessage value, JsonSerializerOptions options)
        {
            ArgumentNullException.ThrowIfNull(writer);
            ArgumentNullException.ThrowIfNull(value);
            writer.WriteRawValue(value.Utf8Json.Span, skipInputValidation: true);
        }
    }

    /// <summary>Writes the packed bytes as the MessagePack value, and reads one back as it came (a client unpacks it).</summary>
    public sealed class PackFormatter : IMessagePackFormatter<WireMessage?>
    {
        public void Serialize(ref MessagePackWriter writer, WireMessage? value, MessagePackSerializerOptions options)
        {
            if (value is null)
            {
                writer.WriteNil();
                return;
            }

            writer.WriteRaw(value.Packed.Span);
        }

        public WireMessage? Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
        {
            if (reader.TryReadNil())
            {
                return null;
            }

            var start = reader.Position;
            reader.Skip();
            return new WireMessage(reader.Sequence.Slice(start, reader.Position).ToArray());
        }
    }
}

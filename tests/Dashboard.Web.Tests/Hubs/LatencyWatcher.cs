using System.Buffers;
using System.Buffers.Text;
using System.Net.WebSockets;
using System.Text;

namespace Dashboard.Web.Tests.Hubs;

/// <summary>
/// Watches a run over the SignalR JSON protocol on a bare WebSocket (bearer token in the
/// Authorization header, as the .NET client's AccessTokenProvider sends it on WebSockets) and
/// measures, for every event of every batch, the time from the event's wallMs to the moment the
/// whole message has arrived. It scans the bytes for "seq" and "wallMs" instead of deserialising,
/// so 50 of them in the same process measure the server rather than their own parsing.
/// </summary>
public static class LatencyWatcher
{
    private const byte RecordSeparator = 0x1e;

    public static async Task<Result> WatchAsync(Uri baseAddress, string token, long runId, CancellationToken cancellationToken)
    {
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", "Bearer " + token);
        var uri = new UriBuilder(new Uri(baseAddress, "hubs/runs")) { Scheme = "ws" }.Uri;
        await socket.ConnectAsync(uri, cancellationToken);
        await SendAsync(socket, "{\"protocol\":\"json\",\"version\":1}", cancellationToken);
        await SendAsync(socket, $"{{\"type\":4,\"invocationId\":\"1\",\"target\":\"Watch\",\"arguments\":[{runId}]}}", cancellationToken);

        var result = new Result();
        var record = new ArrayBufferWriter<byte>(1 << 16);
        var buffer = new byte[1 << 16];
        while (true)
        {
            var received = await socket.ReceiveAsync(buffer, cancellationToken);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                throw new InvalidOperationException("The hub closed the socket before the stream completed.");
            }

            var chunk = buffer.AsSpan(0, received.Count);
            while (chunk.Length > 0)
            {
                var end = chunk.IndexOf(RecordSeparator);
                if (end < 0)
                {
                    record.Write(chunk);
                    break;
                }

                record.Write(chunk[..end]);
                chunk = chunk[(end + 1)..];
                var now = (DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).TotalMilliseconds;
                if (Process(record.WrittenSpan, now, result))
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, cancellationToken);
                    return result;
                }

                record.Clear();
            }
        }
    }

    /// <summary>Reads one protocol message; true when it completes the stream.</summary>
    private static bool Process(ReadOnlySpan<byte> message, double now, Result result)
    {
        if (message.StartsWith("{\"type\":3,"u8))
        {
            if (message.IndexOf("\"error\""u8) >= 0)
            {
                throw new InvalidOperationException("Watch failed: " + Encoding.UTF8.GetString(message));
            }

            return true;
        }

        if (!message.StartsWith("{\"type\":2,"u8))
        {
            return false;
        }

        var batch = message.IndexOf("\"type\":\"batch\""u8) >= 0;
        result.Messages++;
        var rest = message;
        while (true)
        {
            var seqAt = rest.IndexOf("\"seq\":"u8);
            if (seqAt < 0)
            {
                return false;
            }

            rest = rest[(seqAt + 6)..];
            if (!Utf8Parser.TryParse(rest, out long seq, out _))
            {
                continue;
            }

            result.Gaps += seq == result.LastSeq + 1 ? 0 : 1;
            result.LastSeq = seq;
            result.Received++;
            var wallAt = rest.IndexOf("\"wallMs\":"u8);
            if (batch && wallAt >= 0 && Utf8Parser.TryParse(rest[(wallAt + 9)..], out double wallMs, out _))
            {
                result.Latencies.Add(now - wallMs);
            }
        }
    }

    private static Task SendAsync(ClientWebSocket socket, string message, CancellationToken cancellationToken) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(message + (char)RecordSeparator), WebSocketMessageType.Text, true, cancellationToken);

    public sealed class Result
    {
        public List<double> Latencies { get; } = [];

        public long Received { get; set; }

        public long LastSeq { get; set; }

        public int Gaps { get; set; }

        public int Messages { get; set; }
    }
}

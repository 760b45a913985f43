using System.Net.WebSockets;
using System.Text;

namespace Dashboard.Web.Tests.Hubs;

/// <summary>
/// Watches a run over the SignalR JSON protocol on a bare WebSocket, without parsing the items, so a
/// benchmark measures the server's streaming cost and not a client's deserialisation.
/// </summary>
public static class RawHubWatcher
{
    private const char RecordSeparator = '\u001e';

    /// <summary>Streams Watch(runId) to its end; returns (stream items, bytes received).</summary>
    public static async Task<(int Items, long Bytes)> WatchAsync(Uri baseAddress, string token, long runId, CancellationToken cancellationToken)
    {
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", "Bearer " + token);
        var uri = new UriBuilder(new Uri(baseAddress, "hubs/runs")) { Scheme = baseAddress.Scheme == "https" ? "wss" : "ws" }.Uri;
        await socket.ConnectAsync(uri, cancellationToken);
        await SendAsync(socket, "{\"protocol\":\"json\",\"version\":1}", cancellationToken);
        await SendAsync(socket, $"{{\"type\":4,\"invocationId\":\"1\",\"target\":\"Watch\",\"arguments\":[{runId}]}}", cancellationToken);

        // Only each message's head is kept (enough to classify it), so the client does next to no work.
        var buffer = new byte[1 << 16];
        var head = new StringBuilder();
        var items = 0;
        long bytes = 0;
        while (true)
        {
            var received = await socket.ReceiveAsync(buffer, cancellationToken);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                throw new InvalidOperationException("The hub closed the socket before the stream completed.");
            }

            bytes += received.Count;
            for (var i = 0; i < received.Count; i++)
            {
                var b = buffer[i];
                if (b != (byte)RecordSeparator)
                {
                    if (head.Length < 512)
                    {
                        head.Append((char)b);
                    }

                    continue;
                }

                var message = head.ToString();
                head.Clear();
                if (message.StartsWith("{\"type\":2,", StringComparison.Ordinal))
                {
                    items++;
                }
                else if (message.StartsWith("{\"type\":3,", StringComparison.Ordinal))
                {
                    if (message.Contains("\"error\"", StringComparison.Ordinal))
                    {
                        throw new InvalidOperationException("Watch failed: " + message);
                    }

                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, cancellationToken);
                    return (items, bytes);
                }
            }
        }
    }

    private static Task SendAsync(ClientWebSocket socket, string message, CancellationToken cancellationToken) =>
        socket.SendAsync(new ArraySegment<byte>(Encoding.UTF8.GetBytes(message + RecordSeparator)), WebSocketMessageType.Text, true, cancellationToken);
}

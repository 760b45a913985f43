using System.Buffers;
using System.Text.Json;
using System.Threading.Channels;
using Dashboard.Engine.Workers;

namespace Dashboard.Worker;

/// <summary>
/// Writes messages to stdout as JSON lines from one writer task: tasks on many threads enqueue
/// without blocking, and lines never interleave. Flushes whenever the queue runs dry, so the
/// parent sees events live without one syscall per event under load.
/// </summary>
internal sealed class WorkerOutput
{
    private const int MaxBatchBytes = 64 * 1024;
    private static readonly byte[] NewLine = "\n"u8.ToArray();
    private readonly Channel<WorkerMessage> _queue = Channel.CreateUnbounded<WorkerMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Stream _stdout;
    private readonly Task _writer;

    public WorkerOutput(Stream stdout)
    {
        _stdout = stdout;
        _writer = Task.Run(WriteAsync);
    }

    public void Send(WorkerMessage message) => _queue.Writer.TryWrite(message);

    /// <summary>Writes everything queued so far and stops.</summary>
    public async Task CompleteAsync()
    {
        _queue.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
    }

    private async Task WriteAsync()
    {
        var reader = _queue.Reader;
        var buffer = new ArrayBufferWriter<byte>(4096);
        using var json = new Utf8JsonWriter(buffer);
        try
        {
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (reader.TryRead(out var message))
                {
                    MessageWriter.Write(json, message);
                    json.Flush();
                    json.Reset();
                    buffer.Write(NewLine);
                    if (buffer.WrittenCount > MaxBatchBytes)
                    {
                        break;
                    }
                }

                await _stdout.WriteAsync(buffer.WrittenMemory).ConfigureAwait(false);
                await _stdout.FlushAsync().ConfigureAwait(false);
                buffer.ResetWrittenCount();
            }
        }
        catch (IOException)
        {
            // The parent closed our stdout: it is gone, nobody is listening any more.
        }
    }
}

using System.IO.Pipelines;

namespace Dashboard.Web.Exports;

/// <summary>
/// Runs a synchronous exporter (CSV, OTLP, Chrome trace: each writes to a Stream or TextWriter as
/// it enumerates the spans) on its own thread into a pipe that the response body drains, so the
/// export leaves the server as it is written: the pipe holds at most about a megabyte, and a slow
/// reader slows the writer down instead of the server buffering the whole file. ASP.NET Core
/// refuses synchronous writes to a response body; the pipe is what makes these writers usable.
/// </summary>
public static class StreamedExport
{
    private const long PauseBytes = 1 << 20;

    /// <summary>Writes <paramref name="write"/>'s output to <paramref name="body"/> as it comes.</summary>
    public static async Task WriteAsync(Stream body, Action<Stream> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(write);
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: PauseBytes, resumeWriterThreshold: PauseBytes / 2));
        var producer = Task.Factory.StartNew(
            () =>
            {
                try
                {
                    using (var stream = pipe.Writer.AsStream(leaveOpen: true))
                    {
                        write(stream);
                    }

                    pipe.Writer.Complete();
                }
                catch (Exception e)
                {
                    pipe.Writer.Complete(e);
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
        try
        {
            await pipe.Reader.CopyToAsync(body, cancellationToken);
        }
        finally
        {
            // A reader gone (client closed, cancelled) lets the writer finish into nothing instead of waiting forever.
            await pipe.Reader.CompleteAsync();
            await producer;
        }
    }

    /// <summary>
    /// For exporters writing through a <see cref="System.Text.Json.Utf8JsonWriter"/> on a stream:
    /// hands what is pending to the stream every ~64 KiB, so the writer never buffers the file.
    /// </summary>
    public static void FlushEvery64KiB(System.Text.Json.Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (writer.BytesPending > 64 * 1024)
        {
            writer.Flush();
        }
    }
}

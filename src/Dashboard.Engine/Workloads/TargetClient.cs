using System.Buffers;
using System.Globalization;
using System.Net;

namespace Dashboard.Engine.Workloads;

/// <summary>
/// The HTTP side of the genre and scrape workloads: one <see cref="HttpClient"/> per workload
/// instance, a truly blocking GET (HttpClient.Send + synchronous reads) and an async GET of the
/// same request, clear errors for non-success answers, and progress in bytes read.
/// </summary>
internal sealed class TargetClient : IDisposable
{
    /// <summary>The tutorial's genre API refused requests without a User-Agent; we always send one.</summary>
    public const string UserAgent = "ConcurrencyDashboard/1.0 (+https://github.com/based-jace/concurrency-parallelism-and-asyncio)";


    /// <summary>Pages bigger than this are refused: a lab page is ~100 KB, a runaway target must not eat memory.</summary>
    public const int MaxBodyBytes = 64 * 1024 * 1024;

    /// <summary>Progress is reported each time this many more bytes arrived (not per read, to keep events few).</summary>
    public const int ProgressStepBytes = 32 * 1024;

    private const int ReadBufferBytes = 16 * 1024;

    private readonly HttpClient _client;
    private readonly Uri _baseUri;

    /// <param name="requestTimeout">One request (headers and body) may take this long before it fails with a timeout.</param>
    public TargetClient(string targetBaseUrl, bool followRedirects, TimeSpan requestTimeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(requestTimeout, TimeSpan.Zero);
        _baseUri = NormaliseBase(targetBaseUrl);
        RequestTimeout = requestTimeout;
        var handler = new SocketsHttpHandler
        {
            // Thousands of tasks may wait at once: a per-server connection cap would turn the
            // async and threads strategies into queues and hide the lesson.
            MaxConnectionsPerServer = int.MaxValue,
            UseProxy = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(3),
            ConnectTimeout = TimeSpan.FromSeconds(10),
            AllowAutoRedirect = followRedirects,
            MaxAutomaticRedirections = 5,
            AutomaticDecompression = DecompressionMethods.None,
        };

        // Timeouts are per request (RequestTimeout) and cover the body too, see Send/SendAsync.
        _client = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        _client.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent);
    }

    /// <summary>One request (headers and body) may take this long before it fails with a timeout.</summary>
    public TimeSpan RequestTimeout { get; }

    /// <summary>"http://host:port/sim" and "http://host:port/sim/" both mean the folder /sim/.</summary>
    public static Uri NormaliseBase(string targetBaseUrl)
    {
        var text = targetBaseUrl.EndsWith('/') ? targetBaseUrl : targetBaseUrl + "/";
        return new Uri(text, UriKind.Absolute);
    }

    /// <summary>The blocking GET: the calling thread waits in Send and in every Read.</summary>
    public byte[] Get(string relativePath, TaskContext context, bool reportProgress)
    {
        var uri = new Uri(_baseUri, relativePath);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
        timeout.CancelAfter(RequestTimeout);
        try
        {
            using var request = NewRequest(uri);
            using var response = _client.Send(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            EnsureSuccess(response, uri);

            // Synchronous reads ignore tokens: disposing the response unblocks a Read in flight.
            using var abort = timeout.Token.Register(static r => ((HttpResponseMessage)r!).Dispose(), response);
            using var body = response.Content.ReadAsStream(timeout.Token);
            return ReadAll(body, response.Content.Headers.ContentLength, context, reportProgress, timeout.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or IOException or HttpRequestException)
        {
            throw Translate(e, uri, RequestTimeout, context.CancellationToken, timeout.Token);
        }
    }

    /// <summary>The async GET of the same request: no thread waits while the target answers.</summary>
    public async ValueTask<byte[]> GetAsync(string relativePath, TaskContext context, bool reportProgress)
    {
        var uri = new Uri(_baseUri, relativePath);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
        timeout.CancelAfter(RequestTimeout);
        try
        {
            using var request = NewRequest(uri);
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            EnsureSuccess(response, uri);
            var body = await response.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false);
            await using (body.ConfigureAwait(false))
            {
                return await ReadAllAsync(body, response.Content.Headers.ContentLength, context, reportProgress, timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or IOException or HttpRequestException)
        {
            throw Translate(e, uri, RequestTimeout, context.CancellationToken, timeout.Token);
        }
    }

    public void Dispose() => _client.Dispose();

    private static HttpRequestMessage NewRequest(Uri uri) => new(HttpMethod.Get, uri);

    private static void EnsureSuccess(HttpResponseMessage response, Uri requested)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        // After a redirect the failing page is the final one, not the one we asked for.
        var where = (response.RequestMessage?.RequestUri ?? requested).AbsolutePath;
        var reason = string.IsNullOrWhiteSpace(response.ReasonPhrase) ? response.StatusCode.ToString() : response.ReasonPhrase;
        throw new HttpRequestException(
            string.Create(CultureInfo.InvariantCulture, $"HTTP {(int)response.StatusCode} {reason} from {where}"),
            inner: null,
            response.StatusCode);
    }

    /// <summary>Turns the many shapes of "it went wrong" into one clear exception.</summary>
    private static Exception Translate(Exception e, Uri uri, TimeSpan limit, CancellationToken caller, CancellationToken withTimeout)
    {
        if (caller.IsCancellationRequested)
        {
            return e as OperationCanceledException ?? new OperationCanceledException("The task was cancelled.", e, caller);
        }

        if (withTimeout.IsCancellationRequested)
        {
            return new TimeoutException(string.Create(CultureInfo.InvariantCulture,
                $"No complete answer from {uri.AbsolutePath} within {limit.TotalSeconds:0.###} s (timeout)."), e);
        }

        if (e is HttpRequestException { StatusCode: not null })
        {
            return e;
        }

        return new HttpRequestException($"GET {uri.AbsolutePath} failed: {e.Message}", e);
    }

    private static byte[] ReadAll(Stream body, long? length, TaskContext context, bool reportProgress, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ReadBufferBytes);
        try
        {
            using var all = NewBuffer(length);
            var progress = new ProgressSteps(context, reportProgress);
            int read;
            while ((read = body.Read(buffer, 0, ReadBufferBytes)) > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Append(all, buffer.AsSpan(0, read));
                progress.Add(read);
            }

            progress.Finish();
            return all.ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async ValueTask<byte[]> ReadAllAsync(Stream body, long? length, TaskContext context, bool reportProgress, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ReadBufferBytes);
        try
        {
            using var all = NewBuffer(length);
            var progress = new ProgressSteps(context, reportProgress);
            int read;
            while ((read = await body.ReadAsync(buffer.AsMemory(0, ReadBufferBytes), cancellationToken).ConfigureAwait(false)) > 0)
            {
                Append(all, buffer.AsSpan(0, read));
                progress.Add(read);
            }

            progress.Finish();
            return all.ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static MemoryStream NewBuffer(long? length) =>
        new(length is > 0 and <= MaxBodyBytes ? (int)length.Value : ReadBufferBytes);

    private static void Append(MemoryStream all, ReadOnlySpan<byte> chunk)
    {
        if (all.Length + chunk.Length > MaxBodyBytes)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"The answer is larger than {MaxBodyBytes / (1024 * 1024)} MB; refusing to read more."));
        }

        all.Write(chunk);
    }

    /// <summary>Reports "bytes N" each time another <see cref="ProgressStepBytes"/> arrived, and the total at the end.</summary>
    private struct ProgressSteps(TaskContext context, bool enabled)
    {
        private long _total;
        private long _reported;

        public void Add(int bytes)
        {
            _total += bytes;
            if (enabled && _total - _reported >= ProgressStepBytes)
            {
                Report();
            }
        }

        public void Finish()
        {
            if (enabled && _total != _reported)
            {
                Report();
            }
        }

        private void Report()
        {
            _reported = _total;
            context.ReportProgress(string.Create(CultureInfo.InvariantCulture, $"bytes {_total}"));
        }
    }
}

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
    private readonly TargetPolicy? _policy;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, HostGate> _gates = new(StringComparer.OrdinalIgnoreCase);

    /// <param name="requestTimeout">One request (headers and body) may take this long before it fails with a timeout.</param>
    /// <param name="policy">
    /// Real targets' rules (allow-list, https, redirects by hand, User-Agent, per-host cap and pace);
    /// null for the simulated targets. The base address itself must pass the policy.
    /// </param>
    /// <param name="capability">
    /// The run's capability for the simulated targets, sent with every request (redirects
    /// included) in <see cref="WorkloadEnvironment.TargetCapabilityHeader"/>; never sent under a policy.
    /// </param>
    public TargetClient(string targetBaseUrl, bool followRedirects, TimeSpan requestTimeout, TargetPolicy? policy = null, string? capability = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(requestTimeout, TimeSpan.Zero);
        _baseUri = NormaliseBase(targetBaseUrl);
        RequestTimeout = requestTimeout;
        _policy = policy;
        if (policy is not null && policy.Refusal(_baseUri) is { } refused)
        {
            throw new ArgumentException($"The real target {_baseUri.GetLeftPart(UriPartial.Authority)} is refused: {refused}", nameof(targetBaseUrl));
        }

        var handler = new SocketsHttpHandler
        {
            // Thousands of tasks may wait at once: a per-server connection cap would turn the
            // async and threads strategies into queues and hide the lesson.
            MaxConnectionsPerServer = int.MaxValue,
            UseProxy = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(3),
            ConnectTimeout = TimeSpan.FromSeconds(10),
            // Real targets: redirects are followed by hand, each Location checked against the policy.
            AllowAutoRedirect = followRedirects && policy is null,
            MaxAutomaticRedirections = 5,
            AutomaticDecompression = DecompressionMethods.None,
        };

        // Timeouts are per request (RequestTimeout) and cover the body too, see Send/SendAsync.
        _client = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        _client.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", policy?.UserAgent ?? UserAgent);
        if (policy is null && !string.IsNullOrEmpty(capability))
        {
            _client.DefaultRequestHeaders.TryAddWithoutValidation(WorkloadEnvironment.TargetCapabilityHeader, capability);
        }
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
            if (_policy is not null)
            {
                return GetWithPolicy(uri, context, reportProgress, timeout.Token);
            }

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
            if (_policy is not null)
            {
                return await GetWithPolicyAsync(uri, context, reportProgress, timeout.Token).ConfigureAwait(false);
            }

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

    public void Dispose()
    {
        _client.Dispose();
        foreach (var gate in _gates.Values)
        {
            gate.Dispose();
        }
    }

    /// <summary>Blocking GET under the real targets' policy: each hop checked, gated and paced per host.</summary>
    private byte[] GetWithPolicy(Uri uri, TaskContext context, bool reportProgress, CancellationToken cancellationToken)
    {
        var policy = _policy!;
        for (var hop = 0; ; hop++)
        {
            EnsureAllowed(policy, uri, hop);
            using var slot = GateFor(policy, uri).Enter(cancellationToken);
            using var request = NewRequest(uri);
            using var response = _client.Send(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (RedirectTarget(response, uri) is { } next)
            {
                uri = next;
                continue;
            }

            EnsureSuccess(response, uri);
            using var abort = cancellationToken.Register(static r => ((HttpResponseMessage)r!).Dispose(), response);
            using var body = response.Content.ReadAsStream(cancellationToken);
            return ReadAll(body, response.Content.Headers.ContentLength, context, reportProgress, cancellationToken);
        }
    }

    private async ValueTask<byte[]> GetWithPolicyAsync(Uri uri, TaskContext context, bool reportProgress, CancellationToken cancellationToken)
    {
        var policy = _policy!;
        for (var hop = 0; ; hop++)
        {
            EnsureAllowed(policy, uri, hop);
            using var slot = await GateFor(policy, uri).EnterAsync(cancellationToken).ConfigureAwait(false);
            using var request = NewRequest(uri);
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (RedirectTarget(response, uri) is { } next)
            {
                uri = next;
                continue;
            }

            EnsureSuccess(response, uri);
            var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (body.ConfigureAwait(false))
            {
                return await ReadAllAsync(body, response.Content.Headers.ContentLength, context, reportProgress, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private HostGate GateFor(TargetPolicy policy, Uri uri) =>
        _gates.GetOrAdd(uri.IdnHost, static (_, p) => new HostGate(p.MaxConcurrentPerHost, p.RequestsPerSecond), policy);

    /// <summary>Refuses a hop outside the policy (host, scheme) or past the redirect limit, naming why.</summary>
    private static void EnsureAllowed(TargetPolicy policy, Uri uri, int hop)
    {
        if (hop > policy.MaxRedirects)
        {
            throw new RedirectRefusedException(string.Create(CultureInfo.InvariantCulture,
                $"Too many redirects: more than {policy.MaxRedirects}, the last to {uri.GetLeftPart(UriPartial.Path)}."));
        }

        if (policy.Refusal(uri) is { } refused)
        {
            throw new RedirectRefusedException(hop == 0
                ? $"Refused to call {uri.GetLeftPart(UriPartial.Path)}: {refused}"
                : $"Refused to follow a redirect to {uri.GetLeftPart(UriPartial.Path)}: {refused}");
        }
    }

    /// <summary>The next address when <paramref name="response"/> is a redirect with a Location; else null.</summary>
    private static Uri? RedirectTarget(HttpResponseMessage response, Uri current)
    {
        var status = (int)response.StatusCode;
        if (status is not (301 or 302 or 303 or 307 or 308) || response.Headers.Location is not { } location)
        {
            return null;
        }

        return location.IsAbsoluteUri ? location : new Uri(current, location);
    }

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

        if (e is HttpRequestException { StatusCode: not null } or RedirectRefusedException)
        {
            return e;
        }

        // A real (non-loopback) target is named with its host: "which site was unreachable?".
        var where = uri.IsLoopback ? uri.AbsolutePath : uri.GetLeftPart(UriPartial.Path);
        return new HttpRequestException($"GET {where} failed: {e.Message}", e);
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

/// <summary>A real target's address (or a redirect to one) broke the allow-list, https or redirect-count rule.</summary>
public sealed class RedirectRefusedException(string message) : HttpRequestException(message);

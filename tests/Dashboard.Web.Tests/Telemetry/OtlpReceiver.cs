using System.Collections.Concurrent;
using System.Net;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dashboard.Web.Tests.Telemetry;

/// <summary>
/// A stand-in OTLP/HTTP collector on a loopback port: keeps every POST (path, content type,
/// body) and answers 200 with an empty body, as a collector does for a fully accepted export.
/// </summary>
internal sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<OtlpRequest> _requests = Channel.CreateUnbounded<OtlpRequest>();

    private OtlpReceiver(WebApplication app) => _app = app;

    public Uri Endpoint { get; private set; } = null!;

    public ConcurrentQueue<OtlpRequest> Received { get; } = new();

    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new OtlpReceiver(app);
        app.MapPost("/{**path}", async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            var request = new OtlpRequest(context.Request.Path.Value ?? "", context.Request.ContentType, body.ToArray());
            receiver.Received.Enqueue(request);
            receiver._requests.Writer.TryWrite(request);
            return Results.Empty;
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Endpoint = new Uri(address);
        return receiver;
    }

    /// <summary>Waits for a POST that satisfies <paramref name="match"/> (earlier ones included).</summary>
    public async Task<OtlpRequest> WaitForAsync(Func<OtlpRequest, bool> match, TimeSpan timeout)
    {
        // The channel hands each request to one reader only: look at what already came first.
        if (Received.FirstOrDefault(match) is { } earlier)
        {
            return earlier;
        }

        using var cancel = new CancellationTokenSource(timeout);
        await foreach (var request in _requests.Reader.ReadAllAsync(cancel.Token))
        {
            if (match(request))
            {
                return request;
            }
        }

        throw new InvalidOperationException("The receiver stopped.");
    }

    public async ValueTask DisposeAsync()
    {
        _requests.Writer.TryComplete();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
